// The schedule as a FHIR R4 Bundle for the hospital record, made and downloaded on the device: a CarePlan
// with one activity per event of the plan shown, a MedicationRequest for the agent and its dose, and a
// Provenance naming the app. Event texts are the ones on screen, so the file says what the page says.

const UCUM = "http://unitsofmeasure.org";
const EVENT_KINDS = "urn:bone-metastases-lung-cancer:schedule-event"; // the kinds of event of the schedule
const ATC = "http://www.whocc.no/atc";
const AGENTS = {
  denosumab: { atc: "M05BX04", route: "SC" },
  zoledronic_acid: { atc: "M05BA08", route: "IV" },
};
const MEDICATION_KINDS = ["injection", "vitamin_d_loading", "vitamin_d_maintenance", "paracetamol", "zoledronic_acid_after_denosumab"];
const REQUEST_KIND = { creatinine_check: "ServiceRequest", dental_review: "Appointment", reassessment: "Appointment" };
const REPEAT = { "4w": { frequency: 1, period: 4, periodUnit: "wk" }, monthly: { frequency: 1, period: 1, periodUnit: "mo" } };

function uuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function quantity(event) {
  if (event.dose_iu) return { value: event.dose_iu, unit: "IU", system: UCUM, code: "[iU]" };
  if (event.dose_mg !== undefined && event.dose_mg !== null) return { value: event.dose_mg, unit: "mg", system: UCUM, code: "mg" };
  return undefined;
}

/**
 * The Bundle of a schedule result. `texts`: {labels: [the text of each event, as shown], agent, title,
 * patient, app}.
 */
export function planBundle(result, texts, recorded = new Date()) {
  const [plan, request, provenance] = [uuid(), uuid(), uuid()];
  const subject = { display: texts.patient };
  const activity = result.events.map((event, i) => {
    const detail = {
      kind: MEDICATION_KINDS.includes(event.kind) ? "MedicationRequest" : REQUEST_KIND[event.kind] ?? "Task",
      code: { coding: [{ system: EVENT_KINDS, code: event.kind }], text: texts.labels[i] },
      status: "scheduled",
      scheduledPeriod: { start: event.date, end: event.date },
      description: texts.labels[i],
    };
    const amount = quantity(event);
    if (amount) detail.quantity = amount;
    return { detail };
  });
  const first = result.events.find((event) => event.kind === "injection");
  const agent = AGENTS[result.agent];
  const dosage = { text: texts.agent, timing: { repeat: REPEAT[result.interval] }, route: { text: agent.route } };
  if (first && first.dose_mg !== null) dosage.doseAndRate = [{ doseQuantity: quantity(first) }];
  return {
    resourceType: "Bundle",
    type: "collection",
    entry: [
      { fullUrl: plan, resource: {
        resourceType: "CarePlan", status: "active", intent: "plan", title: texts.title, subject,
        period: { start: result.start, end: result.end }, created: result.today, activity,
      } },
      { fullUrl: request, resource: {
        resourceType: "MedicationRequest", status: "active", intent: "plan", subject,
        medicationCodeableConcept: { coding: [{ system: ATC, code: agent.atc }], text: texts.agent },
        basedOn: [{ reference: plan }], dosageInstruction: [dosage],
      } },
      { fullUrl: provenance, resource: {
        resourceType: "Provenance", target: [{ reference: plan }, { reference: request }],
        recorded: recorded.toISOString(), agent: [{ who: { display: texts.app } }],
      } },
    ],
  };
}

const box = document.querySelector("[data-fhir-plan]");
const form = document.querySelector("form[data-calculator]");

// The mirror is loaded when the file is asked for (by then the calculator has it: the same module).
async function shownPlan() {
  const { run } = await import("./clinical/index.mjs");
  const values = Object.fromEntries([...new FormData(form)].filter(([name]) => form.dataset.fields.split(" ").includes(name)));
  const answer = run(form.dataset.calculator, values);
  const labels = [...document.querySelectorAll("#result table.schedule tbody tr td:nth-child(2)")].map((td) => td.textContent.trim());
  if (!answer.result || labels.length !== answer.result.events.length) return null; // the page is not showing this plan
  const agent = form.querySelector('input[name="agent"]:checked').closest("label").textContent.trim();
  return [answer.result, { ...JSON.parse(box.dataset.texts), labels, agent }];
}

if (box) {
  const region = document.getElementById("result");
  const toggle = () => { box.hidden = !region.querySelector("table.schedule"); };
  new MutationObserver(toggle).observe(region, { childList: true, subtree: true });
  toggle();
  box.querySelector("[data-fhir-plan-download]").addEventListener("click", async () => {
    const shown = await shownPlan();
    if (!shown) return;
    const blob = new Blob([JSON.stringify(planBundle(...shown), null, 1)], { type: "application/fhir+json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `plan-${shown[0].start}.fhir.json`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href));
  });
}
