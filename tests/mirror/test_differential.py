"""Differential test: the JS mirror against the Python core on random requests.

For every calculator, N_CASES requests (valid and invalid) are generated in Python
from a fixed seed: numbers on and around every threshold and range bound (also
1e-9 / 1e-10 off, the EPSILON scale), decimal commas, signs, padding with every
accepted whitespace, ambiguous "1,500", exponents, NaN, HTML, over-long text,
non-ASCII digits; calendar dates around month ends, leap days and the accepted
range; booleans in every accepted spelling and some refused ones; choices with
the wrong case or padding, or missing (units have no default). Schedule requests
always carry an explicit `today`, so that neither side reads the clock. Python's
CALCULATORS[name](params) gives the canonical outcome; the mirror runs the same
requests in Chromium, thousands per page.evaluate; both must be exactly equal
(floats bit for bit). Python's answers go to the page as JSON and are compared there;
only the cases the page calls different come back, to be judged and described by
Python's own comparison (canonical.first_difference).
"""
from __future__ import annotations

import calendar
import datetime as dt
import random
from decimal import Decimal
from typing import Callable

import pytest

from webapp.clinical import CALCULATORS
from webapp.clinical.dates import add_months

from .canonical import first_difference, outcome, outcome_json

N_CASES = 10_000
BATCH = 2_500
SEED = 20240229
MIN_SHARE = 0.15  # each calculator: at least this share of valid and of invalid outcomes

WHITESPACE = [" ", "\t", "\r", "\n", "\u00a0", "\u202f"]
JUNK = [
    "abc", "1e3", "1E3", "1e-3", "NaN", "nan", "inf", "Infinity", "-inf", "0x10", "1_000", "1 000", "1.2.3",
    "1,2,3", "--1", "+-1", "12a", "a12", "<b>12</b>", "<script>alert(1)</script>", "&#49;", "１２", "٣", "¹",
    "1٫5", "½", "∞", "-", "+", ".", ",", "'", "\"", "null", "undefined", "None", "true", "12 kg", "12%",
    "1,500", "1.500", "2.000", "+1,500", "-1.250", "999.999", "1000,000", "😀", "1😀", "\u200b1", "1\u2009",
    "x" * 33, "1" * 33, " " * 40, "1" * 32, "0" * 31 + "1", "9" * 32, " " * 31 + "5", "\u00a0" * 5,
    # Length is counted in code points, as Python's len(): 32 code points but 33 or 40 UTF-16 units.
    "😀" * 16, "😀" * 17, " " * 31 + "😀", "1" * 31 + "😀", "😀" * 8 + " " * 24, "😀" * 32, "😀" * 33,
]
BOOL_TRUE = ["true", "on", "1", "TRUE", "True", "On", "ON", "tRuE", " true", "on\u00a0", "\t1\n", "\u202fON"]
BOOL_FALSE = ["false", "0", "", "False", "FALSE", " ", "\t", "\u00a0", " false ", "0\r\n"]
BOOL_BAD = ["yes", "no", "2", "tru", "oui", "-1", "1.0", "truee", "off", "t", "f", "y" * 40, "<b>on</b>", "ⓞⓝ"]
ABSENT = object()


def padded(rng: random.Random, text: str) -> str:
    if rng.random() < 0.2:
        text = "".join(rng.choice(WHITESPACE) for _ in range(rng.randint(1, 3))) + text
    if rng.random() < 0.2:
        text += "".join(rng.choice(WHITESPACE) for _ in range(rng.randint(1, 3)))
    return text


def decimal_text(rng: random.Random, value: Decimal | float | int) -> str:
    """A typed spelling of value: "." or ",", maybe a sign or leading zeros, maybe padded."""
    text = format(Decimal(str(value)), "f") if not isinstance(value, Decimal) else format(value, "f")
    if "." in text and rng.random() < 0.4:
        text = text.replace(".", ",")
    roll = rng.random()
    if roll < 0.05 and not text.startswith("-"):
        text = "+" + text
    elif roll < 0.08 and "." not in text and "," not in text:
        text += rng.choice([".", ",", ".0", ",00"])
    elif roll < 0.10 and text.startswith("0") and len(text) > 1 and text[1] in ".,":
        text = text[1:]  # ".5"
    elif roll < 0.12:
        text = "0" + text if not text.startswith(("-", "+")) else text
    return padded(rng, text)


