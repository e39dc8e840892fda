// Mirror of webapp/clinical/checklists.py.

import { ZOLEDRONIC_ACID, DENOSUMAB, AGENTS } from "./agents.mjs";
import {
  unique, SECTION_1, SECTION_2_1, SECTION_2_2, SECTION_2_3, SECTION_2_4, SECTION_2_5, REF_HENRY_2011,
  REF_ESMO_2014, REF_MSKCC_DENTAL, LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB,
} from "./sources.mjs";
import { N_, msg, info, warning, notesSources } from "./messages.mjs";
import { isoDate, isoOrNull, addMonths } from "./dates.mjs";
import { Fields, lookupOr } from "./parse.mjs";
import { MAINTENANCE_DEFAULT, MAINTENANCE_ALTERNATIVE } from "./vitamin_d.mjs";
import { TOTAL_MIN_MG, TOTAL_MAX_MG } from "./calcium.mjs";
import { ZA_MIN_CRCL, DENOSUMAB_SEVERE_RENAL_CRCL } from "./renal.mjs";
import { TREATMENT_MONTHS, reassessmentDate, reassessmentNotes } from "./duration.mjs";

/** checklists.ItemSpec, checklists.FollowUpItem */
function itemSpec(key, lbl, source, agents = AGENTS, note = null) {
  return { key, label: lbl, source, agents, note };
}
function followUpItem(key, lbl, source, every_months = null, note = null) {
  return { key, label: lbl, source, every_months, note };
}

