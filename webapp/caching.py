"""HTTP caching of pages, htmx fragments and API answers: each is a pure function of the
release, the language, the query parameters its view reads and a few headers, so a
browser or a shared cache (a CDN) may keep it and revalidate it with If-None-Match.

The ETag is computed before the view runs, so a revalidation costs a hash, not a render.
The schedule without a `today` uses the server's date: its tag carries that date and it is
kept only until midnight.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from flask import Flask, Response, request

from . import ROOT

MAX_AGE = 300  # seconds a cache may answer without asking; a deploy is seen within this (or purge the CDN)

# Endpoint → the request headers that change its answer (HX-Request: fragment or page; X-Live: typing or
# submitted). Only endpoints whose answer is a pure function of URL, query and these headers.
CACHED = {
    "pages.home": (),
    "pages.calculator": ("HX-Request", "X-Live"),
    "carnet.my_treatment": (),
    "cards.cards": (),
    "references.index": ("HX-Request",),
    "references.evidence": (),
    "api.calculate": (),
}
# What answers may depend on: the clinical rules first, and everything a response is rendered from.
SOURCES = ("webapp/clinical/*.py", "webapp/*.py", "webapp/templates/**/*", "webapp/data/*", "webapp/openapi.json",
           "translations/*/LC_MESSAGES/*.po", "static/**/*")


def release_version(root: Path = ROOT) -> str:
    """A hash of the rules and the code, templates, catalogs and assets: any change that could change
    an answer changes every tag. Computed once, when the app is made."""
    digest = hashlib.sha256()
    files = sorted({path for pattern in SOURCES for path in root.glob(pattern) if path.is_file()})
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def read_query() -> list[tuple[str, str]]:
    """The parameters the view reads, as it reads them (the first value of each name), in a fixed order."""
    if request.endpoint == "pages.calculator":
        from .pages import PAGES

        page = PAGES.get(request.view_args["slug"])
        names = page.fields if page else ()
    elif request.endpoint in ("references.index", "pages.home"):
        names = ("q",)
    elif request.endpoint == "api.calculate":
        names = sorted(request.args)  # the core sees every parameter
    else:
        names = ()
    return [(name, request.args[name]) for name in names if name in request.args]


def uses_server_date() -> bool:
    """The schedule computed for the server's today (the form or the client sent none)."""
    schedule = request.view_args.get("slug") == "schedule" or request.view_args.get("name") == "schedule"
    return schedule and not request.args.get("today")


def clock() -> dt.datetime:
    """The server's local time, as the core's `date.today()` sees it."""
    return dt.datetime.now()


def seconds_to_midnight(now: dt.datetime) -> int:
    tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time())
    return max(1, int((tomorrow - now).total_seconds()))


def etag(version: str) -> str:
    headers = CACHED[request.endpoint]
    parts = [version, request.path, repr(read_query()),  # the path: language and page
             *(f"{name}={request.headers.get(name, '')}" for name in headers)]
    if uses_server_date():
        parts.append(clock().date().isoformat())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def cache_headers(response: Response, tag: str) -> Response:
    response.set_etag(tag)
    age = min(MAX_AGE, seconds_to_midnight(clock())) if uses_server_date() else MAX_AGE
    response.headers["Cache-Control"] = f"public, max-age={age}"
    if CACHED[request.endpoint]:
        response.vary.update(CACHED[request.endpoint])
    return response


def init_app(app: Flask) -> None:
    """Register last: the request checks (host, query, language) run before a 304 is given."""
    version = release_version()
    app.extensions["release_version"] = version

    def cacheable() -> bool:
        return request.method in ("GET", "HEAD") and request.endpoint in CACHED

    # The tag is computed again after the view rather than kept in `g`: the service worker's view renders
    # other pages inside its own app context, where `g` is shared.
    @app.before_request
    def not_modified() -> Response | None:
        if cacheable():
            tag = etag(version)
            if request.if_none_match.contains_weak(tag):
                return cache_headers(Response(status=304), tag)
        return None

    @app.after_request
    def add_cache_headers(response: Response) -> Response:
        if cacheable() and response.status_code == 200:
            cache_headers(response, etag(version))
        return response
