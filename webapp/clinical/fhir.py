"""Lab values from a FHIR R4 Bundle (or one Observation or Patient) to a calculator's fields.

Transcription is where lab values go wrong, and public code maps mislabel some LOINC codes, so an
Observation is matched on its LOINC code AND its UCUM unit, never on its display text; anything else is
listed with the reason it was not used, never guessed. Several values for one field: the newest is used,
the others listed; one older than 30 days is flagged. The values come out as the query strings a form
would send, so the calculator checks them exactly as if they were typed. The browser mirror
(static/js/clinical/fhir.mjs) gives the same reading.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from . import corrected_calcium, renal
from .messages import N_, Message, msg
from .parse import InvalidInput
from .result import to_jsonable

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
STALE_AFTER_DAYS = 30  # a value older than this is flagged
STATUSES = ("final", "amended", "corrected")  # a preliminary or cancelled result is not used

CREATININE = "creatinine"
VITAMIN_D = "vitamin_d"
CALCIUM = "calcium"
ALBUMIN = "albumin"
WEIGHT = "weight"
HEIGHT = "height"
SEX = "sex"
AGE = "age"

# (LOINC code, UCUM unit, measure): the only pairs read. Creatinine, vitamin D and calcium keep their unit;
# albumin's unit says which calcium unit it goes with (g/L with mmol/L, g/dL with mg/dL).
MATCHES = (
    ("14682-9", "umol/L", CREATININE),
    ("2160-0", "mg/dL", CREATININE),
    ("62292-8", "nmol/L", VITAMIN_D),
    ("1989-3", "ng/mL", VITAMIN_D),
    ("17861-6", "mg/dL", CALCIUM),
    ("2000-8", "mmol/L", CALCIUM),
    ("1751-7", "g/dL", ALBUMIN),
    ("1751-7", "g/L", ALBUMIN),
    ("61151-7", "g/dL", ALBUMIN),
    ("61151-7", "g/L", ALBUMIN),
    ("29463-7", "kg", WEIGHT),
    ("8302-2", "cm", HEIGHT),
)
ALBUMIN_CALCIUM_UNIT = {albumin: calcium for calcium, albumin in corrected_calcium.ALBUMIN_UNITS.items()}
# Per calculator, in the order they are filled: measure → [field, its unit field or None].
_CLEARANCE = {CREATININE: ("creatinine", "unit"), WEIGHT: ("weight", None), HEIGHT: ("height", None),
              SEX: ("sex", None), AGE: ("age", None)}
FILLS = {
    "vitamin-d": {VITAMIN_D: ("level", "unit")},
    "schedule": {VITAMIN_D: ("vitamin_d", "unit")},
    "corrected-calcium": {CALCIUM: ("calcium", "unit"), ALBUMIN: ("albumin", "unit")},
    "creatinine-clearance": _CLEARANCE,
    "zoledronic-acid": _CLEARANCE,
}
# Values printed as JSON prints them in both languages (no exponent) only in this range; no lab value is outside.
PLAIN_FROM = 0.0001
PLAIN_BELOW = 1e15

_DATE_TIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?(Z|[+-][0-9]{2}:[0-9]{2}))?"
)
_FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

NOT_FHIR = N_("This is not a FHIR R4 Bundle, Observation or Patient in JSON.")
SEVERAL_PATIENTS = N_("The file holds more than one patient: nothing is read from it.")
NOT_READ = N_("Only Observations and the Patient are read.")
NOT_FINAL = N_("Result status “%(status)s”: only final, amended or corrected results are used.")
NO_LOINC = N_("No LOINC code.")
UNKNOWN_CODE = N_("LOINC %(code)s is not one this app reads.")
NO_QUANTITY = N_("No numeric value (valueQuantity).")
BOUND = N_("The value is a bound (%(comparator)s), not a measurement.")
NOT_UCUM = N_("The unit is not a UCUM code.")
WRONG_UNIT = N_("Unit “%(unit)s” does not go with LOINC %(code)s (expected: %(expected)s).")
IMPLAUSIBLE = N_("The value is not a plausible measurement.")
UNDATED = N_("No complete date (effectiveDateTime): its age cannot be checked.")
FUTURE = N_("Dated after today.")
NOT_HERE = N_("Not used by this calculator.")
OLDER = N_("The file has a newer value (%(date)s).")
SAME_TIME = N_("Two different values at the same time: neither is used.")
UNIT_CONFLICT = N_("Its unit (%(unit)s) does not go with the unit of LOINC %(other)s (%(other_unit)s).")
NO_SEX = N_("Gender “%(gender)s”: the formulas need male or female.")
NO_BIRTH_DATE = N_("No complete birth date.")


@dataclass(frozen=True)
class Used:
    """One value filled in, with what it was read from, shown before it is used."""

    resource: str  # "Observation/cr1", or "Observation #3" (its place in the file) without an id
    code: str  # the LOINC code, or the Patient element ("gender", "birthDate")
    field: str
    value: str  # as the form receives it
    unit: str | None  # the UCUM unit as written in the file
    date: str | None  # the date of the measurement (of the creatinine, for the age)


@dataclass(frozen=True)
class Ignored:
    resource: str
    code: str | None
    value: str | None
    unit: str | None
    date: str | None
    reason: Message


@dataclass(frozen=True)
class Stale:
    field: str
    date: str
    days: int


@dataclass(frozen=True)
class FhirReading:
    values: dict  # field → query string value
    used: tuple[Used, ...]
    ignored: tuple[Ignored, ...]
    stale: tuple[Stale, ...]

    def as_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


@dataclass(frozen=True)
class _Candidate:
    position: int
    measure: str
    used: Used
    instant: int  # milliseconds since 1970-01-01T00:00Z: orders values across time zones


def _text(value: Any) -> str:
    """A string element as written; anything else (malformed) as ""."""
    return value if isinstance(value, str) else ""


def _label(resource: dict, position: int) -> str:
    kind = _text(resource.get("resourceType"))
    ident = resource.get("id")
    return f"{kind}/{ident}" if isinstance(ident, str) and ident else f"{kind} #{position + 1}"


def _days(year: int, month: int, day: int) -> int:
    return dt.date(year, month, day).toordinal() - dt.date(1970, 1, 1).toordinal()


def parse_date_time(text: Any) -> tuple[str, int] | None:
    """A complete FHIR dateTime → (its date as written, its instant in ms); None when partial or invalid.

    A date without a time counts as midnight UTC.
    """
    match = _DATE_TIME.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        days = _days(int(year), int(month), int(day))
    except ValueError:
        return None
    if hour is None:
        return text[:10], days * 86_400_000
    offset = 0
    if zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        offset = sign * (int(zone[1:3]) * 60 + int(zone[4:6]))
        if int(zone[1:3]) > 14 or int(zone[4:6]) > 59:
            return None
    if int(hour) > 23 or int(minute) > 59 or int(second) > 59:
        return None
    millis = int((fraction or "").ljust(3, "0")[:3])
    seconds = (int(hour) * 60 + int(minute) - offset) * 60 + int(second)
    return text[:10], days * 86_400_000 + seconds * 1000 + millis


def number_text(value: float | int) -> str:
    """A JSON number as the browser's String(number) prints it, within [PLAIN_FROM, PLAIN_BELOW)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _quantity(resource: dict) -> tuple[str | None, str | None, Message | None]:
    """(value text, UCUM unit, None) or (…, reason) from valueQuantity."""
    quantity = resource.get("valueQuantity")
    if not isinstance(quantity, dict):
        return None, None, msg(NO_QUANTITY)
    value = quantity.get("value")
    unit = quantity["code"] if "code" in quantity else quantity.get("unit")
    unit = unit if isinstance(unit, str) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None, unit, msg(NO_QUANTITY)
    if value != 0 and not PLAIN_FROM <= abs(value) < PLAIN_BELOW:
        return None, unit, msg(IMPLAUSIBLE)
    text = number_text(value)
    comparator = quantity.get("comparator")
    if comparator is not None:
        return text, unit, msg(BOUND, comparator=_text(comparator))
    if quantity.get("system", UCUM) != UCUM or unit is None:
        return text, unit, msg(NOT_UCUM)
    return text, unit, None


