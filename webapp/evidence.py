"""Trial figures of the chapter (§2.1) and their forest plot as inline SVG.

trials.json holds the numbers; the English texts live once, in TEXTS below,
marked N_ so that `pybabel extract -k N_` puts them in the catalogue.
load_trials() joins the two: names (label_en, comparison) come back as
msgids, sentences as Messages whose numbers (from the JSON) the app formats
per locale. The plot is split into a pure layout (forest_plot: numbers only,
easy to test) and a renderer (render_svg) that receives every visible text
already translated, so this module needs neither Flask nor Babel.
"""

import json
import math
import textwrap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from .clinical.messages import N_, msg

TRIALS_JSON = Path(__file__).parent / "data" / "trials.json"
# A fixed log axis covering every hazard ratio and interval in the chapter.
HR_MIN, HR_MAX = 0.5, 1.5
TICKS = (0.5, 0.75, 1.0, 1.25, 1.5)
CHAR_WIDTH = 0.6  # average glyph width in em, generous so wrapped lines fit
MARKER = 8  # side of the square point estimate

# Texts used more than once, written once.
DENOSUMAB_VS_ZOLEDRONIC_ACID = N_("denosumab vs zoledronic acid")
ZOLEDRONIC_ACID_VS_PLACEBO = N_("zoledronic acid 4 mg vs placebo")
CHEMOTHERAPY_WITH_DENOSUMAB = N_("chemotherapy plus denosumab vs chemotherapy alone")
MEDIAN_MONTHS = N_("Median %(denosumab)s vs %(zoledronic_acid)s months")
MEDIAN_DAYS = N_("Median %(zoledronic_acid)s vs %(placebo)s days")
OVERALL_SURVIVAL = N_("Overall survival")
TIME_TO_SRE = N_("Time to first skeletal event")
DENOSUMAB_AND_ZOLEDRONIC_ACID_ARMS = (N_("Denosumab"), N_("Zoledronic acid"))

