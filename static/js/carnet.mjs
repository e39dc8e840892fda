// The patient's carnet: reads a plan from the link's fragment, computes its events with
// the clinical mirror, keeps them on the device, and shows the next one first. Nothing
// here talks to a server: files are made and read on the device.
import { decimalsOf, formatDate, formatNumber, translate } from "./format.mjs";
import { fromHash, read as readLink } from "./carnet-code.mjs";
import * as store from "./carnet-store.mjs";
import { calendar, cancellation, dropped } from "./carnet-ics.mjs";

const $ = (id) => document.getElementById(id);
// The clinical mirror, loaded only to compute (a plan from a link, an infusion-day check): the record is shown
// from what is stored, without it, so the page is ready sooner.
const run = async (name, values) => (await import("./clinical/index.mjs")).run(name, values);
const locale = JSON.parse($("carnet").dataset.locale);
const texts = Object.fromEntries(
  [...$("carnet-text").content.querySelectorAll("[data-key]")].map((el) => [el.dataset.key, el.textContent]),
);
const say = (key, params = {}) => translate({ msgid: key, params }, { messages: texts, locale });

const pad = (n) => String(n).padStart(2, "0");
function today() {
  const now = new Date(); // the patient's own calendar day, not UTC
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
const utc = (iso) => Date.UTC(...iso.split("-").map((n, i) => Number(n) - (i === 1 ? 1 : 0)));
const daysBetween = (from, to) => Math.round((utc(to) - utc(from)) / 86400000);

// Denosumab is 120 mg; zoledronic acid doses are read to one decimal (3.3 mg, 4.0 mg).
const mg = (event) => (event.dose_mg == null ? null : formatNumber(event.dose_mg, locale, event.agent === "denosumab" ? 0 : 1));

// What an event is, in plain words: {title, detail}.
function describe(event) {
  const sub = event.kind === "injection" ? `${event.kind}.${event.agent}` : event.kind;
  const dose = mg(event);
  const params = {
    number: String(event.number ?? ""),
    dose,
    iu: event.dose_iu == null ? "" : formatNumber(event.dose_iu, locale, 0),
  };
  const title = texts[`title.${sub}`] ? say(`title.${sub}`, params) : say("title.other");
  const noDose = dose === null && texts[`detail.${sub}.nodose`];
  const detail = noDose ? say(`detail.${sub}.nodose`) : texts[`detail.${sub}`] ? say(`detail.${sub}`, params) : "";
  return { title, detail };
}

// A zoledronic acid infusion: the events the creatinine rule applies to.
const isInfusion = (event) => (event.kind === "injection" && event.agent === "zoledronic_acid")
  || event.kind === "zoledronic_acid_after_denosumab";

// What to bring that day: the creatinine result, without which a zoledronic acid infusion is not given.
const bring = (event) => (isInfusion(event) ? say("bring.creatinine") : "");

// The rule set that computed the stored plan, in words ("" for a carnet made before plans recorded it).
const rulesText = (carnet) => (carnet.rules
  ? say("plan.rules", { version: carnet.rules.version, date: formatDate(carnet.rules.date, locale, "long") }) : "");

// "it is …" (the end of a sentence) → "It is …".
const sentence = (text) => text.charAt(0).toLocaleUpperCase(locale.lang) + text.slice(1);

function notice(key) {
  $("carnet-notice").textContent = key ? say(`notice.${key}`) : "";
}

// Why a file was not restored, in the error slot next to the import control ("" clears it).
function importError(reason) {
  $("error-import").textContent = reason ? say("import.failed", { reason: say(`reason.${reason}`) }) : "";
  if (reason) notice(null); // no earlier "restored" next to it
}

// Writes the carnet; a full (or missing) storage is said, never thrown: what was stored stays as it was.
function write(action) {
  try {
    action();
    return true;
  } catch (error) {
    if (!(error instanceof store.StoreError)) throw error;
    notice(error.reason);
    return false;
  }
}

// Whether the browser promises to keep the record (navigator.storage.persist, asked when a plan is saved): said
// in plain words, since without it a browser may clear the record (Safari after 7 days without a visit).
async function keeping(ask) {
  const storage = navigator.storage;
  let kept = false;
  try {
    kept = Boolean(await (ask ? storage?.persist?.() : storage?.persisted?.()));
  } catch {
    kept = false;
  }
  $("persist-status").textContent = say(kept ? "persist.granted" : "persist.denied");
  $("persist-status").dataset.persisted = String(kept);
}

// The last copy saved as a file, and whether the record changed since: the file is what survives a cleared
// browser, so a change not yet saved in one is said next to the button.
const EXPORTED = "bone-mets.carnet-exported";
function lastExport() {
  try {
    return JSON.parse(localStorage.getItem(EXPORTED)) ?? null;
  } catch {
    return null;
  }
}
async function exportStatus(carnet) {
  const status = $("export-status");
  if (!carnet) { status.textContent = ""; return; }
  const last = lastExport();
  const current = await store.digest(carnet);
  const changed = !last || last.sha256 !== current;
  status.textContent = !last ? say("export.never")
    : [say("export.last", { date: formatDate(last.date, locale, "long") }), changed ? say("export.changed") : ""].join(" ").trim();
  status.classList.toggle("warn", changed);
}

// Zoledronic acid, on the infusion day: the label's creatinine rule (the core's creatinine check, mirrored),
// with the baseline kept in the record between visits; the result is recorded with the infusion it was for.
const zaTarget = (carnet) => carnet.events.find((event) => isInfusion(event) && !carnet.done[event.id]) ?? null;
// A unit as the form's own radio label writes it (µmol/L): one text on the page for each unit.
const unitWords = (unit) => $("za-check-form").querySelector(`input[name="unit"][value="${CSS.escape(unit)}"]`)
  .closest("label").textContent.trim();
const asTyped = (value) => formatNumber(value, locale, decimalsOf(value)); // the figure the rule used, unrounded
const HOLDING = ["withhold", "keep_holding"];
let catalogPromise;
const catalog = () => (catalogPromise ??= fetch($("za-check").dataset.catalog).then((response) => response.json()));

function zaAnswer(check, label = "") {
  const give = !HOLDING.includes(check.decision);
  const parts = [label, say(give ? "za.give" : "za.withhold"),
    say("za.recorded", { date: formatDate(check.date, locale, "long"), current: asTyped(check.current),
      baseline: asTyped(check.baseline), unit: unitWords(check.unit) })].filter(Boolean);
  const box = Object.assign(document.createElement("p"), { className: `panel ${give ? "ok" : "stop"}` });
  box.append(...parts.map((text, index) => (index === 0 && label
    ? Object.assign(document.createElement("strong"), { textContent: `${text} ` }) : `${text} `)));
  $("za-answer").replaceChildren(box);
}

function renderZa(carnet) {
  const target = carnet && zaTarget(carnet);
  $("za-check").hidden = !target;
  if (!target) return;
  $("za-event").textContent = say("za.for", { title: describe(target).title, date: formatDate(target.date, locale, "full") });
  const form = $("za-check-form");
  if (carnet.baseline && !form.elements.baseline.value) {
    form.elements.baseline.value = asTyped(carnet.baseline.value);
    for (const radio of form.elements.unit) radio.checked = radio.value === carnet.baseline.unit;
  }
  const recorded = carnet.checks?.[target.id];
  if (recorded && recorded.date === today()) zaAnswer(recorded);
}

async function onZaCheck(event) {
  event.preventDefault();
  const carnet = store.load();
  const target = carnet && zaTarget(carnet);
  if (!target) return;
  const form = event.target;
  // Withheld at the last check (of any infusion, by date): the rule is then whether to resume, the stricter
  // one (back within 10 % of the baseline). A clinician who gave the dose anyway overrules it; the app never
  // assumes so.
  const last = Object.values(carnet.checks ?? {}).filter((check) => check.date < today())
    .sort((a, b) => (a.date < b.date ? -1 : 1)).at(-1);
  const values = { baseline: form.elements.baseline.value, current: form.elements.current.value,
    unit: form.elements.unit.value, withheld: last && HOLDING.includes(last.decision) ? "true" : "" };
  const [answer, cat] = await Promise.all([run("creatinine-check", values), catalog()]);
  for (const name of ["baseline", "current", "unit"]) {
    $(`error-za-${name}`).textContent = answer.errors?.[name] ? translate(answer.errors[name], cat) : "";
  }
  if (!answer.result) { $("za-answer").replaceChildren(); return; }
  const { result } = answer;
  const check = { date: today(), baseline: result.baseline, current: result.current, unit: values.unit,
                  decision: result.decision };
  if (!write(() => store.recordCheck(target.id, { value: result.baseline, unit: values.unit }, check))) return;
  zaAnswer(check, translate(result.decision_label, cat));
}

// The plan's key facts, in words: what a patient can check against what the care team said.
function facts(carnet) {
  const first = carnet.events.find((event) => event.kind === "injection");
  return {
    agent: say(`agent.${carnet.plan.agent}`),
    dose: first ? describe(first).detail : "",
    interval: say(`interval.${carnet.plan.interval}`),
    start: formatDate(carnet.plan.start, locale, "full"),
  };
}

// A yes/no question in the page's <dialog>; resolves true for yes.
function ask(kind, extra = "") {
  const dialog = $("confirm");
  $("confirm-title").textContent = say(`confirm.${kind}.title`);
  $("confirm-text").textContent = [say(`confirm.${kind}.text`), extra].filter(Boolean).join(" ");
  $("confirm-yes").textContent = say(`confirm.${kind}.yes`);
  $("confirm-no").textContent = say("confirm.no");
  dialog.returnValue = "";
  dialog.showModal();
  $("confirm-no").focus(); // the safe answer first
  return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue === "yes"), { once: true }));
}

