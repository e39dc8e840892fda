"""Checklists: before the first dose (§2.3, §2.4), follow-up while treated, and when to start (§2.2, §2.5)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from .agents import AGENTS, DENOSUMAB, ZOLEDRONIC_ACID
from .calcium import TOTAL_MAX_MG, TOTAL_MIN_MG
from .dates import add_months
from .duration import TREATMENT_MONTHS, reassessment_date, reassessment_notes
from .messages import N_, Message, Note, info, msg, warning
from .parse import Fields
from .renal import DENOSUMAB_SEVERE_RENAL_CRCL, ZA_MIN_CRCL
from .result import Result
from .sources import (
    LABEL_DENOSUMAB,
    LABEL_ZOLEDRONIC_ACID,
    REF_ESMO_2014,
    REF_HENRY_2011,
    REF_MSKCC_DENTAL,
    SECTION_1,
    SECTION_2_1,
    SECTION_2_2,
    SECTION_2_3,
    SECTION_2_4,
    SECTION_2_5,
    Source,
    unique,
)
from .vitamin_d import MAINTENANCE_ALTERNATIVE, MAINTENANCE_DEFAULT

DENTAL_REVIEW_MONTHS = 6
LIFE_EXPECTANCY_MONTHS = 3
MSKCC_ONJ_PERCENT = (0.9, 10)  # dental visit before vs after starting denosumab [61]
ONJ_PERCENT = (1, 2)  # with zoledronic acid or denosumab [50]

# ---- Before the first dose -----------------------------------------------------------------------------

READY = "ready"
NOT_READY = "not_ready"
EMERGENCY_START = "emergency_start"
VERDICT_LABELS = {
    READY: N_("Ready to start"),
    NOT_READY: N_("Not ready: items are missing"),
    EMERGENCY_START: N_("Emergency start with items missing"),
}


@dataclass(frozen=True)
class ItemSpec:
    key: str  # also the query parameter
    label: Message
    source: Source
    agents: tuple[str, ...] = AGENTS  # the agents it applies to
    note: Note | None = None


_MSKCC = info(msg(N_("Memorial Sloan Kettering series: jaw osteonecrosis in %(before)s%% of patients when the dental "
                     "visit came before denosumab, %(after)s%% when it came after."),
                  before=MSKCC_ONJ_PERCENT[0], after=MSKCC_ONJ_PERCENT[1]), REF_MSKCC_DENTAL)

BEFORE_FIRST_DOSE = (
    ItemSpec("vitamin_d_checked", msg(N_("Vitamin D measured; any deficiency corrected.")), SECTION_1),
    ItemSpec("renal_function_known", msg(N_("Serum creatinine and creatinine clearance known.")), SECTION_2_3),
    ItemSpec("hypocalcaemia_excluded", msg(N_("Corrected calcium checked; any hypocalcaemia corrected.")),
             LABEL_DENOSUMAB, note=info(msg(N_("Both labels: correct a hypocalcaemia before the first dose; the risk is "
                                               "higher with denosumab, above all when creatinine clearance is below "
                                               "%(threshold)s mL/min."), threshold=DENOSUMAB_SEVERE_RENAL_CRCL),
                                        LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB)),
    ItemSpec("dental_assessment", msg(N_("Dental assessment by a specialist, with an orthopantomogram (panoramic "
                                         "X-ray).")), SECTION_2_5, note=_MSKCC),
    ItemSpec("dental_care_completed", msg(N_("Dental care completed; after an extraction, healing and the "
                                             "dentist's go-ahead.")), SECTION_2_3, note=_MSKCC),
    ItemSpec("calcium_planned", msg(N_("Calcium intake planned: %(min)s to %(max)s mg per day in total."),
                                    min=TOTAL_MIN_MG, max=TOTAL_MAX_MG), SECTION_2_4),
    ItemSpec("concomitant_reviewed", msg(N_("Concomitant treatments reviewed: corticosteroids, angiogenesis "
                                            "inhibitors (bevacizumab), head and neck radiotherapy.")), SECTION_2_4),
    ItemSpec("za_crcl_ok", msg(N_("Creatinine clearance at least %(min)s mL/min."), min=ZA_MIN_CRCL), SECTION_2_4,
             (ZOLEDRONIC_ACID,)),
    ItemSpec("za_paracetamol_plan", msg(N_("Paracetamol planned on the first infusion day and the day after.")),
             SECTION_2_4, (ZOLEDRONIC_ACID,)),
    ItemSpec("za_hydration_plan", msg(N_("Good hydration planned on the infusion day and the day after.")),
             SECTION_2_4, (ZOLEDRONIC_ACID,)),
    ItemSpec("dmab_renal_warning_ack", msg(N_("If creatinine clearance is below %(threshold)s mL/min: risk of "
                                              "adynamic renal osteodystrophy considered."),
                                           threshold=DENOSUMAB_SEVERE_RENAL_CRCL), SECTION_2_4, (DENOSUMAB,)),
    ItemSpec("booklet_given", msg(N_("Injection record given to the patient.")), SECTION_2_4,
             note=info(msg(N_("Above all for denosumab, which has no lasting effect once stopped: injections must "
                              "stay regular.")), SECTION_2_4)),
)


# Each item as the action to take while it is missing: a "not ready" verdict then reads as a to-do list.
ACTIONS = {
    "vitamin_d_checked": msg(N_("Measure the 25-OH vitamin D level and correct any deficiency.")),
    "renal_function_known": msg(N_("Measure the serum creatinine and work out the creatinine clearance.")),
    "hypocalcaemia_excluded": msg(N_("Check the corrected calcium and correct any hypocalcaemia.")),
    "dental_assessment": msg(N_("Refer the patient for a dental assessment by a specialist, with an "
                                "orthopantomogram (panoramic X-ray).")),
    "dental_care_completed": msg(N_("Have the dental care completed; after an extraction, wait for healing and the "
                                    "dentist's go-ahead.")),
    "calcium_planned": msg(N_("Plan the calcium intake: %(min)s to %(max)s mg per day in total."),
                           min=TOTAL_MIN_MG, max=TOTAL_MAX_MG),
    "concomitant_reviewed": msg(N_("Review the concomitant treatments: corticosteroids, angiogenesis inhibitors "
                                   "(bevacizumab), head and neck radiotherapy.")),
    "za_crcl_ok": msg(N_("Check that the creatinine clearance is at least %(min)s mL/min."), min=ZA_MIN_CRCL),
    "za_paracetamol_plan": msg(N_("Prescribe paracetamol for the first infusion day and the day after.")),
    "za_hydration_plan": msg(N_("Plan good hydration on the infusion day and the day after.")),
    "dmab_renal_warning_ack": msg(N_("If the creatinine clearance is below %(threshold)s mL/min, weigh the risk of "
                                     "adynamic renal osteodystrophy."), threshold=DENOSUMAB_SEVERE_RENAL_CRCL),
    "booklet_given": msg(N_("Give the patient an injection record.")),
}

# The only items an emergency may leave undone: the chapter's "sauf urgence" covers the vitamin D correction (§1)
# and the dental care (§2.3), nothing else (safety rules §5, §11.7).
EMERGENCY_WAIVABLE = ("vitamin_d_checked", "dental_assessment", "dental_care_completed")


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    done: bool
    label: Message
    action: Message  # what to do while it is not done
    source: Source
    note: Note | None


@dataclass(frozen=True)
class BeforeFirstDose(Result):
    agent: str
    verdict: str
    verdict_label: Message
    emergency: bool
    items: tuple[ChecklistItem, ...]
    missing: tuple[str, ...]
    blocking: tuple[str, ...]  # missing items that an emergency does not waive
    notes: tuple[Note, ...]
    sources: tuple[Source, ...]
    inputs: dict


def _checklist_sources(items: tuple, notes: tuple[Note, ...]) -> tuple[Source, ...]:
    """Each item's source, then its note's, then the checklist notes', each once."""
    return unique([item.source for item in items]
                  + [s for item in items if item.note for s in item.note.sources]
                  + [s for note in notes for s in note.sources])


