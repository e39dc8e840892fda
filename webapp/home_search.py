"""The home page's search over the pages: titles and summaries in the page's language, plus the words
clinicians type in either language (brand names, abbreviations, French and English terms).

The same matching runs on the server (a GET form with `q`, for browsers without JS) and in the browser
(static/js/home-search.mjs, offline): words are lower-cased and stripped of accents, and every word of the
query must begin a word of the page's text. Both sides get the page's text from `data-search`.
"""
from __future__ import annotations

import unicodedata

MAX_QUERY_CHARS = 100  # longer than any title; a query beyond is cut, never searched whole
MAX_QUERY_WORDS = 8

# Words a page is found by, whatever the page's language (not translated: they are what people type).
SYNONYMS = {
    "vitamin-d": "vitamine D 25-OH cholécalciférol cholecalciferol D3 carence deficiency insuffisance",
    "zoledronic-acid": "Zometa acide zolédronique zoledronate bisphosphonate dose clairance clearance CrCl ClCr "
                       "Cockcroft Gault rein kidney renal rénale",
    "creatinine-check": "créatinine creatinine créatininémie rein kidney renal perfusion infusion Zometa",
    "calcium": "calcium apports intake supplément supplement alimentation diet eau water",
    "corrected-calcium": "calcémie corrigée corrected calcium albumine albumin hypocalcémie hypocalcaemia "
                         "hypercalcémie hypercalcaemia",
    "denosumab-stop": "Xgeva dénosumab denosumab arrêt stop stopping rebond rebound relais",
    "when-to-start": "indication début start SRE événement osseux skeletal event espérance de vie life expectancy",
    "before-first-dose": "checklist liste bilan dentaire dental Xgeva Zometa dénosumab denosumab urgence emergency",
    "follow-up": "suivi surveillance follow-up dentiste dentist contrôle",
    "jaw-osteonecrosis": "ONJ MRONJ ONM ostéonécrose osteonecrosis mâchoire jaw AAOMS stade stage",
    "schedule": "calendrier carnet QR plan injection Xgeva Zometa dénosumab denosumab",
    "my-treatment": "carnet patient patiente injection record rappel reminder",
    "evidence": "essais trials preuves evidence forest HR",
    "references": "références references bibliographie bibliography PubMed",
}

def normalise(text: str) -> str:
    """Lower case, no accents, words (letters and digits) separated by one space. The browser's twin takes the
    same steps with the same Unicode classes (marks \\p{M}; letters and digits \\p{L}\\p{N})."""
    bare = "".join(c for c in unicodedata.normalize("NFD", str(text)) if not unicodedata.category(c).startswith("M"))
    kept = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in bare.lower())
    return " ".join(kept.split())


def query_words(query: str) -> list[str]:
    return normalise(query[:MAX_QUERY_CHARS]).split()[:MAX_QUERY_WORDS]


def matches(haystack: str, words: list[str]) -> bool:
    """Every word of the query begins a word of the (normalised) haystack."""
    padded = " " + haystack
    return all(f" {word}" in padded for word in words)
