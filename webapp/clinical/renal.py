"""Renal function: Cockcroft–Gault, the zoledronic acid dose by CrCl, the creatinine check before each dose,
and what renal function means for denosumab (chapter §2.4, table 2; product labels).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from . import limits
from .messages import N_, Message, Note, info, msg, warning
from .parse import Fields
from .result import Result
from .sources import LABEL_DENOSUMAB, LABEL_ZOLEDRONIC_ACID, SECTION_2_4, Source, unique
from .tolerance import EPSILON

MALE = "male"
FEMALE = "female"
SEXES = (MALE, FEMALE)
UMOL_L = "umol/L"
MG_DL = "mg/dL"
CREATININE_UNITS = (UMOL_L, MG_DL)
UNIT_SYMBOLS = {UMOL_L: "µmol/L", MG_DL: "mg/dL"}
CREATININE_RANGES = {UMOL_L: limits.CREATININE_UMOL, MG_DL: limits.CREATININE_MGDL}

# Cockcroft–Gault. 1.23 and 1.04 are the rounded µmol/L forms of 88.4/72 (× 0.85 for women).
CG_AGE_FROM = 140
CG_K_UMOL = {MALE: 1.23, FEMALE: 1.04}
CG_MGDL_DIVISOR = 72
CG_FEMALE_FACTOR_MGDL = 0.85
FORMULA_UMOL = "cockcroft_gault_umol"
FORMULA_MGDL = "cockcroft_gault_mgdl"
FORMULA_ENTERED = "entered"

# Zoledronic acid, table 2 and the label.
ZA_FULL_DOSE_MG = 4.0
ZA_FULL_ABOVE_CRCL = 60  # CrCl > 60 mL/min: full dose
ZA_MIN_CRCL = 30  # below: contraindicated (chapter) / not recommended (label)
ZA_INFUSION_MIN_MINUTES = 15
ZA_VIAL_MG = 4  # both presentations hold 4 mg
ZA_CONCENTRATE_ML = 5
ZA_READY_TO_USE_ML = 100
ZA_DILUENT_ML = 100
PARACETAMOL_G = 1
FLU_LIKE_PERCENT = 20
FULL = "full"
REDUCED_3_5 = "reduced_3_5"
REDUCED_3_3 = "reduced_3_3"
REDUCED_3_0 = "reduced_3_0"
CONTRAINDICATED = "contraindicated"

DENOSUMAB_SEVERE_RENAL_CRCL = 30  # below: adynamic bone warning, hypocalcaemia risk


@dataclass(frozen=True)
class Volumes:
    """Label preparation of a reduced dose."""

    concentrate_draw_ml: float  # from the 4 mg / 5 mL concentrate, then into 100 mL
    diluent_ml: int  # saline or 5% glucose
    ready_to_use_replace_ml: int  # removed from the 4 mg / 100 mL bottle and replaced with saline


@dataclass(frozen=True)
class ReducedBand:
    key: str
    crcl_from: float  # inclusive lower bound
    dose_mg: float
    volumes: Volumes


ZA_REDUCED_BANDS = (
    ReducedBand(REDUCED_3_5, 50, 3.5, Volumes(4.4, ZA_DILUENT_ML, 12)),
    ReducedBand(REDUCED_3_3, 40, 3.3, Volumes(4.1, ZA_DILUENT_ML, 18)),
    ReducedBand(REDUCED_3_0, ZA_MIN_CRCL, 3.0, Volumes(3.8, ZA_DILUENT_ML, 25)),
)


@dataclass(frozen=True)
class CreatinineRule:
    """The label's creatinine thresholds in one unit."""

    normal_below: float  # a baseline below this is normal
    increase_if_normal: float  # withhold when the rise from a normal baseline reaches this
    increase_if_abnormal: float  # … from an abnormal baseline


CREATININE_RULES = {
    MG_DL: CreatinineRule(1.4, 0.5, 1.0),
    UMOL_L: CreatinineRule(124, 44, 88),  # ≈ the mg/dL values × 88.4, as the label rounds them
}
RESUME_FACTOR = 1.1  # resume when creatinine ≤ baseline × 1.1 (back within 10%)
RESUME_PERCENT = 10

GIVE = "give"
WITHHOLD = "withhold"
RESUME = "resume"
KEEP_HOLDING = "keep_holding"
DECISION_LABELS = {
    GIVE: N_("Give the dose"),
    WITHHOLD: N_("Withhold the dose"),
    RESUME: N_("Resume at the same dose"),
    KEEP_HOLDING: N_("Keep withholding"),
}


