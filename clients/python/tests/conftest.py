"""A live Tarn server for the SDK tests: the binary cargo built (or TARN_BIN), on a free port,
with a fresh SQLite catalog and lake in a temporary folder."""

import os
import socket
import subprocess
import time
from pathlib import Path

import httpx
import pytest

ADMIN_PASSWORD = "sdk-test-admin-pw"
REPO = Path(__file__).resolve().parents[3]


def _binary() -> Path:
    if os.environ.get("TARN_BIN"):
        return Path(os.environ["TARN_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    for profile in ("debug", "release"):
        candidate = target / profile / "tarn"
        if candidate.exists():
            return candidate
    return target / "debug" / "tarn"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    binary = _binary()
    if not binary.exists():
        message = f"no tarn binary at {binary}: run `cargo build` first or set TARN_BIN"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    data = tmp_path_factory.mktemp("tarn-data")
    port = _free_port()
    env = {**os.environ, "TARN_ADMIN_PASSWORD": ADMIN_PASSWORD, "TARN_LISTEN": f"127.0.0.1:{port}",
           "TARN_DATA_DIR": str(data), "TARN_LOG_LEVEL": "warn"}
    env.pop("TARN_DATABASE_URL", None)
    log = open(data / "server.log", "wb")
    process = subprocess.Popen([str(binary), "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"tarn did not start: {(data / 'server.log').read_text(errors='replace')[-2000:]}")
        time.sleep(0.1)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
