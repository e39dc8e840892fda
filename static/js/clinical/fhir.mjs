// Mirror of webapp/clinical/fhir.py: lab values from a FHIR R4 Bundle to a calculator's fields, by LOINC
// code AND UCUM unit, never by display text. Dates are day numbers; instants integer milliseconds.

import * as corrected_calcium from "./corrected_calcium.mjs";
import * as renal from "./renal.mjs";
import { N_, msg } from "./messages.mjs";
import { daysFromCivil, daysInMonth, isoDate } from "./dates.mjs";

export const LOINC = "http://loinc.org";
export const UCUM = "http://unitsofmeasure.org";
export const STALE_AFTER_DAYS = 30;
export const STATUSES = ["final", "amended", "corrected"];

export const CREATININE = "creatinine";
export const VITAMIN_D = "vitamin_d";
export const CALCIUM = "calcium";
export const ALBUMIN = "albumin";
export const WEIGHT = "weight";
export const HEIGHT = "height";
export const SEX = "sex";
export const AGE = "age";

export const MATCHES = [
  ["14682-9", "umol/L", CREATININE],
  ["2160-0", "mg/dL", CREATININE],
  ["62292-8", "nmol/L", VITAMIN_D],
  ["1989-3", "ng/mL", VITAMIN_D],
  ["17861-6", "mg/dL", CALCIUM],
  ["2000-8", "mmol/L", CALCIUM],
  ["1751-7", "g/dL", ALBUMIN],
  ["1751-7", "g/L", ALBUMIN],
  ["61151-7", "g/dL", ALBUMIN],
  ["61151-7", "g/L", ALBUMIN],
  ["29463-7", "kg", WEIGHT],
  ["8302-2", "cm", HEIGHT],
];
export const ALBUMIN_CALCIUM_UNIT = Object.fromEntries(
  Object.entries(corrected_calcium.ALBUMIN_UNITS).map(([calcium, albumin]) => [albumin, calcium]));
export const _CLEARANCE = {
  [CREATININE]: ["creatinine", "unit"], [WEIGHT]: ["weight", null], [HEIGHT]: ["height", null],
  [SEX]: ["sex", null], [AGE]: ["age", null],
};
export const FILLS = {
  "vitamin-d": { [VITAMIN_D]: ["level", "unit"] },
  schedule: { [VITAMIN_D]: ["vitamin_d", "unit"] },
  "corrected-calcium": { [CALCIUM]: ["calcium", "unit"], [ALBUMIN]: ["albumin", "unit"] },
  "creatinine-clearance": _CLEARANCE,
  "zoledronic-acid": _CLEARANCE,
};
export const PLAIN_FROM = 0.0001;
export const PLAIN_BELOW = 1e15;

export const _DATE_TIME =
  "([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]{1,9}))?(Z|[+-][0-9]{2}:[0-9]{2}))?";
export const _FULL_DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}";
const DATE_TIME_RE = new RegExp(`^(?:${_DATE_TIME})$`);
const FULL_DATE_RE = new RegExp(`^(?:${_FULL_DATE})$`);

export const NOT_FHIR = N_("This is not a FHIR R4 Bundle, Observation or Patient in JSON.");
export const SEVERAL_PATIENTS = N_("The file holds more than one patient: nothing is read from it.");
export const NOT_READ = N_("Only Observations and the Patient are read.");
export const NOT_FINAL = N_("Result status “%(status)s”: only final, amended or corrected results are used.");
export const NO_LOINC = N_("No LOINC code.");
export const UNKNOWN_CODE = N_("LOINC %(code)s is not one this app reads.");
export const NO_QUANTITY = N_("No numeric value (valueQuantity).");
export const BOUND = N_("The value is a bound (%(comparator)s), not a measurement.");
export const NOT_UCUM = N_("The unit is not a UCUM code.");
export const WRONG_UNIT = N_("Unit “%(unit)s” does not go with LOINC %(code)s (expected: %(expected)s).");
export const IMPLAUSIBLE = N_("The value is not a plausible measurement.");
export const UNDATED = N_("No complete date (effectiveDateTime): its age cannot be checked.");
export const FUTURE = N_("Dated after today.");
export const NOT_HERE = N_("Not used by this calculator.");
export const OLDER = N_("The file has a newer value (%(date)s).");
export const SAME_TIME = N_("Two different values at the same time: neither is used.");
export const UNIT_CONFLICT = N_("Its unit (%(unit)s) does not go with the unit of LOINC %(other)s (%(other_unit)s).");
export const NO_SEX = N_("Gender “%(gender)s”: the formulas need male or female.");
export const NO_BIRTH_DATE = N_("No complete birth date.");

/** A JSON object (what Python reads as a dict). */
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
/** dict.get(key): own properties only, null when absent. */
const get = (object, key) => (Object.hasOwn(object, key) ? object[key] : null);
const text = (value) => (typeof value === "string" ? value : "");

function used(resource, code, field, value, unit, date) { return { resource, code, field, value, unit, date }; }
function ignoredEntry(resource, code, value, unit, date, reason) { return { resource, code, value, unit, date, reason }; }

