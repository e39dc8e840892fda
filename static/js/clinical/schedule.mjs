// Mirror of webapp/clinical/schedule.py.

import { ZOLEDRONIC_ACID, DENOSUMAB, AGENTS } from "./agents.mjs";
import {
  unique, SECTION_1, SECTION_2_3, SECTION_2_4, SECTION_2_5, REF_GRIO_VITAMIN_D, LABEL_DENOSUMAB,
} from "./sources.mjs";
import { N_, msg, info, warning, notesSources } from "./messages.mjs";
import { daysFromCivil, isoDate, isoOrNull, addMonths } from "./dates.mjs";
import { CRCL } from "./limits.mjs";
import { Fields } from "./parse.mjs";
import {
  LOADING_INTERVAL_DAYS, POSSIBLE_TOXICITY, MAINTENANCE_DEFAULT, assessVitaminD, readLevel,
} from "./vitamin_d.mjs";
import { ZA_MIN_CRCL, CONTRAINDICATED, shown, zoledronicDose } from "./renal.mjs";
import {
  TREATMENT_MONTHS, contraindicatedAfterStopNote, reassessmentDate, stopNotes, zoledronicAcidAfterDenosumab,
} from "./duration.mjs";
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
  noVitaminD: N_("Vitamin D above the recommended range: no vitamin D doses scheduled."),
  startPast: N_("The first injection is already past: no vitamin D loading doses are scheduled; correct the "
    + "deficiency as prescribed."),
  loadingLate: N_("The vitamin D loading cannot end %(days)s days before the first injection: correct the "
    + "deficiency before starting, except in an emergency."),
  crclContraindicated: N_("Creatinine clearance below %(threshold)s mL/min: zoledronic acid is "
    + "contraindicated."),
  stopDenosumabOnly: N_("A stop date applies to denosumab only."),
  stopBeforeStart: N_("The stop date cannot be before the first injection."),
  stopAfterPlan: N_("The stop date must be within the %(months)s-month plan, by %(date)s at the latest."),
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

/** schedule._vitamin_d_events → a VitaminDPlan {events, earliestStart, notes} (level: a vitamin D result or null). */
function vitaminDEvents(start, end, today, level) {
  if (level !== null && level.maintenance === null) {
    const notice = level.category === POSSIBLE_TOXICITY ? warning : info;
    return { events: [], earliestStart: null, notes: [notice(msg(SCHEDULE_MSG.noVitaminD), REF_GRIO_VITAMIN_D)] };
  }
  let doses = level === null ? [] : level.loading_doses;
  const notes = [];
  let earliest = null;
  let first = start - LOADING_INTERVAL_DAYS * doses.length;
  if (doses.length > 0 && start < today) {
    notes.push(warning(msg(SCHEDULE_MSG.startPast), SECTION_1));
    doses = [];
  } else if (doses.length > 0 && first < today) {
    first = today;
    earliest = today + LOADING_INTERVAL_DAYS * doses.length;
    notes.push(warning(msg(SCHEDULE_MSG.loadingLate, { days: LOADING_INTERVAL_DAYS }), SECTION_1));
  }
  const events = doses.map((dose, i) =>
    vitaminDDose(first + LOADING_INTERVAL_DAYS * i, VITAMIN_D_LOADING, dose.dose_iu));
  let anchor = start;
  let k = 0;
  if (events.length !== 0) {
    anchor = events[events.length - 1].day;
    k = 1;
  }
  for (let day = addMonths(anchor, MAINTENANCE_DEFAULT.every_months * k); day < end;
    day = addMonths(anchor, MAINTENANCE_DEFAULT.every_months * k)) {
    events.push(vitaminDDose(day, VITAMIN_D_MAINTENANCE, MAINTENANCE_DEFAULT.dose_iu));
    k += 1;
  }
  return { events, earliestStart: earliest, notes };
}

/** schedule._zoledronic_infusion_care */
function zoledronicInfusionCare(day, first) {
  const events = [event(day, CREATININE_CHECK)];
  if (first) events.push(event(day, PARACETAMOL), event(day + 1, PARACETAMOL));
  return events;
}

