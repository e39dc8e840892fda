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
    # 60.01 is shown 60.0 (truncated): the figure shown decides, 3.5 mg; 60.1 is above 60
    ("za-typed-60-01-shown-60", "zoledronic-acid", "fr", {"crcl": "60,01"}, ["3,5 mg", "60,0 mL/min"]),
    ("za-typed-above-60", "zoledronic-acid", "fr", {"crcl": "60,1"}, ["4,0 mg"]),
    # 55 × 48 × 1.04 / 100 = 27.456 → 27.4: contraindicated for a woman; the answer restates who it is for
    ("za-woman-85", "zoledronic-acid", "en",
     {"age": "85", "weight": "48", "sex": "female", "creatinine": "100", "unit": "umol/L"},
     ["Zoledronic acid contraindicated", "27.4 mL/min", "Female, 85 years, 48 kg, creatinine 100 µmol/L"]),
    ("za-contraindicated", "zoledronic-acid", "fr", {"crcl": "29,9"}, ["contre-indiqué"]),
    ("za-bad-input", "zoledronic-acid", "en", {"age": "abc", "weight": "-3", "creatinine": "<b>1</b>"}, ["error-age:", "error-weight:"]),
]

# ---- Vitamin D, creatinine check, calcium, denosumab stop, checklists, jaw osteonecrosis ----
# French expectations use numbers, dates and the core's catalogued wording; English ones the msgids.
NNBSP = "\u202f"  # the French thousands separator

