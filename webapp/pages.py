"""The calculator and checklist pages: plain GET forms, enhanced by htmx.

Every page posts nothing: its form is a GET with the JSON API's parameter names, so a
result can be reloaded, shared and computed again offline from the URL alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from . import home_search
from .clinical import CALCULATORS
from .clinical.parse import MAX_CHARS, REQUIRED, InvalidInput
from .i18n import keep_query, translate
from .slots import View

bp = Blueprint("pages", __name__, url_prefix="/<lang>")

# What a page echoes of a typed value (in the input and the language link): longer than
# any valid value, so a too-long answer still reads as too long, but never a megabyte.
ECHO_CHARS = 2 * MAX_CHARS


@dataclass(frozen=True)
class Page:
    slug: str  # the path word, the same in both languages
    core: str  # the clinical core's calculator (and JSON API) name
    title: str
    summary: str
    group: str  # a key of GROUPS
    fields: tuple[str, ...]  # every query parameter the form sends
    primary: tuple[str, ...] = ()  # computes once one of these is filled in; () = always
    defaults: tuple[tuple[str, str], ...] = ()  # what the form preselects: never a patient's fact nor the agent


CLEARANCE = ("crcl", "age", "weight", "sex", "creatinine", "unit", "height", "weight_basis")
CALCIUM_FOOD = ("food_milk", "food_yogurt", "food_hard_cheese", "food_soft_cheese", "food_fromage_blanc",
                "food_water_hepar", "food_water_contrex", "food_tap_water")
BEFORE_FIRST_DOSE = ("agent", "vitamin_d_checked", "renal_function_known", "hypocalcaemia_excluded",
                     "dental_assessment", "dental_care_completed", "calcium_planned", "concomitant_reviewed", "za_crcl_ok",
                     "za_paracetamol_plan", "za_hydration_plan", "dmab_renal_warning_ack", "booklet_given", "emergency")

PAGES = {
    page.slug: page
    for page in (
        Page("vitamin-d", "vitamin-d", _l("Vitamin D"),
             _l("Status from the 25-OH vitamin D level, loading doses with dates, maintenance."), "calculators",
             ("level", "unit", "start"), ("level",)),
        Page("zoledronic-acid", "zoledronic-acid", _l("Zoledronic acid dose"),
             _l("Creatinine clearance (Cockcroft–Gault) and the dose by renal function."), "calculators",
             CLEARANCE, ("crcl", "age", "weight", "creatinine")),
        Page("creatinine-check", "creatinine-check", _l("Creatinine before an infusion"),
             _l("Before each zoledronic acid infusion: give, withhold or resume."), "calculators",
             ("baseline", "current", "unit", "withheld"), ("baseline", "current")),
        Page("calcium", "calcium", _l("Calcium intake"),
             _l("Dietary calcium, typed or estimated from a few foods, and the supplement to reach the target."),
             "calculators", ("dietary_mg", "supplement_mg", *CALCIUM_FOOD, "corrected_calcium", "calcium_unit"),
             ("dietary_mg", *CALCIUM_FOOD)),
        Page("corrected-calcium", "corrected-calcium", _l("Corrected calcium"),
             _l("Serum calcium corrected for albumin: hypocalcaemia to correct before the first dose."),
             "calculators", ("calcium", "albumin", "unit"), ("calcium", "albumin")),
        Page("denosumab-stop", "denosumab-stop", _l("Stopping denosumab"),
             _l("From the last injection, the date of the zoledronic acid infusion and its dose."), "calculators",
             ("last_injection", *CLEARANCE), ("last_injection",)),
        Page("when-to-start", "when-to-start", _l("When to start"),
             _l("Whether to start an antiresorptive now."), "checklists",
             ("bone_metastasis", "life_expectancy", "skeletal_event", "high_risk_lesions")),
        Page("before-first-dose", "before-first-dose", _l("Before the first dose"),
             _l("Checklist and verdict: ready, what is missing, or emergency start."), "checklists",
             BEFORE_FIRST_DOSE, BEFORE_FIRST_DOSE),
        Page("follow-up", "follow-up", _l("Follow-up"),
             _l("What to check while the patient is treated, with the dates."), "checklists",
             ("agent", "start"), ("agent", "start")),
        Page("jaw-osteonecrosis", "onj", _l("Jaw osteonecrosis"),
             _l("Does the lesion meet the definition? What to do; AAOMS staging."), "checklists",
             ("exposed_bone_weeks", "antiresorptive", "craniofacial_irradiation"), ("exposed_bone_weeks",)),
        Page("schedule", "schedule", _l("Treatment schedule"),
             _l("The patient’s dated plan over 24 months, handed over by QR code and link."), "carnet",
             ("agent", "start", "interval", "vitamin_d", "unit", "crcl", "stop", "today"), ("agent", "start"),
             (("interval", "4w"),)),
    )
}

GROUPS = {"calculators": _l("Calculators"), "checklists": _l("Checklists"), "carnet": _l("Injection schedule")}


@dataclass(frozen=True)
class Outcome:
    """What a form submission gave: nothing yet, field errors, or a result."""

    state: str  # "empty", "incomplete", "invalid" or "ok"
    view: View
    errors: Mapping[str, str]


def evaluate(page: Page, args: Mapping[str, str], live: bool = False) -> Outcome:
    """Run the page's calculator on the form's answers.

    While the user is still typing (`live`), fields not filled in yet are not flagged:
    an error appearing under a field would move the form under the user's thumb.
    """
    params = {**dict(page.defaults), **{name: args[name] for name in page.fields if name in args}}
    if page.primary and not any(params.get(name, "").strip() for name in page.primary):
        return Outcome("empty", View(None), {})
    try:
        result = CALCULATORS[page.core](params)
    except InvalidInput as invalid:
        errors = {field: message for field, message in invalid.errors.items()
                  if not (live and message.msgid == REQUIRED)}
        if not errors:
            return Outcome("incomplete", View(None), {})
        return Outcome("invalid", View(None), {field: translate(message) for field, message in errors.items()})
    return Outcome("ok", View(result.as_dict()), {})


@bp.get("/")
def home():
    """Every page by group; with `q` (the search form, without JS), only the pages that match."""
    words = home_search.query_words(request.args.get("q", ""))

    def item(url: str, key: str, title, summary) -> dict:
        search = home_search.normalise(f"{title} {summary} {home_search.SYNONYMS.get(key, '')}")
        return {"url": url, "title": title, "summary": summary, "search": search,
                "shown": home_search.matches(search, words)}

    menu = [
        {"title": title,
         "items": [item(url_for("pages.calculator", slug=p.slug), p.slug, p.title, p.summary)
                   for p in PAGES.values() if p.group == group]}
        for group, title in GROUPS.items()
    ]
    menu.append({"title": _l("For patients"), "items": [
        item(url_for("carnet.my_treatment"), "my-treatment", _l("My treatment"),
             _l("Your injection record: the next date and what was done, on your phone, even offline."))]})
    menu.append({"title": _l("Evidence"), "items": [
        item(url_for("references.evidence"), "evidence", _l("Key trial results"),
             _l("The trials behind the chapter, with their hazard ratios.")),
        item(url_for("references.index"), "references", _l("References"),
             _l("The chapter's references, searchable, with their links."))]})
    menu = [group for group in menu if group["items"]]
    return render_template("home.html", menu=menu, q=request.args.get("q", "")[:home_search.MAX_QUERY_CHARS],
                           found=sum(i["shown"] for group in menu for i in group["items"]), searched=bool(words))


@bp.get("/<slug>/")
def calculator(slug: str):
    page = PAGES.get(slug) or abort(404)
    outcome = evaluate(page, request.args, live=request.headers.get("X-Live") == "true")
    status = 422 if outcome.state == "invalid" else 200
    partial = bool(request.headers.get("HX-Request"))
    template = "_result_region.html" if partial else f"pages/{slug}.html"
    echoed = {name: request.args[name][:ECHO_CHARS] for name in page.fields if name in request.args}
    keep_query(echoed)
    return render_template(template, page=page, outcome=outcome, args=echoed, oob=partial), status
