// Mirror of webapp/clinical/renal.py.

import { EPSILON } from "./tolerance.mjs";
import { unique, SECTION_2_4, LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB, BODY_WEIGHT_FORMULAS } from "./sources.mjs";
import { N_, msg, info, warning, notesSources } from "./messages.mjs";
import { AGE, WEIGHT, CREATININE_UMOL, CREATININE_MGDL, CRCL, HEIGHT } from "./limits.mjs";
import { Fields, lookup } from "./parse.mjs";

/** renal.Volumes, renal.ReducedBand */
function volumes(concentrate_draw_ml, diluent_ml, ready_to_use_replace_ml) {
  return { concentrate_draw_ml, diluent_ml, ready_to_use_replace_ml };
}
function reducedBand(key, crcl_from, dose_mg, vols) { return { key, crcl_from, dose_mg, volumes: vols }; }

export const MALE = "male";
export const FEMALE = "female";
export const SEXES = [MALE, FEMALE];
export const UMOL_L = "umol/L";
export const MG_DL = "mg/dL";
export const CREATININE_UNITS = [UMOL_L, MG_DL];
export const UNIT_SYMBOLS = { [UMOL_L]: "µmol/L", [MG_DL]: "mg/dL" };
export const CREATININE_RANGES = { [UMOL_L]: CREATININE_UMOL, [MG_DL]: CREATININE_MGDL };
export const CG_AGE_FROM = 140;
export const CG_K_UMOL = { [MALE]: 1.23, [FEMALE]: 1.04 };
export const CG_MGDL_DIVISOR = 72;
export const CG_FEMALE_FACTOR_MGDL = 0.85;
export const FORMULA_UMOL = "cockcroft_gault_umol";
export const FORMULA_MGDL = "cockcroft_gault_mgdl";
export const FORMULA_ENTERED = "entered";
export const ZA_FULL_DOSE_MG = 4.0;
export const ZA_FULL_ABOVE_CRCL = 60;
export const ZA_MIN_CRCL = 30;
export const ZA_INFUSION_MIN_MINUTES = 15;
export const ZA_VIAL_MG = 4;
export const ZA_CONCENTRATE_ML = 5;
export const ZA_READY_TO_USE_ML = 100;
export const ZA_DILUENT_ML = 100;
export const PARACETAMOL_G = 1;
export const FLU_LIKE_PERCENT = 20;
export const FULL = "full";
export const REDUCED_3_5 = "reduced_3_5";
export const REDUCED_3_3 = "reduced_3_3";
export const REDUCED_3_0 = "reduced_3_0";
export const CONTRAINDICATED = "contraindicated";
export const DENOSUMAB_SEVERE_RENAL_CRCL = 30;
export const ZA_REDUCED_BANDS = [
  reducedBand(REDUCED_3_5, 50, 3.5, volumes(4.4, ZA_DILUENT_ML, 12)),
  reducedBand(REDUCED_3_3, 40, 3.3, volumes(4.1, ZA_DILUENT_ML, 18)),
  reducedBand(REDUCED_3_0, ZA_MIN_CRCL, 3.0, volumes(3.8, ZA_DILUENT_ML, 25)),
];
export const CREATININE_RULES = {
  [MG_DL]: { normal_up_to: 1.4, increase_if_normal: 0.5, increase_if_abnormal: 1.0 },
  [UMOL_L]: { normal_up_to: 124, increase_if_normal: 44, increase_if_abnormal: 88 },
};
export const RESUME_FACTOR = 1.1;
export const RESUME_PERCENT = 10;
export const GIVE = "give";
export const WITHHOLD = "withhold";
export const RESUME = "resume";
export const KEEP_HOLDING = "keep_holding";
export const DECISION_LABELS = {
  [GIVE]: N_("Give the dose"),
  [WITHHOLD]: N_("Withhold the dose"),
  [RESUME]: N_("Resume at the same dose"),
  [KEEP_HOLDING]: N_("Keep withholding"),
};
export const ACTUAL = "actual";
export const ADJUSTED = "adjusted";
export const IDEAL = "ideal";
export const WEIGHT_BASES = [ACTUAL, ADJUSTED, IDEAL];
export const IBW_BASE_KG = { [MALE]: 50, [FEMALE]: 45.5 };
export const IBW_FROM_CM = 152.4;
export const IBW_KG_PER_CM = 0.9055;
export const ABW_EXCESS_FACTOR = 0.4;
export const BMI_OBESE_FROM = 30;
export const BMI_UNDERWEIGHT_BELOW = 18.5;
export const HEIGHT_NEEDED = N_("Enter the height to use the adjusted or ideal body weight.");
export const IMPLAUSIBLE_CLEARANCE = N_("This creatinine gives an implausible clearance (over %(max)s mL/min): "
  + "check the value and its unit.");
