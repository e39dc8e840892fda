// Mirror of webapp/clinical/vitamin_d.py.

import { unique, SECTION_1, SECTION_2_4, SECTION_2_5, REF_GRIO_VITAMIN_D } from "./sources.mjs";
import { N_, msg, info, warning, notesSources } from "./messages.mjs";
import { isoDate, isoOrNull } from "./dates.mjs";
import { VITAMIN_D_NG, VITAMIN_D_NMOL } from "./limits.mjs";
import { Fields, lookup } from "./parse.mjs";

/** vitamin_d.Cutoffs */
function cutoffs(deficiency_below, three_doses_below, recommended_from, recommended_to, toxicity_above) {
  return { deficiency_below, three_doses_below, recommended_from, recommended_to, toxicity_above };
}

export const NG_ML = "ng/mL";
export const NMOL_L = "nmol/L";
export const UNITS = [NG_ML, NMOL_L];
export const NMOL_PER_NG = 2.5;
export const LEVEL_RANGES = { [NG_ML]: VITAMIN_D_NG, [NMOL_L]: VITAMIN_D_NMOL };
export const LOADING_DOSE_IU = 100_000;
export const LOADING_INTERVAL_DAYS = 15;
export const DAILY_NEED_IU = [800, 1000];
export const DEFICIENCY = "deficiency";
export const INSUFFICIENCY = "insufficiency";
export const RECOMMENDED = "recommended";
export const ABOVE_RECOMMENDED = "above_recommended";
export const POSSIBLE_TOXICITY = "possible_toxicity";
export const CATEGORY_LABELS = {
  [DEFICIENCY]: N_("Vitamin D deficiency"),
  [INSUFFICIENCY]: N_("Vitamin D insufficiency"),
  [RECOMMENDED]: N_("Recommended level"),
  [ABOVE_RECOMMENDED]: N_("Above the recommended range"),
  [POSSIBLE_TOXICITY]: N_("Possible vitamin D intoxication"),
};
export const CUTOFFS = {
  [NG_ML]: cutoffs(10, 20, 30, 70, 150),
  [NMOL_L]: cutoffs(25, 50, 75, 175, 375),
};
export const MAINTENANCE_DEFAULT = { dose_iu: 100_000, every_months: 3 };
export const MAINTENANCE_ALTERNATIVE = { dose_iu: 50_000, every_months: 1 };
const VD_MSG = {
  maintenance: N_("The chapter states two maintenance schemes: %(dose)s IU every %(months)s months "
    + "(sections 1 and 2.4) and %(alt_dose)s IU every month (closing recommendations, section 2.5)."),
  correctFirst: N_("Correct this before starting an antiresorptive, except in an emergency: starting on a "
    + "severe deficiency risks deep, prolonged hypocalcaemia."),
  useD3: N_("Use cholecalciferol (vitamin D3) rather than ergocalciferol (D2), above all for spaced doses; "
    + "take it with a meal (for example one %(dose)s IU ampoule)."),
  dailyNeed: N_("Daily need: %(min)s to %(max)s IU."),
  target: N_("Target: above %(ng)s ng/mL (%(nmol)s nmol/L)."),
  aboveRecommended: N_("Above the recommended range, below the toxicity threshold: no correction dose."),
  toxicity: N_("Level in the possible intoxication range (above %(threshold)s %(unit)s): no vitamin D dosing."),
};

/** vitamin_d.classify */
function classifyVitaminD(level, unit) {
  const cut = CUTOFFS[unit];
  if (level < cut.deficiency_below) return DEFICIENCY;
  if (level < cut.recommended_from) return INSUFFICIENCY;
  if (level <= cut.recommended_to) return RECOMMENDED;
  if (level <= cut.toxicity_above) return ABOVE_RECOMMENDED;
  return POSSIBLE_TOXICITY;
}

/** vitamin_d.loading_dose_count */
function loadingDoseCount(level, unit) {
  const cut = CUTOFFS[unit];
  if (level < cut.deficiency_below) return 4;
  if (level < cut.three_doses_below) return 3;
  if (level < cut.recommended_from) return 2;
  return 0;
}

