"""The injection record lasts and reminds (issue #16): the browser is asked to keep it and its answer said,
a copy in a file restores every mark after the site's data is cleared, an altered file is refused, the
home-screen icon opens the record, what is due today and what is overdue is said, the calendar events a
replaced plan dropped can be cancelled, and "Save" is in sight when a mark is being made."""
from __future__ import annotations

import datetime as dt
import json
import re

import icalendar
from playwright.sync_api import expect

from tests.e2e.test_carnet_e2e import PLAN, TODAY, new_code, open_carnet, stored, tick


def save_copy(page, tmp_path):
    with page.expect_download() as download:
        page.get_by_role("button", name="Save a copy (file)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    return path


def test_a_copy_restores_every_mark_after_the_site_data_is_cleared(tab, live_server, tmp_path):
    page = tab
    open_carnet(page, f"{live_server}/en/my-treatment/#p={new_code(page, live_server)}")
    expect(page.locator("#persist-status")).to_have_text(re.compile(
        "^(This browser has agreed to keep your injection record|This browser may clear your injection record)"))
    expect(page.locator("#export-status")).to_have_text("No copy saved in a file yet: save one, so that nothing is lost if this browser clears its data.")
    tick(page, "injection-1", note="Left arm")
    tick(page, "dental_review-1")
    path = save_copy(page, tmp_path)
    expect(page.locator("#export-status")).to_have_text(re.compile(rf"^Last copy saved in a file on .*{TODAY.year}\.$"))
    marks = stored(page)["done"]
    tick(page, "injection-2")
    expect(page.locator("#export-status")).to_contain_text("Changed since: save a copy (file) again.")

    page.context.clear_cookies()
    page.evaluate("localStorage.clear()")  # what a browser clearing the site's data leaves
    page.reload()
    page.wait_for_selector("#carnet[data-ready]")
    expect(page.locator("#carnet-empty")).to_be_visible()
    page.locator("#import-file").set_input_files(str(path))
    expect(page.locator("#carnet-notice")).to_have_text("Your injection record is restored.")
    assert stored(page)["done"] == marks  # every mark of the copy, the note included

    altered = json.loads(path.read_text())
    altered["done"]["injection-1"]["date"] = (TODAY - dt.timedelta(days=1)).isoformat()  # edited by hand, check kept
    bad = tmp_path / "altered.json"
    bad.write_text(json.dumps(altered))
    page.locator("#import-file").set_input_files(str(bad))
    expect(page.locator("#error-import")).to_contain_text("it was changed after it was saved")
    assert stored(page)["done"] == marks


def test_the_home_screen_icon_opens_the_record_when_the_phone_has_one(tab, live_server):
    page = tab
    page.goto(f"{live_server}/fr/?source=home-screen")
    expect(page.locator("h1")).to_have_text(re.compile("Traitement osseux"))  # no record: the home page
    open_carnet(page, f"{live_server}/fr/my-treatment/#p={new_code(page, live_server)}")
    page.goto(f"{live_server}/fr/?source=home-screen")
    page.wait_for_url(f"{live_server}/fr/my-treatment/")
    page.goto(f"{live_server}/fr/")  # typed or linked, the home page stays the home page
    expect(page).to_have_url(f"{live_server}/fr/")


def test_due_today_and_overdue_say_how_many_and_which(tab, live_server):
    page = tab
    plan = {**PLAN, "start": (TODAY - dt.timedelta(days=56)).isoformat()}  # injections 1-2 past, 3 today
    plan.pop("stop")
    code = new_code(page, live_server, {**plan, "today": (TODAY - dt.timedelta(days=56)).isoformat()})
    open_carnet(page, f"{live_server}/en/my-treatment/#p={code}")
    expect(page.locator("#due")).to_be_visible()
    expect(page.locator("#due-list")).to_contain_text("Denosumab injection no. 3")
    expect(page.locator("#missed-count")).to_have_text("Injections not marked as done: 2")
    expect(page.locator("#missed-list li")).to_have_text([
        re.compile(r"^Denosumab injection no\. 2, .* \(days since: 28\)$"),
        re.compile(r"^Denosumab injection no\. 1, .* \(days since: 56\)$")])
    tick(page, "injection-2", date=(TODAY - dt.timedelta(days=28)).isoformat())
    expect(page.locator("#missed-count")).to_have_text("Injections not marked as done: 1")


def test_a_replaced_plan_offers_to_cancel_the_dropped_calendar_dates(tab, live_server, tmp_path):
    page = tab
    open_carnet(page, f"{live_server}/en/my-treatment/#p={new_code(page, live_server)}")
    shorter = {**PLAN, "stop": (TODAY + dt.timedelta(days=100)).isoformat()}  # fewer injections to come
    page.goto(f"{live_server}/en/my-treatment/#p={new_code(page, live_server, shorter)}")
    page.get_by_role("dialog").get_by_role("button", name="Replace").click()
    offer = page.locator("#cancel-offer")
    expect(offer).to_be_visible()
    count = int(page.locator("#cancel-count").inner_text())
    assert count > 0
    with page.expect_download() as download:
        offer.get_by_role("button", name="Remove the old dates from my calendar").click()
    cancel = icalendar.Calendar.from_ical(download.value.path().read_bytes())
    events = list(cancel.walk("VEVENT"))
    carnet = stored(page)
    assert cancel["METHOD"] == "CANCEL" and len(events) == count
    kept = {event["id"] for event in carnet["events"]}
    assert all(str(e["STATUS"]) == "CANCELLED" and str(e["UID"]).split(".")[0] not in kept for e in events)
    assert all(str(e["UID"]).endswith(f".{carnet['id']}@bone-mets-carnet") for e in events)


def test_save_is_in_sight_when_a_later_mark_is_made(tab, live_server):
    page = tab
    page.set_viewport_size({"width": 360, "height": 640})
    open_carnet(page, f"{live_server}/en/my-treatment/#p={new_code(page, live_server)}")
    last = page.locator("#upcoming li.event").last  # the lowest of the dates in view
    last.get_by_role("button", name="Mark as done").click()
    save = last.get_by_role("button", name="Save")
    expect(save).to_be_in_viewport()