function label(resource, position) {
  const kind = text(get(resource, "resourceType"));
  const ident = get(resource, "id");
  return typeof ident === "string" && ident ? `${kind}/${ident}` : `${kind} #${position + 1}`;
}

/** A valid calendar date as a day number, else null (Python's date() raising). */
function dayNumber(y, m, d) {
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d);
}

/** fhir.parse_date_time: [date as written, instant in ms] or null. */
export function parseDateTime(value) {
  const match = typeof value === "string" ? DATE_TIME_RE.exec(value) : null;
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  const days = dayNumber(Number(year), Number(month), Number(day));
  if (days === null) return null;
  if (hour === undefined) return [value.slice(0, 10), days * 86_400_000];
  let offset = 0;
  if (zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1;
    offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
    if (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(4, 6)) > 59) return null;
  }
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  const millis = Number((fraction ?? "").padEnd(3, "0").slice(0, 3));
  const seconds = (Number(hour) * 60 + Number(minute) - offset) * 60 + Number(second);
  return [value.slice(0, 10), days * 86_400_000 + seconds * 1000 + millis];
}

function quantity(resource) {
  const q = get(resource, "valueQuantity");
  if (!isObject(q)) return [null, null, msg(NO_QUANTITY)];
  const value = get(q, "value");
  let unit = Object.hasOwn(q, "code") ? q.code : get(q, "unit");
  unit = typeof unit === "string" ? unit : null;
  if (typeof value !== "number") return [null, unit, msg(NO_QUANTITY)];
  if (value !== 0 && !(PLAIN_FROM <= Math.abs(value) && Math.abs(value) < PLAIN_BELOW)) return [null, unit, msg(IMPLAUSIBLE)];
  const written = String(value);
  const comparator = get(q, "comparator");
  if (comparator !== null) return [written, unit, msg(BOUND, { comparator: text(comparator) })];
  if ((Object.hasOwn(q, "system") ? q.system : UCUM) !== UCUM || unit === null) return [written, unit, msg(NOT_UCUM)];
  return [written, unit, null];
}

function observation(resource, position, today, fills) {
  const name = label(resource, position);
  const code0 = get(resource, "code");
  const codings = isObject(code0) ? get(code0, "coding") : null;
  const loinc = Array.isArray(codings)
    ? codings.filter((c) => isObject(c) && get(c, "system") === LOINC && typeof get(c, "code") === "string").map((c) => c.code)
    : [];
  const known = loinc.filter((code) => MATCHES.some((row) => row[0] === code));
  const code = known.length ? known[0] : loinc.length ? loinc[0] : null;
  const when = parseDateTime(get(resource, "effectiveDateTime"));
  const date = when === null ? null : when[0];
  const [value, unit, reason] = quantity(resource);
  const ignored = (why) => ignoredEntry(name, code, value, unit, date, why);

  const status = get(resource, "status");
  if (!STATUSES.includes(status)) return ignored(msg(NOT_FINAL, { status: text(status) }));
  if (code === null) return ignored(msg(NO_LOINC));
  if (!known.length) return ignored(msg(UNKNOWN_CODE, { code }));
  if (reason !== null) return ignored(reason);
  const row = MATCHES.find((r) => r[0] === code && r[1] === unit);
  if (row === undefined) {
    const expected = MATCHES.filter((r) => r[0] === code).map((r) => r[1]).join(", ");
    return ignored(msg(WRONG_UNIT, { unit, code, expected }));
  }
  if (when === null) return ignored(msg(UNDATED));
  if (date > isoDate(today)) return ignored(msg(FUTURE));
  const measure = row[2];
  if (!Object.hasOwn(fills, measure)) return ignored(msg(NOT_HERE));
  return { candidate: true, position, measure, used: used(name, code, fills[measure][0], value, unit, date), instant: when[1] };
}

const unitValue = (measure, unit) => (measure === ALBUMIN ? ALBUMIN_CALCIUM_UNIT[unit] : unit);

function ageOn(born, on) {
  const [b, o] = [born.split("-").map(Number), on.split("-").map(Number)];
  return o[0] - b[0] - (o[1] < b[1] || (o[1] === b[1] && o[2] < b[2]) ? 1 : 0);
}

function resourcesOf(resource) {
  const kinds = ["Bundle", "Observation", "Patient"];
  if (!isObject(resource) || !kinds.includes(get(resource, "resourceType"))) return null;
  if (resource.resourceType !== "Bundle") return [resource];
  const entries = Object.hasOwn(resource, "entry") ? resource.entry : [];
  if (!Array.isArray(entries)) return null;
  return entries.map((entry) => (isObject(entry) ? get(entry, "resource") : null));
}

const ignore = (candidate, reason) => {
  const u = candidate.used;
  return ignoredEntry(u.resource, u.code, u.value, u.unit, u.date, reason);
};

