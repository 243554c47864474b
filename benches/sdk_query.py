"""Python SDK query of 1,000,000 rows to a pyarrow.Table, against the same query read directly
(`/v1/query` with format=arrow read by pyarrow.ipc) and as JSON parsed by json.loads.

    TARN_BIN=target/release/tarn python3 benches/sdk_query.py [rows] [rounds]

Starts its own server (fresh SQLite and lake), uploads one Parquet file of `rows` rows, then
runs each way `rounds` times, each in a fresh Python process so peak memory (max RSS) is its
own. Prints the median time, peak RSS and the ratios to the direct Arrow read.
"""

import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pyarrow as pa
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
PASSWORD = "bench-admin-password"
SQL = "SELECT * FROM bench.events"

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[4])
import httpx, pyarrow as pa
from tarn import Tarn
url, token, way = sys.argv[1], sys.argv[2], sys.argv[3]
sql = "SELECT * FROM bench.events"
start = time.perf_counter()
if way == "sdk":
    rows = Tarn(url, token=token).query(sql).num_rows
elif way == "arrow":
    r = httpx.post(url + "/v1/query", json={"sql": sql, "format": "arrow"},
                   headers={"Authorization": "Bearer " + token}, timeout=600)
    rows = pa.ipc.open_stream(r.content).read_all().num_rows
else:
    r = httpx.post(url + "/v1/query", json={"sql": sql, "format": "json"},
                   headers={"Authorization": "Bearer " + token}, timeout=600)
    rows = len(json.loads(r.content)["rows"])
elapsed = time.perf_counter() - start
print(json.dumps({"rows": rows, "seconds": elapsed,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    binary = os.environ.get("TARN_BIN", str(HERE.parent / "target" / "release" / "tarn"))
    data = tempfile.mkdtemp(prefix="tarn-sdk-bench-")
    port = free_port()
    env = {**os.environ, "TARN_ADMIN_PASSWORD": PASSWORD, "TARN_LISTEN": f"127.0.0.1:{port}",
           "TARN_DATA_DIR": data, "TARN_LOG_LEVEL": "warn"}
    server = subprocess.Popen([binary, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(url + "/readyz").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        sys.path.insert(0, str(HERE.parent / "clients" / "python"))
        from tarn import Tarn

        lake = Tarn(url).login("admin", PASSWORD)
        headers = {"Authorization": f"Bearer {lake.token}"}
        httpx.post(url + "/v1/databases", json={"name": "bench"}, headers=headers).raise_for_status()
        columns = [{"name": "id", "type": "Int64"}, {"name": "user_id", "type": "Int64"},
                   {"name": "amount", "type": "Float64"}, {"name": "country", "type": "Utf8"},
                   {"name": "kind", "type": "Utf8"}]
        httpx.post(url + "/v1/databases/bench/tables", headers=headers,
                   json={"name": "events", "format": "parquet", "columns": columns}).raise_for_status()
        table = pa.table({
            "id": pa.array(range(rows), pa.int64()),
            "user_id": pa.array([i % 10_007 for i in range(rows)], pa.int64()),
            "amount": pa.array([(i % 1000) / 10 for i in range(rows)], pa.float64()),
            "country": pa.array([("de", "fr", "us", "jp")[i % 4] for i in range(rows)]),
            "kind": pa.array([("view", "click", "buy")[i % 3] for i in range(rows)]),
        })
        path = Path(data) / "events.parquet"
        pq.write_table(table, path, compression="zstd")
        lake.upload(path, "bench", "events")
        results = {}
        for way in ("arrow", "sdk", "json"):
            runs = []
            for _ in range(rounds):
                out = subprocess.run([sys.executable, "-c", CHILD, url, lake.token, way,
                                      str(HERE.parent / "clients" / "python")],
                                     capture_output=True, text=True, check=True).stdout
                runs.append(json.loads(out))
            assert all(r["rows"] == rows for r in runs), runs
            results[way] = (statistics.median(r["seconds"] for r in runs), max(r["max_rss_mb"] for r in runs))
        base_s, base_mb = results["arrow"]
        print(f"{rows:,} rows, {rounds} rounds each, median time and peak RSS of a fresh process")
        for way, (seconds, mb) in results.items():
            print(f"{way:6} {seconds * 1000:9.1f} ms  {mb:8.1f} MB   time x{seconds / base_s:.2f}  memory x{mb / base_mb:.2f}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
