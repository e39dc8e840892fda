"""The patient carnet without a browser: the pages the server sends, and the device-side
modules (link encoding, storage snapshot, iCalendar file) run under Node."""
from __future__ import annotations

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
console.log(JSON.stringify(calendar(carnet, describe, { today: "2026-04-01", now: new Date("2026-04-01T08:00:00Z"),
  name: "Mon traitement", reminder: "Demain :" })));
""")
    raw = text.encode("utf-8")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long lines were folded
    for line in lines:
        line.decode("utf-8")  # never cut inside a character
    cal = icalendar.Calendar.from_ical(raw)
    events = list(cal.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == ["injection-2.abc123@bone-mets-carnet",
                                                "dental_review-1.abc123@bone-mets-carnet"]  # from today on
    first = events[0]
    assert first["DTSTART"].dt.isoformat() == "2026-04-07" and first["DTEND"].dt.isoformat() == "2026-04-08"
    assert str(first["SUMMARY"]).startswith("Perfusion d’acide zolédronique n° 2 ; à l’hôpital, avec « bilan »")
    assert "\n" in str(first["DESCRIPTION"]) and first["SEQUENCE"] == 3
    alarm = first.walk("VALARM")[0]
    assert alarm["ACTION"] == "DISPLAY" and alarm["TRIGGER"].dt.total_seconds() == -15 * 3600


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
const carnet = create("A", {}, result);
const old = { ...carnet }; delete old.rules;
const ics = calendar(carnet, () => ({ title: "T", detail: "" }), { today: "2026-12-01", now: new Date("2026-12-01T08:00:00Z"),
  name: "N", reminder: "R", rules: "Rules 2026.12.1 (December 1, 2026)" });
console.log(JSON.stringify({ rules: carnet.rules, ok: Boolean(check(carnet)), old: Boolean(check(old)),
  bad: check({ ...carnet, rules: { version: 2 } }), ics }));
""")
    from webapp.clinical.rules import RULES_DATE, RULES_VERSION
    assert out["rules"] == {"version": RULES_VERSION, "date": RULES_DATE}
    assert out["ok"] and out["old"] and out["bad"] is None  # carnets made before the field still load
    events = list(icalendar.Calendar.from_ical(out["ics"].encode()).walk("VEVENT"))
    assert events and all(str(e["DESCRIPTION"]) == "Rules 2026.12.1 (December 1, 2026)" for e in events)


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

