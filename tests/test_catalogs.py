"""The French and English catalogs are complete, consistent and in sync with the code."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = sorted(ROOT.glob("translations/*/LC_MESSAGES/messages.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def test_french_catalog_exists():
    assert [p.parts[-3] for p in CATALOGS] == ["fr"]


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_every_entry_translated_not_fuzzy_same_placeholders(path):
    with path.open("rb") as handle:
        catalog = read_po(handle)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {ids[0]!r}")
        if not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
        elif any(placeholders(s) != placeholders(ids[-1]) for s in strings):
            problems.append(f"placeholders differ: {ids[0]!r}")
    assert not problems, "\n".join(problems)


def test_catalogs_in_sync_with_code(tmp_path):
    """Extract the code's strings afresh: the committed catalog must not change."""
    pot = tmp_path / "messages.pot"
    babel = [sys.executable, "-m", "babel.messages.frontend"]
    subprocess.run([*babel, "extract", "-F", "babel.cfg", "-k", "N_", "-k", "_l", "--no-location",
                    "--sort-output", "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    result = subprocess.run([*babel, "update", "-i", str(pot), "-d", "translations", "--check",
                             "--no-fuzzy-matching", "--ignore-obsolete", "--ignore-pot-creation-date"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, "Run `make extract` and translate the new strings:\n" + result.stdout + result.stderr


# One name per concept (docs/STYLE.md): variants a French reader met for the same thing, and thresholds said
# the wrong way round.
FORBIDDEN_FRENCH = {
    "dose de rattrapage": "dose de charge",
    "doses de rattrapage": "doses de charge",
    "dose de correction": "dose de charge",
    "doses de correction": "doses de charge",
    "chapitre des recommandations": "chapitre du référentiel",
    "Reprendre à partir de": "Reprendre dès qu’elle est ≤",
    "revenue à moins de": "revenue à … près de",
}


def test_french_says_each_concept_one_way():
    with open(CATALOGS[0], "rb") as handle:
        catalog = read_po(handle)
    found = [(variant, message.id) for message in catalog if message.id and isinstance(message.string, str)
             for variant in FORBIDDEN_FRENCH if variant.lower() in message.string.lower()]
    assert not found, [f"{variant!r} → {FORBIDDEN_FRENCH[variant]!r} in {msgid!r}" for variant, msgid in found]


def test_french_msgstrs_leave_typography_to_the_renderer():
    """No-break spaces are added by webapp.formatting.typeset; typed by hand they would drift."""
    with open(CATALOGS[0], "rb") as handle:
        catalog = read_po(handle)
    typed = [message.id for message in catalog if isinstance(message.string, str)
             and re.search("[\u00a0](?=[:;!?»])|[\u202f](?=[;!?])", message.string)]
    assert not typed


def english_texts() -> list[str]:
    """Every English text: the msgids (English is the source language), and an English catalog's msgstrs if
    one is ever added."""
    texts = []
    for path in CATALOGS:
        with path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id:
                continue
            texts += message.id if isinstance(message.id, tuple) else [message.id]
            if path.parts[-3] == "en":
                texts += message.string if isinstance(message.string, tuple) else [message.string]
    return texts


def test_english_says_injection_record_never_carnet():
    """The patient's record of injections is the "injection record" in English (docs/STYLE.md); « carnet » is
    French only. URL paths, ids, classes and file names keep "carnet": they are not text."""
    assert not [text for text in english_texts() if re.search("carnet", text, re.IGNORECASE)]


def test_french_quotes_with_guillemets():
    """French quotes « like this » (the no-break spaces inside are typeset's): never "…" nor “…”. An HTML
    attribute's quotes inside a msgstr (<a href="…">) are markup, not quotation marks."""
    with open(CATALOGS[0], "rb") as handle:
        catalog = read_po(handle)
    quoted = [message.id for message in catalog if message.id
              for string in (message.string if isinstance(message.string, tuple) else (message.string,))
              if re.search('["“”„]', re.sub(r"<[^>]*>", "", string))]
    assert not quoted, quoted


# British English (docs/STYLE.md): American spellings a reader would notice, with the -ise endings the guide
# chose (as the BNF and NICE write them). Matched on the texts only: CSS, HTML and code are not read here.
US_SPELLINGS = re.compile(r"(?i)\b(?:" + "|".join((
    r"hem[ao]\w*",  # British: haematology, haemoglobin, haemorrhage
    r"\w*(?:calc|kal|natr|albumin|glyc|phosphat|ur)emi\w*",  # British: hypocalcaemia, hypoalbuminaemia, uraemia
    r"\w*anemi\w*", r"\w*(?<!o)edema\w*", r"\w*(?<!o)esophag\w*", r"\w*(?<!o)estrogen\w*", r"\w*leukemi\w*",
    r"\w*ischemi\w*", r"\w*diarrhea\w*", r"pediatr\w*", r"orthoped\w*", r"gynecolog\w*",
    r"tumors?", r"centers?", r"fibers?", r"colors?", r"behaviors?", r"favor\w*", r"(?:milli)?liters?", r"grays?",
    r"judgment", r"\w*(?:labeled|canceled|modeled|traveled)",
    r"\w+(?<!s)iz(?:e|es|ed|ing|ation|ations)", r"\w+yz(?:e|es|ed|ing)",  # British: randomised, analyse
)) + r")\b")


def test_english_is_british():
    found = sorted({match.group() for text in english_texts() for match in US_SPELLINGS.finditer(text)})
    assert not found, found


def test_the_spelling_check_sees_american_spellings():
    for american in ("hematology", "Hypocalcemia", "edema", "anemia", "tumors", "a specialized center",
                     "randomized", "analyze", "liters", "hypoalbuminemia", "labeled"):
        assert US_SPELLINGS.search(american), american
    for british in ("haematology", "hypocalcaemia", "oedema", "oesophagus", "oestrogen", "anaemia", "tumours", "a specialised centre",
                    "randomised", "analyse", "litres", "size", "literature", "parameters", "systemic", "academic"):
        assert not US_SPELLINGS.search(british), british
