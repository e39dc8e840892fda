"""The carnet end to end, as a clinician and a patient would use it, against the live
server and the offline static site: link and QR hand-over, the patient's page, ticks
that survive reloads, offline use and a new app version, the calendar file, backup,
print on one A4 page, accessibility, and proof that no plan data reaches a server."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
from urllib.parse import urlencode

import icalendar
import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from tests.conftest import ServerThread, buffered, serve_build
from tests.e2e.browser import axe_violations, fill_form, wait_for_answer
from webapp import ROOT
from webapp.clinical.rules import RULES_DATE, RULES_VERSION

TODAY = dt.date.today()
# Started 10 weeks ago (some events past, most to come), with a planned stop: every kind
# of event but the zoledronic acid infusion care shows up. Values chosen to be easy to
# find in a request log.
PLAN = {"agent": "denosumab", "start": (TODAY - dt.timedelta(days=70)).isoformat(), "interval": "4w",
        "vitamin_d": "17.5", "unit": "ng/mL", "crcl": "43.7", "stop": (TODAY + dt.timedelta(days=400)).isoformat()}
# The longest plan: zoledronic acid every 4 weeks with four loading doses (73 events).
LONGEST = {"agent": "zoledronic_acid", "start": TODAY.isoformat(), "interval": "4w", "vitamin_d": "5",
           "unit": "ng/mL", "crcl": "55"}
KEY = "bone-mets.carnet"
JSQR = ROOT / "node_modules" / "jsqr" / "dist" / "jsQR.js"


def needles(plan: dict) -> list[str]:
    """Every way a plan value could show up in a request."""
    found = []
    for name, value in plan.items():
        if name in ("start", "stop"):
            found += [value, value.replace("-", "")]
        elif name in ("vitamin_d", "crcl"):
            found += [value, value.replace(".", ","), value.replace(".", "%2C")]
    return found + ["p=1.", "p=2."]


def wait_for_service_worker(page: Page) -> None:
    """The page is controlled by the service worker (so it can be reloaded offline).
    Arrow functions: Playwright evals expression strings in the page, and the CSP
    blocks that eval once the first check has failed."""
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def api_events(app, plan: dict) -> list[dict]:
    """The JSON API's events for the same inputs (asked through the app, not the browser)."""
    response = app.test_client().get("/api/v1/schedule?" + urlencode(plan))
    assert response.status_code == 200
    return [{k: v for k, v in event.items() if v is not None} for event in response.get_json()["events"]]


def stored(page: Page) -> dict | None:
    text = page.evaluate(f"localStorage.getItem('{KEY}')")
    return json.loads(text) if text else None


def make_plan(page: Page, url: str, plan: dict) -> str:
    """As the clinician: fill the schedule form, wait for the preview, read the link."""
    page.goto(url)
    page.wait_for_selector("form[data-ready]")
    fill_form(page, plan)
    wait_for_answer(page)
    page.wait_for_selector("[data-handover]:not([hidden])")
    link = page.locator("#handover-link").inner_text()
    assert page.locator("[data-handover] a[data-link]").get_attribute("href") == link
    return link


# The patient's buttons, in whichever language the test's page is.
MARK_AS_DONE = re.compile("Mark as done|Marquer comme fait")
SAVE = re.compile("^(Save|Enregistrer)$")


def open_carnet(page: Page, link: str) -> None:
    page.goto(link)
    page.wait_for_selector("#carnet[data-ready]")


def shown_events(page: Page) -> int:
    return page.locator("li.event").count()


def tick(page: Page, event_id: str, date: str | None = None, note: str = "") -> None:
    """As the patient: open the item's form, keep today or type a date, add a note, save."""
    item = page.locator(f"#ev-{event_id}")
    if not item.is_visible():
        item.locator("xpath=ancestor::details").locator("summary").click()
    item.get_by_role("button", name=MARK_AS_DONE).click()
    assert item.locator('input[name="date"]').input_value() == TODAY.isoformat()  # today by default
    if date:
        item.locator('input[name="date"]').fill(date)
    if note:
        item.locator("textarea").fill(note)
    item.get_by_role("button", name=SAVE).click()
    expect(item).to_have_class(re.compile(r"\bdone\b"))