# Keyed like trials.json: trial id, then outcome id; arms in the JSON's order.
TEXTS = {
    "rosen": {
        "label_en": N_("Rosen et al.: zoledronic acid vs placebo"),
        "design": N_("Randomised, double-blind, placebo-controlled phase III trial; 21 months, interim report at 9 months"),
        "population": N_("Non-small cell lung cancer and other solid tumours with bone metastases"),
        "arms": (N_("Placebo"), N_("Zoledronic acid 4 mg every 3 weeks"), N_("Zoledronic acid 8 mg every 3 weeks")),
        "notes": (
            N_("The 8 mg dose gave a worse balance of efficacy and safety, with more frequent renal impairment, "
               "especially with fast infusions: the 4 mg dose was kept, infused over 15 minutes."),
            N_("No survival benefit."),
        ),
        "outcomes": {
            "sre_9_months": {
                "label_en": N_("Time to first skeletal event, at 9 months"),
                "comparison": ZOLEDRONIC_ACID_VS_PLACEBO,
                "figures": MEDIAN_DAYS,
            },
            "sre_21_months": {
                "label_en": N_("Time to first skeletal event, at 21 months"),
                "comparison": ZOLEDRONIC_ACID_VS_PLACEBO,
                "figures": MEDIAN_DAYS,
            },
            "sre_rate": {
                "label_en": N_("Skeletal events per year"),
                "comparison": ZOLEDRONIC_ACID_VS_PLACEBO,
                "figures": N_("%(zoledronic_acid)s vs %(placebo)s events per year"),
            },
        },
    },
    "henry": {
        "label_en": N_("Henry et al.: denosumab vs zoledronic acid"),
        "design": N_("Randomised, double-blind, non-inferiority phase III trial"),
        "population": N_("Bone metastases from advanced cancer (excluding breast and prostate cancer) "
                         "or multiple myeloma; %(lung_cancer)s%% lung cancer"),
        "arms": (N_("Denosumab 120 mg subcutaneously every month"), N_("Zoledronic acid 4 mg intravenously every month")),
        "notes": (
            N_("Overall survival and progression-free survival were similar in both groups."),
            N_("Osteonecrosis of the jaw: similar rates in both groups; more flu-like syndromes with zoledronic acid, "
               "more hypocalcaemia with denosumab."),
        ),
        "outcomes": {
            "sre": {
                "label_en": TIME_TO_SRE,
                "comparison": DENOSUMAB_VS_ZOLEDRONIC_ACID,
                "figures": N_("Median %(denosumab)s vs %(zoledronic_acid)s months; %(risk_reduction)s%% risk reduction"),
            },
            "lung_sre": {
                "label_en": N_("Lung cancer subgroup: skeletal events"),
                "comparison": DENOSUMAB_VS_ZOLEDRONIC_ACID,
                "figures": N_("%(per_group)s patients per group; not significant"),
            },
            "lung_os": {
                "label_en": N_("Lung cancer subgroup: overall survival"),
                "comparison": DENOSUMAB_VS_ZOLEDRONIC_ACID,
                "figures": N_("%(per_group)s patients per group"),
            },
            "bone_markers": {
                "label_en": N_("Bone turnover markers"),
                "comparison": DENOSUMAB_VS_ZOLEDRONIC_ACID,
                "figures": N_("Urinary NTX fell by %(ntx_denosumab)s%% vs %(ntx_zoledronic_acid)s%%; "
                              "alkaline phosphatase by %(alp_denosumab)s%% vs %(alp_zoledronic_acid)s%%"),
            },
        },
    },
    "scagliotti": {
        "label_en": N_("Scagliotti et al.: lung cancer subgroup, denosumab vs zoledronic acid"),
        "design": N_("Exploratory subgroup analysis of the Henry et al. trial, with %(more_per_group)s more patients per group"),
        "population": N_("Lung cancer with bone metastases; half had a skeletal event before entry; "
                         "more than half adenocarcinomas"),
        "arms": DENOSUMAB_AND_ZOLEDRONIC_ACID_ARMS,
        "notes": (
            N_("The survival benefit held in patients with visceral metastases, with adenocarcinoma "
               "and with squamous cell carcinoma."),
            N_("No skeletal-event data in this analysis."),
        ),
        "outcomes": {
            "os": {"label_en": OVERALL_SURVIVAL, "comparison": DENOSUMAB_VS_ZOLEDRONIC_ACID, "figures": MEDIAN_MONTHS},
        },
    },
    "splendor": {
        "label_en": N_("SPLENDOR (ETOP/EORTC): chemotherapy with or without denosumab"),
        "design": N_("Randomised phase III trial, stratified by bone metastases; stopped early for slow accrual "
                     "(more than %(planned)s patients planned)"),
        "population": N_("Stage IV non-small cell lung cancer, first-line platinum-based chemotherapy without "
                         "immunotherapy, with or without bone metastases"),
        "arms": (N_("Chemotherapy plus denosumab"), N_("Chemotherapy alone")),
        "notes": (N_("No immunotherapy in these trials, and slow accrual limited their statistical power."),),
        "outcomes": {
            "os": {
                "label_en": OVERALL_SURVIVAL,
                "comparison": CHEMOTHERAPY_WITH_DENOSUMAB,
                "figures": N_("Median %(denosumab)s months (95%% CI %(denosumab_low)s–%(denosumab_high)s) with denosumab "
                              "vs %(chemotherapy)s months (95%% CI %(chemotherapy_low)s–%(chemotherapy_high)s) "
                              "with chemotherapy alone"),
            },
            "pooled_os": {
                "label_en": N_("Overall survival, pooled with AMGEN-249"),
                "comparison": CHEMOTHERAPY_WITH_DENOSUMAB,
                "figures": N_("No survival benefit; AMGEN-249 was a phase II trial of %(amgen_patients)s patients "
                              "randomised 2:1 to denosumab or placebo with chemotherapy; %(total)s patients in both trials"),
            },
        },
    },
    "pooled_phase3": {
        "label_en": N_("Pooled phase III trials: denosumab vs zoledronic acid"),
        "design": N_("Combined analysis of 3 pivotal randomised phase III trials"),
        "population": N_("Bone metastases from any cancer"),
        "arms": DENOSUMAB_AND_ZOLEDRONIC_ACID_ARMS,
        "notes": (N_("No difference in overall survival or progression-free survival."),),
        "outcomes": {
            "sre": {"label_en": TIME_TO_SRE, "comparison": DENOSUMAB_VS_ZOLEDRONIC_ACID, "figures": MEDIAN_MONTHS},
        },
    },
}


