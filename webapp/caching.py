"""HTTP caching of pages, htmx fragments and API answers: each is a pure function of the
release, the language, the query parameters its view reads and a few headers, so a
browser or a shared cache (a CDN) may keep it and revalidate it with If-None-Match.

A revalidation is answered in front of Flask (`Revalidation`), so it costs a route match and a hash.
The schedule without a `today` uses the server's date: its tag carries that date and it is
kept only until midnight.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from flask import Flask, request
from werkzeug.exceptions import HTTPException, SecurityError
from werkzeug.http import quote_etag
from werkzeug.wrappers import Request, Response

from . import ROOT
from .formatting import LANGUAGES
from .security import HEADERS

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


def read_query(endpoint: str, view_args: dict, args) -> list[tuple[str, str]]:
    """The parameters the view reads, as it reads them (the first value of each name), in a fixed order."""
    if endpoint == "pages.calculator":
        from .pages import PAGES

        page = PAGES.get(view_args["slug"])
        names = page.fields if page else ()
    elif endpoint in ("references.index", "pages.home"):
        names = ("q",)
    elif endpoint == "api.calculate":
        names = sorted(args)  # the core sees every parameter
    else:
        names = ()
    return [(name, args[name]) for name in names if name in args]


def uses_server_date(view_args: dict, args) -> bool:
    """The schedule computed for the server's today (the form or the client sent none)."""
    schedule = view_args.get("slug") == "schedule" or view_args.get("name") == "schedule"
    return schedule and not args.get("today")


def clock() -> dt.datetime:
    """The server's local time, as the core's `date.today()` sees it."""
    return dt.datetime.now()


def seconds_to_midnight(now: dt.datetime) -> int:
    tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time())
    return max(1, int((tomorrow - now).total_seconds()))


def etag(version: str, endpoint: str, view_args: dict, asked: Request) -> str:
    """The tag of an answer: `asked` is Flask's request or a bare Werkzeug one, read alike."""
    parts = [version, asked.path, repr(read_query(endpoint, view_args, asked.args)),  # the path: language and page
             *(f"{name}={asked.headers.get(name, '')}" for name in CACHED[endpoint])]
    if uses_server_date(view_args, asked.args):
        parts.append(clock().date().isoformat())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def cache_fields(tag: str, endpoint: str, view_args: dict, args) -> list[tuple[str, str]]:
    """ETag, Cache-Control and Vary of an answer, the same on its 200 and on its 304."""
    age = min(MAX_AGE, seconds_to_midnight(clock())) if uses_server_date(view_args, args) else MAX_AGE
    fields = [("ETag", quote_etag(tag)), ("Cache-Control", f"public, max-age={age}")]
    if CACHED[endpoint]:
        fields.append(("Vary", ", ".join(CACHED[endpoint])))
    return fields


class Revalidation:
    """In front of Flask: a GET whose If-None-Match holds the answer's current tag gets its 304 here, before a
    request context, the language, the catalogs or any hook is set up, so a revalidation costs a route match
    and a hash. What Flask would check first is checked here too: a trusted Host, a known route and language.
    Anything else, or no match, goes on to Flask unchanged."""

    def __init__(self, app: Flask, wsgi_app, version: str):
        self.app, self.wsgi_app, self.version = app, wsgi_app, version

    def __call__(self, environ: dict, start_response):
        if environ.get("HTTP_IF_NONE_MATCH") and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            fields = self.not_modified(environ)
            if fields is not None:
                start_response("304 Not Modified", fields)
                return []
        return self.wsgi_app(environ, start_response)

    def not_modified(self, environ: dict) -> list[tuple[str, str]] | None:
        """The 304's header fields, or None: Flask answers."""
        asked = Request(environ)
        asked.trusted_hosts = self.app.config["TRUSTED_HOSTS"]
        try:
            asked.host  # noqa: B018  (raises SecurityError for a Host not in TRUSTED_HOSTS)
            endpoint, view_args = self.app.url_map.bind_to_environ(environ).match()
        except (HTTPException, SecurityError):  # not found, a redirect, a host not trusted: Flask answers
            return None
        if endpoint not in CACHED or view_args.get("lang", LANGUAGES[0]) not in LANGUAGES:
            return None
        view_args = {name: value for name, value in view_args.items() if name != "lang"}  # as the views see them
        tag = etag(self.version, endpoint, view_args, asked)
        if not asked.if_none_match.contains_weak(tag):
            return None
        return [*cache_fields(tag, endpoint, view_args, asked.args), *HEADERS.items()]


def init_app(app: Flask) -> None:
    """Register last, after every other part has added its routes."""
    version = release_version()
    app.extensions["release_version"] = version
    app.wsgi_app = Revalidation(app, app.wsgi_app, version)

    @app.after_request
    def add_cache_headers(response: Response) -> Response:
        if request.method in ("GET", "HEAD") and request.endpoint in CACHED and response.status_code == 200:
            view_args = request.view_args or {}
            tag = etag(version, request.endpoint, view_args, request)
            response.headers.update(cache_fields(tag, request.endpoint, view_args, request.args))
        return response
