// A calculator form that answers in the same frame as each keystroke, with the browser mirror of the
// clinical core, on the static site and on the live server alike (safety rules §11.12). What it shows is
// built from the page's own <template>s, so it matches the server. On the live server htmx still asks the
// server (debounced); its answer replaces the mirror's only if it belongs to the inputs still on screen,
// and an error or a time-out never leaves an old answer in place.
import { translate } from "./format.mjs";
import { drawing, setText } from "./render.mjs";
import { syncLanguageLinks } from "./links.mjs";
import { deviceToday } from "./note.mjs";
import { resultBar } from "./result-bar.mjs";

let corePromise;
let core; // the mirror's index module, once loaded
const loadCore = () => (corePromise ??= import("./clinical/index.mjs").then((module) => (core = module)));
let catalogPromise;
let cat; // the page language's catalog, once loaded
const loadCatalog = (form) => (catalogPromise ??= fetch(form.dataset.catalog).then((r) => r.json()).then((c) => (cat = c)));

function params(form) {
  const data = new FormData(form);
  const out = {};
  for (const name of form.dataset.fields.split(" ")) {
    if (data.has(name)) out[name] = data.get(name);
  }
  return out;
}

// The same decision as webapp.pages.evaluate: nothing shown until a primary field is
// filled; while typing (live), fields not filled in yet are not flagged.
export function outcome(mirror, name, values, primary, live) {
  if (primary.length && !primary.some((field) => (values[field] ?? "").trim())) return { state: "empty", errors: {} };
  const answer = mirror.run(name, values);
  if (!answer.errors) return { state: "ok", result: answer.result, errors: {} };
  const errors = Object.fromEntries(Object.entries(answer.errors)
    .filter(([, message]) => !(live && message.msgid === mirror.CONSTANTS["parse.REQUIRED"])));
  return Object.keys(errors).length ? { state: "invalid", errors } : { state: "incomplete", errors };
}

function render(form, values, live, draw) {
  const result = outcome(core, form.dataset.calculator, values, form.dataset.primary.split(" ").filter(Boolean), live);
  for (const field of form.dataset.fields.split(" ")) {
    const slot = document.getElementById(`error-${field}`);
    const message = result.errors[field];
    setText(slot, message ? translate(message, cat) : "");
  }
  markInvalid(form);
  if (result.state === "ok") draw(result.result);
  else draw(null, result.state === "empty" ? null : document.getElementById(`tpl-${result.state}`));
}

// Draws into the result region: only the blocks of the answer whose shape changed are filled again, the others
// have their figures rewritten (render.mjs `drawing`), so a keystroke changes a few text nodes. Any change made
// to the region by someone else (htmx's swap, a "Copied." status, an opened <details>) makes the next answer a
// fresh fill: what is shown is always exactly what a fresh fill would show.
function drawer(region) {
  let result = null; // the drawing of the result template, once the catalog is loaded
  const ours = (record) => (record.type === "attributes" && record.target === region) // aria-busy
    || (record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement)
      ?.closest("[data-handover]"); // the hand-over box, rebuilt after each drawing ("result-drawn")
  const changedByOthers = (records) => { if (!records.every(ours)) result?.forget(); };
  const others = new MutationObserver(changedByOthers);
  others.observe(region, { childList: true, subtree: true, characterData: true, attributes: true });

  const prepare = () => (result ??= drawing(document.getElementById("tpl-result"), cat));
  const draw = (data, blank = null) => {
    changedByOthers(others.takeRecords());
    if (data) {
      prepare().draw(region, data);
    } else {
      region.replaceChildren(...(blank ? [blank.content.cloneNode(true)] : []));
      result?.forget();
    }
    others.takeRecords(); // our own changes
  };
  return Object.assign(draw, { prepare });
}

function markInvalid(form) {
  for (const input of form.querySelectorAll("input[name]")) {
    const error = document.getElementById(`error-${input.name}`);
    if (error && error.textContent.trim() && input.type !== "radio") input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }
}

const region = () => document.getElementById("result");
const withdraw = () => region().setAttribute("aria-busy", "true");
const settle = () => region().removeAttribute("aria-busy");

// The answers typed so far, in the address bar and the language link, once typing pauses: replaceState is a
// long task on a slow phone. Written at once before any click (the copied note's link, the language switch)
// and when the page is left or hidden, so nothing reads an older address.
const URL_DELAY = 500; // ms
let typedQuery = null;
let urlTimer = 0;

function keepInUrl(values) {
  typedQuery = new URLSearchParams(values).toString();
  clearTimeout(urlTimer);
  urlTimer = setTimeout(writeUrl, URL_DELAY);
}

function writeUrl() {
  if (typedQuery === null) return;
  clearTimeout(urlTimer);
  history.replaceState(null, "", typedQuery ? `?${typedQuery}` : location.pathname);
  typedQuery = null;
  syncLanguageLinks();
}

document.addEventListener("click", writeUrl, { capture: true });
addEventListener("pagehide", writeUrl);
document.addEventListener("visibilitychange", writeUrl);

// The device's calendar date, for the schedule's `today` (the day the plan is made), unless one is given.
function fillToday(form) {
  const field = form.querySelector("input[data-today]");
  if (!field || field.value) return;
  field.value = deviceToday();
}