export const _WEIGHT_NOTES = {
  [ACTUAL]: N_("Cockcroft–Gault with the actual body weight (%(weight)s kg), computed in the unit entered."),
  [ADJUSTED]: N_("Cockcroft–Gault with the adjusted body weight (%(weight)s kg: ideal weight plus 0.4 × the "
    + "excess), computed in the unit entered."),
  [IDEAL]: N_("Cockcroft–Gault with the ideal body weight (%(weight)s kg, Devine), computed in the unit entered."),
};
export const CLEARANCE_FIELDS = ["crcl", "age", "weight", "creatinine", "height"];
const RENAL_MSG = {
  obese: N_("BMI %(bmi)s: with the actual weight, Cockcroft–Gault overestimates the clearance of an obese "
    + "patient; consider the adjusted body weight (%(adjusted)s kg)."),
  underweight: N_("BMI %(bmi)s: low muscle mass makes the Cockcroft–Gault estimate unreliable (it overestimates "
    + "the clearance); prefer a measured clearance."),
  typedClearance: N_("A typed clearance is taken as a measured one (for example a 24-hour urine collection). An "
    + "eGFR (CKD-EPI, MDRD) is not a clearance: the labels dose by Cockcroft–Gault."),
  conflict: N_("The typed clearance (%(entered)s mL/min) and Cockcroft–Gault (%(computed)s mL/min) fall in "
    + "different dose bands: the lower dose is given until the difference is resolved."),
  dmabNoAdjustment: N_("Denosumab is not eliminated by the kidney: no dose adjustment for renal function."),
  dmabAdynamic: N_("Creatinine clearance below %(threshold)s mL/min: the patient may have adynamic renal "
    + "osteodystrophy, for which an antiresorptive is harmful."),
  dmabHypocalcaemia: N_("Severe renal impairment or dialysis: higher risk of hypocalcaemia on denosumab; "
    + "monitor calcium."),
  zaContraindicated: N_("Creatinine clearance below %(threshold)s mL/min: the chapter contraindicates "
    + "zoledronic acid; the product label says it is not recommended."),
  zaInfuse: N_("Infuse over at least %(minutes)s minutes; keep the patient well hydrated on the day of the "
    + "infusion and the day after."),
  zaParacetamol: N_("First infusion only: paracetamol %(grams)s g morning, noon and evening on the day of the "
    + "infusion and the day after, to prevent the flu-like syndrome (about %(percent)s%% of "
    + "patients). It is an inflammatory reaction, not an allergy, and usually does not recur."),
  zaCheckCreatinine: N_("Check serum creatinine before each dose."),
  zaNoRinger: N_("Never dilute in Ringer's lactate or any calcium-containing solution."),
  zaPreparing: N_("Preparing %(dose)s mg: from the %(mg)s mg/%(ml)s mL concentrate, draw %(draw)s mL and "
    + "dilute in %(diluent)s mL of saline or 5%% glucose; or from the ready-to-use %(mg)s mg/%(bottle)s mL "
    + "bottle, remove %(replace)s mL and replace it with saline."),
  withholdRule: N_("Withhold zoledronic acid when creatinine rises by %(normal)s %(unit)s or more from a normal "
    + "baseline (up to %(normal_up_to)s %(unit)s), or by %(abnormal)s %(unit)s or more from an "
    + "abnormal one."),
  resumeRule: N_("Resume only when creatinine is back within %(percent)s%% of baseline, at the same dose."),
};

/** renal.shown: truncated to one decimal, with the same two IEEE operations as Python. */
export function shown(value) { return Math.floor(value * 10 + EPSILON) / 10; }

/** renal.ideal_weight */
function idealWeight(sex, heightCm) { return IBW_BASE_KG[sex] + IBW_KG_PER_CM * (heightCm - IBW_FROM_CM); }

/** renal.adjusted_weight */
function adjustedWeight(idealKg, actualKg) { return idealKg + ABW_EXCESS_FACTOR * (actualKg - idealKg); }

/** renal.body_mass_index */
function bodyMassIndex(weightKg, heightCm) {
  const metres = heightCm / 100;
  return shown(weightKg / (metres * metres));
}

