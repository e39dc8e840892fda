// The carnet as stored on the patient's device (localStorage: small, synchronous, and
// kept across reloads, offline use and new app versions, which only replace the cache).
//
// {format: 1, id, revision, code, params, plan: {agent, interval, start, end, stop, made},
//  events: [{id, date, kind, number?, agent?, dose_mg?, dose_iu?, band?}], done: {eventId: {date, note?}},
//  changed?: {eventId: ms}, rules?: {version, date}}
//  (rules: the rule set that computed the snapshot, carnets made before it have none; changed: when each
//  event's mark was last set or removed, so that two tabs merge by event; older carnets have none)
//
// `events` is a snapshot taken when the plan arrived: a later app version that computes
// differently never moves what the patient already ticked. Event ids are the kind and
// its rank ("injection-3"), so ticks and calendar UIDs follow an event when a new plan
// shifts its date.
//
// Whatever is read (the stored text on every load, or a file) is validated whole before
// anything uses it; what is kept is a copy rebuilt field by field, with the marks in
// prototype-less objects, so no key ("__proto__", "constructor") can reach a prototype.

export const KEY = "bone-mets.carnet";
export const FORMAT = 1;
export const MAX_BYTES = 1_000_000; // 1 MB: a 24-month carnet with a long note on every event is under 100 kB
// The longest 24-month plan has 73 events (zoledronic acid every 4 weeks with four loading doses):
// twice that leaves room for a later rule set, and keeps any list short enough to draw at once.
export const MAX_EVENTS = 150;
const MAX_NOTE = 1000; // the form allows 500
const DAY_MS = 86400000;
const PLAN_DAYS = [365, 800]; // end − start: 24 months
const EVENT_WINDOW = [-92, 183]; // days around start and end: loading doses before, the last infusion after
const MARK_WINDOW = [-366, 366];

const TOP = ["format", "id", "revision", "code", "params", "plan", "events", "done", "changed", "rules", "baseline",
  "checks"];
const REQUIRED = ["format", "id", "revision", "code", "params", "plan", "events", "done"];
const PLAN = ["agent", "interval", "start", "end", "stop", "made"];
const PARAMS = ["agent", "interval", "start", "vitamin_d", "unit", "crcl", "stop", "today"];
const EVENT_FIELDS = ["date", "kind", "number", "agent", "dose_mg", "dose_iu", "band"];
const AGENTS = ["denosumab", "zoledronic_acid"];
const CREATININE_UNITS = ["umol/L", "mg/dL"];
const DECISIONS = ["give", "withhold", "resume", "keep_holding"];
const INTERVALS = ["4w", "monthly"];
const KIND = /^[a-z][a-z_]{0,39}$/;
const BAND = /^[a-z][a-z0-9_]{0,39}$/; // "reduced_3_3"
const EVENT_ID = /^([a-z][a-z_]{0,39})-([1-9]\d{0,2})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

// Why a carnet was refused (each has its message on the page).
export const REASONS = ["too_big", "format", "altered", "version", "too_many", "ids", "marks", "dates"];

export class StoreError extends Error {
  constructor(reason, cause) {
    super(reason, { cause });
    this.reason = reason; // "quota": the device's storage is full; "unavailable": no storage at all
  }
}

class Invalid extends Error {}
const fail = (reason) => { throw new Invalid(reason); };
const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

