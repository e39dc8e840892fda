"""Shared fixtures: the app, a live threaded server, the frozen static site and Chromium."""
from __future__ import annotations

import fcntl
import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from webapp import create_app
from webapp.freeze import freeze

# Chromium's headless shell (what Playwright itself runs headless): the same engine and version without the
# full browser's windowing, at about half the CPU per page; the full browser when the shell is not installed.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM = os.environ.get("CHROMIUM") or (HEADLESS_SHELL if os.path.exists(HEADLESS_SHELL) else "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]


@pytest.fixture(scope="session")
def app():
    return create_app({"TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


class ServerThread:
    """Any serve_forever()/shutdown() server, on a free loopback port, in a thread."""

    def __init__(self, server):
        self.server = server
        self.url = f"http://127.0.0.1:{server.server_port}"
        self.thread = threading.Thread(target=server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        if self.thread.is_alive():
            self.server.shutdown()
            self.server.server_close()
            self.thread.join(5)


def buffered(app):
    """The app with each answer read whole and its iterable closed before it is sent. Werkzeug's
    server reads the socket before closing the iterable, so a page the browser leaves mid-load
    (a test moving on as soon as it has its answer) would leak a static file's handle."""

    def serve(environ, start_response):
        answer = app(environ, start_response)
        try:
            return [b"".join(answer)]
        finally:
            if hasattr(answer, "close"):
                answer.close()

    return serve


@pytest.fixture(scope="session")
def live_server(app):
    server = ServerThread(make_server("127.0.0.1", 0, buffered(app), threaded=True))
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def frozen_build(tmp_path_factory, worker_id) -> Path:
    """The site frozen once per run, read by every test that asks for it: under pytest-xdist the first
    worker to ask writes it and the others wait for it (a freeze is seconds of CPU). A test that changes
    the site changes its own copy (site_copy)."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # the run's folder, above each worker's own
    target = shared / "site" / "build"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / "site.done").exists():
            freeze(target)
            (shared / "site.done").touch()
    return target


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the build; records every path asked for (to prove what reaches a server)."""

    requests: list[str]

    def log_message(self, *args) -> None:
        self.requests.append(self.path)


def serve_build(directory: Path, base: type[QuietHandler] = QuietHandler) -> ServerThread:
    """A static server for a build, with its own request log (base: a QuietHandler that answers otherwise)."""
    handler = type("Handler", (base,), {"requests": []})
    server = ServerThread(ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory))))
    server.requests = handler.requests
    return server


@pytest.fixture
def static_server(frozen_build):
    """The frozen site on its own port; function-scoped so that a test may stop it."""
    server = serve_build(frozen_build)
    yield server
    server.stop()


@pytest.fixture
def site_copy(frozen_build, tmp_path):
    """A copy of the frozen site on its own port, for a test that changes the site (the build is shared by
    every test and every worker): `directory` is the copy; `url` and `requests` as static_server's."""
    directory = tmp_path / "site"
    shutil.copytree(frozen_build, directory)
    server = serve_build(directory)
    server.directory = directory
    yield server
    server.stop()


@pytest.fixture(scope="session")
def static_site(frozen_build):
    """The frozen site for tests that only read it (never stopped, its log never inspected)."""
    server = serve_build(frozen_build)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server
