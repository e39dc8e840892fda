// Mirror of webapp/clinical/corrected_calcium.py.

import { EPSILON } from "./tolerance.mjs";
import { unique, LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB } from "./sources.mjs";
import { N_, msg, info, warning, notesSources } from "./messages.mjs";
import { CALCIUM_MMOL, CALCIUM_MGDL, ALBUMIN_G_L, ALBUMIN_G_DL } from "./limits.mjs";
import { Fields, lookup } from "./parse.mjs";
import { DENOSUMAB_SEVERE_RENAL_CRCL } from "./renal.mjs";

/** corrected_calcium.Correction */
function correction(factor, albumin_reference, low_below, high_above, malignancy_from) {
  return { factor, albumin_reference, low_below, high_above, malignancy_from };
}

export const MMOL_L = "mmol/L";
export const MG_DL = "mg/dL";
export const UNITS = [MMOL_L, MG_DL];
export const ALBUMIN_UNITS = { [MMOL_L]: "g/L", [MG_DL]: "g/dL" };
export const CALCIUM_RANGES = { [MMOL_L]: CALCIUM_MMOL, [MG_DL]: CALCIUM_MGDL };
export const ALBUMIN_RANGES = { [MMOL_L]: ALBUMIN_G_L, [MG_DL]: ALBUMIN_G_DL };
export const CORRECTIONS = {
  [MMOL_L]: correction(0.02, 40, 2.20, 2.60, 3.0),
  [MG_DL]: correction(0.8, 4.0, 8.8, 10.4, 12),
};
export const HYPOCALCAEMIA = "hypocalcaemia";
export const NORMAL = "normal";
export const HYPERCALCAEMIA = "hypercalcaemia";
export const HYPERCALCAEMIA_OF_MALIGNANCY = "hypercalcaemia_of_malignancy";
export const CATEGORY_LABELS = {
  [HYPOCALCAEMIA]: N_("Hypocalcaemia"),
  [NORMAL]: N_("Normal corrected calcium"),
  [HYPERCALCAEMIA]: N_("Hypercalcaemia"),
  [HYPERCALCAEMIA_OF_MALIGNANCY]: N_("Hypercalcaemia of malignancy range"),
};
const CC_MSG = {
  normalRange: N_("Normal corrected calcium: %(low)s to %(high)s %(unit)s. Local laboratory reference ranges "
    + "prevail."),
  correctFirst: N_("Correct the hypocalcaemia before the first dose of zoledronic acid or denosumab."),
  noSupplement: N_("Hypercalcaemia: no calcium supplement; find its cause."),
  malignancy: N_("From %(threshold)s %(unit)s the label speaks of hypercalcaemia of malignancy, a different "
    + "indication and dose that this app does not cover."),
  denosumab: N_("Denosumab lowers calcium more than zoledronic acid, above all when creatinine clearance is below "
    + "%(threshold)s mL/min: monitor calcium."),
};

/** corrected_calcium.rounded: the same IEEE operations as Python, in the same order. */
export function rounded(value) {
  return Math.floor(value * 100 + 0.5 + EPSILON) / 100;
}

/** corrected_calcium.correct */
function correct(calcium, albumin, unit) {
  const rule = CORRECTIONS[unit];
  return rounded(calcium + rule.factor * (rule.albumin_reference - albumin));
}

/** corrected_calcium.classify */
export function classify(corrected, unit) {
  const rule = CORRECTIONS[unit];
  if (corrected < rule.low_below - EPSILON) return HYPOCALCAEMIA;
  if (corrected <= rule.high_above + EPSILON) return NORMAL;
  if (corrected < rule.malignancy_from - EPSILON) return HYPERCALCAEMIA;
  return HYPERCALCAEMIA_OF_MALIGNANCY;
}

/** corrected_calcium.is_high */
export function isHigh(category) { return category === HYPERCALCAEMIA || category === HYPERCALCAEMIA_OF_MALIGNANCY; }

/** corrected_calcium._notes */
function correctedCalciumNotes(category, unit) {
  const rule = CORRECTIONS[unit];
  const notes = [info(msg(CC_MSG.normalRange, { low: rule.low_below, high: rule.high_above, unit }),
    LABEL_ZOLEDRONIC_ACID)];
  if (category === HYPOCALCAEMIA) {
    notes.push(warning(msg(CC_MSG.correctFirst), LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB));
  }
  if (isHigh(category)) notes.push(warning(msg(CC_MSG.noSupplement), LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB));
  if (category === HYPERCALCAEMIA_OF_MALIGNANCY) {
    notes.push(warning(msg(CC_MSG.malignancy, { threshold: rule.malignancy_from, unit }), LABEL_ZOLEDRONIC_ACID));
  }
  notes.push(info(msg(CC_MSG.denosumab, { threshold: DENOSUMAB_SEVERE_RENAL_CRCL }), LABEL_DENOSUMAB));
  return notes;
}

/** corrected_calcium.assess */
function assessCorrectedCalcium(calcium, albumin, unit) {
  const corrected = correct(calcium, albumin, unit);
  const category = classify(corrected, unit);
  const notes = correctedCalciumNotes(category, unit);
  return {
    corrected,
    unit,
    category,
    category_label: msg(CATEGORY_LABELS[category]),
    calcium,
    albumin,
    albumin_unit: ALBUMIN_UNITS[unit],
    notes,
    sources: unique(notesSources(notes)),
    inputs: { calcium, albumin, unit, albumin_unit: ALBUMIN_UNITS[unit] },
  };
}

/** corrected_calcium.run */
export function runCorrectedCalcium(params) {
  const fields = new Fields(params);
  const unit = fields.choice("unit", UNITS);
  const calcium = fields.number("calcium", lookup(CALCIUM_RANGES, unit));
  const albumin = fields.number("albumin", lookup(ALBUMIN_RANGES, unit));
  if (fields.failed()) return fields;
  return assessCorrectedCalcium(calcium, albumin, unit);
}
