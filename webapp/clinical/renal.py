"""Renal function: Cockcroft–Gault, the zoledronic acid dose by CrCl, the creatinine check before each dose,
and what renal function means for denosumab (chapter §2.4, table 2; product labels).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

from . import limits
from .messages import N_, Message, Note, info, msg, warning
from .parse import Fields
from .result import Result
from .sources import BODY_WEIGHT_FORMULAS, LABEL_DENOSUMAB, LABEL_ZOLEDRONIC_ACID, SECTION_2_4, Source, unique
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

    normal_up_to: float  # a baseline up to this value (inclusive) is normal
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

# Body size (safety rules §11.4): ideal weight by Devine, adjusted weight = IBW + 0.4 × (actual − IBW).
ACTUAL = "actual"
ADJUSTED = "adjusted"
IDEAL = "ideal"
WEIGHT_BASES = (ACTUAL, ADJUSTED, IDEAL)
IBW_BASE_KG = {MALE: 50, FEMALE: 45.5}
IBW_FROM_CM = 152.4
IBW_KG_PER_CM = 0.9055
ABW_EXCESS_FACTOR = 0.4
BMI_OBESE_FROM = 30
BMI_UNDERWEIGHT_BELOW = 18.5

HEIGHT_NEEDED = N_("Enter the height to use the adjusted or ideal body weight.")
IMPLAUSIBLE_CLEARANCE = N_("This creatinine gives an implausible clearance (over %(max)s mL/min): check the value "
                           "and its unit.")
_WEIGHT_NOTES = {
    ACTUAL: N_("Cockcroft–Gault with the actual body weight (%(weight)s kg), computed in the unit entered."),
    ADJUSTED: N_("Cockcroft–Gault with the adjusted body weight (%(weight)s kg: ideal weight plus 0.4 × the "
                 "excess), computed in the unit entered."),
    IDEAL: N_("Cockcroft–Gault with the ideal body weight (%(weight)s kg, Devine), computed in the unit entered."),
}


def shown(value: float) -> float:
    """The value as the app shows it: truncated to one decimal (60.09 → 60.0; 60.1 stays 60.1).

    Bands and warnings are decided on this value, so that the figure on screen and the decision never disagree;
    truncation errs toward the lower dose (safety rules §11, §3). The ε keeps float noise on a bound
    (49.99999999999999 for 50) from being truncated away; the mirror does the same two IEEE operations.
    """
    return math.floor(value * 10 + EPSILON) / 10


def ideal_weight(sex: str, height_cm: float) -> float:
    """Devine: 50 kg (men) or 45.5 kg (women) + 0.9055 kg per cm from 152.4 cm (below it, less)."""
    return IBW_BASE_KG[sex] + IBW_KG_PER_CM * (height_cm - IBW_FROM_CM)


def adjusted_weight(ideal_kg: float, actual_kg: float) -> float:
    return ideal_kg + ABW_EXCESS_FACTOR * (actual_kg - ideal_kg)


def body_mass_index(weight_kg: float, height_cm: float) -> float:
    """Actual weight / height², shown (truncated to one decimal); the obesity and low-weight warnings read it."""
    metres = height_cm / 100
    return shown(weight_kg / (metres * metres))


@dataclass(frozen=True)
class CreatinineClearance(Result):
    crcl_ml_min: float  # exact
    crcl_shown_ml_min: float  # truncated to one decimal: what is shown and what decides
    formula: str
    weight_kg: float  # the weight used, named by weight_basis
    weight_basis: str
    age: float
    sex: str
    creatinine: float
    unit: str
    height_cm: float | None
    bmi: float | None
    ideal_weight_kg: float | None
    adjusted_weight_kg: float | None
    crcl_adjusted_ml_min: float | None  # shown, with the adjusted weight, when BMI ≥ 30 and the basis is actual
    notes: tuple[Note, ...]
    sources: tuple[Source, ...]
    inputs: dict


def cockcroft_gault(age: float, weight_kg: float, sex: str, creatinine: float, unit: str) -> float:
    """CrCl in mL/min, in the unit entered, in exactly this order of operations:

    µmol/L: (140 - age) * weight * k / creatinine, k = 1.23 (male) or 1.04 (female);
    mg/dL: (140 - age) * weight / (72 * creatinine), then * 0.85 for a woman.
    """
    if unit == UMOL_L:
        return (CG_AGE_FROM - age) * weight_kg * CG_K_UMOL[sex] / creatinine
    crcl = (CG_AGE_FROM - age) * weight_kg / (CG_MGDL_DIVISOR * creatinine)
    return crcl * CG_FEMALE_FACTOR_MGDL if sex == FEMALE else crcl


@dataclass(frozen=True)
class CockcroftGaultInput:
    """What a clearance is computed from, once the request has been checked."""

    age: float
    weight_kg: float  # actual body weight, as typed
    sex: str
    creatinine: float
    unit: str
    height_cm: float | None = None
    weight_basis: str = ACTUAL

    def weight_used(self) -> float:
        if self.weight_basis == ACTUAL or self.height_cm is None:
            return self.weight_kg
        ideal = ideal_weight(self.sex, self.height_cm)
        return ideal if self.weight_basis == IDEAL else adjusted_weight(ideal, self.weight_kg)

    def inputs(self) -> dict:
        inputs = {"sex": self.sex, "age": self.age, "weight_kg": self.weight_kg, "creatinine": self.creatinine,
                  "unit": self.unit, "weight_basis": self.weight_basis}
        if self.height_cm is not None:
            inputs["height_cm"] = self.height_cm
        return inputs

    def compute(self) -> CreatinineClearance:
        return creatinine_clearance(self)


def creatinine_clearance(request: CockcroftGaultInput) -> CreatinineClearance:
    """Cockcroft–Gault with the chosen weight, and what the height says of it (safety rules §11.4).

    BMI ≥ 30: actual weight overestimates the clearance; with the actual basis, the clearance with the adjusted
    weight is given beside it. BMI < 18.5: low muscle mass makes any Cockcroft–Gault estimate unreliable.
    """
    weight = request.weight_used()
    crcl = cockcroft_gault(request.age, weight, request.sex, request.creatinine, request.unit)
    notes = [info(msg(_WEIGHT_NOTES[request.weight_basis], weight=weight), SECTION_2_4, LABEL_ZOLEDRONIC_ACID)]
    bmi = ideal = adjusted = crcl_adjusted = None
    if request.height_cm is not None:
        bmi = body_mass_index(request.weight_kg, request.height_cm)
        ideal = ideal_weight(request.sex, request.height_cm)
        adjusted = adjusted_weight(ideal, request.weight_kg)
        if bmi >= BMI_OBESE_FROM - EPSILON:
            if request.weight_basis == ACTUAL:
                crcl_adjusted = shown(cockcroft_gault(request.age, adjusted, request.sex, request.creatinine,
                                                      request.unit))
            notes.append(warning(msg(N_(
                "BMI %(bmi)s: with the actual weight, Cockcroft–Gault overestimates the clearance of an obese "
                "patient; consider the adjusted body weight (%(adjusted)s kg)."
            ), bmi=bmi, adjusted=adjusted), BODY_WEIGHT_FORMULAS))
        elif bmi < BMI_UNDERWEIGHT_BELOW - EPSILON:
            notes.append(warning(msg(N_(
                "BMI %(bmi)s: low muscle mass makes the Cockcroft–Gault estimate unreliable (it overestimates the "
                "clearance); prefer a measured clearance."
            ), bmi=bmi), BODY_WEIGHT_FORMULAS))
    return CreatinineClearance(
        crcl_ml_min=crcl,
        crcl_shown_ml_min=shown(crcl),
        formula=FORMULA_UMOL if request.unit == UMOL_L else FORMULA_MGDL,
        weight_kg=weight,
        weight_basis=request.weight_basis,
        age=request.age,
        sex=request.sex,
        creatinine=request.creatinine,
        unit=request.unit,
        height_cm=request.height_cm,
        bmi=bmi,
        ideal_weight_kg=ideal,
        adjusted_weight_kg=adjusted,
        crcl_adjusted_ml_min=crcl_adjusted,
        notes=tuple(notes),
        sources=unique(s for note in notes for s in note.sources),
        inputs=request.inputs(),
    )


@dataclass(frozen=True)
class ClearanceRequest:
    """A measured clearance as typed, the Cockcroft–Gault inputs, or both (then compared)."""

    entered: float | None
    cockcroft_gault: CockcroftGaultInput | None

    def inputs(self) -> dict:
        inputs = {} if self.cockcroft_gault is None else self.cockcroft_gault.inputs()
        if self.entered is not None:
            inputs["crcl_entered_ml_min"] = self.entered
        return inputs


CLEARANCE_FIELDS = ("crcl", "age", "weight", "creatinine", "height")


def read_cockcroft_gault(fields: Fields, required: bool = True) -> CockcroftGaultInput | None:
    """The Cockcroft–Gault inputs: every one required, no unit or sex assumed (safety rules §11.1).

    With `required=False` (a measured clearance was typed) the fields given are still checked, and the inputs
    are returned only when complete. A computed clearance over the typed-CrCl limit is refused on the
    creatinine field: it means a wrong value or unit (§11.5).
    """
    number = fields.number if required else fields.optional_number
    blank = None if required else ""
    # a creatinine typed beside a measured CrCl still needs its unit, to be checked against its range
    unit = fields.choice("unit", CREATININE_UNITS, None if required or fields.given("creatinine") else "")
    age = number("age", limits.AGE)
    weight = number("weight", limits.WEIGHT)
    sex = fields.choice("sex", SEXES, blank)
    creatinine = number("creatinine", CREATININE_RANGES.get(unit))
    height = fields.optional_number("height", limits.HEIGHT)
    basis = fields.choice("weight_basis", WEIGHT_BASES, ACTUAL)
    if basis != ACTUAL and height is None and fields.ok("weight_basis"):
        fields.reject("height", msg(HEIGHT_NEEDED))
    if age is None or weight is None or creatinine is None or "" in (unit, sex):
        return None
    request = CockcroftGaultInput(age, weight, sex, creatinine, unit, height, basis)
    names = ("unit", "age", "weight", "sex", "creatinine", "height", "weight_basis")
    if fields.ok(*names) and shown(request.compute().crcl_ml_min) > limits.CRCL.max:
        fields.reject("creatinine", msg(IMPLAUSIBLE_CLEARANCE, max=limits.CRCL.max))
    return request


def clearance_given(fields: Fields) -> bool:
    """Whether any clearance input was typed (sex, unit and weight basis alone do not count)."""
    return any(fields.given(name) for name in CLEARANCE_FIELDS)


def read_clearance(fields: Fields) -> ClearanceRequest:
    """A typed `crcl`, compared with the Cockcroft–Gault inputs when those are complete; else those inputs."""
    if fields.given("crcl"):
        return ClearanceRequest(fields.number("crcl", limits.CRCL), read_cockcroft_gault(fields, required=False))
    return ClearanceRequest(None, read_cockcroft_gault(fields))


# ---- Zoledronic acid dose ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ZoledronicDose:
    band: str
    dose_mg: float | None
    volumes: Volumes | None


def zoledronic_dose(crcl_ml_min: float) -> ZoledronicDose:
    """Table 2: > 60 → 4.0 mg; 50–60 → 3.5; 40–<50 → 3.3; 30–<40 → 3.0; < 30 → none.

    Callers pass the shown (truncated) CrCl, so 60.09 gives 3.5 mg beside "60.0". Tested as crcl > 60 + ε,
    then crcl ≥ bound − ε for 50, 40, 30.
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
    band: str  # decided on crcl_shown_ml_min
    dose_mg: float | None
    crcl_ml_min: float  # exact, of the clearance the dose follows
    crcl_shown_ml_min: float
    formula: str
    weight_kg: float | None  # the weight used; None when the dose follows a typed CrCl
    weight_basis: str | None
    bmi: float | None
    ideal_weight_kg: float | None
    adjusted_weight_kg: float | None
    crcl_adjusted_ml_min: float | None
    band_adjusted: str | None  # the band with the adjusted weight, beside crcl_adjusted_ml_min
    crcl_conflict: dict | None  # {"entered_ml_min", "cockcroft_gault_ml_min"} when their bands differ
    volumes: Volumes | None
    notes: tuple[Note, ...]
    denosumab: DenosumabRenal
    sources: tuple[Source, ...]
    inputs: dict


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