class Gen:
    """Field value generators; each returns a string or ABSENT. `bad` is the chance of a deliberately wrong value."""

    def __init__(self, rng: random.Random, bad: float) -> None:
        self.rng, self.bad = rng, bad

    def junk(self) -> str:
        rng = self.rng
        if rng.random() < 0.8:
            return rng.choice(JUNK)
        return "".join(rng.choice("0123456789.,+- e\u00a0aZ<>&;") for _ in range(rng.randint(1, 36)))

    def number(self, lo: float, hi: float, points: tuple[float, ...] = (), *, optional: bool = False):
        rng = self.rng
        if rng.random() < self.bad:
            return rng.choice([ABSENT, "", "  ", self.junk(), self.junk(),
                               decimal_text(rng, Decimal(str(lo)) - Decimal(rng.choice(["0.01", "1", "0.000001"]))),
                               decimal_text(rng, Decimal(str(hi)) + Decimal(rng.choice(["0.01", "1", "1000"]))),
                               decimal_text(rng, -abs(Decimal(rng.randint(1, 999)) / 10)), "1" + "0" * 30])
        if optional and rng.random() < 0.3:
            return rng.choice([ABSENT, "", " ", "\u00a0"])
        roll = rng.random()
        anchors = (lo, hi) + tuple(points)
        if roll < 0.45:
            base = Decimal(str(rng.choice(anchors)))
            delta = Decimal(rng.choice(["0", "0", "0.01", "-0.01", "0.1", "-0.1", "1", "-1", "0.000000001",
                                        "-0.000000001", "0.0000000001", "-0.0000000001", "0.05", "-0.05"]))
            value = base + delta
            if value < Decimal(str(lo)) and rng.random() < 0.8:
                value = Decimal(str(lo))
            if value > Decimal(str(hi)) and rng.random() < 0.8:
                value = Decimal(str(hi))
            return decimal_text(rng, value)
        places = rng.choice([0, 0, 1, 1, 2, 3])
        value = round(rng.uniform(lo, hi), places)
        return decimal_text(rng, Decimal(str(value)).quantize(Decimal(1).scaleb(-places)) if places else int(value))

    def date(self, *, optional: bool = False):
        rng = self.rng
        if rng.random() < self.bad:
            return rng.choice([ABSENT, "", "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31",
                               "0000-01-01", "2024-1-1", "20240101", "2024/01/31", "31/01/2024", "2024-01-31T00:00",
                               "1999-12-31", "2100-01-01", "1900-02-29", "9999-12-31", "２０２４-01-01", "2024-W01-1",
                               "+2024-01-01", "2024-01-3", "<i>2024-01-01</i>", self.junk()])
        if optional and rng.random() < 0.3:
            return rng.choice([ABSENT, "", "  "])
        roll = rng.random()
        if roll < 0.15:
            text = rng.choice(["2000-01-01", "2099-12-31", "2000-02-29", "2096-02-29", "2024-02-29", "2023-11-30",
                               "2024-11-30", "2023-12-31", "2024-01-31", "2024-08-31", "2099-10-31", "2097-12-31"])
        else:
            year = rng.randint(2000, 2099)
            month = rng.randint(1, 12)
            last = calendar.monthrange(year, month)[1]
            day = rng.choice([1, last, last - 1, 28, 29, 30, 31, rng.randint(1, last)])
            day = min(day, last)
            text = dt.date(year, month, day).isoformat()
        return padded(rng, text)

    def flag(self):
        rng = self.rng
        if rng.random() < self.bad:
            return rng.choice(BOOL_BAD)
        roll = rng.random()
        if roll < 0.15:
            return ABSENT
        return rng.choice(BOOL_TRUE if roll < 0.6 else BOOL_FALSE)

    def choice(self, choices: tuple[str, ...], *, blank: float):
        """`blank`: the chance of a blank or absent answer among the otherwise good ones (the default, if any)."""
        rng = self.rng
        if rng.random() < self.bad:
            return rng.choice([ABSENT, "", self.junk(), choices[0].upper(), choices[-1].title(), choices[0] + "s",
                               "µmol/L", "umol/l", "NG/ML", "mmol/l", "mois", "4W", "every_4_weeks", "Male",
                               "Actual", "over 3 months", "3_months"])
        if rng.random() < blank:
            return rng.choice([ABSENT, "", " "])
        return padded(rng, rng.choice(choices))