# ---- Cockcroft–Gault -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CreatinineClearance(Result):
    crcl_ml_min: float
    formula: str
    weight_kg: float  # actual body weight
    age: float
    sex: str
    creatinine: float
    unit: str
    notes: tuple[Note, ...]
    sources: tuple[Source, ...]


def cockcroft_gault(age: float, weight_kg: float, sex: str, creatinine: float, unit: str) -> float:
    """CrCl in mL/min, in the unit entered, in exactly this order of operations:

    µmol/L: (140 - age) * weight * k / creatinine, k = 1.23 (male) or 1.04 (female);
    mg/dL: (140 - age) * weight / (72 * creatinine), then * 0.85 for a woman.
    """
    if unit == UMOL_L:
        return (CG_AGE_FROM - age) * weight_kg * CG_K_UMOL[sex] / creatinine
    crcl = (CG_AGE_FROM - age) * weight_kg / (CG_MGDL_DIVISOR * creatinine)
    return crcl * CG_FEMALE_FACTOR_MGDL if sex == FEMALE else crcl


def creatinine_clearance(age: float, weight_kg: float, sex: str, creatinine: float, unit: str) -> CreatinineClearance:
    note = info(
        msg(N_("Cockcroft–Gault with the actual body weight (%(weight)s kg), computed in the unit entered."),
            weight=weight_kg),
        SECTION_2_4,
        LABEL_ZOLEDRONIC_ACID,
    )
    return CreatinineClearance(
        crcl_ml_min=cockcroft_gault(age, weight_kg, sex, creatinine, unit),
        formula=FORMULA_UMOL if unit == UMOL_L else FORMULA_MGDL,
        weight_kg=weight_kg,
        age=age,
        sex=sex,
        creatinine=creatinine,
        unit=unit,
        notes=(note,),
        sources=note.sources,
    )


@dataclass(frozen=True)
class CockcroftGaultInput:
    """What a clearance is computed from, once the request has been checked."""

    age: float
    weight_kg: float
    sex: str
    creatinine: float
    unit: str

    def compute(self) -> CreatinineClearance:
        return creatinine_clearance(self.age, self.weight_kg, self.sex, self.creatinine, self.unit)


# A typed CrCl, or the inputs to compute it from.
ClearanceRequest = float | CockcroftGaultInput
CLEARANCE_FIELDS = ("crcl", "age", "weight", "creatinine")


def read_cockcroft_gault(fields: Fields) -> CockcroftGaultInput:
    unit = fields.choice("unit", CREATININE_UNITS, UMOL_L)
    return CockcroftGaultInput(
        age=fields.number("age", limits.AGE),
        weight_kg=fields.number("weight", limits.WEIGHT),
        sex=fields.choice("sex", SEXES),
        creatinine=fields.number("creatinine", CREATININE_RANGES.get(unit)),
        unit=unit,
    )


def clearance_given(fields: Fields) -> bool:
    """Whether any clearance input was typed (sex and unit alone do not count: forms preset them)."""
    return any(fields.given(name) for name in CLEARANCE_FIELDS)


def read_clearance(fields: Fields) -> ClearanceRequest:
    """A typed `crcl` wins when non-empty; otherwise the Cockcroft–Gault fields are all required."""
    if fields.given("crcl"):
        return fields.number("crcl", limits.CRCL)
    return read_cockcroft_gault(fields)


# ---- Zoledronic acid dose ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ZoledronicDose:
    band: str
    dose_mg: float | None
    volumes: Volumes | None


def zoledronic_dose(crcl_ml_min: float) -> ZoledronicDose:
    """Table 2: > 60 → 4.0 mg; 50–60 → 3.5; 40–<50 → 3.3; 30–<40 → 3.0; < 30 → none.

    Tested as crcl > 60 + ε, then crcl ≥ bound − ε for 50, 40, 30, so that a
    computed CrCl meant to be exactly on a bound falls on the side the table says.
    """
    if crcl_ml_min > ZA_FULL_ABOVE_CRCL + EPSILON:
        return ZoledronicDose(FULL, ZA_FULL_DOSE_MG, None)
    for band in ZA_REDUCED_BANDS:
        if crcl_ml_min >= band.crcl_from - EPSILON:
            return ZoledronicDose(band.key, band.dose_mg, band.volumes)
    return ZoledronicDose(CONTRAINDICATED, None, None)


