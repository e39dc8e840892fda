"""Junk sent to every route, as an attacker or a broken client would: never a 5xx.

Every URL of the site (pages in both languages, htmx fragments, every API endpoint,
the PWA files) gets generated query keys — the app's own and url_for's reserved names,
every field of every calculator, random text — with values chosen to break parsers
(empty, NUL, huge, invalid percent-encoding and raw non-UTF-8 bytes, numbers past
64 bits, NaN, FTS5 syntax, HTML), by GET and POST, with and without the htmx headers.
Bounded by example counts (about 30 s in all), never by a timer.
"""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.exceptions import HTTPException

from webapp import ROOT
from webapp.clinical import CALCULATORS
from webapp.errors import MAX_REQUEST_BYTES
from webapp.pages import PAGES

OPENAPI = json.loads((ROOT / "webapp" / "openapi.json").read_text())
API_FIELDS = {path: {p["name"] for p in operation["get"]["parameters"]} for path, operation in OPENAPI["paths"].items()}
PAGE_FIELDS = {f"/{lang}/{slug}/": set(page.fields) for slug, page in PAGES.items() for lang in ("fr", "en")}

URLS = sorted({
    "/", "/sw.js", "/icons/any-192.png", "/icons/maskable-512.png", "/icons/any-7.png", "/static/css/app.css",
    "/static/js/app.mjs", "/static/../webapp/__init__.py", "/api/v1/openapi.json", "/api/v1/nothing", "/api/v2/x",
    "/de/", "/fr/no-such-page/", "/fr/%ff/", "/en/vitamin-d/%00/", "/api/v1/%ff", "/en/vitamin-d",
    *(f"/{lang}/{page}" for lang in ("fr", "en") for page in
      ("", "references/", "references/others.html", "evidence/", "about/", "offline/", "my-treatment/",
       "my-treatment/cards/", "manifest.webmanifest",
       "catalog.json")),
    *PAGE_FIELDS, *API_FIELDS,
})
RESERVED = ["lang", "slug", "endpoint", "_method", "_external", "_anchor", "_scheme", "values", "filename",
            "purpose", "size", "name", "path", "q", "__proto__", "constructor", "HX-Request"]
KEYS = sorted({*RESERVED, *(name for fields in (*PAGE_FIELDS.values(), *API_FIELDS.values()) for name in fields)})
SPECIAL = [
    "", " ", "\x00", "a\x00b", "9" * 4400, "9223372036854775808", "-9223372036854775809", "[99999999999999999999]",
    "1e308", "1e309", "-0", "NaN", "nan", "Infinity", "-Infinity", "inf", "0x1F", "1_000", "1,500", "12,5", "١٢",
    "０", '"a" OR b*', "a* NOT b", "NEAR(a b)", "title:x", "^a", '"', "*", "(", "<script>alert(1)</script>",
    "\"'><img src=x onerror=alert(1)>", "{{7*7}}", "%(x)s", "2026-02-30", "2026-13-01", "0000-01-01", "9999-12-31",
    "true", "on", "1", "male", "female", "mg/dL", "umol/L", "nmol/L", "ng/mL", "4w", "12w", "denosumab",
    "zoledronic_acid", "both", "fr", "en", "pages.home", "static", "POST", "x" * 1000, "é" * 40, "\U0001f600",
]
# Already percent-encoded or raw bytes, sent as they are: the parsers' own edge cases.
RAW = [b"%ff%fe", b"%", b"%zz", b"%e9t%e9", b"\xff", b"\xc3", b"%C3%A9", b"%00", b"%2", b"a=b=c", b"&&", b"+",
       b"%25%ff", b"\xed\xa0\x80"]


def encoded(text: str) -> bytes:
    return quote_from_bytes(text.encode("utf-8"), safe="").encode("ascii")


