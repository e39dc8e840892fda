// The cards to carry: on a phone that holds an injection record, tick its agent and write the date of the
// last injection marked as done. Nothing is sent anywhere; without a record the blanks stay for the pen.
import { formatDate } from "./format.mjs";
import { load } from "./carnet-store.mjs";

const $ = (id) => document.getElementById(id);
const locale = JSON.parse($("cards").dataset.locale);
const texts = Object.fromEntries(
  [...$("cards-text").content.querySelectorAll("[data-key]")].map((el) => [el.dataset.key, el.textContent]),
);

function fill(carnet) {
  const agent = carnet.plan?.agent;
  for (const box of document.querySelectorAll(".box[data-agent]")) box.toggleAttribute("data-checked", box.dataset.agent === agent);
  for (const item of document.querySelectorAll("[data-agent-only]")) item.hidden = item.dataset.agentOnly !== agent;
  if (texts[`agent.${agent}`]) document.querySelector("[data-fill=agent]").textContent = texts[`agent.${agent}`];
  const injections = new Set(carnet.events.filter((event) => event.kind === "injection").map((event) => event.id));
  const last = Object.entries(carnet.done).filter(([id]) => injections.has(id)).map(([, mark]) => mark.date).sort().at(-1);
  if (last) document.querySelector("[data-fill=last]").textContent = formatDate(last, locale, "long");
  $("cards-filled").hidden = false;
}

const carnet = load();
if (carnet) fill(carnet);
const print = $("print-cards");
print.hidden = false;
print.addEventListener("click", () => window.print());
