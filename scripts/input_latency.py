"""Input → result time on the frozen site at 4× CPU: from an `input` event to the first change of
#result's content, median and p95 over 50 inputs per page. Printed by `make bench`, never asserted."""
from __future__ import annotations

import os
import statistics

from playwright.sync_api import sync_playwright

CPU_SLOWDOWN = 4
INPUTS = 50
# Page → (fields filled first, the field then typed 50 times, its values)
CASES = {
    "zoledronic-acid": ({"age": "70", "weight": "70", "sex": "male", "unit": "umol/L"}, "creatinine",
                        [str(60 + i) for i in range(INPUTS)]),
    "vitamin-d": ({"unit": "ng/mL"}, "level", [str(5 + i) for i in range(INPUTS)]),
    "schedule": ({"agent": "denosumab", "start": "2026-03-02", "unit": "ng/mL"}, "vitamin_d",
                 [str(5 + i) for i in range(INPUTS)]),
}

# In the page: for each value, on a fresh frame, set it, dispatch `input`, and time the first change of
# #result's nodes; then wait until the answer is no longer marked busy. An input that changes nothing
# within a second counts as no answer (null).
_TIME_INPUTS = """async ([name, values]) => {
  const field = document.querySelector(`[name="${name}"]`);
  const region = document.getElementById("result");
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const times = [];
  for (const value of values) {
    await frame();
    let changed;
    const observer = new MutationObserver(() => { changed ??= performance.now(); });
    observer.observe(region, { childList: true, subtree: true, characterData: true });
    field.value = value;
    const start = performance.now();
    field.dispatchEvent(new Event("input", { bubbles: true }));
    while ((changed === undefined || region.hasAttribute("aria-busy")) && performance.now() - start < 1000) await frame();
    observer.disconnect();
    times.push(changed === undefined ? null : changed - start);
  }
  return times;
}"""


def fill(page, values: dict[str, str]) -> None:
    for name, value in values.items():
        field = page.locator(f'[name="{name}"]').first
        if field.get_attribute("type") == "radio":
            page.locator(f'label:has(input[name="{name}"][value="{value}"])').click()
        else:
            field.fill(value)


def p95(times: list[float]) -> float:
    return sorted(times)[max(0, round(0.95 * len(times)) - 1)]


def input_latency(base_url: str) -> None:
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        print(f"\nInput → result at {CPU_SLOWDOWN}× CPU, {INPUTS} inputs (ms): median, p95 (target p95 ≤ 16)")
        for slug, (first, name, values) in CASES.items():
            page = browser.new_page()
            page.goto(f"{base_url}/en/{slug}/")
            page.wait_for_selector("form[data-ready]")
            fill(page, first)  # also loads the mirror (at the first focus)
            page.wait_for_function("() => !document.getElementById('result').hasAttribute('aria-busy')")
            page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            answered = [t for t in page.evaluate(_TIME_INPUTS, [name, values]) if t is not None]
            if answered:
                print(f"  {slug:18} {statistics.median(answered):6.1f} {p95(answered):6.1f}"
                      + (f"  ({INPUTS - len(answered)} inputs changed nothing)" if len(answered) < INPUTS else ""))
            else:
                print(f"  {slug:18} no input changed the result")
            page.close()
        browser.close()
