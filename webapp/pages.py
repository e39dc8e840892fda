"""The calculator and checklist pages: plain GET forms, enhanced by htmx.

Every page posts nothing: its form is a GET with the JSON API's parameter names, so a
result can be reloaded, shared and computed again offline from the URL alone.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from .clinical import CALCULATORS
from .clinical.parse import InvalidInput
from .i18n import translate
from .slots import View

bp = Blueprint("pages", __name__, url_prefix="/<lang>")


@dataclass(frozen=True)
class Page:
    slug: str  # the path word, the same in both languages
    core: str  # the clinical core's calculator (and JSON API) name
    title: str
    summary: str
    group: str  # "calculators" or "checklists"
    fields: tuple[str, ...]  # every query parameter the form sends
    primary: tuple[str, ...]  # the page computes once one of these is filled in


PAGES = {
    page.slug: page
    for page in (
        Page("zoledronic-acid", "zoledronic-acid", _l("Zoledronic acid dose"),
             _l("Creatinine clearance (Cockcroft–Gault) and the dose by renal function."), "calculators",
             ("crcl", "age", "weight", "sex", "creatinine", "unit"), ("crcl", "age", "weight", "creatinine")),
    )
}

GROUPS = {"calculators": _l("Calculators"), "checklists": _l("Checklists")}


@dataclass(frozen=True)
class Outcome:
    """What a form submission gave: nothing yet, field errors, or a result."""

    state: str  # "empty", "invalid" or "ok"
    view: View
    errors: Mapping[str, str]


def evaluate(page: Page, args: Mapping[str, str]) -> Outcome:
    params = {name: args[name] for name in page.fields if name in args}
    if not any(params.get(name, "").strip() for name in page.primary):
        return Outcome("empty", View(None), {})
    try:
        result = CALCULATORS[page.core](params)
    except InvalidInput as invalid:
        errors = {field: translate(message) for field, message in invalid.errors.items()}
        return Outcome("invalid", View(None), errors)
    return Outcome("ok", View(result.as_dict()), {})


@bp.get("/")
def home():
    menu = [
        {
            "title": title,
            "items": [
                {"url": url_for("pages.calculator", slug=p.slug), "title": p.title, "summary": p.summary}
                for p in PAGES.values()
                if p.group == group
            ],
        }
        for group, title in GROUPS.items()
    ]
    return render_template("home.html", menu=[group for group in menu if group["items"]])


@bp.get("/<slug>/")
def calculator(slug: str):
    page = PAGES.get(slug) or abort(404)
    outcome = evaluate(page, request.args)
    status = 422 if outcome.state == "invalid" else 200
    partial = bool(request.headers.get("HX-Request"))
    template = "_result_region.html" if partial else f"pages/{slug}.html"
    return render_template(template, page=page, outcome=outcome, args=request.args, oob=partial), status