def _observation(resource: dict, position: int, today: dt.date, fills: dict) -> _Candidate | Ignored:
    label = _label(resource, position)
    codings = resource.get("code", {}).get("coding") if isinstance(resource.get("code"), dict) else None
    loinc = [c.get("code") for c in codings if isinstance(c, dict) and c.get("system") == LOINC
             and isinstance(c.get("code"), str)] if isinstance(codings, list) else []
    known = [code for code in loinc if any(code == row[0] for row in MATCHES)]
    code = known[0] if known else loinc[0] if loinc else None
    when = parse_date_time(resource.get("effectiveDateTime"))
    date = None if when is None else when[0]
    value, unit, reason = _quantity(resource)

    def ignored(why: Message) -> Ignored:
        return Ignored(label, code, value, unit, date, why)

    status = resource.get("status")
    if status not in STATUSES:
        return ignored(msg(NOT_FINAL, status=_text(status)))
    if code is None:
        return ignored(msg(NO_LOINC))
    if not known:
        return ignored(msg(UNKNOWN_CODE, code=code))
    if reason is not None:
        return ignored(reason)
    measure = next((row[2] for row in MATCHES if row[0] == code and row[1] == unit), None)
    if measure is None:
        expected = ", ".join(row[1] for row in MATCHES if row[0] == code)
        return ignored(msg(WRONG_UNIT, unit=unit, code=code, expected=expected))
    if when is None:
        return ignored(msg(UNDATED))
    if date > today.isoformat():
        return ignored(msg(FUTURE))
    if measure not in fills:
        return ignored(msg(NOT_HERE))
    return _Candidate(position, measure, Used(label, code, fills[measure][0], value, unit, date), when[1])


