"""The references and evidence pages through the Flask test client."""
import re
import xml.etree.ElementTree as ET

import pytest

from webapp import create_app
from webapp.references_views import reference_anchor_url

SVG = "{http://www.w3.org/2000/svg}"


def listed(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<li id="ref-(\d+)"', html)]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("page", ["references", "evidence"])
def test_pages_answer_in_both_languages(client, lang, page):
    response = client.get(f"/{lang}/{page}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.get_data(as_text=True)


def test_full_list_has_an_anchor_for_every_reference(client):
    html = client.get("/en/references/").get_data(as_text=True)
    assert listed(html) == list(range(1, 151))
    assert ">150 references</p>" in html


def test_entries_are_marked_cited_or_duplicate(client):
    html = client.get("/en/references/").get_data(as_text=True)
    entry = dict(re.findall(r'<li id="ref-(\d+)"[^>]*>(.*?)</li>', html, re.S))
    assert "Rosen LS" in entry["23"] and "<i>Cancer</i>. 2004." in entry["23"]
    assert "Cited in the chapter" in entry["23"] and "Cited in the chapter" not in entry["1"]
    assert '<a href="/en/references/#ref-82">Same as [82]</a>' in entry["83"]


def test_search_ranks_denosumab_titles_first(client):
    html = client.get("/en/references/?q=denosumab").get_data(as_text=True)
    found = listed(html)
    assert {50, 51, 59, 66, 68} <= set(found) and 1 not in found
    titles = re.findall(r"<cite>(.*?)</cite>", html)
    assert all("denosumab" in title.lower() for title in titles[:5])
    assert f">{len(found)} references</p>" in html
    assert 'value="denosumab"' in html


def test_reference_number_alone_comes_first(client):
    assert listed(client.get("/en/references/?q=23").get_data(as_text=True))[0] == 23


def test_htmx_request_gets_only_the_list_and_the_count(client):
    response = client.get("/en/references/?q=denosumab", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert "<html" not in html and "<form" not in html
    assert '<ol id="reference-list"' in html and 'hx-swap-oob="innerHTML"' in html
    assert listed(html) == listed(client.get("/en/references/?q=denosumab").get_data(as_text=True))
    assert "HX-Request" in response.headers["Vary"]


def test_live_form_searches_through_htmx(client):
    html = client.get("/fr/references/").get_data(as_text=True)
    assert 'hx-get="/fr/references/"' in html and 'hx-trigger="input changed delay:300ms, search"' in html
    assert '<label for="reference-search">' in html and 'type="search"' in html and 'name="q"' in html
    assert "references.mjs" not in html


def test_static_export_filters_in_the_browser():
    html = create_app({"STATIC_EXPORT": True}).test_client().get("/en/references/").get_data(as_text=True)
    assert "hx-" not in html.split("<main", 1)[1]
    assert '<script type="module" src="/static/js/references.mjs"></script>' in html
    assert 'data-one="{n} reference" data-other="{n} references"' in html


CITED = [23, 43, *range(45, 69)]  # the entries marked "Cited in the chapter"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_static_export_paints_the_cited_references_first_and_links_to_the_others(lang):
    """The first visit gets the references cited in the chapter (what the other pages point to); the
    others are a file of their own, fetched on demand; together, every reference once."""
    client = create_app({"STATIC_EXPORT": True}).test_client()
    html = client.get(f"/{lang}/references/").get_data(as_text=True)
    assert listed(html) == CITED
    assert f'<a href="/{lang}/references/others.html">' in html
    others = client.get(f"/{lang}/references/others.html")
    assert others.status_code == 200 and others.mimetype == "text/html"
    rest = listed(others.get_data(as_text=True))
    assert rest == sorted(set(range(1, 151)) - set(CITED))
    assert f'<html lang="{lang}">' in others.get_data(as_text=True)


def test_live_page_lists_every_reference_and_no_link_to_the_others(client):
    html = client.get("/en/references/").get_data(as_text=True)
    assert listed(html) == list(range(1, 151)) and "others.html" not in html


def test_query_is_escaped(client):
    attack = '"><script>alert(1)</script>'
    for headers in ({}, {"HX-Request": "true"}):
        html = client.get("/en/references/", query_string={"q": attack}, headers=headers).get_data(as_text=True)
        assert "<script>alert" not in html
    html = client.get("/en/references/", query_string={"q": attack}).get_data(as_text=True)
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_anchor_url(app):
    with app.test_request_context("/fr/references/"):
        app.preprocess_request()
        assert reference_anchor_url(23) == "/fr/references/#ref-23"


@pytest.mark.parametrize(
    "lang, henry, rosen, pooled_p",
    [("en", "0.84 [0.71–0.98]", "0.732", "&lt;\u00a00.001"), ("fr", "0,84 [0,71–0,98]", "0,732", "&lt;\u00a00,001")],
)
def test_evidence_table_formats_numbers_per_language(client, lang, henry, rosen, pooled_p):
    html = client.get(f"/{lang}/evidence/").get_data(as_text=True)

    def row(row_id):
        return re.search(rf'<tr>\s*<th colspan="2" id="{row_id}-outcome".*?<tr id="{row_id}">(.*?)</tr>', html, re.S)

    def cells(row_id):
        return re.findall(r"<td[^>]*>(.*?)</td>", row(row_id).group(1))

    assert cells("henry-sre") == [henry, "0.007" if lang == "en" else "0,007"]
    assert f'<a href="/{lang}/references/#ref-50">[50]</a>' in row("henry-sre").group(0)
    assert cells("rosen-sre_9_months") == [rosen, "0.017" if lang == "en" else "0,017"]
    assert cells("pooled_phase3-sre")[1] == pooled_p
    assert cells("rosen-sre_rate") == ["—", "—"]
    not_listed = {"en": "not in the chapter’s reference list", "fr": "absent de la liste de références du chapitre"}
    assert not_listed[lang] in row("splendor-os").group(0)
    assert f'href="/{lang}/references/#ref-23">[23]</a> <a href="/{lang}/references/#ref-49">[49]</a>' in html
    assert 'headers="trial-henry henry-sre-outcome col-hr"' in html


def test_evidence_figures_keep_their_numbers_per_language(client):
    fr = client.get("/fr/evidence/").get_data(as_text=True)
    assert "Médiane 20,6\u00a0vs 16,3\u00a0mois\u202f; réduction du risque de 16\u00a0%" in fr
    html = client.get("/en/evidence/").get_data(as_text=True)
    assert "Median 8.2 months (95% CI 7.5–10.4) with denosumab vs 8.7 months (95% CI 7.6–11)" in html
    assert "more than 1,000 patients planned" in html and "(n = 1,776)" in html


def test_forest_plot_is_well_formed_inline_svg(client):
    html = client.get("/en/evidence/").get_data(as_text=True)
    root = ET.fromstring(re.search(r"<svg .*?</svg>", html, re.S).group(0))
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "Hazard ratios of the chapter’s trials"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "0.84 (0.71–0.98)" in texts and "0.732" in texts and "Hazard ratio (log scale)" in texts
    assert len(root.findall(f"{SVG}rect")) == 7  # one point per outcome with a hazard ratio
    assert "<a href=\"#evidence-table\">" in html and "id=\"evidence-table\"" in html


@pytest.mark.parametrize("query", ["9223372036854775808", "[99999999999999999999]", '"a" OR b*', "a " * 2000])
def test_search_never_fails(client, query):
    assert client.get("/en/references/", query_string={"q": query}).status_code == 200


def test_the_query_echoed_is_the_part_searched(client):
    page = client.get("/en/references/", query_string={"q": "rosen " * 5000}).get_data(as_text=True)
    value = re.search(r'name="q" value="([^"]*)"', page).group(1)
    assert len(value) <= 200 and value.startswith("rosen rosen")
