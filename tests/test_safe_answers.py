"""Safety rules of 2026-12-01 on the pages: nothing assumed, every answer restates its inputs, the figure
shown decides, and a plan never shows what the app forbids (../shared/spec/clinical-rules.md §11)."""
from __future__ import annotations

import re

import pytest

from tests.test_pages import fetch, result_region, visible

WOMAN_85 = {"age": "85", "weight": "48", "creatinine": "100", "unit": "umol/L"}


def summary(region: str, slug: str) -> str:
    return visible(re.search(rf'<p class="summary" id="summary-{slug}"[^>]*>(.*?)</p>', region, re.S).group(1))


def test_woman_of_85_without_sex_gets_no_dose(client):
    response = fetch(client, "en", "zoledronic-acid", WOMAN_85)
    assert response.status_code == 422
    assert " mg" not in visible(result_region(response.get_data(as_text=True)))


@pytest.mark.parametrize("lang,sex,head,restated", [
    ("en", "female", "Zoledronic acid contraindicated", "Female, 85 years, 48 kg, creatinine 100 µmol/L"),
    ("fr", "female", "Acide zolédronique contre-indiqué", "Femme, 85 ans, 48 kg, créatininémie 100 µmol/L"),
    ("en", "male", "3.0 mg", "Male, 85 years, 48 kg, creatinine 100 µmol/L"),
])
def test_the_dose_restates_sex_age_weight_and_creatinine(client, lang, sex, head, restated):
    region = result_region(fetch(client, lang, "zoledronic-acid", {**WOMAN_85, "sex": sex}).get_data(as_text=True))
    assert visible(region).startswith(head)
    assert restated in visible(re.search(r'<p class="restated">(.*?)</p>', region, re.S).group(1))
    assert restated in summary(region, "zoledronic-acid")


def test_the_shown_clearance_decides_the_dose(client):
    # 100 × 61 × 1.23 / 125 = 60.024: shown 60.0, so table 2 gives 3.5 mg, never 4.0 beside "60.0"
    region = result_region(fetch(client, "en", "zoledronic-acid", {"age": "40", "weight": "61", "sex": "male",
                                                                  "creatinine": "125", "unit": "umol/L"}).get_data(as_text=True))
    text = visible(region)
    assert text.startswith("3.5 mgzoledronic acid IV every month · CrCl 60.0 mL/min")  # <small> is inline
    assert "4.0 mg IV" not in summary(region, "zoledronic-acid")


def test_a_typed_clearance_in_another_band_is_shown_beside_cockcroft_gault_and_the_lower_dose_given(client):
    region = result_region(fetch(client, "en", "zoledronic-acid", {**WOMAN_85, "sex": "female", "crcl": "70"})
                           .get_data(as_text=True))
    text = visible(region)
    assert text.startswith("Zoledronic acid contraindicatedCreatinine clearance 27.4 mL/min")
    assert "Two clearances in different dose bands Typed (measured) 70 mL/min Cockcroft–Gault 27.4 mL/min" in text


def test_the_typed_clearance_field_says_it_is_not_an_egfr(client):
    page = fetch(client, "en", "zoledronic-acid").get_data(as_text=True)
    hint = visible(re.search(r'<p class="hint" id="hint-crcl">(.*?)</p>', page, re.S).group(1))
    assert "24-hour urine" in hint and "Not an eGFR (CKD-EPI, MDRD)" in hint


def test_obesity_shows_the_clearance_with_the_adjusted_weight(client):
    region = result_region(fetch(client, "en", "zoledronic-acid", {"age": "70", "weight": "120", "sex": "female",
                                                                  "creatinine": "100", "unit": "umol/L",
                                                                  "height": "155"}).get_data(as_text=True))
    text = visible(region)
    assert text.startswith("4.0 mg")
    assert "With the adjusted body weight: CrCl 55.8 mL/min · 3.5 mg" in text
    assert "BMI 49.9 kg/m²" in text


def test_the_dose_shows_its_preparation_volumes_under_it(client):
    region = result_region(fetch(client, "en", "zoledronic-acid", {"crcl": "45"}).get_data(as_text=True))
    panel = visible(re.search(r'<div class="panel ok">(.*?)</div>', region, re.S).group(1))
    assert panel.startswith("3.3 mg")
    assert "draw 4.1 mL of the 4 mg/5 mL concentrate into 100 mL" in panel and "remove 18 mL" in panel


def test_denosumab_stop_with_a_forbidden_infusion_has_no_green_date(client):
    region = result_region(fetch(client, "en", "denosumab-stop", {"last_injection": "2027-06-01", "crcl": "25"})
                           .get_data(as_text=True))
    assert 'class="panel ok"' not in region
    assert visible(region).startswith("No zoledronic acid infusion")
    assert "1 September 2027" not in visible(region)


def test_schedule_restates_its_inputs_and_offers_the_earliest_start(client):
    params = {"agent": "denosumab", "start": "2026-12-01", "interval": "4w", "vitamin_d": "14", "unit": "ng/mL",
              "today": "2026-12-01"}
    region = result_region(fetch(client, "en", "schedule", params).get_data(as_text=True))
    text = visible(region)
    assert "From: vitamin D 14 ng/mL, plan made on 1 December 2026" in text
    assert "Earliest first injection after the vitamin D loading: 15 January 2027" in text
    assert 'href="#start=2027-01-15" data-use-start' in region
    assert "17 October 2026" not in text  # a loading dose never dated in the past


def test_when_to_start_does_not_read_an_unanswered_life_expectancy_as_short(client):
    region = result_region(fetch(client, "en", "when-to-start", {"bone_metastasis": "true"}).get_data(as_text=True))
    assert visible(region).startswith("Estimate the life expectancy first")
    assert "Not indicated" not in visible(region)