def zoledronic_for(request: ClearanceRequest) -> ZoledronicResult:
    """The dose block from a typed (measured) CrCl, Cockcroft–Gault inputs, or both.

    Both given and in different bands: the lower clearance, hence the lower dose, is used until the clinician
    resolves the conflict, and both values are shown (safety rules §11.3). Same band: the measured one.
    """
    clearance = None if request.cockcroft_gault is None else request.cockcroft_gault.compute()
    notes: list[Note] = []
    conflict = None
    if request.entered is None:
        crcl, formula = clearance.crcl_ml_min, clearance.formula
    else:
        crcl, formula = request.entered, FORMULA_ENTERED
        notes.append(info(msg(N_(
            "A typed clearance is taken as a measured one (for example a 24-hour urine collection). An eGFR "
            "(CKD-EPI, MDRD) is not a clearance: the labels dose by Cockcroft–Gault."
        )), LABEL_ZOLEDRONIC_ACID))
        if clearance is not None:
            computed = clearance.crcl_shown_ml_min
            if zoledronic_dose(computed).band != zoledronic_dose(shown(request.entered)).band:
                conflict = {"entered_ml_min": request.entered, "cockcroft_gault_ml_min": computed}
                notes.append(warning(msg(N_(
                    "The typed clearance (%(entered)s mL/min) and Cockcroft–Gault (%(computed)s mL/min) fall in "
                    "different dose bands: the lower dose is given until the difference is resolved."
                ), entered=request.entered, computed=computed), SECTION_2_4, LABEL_ZOLEDRONIC_ACID))
                if computed < shown(request.entered):
                    crcl, formula = clearance.crcl_ml_min, clearance.formula
    crcl_shown = shown(crcl)
    dose = zoledronic_dose(crcl_shown)
    uses_weight = formula != FORMULA_ENTERED
    if clearance is not None:
        notes += clearance.notes if uses_weight else clearance.notes[1:]  # the weight note only when weight counts
    notes += _zoledronic_notes(dose)
    dmab = denosumab_renal(crcl_shown)
    adjusted = None if clearance is None else clearance.crcl_adjusted_ml_min
    return ZoledronicResult(
        band=dose.band,
        dose_mg=dose.dose_mg,
        crcl_ml_min=crcl,
        crcl_shown_ml_min=crcl_shown,
        formula=formula,
        weight_kg=clearance.weight_kg if uses_weight else None,
        weight_basis=clearance.weight_basis if uses_weight else None,
        bmi=None if clearance is None else clearance.bmi,
        ideal_weight_kg=None if clearance is None else clearance.ideal_weight_kg,
        adjusted_weight_kg=None if clearance is None else clearance.adjusted_weight_kg,
        crcl_adjusted_ml_min=adjusted,
        band_adjusted=None if adjusted is None else zoledronic_dose(adjusted).band,
        crcl_conflict=conflict,
        volumes=dose.volumes,
        notes=tuple(notes),
        denosumab=dmab,
        sources=unique([SECTION_2_4, LABEL_ZOLEDRONIC_ACID] + [s for n in notes + list(dmab.notes) for s in n.sources]),
        inputs=request.inputs(),
    )


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
    inputs: dict


