// The clinician's schedule preview → a link to the patient's carnet with the plan's
// inputs in the fragment, and the same link as a QR code drawn here (no network).
import qrcode from "../vendor/qrcode.mjs";
import { encode } from "./carnet-code.mjs";

const form = document.querySelector("form[data-calculator]");
const region = document.getElementById("result");
const MODULE = 4; // pixels per QR module; the canvas is scaled by CSS
const QUIET = 4; // the white margin the QR standard asks for, in modules

// The inputs the shown preview was computed from. The server writes them on the
// preview (data-query), so a link never mixes a newer half-typed form with an older
// preview; a preview computed in the browser comes from the form as it is now.
function inputs(box) {
  const source = box.dataset.query !== undefined ? new URLSearchParams(box.dataset.query) : new FormData(form);
  const values = {};
  for (const name of form.dataset.fields.split(" ")) if (source.has(name)) values[name] = source.get(name);
  return values;
}

export function drawQr(canvas, text) {
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

function build(box) {
  const code = encode(inputs(box));
  if (!code) return;
  const url = new URL(box.dataset.target, location.href);
  url.hash = `p=${code}`;
  box.querySelector("[data-link]").href = url.href;
  box.querySelector("#handover-link").textContent = url.href;
  drawQr(box.querySelector("canvas[data-qr]"), url.href);
  box.hidden = false;
}

function update() {
  for (const box of region.querySelectorAll("[data-handover][hidden]")) build(box);
}

// The preview is replaced by htmx (online) or by calculator.mjs (offline): watch it.
new MutationObserver(update).observe(region, { childList: true });
update();