// Days since the epoch of a real calendar date ("2026-13-01" and "2026-02-30" are not), else null.
function dayNumber(text) {
  const match = typeof text === "string" && ISO.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const time = Date.UTC(year, month - 1, day);
  const back = new Date(time);
  if (year < 1900 || back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return time / DAY_MS;
}
const date = (text) => dayNumber(text) ?? fail("dates");
const within = (day, from, to, window) => (day >= from + window[0] && day <= to + window[1]) || fail("dates");

// The object's keys, all among `allowed` and all of `required` present.
function keys(object, allowed, required = []) {
  if (!isObject(object)) fail("format");
  const found = Object.keys(object);
  if (!found.every((key) => allowed.includes(key)) || !required.every((key) => own(object, key))) fail("format");
  return found;
}
const text = (value, max, pattern = null) => (typeof value === "string" && value.length <= max
  && (!pattern || pattern.test(value)) ? value : fail("format"));
const integer = (value, min, max) => (Number.isInteger(value) && value >= min && value <= max ? value : fail("format"));
const amount = (value, max) => (typeof value === "number" && Number.isFinite(value) && value >= 0 && value <= max
  ? value : fail("format"));

function validEvent(value, plan, ids) {
  keys(value, ["id", ...EVENT_FIELDS], ["id", "date", "kind"]);
  const kind = text(value.kind, 40, KIND);
  const match = typeof value.id === "string" && EVENT_ID.exec(value.id);
  if (!match || match[1] !== kind || ids.has(value.id)) fail("ids");
  ids.add(value.id);
  within(date(value.date), plan.startDay, plan.endDay, EVENT_WINDOW);
  const event = { id: value.id, date: value.date, kind };
  if (own(value, "number")) event.number = integer(value.number, 1, 999);
  if (own(value, "agent")) event.agent = AGENTS.includes(value.agent) ? value.agent : fail("format");
  if (own(value, "dose_mg")) event.dose_mg = amount(value.dose_mg, 1000);
  if (own(value, "dose_iu")) event.dose_iu = amount(value.dose_iu, 10_000_000);
  if (own(value, "band")) event.band = text(value.band, 40, BAND);
  return event;
}

function validPlan(value) {
  keys(value, PLAN, ["agent", "interval", "start", "end"]);
  if (!AGENTS.includes(value.agent) || !INTERVALS.includes(value.interval)) fail("format");
  const startDay = date(value.start);
  const endDay = date(value.end);
  if (endDay - startDay < PLAN_DAYS[0] || endDay - startDay > PLAN_DAYS[1]) fail("dates");
  const plan = { agent: value.agent, interval: value.interval, start: value.start, end: value.end, stop: null };
  if (value.stop !== undefined && value.stop !== null) plan.stop = value.stop;
  if (plan.stop !== null) within(date(plan.stop), startDay, endDay, [0, 0]);
  if (value.made !== undefined && value.made !== null) {
    date(value.made);
    plan.made = value.made;
  }
  return { plan, startDay, endDay };
}

function validate(value) {
  if (!isObject(value)) fail("format");
  if (Number.isInteger(value.format) && value.format > FORMAT) fail("version");
  if (value.format !== FORMAT) fail("format");
  keys(value, TOP, REQUIRED);
  // The count first: a list of 3,000 events is refused before any of them is looked at.
  if (!Array.isArray(value.events)) fail("format");
  if (value.events.length > MAX_EVENTS) fail("too_many");
  const { plan, startDay, endDay } = validPlan(value.plan);
  const ids = new Set();
  const events = value.events.map((event) => validEvent(event, { startDay, endDay }, ids));
  const done = Object.create(null);
  if (!isObject(value.done)) fail("format");
  for (const id of Object.keys(value.done)) {
    if (!ids.has(id)) fail("marks"); // a mark for an event the plan does not have
    const mark = value.done[id];
    keys(mark, ["date", "note"], ["date"]);
    within(date(mark.date), startDay, endDay, MARK_WINDOW);
    done[id] = own(mark, "note") ? { date: mark.date, note: text(mark.note, MAX_NOTE) } : { date: mark.date };
  }
  const changed = Object.create(null);
  if (own(value, "changed")) {
    if (!isObject(value.changed)) fail("format");
    for (const id of Object.keys(value.changed)) {
      if (!ids.has(id)) fail("marks");
      changed[id] = integer(value.changed[id], 0, Number.MAX_SAFE_INTEGER);
    }
  }
  const params = {};
  for (const key of keys(value.params, PARAMS)) params[key] = text(value.params[key], 40);
  const carnet = {
    format: FORMAT,
    id: text(value.id, 64, /^[0-9a-z]+$/),
    revision: integer(value.revision, 1, 1e9),
    code: text(value.code, 200, /^[0-9a-z._-]+$/),
    params,
    plan,
    events,
    done,
    changed,
  };
  // Zoledronic acid: the baseline creatinine the label rule compares with, kept between visits, and each
  // infusion-day check recorded with its event.
  if (own(value, "baseline")) {
    keys(value.baseline, ["value", "unit"], ["value", "unit"]);
    if (!CREATININE_UNITS.includes(value.baseline.unit)) fail("format");
    carnet.baseline = { value: amount(value.baseline.value, 2000), unit: value.baseline.unit };
  }
  if (own(value, "checks")) {
    if (!isObject(value.checks)) fail("format");
    carnet.checks = Object.create(null);
    for (const id of Object.keys(value.checks)) {
      if (!ids.has(id)) fail("marks");
      const check = value.checks[id];
      const fields = ["date", "baseline", "current", "unit", "decision"];
      keys(check, fields, fields);
      within(date(check.date), startDay, endDay, MARK_WINDOW);
      if (!CREATININE_UNITS.includes(check.unit) || !DECISIONS.includes(check.decision)) fail("format");
      carnet.checks[id] = { date: check.date, baseline: amount(check.baseline, 2000), current: amount(check.current, 2000),
                            unit: check.unit, decision: check.decision };
    }
  }
  if (own(value, "rules")) {
    keys(value.rules, ["version", "date"], ["version", "date"]);
    carnet.rules = { version: text(value.rules.version, 40, /^[0-9A-Za-z._-]+$/), date: value.rules.date };
    date(value.rules.date);
  }
  return carnet;
}

// A parsed carnet → {carnet} (the validated copy) or {error: reason}. Text goes through parse().
export function check(value) {
  try {
    return { carnet: validate(value) };
  } catch (error) {
    if (error instanceof Invalid) return { error: error.message };
    throw error;
  }
}

function size(text) {
  return text.length * 3 <= MAX_BYTES ? text.length : new TextEncoder().encode(text).length;
}

// Text → {value} or {error: reason}; the size is checked before parsing.
function readJSON(text) {
  if (size(text) > MAX_BYTES) return { error: "too_big" };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { error: "format" };
  }
}

