"""Properties that must hold for every input, not only the worked vectors."""
from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from webapp.clinical import limits, renal, schedule, vitamin_d
from webapp.clinical.dates import add_months
from webapp.clinical.parse import parse_decimal
from webapp.clinical.renal import FEMALE, MALE, MG_DL, UMOL_L, cockcroft_gault, zoledronic_dose

MGDL_TO_UMOL = 88.4  # 1 mg/dL creatinine = 88.4 µmol/L

ages = st.floats(min_value=18, max_value=120)
weights = st.floats(min_value=25, max_value=300)
sexes = st.sampled_from([MALE, FEMALE])
creatinine_mgdl = st.floats(min_value=0.2, max_value=25)
crcls = st.floats(min_value=0, max_value=250)
dates = st.dates(min_value=limits.DATES.min, max_value=limits.DATES.max)


def dose_rank(crcl: float) -> float:
    dose = zoledronic_dose(crcl).dose_mg
    return 0.0 if dose is None else dose


@given(ages, weights, sexes, st.sampled_from([UMOL_L, MG_DL]), st.floats(0.2, 25), st.floats(0.2, 25))
def test_crcl_falls_as_creatinine_rises(age, weight, sex, unit, a, b):
    low, high = sorted((a, b))
    if unit == UMOL_L:
        low, high = low * MGDL_TO_UMOL, high * MGDL_TO_UMOL
    assert cockcroft_gault(age, weight, sex, low, unit) >= cockcroft_gault(age, weight, sex, high, unit)
    if high > low * (1 + 1e-9):
        assert cockcroft_gault(age, weight, sex, low, unit) > cockcroft_gault(age, weight, sex, high, unit)


@given(crcls, crcls)
def test_dose_never_falls_as_crcl_rises(a, b):
    low, high = sorted((a, b))
    assert dose_rank(low) <= dose_rank(high)


@given(ages, weights, sexes, creatinine_mgdl)
def test_unit_paths_agree_within_half_a_ml_per_min(age, weight, sex, mgdl):
    """1.23 and 1.04 are rounded forms of 88.4/72: the paths differ by ≤ 0.35%, so ≤ 0.5 mL/min up to ~140 mL/min.

    Checked over the clinically used range (CrCl ≤ 120 mL/min, where every dose boundary lies).
    """
    from_mgdl = cockcroft_gault(age, weight, sex, mgdl, MG_DL)
    assume(from_mgdl <= 120)
    from_umol = cockcroft_gault(age, weight, sex, mgdl * MGDL_TO_UMOL, UMOL_L)
    assert abs(from_umol - from_mgdl) <= 0.5


@settings(max_examples=80)
@given(
    agent=st.sampled_from(["denosumab", "zoledronic_acid"]),
    start=st.dates(min_value=dt.date(2000, 3, 1), max_value=dt.date(2097, 12, 31)),
    interval=st.sampled_from(["4w", "monthly"]),
    level=st.none() | st.floats(min_value=0, max_value=200),
    crcl=st.none() | st.floats(min_value=1, max_value=250),
    stop_after=st.none() | st.integers(min_value=0, max_value=730),
    today_offset=st.integers(min_value=-120, max_value=60),
)
def test_schedule_dates_in_order_and_nothing_forbidden(agent, start, interval, level, crcl, stop_after, today_offset):
    """Sorted, numbered injections; no loading dose before `today`; no zoledronic acid the app forbids."""
    if agent == "zoledronic_acid" and crcl is not None:
        assume(renal.zoledronic_dose(renal.shown(crcl)).band != renal.CONTRAINDICATED)
    stop = None if stop_after is None or agent != "denosumab" else start + dt.timedelta(days=stop_after)
    today = start + dt.timedelta(days=today_offset)
    assessment = None if level is None else vitamin_d.assess(level, vitamin_d.NG_ML)
    plan = schedule.build_schedule(agent, start, interval, today, assessment, crcl, stop)
    days = [event.date for event in plan.events]
    assert days == sorted(days)
    injections = [event for event in plan.events if event.kind == schedule.INJECTION]
    assert all(a.date < b.date for a, b in zip(injections, injections[1:]))
    assert [event.number for event in injections] == list(range(1, len(injections) + 1))
    assert injections[0].date == start and all(event.date < plan.end for event in injections)
    if stop is not None:
        assert injections[-1].date <= stop
    loading = [event for event in plan.events if event.kind == schedule.VITAMIN_D_LOADING]
    assert all(event.date >= today for event in loading)
    if start < today:
        assert not loading
    elif loading and plan.earliest_start is None:
        assert loading[-1].date == start - dt.timedelta(days=15)
    elif loading:
        assert loading[0].date == today and plan.earliest_start == loading[-1].date + dt.timedelta(days=15)
    forbidden = crcl is not None and renal.shown(crcl) < renal.ZA_MIN_CRCL
    switch = [event for event in plan.events if event.kind == schedule.ZOLEDRONIC_ACID_AFTER_DENOSUMAB]
    assert len(switch) == (1 if stop is not None and not forbidden else 0)
    creatinine = [event for event in plan.events if event.kind == schedule.CREATININE_CHECK]
    assert len(creatinine) == (len(injections) if agent == "zoledronic_acid" else len(switch))


@given(st.floats(min_value=0.2, max_value=3000, allow_nan=False))
def test_shown_clearance_truncates_to_one_decimal(value):
    """Never above the value (beyond float noise), less than 0.1 below it, on a tenth."""
    shown = renal.shown(value)
    assert shown <= value + 1e-6
    assert value - shown < 0.1 + 1e-6
    assert abs(shown * 10 - round(shown * 10)) < 1e-6


@given(dates, st.integers(min_value=-1200, max_value=1200))
def test_add_months_clamps_and_never_crosses_into_the_next_month(day, months):
    result = add_months(day, months)
    target = day.year * 12 + day.month - 1 + months
    assert (result.year, result.month) == (target // 12, target % 12 + 1)
    assert result.day == min(day.day, calendar.monthrange(result.year, result.month)[1])


@given(dates)
def test_add_months_from_the_original_day(day):
    """Counting from the start, not chaining: the 31st comes back whenever the month has one."""
    for months in range(1, 25):
        result = add_months(day, months)
        last = calendar.monthrange(result.year, result.month)[1]
        assert result.day == day.day or result.day == last


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False))
def test_parse_decimal_round_trips(value):
    text = repr(value)
    assume("e" not in text)
    assert parse_decimal(text) == value
    assert parse_decimal(text.replace(".", ",")) == value
    assert parse_decimal(f" {text}\u00a0") == value
    assert parse_decimal("-" + text) == -value


@given(st.integers(min_value=0, max_value=10**9), st.text("0123456789", min_size=1, max_size=6), st.sampled_from(".,"))
def test_parse_decimal_reads_typed_decimals(whole, fraction, separator):
    text = f"{whole}{separator}{fraction}"
    assume(len(text) <= 32)
    assert parse_decimal(text) == float(f"{whole}.{fraction}")


@given(st.floats(min_value=0, max_value=500), st.sampled_from(vitamin_d.UNITS))
def test_vitamin_d_loading_only_below_the_recommended_level(level, unit):
    result = vitamin_d.assess(level, unit)
    assert bool(result.loading_doses) == (result.category in (vitamin_d.DEFICIENCY, vitamin_d.INSUFFICIENCY))
    assert (result.maintenance is None) == (result.category in (vitamin_d.ABOVE_RECOMMENDED, vitamin_d.POSSIBLE_TOXICITY))
