"""The calculator and checklist pages, through the Flask test client.

Every page answers in French and English; each rule's boundary classes show the right
answer; bad input gives 422 with the message next to its field; an htmx request gets
the result partial only; typed HTML comes back escaped.

Expected wording is looked up in the app's own catalog (so the tests hold before and
after a translation changes), while numbers and dates are written out by hand.
"""
from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import pytest
from flask_babel import gettext

from webapp.clinical import checklists, duration, onj, renal, vitamin_d
from webapp.clinical.calcium import FOODS
from webapp.clinical.messages import Message, msg
from webapp.clinical.parse import AMBIGUOUS_NUMBER, NOT_A_BOOLEAN, NOT_A_CHOICE, NOT_A_DATE, NOT_A_NUMBER, REQUIRED
from webapp.i18n import set_language, translate
from webapp.pages import PAGES

MY_PAGES = ("vitamin-d", "creatinine-check", "calcium", "denosumab-stop", "when-to-start", "before-first-dose",
            "follow-up", "jaw-osteonecrosis")
LANGS = ("fr", "en")


class T(str):
    """A template msgid (with its parameters), translated in the page's language."""

    def __new__(cls, msgid: str, **params: str):
        obj = super().__new__(cls, msgid)
        obj.params = params
        return obj


def localized(app, lang: str, item) -> str:
    """The text a page in `lang` shows for a core Message, a template msgid, or a literal."""
    if not isinstance(item, (Message, T)):
        return spaced(item)
    with app.test_request_context(f"/{lang}/"):
        set_language(lang)
        return spaced(translate(item) if isinstance(item, Message) else gettext(str(item), **item.params))


# Inline tags vanish, block tags become a space, so that "D" + "45" reads "D45".
_INLINE = re.compile(r"</?(?:span|a|small|strong|em|b)\b[^>]*>")


def spaced(text: str) -> str:
    """No-break spaces (French typography, tests/test_typography.py) read as spaces here."""
    return re.sub(r"[ \t\r\n\f\u00a0\u202f]+", " ", text)


