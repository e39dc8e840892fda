"""The comparison every mirror test relies on: exact, and saying where two answers differ."""
from __future__ import annotations

import math

import pytest

from .canonical import first_difference


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
