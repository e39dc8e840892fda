// Mirror of webapp/clinical/parse.py.

import { N_, msg } from "./messages.mjs";
import { daysFromCivil, daysInMonth } from "./dates.mjs";
import { rangeContains, rangeMessage, datesMessage, DATES } from "./limits.mjs";

export const MAX_CHARS = 32; // counted in code points, as Python's len() (see pyLen)
export const WHITESPACE = " \t\r\n\u00a0\u202f";
export const _DECIMAL = "[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)";
export const _GROUPED = "[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}"; // "1,500" = 1.5 or 1500?
export const _ISO_DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}";
export const _TRUE = ["true", "on", "1"];
export const _FALSE = ["false", "0", ""];
export const REQUIRED = N_("This field is required.");
export const TOO_LONG = N_("Enter at most %(max)s characters.");
export const NOT_A_NUMBER = N_("Enter a number, for example 12.5 or 12,5.");
export const AMBIGUOUS_NUMBER = N_("Enter the number without a thousands separator (for example 1500 or 1.25).");
export const NOT_A_DATE = N_("Enter a valid date as YYYY-MM-DD.");
export const NOT_A_BOOLEAN = N_("Enter true or false.");
export const NOT_A_CHOICE = N_("Choose one of: %(choices)s.");

const DECIMAL_RE = new RegExp(`^(?:${_DECIMAL})$`);
const GROUPED_RE = new RegExp(`^(?:${_GROUPED})$`);
const ISO_DATE_RE = new RegExp(`^(?:${_ISO_DATE})$`);

class FieldError extends Error {
  constructor(message) {
    super(message.msgid);
    this.fieldMessage = message;
  }
}

/** Python len(): code points, not UTF-16 units. */
function pyLen(text) {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** str.strip(WHITESPACE). */
function strip(text) {
  let start = 0;
  let end = text.length;
  while (start < end && WHITESPACE.includes(text[start])) start += 1;
  while (end > start && WHITESPACE.includes(text[end - 1])) end -= 1;
  return text.slice(start, end);
}

/** parse._clean: raises when too long (before trimming). */
function clean(text) {
  if (text === null || text === undefined) return "";
  if (pyLen(text) > MAX_CHARS) throw new FieldError(msg(TOO_LONG, { max: MAX_CHARS }));
  return strip(text);
}

/** parse.is_blank */
function isBlank(text) { return text === null || text === undefined || strip(text) === ""; }

/**
 * parse.parse_decimal: float(text with "," → ".") + 0.0, checked against bounds.
 * "1,500" is refused as ambiguous only when its grouped reading (1500) is also within bounds.
 */
function parseDecimal(text, bounds = null) {
  const body = clean(text);
  if (body === "") throw new FieldError(msg(REQUIRED));
  if (!DECIMAL_RE.test(body)) throw new FieldError(msg(NOT_A_NUMBER));
  if (bounds !== null && GROUPED_RE.test(body)) {
    if (rangeContains(bounds, Number(body.replace(",", "").replace(".", "")))) {
      throw new FieldError(msg(AMBIGUOUS_NUMBER));
    }
  }
  const value = Number(body.replace(",", ".")) + 0; // + 0 turns -0 into 0, like Python's + 0.0
  if (bounds !== null && !rangeContains(bounds, value)) throw new FieldError(rangeMessage(bounds));
  return value;
}

/** parse.parse_date: ISO YYYY-MM-DD (date.fromisoformat rules), within limits.DATES. */
function parseDate(text) {
  const body = clean(text);
  if (body === "") throw new FieldError(msg(REQUIRED));
  if (!ISO_DATE_RE.test(body)) throw new FieldError(msg(NOT_A_DATE));
  const y = Number(body.slice(0, 4));
  const m = Number(body.slice(5, 7));
  const d = Number(body.slice(8, 10));
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw new FieldError(msg(NOT_A_DATE));
  const value = daysFromCivil(y, m, d);
  if (!(DATES.min <= value && value <= DATES.max)) throw new FieldError(datesMessage());
  return value;
}

/** parse.parse_bool */
function parseBool(text) {
  const body = clean(text).toLowerCase();
  if (_TRUE.includes(body)) return true;
  if (_FALSE.includes(body)) return false;
  throw new FieldError(msg(NOT_A_BOOLEAN));
}

/** parse.parse_choice */
function parseChoice(text, choices, defaultValue = null) {
  const body = clean(text);
  if (body === "") {
    if (defaultValue === null) throw new FieldError(msg(REQUIRED));
    return defaultValue;
  }
  if (!choices.includes(body)) throw new FieldError(msg(NOT_A_CHOICE, { choices: choices.join(", ") }));
  return body;
}

/** parse.Fields: reads a request field by field, keeping the first error of each field. */
export class Fields {
  constructor(params) {
    this.params = params;
    this.errors = {};
  }

  get(name) {
    return Object.prototype.hasOwnProperty.call(this.params, name) ? this.params[name] : null;
  }

  given(name) { return !isBlank(this.get(name)); }

  attempt(name, parse, placeholder) {
    try {
      return parse(this.get(name));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      this.reject(name, error.fieldMessage);
      return placeholder;
    }
  }

  number(name, bounds) { return this.attempt(name, (t) => parseDecimal(t, bounds), NaN); }
  optionalNumber(name, bounds) { return this.given(name) ? this.number(name, bounds) : null; }
  date(name) { return this.attempt(name, parseDate, DATES.min); }
  optionalDate(name) { return this.given(name) ? this.date(name) : null; }
  flag(name) { return this.attempt(name, parseBool, false); }
  choice(name, choices, defaultValue = null) {
    return this.attempt(name, (t) => parseChoice(t, choices, defaultValue), "");
  }

  reject(name, message) {
    if (!Object.prototype.hasOwnProperty.call(this.errors, name)) this.errors[name] = message;
  }

  ok(...names) { return !names.some((name) => Object.prototype.hasOwnProperty.call(this.errors, name)); }

  failed() { return Object.keys(this.errors).length > 0; }
}

/** dict.get on a constant mapping: null when absent (e.g. an invalid unit gives no bounds). */
export function lookup(mapping, key) {
  return Object.prototype.hasOwnProperty.call(mapping, key) ? mapping[key] : null;
}
/** dict.get(key, fallback). */
export function lookupOr(mapping, key, fallback) {
  return Object.prototype.hasOwnProperty.call(mapping, key) ? mapping[key] : fallback;
}