// A plan from a link: compute it here, then store it; replacing another plan (or data that can no
// longer be read) needs a yes.
async function arrive(code) {
  history.replaceState(null, "", location.pathname + location.search); // the plan leaves the address bar
  const link = readLink(code);
  let answer = null;
  try {
    answer = link && await run("schedule", link.params);
  } catch {
    answer = null;
  }
  if (!answer?.result) return notice("invalid");
  const { carnet: current, raw } = store.read();
  if (current?.code === code) return notice(link.older ? "older" : "same");
  const next = store.create(code, link.params, answer.result, current);
  const summary = say("plan.summary", planWords(next.plan));
  if (raw !== undefined) {
    if (!(await ask("broken", summary))) return notice("kept");
  } else if (current) {
    const lost = store.lostTicks(current, code, link.params, answer.result);
    const extra = [summary, lost ? say("confirm.replace.lost", { lost: String(lost) }) : ""].join(" ");
    if (!(await ask("replace", extra))) return notice("kept");
  }
  if (!write(() => store.save(next))) return;
  notice(link.older ? "older" : "saved");
  // Dates of the replaced plan that this one no longer has: a file removes them from the patient's calendar.
  gone = current ? dropped(current, next).filter((event) => event.date >= today()) : [];
  $("cancel-offer").hidden = !gone.length;
  $("cancel-count").textContent = String(gone.length);
  await keeping(true);
}
let gone = []; // events a replacement dropped, for the calendar's cancellation file