def load_trials() -> list[dict]:
    """The trials of the evidence page, in the chapter's order, numbers joined to their texts.

    In trials.json a text's slot (design, population, figures) holds that text's
    numbers, so they stay data and get formatted per locale.
    """
    trials = json.loads(TRIALS_JSON.read_text(encoding="utf-8"))
    for trial in trials:
        texts = TEXTS[trial["id"]]
        trial["label_en"] = texts["label_en"]
        trial["design"] = msg(texts["design"], **trial.get("design", {}))
        trial["population"] = msg(texts["population"], **trial.get("population", {}))
        trial["notes"] = [msg(note) for note in texts["notes"]]
        for arm, label in zip(trial["arms"], texts["arms"], strict=True):
            arm["label_en"] = label
        for outcome in trial["outcomes"]:
            words = texts["outcomes"][outcome["id"]]
            outcome.update(label_en=words["label_en"], comparison=words["comparison"],
                           figures=msg(words["figures"], **outcome["figures"]))
    return trials


@dataclass(frozen=True)
class PlotRow:
    label_lines: tuple[str, ...]
    label_y: tuple[float, ...]  # text baselines, one per label line
    estimate_y: float  # baseline of the "HR (CI)" text
    y: float  # centre of the point and CI line
    hr: float
    ci_low: float | None
    ci_high: float | None
    x: float
    x_low: float | None
    x_high: float | None


@dataclass(frozen=True)
class ForestPlot:
    width: float
    height: float  # down to the tick labels; render_svg adds the axis texts
    font_size: float
    line_height: float
    x_min: float  # x of HR_MIN
    x_max: float  # x of HR_MAX
    x_null: float  # x of HR 1, the line of no effect
    rows: tuple[PlotRow, ...]
    ticks: tuple[tuple[float, float], ...]  # (hr, x)
    axis_y: float
    tick_label_y: float


def hr_to_x(hr: float, x_min: float, x_max: float) -> float:
    """Position of hr on the log axis; ratios are symmetric on a log scale (0.5 and 2)."""
    if not HR_MIN <= hr <= HR_MAX:
        raise ValueError(f"hazard ratio {hr} is outside the axis [{HR_MIN}, {HR_MAX}]")
    share = (math.log(hr) - math.log(HR_MIN)) / (math.log(HR_MAX) - math.log(HR_MIN))
    return x_min + share * (x_max - x_min)


def wrap(text: str, width: float, font_size: float) -> tuple[str, ...]:
    """Split text into lines that fit width: SVG text does not wrap by itself."""
    return tuple(textwrap.wrap(text, max(1, int(width / (CHAR_WIDTH * font_size))))) or ("",)


def forest_plot(
    rows: Iterable[Mapping],
    *,
    width: float = 340,
    margin: float = 16,
    font_size: float = 13,
    line_height: float = 16,
) -> ForestPlot:
    """Lay out rows ({"label", "hr", "ci_low", "ci_high"}) one under the other.

    Each row is its label (wrapped to the full width, which suits a phone),
    then a line for the estimate, then the point and its CI. A row without a
    CI (ci_low/ci_high None) gets just the point.
    """
    x_min, x_max = margin, width - margin
    placed, top = [], 4.0
    for row in rows:
        lines = wrap(row["label"], x_max - x_min, font_size)
        label_y = tuple(top + line_height * (k + 1) - 4 for k in range(len(lines)))
        estimate_y = top + line_height * (len(lines) + 1) - 4
        y = top + line_height * (len(lines) + 1) + line_height / 2
        low, high = row.get("ci_low"), row.get("ci_high")
        has_ci = low is not None and high is not None
        placed.append(
            PlotRow(
                label_lines=lines,
                label_y=label_y,
                estimate_y=estimate_y,
                y=y,
                hr=row["hr"],
                ci_low=low if has_ci else None,
                ci_high=high if has_ci else None,
                x=hr_to_x(row["hr"], x_min, x_max),
                x_low=hr_to_x(low, x_min, x_max) if has_ci else None,
                x_high=hr_to_x(high, x_min, x_max) if has_ci else None,
            )
        )
        top = y + line_height / 2 + 8
    axis_y = top + 4
    tick_label_y = axis_y + 5 + line_height - 4
    return ForestPlot(
        width=width,
        height=tick_label_y + 4,
        font_size=font_size,
        line_height=line_height,
        x_min=x_min,
        x_max=x_max,
        x_null=hr_to_x(1.0, x_min, x_max),
        rows=tuple(placed),
        ticks=tuple((t, hr_to_x(t, x_min, x_max)) for t in TICKS),
        axis_y=axis_y,
        tick_label_y=tick_label_y,
    )


