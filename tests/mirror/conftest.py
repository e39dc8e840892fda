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


# The answers cross as tagged JSON (JSON has no -0, NaN or Infinity; a replacer is slow, so only when one is
# present), gzipped (results repeat the same notes and sources: tens of MB become a few hundred kB), base64.
_ENCODE = """async (out) => {
  const special = (v) => typeof v === "number" ? Object.is(v, -0) || !Number.isFinite(v)
    : v !== null && typeof v === "object" && Object.values(v).some(special);
  const json = !special(out) ? JSON.stringify(out) : JSON.stringify(out, (key, value) => {
    if (typeof value === "number" && (Object.is(value, -0) || !Number.isFinite(value))) {
      return {"$number": Object.is(value, -0) ? "-0" : String(value)};
    }
    return value;
  });
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream("gzip"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}"""

_RUN = """(m, name, params) => {
  try { return m.run(name, params); } catch (e) { return {exception: String(e && e.stack || e)}; }
}"""

_RUN_BATCH = f"""async ([url, text]) => {{
  const m = await import(url);
  const run = {_RUN};
  return ({_ENCODE})(JSON.parse(text).map(([name, params]) => run(m, name, params)));
}}"""

# Exactly equal, as tests/mirror/canonical.first_difference decides, for an expected value read from Python's
# JSON: numbers by Object.is (-0 is not 0, NaN is NaN; 60 and 60.0 are one JSON number), a bool never a number,
# keys in any order, a key whose value is undefined absent (as JSON.stringify drops it). It only sorts: what it
# calls different is checked and described again in Python, so it may be stricter, never looser.
_SAME = """(expected, actual) => {
  const same = (e, a) => {
    if (typeof e === "number") return typeof a === "number" && Object.is(e, a);
    if (e === null || typeof e !== "object") return e === a;
    if (Array.isArray(e)) return Array.isArray(a) && a.length === e.length && e.every((item, i) => same(item, a[i]));
    if (Object.keys(e).length === 1 && typeof e.$number === "string") return typeof a === "number" && Object.is(Number(e.$number), a);
    if (a === null || typeof a !== "object" || Array.isArray(a) || Object.getPrototypeOf(a) !== Object.prototype) return false;
    const keys = Object.keys(e), present = Object.keys(a).filter((key) => a[key] !== undefined);
    return present.length === keys.length && keys.every((key) => Object.hasOwn(a, key) && same(e[key], a[key]));
  };
  return same(expected, actual);
}"""

_DIFFERING = f"""async ([url, text, expectedGzip]) => {{
  const m = await import(url);
  const run = {_RUN}, same = {_SAME};
  const bytes = Uint8Array.from(atob(expectedGzip), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  const expected = JSON.parse(await new Response(stream).text()), differing = [];
  JSON.parse(text).forEach(([name, params], i) => {{
    const answer = run(m, name, params);
    if (!same(expected[i], answer)) differing.push([i, answer]);
  }});
  return ({_ENCODE})(differing);
}}"""

_NUMBERS = {"-0": -0.0, "NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def _untag(obj: dict) -> Any:
    if len(obj) == 1 and "$number" in obj:
        return _NUMBERS[obj["$number"]]
    return obj


def _decode(encoded: str) -> Any:
    text = gzip.decompress(base64.b64decode(encoded)).decode("utf-8")
    return json.loads(text, object_hook=_untag) if '"$number"' in text else json.loads(text)


class Mirror:
    """The JS mirror in one Chromium page."""

    def __init__(self, page, origin: str) -> None:
        self.page = page
        self.url = origin + MODULE_URL

    def run_batch(self, cases: list[tuple[str, dict[str, str]]]) -> list[dict[str, Any]]:
        """run(name, params) for every case, in one page.evaluate."""
        return _decode(self.page.evaluate(_RUN_BATCH, [self.url, json.dumps(cases)]))

    def differing(self, cases: list[tuple[str, dict[str, str]]], expected: list[str]) -> dict[int, Any]:
        """{index: the mirror's answer} for the cases whose answer is not exactly the expected one (JSON texts,
        as canonical.outcome_json writes them), compared in the page: only those answers cross back."""
        # Megabytes of JSON cross the Playwright pipe far slower than their gzip (a few hundred kB).
        packed = base64.b64encode(gzip.compress(f"[{','.join(expected)}]".encode("utf-8"), compresslevel=1)).decode("ascii")
        found = _decode(self.page.evaluate(_DIFFERING, [self.url, json.dumps(cases), packed]))
        return dict((index, answer) for index, answer in found)

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