// A unit may be remembered on the device and shown selected (never the sex: safety rules §11.1).
const UNIT_FIELDS = ["unit", "calcium_unit"];
const unitKey = (form, name) => `unit:${[...form.querySelectorAll(`input[name="${name}"]`)].map((input) => input.value).join("|")}`;

function rememberUnits(form) {
  for (const name of UNIT_FIELDS) {
    const radios = [...form.querySelectorAll(`input[type="radio"][name="${name}"]`)];
    if (!radios.length) continue;
    const key = unitKey(form, name);
    const saved = localStorage.getItem(key);
    if (!radios.some((radio) => radio.checked)) {
      const match = radios.find((radio) => radio.value === saved);
      if (match) match.checked = true;
    }
    for (const radio of radios) radio.addEventListener("change", () => localStorage.setItem(key, radio.value));
  }
}

// A page opened from a shared or reloaded link but rendered without its answers (the
// static site, or the service worker's copy): put them back in the form, then compute.
function restoreFromUrl(form) {
  const query = new URLSearchParams(location.search);
  if (![...query.keys()].length || form.dataset.renderedQuery === location.search.slice(1)) return false;
  for (const [name, value] of query) {
    for (const input of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      if (input.type === "radio" || input.type === "checkbox") input.checked = input.value === value;
      else input.value = value;
    }
  }
  for (const folded of form.querySelectorAll("details")) { // an answer is never hidden in a folded part
    if ([...folded.querySelectorAll("input:not([type=radio])")].some((input) => input.value)) folded.open = true;
  }
  return true;
}

export function enhance(form) {
  const live = form.hasAttribute("hx-get");
  let generation = 0; // counts the inputs' states: an answer is shown only for the current one
  let answered = ""; // the inputs (and mode) of the answer on screen
  const draw = drawer(region());

  function answer(typing) {
    fillToday(form);
    const values = params(form);
    // The "change" that follows the last keystroke (leaving the field, e.g. to tap a link in the answer)
    // brings nothing new: redrawing would replace the link under the finger and lose the tap.
    const key = JSON.stringify([values, typing]);
    if (key === answered && !region().hasAttribute("aria-busy")) return;
    answered = key;
    const current = ++generation;
    withdraw();
    const shown = () => {
      if (current !== generation) return;
      try {
        render(form, values, typing, draw);
      } catch {
        region().replaceChildren(); // nothing computed: the old answer goes, never stays
      }
      settle();
      region().dispatchEvent(new CustomEvent("result-drawn", { detail: values }));
      keepInUrl(values);
    };
    if (core && cat) shown();
    else Promise.all([loadCore(), loadCatalog(form)]).then(shown, () => { if (current === generation && !live) { region().replaceChildren(); settle(); } });
  }

  form.addEventListener("input", () => answer(true));
  form.addEventListener("change", () => answer(true));
  form.addEventListener("submit", (event) => { if (!live) event.preventDefault(); answer(false); });
  if (live) {
    // Tell the server whether the user is still typing or asked for the result; tag each request with the
    // inputs' state it was sent for.
    form.addEventListener("htmx:configRequest", (event) => {
      event.detail.headers["X-Live"] = String(event.detail.triggeringEvent?.type !== "submit");
    });
    let asked = ""; // the inputs of the last request sent: the same again would only redraw the same answer
    form.addEventListener("htmx:beforeRequest", (event) => {
      const key = JSON.stringify([params(form), event.detail.requestConfig?.headers?.["X-Live"]]);
      if (key === asked) { event.preventDefault(); return; }
      asked = key;
      event.detail.xhr.generation = generation;
    });
    form.addEventListener("htmx:sendAbort", () => { asked = ""; });
    form.addEventListener("htmx:beforeSwap", (event) => {
      if (event.detail.xhr.generation !== generation) event.detail.shouldSwap = false;
    });
    for (const failure of ["htmx:responseError", "htmx:sendError", "htmx:timeout"]) {
      form.addEventListener(failure, (event) => {
        asked = ""; // a failed request may be sent again
        if (event.detail.xhr?.generation !== generation) return;
        if (!core || !cat) region().replaceChildren(); // no mirror answer either: show nothing rather than an old one
        settle();
      });
    }
    document.body.addEventListener("htmx:afterSettle", () => { markInvalid(form); settle(); });
  }
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-use-start]");
    if (!link) return;
    event.preventDefault();
    form.elements.start.value = new URL(link.href).hash.replace("#start=", "");
    form.elements.start.dispatchEvent(new Event("input", { bubbles: true }));
  });
  rememberUnits(form);
  resultBar(region(), document.getElementById("result-bar"));
  if (restoreFromUrl(form)) answer(false);
  // The mirror loads when the user starts (a field takes the focus before the first keystroke), not while the
  // page is still settling: on a slow phone, compiling it then would hold up the first tap.
  form.addEventListener("focusin", () => {
    Promise.all([loadCore(), loadCatalog(form)]).then(draw.prepare, () => {}); // a failed load is said at the first answer
  }, { once: true });
  form.dataset.ready = "true";
}
