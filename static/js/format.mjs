// Numbers, dates and messages per locale: the browser twin of webapp/formatting.py and
// webapp/i18n.translate. `locale` is the JSON the server writes from Babel's data.

export function formatNumber(value, locale, decimals = 0) {
  const digits = Math.abs(value).toFixed(decimals); // half up on the exact binary value
  let [whole, fraction] = digits.split(".");
  let grouped = "";
  while (whole.length > 3) {
    grouped = locale.group + whole.slice(-3) + grouped;
    whole = whole.slice(0, -3);
  }
  const text = whole + grouped + (fraction ? locale.decimal + fraction : "");
  return (value < 0 && /[1-9]/.test(digits) ? "-" : "") + text;
}

const TOKEN = /'[^']*'|EEEE|MMMM|MMM|dd|d|y+|[^'EMdy]+/g;

const tokens = new Map(); // pattern → its tokens: a schedule formats dozens of dates per keystroke

export function formatDate(iso, locale, style = "long") {
  const [y, m, d] = iso.split("-").map(Number);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  const pattern = locale.date_patterns[style];
  if (!tokens.has(pattern)) tokens.set(pattern, pattern.match(TOKEN));
  return tokens.get(pattern).map((token) => {
    if (token === "EEEE") return locale.weekdays[weekday];
    if (token === "MMMM") return locale.months[m - 1];
    if (token === "MMM") return locale.months_short[m - 1];
    if (token === "dd") return String(d).padStart(2, "0");
    if (token === "d") return String(d) + (locale.lang === "fr" && d === 1 ? "er" : ""); // "1er décembre"
    if (token.startsWith("y")) return String(y);
    if (token.startsWith("'")) return token.slice(1, -1) || "'";
    return token;
  }).join("");
}

// Enough decimals to show a value as written (0.2 mg/dL, 1 250 nmol/L): formatting.written_decimals.
export function decimalsOf(value) {
  for (let places = 0; places < 4; places++) {
    const scaled = value * 10 ** places;
    if (Math.abs(scaled - pyRound(scaled)) < 1e-9) return places;
  }
  return 4;
}

// Python's round(): halves to even.
function pyRound(x) {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// French typography: formatting.typeset, rule for rule.
const UNITS = "mg|g|kg|mL|µmol|mmol|ng|nmol|UI|cm|mois|jours|ans|semaines|%";
const FRENCH = [
  [/«[ \u00a0]?/g, "«\u00a0"],
  [/[ \u00a0]?»/g, "\u00a0»"],
  [/ ([;!?])/g, "\u202f$1"],
  [/ :/g, "\u00a0:"],
  [/([A-Za-zÀ-ÿ0-9)\]%])([;!?])(?= |$)/g, "$1\u202f$2"],
  [/([A-Za-zÀ-ÿ0-9)\]%]):(?= |$)/g, "$1\u00a0:"],
  [/(\d) (?=[A-Za-zÀ-ÿµ%])/g, "$1\u00a0"],
  [new RegExp(`(%\\([a-z_]+\\)s) (?=(?:${UNITS})(?![A-Za-zÀ-ÿ]))`, "g"), "$1\u00a0"],
  [/([nN]°) /g, "$1\u00a0"],
];

export function typeset(text, lang) {
  return lang === "fr" ? FRENCH.reduce((out, [pattern, repl]) => out.replace(pattern, repl), text) : text;
}

// A message's ISO date parameter is shown as a long date, as webapp.i18n.translate does.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function translate(message, catalog) {
  const text = catalog.messages[message.msgid] ?? message.msgid;
  const params = message.params || {};
  if (!Object.keys(params).length) return typeset(text, catalog.locale.lang);
  return typeset(text.replace(/%(?:\((\w+)\))?([s%])/g, (all, name, kind) => {
    if (kind === "%") return "%";
    const value = params[name];
    if (typeof value === "number") return formatNumber(value, catalog.locale, decimalsOf(value));
    return typeof value === "string" && ISO_DATE.test(value) ? formatDate(value, catalog.locale, "long") : String(value);
  }), catalog.locale.lang);
}