/** renal.cockcroft_gault: exactly Python's order of operations. */
function cockcroftGault(age, weightKg, sex, creatinine, unit) {
  if (unit === UMOL_L) return (CG_AGE_FROM - age) * weightKg * CG_K_UMOL[sex] / creatinine;
  const crcl = (CG_AGE_FROM - age) * weightKg / (CG_MGDL_DIVISOR * creatinine);
  return sex === FEMALE ? crcl * CG_FEMALE_FACTOR_MGDL : crcl;
}

/** renal.CockcroftGaultInput */
function cockcroftGaultInput(age, weightKg, sex, creatinine, unit, heightCm, weightBasis) {
  return { age, weightKg, sex, creatinine, unit, heightCm, weightBasis };
}

/** renal.CockcroftGaultInput.weight_used */
function weightUsed(input) {
  if (input.weightBasis === ACTUAL || input.heightCm === null) return input.weightKg;
  const ideal = idealWeight(input.sex, input.heightCm);
  return input.weightBasis === IDEAL ? ideal : adjustedWeight(ideal, input.weightKg);
}

/** renal.CockcroftGaultInput.inputs */
function cockcroftGaultInputs(input) {
  const inputs = {
    sex: input.sex, age: input.age, weight_kg: input.weightKg, creatinine: input.creatinine, unit: input.unit,
    weight_basis: input.weightBasis,
  };
  if (input.heightCm !== null) inputs.height_cm = input.heightCm;
  return inputs;
}

/** renal.creatinine_clearance (CockcroftGaultInput.compute) */
function creatinineClearance(input) {
  const weight = weightUsed(input);
  const crcl = cockcroftGault(input.age, weight, input.sex, input.creatinine, input.unit);
  const notes = [info(msg(_WEIGHT_NOTES[input.weightBasis], { weight }), SECTION_2_4, LABEL_ZOLEDRONIC_ACID)];
  let bmi = null;
  let ideal = null;
  let adjusted = null;
  let crclAdjusted = null;
  if (input.heightCm !== null) {
    bmi = bodyMassIndex(input.weightKg, input.heightCm);
    ideal = idealWeight(input.sex, input.heightCm);
    adjusted = adjustedWeight(ideal, input.weightKg);
    if (bmi >= BMI_OBESE_FROM - EPSILON) {
      if (input.weightBasis === ACTUAL) {
        crclAdjusted = shown(cockcroftGault(input.age, adjusted, input.sex, input.creatinine, input.unit));
      }
      notes.push(warning(msg(RENAL_MSG.obese, { bmi, adjusted }), BODY_WEIGHT_FORMULAS));
    } else if (bmi < BMI_UNDERWEIGHT_BELOW - EPSILON) {
      notes.push(warning(msg(RENAL_MSG.underweight, { bmi }), BODY_WEIGHT_FORMULAS));
    }
  }
  return {
    crcl_ml_min: crcl,
    crcl_shown_ml_min: shown(crcl),
    formula: input.unit === UMOL_L ? FORMULA_UMOL : FORMULA_MGDL,
    weight_kg: weight,
    weight_basis: input.weightBasis,
    age: input.age,
    sex: input.sex,
    creatinine: input.creatinine,
    unit: input.unit,
    height_cm: input.heightCm,
    bmi,
    ideal_weight_kg: ideal,
    adjusted_weight_kg: adjusted,
    crcl_adjusted_ml_min: crclAdjusted,
    notes,
    sources: unique(notesSources(notes)),
    inputs: cockcroftGaultInputs(input),
  };
}

/** renal.ClearanceRequest */
function clearanceRequest(entered, cockcroftGaultRequest) { return { entered, cockcroftGault: cockcroftGaultRequest }; }

/** renal.ClearanceRequest.inputs */
export function clearanceInputs(request) {
  const inputs = request.cockcroftGault === null ? {} : cockcroftGaultInputs(request.cockcroftGault);
  if (request.entered !== null) inputs.crcl_entered_ml_min = request.entered;
  return inputs;
}

