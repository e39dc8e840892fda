"""Accepted input ranges, all in one place (bounds inclusive).

Ranges reject typing slips (a weight of 7 kg, a creatinine of 0.9 entered as
µmol/L), not rare patients: they are wider than any plausible clinical value.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .messages import N_, Message, msg

# Range messages. Units in `%(unit)s` are symbols that read the same in French and English.
RANGE_WITH_UNIT = N_("Enter a value between %(min)s and %(max)s %(unit)s.")
RANGE_AGE = N_("Enter an age between %(min)s and %(max)s years.")
RANGE_MG_PER_DAY = N_("Enter an amount between %(min)s and %(max)s mg per day.")
RANGE_PER_DAY = N_("Enter a number between %(min)s and %(max)s per day.")
RANGE_WEEKS = N_("Enter a number of weeks between %(min)s and %(max)s.")
RANGE_DATE = N_("Enter a date between %(min)s and %(max)s.")


@dataclass(frozen=True)
class Range:
    min: float
    max: float
    msgid: str
    unit: str | None = None

    def contains(self, value: float) -> bool:
        return self.min <= value <= self.max

    def message(self) -> Message:
        if self.unit is None:
            return msg(self.msgid, min=self.min, max=self.max)
        return msg(self.msgid, min=self.min, max=self.max, unit=self.unit)


AGE = Range(18, 120, RANGE_AGE)
WEIGHT = Range(25, 300, RANGE_WITH_UNIT, "kg")
CREATININE_UMOL = Range(20, 2000, RANGE_WITH_UNIT, "µmol/L")
CREATININE_MGDL = Range(0.2, 25, RANGE_WITH_UNIT, "mg/dL")
HEIGHT = Range(120, 230, RANGE_WITH_UNIT, "cm")
CRCL = Range(1, 250, RANGE_WITH_UNIT, "mL/min")  # also the most a computed clearance may give
VITAMIN_D_NG = Range(0, 500, RANGE_WITH_UNIT, "ng/mL")
VITAMIN_D_NMOL = Range(0, 1250, RANGE_WITH_UNIT, "nmol/L")
CALCIUM_MMOL = Range(0.5, 5, RANGE_WITH_UNIT, "mmol/L")
CALCIUM_MGDL = Range(2, 20, RANGE_WITH_UNIT, "mg/dL")
ALBUMIN_G_L = Range(10, 60, RANGE_WITH_UNIT, "g/L")
ALBUMIN_G_DL = Range(1, 6, RANGE_WITH_UNIT, "g/dL")
DIETARY_CALCIUM = Range(0, 5000, RANGE_MG_PER_DAY)
CALCIUM_SUPPLEMENT = Range(0, 3000, RANGE_MG_PER_DAY)
FOOD_PORTIONS = Range(0, 20, RANGE_PER_DAY)
ONJ_WEEKS = Range(0, 520, RANGE_WEEKS)


@dataclass(frozen=True)
class DateRange:
    min: dt.date
    max: dt.date

    def contains(self, value: dt.date) -> bool:
        return self.min <= value <= self.max

    def message(self) -> Message:
        return msg(RANGE_DATE, min=self.min.isoformat(), max=self.max.isoformat())


DATES = DateRange(dt.date(2000, 1, 1), dt.date(2099, 12, 31))
