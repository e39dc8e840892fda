// Fills a result <template> rendered by webapp/slots.py with a result computed in the
// browser, so that the DOM ends exactly as the server would have rendered it.
import { decimalsOf, formatDate, formatNumber, translate, typeset } from "./format.mjs";

// Paths and conditions are read once and kept compiled: each keystroke evaluates all of a template's.
function memo(make) {
  const made = new Map();
  return (text) => {
    if (!made.has(text)) made.set(text, make(text));
    return made.get(text);
  };
}

const keysOf = memo((path) => path.split("."));

function lookup(data, path) {
  let value = data;
  for (const key of keysOf(path)) {
    value = value && typeof value === "object" ? value[key] : undefined;
  }
  return value;
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

function isEmpty(value) {
  return value === null || value === undefined || value === false || value === "" || value === 0 ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === "object" && !Array.isArray(value) && value !== null && Object.keys(value).length === 0);
}

const condition = memo((expr) => {
  const [, negate, path, op, values] = expr.match(CONDITION);
  const listed = op && new Set(values.split("|"));
  const holds = op === "=" ? (data) => listed.has(asText(lookup(data, path)))
    : op ? (data) => !listed.has(asText(lookup(data, path)))
      : (data) => !isEmpty(lookup(data, path));
  return negate ? (data) => !holds(data) : holds;
});

export const testCondition = (expr, data) => condition(expr)(data);

export function formatValue(value, fmt, catalog) {
  if (value === null || value === undefined) return "";
  const [kind, arg] = fmt.split(":");
  if (kind === "number") return formatNumber(value, catalog.locale, arg === "written" ? decimalsOf(value) : Number(arg || 0));
  if (kind === "date") return formatDate(value, catalog.locale, arg || "long");
  if (kind === "msg") return translate(value, catalog);
  if (kind === "count") return formatNumber(value.length, catalog.locale, 0);
  return asText(value);
}

// Sets what differs only: an unchanged slot keeps its text node.
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
function setHref(el, href) {
  if (el.getAttribute("href") !== href) el.setAttribute("href", href);
}

// Conditions first, then this level's slots and links, then rows (each row filled with its item).
// `bind`, if given, receives one setter per slot and link, taking the whole result: `refill` runs them on a
// result of the same shape, and the DOM ends as a fresh fill of that result would leave it.
export function fill(root, data, catalog, bind = null) {
  for (const el of [...root.querySelectorAll("[data-if]")]) {
    if (!root.contains(el)) continue; // removed with an outer block
    if (testCondition(el.dataset.if, data)) el.removeAttribute("data-if");
    else el.remove();
  }
  const setters = [];
  for (const el of root.querySelectorAll("[data-slot]")) {
    const { slot, format } = el.dataset;
    setters.push((d) => setText(el, typeset(formatValue(lookup(d, slot), format, catalog), catalog.locale.lang)));
  }
  for (const el of root.querySelectorAll("[data-href-slot]")) {
    const { hrefSlot, hrefPrefix } = el.dataset;
    setters.push((d) => setHref(el, hrefPrefix + asText(lookup(d, hrefSlot))));
  }
  for (const el of root.querySelectorAll("[data-href-query]")) setters.push((d) => setHref(el, nextHref(el, d)));
  for (const set of setters) {
    set(data);
    bind?.(set);
  }
  for (const tpl of [...root.querySelectorAll("template[data-rows]")]) {
    const path = tpl.dataset.rows;
    (lookup(data, path) || []).forEach((item, index) => {
      const row = tpl.content.cloneNode(true);
      fill(row, item, catalog, bind && ((set) => bind((d) => set(lookup(d, path)[index]))));
      tpl.before(row);
    });
    tpl.remove();
  }
  return root;
}

// What a fill decides besides slots: every condition's outcome and, for each list of rows, its items' shapes.
// Two results of the same shape fill a template into the same elements. Conditions inside a block that an
// outer one removes are counted too: harmless, and the key stays a plain function of the result.
const plans = new WeakMap();

function planOf(content) {
  let plan = plans.get(content);
  if (!plan) {
    plan = {
      conditions: [...content.querySelectorAll("[data-if]")].map((el) => condition(el.dataset.if)),
      rows: [...content.querySelectorAll("template[data-rows]")].map((tpl) => [tpl.dataset.rows, planOf(tpl.content)]),
    };
    plans.set(content, plan);
  }
  return plan;
}

function shapeOf(plan, data) {
  let key = plan.conditions.map((holds) => (holds(data) ? "1" : "0")).join("");
  for (const [path, rowPlan] of plan.rows) {
    key += `[${(lookup(data, path) || []).map((item) => shapeOf(rowPlan, item)).join(",")}]`;
  }
  return key;
}

// A result template drawn into a region block by block, each block one top-level node of the template. A
// block whose shape is unchanged has only its slots and links rewritten; one whose shape changed is filled
// again alone. The region always ends as a fresh fill of the whole template would leave it (blocks do not
// reach into each other). `forget` when anything else has changed the region: the next draw starts afresh.
export function drawing(template, catalog) {
  const blocks = [...template.content.childNodes].map((node) => {
    const source = new DocumentFragment();
    source.append(node.cloneNode(true));
    return { source, plan: planOf(source) };
  });
  let drawn = null; // per block: { key, setters, nodes } as on screen

  function fresh(block, data) {
    const setters = [];
    const nodes = [...fill(block.source.cloneNode(true), data, catalog, (set) => setters.push(set)).childNodes];
    return { key: shapeOf(block.plan, data), setters, nodes };
  }

  return {
    forget() { drawn = null; },
    draw(region, data) {
      if (!drawn) {
        drawn = blocks.map((block) => fresh(block, data));
        region.replaceChildren(...drawn.flatMap((block) => block.nodes));
        return;
      }
      blocks.forEach((block, i) => {
        if (shapeOf(block.plan, data) === drawn[i].key) {
          for (const set of drawn[i].setters) set(data);
          return;
        }
        const next = fresh(block, data);
        const after = drawn.slice(i + 1).find((later) => later.nodes.length)?.nodes[0] ?? null;
        for (const node of next.nodes) region.insertBefore(node, after);
        for (const node of drawn[i].nodes) node.remove();
        drawn[i] = next;
      });
    },
  };
}
