// Static export only (no server to search): filter the frozen reference list as the user
// types. Like the server's search, every word must start a word of the entry, ignoring case
// and accents, and a reference number typed alone finds that entry.
// The page has the references cited in the chapter; the others (others.html, stored offline
// like every page) join the list, in number order, at the first search, when asked for, or
// when the address points to one of them.
import { syncLanguageLinks } from "./links.mjs";

const form = document.querySelector("form[role=search]");
const input = document.getElementById("reference-search");
const count = document.getElementById("reference-count");
const list = document.getElementById("reference-list");
const others = document.querySelector("#reference-others a");
const plural = new Intl.PluralRules(document.documentElement.lang);

const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const words = (text) => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];

let entries;
function index() {
  entries = [...list.children].map((li) => ({ li, number: String(li.value), words: words(li.textContent) }));
}
index();

const say = (shown) => {
  count.textContent = count.dataset[plural.select(shown) === "one" ? "one" : "other"].replace("{n}", shown);
};

// Once; a failure (offline before the page was stored) leaves the link, to try again.
let loading;
function loadOthers() {
  if (!others) return Promise.resolve();
  loading ??= fetch(others.href)
    .then((response) => {
      if (!response.ok) throw new Error(`${others.href}: ${response.status}`);
      return response.text();
    })
    .then((html) => {
      const page = new DOMParser().parseFromString(html, "text/html");
      const added = [...page.querySelectorAll("#reference-list > li")].map((li) => document.importNode(li, true));
      list.replaceChildren(...[...list.children, ...added].sort((a, b) => a.value - b.value));
      others.parentElement.remove();
      index();
      if (!input.value.trim()) say(entries.length);
    })
    .catch((error) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

async function filter() {
  await loadOthers().catch(() => {});  // without them, the cited ones are still searched
  const query = input.value.trim();
  const wanted = words(query);
  const number = /^\[?(\d+)\]?$/.exec(query)?.[1]?.replace(/^0+/, "");
  let shown = 0;
  for (const entry of entries) {
    const match = entry.number === number || wanted.every((w) => entry.words.some((word) => word.startsWith(w)));
    entry.li.hidden = !match;
    if (match) shown += 1;
  }
  say(shown);
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  history.replaceState(history.state, "", url);
  syncLanguageLinks();
}

// An address (or a source link) naming a reference the page does not have yet.
function showTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!/^ref-\d+$/.test(id) || document.getElementById(id)) return;
  loadOthers().then(() => document.getElementById(id)?.scrollIntoView(), () => {});
}

let timer;
input.addEventListener("focus", () => loadOthers().catch(() => {}), { once: true });
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(filter, 300);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  filter();
});
others?.addEventListener("click", (event) => {
  event.preventDefault();
  loadOthers().catch(() => { location.href = others.href; });
});
addEventListener("hashchange", showTarget);
showTarget();
input.value = new URLSearchParams(location.search).get("q") ?? "";
if (input.value) filter();
