"""The core's tables and thresholds as the pages print them, formatted for the language.

Templates never write a threshold themselves: they call these, which read the clinical
core's constants.
"""
from __future__ import annotations

from flask import Flask

from .clinical import agents, calcium, checklists, duration, limits, onj, renal, sources, vitamin_d
from .formatting import format_number, typeset
from .i18n import current_language, text as _, translate


def dose_table() -> list[tuple[str, str, str]]:
    """Table 2 from the core's bands, formatted for the page: (band, clearance, dose)."""
    lang = current_language()
    rows = [(renal.FULL, f"> {format_number(renal.ZA_FULL_ABOVE_CRCL, lang)} mL/min",
             f"{format_number(renal.ZA_FULL_DOSE_MG, lang, 1)} mg")]
    upper = f"{format_number(renal.ZA_FULL_ABOVE_CRCL, lang)}"
    for band in renal.ZA_REDUCED_BANDS:
        rows.append((band.key, f"{format_number(band.crcl_from, lang)}–{upper} mL/min",
                     f"{format_number(band.dose_mg, lang, 1)} mg"))
        upper = f"< {format_number(band.crcl_from, lang)}"
    rows.append((renal.CONTRAINDICATED, f"< {format_number(renal.ZA_MIN_CRCL, lang)} mL/min", _("contraindicated")))
    return rows


def vitamin_d_table() -> list[tuple[str, str, str, str]]:
    """Table 1 from the core's cut-offs: (category, label, ng/mL range, nmol/L range), bounds explicit."""
    lang = current_language()

    def ranges(unit: str) -> list[str]:
        cut = vitamin_d.CUTOFFS[unit]
        n = lambda value: format_number(value, lang)  # noqa: E731
        return [f"< {n(cut.deficiency_below)}", f"≥ {n(cut.deficiency_below)}, < {n(cut.recommended_from)}",
                f"≥ {n(cut.recommended_from)}, ≤ {n(cut.recommended_to)}",
                f"> {n(cut.recommended_to)}, ≤ {n(cut.toxicity_above)}", f"> {n(cut.toxicity_above)}"]

    keys = (vitamin_d.DEFICIENCY, vitamin_d.INSUFFICIENCY, vitamin_d.RECOMMENDED, vitamin_d.ABOVE_RECOMMENDED,
            vitamin_d.POSSIBLE_TOXICITY)
    return [(key, _(vitamin_d.CATEGORY_LABELS[key]), ng, nmol)
            for key, ng, nmol in zip(keys, ranges(vitamin_d.NG_ML), ranges(vitamin_d.NMOL_L))]


def calcium_foods() -> list[tuple[str, str, str]]:
    """Appendix A's questionnaire: (query parameter, question, calcium per portion)."""
    lang = current_language()
    return [(food.param, _(food.question), typeset(f"≈ {format_number(food.mg_per_portion, lang)} mg", lang))
            for food in calcium.FOODS]


def before_first_dose_items(agent: str) -> list[tuple[str, str, dict]]:
    """The checklist items that apply to exactly this agent, or to both when agent is "both"."""
    wanted = agents.AGENTS if agent == "both" else (agent,)
    return [(spec.key, translate(spec.label), spec.source.as_dict())
            for spec in checklists.BEFORE_FIRST_DOSE if tuple(spec.agents) == tuple(wanted)]


def clinical_constants() -> dict[str, str]:
    """Thresholds some forms and results name in static text, formatted for the page."""
    lang = current_language()
    return {
        "onj_weeks": format_number(onj.EXPOSED_BONE_MORE_THAN_WEEKS, lang),
        "life_expectancy_months": format_number(checklists.LIFE_EXPECTANCY_MONTHS, lang),
        "calcium_non_dairy_mg": format_number(calcium.NON_DAIRY_BASELINE_MG, lang),
        "label_calcium_mg": format_number(calcium.LABEL_CALCIUM_MG, lang),
        "food_source": str(sources.FOOD_CALCIUM_TABLES.value),
        "paracetamol_g": format_number(renal.PARACETAMOL_G, lang),
        "vitamin_d_every_months": format_number(vitamin_d.MAINTENANCE_DEFAULT.every_months, lang),
        "dental_review_months": format_number(checklists.DENTAL_REVIEW_MONTHS, lang),
        "treatment_months": format_number(duration.TREATMENT_MONTHS, lang),
        "za_after_denosumab_months": format_number(duration.ZA_AFTER_DENOSUMAB_MONTHS, lang),
        "za_vial_mg": format_number(renal.ZA_VIAL_MG, lang),
        "za_concentrate_ml": format_number(renal.ZA_CONCENTRATE_ML, lang),
        "za_ready_to_use_ml": format_number(renal.ZA_READY_TO_USE_ML, lang),
        "za_diluent_ml": format_number(renal.ZA_DILUENT_ML, lang),
    }


def date_bounds() -> limits.DateRange:
    """The dates the core accepts, for the date inputs' min and max."""
    return limits.DATES


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        dose_table=dose_table,
        vitamin_d_table=vitamin_d_table,
        calcium_foods=calcium_foods,
        before_first_dose_items=before_first_dose_items,
        clinical_constants=clinical_constants,
        date_bounds=date_bounds,
    )
