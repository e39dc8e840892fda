// Mirror of webapp/clinical/calcium.py.

import { EPSILON } from "./tolerance.mjs";
import {
  unique, SECTION_1, SECTION_2_4, LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB, FOOD_CALCIUM_TABLES,
} from "./sources.mjs";
import { N_, msg, info, warning, notesSources } from "./messages.mjs";
import { DIETARY_CALCIUM, CALCIUM_SUPPLEMENT, FOOD_PORTIONS } from "./limits.mjs";
import { Fields, lookup, lookupOr } from "./parse.mjs";
import * as corrected_calcium from "./corrected_calcium.mjs";

/** calcium.Food */
function food(param, mg_per_portion, question, calcium_rich_water = false) {
  return { param, mg_per_portion, question, calcium_rich_water };
}

export const TOTAL_MIN_MG = 1000;
export const TOTAL_MAX_MG = 1500;
export const ADULT_RECOMMENDED_MG = 1200;
export const SUPPLEMENT_STEPS_MG = [0, 500, 1000];
export const NON_DAIRY_BASELINE_MG = 300;
export const LABEL_CALCIUM_MG = 500;
export const LABEL_VITAMIN_D_IU = 400;
export const BELOW = "below";
export const WITHIN = "within";
export const ABOVE = "above";
export const FOODS = [
  food("food_milk", 300, N_("Milk (any fat level): 250 mL glasses per day")),
  food("food_yogurt", 180, N_("Plain yogurt: 125 g pots per day")),
  food("food_hard_cheese", 300, N_("Hard cheese (emmental, comté): 30 g portions per day")),
  food("food_soft_cheese", 120, N_("Soft cheese (camembert): 30 g portions per day")),
  food("food_fromage_blanc", 110, N_("Fromage blanc or petit-suisse: 100 g portions per day")),
  food("food_water_hepar", 550, N_("Hépar mineral water: litres per day"), true),
  food("food_water_contrex", 470, N_("Contrex mineral water: litres per day"), true),
  food("food_tap_water", 80, N_("Tap water: litres per day")),
];
const CA_MSG = {
  below: N_("Below %(min)s mg per day"),
  above: N_("Above %(max)s mg per day"),
  within: N_("Within %(min)s to %(max)s mg per day"),
  aim: N_("On an antiresorptive, aim for %(min)s to %(max)s mg per day in total, food and supplement "
    + "together."),
  midMorning: N_("Take a calcium supplement mid-morning, on an empty stomach."),
  adults: N_("Recommended intake for adults outside osteomalacia: %(mg)s mg per day, food and supplements "
    + "together."),
  labels: N_("The product labels advise at least %(calcium)s mg of calcium and %(vitamin_d)s IU of vitamin D daily, unless "
    + "the patient is hypercalcaemic."),
  noSupplement: N_("Food alone gives more than %(max)s mg per day: no supplement."),
  highSerum: N_("Corrected calcium %(calcium)s %(unit)s, above the normal range: no calcium supplement is "
    + "proposed."),
  labelTotal: N_("Food alone reaches the chapter's %(min)s mg per day; the product labels still ask for at least "
    + "%(calcium)s mg of calcium and %(vitamin_d)s IU of vitamin D a day: %(total)s mg per day in total with it."),
  estimate: N_("Estimate from indicative portion values, including about %(mg)s mg per day from "
    + "the rest of a usual diet."),
  water: N_("Calcium-rich mineral waters are also rich in sulphates and magnesium and can be laxative."),
  dietaryRequired: N_("Enter the dietary calcium, or answer the food questions."),
};

/** calcium.estimate_dietary */
function estimateDietary(portions) {
  let total = NON_DAIRY_BASELINE_MG;
  for (const f of FOODS) total += lookupOr(portions, f.param, 0.0) * f.mg_per_portion;
  return total;
}

/** calcium.intake_status */
function intakeStatus(totalMg) {
  if (totalMg < TOTAL_MIN_MG - EPSILON) return BELOW;
  if (totalMg > TOTAL_MAX_MG + EPSILON) return ABOVE;
  return WITHIN;
}

/** calcium.supplement_needed */
function supplementNeeded(dietaryMg) {
  return dietaryMg >= TOTAL_MIN_MG - EPSILON ? 0.0 : TOTAL_MIN_MG - dietaryMg;
}

/** calcium.proposed_supplement */
function proposedSupplement(dietaryMg) {
  for (const step of SUPPLEMENT_STEPS_MG) {
    if (intakeStatus(dietaryMg + step) === WITHIN) return step;
  }
  return null;
}

/** calcium._status_label */
function calciumStatusLabel(status) {
  if (status === BELOW) return msg(CA_MSG.below, { min: TOTAL_MIN_MG });
  if (status === ABOVE) return msg(CA_MSG.above, { max: TOTAL_MAX_MG });
  return msg(CA_MSG.within, { min: TOTAL_MIN_MG, max: TOTAL_MAX_MG });
}

