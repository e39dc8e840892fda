"""Numbers and dates per locale, written so that the browser mirror can match them exactly.

Babel supplies the locale data (symbols, month and day names, date patterns); the
formatting itself is a few lines that `static/js/format.mjs` repeats token for token,
so the offline site prints the same characters as the server.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache

from babel import Locale

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

_TOKEN = re.compile(r"'[^']*'|EEEE|MMMM|MMM|dd|d|y+|[^'EMdy]+")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# The CLDR locale each language formats with: English dates are British, day first with the month's name
# ("1 December 2026"), where Babel's "en" is American ("December 1, 2026"). Numbers are the same in both.
_CLDR_LOCALE = {"fr": "fr", "en": "en_GB"}
# Where the app departs from its CLDR locale: no comma after the weekday ("Tuesday 1 December 2026"), as
# British clinical letters and the French date ("mardi 1er décembre 2026") write it.
_DATE_PATTERNS = {"en": {"full": "EEEE d MMMM y"}}


@cache
def locale_data(lang: str) -> dict:
    """The slice of CLDR the app formats with; also sent to the browser as JSON."""
    loc = Locale.parse(_CLDR_LOCALE[lang])
    symbols = loc.number_symbols["latn"]
    return {
        "lang": lang,
        "decimal": symbols["decimal"],
        "group": symbols["group"],
        "months": [loc.months["format"]["wide"][m] for m in range(1, 13)],
        "months_short": [loc.months["format"]["abbreviated"][m] for m in range(1, 13)],
        "weekdays": [loc.days["format"]["wide"][d] for d in range(7)],  # Monday first
        "date_patterns": {
            style: _DATE_PATTERNS.get(lang, {}).get(style, loc.date_formats[style].pattern)
            for style in ("medium", "long", "full")
        },
    }


def format_number(value: float, lang: str, decimals: int = 0) -> str:
    """Fixed decimals, halves rounded up on the exact binary value, thousands grouped.

    Rounding half up on the exact value is what JavaScript's `toFixed` does for
    positive numbers, so the sign is handled apart.
    """
    data = locale_data(lang)
    quantum = Decimal(1).scaleb(-decimals)
    digits = str(Decimal(abs(value)).quantize(quantum, rounding=ROUND_HALF_UP))
    whole, _, fraction = digits.partition(".")
    grouped = ""
    while len(whole) > 3:
        grouped = data["group"] + whole[-3:] + grouped
        whole = whole[:-3]
    text = whole + grouped + (data["decimal"] + fraction if fraction else "")
    is_zero = not any(c in "123456789" for c in digits)
    return ("-" if value < 0 and not is_zero else "") + text


def written_decimals(value: float) -> int:
    """Enough decimals to show a value as written (0.2 mg/dL, 1 250 nmol/L, an age of 85), at most 4."""
    for places in range(4):
        if abs(value * 10**places - round(value * 10**places)) < 1e-9:
            return places
    return 4


# French typography, applied to every translated text when it is rendered (never by hand in a msgstr):
# a narrow no-break space before ; ! ?, a no-break space before : and inside « », and a no-break space
# between a number (or a number's placeholder) and its unit, and after "n°". static/js/format.mjs repeats it.
_UNITS = "mg|g|kg|mL|µmol|mmol|ng|nmol|UI|cm|mois|jours|ans|semaines|%"
_FRENCH = tuple((re.compile(pattern), repl) for pattern, repl in (
    ("«[ \u00a0]?", "«\u00a0"),
    ("[ \u00a0]?»", "\u00a0»"),
    (" ([;!?])", "\u202f\\1"),
    (" :", "\u00a0:"),
    ("([A-Za-zÀ-ÿ0-9)\\]%])([;!?])(?= |$)", "\\1\u202f\\2"),
    ("([A-Za-zÀ-ÿ0-9)\\]%]):(?= |$)", "\\1\u00a0:"),
    ("(\\d) (?=[A-Za-zÀ-ÿµ%])", "\\1\u00a0"),
    (f"(%\\([a-z_]+\\)s) (?=(?:{_UNITS})(?![A-Za-zÀ-ÿ]))", "\\1\u00a0"),
    ("([nN]°) ", "\\1\u00a0"),
))


def typeset(text: str, lang: str) -> str:
    """The text with the language's typography (French only; English is left as written)."""
    if lang != "fr":
        return text
    # A page prints the same few hundred texts (the catalog's, the formatted values) on every request: short
    # plain strings are typeset once. Longer ones (an echoed answer) and str subclasses are done each time.
    if type(text) is str and len(text) <= _KEEP_CHARS:
        return _french_kept(text)
    return _french(text)


_KEEP_CHARS = 1000


def _french(text: str) -> str:
    for pattern, repl in _FRENCH:
        text = pattern.sub(repl, text)
    return text


_french_kept = lru_cache(maxsize=8192)(_french)


def format_date(day: dt.date, lang: str, style: str = "long") -> str:
    """A date in the locale's medium, long or full pattern: "1 Dec 2026", "1 December 2026",
    "Tuesday 1 December 2026"; "1 déc. 2026", "1er décembre 2026", "mardi 1er décembre 2026"."""
    data = locale_data(lang)
    out = []
    for token in _TOKEN.findall(data["date_patterns"][style]):
        if token == "EEEE":
            out.append(data["weekdays"][day.weekday()])
        elif token == "MMMM":
            out.append(data["months"][day.month - 1])
        elif token == "MMM":
            out.append(data["months_short"][day.month - 1])
        elif token == "dd":
            out.append(f"{day.day:02d}")
        elif token == "d":
            out.append(str(day.day) + ("er" if lang == "fr" and day.day == 1 else ""))  # "1er décembre"
        elif token.startswith("y"):
            out.append(str(day.year))
        elif token.startswith("'"):
            out.append(token[1:-1] or "'")
        else:
            out.append(token)
    return "".join(out)