def before_first_dose(agent: str, done: Mapping[str, bool], emergency: bool = False) -> BeforeFirstDose:
    """All applicable items done → ready (even in an emergency); missing items all waivable in an emergency
    (vitamin D, dental) and emergency ticked → emergency_start; else not_ready, emergency or not, saying why."""
    items = tuple(
        ChecklistItem(spec.key, done.get(spec.key, False), spec.label, ACTIONS[spec.key], spec.source, spec.note)
        for spec in BEFORE_FIRST_DOSE
        if agent in spec.agents
    )
    missing = tuple(item.key for item in items if not item.done)
    blocking = tuple(key for key in missing if key not in EMERGENCY_WAIVABLE)
    verdict = READY if not missing else EMERGENCY_START if emergency and not blocking else NOT_READY
    notes: tuple[Note, ...] = ()
    if verdict == EMERGENCY_START:
        notes = (warning(msg(N_("Emergency start: the items not done are listed; complete them as soon as "
                                "possible.")), SECTION_2_3, SECTION_2_5),)
    elif emergency and blocking:
        notes = (warning(msg(N_("An emergency waives only the vitamin D correction and the dental care. The other "
                                "missing items, above all the renal function and the correction of a "
                                "hypocalcaemia, are needed before the first dose, emergency or not.")),
                         SECTION_1, SECTION_2_3, LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB),)
    return BeforeFirstDose(
        agent=agent,
        verdict=verdict,
        verdict_label=msg(VERDICT_LABELS[verdict]),
        emergency=emergency,
        items=items,
        missing=missing,
        blocking=blocking,
        notes=notes,
        sources=_checklist_sources(items, notes),
        inputs={"agent": agent, "emergency": emergency, **{item.key: item.done for item in items}},
    )