/** calcium.assess (portions: the food answers, or null; serumCalcium: [value, unit], or null). */
function assessCalcium(dietaryMg, supplementMg = 0.0, portions = null, calciumRichWater = false, serumCalcium = null) {
  const estimated = portions !== null;
  if (serumCalcium !== null) serumCalcium = [corrected_calcium.rounded(serumCalcium[0]), serumCalcium[1]];
  const total = dietaryMg + supplementMg;
  const status = intakeStatus(total);
  const category = serumCalcium === null ? null : corrected_calcium.classify(...serumCalcium);
  const high = category !== null && corrected_calcium.isHigh(category);
  const proposed = high ? null : proposedSupplement(dietaryMg);
  const labelTotal = proposed === 0 ? dietaryMg + LABEL_CALCIUM_MG : null;
  const notes = [
    info(msg(CA_MSG.aim, { min: TOTAL_MIN_MG, max: TOTAL_MAX_MG }), SECTION_1, SECTION_2_4),
    info(msg(CA_MSG.midMorning), SECTION_1),
    info(msg(CA_MSG.adults, { mg: ADULT_RECOMMENDED_MG }), SECTION_1),
    info(msg(CA_MSG.labels, { calcium: LABEL_CALCIUM_MG, vitamin_d: LABEL_VITAMIN_D_IU }),
      LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB),
  ];
  if (high) {
    notes.unshift(warning(msg(CA_MSG.highSerum, { calcium: serumCalcium[0], unit: serumCalcium[1] }),
      LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB));
  } else if (proposed === null) {
    notes.push(info(msg(CA_MSG.noSupplement, { max: TOTAL_MAX_MG }), SECTION_2_4));
  }
  if (labelTotal !== null) {
    notes.push(info(msg(CA_MSG.labelTotal, {
      min: TOTAL_MIN_MG, calcium: LABEL_CALCIUM_MG, vitamin_d: LABEL_VITAMIN_D_IU, total: labelTotal,
    }), LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB));
  }
  if (estimated) notes.push(info(msg(CA_MSG.estimate, { mg: NON_DAIRY_BASELINE_MG }), FOOD_CALCIUM_TABLES));
  if (calciumRichWater) notes.push(info(msg(CA_MSG.water), FOOD_CALCIUM_TABLES));
  return {
    dietary_mg: dietaryMg,
    estimated,
    supplement_mg: supplementMg,
    total_mg: total,
    status,
    status_label: calciumStatusLabel(status),
    supplement_needed_mg: supplementNeeded(dietaryMg),
    proposed_supplement_mg: proposed,
    serum_calcium_category: category,
    label_total_mg: labelTotal,
    notes,
    sources: unique(notesSources(notes)),
    inputs: {
      ...(estimated ? portions : { dietary_mg: dietaryMg }),
      supplement_mg: supplementMg,
      ...(serumCalcium === null ? {} : { corrected_calcium: serumCalcium[0], calcium_unit: serumCalcium[1] }),
    },
  };
}

/** calcium.read_serum_calcium: [value, unit], or null. */
function readSerumCalcium(fields) {
  const unit = fields.choice("calcium_unit", corrected_calcium.UNITS, fields.given("corrected_calcium") ? null : "");
  const value = fields.optionalNumber("corrected_calcium", lookup(corrected_calcium.CALCIUM_RANGES, unit));
  return value === null ? null : [value, unit];
}

/** calcium.run */
export function runCalcium(params) {
  const fields = new Fields(params);
  const typed = fields.optionalNumber("supplement_mg", CALCIUM_SUPPLEMENT);
  // Python: `… or 0.0` (None and 0.0 give 0.0; NaN, truthy in Python, stays NaN).
  const supplement = typed === null || typed === 0 ? 0.0 : typed;
  const serum = readSerumCalcium(fields);
  if (!fields.given("dietary_mg") && FOODS.some((f) => fields.given(f.param))) {
    const portions = {};
    for (const f of FOODS) {
      if (fields.given(f.param)) portions[f.param] = fields.number(f.param, FOOD_PORTIONS);
    }
    if (fields.failed()) return fields;
    const water = FOODS.some((f) => f.calcium_rich_water && lookupOr(portions, f.param, 0.0) > 0);
    return assessCalcium(estimateDietary(portions), supplement, portions, water, serum);
  }
  if (!fields.given("dietary_mg")) fields.reject("dietary_mg", msg(CA_MSG.dietaryRequired));
  const dietary = fields.number("dietary_mg", DIETARY_CALCIUM);
  for (const f of FOODS) { // answers beside a typed figure are not used, but still checked
    if (fields.given(f.param)) fields.number(f.param, FOOD_PORTIONS);
  }
  if (fields.failed()) return fields;
  return assessCalcium(dietary, supplement, null, false, serum);
}