function whenText(date, day) {
  const days = daysBetween(day, date);
  if (days === 0) return say("when.today");
  if (days === 1) return say("when.tomorrow");
  return say("when.days", { days: String(days) });
}

// Past and not ticked, but only from the day the plan was made: what came before was never in it.
const missed = (carnet, event, day) => !carnet.done[event.id] && event.date < day && !(event.date < (carnet.plan.made ?? ""));

function eventItem(carnet, event, day) {
  const li = $("tpl-event").content.firstElementChild.cloneNode(true);
  const field = (name) => li.querySelector(`[data-f="${name}"]`);
  const { title, detail } = describe(event);
  const mark = carnet.done[event.id];
  li.id = `ev-${event.id}`;
  li.dataset.id = event.id;
  li.dataset.date = event.date;
  li.classList.toggle("done", Boolean(mark));
  li.classList.toggle("missed", missed(carnet, event, day));
  field("date").textContent = formatDate(event.date, locale, "full");
  field("status").textContent = mark
    ? say("status.done", { date: formatDate(mark.date, locale, "long") })
    : missed(carnet, event, day) ? say("status.missed")
    : event.date < day ? say("status.before") : whenText(event.date, day);
  field("title").textContent = title;
  field("title").id = `ev-${event.id}-title`;
  field("detail").textContent = detail;
  field("note").textContent = mark?.note ?? "";
  for (const button of li.querySelectorAll("button[data-action]")) button.setAttribute("aria-describedby", field("title").id);
  li.querySelector('[data-action="open"]').hidden = Boolean(mark);
  li.querySelector('[data-action="undo"]').hidden = !mark;
  return li;
}

