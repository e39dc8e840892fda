"""The chapter's reference list (searchable) and the evidence page (trial table and forest plot).

The search database is built from references.json when the app starts, into the
instance folder; each request opens its own read-only connection, because sqlite3
connections must not cross threads and the server is threaded.
"""
from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from decimal import Decimal
from pathlib import Path

import sqlite_utils
from flask import Blueprint, current_app, make_response, render_template, request, url_for
from flask.blueprints import BlueprintSetupState

from .evidence import forest_plot, load_trials, render_svg
from .formatting import format_number
from .i18n import current_language, keep_query, text as _
from .references import TABLE, bounded, build_database, search

bp = Blueprint("references", __name__, url_prefix="/<lang>")


@bp.record_once
def build_search_database(state: BlueprintSetupState) -> None:
    """Rebuild the database once per app, then swap it in atomically: another app
    (a test server, the static export) may be reading the previous file."""
    folder = Path(state.app.instance_path)
    folder.mkdir(parents=True, exist_ok=True)
    handle, building = tempfile.mkstemp(dir=folder, suffix=".db")
    os.close(handle)
    build_database(building).conn.close()
    path = folder / "references.db"
    os.replace(building, path)
    state.app.extensions["references_db"] = path


@bp.app_template_global()
def reference_anchor_url(number: int) -> str:
    """Where reference [number] is, for source links (also a template global)."""
    return url_for("references.index", _anchor=f"ref-{number}")


def find(query: str) -> list[dict]:
    """The matches of query, best first; every reference in number order when it has no word."""
    uri = current_app.extensions["references_db"].as_uri() + "?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        db = sqlite_utils.Database(connection)
        return search(db, query, limit=db[TABLE].count)


@bp.get("/references/")
def index():
    """The full list, or the matches of ?q= best first; only the list for htmx.

    The static site's page has the references cited in the chapter, the ones the other pages
    point to, and links to the others (others.html), which its script fetches on demand: the
    first visit paints sooner."""
    query = bounded(request.args.get("q", ""))
    if "q" in request.args:
        keep_query({"q": query})
    references = find(query)
    others = 0
    if current_app.config["STATIC_EXPORT"] and not query:
        cited = [ref for ref in references if ref["cited_in_chapter"]]
        references, others = cited, len(references) - len(cited)
    partial = bool(request.headers.get("HX-Request"))
    template = "_reference_list.html" if partial else "references.html"
    response = make_response(render_template(template, references=references, others=others, query=query,
                                             partial=partial))
    response.vary.add("HX-Request")
    return response


@bp.get("/references/others.html")
def others():
    """The references not cited in the chapter, in number order (the static site's page lists the others)."""
    return render_template("reference_others.html",
                           references=[ref for ref in find("") if not ref["cited_in_chapter"]])


def hazard_ratio(value: float) -> str:
    """As the chapter gives it, at least 2 decimals (0.84, 1.10, 0.732)."""
    written = -Decimal(str(value)).as_tuple().exponent
    return format_number(value, current_language(), max(2, written))


def p_value(text: str) -> str:
    """A p value as given ("0.007", "<0.001"), in the page's number format."""
    number = text.lstrip("<")
    formatted = format_number(float(number), current_language(), len(number.partition(".")[2]))
    return f"<\u00a0{formatted}" if text.startswith("<") else formatted


@bp.get("/evidence/")
def evidence():
    trials = load_trials()
    rows = [
        {"label": f"{_(trial['label_en'])} — {_(outcome['label_en'])}", **outcome}
        for trial in trials
        for outcome in trial["outcomes"]
        if outcome["hr"] is not None
    ]
    plot = render_svg(
        forest_plot(rows),
        title=_("Hazard ratios of the chapter’s trials"),
        desc=_("Each outcome’s hazard ratio (square) and confidence interval (line) on a log scale; "
               "left of 1 favours the first treatment of the comparison. The table gives the same figures."),
        axis_label=_("Hazard ratio (log scale)"),
        favours_left=_("Favours the first treatment"),
        favours_right=_("Favours the comparator"),
        number_format=hazard_ratio,
    )
    return render_template("evidence.html", trials=trials, plot=plot, hazard_ratio=hazard_ratio, p_value=p_value)
