"""Malformed, oversized or misdirected requests: a translated 4xx page (JSON under /api/), never a 500.

Expected wording comes from the app's own catalog, so the tests hold when a translation changes.
"""
from __future__ import annotations

import html
import re

import pytest
from flask_babel import gettext

from webapp import create_app
from webapp.errors import MAX_REQUEST_BYTES
from webapp.i18n import set_language
from webapp.pages import PAGES

from tests.test_pages import spaced

# Names that url_for() or the app's routes use themselves: they crashed every page when splatted.
RESERVED = ("lang", "slug", "endpoint", "_method", "_external", "_anchor", "_scheme", "values", "filename")
PAGE_URLS = ["/fr/", "/en/", "/fr/references/", "/en/evidence/", "/fr/my-treatment/",
             *(f"/en/{slug}/" for slug in PAGES)]


def catalog_text(app, lang: str, msgid: str, **params) -> str:
    with app.test_request_context(f"/{lang}/"):
        set_language(lang)
        return gettext(msgid, **params)


def language_link(page: str) -> str:
    match = re.search(r'<a href="([^"]*)" hreflang="[a-z]+"', page)
    assert match, "no language link"
    return html.unescape(match.group(1))


@pytest.mark.parametrize("url", PAGE_URLS)
@pytest.mark.parametrize("key", RESERVED)
def test_reserved_query_keys_are_ignored_on_every_page(client, url, key):
    response = client.get(f"{url}?{key}=x")
    assert response.status_code == 200
    assert "x" not in language_link(response.get_data(as_text=True)).partition("?")[2]


def test_language_link_keeps_only_the_fields_of_the_form(client):
    page = client.get("/en/zoledronic-acid/?crcl=42&lang=fr&endpoint=x&_method=POST&note=hi").get_data(as_text=True)
    assert language_link(page) == "/fr/zoledronic-acid/?crcl=42"
    page = client.get("/fr/references/?q=rosen&slug=x").get_data(as_text=True)
    assert language_link(page) == "/en/references/?q=rosen"


@pytest.mark.parametrize("query", ["level=%ff%fe", "lev%ffel=1", "level=%e9t%e9", "level=50%", "level=%zz"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_query_that_is_not_utf8_or_badly_escaped_is_400_in_the_page_language(app, client, query, lang):
    response = client.get(f"/{lang}/vitamin-d/?{query}")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in page
    assert html.escape(catalog_text(app, lang, "Bad request")) in page
    assert language_link(page) == f"/{'en' if lang == 'fr' else 'fr'}/"


@pytest.mark.parametrize("url", ["/fr/", "/en/vitamin-d/", "/api/v1/vitamin-d", "/fr/references/", "/sw.js", "/xx/"])
def test_raw_non_utf8_bytes_in_the_query_are_400(client, url):  # even where no view reads the query
    response = client.get(url, environ_overrides={"QUERY_STRING": "q=\xff\xfe"})
    assert response.status_code == 400


def test_valid_utf8_in_the_query_is_read(client):
    assert client.get("/fr/references/?q=d%C3%A9nosumab").status_code == 200


def test_api_errors_are_json_in_the_language_asked(app, client):
    response = client.get("/api/v1/vitamin-d?level=%ff")
    assert response.status_code == 400
    assert response.get_json() == {"errors": {"request": catalog_text(app, "fr", "This address is malformed (for example, text that is not UTF-8). Check the link, or fill in the form again.")}}
    response = client.put("/api/v1/vitamin-d?lang=en&level=15")
    assert response.status_code == 405 and {"GET", "POST"} <= set(response.headers["Allow"].split(", "))
    assert response.get_json() == {"errors": {"request": catalog_text(app, "en", "This address does not answer this kind of request (see the Allow header).")}}
    assert client.get("/api/v2/nothing").get_json()["errors"]["request"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_unknown_page_is_a_translated_404(app, client, lang):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    assert html.escape(catalog_text(app, lang, "Page not found")) in response.get_data(as_text=True)


def test_unknown_language_is_404_in_the_browser_language(app, client):
    response = client.get("/de/", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert '<html lang="en">' in response.get_data(as_text=True)


def test_post_to_a_page_is_a_translated_405(app, client):
    response = client.post("/fr/vitamin-d/", data={"level": "15"})
    assert response.status_code == 405
    assert html.escape(catalog_text(app, "fr", "Method not allowed")) in response.get_data(as_text=True)


@pytest.mark.parametrize("url", ["/fr/vitamin-d/", "/fr/references/", "/api/v1/vitamin-d", "/xx/"])
def test_query_over_64_kb_is_413(app, client, url):
    assert client.get(f"{url}?level={'1' * (MAX_REQUEST_BYTES - 6)}").status_code != 413  # exactly the limit
    response = client.get(f"{url}?level={'1' * MAX_REQUEST_BYTES}")
    assert response.status_code == 413
    expected = catalog_text(app, "fr", "The address or the request is over %(size)s KB.", size=64)
    assert spaced(expected) in spaced(response.get_json()["errors"]["request"] if url.startswith("/api/")
                                      else html.unescape(response.get_data(as_text=True)))


@pytest.mark.parametrize("url", ["/fr/vitamin-d/", "/api/v1/vitamin-d"])
def test_body_over_64_kb_is_413(client, url):
    assert client.post(url, data=b"x" * (MAX_REQUEST_BYTES + 1)).status_code == 413


def test_an_exception_in_a_view_is_a_translated_500():
    app = create_app({"PROPAGATE_EXCEPTIONS": False})
    app.add_url_rule("/<lang>/broken/", "broken", lambda: 1 / 0)
    response = app.test_client().get("/en/broken/")
    assert response.status_code == 500
    assert html.escape(catalog_text(app, "en", "Server error")) in response.get_data(as_text=True)