function printTables(carnet) {
  const rows = carnet.events.map((event) => {
    const mark = carnet.done[event.id];
    const tr = document.createElement("tr");
    const box = document.createElement("td");
    box.className = mark ? "box ticked" : "box";
    box.textContent = mark ? "✓" : "";
    const date = document.createElement("td");
    date.textContent = formatDate(event.date, locale, "medium");
    const what = document.createElement("td");
    const { title } = describe(event); // vitamin D titles carry their dose; add the mg ones
    const dose = mg(event);
    what.textContent = dose === null ? title : `${title} · ${dose} mg`;
    tr.append(box, date, what);
    return tr;
  });
  // Two columns side by side: a 24-month plan fits on one A4 page.
  const half = Math.ceil(rows.length / 2);
  const tables = [rows.slice(0, half), rows.slice(half)].map((part) => {
    const table = $("tpl-print-table").content.firstElementChild.cloneNode(true);
    table.tBodies[0].append(...part);
    return table;
  });
  $("print-columns").replaceChildren(...tables);
}

const SHOWN = 5;

function fold(id, items) {
  $(id).hidden = !items.length;
  $(id).querySelector("[data-count]").textContent = String(items.length);
  $(`${id}-list`).replaceChildren(...items);
}

const planWords = (plan) => ({
  agent: say(`agent.${plan.agent}`),
  interval: say(`interval.${plan.interval}`),
  start: formatDate(plan.start, locale, "long"),
  end: formatDate(plan.end, locale, "long"),
});

// The tick forms open on this page, with what was typed in them and where the caret was: a render (a
// tick saved here, or in another tab) must neither close them nor drop a note being typed.
function openForms() {
  const forms = new Map();
  for (const form of $("carnet-plan").querySelectorAll("li.event form:not([hidden])")) {
    forms.set(form.closest("li.event").dataset.id, { date: form.elements.date.value, note: form.elements.note.value });
  }
  const active = document.activeElement;
  const within = active?.closest?.("li.event form") ? active : null;
  const focus = within && { id: within.closest("li.event").dataset.id, name: within.name,
    start: within.selectionStart, end: within.selectionEnd };
  return { forms, focus };
}

function reopen({ forms, focus }) {
  for (const [id, typed] of forms) {
    const form = $(`ev-${id}`)?.querySelector("form");
    if (!form) continue;
    form.hidden = false;
    form.elements.date.max = today();
    form.elements.date.value = typed.date;
    form.elements.note.value = typed.note;
  }
  const field = focus && $(`ev-${focus.id}`)?.querySelector(`form:not([hidden]) [name="${focus.name}"]`);
  if (!field) return;
  field.focus({ preventScroll: true });
  if (field.name === "note" && focus.start !== null) field.setSelectionRange(focus.start, focus.end);
}

