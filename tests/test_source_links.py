"""Every source a calculator shows links to an entry that exists on the references page.

Walks every page with the inputs of every valid golden vector of its calculator, in
both languages, and follows each reference link to its anchor.
"""
from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import pytest

from webapp import ROOT
from webapp.pages import PAGES

VECTORS = {json.loads(p.read_text())["calculator"]: json.loads(p.read_text())["cases"]
           for p in (ROOT / "tests" / "vectors").glob("*.json")}
LINK = re.compile(r'href="(/(?:fr|en)/references/)#ref-(\d+)"')


@pytest.fixture(scope="module")
def anchors(app):
    html = app.test_client().get("/en/references/").get_data(as_text=True)
    return set(re.findall(r'<li id="ref-(\d+)"', html))


@pytest.mark.parametrize("slug", sorted(PAGES))
def test_every_reference_link_resolves(client, anchors, slug):
    page = PAGES[slug]
    cases = [case for case in VECTORS[page.core] if "expect" in case]
    assert cases, f"no valid vector for {page.core}"
    linked: set[str] = set()
    for lang in ("fr", "en"):
        for case in cases:
            response = client.get(f"/{lang}/{slug}/?{urlencode(case['input'])}")
            assert response.status_code == 200, case["name"]
            html = response.get_data(as_text=True)
            result = html.split('id="result"', 1)[1].split('<template id="tpl-result">', 1)[0]
            assert 'class="sources"' in result, (slug, case["name"])  # every result cites its sources
            for prefix, number in LINK.findall(html):
                assert prefix == f"/{lang}/references/"
                linked.add(number)
    assert linked <= anchors, sorted(linked - anchors)