/** Event dataclass → canonical dict, `date` first as in the Python field order. */
function eventAsDict({ day, ...rest }) { return { date: isoDate(day), ...rest }; }

/** schedule.build_schedule (validated inputs; day numbers; `inputs` already in canonical form). */
function buildSchedule(agent, start, interval, today, vitaminDLevel = null, crcl = null, stop = null, inputs = null) {
  const dose = crcl === null ? null : zoledronicDose(shown(crcl));
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
  const vitaminDPlan = vitaminDEvents(start, end, today, vitaminDLevel);
  events.push(...vitaminDPlan.events);
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
    if (dose !== null && dose.band === CONTRAINDICATED) {
      notes.push(contraindicatedAfterStopNote());
    } else {
      const switchDay = zoledronicAcidAfterDenosumab(dates[dates.length - 1]);
      events.push({
        day: switchDay,
        kind: ZOLEDRONIC_ACID_AFTER_DENOSUMAB,
        dose_mg: dose === null ? null : dose.dose_mg,
        band: dose === null ? null : dose.band,
      });
      events.push(...zoledronicInfusionCare(switchDay, true));
    }
    notes.push(...stopNotes());
  }
  notes.push(...vitaminDPlan.notes);
  // Array.prototype.sort is stable, like Python's list.sort.
  events = events.slice().sort((a, b) => a.day - b.day || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return {
    agent,
    start: isoDate(start),
    interval,
    end: isoDate(end),
    stop: isoOrNull(stop),
    today: isoDate(today),
    earliest_start: isoOrNull(vitaminDPlan.earliestStart),
    vitamin_d_category: vitaminDLevel === null ? null : vitaminDLevel.category,
    events: events.map(eventAsDict),
    notes,
    sources: unique([SECTION_1, SECTION_2_3, SECTION_2_4, SECTION_2_5, ...notesSources(notes)]),
    inputs: inputs ?? {},
  };
}

/** datetime.date.today(), on the device: its local calendar date (never UTC's), as a day number. */
function localToday() {
  const now = new Date();
  return daysFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** schedule.run: `today` defaults to the device's date. */
export function runSchedule(params) {
  const fields = new Fields(params);
  const agent = fields.choice("agent", AGENTS);
  const start = fields.date("start");
  const interval = fields.choice("interval", INTERVALS);
  const [level, unit] = readLevel(fields, "vitamin_d", "unit");
  const crcl = fields.optionalNumber("crcl", CRCL);
  const stop = fields.optionalDate("stop");
  const today = fields.optionalDate("today") ?? localToday();
  if (agent === ZOLEDRONIC_ACID && crcl !== null && fields.ok("crcl")) {
    if (zoledronicDose(shown(crcl)).band === CONTRAINDICATED) {
      fields.reject("crcl", msg(SCHEDULE_MSG.crclContraindicated, { threshold: ZA_MIN_CRCL }));
    }
  }
  if (stop !== null && fields.ok("agent", "stop")) {
    if (agent !== DENOSUMAB) fields.reject("stop", msg(SCHEDULE_MSG.stopDenosumabOnly));
    else if (fields.ok("start") && stop < start) fields.reject("stop", msg(SCHEDULE_MSG.stopBeforeStart));
    else if (fields.ok("start") && stop > reassessmentDate(start)) {
      fields.reject("stop", msg(SCHEDULE_MSG.stopAfterPlan,
        { months: TREATMENT_MONTHS, date: isoDate(reassessmentDate(start)) }));
    }
  }
  if (fields.failed()) return fields;
  const assessment = level === null ? null : assessVitaminD(level, unit);
  const inputs = { agent, start: isoDate(start), interval, today: isoDate(today) };
  if (level !== null) Object.assign(inputs, { vitamin_d: level, unit });
  if (crcl !== null) inputs.crcl_entered_ml_min = crcl;
  if (stop !== null) inputs.stop = isoDate(stop);
  return buildSchedule(agent, start, interval, today, assessment, crcl, stop, inputs);
}
