"""What an end-to-end test does as a user: fill a form, read the answer, run axe."""
from __future__ import annotations

import json

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page


def wait_until_resolved_true(page: Page, predicate: str) -> None:
    """Until the promise of `predicate` (a function's source) resolves to true. page.wait_for_function does
    not await a promise: a Promise is truthy, so it would return at once, whatever it resolves to. Here each
    poll (Playwright's, one per animation frame) starts a check unless one is running, and reads the last
    check's answer; the state lives on the page, keyed by the predicate, and goes once it is true."""
    page.wait_for_function(f"""() => {{
      const checks = window.__checks ??= {{}};
      const check = checks[{json.dumps(predicate)}] ??= {{ value: false, running: false }};
      if (check.value === true) {{ delete checks[{json.dumps(predicate)}]; return true; }}
      if (!check.running) {{
        check.running = true;
        Promise.resolve().then({predicate}).then((value) => {{ check.value = value; }}, () => {{}})
          .finally(() => {{ check.running = false; }});
      }}
      return false;
    }}""")


def wait_for_service_worker(page: Page) -> None:
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


# When the user last changed a field, when htmx last sent a request, and the send time of the latest request
# htmx has finished (answered, failed, aborted, or cancelled as a repeat). Functions, not expression strings:
# the CSP forbids eval.
_WATCH = """() => {
  if (window.__inputs) return;
  const w = window.__inputs = {changed: 0, sent: -1, answered: -1};
  for (const type of ["input", "change"]) document.addEventListener(type, () => { w.changed = performance.now(); }, true);
  document.addEventListener("htmx:beforeRequest", (event) => {
    // A request the page cancels asks again for the answer already on screen (calculator.mjs): it counts as answered.
    if (event.defaultPrevented) w.answered = performance.now();
    else w.sent = event.detail.xhr.sentAt = performance.now();
  });
  document.addEventListener("htmx:afterRequest", (event) => {
    w.answered = Math.max(w.answered, event.detail.xhr.sentAt ?? -1);
  });
}"""

# Settled: the mirror's answer is shown (no aria-busy), htmx is neither sending nor swapping, and on the
# live server the server has answered a request sent after the last change (the debounce is over).
_SETTLED = """() => {
  const form = document.querySelector("form[data-ready]");
  const w = window.__inputs;
  return !document.getElementById("result").hasAttribute("aria-busy")
    && !document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling")
    && (!form || !form.hasAttribute("hx-get") || !w || w.answered >= w.changed);
}"""


# Watches the inputs (_WATCH), opens the <details> around each named field, and returns each one's type.
_OPEN_FIELDS = f"""(names) => {{
  ({_WATCH})();
  return Object.fromEntries(names.map((name) => {{
    const field = document.querySelector(`[name="${{name}}"]`);
    const folded = field.closest("details");
    if (folded) folded.open = true;
    return [name, field.getAttribute("type")];
  }}));
}}"""


def fill_form(page: Page, values: dict[str, str]) -> None:
    """Type text fields, pick radios and tick boxes as a user would."""
    # One round trip for what the loop needs: each field's type, its folded section opened as a user would.
    kinds = page.evaluate(_OPEN_FIELDS, list(values))
    for name, value in values.items():
        field = page.locator(f'[name="{name}"]').first
        kind = kinds[name]
        if kind == "radio":
            page.locator(f'label:has(input[name="{name}"][value="{value}"])').click()
        elif kind == "checkbox":
            page.locator(f'input[name="{name}"]').set_checked(value == "true")
        else:
            field.fill(value)


# Sets the fields fill_form would (the first of each name, or the radio of that value; _OPEN_FIELDS opens
# their folded sections), with the events a user's input fires (input, then change, as on leaving the field
# or ticking a box); refuses a field or a radio value the page lacks, or one a user could not reach
# (disabled, not shown).
_SET_FIELDS = f"""(values) => {{
  ({_OPEN_FIELDS})(Object.keys(values));
  for (const [name, value] of Object.entries(values)) {{
    const field = [...document.querySelectorAll(`[name="${{name}}"]`)].find((f) => f.type !== "radio" || f.value === value);
    if (!field) throw new Error(`no field ${{name}} with ${{value}}`);
    if (field.disabled || !(field.closest("label") ?? field).checkVisibility()) throw new Error(`${{name}} cannot be set`);
    if (field.type === "radio") field.checked = true;
    else if (field.type === "checkbox") field.checked = value === "true";
    else field.value = value;
    for (const type of ["input", "change"]) field.dispatchEvent(new Event(type, {{ bubbles: true }}));
  }}
}}"""


def fill_form_at_once(page: Page, values: dict[str, str]) -> None:
    """The same fields and events as fill_form, in one round trip instead of a few per field, for the tests
    that compare answers rather than how a field is reached (fill_form's clicks and typing are kept by
    the axe, layout, typing and record tests)."""
    page.evaluate(_SET_FIELDS, values)


def leave_field(page: Page) -> None:
    """A tap elsewhere once the form is filled, as a user does to read the answer: the field's `change` asks
    the server at once instead of after the typing pause (the debounce, which the typing tests keep)."""
    page.evaluate("() => document.activeElement?.blur()")


def fill_and_leave(page: Page, values: dict[str, str]) -> None:
    """fill_form, then leave_field: the form filled as a user fills it to read the answer."""
    fill_form(page, values)
    leave_field(page)


def wait_for_answer(page: Page) -> None:
    """Until the answer to the inputs on screen is final (see _SETTLED); no fixed sleep."""
    page.wait_for_function(_SETTLED)


def result_text(page: Page) -> str:
    """What the user reads once the answer has settled: the result and the field errors."""
    wait_for_answer(page)
    return page.evaluate(
        """() => [document.querySelector('#result').innerText,
                  ...[...document.querySelectorAll('.field-error')].map(e => e.id + ': ' + e.innerText)]
                 .join('\\n').replace(/[ \\t]+/g, ' ').trim()"""
    )


_AXE = Axe()


def axe_violations(page: Page, within: str | None = None) -> list:
    """axe-core's violations on the page, or only within the elements a selector names. axe is added to a
    document once (it is half a megabyte of script), then run as often as asked."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_AXE.axe_script)
    response = page.evaluate("(within) => axe.run(within ? { include: [[within]] } : document, { resultTypes: ['violations'] })",
                             within)
    return [(v["id"], [n["target"] for n in v["nodes"]]) for v in response["violations"]]
