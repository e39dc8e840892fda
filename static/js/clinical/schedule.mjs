// Mirror of webapp/clinical/schedule.py.

import { ZOLEDRONIC_ACID, DENOSUMAB, AGENTS } from "./agents.mjs";
import {
  unique, SECTION_1, SECTION_2_3, SECTION_2_4, SECTION_2_5, REF_GRIO_VITAMIN_D, LABEL_ZOLEDRONIC_ACID,
  LABEL_DENOSUMAB,
} from "./sources.mjs";
import { N_, msg, info, warning, notesSources } from "./messages.mjs";
import { isoDate, isoOrNull, addMonths } from "./dates.mjs";
import { CRCL } from "./limits.mjs";
import { Fields } from "./parse.mjs";
import {
  LOADING_INTERVAL_DAYS, POSSIBLE_TOXICITY, MAINTENANCE_DEFAULT, assessVitaminD, readLevel,
} from "./vitamin_d.mjs";
import { ZA_MIN_CRCL, CONTRAINDICATED, zoledronicDose } from "./renal.mjs";
import { reassessmentDate, zoledronicAcidAfterDenosumab, stopNotes } from "./duration.mjs";
import { dentalReviewDates } from "./checklists.mjs";

export const FOUR_WEEKS = "4w";
export const MONTHLY = "monthly";
export const INTERVALS = [FOUR_WEEKS, MONTHLY];
export const FOUR_WEEKS_DAYS = 28;
export const DENOSUMAB_DOSE_MG = 120;
export const LABEL_INTERVAL_WEEKS = 4;
export const VITAMIN_D_LOADING = "vitamin_d_loading";
export const VITAMIN_D_MAINTENANCE = "vitamin_d_maintenance";
export const DENTAL_REVIEW = "dental_review";
export const CREATININE_CHECK = "creatinine_check";
export const INJECTION = "injection";
export const ZOLEDRONIC_ACID_AFTER_DENOSUMAB = "zoledronic_acid_after_denosumab";
export const PARACETAMOL = "paracetamol";
export const REASSESSMENT = "reassessment";
export const KIND_ORDER = [
  VITAMIN_D_LOADING,
  VITAMIN_D_MAINTENANCE,
  DENTAL_REVIEW,
  CREATININE_CHECK,
  INJECTION,
  ZOLEDRONIC_ACID_AFTER_DENOSUMAB,
  PARACETAMOL,
  REASSESSMENT,
];
const SCHEDULE_MSG = {
  regular: N_("Keep injections regular: denosumab has no lasting effect once stopped."),
  labelInterval: N_("The product label gives an interval of %(weeks)s weeks; the chapter says monthly."),
  noCrcl: N_("No creatinine clearance given: the zoledronic acid dose depends on it and is not shown."),
  switchContraindicated: N_("Creatinine clearance below %(threshold)s mL/min: zoledronic acid after "
    + "denosumab is contraindicated (chapter) and not recommended (label)."),
  noVitaminD: N_("Vitamin D above the recommended range: no vitamin D doses scheduled."),
  crclContraindicated: N_("Creatinine clearance below %(threshold)s mL/min: zoledronic acid is "
    + "contraindicated."),
  stopDenosumabOnly: N_("A stop date applies to denosumab only."),
  stopBeforeStart: N_("The stop date cannot be before the first injection."),
};

function event(day, kind) { return { day, kind }; } // schedule.Event
function injectionEvent(day, number, agent, doseMg) { return { day, kind: INJECTION, number, agent, dose_mg: doseMg }; }
function vitaminDDose(day, kind, doseIu) { return { day, kind, dose_iu: doseIu }; }

/** schedule.injection_dates */
function injectionDates(start, interval, end, stop = null) {
  const dates = [];
  for (let k = 0; ; k += 1) {
    const day = interval === FOUR_WEEKS ? start + FOUR_WEEKS_DAYS * k : addMonths(start, k);
    if (day >= end || (stop !== null && day > stop)) return dates;
    dates.push(day);
  }
}

/** schedule._vitamin_d_events (level: a vitamin D result object, or null). */
function vitaminDEvents(start, end, level) {
  if (level !== null && level.maintenance === null) return [];
  const doses = level === null ? [] : level.loading_doses;
  const count = doses.length;
  const events = doses.map((dose, i) =>
    vitaminDDose(start - LOADING_INTERVAL_DAYS * (count - i), VITAMIN_D_LOADING, dose.dose_iu));
  let anchor = start;
  let k = 0;
  if (count !== 0) {
    anchor = events[events.length - 1].day;
    k = 1;
  }
  for (let day = addMonths(anchor, MAINTENANCE_DEFAULT.every_months * k); day < end;
    day = addMonths(anchor, MAINTENANCE_DEFAULT.every_months * k)) {
    events.push(vitaminDDose(day, VITAMIN_D_MAINTENANCE, MAINTENANCE_DEFAULT.dose_iu));
    k += 1;
  }
  return events;
}