@dataclass(frozen=True)
class DenosumabRenal:
    dose_adjustment: bool
    severe_renal_impairment: bool
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class ZoledronicResult(Result):
    band: str
    dose_mg: float | None
    crcl_ml_min: float
    formula: str
    weight_kg: float | None  # None when the CrCl was typed
    volumes: Volumes | None
    notes: tuple[Note, ...]
    denosumab: DenosumabRenal
    sources: tuple[Source, ...]


def severe_renal_impairment(crcl_ml_min: float) -> bool:
    """CrCl < 30 − ε mL/min."""
    return crcl_ml_min < DENOSUMAB_SEVERE_RENAL_CRCL - EPSILON


def denosumab_renal(crcl_ml_min: float) -> DenosumabRenal:
    """No renal dose adjustment; below 30 mL/min, the adynamic bone and hypocalcaemia warnings."""
    notes = [info(msg(N_("Denosumab is not eliminated by the kidney: no dose adjustment for renal function.")),
                  SECTION_2_4)]
    severe = severe_renal_impairment(crcl_ml_min)
    if severe:
        notes.append(warning(msg(N_(
            "Creatinine clearance below %(threshold)s mL/min: the patient may have adynamic renal osteodystrophy, "
            "for which an antiresorptive is harmful."
        ), threshold=DENOSUMAB_SEVERE_RENAL_CRCL), SECTION_2_4))
        notes.append(warning(msg(N_(
            "Severe renal impairment or dialysis: higher risk of hypocalcaemia on denosumab; monitor calcium."
        )), LABEL_DENOSUMAB))
    return DenosumabRenal(dose_adjustment=False, severe_renal_impairment=severe, notes=tuple(notes))


def _zoledronic_notes(dose: ZoledronicDose) -> tuple[Note, ...]:
    if dose.band == CONTRAINDICATED:
        return (warning(msg(N_(
            "Creatinine clearance below %(threshold)s mL/min: the chapter contraindicates zoledronic acid; "
            "the product label says it is not recommended."
        ), threshold=ZA_MIN_CRCL), SECTION_2_4, LABEL_ZOLEDRONIC_ACID),)
    notes = [
        info(msg(N_("Infuse over at least %(minutes)s minutes; keep the patient well hydrated on the day of the "
                    "infusion and the day after."), minutes=ZA_INFUSION_MIN_MINUTES), SECTION_2_4),
        info(msg(N_("First infusion only: paracetamol %(grams)s g morning, noon and evening on the day of the "
                    "infusion and the day after, to prevent the flu-like syndrome (about %(percent)s%% of "
                    "patients). It is an inflammatory reaction, not an allergy, and usually does not recur."),
                 grams=PARACETAMOL_G, percent=FLU_LIKE_PERCENT), SECTION_2_4),
        info(msg(N_("Check serum creatinine before each dose.")), LABEL_ZOLEDRONIC_ACID),
        warning(msg(N_("Never dilute in Ringer's lactate or any calcium-containing solution.")),
                LABEL_ZOLEDRONIC_ACID),
    ]
    if dose.volumes is not None and dose.dose_mg is not None:
        notes.append(info(msg(N_(
            "Preparing %(dose)s mg: from the %(mg)s mg/%(ml)s mL concentrate, draw %(draw)s mL and dilute in "
            "%(diluent)s mL of saline or 5%% glucose; or from the ready-to-use %(mg)s mg/%(bottle)s mL bottle, "
            "remove %(replace)s mL and replace it with saline."
        ), dose=dose.dose_mg, mg=ZA_VIAL_MG, ml=ZA_CONCENTRATE_ML, draw=dose.volumes.concentrate_draw_ml,
            diluent=dose.volumes.diluent_ml, bottle=ZA_READY_TO_USE_ML,
            replace=dose.volumes.ready_to_use_replace_ml), LABEL_ZOLEDRONIC_ACID))
    return tuple(notes)


