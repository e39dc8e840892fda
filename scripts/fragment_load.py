"""htmx fragments per second through gunicorn, under a bounded load: a fixed number of clients,
each sending its next request when the previous one is answered, a fixed number of requests in
all, every one a distinct question (no cache can answer it). Printed by `make bench`, never asserted."""
from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
CLIENTS = 4
REQUESTS = 600
PATH = "/en/zoledronic-acid/?age=70&weight=70&sex=male&unit=umol%2FL&creatinine={}"
HEADERS = {"HX-Request": "true", "X-Live": "true", "Host": "127.0.0.1"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> tuple[int, float]:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=HEADERS)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - start
    finally:
        connection.close()


def wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            get(port, "/en/")
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def fragment_load() -> None:
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        print("\nFragment req/s skipped: gunicorn is not installed (make bench installs it).")
        return
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--log-level", "warning",
         "webapp:create_app()"],
        cwd=ROOT, env={**os.environ, "TRUSTED_HOSTS": "127.0.0.1"})
    try:
        wait_until_up(port, server)
        for creatinine in range(40, 60):  # warm-up: imports, templates, catalogs in both workers
            get(port, PATH.format(creatinine))
        paths = iter(PATH.format(f"{60 + i / 10:.1f}") for i in range(REQUESTS))
        lock = threading.Lock()
        times: list[float] = []
        errors = 0

        def client() -> None:
            nonlocal errors
            while True:
                with lock:
                    path = next(paths, None)
                if path is None:
                    return
                status, seconds = get(port, path)
                with lock:
                    times.append(seconds)
                    errors += status != 200

        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
        ms = sorted(t * 1000 for t in times)
        print(f"\nFragments through gunicorn ({WORKERS} sync workers, {CLIENTS} clients, {REQUESTS} distinct "
              f"zoledronic-acid questions): {len(times) / elapsed:.0f} req/s, median {statistics.median(ms):.1f} ms, "
              f"p95 {ms[max(0, round(0.95 * len(ms)) - 1)]:.1f} ms, {errors} not 200")
    finally:
        server.terminate()
        server.wait(10)