def run_before_first_dose(params: Mapping[str, str]) -> BeforeFirstDose:
    fields = Fields(params)
    agent = fields.choice("agent", AGENTS)
    done = {spec.key: fields.flag(spec.key) for spec in BEFORE_FIRST_DOSE}
    emergency = fields.flag("emergency")
    fields.check()
    return before_first_dose(agent, done, emergency)


# ---- Follow-up while treated ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpItem:
    key: str
    label: Message
    source: Source
    every_months: int | None = None
    note: Note | None = None


FOLLOW_UP = (
    (AGENTS, FollowUpItem(
        "dental_review",
        msg(N_("Dental clinical review every %(months)s months; avoid extractions, prefer conservative dental "
               "care."), months=DENTAL_REVIEW_MONTHS),
        SECTION_2_3, DENTAL_REVIEW_MONTHS,
        info(msg(N_("Jaw osteonecrosis occurs in %(min)s to %(max)s%% of patients on either agent."),
                 min=ONJ_PERCENT[0], max=ONJ_PERCENT[1]), REF_HENRY_2011))),
    (AGENTS, FollowUpItem(
        "vitamin_d_maintenance",
        msg(N_("Vitamin D maintenance: %(dose)s IU of cholecalciferol by mouth every %(months)s months."),
            dose=MAINTENANCE_DEFAULT.dose_iu, months=MAINTENANCE_DEFAULT.every_months),
        SECTION_2_4, MAINTENANCE_DEFAULT.every_months,
        info(msg(N_("The chapter's closing recommendations give %(dose)s IU every month instead."),
                 dose=MAINTENANCE_ALTERNATIVE.dose_iu), SECTION_2_5))),
    (AGENTS, FollowUpItem(
        "calcium_intake",
        msg(N_("Calcium intake: %(min)s to %(max)s mg per day in total, food and supplement."),
            min=TOTAL_MIN_MG, max=TOTAL_MAX_MG),
        SECTION_2_4)),
    ((ZOLEDRONIC_ACID,), FollowUpItem(
        "creatinine_before_infusion",
        msg(N_("Serum creatinine before each infusion; withhold the dose if renal function worsens.")),
        LABEL_ZOLEDRONIC_ACID)),
    ((DENOSUMAB,), FollowUpItem(
        "regular_injections",
        msg(N_("Injections kept regular: denosumab has no lasting effect once stopped.")),
        SECTION_2_4)),
)