export const DENTAL_REVIEW_MONTHS = 6;
export const LIFE_EXPECTANCY_MONTHS = 3;
export const MSKCC_ONJ_PERCENT = [0.9, 10];
export const ONJ_PERCENT = [1, 2];
export const READY = "ready";
export const NOT_READY = "not_ready";
export const EMERGENCY_START = "emergency_start";
export const VERDICT_LABELS = {
  [READY]: N_("Ready to start"),
  [NOT_READY]: N_("Not ready: items are missing"),
  [EMERGENCY_START]: N_("Emergency start with items missing"),
};
export const _MSKCC = info(msg(N_("Memorial Sloan Kettering series: jaw osteonecrosis in %(before)s%% of patients when "
  + "the dental visit came before denosumab, %(after)s%% when it came after."),
{ before: MSKCC_ONJ_PERCENT[0], after: MSKCC_ONJ_PERCENT[1] }), REF_MSKCC_DENTAL);
export const ACTIONS = {
  vitamin_d_checked: msg(N_("Measure the 25-OH vitamin D level and correct any deficiency.")),
  renal_function_known: msg(N_("Measure the serum creatinine and work out the creatinine clearance.")),
  hypocalcaemia_excluded: msg(N_("Check the corrected calcium and correct any hypocalcaemia.")),
  dental_assessment: msg(N_("Refer the patient for a dental assessment by a specialist, with an "
    + "orthopantomogram (panoramic X-ray).")),
  dental_care_completed: msg(N_("Have the dental care completed; after an extraction, wait for healing and the "
    + "dentist's go-ahead.")),
  calcium_planned: msg(N_("Plan the calcium intake: %(min)s to %(max)s mg per day in total."),
    { min: TOTAL_MIN_MG, max: TOTAL_MAX_MG }),
  concomitant_reviewed: msg(N_("Review the concomitant treatments: corticosteroids, angiogenesis inhibitors "
    + "(bevacizumab), head and neck radiotherapy.")),
  za_crcl_ok: msg(N_("Check that the creatinine clearance is at least %(min)s mL/min."), { min: ZA_MIN_CRCL }),
  za_paracetamol_plan: msg(N_("Prescribe paracetamol for the first infusion day and the day after.")),
  za_hydration_plan: msg(N_("Plan good hydration on the infusion day and the day after.")),
  dmab_renal_warning_ack: msg(N_("If the creatinine clearance is below %(threshold)s mL/min, weigh the risk of "
    + "adynamic renal osteodystrophy."), { threshold: DENOSUMAB_SEVERE_RENAL_CRCL }),
  booklet_given: msg(N_("Give the patient an injection record.")),
};
export const BEFORE_FIRST_DOSE = [
  itemSpec("vitamin_d_checked", msg(N_("Vitamin D measured; any deficiency corrected.")), SECTION_1),
  itemSpec("renal_function_known", msg(N_("Serum creatinine and creatinine clearance known.")), SECTION_2_3),
  itemSpec("hypocalcaemia_excluded", msg(N_("Corrected calcium checked; any hypocalcaemia corrected.")),
    LABEL_DENOSUMAB, AGENTS, info(msg(N_("Both labels: correct a hypocalcaemia before the first dose; the risk is "
      + "higher with denosumab, above all when creatinine clearance is below %(threshold)s mL/min."),
    { threshold: DENOSUMAB_SEVERE_RENAL_CRCL }), LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB)),
  itemSpec("dental_assessment", msg(N_("Dental assessment by a specialist, with an orthopantomogram (panoramic "
    + "X-ray).")), SECTION_2_5, AGENTS, _MSKCC),
  itemSpec("dental_care_completed", msg(N_("Dental care completed; after an extraction, healing and the "
    + "dentist's go-ahead.")), SECTION_2_3, AGENTS, _MSKCC),
  itemSpec("calcium_planned", msg(N_("Calcium intake planned: %(min)s to %(max)s mg per day in total."),
    { min: TOTAL_MIN_MG, max: TOTAL_MAX_MG }), SECTION_2_4),
  itemSpec("concomitant_reviewed", msg(N_("Concomitant treatments reviewed: corticosteroids, angiogenesis "
    + "inhibitors (bevacizumab), head and neck radiotherapy.")), SECTION_2_4),
  itemSpec("za_crcl_ok", msg(N_("Creatinine clearance at least %(min)s mL/min."), { min: ZA_MIN_CRCL }),
    SECTION_2_4, [ZOLEDRONIC_ACID]),
  itemSpec("za_paracetamol_plan", msg(N_("Paracetamol planned on the first infusion day and the day after.")),
    SECTION_2_4, [ZOLEDRONIC_ACID]),
  itemSpec("za_hydration_plan", msg(N_("Good hydration planned on the infusion day and the day after.")),
    SECTION_2_4, [ZOLEDRONIC_ACID]),
  itemSpec("dmab_renal_warning_ack", msg(N_("If creatinine clearance is below %(threshold)s mL/min: risk of "
    + "adynamic renal osteodystrophy considered."), { threshold: DENOSUMAB_SEVERE_RENAL_CRCL }),
  SECTION_2_4, [DENOSUMAB]),
  itemSpec("booklet_given", msg(N_("Injection record given to the patient.")), SECTION_2_4, AGENTS,
    info(msg(N_("Above all for denosumab, which has no lasting effect once stopped: injections must "
      + "stay regular.")), SECTION_2_4)),
];
export const EMERGENCY_WAIVABLE = ["vitamin_d_checked", "dental_assessment", "dental_care_completed"];
export const FOLLOW_UP = [
  [AGENTS, followUpItem(
    "dental_review",
    msg(N_("Dental clinical review every %(months)s months; avoid extractions, prefer conservative dental "
      + "care."), { months: DENTAL_REVIEW_MONTHS }),
    SECTION_2_3, DENTAL_REVIEW_MONTHS,
    info(msg(N_("Jaw osteonecrosis occurs in %(min)s to %(max)s%% of patients on either agent."),
      { min: ONJ_PERCENT[0], max: ONJ_PERCENT[1] }), REF_HENRY_2011))],
  [AGENTS, followUpItem(
    "vitamin_d_maintenance",
    msg(N_("Vitamin D maintenance: %(dose)s IU of cholecalciferol by mouth every %(months)s months."),
      { dose: MAINTENANCE_DEFAULT.dose_iu, months: MAINTENANCE_DEFAULT.every_months }),
    SECTION_2_4, MAINTENANCE_DEFAULT.every_months,
    info(msg(N_("The chapter's closing recommendations give %(dose)s IU every month instead."),
      { dose: MAINTENANCE_ALTERNATIVE.dose_iu }), SECTION_2_5))],
  [AGENTS, followUpItem(
    "calcium_intake",
    msg(N_("Calcium intake: %(min)s to %(max)s mg per day in total, food and supplement."),
      { min: TOTAL_MIN_MG, max: TOTAL_MAX_MG }),
    SECTION_2_4)],
  [[ZOLEDRONIC_ACID], followUpItem(
    "creatinine_before_infusion",
    msg(N_("Serum creatinine before each infusion; withhold the dose if renal function worsens.")),
    LABEL_ZOLEDRONIC_ACID)],
  [[DENOSUMAB], followUpItem(
    "regular_injections",
    msg(N_("Injections kept regular: denosumab has no lasting effect once stopped.")),
    SECTION_2_4)],
];
export const START = "start";
export const START_AFTER_EVENT = "start_after_event";
export const NOT_INDICATED = "not_indicated";
export const NO_BONE_METASTASIS = "no_bone_metastasis";
export const ESTIMATE_LIFE_EXPECTANCY = "estimate_life_expectancy";
export const DECISION_LABELS = {
  [START]: N_("Start an antiresorptive"),
  [START_AFTER_EVENT]: N_("Start an antiresorptive after the skeletal-related event"),
  [NOT_INDICATED]: N_("Not indicated at this stage"),
  [NO_BONE_METASTASIS]: N_("No bone metastasis"),
  [ESTIMATE_LIFE_EXPECTANCY]: N_("Estimate the life expectancy first"),
};
export const OVER_3_MONTHS = "over_3_months";
export const UP_TO_3_MONTHS = "3_months_or_less";
export const UNKNOWN = "unknown";
export const LIFE_EXPECTANCIES = [OVER_3_MONTHS, UP_TO_3_MONTHS, UNKNOWN];
export const CONFLICTING_LIFE_EXPECTANCY = N_("This answer contradicts life_expectancy_over_3_months: give one of "
  + "them.");
