"""Every golden vector (tests/vectors/*.json) through the JS mirror in Chromium AND the Python core.

Each case (format in tests/golden.py) must hold on both sides, and the two complete
outcomes (every note, source, parameter and float) must be exactly equal.
"""
from __future__ import annotations

from typing import Any

import pytest

from webapp.clinical import CALCULATORS

from tests.golden import assert_subset, vector_cases

from .canonical import first_difference, outcome

CASES = vector_cases()


@pytest.fixture(scope="module")
def js_outcomes(mirror) -> dict[str, Any]:
    """Every vector through the mirror, in one page.evaluate."""
    answers = mirror.run_batch([(calculator, case["input"]) for _, calculator, case in CASES])
    return {case_id: answer for (case_id, _, _), answer in zip(CASES, answers)}


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
