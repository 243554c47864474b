"""The hand-written layer over the generated ``tarn.api``: login, pages, Arrow queries, uploads."""

from __future__ import annotations

import os
from typing import Any, BinaryIO, Callable, Dict, Iterator, Optional, Union
from urllib.parse import quote

import httpx

from .api.api.databases import database_list
from .api.api.search import search_list as search_op
from .api.api.tables import table_list
from .api.client import AuthenticatedClient
from .errors import TarnError, from_response

#: Upload chunk size: large enough to keep the connection busy, small enough for progress.
CHUNK = 1 << 20


class Tarn:
    """A session with one Tarn server.

    >>> lake = Tarn("http://127.0.0.1:8470").login("admin", "secret")
    >>> [d.name for d in lake.databases()]
    """

    def __init__(self, url: str = "http://127.0.0.1:8470", token: Optional[str] = None, timeout: float = 300.0):
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.token = token
        self._http = httpx.Client(base_url=self.url, timeout=timeout)
        self._api: Optional[AuthenticatedClient] = None

    # -- authentication ---------------------------------------------------------------------

    def login(self, username: str, password: str) -> "Tarn":
        """Signs in as a user; raises ``Unauthenticated`` on a wrong name or password."""
        return self._token({"grant_type": "password", "username": username, "password": password})

    def login_service(self, client_id: str, client_secret: str) -> "Tarn":
        """Signs in as a service principal (OAuth2 client credentials)."""
        return self._token({"grant_type": "client_credentials", "client_id": client_id,
                            "client_secret": client_secret})

    def _token(self, body: Dict[str, str]) -> "Tarn":
        response = self._http.post("/v1/auth/token", json=body)
        self._check(response)
        self.token = response.json()["access_token"]
        self._api = None
        return self

    @property
    def api(self) -> AuthenticatedClient:
        """The generated client, authenticated: pass it to any ``tarn.api.api.*`` operation."""
        if self.token is None:
            raise TarnError(401, "unauthenticated", "not signed in: call login() first")
        if self._api is None:
            self._api = AuthenticatedClient(base_url=self.url, token=self.token,
                                            timeout=httpx.Timeout(self.timeout))
        return self._api

    def _headers(self) -> Dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    # -- calling generated operations -------------------------------------------------------

    def call(self, operation: Any, **kwargs: Any) -> Any:
        """Runs a generated operation (e.g. ``tarn.api.api.tables.table_get``) and returns its
        parsed answer, or raises the ``TarnError`` of its problem document."""
        response = operation.sync_detailed(client=self.api, **kwargs)
        if response.status_code >= 400:
            raise from_response(int(response.status_code), response.content)
        return response.parsed

    def pages(self, operation: Any, items: str, **kwargs: Any) -> Iterator[Any]:
        """Every item of a paginated list, fetching pages as it goes."""
        token = None
        while True:
            page = self.call(operation, page_token=token, **kwargs) if token else self.call(operation, **kwargs)
            yield from getattr(page, items)
            token = page.next_page_token if isinstance(page.next_page_token, str) else None
            if not token:
                return

    def databases(self) -> Iterator[Any]:
        return self.pages(database_list, "databases")

    def tables(self, database: str) -> Iterator[Any]:
        return self.pages(table_list, "tables", db=database)

    def search(self, q: str, max_results: int = 20) -> Any:
        return self.call(search_op, q=q, max_results=max_results)

    # -- data ------------------------------------------------------------------------------

    def query(self, sql: str, max_rows: Optional[int] = None) -> "Any":
        """Runs SQL and returns the result as a ``pyarrow.Table`` (``.to_pandas()`` for pandas).

        The result travels as an Arrow IPC stream, so types survive and nothing is re-parsed.
        """
        import pyarrow as pa

        body: Dict[str, Any] = {"sql": sql, "format": "arrow"}
        if max_rows is not None:
            body["max_rows"] = max_rows
        response = self._http.post("/v1/query", json=body, headers=self._headers())
        self._check(response)
        return pa.ipc.open_stream(pa.py_buffer(response.content)).read_all()

    def upload(self, source: Union[str, os.PathLike, BinaryIO], database: str, table: str,
               name: Optional[str] = None, partition: Optional[str] = None, overwrite: bool = False,
               progress: Optional[Callable[[int, Optional[int]], None]] = None) -> Dict[str, Any]:
        """Streams a file into a table's folder in the lake (INSERT on the table).

        ``partition`` is a Hive-style folder such as ``year=2024/month=06``; ``progress`` is
        called with (bytes sent, total or None) after every chunk.
        """
        close = False
        if isinstance(source, (str, os.PathLike)):
            name = name or os.path.basename(os.fspath(source))
            handle: BinaryIO = open(source, "rb")
            close = True
        else:
            handle = source
        if not name:
            raise ValueError("name is needed when uploading from a stream")
        total = _size(handle)

        def chunks() -> Iterator[bytes]:
            sent = 0
            while True:
                chunk = handle.read(CHUNK)
                if not chunk:
                    return
                sent += len(chunk)
                yield chunk
                if progress:
                    progress(sent, total)

        params: Dict[str, str] = {}
        if partition:
            params["partition"] = partition
        if overwrite:
            params["overwrite"] = "true"
        path = f"/v1/databases/{quote(database)}/tables/{quote(table)}/files/{quote(name)}"
        headers = {**self._headers(), "Content-Type": "application/octet-stream"}
        if total is not None:
            headers["Content-Length"] = str(total)
        try:
            response = self._http.put(path, params=params, content=chunks(), headers=headers)
        finally:
            if close:
                handle.close()
        self._check(response)
        return response.json()

    def credentials(self, database: str, table: str, **body: Any) -> Dict[str, Any]:
        """Vended, time-limited access to a table's files for an external engine."""
        path = f"/v1/databases/{quote(database)}/tables/{quote(table)}/credentials"
        response = self._http.post(path, json=body, headers=self._headers())
        self._check(response)
        return response.json()

    def vended_files(self, database: str, table: str, **body: Any) -> "Any":
        """READ credentials for a table, as an fsspec file system that engines read from
        (``duckdb.register_filesystem(files)``, then ``read_parquet(files.paths())``). Needs
        ``fsspec`` (``pip install './clients/python[engines]'``); ``body`` is passed on to
        ``credentials`` (``supported_permission_types=[...]`` for a restricted caller)."""
        from .vended import VendedFiles

        return VendedFiles(self.url, self.credentials(database, table, operation="READ", **body), self.timeout)

    @staticmethod
    def _check(response: httpx.Response) -> None:
        if response.status_code >= 400:
            raise from_response(response.status_code, response.content)

    def close(self) -> None:
        self._http.close()
        if self._api is not None:
            self._api.get_httpx_client().close()

    def __enter__(self) -> "Tarn":
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()


def _size(handle: BinaryIO) -> Optional[int]:
    try:
        position = handle.tell()
        size = os.fstat(handle.fileno()).st_size
        return size - position
    except (AttributeError, OSError, ValueError):
        return None
