"""Albumin-corrected serum calcium (safety rules §11.7; formula of the Zometa® label, SI form in common use).

A hypocalcaemia must be corrected before the first dose of either agent (both labels), and a calcium
supplement is not proposed to a hypercalcaemic patient. The category is decided on the value shown
(two decimals), so that the figure on screen and the category never disagree.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

from . import limits
from .messages import N_, Message, Note, info, msg, warning
from .parse import Fields
from .renal import DENOSUMAB_SEVERE_RENAL_CRCL
from .result import Result
from .sources import LABEL_DENOSUMAB, LABEL_ZOLEDRONIC_ACID, Source, unique
from .tolerance import EPSILON

MMOL_L = "mmol/L"
MG_DL = "mg/dL"
UNITS = (MMOL_L, MG_DL)
ALBUMIN_UNITS = {MMOL_L: "g/L", MG_DL: "g/dL"}  # albumin is entered in the unit that goes with the calcium's
CALCIUM_RANGES = {MMOL_L: limits.CALCIUM_MMOL, MG_DL: limits.CALCIUM_MGDL}
ALBUMIN_RANGES = {MMOL_L: limits.ALBUMIN_G_L, MG_DL: limits.ALBUMIN_G_DL}


@dataclass(frozen=True)
class Correction:
    """Corrected = calcium + factor × (reference albumin − albumin), and the category bounds, in one unit."""

    factor: float
    albumin_reference: float
    low_below: float  # below: hypocalcaemia
    high_above: float  # above: hypercalcaemia
    malignancy_from: float  # from here: the label's hypercalcaemia of malignancy


CORRECTIONS = {
    MMOL_L: Correction(0.02, 40, 2.20, 2.60, 3.0),
    MG_DL: Correction(0.8, 4.0, 8.8, 10.4, 12),
}

HYPOCALCAEMIA = "hypocalcaemia"
NORMAL = "normal"
HYPERCALCAEMIA = "hypercalcaemia"
HYPERCALCAEMIA_OF_MALIGNANCY = "hypercalcaemia_of_malignancy"
CATEGORY_LABELS = {
    HYPOCALCAEMIA: N_("Hypocalcaemia"),
    NORMAL: N_("Normal corrected calcium"),
    HYPERCALCAEMIA: N_("Hypercalcaemia"),
    HYPERCALCAEMIA_OF_MALIGNANCY: N_("Hypercalcaemia of malignancy range"),
}


@dataclass(frozen=True)
class CorrectedCalcium(Result):
    corrected: float  # rounded half up to two decimals: what is shown and what decides
    unit: str
    category: str
    category_label: Message
    calcium: float
    albumin: float
    albumin_unit: str
    notes: tuple[Note, ...]
    sources: tuple[Source, ...]
    inputs: dict


def rounded(value: float) -> float:
    """A calcium as shown and classified: rounded half up to two decimals (ε against float noise)."""
    return math.floor(value * 100 + 0.5 + EPSILON) / 100


def correct(calcium: float, albumin: float, unit: str) -> float:
    """calcium + factor × (reference − albumin), shown."""
    rule = CORRECTIONS[unit]
    return rounded(calcium + rule.factor * (rule.albumin_reference - albumin))


def classify(corrected: float, unit: str) -> str:
    """< low → hypocalcaemia; ≤ high → normal; < malignancy → hypercalcaemia; else hypercalcaemia of malignancy."""
    rule = CORRECTIONS[unit]
    if corrected < rule.low_below - EPSILON:
        return HYPOCALCAEMIA
    if corrected <= rule.high_above + EPSILON:
        return NORMAL
    if corrected < rule.malignancy_from - EPSILON:
        return HYPERCALCAEMIA
    return HYPERCALCAEMIA_OF_MALIGNANCY


def is_high(category: str) -> bool:
    return category in (HYPERCALCAEMIA, HYPERCALCAEMIA_OF_MALIGNANCY)


def _notes(category: str, unit: str) -> tuple[Note, ...]:
    rule = CORRECTIONS[unit]
    notes = [info(msg(N_("Normal corrected calcium: %(low)s to %(high)s %(unit)s. Local laboratory reference ranges "
                         "prevail."), low=rule.low_below, high=rule.high_above, unit=unit), LABEL_ZOLEDRONIC_ACID)]
    if category == HYPOCALCAEMIA:
        notes.append(warning(msg(N_("Correct the hypocalcaemia before the first dose of zoledronic acid or "
                                    "denosumab.")), LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB))
    if is_high(category):
        notes.append(warning(msg(N_("Hypercalcaemia: no calcium supplement; find its cause.")),
                             LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB))
    if category == HYPERCALCAEMIA_OF_MALIGNANCY:
        notes.append(warning(msg(N_("From %(threshold)s %(unit)s the label speaks of hypercalcaemia of malignancy, a "
                                    "different indication and dose that this app does not cover."),
                                 threshold=rule.malignancy_from, unit=unit), LABEL_ZOLEDRONIC_ACID))
    notes.append(info(msg(N_("Denosumab lowers calcium more than zoledronic acid, above all when creatinine clearance "
                             "is below %(threshold)s mL/min: monitor calcium."),
                          threshold=DENOSUMAB_SEVERE_RENAL_CRCL), LABEL_DENOSUMAB))
    return tuple(notes)


def assess(calcium: float, albumin: float, unit: str) -> CorrectedCalcium:
    corrected = correct(calcium, albumin, unit)
    category = classify(corrected, unit)
    notes = _notes(category, unit)
    return CorrectedCalcium(
        corrected=corrected,
        unit=unit,
        category=category,
        category_label=msg(CATEGORY_LABELS[category]),
        calcium=calcium,
        albumin=albumin,
        albumin_unit=ALBUMIN_UNITS[unit],
        notes=notes,
        sources=unique(s for note in notes for s in note.sources),
        inputs={"calcium": calcium, "albumin": albumin, "unit": unit, "albumin_unit": ALBUMIN_UNITS[unit]},
    )


def run(params: Mapping[str, str]) -> CorrectedCalcium:
    fields = Fields(params)
    unit = fields.choice("unit", UNITS)
    calcium = fields.number("calcium", CALCIUM_RANGES.get(unit))
    albumin = fields.number("albumin", ALBUMIN_RANGES.get(unit))
    fields.check()
    return assess(calcium, albumin, unit)
