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


def test_the_record_preloads_exactly_the_modules_its_script_imports(client):
    """The page names carnet.mjs's imports so that they are fetched at once: the list must follow the script."""
    imported = set(re.findall(r'^import .* from "\./([\w-]+\.mjs)";$', (ROOT / "static/js/carnet.mjs").read_text(), re.M))
    page = client.get("/en/my-treatment/").get_data(as_text=True)
    preloaded = set(re.findall(r'<link rel="modulepreload" href="/static/js/([\w-]+\.mjs)">', page))
    assert imported and preloaded == imported


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
const cut = code.slice(0, code.lastIndexOf("_") + 2) + code.slice(-8);   // a truncated stop date
const typo = code.replace("43.7", "48.7");
console.log(JSON.stringify({{ code, back: decode(code), minimal, minimalBack: decode(minimal),
  comma: encode({{ ...plan, crcl: "43,7" }}), loose: encode({{ ...plan, crcl: "+43.70 ", vitamin_d: "17,50" }}),
  short: decode(encode({{ ...plan, crcl: ".5", vitamin_d: "12." }})), cut: decode(cut), typo: decode(typo), future: decode("3" + code.slice(1)),
  hash: fromHash("#p=" + code), none: fromHash("#top") }}));
""")
    assert re.fullmatch(r"2\.dw_20260310_17\.5n_43\.7_20270601-[0-9a-z]{7}", out["code"])
    assert out["back"] == PLAN
    assert re.fullmatch(r"2\.zm_20260310-[0-9a-z]{7}", out["minimal"])
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
    assert re.fullmatch(r"2\.dw_20260310_17\.5n_43\.7_20270601_20260301-[0-9a-z]{7}", out["made"])
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
const carnet = create("2.dm_20270104-0000000", {}, result);
const old = { ...carnet }; delete old.rules;
const ics = calendar(carnet, () => ({ title: "T", detail: "" }), { today: "2026-12-01", now: new Date("2026-12-01T08:00:00Z"),
  name: "N", reminders: { dayBefore: "R", dayOf: "D" }, rules: "Rules 2026.12.1 (1 December 2026)" });
console.log(JSON.stringify({ rules: carnet.rules, ok: check(carnet), old: check(old),
  bad: check({ ...carnet, rules: { version: 2 } }), ics }));
""")
    from webapp.clinical.rules import RULES_DATE, RULES_VERSION
    assert out["rules"] == {"version": RULES_VERSION, "date": RULES_DATE}
    assert out["ok"]["carnet"]["rules"] == out["rules"] and "rules" not in out["old"]["carnet"]  # older carnets load
    assert out["bad"] == {"error": "format"}
    events = list(icalendar.Calendar.from_ical(out["ics"].encode()).walk("VEVENT"))
    assert events and all(str(e["DESCRIPTION"]) == "Rules 2026.12.1 (1 December 2026)" for e in events)


# ---- The hand-over link resists editing (issue #19) --------------------------------------------------------

LINKS = json.loads((ROOT / "tests" / "vectors" / "handover" / "links.json").read_text(encoding="utf-8"))["cases"]


def fnv1a(text: str) -> int:
    """32-bit FNV-1a, written again here from its definition: the vectors' checks do not come from the JS."""
    value = 0x811C9DC5
    for byte in text.encode("ascii"):
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value