// Text (a file's, or the stored one) → {carnet} or {error: reason}.
export function parse(text) {
  const { value, error } = readJSON(text);
  return error ? { error } : check(value);
}

// A copy saved as a file carries the SHA-256 of its content: a file edited by hand or damaged on the way is
// refused ("altered") rather than restored as if it were the patient's record.
export async function digest(carnet) {
  const bytes = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(carnet))));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

export async function fileText(carnet) {
  return JSON.stringify({ ...carnet, sha256: await digest(carnet) }, null, 1);
}

// A file's text → {carnet} or {error: reason}. Copies saved before files carried their check still read.
export async function parseFile(text) {
  const { value, error } = readJSON(text);
  if (error) return { error };
  if (!isObject(value) || !own(value, "sha256")) return check(value);
  const { sha256, ...rest } = value;
  if (sha256 !== await digest(rest)) return { error: "altered" };
  return check(rest);
}

// What the device holds: {carnet: null} (nothing), {carnet}, or {error, raw} for a stored carnet that no
// longer validates (kept as it is, to be saved as a file before anything else), or {error: "unavailable"}.
export function read() {
  let raw;
  try {
    raw = localStorage.getItem(KEY);
  } catch {
    return { carnet: null, error: "unavailable" };
  }
  if (raw === null) return { carnet: null };
  const found = parse(raw);
  return found.carnet ? found : { carnet: null, error: found.error, raw };
}

export const load = () => read().carnet;

// Writes the carnet whole. A full storage (QuotaExceededError) leaves what was stored untouched:
// StoreError("quota") tells the page, which says so and keeps showing what is stored.
export function save(carnet) {
  try {
    localStorage.setItem(KEY, JSON.stringify(carnet));
  } catch (error) {
    const quota = error?.name === "QuotaExceededError" || error?.name === "NS_ERROR_DOM_QUOTA_REACHED" || error?.code === 22;
    throw new StoreError(quota ? "quota" : "unavailable", error);
  }
  // Ask the browser not to evict it under storage pressure (no prompt in Chromium).
  globalThis.navigator?.storage?.persist?.().catch(() => {});
}

export function clear() {
  try {
    localStorage.removeItem(KEY);
  } catch (error) {
    throw new StoreError("unavailable", error);
  }
}

// An event the app forbids (a contraindicated infusion) never reaches the patient's list.
export function snapshot(events) {
  const seen = new Map();
  return events.filter((event) => event.band !== "contraindicated").map((event) => {
    seen.set(event.kind, (seen.get(event.kind) ?? 0) + 1);
    const kept = { id: `${event.kind}-${seen.get(event.kind)}` };
    for (const field of EVENT_FIELDS) if (event[field] !== undefined && event[field] !== null) kept[field] = event[field];
    return kept;
  });
}