/** schedule._zoledronic_infusion_care */
function zoledronicInfusionCare(day, first) {
  const events = [event(day, CREATININE_CHECK)];
  if (first) events.push(event(day, PARACETAMOL), event(day + 1, PARACETAMOL));
  return events;
}

/** Event dataclass → canonical dict, `date` first as in the Python field order. */
function eventAsDict({ day, ...rest }) { return { date: isoDate(day), ...rest }; }

/** schedule.build_schedule (validated inputs; day numbers). */
function buildSchedule(agent, start, interval, vitaminDLevel = null, crcl = null, stop = null) {
  const dose = crcl === null ? null : zoledronicDose(crcl);
  const end = reassessmentDate(start);
  const dates = injectionDates(start, interval, end, stop);
  let events = [];
  const notes = [];
  dates.forEach((day, index) => {
    const number = index + 1;
    if (agent === ZOLEDRONIC_ACID) {
      events.push(injectionEvent(day, number, agent, dose === null ? null : dose.dose_mg));
      events.push(...zoledronicInfusionCare(day, number === 1));
    } else {
      events.push(injectionEvent(day, number, agent, DENOSUMAB_DOSE_MG));
    }
  });
  events.push(...vitaminDEvents(start, end, vitaminDLevel));
  events.push(...dentalReviewDates(start).map((day) => event(day, DENTAL_REVIEW)));
  events.push(event(end, REASSESSMENT));

  if (agent === DENOSUMAB) {
    notes.push(info(msg(SCHEDULE_MSG.regular), SECTION_2_4));
    notes.push(info(msg(SCHEDULE_MSG.labelInterval, { weeks: LABEL_INTERVAL_WEEKS }), LABEL_DENOSUMAB));
  }
  if ((agent === ZOLEDRONIC_ACID || stop !== null) && dose === null) {
    notes.push(warning(msg(SCHEDULE_MSG.noCrcl), SECTION_2_4));
  }
  if (stop !== null) {
    const switchDay = zoledronicAcidAfterDenosumab(dates[dates.length - 1]);
    events.push({
      day: switchDay,
      kind: ZOLEDRONIC_ACID_AFTER_DENOSUMAB,
      dose_mg: dose === null ? null : dose.dose_mg,
      band: dose === null ? null : dose.band,
    });
    events.push(...zoledronicInfusionCare(switchDay, true));
    notes.push(...stopNotes());
    if (dose !== null && dose.band === CONTRAINDICATED) {
      notes.push(warning(msg(SCHEDULE_MSG.switchContraindicated, { threshold: ZA_MIN_CRCL }),
        SECTION_2_4, LABEL_ZOLEDRONIC_ACID));
    }
  }
  if (vitaminDLevel !== null && vitaminDLevel.maintenance === null) {
    const notice = vitaminDLevel.category === POSSIBLE_TOXICITY ? warning : info;
    notes.push(notice(msg(SCHEDULE_MSG.noVitaminD), REF_GRIO_VITAMIN_D));
  }
  // Array.prototype.sort is stable, like Python's list.sort.
  events = events.slice().sort((a, b) => a.day - b.day || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return {
    agent,
    start: isoDate(start),
    interval,
    end: isoDate(end),
    stop: isoOrNull(stop),
    vitamin_d_category: vitaminDLevel === null ? null : vitaminDLevel.category,
    events: events.map(eventAsDict),
    notes,
    sources: unique([SECTION_1, SECTION_2_3, SECTION_2_4, SECTION_2_5, ...notesSources(notes)]),
  };
}

/** schedule.run */
export function runSchedule(params) {
  const fields = new Fields(params);
  const agent = fields.choice("agent", AGENTS);
  const start = fields.date("start");
  const interval = fields.choice("interval", INTERVALS);
  const [level, unit] = readLevel(fields, "vitamin_d", "unit");
  const crcl = fields.optionalNumber("crcl", CRCL);
  const stop = fields.optionalDate("stop");
  if (agent === ZOLEDRONIC_ACID && crcl !== null && fields.ok("crcl")) {
    if (zoledronicDose(crcl).band === CONTRAINDICATED) {
      fields.reject("crcl", msg(SCHEDULE_MSG.crclContraindicated, { threshold: ZA_MIN_CRCL }));
    }
  }
  if (stop !== null && fields.ok("agent", "stop")) {
    if (agent !== DENOSUMAB) fields.reject("stop", msg(SCHEDULE_MSG.stopDenosumabOnly));
    else if (fields.ok("start") && stop < start) fields.reject("stop", msg(SCHEDULE_MSG.stopBeforeStart));
  }
  if (fields.failed()) return fields;
  const assessment = level === null ? null : assessVitaminD(level, unit);
  return buildSchedule(agent, start, interval, assessment, crcl, stop);
}