def base36(number: int, width: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[rest] + digits
        if not number:
            return digits.rjust(width, "0")


def test_link_vectors_checks_are_32_bits_over_the_versioned_code_and_older_ones_2_characters():
    readable = [case for case in LINKS if case["params"] is not None]
    assert {case["older"] for case in readable} == {True, False} and len(readable) < len(LINKS)
    for case in readable:
        body, check = case["code"].rsplit("-", 1)
        if case["older"]:
            assert body.startswith("1.") and check == base36(fnv1a(body) % 1296, 2), case["name"]
        else:
            assert body.startswith("2.") and check == base36(fnv1a(body), 7), case["name"]


def test_link_vectors_in_js():
    out = run_node(f"""
import {{ read, encode }} from "./static/js/carnet-code.mjs";
const cases = {json.dumps(LINKS)};
console.log(JSON.stringify(cases.map((c) => ({{ read: read(c.code), again: c.params && encode(c.params) }}))));
""")
    for case, got in zip(LINKS, out, strict=True):
        if case["params"] is None:
            assert got["read"] is None, case["name"]
        else:
            assert got["read"] == {"params": case["params"], "older": case["older"]}, case["name"]
            # Links are written in version 2 only: an older link's plan, written again, gets the new check.
            assert got["again"] == (case["code"] if not case["older"] else got["again"]) and got["again"].startswith("2.")


def test_edited_link_with_every_old_style_check_is_refused_by_the_new_one():
    """The clearance changed by hand (another dose): all 1,296 two-character checks, and 200,000 seven-character
    ones, are refused; only the true 32-bit check of the edited text would read (which proves the loop can find one)."""
    out = run_node(f"""
import {{ read, encode, check }} from "./static/js/carnet-code.mjs";
const code = encode({json.dumps(PLAN)});
const body = code.slice(0, code.lastIndexOf("-")).replace("_43.7_", "_48.7_");
let short = 0, long = 0;
for (let n = 0; n < 1296; n++) if (read(`${{body}}-${{n.toString(36).padStart(2, "0")}}`)) short++;
for (let n = 0; n < 200000; n++) if (read(`${{body}}-${{(n * 21467 + 7).toString(36).padStart(7, "0")}}`)) long++;
const older = read(`1${{body.slice(1)}}-${{(() => {{ for (let n = 0; n < 1296; n++) {{
  const sum = n.toString(36).padStart(2, "0"); if (read(`1${{body.slice(1)}}-${{sum}}`)) return sum; }} }})()}}`);
console.log(JSON.stringify({{ short, long, forged: read(`${{body}}-${{check(body)}}`), older }}));
""")
    assert out["short"] == 0 and out["long"] == 0
    assert out["forged"]["params"]["crcl"] == "48.7"  # the only way in: computing the 32-bit check itself
    # The same edit as a version 1 link, its 2-character check found by trying: still read (old links must),
    # but flagged older, so the page asks the patient to check the key facts.
    assert out["older"] == {"params": {**PLAN, "crcl": "48.7"}, "older": True}


# ---- The stored carnet is validated whole (issue #19) -------------------------------------------------------

STORE_PRELUDE = """
import * as store from "./static/js/carnet-store.mjs";
import { run } from "./static/js/clinical/index.mjs";
const memory = new Map();
let writes = 0;
globalThis.localStorage = { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => { writes++; memory.set(k, String(v)); },
  removeItem: (k) => { memory.delete(k); } };
const { result } = run("schedule", { agent: "zoledronic_acid", start: "2027-01-04", interval: "4w", today: "2026-12-01",
  vitamin_d: "5", unit: "ng/mL", crcl: "55" });
const fresh = () => JSON.parse(JSON.stringify(store.create("2.zw_20270104_5n_55_20261201-0000000", {}, result)));
const reason = (value) => store.check(value).error ?? "ok";
"""


def test_stored_carnet_is_validated_whole():
    out = run_node(STORE_PRELUDE + r"""
const cases = {};
const edit = (name, change) => { const c = fresh(); change(c); cases[name] = reason(c); };
cases.good = reason(fresh());
cases.goodText = store.parse(JSON.stringify(fresh())).error ?? "ok";
edit("later format", (c) => { c.format = 2; });
edit("no format", (c) => { delete c.format; });
edit("unknown field", (c) => { c.extra = 1; });
edit("month 13", (c) => { c.events[3].date = "2027-13-04"; });
edit("30 February", (c) => { c.events[3].date = "2027-02-30"; });
edit("event out of the plan", (c) => { c.events[3].date = "2031-01-04"; });
edit("mark out of the plan", (c) => { c.done["injection-1"] = { date: "1999-01-04" }; });
edit("plan of ten years", (c) => { c.plan.end = "2037-01-04"; });
edit("mark for no event", (c) => { c.done["injection-99"] = { date: "2027-01-04" }; });
edit("stamp for no event", (c) => { c.changed["injection-99"] = 1; });
edit("__proto__ mark", (c) => { c.done = JSON.parse('{"__proto__": {"date": "2027-01-04"}}'); });
edit("__proto__ event", (c) => { c.events[0].id = "__proto__"; c.events[0].kind = "__proto__"; });
edit("constructor event", (c) => { c.events[0].id = "constructor"; });
edit("toString event", (c) => { c.events[0].id = "toString-1"; });
edit("duplicate id", (c) => { c.events[1] = { ...c.events[1], id: c.events[0].id, kind: c.events[0].kind }; });
edit("kind not the id's", (c) => { c.events[0].kind = "dental_review"; });
edit("note too long", (c) => { c.done["injection-1"] = { date: "2027-01-04", note: "x".repeat(1001) }; });
edit("mark with a field", (c) => { c.done["injection-1"] = { date: "2027-01-04", by: "x" }; });
edit("__proto__ at the top", (c) => { Object.defineProperty(c, "__proto__", { value: { format: 1 }, enumerable: true }); });
const many = fresh();
many.events = Array.from({ length: 3000 }, (_, i) => ({ id: `injection-${(i % 999) + 1}`, date: "2027-01-04", kind: "injection" }));
let started = performance.now();
cases["3,000 events"] = store.parse(JSON.stringify(many)).error;
const manyMs = performance.now() - started;
const big = JSON.stringify({ ...fresh(), pad: "x".repeat(12e6) });
started = performance.now();
cases["12 MB"] = store.parse(big).error;
const bigMs = performance.now() - started;
cases["not JSON"] = store.parse("{").error;
const copy = store.check(fresh()).carnet;
cases["altered file"] = (await store.parseFile(JSON.stringify({ ...copy, sha256: "0".repeat(64) }))).error;
const file = await store.fileText(copy);
cases.goodFile = (await store.parseFile(file)).carnet ? "ok" : "refused";
cases["file edited by hand"] = (await store.parseFile(file.replace('"revision": 1', '"revision": 2'))).error;
console.log(JSON.stringify({ cases, manyMs, bigMs, longest: fresh().events.length, max: store.MAX_EVENTS,
  reasons: store.REASONS, protoless: Object.getPrototypeOf(copy.done) === null && Object.getPrototypeOf(copy.changed) === null }));
""")
    cases = out["cases"]
    assert cases.pop("good") == "ok" and cases.pop("goodText") == "ok" and cases.pop("goodFile") == "ok"
    assert cases == {
        "later format": "version", "no format": "format", "unknown field": "format",
        "month 13": "dates", "30 February": "dates", "event out of the plan": "dates", "mark out of the plan": "dates",
        "plan of ten years": "dates", "mark for no event": "marks", "stamp for no event": "marks",
        "__proto__ mark": "marks", "__proto__ event": "format", "constructor event": "ids", "toString event": "ids",
        "duplicate id": "ids", "kind not the id's": "ids", "note too long": "format", "mark with a field": "format",
        "__proto__ at the top": "format", "3,000 events": "too_many", "12 MB": "too_big", "not JSON": "format",
        "altered file": "altered", "file edited by hand": "altered",
    }
    assert set(cases.values()) == set(out["reasons"])  # every reason can happen
    assert out["longest"] == 72 and out["longest"] * 2 <= out["max"] < 3000  # room for a later rule set, bounded
    assert out["manyMs"] < 200 and out["bigMs"] < 200  # refused before being looked at
    assert out["protoless"]


def test_every_refusal_reason_has_its_text_on_the_page(client):
    reasons = run_node('import { REASONS } from "./static/js/carnet-store.mjs"; console.log(JSON.stringify(REASONS));')
    for lang in ("fr", "en"):
        html = client.get(f"/{lang}/my-treatment/").get_data(as_text=True)
        keys = re.findall(r'data-key="([^"]+)"', html)
        assert {key.removeprefix("reason.") for key in keys if key.startswith("reason.")} == set(reasons)
        for key in ("import.failed", "notice.quota", "notice.older", "confirm.broken.title", "confirm.broken.text"):
            assert key in keys
        # The import control's error slot (next to it, announced), the broken-data panel with its export button,
        # and the plan's key facts.
        assert re.search(r'<input type="file" id="import-file" name="import"[^>]*aria-describedby="error-import"', html)
        assert '<p class="field-error" id="error-import" data-error-for="import" role="alert"></p>' in html
        assert re.search(r'<section id="carnet-broken"[^>]*hidden>', html) and 'data-tool="export-raw"' in html
        assert html.index('id="carnet-broken"') < html.index('id="carnet-empty"')  # offered before anything else
        for fact in ("agent", "dose", "interval", "start"):
            assert f'data-fact="{fact}"' in html
    english = client.get("/en/my-treatment/").get_data(as_text=True)
    reasons_text = " ".join(re.findall(r'data-key="(?:reason|import|confirm\.broken|notice\.older|notice\.quota)[^"]*">([^<]*)<',
                                       english))
    assert "injection record" in reasons_text and "carnet" not in reasons_text.lower()


def test_a_full_storage_throws_a_store_error_and_keeps_what_was_stored():
    out = run_node(STORE_PRELUDE + r"""
store.save(fresh());
const before = localStorage.getItem(store.KEY);
globalThis.localStorage.setItem = () => { throw new DOMException("full", "QuotaExceededError"); };
let caught = null;
try { store.markDone("injection-1", "2027-01-04", "note"); } catch (error) { caught = [error instanceof store.StoreError, error.reason]; }
console.log(JSON.stringify({ caught, kept: localStorage.getItem(store.KEY) === before, done: store.load().done }));
""")
    assert out == {"caught": [True, "quota"], "kept": True, "done": {}}


def test_two_tabs_merge_by_event():
    """Tab A and tab B both saw the carnet; B writes a stale copy over A's tick (their writes crossed within a few
    ms): A's sync puts its tick back next to B's. An undo made later wins over an older tick."""
    out = run_node(STORE_PRELUDE + r"""
store.save(fresh());
const stale = store.load();                                 // what B read before A's write reached it
const a = store.markDone("injection-1", "2027-01-04", "", 1000);
const b = JSON.parse(JSON.stringify(stale));
b.done["injection-2"] = { date: "2027-02-01", note: "B" }; b.changed["injection-2"] = 1005;
store.save(store.check(b).carnet);                          // B's whole-record write lands last
const afterB = Object.keys(store.load().done);
const merged = store.sync(a);                                // A's storage event
const both = Object.keys(store.load().done).sort();
const written = writes;
const again = store.sync(merged.carnet);                     // nothing left to write: no ping-pong
const stable = store.sameMarks(again.carnet, store.load()) && writes === written;
const undone = store.unmark("injection-1", 2000);
const crossed = store.merge(merged.carnet, undone);          // an older view meets a later undo
const other = { ...undone, revision: undone.revision + 1, done: Object.create(null) };
console.log(JSON.stringify({ afterB, both, stable,
  undone: Object.keys(crossed.done), whole: store.merge(merged.carnet, other) === other }));
""")
    assert out["afterB"] == ["injection-2"]  # the race: B's write dropped A's tick...
    assert out["both"] == ["injection-1", "injection-2"]  # ...and the merge brought it back
    assert (out["stable"], out["undone"], out["whole"]) == (True, ["injection-2"], True)


def test_every_plan_the_mirror_makes_passes_the_checks():
    """Both agents and intervals, month ends and a leap day, every vitamin D band, clearances across the dose
    bands, stops from the first day to the last, plans made long before or after the start: each carnet the page
    would store reads back, with a date window and an event count no plan comes near."""
    out = run_node(r"""
import * as store from "./static/js/carnet-store.mjs";
import { run } from "./static/js/clinical/index.mjs";
const day = (iso, days) => new Date(Date.parse(iso + "T00:00:00Z") + days * 864e5).toISOString().slice(0, 10);
let plans = 0, most = 0;
const refused = [];
for (const agent of ["denosumab", "zoledronic_acid"]) for (const interval of ["4w", "monthly"])
for (const start of ["2026-01-31", "2028-02-29"]) for (const vd of ["", "5", "25", "200"])
for (const crcl of ["", "25", "35", "45", "55", "65"]) for (const stop of [null, 0, 200, 729, 731])
for (const made of [-400, -30, 0, 300]) {
  const params = { agent, interval, start, today: day(start, made) };
  if (vd) Object.assign(params, { vitamin_d: vd, unit: "ng/mL" });
  if (crcl) params.crcl = crcl;
  if (stop !== null) params.stop = day(start, stop);
  const { result } = run("schedule", params);
  if (!result) continue;
  plans++;
  const carnet = store.create("2.dw_20260131-0000000", params, result);
  most = Math.max(most, carnet.events.length);
  const { error } = store.parse(JSON.stringify(carnet));
  if (error) refused.push([params, error]);
}
console.log(JSON.stringify({ plans, most, refused: refused.slice(0, 3) }));
""")
    assert out["plans"] > 1000 and out["refused"] == []
    assert out["most"] == 73  # the longest plan (see MAX_EVENTS)


def test_the_baseline_and_infusion_day_checks_are_kept_and_validated():
    out = run_node("""
import * as store from "./static/js/carnet-store.mjs";
import { run } from "./static/js/clinical/index.mjs";
const memory = new Map();
globalThis.localStorage = { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => memory.set(k, v), removeItem: (k) => memory.delete(k) };
const { result } = run("schedule", { agent: "zoledronic_acid", start: "2027-01-04", interval: "4w", crcl: "55", today: "2026-12-01" });
store.save(store.create("2.za-0000000", {}, result));
const check = { date: "2027-01-04", baseline: 80, current: 124, unit: "umol/L", decision: "withhold" };
const written = store.recordCheck("injection-1", { value: 80, unit: "umol/L" }, check);
const again = store.create("2.za-1111111", {}, result, store.load());  // a new plan keeps the baseline
const bad = (change) => store.check(change(JSON.parse(JSON.stringify(written)))).error;
console.log(JSON.stringify({ stored: store.load(), kept: again.baseline,
  gone: store.recordCheck("injection-999", { value: 80, unit: "umol/L" }, check),
  badUnit: bad((c) => { c.baseline.unit = "mmol/L"; return c; }),
  noEvent: bad((c) => { c.checks["injection-99"] = check; return c; }),
  badDecision: bad((c) => { c.checks["injection-1"].decision = "maybe"; return c; }),
  month13: bad((c) => { c.checks["injection-1"].date = "2027-13-01"; return c; }) }));
""")
    assert out["stored"]["baseline"] == {"value": 80, "unit": "umol/L"}
    assert out["stored"]["checks"] == {"injection-1": {"date": "2027-01-04", "baseline": 80, "current": 124,
                                                       "unit": "umol/L", "decision": "withhold"}}
    assert out["kept"] == {"value": 80, "unit": "umol/L"} and out["gone"] is None
    assert (out["badUnit"], out["noEvent"], out["badDecision"], out["month13"]) == ("format", "marks", "format", "dates")