@dataclass(frozen=True)
class DentalReview:
    months: int  # after the start
    date: dt.date


@dataclass(frozen=True)
class FollowUp(Result):
    agent: str
    start: dt.date | None
    items: tuple[FollowUpItem, ...]
    dental_reviews: tuple[DentalReview, ...] | None  # the same dates as table rows, with their month count
    reassessment_date: dt.date | None
    notes: tuple[Note, ...]
    sources: tuple[Source, ...]
    inputs: dict


def dental_reviews(start: dt.date) -> tuple[DentalReview, ...]:
    """Start + 6, 12, 18, 24 calendar months, each counted from the start (not chained) and clamped."""
    return tuple(DentalReview(months, add_months(start, months))
                 for months in range(DENTAL_REVIEW_MONTHS, TREATMENT_MONTHS + 1, DENTAL_REVIEW_MONTHS))


def dental_review_dates(start: dt.date) -> tuple[dt.date, ...]:
    return tuple(review.date for review in dental_reviews(start))


def follow_up(agent: str, start: dt.date | None = None) -> FollowUp:
    items = tuple(item for agents, item in FOLLOW_UP if agent in agents)
    notes = reassessment_notes()
    return FollowUp(
        agent=agent,
        start=start,
        items=items,
        dental_reviews=None if start is None else dental_reviews(start),
        reassessment_date=None if start is None else reassessment_date(start),
        notes=notes,
        sources=_checklist_sources(items, notes),
        inputs={"agent": agent, "start": start},
    )


def run_follow_up(params: Mapping[str, str]) -> FollowUp:
    fields = Fields(params)
    agent = fields.choice("agent", AGENTS)
    start = fields.optional_date("start")
    fields.check()
    return follow_up(agent, start)


# ---- When to start -----------------------------------------------------------------------------------------

START = "start"
START_AFTER_EVENT = "start_after_event"
NOT_INDICATED = "not_indicated"
NO_BONE_METASTASIS = "no_bone_metastasis"
ESTIMATE_LIFE_EXPECTANCY = "estimate_life_expectancy"
DECISION_LABELS = {
    START: N_("Start an antiresorptive"),
    START_AFTER_EVENT: N_("Start an antiresorptive after the skeletal-related event"),
    NOT_INDICATED: N_("Not indicated at this stage"),
    NO_BONE_METASTASIS: N_("No bone metastasis"),
    ESTIMATE_LIFE_EXPECTANCY: N_("Estimate the life expectancy first"),
}

# Life expectancy has three answers: an unticked box is not an answer (safety rules §11.11).
OVER_3_MONTHS = "over_3_months"
UP_TO_3_MONTHS = "3_months_or_less"
UNKNOWN = "unknown"
LIFE_EXPECTANCIES = (OVER_3_MONTHS, UP_TO_3_MONTHS, UNKNOWN)
CONFLICTING_LIFE_EXPECTANCY = N_("This answer contradicts life_expectancy_over_3_months: give one of them.")


@dataclass(frozen=True)
class WhenToStart(Result):
    decision: str
    decision_label: Message
    reasoning: tuple[Note, ...]
    sources: tuple[Source, ...]
    inputs: dict


