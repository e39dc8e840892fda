"""Next steps: each result links to the next calculators with its values in the query string (nothing
stored), the link naming what it carries; the target page opens with them in its fields."""
from __future__ import annotations

import html
import re

import pytest

from tests.test_pages import fetch, result_region, spaced, visible
from webapp.slots import query_text

MAN_70 = {"age": "70", "weight": "70", "sex": "male", "creatinine": "90", "unit": "umol/L"}


def next_links(client, lang: str, slug: str, params: dict) -> dict[str, str]:
    """href → link text of the next-step links in the result."""
    region = result_region(fetch(client, lang, slug, params).get_data(as_text=True))
    return {html.unescape(href): spaced(visible(text)).strip()
            for href, text in re.findall(r'<a class="next-step" href="([^"]+)"[^>]*>(.*?)</a>', region, re.S)}


def field_value(page_html: str, name: str) -> str | None:
    """A text field's value, or the checked radio's (None when no radio is checked: never the first one)."""
    inputs = [tag for tag in re.findall(r"<input\b[^>]*>", page_html) if f'name="{name}"' in tag]
    radios = [tag for tag in inputs if 'type="radio"' in tag]
    chosen = [tag for tag in radios if re.search(r"\schecked\b", tag)] if radios else inputs
    value = re.search(r'value="([^"]*)"', chosen[0]) if chosen else None
    return value.group(1) if value else None


def test_field_value_reads_no_radio_as_chosen_until_one_is():
    radios = '<input type="radio" name="unit" value="umol/L"><input type="radio" name="unit" value="mg/dL">'
    assert field_value(radios, "unit") is None
    assert field_value(radios.replace('value="mg/dL"', 'value="mg/dL" checked'), "unit") == "mg/dL"


def test_query_values_are_written_as_javascript_writes_them():
    assert [query_text(v) for v in (70.0, 66.9, 43.75, 12, "ng/mL", None, True)] == [
        "70", "66.9", "43.75", "12", "ng/mL", "", "true"]


def test_zoledronic_acid_links_to_the_schedule_with_the_shown_crcl_and_to_the_creatinine_check(client):
    links = next_links(client, "en", "zoledronic-acid", MAN_70)  # CrCl 66.9 mL/min
    assert links == {
        "/en/schedule/?agent=zoledronic_acid&crcl=66.9": "The schedule: zoledronic acid, CrCl 66.9 mL/min",
        "/en/creatinine-check/?baseline=90&unit=umol%2FL":
            "Creatinine before each infusion, with 90 µmol/L as the baseline",
    }


def test_a_typed_clearance_carries_the_clearance_only(client):
    assert list(next_links(client, "fr", "zoledronic-acid", {"crcl": "55"})) == [
        "/fr/schedule/?agent=zoledronic_acid&crcl=55"]


def test_no_schedule_is_offered_for_a_contraindicated_infusion(client):
    assert next_links(client, "en", "zoledronic-acid", {"crcl": "29.9"}) == {}


def test_vitamin_d_denosumab_stop_and_corrected_calcium_carry_their_values(client):
    assert list(next_links(client, "en", "vitamin-d", {"level": "12.5", "unit": "nmol/L"})) == [
        "/en/schedule/?vitamin_d=12.5&unit=nmol%2FL"]
    assert next_links(client, "en", "denosumab-stop", {"last_injection": "2026-10-01", "crcl": "40"}) == {
        "/en/schedule/?agent=denosumab&stop=2026-10-01&crcl=40":
            "The schedule: denosumab stopped after 1 October 2026, CrCl 40.0 mL/min"}
    assert list(next_links(client, "en", "corrected-calcium", {"calcium": "2.1", "albumin": "30", "unit": "mmol/L"})) == [
        "/en/calcium/?corrected_calcium=2.3&calcium_unit=mmol%2FL"]


@pytest.mark.parametrize(("slug", "params", "target", "carried"), [
    ("zoledronic-acid", MAN_70, "schedule", {"agent": "zoledronic_acid", "crcl": "66.9"}),
    ("zoledronic-acid", MAN_70, "creatinine-check", {"baseline": "90", "unit": "umol/L"}),
    ("vitamin-d", {"level": "12", "unit": "ng/mL"}, "schedule", {"vitamin_d": "12", "unit": "ng/mL"}),
    ("corrected-calcium", {"calcium": "2.1", "albumin": "30", "unit": "mmol/L"}, "calcium",
     {"corrected_calcium": "2.3", "calcium_unit": "mmol/L"}),
])
def test_the_target_page_opens_with_the_carried_values_in_its_fields(client, slug, params, target, carried):
    href = next(h for h in next_links(client, "en", slug, params) if f"/{target}/" in h)
    page_html = client.get(href).get_data(as_text=True)
    for name, value in carried.items():
        assert field_value(page_html, name) == value, name


def test_the_schedule_computes_with_the_carried_clearance_once_the_start_is_typed(client):
    href = next(iter(next_links(client, "en", "zoledronic-acid", {"crcl": "55"})))
    response = client.get(f"{href}&start=2027-01-04&today=2026-12-01")
    assert response.status_code == 200
    assert "3.5 mg" in spaced(visible(result_region(response.get_data(as_text=True))))  # CrCl 50–60: 3.5 mg
