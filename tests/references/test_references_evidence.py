"""Trial figures and the forest plot layout and SVG."""

import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from webapp.evidence import forest_plot, load_trials, render_svg

SVG = "{http://www.w3.org/2000/svg}"
REFERENCES = json.loads((Path(__file__).resolve().parents[2] / "webapp/data/references.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def trials():
    return {trial["id"]: trial for trial in load_trials()}


def outcome(trials, trial_id, outcome_id):
    return next(o for o in trials[trial_id]["outcomes"] if o["id"] == outcome_id)


def hr_rows(trials):
    return [{"label": o["label_en"], **o} for t in trials.values() for o in t["outcomes"] if o["hr"] is not None]


def test_trials_of_the_spec(trials):
    assert list(trials) == ["rosen", "henry", "scagliotti", "splendor", "pooled_phase3"]
    assert trials["rosen"]["references"] == [23, 49] and trials["rosen"]["n"] == 773
    assert [arm["n"] for arm in trials["henry"]["arms"]] == [886, 890]
    assert [arm["n"] for arm in trials["scagliotti"]["arms"]] == [411, 400]
    assert trials["splendor"]["references"] is None and trials["splendor"]["n"] == 514
    assert not any("SPLENDOR" in ref["raw"] for ref in REFERENCES)


def test_henry_time_to_first_skeletal_event(trials):
    sre = outcome(trials, "henry", "sre")
    assert sre["label_en"] == "Time to first skeletal event"
    assert (sre["hr"], sre["ci_low"], sre["ci_high"], sre["p"]) == (0.84, 0.71, 0.98, "0.007")
    assert sre["comparison"] == "denosumab vs zoledronic acid"


def test_other_key_figures(trials):
    rosen = outcome(trials, "rosen", "sre_9_months")
    assert (rosen["hr"], rosen["ci_low"], rosen["p"]) == (0.732, None, "0.017")
    assert outcome(trials, "henry", "lung_os")["ci_high"] == 0.95
    assert outcome(trials, "splendor", "os")["p"] == "0.36"
    assert outcome(trials, "pooled_phase3", "sre")["p"] == "<0.001"


def test_outcomes_are_well_formed_and_cite_existing_references(trials):
    numbers = {ref["number"] for ref in REFERENCES}
    for trial in trials.values():
        assert set(trial["references"] or []) <= numbers
        ids = [o["id"] for o in trial["outcomes"]]
        assert len(ids) == len(set(ids))
        for o in trial["outcomes"]:
            assert set(o["references"] or []) <= set(trial["references"] or [])
            assert o["label_en"] and "<" not in o["label_en"]
            if o["ci_low"] is not None:
                assert o["ci_low"] < o["hr"] < o["ci_high"]


def test_log_scale_positions(trials):
    plot = forest_plot(hr_rows(trials), width=340, margin=16)
    assert (plot.x_min, plot.x_max) == (16, 324)
    # x = 16 + 308 * ln(hr / 0.5) / ln(1.5 / 0.5)
    assert plot.x_null == pytest.approx(16 + 308 * math.log(2) / math.log(3))
    assert plot.x_null == pytest.approx(210.33, abs=0.01)
    henry = next(row for row in plot.rows if (row.hr, row.ci_low) == (0.84, 0.71))
    assert henry.x == pytest.approx(16 + 308 * math.log(0.84 / 0.5) / math.log(3))
    assert henry.x_low == pytest.approx(16 + 308 * math.log(0.71 / 0.5) / math.log(3))
    assert henry.x_high == pytest.approx(16 + 308 * math.log(0.98 / 0.5) / math.log(3))
    assert henry.x_low < henry.x < henry.x_high < plot.x_null
    assert dict(plot.ticks) == pytest.approx(
        {t: 16 + 308 * math.log(t / 0.5) / math.log(3) for t in (0.5, 0.75, 1.0, 1.25, 1.5)}
    )


def test_row_without_ci_is_a_point(trials):
    plot = forest_plot(hr_rows(trials))
    rosen = next(row for row in plot.rows if row.hr == 0.732)
    assert rosen.x_low is None and rosen.x_high is None and rosen.ci_low is None


def test_rows_are_stacked_and_labels_wrapped():
    long_label = "A very long label that cannot possibly fit on a single line of a phone-sized plot"
    plot = forest_plot([{"label": long_label, "hr": 1.0}, {"label": "Short", "hr": 0.9}])
    first, second = plot.rows
    assert len(first.label_lines) > 1 and " ".join(first.label_lines) == long_label
    assert first.label_y[-1] < first.estimate_y < first.y < second.label_y[0] < second.y < plot.axis_y


def test_out_of_axis_hazard_ratio_is_refused():
    with pytest.raises(ValueError):
        forest_plot([{"label": "x", "hr": 2.5}])


def render(rows, **texts):
    args = dict(
        title="Hazard ratios",
        desc="Forest plot of the trials",
        axis_label="Hazard ratio (log scale)",
        favours_left="Favours treatment",
        favours_right="Favours comparator",
        number_format=lambda v: f"{v:.2f}".replace(".", ","),
    )
    return render_svg(forest_plot(rows), **{**args, **texts})


def test_svg_is_accessible_xml_without_script_or_style(trials):
    svg = str(render(hr_rows(trials)))
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert (title.text, desc.text) == ("Hazard ratios", "Forest plot of the trials")
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert "<script" not in svg.lower() and "style=" not in svg
    for element in root.iter():
        assert element.get("fill") in (None, "currentColor") and element.get("stroke") in (None, "currentColor")
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "0,84 (0,71–0,98)" in texts and "0,73" in texts and "Hazard ratio (log scale)" in texts


def test_svg_scales_with_readable_text(trials):
    root = ET.fromstring(str(render(hr_rows(trials))))
    _, _, width, height = map(float, root.get("viewBox").split())
    assert width == 340 and height > 0
    assert float(root.get("font-size")) * 360 / width >= 12


def test_svg_escapes_every_text():
    svg = str(render([{"label": "<b>bold</b> & co", "hr": 0.8}], title='<script>x</script>', desc='"quoted"'))
    root = ET.fromstring(svg)
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "<script" not in svg
    assert "<b>bold</b> & co" in [t.text for t in root.iter(f"{SVG}text")]
    assert root.find(f"{SVG}title").text == "<script>x</script>"


def test_svg_id_makes_ids_unique():
    root = ET.fromstring(str(render_svg(forest_plot([]), "t", "d", "a", "l", "r", str, svg_id="plot-2")))
    assert root.get("aria-labelledby") == "plot-2-title plot-2-desc"