def zoledronic_acid(
    crcl_ml_min: float, formula: str = FORMULA_ENTERED, weight_kg: float | None = None
) -> ZoledronicResult:
    """The dose block: band, dose, label volumes, administration notes and the denosumab comparison."""
    dose = zoledronic_dose(crcl_ml_min)
    notes = _zoledronic_notes(dose)
    dmab = denosumab_renal(crcl_ml_min)
    return ZoledronicResult(
        band=dose.band,
        dose_mg=dose.dose_mg,
        crcl_ml_min=crcl_ml_min,
        formula=formula,
        weight_kg=weight_kg,
        volumes=dose.volumes,
        notes=notes,
        denosumab=dmab,
        sources=unique([SECTION_2_4, LABEL_ZOLEDRONIC_ACID] + [s for n in notes + dmab.notes for s in n.sources]),
    )


def zoledronic_for(request: ClearanceRequest) -> ZoledronicResult:
    """The dose block from a typed CrCl or from Cockcroft–Gault inputs."""
    if isinstance(request, CockcroftGaultInput):
        clearance = request.compute()
        return zoledronic_acid(clearance.crcl_ml_min, clearance.formula, clearance.weight_kg)
    return zoledronic_acid(request)


# ---- Creatinine before each zoledronic acid dose (label) ----------------------------------------------


@dataclass(frozen=True)
class CreatinineCheck(Result):
    decision: str
    decision_label: Message
    baseline: float
    current: float
    unit: str
    withheld: bool
    baseline_normal: bool
    increase: float
    threshold: float
    resume_limit: float | None  # baseline × 1.1, when the dose is withheld
    notes: tuple[Note, ...]
    sources: tuple[Source, ...]


def creatinine_check(baseline: float, current: float, unit: str, withheld: bool) -> CreatinineCheck:
    """The label's rule, in the unit entered.

    baseline_normal = baseline < 1.4 mg/dL (124 µmol/L); increase = current - baseline;
    threshold = 0.5 (44) if normal else 1.0 (88). Not withheld: withhold iff
    increase >= threshold - ε, else give. Withheld: resume iff
    current - baseline * 1.1 <= ε, else keep holding.
    """
    rule = CREATININE_RULES[unit]
    baseline_normal = baseline < rule.normal_below
    increase = current - baseline
    threshold = rule.increase_if_normal if baseline_normal else rule.increase_if_abnormal
    if withheld:
        decision = RESUME if current - baseline * RESUME_FACTOR <= EPSILON else KEEP_HOLDING
    else:
        decision = WITHHOLD if increase >= threshold - EPSILON else GIVE
    symbol = UNIT_SYMBOLS[unit]
    notes = (
        info(msg(N_("Withhold zoledronic acid when creatinine rises by %(normal)s %(unit)s or more from a normal "
                    "baseline (below %(normal_below)s %(unit)s), or by %(abnormal)s %(unit)s or more from an "
                    "abnormal one."), normal=rule.increase_if_normal, abnormal=rule.increase_if_abnormal,
                 normal_below=rule.normal_below, unit=symbol), LABEL_ZOLEDRONIC_ACID),
        info(msg(N_("Resume only when creatinine is back within %(percent)s%% of baseline, at the same dose."),
                 percent=RESUME_PERCENT), LABEL_ZOLEDRONIC_ACID),
    )
    return CreatinineCheck(
        decision=decision,
        decision_label=msg(DECISION_LABELS[decision]),
        baseline=baseline,
        current=current,
        unit=unit,
        withheld=withheld,
        baseline_normal=baseline_normal,
        increase=increase,
        threshold=threshold,
        resume_limit=baseline * RESUME_FACTOR if withheld else None,
        notes=notes,
        sources=(LABEL_ZOLEDRONIC_ACID,),
    )


# ---- API ---------------------------------------------------------------------------------------------


def run_creatinine_clearance(params: Mapping[str, str]) -> CreatinineClearance:
    fields = Fields(params)
    request = read_cockcroft_gault(fields)
    fields.check()
    return request.compute()


def run_zoledronic_acid(params: Mapping[str, str]) -> ZoledronicResult:
    fields = Fields(params)
    request = read_clearance(fields)
    fields.check()
    return zoledronic_for(request)


def run_creatinine_check(params: Mapping[str, str]) -> CreatinineCheck:
    fields = Fields(params)
    unit = fields.choice("unit", CREATININE_UNITS, UMOL_L)
    bounds = CREATININE_RANGES.get(unit)
    baseline = fields.number("baseline", bounds)
    current = fields.number("current", bounds)
    withheld = fields.flag("withheld")
    fields.check()
    return creatinine_check(baseline, current, unit, withheld)
