"""Calculator scenarios, played by a user against the live server and the offline site.

Each: (id, page slug, language, form inputs, texts the result must show). Expected
figures are worked by hand from the chapter's formulas (see each comment).
"""

SCENARIOS = [
    # (140 − 70) × 70 × 1.23 / 120 = 50.225 mL/min → band 50–60 → 3.5 mg
    ("za-cockcroft-umol", "zoledronic-acid", "fr",
     {"age": "70", "weight": "70", "sex": "male", "creatinine": "120", "unit": "umol/L"}, ["3,5 mg", "50,2 mL/min"]),
    # (140 − 80) × 55 / (72 × 1,1) × 0.85 = 35.4167 mL/min → 3.0 mg
    ("za-cockcroft-mgdl-woman", "zoledronic-acid", "en",
     {"age": "80", "weight": "55", "sex": "female", "creatinine": "1.1", "unit": "mg/dL"}, ["3.0 mg", "35.4 mL/min"]),
    ("za-typed-60-boundary", "zoledronic-acid", "en", {"crcl": "60"}, ["3.5 mg", "60.0 mL/min"]),
    ("za-typed-above-60", "zoledronic-acid", "fr", {"crcl": "60,01"}, ["4,0 mg"]),
    ("za-contraindicated", "zoledronic-acid", "fr", {"crcl": "29,9"}, ["contre-indiqué"]),
    ("za-bad-input", "zoledronic-acid", "en", {"age": "abc", "weight": "-3", "creatinine": "<b>1</b>"}, ["error-age:", "error-weight:"]),
]
