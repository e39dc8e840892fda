"""The static export: every page in both languages, under any base path, with a
service worker that precaches exactly the build."""
from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys

import pytest

from webapp import ROOT
from webapp import freeze as freeze_module
from webapp.freeze import ESBUILD, MANIFEST, MinifierMissing, UnsafeTarget, freeze
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
    for name in ("index.html", "sw.js", "static/vendor/qrcode.mjs", "static/js/clinical/index.mjs"):
        assert (frozen_build / name).exists(), name


def test_static_site_neither_loads_nor_stores_htmx(frozen_build):
    """No frozen page has an hx-* attribute: htmx would only cost the first visit and the precache."""
    assert not (frozen_build / "static" / "vendor" / "htmx.min.js").exists()
    for page in frozen_build.rglob("index.html"):
        assert "htmx.min.js" not in page.read_text(), page
    assert "htmx.min.js" not in (frozen_build / "sw.js").read_text()


def built_assets(build):
    return sorted(p for p in (build / "static").rglob("*") if p.suffix in (".mjs", ".js", ".css"))


def test_scripts_and_styles_of_the_build_are_minified(frozen_build):
    """Every module, script and style sheet is smaller than its readable source, which the repository keeps."""
    assets = built_assets(frozen_build)
    assert {p.name for p in assets} >= {"app.mjs", "references.mjs", "root.js", "app.css", "index.mjs", "qrcode.mjs"}
    sizes = {built: (ROOT / built.relative_to(frozen_build)).stat().st_size for built in assets}
    for built, source_size in sizes.items():
        assert built.stat().st_size < source_size, built
        source_lines = (ROOT / built.relative_to(frozen_build)).read_text().count("\n")
        assert built.read_text().count("\n") < source_lines, built  # the source stays as written
    assert sum(built.stat().st_size for built in assets) < 0.7 * sum(sizes.values())
    # The licence of a library stays with its minified copy.
    assert "Copyright (c) 2009 Kazuhiko Arase" in (frozen_build / "static/vendor/qrcode.mjs").read_text()


def test_minified_modules_parse_and_their_imports_resolve(frozen_build, tmp_path):
    """Each file parses; bundling every module (esbuild) finds each import, static or dynamic, and each
    imported name among its module's exports; the clinical core exports the same names and constants."""
    for built in built_assets(frozen_build):
        if built.suffix != ".css":
            subprocess.run(["node", "--check", str(built)], check=True, capture_output=True)
    modules = [str(p) for p in built_assets(frozen_build) if p.suffix == ".mjs"]
    bundled = subprocess.run([str(ESBUILD), *modules, "--bundle", "--format=esm", "--log-level=error",
                              f"--outdir={tmp_path}"], capture_output=True, text=True)
    assert bundled.returncode == 0, bundled.stderr
    read = ("const m = await import(process.argv[1]); console.log(JSON.stringify("
            "[Object.keys(m).sort(), m.CONSTANTS, m.MSGIDS]));")

    def core(folder):
        return subprocess.run(["node", "--input-type=module", "-e", read, (folder / "static/js/clinical/index.mjs").as_uri()],
                              check=True, capture_output=True, text=True).stdout

    assert core(frozen_build) == core(ROOT)


def test_no_build_without_the_minifier(tmp_path, monkeypatch):
    """Without node_modules (npm ci not run), freeze says what to do and writes nothing."""
    monkeypatch.setattr(freeze_module, "ESBUILD", tmp_path / "missing" / "esbuild")
    with pytest.raises(MinifierMissing, match=r"make vendor.*npm ci"):
        freeze(tmp_path / "site")
    assert not (tmp_path / "site").exists()


def precached(sw: str) -> dict[str, str]:
    return json.loads(re.search(r"^const FILES = (.*);$", sw, re.M).group(1))


def test_service_worker_precaches_every_file_of_the_build(frozen_build):
    """The list equals the files written (the root too), each with the hash of the content written."""
    files = {
        path.relative_to(frozen_build).as_posix(): path.read_bytes()
        for path in frozen_build.rglob("*")
        if path.is_file() and path.name not in ("sw.js", MANIFEST)
    }
    listed = precached((frozen_build / "sw.js").read_text())
    assert set(listed) == {name.removesuffix("index.html") or "./" for name in files}
    for name, body in files.items():
        assert listed[name.removesuffix("index.html") or "./"] == hashlib.sha256(body).hexdigest()[:16], name
    assert set(json.loads((frozen_build / MANIFEST).read_text())["files"]) == {*files, "sw.js"}


