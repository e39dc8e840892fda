"""The offline result DOM is the server's, for every golden vector of every page.

For each page and language, one browser page asks the live server for the htmx partial
of every vector's inputs, computes the same inputs with the mirror and the page's
<template>s, and compares the two DOM trees (runs of white space read as one space, as a
browser shows them), and the field error messages.
"""
from __future__ import annotations

from urllib.parse import urlencode

import pytest

from tests.golden import vector_cases
from webapp.pages import PAGES

COMPARE = """
async ({cases, core, primary}) => {
  const { outcome } = await import("/static/js/calculator.mjs");
  const mirror = await import("/static/js/clinical/index.mjs");
  const { fill } = await import("/static/js/render.mjs");
  const { translate } = await import("/static/js/format.mjs");
  const form = document.querySelector("form[data-calculator]");
  const catalog = await (await fetch(form.dataset.catalog)).json();
  const tree = (node) => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent.trim() ? node.textContent.replace(/\\s+/g, " ") : "";
    const attributes = [...node.attributes].map((a) => `${a.name}="${a.value}"`).sort().join(" ");
    const children = [...node.childNodes].map(tree).filter(Boolean).join("");
    return `<${node.localName} ${attributes}>${children}</${node.localName}>`;
  };
  // Every request is sent at once (the server answers while the page compares), each read in its turn.
  const responses = cases.map(([query]) => fetch(`${location.pathname}?${query}`, { headers: { "HX-Request": "true" } })
    .then(async (response) => ({ status: response.status, text: await response.text() })));
  const answers = [];
  for (const [index, [query, params]] of cases.entries()) {
    const response = await responses[index];
    const server = document.createElement("div");
    server.innerHTML = response.text;
    const serverErrors = {};
    for (const slot of server.querySelectorAll("[hx-swap-oob]")) {
      if (slot.textContent) serverErrors[slot.dataset.errorFor] = slot.textContent;
      slot.remove();
    }
    const local = document.createElement("div");
    const result = outcome(mirror, core, params, primary, false);
    if (result.state === "ok") {
      local.append(fill(document.getElementById("tpl-result").content.cloneNode(true), result.result, catalog));
    } else if (result.state !== "empty") {
      local.append(document.getElementById(`tpl-${result.state}`).content.cloneNode(true));
    }
    const localErrors = Object.fromEntries(Object.entries(result.errors).map(([f, m]) => [f, translate(m, catalog)]));
    server.normalize(); // adjacent text nodes (left where a block was removed) read as one
    local.normalize();
    answers.push({ query, server: tree(server), local: tree(local), serverErrors, localErrors, status: response.status });
  }
  return answers;
}
"""


def page_cases(slug: str) -> list[tuple[str, dict[str, str]]]:
    page = PAGES[slug]
    cases = []
    for _, calculator, case in vector_cases():
        if calculator == page.core and set(case["input"]) <= set(page.fields):
            params = {**dict(page.defaults), **case["input"]}
            cases.append((urlencode(params), params))
    return cases


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("slug", sorted(PAGES))
def test_mirror_fills_the_templates_into_the_servers_dom(kept_tab, live_server, slug, lang):
    cases = page_cases(slug)
    assert len(cases) >= 5, slug
    page = kept_tab(f"{live_server}/{lang}/{slug}/")
    answers = page.evaluate(COMPARE, {"cases": cases, "core": PAGES[slug].core, "primary": list(PAGES[slug].primary)})
    assert any(answer["status"] == 200 for answer in answers)
    for answer in answers:
        assert answer["local"] == answer["server"], answer["query"]
        assert answer["localErrors"] == answer["serverErrors"], answer["query"]
