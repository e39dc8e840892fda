"""The about / instructions-for-use page, and the rule set named on every result and footer."""
from __future__ import annotations

import re

import pytest

from tests.test_pages import fetch, result_region, visible
from webapp.about import NOT_FOR
from webapp.clinical.rules import RULES_VERSION
from webapp.pages import PAGES
from webapp.rules_changelog import load_changelog, parse
from webapp.site import site_urls

WOMAN_85 = {"age": "85", "weight": "48", "sex": "female", "creatinine": "100", "unit": "umol/L"}
RULES_SHOWN = {"en": f"Rules {RULES_VERSION} (1 December 2026)", "fr": f"Règles {RULES_VERSION} (1er décembre 2026)"}


def test_every_page_has_a_do_not_use_for_line():
    assert sorted(NOT_FOR) == sorted(PAGES) and all(str(text).strip() for text in NOT_FOR.values())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_about_lists_limits_rules_and_changelog_in_the_page_language(client, lang):
    response = client.get(f"/{lang}/about/")
    assert response.status_code == 200
    page_html = response.get_data(as_text=True)
    text = visible(page_html)
    assert RULES_SHOWN[lang] in text
    for entry in load_changelog():
        assert entry.version in text
    for slug in PAGES:
        assert re.search(rf'<dt><a href="/{lang}/{slug}/">[^<]+</a></dt>\s*<dd>[^<]+</dd>', page_html), slug
    first_change = load_changelog()[0].changes[0]
    assert (first_change in text) == (lang == "en"), "changes are translated like any other text"
    for anchor in ("purpose", "not-for", "sources", "rules", "data", "accessibility", "report"):
        assert f'id="{anchor}"' in page_html


def test_about_is_in_the_static_site(app):
    assert {"/fr/about/", "/en/about/"} <= set(site_urls(app))


@pytest.mark.parametrize("path", ["/fr/", "/en/references/", "/fr/zoledronic-acid/", "/en/my-treatment/"])
def test_every_footer_links_to_about(client, path):
    footer = re.search(r'<footer class="foot">(.*?)</footer>', client.get(path).get_data(as_text=True), re.S).group(1)
    assert f'href="/{path[1:3]}/about/"' in footer


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_result_footer_and_summary_name_the_rule_set(client, lang):
    region = result_region(fetch(client, lang, "zoledronic-acid", WOMAN_85).get_data(as_text=True))
    footer = visible(re.search(r'<p class="result-footer">(.*?)</p>', region, re.S).group(1))
    summary = re.search(r'<p class="summary" id="summary-zoledronic-acid"([^>]*)>(.*?)</p>', region, re.S)
    assert RULES_SHOWN[lang] in footer and visible(summary.group(2)).endswith(RULES_SHOWN[lang] + ".")
    assert "%(date)s" in summary.group(1) and "%(url)s" in summary.group(1), "the copy adds the day and the link"


def test_changelog_parser_joins_continued_lines_and_ignores_the_preamble():
    text = "# Title\n\n- not an entry\n\n## 1.2.3 (2026-01-02)\n\nHash: `" + "a" * 64 + "`\n\n- one\n  two\n- three\n"
    [entry] = parse(text)
    assert (entry.version, entry.date, entry.hash, entry.changes) == ("1.2.3", "2026-01-02", "a" * 64, ("one two", "three"))
