"""French typography on what the browser computes offline: the mirror typesets as the server does."""
from __future__ import annotations

import re

import pytest

from tests.e2e.browser import fill_form, result_text
from tests.e2e.scenarios import SCENARIOS

FRENCH = [s for s in SCENARIOS if s[2] == "fr" and not s[0].endswith("bad-input")][:4]


@pytest.mark.parametrize("scenario", FRENCH, ids=[s[0] for s in FRENCH])
def test_offline_french_result_follows_french_typography(go_offline, scenario):
    _, slug, _, inputs, _ = scenario
    page = go_offline(f"/fr/{slug}/")
    page.wait_for_selector("form[data-ready]")
    fill_form(page, inputs)
    text = result_text(page)
    assert not re.findall(r".{0,20} [:;!?](?=\s)", text)
    assert not re.findall(r"\d (?:mg|kg|mL|µmol|mmol|ng|nmol|UI|cm|mois|jours|ans|semaines|%)(?![A-Za-zÀ-ÿ])", text)
    assert "\u00a0:" in text or "\u202f;" in text  # the no-break spaces are there, not merely absent spaces
