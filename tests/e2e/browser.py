"""What an end-to-end test does as a user: fill a form, read the answer, run axe."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page


def wait_for_service_worker(page: Page) -> None:
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def fill_form(page: Page, values: dict[str, str]) -> None:
    """Type text fields, pick radios and tick boxes as a user would."""
    for name, value in values.items():
        field = page.locator(f'[name="{name}"]').first
        kind = field.get_attribute("type")
        if kind == "radio":
            page.locator(f'label:has(input[name="{name}"][value="{value}"])').click()
        elif kind == "checkbox":
            page.locator(f'input[name="{name}"]').set_checked(value == "true")
        else:
            field.fill(value)


def result_text(page: Page) -> str:
    """What the user reads once the answer has settled: the result and the field errors."""
    page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    page.wait_for_timeout(450)  # past the input debounce
    return page.evaluate(
        """() => [document.querySelector('#result').innerText,
                  ...[...document.querySelectorAll('.field-error')].map(e => e.id + ': ' + e.innerText)]
                 .join('\\n').replace(/[ \\t]+/g, ' ').trim()"""
    )


def axe_violations(page: Page) -> list:
    results = Axe().run(page)
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]]

