"""Every error as a translated page (JSON under /api/), and the checks that turn a
malformed or oversized request into a 4xx before any view reads it.

A view never sees a query it could choke on: one that is too long gets 413, one that
is not UTF-8 once percent-decoded (werkzeug would decode it leniently or, for raw
bytes, raise) gets 400.
"""
from __future__ import annotations

import json
import re
from urllib.parse import unquote_to_bytes

from flask import Flask, Response, abort, g, render_template, request
from flask.globals import request_ctx
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from .formatting import DEFAULT_LANGUAGE, LANGUAGES
from .i18n import preferred_language, set_language

MAX_REQUEST_BYTES = 64 * 1024  # query string or body; a form of this app sends well under 2 KB

_BAD_PERCENT = re.compile(rb"%(?![0-9A-Fa-f]{2})")

MESSAGES = {
    400: (_l("Bad request"), _l("This address is malformed (for example, text that is not UTF-8). "
                                "Check the link, or fill in the form again.")),
    404: (_l("Page not found"), _l("There is no page at this address.")),
    405: (_l("Method not allowed"), _l("This address does not answer this kind of request (see the Allow header).")),
    413: (_l("Request too large"), _l("The address or the request is over %(size)s KB.", size=MAX_REQUEST_BYTES // 1024)),
    500: (_l("Server error"), _l("Something went wrong on the server. Try again; if it persists, tell us the address.")),
}
OTHER = (_l("Request refused"), _l("This request could not be served."))
UNKNOWN_HOST = (_l("Unknown host"), _l("This server does not answer for this host name."))


def well_formed(query: bytes) -> bool:
    """True when every %XX escape is complete and the decoded query is valid UTF-8."""
    if _BAD_PERCENT.search(query):
        return False
    try:
        unquote_to_bytes(query.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def check_request(endpoint: str | None = None, values: dict | None = None) -> None:
    """Runs first of all the URL value preprocessors, so before anything reads the request
    (the language in the path included) and before routing errors are raised."""
    if len(request.query_string) > MAX_REQUEST_BYTES or (request.content_length or 0) > MAX_REQUEST_BYTES:
        abort(413)
    if not well_formed(request.query_string):
        abort(400)
    g.query_checked = True


def error_language() -> str:
    """The language of the page asked for, else of ?lang= (API), else the browser's."""
    if "lang" in g:
        return g.lang
    first = request.path.strip("/").partition("/")[0]
    if first in LANGUAGES:
        return first
    if request.path.startswith("/api/"):
        lang = request.args.get("lang") if g.get("query_checked") else None
        return lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    return preferred_language()


def render_error(error: HTTPException) -> Response:
    """Any HTTP error, and (as a 500) any exception a view let through."""
    status = error.code or 500
    set_language(error_language())
    # No URL can be built when the Host was refused: a page of links would fail in turn.
    links = request_ctx.url_adapter is not None
    title, text = MESSAGES.get(status, OTHER) if links else UNKNOWN_HOST
    text = str(text)
    if request.path.startswith("/api/"):
        response = Response(json.dumps({"errors": {"request": text}}, ensure_ascii=False), status,
                            mimetype="application/json")
    elif not links:
        response = Response(f"{title}\n\n{text}\n", status, mimetype="text/plain")
    else:
        g.error_page = True
        response = Response(render_template("error.html", status=status, title=title, text=text), status,
                            mimetype="text/html")
    for name, value in error.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def init_app(app: Flask) -> None:
    app.url_value_preprocessors.setdefault(None, []).insert(0, check_request)
    app.register_error_handler(HTTPException, render_error)
