// The language link keeps the answers typed so far (used by app, calculator and references).
export function syncLanguageLinks() {
  for (const link of document.querySelectorAll("a[data-keep-query]")) {
    const url = new URL(link.href);
    url.search = location.search;
    link.href = url.href;
  }
}