def watch_requests(page: Page) -> list[str]:
    """What the browser sends, as it is sent: the URL without its fragment (never
    transmitted), every header and the body."""
    log: list[str] = []

    def record(request):
        headers = " ".join(f"{k}: {v}" for k, v in request.all_headers().items())
        log.append(f"{request.method} {request.url.split('#')[0]} {headers} {request.post_data or ''}")

    page.context.on("request", record)
    return log


def leaks(entries: list[str], plan: dict) -> list[str]:
    return [entry for entry in entries for needle in needles(plan) if needle in entry]


@pytest.fixture
def tab(browser, browser_context_args):
    """A phone's browser tab without the service worker, for the tests that are not about
    offline use: every request then reaches the server (and is seen), and no background
    precache is cut short when the test ends."""
    context = browser.new_context(**browser_context_args, service_workers="block")
    yield context.new_page()
    context.close()


@pytest.fixture
def recorded_server(app):
    """The live app behind a recorder of everything it receives (path, query, headers, body)."""
    received: list[str] = []

    def recorder(environ, start_response):
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        headers = " ".join(f"{k}: {v}" for k, v in environ.items() if k.startswith("HTTP_"))
        received.append(f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']}?{environ['QUERY_STRING']} "
                        f"{headers} {body.decode('latin-1')}")
        return app(environ, start_response)

    server = ServerThread(make_server("127.0.0.1", 0, buffered(recorder), threaded=True))
    server.received = received
    yield server
    server.stop()


def check_same_as_api(page: Page, app, plan: dict) -> dict:
    """The carnet holds the plan's inputs, with the day it was made (the clinician's device date), and the
    API's events for them."""
    carnet = stored(page)
    assert carnet["params"] == {**plan, "today": TODAY.isoformat()}
    events = [{k: v for k, v in event.items() if k != "id"} for event in carnet["events"]]
    assert events == api_events(app, {**plan, "today": TODAY.isoformat()})
    assert shown_events(page) == len(events)
    return carnet


def test_live_clinician_to_patient_and_nothing_reaches_the_server(tab, app, recorded_server):
    page = tab
    link = make_plan(page, recorded_server.url + "/en/schedule/", PLAN)
    assert re.fullmatch(re.escape(recorded_server.url) + r"/en/my-treatment/#p=2\.dw_[\w.]+-[0-9a-z]{7}", link)
    # From here on the plan lives in the browser only (the clinician's own form above
    # is a plain GET to the server by design).
    received_before = len(recorded_server.received)
    sent = watch_requests(page)

    page.locator("[data-handover] a[data-link]").click()
    page.wait_for_selector("#carnet[data-ready]")
    assert "#" not in page.url  # the plan also leaves the address bar
    carnet = check_same_as_api(page, app, PLAN)
    expect(page.locator("#carnet-notice")).to_have_text("Your plan is saved on this phone.")

    # The next event, in large type: the first one from today on.
    upcoming = [e for e in carnet["events"] if e["date"] >= TODAY.isoformat()]
    next_date = dt.date.fromisoformat(upcoming[0]["date"])
    expect(page.locator('[data-next="date"]')).to_contain_text(str(next_date.day))
    # Injections dated before the plan was handed over are never called missed (safety rules §11.9)...
    expect(page.locator("#ev-injection-1")).to_contain_text("Before this carnet was made")
    expect(page.locator("#missed")).to_be_hidden()
    # ...but once the plan dates from before them, a past injection not ticked is flagged.
    page.evaluate(f"""() => {{ const c = JSON.parse(localStorage.getItem('{KEY}'));
        c.plan.made = '{PLAN["start"]}'; localStorage.setItem('{KEY}', JSON.stringify(c)); }}""")
    page.reload()
    page.wait_for_selector("#carnet[data-ready]")
    expect(page.locator("#missed")).to_be_visible()

    tick(page, "injection-1", date=(TODAY - dt.timedelta(days=69)).isoformat(), note="Left arm")
    tick(page, "injection-2")
    tick(page, "injection-3")
    expect(page.locator("#missed")).to_be_hidden()
    page.reload()
    page.wait_for_selector("#carnet[data-ready]")
    done = stored(page)["done"]
    assert done["injection-1"] == {"date": (TODAY - dt.timedelta(days=69)).isoformat(), "note": "Left arm"}
    assert done["injection-2"] == {"date": TODAY.isoformat()}
    expect(page.locator("#ev-injection-1")).to_contain_text("Left arm")

    # Undo a tick.
    page.locator("#ev-injection-3").get_by_role("button", name="Undo").click()
    assert "injection-3" not in stored(page)["done"]

    # The calendar file, made on the device.
    with page.expect_download() as download:
        page.get_by_role("button", name="Add to my calendar").click()
    check_ics(download.value.path().read_bytes(), stored(page))

    page.reload()  # the same link again: nothing to confirm, nothing lost
    page.goto(link)
    page.wait_for_selector("#carnet[data-ready]")
    expect(page.locator("#carnet-notice")).to_have_text("This plan is already on this phone.")
    assert len(stored(page)["done"]) == 2

    assert sent and not leaks(sent, PLAN)
    after = recorded_server.received[received_before:]
    assert any("/en/my-treatment/" in line for line in after) and not leaks(after, PLAN)


