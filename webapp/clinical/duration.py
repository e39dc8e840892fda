"""How long to treat, and how to stop denosumab (chapter §2.5).

Treatment is monthly for 2 years, then reassessed. Denosumab has no lasting
effect once stopped; by expert consensus, one zoledronic acid infusion follows it,
for example 3 calendar months after the last injection.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Mapping

from .dates import add_months
from .messages import N_, Note, info, msg, warning
from .parse import Fields
from .renal import (
    CONTRAINDICATED,
    ZA_MIN_CRCL,
    ClearanceRequest,
    ZoledronicResult,
    clearance_given,
    read_clearance,
    zoledronic_for,
)
from .result import Result
from .sources import (
    ESMO_2020,
    LABEL_DENOSUMAB,
    LABEL_ZOLEDRONIC_ACID,
    REF_DENOSUMAB_OFFSET,
    REF_ONJ_AFTER_24_MONTHS,
    REF_ROSEN_2004,
    SECTION_2_4,
    SECTION_2_5,
    Source,
    unique,
)

TREATMENT_MONTHS = 24  # then reassess [23]
ZA_AFTER_DENOSUMAB_MONTHS = 3
REMODELLING_BASELINE_MONTHS = (12, 18)  # back to pre-treatment remodelling after a stop [68]


def reassessment_date(start: dt.date) -> dt.date:
    """Start + 24 calendar months, clamped."""
    return add_months(start, TREATMENT_MONTHS)


def zoledronic_acid_after_denosumab(last_injection: dt.date) -> dt.date:
    """Last denosumab injection + 3 calendar months, clamped (30 Nov → 28/29 Feb)."""
    return add_months(last_injection, ZA_AFTER_DENOSUMAB_MONTHS)


def reassessment_notes() -> tuple[Note, ...]:
    return (
        info(msg(N_("Monthly treatment for %(months)s months, then reassess case by case: overall prognosis, "
                    "fracture risk, any new skeletal-related event, bone remodelling (rising serum CTX)."),
                 months=TREATMENT_MONTHS), REF_ROSEN_2004, SECTION_2_5),
        info(msg(N_("Jaw osteonecrosis becomes much more frequent after %(months)s months of treatment."),
                 months=TREATMENT_MONTHS), REF_ONJ_AFTER_24_MONTHS),
        info(msg(N_("Continuing denosumab beyond %(months)s months: weigh the benefit (fracture risk, skeletal "
                    "events) against the risks (hypocalcaemia, jaw osteonecrosis; tobacco, alcohol, poor oral "
                    "health)."), months=TREATMENT_MONTHS), SECTION_2_5),
    )


def stop_notes() -> tuple[Note, ...]:
    return (
        warning(msg(N_("Denosumab has no lasting effect once stopped: bone remodelling rebounds, then returns to "
                       "its pre-treatment level within %(min)s to %(max)s months."),
                    min=REMODELLING_BASELINE_MONTHS[0], max=REMODELLING_BASELINE_MONTHS[1]),
                REF_DENOSUMAB_OFFSET, SECTION_2_5),
        warning(msg(N_("Stopping denosumab can be followed by multiple vertebral fractures.")), LABEL_DENOSUMAB),
        info(msg(N_("Expert consensus, without published data: one zoledronic acid infusion at the end of the "
                    "denosumab sequence, for example %(months)s months after the last injection or when serum CTX "
                    "rises."), months=ZA_AFTER_DENOSUMAB_MONTHS), SECTION_2_5),
        info(msg(N_("The CTX trigger is expert practice: the ESMO 2020 guidelines do not advise routine bone "
                    "turnover markers.")), ESMO_2020),
    )


ZA_CONTRAINDICATED_AFTER_STOP = N_("Zoledronic acid is contraindicated (creatinine clearance below %(threshold)s "
                                   "mL/min): discuss the end of the denosumab sequence.")


@dataclass(frozen=True)
class DenosumabStop(Result):
    last_injection: dt.date
    zoledronic_acid_date: dt.date | None  # None when the infusion is contraindicated
    zoledronic_acid_contraindicated: bool
    zoledronic_acid: ZoledronicResult | None  # the dose block, when renal function was given
    notes: tuple[Note, ...]
    sources: tuple[Source, ...]
    inputs: dict


def contraindicated_after_stop_note() -> Note:
    """What replaces the infusion in every plan when the CrCl forbids it (safety rules §11.10)."""
    return warning(msg(ZA_CONTRAINDICATED_AFTER_STOP, threshold=ZA_MIN_CRCL), SECTION_2_4, SECTION_2_5,
                   LABEL_ZOLEDRONIC_ACID)


def denosumab_stop(last_injection: dt.date, clearance: ClearanceRequest | None = None) -> DenosumabStop:
    """The infusion 3 months after the last injection; none, and a note instead, when the CrCl forbids it.

    With the renal function unknown the date is proposed and the dose block is absent: the page then asks for
    the CrCl (the dose depends on it).
    """
    dose = None if clearance is None else zoledronic_for(clearance)
    contraindicated = dose is not None and dose.band == CONTRAINDICATED
    notes = ((contraindicated_after_stop_note(),) if contraindicated else ()) + stop_notes()
    inputs = {"last_injection": last_injection, **({} if clearance is None else clearance.inputs())}
    return DenosumabStop(
        last_injection=last_injection,
        zoledronic_acid_date=None if contraindicated else zoledronic_acid_after_denosumab(last_injection),
        zoledronic_acid_contraindicated=contraindicated,
        zoledronic_acid=dose,
        notes=notes,
        sources=unique([s for note in notes for s in note.sources] + (list(dose.sources) if dose else [])),
        inputs=inputs,
    )


def run(params: Mapping[str, str]) -> DenosumabStop:
    fields = Fields(params)
    last = fields.date("last_injection")
    clearance = read_clearance(fields) if clearance_given(fields) else None
    fields.check()
    return denosumab_stop(last, clearance)
