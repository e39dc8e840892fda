"""The live server under a bounded load, through gunicorn -w 2. Printed by `make bench`, never asserted.

- distinct questions: a fixed number of clients, each sending its next request when the previous one is
  answered, every request a different zoledronic acid question (no cache can answer it);
- repeat questions: the same fragment revalidated with the ETag of its first answer (If-None-Match), as a
  browser or a CDN in front does: the 304 path (webapp/caching.py `Revalidation`);
- page, fragment and API throughput at 64 connections.

The load generator runs on the same two cores as the server: the figures are a floor.
"""
from __future__ import annotations

import asyncio
import contextlib
import http.client
import os
import re
import shutil
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
THROUGHPUT_QUERY = "age=70&weight=70&sex=male&creatinine=1.1&unit=mg%2FdL"
THROUGHPUT = {  # what a clinician's browser asks for: the full page, the htmx fragment, the JSON API
    "page": ("/fr/zoledronic-acid/?" + THROUGHPUT_QUERY, {}),
    "fragment": ("/fr/zoledronic-acid/?" + THROUGHPUT_QUERY, {"HX-Request": "true"}),
    "API": ("/api/v1/zoledronic-acid?" + THROUGHPUT_QUERY, {}),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, headers: dict = HEADERS) -> tuple[int, float, str]:
    """(status, seconds, ETag) of one GET on a new connection."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - start, response.getheader("ETag", "")
    finally:
        connection.close()


@contextlib.contextmanager
def gunicorn():
    """gunicorn -w 2 serving the app on a free port, once it answers; None without gunicorn."""
    try:
        import gunicorn as _  # noqa: F401  (only whether it is installed)
    except ImportError:
        print("\nLoad skipped: gunicorn is not installed (make bench installs it).")
        yield None
        return
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--backlog", "2048",
         "--log-level", "warning", "webapp:create_app()"],
        cwd=ROOT, env={**os.environ, "TRUSTED_HOSTS": "127.0.0.1"})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                get(port, "/en/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(10)


def distinct_questions(port: int) -> None:
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
            status, seconds, _ = get(port, path)
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


async def _load(port: int, path: str, headers: dict, connections: int, seconds: float) -> dict[bytes, int]:
    """`connections` clients each sending GETs back to back for `seconds` (a new connection per request:
    gunicorn's sync workers close after each answer). Returns the count of each status line's code."""
    request = (f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
               + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode()
    deadline = time.monotonic() + seconds
    counts: dict[bytes, int] = {}

    async def client() -> None:
        while time.monotonic() < deadline:
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.write(request)
                answer = await reader.read()
                writer.close()
                code = answer[9:12]
            except OSError:
                code = b"error"
            counts[code] = counts.get(code, 0) + 1

    await asyncio.gather(*(client() for _ in range(connections)))
    return counts


def rate(counts: dict[bytes, int], expected: bytes, seconds: float) -> str:
    others = sum(n for code, n in counts.items() if code != expected)
    return f"{counts.get(expected, 0) / seconds:8.0f} req/s" + (f"  ({others} other answers or errors)" if others else "")


def repeat_questions(port: int, connections: int = 16, seconds: float = 10.0) -> None:
    """With wrk (C, light on the shared cores) when installed, else the asyncio clients."""
    path = PATH.format(80)
    status, _, tag = get(port, path)
    headers = {"HX-Request": "true", "X-Live": "true", "If-None-Match": tag}
    if shutil.which("wrk"):
        out = subprocess.run(
            ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds:.0f}s", "-s", str(ROOT / "scripts" / "not_304.lua"),
             *(arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")), f"http://127.0.0.1:{port}{path}"],
            capture_output=True, text=True, check=True).stdout
        requests, others = (int(re.search(rf"^{label}: (\d+)$", out, re.M).group(1)) for label in ("requests", "not 304"))
        counts, tool = {b"304": requests - others, b"other": others}, "wrk"
    else:
        asyncio.run(_load(port, path, headers, connections, 1.0))  # warm-up
        counts, tool = asyncio.run(_load(port, path, headers, connections, seconds)), "Python clients; make bench installs wrk"
    print(f"Repeat fragment revalidated with its ETag (first answer {status}), {connections} connections, "
          f"{seconds:.0f} s ({tool}): {rate(counts, b'304', seconds).strip()} answered 304 (target ≥ 3,000)")


def throughput(port: int, connections: int = 64, seconds: float = 10.0) -> None:
    print(f"\nThroughput, gunicorn -w {WORKERS}, {connections} connections, {seconds:.0f} s each, every answer a 200:")
    for name, (path, headers) in THROUGHPUT.items():
        asyncio.run(_load(port, path, headers, connections, 1.0))  # warm-up: templates, catalogs, caches
        counts = asyncio.run(_load(port, path, headers, connections, seconds))
        print(f"  {name:9} {rate(counts, b'200', seconds)}")


def fragment_load() -> None:
    with gunicorn() as port:
        if port is None:
            return
        distinct_questions(port)
        repeat_questions(port)
        throughput(port)