const CHECKLIST_MSG = {
  emergency: N_("Emergency start: the items not done are listed; complete them as soon as possible."),
  notWaived: N_("An emergency waives only the vitamin D correction and the dental care. The other missing items, "
    + "above all the renal function and the correction of a hypocalcaemia, are needed before the first dose, "
    + "emergency or not."),
  bothAgents: N_("Zoledronic acid and denosumab both reduce and delay skeletal-related events."),
  noMetastasis: N_("Without a bone metastasis, this antiresorptive treatment does not apply."),
  afterEvent: N_("After a skeletal-related event, start whatever the expected survival: to relieve "
    + "pain, prevent hypercalcaemia and prevent the next event, which can follow "
    + "closely."),
  start: N_("Start from the discovery of the bone metastasis when life expectancy is over "
    + "%(months)s months."),
  highRisk: N_("All the more so as the lesions carry a high risk of skeletal-related event."),
  notIndicated: N_("Life expectancy of %(months)s months or less and no skeletal-related event: "
    + "the chapter does not propose starting; start if a skeletal-related event occurs."),
  estimate: N_("Without a skeletal-related event, the decision rests on the life expectancy: start when it is "
    + "over %(months)s months."),
};

/** checklists.before_first_dose */
function beforeFirstDose(agent, done, emergency = false) {
  const items = BEFORE_FIRST_DOSE.filter((spec) => spec.agents.includes(agent)).map((spec) => ({
    key: spec.key,
    done: lookupOr(done, spec.key, false),
    label: spec.label,
    action: ACTIONS[spec.key],
    source: spec.source,
    note: spec.note,
  }));
  const missing = items.filter((item) => !item.done).map((item) => item.key);
  const blocking = missing.filter((key) => !EMERGENCY_WAIVABLE.includes(key));
  const verdict = missing.length === 0 ? READY : emergency && blocking.length === 0 ? EMERGENCY_START : NOT_READY;
  let notes = [];
  if (verdict === EMERGENCY_START) {
    notes = [warning(msg(CHECKLIST_MSG.emergency), SECTION_2_3, SECTION_2_5)];
  } else if (emergency && blocking.length > 0) {
    notes = [warning(msg(CHECKLIST_MSG.notWaived), SECTION_1, SECTION_2_3, LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB)];
  }
  return {
    agent,
    verdict,
    verdict_label: msg(VERDICT_LABELS[verdict]),
    emergency,
    items,
    missing,
    blocking,
    notes,
    sources: unique([
      ...items.map((item) => item.source),
      ...items.filter((item) => item.note).flatMap((item) => item.note.sources),
      ...notesSources(notes),
    ]),
    inputs: { agent, emergency, ...Object.fromEntries(items.map((item) => [item.key, item.done])) },
  };
}

/** checklists.run_before_first_dose */
export function runBeforeFirstDose(params) {
  const fields = new Fields(params);
  const agent = fields.choice("agent", AGENTS);
  const done = {};
  for (const spec of BEFORE_FIRST_DOSE) done[spec.key] = fields.flag(spec.key);
  const emergency = fields.flag("emergency");
  if (fields.failed()) return fields;
  return beforeFirstDose(agent, done, emergency);
}

/** checklists.dental_reviews: start + 6, 12, 18, 24 calendar months, each from the start, clamped. */
function dentalReviews(start) {
  const reviews = [];
  for (let months = DENTAL_REVIEW_MONTHS; months < TREATMENT_MONTHS + 1; months += DENTAL_REVIEW_MONTHS) {
    reviews.push({ months, day: addMonths(start, months) });
  }
  return reviews;
}

