"""Where the time of one page render goes: cProfile over N renders through the Flask test client.

    .venv/bin/python scripts/profile_page.py [-n 200] [--top 25] [--url /fr/schedule/?...] [--sort cumulative]

Renders a full calculator page with a result (the schedule by default: the largest page) N times, after a
few warm-up renders (the first one compiles templates and loads catalogs), prints the mean and median ms
per render without the profiler, then the top costs with it. Stdlib only (cProfile, pstats).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from webapp import create_app  # noqa: E402

# A full page with a result: every event kind, a vitamin D loading, a clearance, a stop.
DEFAULT_URL = ("/fr/schedule/?agent=denosumab&start=2027-01-04&interval=4w&vitamin_d=17.5&unit=ng%2FmL"
               "&crcl=43.7&stop=2027-06-01&today=2026-12-01")
WARM_UP = 5


def render(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert b'<section id="result"' in response.data


def timed(client, url: str, count: int) -> tuple[list[float], list[float]]:
    """Wall and CPU ms per render: on a shared machine the CPU time is the steadier figure."""
    wall, cpu = [], []
    for _ in range(count):
        started, started_cpu = time.perf_counter(), time.process_time()
        render(client, url)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="renders to time and to profile (default 200)")
    parser.add_argument("--top", type=int, default=25, help="how many functions to list (default 25)")
    parser.add_argument("--url", default=DEFAULT_URL, help="the page to render")
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"], help="pstats order")
    args = parser.parse_args()

    app = create_app({"TESTING": True})
    client = app.test_client()
    for _ in range(WARM_UP):
        render(client, args.url)

    wall, cpu = timed(client, args.url, args.n)
    print(f"{args.url}\n{args.n} renders, no profiler: wall median {statistics.median(wall):.2f} ms "
          f"(mean {statistics.fmean(wall):.2f}, min {min(wall):.2f}); CPU median {statistics.median(cpu):.2f} ms "
          f"(min {min(cpu):.2f})")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.n):
        render(client, args.url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
