"""A table's files through credentials vended by Tarn, as an fsspec file system.

External engines read a table's files themselves once Tarn has vended access to them: pre-signed
URLs on S3, or a data token for ``/v1/data/{db}/{table}`` on a local lake. ``VendedFiles`` hides
the difference behind fsspec, which DuckDB (``duckdb.register_filesystem``), pyarrow.dataset,
pandas and polars all accept, so no engine needs S3 keys or an extension download. Paths are
``tarn://<database>/<table>/<path in the table's folder>``. The engine is responsible for the
``columns`` and ``row_filter`` the credentials carry.
"""

from __future__ import annotations

import datetime
from typing import Any, Dict, List, Optional

import httpx
from fsspec.spec import AbstractBufferedFile, AbstractFileSystem


class VendedFiles(AbstractFileSystem):
    protocol = "tarn"
    # One instance per set of credentials: fsspec must not hand back a cached one.
    cachable = False

    def __init__(self, base_url: str, credentials: Dict[str, Any], timeout: float = 300.0, **kwargs: Any):
        super().__init__(**kwargs)
        self.credentials = credentials
        self.database, self.table = credentials["table"].split(".", 1)
        self.columns: List[str] = credentials.get("columns", [])
        self.row_filter: Optional[str] = credentials.get("row_filter")
        self.expires_at = datetime.datetime.fromisoformat(credentials["expires_at"].replace("Z", "+00:00"))
        headers = {}
        if credentials["access_type"] == "data_token":
            headers["Authorization"] = f"Bearer {credentials['token']}"
            base_url = base_url.rstrip("/") + credentials["endpoint"]
        # The listing is the endpoint itself; files are below it (httpx adds a `/` to a base).
        self._listing_url = base_url
        self._http = httpx.Client(base_url=base_url, headers=headers, timeout=timeout)
        self._urls = {f["path"]: f["url"] for f in credentials.get("files", [])}
        self._sizes: Optional[Dict[str, int]] = None

    @property
    def root(self) -> str:
        return f"tarn://{self.database}/{self.table}"

    def paths(self) -> List[str]:
        """Every file of the table, as ``tarn://`` paths."""
        return [f"{self.root}/{path}" for path in sorted(self._listing())]

    def _listing(self) -> Dict[str, int]:
        if self._sizes is None:
            if self._urls:
                self._sizes = {path: self._head_size(url) for path, url in self._urls.items()}
            else:
                response = self._http.get(self._listing_url)
                response.raise_for_status()
                self._sizes = {f["path"]: f["size"] for f in response.json()["files"]}
        return self._sizes

    def _head_size(self, url: str) -> int:
        # A pre-signed GET URL does not allow HEAD: ask for the first byte and read the total.
        response = self._http.get(url, headers={"Range": "bytes=0-0"})
        response.raise_for_status()
        return int(response.headers.get("Content-Range", "/0").rsplit("/", 1)[-1])

    def _relative(self, path: str) -> str:
        path = self._strip_protocol(path)
        prefix = f"{self.database}/{self.table}"
        if path != prefix and not path.startswith(prefix + "/"):
            raise FileNotFoundError(f"{path} is outside {self.root}: the credentials cover only that table")
        return path[len(prefix):].lstrip("/")

    def ls(self, path: str, detail: bool = True, **kwargs: Any):
        relative = self._relative(path)
        below = {p: s for p, s in self._listing().items() if relative == "" or p.startswith(relative + "/")}
        entries, folders = [], set()
        for file, size in sorted(below.items()):
            rest = file[len(relative):].lstrip("/")
            head, _, tail = rest.partition("/")
            name = f"{self.database}/{self.table}/{relative + '/' if relative else ''}{head}"
            if tail:
                if head not in folders:
                    folders.add(head)
                    entries.append({"name": name, "size": 0, "type": "directory"})
            else:
                entries.append({"name": name, "size": size, "type": "file"})
        if not entries and relative not in self._listing():
            raise FileNotFoundError(path)
        return entries if detail else [e["name"] for e in entries]

    def info(self, path: str, **kwargs: Any) -> Dict[str, Any]:
        relative = self._relative(path)
        sizes = self._listing()
        if relative in sizes:
            return {"name": self._strip_protocol(path), "size": sizes[relative], "type": "file"}
        if any(p.startswith(relative + "/") for p in sizes) or relative == "":
            return {"name": self._strip_protocol(path), "size": 0, "type": "directory"}
        raise FileNotFoundError(path)

    def modified(self, path: str) -> datetime.datetime:
        # Vended files do not say when they changed; DuckDB only needs a stable answer.
        self.info(path)
        return self.expires_at

    def _open(self, path: str, mode: str = "rb", block_size: Any = None, **kwargs: Any) -> "_VendedFile":
        if mode != "rb":
            raise NotImplementedError("vended READ access reads files; use the API to write them")
        relative = self._relative(path)
        return _VendedFile(self, path, relative, block_size=block_size or 4 << 20, mode=mode,
                           size=self.info(path)["size"], cache_type="readahead")

    def fetch(self, relative: str, start: int, end: int) -> bytes:
        if start >= end:
            return b""
        url = self._urls.get(relative, relative)
        response = self._http.get(url, headers={"Range": f"bytes={start}-{end - 1}"})
        response.raise_for_status()
        return response.content


class _VendedFile(AbstractBufferedFile):
    def __init__(self, fs: VendedFiles, path: str, relative: str, **kwargs: Any):
        self.relative = relative
        super().__init__(fs, path, **kwargs)

    def _fetch_range(self, start: int, end: int) -> bytes:
        return self.fs.fetch(self.relative, start, end)
