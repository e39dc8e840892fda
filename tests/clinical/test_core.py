"""Focused checks of the core's contracts: messages, sources, parsing, arithmetic tolerance, purity."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from webapp.clinical import CALCULATORS, calcium, duration, limits, renal
from webapp.clinical.dates import add_months
from webapp.clinical.messages import Message, msg
from webapp.clinical.parse import (
    AMBIGUOUS_NUMBER,
    NOT_A_NUMBER,
    REQUIRED,
    FieldError,
    Fields,
    InvalidInput,
    parse_bool,
    parse_choice,
    parse_date,
    parse_decimal,
)
from webapp.clinical.sources import Source
from webapp.clinical.tolerance import EPSILON

CORE = Path(__file__).resolve().parents[2] / "webapp" / "clinical"
VECTORS = Path(__file__).resolve().parents[1] / "vectors"
PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _vector_outcomes():
    """Every result dict and every error Message the vector inputs produce."""
    for path in sorted(VECTORS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            try:
                yield CALCULATORS[data["calculator"]](case["input"]).as_dict()
            except InvalidInput as invalid:
                yield invalid.errors


def _messages(value):
    if isinstance(value, Message):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _messages(item)
    elif isinstance(value, list):
        for item in value:
            yield from _messages(item)


def _encode(value):
    if isinstance(value, Message):
        return {"msgid": value.msgid, "params": dict(value.params)}
    raise TypeError(f"not JSON: {value!r}")


OUTCOMES = list(_vector_outcomes())
MESSAGES = {message for outcome in OUTCOMES for message in _messages(outcome)}


def test_messages_fill_exactly_their_placeholders():
    assert len(MESSAGES) > 50
    for message in MESSAGES:
        names = set(PLACEHOLDER.findall(message.msgid))
        assert names == {name for name, _ in message.params}, message
        message.msgid % dict(message.params)  # a stray "%" would raise here
        assert all(isinstance(value, (int, float, str)) for _, value in message.params)


def test_every_message_is_extractable_with_N_():
    extracted = {
        entry[2]
        for entry in extract_from_dir(str(CORE), method_map=[("**.py", "python")], keywords={"N_": None})
    }
    missing = {message.msgid for message in MESSAGES} - extracted
    assert not missing


def test_results_are_json_ready_and_sourced():
    for outcome in OUTCOMES:
        json.dumps(outcome, default=_encode)
        if "sources" in outcome:
            assert outcome["sources"], outcome
    results = [outcome for outcome in OUTCOMES if "sources" in outcome]
    assert len(results) > 200


def test_source_json_forms():
    assert Source("reference", 45).as_dict() == {"type": "reference", "number": 45}
    assert Source("section", "2.4").as_dict() == {"type": "section", "section": "2.4"}
    assert Source("label", "denosumab").as_dict() == {"type": "label", "product": "denosumab"}
    assert Source("external", "X 2022").as_dict() == {"type": "external", "citation": "X 2022"}


def test_message_is_hashable_with_sorted_params():
    assert msg("a %(y)s %(x)s", y=1, x=2) == Message("a %(y)s %(x)s", (("x", 2), ("y", 1)))
    assert len({msg("m"), msg("m")}) == 1


def test_core_is_pure_python():
    for path in CORE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+(flask|decimal)\b", text, re.M), path.name
        assert "round(" not in text, path.name


# ---- parsing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [("0,9", 0.9), ("0.9", 0.9), (" 12 ", 12.0), ("+5", 5.0), ("-0", 0.0), (".5", 0.5), ("5.", 5.0), ("1,243", 1.243)],
)
def test_parse_decimal_accepts(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize(
    "text", ["abc", "NaN", "nan", "inf", "-Infinity", "1e3", "1E3", "0x10", "1 000", "1,000.5", "1.000,5", ",", "１２", "½", "--1"]
)
def test_parse_decimal_refuses(text):
    with pytest.raises(FieldError) as raised:
        parse_decimal(text)
    assert raised.value.message.msgid == NOT_A_NUMBER


def test_parse_decimal_required_and_too_long():
    for blank in (None, "", "   ", "\u202f"):
        with pytest.raises(FieldError) as raised:
            parse_decimal(blank)
        assert raised.value.message.msgid == REQUIRED
    with pytest.raises(FieldError) as raised:
        parse_decimal("1" * 33)
    assert raised.value.message.params == (("max", 32),)
    assert parse_decimal("1" * 32) == float("1" * 32)


def test_ambiguous_grouping_depends_on_the_range():
    with pytest.raises(FieldError) as raised:
        parse_decimal("1,500", limits.DIETARY_CALCIUM)
    assert raised.value.message.msgid == AMBIGUOUS_NUMBER
    assert parse_decimal("1,500", limits.CREATININE_MGDL) == 1.5  # 1500 mg/dL is out of range: no doubt
    assert parse_decimal("0,500", limits.DIETARY_CALCIUM) == 0.5  # a leading zero is never grouping


def test_range_message_carries_raw_bounds():
    with pytest.raises(FieldError) as raised:
        parse_decimal("-3", limits.CREATININE_MGDL)
    assert raised.value.message == msg(limits.RANGE_WITH_UNIT, min=0.2, max=25, unit="mg/dL")
    with pytest.raises(FieldError) as raised:
        parse_decimal("17", limits.AGE)
    assert dict(raised.value.message.params) == {"min": 18, "max": 120}


def test_parse_date_bool_choice():
    assert parse_date("2028-02-29") == dt.date(2028, 2, 29)
    for bad in ("2027-02-29", "2026-1-1", "20260101", "2026-01-01T00:00", "2026-W01-1"):
        with pytest.raises(FieldError):
            parse_date(bad)
    assert [parse_bool(v) for v in ("true", "on", "1", "TRUE", "false", "0", "", None)] == [True] * 4 + [False] * 4
    with pytest.raises(FieldError):
        parse_bool("yes")
    assert parse_choice("", ("a", "b"), "b") == "b"
    assert parse_choice(" a ", ("a", "b")) == "a"
    with pytest.raises(FieldError) as raised:
        parse_choice("A", ("a", "b"))
    assert dict(raised.value.message.params) == {"choices": "a, b"}


def test_fields_collect_every_error_keeping_the_first_per_field():
    fields = Fields({"a": "x", "b": "", "c": "2026-02-30"})
    fields.number("a", None)
    fields.number("b", None)
    fields.date("c")
    fields.reject("a", msg("later"))
    assert fields.ok("d") and not fields.ok("a", "d")
    with pytest.raises(InvalidInput) as raised:
        fields.check()
    assert [m.msgid for m in raised.value.errors.values()][:2] == [NOT_A_NUMBER, REQUIRED]
    assert set(raised.value.errors) == {"a", "b", "c"}


# ---- arithmetic ---------------------------------------------------------------------------------------


def test_epsilon_follows_decimal_meaning():
    assert 1.4 - 0.9 < 0.5  # the double arithmetic the tolerance is for
    assert renal.creatinine_check(1.4, 1.9, renal.MG_DL, False).decision == renal.WITHHOLD  # 1.4 is normal: 0.5
    assert renal.creatinine_check(1.3, 1.8, renal.MG_DL, False).decision == renal.WITHHOLD
    assert renal.creatinine_check(0.9, 1.4, renal.MG_DL, False).decision == renal.WITHHOLD
    assert calcium.intake_status(1000 - EPSILON / 2) == calcium.WITHIN
    assert calcium.intake_status(1000 - 1e-6) == calcium.BELOW
    assert calcium.intake_status(1500 + EPSILON / 2) == calcium.WITHIN
    assert renal.zoledronic_dose(60 + EPSILON / 2).band == renal.REDUCED_3_5
    assert renal.zoledronic_dose(60 + 1e-6).band == renal.FULL
    assert renal.zoledronic_dose(30 - EPSILON / 2).band == renal.REDUCED_3_0
    assert renal.denosumab_renal(30 - EPSILON / 2).severe_renal_impairment is False
    assert renal.denosumab_renal(29.99).severe_renal_impairment is True


def test_cockcroft_gault_operation_order():
    """The documented order, so the browser mirror gives the same double."""
    age, weight, creat = 67.0, 81.3, 97.0
    assert renal.cockcroft_gault(age, weight, renal.MALE, creat, renal.UMOL_L) == (140 - age) * weight * 1.23 / creat
    assert renal.cockcroft_gault(age, weight, renal.FEMALE, 1.1, renal.MG_DL) == (140 - age) * weight / (72 * 1.1) * 0.85


def test_add_months_examples():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 1, 31), 2) == dt.date(2026, 3, 31)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 3, 15), -3) == dt.date(2025, 12, 15)
    assert duration.reassessment_date(dt.date(2028, 2, 29)) == dt.date(2030, 2, 28)


def test_calcium_food_estimate_order():
    portions = {"food_milk": 1.1, "food_tap_water": 0.3}
    assert calcium.estimate_dietary(portions) == 300 + 1.1 * 300 + 0.3 * 80
