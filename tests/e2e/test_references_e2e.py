"""Reference search in Chromium: htmx against the live server, and the static site's
client-side filter (served by a plain file server, which never sees the query), over the
references cited in the chapter that the page paints first and the others it adds on demand."""
import re

from playwright.sync_api import Page, expect

from webapp.references import build_database, search


def expected_numbers(tmp_path, query: str) -> list[int]:
    return [row["number"] for row in search(build_database(tmp_path / "r.db"), query, limit=150)]


def test_live_search_with_htmx(tab: Page, live_server, tmp_path):
    page = tab
    numbers = expected_numbers(tmp_path, "denosumab")
    page.goto(f"{live_server}/en/references/")
    expect(page.locator("#reference-count")).to_have_text("150 references")
    page.get_by_label("Search the references").press_sequentially("denosumab")
    expect(page.locator("#reference-count")).to_have_text(f"{len(numbers)} references")
    expect(page.locator("#reference-list > li")).to_have_count(len(numbers))
    expect(page.locator("#reference-list > li").first).to_have_id(f"ref-{numbers[0]}")
    expect(page).to_have_url(re.compile(r"/en/references/\?q=denosumab$"))
    expect(page.locator("a[hreflang=fr]")).to_have_attribute("href", re.compile(r"/fr/references/\?q=denosumab$"))
    page.get_by_label("Search the references").fill("")
    expect(page.locator("#reference-list > li")).to_have_count(150)


def test_static_site_filters_in_the_browser_offline(page: Page, static_server, go_offline, tmp_path):
    numbers = expected_numbers(tmp_path, "denosumab")
    go_offline("/en/references/")
    box = page.get_by_label("Search the references")
    box.press_sequentially("Dénosumab")
    expect(page.locator("#reference-count")).to_have_text(f"{len(numbers)} references")
    visible = page.locator("#reference-list > li:visible")
    expect(visible).to_have_count(len(numbers))
    assert sorted(int(i.removeprefix("ref-")) for i in visible.evaluate_all("items => items.map(li => li.id)")) == sorted(numbers)
    expect(page).to_have_url(re.compile(r"\?q=D%C3%A9nosumab$"))
    box.fill("23")
    expect(visible).to_have_count(1)
    expect(visible).to_have_id("ref-23")
    expect(page.locator("#reference-count")).to_have_text("1 reference")
    box.press("Enter")  # submitting filters too, without a request
    box.fill("")
    expect(visible).to_have_count(150)
    assert not any("q=" in path for path in static_server.requests)


def test_static_site_paints_the_cited_first_and_adds_the_others_on_demand(offline_page):
    page = offline_page("/fr/references/")
    expect(page.locator("#reference-list > li")).to_have_count(26)
    expect(page.locator("#reference-count")).to_have_text("26 références")
    page.get_by_role("link", name="Afficher les 124 autres références, non citées dans le chapitre").click()
    expect(page.locator("#reference-count")).to_have_text("150 références")
    numbers = page.locator("#reference-list > li").evaluate_all("items => items.map(li => li.value)")
    assert numbers == list(range(1, 151))
    expect(page.locator("#reference-others")).to_have_count(0)


def test_static_site_opens_a_reference_not_cited_in_the_chapter_offline(offline_page):
    """A link to a reference of the others (a "Same as" link, a typed address) still lands on it."""
    page = offline_page("/en/references/#ref-120")
    expect(page.locator("#ref-120")).to_be_in_viewport()
    expect(page.locator("#reference-list > li")).to_have_count(150)