def visible(fragment: str) -> str:
    text = re.sub(r"<template\b.*?</template>", " ", fragment, flags=re.S)
    text = _INLINE.sub("", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return spaced(html.unescape(text)).strip(" ")


def result_region(page_html: str) -> str:
    match = re.search(r'<section id="result"[^>]*>(.*?)</section>\s*<template id="tpl-result">', page_html, re.S)
    assert match, "no result region"
    return match.group(1)


def fetch(client, lang: str, slug: str, params: dict[str, str] | None = None, **headers):
    query = f"?{urlencode(params)}" if params else ""
    return client.get(f"/{lang}/{slug}/{query}", headers=headers)


def answer_of(region: str) -> str:
    match = re.search(r'<p class="answer">(.*?)<small>', region, re.S) or re.search(r'<p class="answer">(.*?)</p>',
                                                                                   region, re.S)
    assert match, "no answer"
    return visible(match.group(1))


def shows(app, client, lang, slug, params, present=(), absent=(), answer=None, status=200):
    response = fetch(client, lang, slug, params)
    assert response.status_code == status, response.get_data(as_text=True)[:2000]
    region = result_region(response.get_data(as_text=True))
    text = visible(region)
    for item in present:
        assert localized(app, lang, item) in text, (localized(app, lang, item), text)
    for item in absent:
        assert localized(app, lang, item) not in text, (localized(app, lang, item), text)
    if answer is not None:
        assert answer_of(region) == localized(app, lang, answer)
    return region


def field_error(page_html: str, name: str) -> str:
    match = re.search(rf'<p class="field-error" id="error-{name}" data-error-for="{name}"[^>]*>(.*?)</p>', page_html,
                      re.S)
    assert match, f"no error slot for {name}"
    return spaced(html.unescape(match.group(1)))


# ---- Every page, both languages -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug", sorted(PAGES))
def test_every_page_answers_in_both_languages(client, slug, lang):
    """Every page: the browser mirror writes each field's message into its slot, so a missing slot breaks it."""
    response = fetch(client, lang, slug)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in page
    assert '<template id="tpl-result">' in page and '<template id="tpl-invalid">' in page
    assert 'inputmode="decimal"' in page or 'type="checkbox"' in page or 'type="date"' in page
    # every field the page sends has a visible label and an error slot
    for name in PAGES[slug].fields:
        assert f'name="{name}"' in page, name
        assert f'id="error-{name}"' in page, name


@pytest.mark.parametrize("slug", MY_PAGES)
def test_blank_template_has_markers_and_no_values(client, slug):
    page = fetch(client, "en", slug).get_data(as_text=True)
    template = re.search(r'<template id="tpl-result">(.*?)</template>\s*<template id="tpl-invalid">', page, re.S).group(1)
    assert "data-slot=" in template and "data-if=" in template
    assert not re.search(r'data-slot="[^"]*" data-format="[^"]*">[^<]', template), "a blank slot holds a value"


# ---- Vitamin D (§1, table 1) ----------------------------------------------------------------------------


def vd_label(category: str) -> Message:
    return msg(vitamin_d.CATEGORY_LABELS[category])


def day(n: int) -> T:
    return T("D%(day)s", day=str(n))


VITAMIN_D_CASES = [
    # level, unit, category, loading days shown
    ("9.9", "ng/mL", vitamin_d.DEFICIENCY, (0, 15, 30, 45)),
    ("10", "ng/mL", vitamin_d.INSUFFICIENCY, (0, 15, 30)),
    ("19.9", "ng/mL", vitamin_d.INSUFFICIENCY, (0, 15, 30)),
    ("20", "ng/mL", vitamin_d.INSUFFICIENCY, (0, 15)),
    ("29.9", "ng/mL", vitamin_d.INSUFFICIENCY, (0, 15)),
    ("30", "ng/mL", vitamin_d.RECOMMENDED, ()),
    ("70", "ng/mL", vitamin_d.RECOMMENDED, ()),
    ("70.1", "ng/mL", vitamin_d.ABOVE_RECOMMENDED, ()),
    ("150", "ng/mL", vitamin_d.ABOVE_RECOMMENDED, ()),
    ("150.1", "ng/mL", vitamin_d.POSSIBLE_TOXICITY, ()),
    ("24.9", "nmol/L", vitamin_d.DEFICIENCY, (0, 15, 30, 45)),
    ("25", "nmol/L", vitamin_d.INSUFFICIENCY, (0, 15, 30)),
    ("50", "nmol/L", vitamin_d.INSUFFICIENCY, (0, 15)),
    ("74.9", "nmol/L", vitamin_d.INSUFFICIENCY, (0, 15)),
    ("75", "nmol/L", vitamin_d.RECOMMENDED, ()),
    ("175", "nmol/L", vitamin_d.RECOMMENDED, ()),
    ("175.1", "nmol/L", vitamin_d.ABOVE_RECOMMENDED, ()),
    ("375", "nmol/L", vitamin_d.ABOVE_RECOMMENDED, ()),
    ("375.1", "nmol/L", vitamin_d.POSSIBLE_TOXICITY, ()),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("level,unit,category,days", VITAMIN_D_CASES, ids=[f"{c[0]}{c[1]}" for c in VITAMIN_D_CASES])
def test_vitamin_d_boundaries(app, client, lang, level, unit, category, days):
    all_days = (0, 15, 30, 45)
    dosing = category in (vitamin_d.DEFICIENCY, vitamin_d.INSUFFICIENCY, vitamin_d.RECOMMENDED)
    present = [day(d) for d in days]
    absent = [day(d) for d in all_days if d not in days]
    maintenance = T("Maintenance while on an antiresorptive")
    (present if dosing else absent).append(maintenance)
    if category == vitamin_d.RECOMMENDED:
        present.append(T("No loading dose needed."))
    if category == vitamin_d.ABOVE_RECOMMENDED:
        present.append(msg("Above the recommended range, below the toxicity threshold: no correction dose."))
    shows(app, client, lang, "vitamin-d", {"level": level, "unit": unit}, present, absent, answer=vd_label(category))


@pytest.mark.parametrize("lang,converted,dates", [
    ("en", "≈ 20.0 nmol/L", ["Monday 15 January 2024", "Tuesday 30 January 2024", "Wednesday 14 February 2024",
                            "Thursday 29 February 2024"]),
    ("fr", "≈ 20,0 nmol/L", ["lundi 15 janvier 2024", "mardi 30 janvier 2024", "mercredi 14 février 2024",
                            "jeudi 29 février 2024"]),
])
def test_vitamin_d_normal_case_with_dates(app, client, lang, converted, dates):
    # 8 ng/mL: deficiency, 4 doses on D0, D15, D30, D45 from 15 Jan 2024 (leap year: D45 = 29 Feb); 8 × 2.5 = 20
    region = shows(app, client, lang, "vitamin-d", {"level": "8", "unit": "ng/mL", "start": "2024-01-15"},
                   [converted, *dates, T("%(dose)s IU of cholecalciferol by mouth every %(months)s months",
                                         dose="100,000" if lang == "en" else "100\u202f000", months="3")],
                   [T("Enter the date of the first dose to get the calendar dates.")],
                   answer=vd_label(vitamin_d.DEFICIENCY))
    assert 'class="panel warn"' in region
    assert '<tr class="current"><td>' in region


def test_vitamin_d_other_unit_is_approximate_and_classification_uses_unit_entered(app, client):
    # 74.9 nmol/L / 2.5 = 29.96 → shown "≈ 30.0 ng/mL", yet classified insufficiency in the nmol/L column
    shows(app, client, "en", "vitamin-d", {"level": "74.9", "unit": "nmol/L"}, ["≈ 30.0 ng/mL"],
          answer=vd_label(vitamin_d.INSUFFICIENCY))


def test_vitamin_d_maintenance_shows_default_and_monthly_alternative(app, client):
    shows(app, client, "en", "vitamin-d", {"level": "40", "unit": "ng/mL"}, [
        T("%(dose)s IU of cholecalciferol by mouth every %(months)s months", dose="100,000", months="3"),
        T("Alternative the chapter also states: %(dose)s IU every month", dose="50,000"),
    ])


def test_vitamin_d_toxicity_is_a_stop_panel_without_dosing(app, client):
    region = shows(app, client, "en", "vitamin-d", {"level": "200", "unit": "ng/mL"}, [], [day(0)])
    assert 'class="panel stop"' in region


# ---- Creatinine before each zoledronic acid dose (label) -------------------------------------------------


def decision(key: str) -> Message:
    return msg(renal.DECISION_LABELS[key])


CREATININE_CASES = [
    # unit, baseline, current, withheld, decision — worked from the label's thresholds
    ("umol/L", "80", "123.9", False, renal.GIVE),  # normal baseline (< 124): rise 43.9 < 44
    ("umol/L", "80", "124", False, renal.WITHHOLD),  # rise 44 ≥ 44
    ("umol/L", "123.9", "167.9", False, renal.WITHHOLD),  # still normal; rise 44
    ("umol/L", "124", "167.9", False, renal.GIVE),  # 124 is a normal baseline (§11.6): rise 43.9 < 44
    ("umol/L", "124", "168", False, renal.WITHHOLD),  # rise 44 ≥ 44
    ("umol/L", "124.1", "212", False, renal.GIVE),  # abnormal baseline (> 124): rise 87.9 < 88
    ("umol/L", "124.1", "212.1", False, renal.WITHHOLD),  # rise 88 ≥ 88
    ("mg/dL", "1.39", "1.88", False, renal.GIVE),  # rise 0.49 < 0.5
    ("mg/dL", "1.39", "1.89", False, renal.WITHHOLD),  # rise 0.5 (0.4999… in binary) ≥ 0.5
    ("mg/dL", "1.4", "1.89", False, renal.GIVE),  # 1.4 is a normal baseline, as 124 µmol/L: rise 0.49 < 0.5
    ("mg/dL", "1.4", "1.9", False, renal.WITHHOLD),  # rise 0.5
    ("mg/dL", "1.41", "2.4", False, renal.GIVE),  # abnormal: rise 0.99 < 1.0
    ("mg/dL", "1.41", "2.41", False, renal.WITHHOLD),  # rise 1.0
    ("umol/L", "80", "88", True, renal.RESUME),  # within 10%: 88 ≤ 80 × 1.1
    ("umol/L", "80", "88.1", True, renal.KEEP_HOLDING),
    ("mg/dL", "1.0", "1.1", True, renal.RESUME),  # 1.1 ≤ 1.1 (1.1000000000000001 in binary)
    ("mg/dL", "1,0", "1,11", True, renal.KEEP_HOLDING),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("unit,baseline,current,withheld,expected", CREATININE_CASES,
                         ids=[f"{c[0]}-{c[1]}-{c[2]}-{'held' if c[3] else 'due'}" for c in CREATININE_CASES])
def test_creatinine_check_boundaries(app, client, lang, unit, baseline, current, withheld, expected):
    params = {"unit": unit, "baseline": baseline, "current": current}
    if withheld:
        params["withheld"] = "true"
    others = [decision(k) for k in renal.DECISION_LABELS if k != expected]
    region = shows(app, client, lang, "creatinine-check", params, absent=others, answer=decision(expected))
    panel = "ok" if expected in (renal.GIVE, renal.RESUME) else "stop"
    assert f'class="panel {panel}"' in region


@pytest.mark.parametrize("baseline,normal", [("123.9", True), ("124", True), ("124.1", False)])
def test_creatinine_check_says_whether_baseline_is_normal(app, client, baseline, normal):
    region = shows(app, client, "en", "creatinine-check", {"baseline": baseline, "current": baseline, "unit": "umol/L"})
    facts = visible(re.search(r'<dl class="facts">(.*?)</dl>', region, re.S).group(1))
    assert facts.startswith("Baseline " + ("normal" if normal else "abnormal"))


def test_creatinine_check_states_the_label_rule_with_its_source(app, client):
    shows(app, client, "fr", "creatinine-check", {"baseline": "80", "current": "90", "unit": "umol/L"}, [
        T("Zometa® label"),
        msg("Resume only when creatinine is back within %(percent)s%% of baseline, at the same dose.",
            percent=renal.RESUME_PERCENT),
    ])


# ---- Calcium (§1, §2.4, appendix A) -----------------------------------------------------------------------


def per_day(mg: str) -> T:
    return T("%(mg)s mg per day", mg=mg)


BELOW = msg("Below %(min)s mg per day", min=1000)
WITHIN = msg("Within %(min)s to %(max)s mg per day", min=1000, max=1500)
ABOVE = msg("Above %(max)s mg per day", max=1500)
NO_SUPPLEMENT_NEEDED = T("No supplement needed: food alone reaches the target.")


def propose(mg: str) -> T:
    return T("Propose a calcium supplement of %(mg)s mg per day", mg=mg)


CALCIUM_CASES = [
    # dietary mg/day → status, proposed supplement (smallest of 0/500/1000 reaching 1000–1500)
    ("0", BELOW, propose("1,000")),
    ("499", BELOW, propose("1,000")),  # 499 + 500 = 999 is still below
    ("500", BELOW, propose("500")),  # 500 + 500 = 1000
    ("999", BELOW, propose("500")),
    ("1000", WITHIN, NO_SUPPLEMENT_NEEDED),
    ("1500", WITHIN, NO_SUPPLEMENT_NEEDED),
    ("1501", ABOVE, T("No supplement.")),
]


@pytest.mark.parametrize("dietary,status,proposal", CALCIUM_CASES, ids=[c[0] for c in CALCIUM_CASES])
def test_calcium_boundaries(app, client, dietary, status, proposal):
    others = [s for s in (BELOW, WITHIN, ABOVE) if s != status]
    shows(app, client, "en", "calcium", {"dietary_mg": dietary}, [status, proposal], others)


def test_calcium_normal_case_french(app, client):
    # 600 mg food: 400 missing, 500 proposed; total 600 is below
    region = shows(app, client, "fr", "calcium", {"dietary_mg": "600"},
                   [BELOW, T("Propose a calcium supplement of %(mg)s mg per day", mg="500"),
                    msg("Take a calcium supplement mid-morning, on an empty stomach.")],
                   answer=T("%(mg)s mg per day", mg="600"))
    assert 'class="panel warn"' in region


def test_calcium_supplement_taken_counts_in_the_total(app, client):
    # 600 + 500 = 1100 → within
    shows(app, client, "en", "calcium", {"dietary_mg": "600", "supplement_mg": "500"}, [WITHIN, per_day("500")],
          answer=per_day("1,100"))


@pytest.mark.parametrize("lang,params,total,laxative", [
    # 300 (rest of the diet) + 300 (milk) + 180 (yogurt) = 780
    ("en", {"food_milk": "1", "food_yogurt": "1"}, "780", False),
    # 300 + 550 (Hépar, 1 L) = 850
    ("en", {"food_water_hepar": "1"}, "850", True),
    # 300 + 0.5 × 470 (Contrex) + 2 × 300 (hard cheese) = 1135
    ("fr", {"food_water_contrex": "0,5", "food_hard_cheese": "2"}, "1\u202f135", True),
])
def test_calcium_food_questionnaire_is_an_estimate_with_its_source(app, client, lang, params, total, laxative):
    laxative_note = msg("Calcium-rich mineral waters are also rich in sulphates and magnesium and can be laxative.")
    region = shows(app, client, lang, "calcium", params,
                   [T("estimate"), "ANSES CIQUAL", *([laxative_note] if laxative else [])],
                   [] if laxative else [laxative_note], answer=T("%(mg)s mg per day", mg=total))
    assert region


def test_calcium_typed_value_wins_over_the_questionnaire(app, client):
    shows(app, client, "en", "calcium", {"dietary_mg": "1200", "food_milk": "3"}, [per_day("1,200")], [T("estimate")])


def test_calcium_questionnaire_open_unless_a_value_is_typed(client):
    def details(params):
        page = fetch(client, "en", "calcium", params).get_data(as_text=True)
        return re.search(r"<details[^>]*>", page).group(0)

    assert " open" in details(None)
    assert " open" not in details({"dietary_mg": "800"})
    assert " open" in details({"dietary_mg": "800", "food_milk": "1"})
    page = fetch(client, "en", "calcium").get_data(as_text=True)
    for food in FOODS:
        assert f'name="{food.param}"' in page


@pytest.mark.parametrize("params", [None, {"supplement_mg": "500"}])
def test_calcium_waits_for_food_or_a_typed_value(client, params):
    response = fetch(client, "en", "calcium", params)
    assert response.status_code == 200
    assert visible(result_region(response.get_data(as_text=True))) == ""


# ---- Stopping denosumab (§2.5) -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang,last,expected", [
    ("en", "2024-03-15", "Saturday 15 June 2024"),
    ("en", "2024-11-30", "Friday 28 February 2025"),  # clamped to the month's last day
    ("fr", "2023-11-30", "jeudi 29 février 2024"),  # leap year
    ("fr", "2024-01-31", "mardi 30 avril 2024"),
    ("en", "2024-12-31", "Monday 31 March 2025"),
])
def test_denosumab_stop_date(app, client, lang, last, expected):
    shows(app, client, lang, "denosumab-stop", {"last_injection": last},
          [T("Enter a creatinine clearance, or age, weight, sex and creatinine, to get the dose (table 2)."),
           msg("Stopping denosumab can be followed by multiple vertebral fractures."),
           msg("The CTX trigger is expert practice: the ESMO 2020 guidelines do not advise routine bone turnover "
               "markers.")],
          answer=expected)


@pytest.mark.parametrize("params,dose", [
    ({"crcl": "60"}, "3.5 mg"),
    ({"crcl": "60.01"}, "3.5 mg"),  # shown 60.0: the figure on screen decides (§11)
    ({"crcl": "60.1"}, "4.0 mg"),
    ({"crcl": "49.9"}, "3.3 mg"),
    ({"crcl": "39.9"}, "3.0 mg"),
    # (140 − 70) × 70 × 1.23 / 120 = 50.225 → 3.5 mg
    ({"age": "70", "weight": "70", "sex": "male", "creatinine": "120", "unit": "umol/L"}, "3.5 mg"),
])
def test_denosumab_stop_with_the_zoledronic_acid_dose(app, client, params, dose):
    region = shows(app, client, "en", "denosumab-stop", {"last_injection": "2024-03-15", **params},
                   [T("Zoledronic acid dose")])
    answers = re.findall(r'<p class="answer">(.*?)<small>', region, re.S)
    assert [visible(a) for a in answers] == ["Saturday 15 June 2024", dose]


def test_denosumab_stop_contraindicated_below_30(app, client):
    region = shows(app, client, "fr", "denosumab-stop", {"last_injection": "2024-03-15", "crcl": "29,9"},
                   ["29,9 mL/min", T("No zoledronic acid infusion")], [T("Zoledronic acid contraindicated")])
    assert 'class="panel stop"' in region and 'class="panel ok"' not in region  # no green date (§11.10)
    assert "15 juin 2024" not in visible(region)


def test_denosumab_stop_partial_clearance_inputs_are_refused(app, client):
    response = fetch(client, "en", "denosumab-stop", {"last_injection": "2024-03-15", "age": "70"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert field_error(page, "weight") == REQUIRED
    assert field_error(page, "last_injection") == ""


# ---- When to start (§2.2, §2.5) ------------------------------------------------------------------------------


WHEN_CASES = [
    ({}, checklists.NO_BONE_METASTASIS),
    ({"skeletal_event": "true", "life_expectancy": "over_3_months"}, checklists.NO_BONE_METASTASIS),
    ({"bone_metastasis": "true"}, checklists.ESTIMATE_LIFE_EXPECTANCY),  # nothing chosen is not "3 months or less"
    ({"bone_metastasis": "true", "high_risk_lesions": "true"}, checklists.ESTIMATE_LIFE_EXPECTANCY),
    ({"bone_metastasis": "true", "life_expectancy": "3_months_or_less"}, checklists.NOT_INDICATED),
    ({"bone_metastasis": "true", "life_expectancy": "over_3_months"}, checklists.START),
    ({"bone_metastasis": "true", "skeletal_event": "true"}, checklists.START_AFTER_EVENT),
    ({"bone_metastasis": "true", "skeletal_event": "true", "life_expectancy": "3_months_or_less"},
     checklists.START_AFTER_EVENT),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("params,expected", WHEN_CASES, ids=[f"{c[1]}-{'+'.join(c[0]) or 'none'}" for c in WHEN_CASES])
def test_when_to_start(app, client, lang, params, expected):
    starts = expected in (checklists.START, checklists.START_AFTER_EVENT)
    link = T("the checklist before the first dose")
    region = shows(app, client, lang, "when-to-start", params, [link] if starts else [], [] if starts else [link],
                   answer=msg(checklists.DECISION_LABELS[expected]))
    assert ('class="panel ok"' in region) == starts


def test_when_to_start_high_risk_lesions_add_a_reason(app, client):
    reason = msg("All the more so as the lesions carry a high risk of skeletal-related event.")
    base = {"bone_metastasis": "true", "life_expectancy": "over_3_months"}
    shows(app, client, "en", "when-to-start", {**base, "high_risk_lesions": "true"}, [reason, "[§2.2]", "[60]"])
    shows(app, client, "en", "when-to-start", base, [], [reason])


# ---- Before the first dose (§2.3, §2.4) ----------------------------------------------------------------------


def applicable(agent: str) -> list[checklists.ItemSpec]:
    return [spec for spec in checklists.BEFORE_FIRST_DOSE if agent in spec.agents]


def missing_list(region: str) -> str:
    match = re.search(r'<ul class="missing">(.*?)</ul>', region, re.S)
    return visible(match.group(1)) if match else ""


def verdict(key: str) -> Message:
    return msg(checklists.VERDICT_LABELS[key])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("agent", ["zoledronic_acid", "denosumab"])
def test_before_first_dose_ready_when_every_item_of_the_agent_is_done(app, client, lang, agent):
    params = {"agent": agent, **{spec.key: "true" for spec in applicable(agent)}}
    region = shows(app, client, lang, "before-first-dose", params, answer=verdict(checklists.READY))
    assert 'class="panel ok"' in region and missing_list(region) == ""


@pytest.mark.parametrize("lang", LANGS)
def test_before_first_dose_not_ready_lists_what_is_missing(app, client, lang):
    specs = applicable("zoledronic_acid")
    params = {"agent": "zoledronic_acid", **{spec.key: "true" for spec in specs if spec.key != "booklet_given"}}
    region = shows(app, client, lang, "before-first-dose", params, answer=verdict(checklists.NOT_READY))
    missing = missing_list(region)
    assert localized(app, lang, checklists.ACTIONS[specs[-1].key]) in missing  # as the action to take
    assert localized(app, lang, specs[-1].label) not in missing
    for spec in specs[:-1]:
        assert localized(app, lang, checklists.ACTIONS[spec.key]) not in missing
    assert 'class="panel stop"' in region
    assert re.search(r"(missing|manquants)\s*:\s*<span[^>]*>1</span>", region)  # the count, in the headline


def test_before_first_dose_items_follow_the_agent(app, client):
    za_only = msg("Paracetamol planned on the first infusion day and the day after.")
    dmab_only = msg("If creatinine clearance is below %(threshold)s mL/min: risk of adynamic renal osteodystrophy "
                    "considered.", threshold=renal.DENOSUMAB_SEVERE_RENAL_CRCL)
    za = shows(app, client, "en", "before-first-dose", {"agent": "zoledronic_acid"}, [za_only], [dmab_only])
    dmab = shows(app, client, "en", "before-first-dose", {"agent": "denosumab"}, [dmab_only], [za_only])
    assert "[61]" in visible(za) and "[61]" in visible(dmab)  # MSKCC dental note, with its reference


@pytest.mark.parametrize("slug", ["zoledronic-acid", "denosumab-stop", "creatinine-check", "vitamin-d", "schedule"])
def test_no_sex_or_unit_is_preselected(client, slug):
    page = fetch(client, "en", slug).get_data(as_text=True)
    assert 'name="unit"' in page
    assert not re.search(r'name="(sex|unit)" value="[^"]+" checked', page)


@pytest.mark.parametrize("slug", ["before-first-dose", "follow-up", "schedule"])
def test_no_agent_is_preselected(client, slug):
    page = fetch(client, "en", slug).get_data(as_text=True)
    assert 'name="agent"' in page and not re.search(r'name="agent" value="\w+" checked', page)
    assert visible(result_region(page)) == ""  # nothing answered yet: no verdict, no error


@pytest.mark.parametrize("lang", LANGS)
def test_before_first_dose_emergency_start(app, client, lang):
    waivable = set(checklists.EMERGENCY_WAIVABLE)
    done = {s.key: "true" for s in applicable("denosumab") if s.key not in waivable - {"vitamin_d_checked"}}
    region = shows(app, client, lang, "before-first-dose", {"agent": "denosumab", "emergency": "true", **done},
                   [msg("Emergency start: the items not done are listed; complete them as soon as possible.")],
                   answer=verdict(checklists.EMERGENCY_START))
    assert 'class="panel warn"' in region
    assert localized(app, lang, checklists.BEFORE_FIRST_DOSE[0].label) not in missing_list(region)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("unmet", ["renal_function_known", "hypocalcaemia_excluded", "za_crcl_ok"])
def test_before_first_dose_emergency_never_waives_renal_or_calcium(app, client, lang, unmet):
    params = {"agent": "zoledronic_acid", "emergency": "true",
              **{s.key: "true" for s in applicable("zoledronic_acid") if s.key != unmet}}
    region = shows(app, client, lang, "before-first-dose", params,
                   [msg("An emergency waives only the vitamin D correction and the dental care. The other missing "
                        "items, above all the renal function and the correction of a hypocalcaemia, are needed "
                        "before the first dose, emergency or not.")],
                   answer=verdict(checklists.NOT_READY))
    assert 'class="panel stop"' in region


def test_before_first_dose_emergency_with_everything_done_is_ready(app, client):
    params = {"agent": "denosumab", "emergency": "true", **{s.key: "true" for s in applicable("denosumab")}}
    shows(app, client, "en", "before-first-dose", params, answer=verdict(checklists.READY))


def test_before_first_dose_form_shows_each_item_with_its_source(client):
    page = fetch(client, "en", "before-first-dose").get_data(as_text=True)
    form = re.search(r"<form.*?</form>", page, re.S).group(0)
    for spec in checklists.BEFORE_FIRST_DOSE:
        label = re.search(rf'<label for="f-{spec.key}">(.*?)</label>', form, re.S)
        assert label, spec.key
        assert re.search(r"\[(§[\d.]+|\d+|\w+® label)\]", visible(label.group(1))), spec.key


# ---- Follow-up (§6) -----------------------------------------------------------------------------------------


CREATININE_ITEM = msg("Serum creatinine before each infusion; withhold the dose if renal function worsens.")
REGULAR_ITEM = msg("Injections kept regular: denosumab has no lasting effect once stopped.")


@pytest.mark.parametrize("lang", LANGS)
def test_follow_up_zoledronic_acid_without_a_date(app, client, lang):
    shows(app, client, lang, "follow-up", {"agent": "zoledronic_acid"},
          [CREATININE_ITEM, T("Enter the start date to get the dates.")], [REGULAR_ITEM],
          answer=T("Follow-up on zoledronic acid"))


@pytest.mark.parametrize("lang,start,reassess", [
    ("en", "2024-01-31", "Saturday 31 January 2026"),
    ("fr", "2024-02-29", "samedi 28 février 2026"),  # clamped: no 29 February in 2026
])
def test_follow_up_denosumab_with_dates(app, client, lang, start, reassess):
    shows(app, client, lang, "follow-up", {"agent": "denosumab", "start": start},
          [REGULAR_ITEM, T("Reassess the treatment on %(date)s", date=reassess)], [CREATININE_ITEM],
          answer=T("Follow-up on denosumab"))


def test_follow_up_dental_review_dates(app, client):
    shows(app, client, "en", "follow-up", {"agent": "denosumab", "start": "2024-01-31"},
          ["Wednesday 31 July 2024", "Friday 31 January 2025", "Thursday 31 July 2025"])


# ---- Jaw osteonecrosis (§2.3 [62]; AAOMS 2022) ----------------------------------------------------------------


DURATION_ADVICE = msg("Exposed bone for %(weeks)s weeks or less since it was identified and treated: re-evaluate if "
                      "it persists beyond %(weeks)s weeks.", weeks=onj.EXPOSED_BONE_MORE_THAN_WEEKS)
EXPOSURE_ADVICE = msg("No current or past bisphosphonate or denosumab: not antiresorptive-related jaw osteonecrosis "
                      "by this definition.")
IRRADIATION_ADVICE = msg("Craniofacial irradiation in the history: consider osteoradionecrosis.")
MEETS = T("Meets the definition of jaw osteonecrosis")
DOES_NOT = T("Does not meet the definition")

ONJ_CASES = [
    ({"exposed_bone_weeks": "8", "antiresorptive": "true"}, DOES_NOT, [DURATION_ADVICE]),  # 8 is not "more than 8"
    ({"exposed_bone_weeks": "8.1", "antiresorptive": "true"}, MEETS, []),
    ({"exposed_bone_weeks": "12", "antiresorptive": "true"}, MEETS, []),
    ({"exposed_bone_weeks": "0", "antiresorptive": "true"}, DOES_NOT, [DURATION_ADVICE]),
    ({"exposed_bone_weeks": "12"}, DOES_NOT, [EXPOSURE_ADVICE]),
    ({"exposed_bone_weeks": "12", "antiresorptive": "true", "craniofacial_irradiation": "true"}, DOES_NOT,
     [IRRADIATION_ADVICE]),
    ({"exposed_bone_weeks": "6", "craniofacial_irradiation": "true"}, DOES_NOT,
     [DURATION_ADVICE, EXPOSURE_ADVICE, IRRADIATION_ADVICE]),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("params,answer,advice", ONJ_CASES, ids=[str(i) for i in range(len(ONJ_CASES))])
def test_jaw_osteonecrosis_definition(app, client, lang, params, answer, advice):
    others = [a for a in (DURATION_ADVICE, EXPOSURE_ADVICE, IRRADIATION_ADVICE) if a not in advice]
    region = shows(app, client, lang, "jaw-osteonecrosis", params, advice, others, answer=answer)
    assert ('class="panel stop"' in region) == (answer is MEETS)


def test_jaw_osteonecrosis_shows_aaoms_staging_as_information(app, client):
    stage3 = onj.AAOMS_STAGING.stages[-1].description
    region = shows(app, client, "en", "jaw-osteonecrosis", {"exposed_bone_weeks": "10", "antiresorptive": "true"},
                   [stage3, onj.AAOMS_STAGING.definition_note, "Ruggiero SL et al. J Oral Maxillofac Surg 2022",
                    T("AAOMS 2022 staging (for information)")])
    assert region.count("<tr>") >= len(onj.AAOMS_STAGING.stages)


# ---- Bad input: 422, the message next to its field -----------------------------------------------------------


BAD_INPUT = [
    ("vitamin-d", {"level": "abc"}, "level", msg(NOT_A_NUMBER)),
    ("vitamin-d", {"level": "501", "unit": "ng/mL"}, "level", msg("Enter a value between %(min)s and %(max)s %(unit)s.", min=0,
                                                 max=500, unit="ng/mL")),
    ("vitamin-d", {"level": "30", "start": "2024-02-30"}, "start", msg(NOT_A_DATE)),
    ("vitamin-d", {"level": "30", "unit": "mg"}, "unit", msg(NOT_A_CHOICE, choices="ng/mL, nmol/L")),
    ("creatinine-check", {"baseline": "80"}, "current", msg(REQUIRED)),
    ("creatinine-check", {"baseline": "80", "current": "1,500", "unit": "umol/L"}, "current", msg(AMBIGUOUS_NUMBER)),
    ("vitamin-d", {"level": "40"}, "unit", msg(REQUIRED)),  # 40 ng/mL or 40 nmol/L? never assumed (§11.1)
    ("zoledronic-acid", {"age": "85", "weight": "48", "creatinine": "100", "unit": "umol/L"}, "sex", msg(REQUIRED)),
    ("zoledronic-acid", {"age": "85", "weight": "48", "sex": "female", "creatinine": "100"}, "unit", msg(REQUIRED)),
    ("zoledronic-acid", {"age": "40", "weight": "50", "sex": "female", "creatinine": "20", "unit": "umol/L"},
     "creatinine", msg("This creatinine gives an implausible clearance (over %(max)s mL/min): check the value and "
                       "its unit.", max=250)),
    ("creatinine-check", {"baseline": "80", "current": "90", "withheld": "maybe"}, "withheld", msg(NOT_A_BOOLEAN)),
    ("calcium", {"dietary_mg": "-5"}, "dietary_mg", msg("Enter an amount between %(min)s and %(max)s mg per day.",
                                                         min=0, max=5000)),
    ("calcium", {"food_milk": "25"}, "food_milk", msg("Enter a number between %(min)s and %(max)s per day.", min=0,
                                                      max=20)),
    ("denosumab-stop", {"last_injection": "30/11/2024"}, "last_injection", msg(NOT_A_DATE)),
    ("denosumab-stop", {"last_injection": "2024-03-15", "crcl": "0"}, "crcl",
     msg("Enter a value between %(min)s and %(max)s %(unit)s.", min=1, max=250, unit="mL/min")),
    ("when-to-start", {"bone_metastasis": "yes please"}, "bone_metastasis", msg(NOT_A_BOOLEAN)),
    ("before-first-dose", {"agent": "aspirin"}, "agent", msg(NOT_A_CHOICE, choices="zoledronic_acid, denosumab")),
    ("follow-up", {"start": "2024-13-01"}, "start", msg(NOT_A_DATE)),
    ("jaw-osteonecrosis", {"exposed_bone_weeks": "-1"}, "exposed_bone_weeks",
     msg("Enter a number of weeks between %(min)s and %(max)s.", min=0, max=520)),
    ("jaw-osteonecrosis", {"exposed_bone_weeks": "521"}, "exposed_bone_weeks",
     msg("Enter a number of weeks between %(min)s and %(max)s.", min=0, max=520)),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("slug,params,field,message", BAD_INPUT, ids=[f"{c[0]}-{c[2]}" for c in BAD_INPUT])
def test_bad_input_is_422_with_the_message_next_to_the_field(app, client, lang, slug, params, field, message):
    response = fetch(client, lang, slug, params)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert field_error(page, field) == localized(app, lang, message)
    assert visible(result_region(page)) == localized(app, lang, T("Check the fields marked above."))
    if f'id="f-{field}" name="{field}" type="text"' in page or f'id="f-{field}" name="{field}" type="date"' in page:
        assert re.search(rf'id="f-{field}"[^>]*aria-invalid="true"', page, re.S)


# ---- htmx: the result partial only ---------------------------------------------------------------------------


HX = {"HX-Request": "true"}


@pytest.mark.parametrize("slug,params", [
    ("vitamin-d", {"level": "8", "unit": "ng/mL"}),
    ("creatinine-check", {"baseline": "80", "current": "130", "unit": "umol/L"}),
    ("calcium", {"food_milk": "2"}),
    ("denosumab-stop", {"last_injection": "2024-11-30"}),
    ("when-to-start", {"bone_metastasis": "true"}),
    ("before-first-dose", {"agent": "denosumab"}),
    ("follow-up", {"agent": "denosumab"}),
    ("jaw-osteonecrosis", {"exposed_bone_weeks": "9", "antiresorptive": "true"}),
])
def test_htmx_request_gets_the_partial_only(client, slug, params):
    full = fetch(client, "en", slug, params).get_data(as_text=True)
    response = fetch(client, "en", slug, params, **HX)
    assert response.status_code == 200
    partial = response.get_data(as_text=True)
    assert "<html" not in partial and "<form" not in partial and "<template id=" not in partial
    assert '<p class="answer">' in partial
    assert visible(re.sub(r'<p class="field-error"[^>]*hx-swap-oob="true"[^>]*>.*?</p>', "", partial, flags=re.S)) \
        == visible(result_region(full))
    from webapp.pages import PAGES
    for name in PAGES[slug].fields:
        assert f'id="error-{name}" data-error-for="{name}" aria-live="polite" hx-swap-oob="true"' in partial


def test_htmx_invalid_request_fills_the_error_slots_out_of_band(app, client):
    response = fetch(client, "en", "jaw-osteonecrosis", {"exposed_bone_weeks": "abc"}, **HX)
    assert response.status_code == 422
    partial = response.get_data(as_text=True)
    assert "<html" not in partial
    assert field_error(partial, "exposed_bone_weeks") == NOT_A_NUMBER
    assert field_error(partial, "antiresorptive") == ""


# ---- Typed HTML is escaped -------------------------------------------------------------------------------------


INJECTION = '<script>alert(1)</script>'


@pytest.mark.parametrize("slug,field", [
    ("vitamin-d", "level"), ("vitamin-d", "start"), ("creatinine-check", "baseline"), ("calcium", "dietary_mg"),
    ("calcium", "food_milk"), ("denosumab-stop", "last_injection"), ("denosumab-stop", "crcl"),
    ("when-to-start", "bone_metastasis"), ("before-first-dose", "agent"), ("follow-up", "start"),
    ("jaw-osteonecrosis", "exposed_bone_weeks"),
])
def test_injected_html_is_escaped(client, slug, field):
    response = fetch(client, "en", slug, {field: INJECTION})
    page = response.get_data(as_text=True)
    assert "<script>alert" not in page
    if response.status_code == 422:
        assert field_error(page, field)
    if re.search(rf'name="{field}" type="(text|date)"', page):
        assert f'value="{html.escape(INJECTION)}"' in page.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")


def test_injected_html_in_an_ignored_parameter_is_escaped_in_links(client):
    page = fetch(client, "fr", "vitamin-d", {"level": "30", "note": INJECTION}).get_data(as_text=True)
    assert "<script>alert" not in page


def test_live_typing_does_not_flag_fields_not_filled_yet(client):
    """While typing (htmx sends X-Live), blank fields are not flagged; wrong ones are."""
    live = {"HX-Request": "true", "X-Live": "true"}
    response = client.get("/en/zoledronic-acid/?age=70&weight=&creatinine=", headers=live)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Fill in the remaining fields" in html and "This field is required" not in html
    response = client.get("/en/zoledronic-acid/?age=abc&weight=", headers=live)
    assert response.status_code == 422
    assert "Enter a number" in response.get_data(as_text=True)
    assert "This field is required" not in response.get_data(as_text=True)
    submitted = client.get("/en/zoledronic-acid/?age=70&weight=&creatinine=", headers={"HX-Request": "true"})
    assert submitted.status_code == 422 and "This field is required" in submitted.get_data(as_text=True)


def test_a_huge_value_is_echoed_truncated(client):
    """A too-long answer gets its message, and the page repeats only its start, not 60 KB of it."""
    response = fetch(client, "en", "zoledronic-acid", {"crcl": "9" * 60_000, "sex": "x" * 60})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Enter at most" in field_error(page, "crcl")
    short = fetch(client, "en", "zoledronic-acid", {"crcl": "9" * 64, "sex": "x" * 60}).get_data(as_text=True)
    # Once, in the query the page was rendered for (read by the browser script); never in the form or links.
    assert len(page) - len(short) < 60_000
    value = re.search(r'name="crcl" [^>]*value="(9*)"', page).group(1)
    assert 32 < len(value) <= 64
