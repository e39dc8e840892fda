"""25-OH vitamin D: category, correction (loading) doses and maintenance (chapter §1, table 1, GRIO [45]).

Classification uses the column of the unit entered, never a conversion, so that
74.9 nmol/L stays an insufficiency. The other unit is shown converted with the
table's own factor 2.5, labelled approximate.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from . import limits
from .messages import N_, Message, Note, info, msg, warning
from .parse import Fields
from .result import Result
from .sources import REF_GRIO_VITAMIN_D, SECTION_1, SECTION_2_4, SECTION_2_5, Source, unique

NG_ML = "ng/mL"
NMOL_L = "nmol/L"
UNITS = (NG_ML, NMOL_L)
NMOL_PER_NG = 2.5  # the table's factor: 10→25, 30→75, 70→175, 150→375
LEVEL_RANGES = {NG_ML: limits.VITAMIN_D_NG, NMOL_L: limits.VITAMIN_D_NMOL}

LOADING_DOSE_IU = 100_000
LOADING_INTERVAL_DAYS = 15
DAILY_NEED_IU = (800, 1000)

DEFICIENCY = "deficiency"
INSUFFICIENCY = "insufficiency"
RECOMMENDED = "recommended"
ABOVE_RECOMMENDED = "above_recommended"
POSSIBLE_TOXICITY = "possible_toxicity"
CATEGORY_LABELS = {
    DEFICIENCY: N_("Vitamin D deficiency"),
    INSUFFICIENCY: N_("Vitamin D insufficiency"),
    RECOMMENDED: N_("Recommended level"),
    ABOVE_RECOMMENDED: N_("Above the recommended range"),
    POSSIBLE_TOXICITY: N_("Possible vitamin D intoxication"),
}


@dataclass(frozen=True)
class Cutoffs:
    """One unit's column of table 1, plus the 20 ng/mL (50 nmol/L) step of the loading scheme."""

    deficiency_below: float  # below: 4 loading doses
    three_doses_below: float  # below (and not deficient): 3 loading doses, else 2
    recommended_from: float  # from here: no loading; also the target
    recommended_to: float  # inclusive
    toxicity_above: float


CUTOFFS = {
    NG_ML: Cutoffs(10, 20, 30, 70, 150),
    NMOL_L: Cutoffs(25, 50, 75, 175, 375),
}


@dataclass(frozen=True)
class Dosing:
    dose_iu: int
    every_months: int


MAINTENANCE_DEFAULT = Dosing(100_000, 3)  # §1 and §2.4
MAINTENANCE_ALTERNATIVE = Dosing(50_000, 1)  # closing recommendations of §2.5


@dataclass(frozen=True)
class Conversion:
    value: float
    unit: str
    approximate: bool = True


@dataclass(frozen=True)
class LoadingDose:
    day: int
    date: dt.date | None
    dose_iu: int = LOADING_DOSE_IU


@dataclass(frozen=True)
class Maintenance:
    default: Dosing
    alternative: Dosing
    note: Note


@dataclass(frozen=True)
class VitaminDResult(Result):
    category: str
    category_label: Message
    level: float
    unit: str
    converted: Conversion
    start: dt.date | None
    loading_doses: tuple[LoadingDose, ...]
    maintenance: Maintenance | None
    notes: tuple[Note, ...]
    sources: tuple[Source, ...]
    inputs: dict


def classify(level: float, unit: str) -> str:
    """Table 1 in the unit entered: < deficiency, < recommended, ≤ recommended_to, ≤ toxicity, above."""
    cut = CUTOFFS[unit]
    if level < cut.deficiency_below:
        return DEFICIENCY
    if level < cut.recommended_from:
        return INSUFFICIENCY
    if level <= cut.recommended_to:
        return RECOMMENDED
    if level <= cut.toxicity_above:
        return ABOVE_RECOMMENDED
    return POSSIBLE_TOXICITY


def loading_dose_count(level: float, unit: str) -> int:
    """Half-open bands: < 10 ng/mL → 4, < 20 → 3, < 30 → 2, else 0 (25/50/75 nmol/L)."""
    cut = CUTOFFS[unit]
    if level < cut.deficiency_below:
        return 4
    if level < cut.three_doses_below:
        return 3
    if level < cut.recommended_from:
        return 2
    return 0


def loading_doses(count: int, start: dt.date | None) -> tuple[LoadingDose, ...]:
    """Doses on day 0, 15, 30…; with a start date, date = start + day days."""
    days = [i * LOADING_INTERVAL_DAYS for i in range(count)]
    return tuple(LoadingDose(day, None if start is None else start + dt.timedelta(days=day)) for day in days)