/** fhir.read_bundle with today as a day number: {result: reading} or {errors: {bundle: message}}. */
export function readBundle(resource, today, calculator) {
  const fills = Object.hasOwn(FILLS, calculator) ? FILLS[calculator] : {};
  const resources = resourcesOf(resource);
  if (resources === null) return { errors: { bundle: msg(NOT_FHIR) } };
  const ignored = [];
  const patients = resources.map((r, i) => [i, r]).filter(([, r]) => isObject(r) && get(r, "resourceType") === "Patient");
  if (patients.length > 1) {
    return { result: { values: {}, used: [], stale: [], ignored: resources.map((r, i) =>
      ignoredEntry(isObject(r) ? label(r, i) : `#${i + 1}`, null, null, null, null, msg(SEVERAL_PATIENTS))) } };
  }
  const candidates = [];
  resources.forEach((item, position) => {
    const kind = isObject(item) ? get(item, "resourceType") : null;
    if (kind !== "Observation" && kind !== "Patient") {
      const name = isObject(item) ? label(item, position) : `#${position + 1}`;
      ignored.push([position, ignoredEntry(name, null, null, null, null, msg(NOT_READ))]);
    } else if (kind === "Observation") {
      const found = observation(item, position, today, fills);
      if (found.candidate) candidates.push(found);
      else ignored.push([position, found]);
    }
  });
  const chosen = {};
  for (const measure of Object.keys(fills)) {
    const group = candidates.filter((c) => c.measure === measure);
    if (!group.length) continue;
    const newest = Math.max(...group.map((c) => c.instant));
    const latest = group.filter((c) => c.instant === newest);
    const tie = latest.some((c) => c.used.value !== latest[0].used.value || c.used.unit !== latest[0].used.unit);
    for (const candidate of group) {
      if (tie && candidate.instant === newest) ignored.push([candidate.position, ignore(candidate, msg(SAME_TIME))]);
      else if (candidate !== latest[0]) ignored.push([candidate.position, ignore(candidate, msg(OLDER, { date: latest[0].used.date }))]);
    }
    if (!tie) chosen[measure] = latest[0];
  }
  const values = {};
  const usedList = [];
  const units = {};
  for (const [measure, [field, unitField]] of Object.entries(fills)) {
    const candidate = chosen[measure];
    if (candidate === undefined) continue;
    if (unitField !== null) {
      const value = unitValue(measure, candidate.used.unit);
      if (Object.hasOwn(units, unitField) && units[unitField][0] !== value) {
        const other = chosen[units[unitField][1]].used;
        ignored.push([candidate.position, ignore(candidate, msg(UNIT_CONFLICT,
          { unit: candidate.used.unit, other: other.code, other_unit: other.unit }))]);
        continue;
      }
      units[unitField] = [value, measure];
      values[unitField] = value;
    }
    values[field] = candidate.used.value;
    usedList.push(candidate.used);
  }
  if (patients.length) {
    const [position, patient] = patients[0];
    const creatinine = chosen[CREATININE];
    const on = creatinine === undefined ? isoDate(today) : creatinine.used.date;
    for (const found of patientFields(patient, position, on, fills)) {
      if (found.field !== undefined) {
        values[found.field] = found.value;
        usedList.push(found);
      } else ignored.push([position, found]);
    }
  }
  const stale = [];
  for (const u of usedList) {
    if (u.code === "gender" || u.code === "birthDate") continue;
    const [y, m, d] = u.date.split("-").map(Number);
    const days = today - daysFromCivil(y, m, d);
    if (days > STALE_AFTER_DAYS) stale.push({ field: u.field, date: u.date, days });
  }
  ignored.sort((a, b) => a[0] - b[0]);
  return { result: { values, used: usedList, ignored: ignored.map(([, entry]) => entry), stale } };
}

function patientFields(patient, position, on, fills) {
  const name = label(patient, position);
  const out = [];
  const gender = get(patient, "gender");
  if (gender !== null) {
    const written = text(gender);
    if (!Object.hasOwn(fills, SEX)) out.push(ignoredEntry(name, "gender", written, null, null, msg(NOT_HERE)));
    else if (!renal.SEXES.includes(written)) out.push(ignoredEntry(name, "gender", written, null, null, msg(NO_SEX, { gender: written })));
    else out.push(used(name, "gender", fills[SEX][0], written, null, null));
  }
  const birth = get(patient, "birthDate");
  if (birth !== null) {
    const written = text(birth);
    const parts = FULL_DATE_RE.test(written) ? written.split("-").map(Number) : null;
    const born = parts === null ? null : dayNumber(...parts);
    const [y, m, d] = on.split("-").map(Number);
    if (!Object.hasOwn(fills, AGE)) out.push(ignoredEntry(name, "birthDate", written, null, null, msg(NOT_HERE)));
    else if (born === null || born > daysFromCivil(y, m, d)) {
      out.push(ignoredEntry(name, "birthDate", written, null, null, msg(NO_BIRTH_DATE)));
    } else out.push(used(name, "birthDate", fills[AGE][0], String(ageOn(written, on)), null, on));
  }
  return out;
}
