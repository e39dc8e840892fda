"""The instructions for use (`/<lang>/about/`): what the app is for and not for, its sources, the rule set with
its changelog, how data is handled, accessibility and how to report a problem — what a medical-device reader
and a clinician both need before trusting a result.
"""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l

from .clinical.rules import RULES_DATE, RULES_VERSION
from .pages import PAGES
from .rules_changelog import load_changelog

bp = Blueprint("about", __name__, url_prefix="/<lang>")

# Per page: the patients or situations its rules do not cover (a test requires one for every page).
NOT_FOR = {
    "vitamin-d": _l("Children; renal osteodystrophy or dialysis; hypercalcaemia; vitamin D for a purpose "
                    "other than before and during an antiresorptive."),
    "zoledronic-acid": _l("Acute kidney injury or unstable renal function (Cockcroft–Gault needs a stable "
                          "creatinine); dialysis; children; an eGFR (CKD-EPI, MDRD) typed as a clearance; "
                          "indications other than bone metastases."),
    "creatinine-check": _l("Patients on denosumab; acute kidney injury from another cause, which needs its own "
                           "assessment."),
    "calcium": _l("Hypercalcaemia; children; a full dietary assessment (the food questionnaire is an estimate)."),
    "corrected-calcium": _l("Ionised calcium, which needs no correction; severe hypoalbuminaemia, acid–base "
                            "disorders or dialysis, where the corrected value is unreliable; children."),
    "denosumab-stop": _l("Denosumab for osteoporosis (60 mg every 6 months); acute kidney injury or dialysis."),
    "when-to-start": _l("Cancers other than lung cancer; hypercalcaemia of malignancy as an emergency; children."),
    "before-first-dose": _l("Replacing the product labels’ full list of contraindications and precautions."),
    "follow-up": _l("Patients treated for osteoporosis; symptoms needing an assessment now."),
    "jaw-osteonecrosis": _l("Diagnosing a lesion: it checks the definition; the examination and imaging belong "
                            "to a dental or maxillofacial specialist."),
    "schedule": _l("A dose interval or duration other than the chapter’s; changing a plan without a clinician."),
}


@bp.get("/about/")
def about():
    return render_template(
        "about.html",
        pages=[(page, NOT_FOR[page.slug]) for page in PAGES.values()],
        version=RULES_VERSION,
        date=RULES_DATE,
        changelog=load_changelog(),
    )