def test_offline_fallback_page_in_both_languages(frozen_build):
    sw = (frozen_build / "sw.js").read_text()
    assert json.loads(re.search(r"^const FALLBACK = (.*);$", sw, re.M).group(1)) == {
        "en": "en/offline/", "fr": "fr/offline/"}
    assert re.search(r'^const DEFAULT_LANGUAGE = "fr";$', sw, re.M)
    assert "Not available offline" in (frozen_build / "en/offline/index.html").read_text()
    assert "Page indisponible hors ligne" in (frozen_build / "fr/offline/index.html").read_text()


def test_live_service_worker_stores_the_fallback_page_not_the_redirecting_root(client):
    files = precached(client.get("/sw.js").get_data(as_text=True))
    assert {"fr/offline/", "en/offline/", "fr/references/others.html"} <= set(files) and "./" not in files


def test_cache_name_is_a_hash_of_the_content(tmp_path, frozen_build):
    version = re.search(r'const CACHE = "bone-mets-([^"]+)"', (frozen_build / "sw.js").read_text()).group(1)
    again = freeze(tmp_path / "again")
    assert re.search(r'const CACHE = "bone-mets-([^"]+)"', again["/sw.js"].decode()).group(1) == version
    pages = {url: body for url, body in again.items() if url != "/sw.js"}
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


def test_never_replaces_a_folder_that_is_not_a_build(tmp_path, frozen_build):
    precious = tmp_path / "notes"
    precious.mkdir()
    (precious / "patient.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        freeze(precious)
    assert (precious / "patient.txt").read_text() == "keep me"
    shutil.copytree(frozen_build, tmp_path / "site")  # a build written by freeze (into a new folder, as the fixture's)
    freeze(tmp_path / "site")  # a previous build is replaced
    assert (tmp_path / "site" / "sw.js").is_file()


def test_a_folder_with_a_git_repository_and_a_sw_js_is_not_replaced(tmp_path):
    """The old check (a sw.js means a previous build) deleted this folder."""
    project = tmp_path / "x"
    (project / ".git").mkdir(parents=True)
    (project / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (project / "src").mkdir()
    (project / "src" / "main.py").write_text("print('mine')\n")
    (project / "sw.js").write_text("// mine\n")
    with pytest.raises(UnsafeTarget, match=MANIFEST):
        freeze(project)
    assert (project / ".git" / "HEAD").is_file() and (project / "src" / "main.py").is_file()
    assert (project / "sw.js").read_text() == "// mine\n"


def test_a_symlinked_target_is_refused(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(UnsafeTarget, match="symbolic link"):
        freeze(tmp_path / "link")
    assert not any(real.iterdir())


@pytest.mark.parametrize("inside", ["static/site", "static", "webapp/templates/site", ".git/site", "."])
def test_targets_inside_the_source_tree_are_refused(inside):
    target = ROOT / inside
    existed = target.exists()
    with pytest.raises(UnsafeTarget):
        freeze(target)
    assert target.exists() == existed


def test_a_manifest_naming_files_outside_the_target_is_refused(tmp_path):
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    site = tmp_path / "site"
    site.mkdir()
    (site / MANIFEST).write_text(json.dumps({"files": ["../precious.txt"]}))
    with pytest.raises(UnsafeTarget, match="outside"):
        freeze(site)
    assert outside.read_text() == "keep me"


def test_replacing_a_build_deletes_only_the_files_it_wrote(tmp_path, frozen_build):
    site = tmp_path / "site"
    shutil.copytree(frozen_build, site)  # a build written by freeze (into a new folder, as the fixture's)
    written = set(json.loads((site / MANIFEST).read_text())["files"])
    assert {"sw.js", "fr/index.html", "static/css/app.css"} <= written
    (site / "CNAME").write_text("bone.example.org\n")
    (site / "fr" / "notes.txt").write_text("mine")
    (site / "fr" / "index.html").write_text("stale")
    freeze(site)
    assert (site / "CNAME").read_text() == "bone.example.org\n" and (site / "fr" / "notes.txt").read_text() == "mine"
    assert (site / "fr" / "index.html").read_text() != "stale"


def test_command_refuses_with_a_message_not_a_traceback(tmp_path):
    (tmp_path / "link").symlink_to(tmp_path)
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "webapp", "freeze", str(tmp_path / "link")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "Error:" in result.stderr and "symbolic link" in result.stderr and "Traceback" not in result.stderr
