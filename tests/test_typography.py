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
from webapp.clinical.limits import RANGE_DATE
from webapp.clinical.messages import Message
from webapp.formatting import format_date, locale_data, typeset
from webapp.i18n import set_language, translate
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


def test_english_dates_are_british_day_first_with_the_month_named():
    first = dt.date(2026, 12, 1)
    assert [format_date(first, "en", style) for style in ("medium", "long", "full")] == [
        "1 Dec 2026", "1 December 2026", "Tuesday 1 December 2026"]
    assert format_date(dt.date(2024, 6, 15), "en", "full") == "Saturday 15 June 2024"
    english = locale_data("en")
    assert english["lang"] == "en" and (english["decimal"], english["group"]) == (".", ",")  # numbers unchanged


@pytest.mark.parametrize("lang, expected", [
    ("en", "Enter a date between 1 January 2000 and 31 December 2099."),
    ("fr", "Saisissez une date comprise entre le 1er janvier 2000 et le 31 décembre 2099."),
])
def test_a_date_in_a_core_message_is_written_out_alike_by_server_and_browser(app, client, lang, expected):
    """The core passes dates as ISO strings; both translators print them as the language's long date."""
    message = Message(RANGE_DATE, (("min", "2000-01-01"), ("max", "2099-12-31")))
    expected = typeset(expected, lang)
    with app.test_request_context(f"/{lang}/"):
        set_language(lang)
        assert translate(message) == expected
    catalog = client.get(f"/{lang}/catalog.json").get_json()
    out = run_node(f"""
import {{ translate }} from "./static/js/format.mjs";
console.log(JSON.stringify(translate({json.dumps({"msgid": RANGE_DATE, "params": dict(message.params)})},
  {json.dumps(catalog)})));
""")
    assert out == expected


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
const locales = {json.dumps({lang: locale_data(lang) for lang in ("fr", "en")})};
const days = {json.dumps([d.isoformat() for d in days])};
console.log(JSON.stringify({{ texts: texts.map((t) => typeset(t, "fr")),
  dates: ["fr", "en"].flatMap((lang) =>
    days.flatMap((d) => ["medium", "long", "full"].map((s) => formatDate(d, locales[lang], s)))) }}));
""")
    assert out["texts"] == [typeset(text, "fr") for text in texts]
    assert out["dates"] == [format_date(d, lang, s) for lang in ("fr", "en") for d in days
                            for s in ("medium", "long", "full")]


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


ENGLISH_RESULTS = [(slug, inputs) for _, slug, lang, inputs, _ in SCENARIOS if lang == "en"] + [
    ("schedule", {"agent": "denosumab", "start": "2026-12-01", "interval": "4w", "vitamin_d": "14", "unit": "ng/mL",
                  "today": "2026-12-01", "stop": "2027-06-01"}),
    ("schedule", {"agent": "zoledronic_acid", "start": "2026-12-01", "interval": "monthly", "today": "2026-12-01",
                  "stop": "2027-06-01"}),  # refused: the stop date is for denosumab only
    ("follow-up", {"agent": "denosumab", "start": "2026-12-01"}),
    ("vitamin-d", {"level": "8", "unit": "ng/mL", "start": "2026-12-01"}),
]
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# "December 1", "Dec 1" (a month before its day; a year before it is a reference's citation, as in "2001 Mar 1")
# and "01/12/2026", "2026-12-01", "12-1-26" (a date in figures only).
US_OR_NUMERIC_DATE = re.compile(rf"(?<!\d{{4}} )\b{MONTH} \d{{1,2}}\b|\b\d{{1,4}}[/-]\d{{1,2}}[/-]\d{{2,4}}\b")


@pytest.mark.parametrize("url", [f"/en/{slug}/" for slug in PAGES]
                         + ["/en/", "/en/my-treatment/", "/en/evidence/", "/en/about/", "/en/references/"]
                         + [f"/en/{slug}/?{'&'.join(f'{k}={v}' for k, v in inputs.items())}"
                            for slug, inputs in ENGLISH_RESULTS])
def test_english_pages_write_dates_day_first_with_the_month_named(client, url):
    text = _visible(client.get(url).get_data(as_text=True))
    assert not US_OR_NUMERIC_DATE.findall(text), url


def test_the_date_check_sees_american_and_numeric_dates():
    for wrong in ("Tuesday, December 1, 2026", "Dec 1, 2026", "on 12/01/2026", "by 2027-01-31 at the latest"):
        assert US_OR_NUMERIC_DATE.search(wrong), wrong
    for right in ("Tuesday 1 December 2026", "1 Dec 2026", "Nature. 2001 Mar 1;410", "Rules 2026.12.1", "4 mg/5 mL"):
        assert not US_OR_NUMERIC_DATE.search(right), right
