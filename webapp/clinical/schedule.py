"""The patient's treatment schedule ("carnet") over the 2-year treatment window (chapter §1, §2.3–2.5).

Every date is derived from the first injection date: injections every 28 days or
on the same day each calendar month (counted from the original day and clamped),
vitamin D loading before the start and maintenance every 3 months, dental reviews
every 6 months, and the 24-month reassessment.

A plan never holds what the app forbids elsewhere, nor a loading dose dated before the day
it is made (`today`): safety rules §11.9 and §11.10. With a first injection already past,
the injections and maintenance doses since then are the treatment as prescribed; the
patient's carnet never calls them missed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from . import limits, vitamin_d
from .agents import AGENTS, DENOSUMAB, ZOLEDRONIC_ACID
from .checklists import dental_review_dates
from .dates import add_months
from .duration import (
    TREATMENT_MONTHS,
    contraindicated_after_stop_note,
    reassessment_date,
    stop_notes,
    zoledronic_acid_after_denosumab,
)
from .messages import N_, Note, info, msg, warning
from .parse import Fields
from .renal import CONTRAINDICATED, ZA_MIN_CRCL, shown, zoledronic_dose
from .result import Result
from .sources import (
    LABEL_DENOSUMAB,
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
    today: dt.date  # the day the plan is made: no loading dose before it
    earliest_start: dt.date | None  # when the loading cannot end 15 days before `start`
    vitamin_d_category: str | None
    events: tuple[Event, ...]
    notes: tuple[Note, ...]
    sources: tuple[Source, ...]
    inputs: dict


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


@dataclass(frozen=True)
class VitaminDPlan:
    events: list[Event]
    earliest_start: dt.date | None
    notes: list[Note]


def _vitamin_d_events(start: dt.date, end: dt.date, today: dt.date, level: VitaminDResult | None) -> VitaminDPlan:
    """Loading doses every 15 days ending 15 days before the start (start − 15·(n − i)), never before `today`:
    when they cannot fit, they run from `today` and the earliest start that lets them fit is given; none when
    the start is already past. Then maintenance every 3 months from the start (no loading) or from the last
    loading dose + 3 months, while < end. No vitamin D at all above the recommended range.
    """
    if level is not None and level.maintenance is None:
        notice = warning if level.category == POSSIBLE_TOXICITY else info
        return VitaminDPlan([], None, [notice(msg(N_("Vitamin D above the recommended range: no vitamin D doses "
                                                      "scheduled.")), REF_GRIO_VITAMIN_D)])
    doses = level.loading_doses if level is not None else ()
    notes: list[Note] = []
    earliest = None
    first = start - dt.timedelta(days=LOADING_INTERVAL_DAYS * len(doses))
    if doses and start < today:
        notes.append(warning(msg(N_("The first injection is already past: no vitamin D loading doses are scheduled; "
                                    "correct the deficiency as prescribed.")), SECTION_1))
        doses = ()
    elif doses and first < today:
        first = today
        earliest = today + dt.timedelta(days=LOADING_INTERVAL_DAYS * len(doses))
        notes.append(warning(msg(N_("The vitamin D loading cannot end %(days)s days before the first injection: "
                                    "correct the deficiency before starting, except in an emergency."),
                                 days=LOADING_INTERVAL_DAYS), SECTION_1))
    events: list[Event] = [
        VitaminDDose(first + dt.timedelta(days=LOADING_INTERVAL_DAYS * i), VITAMIN_D_LOADING, dose.dose_iu)
        for i, dose in enumerate(doses)
    ]
    anchor, k = (start, 0) if not events else (events[-1].date, 1)
    while (day := add_months(anchor, MAINTENANCE_DEFAULT.every_months * k)) < end:
        events.append(VitaminDDose(day, VITAMIN_D_MAINTENANCE, MAINTENANCE_DEFAULT.dose_iu))
        k += 1
    return VitaminDPlan(events, earliest, notes)


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
    today: dt.date,
    vitamin_d_level: VitaminDResult | None = None,
    crcl_ml_min: float | None = None,
    stop: dt.date | None = None,
    inputs: dict | None = None,
) -> Schedule:
    """Every event of the 24-month window, sorted by date then by KIND_ORDER.

    The CrCl decides on its shown value. After a denosumab stop with CrCl < 30 mL/min, no zoledronic acid
    infusion nor its creatinine and paracetamol events: a clinician note instead. Raises ValueError for
    zoledronic acid with CrCl < 30 mL/min, or a stop with zoledronic acid or outside the plan: `run` turns
    these into field errors first.
    """
    dose = None if crcl_ml_min is None else zoledronic_dose(shown(crcl_ml_min))
    if agent == ZOLEDRONIC_ACID and dose is not None and dose.band == CONTRAINDICATED:
        raise ValueError("zoledronic acid is contraindicated below 30 mL/min")
    end = reassessment_date(start)
    if stop is not None and (agent != DENOSUMAB or not start <= stop <= end):
        raise ValueError("a stop date applies to denosumab only, within the plan")
    dates = injection_dates(start, interval, end, stop)
    events: list[Event] = []
    notes: list[Note] = []
    for number, day in enumerate(dates, start=1):
        if agent == ZOLEDRONIC_ACID:
            events.append(Injection(day, INJECTION, number, agent, None if dose is None else dose.dose_mg))
            events += _zoledronic_infusion_care(day, number == 1)
        else:
            events.append(Injection(day, INJECTION, number, agent, DENOSUMAB_DOSE_MG))
    vitamin_d_plan = _vitamin_d_events(start, end, today, vitamin_d_level)
    events += vitamin_d_plan.events
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
        if dose is not None and dose.band == CONTRAINDICATED:
            notes.append(contraindicated_after_stop_note())
        else:
            switch_day = zoledronic_acid_after_denosumab(dates[-1])
            events.append(ZoledronicAfterDenosumab(switch_day, ZOLEDRONIC_ACID_AFTER_DENOSUMAB,
                                                   None if dose is None else dose.dose_mg,
                                                   None if dose is None else dose.band))
            events += _zoledronic_infusion_care(switch_day, True)
        notes += stop_notes()
    notes += vitamin_d_plan.notes
    events.sort(key=lambda event: (event.date, KIND_ORDER.index(event.kind)))
    return Schedule(
        agent=agent,
        start=start,
        interval=interval,
        end=end,
        stop=stop,
        today=today,
        earliest_start=vitamin_d_plan.earliest_start,
        vitamin_d_category=None if vitamin_d_level is None else vitamin_d_level.category,
        events=tuple(events),
        notes=tuple(notes),
        sources=unique([SECTION_1, SECTION_2_3, SECTION_2_4, SECTION_2_5] + [s for n in notes for s in n.sources]),
        inputs=inputs or {},
    )


def run(params: Mapping[str, str]) -> Schedule:
    """`today` defaults to the server's date; the pages send the device's."""
    fields = Fields(params)
    agent = fields.choice("agent", AGENTS)
    start = fields.date("start")
    interval = fields.choice("interval", INTERVALS)
    level, unit = vitamin_d.read_level(fields, "vitamin_d", "unit")
    crcl = fields.optional_number("crcl", limits.CRCL)
    stop = fields.optional_date("stop")
    today = fields.optional_date("today") or dt.date.today()
    if agent == ZOLEDRONIC_ACID and crcl is not None and fields.ok("crcl"):
        if zoledronic_dose(shown(crcl)).band == CONTRAINDICATED:
            fields.reject("crcl", msg(N_("Creatinine clearance below %(threshold)s mL/min: zoledronic acid is "
                                         "contraindicated."), threshold=ZA_MIN_CRCL))
    if stop is not None and fields.ok("agent", "stop"):
        if agent != DENOSUMAB:
            fields.reject("stop", msg(N_("A stop date applies to denosumab only.")))
        elif fields.ok("start") and stop < start:
            fields.reject("stop", msg(N_("The stop date cannot be before the first injection.")))
        elif fields.ok("start") and stop > reassessment_date(start):
            fields.reject("stop", msg(N_("The stop date must be within the %(months)s-month plan, by %(date)s at "
                                         "the latest."), months=TREATMENT_MONTHS,
                                      date=reassessment_date(start).isoformat()))
    fields.check()
    assessment = None if level is None else vitamin_d.assess(level, unit)
    inputs = {"agent": agent, "start": start, "interval": interval, "today": today}
    if level is not None:
        inputs.update(vitamin_d=level, unit=unit)
    if crcl is not None:
        inputs["crcl_entered_ml_min"] = crcl
    if stop is not None:
        inputs["stop"] = stop
    return build_schedule(agent, start, interval, today, assessment, crcl, stop, inputs)
