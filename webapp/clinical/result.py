"""JSON-ready views of result dataclasses, the same for every calculator.

Field names are the API's JSON names. Messages stay Message objects (the app
translates them), Sources become their dict form, dates ISO strings, tuples lists;
floats are left unrounded.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from .messages import Message
from .rules import RULES_DATE, RULES_VERSION
from .sources import Source


def to_jsonable(value: Any) -> Any:
    if isinstance(value, Message):
        return value
    if isinstance(value, Source):
        return value.as_dict()
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: to_jsonable(getattr(value, field.name)) for field in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [to_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: to_jsonable(item) for key, item in value.items()}
    return value


class Result:
    """Mixin for calculator results: `as_dict()` is the JSON API body.

    Every result has an `inputs` field: the parsed values it used, numbers as numbers, with unit keys, so
    that each answer restates what it was computed from (safety rules §11.2), and names the rule set that
    computed it (`rules`), so that a stored or copied answer can be traced to its rules.
    """

    def as_dict(self) -> dict[str, Any]:
        return {**to_jsonable(self), "rules": {"version": RULES_VERSION, "date": RULES_DATE}}
