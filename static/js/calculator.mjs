// A calculator form that computes in the browser with the mirror of the clinical core,
// when the page comes from the static site or the live server cannot be reached.
// What it shows is built from the page's own <template>s, so it matches the server.
import { CONSTANTS, run } from "./clinical/index.mjs";
import { translate } from "./format.mjs";
import { fill } from "./render.mjs";
import { syncLanguageLinks } from "./links.mjs";

let catalogPromise;
const catalog = (form) => (catalogPromise ??= fetch(form.dataset.catalog).then((r) => r.json()));

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
export function outcome(name, values, primary, live) {
  if (primary.length && !primary.some((field) => (values[field] ?? "").trim())) return { state: "empty", errors: {} };
  const answer = run(name, values);
  if (!answer.errors) return { state: "ok", result: answer.result, errors: {} };
  const errors = Object.fromEntries(Object.entries(answer.errors)
    .filter(([, message]) => !(live && message.msgid === CONSTANTS["parse.REQUIRED"])));
  return Object.keys(errors).length ? { state: "invalid", errors } : { state: "incomplete", errors };
}

export async function show(form, values, live) {
  const cat = await catalog(form);
  const result = outcome(form.dataset.calculator, values, form.dataset.primary.split(" ").filter(Boolean), live);
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

function computeHere(form, live) {
  const values = params(form);
  const query = new URLSearchParams(values).toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
  syncLanguageLinks();
  return show(form, values, live);
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
  return true;
}

export function enhance(form) {
  const local = !form.hasAttribute("hx-get");
  let timer;
  if (local) {
    form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => computeHere(form, true), 350); });
    form.addEventListener("change", () => { clearTimeout(timer); computeHere(form, true); });
    form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(timer); computeHere(form, false); });
  } else {
    // Tell the server whether the user is still typing or asked for the result.
    form.addEventListener("htmx:configRequest", (event) => {
      event.detail.headers["X-Live"] = String(event.detail.triggeringEvent?.type !== "submit");
    });
    form.addEventListener("htmx:sendError", (event) => computeHere(form, event.detail.requestConfig?.triggeringEvent?.type !== "submit"));
    document.body.addEventListener("htmx:afterSettle", () => markInvalid(form));
  }
  if (restoreFromUrl(form)) computeHere(form, false);
  form.dataset.ready = "true";
}
