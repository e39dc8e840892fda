// "Fill from a lab file": a FHIR R4 file (picked or pasted) read on the device with the core's mirror, the
// same table as the API's POST. Each value is shown with its date and code, and what is not used with the
// reason; the form is filled only when the user confirms, then recomputes as if the values were typed.
// Nothing leaves the device.
import { formatDate, translate } from "./format.mjs";

const box = document.querySelector("[data-fhir-import]");
const form = document.querySelector("form[data-calculator]");
let catalogPromise;
const loadCatalog = () => (catalogPromise ??= fetch(box.dataset.catalog).then((r) => r.json()));
let pending = null; // the values read, until used or cancelled

const part = (name) => box.querySelector(`[data-fhir-${name}]`);
const status = (text) => { part("status").textContent = text; };

// The device's calendar date: a value's age is counted from it.
function today() {
  const now = new Date();
  return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
}

// The field's own label on the page (its legend for a choice), without the unit in brackets.
function fieldLabel(name) {
  const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
  const label = input?.closest("fieldset")?.querySelector("legend") ?? form.querySelector(`label[for="f-${CSS.escape(name)}"]`);
  const copy = label?.cloneNode(true);
  copy?.querySelector(".unit")?.remove();
  return copy ? copy.textContent.trim() : name;
}

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text;
  row.append(td);
  return td;
}

const origin = (entry) => [entry.code && /^\d/.test(entry.code) ? `LOINC ${entry.code}` : entry.code, entry.resource]
  .filter(Boolean).join(" · ");

function show(reading, cat) {
  const stale = Object.fromEntries(reading.stale.map((s) => [s.field, s.days]));
  const rows = reading.used.map((entry) => {
    const row = document.createElement("tr");
    cell(row, fieldLabel(entry.field));
    cell(row, [entry.value, entry.unit].filter(Boolean).join(" "));
    const date = cell(row, entry.date ? formatDate(entry.date, cat.locale, "medium") : "");
    if (entry.field in stale) {
      const warning = document.createElement("strong");
      warning.className = "invalid";
      warning.textContent = box.dataset.stale.replace("{days}", String(stale[entry.field]));
      date.append(document.createElement("br"), warning);
    }
    cell(row, origin(entry));
    return row;
  });
  part("used").replaceChildren(...rows);
  const ignored = reading.ignored.map((entry) => {
    const item = document.createElement("li");
    const what = [origin(entry), [entry.value, entry.unit].filter(Boolean).join(" "),
      entry.date ? formatDate(entry.date, cat.locale, "medium") : ""].filter(Boolean).join(", ");
    item.textContent = [what, translate(entry.reason, cat)].filter(Boolean).join(" — ");
    return item;
  });
  part("ignored").replaceChildren(...ignored);
  part("ignored-box").hidden = !ignored.length;
  part("apply").hidden = !rows.length;
  part("review").hidden = false;
  status(rows.length ? "" : box.dataset.empty);
  pending = rows.length ? reading.values : null;
}

async function read(text) {
  const cat = await loadCatalog();
  let resource;
  try {
    resource = JSON.parse(text);
  } catch {
    resource = undefined; // not JSON: the core's own "not FHIR" message below
  }
  const { readFhir } = await import("./clinical/index.mjs"); // the mirror, loaded when a file is read
  const answer = readFhir(resource ?? null, today(), box.dataset.calculator);
  if (answer.errors) {
    part("review").hidden = true;
    pending = null;
    status(translate(answer.errors.bundle, cat));
    return;
  }
  show(answer.result, cat);
}

// Into the form as if typed: each changed field gets its input event, so the page recomputes.
function apply(values) {
  for (const [name, value] of Object.entries(values)) {
    for (const input of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
      if (input.type === "radio" || input.type === "checkbox") input.checked = input.value === value;
      else input.value = value;
      input.closest("details")?.setAttribute("open", "");
      if (input.type !== "radio" || input.checked) input.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }
}

box.querySelector("#fhir-file").addEventListener("change", async (event) => {
  const file = event.target.files[0];
  if (file) await read(await file.text());
});
part("read").addEventListener("click", () => read(box.querySelector("#fhir-text").value));
part("apply").addEventListener("click", () => {
  if (!pending) return;
  apply(pending);
  pending = null;
  part("review").hidden = true;
  status(box.dataset.filled);
});
part("cancel").addEventListener("click", () => {
  pending = null;
  part("review").hidden = true;
  status("");
});
box.dataset.ready = "true";