def when_to_start(
    bone_metastasis: bool, life_expectancy: str, skeletal_event: bool, high_risk_lesions: bool
) -> WhenToStart:
    """No metastasis → no_bone_metastasis; a skeletal event → start whatever the survival;
    else start when life expectancy is over 3 months (a fortiori with high-risk lesions), not_indicated when
    it is 3 months or less, and estimate_life_expectancy when it is not known.
    """
    both_agents = info(msg(N_("Zoledronic acid and denosumab both reduce and delay skeletal-related events.")),
                       SECTION_2_1)
    reasoning: list[Note]
    if not bone_metastasis:
        decision = NO_BONE_METASTASIS
        reasoning = [info(msg(N_("Without a bone metastasis, this antiresorptive treatment does not apply.")),
                          SECTION_2_2)]
    elif skeletal_event:
        decision = START_AFTER_EVENT
        reasoning = [info(msg(N_("After a skeletal-related event, start whatever the expected survival: to relieve "
                                 "pain, prevent hypercalcaemia and prevent the next event, which can follow "
                                 "closely.")), SECTION_2_2), both_agents]
    elif life_expectancy == OVER_3_MONTHS:
        decision = START
        reasoning = [info(msg(N_("Start from the discovery of the bone metastasis when life expectancy is over "
                                 "%(months)s months."), months=LIFE_EXPECTANCY_MONTHS),
                          SECTION_2_2, REF_ESMO_2014, SECTION_2_5)]
        if high_risk_lesions:
            reasoning.append(info(msg(N_("All the more so as the lesions carry a high risk of skeletal-related "
                                         "event.")), SECTION_2_2))
        reasoning.append(both_agents)
    elif life_expectancy == UP_TO_3_MONTHS:
        decision = NOT_INDICATED
        reasoning = [info(msg(N_("Life expectancy of %(months)s months or less and no skeletal-related event: "
                                 "the chapter does not propose starting; start if a skeletal-related event occurs."),
                              months=LIFE_EXPECTANCY_MONTHS), SECTION_2_2, REF_ESMO_2014)]
    else:
        decision = ESTIMATE_LIFE_EXPECTANCY
        reasoning = [info(msg(N_("Without a skeletal-related event, the decision rests on the life expectancy: "
                                 "start when it is over %(months)s months."), months=LIFE_EXPECTANCY_MONTHS),
                          SECTION_2_2, REF_ESMO_2014)]
    return WhenToStart(
        decision=decision,
        decision_label=msg(DECISION_LABELS[decision]),
        reasoning=tuple(reasoning),
        sources=unique(s for note in reasoning for s in note.sources),
        inputs={"bone_metastasis": bone_metastasis, "life_expectancy": life_expectancy,
                "skeletal_event": skeletal_event, "high_risk_lesions": high_risk_lesions},
    )


def read_life_expectancy(fields: Fields) -> str:
    """`life_expectancy`, or the older boolean `life_expectancy_over_3_months` (true/false); absent = unknown."""
    answer = fields.choice("life_expectancy", LIFE_EXPECTANCIES, UNKNOWN)
    if not fields.given("life_expectancy_over_3_months"):
        return answer
    older = OVER_3_MONTHS if fields.flag("life_expectancy_over_3_months") else UP_TO_3_MONTHS
    if not fields.given("life_expectancy"):
        return older
    if fields.ok("life_expectancy", "life_expectancy_over_3_months") and answer != older:
        fields.reject("life_expectancy", msg(CONFLICTING_LIFE_EXPECTANCY))
    return answer


def run_when_to_start(params: Mapping[str, str]) -> WhenToStart:
    fields = Fields(params)
    bone_metastasis = fields.flag("bone_metastasis")
    life_expectancy = read_life_expectancy(fields)
    skeletal_event = fields.flag("skeletal_event")
    high_risk_lesions = fields.flag("high_risk_lesions")
    fields.check()
    return when_to_start(bone_metastasis, life_expectancy, skeletal_event, high_risk_lesions)
