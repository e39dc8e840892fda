"""`flask freeze DIR`: the whole site as static files, servable by any static host."""
from __future__ import annotations

import shutil
from pathlib import Path

import click

from .site import content_version, render_site


def freeze(target: Path, base_path: str = "/") -> dict[str, bytes]:
    """Write every page of both languages, then the service worker that precaches them."""
    from . import create_app

    app = create_app({"STATIC_EXPORT": True})
    base_url = "http://localhost/" + base_path.strip("/") + ("/" if base_path.strip("/") else "")
    pages = render_site(app, base_url)
    pages["/"] = app.test_client().get("/", base_url=base_url).get_data()
    urls = sorted(url for url in pages if url != "/")
    with app.test_request_context(base_url=base_url):
        from flask import render_template

        sw = render_template("sw.js", urls=[url.lstrip("/") for url in urls], version=content_version(
            {url: pages[url] for url in urls}))
    pages["/sw.js"] = sw.encode()
    if target.exists() and any(target.iterdir()):
        if not (target / "sw.js").is_file():
            raise FileExistsError(f"{target} is not empty and is not a previous build: not replacing it")
        shutil.rmtree(target)
    for url, body in pages.items():
        path = target / (url.lstrip("/") + ("index.html" if url.endswith("/") else ""))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
    return pages


@click.command("freeze")
@click.argument("target", default="build", type=click.Path(file_okay=False, path_type=Path))
@click.option("--base-path", default="/", show_default=True, help="Sub-path the site is served under, e.g. /bone/.")
def freeze_command(target: Path, base_path: str) -> None:
    """Write the static site (both languages, offline-ready) into TARGET, replacing a previous build."""
    try:
        pages = freeze(target, base_path)
    except FileExistsError as error:
        raise click.ClickException(str(error)) from None
    size = sum(len(body) for body in pages.values())
    click.echo(f"Wrote {len(pages)} files ({size / 1024:.0f} KiB) to {target}/")