def convert(level: float, unit: str) -> Conversion:
    """ng/mL × 2.5 → nmol/L; nmol/L / 2.5 → ng/mL."""
    if unit == NG_ML:
        return Conversion(level * NMOL_PER_NG, NMOL_L)
    return Conversion(level / NMOL_PER_NG, NG_ML)


def maintenance() -> Maintenance:
    note = info(
        msg(
            N_(
                "The chapter states two maintenance schemes: %(dose)s IU every %(months)s months "
                "(sections 1 and 2.4) and %(alt_dose)s IU every month (closing recommendations, section 2.5)."
            ),
            dose=MAINTENANCE_DEFAULT.dose_iu,
            months=MAINTENANCE_DEFAULT.every_months,
            alt_dose=MAINTENANCE_ALTERNATIVE.dose_iu,
        ),
        SECTION_1,
        SECTION_2_4,
        SECTION_2_5,
    )
    return Maintenance(MAINTENANCE_DEFAULT, MAINTENANCE_ALTERNATIVE, note)


def _notes(category: str, unit: str, dosing: bool) -> tuple[Note, ...]:
    cut = CUTOFFS[unit]
    notes: list[Note] = []
    if category in (DEFICIENCY, INSUFFICIENCY):
        # A safety warning for a deficiency; advice for an insufficiency.
        notice = warning if category == DEFICIENCY else info
        notes.append(notice(msg(N_(
            "Correct this before starting an antiresorptive, except in an emergency: starting on a "
            "severe deficiency risks deep, prolonged hypocalcaemia."
        )), SECTION_1))
    if dosing:
        notes.append(info(msg(N_(
            "Use cholecalciferol (vitamin D3) rather than ergocalciferol (D2), above all for spaced doses; "
            "take it with a meal (for example one %(dose)s IU ampoule)."
        ), dose=LOADING_DOSE_IU), SECTION_1))
        notes.append(info(msg(N_("Daily need: %(min)s to %(max)s IU."), min=DAILY_NEED_IU[0], max=DAILY_NEED_IU[1]),
                          SECTION_1))
        notes.append(info(msg(N_("Target: above %(ng)s ng/mL (%(nmol)s nmol/L)."),
                              ng=CUTOFFS[NG_ML].recommended_from, nmol=CUTOFFS[NMOL_L].recommended_from),
                          SECTION_1, REF_GRIO_VITAMIN_D))
    if category == ABOVE_RECOMMENDED:
        notes.append(info(msg(N_("Above the recommended range, below the toxicity threshold: no correction dose.")),
                          REF_GRIO_VITAMIN_D))
    if category == POSSIBLE_TOXICITY:
        notes.append(warning(msg(N_(
            "Level in the possible intoxication range (above %(threshold)s %(unit)s): no vitamin D dosing."
        ), threshold=cut.toxicity_above, unit=unit), REF_GRIO_VITAMIN_D))
    return tuple(notes)


def assess(level: float, unit: str, start: dt.date | None = None) -> VitaminDResult:
    """Category, loading doses and maintenance; no dosing above the recommended range."""
    category = classify(level, unit)
    dosing = category in (DEFICIENCY, INSUFFICIENCY, RECOMMENDED)
    plan = maintenance() if dosing else None
    notes = _notes(category, unit, dosing)
    sources = unique(
        [REF_GRIO_VITAMIN_D, SECTION_1]
        + [s for note in notes for s in note.sources]
        + (list(plan.note.sources) if plan else [])
    )
    return VitaminDResult(
        category=category,
        category_label=msg(CATEGORY_LABELS[category]),
        level=level,
        unit=unit,
        converted=convert(level, unit),
        start=start,
        loading_doses=loading_doses(loading_dose_count(level, unit), start),
        maintenance=plan,
        notes=notes,
        sources=sources,
        inputs={"level": level, "unit": unit, "start": start},
    )


def read_level(fields: Fields, level_name: str, unit_name: str) -> tuple[float | None, str]:
    """An optional level and its unit, required with a level (none assumed: safety rules §11.1); the range
    follows the unit."""
    unit = fields.choice(unit_name, UNITS, None if fields.given(level_name) else "")
    return fields.optional_number(level_name, LEVEL_RANGES.get(unit)), unit


def run(params: Mapping[str, str]) -> VitaminDResult:
    fields = Fields(params)
    unit = fields.choice("unit", UNITS)
    level = fields.number("level", LEVEL_RANGES.get(unit))
    start = fields.optional_date("start")
    fields.check()
    return assess(level, unit, start)