// What the phone holds, shown: the plan, nothing, or stored data that no longer reads (then offered as a
// file before anything else).
function render(found = store.read()) {
  const { carnet } = found;
  const broken = found.raw !== undefined;
  known = carnet;
  const day = today();
  const typed = openForms();
  $("carnet-broken").hidden = !broken;
  if (broken) $("broken-reason").textContent = sentence(say(`reason.${found.error}`));
  $("carnet-empty").hidden = Boolean(carnet) || broken;
  $("carnet-plan").hidden = !carnet;
  for (const el of document.querySelectorAll("[data-needs-plan]")) el.hidden = !carnet;
  document.querySelector('[data-tool="delete"]').hidden = !carnet && !broken;
  for (const el of document.querySelectorAll("[data-agent-only]")) {
    el.hidden = Boolean(carnet) && carnet.plan.agent !== el.dataset.agentOnly;
  }
  if (!carnet) {
    for (const id of ["upcoming", "later-list", "past-list"]) $(id).replaceChildren();
    $("print-columns").replaceChildren();
    return;
  }
  const { plan } = carnet;
  for (const el of document.querySelectorAll('[data-plan="rules"]')) el.textContent = rulesText(carnet);
  for (const el of document.querySelectorAll('[data-plan="summary"]')) el.textContent = say("plan.summary", planWords(plan));
  for (const [name, text] of Object.entries(facts(carnet))) document.querySelector(`[data-fact="${name}"]`).textContent = text;
  $("plan-older").hidden = !carnet.code.startsWith("1."); // a version 1 link: a weaker check
  const next = carnet.events.find((event) => event.date >= day && !carnet.done[event.id]);
  $("next-event").hidden = !next;
  $("next-none").hidden = Boolean(next);
  if (next) {
    const { title, detail } = describe(next);
    const set = (name, text) => { document.querySelector(`[data-next="${name}"]`).textContent = text; };
    set("date", formatDate(next.date, locale, "full"));
    set("title", title);
    set("detail", detail);
    set("when", whenText(next.date, day));
    $("next-done").dataset.event = next.id;
    $("next-done").setAttribute("aria-describedby", `ev-${next.id}-title`);
  }
  // The next few dates in view; the rest of the two years and the past folded away.
  const upcoming = carnet.events.filter((event) => event.date >= day);
  const past = carnet.events.filter((event) => event.date < day).reverse(); // the latest first
  const item = (event) => eventItem(carnet, event, day);
  $("upcoming").replaceChildren(...upcoming.slice(0, SHOWN).map(item));
  fold("later", upcoming.slice(SHOWN).map(item));
  fold("past", past.map(item));
  if (past.some((event) => missed(carnet, event, day))) $("past").open = true; // what was not ticked stays in sight
  // Due today, and the injections overdue (past, not ticked): how many and which, with the days since.
  const due = upcoming.filter((event) => event.date === day && !carnet.done[event.id]);
  $("due").hidden = !due.length;
  $("due-list").replaceChildren(...due.map((event) => Object.assign(document.createElement("li"), {
    textContent: describe(event).title })));
  const overdue = past.filter((event) => event.kind === "injection" && missed(carnet, event, day));
  $("missed").hidden = !overdue.length;
  $("missed-count").textContent = say("missed.count", { count: String(overdue.length) });
  $("missed-list").replaceChildren(...overdue.map((event) => Object.assign(document.createElement("li"), {
    textContent: say("missed.item", { title: describe(event).title, date: formatDate(event.date, locale, "long"),
                                      days: String(daysBetween(event.date, day)) }) })));
  exportStatus(carnet);
  renderZa(carnet);
  printTables(carnet);
  reopen(typed);
}

// Ticks: open the small form, save (date and optional note), or undo.
function onListClick(event) {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const li = button.closest("li.event");
  const form = li.querySelector("form");
  if (button.dataset.action === "open") {
    form.hidden = false;
    form.elements.date.value = today();
    form.elements.date.max = today();
    form.elements.date.focus();
    form.querySelector('button[type="submit"]').scrollIntoView({ block: "nearest" }); // Save in sight, not below
  } else if (button.dataset.action === "cancel") {
    form.hidden = true;
    li.querySelector('[data-action="open"]').focus();
  } else if (button.dataset.action === "undo") {
    write(() => store.unmark(li.dataset.id));
    render();
    $(li.id)?.querySelector('[data-action="open"]').focus();
  }
}

function onListSubmit(event) {
  event.preventDefault();
  const form = event.target;
  const li = form.closest("li.event");
  if (!form.reportValidity()) return;
  // Not saved (storage full): the form stays open with the date and note typed, to try again.
  if (!write(() => store.markDone(li.dataset.id, form.elements.date.value, form.elements.note.value.trim()))) return;
  form.hidden = true; // saved: this form closes (the others stay as they are)
  render();
  $(li.id)?.querySelector('[data-action="undo"]').focus();
}

