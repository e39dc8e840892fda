"""Runs every worked case of tests/vectors/*.json against the clinical core.

A case either expects a subset of `as_dict()` (dict keys are checked recursively,
lists must have the same length, numbers match to 1e-9) or an exact set of field
errors with their English msgids. The same files drive the browser mirror's tests.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from webapp.clinical import CALCULATORS
from webapp.clinical.parse import InvalidInput

VECTORS = Path(__file__).resolve().parent.parent / "vectors"
FILES = sorted(VECTORS.glob("*.json"))


def _cases():
    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["calculator"], case, id=f"{path.stem}: {case['name']}")


def assert_subset(expected: Any, actual: Any, path: str = "$") -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: expected an object, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{path}: missing key {key!r}"
            assert_subset(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list), f"{path}: expected a list, got {actual!r}"
        assert len(actual) == len(expected), f"{path}: {len(actual)} items, expected {len(expected)}: {actual!r}"
        for index, (want, got) in enumerate(zip(expected, actual)):
            assert_subset(want, got, f"{path}[{index}]")
    elif isinstance(expected, bool) or expected is None or isinstance(expected, str):
        assert actual == expected and type(actual) is type(expected), f"{path}: {actual!r} != {expected!r}"
    else:
        assert isinstance(actual, (int, float)) and not isinstance(actual, bool), f"{path}: {actual!r} not a number"
        assert math.isclose(actual, expected, rel_tol=1e-12, abs_tol=1e-9), f"{path}: {actual!r} != {expected!r}"


@pytest.mark.parametrize("calculator, case", list(_cases()))
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
