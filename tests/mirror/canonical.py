"""Python results in the canonical JSON form the browser mirror (static/js/clinical/) returns.

Message → {"msgid", "params": {name: value}}; Source → its as_dict(); dates → ISO strings;
dataclasses → dicts of their fields; tuples → lists; None → null; compiled regexes → their pattern.
`outcome()` runs one calculator the way the mirror's `run()` answers: {"result": …} or {"errors": …}.
`first_difference()` compares two canonical values exactly (floats bit for bit, bools never equal numbers).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from typing import Any, Callable, Mapping

from webapp.clinical.messages import Message
from webapp.clinical.parse import InvalidInput
from webapp.clinical.rules import RULES_DATE, RULES_VERSION
from webapp.clinical.sources import Source


_FIELDS: dict[type, tuple[str, ...]] = {}


def canonical(value: Any) -> Any:
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if kind is Message:
        return {"msgid": value.msgid, "params": {name: canonical(v) for name, v in value.params}}
    if kind is Source:
        return value.as_dict()
    if kind is list or kind is tuple:
        return [canonical(item) for item in value]
    if kind is dict:
        return {str(key): canonical(item) for key, item in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, re.Pattern):
        return value.pattern
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS.get(kind)
        if names is None:
            names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
        return {name: canonical(getattr(value, name)) for name in names}
    if isinstance(value, (Message, Source, tuple, list, dict, str, int, float)):  # subclasses
        return canonical(_plain(value))
    raise TypeError(f"no canonical form for {kind.__name__}: {value!r}")


def _plain(value: Any) -> Any:
    for base in (Message, Source, tuple, list, dict, str, bool, int, float):
        if isinstance(value, base):
            return value if base in (Message, Source) else base(value)
    return value


def canonical_errors(errors: Mapping[str, Message]) -> dict[str, Any]:
    return {field: canonical(message) for field, message in errors.items()}


def outcome(run: Callable[[Mapping[str, str]], Any], params: Mapping[str, str]) -> dict[str, Any]:
    """{"result": canonical as_dict()} or {"errors": {field: canonical Message}}."""
    try:
        result = run(params)
    except InvalidInput as error:
        return {"errors": canonical_errors(error.errors)}
    return {"result": canonical(result.as_dict())}


def outcome_json(run: Callable[[Mapping[str, str]], Any], params: Mapping[str, str]) -> tuple[str, dict | None]:
    """outcome() as JSON text, and the field errors (None for a result): the same value as
    json.dumps(outcome(run, params)), several times faster. json.dumps walks the answer in C, asking
    _fields_or_canonical() only for what JSON has no form of: a dataclass (its fields, as result.as_dict()
    gives them, with the rule set it names), a message, a source, a date. That this is as_dict()'s
    canonical form is tested on every calculator (test_canonical). NaN and infinities, which JSON
    cannot spell, are tagged {"$number": "NaN"} as the mirror tags them."""
    try:
        result = run(params)
    except InvalidInput as error:
        errors = canonical_errors(error.errors)
        return json.dumps({"errors": errors}), errors
    answer = {"result": {**_fields_or_canonical(result), "rules": {"version": RULES_VERSION, "date": RULES_DATE}}}
    try:
        return json.dumps(answer, default=_fields_or_canonical, allow_nan=False), None
    except ValueError:
        return json.dumps(_tagged(canonical(answer))), None


def _fields_or_canonical(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, (type, Message, Source)):
        names = _FIELDS.get(type(value))
        if names is None:
            names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
        return {name: getattr(value, name) for name in names}
    return canonical(value)


def _tagged(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return {"$number": str(value).replace("nan", "NaN").replace("inf", "Infinity")}
    if isinstance(value, dict):
        return {key: _tagged(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_tagged(item) for item in value]
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _same_number(e: float, a: float) -> bool:
    e, a = float(e), float(a)
    if e != e and a != a:  # both NaN
        return True
    return e == a and math.copysign(1.0, e) == math.copysign(1.0, a)


def _difference(expected: Any, actual: Any) -> tuple[list[str], str] | None:
    """(path segments, description) of the first difference; segments are built only on failure."""
    if _is_number(expected) and _is_number(actual):
        return None if _same_number(expected, actual) else ([], f"{expected!r} (Python) != {actual!r} (JS)")
    if type(expected) is not type(actual):
        return [], f"{expected!r} (Python) != {actual!r} (JS)"
    if isinstance(expected, dict):
        if expected.keys() != actual.keys():
            return [], (f"keys {sorted(expected)} (Python) != {sorted(actual)} (JS); "
                        f"only Python: {sorted(set(expected) - set(actual))}, "
                        f"only JS: {sorted(set(actual) - set(expected))}")
        for key, value in expected.items():
            found = _difference(value, actual[key])
            if found:
                found[0].append(f".{key}")
                return found
        return None
    if isinstance(expected, list):
        for index, (e, a) in enumerate(zip(expected, actual)):
            found = _difference(e, a)
            if found:
                found[0].append(f"[{index}]")
                return found
        if len(expected) != len(actual):
            return [], f"length {len(expected)} (Python) != {len(actual)} (JS)"
        return None
    if expected != actual:
        return [], f"{expected!r} (Python) != {actual!r} (JS)"
    return None


def first_difference(expected: Any, actual: Any, path: str = "$") -> str | None:
    """The first path where the two canonical values differ, with both values; None when equal.

    Numbers compare by exact value (an int equals the float of the same value, as in JSON);
    -0.0 differs from 0.0, NaN equals NaN; a bool never equals a number; dict key order is ignored.
    """
    found = _difference(expected, actual)
    if found is None:
        return None
    segments, description = found
    return f"{path}{''.join(reversed(segments))}: {description}"