/** renal.read_cockcroft_gault: null when incomplete (only possible with required = false, or on errors). */
function readCockcroftGault(fields, required = true) {
  const number = required ? (name, bounds) => fields.number(name, bounds)
    : (name, bounds) => fields.optionalNumber(name, bounds);
  const blank = required ? null : "";
  // a creatinine typed beside a measured CrCl still needs its unit, to be checked against its range
  const unit = fields.choice("unit", CREATININE_UNITS, required || fields.given("creatinine") ? null : "");
  const age = number("age", AGE);
  const weight = number("weight", WEIGHT);
  const sex = fields.choice("sex", SEXES, blank);
  const creatinine = number("creatinine", lookup(CREATININE_RANGES, unit));
  const height = fields.optionalNumber("height", HEIGHT);
  const basis = fields.choice("weight_basis", WEIGHT_BASES, ACTUAL);
  if (basis !== ACTUAL && height === null && fields.ok("weight_basis")) fields.reject("height", msg(HEIGHT_NEEDED));
  if (age === null || weight === null || creatinine === null || unit === "" || sex === "") return null;
  const request = cockcroftGaultInput(age, weight, sex, creatinine, unit, height, basis);
  const names = ["unit", "age", "weight", "sex", "creatinine", "height", "weight_basis"];
  if (fields.ok(...names) && shown(creatinineClearance(request).crcl_ml_min) > CRCL.max) {
    fields.reject("creatinine", msg(IMPLAUSIBLE_CLEARANCE, { max: CRCL.max }));
  }
  return request;
}

/** renal.clearance_given */
export function clearanceGiven(fields) { return CLEARANCE_FIELDS.some((name) => fields.given(name)); }

/** renal.read_clearance */
export function readClearance(fields) {
  if (fields.given("crcl")) return clearanceRequest(fields.number("crcl", CRCL), readCockcroftGault(fields, false));
  return clearanceRequest(null, readCockcroftGault(fields));
}

/** renal.zoledronic_dose */
export function zoledronicDose(crcl) {
  if (crcl > ZA_FULL_ABOVE_CRCL + EPSILON) return { band: FULL, dose_mg: ZA_FULL_DOSE_MG, volumes: null };
  for (const band of ZA_REDUCED_BANDS) {
    if (crcl >= band.crcl_from - EPSILON) return { band: band.key, dose_mg: band.dose_mg, volumes: band.volumes };
  }
  return { band: CONTRAINDICATED, dose_mg: null, volumes: null };
}

/** renal.severe_renal_impairment */
function severeRenalImpairment(crcl) { return crcl < DENOSUMAB_SEVERE_RENAL_CRCL - EPSILON; }

/** renal.denosumab_renal */
function denosumabRenal(crcl) {
  const notes = [info(msg(RENAL_MSG.dmabNoAdjustment), SECTION_2_4)];
  const severe = severeRenalImpairment(crcl);
  if (severe) {
    notes.push(warning(msg(RENAL_MSG.dmabAdynamic, { threshold: DENOSUMAB_SEVERE_RENAL_CRCL }), SECTION_2_4));
    notes.push(warning(msg(RENAL_MSG.dmabHypocalcaemia), LABEL_DENOSUMAB));
  }
  return { dose_adjustment: false, severe_renal_impairment: severe, notes };
}

/** renal._zoledronic_notes */
function zoledronicNotes(dose) {
  if (dose.band === CONTRAINDICATED) {
    return [warning(msg(RENAL_MSG.zaContraindicated, { threshold: ZA_MIN_CRCL }), SECTION_2_4, LABEL_ZOLEDRONIC_ACID)];
  }
  const notes = [
    info(msg(RENAL_MSG.zaInfuse, { minutes: ZA_INFUSION_MIN_MINUTES }), SECTION_2_4),
    info(msg(RENAL_MSG.zaParacetamol, { grams: PARACETAMOL_G, percent: FLU_LIKE_PERCENT }), SECTION_2_4),
    info(msg(RENAL_MSG.zaCheckCreatinine), LABEL_ZOLEDRONIC_ACID),
    warning(msg(RENAL_MSG.zaNoRinger), LABEL_ZOLEDRONIC_ACID),
  ];
  if (dose.volumes !== null && dose.dose_mg !== null) {
    notes.push(info(msg(RENAL_MSG.zaPreparing, {
      dose: dose.dose_mg,
      mg: ZA_VIAL_MG,
      ml: ZA_CONCENTRATE_ML,
      draw: dose.volumes.concentrate_draw_ml,
      diluent: dose.volumes.diluent_ml,
      bottle: ZA_READY_TO_USE_ML,
      replace: dose.volumes.ready_to_use_replace_ml,
    }), LABEL_ZOLEDRONIC_ACID));
  }
  return notes;
}