def _unit_value(measure: str, unit: str) -> str:
    return ALBUMIN_CALCIUM_UNIT[unit] if measure == ALBUMIN else unit


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _resources(resource: Any) -> list[Any]:
    if not isinstance(resource, dict) or resource.get("resourceType") not in ("Bundle", "Observation", "Patient"):
        raise InvalidInput({"bundle": msg(NOT_FHIR)})
    if resource["resourceType"] != "Bundle":
        return [resource]
    entries = resource.get("entry", [])
    if not isinstance(entries, list):
        raise InvalidInput({"bundle": msg(NOT_FHIR)})
    return [entry.get("resource") if isinstance(entry, dict) else None for entry in entries]


def read_bundle(resource: Any, today: dt.date, calculator: str) -> FhirReading:
    """What `calculator`'s form gets from the file; raises InvalidInput ({"bundle": …}) when it is not FHIR.

    The age is counted in whole years at the date of the creatinine used (today without one).
    """
    fills = FILLS.get(calculator, {})
    resources = _resources(resource)
    ignored: list[tuple[int, Ignored]] = []
    patients = [(i, r) for i, r in enumerate(resources) if isinstance(r, dict) and r.get("resourceType") == "Patient"]
    if len(patients) > 1:
        return FhirReading({}, (), tuple(Ignored(_label(r, i) if isinstance(r, dict) else f"#{i + 1}", None, None,
                                                 None, None, msg(SEVERAL_PATIENTS))
                                         for i, r in enumerate(resources)), ())
    candidates: list[_Candidate] = []
    for position, item in enumerate(resources):
        if not isinstance(item, dict) or item.get("resourceType") not in ("Observation", "Patient"):
            label = _label(item, position) if isinstance(item, dict) else f"#{position + 1}"
            ignored.append((position, Ignored(label, None, None, None, None, msg(NOT_READ))))
        elif item["resourceType"] == "Observation":
            found = _observation(item, position, today, fills)
            if isinstance(found, Ignored):
                ignored.append((position, found))
            else:
                candidates.append(found)
    chosen: dict[str, _Candidate] = {}
    for measure in fills:
        group = [c for c in candidates if c.measure == measure]
        if not group:
            continue
        newest = max(c.instant for c in group)
        latest = [c for c in group if c.instant == newest]
        tie = any((c.used.value, c.used.unit) != (latest[0].used.value, latest[0].used.unit) for c in latest)
        for candidate in group:
            if tie and candidate.instant == newest:
                ignored.append((candidate.position, _ignore(candidate, msg(SAME_TIME))))
            elif candidate is not latest[0]:
                ignored.append((candidate.position, _ignore(candidate, msg(OLDER, date=latest[0].used.date))))
        if not tie:
            chosen[measure] = latest[0]
    values: dict[str, str] = {}
    used: list[Used] = []
    units: dict[str, tuple[str, str]] = {}  # unit field → (its value, the measure that set it)
    for measure, (field, unit_field) in fills.items():
        candidate = chosen.get(measure)
        if candidate is None:
            continue
        if unit_field is not None:
            unit_value = _unit_value(measure, candidate.used.unit)
            if unit_field in units and units[unit_field][0] != unit_value:
                other = chosen[units[unit_field][1]].used
                ignored.append((candidate.position, _ignore(candidate, msg(
                    UNIT_CONFLICT, unit=candidate.used.unit, other=other.code, other_unit=other.unit))))
                continue
            units[unit_field] = (unit_value, measure)
            values[unit_field] = unit_value
        values[field] = candidate.used.value
        used.append(candidate.used)
    if patients:
        position, patient = patients[0]
        creatinine = chosen.get(CREATININE)
        on = today if creatinine is None else dt.date.fromisoformat(creatinine.used.date)
        for found in _patient(patient, position, on, fills):
            if isinstance(found, Used):
                values[found.field] = found.value
                used.append(found)
            else:
                ignored.append((position, found))
    stale = tuple(Stale(u.field, u.date, days) for u in used if u.code not in ("gender", "birthDate")
                  and (days := (today - dt.date.fromisoformat(u.date)).days) > STALE_AFTER_DAYS)
    return FhirReading(values, tuple(used), tuple(entry for _, entry in sorted(ignored, key=lambda e: e[0])), stale)


