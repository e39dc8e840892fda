// Fills a result <template> rendered by webapp/slots.py with a result computed in the
// browser, so that the DOM ends exactly as the server would have rendered it.
import { decimalsOf, formatDate, formatNumber, translate, typeset } from "./format.mjs";

function lookup(data, path) {
  return path.split(".").reduce((value, key) => (value && typeof value === "object" ? value[key] : undefined), data);
}

function asText(value) {
  if (value === true) return "true";
  if (value === false) return "false";
  return value === null || value === undefined ? "" : String(value);
}

// A value as a query parameter (webapp/slots.py query_text): String() already writes 70, not 70.0.
const queryText = asText;

// The next calculator's link: its fixed base and the carried "param=path" pairs that have a value.
function nextHref(el, data) {
  const query = new URLSearchParams();
  for (const pair of el.dataset.hrefQuery.split(" ").filter(Boolean)) {
    const [name, path] = pair.split("=");
    const text = queryText(lookup(data, path));
    if (text) query.append(name, text);
  }
  const extra = query.toString();
  const base = el.dataset.hrefBase;
  return extra ? `${base}${base.includes("?") ? "&" : "?"}${extra}` : base;
}

const CONDITION = /^(!?)([\w.]+)(?:(!?=)([\w.|/-]+))?$/;

export function testCondition(expr, data) {
  const [, negate, path, op, values] = expr.match(CONDITION);
  const value = lookup(data, path);
  let result;
  if (op) {
    const found = values.split("|").includes(asText(value));
    result = op === "=" ? found : !found;
  } else {
    const empty = value === null || value === undefined || value === false || value === "" || value === 0 ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === "object" && !Array.isArray(value) && value !== null && Object.keys(value).length === 0);
    result = !empty;
  }
  return negate ? !result : result;
}

export function formatValue(value, fmt, catalog) {
  if (value === null || value === undefined) return "";
  const [kind, arg] = fmt.split(":");
  if (kind === "number") return formatNumber(value, catalog.locale, arg === "written" ? decimalsOf(value) : Number(arg || 0));
  if (kind === "date") return formatDate(value, catalog.locale, arg || "long");
  if (kind === "msg") return translate(value, catalog);
  if (kind === "count") return formatNumber(value.length, catalog.locale, 0);
  return asText(value);
}

// Conditions first, then this level's slots and links, then rows (each row filled with its item).
export function fill(root, data, catalog) {
  for (const el of [...root.querySelectorAll("[data-if]")]) {
    if (!root.contains(el)) continue; // removed with an outer block
    if (testCondition(el.dataset.if, data)) el.removeAttribute("data-if");
    else el.remove();
  }
  for (const el of root.querySelectorAll("[data-slot]")) {
    el.textContent = typeset(formatValue(lookup(data, el.dataset.slot), el.dataset.format, catalog), catalog.locale.lang);
  }
  for (const el of root.querySelectorAll("[data-href-slot]")) {
    el.setAttribute("href", el.dataset.hrefPrefix + asText(lookup(data, el.dataset.hrefSlot)));
  }
  for (const el of root.querySelectorAll("[data-href-query]")) el.setAttribute("href", nextHref(el, data));
  for (const tpl of [...root.querySelectorAll("template[data-rows]")]) {
    for (const item of lookup(data, tpl.dataset.rows) || []) {
      const row = tpl.content.cloneNode(true);
      fill(row, item, catalog);
      tpl.before(row);
    }
    tpl.remove();
  }
  return root;
}
