"""The whole site as a list of URLs, rendered through the app itself.

The static export writes these responses to files; the service worker precaches the
same list, named by a hash of its content so that two builds never mix, with each file's
own hash (it then takes a file from what the device already has when the content is the
same, and fetches only the others).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, current_app, render_template, request, url_for

from .formatting import DEFAULT_LANGUAGE, LANGUAGES
from .pages import PAGES

# The service worker is written last, from the others' hash; the root only redirects.
_NOT_PRECACHED = {"pwa.service_worker", "pwa.root"}


# Endpoints that need more than a language to build a URL, and the values to build with.
def _generators(app: Flask) -> dict:
    static_dir = Path(app.static_folder)
    # The static site computes in the browser: no page of it uses htmx, so it neither loads nor stores it.
    unused = {"vendor/htmx.min.js", "vendor/htmx.LICENSE.txt"} if app.config["STATIC_EXPORT"] else set()
    return {
        "pages.calculator": [{"slug": slug} for slug in PAGES],
        "pwa.icon": [{"purpose": p, "size": s} for p in ("any", "maskable") for s in (192, 512)],
        "static": [
            {"filename": path.relative_to(static_dir).as_posix()}
            for path in sorted(static_dir.rglob("*"))
            if path.is_file() and not path.name.startswith(".")
            and path.relative_to(static_dir).as_posix() not in unused
        ],
    }


def site_urls(app: Flask) -> list[str]:
    """Every URL of the site that needs no query string, in both languages."""
    generators = _generators(app)
    urls: list[str] = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in (rule.methods or ()) or rule.endpoint in _NOT_PRECACHED or rule.endpoint.startswith("api."):
                continue
            arguments = rule.arguments - {"lang"}
            values_list = generators.get(rule.endpoint, [{}] if not arguments else [])
            languages = LANGUAGES if "lang" in rule.arguments else (None,)
            for values in values_list:
                for lang in languages:
                    extra = {"lang": lang} if lang else {}
                    urls.append(url_for(rule.endpoint, **values, **extra))
    return sorted(set(urls))


def render_site(app: Flask, base_url: str = "http://localhost/") -> dict[str, bytes]:
    """URL path (below the base path) → response body, for every precached URL."""
    client = app.test_client()
    pages: dict[str, bytes] = {}
    for url in site_urls(app):
        with client.get(url, base_url=base_url) as response:
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            pages[url] = response.get_data()
    return pages


def content_version(pages: dict[str, bytes]) -> str:
    digest = hashlib.sha256()
    for url in sorted(pages):
        digest.update(url.encode() + b"\0" + pages[url] + b"\0")
    return digest.hexdigest()[:16]


def file_hash(body: bytes) -> str:
    """What the service worker compares a response with (sw.js computes the same)."""
    return hashlib.sha256(body).hexdigest()[:16]


def precache_files(pages: dict[str, bytes]) -> dict[str, str]:
    """URL path → the service worker's entry: path relative to it ("./" for the root) → file hash."""
    return {url.lstrip("/") or "./": file_hash(body) for url, body in sorted(pages.items())}


def offline_pages(app: Flask) -> dict[str, str]:
    """Language → the page the service worker shows for a page it does not have, with no network."""
    with app.test_request_context():
        return {lang: url_for("pwa.offline", lang=lang).lstrip("/") for lang in LANGUAGES}


def service_worker_script(files: dict[str, str], version: str, packs: dict[str, list[str]] | None = None) -> str:
    """sw.js for these files (see precache_files) and this content hash, in a request context; packs
    (the static export's, see freeze.page_packs): a pack's path → the paths of the pages it carries."""
    app = current_app._get_current_object()
    return render_template("sw.js", files=files, version=version, fallback=offline_pages(app),
                           default_language=DEFAULT_LANGUAGE, packs=packs or {})


def precache_list() -> tuple[dict[str, str], str]:
    """The files the service worker stores (path relative to it → hash), and the whole content's hash.

    Computed once per base path (the WSGI script root, which the deployment sets), not
    per Host: pages link by path only, so their content does not depend on the host, and
    a cache keyed by Host would grow with every value a client cares to send.
    """
    app = current_app._get_current_object()
    cache = app.extensions.setdefault("precache", {})
    if request.script_root not in cache:
        pages = render_site(app, request.url_root)
        cache[request.script_root] = (precache_files(pages), content_version(pages))
    return cache[request.script_root]
