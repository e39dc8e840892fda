"""The patient carnet without a browser: the pages the server sends, and the device-side
modules (link encoding, storage snapshot, iCalendar file) run under Node."""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess

import icalendar
import pytest

from webapp import ROOT

PLAN = {"agent": "denosumab", "start": "2026-03-10", "interval": "4w", "vitamin_d": "17.5", "unit": "ng/mL",
        "crcl": "43.7", "stop": "2027-06-01"}


def run_node(script: str):
    """Run an ES module snippet from the project root; it prints one JSON value."""
    done = subprocess.run(["node", "--input-type=module", "-e", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=30, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_patient_page_is_a_static_shell(client, lang):
    response = client.get(f"/{lang}/my-treatment/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    assert 'src="/static/js/carnet.mjs"' in html and 'href="/static/css/carnet.css"' in html
    # The same content whatever the query: the page takes no patient input.
    main = lambda page: page.split("<main", 1)[1].split("</main>", 1)[0]  # noqa: E731
    assert main(client.get(f"/{lang}/my-treatment/?start=2026-03-10").get_data(as_text=True)) == main(html)
    # CSP: scripts only from files, no handlers, no style attributes.
    assert all("src=" in tag for tag in re.findall(r"<script\b[^>]*>", html))
    assert not re.search(r"\son[a-z]+=", html) and " style=" not in html
    # Texts for the script come from the server (one per event kind, with its placeholders).
    keys = re.findall(r'data-key="([^"]+)"', html)
    for kind in ("injection.denosumab", "injection.zoledronic_acid", "creatinine_check", "paracetamol",
                 "vitamin_d_loading", "vitamin_d_maintenance", "dental_review", "reassessment",
                 "zoledronic_acid_after_denosumab"):
        assert f"title.{kind}" in keys
    assert "%(number)s" in html and "%(dose)s" in html
    # The warning signs, with their sources.
    assert "[§2.3]" in html and "[62]" in html and "[§2.5]" in html and "[§1]" in html


def test_schedule_preview_matches_the_api_and_carries_the_handover(client):
    query = "&".join(f"{k}={v}" for k, v in PLAN.items())
    html = client.get(f"/en/schedule/?{query}").get_data(as_text=True)
    events = client.get(f"/api/v1/schedule?{query}").get_json()["events"]
    result = html.split('<section id="result"', 1)[1].split("</section>\n<template", 1)[0]
    assert result.count('data-slot="date" data-format="date:medium"') == len(events)
    assert "Zoledronic acid <span" in result  # the infusion after the denosumab stop, with its dose
    handover = re.search(r"<section class=\"handover\"[^>]*>", result).group(0)
    assert 'data-target="/en/my-treatment/"' in handover and "hidden" in handover
    # The link is made in the browser, from the inputs: none of them is written in the box.
    assert "43.7" not in handover
    assert 'src="/static/js/handover.mjs"' in html


def test_home_links_to_the_carnet(client):
    assert 'href="/fr/my-treatment/"' in client.get("/fr/").get_data(as_text=True)


def test_frozen_site_has_the_carnet_in_both_languages_and_precached(frozen_build):
    for lang in ("fr", "en"):
        assert (frozen_build / lang / "my-treatment" / "index.html").is_file()
    sw = (frozen_build / "sw.js").read_text()
    for url in ("fr/my-treatment/", "en/my-treatment/", "static/js/carnet.mjs", "static/js/carnet-store.mjs",
                "static/js/carnet-ics.mjs", "static/js/carnet-code.mjs", "static/js/handover.mjs",
                "static/vendor/qrcode.mjs", "static/css/carnet.css"):
        assert f'"{url}"' in sw, url


def test_link_code_round_trip_and_damage():
    out = run_node(f"""
import {{ encode, decode, fromHash }} from "./static/js/carnet-code.mjs";
const plan = {json.dumps(PLAN)};
const code = encode(plan);
const minimal = encode({{ agent: "zoledronic_acid", start: "2026-03-10", interval: "monthly", unit: "ng/mL" }});
const cut = code.slice(0, code.lastIndexOf("_") + 2) + code.slice(-3);   // a truncated stop date
const typo = code.replace("43.7", "48.7");
console.log(JSON.stringify({{ code, back: decode(code), minimal, minimalBack: decode(minimal),
  comma: encode({{ ...plan, crcl: "43,7" }}), loose: encode({{ ...plan, crcl: "+43.70 ", vitamin_d: "17,50" }}),
  short: decode(encode({{ ...plan, crcl: ".5", vitamin_d: "12." }})), cut: decode(cut), typo: decode(typo), future: decode("2" + code.slice(1)),
  hash: fromHash("#p=" + code), none: fromHash("#top") }}));
""")
    assert re.fullmatch(r"1\.dw_20260310_17\.5n_43\.7_20270601-[0-9a-z]{2}", out["code"])
    assert out["back"] == PLAN
    assert re.fullmatch(r"1\.zm_20260310-[0-9a-z]{2}", out["minimal"])
    assert out["minimalBack"] == {"agent": "zoledronic_acid", "interval": "monthly", "start": "2026-03-10"}
    assert out["comma"] == out["code"] == out["loose"]  # "43,7" typed the French way is the same plan
    assert (out["short"]["crcl"], out["short"]["vitamin_d"]) == ("0.5", "12")
    assert out["cut"] is None and out["typo"] is None and out["future"] is None
    assert out["hash"] == out["code"] and out["none"] is None


def test_snapshot_ids_follow_kind_and_rank_and_replacement_keeps_ticks():
    out = run_node("""
import { create, snapshot, lostTicks } from "./static/js/carnet-store.mjs";
globalThis.localStorage = { setItem() {}, getItem() { return null; } };
const result = (start) => ({ agent: "denosumab", interval: "4w", start, end: "2028-01-01", stop: null, events: [
  { date: start, kind: "injection", number: 1, agent: "denosumab", dose_mg: 120 },
  { date: start, kind: "dental_review" },
  { date: "2026-04-07", kind: "injection", number: 2, agent: "denosumab", dose_mg: 120 },
  { date: "2026-06-01", kind: "vitamin_d_maintenance", dose_iu: 100000 }] });
const first = create("A", {}, result("2026-03-10"));
first.done = { "injection-1": { date: "2026-03-10" }, "dental_review-1": { date: "2026-03-11", note: "ok" },
               "paracetamol-1": { date: "2026-03-10" } };
const shorter = result("2026-03-12");
shorter.events = shorter.events.slice(0, 3);
const second = create("B", {}, shorter, first);
console.log(JSON.stringify({ ids: snapshot(result("2026-03-10").events).map((e) => e.id), first, second,
  lost: lostTicks(first, "B", {}, shorter) }));
""")
    assert out["ids"] == ["injection-1", "dental_review-1", "injection-2", "vitamin_d_maintenance-1"]
    assert out["first"]["events"][0] == {"id": "injection-1", "date": "2026-03-10", "kind": "injection", "number": 1,
                                         "agent": "denosumab", "dose_mg": 120}
    second = out["second"]
    assert second["id"] == out["first"]["id"] and second["revision"] == 2  # same calendar UIDs, newer sequence
    assert set(second["done"]) == {"injection-1", "dental_review-1"}  # the tick of a gone event is dropped
    assert out["lost"] == 1


def test_ics_file_is_rfc5545_and_folds_utf8_safely():
    text = run_node("""
import { calendar } from "./static/js/carnet-ics.mjs";
const carnet = { id: "abc123", revision: 3, events: [
  { id: "injection-1", date: "2026-03-10", kind: "injection" },
  { id: "injection-2", date: "2026-04-07", kind: "injection" },
  { id: "dental_review-1", date: "2026-09-10", kind: "dental_review" }] };
const describe = (e) => ({ title: "Perfusion d’acide zolédronique n° 2 ; à l’hôpital, avec « bilan » — " + e.id,
  detail: "Prévient la réaction pseudo-grippale (fièvre, courbatures) après la première perfusion. Ce n’est pas une allergie.\\nDeux lignes." });
const bring = (e) => (e.kind === "injection" ? "Apportez votre créatinine." : "");
console.log(JSON.stringify(calendar(carnet, describe, { today: "2026-04-01", now: new Date("2026-04-01T08:00:00Z"),
  name: "Mon traitement", bring, reminders: { dayBefore: "Demain :", dayOf: "Aujourd’hui :" } })));
""")
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long lines were folded
    for line in lines:
        line.decode("utf-8")  # never cut inside a character
    cal = icalendar.Calendar.from_ical(raw)
    assert cal["METHOD"] == "PUBLISH"
    events = list(cal.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == ["injection-2.abc123@bone-mets-carnet",
                                                "dental_review-1.abc123@bone-mets-carnet"]  # from today on
    first = events[0]
    assert first["DTSTART"].dt.isoformat() == "2026-04-07" and first["DTEND"].dt.isoformat() == "2026-04-08"
    assert str(first["SUMMARY"]).startswith("Perfusion d’acide zolédronique n° 2 ; à l’hôpital, avec « bilan »")
    assert "\n" in str(first["DESCRIPTION"]) and first["SEQUENCE"] == 3
    assert str(first["DESCRIPTION"]).endswith("Deux lignes.\nApportez votre créatinine.")
    assert not str(events[1]["DESCRIPTION"]).endswith("créatinine.")  # nothing to bring to the dentist
    for event in events:  # two alarms, since some calendars keep only one: 18:00 the day before, 08:00 the day
        before, day = event.walk("VALARM")
        assert before["ACTION"] == day["ACTION"] == "DISPLAY"
        assert before["TRIGGER"].dt == dt.timedelta(hours=-6) and day["TRIGGER"].dt == dt.timedelta(hours=8)
        assert str(before["DESCRIPTION"]).startswith("Demain :") and str(day["DESCRIPTION"]).startswith("Aujourd’hui :")


def test_a_replaced_plan_cancels_the_calendar_events_it_dropped():
    out = run_node("""
import { calendar, cancellation, dropped } from "./static/js/carnet-ics.mjs";
const ev = (id, date) => ({ id, date, kind: id.split("-")[0] });
const before = { id: "abc123", revision: 1, events: [ev("injection-1", "2027-01-04"), ev("injection-2", "2027-02-01"),
  ev("injection-3", "2027-03-01"), ev("dental_review-1", "2027-06-01")] };
const after = { id: "abc123", revision: 2, events: [ev("injection-1", "2027-01-11"), ev("injection-2", "2027-02-08")] };
const gone = dropped(before, after);
const options = { now: new Date("2027-01-01T08:00:00Z"), name: "N", describe: (e) => ({ title: `T ${e.id}` }) };
console.log(JSON.stringify({ gone: gone.map((e) => e.id), cancel: cancellation(after, gone, options),
  publish: calendar(after, options.describe, { ...options, today: "2027-01-01", reminders: { dayBefore: "B", dayOf: "D" } }) }));
""")
    assert out["gone"] == ["injection-3", "dental_review-1"]  # a moved date keeps its UID and is updated instead
    cancel = icalendar.Calendar.from_ical(out["cancel"].encode())
    assert cancel["METHOD"] == "CANCEL"
    cancelled = list(cancel.walk("VEVENT"))
    assert [str(e["UID"]) for e in cancelled] == ["injection-3.abc123@bone-mets-carnet",
                                                   "dental_review-1.abc123@bone-mets-carnet"]
    assert all(e["STATUS"] == "CANCELLED" and e["SEQUENCE"] == 2 for e in cancelled)
    assert cancelled[0]["DTSTART"].dt == dt.date(2027, 3, 1)
    published = list(icalendar.Calendar.from_ical(out["publish"].encode()).walk("VEVENT"))
    assert {str(e["UID"]) for e in published}.isdisjoint(str(e["UID"]) for e in cancelled)


def test_link_carries_the_day_the_plan_was_made_and_never_assumes_a_unit():
    out = run_node(f"""
import {{ encode, decode }} from "./static/js/carnet-code.mjs";
const plan = {json.dumps(PLAN)};
const made = encode({{ ...plan, today: "2026-03-01" }});
console.log(JSON.stringify({{ made, back: decode(made), older: decode(encode(plan)),
  noUnit: encode({{ ...plan, unit: "" }}), badDay: encode({{ ...plan, today: "2026-3-1" }}) }}));
""")
    assert re.fullmatch(r"1\.dw_20260310_17\.5n_43\.7_20270601_20260301-[0-9a-z]{2}", out["made"])
    assert out["back"] == {**PLAN, "today": "2026-03-01"}
    assert out["older"] == PLAN  # links made before the field existed still read
    assert out["noUnit"] is None and out["badDay"] is None


def test_nothing_the_app_forbids_reaches_the_carnet_and_its_plan_keeps_the_day_it_was_made():
    out = run_node("""
import { create } from "./static/js/carnet-store.mjs";
globalThis.localStorage = { setItem() {}, getItem() { return null; } };
const carnet = create("A", {}, { agent: "denosumab", interval: "4w", start: "2027-01-04", end: "2029-01-04",
  stop: "2027-06-01", today: "2026-12-01", events: [
  { date: "2027-01-04", kind: "injection", number: 1, agent: "denosumab", dose_mg: 120 },
  { date: "2027-08-24", kind: "zoledronic_acid_after_denosumab", dose_mg: null, band: "contraindicated" }] });
console.log(JSON.stringify(carnet));
""")
    assert [event["kind"] for event in out["events"]] == ["injection"]
    assert out["plan"]["made"] == "2026-12-01"


def test_carnet_keeps_the_rule_set_of_its_snapshot_and_names_it_in_the_calendar():
    out = run_node("""
import { create, check } from "./static/js/carnet-store.mjs";
import { calendar } from "./static/js/carnet-ics.mjs";
import { run } from "./static/js/clinical/index.mjs";
globalThis.localStorage = { setItem() {}, getItem() { return null; } };
const { result } = run("schedule", { agent: "denosumab", start: "2027-01-04", interval: "4w", today: "2026-12-01" });
const carnet = create("A", {}, result);
const old = { ...carnet }; delete old.rules;
const ics = calendar(carnet, () => ({ title: "T", detail: "" }), { today: "2026-12-01", now: new Date("2026-12-01T08:00:00Z"),
  name: "N", reminders: { dayBefore: "R", dayOf: "D" }, rules: "Rules 2026.12.1 (1 December 2026)" });
console.log(JSON.stringify({ rules: carnet.rules, ok: Boolean(check(carnet)), old: Boolean(check(old)),
  bad: check({ ...carnet, rules: { version: 2 } }), ics }));
""")
    from webapp.clinical.rules import RULES_DATE, RULES_VERSION
    assert out["rules"] == {"version": RULES_VERSION, "date": RULES_DATE}
    assert out["ok"] and out["old"] and out["bad"] is None  # carnets made before the field still load
    events = list(icalendar.Calendar.from_ical(out["ics"].encode()).walk("VEVENT"))
    assert events and all(str(e["DESCRIPTION"]) == "Rules 2026.12.1 (1 December 2026)" for e in events)