def build(fields: dict[str, object]) -> dict[str, str]:
    return {name: value for name, value in fields.items() if value is not ABSENT}


# ---- one generator per calculator --------------------------------------------------------------------------

VITAMIN_D_POINTS = {"ng/mL": (10, 20, 30, 70, 150, 0), "nmol/L": (25, 50, 75, 175, 375, 0)}
VITAMIN_D_MAX = {"ng/mL": 500, "nmol/L": 1250}
CREATININE = {"umol/L": (20, 2000, (44, 88, 124, 80, 100)), "mg/dL": (0.2, 25, (0.5, 1.0, 1.4, 0.9, 1.1))}
SERUM_CALCIUM = {"mmol/L": (0.5, 5, (2.2, 2.6, 3.0, 2.19, 2.61, 2.5)),
                 "mg/dL": (2, 20, (8.8, 10.4, 12, 8.79, 10.41, 9.5))}
ALBUMIN = {"mmol/L": (10, 60, (40, 30, 35.5, 45, 20)), "mg/dL": (1, 6, (4.0, 3.0, 3.55, 4.5, 2.0))}


def unit_key(g: Gen, unit_text, table: dict) -> str:
    """The unit a generated field will be read in, or a random one when it is missing or wrong."""
    unit = unit_text.strip(" \t\r\n\u00a0\u202f") if isinstance(unit_text, str) else ""
    return unit if unit in table else g.rng.choice(sorted(table))


def vitamin_d_level(g: Gen, unit_text, *, optional: bool):
    unit = unit_key(g, unit_text, VITAMIN_D_MAX)
    return g.number(0, VITAMIN_D_MAX[unit], VITAMIN_D_POINTS[unit], optional=optional)


def gen_vitamin_d(g: Gen) -> dict:
    unit = g.choice(("ng/mL", "nmol/L"), blank=0.05)
    return build({"unit": unit, "level": vitamin_d_level(g, unit, optional=False), "start": g.date(optional=True)})


FOODS = ("food_milk", "food_yogurt", "food_hard_cheese", "food_soft_cheese", "food_fromage_blanc",
         "food_water_hepar", "food_water_contrex", "food_tap_water")


def gen_calcium(g: Gen) -> dict:
    rng = g.rng
    fields = {"supplement_mg": g.number(0, 3000, (500, 1000, 1500, 0), optional=True)}
    roll = rng.random()
    if roll < 0.35:  # a corrected calcium, with its unit (or without: refused)
        unit = g.choice(("mmol/L", "mg/dL"), blank=0.05)
        lo, hi, points = SERUM_CALCIUM[unit_key(g, unit, SERUM_CALCIUM)]
        fields.update(calcium_unit=unit, corrected_calcium=g.number(lo, hi, points))
    elif roll < 0.45:  # a unit alone, or a blank value: no corrected calcium
        fields.update(calcium_unit=g.choice(("mmol/L", "mg/dL"), blank=0.3), corrected_calcium=rng.choice(["", " "]))
    mode = rng.random()
    if mode < 0.55:
        fields["dietary_mg"] = g.number(0, 5000, (1000, 1500, 500, 0, 999.99, 1500.01))
    if mode > 0.4:
        for name in rng.sample(FOODS, rng.randint(0, len(FOODS))):
            fields[name] = g.number(0, 20, (0, 1, 2, 0.5, 1.5), optional=True)
    if mode > 0.95 and rng.random() < 0.5:
        fields["dietary_mg"] = rng.choice(["", " ", "\u00a0" * 40])
    return build(fields)


HEIGHT_POINTS = (152.4, 160, 170, 180, 190, 150, 200)
BMI_POINTS = ("30", "29.99", "30.01", "18.5", "18.49", "18.51", "35", "45", "17", "25")