def creatinine_check(baseline: float, current: float, unit: str, withheld: bool) -> CreatinineCheck:
    """The label's rule, in the unit entered.

    baseline_normal = baseline ≤ 1.4 mg/dL (124 µmol/L) + ε: the label leaves exactly 1.4 undefined, and the
    normal baseline takes the stricter rise (safety rules §11.6); increase = current - baseline;
    threshold = 0.5 (44) if normal else 1.0 (88). Not withheld: withhold iff
    increase >= threshold - ε, else give. Withheld: resume iff
    current - baseline * 1.1 <= ε, else keep holding.
    """
    rule = CREATININE_RULES[unit]
    baseline_normal = baseline <= rule.normal_up_to + EPSILON
    increase = current - baseline
    threshold = rule.increase_if_normal if baseline_normal else rule.increase_if_abnormal
    if withheld:
        decision = RESUME if current - baseline * RESUME_FACTOR <= EPSILON else KEEP_HOLDING
    else:
        decision = WITHHOLD if increase >= threshold - EPSILON else GIVE
    symbol = UNIT_SYMBOLS[unit]
    notes = (
        info(msg(N_("Withhold zoledronic acid when creatinine rises by %(normal)s %(unit)s or more from a normal "
                    "baseline (up to %(normal_up_to)s %(unit)s), or by %(abnormal)s %(unit)s or more from an "
                    "abnormal one."), normal=rule.increase_if_normal, abnormal=rule.increase_if_abnormal,
                 normal_up_to=rule.normal_up_to, unit=symbol), LABEL_ZOLEDRONIC_ACID),
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
        inputs={"baseline": baseline, "current": current, "unit": unit, "withheld": withheld},
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
    unit = fields.choice("unit", CREATININE_UNITS)
    bounds = CREATININE_RANGES.get(unit)
    baseline = fields.number("baseline", bounds)
    current = fields.number("current", bounds)
    withheld = fields.flag("withheld")
    fields.check()
    return creatinine_check(baseline, current, unit, withheld)
