"""French typography, applied by one function when a text is rendered (webapp.formatting.typeset), and its
browser twin (static/js/format.mjs), which must produce the same characters."""
from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest
from babel.messages.pofile import read_po

from tests.e2e.scenarios import SCENARIOS
from tests.test_carnet import ROOT, run_node
from webapp.formatting import format_date, typeset
from webapp.pages import PAGES

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize("text, expected", [
    ("Source : RCP", f"Source{NBSP}: RCP"),
    ("16,3 mois ; réduction", f"16,3{NBSP}mois{NNBSP}; réduction"),
    ("Pourquoi ? Attention !", f"Pourquoi{NNBSP}? Attention{NNBSP}!"),
    ("Données: plan", f"Données{NBSP}: plan"),
    ("« sauf urgence »", f"«{NBSP}sauf urgence{NBSP}»"),
    ("%(dose)s mg et %(days)s jours", f"%(dose)s{NBSP}mg et %(days)s{NBSP}jours"),
    ("%(date)s à midi", "%(date)s à midi"),  # a placeholder that is no number keeps its space
    ("injection n° 3", f"injection n°{NBSP}3"),
    ("10 %", f"10{NBSP}%"),
    ("https://ciqual.anses.fr et 10:30", "https://ciqual.anses.fr et 10:30"),
])
def test_french_typography(text, expected):
    assert typeset(text, "fr") == expected
    assert typeset(expected, "fr") == expected  # applied twice, the same


def test_english_is_left_as_written():
    assert typeset("Source: label ; 12 mg « x »", "en") == "Source: label ; 12 mg « x »"


def test_the_first_of_the_month_is_premier_in_french_dates():
    first = dt.date(2026, 12, 1)
    assert format_date(first, "fr", "long") == "1er décembre 2026"
    assert format_date(first, "fr", "full") == "mardi 1er décembre 2026"
    assert format_date(dt.date(2026, 12, 2), "fr", "long") == "2 décembre 2026"
    assert format_date(first, "en", "long") == "December 1, 2026"


def _french_texts() -> list[str]:
    with open(ROOT / "translations" / "fr" / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po, locale="fr")
    return [message.string for message in catalog if message.id and isinstance(message.string, str)]


def test_browser_twin_typesets_every_french_text_and_date_alike():
    texts = _french_texts()
    days = [dt.date(2026, 12, 1) + dt.timedelta(days=k) for k in range(0, 400, 7)]
    out = run_node(f"""
import {{ typeset, formatDate }} from "./static/js/format.mjs";
const texts = {json.dumps(texts)};
const locale = {json.dumps(__import__("webapp.formatting", fromlist=["locale_data"]).locale_data("fr"))};
const days = {json.dumps([d.isoformat() for d in days])};
console.log(JSON.stringify({{ texts: texts.map((t) => typeset(t, "fr")),
  dates: days.flatMap((d) => ["medium", "long", "full"].map((s) => formatDate(d, locale, s))) }}));
""")
    assert out["texts"] == [typeset(text, "fr") for text in texts]
    assert out["dates"] == [format_date(d, "fr", s) for d in days for s in ("medium", "long", "full")]


def _visible(page: str) -> str:
    body = re.sub(r"<(script|template|style)\b.*?</\1>", " ", page.split("<body", 1)[1], flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


FRENCH_RESULTS = [(slug, inputs) for _, slug, lang, inputs, _ in SCENARIOS if lang == "fr"]


@pytest.mark.parametrize("url", [f"/fr/{slug}/" for slug in PAGES] + ["/fr/", "/fr/my-treatment/", "/fr/evidence/"]
                         + [f"/fr/{slug}/?{'&'.join(f'{k}={v}' for k, v in inputs.items())}"
                            for slug, inputs in FRENCH_RESULTS])
def test_french_pages_follow_french_typography(client, url):
    text = _visible(client.get(url).get_data(as_text=True))
    assert not re.findall(r".{0,20} [:;!?](?=\s)", text), url
    assert not re.findall(r"\d (?:mg|kg|mL|µmol|mmol|ng|nmol|UI|cm|mois|jours|ans|semaines|%)(?![A-Za-zÀ-ÿ])", text)
    assert "« " not in text and " »" not in text
