// Static export only (no server to search): filter the frozen full reference list as
// the user types. Like the server's search, every word must start a word of the entry,
// ignoring case and accents, and a reference number typed alone finds that entry.
import { syncLanguageLinks } from "./links.mjs";

const form = document.querySelector("form[role=search]");
const input = document.getElementById("reference-search");
const count = document.getElementById("reference-count");
const plural = new Intl.PluralRules(document.documentElement.lang);

const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
const words = (text) => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];

const entries = [...document.querySelectorAll("#reference-list > li")].map((li) => ({
  li,
  number: String(li.value),
  words: words(li.textContent),
}));

function filter() {
  const query = input.value.trim();
  const wanted = words(query);
  const number = /^\[?(\d+)\]?$/.exec(query)?.[1]?.replace(/^0+/, "");
  let shown = 0;
  for (const entry of entries) {
    const match = entry.number === number || wanted.every((w) => entry.words.some((word) => word.startsWith(w)));
    entry.li.hidden = !match;
    if (match) shown += 1;
  }
  count.textContent = count.dataset[plural.select(shown) === "one" ? "one" : "other"].replace("{n}", shown);
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  history.replaceState(history.state, "", url);
  syncLanguageLinks();
}

let timer;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(filter, 300);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  filter();
});
input.value = new URLSearchParams(location.search).get("q") ?? "";
if (input.value) filter();
