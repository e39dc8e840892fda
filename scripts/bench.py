"""Size report and Lighthouse: figures printed, never asserted (see the issue's budgets).

Per page: HTML + CSS (and any render-blocking script) gzipped, what the first visit needs
before it can paint, and JS gzipped; then the whole precache gzipped for both languages and
what a first visit downloads before its language works offline (the service worker takes the
page's own files from the HTTP cache), then the other language; then Lighthouse on every page
of the French site (performance, CLS), served from the frozen build, when Node is present;
then the input → result time of three pages at 4× CPU (input_latency.py); last, the live server under load
through gunicorn -w 2 (fragment_load.py): distinct questions, repeat questions on the 304 path, and page,
fragment and API throughput. The machine's speed (machine.py) is printed first and last: every timing here
scales with it, and it varies from hour to hour.
"""
from __future__ import annotations

import functools
import gzip
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fragment_load import fragment_load  # noqa: E402  (scripts/ is on the path: this file's folder)
from input_latency import input_latency  # noqa: E402
from machine import machine_speed  # noqa: E402
from webapp.freeze import freeze  # noqa: E402

BUDGET_FIRST_PAGE = 14 * 1024
BUDGET_PRECACHE = 170 * 1024
BUDGET_FIRST_VISIT = 160 * 1024  # until the page's own language works offline


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def linked(html: str, kind: str) -> list[str]:
    pattern = r'<link rel="stylesheet" href="([^"]+)"' if kind == "css" else r'<script[^>]+src="([^"]+)"'
    return re.findall(pattern, html)


def render_blocking(html: str) -> list[str]:
    """Style sheets, and scripts that are neither modules nor deferred nor async."""
    scripts = [re.search(r'src="([^"]+)"', tag).group(1) for tag in re.findall(r"<script[^>]*src=[^>]*>", html)
               if not re.search(r'type="module"|\sdefer|\sasync', tag)]
    return linked(html, "css") + scripts


def module_graph(build: Path, entry: str) -> set[str]:
    """A module and everything it imports statically or dynamically."""
    seen, todo = set(), [entry]
    while todo:
        url = todo.pop()
        if url in seen or not (build / url.lstrip("/")).exists():
            continue
        seen.add(url)
        source = (build / url.lstrip("/")).read_text()
        for spec in re.findall(r'(?:import|from)\s*\(?\s*"(\.[^"]+)"', source):
            todo.append(posixpath.normpath(posixpath.join(posixpath.dirname(url), spec)))  # "./", "../", subfolders
    return seen


def sizes(build: Path, pages: dict[str, bytes]) -> None:
    """The size section: each page's first paint, the precache of both languages and the first visit."""
    print(f"{'page':38} {'HTML+CSS gz':>12} {'JS gz':>8}  (JS counts modules loaded on demand too)")
    for url in sorted(u for u in pages if u.endswith("/") and u != "/"):
        html = pages[url].decode()
        blocking = sum(gz(pages[href]) for href in render_blocking(html))
        scripts: set[str] = set()
        for src in linked(html, "js"):
            scripts |= module_graph(build, src)
        js = sum(gz(pages[src]) for src in scripts if src in pages)
        flag = "" if gz(pages[url]) + blocking <= BUDGET_FIRST_PAGE else f"  over budget ({BUDGET_FIRST_PAGE // 1024} KB)"
        print(f"{url:38} {gz(pages[url]) + blocking:>12,} {js:>8,}{flag}")
    # What the service worker downloads: every file of the build, except the pages, which come in their
    # language's pack (PACKS in sw.js).
    packs = json.loads(re.search(r"^const PACKS = (.*);$", pages["/sw.js"].decode(), re.M).group(1))
    packed = {"/" + path for members in packs.values() for path in members}
    precached = {url: body for url, body in pages.items() if url != "/sw.js" and url not in packed}
    total = sum(gz(body) for body in precached.values())
    print(f"\nPrecache, both languages, gzipped: {total:,} B ({total / 1024:.0f} KB; "
          f"{budget(total, BUDGET_PRECACHE)}), the pages in {len(packs)} packs")
    for lang, other in (("fr", "en"), ("en", "fr")):
        first = sum(gz(body) for url, body in precached.items() if not url.startswith(f"/{other}/"))
        # The page visited is downloaded by the browser, then again in its language's pack: the largest one.
        page = max((url for url in packed if url.startswith(f"/{lang}/")), key=lambda url: gz(pages[url]))
        visit = first + gz(pages["/sw.js"]) + gz(pages[page])
        print(f"First visit in {lang}: {visit:,} B gz until every {lang} page works offline "
              f"(opening {page}, its largest page, which the pack brings again; sw.js and the files shared "
              f"included, each fetched once; {budget(visit, BUDGET_FIRST_VISIT)}), then {total - first:,} B for {other}")


def budget(size: int, limit: int) -> str:
    return f"{'over' if size > limit else 'within'} budget, {limit / 1024:.0f} KB"


def main() -> None:
    machine_speed("at the start")
    build = Path(tempfile.mkdtemp()) / "build"
    pages = freeze(build)
    sizes(build, pages)
    server = serve(build)
    try:
        lighthouse(f"http://127.0.0.1:{server.server_port}",
                   sorted(u for u in pages if u.startswith("/fr/") and u.endswith("/") and u != "/fr/offline/"))
        input_latency(f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
    shutil.rmtree(build.parent)
    fragment_load()
    machine_speed("at the end")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(build: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(build)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def lighthouse(base_url: str, paths: list[str]) -> None:
    if not shutil.which("npx"):
        print("Lighthouse skipped: Node is not installed.")
        return
    chrome = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    print(f"\nLighthouse (mobile), every page of the French site: {'perf':>4} {'a11y':>4} {'b-p':>4} {'seo':>4}"
          "  FCP, LCP, TBT, CLS")
    for path in paths:
        url = base_url + path
        out = subprocess.run(
            ["npx", "--yes", "lighthouse@12.2.3", url, "--output=json", "--quiet", "--only-categories=performance,accessibility,best-practices,seo",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome}, timeout=300,
        )
        if out.returncode:
            print(f"Lighthouse failed on {path}: {out.stderr.strip()[-300:]}")
            continue
        report = json.loads(out.stdout)
        scores = [round(report["categories"][k]["score"] * 100) for k in ("performance", "accessibility", "best-practices", "seo")]
        audits = report["audits"]
        print(f"  {path:50} " + " ".join(f"{score:>4}" for score in scores)
              + f"  {audits['first-contentful-paint']['displayValue']}, {audits['largest-contentful-paint']['displayValue']}, "
              f"{audits['total-blocking-time']['displayValue']}, CLS {audits['cumulative-layout-shift']['numericValue']:.3f}")


# The size section only: python -c "import sys; sys.path[:0] = ['scripts']; import bench; bench.sizes_only()".
def sizes_only() -> None:
    build = Path(tempfile.mkdtemp()) / "build"
    try:
        sizes(build, freeze(build))
    finally:
        shutil.rmtree(build.parent)


if __name__ == "__main__":
    main()