function download(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function onTool(event) {
  const button = event.target.closest("button[data-tool]");
  if (!button) return;
  const { carnet, raw } = store.read();
  const tool = button.dataset.tool;
  if (tool === "print") window.print();
  if (tool === "ics" && carnet) {
    const text = calendar(carnet, describe, { today: today(), name: say("calendar.name"), bring,
      reminders: { dayBefore: say("calendar.reminder"), dayOf: say("calendar.today") }, rules: rulesText(carnet) });
    download(text, "text/calendar;charset=utf-8", "carnet.ics");
  }
  if (tool === "export" && carnet) {
    download(await store.fileText(carnet), "application/json", `carnet-${today()}.json`);
    try {
      localStorage.setItem(EXPORTED, JSON.stringify({ date: today(), sha256: await store.digest(carnet) }));
    } catch {
      // storage full: the file is made all the same; the reminder simply stays
    }
    exportStatus(carnet);
  }
  if (tool === "cancel" && carnet && gone.length) {
    download(cancellation(carnet, gone, { name: say("calendar.name"), describe }), "text/calendar;charset=utf-8",
      "carnet-cancelled.ics");
  }
  if (tool === "install" && installPrompt) {
    installPrompt.prompt();
    installPrompt = null;
    $("install-offer").hidden = true;
  }
  // Stored data that no longer reads: saved exactly as it is, for the care team (or a later app) to read.
  if (tool === "export-raw" && raw !== undefined) download(raw, "application/json", `carnet-unreadable-${today()}.json`);
  if (tool === "delete" && (await ask("delete"))) {
    if (!write(() => store.clear())) return;
    render();
    notice("deleted");
  }
}

// A file is read only when its size could be a carnet's (a 12 MB file is refused unread), then validated
// whole; a refused file changes nothing, and says why next to the import control.
async function onImport(event) {
  const input = event.target;
  const file = input.files[0];
  input.value = "";
  importError("");
  if (!file) return;
  let found = file.size > store.MAX_BYTES ? { error: "too_big" } : null;
  if (!found) {
    try {
      found = await store.parseFile(await file.text());
    } catch {
      found = { error: "format" };
    }
  }
  if (found.error) return importError(found.error);
  const current = store.read();
  if (current.raw !== undefined) {
    if (!(await ask("broken"))) return notice("kept");
  } else if (current.carnet && !(await ask("import"))) return notice("kept");
  const { carnet } = found;
  // The same carnet restored: a new revision, so that another open tab takes it whole instead of merging.
  if (current.carnet?.id === carnet.id) carnet.revision = Math.max(carnet.revision, current.carnet.revision) + 1;
  if (!write(() => store.save(carnet))) return;
  render();
  notice("imported");
}

// The carnet this page last read or wrote: what another tab's write is merged with.
let known = null;

async function start() {
  const code = fromHash(location.hash);
  if (code) await arrive(code);
  if (store.read().error === "unavailable") notice("unavailable");
  render();
  if (store.read().carnet && !code) await keeping(false);
}

// "Add to home screen": the browser's own prompt where it offers one (Chromium), written steps on an iPhone
// or iPad (Safari has no prompt); nothing once the app is installed.
let installPrompt = null;
const installed = matchMedia("(display-mode: standalone)").matches || navigator.standalone === true;
window.addEventListener("beforeinstallprompt", (event) => {
  event.preventDefault();
  installPrompt = event;
  $("install-offer").hidden = false;
});
$("install-ios").hidden = installed || !/iPhone|iPad|iPod/.test(navigator.userAgent);

$("carnet-plan").addEventListener("click", onListClick);
// "Mark as done" on the big card opens the same form, on the event's own line below.
$("next-done").addEventListener("click", (event) => {
  $(`ev-${event.currentTarget.dataset.event}`)?.querySelector('[data-action="open"]').click();
});
$("carnet-plan").addEventListener("submit", onListSubmit);
$("carnet").addEventListener("click", onTool); // the tools, and the unreadable data's export button
$("import-file").addEventListener("change", onImport);
$("za-check-form").addEventListener("submit", onZaCheck);
// A second link opened in the same tab changes only the fragment: no reload.
window.addEventListener("hashchange", () => { if (fromHash(location.hash)) start(); });
// Another tab of the carnet changed it: merged by event with what this page last saw (a tick saved there
// while this page was writing is kept), then shown without closing a form open here.
window.addEventListener("storage", (event) => {
  if (event.key !== null && event.key !== store.KEY) return;
  let found = null;
  if (!write(() => { found = store.sync(known); })) found = store.read();
  render(found);
});
start().then(() => { $("carnet").dataset.ready = "true"; });
