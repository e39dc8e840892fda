"""The carnet end to end, as a clinician and a patient would use it, against the live
server and the offline static site: link and QR hand-over, the patient's page, ticks
that survive reloads, offline use and a new app version, the calendar file, backup,
print on one A4 page, accessibility, and proof that no plan data reaches a server."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from urllib.parse import urlencode

import icalendar
import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from tests.conftest import ServerThread, buffered
from tests.e2e.browser import axe_violations, fill_and_leave, wait_for_answer, wait_until_resolved_true
from tests.test_carnet import base36, fnv1a
from webapp import ROOT
from webapp.clinical.rules import RULES_DATE, RULES_VERSION
from webapp.formatting import format_date

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
RULES_SHOWN_DATE = format_date(dt.date.fromisoformat(RULES_DATE), "en", "long")
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
    fill_and_leave(page, plan)
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


# Cache validators only send back the server's own tags: a static file's ETag holds its mtime, which can read
# "…8217.54…" and so contain a plan value such as 17.5. They are left out of what is searched for leaks.
VALIDATORS = ("if-none-match", "if-modified-since")


def watch_requests(page: Page) -> list[str]:
    """What the browser sends, as it is sent: the URL without its fragment (never
    transmitted), every header and the body."""
    log: list[str] = []

    def record(request):
        headers = " ".join(f"{k}: {v}" for k, v in request.all_headers().items() if k not in VALIDATORS)
        log.append(f"{request.method} {request.url.split('#')[0]} {headers} {request.post_data or ''}")

    page.context.on("request", record)
    return log


def leaks(entries: list[str], plan: dict) -> list[str]:
    return [entry for entry in entries for needle in needles(plan) if needle in entry]


@pytest.fixture
def recorded_server(app):
    """The live app behind a recorder of everything it receives (path, query, headers, body)."""
    received: list[str] = []

    def recorder(environ, start_response):
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        headers = " ".join(f"{k}: {v}" for k, v in environ.items()
                           if k.startswith("HTTP_") and k[5:].lower().replace("_", "-") not in VALIDATORS)
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
    expect(page.locator("#ev-injection-1")).to_contain_text("Before this injection record was made")
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
        assert str(event["DESCRIPTION"]).endswith(f"Rules {carnet['rules']['version']} ({RULES_SHOWN_DATE})")
        before, day = event.walk("VALARM")  # 18:00 the day before, 08:00 the day itself
        assert (before["TRIGGER"].dt, day["TRIGGER"].dt) == (dt.timedelta(hours=-6), dt.timedelta(hours=8))
        assert str(before["DESCRIPTION"]).startswith("Tomorrow:") and str(day["DESCRIPTION"]).startswith("Today:")
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


def test_new_app_version_keeps_the_ticks(page, site_copy):
    """A new build (new service worker, new cache) is installed while ticks are stored."""
    code = new_code(page, site_copy.url)
    open_carnet(page, f"{site_copy.url}/en/my-treatment/#p={code}")
    tick(page, "injection-1")
    wait_for_service_worker(page)
    old_caches = page.evaluate("caches.keys()")

    sw = site_copy.directory / "sw.js"
    sw.write_text(sw.read_text().replace('const CACHE = "bone-mets-', 'const CACHE = "bone-mets-next-'))
    page.reload()
    page.wait_for_selector("#update-banner:not([hidden])")
    page.locator("#update-reload").click()
    wait_until_resolved_true(page, "() => caches.keys().then((keys) => keys.some((k) => k.startsWith('bone-mets-next-')))")
    page.wait_for_selector("#carnet[data-ready]")
    assert page.evaluate("caches.keys()") != old_caches
    assert set(stored(page)["done"]) == {"injection-1"}
    expect(page.locator("#ev-injection-1")).to_have_class(re.compile(r"\bdone\b"))


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
    copy = json.loads(saved.read_text())
    check = copy.pop("sha256")  # the file carries the SHA-256 of its content, as JSON.stringify writes it
    assert copy == stored(page)
    assert check == hashlib.sha256(json.dumps(copy, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest()
    assert stored(page)["rules"] == {"version": RULES_VERSION, "date": RULES_DATE}
    expect(page.locator('#print [data-plan="rules"]')).to_have_text(f"Rules {RULES_VERSION} ({RULES_SHOWN_DATE})")

    page.get_by_role("button", name="Delete everything from this phone").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    expect(page.locator("#carnet-empty")).to_be_visible()
    assert stored(page) is None

    page.locator("#import-file").set_input_files(str(saved))
    expect(page.locator("#carnet-notice")).to_have_text("Your injection record is restored.")
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
    expect(tab.locator("[data-needs-plan]")).to_have_count(6)  # four tools, the last copy and the browser's promise
    for button in tab.locator("[data-needs-plan]").all():
        expect(button).to_be_hidden()


def test_my_treatment_does_not_shift_when_the_phone_has_a_plan(tab, live_server):
    open_carnet(tab, f"{live_server}/en/my-treatment/#p={new_code(tab, live_server)}")
    assert load_painted_before_script(tab, f"{live_server}/en/my-treatment/") == 0
    expect(tab.locator("#carnet-plan")).to_be_visible()
    expect(tab.locator("#carnet-empty")).to_be_hidden()


# ---- No input can break it (issue #19) ----------------------------------------------------------------------

NOT_RESTORED = "This file was not restored: {} Nothing on this phone was changed."


def with_ticks(page: Page, live_server: str) -> dict:
    """A carnet on the phone with one tick and its note: what must never be lost."""
    open_carnet(page, f"{live_server}/en/my-treatment/#p={new_code(page, live_server)}")
    tick(page, "injection-2", note="Left arm")
    return stored(page)


def test_import_of_a_12_mb_file_is_refused_unread_and_nothing_is_lost(tab, live_server, tmp_path):
    page = tab
    before = with_ticks(page, live_server)
    # Count what the page reads of a file: a file over 1 MB must be refused on its size alone.
    page.evaluate("""() => { window.__read = 0; for (const proto of [Blob.prototype, File.prototype]) {
        const text = proto.text; proto.text = function () { window.__read++; return text.call(this); }; } }""")
    # A file on disk: the browser opens it by path (a buffer would cross Playwright's pipe, seconds for 12 MB).
    big = tmp_path / "big.json"
    big.write_text(json.dumps({**before, "pad": "x" * 12_000_000}))
    page.locator("#import-file").set_input_files(big)
    expect(page.locator("#error-import")).to_have_text(
        NOT_RESTORED.format("it is larger than 1 MB, far more than an injection record."))
    assert page.evaluate("window.__read") == 0
    assert stored(page) == before
    expect(page.locator("#ev-injection-2")).to_contain_text("Left arm")


def edited(carnet: dict, how: str) -> dict:
    carnet = json.loads(json.dumps(carnet))
    if how == "mark-for-no-event":
        carnet["done"]["injection-99"] = {"date": TODAY.isoformat()}
    elif how == "month-13":
        carnet["events"][2]["date"] = f"{TODAY.year + 1}-13-02"
    elif how == "3000-events":
        carnet["events"] = [{"id": f"injection-{n % 999 + 1}", "date": carnet["plan"]["start"], "kind": "injection"}
                            for n in range(3000)]
    return carnet


@pytest.mark.parametrize("how, reason", [
    ("mark-for-no-event", "a “done” mark in it is for an event that is not in its plan."),
    ("month-13", "a date in it does not exist or lies outside its plan."),
    ("3000-events", "it holds more events than a 24-month plan can have."),
])
def test_import_of_a_damaged_record_is_refused_and_the_last_good_one_kept(tab, live_server, tmp_path, how, reason):
    page = tab
    before = with_ticks(page, live_server)
    bad = tmp_path / f"{how}.json"
    bad.write_text(json.dumps(edited(before, how)))
    started = page.evaluate("performance.now()")
    page.locator("#import-file").set_input_files(str(bad))
    expect(page.locator("#error-import")).to_have_text(NOT_RESTORED.format(reason))
    assert page.evaluate("performance.now()") - started < 5000  # no freeze, whatever the file holds
    expect(page.get_by_role("dialog")).to_be_hidden()  # refused before asking anything
    assert stored(page) == before
    assert shown_events(page) == len(before["events"])
    # A good file after a refused one: the message goes, the record is restored.
    good = tmp_path / "good.json"
    good.write_text(json.dumps(before))
    page.locator("#import-file").set_input_files(str(good))
    page.get_by_role("dialog").get_by_role("button", name="Restore").click()
    expect(page.locator("#carnet-notice")).to_have_text("Your injection record is restored.")
    expect(page.locator("#error-import")).to_be_empty()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_stored_record_with_proto_and_constructor_ids_keeps_the_page_working_and_offers_export(tab, live_server, lang):
    page = tab
    open_carnet(page, f"{live_server}/{lang}/my-treatment/#p={new_code(page, live_server)}")
    carnet = stored(page)
    carnet["events"][0]["id"], carnet["events"][1]["id"] = "__proto__", "constructor"
    raw = json.dumps(carnet).replace('"done": {}', '"done": {"__proto__": {"date": "2026-01-01"}, "constructor": {"date": "2026-01-01"}}')
    assert '"__proto__": {"date"' in raw
    page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [KEY, raw])
    errors = []
    page.on("pageerror", lambda error: errors.append(error) if "carnet" in (error.stack or "") else None)
    page.reload()
    page.wait_for_selector("#carnet[data-ready]")
    broken = page.locator("#carnet-broken")
    expect(broken).to_be_visible()
    expect(page.locator("#carnet-empty")).to_be_hidden()
    expect(page.locator("#carnet-plan")).to_be_hidden()
    expect(page.locator("#broken-reason")).to_have_text(
        {"en": "An event in it has a name this app never gives.",
         "fr": "Une de ses dates porte un nom que cette application ne donne jamais."}[lang])
    assert page.evaluate("({}).constructor === Object && Object.getPrototypeOf({}) === Object.prototype")
    with page.expect_download() as download:
        broken.get_by_role("button").click()
    assert download.value.path().read_text() == raw  # exactly what was stored
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == raw  # and still stored
    # A link now asks first, "Keep" being the safe answer; the data stays.
    page.goto(f"{live_server}/{lang}/my-treatment/#p={new_code(page, live_server)}")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#confirm-no")).to_be_focused()
    dialog.locator("#confirm-no").click()
    assert page.evaluate(f"localStorage.getItem('{KEY}')") == raw
    assert errors == []
    if lang == "en":
        assert axe_violations(page) == []


QUOTA = """() => { Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); }; }"""


def test_a_full_storage_is_said_and_the_stored_record_kept(tab, live_server):
    page = tab
    before = with_ticks(page, live_server)
    errors = []
    page.on("pageerror", lambda error: errors.append(error) if "carnet" in (error.stack or "") else None)
    page.evaluate(QUOTA)
    item = page.locator("#ev-injection-3")
    if not item.is_visible():
        item.locator("xpath=ancestor::details").locator("summary").click()
    item.get_by_role("button", name=MARK_AS_DONE).click()
    item.locator("textarea").fill("Right arm")
    item.get_by_role("button", name=SAVE).click()
    expect(page.locator("#carnet-notice")).to_contain_text("storage is full: your last change was not saved")
    assert stored(page) == before  # nothing already stored is lost
    expect(item.locator("form")).to_be_visible()  # the form is still open, the note still typed
    expect(item.locator("textarea")).to_have_value("Right arm")
    expect(item).not_to_have_class(re.compile(r"\bdone\b"))
    # Undo and a new plan meet the same full storage: said, not thrown.
    page.locator("#ev-injection-2").get_by_role("button", name="Undo").click()
    assert stored(page) == before
    expect(page.locator("#ev-injection-2")).to_have_class(re.compile(r"\bdone\b"))
    assert errors == []


def open_form(page: Page, event_id: str, note: str) -> None:
    item = page.locator(f"#ev-{event_id}")
    if not item.is_visible():
        item.locator("xpath=ancestor::details").locator("summary").click()
    item.get_by_role("button", name=MARK_AS_DONE).click()
    item.locator("textarea").fill(note)


def test_two_tabs_a_tick_in_one_keeps_the_others_open_form_and_typed_note(tab, live_server):
    first = tab
    open_carnet(first, f"{live_server}/en/my-treatment/#p={new_code(first, live_server)}")
    second = first.context.new_page()
    open_carnet(second, f"{live_server}/en/my-treatment/")
    open_form(second, "injection-3", "Typed in the second tab")
    second.locator("#ev-injection-3 textarea").press("End")

    tick(first, "injection-2", note="From the first tab")
    # The second tab shows the tick (storage event)...
    expect(second.locator("#ev-injection-2")).to_have_class(re.compile(r"\bdone\b"))
    expect(second.locator("#ev-injection-2")).to_contain_text("From the first tab")
    # ...and its form is still open, its note still typed, the caret still in it.
    expect(second.locator("#ev-injection-3 form")).to_be_visible()
    expect(second.locator("#ev-injection-3 textarea")).to_have_value("Typed in the second tab")
    expect(second.locator("#ev-injection-3 textarea")).to_be_focused()
    second.locator("#ev-injection-3 textarea").press_sequentially(" and more")
    second.locator("#ev-injection-3").get_by_role("button", name=SAVE).click()
    done = stored(first)["done"]
    assert done["injection-2"]["note"] == "From the first tab"
    assert done["injection-3"]["note"] == "Typed in the second tab and more"
    expect(first.locator("#ev-injection-3")).to_contain_text("Typed in the second tab and more")
    second.close()


# Both tabs save at the same planned instant (a timer each, on the shared clock), each noting when it did.
SAVE_AT = """([id, at]) => { const form = document.querySelector(`#ev-${id} form`);
  setTimeout(() => { window.__savedAt = Date.now(); form.requestSubmit(); }, at - Date.now()); }"""


def test_two_tabs_writes_less_than_20_ms_apart_are_both_kept(tab, live_server):
    first = tab
    open_carnet(first, f"{live_server}/en/my-treatment/#p={new_code(first, live_server)}")
    second = first.context.new_page()
    open_carnet(second, f"{live_server}/en/my-treatment/")
    open_form(first, "injection-2", "First")
    open_form(second, "injection-3", "Second")
    planned = first.evaluate("Date.now()") + 500
    first.evaluate(SAVE_AT, ["injection-2", planned])
    second.evaluate(SAVE_AT, ["injection-3", planned])
    saved = [page.wait_for_function("() => window.__savedAt").json_value() for page in (first, second)]
    assert abs(saved[1] - saved[0]) < 20
    # A stale tab's whole-record write crossing both (it had read the carnet before either tick): the tabs
    # that made the ticks put them back.
    third = first.context.new_page()
    open_carnet(third, f"{live_server}/en/my-treatment/")
    for page in (first, second):
        page.wait_for_function(f"() => Object.keys(JSON.parse(localStorage.getItem('{KEY}')).done).length === 2")
    stale = {**stored(third), "done": {}, "changed": {}}
    stale["done"]["dental_review-1"] = {"date": TODAY.isoformat()}
    stale["changed"]["dental_review-1"] = int(dt.datetime.now().timestamp() * 1000)
    third.evaluate("([key, text]) => localStorage.setItem(key, text)", [KEY, json.dumps(stale)])
    for page in (first, second, third):
        page.wait_for_function(f"""() => ["injection-2", "injection-3", "dental_review-1"].every(
            (id) => id in JSON.parse(localStorage.getItem('{KEY}')).done)""")
        expect(page.locator("#ev-injection-2")).to_contain_text("First")
        expect(page.locator("#ev-injection-3")).to_contain_text("Second")
    assert set(stored(first)["done"]) == {"injection-2", "injection-3", "dental_review-1"}
    for page in (second, third):
        page.close()


def old_style(code: str) -> str:
    """The same plan as a version 1 link: the body under "1.", its 2-character check (mod 1296)."""
    body = "1." + code.split(".", 1)[1].rsplit("-", 1)[0]
    return f"{body}-{base36(fnv1a(body) % 1296, 2)}"


def test_edited_link_with_a_brute_forced_old_style_check_is_refused(tab, live_server):
    page = tab
    code = new_code(page, live_server)
    open_carnet(page, f"{live_server}/en/my-treatment/#p={code}")
    before = stored(page)
    body = code.rsplit("-", 1)[0].replace("_43.7_", "_25_")  # another clearance: another dose
    assert body != code.rsplit("-", 1)[0]
    # Every 2-character check, as someone editing the link by hand would try them: none reads.
    found = page.evaluate("""(body) => import('/static/js/carnet-code.mjs').then(({ read }) => {
        let n = 0; for (let i = 0; i < 1296; i++) if (read(`${body}-${i.toString(36).padStart(2, '0')}`)) n++; return n; })""", body)
    assert found == 0
    for forged in (f"{body}-{base36(fnv1a(body) % 1296, 2)}", f"{body}-{code.rsplit('-', 1)[1]}"):
        page.goto(f"{live_server}/en/my-treatment/#p={forged}")
        page.wait_for_selector("#carnet[data-ready]")
        expect(page.locator("#carnet-notice")).to_have_text("This link could not be read. Ask your care team for a new QR code.")
        assert stored(page) == before


@pytest.mark.parametrize("lang, older, facts", [
    ("en", "Older link: this plan came from a link made by an earlier version of the app",
     ["Denosumab (Xgeva®)", "120 mg under the skin.", "every 4 weeks"]),
    ("fr", "Lien ancien : ce calendrier vient d'un lien créé par une version antérieure",
     ["Dénosumab (Xgeva®)", "mg en injection sous la peau.", "toutes les 4 semaines"]),
])
def test_old_format_link_is_read_and_flagged_older(tab, live_server, lang, older, facts):
    page = tab
    code = old_style(new_code(page, live_server))
    assert re.fullmatch(r"1\.dw_[\w.]+-[0-9a-z]{2}", code)
    open_carnet(page, f"{live_server}/{lang}/my-treatment/#p={code}")
    expect(page.locator("#carnet-notice")).to_contain_text(
        {"en": "It came from an older link", "fr": "Il vient d'un lien ancien"}[lang])
    expect(page.locator("#plan-older")).to_be_visible()
    expect(page.locator("#plan-older")).to_contain_text(older.replace(" :", "\u00a0:"))
    carnet = stored(page)
    assert carnet["code"] == code and carnet["params"]["crcl"] == PLAN["crcl"]
    for fact in facts:
        expect(page.locator(".plan-facts")).to_contain_text(fact)
    first = dt.date.fromisoformat(PLAN["start"])
    expect(page.locator('[data-fact="start"]')).to_contain_text(str(first.year))
    # A link of the current version for the same plan: no flag.
    page.goto(f"{live_server}/{lang}/my-treatment/#p={new_code(page, live_server)}")
    page.get_by_role("dialog").locator("#confirm-yes").click()
    expect(page.locator("#plan-older")).to_be_hidden()


def test_zoledronic_acid_key_facts_show_the_dose_from_the_clearance(tab, live_server):
    page = tab
    open_carnet(page, f"{live_server}/en/my-treatment/#p={new_code(page, live_server, LONGEST)}")
    expect(page.locator('[data-fact="agent"]')).to_have_text("Zoledronic acid (Zometa®)")
    expect(page.locator('[data-fact="dose"]')).to_have_text("3.5 mg, by drip into a vein.")  # CrCl 55 mL/min
    expect(page.locator('[data-fact="interval"]')).to_have_text("every 4 weeks")