def cockcroft_gault_fields(g: Gen) -> dict:
    """Every Cockcroft–Gault field; a height about half the time, a weight basis (default actual) a third.
    With a height, the weight sometimes gives a BMI on or about 30 or 18.5 (then shown truncated)."""
    rng = g.rng
    unit = g.choice(("umol/L", "mg/dL"), blank=0.05)
    lo, hi, points = CREATININE[unit_key(g, unit, CREATININE)]
    fields = {
        "unit": unit,
        "age": g.number(18, 120, (40, 65, 80, 100, 119.5)),
        "weight": g.number(25, 300, (50, 70, 100, 25.5)),
        "sex": g.choice(("male", "female"), blank=0.02),
        "creatinine": g.number(lo, hi, points),
    }
    if rng.random() < 0.5:
        fields["height"] = g.number(120, 230, HEIGHT_POINTS)
        height = rng.choice(HEIGHT_POINTS)
        if rng.random() < 0.4 and rng.random() >= g.bad:
            fields["height"] = decimal_text(rng, Decimal(str(height)))
            weight = Decimal(rng.choice(BMI_POINTS)) * (Decimal(str(height)) / 100) ** 2
            fields["weight"] = decimal_text(rng, weight.quantize(Decimal(rng.choice(["1", "0.1", "0.01"]))))
    if rng.random() < 0.35:
        fields["weight_basis"] = g.choice(("actual", "adjusted", "ideal"), blank=0.2)
    return fields


def gen_creatinine_clearance(g: Gen) -> dict:
    return build(cockcroft_gault_fields(g))


CRCL_POINTS = (30, 40, 50, 60, 29.99, 59.99, 60.01, 39.9, 49.9, 100, 1, 250)


def clearance_fields(g: Gen) -> dict:
    """A typed CrCl alone, Cockcroft–Gault alone, both (complete, or some fields only: the typed CrCl then
    decides and the given fields are still checked), or neither."""
    rng = g.rng
    roll = rng.random()
    fields: dict = {}
    if roll < 0.3:
        fields["crcl"] = g.number(1, 250, CRCL_POINTS)
    elif roll < 0.6:
        fields.update(cockcroft_gault_fields(g))
    elif roll < 0.85:
        fields.update(cockcroft_gault_fields(g))
        fields["crcl"] = g.number(1, 250, CRCL_POINTS)
    elif roll < 0.95:
        partial = cockcroft_gault_fields(g)
        fields.update({k: partial[k] for k in rng.sample(sorted(partial), rng.randint(1, 5))})
        fields["crcl"] = g.number(1, 250, CRCL_POINTS, optional=True)
    else:
        fields.update({k: v for k, v in cockcroft_gault_fields(g).items() if k in ("unit", "sex", "weight_basis")})
    return fields


def gen_zoledronic_acid(g: Gen) -> dict:
    return build(clearance_fields(g))


def gen_creatinine_check(g: Gen) -> dict:
    rng = g.rng
    unit = g.choice(("umol/L", "mg/dL"), blank=0.05)
    key = unit_key(g, unit, CREATININE)
    lo, hi, points = CREATININE[key]
    baseline = g.number(lo, hi, points)
    if rng.random() < 0.6 and rng.random() >= g.bad:
        # A current value exactly on a rule: + the threshold, or baseline × 1.1, ± one step of the last digit.
        step = Decimal("0.1") if key == "mg/dL" else Decimal("1")
        roll = rng.random()
        if roll < 0.3:
            base = Decimal(str(rng.choice(points)))
        elif roll < 0.4 and key == "mg/dL":
            # Baselines whose × 1.1 in doubles falls below the typed decimal (1.13 × 1.1 → 1.243): EPSILON matters.
            base = Decimal(rng.choice(["1.13", "2.26", "4.52", "9.04", "16.83", "18.08", "19.33"]))
        elif key == "mg/dL":
            base = Decimal(rng.randint(2, 2500)) / rng.choice([10, 100])
        else:
            base = Decimal(rng.randint(20, 4000)) / rng.choice([1, 1, 10])
        baseline = decimal_text(rng, base)
        increase = rng.choice([Decimal("0.5"), Decimal("1.0"), base * Decimal("0.1")] if key == "mg/dL"
                              else [Decimal(44), Decimal(88), base * Decimal("0.1")])
        current = base + increase + rng.choice([0, 0, 0, step / 10, -step / 10, step / 100, -step / 100])
        current_text = decimal_text(rng, current)
    else:
        current_text = g.number(lo, hi, points)
    return build({"unit": unit, "baseline": baseline, "current": current_text, "withheld": g.flag()})