def check_ics(raw: bytes, carnet: dict) -> None:
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    cal = icalendar.Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    future = [e for e in carnet["events"] if e["date"] >= TODAY.isoformat()]
    assert [(e["DTSTART"].dt.isoformat(), str(e["UID"])) for e in events] == [
        (e["date"], f"{e['id']}.{carnet['id']}@bone-mets-carnet") for e in future]
    for event in events:
        assert event["DTEND"].dt == event["DTSTART"].dt + dt.timedelta(days=1)
        assert str(event["SUMMARY"])
        assert str(event["DESCRIPTION"]).endswith(f"Rules {carnet['rules']['version']} (December 1, 2026)")
        alarm = event.walk("VALARM")[0]
        assert dt.timedelta(days=-1) <= alarm["TRIGGER"].dt < dt.timedelta(0)  # the day before
    injections = [e for e in events if "Denosumab injection" in str(e["SUMMARY"])]
    assert len(injections) == sum(e["kind"] == "injection" for e in future)


def test_static_site_offline_and_nothing_reaches_the_server(page, app, static_server):
    sent = watch_requests(page)
    link = make_plan(page, static_server.url + "/fr/schedule/", PLAN)  # computed in the browser here
    open_carnet(page, link)
    check_same_as_api(page, app, PLAN)
    tick(page, "injection-1", note="Bras gauche")
    wait_for_service_worker(page)

    page.context.set_offline(True)
    page.reload()
    page.wait_for_selector("#carnet[data-ready]")
    expect(page.locator("#ev-injection-1")).to_have_class(re.compile(r"\bdone\b"))
    tick(page, "injection-2")  # offline too
    static_server.stop()  # and with no server at all
    page.reload()
    page.wait_for_selector("#carnet[data-ready]")
    assert set(stored(page)["done"]) == {"injection-1", "injection-2"}
    assert shown_events(page) == len(stored(page)["events"])

    assert static_server.requests and not leaks(static_server.requests, PLAN)
    assert not leaks(sent, PLAN)


def test_new_app_version_keeps_the_ticks(page, frozen_build, tmp_path):
    """A new build (new service worker, new cache) is installed while ticks are stored."""
    site = tmp_path / "site"
    shutil.copytree(frozen_build, site)
    server = serve_build(site)
    try:
        code = new_code(page, server.url)
        open_carnet(page, f"{server.url}/en/my-treatment/#p={code}")
        tick(page, "injection-1")
        wait_for_service_worker(page)
        old_caches = page.evaluate("caches.keys()")

        sw = site / "sw.js"
        sw.write_text(sw.read_text().replace('const CACHE = "bone-mets-', 'const CACHE = "bone-mets-next-'))
        page.reload()
        page.wait_for_selector("#update-banner:not([hidden])")
        page.locator("#update-reload").click()
        page.wait_for_function("() => caches.keys().then((keys) => keys.some((k) => k.startsWith('bone-mets-next-')))")
        page.wait_for_selector("#carnet[data-ready]")
        assert page.evaluate("caches.keys()") != old_caches
        assert set(stored(page)["done"]) == {"injection-1"}
        expect(page.locator("#ev-injection-1")).to_have_class(re.compile(r"\bdone\b"))
    finally:
        server.stop()


