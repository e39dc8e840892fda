"""The browser mirror loaded in Chromium, once per test module, with batch runners.

`static/` is served by Python's http.server on a free loopback port (the mirror has no
dependency on the Flask app); a blank page of that origin imports /js/clinical/index.mjs.
Data crosses the Playwright boundary as one JSON string each way (much faster than
object serialisation for large batches), the answers gzipped; -0 and non-finite numbers
are tagged so that nothing is lost in JSON.
"""
from __future__ import annotations

import base64
import functools
import gzip
import json
import math
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

STATIC = Path(__file__).resolve().parents[2] / "static"
MODULE_URL = "/js/clinical/index.mjs"


class _QuietStatic(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript", ".js": "text/javascript"}

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def static_origin():
    """http://127.0.0.1:PORT serving static/ (so the mirror is at /js/clinical/index.mjs)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietStatic, directory=str(STATIC)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(5)


_RUN_BATCH = """async ([url, text]) => {
  const m = await import(url);
  const cases = JSON.parse(text);
  const out = cases.map(([name, params]) => {
    try { return m.run(name, params); } catch (e) { return {exception: String(e && e.stack || e)}; }
  });
  // JSON has no -0, NaN or Infinity: tag them (rare, so only when present: a replacer is slow).
  const special = (v) => typeof v === "number" ? Object.is(v, -0) || !Number.isFinite(v)
    : v !== null && typeof v === "object" && Object.values(v).some(special);
  const json = !special(out) ? JSON.stringify(out) : JSON.stringify(out, (key, value) => {
    if (typeof value === "number" && (Object.is(value, -0) || !Number.isFinite(value))) {
      return {"$number": Object.is(value, -0) ? "-0" : String(value)};
    }
    return value;
  });
  // Results repeat the same notes and sources: gzip them (tens of MB → a few hundred kB) and send base64.
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream("gzip"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}"""

_NUMBERS = {"-0": -0.0, "NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def _untag(obj: dict) -> Any:
    if len(obj) == 1 and "$number" in obj:
        return _NUMBERS[obj["$number"]]
    return obj


class Mirror:
    """The JS mirror in one Chromium page."""

    def __init__(self, page, origin: str) -> None:
        self.page = page
        self.url = origin + MODULE_URL

    def run_batch(self, cases: list[tuple[str, dict[str, str]]]) -> list[dict[str, Any]]:
        """run(name, params) for every case, in one page.evaluate."""
        text = gzip.decompress(base64.b64decode(self.page.evaluate(_RUN_BATCH, [self.url, json.dumps(cases)])))
        text = text.decode("utf-8")
        return json.loads(text, object_hook=_untag) if '"$number"' in text else json.loads(text)

    def evaluate(self, expression: str) -> Any:
        """An expression with the module bound to `m`, e.g. "m.MSGIDS"."""
        return self.page.evaluate(f"async (url) => {{ const m = await import(url); return {expression}; }}", self.url)


@pytest.fixture(scope="module")
def mirror(browser, static_origin):
    context = browser.new_context()
    page = context.new_page()
    page.goto(static_origin + "/")
    yield Mirror(page, static_origin)
    context.close()