/** renal.zoledronic_for */
export function zoledronicFor(request) {
  const clearance = request.cockcroftGault === null ? null : creatinineClearance(request.cockcroftGault);
  let notes = [];
  let conflict = null;
  let crcl;
  let formula;
  if (request.entered === null) {
    crcl = clearance.crcl_ml_min;
    formula = clearance.formula;
  } else {
    crcl = request.entered;
    formula = FORMULA_ENTERED;
    notes.push(info(msg(RENAL_MSG.typedClearance), LABEL_ZOLEDRONIC_ACID));
    if (clearance !== null) {
      const computed = clearance.crcl_shown_ml_min;
      if (zoledronicDose(computed).band !== zoledronicDose(shown(request.entered)).band) {
        conflict = { entered_ml_min: request.entered, cockcroft_gault_ml_min: computed };
        notes.push(warning(msg(RENAL_MSG.conflict, { entered: request.entered, computed }),
          SECTION_2_4, LABEL_ZOLEDRONIC_ACID));
        if (computed < shown(request.entered)) {
          crcl = clearance.crcl_ml_min;
          formula = clearance.formula;
        }
      }
    }
  }
  const crclShown = shown(crcl);
  const dose = zoledronicDose(crclShown);
  const usesWeight = formula !== FORMULA_ENTERED;
  if (clearance !== null) notes = notes.concat(usesWeight ? clearance.notes : clearance.notes.slice(1));
  notes = notes.concat(zoledronicNotes(dose));
  const dmab = denosumabRenal(crclShown);
  const adjusted = clearance === null ? null : clearance.crcl_adjusted_ml_min;
  return {
    band: dose.band,
    dose_mg: dose.dose_mg,
    crcl_ml_min: crcl,
    crcl_shown_ml_min: crclShown,
    formula,
    weight_kg: usesWeight ? clearance.weight_kg : null,
    weight_basis: usesWeight ? clearance.weight_basis : null,
    bmi: clearance === null ? null : clearance.bmi,
    ideal_weight_kg: clearance === null ? null : clearance.ideal_weight_kg,
    adjusted_weight_kg: clearance === null ? null : clearance.adjusted_weight_kg,
    crcl_adjusted_ml_min: adjusted,
    band_adjusted: adjusted === null ? null : zoledronicDose(adjusted).band,
    crcl_conflict: conflict,
    volumes: dose.volumes,
    notes,
    denosumab: dmab,
    sources: unique([SECTION_2_4, LABEL_ZOLEDRONIC_ACID, ...notesSources(notes), ...notesSources(dmab.notes)]),
    inputs: clearanceInputs(request),
  };
}

/** renal.creatinine_check */
function creatinineCheck(baseline, current, unit, withheld) {
  const rule = CREATININE_RULES[unit];
  const baselineNormal = baseline <= rule.normal_up_to + EPSILON;
  const increase = current - baseline;
  const threshold = baselineNormal ? rule.increase_if_normal : rule.increase_if_abnormal;
  let decision;
  if (withheld) decision = current - baseline * RESUME_FACTOR <= EPSILON ? RESUME : KEEP_HOLDING;
  else decision = increase >= threshold - EPSILON ? WITHHOLD : GIVE;
  const symbol = UNIT_SYMBOLS[unit];
  const notes = [
    info(msg(RENAL_MSG.withholdRule, {
      normal: rule.increase_if_normal,
      abnormal: rule.increase_if_abnormal,
      normal_up_to: rule.normal_up_to,
      unit: symbol,
    }), LABEL_ZOLEDRONIC_ACID),
    info(msg(RENAL_MSG.resumeRule, { percent: RESUME_PERCENT }), LABEL_ZOLEDRONIC_ACID),
  ];
  return {
    decision,
    decision_label: msg(DECISION_LABELS[decision]),
    baseline,
    current,
    unit,
    withheld,
    baseline_normal: baselineNormal,
    increase,
    threshold,
    resume_limit: withheld ? baseline * RESUME_FACTOR : null,
    notes,
    sources: [LABEL_ZOLEDRONIC_ACID],
    inputs: { baseline, current, unit, withheld },
  };
}

/** renal.run_creatinine_clearance */
export function runCreatinineClearance(params) {
  const fields = new Fields(params);
  const request = readCockcroftGault(fields);
  if (fields.failed()) return fields;
  return creatinineClearance(request);
}

/** renal.run_zoledronic_acid */
export function runZoledronicAcid(params) {
  const fields = new Fields(params);
  const request = readClearance(fields);
  if (fields.failed()) return fields;
  return zoledronicFor(request);
}

/** renal.run_creatinine_check */
export function runCreatinineCheck(params) {
  const fields = new Fields(params);
  const unit = fields.choice("unit", CREATININE_UNITS);
  const bounds = lookup(CREATININE_RANGES, unit);
  const baseline = fields.number("baseline", bounds);
  const current = fields.number("current", bounds);
  const withheld = fields.flag("withheld");
  if (fields.failed()) return fields;
  return creatinineCheck(baseline, current, unit, withheld);
}
