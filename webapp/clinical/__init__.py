"""The clinical core: pure functions from the chapter's rules, shared by pages, the JSON API and the
browser mirror (which must reproduce every result bit for bit). No web framework here.

`CALCULATORS` maps each JSON API name to its `run(params)`: query parameters in, a
result with `as_dict()` out, or `parse.InvalidInput` with every field error.
"""
from __future__ import annotations

from typing import Callable, Mapping

from . import calcium, checklists, corrected_calcium, duration, onj, renal, schedule, vitamin_d
from .result import Result

CALCULATORS: dict[str, Callable[[Mapping[str, str]], Result]] = {
    "vitamin-d": vitamin_d.run,
    "calcium": calcium.run,
    "corrected-calcium": corrected_calcium.run,
    "creatinine-clearance": renal.run_creatinine_clearance,
    "zoledronic-acid": renal.run_zoledronic_acid,
    "creatinine-check": renal.run_creatinine_check,
    "before-first-dose": checklists.run_before_first_dose,
    "follow-up": checklists.run_follow_up,
    "when-to-start": checklists.run_when_to_start,
    "onj": onj.run,
    "denosumab-stop": duration.run,
    "schedule": schedule.run,
}
