// Progressive enhancement shared by every page: offline service worker and its update
// banner, "copy summary" buttons, the language link following the form's answers, and
// calculators that compute in the browser when there is no server.
import { syncLanguageLinks } from "./links.mjs";
import { noteText } from "./note.mjs";

// "Preparing offline use…" until the service worker has every file of the site, then "Ready offline".
function offlineStatus() {
  const mark = document.getElementById("offline-status");
  const show = (ready) => {
    mark.textContent = ready ? mark.dataset.ready : mark.dataset.preparing;
    mark.classList.toggle("ready", ready);
    mark.hidden = false;
  };
  show(false);
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data?.type === "offline-status") show(event.data.ready);
  });
  navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage("offline-status"));
}

function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  offlineStatus();
  const banner = document.getElementById("update-banner");
  const offer = (worker) => {
    banner.hidden = false;
    document.getElementById("update-reload").addEventListener("click", () => worker.postMessage("skip-waiting"), { once: true });
  };
  navigator.serviceWorker.register(document.body.dataset.sw).then((registration) => {
    if (!registration) { document.getElementById("offline-status").hidden = true; return; } // workers turned off
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
      });
    });
  }, () => { document.getElementById("offline-status").hidden = true; }); // no offline use here: say nothing
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!reloading && !banner.hidden) { reloading = true; location.reload(); }
  });
}

// The page language's locale data (dates for the copied note), from the catalog the calculator also reads.
let catalogPromise;
const catalog = () => (catalogPromise ??= fetch(document.querySelector("form[data-catalog]").dataset.catalog)
  .then((response) => response.json()));

function copyButtons() {
  document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-copy]");
    if (!button) return;
    const element = document.querySelector(button.dataset.copy);
    const status = button.parentElement.querySelector("[data-copy-status]");
    try {
      const locale = "noteDate" in element.dataset ? (await catalog()).locale : null;
      await navigator.clipboard.writeText(noteText(element, locale, location.href));
      status.textContent = status.dataset.done;
    } catch {
      status.textContent = status.dataset.failed;
    }
  });
}

// Opened from the home-screen icon (the manifest's start URL) on a phone that holds a patient's injection record:
// the record, not the clinicians' home page.
function openRecordFromHomeScreen() {
  if (new URLSearchParams(location.search).get("source") !== "home-screen") return false;
  try {
    if (localStorage.getItem("bone-mets.carnet") === null) return false;
  } catch {
    return false;
  }
  location.replace(document.body.dataset.record);
  return true;
}

if (!openRecordFromHomeScreen()) {
  registerServiceWorker();
  copyButtons();
}
document.body.addEventListener("htmx:afterSettle", syncLanguageLinks);
const form = document.querySelector("form[data-calculator]");
if (form) import("./calculator.mjs").then((module) => module.enhance(form));
