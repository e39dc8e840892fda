"""`flask freeze DIR`: the whole site as static files, servable by any static host.

It writes only into an empty folder or over a build of its own, which it recognises by
the manifest it leaves (MANIFEST, the list of the files it wrote); replacing a build
deletes exactly those files. A symlink, the repository or a folder inside its source
is refused, so no run can delete or overwrite what it did not write.

The build's JavaScript and CSS are minified by esbuild (npm, see package.json), each file
on its own, so that every module keeps its name and its imports; the repository and the
live server keep the readable sources. Without esbuild the build stops rather than ship
unminified files. Its HTML loses the indentation of the templates (minify_html): a run of
white space becomes one character, which the browser shows alike. Each language's pages are
also written together in one file (page_packs), which the service worker downloads instead
of one file per page.
"""
from __future__ import annotations

import json
import re
import subprocess
import tempfile
from pathlib import Path

import click

from . import ROOT
from .formatting import LANGUAGES
from .site import content_version, precache_files, render_site, service_worker_script

MANIFEST = ".freeze-manifest.json"
# Each language's pages in one file, for the service worker (page_packs). Plain text: static hosts and CDNs
# compress text/plain as they do HTML.
PACK = "pages.txt"
ESBUILD = ROOT / "node_modules" / ".bin" / "esbuild"
# A file's opening comment (one block, or lines of // up to a blank line), kept above its minified code
# when it carries a copyright or licence.
_HEADER = re.compile(rb"\A\s*(?:(?://[^\n]*\n)+|/\*.*?\*/)", re.S)


class MinifierMissing(RuntimeError):
    """esbuild is not installed: the build would ship unminified files."""


class UnsafeTarget(FileExistsError):
    """A folder freeze will not write into; the message says why."""


def freeze(target: Path, base_path: str = "/") -> dict[str, bytes]:
    """Write every page of both languages, then the service worker that precaches them."""
    from . import create_app

    previous = checked_target(target)
    # The export renders through the test client at localhost, whatever hosts a deployment trusts.
    app = create_app({"STATIC_EXPORT": True, "TRUSTED_HOSTS": ["localhost"]})
    base_url = "http://localhost/" + base_path.strip("/") + ("/" if base_path.strip("/") else "")
    pages = render_site(app, base_url)
    pages["/"] = app.test_client().get("/", base_url=base_url).get_data()
    pages.update(minify(pages))
    pages.update({url: minify_html(body) for url, body in pages.items() if is_html(url)})
    packs = page_packs(pages)
    # The root is precached too: the static one is a page (the server's only redirects). The worker lists
    # every file but the packs, which only carry pages; its cache is named by the hash of all of them.
    files = precache_files(pages)
    pages.update({url: body for url, (_, body) in packs.items()})
    with app.test_request_context(base_url=base_url):
        sw = service_worker_script(files, content_version(pages),
                                   {url.lstrip("/"): [page.lstrip("/") for page in members] for url, (members, _) in packs.items()})
    pages["/sw.js"] = sw.encode()
    files = {url.lstrip("/") + ("index.html" if url.endswith("/") else ""): body for url, body in pages.items()}
    remove_build(target, previous)
    target.mkdir(parents=True, exist_ok=True)
    # Written first, so that a run stopped half-way still leaves a build it may replace.
    (target / MANIFEST).write_text(json.dumps({"files": sorted(files)}, indent=1) + "\n", encoding="utf-8")
    for name, body in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
    return pages


def minify(files: dict[str, bytes]) -> dict[str, bytes]:
    """The .mjs, .js and .css files among files (URL → body), minified; the others are left out."""
    names = [url for url in files if url.endswith((".mjs", ".js", ".css"))]
    if not names:
        return {}
    if not ESBUILD.is_file():
        raise MinifierMissing(f"esbuild is not installed ({ESBUILD} is missing): run `make vendor` "
                              "(npm ci) first; freeze does not ship unminified files")
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder, "source"), Path(folder, "out")
        for url in names:
            (source / url.lstrip("/")).parent.mkdir(parents=True, exist_ok=True)
            (source / url.lstrip("/")).write_bytes(files[url])
        # esbuild names a JavaScript output .js: modules (.mjs) keep their extension in a run of their own.
        for group, extra in (([u for u in names if not u.endswith(".js")], ["--out-extension:.js=.mjs"]),
                             ([u for u in names if u.endswith(".js")], [])):
            if group:
                result = subprocess.run(
                    [str(ESBUILD), *(str(source / u.lstrip("/")) for u in group), "--minify", "--charset=utf8",
                     "--log-level=warning", f"--outbase={source}", f"--outdir={out}", *extra],
                    capture_output=True, text=True)
                if result.returncode:
                    raise RuntimeError(f"esbuild failed:\n{result.stderr}")
        minified = {}
        for url in names:
            header = _HEADER.match(files[url])
            keep = header.group().strip() + b"\n" if header and re.search(rb"copyright|licen[cs]e", header.group(), re.I) else b""
            minified[url] = keep + (out / url.lstrip("/")).read_bytes()
    return minified


