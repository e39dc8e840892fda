"""Every golden vector (tests/vectors/*.json) through the JS mirror in Chromium AND the Python core.

A vector case has an `input` (query strings) and either `expect`, a subset of the
result (dict keys checked recursively, lists of the same length, numbers within
1e-9 as in tests/clinical/test_vectors.py), or `errors`, the exact {field: msgid}.
Both sides must satisfy the case, and the two complete outcomes (every note,
source, parameter and float) must be exactly equal.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from webapp.clinical import CALCULATORS

from .canonical import first_difference, outcome

VECTORS = Path(__file__).resolve().parents[1] / "vectors"
FILES = sorted(VECTORS.glob("*.json"))


def _load() -> list[tuple[str, str, dict]]:
    cases = []
    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            cases.append((f"{path.stem}: {case['name']}", data["calculator"], case))
    return cases


CASES = _load()


def assert_subset(expected: Any, actual: Any, path: str = "$") -> None:
    """The rules of tests/clinical/test_vectors.py, applied to the canonical JSON form."""
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


@pytest.fixture(scope="module")
def js_outcomes(mirror) -> dict[str, Any]:
    """Every vector through the mirror, in one page.evaluate."""
    answers = mirror.run_batch([(calculator, case["input"]) for _, calculator, case in CASES])
    return {case_id: answer for (case_id, _, _), answer in zip(CASES, answers)}


def test_there_are_vectors_for_every_calculator():
    assert {calculator for _, calculator, _ in CASES} == set(CALCULATORS)


@pytest.mark.parametrize("case_id, calculator, case", CASES, ids=[case_id for case_id, _, _ in CASES])
def test_vector_in_js_and_python(js_outcomes, case_id: str, calculator: str, case: dict) -> None:
    js = js_outcomes[case_id]
    assert "exception" not in js, js.get("exception")
    py = outcome(CALCULATORS[calculator], case["input"])
    if "errors" in case:
        for side, answer in (("Python", py), ("JS", js)):
            assert "errors" in answer, f"{side} gave a result, expected errors {case['errors']}"
            assert {field: m["msgid"] for field, m in answer["errors"].items()} == case["errors"], side
    else:
        for side, answer in (("Python", py), ("JS", js)):
            assert "result" in answer, f"{side} refused the input: {answer.get('errors')}"
            assert_subset(case["expect"], answer["result"], f"{side} $")
    difference = first_difference(py, js)
    assert difference is None, difference


@pytest.mark.parametrize(
    "expected, actual, ok",
    [
        ({"a": 1}, {"a": 1.0, "b": 2}, True),
        ({"a": 1}, {"a": 1.001}, False),
        ([1, 2], [1, 2, 3], False),
        ({"a": True}, {"a": 1}, False),
        ({"a": None}, {"a": 0}, False),
        ({"a": {"msgid": "x", "params": {}}}, {"a": {"msgid": "y", "params": {}}}, False),
    ],
)
def test_subset_matcher_can_fail(expected: Any, actual: Any, ok: bool) -> None:
    if ok:
        assert_subset(expected, actual)
    else:
        with pytest.raises(AssertionError):
            assert_subset(expected, actual)
