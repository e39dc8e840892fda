// The patient's carnet: reads a plan from the link's fragment, computes its events with
// the clinical mirror, keeps them on the device, and shows the next one first. Nothing
// here talks to a server: files are made and read on the device.
import { run } from "./clinical/index.mjs";
import { formatDate, formatNumber, translate } from "./format.mjs";
import { decode, fromHash } from "./carnet-code.mjs";
import * as store from "./carnet-store.mjs";
import { calendar } from "./carnet-ics.mjs";

const $ = (id) => document.getElementById(id);
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

// What to bring that day: the creatinine result, without which a zoledronic acid infusion is not given.
const bring = (event) => (event.agent === "zoledronic_acid" || event.kind === "zoledronic_acid_after_denosumab"
  ? say("bring.creatinine") : "");

// The rule set that computed the stored plan, in words ("" for a carnet made before plans recorded it).
const rulesText = (carnet) => (carnet.rules
  ? say("plan.rules", { version: carnet.rules.version, date: formatDate(carnet.rules.date, locale, "long") }) : "");

function notice(key) {
  $("carnet-notice").textContent = key ? say(`notice.${key}`) : "";
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

// A plan from a link: compute it here, then store it; replacing another plan needs a yes.
async function arrive(code) {
  history.replaceState(null, "", location.pathname + location.search); // the plan leaves the address bar
  const params = decode(code);
  let answer = null;
  try {
    answer = params && run("schedule", params);
  } catch {
    answer = null;
  }
  if (!answer?.result) return notice("invalid");
  const current = store.load();
  if (current?.code === code) return notice("same");
  if (current) {
    const lost = store.lostTicks(current, code, params, answer.result);
    if (!(await ask("replace", lost ? say("confirm.replace.lost", { lost: String(lost) }) : ""))) return notice("kept");
  }
  store.save(store.create(code, params, answer.result, current));
  notice("saved");
}

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

function render() {
  const carnet = store.load();
  const day = today();
  $("carnet-empty").hidden = Boolean(carnet);
  $("carnet-plan").hidden = !carnet;
  for (const el of document.querySelectorAll("[data-needs-plan]")) el.hidden = !carnet;
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
  for (const el of document.querySelectorAll('[data-plan="summary"]')) {
    el.textContent = say("plan.summary", {
      agent: say(`agent.${plan.agent}`),
      interval: say(`interval.${plan.interval}`),
      start: formatDate(plan.start, locale, "long"),
      end: formatDate(plan.end, locale, "long"),
    });
  }
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
  $("missed").hidden = !past.some((event) => event.kind === "injection" && missed(carnet, event, day));
  printTables(carnet);
}

// Ticks: open the small form, save (date and optional note), or undo.
function onListClick(event) {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const li = button.closest("li.event");
  const form = li.querySelector("form");
  const carnet = store.load();
  if (button.dataset.action === "open") {
    form.hidden = false;
    form.elements.date.value = today();
    form.elements.date.max = today();
    form.elements.date.focus();
  } else if (button.dataset.action === "cancel") {
    form.hidden = true;
    li.querySelector('[data-action="open"]').focus();
  } else if (button.dataset.action === "undo" && carnet) {
    store.unmark(carnet, li.dataset.id);
    render();
    $(li.id)?.querySelector('[data-action="open"]').focus();
  }
}

function onListSubmit(event) {
  event.preventDefault();
  const form = event.target;
  const li = form.closest("li.event");
  const carnet = store.load();
  if (!carnet || !form.reportValidity()) return;
  store.markDone(carnet, li.dataset.id, form.elements.date.value, form.elements.note.value.trim());
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
  const carnet = store.load();
  const tool = button.dataset.tool;
  if (tool === "print") window.print();
  if (tool === "ics" && carnet) {
    const text = calendar(carnet, describe, { today: today(), name: say("calendar.name"), bring,
      reminders: { dayBefore: say("calendar.reminder"), dayOf: say("calendar.today") }, rules: rulesText(carnet) });
    download(text, "text/calendar;charset=utf-8", "carnet.ics");
  }
  if (tool === "export" && carnet) download(JSON.stringify(carnet, null, 1), "application/json", `carnet-${today()}.json`);
  if (tool === "delete" && (await ask("delete"))) {
    store.clear();
    render();
    notice("deleted");
  }
}

async function onImport(event) {
  const input = event.target;
  const file = input.files[0];
  input.value = "";
  if (!file) return;
  let carnet = null;
  try {
    carnet = store.check(JSON.parse(await file.text()));
  } catch {
    carnet = null;
  }
  if (!carnet) return notice("import_failed");
  if (store.load() && !(await ask("import"))) return notice("kept");
  store.save(carnet);
  render();
  notice("imported");
}

async function start() {
  const code = fromHash(location.hash);
  if (code) await arrive(code);
  render();
}

$("carnet-plan").addEventListener("click", onListClick);
// "Mark as done" on the big card opens the same form, on the event's own line below.
$("next-done").addEventListener("click", (event) => {
  $(`ev-${event.currentTarget.dataset.event}`)?.querySelector('[data-action="open"]').click();
});
$("carnet-plan").addEventListener("submit", onListSubmit);
document.querySelector(".tools").addEventListener("click", onTool);
$("import-file").addEventListener("change", onImport);
// A second link opened in the same tab changes only the fragment: no reload.
window.addEventListener("hashchange", () => { if (fromHash(location.hash)) start(); });
// Another tab of the carnet changed it.
window.addEventListener("storage", render);
start().then(() => { $("carnet").dataset.ready = "true"; });
