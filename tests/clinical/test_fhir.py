"""Reading lab values from FHIR: the vectors, and the rules they rest on (code and unit, never the display)."""
from __future__ import annotations

import copy
import datetime as dt

import pytest

from webapp.clinical import CALCULATORS, fhir
from webapp.clinical.parse import InvalidInput

from tests.fhir_vectors import FHIR_FILES, bundle, fhir_cases
from tests.golden import assert_subset
from tests.mirror.canonical import canonical

CASES = fhir_cases()
TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize("resource, today, calculator, expect", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_fhir_vector(resource, today, calculator, expect) -> None:
    assert_subset(expect, canonical(fhir.read_bundle(resource, dt.date.fromisoformat(today), calculator).as_dict()))


def test_every_vector_file_has_cases_for_known_calculators() -> None:
    assert len(FHIR_FILES) >= 6
    assert all(calculator in CALCULATORS for _, _, _, calculator, _ in CASES)
    assert {calculator for *_, calculator, _ in CASES} >= set(fhir.FILLS)


def test_the_values_are_what_the_calculator_reads() -> None:
    """The French Bundle fills the zoledronic acid form completely: a dose, from its values."""
    reading = fhir.read_bundle(bundle("french-umol"), TODAY, "zoledronic-acid")
    result = CALCULATORS["zoledronic-acid"](reading.values).as_dict()
    assert result["inputs"] == {"sex": "male", "age": 67.0, "weight_kg": 72.5, "creatinine": 98.0, "unit": "umol/L",
                                "weight_basis": "actual", "height_cm": 176.0}
    assert result["band"] == "full"  # (140 − 67) × 72.5 × 1.23 / 98 = 66.4 mL/min


def test_the_age_is_at_the_creatinine_date_not_today() -> None:
    """Born 29 Nov 1958, creatinine of 27 Nov 2026: 67, though 68 on the day of reading."""
    used = fhir.read_bundle(bundle("french-umol"), TODAY, "zoledronic-acid").used
    assert [(u.value, u.date) for u in used if u.field == "age"] == [("67", "2026-11-27")]
    alone = {"resourceType": "Bundle", "entry": [e for e in bundle("french-umol")["entry"]
                                                 if e["resource"]["resourceType"] == "Patient"]}
    assert fhir.read_bundle(alone, TODAY, "zoledronic-acid").values == {"sex": "male", "age": "68"}


def _scrambled(value):
    """Every display text and free text replaced by a misleading one."""
    if isinstance(value, dict):
        return {k: "Vitamin D [mg/dL]" if k in ("display", "text") else _scrambled(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrambled(v) for v in value]
    return value


@pytest.mark.parametrize("stem", [path.stem for path in FHIR_FILES])
def test_display_texts_are_never_read(stem) -> None:
    for calculator in fhir.FILLS:
        assert fhir.read_bundle(_scrambled(bundle(stem)), TODAY, calculator) == fhir.read_bundle(bundle(stem), TODAY,
                                                                                                  calculator)


def _creatinine(date: str, value: float = 90, unit: str = "umol/L") -> dict:
    return {"resourceType": "Observation", "status": "final", "effectiveDateTime": date,
            "code": {"coding": [{"system": fhir.LOINC, "code": "14682-9"}]},
            "valueQuantity": {"value": value, "system": fhir.UCUM, "code": unit}}


@pytest.mark.parametrize("date, stale", [("2026-11-01", []), ("2026-10-31", [("creatinine", "2026-10-31", 31)])])
def test_a_value_over_30_days_old_is_flagged_and_still_used(date, stale) -> None:
    reading = fhir.read_bundle(_creatinine(date), TODAY, "creatinine-clearance")
    assert reading.values == {"unit": "umol/L", "creatinine": "90"}
    assert [(s.field, s.date, s.days) for s in reading.stale] == stale


def test_the_newest_is_the_latest_instant_across_time_zones() -> None:
    """08:30+01:00 (07:30Z) is before 08:00Z, though it reads later."""
    early, late = _creatinine("2026-11-29T08:30:00+01:00", 80), _creatinine("2026-11-29T08:00:00Z", 85)
    for entries in ([early, late], [late, early]):
        reading = fhir.read_bundle({"resourceType": "Bundle", "entry": [{"resource": r} for r in entries]}, TODAY,
                                   "creatinine-clearance")
        assert reading.values["creatinine"] == "85"
        assert [i.reason.msgid for i in reading.ignored] == [fhir.OLDER]


def test_the_same_value_twice_is_used_once() -> None:
    twice = {"resourceType": "Bundle", "entry": [{"resource": _creatinine("2026-11-29")}] * 2}
    reading = fhir.read_bundle(twice, TODAY, "creatinine-clearance")
    assert reading.values["creatinine"] == "90" and len(reading.used) == 1 and len(reading.ignored) == 1


@pytest.mark.parametrize("resource", [None, [], "Bundle", {}, {"resourceType": "Medication"},
                                      {"resourceType": "Bundle", "entry": {}}])
def test_what_is_not_fhir_is_refused_on_the_bundle_field(resource) -> None:
    with pytest.raises(InvalidInput) as raised:
        fhir.read_bundle(resource, TODAY, "zoledronic-acid")
    assert {f: m.msgid for f, m in raised.value.errors.items()} == {"bundle": fhir.NOT_FHIR}


@pytest.mark.parametrize("value, text", [(98, "98"), (98.0, "98"), (1.10, "1.1"), (0.0001, "0.0001"), (-3, "-3"),
                                         (123456789.125, "123456789.125"), (0.1 + 0.2, "0.30000000000000004")])
def test_numbers_are_written_as_the_browser_writes_them(value, text) -> None:
    assert fhir.number_text(value) == text


@pytest.mark.parametrize("value", [1e-5, 1e15, 1e300, True, "98", None])
def test_implausible_or_non_numeric_values_are_ignored(value) -> None:
    reading = fhir.read_bundle(_creatinine("2026-11-29", value), TODAY, "creatinine-clearance")
    assert reading.values == {} and reading.ignored[0].reason.msgid in (fhir.IMPLAUSIBLE, fhir.NO_QUANTITY)


@pytest.mark.parametrize("text, parsed", [
    ("2026-11-29", ("2026-11-29", 1_795_910_400_000)),
    ("2026-11-29T00:30:00+01:00", ("2026-11-29", 1_795_908_600_000)),
    ("2026-11-29T23:59:59.9999-14:00", ("2026-11-29", 1_796_047_199_999)),
    ("2026-11", None), ("2026", None), ("2026-02-30", None), ("2026-11-29T24:00:00Z", None),
    ("2026-11-29T10:00:00", None), ("2026-11-29T10:00:00+15:00", None), (20261129, None),
])
def test_date_times_are_complete_fhir_date_times(text, parsed) -> None:
    assert fhir.parse_date_time(text) == parsed
