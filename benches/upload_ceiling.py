#!/usr/bin/env python3
"""How fast can an HTTP upload over loopback go on this machine, before any server work?

Sends a file to a sink that reads the body into one reused buffer and discards it, with curl
(as `cargo bench --bench lake` does) and with a client that reads and sends 1 MiB at a time,
next to `cp` of the same file. The ratios are the ceiling of the lake benchmark's
"upload vs cp" figure for each client.

    python3 benches/upload_ceiling.py /path/to/a/large/file     # 1 GiB, say; 3 rounds each
    python3 benches/upload_ceiling.py --touch                   # only the memory probe below

It also times the first and the second write of 1 GiB of fresh anonymous memory. On a VM whose
host takes back free guest pages (free page reporting), the first write pays for the host to
back each page again; page-cache pages of a new file (cp's and the server's alike) pay the same,
which is why `cp` alone varies several-fold between runs there.
"""

import mmap

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time


def sink(server: socket.socket) -> None:
    buf = memoryview(bytearray(1 << 20))
    while True:
        conn, _ = server.accept()
        data = b""
        while b"\r\n\r\n" not in data:
            data += conn.recv(65536)
        head, rest = data.split(b"\r\n\r\n", 1)
        length = next(int(l.split(b":")[1]) for l in head.split(b"\r\n") if l.lower().startswith(b"content-length"))
        left = length - len(rest)
        while left > 0:
            left -= conn.recv_into(buf)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        conn.close()


def timed(f) -> float:
    started = time.monotonic()
    f()
    return time.monotonic() - started


def touch_probe() -> None:
    size = 1 << 30
    chunk = b"\1" * (1 << 20)
    memory = mmap.mmap(-1, size)
    passes = []
    for _ in range(2):
        memory.seek(0)
        passes.append(timed(lambda: [memory.write(chunk) for _ in range(size >> 20)]))
    memory.close()
    print(f"writing 1 GiB of fresh memory: first {passes[0]:.3f} s, again {passes[1]:.3f} s")


def main() -> None:
    touch_probe()
    if sys.argv[1] == "--touch":
        return
    path = sys.argv[1]
    size = os.path.getsize(path)
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    threading.Thread(target=sink, args=(server,), daemon=True).start()
    url = f"http://127.0.0.1:{port}/x"

    def curl() -> None:
        subprocess.run(["curl", "-sS", "-f", "-o", "/dev/null", "-H", "Expect:", "-T", path, url], check=True)

    def one_mib() -> None:
        with open(path, "rb") as f, socket.create_connection(("127.0.0.1", port)) as c:
            c.sendall(b"PUT /x HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % size)
            buf = bytearray(1 << 20)
            view = memoryview(buf)
            while n := f.readinto(buf):
                c.sendall(view[:n])
            c.recv(100)

    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(path))) as scratch:
        target = os.path.join(scratch, "copy")

        def cp() -> None:
            subprocess.run(["cp", path, target], check=True)

        with open(path, "rb") as f:
            while f.read(1 << 24):
                pass  # cached, as in the lake benchmark's rounds after the first
        rounds = {"cp": [], "curl -> sink": [], "1 MiB client -> sink": []}
        for _ in range(3):
            for name, f in [("cp", cp), ("curl -> sink", curl), ("1 MiB client -> sink", one_mib)]:
                rounds[name].append(timed(f))
                if name == "cp":
                    os.remove(target)
    median = {name: sorted(times)[1] for name, times in rounds.items()}
    for name, times in rounds.items():
        ratio = median["cp"] / median[name]
        print(f"{name:22} {' / '.join(f'{t:.3f}' for t in times)} s   ratio to cp (medians) {ratio:.2f}")


if __name__ == "__main__":
    main()