def _num(value: float) -> str:
    return format(round(value, 2), "g")


def _text(x: float, y: float, text: str, css_class: str, anchor: str = "start") -> str:
    return (
        f'<text class="{css_class}" x="{_num(x)}" y="{_num(y)}" text-anchor="{anchor}" '
        f'fill="currentColor">{escape(text)}</text>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, css_class: str, extra: str = "") -> str:
    return (
        f'<line class="{css_class}" x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" '
        f'y2="{_num(y2)}" stroke="currentColor"{extra}/>'
    )


def render_svg(
    plot: ForestPlot,
    title: str,
    desc: str,
    axis_label: str,
    favours_left: str,
    favours_right: str,
    number_format: Callable[[float], str],
    *,
    svg_id: str = "forest-plot",
) -> Markup:
    """Inline SVG for plot; every text is escaped, numbers go through number_format.

    Colours are currentColor only, so the page's text colour (checked for
    contrast in light and dark themes) applies; no script, no style attribute.
    The viewBox lets it scale to its container; at 360 px wide the 13-unit font
    of a 340-unit plot renders above 12 px. svg_id must be unique in the page.
    """
    fs, lh = plot.font_size, plot.line_height
    parts = []
    for row in plot.rows:
        parts += [_text(plot.x_min, y, text, "forest-label") for text, y in zip(row.label_lines, row.label_y)]
        estimate = number_format(row.hr)
        if row.ci_low is not None:
            estimate += f" ({number_format(row.ci_low)}–{number_format(row.ci_high)})"
        parts.append(_text(plot.x_min, row.estimate_y, estimate, "forest-estimate"))
        dashed = ' stroke-dasharray="3 3"'
        parts.append(_line(plot.x_null, row.y - lh / 2, plot.x_null, row.y + lh / 2, "forest-null", dashed))
        if row.x_low is not None:
            parts.append(_line(row.x_low, row.y, row.x_high, row.y, "forest-ci", ' stroke-width="2"'))
        parts.append(
            f'<rect class="forest-point" x="{_num(row.x - MARKER / 2)}" y="{_num(row.y - MARKER / 2)}" '
            f'width="{MARKER}" height="{MARKER}" fill="currentColor"/>'
        )
    parts.append(_line(plot.x_min, plot.axis_y, plot.x_max, plot.axis_y, "forest-axis"))
    for hr, x in plot.ticks:
        parts.append(_line(x, plot.axis_y, x, plot.axis_y + 5, "forest-tick"))
        parts.append(_text(x, plot.tick_label_y, number_format(hr), "forest-tick-label", "middle"))
    y = plot.height + lh - 4
    parts.append(_text((plot.x_min + plot.x_max) / 2, y, axis_label, "forest-axis-label", "middle"))
    half = (plot.x_max - plot.x_min) / 2 - 4
    left, right = wrap(favours_left, half, fs), wrap(favours_right, half, fs)
    for k in range(max(len(left), len(right))):
        y += lh
        if k < len(left):
            parts.append(_text(plot.x_min, y, left[k], "forest-favours"))
        if k < len(right):
            parts.append(_text(plot.x_max, y, right[k], "forest-favours", "end"))
    height = y + 6
    sid = escape(svg_id)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="forest-plot" '
        f'viewBox="0 0 {_num(plot.width)} {_num(height)}" role="img" '
        f'aria-labelledby="{sid}-title {sid}-desc" font-size="{_num(fs)}">'
        f'<title id="{sid}-title">{escape(title)}</title>'
        f'<desc id="{sid}-desc">{escape(desc)}</desc>' + "".join(parts) + "</svg>"
    )
