"""Runs every worked case of tests/vectors/*.json against the clinical core (the format is
described in tests/golden.py). The same files drive the browser mirror's tests."""
from __future__ import annotations

import json
from typing import Any

import pytest

from webapp.clinical import CALCULATORS
from webapp.clinical.parse import InvalidInput

from tests.golden import FILES, assert_subset, vector_cases

CASES = vector_cases()

@pytest.mark.parametrize("calculator, case", [(c, case) for _, c, case in CASES], ids=[i for i, _, _ in CASES])
def test_vector(calculator: str, case: dict) -> None:
    run = CALCULATORS[calculator]
    if "errors" in case:
        with pytest.raises(InvalidInput) as raised:
            run(case["input"])
        assert {field: message.msgid for field, message in raised.value.errors.items()} == case["errors"]
    else:
        assert_subset(case["expect"], run(case["input"]).as_dict())


def test_every_calculator_has_a_vector_file() -> None:
    calculators = {json.loads(path.read_text(encoding="utf-8"))["calculator"] for path in FILES}
    assert calculators == set(CALCULATORS)
    for path in FILES:
        assert path.stem == json.loads(path.read_text(encoding="utf-8"))["calculator"]


def test_vectors_are_plain_strings_in() -> None:
    """Inputs are query strings: every value a string, as a browser would send."""
    for path in FILES:
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            assert all(isinstance(value, str) for value in case["input"].values()), case["name"]
            assert ("expect" in case) != ("errors" in case), case["name"]


@pytest.mark.parametrize(
    "expected, actual, ok",
    [
        ({"a": 1}, {"a": 1.0, "b": 2}, True),
        ({"a": 1}, {"a": 1.001}, False),
        ([1, 2], [1, 2, 3], False),
        ({"a": True}, {"a": 1}, False),
        ({"a": None}, {"a": 0}, False),
        ({"a": {"b": "x"}}, {"a": {"b": "y"}}, False),
    ],
)
def test_subset_matcher_can_fail(expected: Any, actual: Any, ok: bool) -> None:
    if ok:
        assert_subset(expected, actual)
    else:
        with pytest.raises(AssertionError):
            assert_subset(expected, actual)
