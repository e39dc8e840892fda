// The carnet as stored on the patient's device (localStorage: small, synchronous, and
// kept across reloads, offline use and new app versions, which only replace the cache).
//
// {format: 1, id, revision, code, params, plan: {agent, interval, start, end, stop, made},
//  events: [{id, date, kind, number?, agent?, dose_mg?, dose_iu?, band?}], done: {eventId: {date, note}},
//  rules?: {version, date}}  (the rule set that computed the snapshot; carnets made before it have none)
//
// `events` is a snapshot taken when the plan arrived: a later app version that computes
// differently never moves what the patient already ticked. Event ids are the kind and
// its rank ("injection-3"), so ticks and calendar UIDs follow an event when a new plan
// shifts its date.

const KEY = "bone-mets.carnet";
export const FORMAT = 1;
const EVENT_FIELDS = ["date", "kind", "number", "agent", "dose_mg", "dose_iu", "band"];
const ISO = /^\d{4}-\d{2}-\d{2}$/;

// An event the app forbids (a contraindicated infusion) never reaches the patient's list.
export function snapshot(events) {
  const seen = {};
  return events.filter((event) => event.band !== "contraindicated").map((event) => {
    seen[event.kind] = (seen[event.kind] ?? 0) + 1;
    const kept = { id: `${event.kind}-${seen[event.kind]}` };
    for (const field of EVENT_FIELDS) if (event[field] !== undefined && event[field] !== null) kept[field] = event[field];
    return kept;
  });
}

function randomId() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// A new carnet from a link's code, its parameters and the mirror's result.
export function create(code, params, result, previous = null) {
  const events = snapshot(result.events);
  const ids = new Set(events.map((event) => event.id));
  // Replacing a plan (after the patient said yes) keeps the ticks of events still in it.
  const done = Object.fromEntries(Object.entries(previous?.done ?? {}).filter(([id]) => ids.has(id)));
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
    done,
    rules: result.rules,
  };
}

// Ticks that a replacement would drop (to say so before asking).
export function lostTicks(previous, code, params, result) {
  const next = create(code, params, result, previous);
  return Object.keys(previous?.done ?? {}).length - Object.keys(next.done).length;
}

// A stored or imported carnet in this format, else null (a later format would be
// migrated here, so that an app update never drops a carnet).
export function check(carnet) {
  if (!carnet || typeof carnet !== "object" || carnet.format !== FORMAT) return null;
  if (!Array.isArray(carnet.events) || !carnet.events.every((e) => e && typeof e.id === "string" && ISO.test(e.date) && typeof e.kind === "string")) return null;
  if (!carnet.done || typeof carnet.done !== "object") return null;
  for (const mark of Object.values(carnet.done)) if (!mark || !ISO.test(mark.date)) return null;
  if (!carnet.plan || typeof carnet.id !== "string") return null;
  if (carnet.plan.made !== undefined && !ISO.test(carnet.plan.made)) return null;
  if (carnet.rules !== undefined && !(typeof carnet.rules?.version === "string" && ISO.test(carnet.rules.date))) return null;
  return carnet;
}

export function load() {
  try {
    return check(JSON.parse(localStorage.getItem(KEY)));
  } catch {
    return null;
  }
}

export function save(carnet) {
  localStorage.setItem(KEY, JSON.stringify(carnet));
  // Ask the browser not to evict it under storage pressure (no prompt in Chromium).
  navigator.storage?.persist?.().catch(() => {});
}

export function clear() {
  localStorage.removeItem(KEY);
}

export function markDone(carnet, id, date, note) {
  carnet.done[id] = note ? { date, note } : { date };
  save(carnet);
}

export function unmark(carnet, id) {
  delete carnet.done[id];
  save(carnet);
}
