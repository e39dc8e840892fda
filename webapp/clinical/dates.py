"""Calendar arithmetic shared by every schedule: months are calendar months, clamped."""
from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later, clamped to that month's last day.

    31 Jan + 1 → 28 Feb (29 in a leap year); 30 Nov + 3 → 28/29 Feb. Steps:
    index = (month - 1) + months; year += floor(index / 12); month = index mod 12 + 1;
    day = min(day, days in that month). Always count from the original date,
    never chain, so 31 Jan, +1, +2 gives 28 Feb then 31 Mar.
    """
    index = day.month - 1 + months
    year = day.year + index // 12
    month = index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
