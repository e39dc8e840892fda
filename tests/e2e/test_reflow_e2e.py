"""Reflow (WCAG 1.4.10, 1.4.4): no sideways scrolling at 320 CSS px, nor at 412 px with text at 200 %, on
every page of both languages, with a result shown where a page has one. Measured on the document's
scrollWidth against the configured width: a phone's layout viewport widens to fit overflowing content, so
innerWidth would hide the fault."""
from __future__ import annotations

import pytest

from tests.e2e.browser import fill_and_leave, wait_for_answer
from tests.e2e.test_answer_in_sight_e2e import INPUTS
from webapp.pages import PAGES

PATHS = ["", "references/", "evidence/", "about/", "my-treatment/", "my-treatment/cards/",
         *(f"{slug}/" for slug in PAGES)]
OVERFLOW = """(width) => [...document.querySelectorAll("body *")].filter((el) => {
  const r = el.getBoundingClientRect(); return r.width && r.right > width + 1;
}).slice(0, 5).map((el) => el.tagName + (el.id ? "#" + el.id : "") + "." + el.className + " " + Math.round(el.getBoundingClientRect().right))"""


# (viewport width, default font size): 320 CSS px, and 412 px with text at 200 %.
SIZES = {"320px": (320, 16), "412px-200pc-text": (412, 32)}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_page_scrolls_sideways(browser, live_server, lang):
    """Each page is loaded and answered once, then measured at each size: layout is CSS alone (no script
    reads the viewport's width), so resizing gives what loading at that size gives."""
    context = browser.new_context(viewport={"width": 320, "height": 800}, is_mobile=True, has_touch=True,
                                  service_workers="block")
    page = context.new_page()
    cdp = page.context.new_cdp_session(page)
    faults = {}
    for path in PATHS:
        page.set_viewport_size({"width": 320, "height": 800})
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 16}})
        page.goto(f"{live_server}/{lang}/{path}")
        slug = path.rstrip("/")
        if slug in INPUTS:
            page.wait_for_selector("form[data-ready]")
            fill_and_leave(page, INPUTS[slug])
            wait_for_answer(page)
        for size, (width, font_px) in SIZES.items():
            page.set_viewport_size({"width": width, "height": 800})
            cdp.send("Page.setFontSizes", {"fontSizes": {"standard": font_px}})
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                faults[f"{size} {path}"] = (scroll_width, page.evaluate(OVERFLOW, width))
    context.close()
    assert not faults, "\n".join(f"{p}: {w} px {e}" for p, (w, e) in faults.items())
