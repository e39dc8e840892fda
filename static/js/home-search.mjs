// The home page's search, in the browser and offline: the same matching as webapp/home_search.py (the
// server's answer to the form without JS). Each page's text is in its card's data-search.
const MAX_QUERY_CHARS = 100;
const MAX_QUERY_WORDS = 8;

export function normalise(text) {
  return String(text).normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

export const queryWords = (query) => normalise([...query].slice(0, MAX_QUERY_CHARS).join("")).split(" ").filter(Boolean)
  .slice(0, MAX_QUERY_WORDS);

export const matches = (haystack, words) => words.every((word) => ` ${haystack}`.includes(` ${word}`));

function filter(form) {
  const words = queryWords(form.elements.q.value);
  let shown = 0;
  for (const card of document.querySelectorAll("[data-search]")) {
    const hit = matches(card.dataset.search, words);
    card.hidden = !hit;
    shown += hit;
  }
  for (const group of document.querySelectorAll("[data-search-group]")) {
    group.hidden = !group.querySelector("[data-search]:not([hidden])");
  }
  const none = document.getElementById("search-none");
  none.hidden = shown > 0;
  const count = document.getElementById("search-count");
  count.textContent = words.length ? count.dataset.template.replace("%(count)s", String(shown)) : "";
}

const form = globalThis.document?.getElementById("search"); // none when imported by the tests (Node)
if (form) {
  const query = new URLSearchParams(location.search).get("q"); // the static site's answer to the form
  if (query !== null && !form.elements.q.value) form.elements.q.value = query;
  form.addEventListener("input", () => filter(form));
  form.addEventListener("submit", (event) => { event.preventDefault(); filter(form); });
  filter(form);
}