SCENARIOS += [
    # 8 ng/mL < 10: deficiency, 4 doses from 15 Jan 2024: D45 = 29 Feb 2024 (leap year); 8 × 2.5 = 20 nmol/L
    ("vd-deficiency-dates", "vitamin-d", "fr", {"level": "8", "unit": "ng/mL", "start": "2024-01-15"},
     ["Carence en vitamine D", "≈ 20,0 nmol/L", "lundi 15 janvier 2024", "jeudi 29 février 2024"]),
    # 10 ng/mL: half-open band, insufficiency with 3 doses (D0, D15, D30)
    ("vd-10-three-doses", "vitamin-d", "en", {"level": "10", "unit": "ng/mL"}, ["Vitamin D insufficiency", "D30", "10.0 ng/mL"]),
    # 74.9 nmol/L: insufficiency in the nmol/L column although 74.9 / 2.5 = 29.96 shows as ≈ 30.0 ng/mL
    ("vd-nmol-74-9", "vitamin-d", "en", {"level": "74.9", "unit": "nmol/L"},
     ["Vitamin D insufficiency", "≈ 30.0 ng/mL", "D15"]),
    # 30 ng/mL: recommended, no loading; maintenance 100 000 IU every 3 months, or 50 000 IU monthly
    ("vd-30-recommended", "vitamin-d", "fr", {"level": "30", "unit": "ng/mL"},
     ["Taux recommandé", "≈ 75,0 nmol/L", f"100{NNBSP}000", f"50{NNBSP}000"]),
    ("vd-150-1-toxicity", "vitamin-d", "en", {"level": "150.1", "unit": "ng/mL"},
     ["Possible vitamin D intoxication", "above 150 ng/mL"]),
    ("vd-bad-input", "vitamin-d", "en", {"level": "501", "unit": "ng/mL"},
     ["error-level: Enter a value between 0 and 500 ng/mL."]),

    # Label rule, µmol/L: baseline 80 is normal (< 124); withhold from a rise of 44
    ("cc-give", "creatinine-check", "en", {"unit": "umol/L", "baseline": "80", "current": "123.9"},
     ["Give the dose", "43.9 µmol/L"]),
    ("cc-withhold-44", "creatinine-check", "en", {"unit": "umol/L", "baseline": "80", "current": "124"},
     ["Withhold the dose", "44.0 µmol/L"]),
    # mg/dL, baseline 1.41 is abnormal: withhold from a rise of 1.0 → 2.4 (rise 0.99) is given
    ("cc-mgdl-abnormal", "creatinine-check", "fr", {"unit": "mg/dL", "baseline": "1,41", "current": "2,4"},
     ["Administrer la dose", "0,99", "1,00"]),
    # 1.4 mg/dL counts as a normal baseline (§11.6), as 124 µmol/L does: a rise of 0.5 withholds
    ("cc-mgdl-1-4-normal", "creatinine-check", "en", {"unit": "mg/dL", "baseline": "1.4", "current": "1.9"},
     ["Withhold the dose", "0.50 mg/dL"]),
    # withheld: resume once ≤ baseline × 1.1 = 88; 88.1 keeps it withheld
    ("cc-resume", "creatinine-check", "en", {"unit": "umol/L", "baseline": "80", "current": "88", "withheld": "true"},
     ["Resume at the same dose", "88.0 µmol/L"]),
    ("cc-keep-holding", "creatinine-check", "fr", {"unit": "umol/L", "baseline": "80", "current": "88,1", "withheld": "true"},
     ["Maintenir la suspension", "88,0 µmol/L"]),
    ("cc-bad-input", "creatinine-check", "en", {"unit": "umol/L", "baseline": "80", "current": "abc"},
     ["error-current: Enter a number, for example 12.5 or 12,5."]),

    # 600 mg food: below 1000; 500 mg brings it to 1100 (400 missing)
    ("ca-typed-600", "calcium", "en", {"dietary_mg": "600"},
     ["600 mg per day", "Below 1,000 mg per day", "Propose a calcium supplement of 500 mg per day", "400 mg"]),
    ("ca-1000-within", "calcium", "fr", {"dietary_mg": "1000"}, [f"Entre 1{NNBSP}000 et 1{NNBSP}500 mg par jour"]),
    ("ca-1501-above", "calcium", "en", {"dietary_mg": "1501"},
     ["Above 1,500 mg per day", "No supplement.", "Food alone gives more than 1,500 mg per day: no supplement."]),
    # questionnaire: 300 (rest of the diet) + 300 (a glass of milk) + 0.5 × 550 (Hépar) = 875, an estimate
    ("ca-food-estimate", "calcium", "fr", {"food_milk": "1", "food_water_hepar": "0,5"},
     ["875", "ANSES CIQUAL", "laxatif"]),
    ("ca-bad-input", "calcium", "en", {"dietary_mg": "1,500"},
     ["error-dietary_mg: Enter the number without a thousands separator (for example 1500 or 1.25)."]),

    # 2.0 + 0.02 × (40 − 40) = 2.00 < 2.20: hypocalcaemia; 9.2 + 0.8 × (4.0 − 3.1) = 9.92 mg/dL: normal
    ("cca-hypo-mmol", "corrected-calcium", "fr", {"unit": "mmol/L", "calcium": "2,0", "albumin": "40"},
     ["2,00 mmol/L", "Hypocalcémie", "Corriger l'hypocalcémie avant la première dose"]),
    ("cca-normal-mgdl", "corrected-calcium", "en", {"unit": "mg/dL", "calcium": "9.2", "albumin": "3.1"},
     ["9.92 mg/dL", "Normal corrected calcium"]),

    # last injection + 3 calendar months, clamped: 30 Nov 2024 → 28 Feb 2025
    ("ds-clamped", "denosumab-stop", "en", {"last_injection": "2024-11-30"},
     ["Friday 28 February 2025", "12 to 18 months", "ESMO 2020"]),
    # 30 Nov 2023 → 29 Feb 2024 (leap year); CrCl 45 → 3.3 mg
    ("ds-leap-dose", "denosumab-stop", "fr", {"last_injection": "2023-11-30", "crcl": "45"},
     ["jeudi 29 février 2024", "3,3 mg", "45,0 mL/min"]),
    # (140 − 70) × 70 × 1.23 / 120 = 50.225 → 3.5 mg
    ("ds-cockcroft", "denosumab-stop", "en",
     {"last_injection": "2024-03-15", "age": "70", "weight": "70", "sex": "male", "creatinine": "120", "unit": "umol/L"},
     ["Saturday 15 June 2024", "3.5 mg", "50.2 mL/min"]),
    ("ds-bad-input", "denosumab-stop", "en", {"last_injection": "2024-03-15", "age": "150"},
     ["error-age: Enter an age between 18 and 120 years."]),

    ("ws-start", "when-to-start", "en", {"bone_metastasis": "true", "life_expectancy": "over_3_months"},
     ["Start an antiresorptive", "[60]"]),
    ("ws-after-event", "when-to-start", "fr", {"bone_metastasis": "true", "skeletal_event": "true"},
     ["Débuter un anti-résorptif après l'événement osseux", "[§2.1]"]),
    ("ws-not-indicated", "when-to-start", "en",
     {"bone_metastasis": "true", "high_risk_lesions": "true", "life_expectancy": "3_months_or_less"},
     ["Not indicated at this stage"]),
    # an unanswered life expectancy is not "3 months or less" (§11.11)
    ("ws-unknown", "when-to-start", "en", {"bone_metastasis": "true"}, ["Estimate the life expectancy first"]),
    ("ws-no-metastasis", "when-to-start", "fr", {"skeletal_event": "true"}, ["[§2.2]"]),

    ("bfd-ready-za", "before-first-dose", "en",
     {"agent": "zoledronic_acid", "vitamin_d_checked": "true", "renal_function_known": "true",
      "hypocalcaemia_excluded": "true", "dental_assessment": "true", "dental_care_completed": "true", "calcium_planned": "true",
      "concomitant_reviewed": "true", "za_crcl_ok": "true", "za_paracetamol_plan": "true",
      "za_hydration_plan": "true", "booklet_given": "true"}, ["Ready to start"]),
    ("bfd-not-ready-dmab", "before-first-dose", "fr", {"agent": "denosumab", "vitamin_d_checked": "true"},
     ["Pas prêt : des éléments manquent", "[61]", "0,9 %"]),
    # emergency waives only vitamin D and dental care (§5)
    ("bfd-emergency", "before-first-dose", "en",
     {"agent": "zoledronic_acid", "renal_function_known": "true", "hypocalcaemia_excluded": "true",
      "calcium_planned": "true", "concomitant_reviewed": "true", "za_crcl_ok": "true", "za_paracetamol_plan": "true",
      "za_hydration_plan": "true", "booklet_given": "true", "emergency": "true"},
     ["Emergency start with items missing",
      "Emergency start: the items not done are listed; complete them as soon as possible."]),
    ("bfd-emergency-renal-unknown", "before-first-dose", "en", {"agent": "denosumab", "emergency": "true"},
     ["Not ready: items are missing", "An emergency waives only the vitamin D correction and the dental care."]),

    # start + 24 calendar months
    ("fu-za-dates", "follow-up", "en", {"agent": "zoledronic_acid", "start": "2024-01-31"},
     ["Reassess the treatment on Saturday 31 January 2026",
      "Serum creatinine before each infusion; withhold the dose if renal function worsens."]),
    ("fu-dmab-leap", "follow-up", "fr", {"agent": "denosumab", "start": "2024-02-29"},
     ["samedi 28 février 2026", "[§2.3]"]),
    ("fu-bad-input", "follow-up", "en", {"agent": "denosumab", "start": "1999-12-31"},
     ["error-start: Enter a date between 1 January 2000 and 31 December 2099."]),

    # "more than 8 weeks": 8 fails, 8.1 meets
    ("onj-8-weeks", "jaw-osteonecrosis", "en", {"exposed_bone_weeks": "8", "antiresorptive": "true"},
     ["Does not meet the definition", "re-evaluate if it persists beyond 8 weeks"]),
    ("onj-8-1-weeks", "jaw-osteonecrosis", "fr", {"exposed_bone_weeks": "8,1", "antiresorptive": "true"},
     ["8,1", "[62]", "Ruggiero SL et al. J Oral Maxillofac Surg 2022"]),
    ("onj-irradiation", "jaw-osteonecrosis", "fr",
     {"exposed_bone_weeks": "12", "antiresorptive": "true", "craniofacial_irradiation": "true"},
     ["Antécédent d'irradiation crânio-faciale : évoquer une ostéoradionécrose."]),
    ("onj-bad-input", "jaw-osteonecrosis", "fr", {"exposed_bone_weeks": "-1"},
     ["error-exposed_bone_weeks: Saisissez un nombre de semaines compris entre 0 et 520."]),
]
