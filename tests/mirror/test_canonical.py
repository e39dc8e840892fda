"""The comparisons the mirror tests rely on: exact, saying where two answers differ, and the page's quick one
never looser than Python's."""
from __future__ import annotations

import dataclasses
import json
import math

import pytest

from webapp.clinical import CALCULATORS

from .canonical import first_difference, outcome, outcome_json
from .conftest import _SAME
from .test_differential import generate


@pytest.mark.parametrize(("python", "js"), [
    ({"a": [1, 2.5, "x", None, True]}, {"a": [1, 2.5, "x", None, True]}),
    ({"a": 1, "b": 2}, {"b": 2, "a": 1}),  # key order is not a difference
    ({"n": 60}, {"n": 60.0}),  # JSON has one number type
    ({"n": math.nan}, {"n": math.nan}),
])
def test_equal_answers_have_no_difference(python, js):
    assert first_difference(python, js) is None


@pytest.mark.parametrize(("python", "js", "where"), [
    ({"n": 0.0}, {"n": -0.0}, "$.n"),
    ({"n": 1}, {"n": True}, "$.n"),
    ({"rows": [{"dose": 4.0}]}, {"rows": [{"dose": 3.5}]}, "$.rows[0].dose"),
    ({"n": 0.1 + 0.2}, {"n": 0.3}, "$.n"),  # bit for bit
    ({"a": 1}, {"a": 1, "b": 2}, "$: keys"),
    ({"a": [1, 2]}, {"a": [1]}, "$.a: length"),
    ({"a": "3"}, {"a": 3}, "$.a"),
])
def test_unequal_answers_name_the_first_place_they_differ(python, js, where):
    difference = first_difference(python, js)
    assert difference is not None and difference.startswith(where), difference


# The page's quick comparison (conftest._SAME) sorts the differential test's cases; Python re-checks only
# what it flags, so it must never call equal what first_difference calls different.
@pytest.mark.parametrize(("python", "js", "same"), [
    ({"a": [1, 2.5, "x", None, True]}, "({a: [1, 2.5, 'x', null, true]})", True),
    ({"a": 1, "b": 2}, "({b: 2, a: 1})", True),
    ({"n": 60.0}, "({n: 60})", True),
    ({"n": {"$number": "NaN"}}, "({n: NaN})", True),
    ({"a": 1}, "({a: 1, gone: undefined})", True),  # JSON.stringify drops it
    ({"n": 0.0}, "({n: -0})", False),
    ({"n": 1}, "({n: true})", False),
    ({"n": 0.1 + 0.2}, "({n: 0.3})", False),
    ({"a": 1}, "({a: 1, b: 2})", False),
    ({"a": 1, "b": None}, "({a: 1})", False),
    ({"a": [1, 2]}, "({a: [1]})", False),
    ({"a": "3"}, "({a: 3})", False),
    ({"a": {}}, "({a: []})", False),
    ({"a": None}, "({a: undefined})", False),
    ({"d": "2031-01-06"}, "({d: new Date('2031-01-06')})", False),
])
def test_the_pages_comparison_is_never_looser_than_pythons(mirror, python, js, same):
    assert mirror.page.evaluate(f"(expected) => ({_SAME})(JSON.parse(expected), {js})", json.dumps(python)) is same


def test_a_case_whose_answers_differ_is_flagged(mirror):
    cases = generate("zoledronic-acid", 40)
    expected = [outcome_json(CALCULATORS["zoledronic-acid"], params)[0] for params in cases]
    assert mirror.differing([("zoledronic-acid", params) for params in cases], expected) == {}
    valid = next(i for i, text in enumerate(expected) if text.startswith('{"result"'))
    altered = expected[:valid] + [expected[valid].replace('"result": {', '"result": {"extra": 1, ', 1)] + expected[valid + 1:]
    assert list(mirror.differing([("zoledronic-acid", params) for params in cases], altered)) == [valid]


@pytest.mark.parametrize("name", sorted(CALCULATORS))
def test_the_json_text_is_the_canonical_outcome(name):
    for params in generate(name, 300):
        text, errors = outcome_json(CALCULATORS[name], params)
        expected = outcome(CALCULATORS[name], params)
        assert first_difference(expected, json.loads(text)) is None, params
        assert errors == expected.get("errors")


def test_a_result_json_cannot_spell_is_tagged_as_the_mirror_tags_it():
    @dataclasses.dataclass(frozen=True)
    class Odd:
        ratio: float
        limit: float

    text, errors = outcome_json(lambda params: Odd(math.nan, -math.inf), {})
    assert errors is None
    assert json.loads(text)["result"]["ratio"] == {"$number": "NaN"}
    assert json.loads(text)["result"]["limit"] == {"$number": "-Infinity"}