/** vitamin_d.loading_doses */
function loadingDoses(count, start) {
  const doses = [];
  for (let i = 0; i < count; i += 1) {
    const day = i * LOADING_INTERVAL_DAYS;
    doses.push({ day, date: start === null ? null : isoDate(start + day), dose_iu: LOADING_DOSE_IU });
  }
  return doses;
}

/** vitamin_d.convert */
function convertVitaminD(level, unit) {
  if (unit === NG_ML) return { value: level * NMOL_PER_NG, unit: NMOL_L, approximate: true };
  return { value: level / NMOL_PER_NG, unit: NG_ML, approximate: true };
}

/** vitamin_d.maintenance */
function vitaminDMaintenance() {
  const note = info(
    msg(VD_MSG.maintenance, {
      dose: MAINTENANCE_DEFAULT.dose_iu,
      months: MAINTENANCE_DEFAULT.every_months,
      alt_dose: MAINTENANCE_ALTERNATIVE.dose_iu,
    }),
    SECTION_1, SECTION_2_4, SECTION_2_5,
  );
  return { default: MAINTENANCE_DEFAULT, alternative: MAINTENANCE_ALTERNATIVE, note };
}

/** vitamin_d._notes */
function vitaminDNotes(category, unit, dosing) {
  const cut = CUTOFFS[unit];
  const notes = [];
  if (category === DEFICIENCY || category === INSUFFICIENCY) {
    const notice = category === DEFICIENCY ? warning : info;
    notes.push(notice(msg(VD_MSG.correctFirst), SECTION_1));
  }
  if (dosing) {
    notes.push(info(msg(VD_MSG.useD3, { dose: LOADING_DOSE_IU }), SECTION_1));
    notes.push(info(msg(VD_MSG.dailyNeed, { min: DAILY_NEED_IU[0], max: DAILY_NEED_IU[1] }), SECTION_1));
    notes.push(info(msg(VD_MSG.target, { ng: CUTOFFS[NG_ML].recommended_from, nmol: CUTOFFS[NMOL_L].recommended_from }),
      SECTION_1, REF_GRIO_VITAMIN_D));
  }
  if (category === ABOVE_RECOMMENDED) notes.push(info(msg(VD_MSG.aboveRecommended), REF_GRIO_VITAMIN_D));
  if (category === POSSIBLE_TOXICITY) {
    notes.push(warning(msg(VD_MSG.toxicity, { threshold: cut.toxicity_above, unit }), REF_GRIO_VITAMIN_D));
  }
  return notes;
}

/** vitamin_d.assess (start: day number or null). */
export function assessVitaminD(level, unit, start = null) {
  const category = classifyVitaminD(level, unit);
  const dosing = [DEFICIENCY, INSUFFICIENCY, RECOMMENDED].includes(category);
  const plan = dosing ? vitaminDMaintenance() : null;
  const notes = vitaminDNotes(category, unit, dosing);
  const sources = unique([REF_GRIO_VITAMIN_D, SECTION_1, ...notesSources(notes), ...(plan ? plan.note.sources : [])]);
  return {
    category,
    category_label: msg(CATEGORY_LABELS[category]),
    level,
    unit,
    converted: convertVitaminD(level, unit),
    start: isoOrNull(start),
    loading_doses: loadingDoses(loadingDoseCount(level, unit), start),
    maintenance: plan,
    notes,
    sources,
    inputs: { level, unit, start: isoOrNull(start) },
  };
}

/** vitamin_d.read_level */
export function readLevel(fields, levelName, unitName) {
  const unit = fields.choice(unitName, UNITS, fields.given(levelName) ? null : "");
  return [fields.optionalNumber(levelName, lookup(LEVEL_RANGES, unit)), unit];
}

/** vitamin_d.run */
export function runVitaminD(params) {
  const fields = new Fields(params);
  const unit = fields.choice("unit", UNITS);
  const level = fields.number("level", lookup(LEVEL_RANGES, unit));
  const start = fields.optionalDate("start");
  if (fields.failed()) return fields;
  return assessVitaminD(level, unit, start);
}