def _ignore(candidate: _Candidate, reason: Message) -> Ignored:
    u = candidate.used
    return Ignored(u.resource, u.code, u.value, u.unit, u.date, reason)


def _patient(patient: dict, position: int, on: dt.date, fills: dict) -> list[Used | Ignored]:
    """The sex (male or female only) and the age at `on`, from gender and birthDate."""
    label = _label(patient, position)
    out: list[Used | Ignored] = []
    gender = patient.get("gender")
    if gender is not None:
        text = _text(gender)
        if SEX not in fills:
            out.append(Ignored(label, "gender", text, None, None, msg(NOT_HERE)))
        elif text not in renal.SEXES:
            out.append(Ignored(label, "gender", text, None, None, msg(NO_SEX, gender=text)))
        else:
            out.append(Used(label, "gender", fills[SEX][0], text, None, None))
    birth = patient.get("birthDate")
    if birth is not None:
        text = _text(birth)
        try:
            born = dt.date.fromisoformat(text) if _FULL_DATE.fullmatch(text) else None
        except ValueError:
            born = None
        if AGE not in fills:
            out.append(Ignored(label, "birthDate", text, None, None, msg(NOT_HERE)))
        elif born is None or born > on:
            out.append(Ignored(label, "birthDate", text, None, None, msg(NO_BIRTH_DATE)))
        else:
            out.append(Used(label, "birthDate", fills[AGE][0], str(_age(born, on)), None, on.isoformat()))
    return out