def gen_denosumab_stop(g: Gen) -> dict:
    fields = {"last_injection": g.date()}
    if g.rng.random() < 0.8:
        fields.update(clearance_fields(g))
    return build(fields)


def gen_onj(g: Gen) -> dict:
    return build({
        "exposed_bone_weeks": g.number(0, 520, (8, 8.01, 7.99, 0, 52, 8.0000000001)),
        "antiresorptive": g.flag(),
        "craniofacial_irradiation": g.flag(),
    })


BEFORE_FIRST_DOSE_KEYS = (
    "vitamin_d_checked", "renal_function_known", "hypocalcaemia_excluded", "dental_assessment", "dental_care_completed",
    "calcium_planned", "concomitant_reviewed", "za_crcl_ok", "za_paracetamol_plan", "za_hydration_plan",
    "dmab_renal_warning_ack", "booklet_given",
)


EMERGENCY_WAIVABLE = ("vitamin_d_checked", "dental_assessment", "dental_care_completed")


def gen_before_first_dose(g: Gen) -> dict:
    """Random answers; or all done; or all done but some items an emergency waives (and maybe one it does not)."""
    rng = g.rng
    fields = {"agent": g.choice(("zoledronic_acid", "denosumab"), blank=0.02)}
    mode = rng.random()
    undone = set()
    if mode < 0.25:
        undone = set(rng.sample(EMERGENCY_WAIVABLE, rng.randint(1, 3)))
        if rng.random() < 0.3:
            undone.add(rng.choice([k for k in BEFORE_FIRST_DOSE_KEYS if k not in EMERGENCY_WAIVABLE]))
    for key in BEFORE_FIRST_DOSE_KEYS:
        if mode < 0.5 and rng.random() > g.bad:
            fields[key] = rng.choice(BOOL_FALSE) if key in undone else rng.choice(BOOL_TRUE)
        else:
            fields[key] = g.flag()
    fields["emergency"] = g.flag()
    return build(fields)


def gen_follow_up(g: Gen) -> dict:
    return build({"agent": g.choice(("zoledronic_acid", "denosumab"), blank=0.02),
                  "start": g.date(optional=True)})


def gen_when_to_start(g: Gen) -> dict:
    """life_expectancy (three answers, or blank: unknown), the older boolean, both (agreeing or not), or neither."""
    rng = g.rng
    fields = {name: g.flag() for name in ("bone_metastasis", "skeletal_event", "high_risk_lesions")}
    roll = rng.random()
    if roll < 0.75:
        fields["life_expectancy"] = g.choice(("over_3_months", "3_months_or_less", "unknown"), blank=0.15)
    if roll > 0.5:
        fields["life_expectancy_over_3_months"] = g.flag()
    return build(fields)


def gen_corrected_calcium(g: Gen) -> dict:
    unit = g.choice(("mmol/L", "mg/dL"), blank=0.05)
    key = unit_key(g, unit, SERUM_CALCIUM)
    lo, hi, points = SERUM_CALCIUM[key]
    albumin_lo, albumin_hi, albumin_points = ALBUMIN[key]
    return build({"unit": unit, "calcium": g.number(lo, hi, points),
                  "albumin": g.number(albumin_lo, albumin_hi, albumin_points)})


def near(rng: random.Random, start, offsets: list[int]):
    """An ISO date a chosen number of days from a valid `start`, padded; None when `start` is not a valid date."""
    try:
        first = dt.date.fromisoformat(start.strip(" \t\r\n\u00a0\u202f"))
        return padded(rng, (first + dt.timedelta(days=rng.choice(offsets))).isoformat())
    except (AttributeError, ValueError, OverflowError):
        return None


def plan_end(start) -> dt.date | None:
    try:
        return add_months(dt.date.fromisoformat(start.strip(" \t\r\n\u00a0\u202f")), 24)
    except (AttributeError, ValueError):
        return None


