"""The patient's treatment schedule ("carnet") over the 2-year treatment window (chapter §1, §2.3–2.5).

Every date is derived from the first injection date: injections every 28 days or
on the same day each calendar month (counted from the original day and clamped),
vitamin D loading before the start and maintenance every 3 months, dental reviews
every 6 months, and the 24-month reassessment.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from . import limits, vitamin_d
from .agents import AGENTS, DENOSUMAB, ZOLEDRONIC_ACID
from .checklists import dental_review_dates
from .dates import add_months
from .duration import reassessment_date, stop_notes, zoledronic_acid_after_denosumab
from .messages import N_, Note, info, msg, warning
from .parse import Fields
from .renal import CONTRAINDICATED, ZA_MIN_CRCL, zoledronic_dose
from .result import Result
from .sources import (
    LABEL_DENOSUMAB,
    LABEL_ZOLEDRONIC_ACID,
    REF_GRIO_VITAMIN_D,
    SECTION_1,
    SECTION_2_3,
    SECTION_2_4,
    SECTION_2_5,
    Source,
    unique,
)
from .vitamin_d import LOADING_INTERVAL_DAYS, MAINTENANCE_DEFAULT, POSSIBLE_TOXICITY, VitaminDResult

FOUR_WEEKS = "4w"
MONTHLY = "monthly"
INTERVALS = (FOUR_WEEKS, MONTHLY)
FOUR_WEEKS_DAYS = 28
DENOSUMAB_DOSE_MG = 120
LABEL_INTERVAL_WEEKS = 4  # denosumab label

VITAMIN_D_LOADING = "vitamin_d_loading"
VITAMIN_D_MAINTENANCE = "vitamin_d_maintenance"
DENTAL_REVIEW = "dental_review"
CREATININE_CHECK = "creatinine_check"
INJECTION = "injection"
ZOLEDRONIC_ACID_AFTER_DENOSUMAB = "zoledronic_acid_after_denosumab"
PARACETAMOL = "paracetamol"
REASSESSMENT = "reassessment"
# Order of events on the same day: creatinine before the infusion, paracetamol after it.
KIND_ORDER = (
    VITAMIN_D_LOADING,
    VITAMIN_D_MAINTENANCE,
    DENTAL_REVIEW,
    CREATININE_CHECK,
    INJECTION,
    ZOLEDRONIC_ACID_AFTER_DENOSUMAB,
    PARACETAMOL,
    REASSESSMENT,
)


@dataclass(frozen=True)
class Event:
    date: dt.date
    kind: str


@dataclass(frozen=True)
class Injection(Event):
    number: int  # 1-based
    agent: str
    dose_mg: float | None  # zoledronic acid: None when CrCl is unknown


@dataclass(frozen=True)
class VitaminDDose(Event):
    dose_iu: int


@dataclass(frozen=True)
class ZoledronicAfterDenosumab(Event):
    dose_mg: float | None
    band: str | None  # None when CrCl is unknown


@dataclass(frozen=True)
class Schedule(Result):
    agent: str
    start: dt.date
    interval: str
    end: dt.date  # start + 24 months: injections and maintenance stay strictly before it
    stop: dt.date | None
    vitamin_d_category: str | None
    events: tuple[Event, ...]
    notes: tuple[Note, ...]
    sources: tuple[Source, ...]


def injection_dates(start: dt.date, interval: str, end: dt.date, stop: dt.date | None = None) -> list[dt.date]:
    """start + 28·k days, or start + k calendar months (from the original day, clamped); < end and ≤ stop."""
    dates = []
    k = 0
    while True:
        day = start + dt.timedelta(days=FOUR_WEEKS_DAYS * k) if interval == FOUR_WEEKS else add_months(start, k)
        if day >= end or (stop is not None and day > stop):
            return dates
        dates.append(day)
        k += 1


def _vitamin_d_events(start: dt.date, end: dt.date, level: VitaminDResult | None) -> list[Event]:
    """Loading doses at start − 15·(n − i) days (the last 15 days before the start), then maintenance every
    3 months from the start (no loading) or from the last loading dose + 3 months, while < end.
    No vitamin D at all above the recommended range.
    """
    if level is not None and level.maintenance is None:
        return []
    count = 0 if level is None else len(level.loading_doses)
    events: list[Event] = [
        VitaminDDose(start - dt.timedelta(days=LOADING_INTERVAL_DAYS * (count - i)), VITAMIN_D_LOADING,
                     dose.dose_iu)
        for i, dose in enumerate(level.loading_doses if level else ())
    ]
    anchor, k = (start, 0) if count == 0 else (events[-1].date, 1)
    while (day := add_months(anchor, MAINTENANCE_DEFAULT.every_months * k)) < end:
        events.append(VitaminDDose(day, VITAMIN_D_MAINTENANCE, MAINTENANCE_DEFAULT.dose_iu))
        k += 1
    return events


def _zoledronic_infusion_care(day: dt.date, first: bool) -> list[Event]:
    """Creatinine before every infusion; paracetamol on the first infusion day and the day after."""
    events = [Event(day, CREATININE_CHECK)]
    if first:
        events += [Event(day, PARACETAMOL), Event(day + dt.timedelta(days=1), PARACETAMOL)]
    return events


def build_schedule(
    agent: str,
    start: dt.date,
    interval: str,
    vitamin_d_level: VitaminDResult | None = None,
    crcl_ml_min: float | None = None,
    stop: dt.date | None = None,
) -> Schedule:
    """Every event of the 24-month window, sorted by date then by KIND_ORDER.

    Raises ValueError for zoledronic acid with CrCl < 30 mL/min, or a stop
    with zoledronic acid or before the start: `run` turns these into field errors first.
    """
    dose = None if crcl_ml_min is None else zoledronic_dose(crcl_ml_min)
    if agent == ZOLEDRONIC_ACID and dose is not None and dose.band == CONTRAINDICATED:
        raise ValueError("zoledronic acid is contraindicated below 30 mL/min")
    if stop is not None and (agent != DENOSUMAB or stop < start):
        raise ValueError("a stop date applies to denosumab only, on or after the start")
    end = reassessment_date(start)
    dates = injection_dates(start, interval, end, stop)
    events: list[Event] = []
    notes: list[Note] = []
    for number, day in enumerate(dates, start=1):
        if agent == ZOLEDRONIC_ACID:
            events.append(Injection(day, INJECTION, number, agent, None if dose is None else dose.dose_mg))
            events += _zoledronic_infusion_care(day, number == 1)
        else:
            events.append(Injection(day, INJECTION, number, agent, DENOSUMAB_DOSE_MG))
    events += _vitamin_d_events(start, end, vitamin_d_level)
    events += [Event(day, DENTAL_REVIEW) for day in dental_review_dates(start)]
    events.append(Event(end, REASSESSMENT))

    if agent == DENOSUMAB:
        notes.append(info(msg(N_("Keep injections regular: denosumab has no lasting effect once stopped.")),
                          SECTION_2_4))
        notes.append(info(msg(N_("The product label gives an interval of %(weeks)s weeks; the chapter says "
                                 "monthly."), weeks=LABEL_INTERVAL_WEEKS), LABEL_DENOSUMAB))
    if (agent == ZOLEDRONIC_ACID or stop is not None) and dose is None:
        notes.append(warning(msg(N_("No creatinine clearance given: the zoledronic acid dose depends on it and is "
                                    "not shown.")), SECTION_2_4))
    if stop is not None:
        switch_day = zoledronic_acid_after_denosumab(dates[-1])
        events.append(ZoledronicAfterDenosumab(switch_day, ZOLEDRONIC_ACID_AFTER_DENOSUMAB,
                                               None if dose is None else dose.dose_mg,
                                               None if dose is None else dose.band))
        events += _zoledronic_infusion_care(switch_day, True)
        notes += stop_notes()
        if dose is not None and dose.band == CONTRAINDICATED:
            notes.append(warning(msg(N_("Creatinine clearance below %(threshold)s mL/min: zoledronic acid after "
                                        "denosumab is contraindicated (chapter) and not recommended (label)."),
                                     threshold=ZA_MIN_CRCL), SECTION_2_4, LABEL_ZOLEDRONIC_ACID))
    if vitamin_d_level is not None and vitamin_d_level.maintenance is None:
        notice = warning if vitamin_d_level.category == POSSIBLE_TOXICITY else info
        notes.append(notice(msg(N_("Vitamin D above the recommended range: no vitamin D doses scheduled.")),
                            REF_GRIO_VITAMIN_D))
    events.sort(key=lambda event: (event.date, KIND_ORDER.index(event.kind)))
    return Schedule(
        agent=agent,
        start=start,
        interval=interval,
        end=end,
        stop=stop,
        vitamin_d_category=None if vitamin_d_level is None else vitamin_d_level.category,
        events=tuple(events),
        notes=tuple(notes),
        sources=unique([SECTION_1, SECTION_2_3, SECTION_2_4, SECTION_2_5] + [s for n in notes for s in n.sources]),
    )


def run(params: Mapping[str, str]) -> Schedule:
    fields = Fields(params)
    agent = fields.choice("agent", AGENTS)
    start = fields.date("start")
    interval = fields.choice("interval", INTERVALS)
    level, unit = vitamin_d.read_level(fields, "vitamin_d", "unit")
    crcl = fields.optional_number("crcl", limits.CRCL)
    stop = fields.optional_date("stop")
    if agent == ZOLEDRONIC_ACID and crcl is not None and fields.ok("crcl"):
        if zoledronic_dose(crcl).band == CONTRAINDICATED:
            fields.reject("crcl", msg(N_("Creatinine clearance below %(threshold)s mL/min: zoledronic acid is "
                                         "contraindicated."), threshold=ZA_MIN_CRCL))
    if stop is not None and fields.ok("agent", "stop"):
        if agent != DENOSUMAB:
            fields.reject("stop", msg(N_("A stop date applies to denosumab only.")))
        elif fields.ok("start") and stop < start:
            fields.reject("stop", msg(N_("The stop date cannot be before the first injection.")))
    fields.check()
    assessment = None if level is None else vitamin_d.assess(level, unit)
    return build_schedule(agent, start, interval, assessment, crcl, stop)
