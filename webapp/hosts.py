"""Which Host headers the app answers, and redirects that never name a host.

Flask's TRUSTED_HOSTS refuses any other Host with a 400 before a view runs, so no
page, redirect or cached value is ever built for a host the deployer did not name.
"""
from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

from flask import Flask, Response

# Loopback for `make run` and the tests; a deployment names its own (see the README).
DEFAULT_TRUSTED_HOSTS = ("127.0.0.1", "localhost")


def trusted_hosts(environ: dict = os.environ) -> list[str]:
    """TRUSTED_HOSTS from the environment, comma-separated (".example.org" also allows its subdomains)."""
    names = [name.strip() for name in environ.get("TRUSTED_HOSTS", "").split(",") if name.strip()]
    return names or list(DEFAULT_TRUSTED_HOSTS)


def init_app(app: Flask) -> None:
    @app.after_request
    def relative_redirect(response: Response) -> Response:
        """A redirect (e.g. to add the trailing slash) names a path, never the Host it was sent."""
        if response.location:
            parts = urlsplit(response.location)
            if parts.netloc:
                response.location = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
        return response
