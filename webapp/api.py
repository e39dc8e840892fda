"""The JSON API: the clinical core over GET, messages in the language asked for.

Bad input answers 422 with {"errors": {field: message}}; the core's field names are the
query parameter names, so a form and the API report the same field.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, g, request

from .clinical import CALCULATORS
from .clinical.messages import Message
from .clinical.parse import FieldError, InvalidInput, parse_choice
from .formatting import DEFAULT_LANGUAGE, LANGUAGES
from .i18n import set_language, translate

bp = Blueprint("api", __name__, url_prefix="/api/v1")

OPENAPI = Path(__file__).with_name("openapi.json")


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")


def localised(value: Any) -> Any:
    """The result with every core Message replaced by its translated text."""
    if isinstance(value, Message):
        return translate(value)
    if isinstance(value, dict):
        return {key: localised(item) for key, item in value.items()}
    if isinstance(value, list):
        return [localised(item) for item in value]
    return value


@bp.before_request
def pick_language() -> None:
    """?lang= like any choice field: blank is the default, anything else unknown is an error (in French)."""
    try:
        set_language(parse_choice(request.args.get("lang"), LANGUAGES, DEFAULT_LANGUAGE))
    except FieldError as error:
        g.lang_error = error.message
        set_language(DEFAULT_LANGUAGE)


@bp.get("/<name>")
def calculate(name: str):
    run = CALCULATORS.get(name)
    if run is None:
        return _json({"errors": {"path": f"unknown calculator {name!r}"}}, 404)
    params = {key: value for key, value in request.args.items() if key != "lang"}
    errors = {"lang": g.lang_error} if "lang_error" in g else {}
    try:
        result = run(params)
    except InvalidInput as invalid:
        errors = {**invalid.errors, **errors}
    if errors:
        return _json({"errors": {field: translate(message) for field, message in errors.items()}}, 422)
    return _json(localised(result.as_dict()))


@bp.get("/openapi.json")
def openapi():
    return Response(OPENAPI.read_text(encoding="utf-8"), mimetype="application/json")
