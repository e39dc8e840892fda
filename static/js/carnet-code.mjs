// The plan travels from the clinician to the patient inside the link's fragment
// (after "#"), which browsers never send to a server. It holds the schedule's INPUTS,
// not its events: the patient's page recomputes the events with the clinical mirror.
//
//   #p=2.dw_20250310_12.5n_45_20270201_20250201-16p9ks9
//      │ ││ │        │     │  │        │        └ check: 32-bit FNV-1a over "2.<body>", 7 base-36 characters
//      │ ││ │        │     │  │        └ the day the plan was made (YYYYMMDD), optional (older links lack it)
//      │ ││ │        │     │  └ planned denosumab stop (YYYYMMDD), optional
//      │ ││ │        │     └ creatinine clearance (mL/min), optional
//      │ ││ │        └ vitamin D level + unit (n = ng/mL, l = nmol/L), optional
//      │ ││ └ first injection (YYYYMMDD)
//      │ │└ interval: w = every 4 weeks, m = same day each month
//      │ └ agent: d = denosumab, z = zoledronic acid
//      └ encoding version; a later app must keep reading "2." and "1."
// Empty trailing fields are dropped. The check catches a link cut, mistyped or edited by
// hand: a truncated clearance ("45" → "4") must never give another dose silently, and a
// 32-bit check cannot be found by trying values (2^32 tries, against 1,296 for the old one).
// Version 1 links (the same fields, a 2-character check over "1.<body>") still read,
// flagged as older so the patient's page asks to check the plan's key facts.

export const VERSION = "2";
const OLDER = "1";
const AGENTS = { d: "denosumab", z: "zoledronic_acid" };
const INTERVALS = { w: "4w", m: "monthly" };
const UNITS = { n: "ng/mL", l: "nmol/L" };
const NUMBER = /^\d+(\.\d+)?$/;
const DAY = /^(\d{4})(\d{2})(\d{2})$/;
const CODE = /^(\d+)\.([a-z0-9._]+)-([0-9a-z]{2}|[0-9a-z]{7})$/;

const MAX_LENGTH = 120; // the longest code is about 60 characters

const keyOf = (table, value) => Object.keys(table).find((key) => table[key] === value);

// 32-bit FNV-1a over the code's characters (all ASCII: the pattern above admits no other).
function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}
// Version 2: the whole hash (1 in 4,294,967,296 chance to miss an error); version 1 kept it
// to two base-36 characters (1 in 1,296).
export const check = (text) => fnv1a(text).toString(36).padStart(7, "0");
const olderCheck = (text) => (fnv1a(text) % 1296).toString(36).padStart(2, "0");

// The core reads "12,5", "12.5", "+12.", ".5" alike: write the one canonical form.
function number(value) {
  const text = (value ?? "").trim().replace(",", ".").replace(/^\+/, "");
  return /^(\d+\.?\d*|\.\d+)$/.test(text) ? String(Number(text)) : text;
}
const day = (iso) => (iso ?? "").replaceAll("-", "");
const iso = (text) => text.replace(DAY, "$1-$2-$3");

// Form values (the API's parameter names) → the code after "#p=". Null when the
// inputs cannot be written (the preview is only shown for valid inputs anyway).
export function encode(params) {
  const agent = keyOf(AGENTS, params.agent);
  const interval = keyOf(INTERVALS, params.interval);
  const start = day(params.start);
  const level = number(params.vitamin_d);
  const crcl = number(params.crcl);
  const stop = day(params.stop);
  const made = day(params.today);
  const unit = keyOf(UNITS, params.unit); // never assumed: a level without its unit is not written
  if (!agent || !interval || !DAY.test(start) || (stop && !DAY.test(stop)) || (made && !DAY.test(made))) return null;
  if ((level && (!NUMBER.test(level) || !unit)) || (crcl && !NUMBER.test(crcl))) return null;
  const fields = [agent + interval, start, level && level + unit, crcl, stop, made];
  while (!fields.at(-1)) fields.pop();
  const body = `${VERSION}.${fields.join("_")}`;
  return `${body}-${check(body)}`;
}

// Whether a code's check is right for its version (each version has its own check length).
function checked([, version, body, sum]) {
  if (version === VERSION) return sum === check(`${version}.${body}`);
  if (version === OLDER) return sum === olderCheck(`${version}.${body}`);
  return false;
}

// The code → {params, older}, or null for a damaged or unknown code. older: a version 1
// link, read as before but with a weaker check.
export function read(code) {
  const match = (code ?? "").length <= MAX_LENGTH && CODE.exec(code);
  if (!match || !checked(match)) return null;
  const params = fields(match[2]);
  return params && { params, older: match[1] === OLDER };
}

// The code → the schedule's parameters, or null for a damaged or unknown code.
export const decode = (code) => read(code)?.params ?? null;

function fields(body) {
  const [head, start, level = "", crcl = "", stop = "", made = "", ...extra] = body.split("_");
  const agent = AGENTS[head[0]];
  const interval = INTERVALS[head[1]];
  if (head.length !== 2 || !agent || !interval || !DAY.test(start) || extra.length) return null;
  const params = { agent, interval, start: iso(start) };
  if (level) {
    const unit = UNITS[level.at(-1)];
    if (!unit || !NUMBER.test(level.slice(0, -1))) return null;
    Object.assign(params, { vitamin_d: level.slice(0, -1), unit });
  }
  if (crcl) {
    if (!NUMBER.test(crcl)) return null;
    params.crcl = crcl;
  }
  if (stop) {
    if (!DAY.test(stop)) return null;
    params.stop = iso(stop);
  }
  if (made) {
    if (!DAY.test(made)) return null;
    params.today = iso(made);
  }
  return params;
}

// "#p=<code>" → the code, or null when the fragment carries no plan.
export function fromHash(hash) {
  const found = new URLSearchParams((hash ?? "").replace(/^#/, "")).get("p");
  return found || null;
}
