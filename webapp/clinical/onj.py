"""Osteonecrosis of the jaw: the chapter's three-part definition (§2.3 [62]), with AAOMS 2022 staging as information.

The chapter's wording matches ASBMR 2007 / International Task Force 2015. AAOMS
2022 is broader (fistula probing to bone, antiangiogenic drugs) and is shown
beside it, not used to decide.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from . import limits
from .messages import N_, Message, Note, info, msg, warning
from .parse import Fields
from .result import Result
from .sources import AAOMS_2022, REF_ASBMR_ONJ, SECTION_2_3, Source, unique

EXPOSED_BONE_MORE_THAN_WEEKS = 8  # 8 weeks exactly does not meet the definition

EXPOSED_BONE_DURATION = "exposed_bone_duration"
ANTIRESORPTIVE_EXPOSURE = "antiresorptive_exposure"
CRANIOFACIAL_IRRADIATION = "craniofacial_irradiation"


@dataclass(frozen=True)
class Stage:
    stage: str
    description: Message


@dataclass(frozen=True)
class AaomsStaging:
    source: Source
    definition_note: Message
    stages: tuple[Stage, ...]


AAOMS_STAGING = AaomsStaging(
    source=AAOMS_2022,
    definition_note=msg(N_("The AAOMS 2022 definition also counts bone that can be probed through a fistula and "
                           "treatment with antiangiogenic drugs, and excludes metastasis to the jaw.")),
    stages=(
        Stage("at_risk", msg(N_("At risk: treated, no necrotic bone."))),
        Stage("0", msg(N_("Stage 0: no necrotic bone, but non-specific symptoms or clinical or radiographic "
                          "findings."))),
        Stage("1", msg(N_("Stage 1: exposed necrotic bone, or a fistula that probes to bone, without symptoms or "
                          "infection."))),
        Stage("2", msg(N_("Stage 2: as stage 1, with infection: pain, swelling, with or without pus."))),
        Stage("3", msg(N_("Stage 3: as stage 2, with one or more of: pathological fracture, extra-oral fistula, "
                          "oro-antral fistula, osteolysis reaching the inferior border of the mandible or the "
                          "sinus floor."))),
    ),
)


@dataclass(frozen=True)
class OnjAssessment(Result):
    exposed_bone_weeks: float
    antiresorptive: bool
    craniofacial_irradiation: bool
    meets_definition: bool
    failed_criteria: tuple[str, ...]
    advice: tuple[Note, ...]
    aaoms_staging: AaomsStaging
    sources: tuple[Source, ...]
    inputs: dict


def failed_criteria(exposed_bone_weeks: float, antiresorptive: bool, craniofacial_irradiation: bool) -> tuple[str, ...]:
    """The criteria not met, in the definition's order; weeks must be > 8 (typed, compared exactly)."""
    failed = []
    if not exposed_bone_weeks > EXPOSED_BONE_MORE_THAN_WEEKS:
        failed.append(EXPOSED_BONE_DURATION)
    if not antiresorptive:
        failed.append(ANTIRESORPTIVE_EXPOSURE)
    if craniofacial_irradiation:
        failed.append(CRANIOFACIAL_IRRADIATION)
    return tuple(failed)


def _advice(failed: tuple[str, ...]) -> tuple[Note, ...]:
    if not failed:
        return (warning(msg(N_("Meets the definition of jaw osteonecrosis: refer the patient to a specialised "
                               "centre.")), SECTION_2_3, REF_ASBMR_ONJ),)
    advice = []
    if EXPOSED_BONE_DURATION in failed:
        advice.append(info(msg(N_("Exposed bone for %(weeks)s weeks or less since it was identified and treated: "
                                  "re-evaluate if it persists beyond %(weeks)s weeks."),
                               weeks=EXPOSED_BONE_MORE_THAN_WEEKS), REF_ASBMR_ONJ))
    if ANTIRESORPTIVE_EXPOSURE in failed:
        advice.append(info(msg(N_("No current or past bisphosphonate or denosumab: not antiresorptive-related jaw "
                                  "osteonecrosis by this definition.")), REF_ASBMR_ONJ))
    if CRANIOFACIAL_IRRADIATION in failed:
        advice.append(info(msg(N_("Craniofacial irradiation in the history: consider osteoradionecrosis.")),
                           REF_ASBMR_ONJ))
    return tuple(advice)


def assess(exposed_bone_weeks: float, antiresorptive: bool, craniofacial_irradiation: bool) -> OnjAssessment:
    failed = failed_criteria(exposed_bone_weeks, antiresorptive, craniofacial_irradiation)
    advice = _advice(failed)
    return OnjAssessment(
        exposed_bone_weeks=exposed_bone_weeks,
        antiresorptive=antiresorptive,
        craniofacial_irradiation=craniofacial_irradiation,
        meets_definition=not failed,
        failed_criteria=failed,
        advice=advice,
        aaoms_staging=AAOMS_STAGING,
        sources=unique([REF_ASBMR_ONJ, SECTION_2_3] + [s for note in advice for s in note.sources] + [AAOMS_2022]),
        inputs={"exposed_bone_weeks": exposed_bone_weeks, "antiresorptive": antiresorptive,
                "craniofacial_irradiation": craniofacial_irradiation},
    )


def run(params: Mapping[str, str]) -> OnjAssessment:
    fields = Fields(params)
    weeks = fields.number("exposed_bone_weeks", limits.ONJ_WEEKS)
    antiresorptive = fields.flag("antiresorptive")
    irradiation = fields.flag("craniofacial_irradiation")
    fields.check()
    return assess(weeks, antiresorptive, irradiation)