function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const pick = (object, ids) => {
  const kept = Object.create(null);
  for (const [id, value] of Object.entries(object ?? {})) if (ids.has(id)) kept[id] = value;
  return kept;
};

// A new carnet from a link's code, its parameters and the mirror's result.
export function create(code, params, result, previous = null) {
  const events = snapshot(result.events);
  const ids = new Set(events.map((event) => event.id));
  return {
    format: FORMAT,
    id: previous?.id ?? randomId(), // stable: calendar UIDs are built from it
    revision: (previous?.revision ?? 0) + 1,
    code,
    params,
    // made: the day the plan was made; nothing dated before it is ever called missed
    plan: { agent: result.agent, interval: result.interval, start: result.start, end: result.end, stop: result.stop,
            made: result.today },
    events,
    // Replacing a plan (after the patient said yes) keeps the ticks of events still in it.
    done: pick(previous?.done, ids),
    changed: pick(previous?.changed, ids),
    rules: result.rules,
    ...(previous?.baseline ? { baseline: previous.baseline } : {}), // the patient's baseline outlives a new plan
  };
}

// Ticks that a replacement would drop (to say so before asking).
export function lostTicks(previous, code, params, result) {
  const next = create(code, params, result, previous);
  return Object.keys(previous?.done ?? {}).length - Object.keys(next.done).length;
}

// Sets or removes one event's mark, on the carnet as stored now (read, change, write at once): a tick
// saved meanwhile in another tab is kept. Returns the carnet written, or null when there is none (or the
// event is gone). Throws StoreError when it cannot be written; nothing stored is changed then.
function change(id, mark, now) {
  const carnet = load();
  if (!carnet || !carnet.events.some((event) => event.id === id)) return null;
  if (mark) carnet.done[id] = mark;
  else delete carnet.done[id];
  carnet.changed[id] = Math.max(now, (carnet.changed[id] ?? 0) + 1); // later than any change it replaces
  save(carnet);
  return carnet;
}

// Records a zoledronic acid infusion-day check on the stored carnet (read, change, write at once), and keeps the
// baseline it used for the next visit. Returns the carnet written, or null. Throws StoreError like save().
export function recordCheck(id, baseline, check) {
  const carnet = load();
  if (!carnet || !carnet.events.some((event) => event.id === id)) return null;
  carnet.baseline = baseline;
  carnet.checks = Object.assign(Object.create(null), carnet.checks, { [id]: check });
  save(carnet);
  return carnet;
}

export const markDone = (id, date, note, now = Date.now()) => change(id, note ? { date, note } : { date }, now);
export const unmark = (id, now = Date.now()) => change(id, null, now);

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const samePlan = (a, b) => a.id === b.id && a.revision === b.revision && a.code === b.code;

// Two versions of one carnet (what this tab last saw, and what another tab wrote), merged by event: for
// each event, the mark changed last wins. Another plan (new revision, import, other carnet) is taken whole.
export function merge(mine, theirs) {
  if (!mine || !theirs || !samePlan(mine, theirs)) return theirs;
  const merged = { ...theirs, done: Object.create(null), changed: Object.create(null) };
  for (const { id } of theirs.events) {
    const side = (mine.changed[id] ?? 0) > (theirs.changed[id] ?? 0) ? mine : theirs;
    if (side.done[id]) merged.done[id] = side.done[id];
    if (side.changed[id] !== undefined) merged.changed[id] = side.changed[id];
  }
  return merged;
}

// Marks equal event by event (whatever the order of keys).
export function sameMarks(a, b) {
  return samePlan(a, b) && a.events.every(({ id }) => same(a.done[id], b.done[id]) && a.changed[id] === b.changed[id]);
}

// Another tab wrote the carnet (a `storage` event): merge it with what this tab last saw, and write the
// merge back when that tab's write had missed a change made here. Returns read()'s answer, merged.
export function sync(known) {
  const current = read();
  if (!known || !current.carnet) return current;
  const merged = merge(known, current.carnet);
  if (!sameMarks(merged, current.carnet)) save(merged);
  return { carnet: merged };
}
