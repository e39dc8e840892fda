// A calculator form that answers in the same frame as each keystroke, with the browser mirror of the
// clinical core, on the static site and on the live server alike (safety rules §11.12). What it shows is
// built from the page's own <template>s, so it matches the server. On the live server htmx still asks the
// server (debounced); its answer replaces the mirror's only if it belongs to the inputs still on screen,
// and an error or a time-out never leaves an old answer in place.
import { translate } from "./format.mjs";
import { fill } from "./render.mjs";
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

function render(form, values, live) {
  const result = outcome(core, form.dataset.calculator, values, form.dataset.primary.split(" ").filter(Boolean), live);
  for (const field of form.dataset.fields.split(" ")) {
    const slot = document.getElementById(`error-${field}`);
    const message = result.errors[field];
    slot.textContent = message ? translate(message, cat) : "";
  }
  markInvalid(form);
  const region = document.getElementById("result");
  if (result.state === "empty") region.replaceChildren();
  else if (result.state === "ok") region.replaceChildren(fill(document.getElementById("tpl-result").content.cloneNode(true), result.result, cat));
  else region.replaceChildren(document.getElementById(`tpl-${result.state}`).content.cloneNode(true));
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

// The answers typed so far, in the address bar and the language link: after the answer, off its path.
function keepInUrl(values) {
  const query = new URLSearchParams(values).toString();
  setTimeout(() => {
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
    syncLanguageLinks();
  });
}

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
        render(form, values, typing);
      } catch {
        region().replaceChildren(); // nothing computed: the old answer goes, never stays
      }
      settle();
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
  // The mirror loads after the page has painted, or at once when the user starts.
  form.addEventListener("focusin", () => { loadCore(); loadCatalog(form); }, { once: true });
  (window.requestIdleCallback ?? setTimeout)(() => { loadCore(); loadCatalog(form); });
  form.dataset.ready = "true";
}
