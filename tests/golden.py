"""The golden vectors (tests/vectors/*.json), shared by the Python core's tests and the mirror's.

A case has an `input` (query strings) and either `expect`, a subset of the result (dict
keys checked recursively, lists of the same length, numbers within 1e-9), or `errors`,
the exact {field: msgid}.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

VECTORS = Path(__file__).resolve().parent / "vectors"
FILES = sorted(VECTORS.glob("*.json"))


def vector_cases() -> list[tuple[str, str, dict]]:
    """(case id, calculator name, case) for every case of every file."""
    cases = []
    for path in FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        cases += [(f"{path.stem}: {case['name']}", data["calculator"], case) for case in data["cases"]]
    return cases


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
