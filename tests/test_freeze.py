"""The static export: every page in both languages, under any base path, with a
service worker that precaches exactly the build."""
from __future__ import annotations

import re

import pytest

from webapp.freeze import MANIFEST, freeze
from webapp.pages import PAGES
from webapp.site import content_version


def test_build_has_every_page_and_the_pwa_files(frozen_build):
    for lang in ("fr", "en"):
        assert (frozen_build / lang / "index.html").exists()
        assert (frozen_build / lang / "manifest.webmanifest").exists()
        assert (frozen_build / lang / "catalog.json").exists()
        for slug in PAGES:
            html = (frozen_build / lang / slug / "index.html").read_text()
            assert f'<html lang="{lang}">' in html and "hx-get" not in html
    for name in ("index.html", "sw.js", "static/vendor/htmx.min.js", "static/js/clinical.mjs"):
        assert (frozen_build / name).exists(), name


def test_service_worker_precaches_every_file_of_the_build(frozen_build):
    sw = (frozen_build / "sw.js").read_text()
    listed = set(re.findall(r'"([^"]+)"', sw.split("const URLS = ", 1)[1].split(".map", 1)[0]))
    files = {
        path.relative_to(frozen_build).as_posix().removesuffix("index.html")
        for path in frozen_build.rglob("*")
        if path.is_file() and path.name not in ("sw.js", MANIFEST)
        and path.relative_to(frozen_build).as_posix() != "index.html"
    }
    assert listed == files


def test_cache_name_is_a_hash_of_the_content(tmp_path, frozen_build):
    version = re.search(r'const CACHE = "bone-mets-([^"]+)"', (frozen_build / "sw.js").read_text()).group(1)
    again = freeze(tmp_path / "again")
    assert re.search(r'const CACHE = "bone-mets-([^"]+)"', again["/sw.js"].decode()).group(1) == version
    pages = {url: body for url, body in again.items() if url not in ("/", "/sw.js")}
    assert content_version(pages) == version
    assert content_version({**pages, "/fr/": pages["/fr/"] + b" "}) != version


def test_sub_path_build(tmp_path):
    pages = freeze(tmp_path / "sub", base_path="/bone/")
    home = pages["/fr/"].decode()
    assert 'href="/bone/static/css/app.css"' in home and 'href="/bone/en/"' in home
    assert 'href="/static/' not in home
    assert "/bone/fr/" in pages["/"].decode()


def test_every_local_link_of_the_build_exists(frozen_build):
    """No page points to a file the static site does not have (a 404 offline is a broken app)."""
    missing = set()
    for html_file in frozen_build.rglob("*.html"):
        for url in re.findall(r'(?:href|src)="(/[^"#?]*)', html_file.read_text()):
            target = frozen_build / url.lstrip("/")
            if not (target.is_file() or (target / "index.html").is_file()):
                missing.add((html_file.relative_to(frozen_build).as_posix(), url))
    assert not missing, sorted(missing)


def test_never_replaces_a_folder_that_is_not_a_build(tmp_path):
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "patient.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        freeze(precious)
    assert (precious / "patient.txt").read_text() == "keep me"
    freeze(tmp_path / "site")
    freeze(tmp_path / "site")  # a previous build is replaced
    assert (tmp_path / "site" / "sw.js").is_file()
