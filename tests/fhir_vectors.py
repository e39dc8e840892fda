"""The FHIR reading vectors (tests/vectors/fhir/*.json), shared by the core's tests, the mirror's and the API's.

A file holds one realistic `bundle`, the `today` it is read on, and `cases`: per calculator, the reading
expected (a subset, matched as in tests/golden.py).
"""
from __future__ import annotations

import json
from pathlib import Path

FHIR_VECTORS = Path(__file__).resolve().parent / "vectors" / "fhir"
FHIR_FILES = sorted(FHIR_VECTORS.glob("*.json"))


def bundle(stem: str) -> dict:
    return json.loads((FHIR_VECTORS / f"{stem}.json").read_text(encoding="utf-8"))["bundle"]


def fhir_cases() -> list[tuple[str, dict, str, str, dict]]:
    """(case id, bundle, today, calculator, expected reading) for every case of every file."""
    cases = []
    for path in FHIR_FILES:
        data = json.loads(path.read_text(encoding="utf-8"))
        cases += [(f"{path.stem}: {case['calculator']}", data["bundle"], data["today"], case["calculator"],
                   case["expect"]) for case in data["cases"]]
    return cases
