"""Reading query parameters: strict formats, one Message per bad field, all fields checked.

The rules are written to be repeated exactly by the browser mirror: ASCII digits
only, an explicit whitespace set, no locale guessing beyond "," or "." as the
decimal separator.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from typing import Mapping

from .limits import DATES, Range
from .messages import N_, Message, msg

MAX_CHARS = 32  # counted in code points (the mirror counts [...text].length, not UTF-16 units)
# Spaces, tabs, line breaks, and the no-break spaces French keyboards and copy-paste produce.
WHITESPACE = " \t\r\n\u00a0\u202f"

_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")
# "1,500": 1.5 with three decimals, or 1500 with a thousands separator?
_GROUPED = re.compile(r"[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TRUE = ("true", "on", "1")
_FALSE = ("false", "0", "")

REQUIRED = N_("This field is required.")
TOO_LONG = N_("Enter at most %(max)s characters.")
NOT_A_NUMBER = N_("Enter a number, for example 12.5 or 12,5.")
AMBIGUOUS_NUMBER = N_("Enter the number without a thousands separator (for example 1500 or 1.25).")
NOT_A_DATE = N_("Enter a valid date as YYYY-MM-DD.")
NOT_A_BOOLEAN = N_("Enter true or false.")
NOT_A_CHOICE = N_("Choose one of: %(choices)s.")


class FieldError(ValueError):
    """One field's problem, as the Message to show next to it."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.msgid)
        self.message = message


class InvalidInput(Exception):
    """Every field error of one request, keyed by query parameter name."""

    def __init__(self, errors: Mapping[str, Message]) -> None:
        super().__init__(", ".join(errors))
        self.errors: dict[str, Message] = dict(errors)


def _clean(text: str | None) -> str:
    """Trimmed text; raises when too long (checked before trimming, so the work stays bounded)."""
    if text is None:
        return ""
    if len(text) > MAX_CHARS:
        raise FieldError(msg(TOO_LONG, max=MAX_CHARS))
    return text.strip(WHITESPACE)


def is_blank(text: str | None) -> bool:
    return text is None or text.strip(WHITESPACE) == ""


def parse_decimal(text: str | None, bounds: Range | None = None) -> float:
    """A typed decimal, "0,9" or "0.9", checked against bounds when given.

    A sign is accepted so that "-3" gets the range message, not "not a number".
    Exponents, NaN, infinities and grouping are refused. The value is
    float(text with "," replaced by ".") + 0.0 (the addition turns -0 into 0).
    A value such as "1,500" is refused as ambiguous when its reading as a
    grouped integer (1500) would also be within bounds: a silent factor of
    1000 is worse than asking again. "1.243" mg/dL is accepted (1243 is out of range).
    """
    body = _clean(text)
    if body == "":
        raise FieldError(msg(REQUIRED))
    if not _DECIMAL.fullmatch(body):
        raise FieldError(msg(NOT_A_NUMBER))
    if bounds is not None and _GROUPED.fullmatch(body):
        if bounds.contains(float(body.replace(",", "").replace(".", ""))):
            raise FieldError(msg(AMBIGUOUS_NUMBER))
    value = float(body.replace(",", ".")) + 0.0
    if bounds is not None and not bounds.contains(value):
        raise FieldError(bounds.message())
    return value


def parse_date(text: str | None) -> dt.date:
    """An ISO calendar date YYYY-MM-DD within the app's date range."""
    body = _clean(text)
    if body == "":
        raise FieldError(msg(REQUIRED))
    if not _ISO_DATE.fullmatch(body):
        raise FieldError(msg(NOT_A_DATE))
    try:
        value = dt.date.fromisoformat(body)
    except ValueError:
        raise FieldError(msg(NOT_A_DATE)) from None
    if not DATES.contains(value):
        raise FieldError(DATES.message())
    return value


def parse_bool(text: str | None) -> bool:
    """A checkbox: "true"/"on"/"1" are true; "false"/"0", empty or absent are false."""
    body = _clean(text).lower()
    if body in _TRUE:
        return True
    if body in _FALSE:
        return False
    raise FieldError(msg(NOT_A_BOOLEAN))


def parse_choice(text: str | None, choices: tuple[str, ...], default: str | None = None) -> str:
    """One of choices, exactly as spelt; blank gives default (required when there is none)."""
    body = _clean(text)
    if body == "":
        if default is None:
            raise FieldError(msg(REQUIRED))
        return default
    if body not in choices:
        raise FieldError(msg(NOT_A_CHOICE, choices=", ".join(choices)))
    return body


class Fields:
    """One request's parameters, read field by field with every error kept.

    A getter that meets a bad value records its message and returns a
    placeholder (NaN, the first allowed date, ""), so that all fields get
    checked in one pass; call `check()` before using any value.
    """

    def __init__(self, params: Mapping[str, str]) -> None:
        self._params = params
        self.errors: dict[str, Message] = {}

    def given(self, name: str) -> bool:
        return not is_blank(self._params.get(name))

    def number(self, name: str, bounds: Range | None) -> float:
        try:
            return parse_decimal(self._params.get(name), bounds)
        except FieldError as error:
            self.reject(name, error.message)
            return math.nan

    def optional_number(self, name: str, bounds: Range | None) -> float | None:
        return self.number(name, bounds) if self.given(name) else None

    def date(self, name: str) -> dt.date:
        try:
            return parse_date(self._params.get(name))
        except FieldError as error:
            self.reject(name, error.message)
            return DATES.min

    def optional_date(self, name: str) -> dt.date | None:
        return self.date(name) if self.given(name) else None

    def flag(self, name: str) -> bool:
        try:
            return parse_bool(self._params.get(name))
        except FieldError as error:
            self.reject(name, error.message)
            return False

    def choice(self, name: str, choices: tuple[str, ...], default: str | None = None) -> str:
        try:
            return parse_choice(self._params.get(name), choices, default)
        except FieldError as error:
            self.reject(name, error.message)
            return ""

    def reject(self, name: str, message: Message) -> None:
        """Record a field's error; the first one found for a field is kept."""
        self.errors.setdefault(name, message)

    def ok(self, *names: str) -> bool:
        """True when none of these fields has an error (guards cross-field checks)."""
        return not any(name in self.errors for name in names)

    def check(self) -> None:
        if self.errors:
            raise InvalidInput(self.errors)
