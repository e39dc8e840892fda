"""The static export: every page in both languages, under any base path, with a
service worker that precaches exactly the build."""
from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

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
        assert "htmx.min.js" not in page.read_text() and "htmx-config" not in page.read_text(), page
    assert "htmx.min.js" not in (frozen_build / "sw.js").read_text()


def test_every_page_carries_the_server_policy_as_written(frozen_build):
    """The <meta> policy of a static host is the server's header, byte for byte, in both languages (French
    typography once made "data:" "data :", which no browser reads as the data: scheme)."""
    from webapp.security import CONTENT_SECURITY_POLICY

    pages = list(frozen_build.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page.read_text())
        assert policy and html.unescape(policy.group(1)) == CONTENT_SECURITY_POLICY, page


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


# node --check for many files in one process: each module parsed as a module, each script as a script.
PARSE_EACH = """import { readFileSync } from "node:fs"; import vm from "node:vm";
for (const file of process.argv.slice(1)) {
  const code = readFileSync(file, "utf8");
  if (file.endsWith(".mjs")) new vm.SourceTextModule(code, { identifier: file }); else new vm.Script(code, { filename: file });
  console.log(file);
}"""


def test_minified_modules_parse_and_their_imports_resolve(frozen_build, tmp_path):
    """Each file parses; bundling every module (esbuild) finds each import, static or dynamic, and each
    imported name among its module's exports; the clinical core exports the same names and constants."""
    scripts = [str(p) for p in built_assets(frozen_build) if p.suffix != ".css"]
    parsed = subprocess.run(["node", "--experimental-vm-modules", "--no-warnings", "--input-type=module", "-e", PARSE_EACH,
                             *scripts], capture_output=True, text=True)
    assert parsed.returncode == 0 and parsed.stdout.split() == scripts, parsed.stderr
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


def packs(sw: str) -> dict[str, list[str]]:
    return json.loads(re.search(r"^const PACKS = (.*);$", sw, re.M).group(1))


def test_service_worker_precaches_every_file_of_the_build(frozen_build):
    """The list equals the files written (the root too) but the packs, each with the hash of the content written."""
    sw = (frozen_build / "sw.js").read_text()
    files = {
        path.relative_to(frozen_build).as_posix(): path.read_bytes()
        for path in frozen_build.rglob("*")
        if path.is_file() and path.name not in ("sw.js", MANIFEST)
        and path.relative_to(frozen_build).as_posix() not in packs(sw)
    }
    listed = precached(sw)
    assert set(listed) == {name.removesuffix("index.html") or "./" for name in files}
    for name, body in files.items():
        assert listed[name.removesuffix("index.html") or "./"] == hashlib.sha256(body).hexdigest()[:16], name
    assert set(json.loads((frozen_build / MANIFEST).read_text())["files"]) == {*files, *packs(sw), "sw.js"}


def read_pack(body: bytes) -> list[tuple[str, bytes]]:
    """[path, bytes] of each page of a pack: its first line lists [path, length], then come the bodies."""
    index, _, rest = body.partition(b"\n")
    pages, offset = [], 0
    for path, length in json.loads(index):
        pages.append((path, rest[offset:offset + length]))
        offset += length
    assert offset == len(rest)
    return pages


def test_each_language_s_pages_come_in_one_pack_holding_them_as_written(frozen_build):
    """The worker downloads a language's pages in one file (fr/pages.txt, en/pages.txt): every page of the language,
    byte for byte the file written (so with the hash the worker checks), and nothing else."""
    sw = (frozen_build / "sw.js").read_text()
    assert packs(sw).keys() == {"fr/pages.txt", "en/pages.txt"}
    for lang in ("fr", "en"):
        pages = read_pack((frozen_build / lang / "pages.txt").read_bytes())
        written = sorted(p for p in (frozen_build / lang).rglob("*.html"))
        assert len(pages) == len(written) > 15
        assert {path for path, _ in pages} == {p.relative_to(frozen_build).as_posix().removesuffix("index.html")
                                                for p in written} == set(packs(sw)[f"{lang}/pages.txt"])
        for path, body in pages:
            assert body == (frozen_build / (path + "index.html" if path.endswith("/") else path)).read_bytes(), path
            assert precached(sw)[path] == hashlib.sha256(body).hexdigest()[:16], path


def test_the_live_server_s_worker_has_no_packs(client):
    assert packs(client.get("/sw.js").get_data(as_text=True)) == {}


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


class _Events(HTMLParser):
    """A page as the browser reads it: tags with their attributes, and text with each run of white space as
    one space (the text of <pre>, <textarea>, <script> and <style> exactly)."""

    RAW = {"pre", "textarea", "script", "style"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []
        self.raw = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, tuple(attrs)))
        self.raw += tag in self.RAW

    def handle_startendtag(self, tag, attrs):
        self.events.append(("start", tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))
        self.raw -= tag in self.RAW

    def handle_data(self, data):
        text = data if self.raw else re.sub(r"\s+", " ", data)
        if self.events and self.events[-1][0] == "text":
            text = self.events.pop()[1] + text
            text = text if self.raw else re.sub(r"\s+", " ", text)
        self.events.append(("text", text))

    def handle_decl(self, decl):
        self.events.append(("decl", decl.lower()))


def read_as_browser(html: str) -> list[tuple]:
    # White space before <!doctype> or after </html> is not part of the page.
    return _Events(html.strip()).events


def test_minified_html_keeps_every_tag_attribute_and_word():
    page = ("\n<!doctype html>\n<p  class=\"a\"\n   title=\"x  &#39;y&#39; > z\" data-a='q  \"r\"'  hidden >Hello   world,\n"
            "    again <b>bold</b>  <i>it</i></p>\n<pre>  keep\n   this</pre>\n<textarea>  a\n  b</textarea>"
            "<script type=\"module\">\n  if (a < b)   x();\n</script>\n<br />\n<template id=\"t\">\n  <li>  one</li>\n</template>\n")
    small = freeze_module.minify_html(page.encode()).decode()
    assert small == ("<!doctype html>\n<p class=\"a\" title=\"x  'y' > z\" data-a='q  \"r\"' hidden>Hello world,\n"
                     "again <b>bold</b> <i>it</i></p>\n<pre>  keep\n   this</pre>\n<textarea>  a\n  b</textarea>"
                     "<script type=\"module\">\n  if (a < b)   x();\n</script>\n<br/>\n<template id=\"t\">\n<li> one</li>\n"
                     "</template>")
    assert read_as_browser(small) == read_as_browser(page)


def test_frozen_pages_keep_the_text_of_the_rendered_ones(frozen_build):
    """Every frozen page reads, tag for tag, attribute for attribute and word for word, as the page the app renders
    for the export; only runs of white space are shorter (and the build's pages are smaller)."""
    from webapp import create_app

    app = create_app({"STATIC_EXPORT": True, "TRUSTED_HOSTS": ["localhost"]})
    client = app.test_client()
    pages = [p for p in frozen_build.rglob("*.html")]
    assert len(pages) > 30
    saved = 0
    for path in pages:
        url = "/" + path.relative_to(frozen_build).as_posix().removesuffix("index.html")
        rendered = client.get(url, base_url="http://localhost/").get_data(as_text=True)
        frozen = path.read_text(encoding="utf-8")
        assert read_as_browser(frozen) == read_as_browser(rendered), url
        saved += len(rendered.encode()) - len(frozen.encode())
        assert len(frozen.encode()) <= len(rendered.encode()), url
    assert saved > 10_000
