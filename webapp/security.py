"""Security headers on every response: no inline script, no other origin, no framing."""
from __future__ import annotations

from flask import Flask, Response
from markupsafe import Markup

# One policy for the server header and the static export's <meta> (which cannot carry
# frame-ancestors; static hosts should add it as a header, see the README).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; manifest-src 'self'; worker-src 'self'; font-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'"
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY + "; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def init_app(app: Flask) -> None:
    @app.after_request
    def add_security_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    # Markup: printed as written, not typeset (French typography would put a space in "data:").
    app.jinja_env.globals["CONTENT_SECURITY_POLICY"] = Markup(CONTENT_SECURITY_POLICY)