def page_packs(pages: dict[str, bytes]) -> dict[str, tuple[list[str], bytes]]:
    """Per language, one file carrying its pages for the service worker: URL → (the pages' URLs, body).

    The body is a first line, the JSON list of [path relative to the worker, length in bytes] of each page,
    then their bodies one after the other. Gzip compresses a page on its own, so each page paid again for the
    markup every page shares (head, header, footer, forms, result templates); in one file it is read once. The
    pages are still written one by one, for the browser to open; only the worker reads the pack."""
    packs = {}
    for lang in LANGUAGES:
        members = sorted(url for url in pages if url.startswith(f"/{lang}/") and is_html(url))
        index = json.dumps([[url.lstrip("/"), len(pages[url])] for url in members], separators=(",", ":"))
        packs[f"/{lang}/{PACK}"] = members, index.encode() + b"\n" + b"".join(pages[url] for url in members)
    return packs


def is_html(url: str) -> bool:
    return url.endswith(("/", ".html"))


# An element whose text is kept as written, a comment, a tag (its quoted values whole), or a run of white space.
_HTML_TOKEN = re.compile(
    rb"(?P<raw><(?P<name>pre|textarea|script|style)\b(?:\"[^\"]*\"|'[^']*'|[^'\">])*>.*?</(?P=name)\s*>)"
    rb"|(?P<comment><!--.*?-->)"
    rb"|(?P<tag></?[A-Za-z!](?:\"[^\"]*\"|'[^']*'|[^'\">])*>)"
    rb"|(?P<space>\s+)", re.S | re.I)
_QUOTED_OR_SPACE = re.compile(rb"(\"[^\"]*\")|('[^']*')|\s+")


def minify_html(html: bytes) -> bytes:
    """The page without its templates' indentation: each run of white space outside a tag becomes one
    character (a line break if it had one), white space inside a tag one space, and a ' inside a
    double-quoted value loses its &#39;. The text of <pre>, <textarea>, <script> and <style>, every
    attribute value and every word stay as they are; comments (none are written) go."""
    def token(match: re.Match) -> bytes:
        if match["raw"]:
            return match["raw"]
        if match["comment"]:
            return b""
        if match["tag"]:
            tag = _QUOTED_OR_SPACE.sub(attribute, match["tag"])
            # A space before the closing > or /> is outside any value (a value ends with its quote).
            return tag[:-3] + b"/>" if tag.endswith(b" />") else tag[:-2] + b">" if tag.endswith(b" >") else tag
        return b"\n" if b"\n" in match["space"] else b" "

    def attribute(match: re.Match) -> bytes:
        if match[1]:
            return match[1].replace(b"&#39;", b"'")
        return match[2] or b" "

    return _HTML_TOKEN.sub(token, html).strip()


def checked_target(target: Path) -> list[str]:
    """The files of the previous build in target ([] when there is none); raises UnsafeTarget."""
    if target.is_symlink():
        raise UnsafeTarget(f"{target} is a symbolic link: give the real folder")
    resolved = target.resolve()
    if resolved == ROOT or resolved in ROOT.parents:
        raise UnsafeTarget(f"{target} is the repository or contains it: give a folder of its own, e.g. build")
    if resolved.is_relative_to(ROOT) and resolved.parent != ROOT:
        raise UnsafeTarget(f"{target} is inside the source tree ({resolved.relative_to(ROOT).parts[0]}/): "
                           "inside the repository, freeze writes only to a top-level folder such as build")
    if not target.exists():
        return []
    if not target.is_dir():
        raise UnsafeTarget(f"{target} is a file, not a folder")
    manifest = target / MANIFEST
    if not manifest.is_file():
        if any(target.iterdir()):
            raise UnsafeTarget(f"{target} is not empty and is not a build written by freeze (no {MANIFEST}): "
                               "not replacing it")
        return []
    try:
        files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (ValueError, KeyError, TypeError):
        raise UnsafeTarget(f"{manifest} is not a freeze manifest: not replacing {target}") from None
    for name in files:
        if not (isinstance(name, str) and (target / name).resolve().is_relative_to(resolved)):
            raise UnsafeTarget(f"{manifest} lists {name!r}, outside {target}: not replacing it")
    return [*files, MANIFEST]


def remove_build(target: Path, files: list[str]) -> None:
    """Delete the listed files, then the folders they leave empty; anything else stays."""
    folders = set()
    for name in files:
        path = target / name
        if path.is_file() or path.is_symlink():
            path.unlink()
            folders.update(parent for parent in path.parents if parent.is_relative_to(target) and parent != target)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


@click.command("freeze")
@click.argument("target", default="build", type=click.Path(file_okay=False, path_type=Path))
@click.option("--base-path", default="/", show_default=True, help="Sub-path the site is served under, e.g. /bone/.")
def freeze_command(target: Path, base_path: str) -> None:
    """Write the static site (both languages, offline-ready) into TARGET, replacing a previous build."""
    try:
        pages = freeze(target, base_path)
    except (FileExistsError, MinifierMissing) as error:
        raise click.ClickException(str(error)) from None
    size = sum(len(body) for body in pages.values())
    click.echo(f"Wrote {len(pages)} files ({size / 1024:.0f} KiB) to {target}/")
