// Browser mirror of the Python clinical core (webapp/clinical/*.py): one module per core
// module, of the same name; this one mirrors __init__.py and is the only entry point.
//
// The static, offline site computes with it; it must give EXACTLY the server's answers.
// `run(name, params)` returns
//   {result: <Python Result.as_dict() in canonical JSON form, with its `rules`>}   or
//   {errors: {field: {msgid, params}}}
// Canonical form: Message → {msgid, params: {name: value}}, Source → its as_dict,
// dates → "YYYY-MM-DD", tuples → arrays, None → null.
//
// Rules for keeping it exact (checked by tests/mirror/):
// - same field reading and error order as webapp/clinical/parse.py (Fields);
// - same arithmetic in the same operation order (IEEE doubles match bit for bit);
// - dates are integer day numbers (proleptic Gregorian, days since 1970-01-01),
//   never Date objects, so no time zone can shift them;
// - a module exports, under its Python name, a copy of every constant of its Python twin,
//   and no other UPPER_CASE name (tests/mirror/test_constants.py compares them through
//   CONSTANTS/MSGIDS); it imports what its twin imports, so there is no import circle.
//
// No dependency, no build step.

import * as tolerance from "./tolerance.mjs";
import * as agents from "./agents.mjs";
import * as sources from "./sources.mjs";
import { MSGID_SET } from "./messages.mjs";
import { daysFromCivil, isoDate } from "./dates.mjs";
import * as limits from "./limits.mjs";
import * as parse from "./parse.mjs";
import * as vitamin_d from "./vitamin_d.mjs";
import * as calcium from "./calcium.mjs";
import * as corrected_calcium from "./corrected_calcium.mjs";
import * as renal from "./renal.mjs";
import * as duration from "./duration.mjs";
import * as onj from "./onj.mjs";
import * as checklists from "./checklists.mjs";
import * as schedule from "./schedule.mjs";
import * as rules from "./rules.mjs";
import * as fhir from "./fhir.mjs";

/** Every constant of the modules, by "module.NAME" (compared with the Python attributes by a test). */
export const CONSTANTS = {};
for (const [module, names] of Object.entries({
  tolerance, agents, sources, parse, limits, vitamin_d, calcium, corrected_calcium, renal, duration, onj, checklists,
  schedule, rules, fhir,
})) {
  for (const [name, value] of Object.entries(names)) {
    if (/^_?[A-Z][A-Z\d_]*$/.test(name)) CONSTANTS[`${module}.${name}`] = value;
  }
}
CONSTANTS["limits.DATES"] = { min: isoDate(limits.DATES.min), max: isoDate(limits.DATES.max) }; // as dates

/** Every msgid of the mirror (compared with every N_("…") of webapp/clinical by a test). */
export const MSGIDS = [...MSGID_SET];

/** __init__.CALCULATORS */
export const CALCULATORS = {
  "vitamin-d": vitamin_d.runVitaminD,
  calcium: calcium.runCalcium,
  "corrected-calcium": corrected_calcium.runCorrectedCalcium,
  "creatinine-clearance": renal.runCreatinineClearance,
  "zoledronic-acid": renal.runZoledronicAcid,
  "creatinine-check": renal.runCreatinineCheck,
  "before-first-dose": checklists.runBeforeFirstDose,
  "follow-up": checklists.runFollowUp,
  "when-to-start": checklists.runWhenToStart,
  onj: onj.runOnj,
  "denosumab-stop": duration.runDenosumabStop,
  schedule: schedule.runSchedule,
};

/** Deep copy, so that callers can never alter the shared constant objects inside a result. */
function copy(value) { return structuredClone(value); }

/**
 * Runs calculator `name` on `params` ({field: string}; absent fields are simply missing).
 * Returns {result} (the API body) or {errors: {field: {msgid, params}}}.
 */
export function run(name, params) {
  const calculator = parse.lookup(CALCULATORS, name);
  if (calculator === null) throw new Error(`unknown calculator: ${name}`);
  const outcome = calculator(params ?? {});
  if (outcome instanceof parse.Fields) return { errors: copy(outcome.errors) };
  return { result: { ...copy(outcome), rules: { version: rules.RULES_VERSION, date: rules.RULES_DATE } } }; // result.as_dict
}

/**
 * fhir.read_bundle: what calculator `name`'s form gets from a parsed FHIR resource, read on `today`
 * ("YYYY-MM-DD"). Returns {result: {values, used, ignored, stale}} or {errors: {bundle: message}}.
 */
export function readFhir(resource, today, name) {
  const [y, m, d] = today.split("-").map(Number);
  return copy(fhir.readBundle(resource, daysFromCivil(y, m, d), name));
}