def gen_schedule(g: Gen) -> dict:
    """Always an explicit, non-blank `today` (a valid date near the start, or a refused one), so that the clock of
    neither side is read: before the start by about the loading's length (15 days a dose) or after it."""
    rng = g.rng
    unit = g.choice(("ng/mL", "nmol/L"), blank=0.05)
    start = g.date()
    fields = {
        "agent": g.choice(("zoledronic_acid", "denosumab"), blank=0.02),
        "start": start,
        "interval": g.choice(("4w", "monthly"), blank=0.02),
        "unit": unit,
        "vitamin_d": vitamin_d_level(g, unit, optional=True) if rng.random() < 0.7 else ABSENT,
        "crcl": g.number(1, 250, CRCL_POINTS, optional=True) if rng.random() < 0.6 else ABSENT,
        "stop": ABSENT,
    }
    today = None
    if rng.random() >= g.bad:
        today = near(rng, start, [-61, -60, -59, -46, -45, -44, -31, -30, -29, -16, -15, -14, -1, 0, 1, 10, 400, -400])
    if today is None:
        today = g.date()
        while today is ABSENT or today.strip(" \t\r\n\u00a0\u202f") == "":
            today = g.date()
    fields["today"] = today
    roll = rng.random()
    end = plan_end(start)
    if roll < 0.3:
        fields["stop"] = g.date(optional=True)
    elif roll < 0.5:  # a stop near the start: the same day, just before, or a few weeks / months later
        fields["stop"] = near(rng, start, [0, -1, 1, 27, 28, 29, 30, 31, 56, 90, 365, 700, 730, 731, 800]) or g.date()
    elif roll < 0.6 and end is not None:  # on the plan's last day, or just after it
        fields["stop"] = padded(rng, (end + dt.timedelta(days=rng.choice([0, 0, 1, -1, 2, 30]))).isoformat())
    return build(fields)


GENERATORS: dict[str, Callable[[Gen], dict]] = {
    "vitamin-d": gen_vitamin_d,
    "calcium": gen_calcium,
    "corrected-calcium": gen_corrected_calcium,
    "creatinine-clearance": gen_creatinine_clearance,
    "zoledronic-acid": gen_zoledronic_acid,
    "creatinine-check": gen_creatinine_check,
    "denosumab-stop": gen_denosumab_stop,
    "onj": gen_onj,
    "before-first-dose": gen_before_first_dose,
    "follow-up": gen_follow_up,
    "when-to-start": gen_when_to_start,
    "schedule": gen_schedule,
}


def generate(name: str, count: int = N_CASES) -> list[dict[str, str]]:
    rng = random.Random(f"{SEED}:{name}")
    cases = []
    for _ in range(count):
        # Most requests are nearly clean (each field rarely wrong); the others are noisy.
        bad = 0.02 if rng.random() < 0.65 else 0.3
        cases.append(GENERATORS[name](Gen(rng, bad)))
    return cases


def test_every_calculator_has_a_generator():
    assert sorted(GENERATORS) == sorted(CALCULATORS)


@pytest.mark.parametrize("name", sorted(CALCULATORS))
def test_mirror_matches_python_on_random_requests(mirror, name):
    cases = generate(name)
    expected = [outcome_json(CALCULATORS[name], params) for params in cases]
    flagged = {}
    for start in range(0, len(cases), BATCH):
        batch = range(start, min(start + BATCH, len(cases)))
        found = mirror.differing([(name, cases[i]) for i in batch], [expected[i][0] for i in batch])
        flagged.update((start + index, answer) for index, answer in found.items())

    failures = []
    for index, js in sorted(flagged.items()):  # the page only sorts; Python decides and describes
        difference = first_difference(outcome(CALCULATORS[name], cases[index]), js)
        if difference:
            failures.append(f"{name} {cases[index]!r}: {difference}")
    assert not failures, f"{len(failures)} of {len(cases)} differ; first:\n" + "\n".join(failures[:8])

    valid = sum(errors is None for _, errors in expected)
    invalid = len(expected) - valid
    assert valid >= MIN_SHARE * len(cases), f"{name}: only {valid} valid requests out of {len(cases)}"
    assert invalid >= MIN_SHARE * len(cases), f"{name}: only {invalid} invalid requests out of {len(cases)}"
    messages = {m["msgid"] for _, errors in expected if errors for m in errors.values()}
    assert len(messages) >= 2, f"{name}: too few kinds of field errors exercised: {messages}"