def new_code(page: Page, base: str, plan: dict = PLAN) -> str:
    """A link's code for a plan, made by the page's own encoder (no form needed)."""
    page.goto(base + "/en/")
    return page.evaluate("(plan) => import('/static/js/carnet-code.mjs').then((m) => m.encode(plan))", plan)


def test_replacing_a_plan_asks_first(tab, live_server):
    page = tab
    first = new_code(page, live_server)
    open_carnet(page, f"{live_server}/en/my-treatment/#p={first}")
    tick(page, "injection-1")
    tick(page, "dental_review-1")
    moved = {**PLAN, "start": (TODAY - dt.timedelta(days=60)).isoformat(), "interval": "monthly"}
    second = new_code(page, live_server, moved)

    page.goto(f"{live_server}/en/my-treatment/#p={second}")
    dialog = page.get_by_role("dialog", name="Replace your plan?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Keep")).to_be_focused()  # the safe answer first
    assert axe_violations(page) == []
    dialog.get_by_role("button", name="Keep").click()
    expect(page.locator("#carnet-notice")).to_have_text("Your current plan is kept.")
    assert stored(page)["code"] == first and len(stored(page)["done"]) == 2

    page.goto(f"{live_server}/en/my-treatment/#p={second}")  # only the fragment changes: no reload
    page.get_by_role("dialog").get_by_role("button", name="Replace").click()
    expect(page.locator("#carnet-notice")).to_have_text("Your plan is saved on this phone.")
    carnet = stored(page)
    assert carnet["code"] == second and carnet["params"]["interval"] == "monthly" and carnet["revision"] == 2
    assert set(carnet["done"]) == {"injection-1", "dental_review-1"}  # the same events keep their marks

    page.goto(f"{live_server}/en/my-treatment/#p=1.dw_2026-zz")  # damaged link: nothing changes
    page.wait_for_selector("#carnet[data-ready]")
    expect(page.locator("#carnet-notice")).to_contain_text("could not be read")
    assert stored(page)["code"] == second


