// The clinician's schedule preview → a link to the patient's carnet with the plan's
// inputs in the fragment, and the same link as a QR code drawn here (no network).
import { encode } from "./carnet-code.mjs";

let qrcode; // the QR encoder (vendor/qrcode.mjs), loaded with the first plan rather than with the page

const form = document.querySelector("form[data-calculator]");
const region = document.getElementById("result");
const MODULE = 4; // pixels per QR module; the canvas is scaled by CSS
const QUIET = 4; // the white margin the QR standard asks for, in modules

// The plan's inputs, by the form's field names, from a FormData or a URL's query.
function inputs(source) {
  const values = {};
  for (const name of form.dataset.fields.split(" ")) if (source.has(name)) values[name] = source.get(name);
  return values;
}

function drawQr(canvas, text) {
  const qr = qrcode(0, "M"); // smallest version that fits, medium error correction
  qr.addData(text);
  qr.make();
  const count = qr.getModuleCount();
  const size = (count + 2 * QUIET) * MODULE;
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext("2d");
  ctx.fillStyle = "#fff"; // dark modules on white, whatever the colour scheme
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = "#000";
  for (let r = 0; r < count; r++) {
    for (let c = 0; c < count; c++) {
      if (qr.isDark(r, c)) ctx.fillRect((c + QUIET) * MODULE, (r + QUIET) * MODULE, MODULE, MODULE);
    }
  }
}

function build(box, source) {
  const code = encode(inputs(source));
  if (!code) return;
  const url = new URL(box.dataset.target, location.href);
  url.hash = `p=${code}`;
  box.querySelector("[data-link]").href = url.href;
  box.querySelector("#handover-link").textContent = url.href;
  drawQr(box.querySelector("canvas[data-qr]"), url.href);
  box.hidden = false;
}

let shown = 0; // counts the previews shown: a link built for an older one is dropped

async function update(source) {
  const mine = ++shown;
  if (!region.querySelector("[data-handover][hidden]")) return;
  qrcode ??= (await import("../vendor/qrcode.mjs")).default;
  if (mine !== shown) return;
  for (const box of region.querySelectorAll("[data-handover][hidden]")) build(box, source);
}

// Online, htmx may swap in a preview while the form has already moved on: the link is
// built from the query of the request that computed it, so the QR always matches the
// preview shown. A preview computed in the browser is built from the inputs it was computed
// from, once typing pauses (a QR code is a long task on a slow phone); until then the box is
// hidden, never showing the previous plan's link.
const BUILD_DELAY = 300; // ms
let pending = 0;
document.body.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target === region) update(new URL(event.detail.xhr.responseURL).searchParams);
});
// A box withdrawn is the blank one of the result template: no link, no code, no "Copied." left inside.
function withdraw(box) {
  const blank = document.getElementById("tpl-result").content.querySelector("[data-handover]");
  box.replaceChildren(...blank.cloneNode(true).childNodes);
  box.hidden = true;
}

region.addEventListener("result-drawn", (event) => {
  shown++;
  for (const box of region.querySelectorAll("[data-handover]:not([hidden])")) withdraw(box);
  clearTimeout(pending);
  pending = setTimeout(() => update(new URLSearchParams(event.detail)), BUILD_DELAY);
});
update(new FormData(form));
