"""Daily calcium: food + supplement against the 1000–1500 mg/day target (chapter §1, §2.4, appendix A).

Dietary calcium is typed in mg/day or estimated from a short food questionnaire
with indicative per-portion values (ANSES CIQUAL, Fardellone); a typed value wins.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from . import corrected_calcium, limits
from .messages import N_, Message, Note, info, msg, warning
from .parse import Fields
from .result import Result
from .sources import (
    FOOD_CALCIUM_TABLES,
    LABEL_DENOSUMAB,
    LABEL_ZOLEDRONIC_ACID,
    SECTION_1,
    SECTION_2_4,
    Source,
    unique,
)
from .tolerance import EPSILON

TOTAL_MIN_MG = 1000  # on an antiresorptive, food + supplement (§1, §2.4)
TOTAL_MAX_MG = 1500
ADULT_RECOMMENDED_MG = 1200  # adults outside osteomalacia (§1)
SUPPLEMENT_STEPS_MG = (0, 500, 1000)
NON_DAIRY_BASELINE_MG = 300  # bread, vegetables, fruit: appendix A
LABEL_CALCIUM_MG = 500  # product labels, daily
LABEL_VITAMIN_D_IU = 400

BELOW = "below"
WITHIN = "within"
ABOVE = "above"


@dataclass(frozen=True)
class Food:
    param: str  # query parameter: portions (or litres) per day
    mg_per_portion: int
    question: str  # msgid shown next to the field
    calcium_rich_water: bool = False


FOODS = (
    Food("food_milk", 300, N_("Milk (any fat level): 250 mL glasses per day")),
    Food("food_yogurt", 180, N_("Plain yogurt: 125 g pots per day")),
    Food("food_hard_cheese", 300, N_("Hard cheese (emmental, comté): 30 g portions per day")),
    Food("food_soft_cheese", 120, N_("Soft cheese (camembert): 30 g portions per day")),
    Food("food_fromage_blanc", 110, N_("Fromage blanc or petit-suisse: 100 g portions per day")),
    Food("food_water_hepar", 550, N_("Hépar mineral water: litres per day"), True),
    Food("food_water_contrex", 470, N_("Contrex mineral water: litres per day"), True),
    Food("food_tap_water", 80, N_("Tap water: litres per day")),
)


@dataclass(frozen=True)
class CalciumResult(Result):
    dietary_mg: float
    estimated: bool
    supplement_mg: float
    total_mg: float
    status: str
    status_label: Message
    supplement_needed_mg: float
    proposed_supplement_mg: int | None  # None above 1500 mg from food, or with a high corrected calcium
    serum_calcium_category: str | None  # of the corrected calcium, when given
    label_total_mg: float | None  # food + the labels' 500 mg, when food alone reaches the chapter's target
    notes: tuple[Note, ...]
    sources: tuple[Source, ...]
    inputs: dict


def estimate_dietary(portions: Mapping[str, float]) -> float:
    """300 mg baseline, then += portions × mg for each food in FOODS order (missing = 0)."""
    total: float = NON_DAIRY_BASELINE_MG
    for food in FOODS:
        total += portions.get(food.param, 0.0) * food.mg_per_portion
    return total


def intake_status(total_mg: float) -> str:
    """below: total < 1000 − ε; above: total > 1500 + ε; else within (bounds inclusive)."""
    if total_mg < TOTAL_MIN_MG - EPSILON:
        return BELOW
    if total_mg > TOTAL_MAX_MG + EPSILON:
        return ABOVE
    return WITHIN


def supplement_needed(dietary_mg: float) -> float:
    """1000 − dietary, or 0 once dietary ≥ 1000 − ε."""
    return 0.0 if dietary_mg >= TOTAL_MIN_MG - EPSILON else TOTAL_MIN_MG - dietary_mg


def proposed_supplement(dietary_mg: float) -> int | None:
    """The smallest of 0, 500, 1000 mg bringing dietary + it into 1000–1500; None when none does."""
    for step in SUPPLEMENT_STEPS_MG:
        if intake_status(dietary_mg + step) == WITHIN:
            return step
    return None


def _status_label(status: str) -> Message:
    if status == BELOW:
        return msg(N_("Below %(min)s mg per day"), min=TOTAL_MIN_MG)
    if status == ABOVE:
        return msg(N_("Above %(max)s mg per day"), max=TOTAL_MAX_MG)
    return msg(N_("Within %(min)s to %(max)s mg per day"), min=TOTAL_MIN_MG, max=TOTAL_MAX_MG)


def assess(
    dietary_mg: float,
    supplement_mg: float = 0.0,
    *,
    portions: Mapping[str, float] | None = None,
    calcium_rich_water: bool = False,
    serum_calcium: tuple[float, str] | None = None,
) -> CalciumResult:
    """Total = dietary + supplement, its status, and the supplement that would reach the target.

    `portions`: the food answers the dietary figure was estimated from, if it was. `serum_calcium`: the
    corrected calcium and its unit, rounded as the corrected-calcium page shows it so that both pages classify
    a value alike; when high, no supplement is proposed (labels). When food alone reaches the
    chapter's 1000 mg, the labels' own minimum (500 mg calcium and 400 IU vitamin D a day, unless
    hypercalcaemic) is stated beside it with the total it gives: the two sources side by side (§11.8).
    """
    estimated = portions is not None
    if serum_calcium is not None:
        serum_calcium = (corrected_calcium.rounded(serum_calcium[0]), serum_calcium[1])
    total = dietary_mg + supplement_mg
    status = intake_status(total)
    category = None if serum_calcium is None else corrected_calcium.classify(*serum_calcium)
    high = category is not None and corrected_calcium.is_high(category)
    proposed = None if high else proposed_supplement(dietary_mg)
    label_total = dietary_mg + LABEL_CALCIUM_MG if proposed == 0 else None
    notes = [
        info(msg(N_("On an antiresorptive, aim for %(min)s to %(max)s mg per day in total, food and supplement "
                    "together."), min=TOTAL_MIN_MG, max=TOTAL_MAX_MG), SECTION_1, SECTION_2_4),
        info(msg(N_("Take a calcium supplement mid-morning, on an empty stomach.")), SECTION_1),
        info(msg(N_("Recommended intake for adults outside osteomalacia: %(mg)s mg per day, food and supplements "
                    "together."), mg=ADULT_RECOMMENDED_MG), SECTION_1),
        info(msg(N_("The product labels advise at least %(calcium)s mg of calcium and %(vitamin_d)s IU of vitamin D daily, unless "
                    "the patient is hypercalcaemic."), calcium=LABEL_CALCIUM_MG, vitamin_d=LABEL_VITAMIN_D_IU),
             LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB),
    ]
    if high:
        notes.insert(0, warning(msg(N_("Corrected calcium %(calcium)s %(unit)s, above the normal range: no calcium "
                                       "supplement is proposed."), calcium=serum_calcium[0], unit=serum_calcium[1]),
                                LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB))
    elif proposed is None:
        notes.append(info(msg(N_("Food alone gives more than %(max)s mg per day: no supplement."),
                              max=TOTAL_MAX_MG), SECTION_2_4))
    if label_total is not None:
        notes.append(info(msg(N_("Food alone reaches the chapter's %(min)s mg per day; the product labels still ask "
                                 "for at least %(calcium)s mg of calcium and %(vitamin_d)s IU of vitamin D a day: "
                                 "%(total)s mg per day in total with it."), min=TOTAL_MIN_MG,
                              calcium=LABEL_CALCIUM_MG, vitamin_d=LABEL_VITAMIN_D_IU, total=label_total),
                          LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB))
    if estimated:
        notes.append(info(msg(N_("Estimate from indicative portion values, including about %(mg)s mg per day from "
                                 "the rest of a usual diet."), mg=NON_DAIRY_BASELINE_MG), FOOD_CALCIUM_TABLES))
    if calcium_rich_water:
        notes.append(info(msg(N_("Calcium-rich mineral waters are also rich in sulphates and magnesium and can be "
                                 "laxative.")), FOOD_CALCIUM_TABLES))
    return CalciumResult(
        dietary_mg=dietary_mg,
        estimated=estimated,
        supplement_mg=supplement_mg,
        total_mg=total,
        status=status,
        status_label=_status_label(status),
        supplement_needed_mg=supplement_needed(dietary_mg),
        proposed_supplement_mg=proposed,
        serum_calcium_category=category,
        label_total_mg=label_total,
        notes=tuple(notes),
        sources=unique(s for note in notes for s in note.sources),
        inputs={**(portions if estimated else {"dietary_mg": dietary_mg}), "supplement_mg": supplement_mg,
                **({} if serum_calcium is None else {"corrected_calcium": serum_calcium[0],
                                                     "calcium_unit": serum_calcium[1]})},
    )


def read_serum_calcium(fields: Fields) -> tuple[float, str] | None:
    """An optional corrected calcium with its unit, required with it (none assumed)."""
    unit = fields.choice("calcium_unit", corrected_calcium.UNITS, None if fields.given("corrected_calcium") else "")
    value = fields.optional_number("corrected_calcium", corrected_calcium.CALCIUM_RANGES.get(unit))
    return None if value is None else (value, unit)


def run(params: Mapping[str, str]) -> CalciumResult:
    fields = Fields(params)
    supplement = fields.optional_number("supplement_mg", limits.CALCIUM_SUPPLEMENT) or 0.0
    serum = read_serum_calcium(fields)
    if not fields.given("dietary_mg") and any(fields.given(food.param) for food in FOODS):
        portions = {
            food.param: fields.number(food.param, limits.FOOD_PORTIONS) for food in FOODS if fields.given(food.param)
        }
        fields.check()
        water = any(portions.get(food.param, 0.0) > 0 for food in FOODS if food.calcium_rich_water)
        return assess(estimate_dietary(portions), supplement, portions=portions, calcium_rich_water=water,
                      serum_calcium=serum)
    if not fields.given("dietary_mg"):
        # Recorded first, so it is kept rather than the generic "required".
        fields.reject("dietary_mg", msg(N_("Enter the dietary calcium, or answer the food questions.")))
    dietary = fields.number("dietary_mg", limits.DIETARY_CALCIUM)
    for food in FOODS:  # answers beside a typed figure are not used, but still checked
        if fields.given(food.param):
            fields.number(food.param, limits.FOOD_PORTIONS)
    fields.check()
    return assess(dietary, supplement, serum_calcium=serum)