def test_export_delete_import(tab, live_server, tmp_path):
    page = tab
    open_carnet(page, f"{live_server}/en/my-treatment/#p={new_code(page, live_server)}")
    tick(page, "injection-2", note="Chez l’infirmière")
    with page.expect_download() as download:
        page.get_by_role("button", name="Save a copy (file)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == f"carnet-{TODAY.isoformat()}.json"
    assert json.loads(saved.read_text()) == stored(page)
    assert stored(page)["rules"] == {"version": RULES_VERSION, "date": RULES_DATE}
    expect(page.locator('#print [data-plan="rules"]')).to_have_text(f"Rules {RULES_VERSION} (December 1, 2026)")

    page.get_by_role("button", name="Delete everything from this phone").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    expect(page.locator("#carnet-empty")).to_be_visible()
    assert stored(page) is None

    page.locator("#import-file").set_input_files(str(saved))
    expect(page.locator("#carnet-notice")).to_have_text("Your carnet is restored.")
    assert stored(page)["done"]["injection-2"]["note"] == "Chez l’infirmière"
    assert shown_events(page) == len(stored(page)["events"])

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": 1}')
    page.locator("#import-file").set_input_files(str(bad))
    expect(page.locator("#error-import")).to_have_text("This file was not restored: it is not an injection record saved "
                                                       "by this app. Nothing on this phone was changed.")
    expect(page.locator("#carnet-notice")).to_be_empty()
    assert stored(page)["done"]["injection-2"]


def test_qr_code_decodes_to_the_link(browser, playwright, live_server):
    # jsQR is injected as an inline script: only the test's context bypasses the CSP.
    context = browser.new_context(**playwright.devices["Pixel 7"], bypass_csp=True, service_workers="block")
    page = context.new_page()
    link = make_plan(page, live_server + "/fr/schedule/", PLAN)
    page.add_script_tag(path=str(JSQR))
    decoded = page.evaluate("""() => {
        const canvas = document.querySelector("[data-handover] canvas[data-qr]");
        const image = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
        return jsQR(image.data, image.width, image.height)?.data;
    }""")
    context.close()
    assert decoded == link


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("plan", [LONGEST, {**LONGEST, "agent": "denosumab"}], ids=["zoledronic-acid", "denosumab"])
def test_print_is_one_a4_page(tab, live_server, lang, plan):
    page = tab
    open_carnet(page, f"{live_server}/{lang}/my-treatment/#p={new_code(page, live_server, plan)}")
    events = len(stored(page)["events"])
    assert events >= 40
    assert page.locator("#print tbody tr").count() == events
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1


def test_no_axe_violation_on_both_pages(tab, live_server):
    page = tab
    page.goto(live_server + "/en/my-treatment/")
    page.wait_for_selector("#carnet[data-ready]")
    expect(page.locator("#carnet-empty")).to_be_visible()
    assert axe_violations(page) == []

    make_plan(page, live_server + "/en/schedule/", PLAN)
    assert axe_violations(page) == []

    page.locator("[data-handover] a[data-link]").click()
    page.wait_for_selector("#carnet[data-ready]")
    tick(page, "injection-1", note="Bras gauche")
    page.locator("#ev-injection-2").get_by_role("button", name=MARK_AS_DONE).click()  # its form open
    page.locator("#later summary").click()
    assert axe_violations(page) == []


def test_both_pages_fit_a_390px_phone(tab, live_server):
    page = tab
    page.set_viewport_size({"width": 390, "height": 844})
    fits = "() => document.documentElement.scrollWidth <= window.innerWidth"
    make_plan(page, f"{live_server}/fr/schedule/", PLAN)
    assert page.evaluate(fits)
    page.locator("[data-handover] a[data-link]").click()
    page.wait_for_selector("#carnet[data-ready]")
    tick(page, "injection-1", note="Bras gauche, pas de douleur")
    assert page.evaluate(fits)


def test_next_card_marks_the_next_event_done(tab, live_server):
    """The big "Next" card has its own "Mark as done": it opens that event's form."""
    open_carnet(tab, make_plan(tab, live_server + "/en/schedule/", PLAN))
    next_title = tab.locator('[data-next="title"]').inner_text()
    tab.locator("#next-done").click()
    opened = tab.locator("li.event:has(form:not([hidden]))")
    expect(opened).to_have_count(1)
    item = tab.locator(f"#{opened.get_attribute('id')}")
    expect(item.locator('[data-f="title"]')).to_have_text(next_title)
    item.get_by_role("button", name=SAVE).click()
    expect(item).to_have_class(re.compile(r"\bdone\b"))
    expect(tab.locator('[data-next="title"]')).not_to_have_text(next_title)


# The layout shift of the page so far (what Lighthouse's CLS adds up), read after two frames.
LAYOUT_SHIFT = """() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
  const observer = new PerformanceObserver(() => {});
  observer.observe({ type: "layout-shift", buffered: true });
  resolve(observer.takeRecords().filter((e) => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0));
})))"""


def load_painted_before_script(page: Page, url: str) -> float:
    """Open the carnet with its script held until the page has painted (as on a slow phone), then
    return the layout shift once the script has shown the carnet's state."""
    held = []
    page.route("**/js/carnet.mjs", lambda route: held.append(route))
    page.goto(url, wait_until="commit")
    page.wait_for_function("() => performance.getEntriesByType('paint').length > 0")
    page.wait_for_function("() => document.readyState !== 'loading'")
    held[0].continue_()
    page.wait_for_selector("#carnet[data-ready]")
    page.unroute("**/js/carnet.mjs")
    return page.evaluate(LAYOUT_SHIFT)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_my_treatment_does_not_shift_on_a_first_visit(tab, live_server, lang):
    assert load_painted_before_script(tab, f"{live_server}/{lang}/my-treatment/") == 0
    expect(tab.locator("#carnet-empty")).to_be_visible()
    expect(tab.locator("[data-needs-plan]")).to_have_count(4)
    for button in tab.locator("[data-needs-plan]").all():
        expect(button).to_be_hidden()


def test_my_treatment_does_not_shift_when_the_phone_has_a_plan(tab, live_server):
    open_carnet(tab, f"{live_server}/en/my-treatment/#p={new_code(tab, live_server)}")
    assert load_painted_before_script(tab, f"{live_server}/en/my-treatment/") == 0
    expect(tab.locator("#carnet-plan")).to_be_visible()
    expect(tab.locator("#carnet-empty")).to_be_hidden()
