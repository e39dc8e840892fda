"""The home page's search: found by titles, summaries and the words clinicians type in either language, on
the server (a GET form, no JS needed) and in the browser (the same matching, offline)."""
from __future__ import annotations

import json
import random
import re

import pytest

from tests.test_carnet import run_node
from webapp.home_search import SYNONYMS, matches, normalise, query_words

FOUND = {  # what a clinician types → the page they want among those listed
    "Zometa": "zoledronic-acid", "Xgeva": "denosumab-stop", "clairance": "zoledronic-acid",
    "clearance": "zoledronic-acid", "ONJ": "jaw-osteonecrosis", "MRONJ": "jaw-osteonecrosis",
    "calcémie": "corrected-calcium", "calcemie": "corrected-calcium", "Cockcroft": "zoledronic-acid",
    "vitamine d": "vitamin-d", "arrêt denosumab": "denosumab-stop", "créat": "creatinine-check",
    "hazard": "evidence",
}


def listed(client, lang: str, q: str) -> list[str]:
    page = client.get(f"/{lang}/", query_string={"q": q}).get_data(as_text=True)
    return re.findall(r'<li data-search="[^"]*"><a class="card" href="/\w+/([\w-]+)/"', page)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("q", sorted(FOUND))
def test_a_clinicians_word_finds_its_page_in_both_languages(client, lang, q):
    shown = listed(client, lang, q)
    assert FOUND[q] in shown
    assert len(shown) < len(listed(client, lang, "")), "a search lists fewer pages than the home page"


def test_every_page_of_the_home_has_search_words_and_the_evidence_is_linked(client):
    every = listed(client, "en", "")
    assert sorted(every) == sorted(SYNONYMS)
    assert "evidence" in every


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_match_says_so_and_offers_every_page(client, lang):
    page = client.get(f"/{lang}/?q=zzzz").get_data(as_text=True)
    assert listed(client, lang, "zzzz") == []
    none = re.search(r'<p id="search-none"([^>]*)>(.*?)</p>', page, re.S)
    assert "hidden" not in none.group(1) and f'href="/{lang}/"' in none.group(2)


def test_the_query_is_bounded_before_matching(client):
    assert len(query_words("a " * 5000)) == 8
    response = client.get("/en/", query_string={"q": "é" * 10_000})
    assert response.status_code == 200
    assert 'value="' + "é" * 100 + '"' in response.get_data(as_text=True)


def test_the_browser_matches_as_the_server_does():
    rng = random.Random(7)
    alphabet = "aAéÉèçÇœŒß İı-_'’ 0123456789.,;:/µ²\u0301\u00a0ﬁ𝔘"
    texts = ["Acide zolédronique", "CLAIRANCE de la créatinine", "l’ostéonécrose", "25-OH", "Straße", "ﬁn"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(300)]
    queries = ["", "zole", "créat", "ZOL cla", "osteo", "25 oh", "strasse", "fin", "ı"] + texts[-40:]
    script = f"""
import {{ normalise, queryWords, matches }} from "./static/js/home-search.mjs";
const texts = {json.dumps(texts)}, queries = {json.dumps(queries)};
console.log(JSON.stringify({{ norm: texts.map(normalise), words: queries.map(queryWords),
  hits: queries.map((q) => texts.map((t) => matches(normalise(t), queryWords(q)))) }}));
"""
    out = run_node(script)
    assert out["norm"] == [normalise(t) for t in texts]
    assert out["words"] == [query_words(q) for q in queries]
    assert out["hits"] == [[matches(normalise(t), query_words(q)) for t in texts] for q in queries]
