"""docs/TRACEABILITY.md is what scripts/traceability.py makes from the code today, and every rule of the clinical
core has a source and a golden vector that runs it."""
from __future__ import annotations

import importlib.util
import sys

from webapp import ROOT

_spec = importlib.util.spec_from_file_location("traceability", ROOT / "scripts" / "traceability.py")
traceability = sys.modules["traceability"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(traceability)


def test_committed_matrix_is_up_to_date_and_complete():
    text, problems = traceability.matrix()
    assert problems == [], "rules without a source or a vector:\n" + "\n".join(problems)
    assert traceability.OUTPUT.read_text(encoding="utf-8") == text, "run `python scripts/traceability.py` and commit"


def test_every_calculator_module_is_in_the_matrix():
    text, _ = traceability.matrix()
    for module in ("vitamin_d", "calcium", "corrected_calcium", "renal", "checklists", "onj", "duration", "schedule"):
        assert f"## {module}.py" in text
    assert "| `zoledronic_dose`() | " in text and "zoledronic-acid.json" in text
