"""The app shell: language URLs, security headers, layout, PWA files."""
from __future__ import annotations

import json
import re

import pytest

from webapp import ROOT
from webapp.pages import PAGES


def test_root_redirects_by_accept_language(client):
    assert client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).location.endswith("/en/")
    assert client.get("/", headers={"Accept-Language": "de-DE"}).location.endswith("/fr/")
    assert client.get("/").location.endswith("/fr/")
    assert "Accept-Language" in client.get("/").headers["Vary"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_home_in_each_language(client, lang):
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    for page in PAGES.values():
        assert f'href="/{lang}/{page.slug}/"' in html


def test_unknown_language_is_404(client):
    assert client.get("/de/").status_code == 404


def test_language_switch_keeps_page_and_answers(client):
    html = client.get("/fr/zoledronic-acid/?crcl=45").get_data(as_text=True)
    assert 'href="/en/zoledronic-acid/?crcl=45"' in html


def test_security_headers_on_every_response(client):
    for url in ["/", "/fr/", "/static/css/app.css", "/api/v1/zoledronic-acid?crcl=45", "/nowhere"]:
        with client.get(url) as response:
            headers = response.headers
        csp = headers["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]*)", csp).group(1)
        assert script_src.strip() == "'self'", url
        assert "unsafe" not in csp and "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "no-referrer"


def test_pages_have_no_inline_script_or_handler(client):
    for lang in ("fr", "en"):
        for url in [f"/{lang}/", *(f"/{lang}/{slug}/" for slug in PAGES)]:
            html = client.get(url).get_data(as_text=True)
            for tag in re.findall(r"<script\b[^>]*>", html):
                assert "src=" in tag, (url, tag)
            assert not re.search(r"\son[a-z]+=", html), url
            assert " style=" not in html, url


def test_htmx_config_turns_off_history_snapshots_and_indicator_styles(client):
    html = client.get("/en/").get_data(as_text=True)
    config = json.loads(re.search(r"name=\"htmx-config\" content='([^']*)'", html).group(1))
    assert config["historyCacheSize"] == 0
    assert config["includeIndicatorStyles"] is False


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_manifest(client, lang):
    manifest = client.get(f"/{lang}/manifest.webmanifest").get_json(force=True)
    assert manifest["lang"] == lang and manifest["display"] == "standalone"
    assert manifest["start_url"] == f"/{lang}/?source=home-screen"
    assert [(shortcut["url"], bool(shortcut["name"])) for shortcut in manifest["shortcuts"]] == [
        (f"/{lang}/my-treatment/", True)]
    assert manifest["shortcuts"][0]["name"] == {"en": "My injections", "fr": "Mes injections"}[lang]
    purposes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")} <= purposes
    for icon in manifest["icons"]:
        png = client.get(icon["src"]).get_data()
        assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == int(icon["sizes"].split("x")[0])


def test_htmx_is_the_pinned_2_0_release(client):
    package = json.loads((ROOT / "package.json").read_text())
    assert re.fullmatch(r"2\.0\.\d+", package["dependencies"]["htmx.org"])
    with client.get("/static/vendor/htmx.min.js") as response:
        js = response.get_data(as_text=True)
    assert 'version:"2.0.' in js.replace(" ", "")


def test_browser_catalog_has_every_core_message_translated(client):
    """The offline mirror translates with this file: every core msgid, in French; English texts are the msgids
    themselves, which the mirror shows when the catalog gives none, so the English file carries no messages."""
    from webapp.pwa import core_msgids

    fr = client.get("/fr/catalog.json").get_json()
    en = client.get("/en/catalog.json").get_json()
    assert set(fr["messages"]) == set(core_msgids())
    assert len(core_msgids()) > 100
    assert en["messages"] == {}
    untranslated = [msgid for msgid in core_msgids() if fr["messages"][msgid] == msgid]
    assert not untranslated
    assert fr["locale"]["decimal"] == "," and en["locale"]["decimal"] == "."


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_browser_shows_every_message_of_the_mirror_as_the_server_does(app, client, lang):
    """Every msgid the mirror can return (its MSGIDS), looked up in the language's catalog by format.mjs, reads as
    the server's translation of it, typeset."""
    from flask_babel import gettext

    from tests.test_carnet import run_node
    from webapp.formatting import typeset
    from webapp.i18n import set_language

    catalog = client.get(f"/{lang}/catalog.json").get_json()
    shown = run_node(f"""
import {{ MSGIDS }} from "./static/js/clinical/index.mjs";
import {{ translate }} from "./static/js/format.mjs";
const catalog = {json.dumps(catalog)};
console.log(JSON.stringify(Object.fromEntries(MSGIDS.map((msgid) => [msgid, translate({{ msgid, params: {{}} }}, catalog)]))));
""")
    assert len(shown) > 100
    with app.test_request_context(f"/{lang}/"):
        set_language(lang)
        server = {msgid: typeset(gettext(msgid), lang) for msgid in shown}
    assert shown == server
    if lang == "fr":
        assert sum(shown[msgid] != msgid for msgid in shown) == len(shown)  # each one in French


@pytest.mark.parametrize("size", [192, 512])
@pytest.mark.parametrize("maskable", [False, True])
def test_icon_pixels_are_the_drawing(size, maskable):
    """The palette PNG decodes to the colours the drawing gives each pixel (blue, white, transparent)."""
    import struct
    import zlib

    from webapp import icons

    png = icons.png(size, maskable)
    chunks, offset = {}, 8
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset:offset + 8])
        chunks[kind] = chunks.get(kind, b"") + png[offset + 8:offset + 8 + length]
        offset += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (width, height, depth, colour_type) == (size, size, 8, 3)
    rgb, alpha = chunks[b"PLTE"], chunks[b"tRNS"]
    palette = [(*rgb[3 * k:3 * k + 3], alpha[k] if k < len(alpha) else 255) for k in range(len(rgb) // 3)]
    rows = zlib.decompress(chunks[b"IDAT"])
    for j in range(size):
        row = rows[j * (size + 1):(j + 1) * (size + 1)]
        assert row[0] == 0  # no filter
        drawn = [icons._pixel((i + 0.5) / size, (j + 0.5) / size, maskable) for i in range(size)]
        assert [palette[index] for index in row[1:]] == drawn, j
