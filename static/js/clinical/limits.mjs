// Mirror of webapp/clinical/limits.py.

import { N_, msg } from "./messages.mjs";
import { daysFromCivil, isoDate } from "./dates.mjs";

export const RANGE_WITH_UNIT = N_("Enter a value between %(min)s and %(max)s %(unit)s.");
export const RANGE_AGE = N_("Enter an age between %(min)s and %(max)s years.");
export const RANGE_MG_PER_DAY = N_("Enter an amount between %(min)s and %(max)s mg per day.");
export const RANGE_PER_DAY = N_("Enter a number between %(min)s and %(max)s per day.");
export const RANGE_WEEKS = N_("Enter a number of weeks between %(min)s and %(max)s.");
export const RANGE_DATE = N_("Enter a date between %(min)s and %(max)s.");

/** limits.Range (bounds inclusive). */
function range(min, max, msgid, unit = null) { return { min, max, msgid, unit }; }
export function rangeContains(r, value) { return r.min <= value && value <= r.max; }
export function rangeMessage(r) {
  return r.unit === null ? msg(r.msgid, { min: r.min, max: r.max })
    : msg(r.msgid, { min: r.min, max: r.max, unit: r.unit });
}
export function datesMessage() { return msg(RANGE_DATE, { min: isoDate(DATES.min), max: isoDate(DATES.max) }); }

export const AGE = range(18, 120, RANGE_AGE);
export const WEIGHT = range(25, 300, RANGE_WITH_UNIT, "kg");
export const CREATININE_UMOL = range(20, 2000, RANGE_WITH_UNIT, "µmol/L");
export const CREATININE_MGDL = range(0.2, 25, RANGE_WITH_UNIT, "mg/dL");
export const HEIGHT = range(120, 230, RANGE_WITH_UNIT, "cm");
export const CRCL = range(1, 250, RANGE_WITH_UNIT, "mL/min"); // also the most a computed clearance may give
export const VITAMIN_D_NG = range(0, 500, RANGE_WITH_UNIT, "ng/mL");
export const VITAMIN_D_NMOL = range(0, 1250, RANGE_WITH_UNIT, "nmol/L");
export const CALCIUM_MMOL = range(0.5, 5, RANGE_WITH_UNIT, "mmol/L");
export const CALCIUM_MGDL = range(2, 20, RANGE_WITH_UNIT, "mg/dL");
export const ALBUMIN_G_L = range(10, 60, RANGE_WITH_UNIT, "g/L");
export const ALBUMIN_G_DL = range(1, 6, RANGE_WITH_UNIT, "g/dL");
export const DIETARY_CALCIUM = range(0, 5000, RANGE_MG_PER_DAY);
export const CALCIUM_SUPPLEMENT = range(0, 3000, RANGE_MG_PER_DAY);
export const FOOD_PORTIONS = range(0, 20, RANGE_PER_DAY);
export const ONJ_WEEKS = range(0, 520, RANGE_WEEKS);
export const DATES = { min: daysFromCivil(2000, 1, 1), max: daysFromCivil(2099, 12, 31) }; // day numbers
