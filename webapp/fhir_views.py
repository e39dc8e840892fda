"""FHIR R4 at the app's edges: POST /api/v1/<calculator>, and which pages offer "Fill from a lab file".

POST: a Bundle gives the values, the query string what it lacks. The answer is the GET's (the same result, or 422 with the same field messages) plus what was read from
the Bundle and what was not, with the reason: a value is never taken from it without saying so. A query
value that contradicts the Bundle is refused on its field rather than silently overridden.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from flask import Flask, g, request
from flask_babel import lazy_gettext as _l

from .api import _json, bp, localised
from .clinical import CALCULATORS
from .clinical.fhir import FILLS, NOT_FHIR, read_bundle
from .clinical.messages import msg
from .clinical.parse import WHITESPACE, InvalidInput, is_blank
from .i18n import translate

MEDIA_TYPES = ("application/fhir+json", "application/json")


def today() -> dt.date:
    """The day the Bundle is read on, for its stale values: the server's date."""
    return dt.date.today()


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def parse_body(body: bytes) -> Any:
    """Strict JSON (UTF-8, no NaN or Infinity); raises InvalidInput on the `bundle` field."""
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise InvalidInput({"bundle": msg(NOT_FHIR)}) from None


@bp.post("/<name>")
def calculate_from_fhir(name: str):
    run = CALCULATORS.get(name)
    if run is None:
        return _json({"errors": {"path": f"unknown calculator {name!r}"}}, 404)
    if request.mimetype not in MEDIA_TYPES:
        return _json({"errors": {"request": str(_l("Send a FHIR R4 Bundle as application/fhir+json or "
                                                   "application/json."))}}, 415)
    messages = {"lang": g.lang_error} if "lang_error" in g else {}
    try:
        reading = read_bundle(parse_body(request.get_data(cache=False)), today(), name)
    except InvalidInput as invalid:
        return _json({"errors": _translated({**invalid.errors, **messages})}, 422)
    query = {key: value for key, value in request.args.items() if key != "lang"}
    read = reading.as_dict()
    report = localised({"fhir_used": read["used"], "fhir_ignored": read["ignored"], "fhir_stale": read["stale"]})
    conflicts = {field: str(_l("The lab file gives %(value)s here.", value=value))
                 for field, value in reading.values.items()
                 if not is_blank(query.get(field)) and query[field].strip(WHITESPACE) != value}
    try:
        result = run({**query, **reading.values})
    except InvalidInput as invalid:
        messages = {**invalid.errors, **messages}
    errors = {**_translated(messages), **conflicts}
    if errors:
        return _json({"errors": errors, **report}, 422)
    return _json({**localised(result.as_dict()), **report})


def _translated(messages: dict) -> dict[str, str]:
    return {field: translate(message) for field, message in messages.items()}


def init_app(app: Flask) -> None:
    """Pages whose calculator reads lab values show the lab-file control (templates/_fhir_import.html)."""
    app.jinja_env.globals["fhir_fills"] = FILLS