/** checklists.dental_review_dates */
export function dentalReviewDates(start) { return dentalReviews(start).map((review) => review.day); }

/** checklists.follow_up */
function followUp(agent, start = null) {
  const items = FOLLOW_UP.filter(([agents]) => agents.includes(agent)).map(([, item]) => item);
  const notes = reassessmentNotes();
  return {
    agent,
    start: isoOrNull(start),
    items,
    dental_reviews: start === null ? null
      : dentalReviews(start).map(({ months, day }) => ({ months, date: isoDate(day) })),
    reassessment_date: start === null ? null : isoDate(reassessmentDate(start)),
    notes,
    sources: unique([
      ...items.map((item) => item.source),
      ...items.filter((item) => item.note).flatMap((item) => item.note.sources),
      ...notesSources(notes),
    ]),
    inputs: { agent, start: isoOrNull(start) },
  };
}

/** checklists.run_follow_up */
export function runFollowUp(params) {
  const fields = new Fields(params);
  const agent = fields.choice("agent", AGENTS);
  const start = fields.optionalDate("start");
  if (fields.failed()) return fields;
  return followUp(agent, start);
}

/** checklists.when_to_start */
function whenToStart(boneMetastasis, lifeExpectancy, skeletalEvent, highRiskLesions) {
  const bothAgents = info(msg(CHECKLIST_MSG.bothAgents), SECTION_2_1);
  let decision;
  let reasoning;
  if (!boneMetastasis) {
    decision = NO_BONE_METASTASIS;
    reasoning = [info(msg(CHECKLIST_MSG.noMetastasis), SECTION_2_2)];
  } else if (skeletalEvent) {
    decision = START_AFTER_EVENT;
    reasoning = [info(msg(CHECKLIST_MSG.afterEvent), SECTION_2_2), bothAgents];
  } else if (lifeExpectancy === OVER_3_MONTHS) {
    decision = START;
    reasoning = [info(msg(CHECKLIST_MSG.start, { months: LIFE_EXPECTANCY_MONTHS }),
      SECTION_2_2, REF_ESMO_2014, SECTION_2_5)];
    if (highRiskLesions) reasoning.push(info(msg(CHECKLIST_MSG.highRisk), SECTION_2_2));
    reasoning.push(bothAgents);
  } else if (lifeExpectancy === UP_TO_3_MONTHS) {
    decision = NOT_INDICATED;
    reasoning = [info(msg(CHECKLIST_MSG.notIndicated, { months: LIFE_EXPECTANCY_MONTHS }),
      SECTION_2_2, REF_ESMO_2014)];
  } else {
    decision = ESTIMATE_LIFE_EXPECTANCY;
    reasoning = [info(msg(CHECKLIST_MSG.estimate, { months: LIFE_EXPECTANCY_MONTHS }), SECTION_2_2, REF_ESMO_2014)];
  }
  return {
    decision,
    decision_label: msg(DECISION_LABELS[decision]),
    reasoning,
    sources: unique(notesSources(reasoning)),
    inputs: {
      bone_metastasis: boneMetastasis,
      life_expectancy: lifeExpectancy,
      skeletal_event: skeletalEvent,
      high_risk_lesions: highRiskLesions,
    },
  };
}

/** checklists.read_life_expectancy */
function readLifeExpectancy(fields) {
  const answer = fields.choice("life_expectancy", LIFE_EXPECTANCIES, UNKNOWN);
  if (!fields.given("life_expectancy_over_3_months")) return answer;
  const older = fields.flag("life_expectancy_over_3_months") ? OVER_3_MONTHS : UP_TO_3_MONTHS;
  if (!fields.given("life_expectancy")) return older;
  if (fields.ok("life_expectancy", "life_expectancy_over_3_months") && answer !== older) {
    fields.reject("life_expectancy", msg(CONFLICTING_LIFE_EXPECTANCY));
  }
  return answer;
}

/** checklists.run_when_to_start */
export function runWhenToStart(params) {
  const fields = new Fields(params);
  const boneMetastasis = fields.flag("bone_metastasis");
  const lifeExpectancy = readLifeExpectancy(fields);
  const skeletalEvent = fields.flag("skeletal_event");
  const highRiskLesions = fields.flag("high_risk_lesions");
  if (fields.failed()) return fields;
  return whenToStart(boneMetastasis, lifeExpectancy, skeletalEvent, highRiskLesions);
}