TOKENS = st.one_of(st.sampled_from(SPECIAL).map(encoded), st.text(max_size=40).map(encoded))
# A raw token in one query out of four: one is enough to make the query a 400, and the views must be reached too.
MALFORMED = st.one_of(st.just(b""), st.just(b""), st.just(b""), st.sampled_from(RAW))
PAIRS = st.tuples(
    st.lists(st.tuples(st.one_of(st.sampled_from(KEYS).map(encoded), TOKENS), TOKENS), max_size=6), MALFORMED,
).map(lambda drawn: [*drawn[0], *([(b"level", drawn[1]), (drawn[1], b"1")] if drawn[1] else [])])
HEADERS = st.sampled_from([{}, {"HX-Request": "true"}, {"HX-Request": "true", "X-Live": "true"}])
HUGE = st.sampled_from([b"", b"level=" + b"9" * MAX_REQUEST_BYTES, b"q=" + b"a+" * 4000])

seen: Counter = Counter()


@pytest.fixture(scope="module", autouse=True)
def report():
    yield
    print(f"\nfuzz: {sum(seen.values())} requests, by status {dict(sorted(seen.items()))}")


def send(app, method: str, url: str, query: bytes, headers: dict, body: bytes = b""):
    """One request with the query string exactly as given (WSGI carries it as latin-1)."""
    with app.test_client().open(url, method=method, headers=headers, data=body,
                                environ_overrides={"QUERY_STRING": query.decode("latin-1")}) as response:
        response.get_data()  # read before the file a static response streams is closed
    seen[response.status_code] += 1
    assert response.status_code < 500, (method, url, query[:200], headers)
    return response


def check_field_messages(url: str, response) -> None:
    """A 422 names only the endpoint's fields, each with a message."""
    if response.status_code != 422:
        return
    if url in API_FIELDS:
        errors = response.get_json()["errors"]
        assert errors and set(errors) <= API_FIELDS[url] and all(errors.values())
    elif url in PAGE_FIELDS:
        slots = re.findall(r'data-error-for="([^"]+)"[^>]*>([^<]+)</p>', response.get_data(as_text=True))
        assert slots and {name for name, _ in slots} <= PAGE_FIELDS[url]
        assert all(html.unescape(text).strip() for _, text in slots)


SETTINGS = settings(max_examples=900, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(url=st.sampled_from(URLS), pairs=PAIRS, headers=HEADERS)
def test_get_with_junk_query_is_never_a_5xx(app, url, pairs, headers):
    query = b"&".join(key + b"=" + value for key, value in pairs)
    check_field_messages(url, send(app, "GET", url, query, headers))


@SETTINGS
@given(url=st.sampled_from(sorted({*PAGE_FIELDS, *API_FIELDS})), pairs=PAIRS, headers=HEADERS)
def test_known_fields_with_junk_get_a_field_message_or_a_result(app, url, pairs, headers):
    fields = sorted(PAGE_FIELDS.get(url) or API_FIELDS[url])
    query = b"&".join(encoded(fields[len(value) % len(fields)]) + b"=" + value for _, value in pairs)
    response = send(app, "GET", url, query, headers)
    assert response.status_code in (200, 400, 422)
    check_field_messages(url, response)


@settings(SETTINGS, max_examples=300)
@given(url=st.sampled_from(URLS), method=st.sampled_from(["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]),
       pairs=PAIRS, headers=HEADERS, body=HUGE)
def test_other_methods_and_bodies_are_never_a_5xx(app, url, method, pairs, headers, body):
    send(app, method, url, b"&".join(key + b"=" + value for key, value in pairs),
         {**headers, "Content-Type": "application/x-www-form-urlencoded"}, body)


@settings(SETTINGS, max_examples=60)
@given(url=st.sampled_from(URLS), query=HUGE)
def test_huge_queries_are_refused_or_bounded(app, url, query):
    response = send(app, "GET", url, query, {})
    if len(query) > MAX_REQUEST_BYTES:
        assert response.status_code == 413


def test_every_route_of_the_app_is_fuzzed(app):
    """A new route must get a URL in URLS."""
    adapter = app.url_map.bind("localhost")
    covered = set()
    for url in URLS:
        try:
            covered.add(adapter.match(url, return_rule=True)[0].rule)
        except HTTPException:
            pass
    assert covered == {rule.rule for rule in app.url_map.iter_rules()}
