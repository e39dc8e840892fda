// Browser mirror of the Python clinical core (webapp/clinical/*.py).
//
// The static, offline site computes with this module; it must give EXACTLY the
// server's answers. `run(name, params)` returns
//   {result: <Python Result.as_dict() in canonical JSON form>}   or
//   {errors: {field: {msgid, params}}}
// Canonical form: Message → {msgid, params: {name: value}}, Source → its as_dict,
// dates → "YYYY-MM-DD", tuples → arrays, None → null.
//
// Rules for keeping it exact (checked by tests/mirror/):
// - same field reading and error order as webapp/clinical/parse.py (Fields);
// - same arithmetic in the same operation order (IEEE doubles match bit for bit);
// - dates are integer day numbers (proleptic Gregorian, days since 1970-01-01),
//   never Date objects, so no time zone can shift them;
// - every threshold/msgid below is a copy of the Python constant of the same
//   name (tests/mirror/test_constants.py compares them through CONSTANTS/MSGIDS).
//
// No dependency, no build step.

// =====================================================================================================
// CONSTANTS — copies of the Python module constants (same names; module noted for each block).
// =====================================================================================================

const MSGID_SET = new Set();
/** Marks a msgid, like messages.N_; every msgid is declared at module level so MSGIDS lists them all. */
function N_(s) {
  MSGID_SET.add(s);
  return s;
}

// ---- tolerance.py
const EPSILON = 1e-9;

// ---- agents.py
const ZOLEDRONIC_ACID = "zoledronic_acid";
const DENOSUMAB = "denosumab";
const AGENTS = [ZOLEDRONIC_ACID, DENOSUMAB];

// ---- sources.py
const SECTION_1 = section("1");
const SECTION_2_1 = section("2.1");
const SECTION_2_2 = section("2.2");
const SECTION_2_3 = section("2.3");
const SECTION_2_4 = section("2.4");
const SECTION_2_5 = section("2.5");
const REF_ROSEN_2004 = reference(23);
const REF_GRIO_VITAMIN_D = reference(45);
const REF_HENRY_2011 = reference(50);
const REF_ESMO_2014 = reference(60);
const REF_MSKCC_DENTAL = reference(61);
const REF_ASBMR_ONJ = reference(62);
const REF_ONJ_AFTER_24_MONTHS = reference(63);
const REF_DENOSUMAB_OFFSET = reference(68);
const LABEL_ZOLEDRONIC_ACID = label(ZOLEDRONIC_ACID);
const LABEL_DENOSUMAB = label(DENOSUMAB);
const AAOMS_2022 = external("Ruggiero SL et al. J Oral Maxillofac Surg 2022");
const ESMO_2020 = external(
  "Coleman R et al. Bone health in cancer: ESMO Clinical Practice Guidelines. Ann Oncol 2020");
const FOOD_CALCIUM_TABLES = external(
  "ANSES CIQUAL food composition table (ciqual.anses.fr); Fardellone calcium questionnaire");

// ---- parse.py
const MAX_CHARS = 32; // counted in code points, as Python's len() (see pyLen)
const WHITESPACE = " \t\r\n\u00a0\u202f";
const DECIMAL_PATTERN = "[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)"; // parse._DECIMAL
const GROUPED_PATTERN = "[+-]?[1-9][0-9]{0,2}[.,][0-9]{3}"; // parse._GROUPED: "1,500" = 1.5 or 1500?
const ISO_DATE_PATTERN = "[0-9]{4}-[0-9]{2}-[0-9]{2}"; // parse._ISO_DATE
const TRUE_WORDS = ["true", "on", "1"]; // parse._TRUE
const FALSE_WORDS = ["false", "0", ""]; // parse._FALSE
const REQUIRED = N_("This field is required.");
const TOO_LONG = N_("Enter at most %(max)s characters.");
const NOT_A_NUMBER = N_("Enter a number, for example 12.5 or 12,5.");
const AMBIGUOUS_NUMBER = N_("Enter the number without a thousands separator (for example 1500 or 1.25).");
const NOT_A_DATE = N_("Enter a valid date as YYYY-MM-DD.");
const NOT_A_BOOLEAN = N_("Enter true or false.");
const NOT_A_CHOICE = N_("Choose one of: %(choices)s.");

// ---- limits.py
const RANGE_WITH_UNIT = N_("Enter a value between %(min)s and %(max)s %(unit)s.");
const RANGE_AGE = N_("Enter an age between %(min)s and %(max)s years.");
const RANGE_MG_PER_DAY = N_("Enter an amount between %(min)s and %(max)s mg per day.");
const RANGE_PER_DAY = N_("Enter a number between %(min)s and %(max)s per day.");
const RANGE_WEEKS = N_("Enter a number of weeks between %(min)s and %(max)s.");
const RANGE_DATE = N_("Enter a date between %(min)s and %(max)s.");
const AGE = range(18, 120, RANGE_AGE);
const WEIGHT = range(25, 300, RANGE_WITH_UNIT, "kg");
const CREATININE_UMOL = range(20, 2000, RANGE_WITH_UNIT, "µmol/L");
const CREATININE_MGDL = range(0.2, 25, RANGE_WITH_UNIT, "mg/dL");
const CRCL = range(1, 250, RANGE_WITH_UNIT, "mL/min");
const VITAMIN_D_NG = range(0, 500, RANGE_WITH_UNIT, "ng/mL");
const VITAMIN_D_NMOL = range(0, 1250, RANGE_WITH_UNIT, "nmol/L");
const DIETARY_CALCIUM = range(0, 5000, RANGE_MG_PER_DAY);
const CALCIUM_SUPPLEMENT = range(0, 3000, RANGE_MG_PER_DAY);
const FOOD_PORTIONS = range(0, 20, RANGE_PER_DAY);
const ONJ_WEEKS = range(0, 520, RANGE_WEEKS);
const DATES = { min: daysFromCivil(2000, 1, 1), max: daysFromCivil(2099, 12, 31) }; // limits.DATES

// ---- vitamin_d.py
const NG_ML = "ng/mL";
const NMOL_L = "nmol/L";
const UNITS = [NG_ML, NMOL_L];
const NMOL_PER_NG = 2.5;
const LEVEL_RANGES = { [NG_ML]: VITAMIN_D_NG, [NMOL_L]: VITAMIN_D_NMOL };
const LOADING_DOSE_IU = 100_000;
const LOADING_INTERVAL_DAYS = 15;
const DAILY_NEED_IU = [800, 1000];
const DEFICIENCY = "deficiency";
const INSUFFICIENCY = "insufficiency";
const RECOMMENDED = "recommended";
const ABOVE_RECOMMENDED = "above_recommended";
const POSSIBLE_TOXICITY = "possible_toxicity";
const CATEGORY_LABELS = {
  [DEFICIENCY]: N_("Vitamin D deficiency"),
  [INSUFFICIENCY]: N_("Vitamin D insufficiency"),
  [RECOMMENDED]: N_("Recommended level"),
  [ABOVE_RECOMMENDED]: N_("Above the recommended range"),
  [POSSIBLE_TOXICITY]: N_("Possible vitamin D intoxication"),
};
const CUTOFFS = {
  [NG_ML]: cutoffs(10, 20, 30, 70, 150),
  [NMOL_L]: cutoffs(25, 50, 75, 175, 375),
};
const MAINTENANCE_DEFAULT = { dose_iu: 100_000, every_months: 3 };
const MAINTENANCE_ALTERNATIVE = { dose_iu: 50_000, every_months: 1 };
const VD_MSG = {
  maintenance: N_("The chapter states two maintenance schemes: %(dose)s IU every %(months)s months "
    + "(sections 1 and 2.4) and %(alt_dose)s IU every month (closing recommendations, section 2.5)."),
  correctFirst: N_("Correct this before starting an antiresorptive, except in an emergency: starting on a "
    + "severe deficiency risks deep, prolonged hypocalcaemia."),
  useD3: N_("Use cholecalciferol (vitamin D3) rather than ergocalciferol (D2), above all for spaced doses; "
    + "take it with a meal (for example one %(dose)s IU ampoule)."),
  dailyNeed: N_("Daily need: %(min)s to %(max)s IU."),
  target: N_("Target: above %(ng)s ng/mL (%(nmol)s nmol/L)."),
  aboveRecommended: N_("Above the recommended range, below the toxicity threshold: no correction dose."),
  toxicity: N_("Level in the possible intoxication range (above %(threshold)s %(unit)s): no vitamin D dosing."),
};

// ---- calcium.py
const TOTAL_MIN_MG = 1000;
const TOTAL_MAX_MG = 1500;
const ADULT_RECOMMENDED_MG = 1200;
const SUPPLEMENT_STEPS_MG = [0, 500, 1000];
const NON_DAIRY_BASELINE_MG = 300;
const LABEL_CALCIUM_MG = 500;
const LABEL_VITAMIN_D_IU = 400;
const BELOW = "below";
const WITHIN = "within";
const ABOVE = "above";
const FOODS = [
  food("food_milk", 300, N_("Milk (any fat level): 250 mL glasses per day")),
  food("food_yogurt", 180, N_("Plain yogurt: 125 g pots per day")),
  food("food_hard_cheese", 300, N_("Hard cheese (emmental, comté): 30 g portions per day")),
  food("food_soft_cheese", 120, N_("Soft cheese (camembert): 30 g portions per day")),
  food("food_fromage_blanc", 110, N_("Fromage blanc or petit-suisse: 100 g portions per day")),
  food("food_water_hepar", 550, N_("Hépar mineral water: litres per day"), true),
  food("food_water_contrex", 470, N_("Contrex mineral water: litres per day"), true),
  food("food_tap_water", 80, N_("Tap water: litres per day")),
];
const CA_MSG = {
  below: N_("Below %(min)s mg per day"),
  above: N_("Above %(max)s mg per day"),
  within: N_("Within %(min)s to %(max)s mg per day"),
  aim: N_("On an antiresorptive, aim for %(min)s to %(max)s mg per day in total, food and supplement "
    + "together."),
  midMorning: N_("Take a calcium supplement mid-morning, on an empty stomach."),
  adults: N_("Recommended intake for adults outside osteomalacia: %(mg)s mg per day, food and supplements "
    + "together."),
  labels: N_("The product labels advise at least %(calcium)s mg of calcium and %(vitamin_d)s IU of vitamin D daily, unless "
    + "the patient is hypercalcaemic."),
  noSupplement: N_("Food alone gives more than %(max)s mg per day: no supplement."),
  estimate: N_("Estimate from indicative portion values, including about %(mg)s mg per day from "
    + "the rest of a usual diet."),
  water: N_("Calcium-rich mineral waters are also rich in sulphates and magnesium and can be laxative."),
  dietaryRequired: N_("Enter the dietary calcium, or answer the food questions."),
};

// ---- renal.py
const MALE = "male";
const FEMALE = "female";
const SEXES = [MALE, FEMALE];
const UMOL_L = "umol/L";
const MG_DL = "mg/dL";
const CREATININE_UNITS = [UMOL_L, MG_DL];
const UNIT_SYMBOLS = { [UMOL_L]: "µmol/L", [MG_DL]: "mg/dL" };
const CREATININE_RANGES = { [UMOL_L]: CREATININE_UMOL, [MG_DL]: CREATININE_MGDL };
const CG_AGE_FROM = 140;
const CG_K_UMOL = { [MALE]: 1.23, [FEMALE]: 1.04 };
const CG_MGDL_DIVISOR = 72;
const CG_FEMALE_FACTOR_MGDL = 0.85;
const FORMULA_UMOL = "cockcroft_gault_umol";
const FORMULA_MGDL = "cockcroft_gault_mgdl";
const FORMULA_ENTERED = "entered";
const ZA_FULL_DOSE_MG = 4.0;
const ZA_FULL_ABOVE_CRCL = 60;
const ZA_MIN_CRCL = 30;
const ZA_INFUSION_MIN_MINUTES = 15;
const ZA_VIAL_MG = 4;
const ZA_CONCENTRATE_ML = 5;
const ZA_READY_TO_USE_ML = 100;
const ZA_DILUENT_ML = 100;
const PARACETAMOL_G = 1;
const FLU_LIKE_PERCENT = 20;
const FULL = "full";
const REDUCED_3_5 = "reduced_3_5";
const REDUCED_3_3 = "reduced_3_3";
const REDUCED_3_0 = "reduced_3_0";
const CONTRAINDICATED = "contraindicated";
const DENOSUMAB_SEVERE_RENAL_CRCL = 30;
const ZA_REDUCED_BANDS = [
  reducedBand(REDUCED_3_5, 50, 3.5, volumes(4.4, ZA_DILUENT_ML, 12)),
  reducedBand(REDUCED_3_3, 40, 3.3, volumes(4.1, ZA_DILUENT_ML, 18)),
  reducedBand(REDUCED_3_0, ZA_MIN_CRCL, 3.0, volumes(3.8, ZA_DILUENT_ML, 25)),
];
const CREATININE_RULES = {
  [MG_DL]: { normal_below: 1.4, increase_if_normal: 0.5, increase_if_abnormal: 1.0 },
  [UMOL_L]: { normal_below: 124, increase_if_normal: 44, increase_if_abnormal: 88 },
};
const RESUME_FACTOR = 1.1;
const RESUME_PERCENT = 10;
const GIVE = "give";
const WITHHOLD = "withhold";
const RESUME = "resume";
const KEEP_HOLDING = "keep_holding";
const RENAL_DECISION_LABELS = { // renal.DECISION_LABELS
  [GIVE]: N_("Give the dose"),
  [WITHHOLD]: N_("Withhold the dose"),
  [RESUME]: N_("Resume at the same dose"),
  [KEEP_HOLDING]: N_("Keep withholding"),
};
const CLEARANCE_FIELDS = ["crcl", "age", "weight", "creatinine"];
const RENAL_MSG = {
  cockcroftGault: N_("Cockcroft–Gault with the actual body weight (%(weight)s kg), computed in the unit entered."),
  dmabNoAdjustment: N_("Denosumab is not eliminated by the kidney: no dose adjustment for renal function."),
  dmabAdynamic: N_("Creatinine clearance below %(threshold)s mL/min: the patient may have adynamic renal "
    + "osteodystrophy, for which an antiresorptive is harmful."),
  dmabHypocalcaemia: N_("Severe renal impairment or dialysis: higher risk of hypocalcaemia on denosumab; "
    + "monitor calcium."),
  zaContraindicated: N_("Creatinine clearance below %(threshold)s mL/min: the chapter contraindicates "
    + "zoledronic acid; the product label says it is not recommended."),
  zaInfuse: N_("Infuse over at least %(minutes)s minutes; keep the patient well hydrated on the day of the "
    + "infusion and the day after."),
  zaParacetamol: N_("First infusion only: paracetamol %(grams)s g morning, noon and evening on the day of the "
    + "infusion and the day after, to prevent the flu-like syndrome (about %(percent)s%% of "
    + "patients). It is an inflammatory reaction, not an allergy, and usually does not recur."),
  zaCheckCreatinine: N_("Check serum creatinine before each dose."),
  zaNoRinger: N_("Never dilute in Ringer's lactate or any calcium-containing solution."),
  zaPreparing: N_("Preparing %(dose)s mg: from the %(mg)s mg/%(ml)s mL concentrate, draw %(draw)s mL and "
    + "dilute in %(diluent)s mL of saline or 5%% glucose; or from the ready-to-use %(mg)s mg/%(bottle)s mL "
    + "bottle, remove %(replace)s mL and replace it with saline."),
  withholdRule: N_("Withhold zoledronic acid when creatinine rises by %(normal)s %(unit)s or more from a normal "
    + "baseline (below %(normal_below)s %(unit)s), or by %(abnormal)s %(unit)s or more from an "
    + "abnormal one."),
  resumeRule: N_("Resume only when creatinine is back within %(percent)s%% of baseline, at the same dose."),
};

// ---- duration.py
const TREATMENT_MONTHS = 24;
const ZA_AFTER_DENOSUMAB_MONTHS = 3;
const REMODELLING_BASELINE_MONTHS = [12, 18];
const DURATION_MSG = {
  reassess: N_("Monthly treatment for %(months)s months, then reassess case by case: overall prognosis, "
    + "fracture risk, any new skeletal-related event, bone remodelling (rising serum CTX)."),
  onjAfter: N_("Jaw osteonecrosis becomes much more frequent after %(months)s months of treatment."),
  beyond: N_("Continuing denosumab beyond %(months)s months: weigh the benefit (fracture risk, skeletal "
    + "events) against the risks (hypocalcaemia, jaw osteonecrosis; tobacco, alcohol, poor oral "
    + "health)."),
  rebound: N_("Denosumab has no lasting effect once stopped: bone remodelling rebounds, then returns to "
    + "its pre-treatment level within %(min)s to %(max)s months."),
  fractures: N_("Stopping denosumab can be followed by multiple vertebral fractures."),
  consensus: N_("Expert consensus, without published data: one zoledronic acid infusion at the end of the "
    + "denosumab sequence, for example %(months)s months after the last injection or when serum CTX "
    + "rises."),
  ctx: N_("The CTX trigger is expert practice: the ESMO 2020 guidelines do not advise routine bone "
    + "turnover markers."),
};

// ---- onj.py
const EXPOSED_BONE_MORE_THAN_WEEKS = 8;
const EXPOSED_BONE_DURATION = "exposed_bone_duration";
const ANTIRESORPTIVE_EXPOSURE = "antiresorptive_exposure";
const CRANIOFACIAL_IRRADIATION = "craniofacial_irradiation";
const AAOMS_STAGING = {
  source: AAOMS_2022,
  definition_note: msg(N_("The AAOMS 2022 definition also counts bone that can be probed through a fistula and "
    + "treatment with antiangiogenic drugs, and excludes metastasis to the jaw.")),
  stages: [
    { stage: "at_risk", description: msg(N_("At risk: treated, no necrotic bone.")) },
    { stage: "0", description: msg(N_("Stage 0: no necrotic bone, but non-specific symptoms or clinical or "
      + "radiographic findings.")) },
    { stage: "1", description: msg(N_("Stage 1: exposed necrotic bone, or a fistula that probes to bone, "
      + "without symptoms or infection.")) },
    { stage: "2", description: msg(N_("Stage 2: as stage 1, with infection: pain, swelling, with or without "
      + "pus.")) },
    { stage: "3", description: msg(N_("Stage 3: as stage 2, with one or more of: pathological fracture, "
      + "extra-oral fistula, oro-antral fistula, osteolysis reaching the inferior border of the mandible or the "
      + "sinus floor.")) },
  ],
};
const ONJ_MSG = {
  meets: N_("Meets the definition of jaw osteonecrosis: refer the patient to a specialised centre."),
  duration: N_("Exposed bone for %(weeks)s weeks or less since it was identified and treated: "
    + "re-evaluate if it persists beyond %(weeks)s weeks."),
  exposure: N_("No current or past bisphosphonate or denosumab: not antiresorptive-related jaw "
    + "osteonecrosis by this definition."),
  irradiation: N_("Craniofacial irradiation in the history: consider osteoradionecrosis."),
};

// ---- checklists.py
const DENTAL_REVIEW_MONTHS = 6;
const LIFE_EXPECTANCY_MONTHS = 3;
const MSKCC_ONJ_PERCENT = [0.9, 10];
const ONJ_PERCENT = [1, 2];
const READY = "ready";
const NOT_READY = "not_ready";
const EMERGENCY_START = "emergency_start";
const VERDICT_LABELS = {
  [READY]: N_("Ready to start"),
  [NOT_READY]: N_("Not ready: items are missing"),
  [EMERGENCY_START]: N_("Emergency start with items missing"),
};
const MSKCC = info(msg(N_("Memorial Sloan Kettering series: jaw osteonecrosis in %(before)s%% of patients when "
  + "the dental visit came before denosumab, %(after)s%% when it came after."),
{ before: MSKCC_ONJ_PERCENT[0], after: MSKCC_ONJ_PERCENT[1] }), REF_MSKCC_DENTAL); // checklists._MSKCC
const BEFORE_FIRST_DOSE = [
  itemSpec("vitamin_d_checked", msg(N_("Vitamin D measured; any deficiency corrected.")), SECTION_1),
  itemSpec("renal_function_known", msg(N_("Serum creatinine and creatinine clearance known.")), SECTION_2_3),
  itemSpec("dental_assessment", msg(N_("Dental assessment by a specialist, with an orthopantomogram (panoramic "
    + "X-ray).")), SECTION_2_5, AGENTS, MSKCC),
  itemSpec("dental_care_completed", msg(N_("Dental care completed; after an extraction, healing and the "
    + "dentist's go-ahead.")), SECTION_2_3, AGENTS, MSKCC),
  itemSpec("calcium_planned", msg(N_("Calcium intake planned: %(min)s to %(max)s mg per day in total."),
    { min: TOTAL_MIN_MG, max: TOTAL_MAX_MG }), SECTION_2_4),
  itemSpec("concomitant_reviewed", msg(N_("Concomitant treatments reviewed: corticosteroids, angiogenesis "
    + "inhibitors (bevacizumab), head and neck radiotherapy.")), SECTION_2_4),
  itemSpec("za_crcl_ok", msg(N_("Creatinine clearance at least %(min)s mL/min."), { min: ZA_MIN_CRCL }),
    SECTION_2_4, [ZOLEDRONIC_ACID]),
  itemSpec("za_paracetamol_plan", msg(N_("Paracetamol planned on the first infusion day and the day after.")),
    SECTION_2_4, [ZOLEDRONIC_ACID]),
  itemSpec("za_hydration_plan", msg(N_("Good hydration planned on the infusion day and the day after.")),
    SECTION_2_4, [ZOLEDRONIC_ACID]),
  itemSpec("dmab_renal_warning_ack", msg(N_("If creatinine clearance is below %(threshold)s mL/min: risk of "
    + "adynamic renal osteodystrophy considered."), { threshold: DENOSUMAB_SEVERE_RENAL_CRCL }),
  SECTION_2_4, [DENOSUMAB]),
  itemSpec("booklet_given", msg(N_("Injection booklet given to the patient.")), SECTION_2_4, AGENTS,
    info(msg(N_("Above all for denosumab, which has no lasting effect once stopped: injections must "
      + "stay regular.")), SECTION_2_4)),
];
const FOLLOW_UP = [
  [AGENTS, followUpItem(
    "dental_review",
    msg(N_("Dental clinical review every %(months)s months; avoid extractions, prefer conservative dental "
      + "care."), { months: DENTAL_REVIEW_MONTHS }),
    SECTION_2_3, DENTAL_REVIEW_MONTHS,
    info(msg(N_("Jaw osteonecrosis occurs in %(min)s to %(max)s%% of patients on either agent."),
      { min: ONJ_PERCENT[0], max: ONJ_PERCENT[1] }), REF_HENRY_2011))],
  [AGENTS, followUpItem(
    "vitamin_d_maintenance",
    msg(N_("Vitamin D maintenance: %(dose)s IU of cholecalciferol by mouth every %(months)s months."),
      { dose: MAINTENANCE_DEFAULT.dose_iu, months: MAINTENANCE_DEFAULT.every_months }),
    SECTION_2_4, MAINTENANCE_DEFAULT.every_months,
    info(msg(N_("The chapter's closing recommendations give %(dose)s IU every month instead."),
      { dose: MAINTENANCE_ALTERNATIVE.dose_iu }), SECTION_2_5))],
  [AGENTS, followUpItem(
    "calcium_intake",
    msg(N_("Calcium intake: %(min)s to %(max)s mg per day in total, food and supplement."),
      { min: TOTAL_MIN_MG, max: TOTAL_MAX_MG }),
    SECTION_2_4)],
  [[ZOLEDRONIC_ACID], followUpItem(
    "creatinine_before_infusion",
    msg(N_("Serum creatinine before each infusion; withhold the dose if renal function worsens.")),
    LABEL_ZOLEDRONIC_ACID)],
  [[DENOSUMAB], followUpItem(
    "regular_injections",
    msg(N_("Injections kept regular: denosumab has no lasting effect once stopped.")),
    SECTION_2_4)],
];
const START = "start";
const START_AFTER_EVENT = "start_after_event";
const NOT_INDICATED = "not_indicated";
const NO_BONE_METASTASIS = "no_bone_metastasis";
const START_DECISION_LABELS = { // checklists.DECISION_LABELS
  [START]: N_("Start an antiresorptive"),
  [START_AFTER_EVENT]: N_("Start an antiresorptive after the skeletal-related event"),
  [NOT_INDICATED]: N_("Not indicated at this stage"),
  [NO_BONE_METASTASIS]: N_("No bone metastasis"),
};
const CHECKLIST_MSG = {
  emergency: N_("Emergency start: the items not done are listed; complete them as soon as possible."),
  bothAgents: N_("Zoledronic acid and denosumab both reduce and delay skeletal-related events."),
  noMetastasis: N_("Without a bone metastasis, this antiresorptive treatment does not apply."),
  afterEvent: N_("After a skeletal-related event, start whatever the expected survival: to relieve "
    + "pain, prevent hypercalcaemia and prevent the next event, which can follow "
    + "closely."),
  start: N_("Start from the discovery of the bone metastasis when life expectancy is over "
    + "%(months)s months."),
  highRisk: N_("All the more so as the lesions carry a high risk of skeletal-related event."),
  notIndicated: N_("Life expectancy of %(months)s months or less and no skeletal-related event: "
    + "the chapter does not propose starting; start if a skeletal-related event occurs."),
};

// ---- schedule.py
const FOUR_WEEKS = "4w";
const MONTHLY = "monthly";
const INTERVALS = [FOUR_WEEKS, MONTHLY];
const FOUR_WEEKS_DAYS = 28;
const DENOSUMAB_DOSE_MG = 120;
const LABEL_INTERVAL_WEEKS = 4;
const VITAMIN_D_LOADING = "vitamin_d_loading";
const VITAMIN_D_MAINTENANCE = "vitamin_d_maintenance";
const DENTAL_REVIEW = "dental_review";
const CREATININE_CHECK = "creatinine_check";
const INJECTION = "injection";
const ZOLEDRONIC_ACID_AFTER_DENOSUMAB = "zoledronic_acid_after_denosumab";
const PARACETAMOL = "paracetamol";
const REASSESSMENT = "reassessment";
const KIND_ORDER = [
  VITAMIN_D_LOADING,
  VITAMIN_D_MAINTENANCE,
  DENTAL_REVIEW,
  CREATININE_CHECK,
  INJECTION,
  ZOLEDRONIC_ACID_AFTER_DENOSUMAB,
  PARACETAMOL,
  REASSESSMENT,
];
const SCHEDULE_MSG = {
  regular: N_("Keep injections regular: denosumab has no lasting effect once stopped."),
  labelInterval: N_("The product label gives an interval of %(weeks)s weeks; the chapter says monthly."),
  noCrcl: N_("No creatinine clearance given: the zoledronic acid dose depends on it and is not shown."),
  switchContraindicated: N_("Creatinine clearance below %(threshold)s mL/min: zoledronic acid after "
    + "denosumab is contraindicated (chapter) and not recommended (label)."),
  noVitaminD: N_("Vitamin D above the recommended range: no vitamin D doses scheduled."),
  crclContraindicated: N_("Creatinine clearance below %(threshold)s mL/min: zoledronic acid is "
    + "contraindicated."),
  stopDenosumabOnly: N_("A stop date applies to denosumab only."),
  stopBeforeStart: N_("The stop date cannot be before the first injection."),
};

// ---- Every constant above, by "module.NAME" (compared with the Python attributes by a test).
export const CONSTANTS = {
  "tolerance.EPSILON": EPSILON,
  "agents.ZOLEDRONIC_ACID": ZOLEDRONIC_ACID,
  "agents.DENOSUMAB": DENOSUMAB,
  "agents.AGENTS": AGENTS,
  "sources.SECTION_1": SECTION_1,
  "sources.SECTION_2_1": SECTION_2_1,
  "sources.SECTION_2_2": SECTION_2_2,
  "sources.SECTION_2_3": SECTION_2_3,
  "sources.SECTION_2_4": SECTION_2_4,
  "sources.SECTION_2_5": SECTION_2_5,
  "sources.REF_ROSEN_2004": REF_ROSEN_2004,
  "sources.REF_GRIO_VITAMIN_D": REF_GRIO_VITAMIN_D,
  "sources.REF_HENRY_2011": REF_HENRY_2011,
  "sources.REF_ESMO_2014": REF_ESMO_2014,
  "sources.REF_MSKCC_DENTAL": REF_MSKCC_DENTAL,
  "sources.REF_ASBMR_ONJ": REF_ASBMR_ONJ,
  "sources.REF_ONJ_AFTER_24_MONTHS": REF_ONJ_AFTER_24_MONTHS,
  "sources.REF_DENOSUMAB_OFFSET": REF_DENOSUMAB_OFFSET,
  "sources.LABEL_ZOLEDRONIC_ACID": LABEL_ZOLEDRONIC_ACID,
  "sources.LABEL_DENOSUMAB": LABEL_DENOSUMAB,
  "sources.AAOMS_2022": AAOMS_2022,
  "sources.ESMO_2020": ESMO_2020,
  "sources.FOOD_CALCIUM_TABLES": FOOD_CALCIUM_TABLES,
  "parse.MAX_CHARS": MAX_CHARS,
  "parse.WHITESPACE": WHITESPACE,
  "parse._DECIMAL": DECIMAL_PATTERN,
  "parse._GROUPED": GROUPED_PATTERN,
  "parse._ISO_DATE": ISO_DATE_PATTERN,
  "parse._TRUE": TRUE_WORDS,
  "parse._FALSE": FALSE_WORDS,
  "parse.REQUIRED": REQUIRED,
  "parse.TOO_LONG": TOO_LONG,
  "parse.NOT_A_NUMBER": NOT_A_NUMBER,
  "parse.AMBIGUOUS_NUMBER": AMBIGUOUS_NUMBER,
  "parse.NOT_A_DATE": NOT_A_DATE,
  "parse.NOT_A_BOOLEAN": NOT_A_BOOLEAN,
  "parse.NOT_A_CHOICE": NOT_A_CHOICE,
  "limits.RANGE_WITH_UNIT": RANGE_WITH_UNIT,
  "limits.RANGE_AGE": RANGE_AGE,
  "limits.RANGE_MG_PER_DAY": RANGE_MG_PER_DAY,
  "limits.RANGE_PER_DAY": RANGE_PER_DAY,
  "limits.RANGE_WEEKS": RANGE_WEEKS,
  "limits.RANGE_DATE": RANGE_DATE,
  "limits.AGE": AGE,
  "limits.WEIGHT": WEIGHT,
  "limits.CREATININE_UMOL": CREATININE_UMOL,
  "limits.CREATININE_MGDL": CREATININE_MGDL,
  "limits.CRCL": CRCL,
  "limits.VITAMIN_D_NG": VITAMIN_D_NG,
  "limits.VITAMIN_D_NMOL": VITAMIN_D_NMOL,
  "limits.DIETARY_CALCIUM": DIETARY_CALCIUM,
  "limits.CALCIUM_SUPPLEMENT": CALCIUM_SUPPLEMENT,
  "limits.FOOD_PORTIONS": FOOD_PORTIONS,
  "limits.ONJ_WEEKS": ONJ_WEEKS,
  "limits.DATES": { min: isoDate(DATES.min), max: isoDate(DATES.max) },
  "vitamin_d.NG_ML": NG_ML,
  "vitamin_d.NMOL_L": NMOL_L,
  "vitamin_d.UNITS": UNITS,
  "vitamin_d.NMOL_PER_NG": NMOL_PER_NG,
  "vitamin_d.LEVEL_RANGES": LEVEL_RANGES,
  "vitamin_d.LOADING_DOSE_IU": LOADING_DOSE_IU,
  "vitamin_d.LOADING_INTERVAL_DAYS": LOADING_INTERVAL_DAYS,
  "vitamin_d.DAILY_NEED_IU": DAILY_NEED_IU,
  "vitamin_d.DEFICIENCY": DEFICIENCY,
  "vitamin_d.INSUFFICIENCY": INSUFFICIENCY,
  "vitamin_d.RECOMMENDED": RECOMMENDED,
  "vitamin_d.ABOVE_RECOMMENDED": ABOVE_RECOMMENDED,
  "vitamin_d.POSSIBLE_TOXICITY": POSSIBLE_TOXICITY,
  "vitamin_d.CATEGORY_LABELS": CATEGORY_LABELS,
  "vitamin_d.CUTOFFS": CUTOFFS,
  "vitamin_d.MAINTENANCE_DEFAULT": MAINTENANCE_DEFAULT,
  "vitamin_d.MAINTENANCE_ALTERNATIVE": MAINTENANCE_ALTERNATIVE,
  "calcium.TOTAL_MIN_MG": TOTAL_MIN_MG,
  "calcium.TOTAL_MAX_MG": TOTAL_MAX_MG,
  "calcium.ADULT_RECOMMENDED_MG": ADULT_RECOMMENDED_MG,
  "calcium.SUPPLEMENT_STEPS_MG": SUPPLEMENT_STEPS_MG,
  "calcium.NON_DAIRY_BASELINE_MG": NON_DAIRY_BASELINE_MG,
  "calcium.LABEL_CALCIUM_MG": LABEL_CALCIUM_MG,
  "calcium.LABEL_VITAMIN_D_IU": LABEL_VITAMIN_D_IU,
  "calcium.BELOW": BELOW,
  "calcium.WITHIN": WITHIN,
  "calcium.ABOVE": ABOVE,
  "calcium.FOODS": FOODS,
  "renal.MALE": MALE,
  "renal.FEMALE": FEMALE,
  "renal.SEXES": SEXES,
  "renal.UMOL_L": UMOL_L,
  "renal.MG_DL": MG_DL,
  "renal.CREATININE_UNITS": CREATININE_UNITS,
  "renal.UNIT_SYMBOLS": UNIT_SYMBOLS,
  "renal.CREATININE_RANGES": CREATININE_RANGES,
  "renal.CG_AGE_FROM": CG_AGE_FROM,
  "renal.CG_K_UMOL": CG_K_UMOL,
  "renal.CG_MGDL_DIVISOR": CG_MGDL_DIVISOR,
  "renal.CG_FEMALE_FACTOR_MGDL": CG_FEMALE_FACTOR_MGDL,
  "renal.FORMULA_UMOL": FORMULA_UMOL,
  "renal.FORMULA_MGDL": FORMULA_MGDL,
  "renal.FORMULA_ENTERED": FORMULA_ENTERED,
  "renal.ZA_FULL_DOSE_MG": ZA_FULL_DOSE_MG,
  "renal.ZA_FULL_ABOVE_CRCL": ZA_FULL_ABOVE_CRCL,
  "renal.ZA_MIN_CRCL": ZA_MIN_CRCL,
  "renal.ZA_INFUSION_MIN_MINUTES": ZA_INFUSION_MIN_MINUTES,
  "renal.ZA_VIAL_MG": ZA_VIAL_MG,
  "renal.ZA_CONCENTRATE_ML": ZA_CONCENTRATE_ML,
  "renal.ZA_READY_TO_USE_ML": ZA_READY_TO_USE_ML,
  "renal.ZA_DILUENT_ML": ZA_DILUENT_ML,
  "renal.PARACETAMOL_G": PARACETAMOL_G,
  "renal.FLU_LIKE_PERCENT": FLU_LIKE_PERCENT,
  "renal.FULL": FULL,
  "renal.REDUCED_3_5": REDUCED_3_5,
  "renal.REDUCED_3_3": REDUCED_3_3,
  "renal.REDUCED_3_0": REDUCED_3_0,
  "renal.CONTRAINDICATED": CONTRAINDICATED,
  "renal.DENOSUMAB_SEVERE_RENAL_CRCL": DENOSUMAB_SEVERE_RENAL_CRCL,
  "renal.ZA_REDUCED_BANDS": ZA_REDUCED_BANDS,
  "renal.CREATININE_RULES": CREATININE_RULES,
  "renal.RESUME_FACTOR": RESUME_FACTOR,
  "renal.RESUME_PERCENT": RESUME_PERCENT,
  "renal.GIVE": GIVE,
  "renal.WITHHOLD": WITHHOLD,
  "renal.RESUME": RESUME,
  "renal.KEEP_HOLDING": KEEP_HOLDING,
  "renal.DECISION_LABELS": RENAL_DECISION_LABELS,
  "renal.CLEARANCE_FIELDS": CLEARANCE_FIELDS,
  "duration.TREATMENT_MONTHS": TREATMENT_MONTHS,
  "duration.ZA_AFTER_DENOSUMAB_MONTHS": ZA_AFTER_DENOSUMAB_MONTHS,
  "duration.REMODELLING_BASELINE_MONTHS": REMODELLING_BASELINE_MONTHS,
  "onj.EXPOSED_BONE_MORE_THAN_WEEKS": EXPOSED_BONE_MORE_THAN_WEEKS,
  "onj.EXPOSED_BONE_DURATION": EXPOSED_BONE_DURATION,
  "onj.ANTIRESORPTIVE_EXPOSURE": ANTIRESORPTIVE_EXPOSURE,
  "onj.CRANIOFACIAL_IRRADIATION": CRANIOFACIAL_IRRADIATION,
  "onj.AAOMS_STAGING": AAOMS_STAGING,
  "checklists.DENTAL_REVIEW_MONTHS": DENTAL_REVIEW_MONTHS,
  "checklists.LIFE_EXPECTANCY_MONTHS": LIFE_EXPECTANCY_MONTHS,
  "checklists.MSKCC_ONJ_PERCENT": MSKCC_ONJ_PERCENT,
  "checklists.ONJ_PERCENT": ONJ_PERCENT,
  "checklists.READY": READY,
  "checklists.NOT_READY": NOT_READY,
  "checklists.EMERGENCY_START": EMERGENCY_START,
  "checklists.VERDICT_LABELS": VERDICT_LABELS,
  "checklists._MSKCC": MSKCC,
  "checklists.BEFORE_FIRST_DOSE": BEFORE_FIRST_DOSE,
  "checklists.FOLLOW_UP": FOLLOW_UP,
  "checklists.START": START,
  "checklists.START_AFTER_EVENT": START_AFTER_EVENT,
  "checklists.NOT_INDICATED": NOT_INDICATED,
  "checklists.NO_BONE_METASTASIS": NO_BONE_METASTASIS,
  "checklists.DECISION_LABELS": START_DECISION_LABELS,
  "schedule.FOUR_WEEKS": FOUR_WEEKS,
  "schedule.MONTHLY": MONTHLY,
  "schedule.INTERVALS": INTERVALS,
  "schedule.FOUR_WEEKS_DAYS": FOUR_WEEKS_DAYS,
  "schedule.DENOSUMAB_DOSE_MG": DENOSUMAB_DOSE_MG,
  "schedule.LABEL_INTERVAL_WEEKS": LABEL_INTERVAL_WEEKS,
  "schedule.VITAMIN_D_LOADING": VITAMIN_D_LOADING,
  "schedule.VITAMIN_D_MAINTENANCE": VITAMIN_D_MAINTENANCE,
  "schedule.DENTAL_REVIEW": DENTAL_REVIEW,
  "schedule.CREATININE_CHECK": CREATININE_CHECK,
  "schedule.INJECTION": INJECTION,
  "schedule.ZOLEDRONIC_ACID_AFTER_DENOSUMAB": ZOLEDRONIC_ACID_AFTER_DENOSUMAB,
  "schedule.PARACETAMOL": PARACETAMOL,
  "schedule.REASSESSMENT": REASSESSMENT,
  "schedule.KIND_ORDER": KIND_ORDER,
};

/** Every msgid of the mirror (compared with every N_("…") of webapp/clinical by a test). */
export const MSGIDS = [...MSGID_SET];

// =====================================================================================================
// Building blocks: sources.py, messages.py, limits.py (constructors used by the constants above).
// Function declarations are hoisted, so the constant block may call them.
// =====================================================================================================

function reference(number) { return { type: "reference", number }; } // sources.reference → as_dict
function section(number) { return { type: "section", section: number }; } // sources.section
function label(product) { return { type: "label", product }; } // sources.label
function external(citation) { return { type: "external", citation }; } // sources.external

/** sources.unique: first-seen order, each source once (equality on type and value). */
function unique(sources) {
  const seen = new Set();
  const out = [];
  for (const s of sources) {
    const key = JSON.stringify(s);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}

/** messages.msg: a msgid and its raw parameters. */
function msg(msgid, params = {}) { return { msgid, params: { ...params } }; }
/** messages.Note / info / warning. */
function info(message, ...sources) { return { message, sources, severity: "info" }; }
function warning(message, ...sources) { return { message, sources, severity: "warning" }; }
function notesSources(notes) { return notes.flatMap((note) => note.sources); }

/** limits.Range (bounds inclusive). */
function range(min, max, msgid, unit = null) { return { min, max, msgid, unit }; }
function rangeContains(r, value) { return r.min <= value && value <= r.max; }
function rangeMessage(r) {
  return r.unit === null ? msg(r.msgid, { min: r.min, max: r.max })
    : msg(r.msgid, { min: r.min, max: r.max, unit: r.unit });
}
function datesMessage() { return msg(RANGE_DATE, { min: isoDate(DATES.min), max: isoDate(DATES.max) }); }

function cutoffs(deficiency_below, three_doses_below, recommended_from, recommended_to, toxicity_above) {
  return { deficiency_below, three_doses_below, recommended_from, recommended_to, toxicity_above };
}
function food(param, mg_per_portion, question, calcium_rich_water = false) {
  return { param, mg_per_portion, question, calcium_rich_water };
}
function volumes(concentrate_draw_ml, diluent_ml, ready_to_use_replace_ml) {
  return { concentrate_draw_ml, diluent_ml, ready_to_use_replace_ml };
}
function reducedBand(key, crcl_from, dose_mg, vols) { return { key, crcl_from, dose_mg, volumes: vols }; }
function itemSpec(key, lbl, source, agents = AGENTS, note = null) {
  return { key, label: lbl, source, agents, note };
}
function followUpItem(key, lbl, source, every_months = null, note = null) {
  return { key, label: lbl, source, every_months, note };
}

// =====================================================================================================
// Dates — dates.py, on integer day numbers (days since 1970-01-01, proleptic Gregorian).
// =====================================================================================================

function daysFromCivil(y, m, d) {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days) {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function isLeap(y) { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; }
function daysInMonth(y, m) { return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]; }

/** date.isoformat(). */
function isoDate(days) {
  const [y, m, d] = civilFromDays(days);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
function isoOrNull(days) { return days === null ? null : isoDate(days); }

/** dates.add_months: same day `months` calendar months later, clamped to the month's last day. */
function addMonths(days, months) {
  const [y, m, d] = civilFromDays(days);
  const index = m - 1 + months;
  const year = y + Math.floor(index / 12);
  const month = (((index % 12) + 12) % 12) + 1;
  return daysFromCivil(year, month, Math.min(d, daysInMonth(year, month)));
}

// =====================================================================================================
// Parsing — parse.py
// =====================================================================================================

const DECIMAL_RE = new RegExp(`^(?:${DECIMAL_PATTERN})$`);
const GROUPED_RE = new RegExp(`^(?:${GROUPED_PATTERN})$`);
const ISO_DATE_RE = new RegExp(`^(?:${ISO_DATE_PATTERN})$`);

class FieldError extends Error {
  constructor(message) {
    super(message.msgid);
    this.fieldMessage = message;
  }
}

/** Python len(): code points, not UTF-16 units. */
function pyLen(text) {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** str.strip(WHITESPACE). */
function strip(text) {
  let start = 0;
  let end = text.length;
  while (start < end && WHITESPACE.includes(text[start])) start += 1;
  while (end > start && WHITESPACE.includes(text[end - 1])) end -= 1;
  return text.slice(start, end);
}

/** parse._clean: raises when too long (before trimming). */
function clean(text) {
  if (text === null || text === undefined) return "";
  if (pyLen(text) > MAX_CHARS) throw new FieldError(msg(TOO_LONG, { max: MAX_CHARS }));
  return strip(text);
}

/** parse.is_blank */
function isBlank(text) { return text === null || text === undefined || strip(text) === ""; }

/**
 * parse.parse_decimal: float(text with "," → ".") + 0.0, checked against bounds.
 * "1,500" is refused as ambiguous only when its grouped reading (1500) is also within bounds.
 */
function parseDecimal(text, bounds = null) {
  const body = clean(text);
  if (body === "") throw new FieldError(msg(REQUIRED));
  if (!DECIMAL_RE.test(body)) throw new FieldError(msg(NOT_A_NUMBER));
  if (bounds !== null && GROUPED_RE.test(body)) {
    if (rangeContains(bounds, Number(body.replace(",", "").replace(".", "")))) {
      throw new FieldError(msg(AMBIGUOUS_NUMBER));
    }
  }
  const value = Number(body.replace(",", ".")) + 0; // + 0 turns -0 into 0, like Python's + 0.0
  if (bounds !== null && !rangeContains(bounds, value)) throw new FieldError(rangeMessage(bounds));
  return value;
}

/** parse.parse_date: ISO YYYY-MM-DD (date.fromisoformat rules), within limits.DATES. */
function parseDate(text) {
  const body = clean(text);
  if (body === "") throw new FieldError(msg(REQUIRED));
  if (!ISO_DATE_RE.test(body)) throw new FieldError(msg(NOT_A_DATE));
  const y = Number(body.slice(0, 4));
  const m = Number(body.slice(5, 7));
  const d = Number(body.slice(8, 10));
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw new FieldError(msg(NOT_A_DATE));
  const value = daysFromCivil(y, m, d);
  if (!(DATES.min <= value && value <= DATES.max)) throw new FieldError(datesMessage());
  return value;
}

/** parse.parse_bool */
function parseBool(text) {
  const body = clean(text).toLowerCase();
  if (TRUE_WORDS.includes(body)) return true;
  if (FALSE_WORDS.includes(body)) return false;
  throw new FieldError(msg(NOT_A_BOOLEAN));
}

/** parse.parse_choice */
function parseChoice(text, choices, defaultValue = null) {
  const body = clean(text);
  if (body === "") {
    if (defaultValue === null) throw new FieldError(msg(REQUIRED));
    return defaultValue;
  }
  if (!choices.includes(body)) throw new FieldError(msg(NOT_A_CHOICE, { choices: choices.join(", ") }));
  return body;
}

/** parse.Fields: reads a request field by field, keeping the first error of each field. */
class Fields {
  constructor(params) {
    this.params = params;
    this.errors = {};
  }

  get(name) {
    return Object.prototype.hasOwnProperty.call(this.params, name) ? this.params[name] : null;
  }

  given(name) { return !isBlank(this.get(name)); }

  attempt(name, parse, placeholder) {
    try {
      return parse(this.get(name));
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      this.reject(name, error.fieldMessage);
      return placeholder;
    }
  }

  number(name, bounds) { return this.attempt(name, (t) => parseDecimal(t, bounds), NaN); }
  optionalNumber(name, bounds) { return this.given(name) ? this.number(name, bounds) : null; }
  date(name) { return this.attempt(name, parseDate, DATES.min); }
  optionalDate(name) { return this.given(name) ? this.date(name) : null; }
  flag(name) { return this.attempt(name, parseBool, false); }
  choice(name, choices, defaultValue = null) {
    return this.attempt(name, (t) => parseChoice(t, choices, defaultValue), "");
  }

  reject(name, message) {
    if (!Object.prototype.hasOwnProperty.call(this.errors, name)) this.errors[name] = message;
  }

  ok(...names) { return !names.some((name) => Object.prototype.hasOwnProperty.call(this.errors, name)); }

  failed() { return Object.keys(this.errors).length > 0; }
}

/** dict.get on a constant mapping: null when absent (e.g. an invalid unit gives no bounds). */
function lookup(mapping, key) {
  return Object.prototype.hasOwnProperty.call(mapping, key) ? mapping[key] : null;
}

// =====================================================================================================
// Vitamin D — vitamin_d.py
// =====================================================================================================

/** vitamin_d.classify */
function classifyVitaminD(level, unit) {
  const cut = CUTOFFS[unit];
  if (level < cut.deficiency_below) return DEFICIENCY;
  if (level < cut.recommended_from) return INSUFFICIENCY;
  if (level <= cut.recommended_to) return RECOMMENDED;
  if (level <= cut.toxicity_above) return ABOVE_RECOMMENDED;
  return POSSIBLE_TOXICITY;
}

/** vitamin_d.loading_dose_count */
function loadingDoseCount(level, unit) {
  const cut = CUTOFFS[unit];
  if (level < cut.deficiency_below) return 4;
  if (level < cut.three_doses_below) return 3;
  if (level < cut.recommended_from) return 2;
  return 0;
}

/** vitamin_d.loading_doses */
function loadingDoses(count, start) {
  const doses = [];
  for (let i = 0; i < count; i += 1) {
    const day = i * LOADING_INTERVAL_DAYS;
    doses.push({ day, date: start === null ? null : isoDate(start + day), dose_iu: LOADING_DOSE_IU });
  }
  return doses;
}

/** vitamin_d.convert */
function convertVitaminD(level, unit) {
  if (unit === NG_ML) return { value: level * NMOL_PER_NG, unit: NMOL_L, approximate: true };
  return { value: level / NMOL_PER_NG, unit: NG_ML, approximate: true };
}

/** vitamin_d.maintenance */
function vitaminDMaintenance() {
  const note = info(
    msg(VD_MSG.maintenance, {
      dose: MAINTENANCE_DEFAULT.dose_iu,
      months: MAINTENANCE_DEFAULT.every_months,
      alt_dose: MAINTENANCE_ALTERNATIVE.dose_iu,
    }),
    SECTION_1, SECTION_2_4, SECTION_2_5,
  );
  return { default: MAINTENANCE_DEFAULT, alternative: MAINTENANCE_ALTERNATIVE, note };
}

/** vitamin_d._notes */
function vitaminDNotes(category, unit, dosing) {
  const cut = CUTOFFS[unit];
  const notes = [];
  if (category === DEFICIENCY || category === INSUFFICIENCY) {
    const notice = category === DEFICIENCY ? warning : info;
    notes.push(notice(msg(VD_MSG.correctFirst), SECTION_1));
  }
  if (dosing) {
    notes.push(info(msg(VD_MSG.useD3, { dose: LOADING_DOSE_IU }), SECTION_1));
    notes.push(info(msg(VD_MSG.dailyNeed, { min: DAILY_NEED_IU[0], max: DAILY_NEED_IU[1] }), SECTION_1));
    notes.push(info(msg(VD_MSG.target, { ng: CUTOFFS[NG_ML].recommended_from, nmol: CUTOFFS[NMOL_L].recommended_from }),
      SECTION_1, REF_GRIO_VITAMIN_D));
  }
  if (category === ABOVE_RECOMMENDED) notes.push(info(msg(VD_MSG.aboveRecommended), REF_GRIO_VITAMIN_D));
  if (category === POSSIBLE_TOXICITY) {
    notes.push(warning(msg(VD_MSG.toxicity, { threshold: cut.toxicity_above, unit }), REF_GRIO_VITAMIN_D));
  }
  return notes;
}

/** vitamin_d.assess (start: day number or null). */
function assessVitaminD(level, unit, start = null) {
  const category = classifyVitaminD(level, unit);
  const dosing = [DEFICIENCY, INSUFFICIENCY, RECOMMENDED].includes(category);
  const plan = dosing ? vitaminDMaintenance() : null;
  const notes = vitaminDNotes(category, unit, dosing);
  const sources = unique([REF_GRIO_VITAMIN_D, SECTION_1, ...notesSources(notes), ...(plan ? plan.note.sources : [])]);
  return {
    category,
    category_label: msg(CATEGORY_LABELS[category]),
    level,
    unit,
    converted: convertVitaminD(level, unit),
    start: isoOrNull(start),
    loading_doses: loadingDoses(loadingDoseCount(level, unit), start),
    maintenance: plan,
    notes,
    sources,
  };
}

/** vitamin_d.read_level */
function readLevel(fields, levelName, unitName) {
  const unit = fields.choice(unitName, UNITS, NG_ML);
  return [fields.optionalNumber(levelName, lookup(LEVEL_RANGES, unit)), unit];
}

/** vitamin_d.run */
function runVitaminD(params) {
  const fields = new Fields(params);
  const unit = fields.choice("unit", UNITS, NG_ML);
  const level = fields.number("level", lookup(LEVEL_RANGES, unit));
  const start = fields.optionalDate("start");
  if (fields.failed()) return fields;
  return assessVitaminD(level, unit, start);
}

// =====================================================================================================
// Calcium — calcium.py
// =====================================================================================================

/** calcium.estimate_dietary */
function estimateDietary(portions) {
  let total = NON_DAIRY_BASELINE_MG;
  for (const f of FOODS) total += lookupOr(portions, f.param, 0.0) * f.mg_per_portion;
  return total;
}

function lookupOr(mapping, key, fallback) {
  return Object.prototype.hasOwnProperty.call(mapping, key) ? mapping[key] : fallback;
}

/** calcium.intake_status */
function intakeStatus(totalMg) {
  if (totalMg < TOTAL_MIN_MG - EPSILON) return BELOW;
  if (totalMg > TOTAL_MAX_MG + EPSILON) return ABOVE;
  return WITHIN;
}

/** calcium.supplement_needed */
function supplementNeeded(dietaryMg) {
  return dietaryMg >= TOTAL_MIN_MG - EPSILON ? 0.0 : TOTAL_MIN_MG - dietaryMg;
}

/** calcium.proposed_supplement */
function proposedSupplement(dietaryMg) {
  for (const step of SUPPLEMENT_STEPS_MG) {
    if (intakeStatus(dietaryMg + step) === WITHIN) return step;
  }
  return null;
}

/** calcium._status_label */
function calciumStatusLabel(status) {
  if (status === BELOW) return msg(CA_MSG.below, { min: TOTAL_MIN_MG });
  if (status === ABOVE) return msg(CA_MSG.above, { max: TOTAL_MAX_MG });
  return msg(CA_MSG.within, { min: TOTAL_MIN_MG, max: TOTAL_MAX_MG });
}

/** calcium.assess */
function assessCalcium(dietaryMg, supplementMg = 0.0, estimated = false, calciumRichWater = false) {
  const total = dietaryMg + supplementMg;
  const status = intakeStatus(total);
  const proposed = proposedSupplement(dietaryMg);
  const notes = [
    info(msg(CA_MSG.aim, { min: TOTAL_MIN_MG, max: TOTAL_MAX_MG }), SECTION_1, SECTION_2_4),
    info(msg(CA_MSG.midMorning), SECTION_1),
    info(msg(CA_MSG.adults, { mg: ADULT_RECOMMENDED_MG }), SECTION_1),
    info(msg(CA_MSG.labels, { calcium: LABEL_CALCIUM_MG, vitamin_d: LABEL_VITAMIN_D_IU }),
      LABEL_ZOLEDRONIC_ACID, LABEL_DENOSUMAB),
  ];
  if (proposed === null) notes.push(info(msg(CA_MSG.noSupplement, { max: TOTAL_MAX_MG }), SECTION_2_4));
  if (estimated) notes.push(info(msg(CA_MSG.estimate, { mg: NON_DAIRY_BASELINE_MG }), FOOD_CALCIUM_TABLES));
  if (calciumRichWater) notes.push(info(msg(CA_MSG.water), FOOD_CALCIUM_TABLES));
  return {
    dietary_mg: dietaryMg,
    estimated,
    supplement_mg: supplementMg,
    total_mg: total,
    status,
    status_label: calciumStatusLabel(status),
    supplement_needed_mg: supplementNeeded(dietaryMg),
    proposed_supplement_mg: proposed,
    notes,
    sources: unique(notesSources(notes)),
  };
}

/** calcium.run */
function runCalcium(params) {
  const fields = new Fields(params);
  const typed = fields.optionalNumber("supplement_mg", CALCIUM_SUPPLEMENT);
  // Python: `… or 0.0` (None and 0.0 give 0.0; NaN, truthy in Python, stays NaN).
  const supplement = typed === null || typed === 0 ? 0.0 : typed;
  if (!fields.given("dietary_mg") && FOODS.some((f) => fields.given(f.param))) {
    const portions = {};
    for (const f of FOODS) {
      if (fields.given(f.param)) portions[f.param] = fields.number(f.param, FOOD_PORTIONS);
    }
    if (fields.failed()) return fields;
    const water = FOODS.some((f) => f.calcium_rich_water && lookupOr(portions, f.param, 0.0) > 0);
    return assessCalcium(estimateDietary(portions), supplement, true, water);
  }
  if (!fields.given("dietary_mg")) fields.reject("dietary_mg", msg(CA_MSG.dietaryRequired));
  const dietary = fields.number("dietary_mg", DIETARY_CALCIUM);
  if (fields.failed()) return fields;
  return assessCalcium(dietary, supplement);
}

// =====================================================================================================
// Renal function — renal.py
// =====================================================================================================

/** renal.cockcroft_gault: exactly Python's order of operations. */
function cockcroftGault(age, weightKg, sex, creatinine, unit) {
  if (unit === UMOL_L) return (CG_AGE_FROM - age) * weightKg * CG_K_UMOL[sex] / creatinine;
  const crcl = (CG_AGE_FROM - age) * weightKg / (CG_MGDL_DIVISOR * creatinine);
  return sex === FEMALE ? crcl * CG_FEMALE_FACTOR_MGDL : crcl;
}

/** renal.creatinine_clearance */
function creatinineClearance(age, weightKg, sex, creatinine, unit) {
  const note = info(msg(RENAL_MSG.cockcroftGault, { weight: weightKg }), SECTION_2_4, LABEL_ZOLEDRONIC_ACID);
  return {
    crcl_ml_min: cockcroftGault(age, weightKg, sex, creatinine, unit),
    formula: unit === UMOL_L ? FORMULA_UMOL : FORMULA_MGDL,
    weight_kg: weightKg,
    age,
    sex,
    creatinine,
    unit,
    notes: [note],
    sources: note.sources,
  };
}

/** renal.read_cockcroft_gault → a CockcroftGaultInput (tagged object). */
function readCockcroftGault(fields) {
  const unit = fields.choice("unit", CREATININE_UNITS, UMOL_L);
  const age = fields.number("age", AGE);
  const weightKg = fields.number("weight", WEIGHT);
  const sex = fields.choice("sex", SEXES);
  const creatinine = fields.number("creatinine", lookup(CREATININE_RANGES, unit));
  return { cockcroftGault: true, age, weightKg, sex, creatinine, unit };
}

function computeClearance(input) {
  return creatinineClearance(input.age, input.weightKg, input.sex, input.creatinine, input.unit);
}

/** renal.clearance_given */
function clearanceGiven(fields) { return CLEARANCE_FIELDS.some((name) => fields.given(name)); }

/** renal.read_clearance: a typed CrCl (number) or Cockcroft–Gault inputs. */
function readClearance(fields) {
  if (fields.given("crcl")) return fields.number("crcl", CRCL);
  return readCockcroftGault(fields);
}

/** renal.zoledronic_dose */
function zoledronicDose(crcl) {
  if (crcl > ZA_FULL_ABOVE_CRCL + EPSILON) return { band: FULL, dose_mg: ZA_FULL_DOSE_MG, volumes: null };
  for (const band of ZA_REDUCED_BANDS) {
    if (crcl >= band.crcl_from - EPSILON) return { band: band.key, dose_mg: band.dose_mg, volumes: band.volumes };
  }
  return { band: CONTRAINDICATED, dose_mg: null, volumes: null };
}

/** renal.severe_renal_impairment */
function severeRenalImpairment(crcl) { return crcl < DENOSUMAB_SEVERE_RENAL_CRCL - EPSILON; }

/** renal.denosumab_renal */
function denosumabRenal(crcl) {
  const notes = [info(msg(RENAL_MSG.dmabNoAdjustment), SECTION_2_4)];
  const severe = severeRenalImpairment(crcl);
  if (severe) {
    notes.push(warning(msg(RENAL_MSG.dmabAdynamic, { threshold: DENOSUMAB_SEVERE_RENAL_CRCL }), SECTION_2_4));
    notes.push(warning(msg(RENAL_MSG.dmabHypocalcaemia), LABEL_DENOSUMAB));
  }
  return { dose_adjustment: false, severe_renal_impairment: severe, notes };
}

/** renal._zoledronic_notes */
function zoledronicNotes(dose) {
  if (dose.band === CONTRAINDICATED) {
    return [warning(msg(RENAL_MSG.zaContraindicated, { threshold: ZA_MIN_CRCL }), SECTION_2_4, LABEL_ZOLEDRONIC_ACID)];
  }
  const notes = [
    info(msg(RENAL_MSG.zaInfuse, { minutes: ZA_INFUSION_MIN_MINUTES }), SECTION_2_4),
    info(msg(RENAL_MSG.zaParacetamol, { grams: PARACETAMOL_G, percent: FLU_LIKE_PERCENT }), SECTION_2_4),
    info(msg(RENAL_MSG.zaCheckCreatinine), LABEL_ZOLEDRONIC_ACID),
    warning(msg(RENAL_MSG.zaNoRinger), LABEL_ZOLEDRONIC_ACID),
  ];
  if (dose.volumes !== null && dose.dose_mg !== null) {
    notes.push(info(msg(RENAL_MSG.zaPreparing, {
      dose: dose.dose_mg,
      mg: ZA_VIAL_MG,
      ml: ZA_CONCENTRATE_ML,
      draw: dose.volumes.concentrate_draw_ml,
      diluent: dose.volumes.diluent_ml,
      bottle: ZA_READY_TO_USE_ML,
      replace: dose.volumes.ready_to_use_replace_ml,
    }), LABEL_ZOLEDRONIC_ACID));
  }
  return notes;
}

/** renal.zoledronic_acid */
function zoledronicAcid(crcl, formula = FORMULA_ENTERED, weightKg = null) {
  const dose = zoledronicDose(crcl);
  const notes = zoledronicNotes(dose);
  const dmab = denosumabRenal(crcl);
  return {
    band: dose.band,
    dose_mg: dose.dose_mg,
    crcl_ml_min: crcl,
    formula,
    weight_kg: weightKg,
    volumes: dose.volumes,
    notes,
    denosumab: dmab,
    sources: unique([SECTION_2_4, LABEL_ZOLEDRONIC_ACID, ...notesSources(notes), ...notesSources(dmab.notes)]),
  };
}

/** renal.zoledronic_for */
function zoledronicFor(request) {
  if (typeof request === "object") {
    const clearance = computeClearance(request);
    return zoledronicAcid(clearance.crcl_ml_min, clearance.formula, clearance.weight_kg);
  }
  return zoledronicAcid(request);
}

/** renal.creatinine_check */
function creatinineCheck(baseline, current, unit, withheld) {
  const rule = CREATININE_RULES[unit];
  const baselineNormal = baseline < rule.normal_below;
  const increase = current - baseline;
  const threshold = baselineNormal ? rule.increase_if_normal : rule.increase_if_abnormal;
  let decision;
  if (withheld) decision = current - baseline * RESUME_FACTOR <= EPSILON ? RESUME : KEEP_HOLDING;
  else decision = increase >= threshold - EPSILON ? WITHHOLD : GIVE;
  const symbol = UNIT_SYMBOLS[unit];
  const notes = [
    info(msg(RENAL_MSG.withholdRule, {
      normal: rule.increase_if_normal,
      abnormal: rule.increase_if_abnormal,
      normal_below: rule.normal_below,
      unit: symbol,
    }), LABEL_ZOLEDRONIC_ACID),
    info(msg(RENAL_MSG.resumeRule, { percent: RESUME_PERCENT }), LABEL_ZOLEDRONIC_ACID),
  ];
  return {
    decision,
    decision_label: msg(RENAL_DECISION_LABELS[decision]),
    baseline,
    current,
    unit,
    withheld,
    baseline_normal: baselineNormal,
    increase,
    threshold,
    resume_limit: withheld ? baseline * RESUME_FACTOR : null,
    notes,
    sources: [LABEL_ZOLEDRONIC_ACID],
  };
}

/** renal.run_creatinine_clearance */
function runCreatinineClearance(params) {
  const fields = new Fields(params);
  const request = readCockcroftGault(fields);
  if (fields.failed()) return fields;
  return computeClearance(request);
}

/** renal.run_zoledronic_acid */
function runZoledronicAcid(params) {
  const fields = new Fields(params);
  const request = readClearance(fields);
  if (fields.failed()) return fields;
  return zoledronicFor(request);
}

/** renal.run_creatinine_check */
function runCreatinineCheck(params) {
  const fields = new Fields(params);
  const unit = fields.choice("unit", CREATININE_UNITS, UMOL_L);
  const bounds = lookup(CREATININE_RANGES, unit);
  const baseline = fields.number("baseline", bounds);
  const current = fields.number("current", bounds);
  const withheld = fields.flag("withheld");
  if (fields.failed()) return fields;
  return creatinineCheck(baseline, current, unit, withheld);
}

// =====================================================================================================
// Duration and stopping denosumab — duration.py
// =====================================================================================================

function reassessmentDate(start) { return addMonths(start, TREATMENT_MONTHS); } // duration.reassessment_date
function zoledronicAcidAfterDenosumab(last) { return addMonths(last, ZA_AFTER_DENOSUMAB_MONTHS); }

/** duration.reassessment_notes */
function reassessmentNotes() {
  return [
    info(msg(DURATION_MSG.reassess, { months: TREATMENT_MONTHS }), REF_ROSEN_2004, SECTION_2_5),
    info(msg(DURATION_MSG.onjAfter, { months: TREATMENT_MONTHS }), REF_ONJ_AFTER_24_MONTHS),
    info(msg(DURATION_MSG.beyond, { months: TREATMENT_MONTHS }), SECTION_2_5),
  ];
}

/** duration.stop_notes */
function stopNotes() {
  return [
    warning(msg(DURATION_MSG.rebound, { min: REMODELLING_BASELINE_MONTHS[0], max: REMODELLING_BASELINE_MONTHS[1] }),
      REF_DENOSUMAB_OFFSET, SECTION_2_5),
    warning(msg(DURATION_MSG.fractures), LABEL_DENOSUMAB),
    info(msg(DURATION_MSG.consensus, { months: ZA_AFTER_DENOSUMAB_MONTHS }), SECTION_2_5),
    info(msg(DURATION_MSG.ctx), ESMO_2020),
  ];
}

/** duration.denosumab_stop */
function denosumabStop(last, clearance = null) {
  const notes = stopNotes();
  const dose = clearance === null ? null : zoledronicFor(clearance);
  return {
    last_injection: isoDate(last),
    zoledronic_acid_date: isoDate(zoledronicAcidAfterDenosumab(last)),
    zoledronic_acid: dose,
    notes,
    sources: unique([...notesSources(notes), ...(dose ? dose.sources : [])]),
  };
}

/** duration.run */
function runDenosumabStop(params) {
  const fields = new Fields(params);
  const last = fields.date("last_injection");
  const clearance = clearanceGiven(fields) ? readClearance(fields) : null;
  if (fields.failed()) return fields;
  return denosumabStop(last, clearance);
}

// =====================================================================================================
// Jaw osteonecrosis — onj.py
// =====================================================================================================

/** onj.failed_criteria */
function failedCriteria(weeks, antiresorptive, irradiation) {
  const failed = [];
  if (!(weeks > EXPOSED_BONE_MORE_THAN_WEEKS)) failed.push(EXPOSED_BONE_DURATION);
  if (!antiresorptive) failed.push(ANTIRESORPTIVE_EXPOSURE);
  if (irradiation) failed.push(CRANIOFACIAL_IRRADIATION);
  return failed;
}

/** onj._advice */
function onjAdvice(failed) {
  if (failed.length === 0) return [warning(msg(ONJ_MSG.meets), SECTION_2_3, REF_ASBMR_ONJ)];
  const advice = [];
  if (failed.includes(EXPOSED_BONE_DURATION)) {
    advice.push(info(msg(ONJ_MSG.duration, { weeks: EXPOSED_BONE_MORE_THAN_WEEKS }), REF_ASBMR_ONJ));
  }
  if (failed.includes(ANTIRESORPTIVE_EXPOSURE)) advice.push(info(msg(ONJ_MSG.exposure), REF_ASBMR_ONJ));
  if (failed.includes(CRANIOFACIAL_IRRADIATION)) advice.push(info(msg(ONJ_MSG.irradiation), REF_ASBMR_ONJ));
  return advice;
}

/** onj.assess */
function assessOnj(weeks, antiresorptive, irradiation) {
  const failed = failedCriteria(weeks, antiresorptive, irradiation);
  const advice = onjAdvice(failed);
  return {
    exposed_bone_weeks: weeks,
    antiresorptive,
    craniofacial_irradiation: irradiation,
    meets_definition: failed.length === 0,
    failed_criteria: failed,
    advice,
    aaoms_staging: AAOMS_STAGING,
    sources: unique([REF_ASBMR_ONJ, SECTION_2_3, ...notesSources(advice), AAOMS_2022]),
  };
}

/** onj.run */
function runOnj(params) {
  const fields = new Fields(params);
  const weeks = fields.number("exposed_bone_weeks", ONJ_WEEKS);
  const antiresorptive = fields.flag("antiresorptive");
  const irradiation = fields.flag("craniofacial_irradiation");
  if (fields.failed()) return fields;
  return assessOnj(weeks, antiresorptive, irradiation);
}

// =====================================================================================================
// Checklists — checklists.py
// =====================================================================================================

/** checklists.before_first_dose */
function beforeFirstDose(agent, done, emergency = false) {
  const items = BEFORE_FIRST_DOSE.filter((spec) => spec.agents.includes(agent)).map((spec) => ({
    key: spec.key,
    done: lookupOr(done, spec.key, false),
    label: spec.label,
    source: spec.source,
    note: spec.note,
  }));
  const missing = items.filter((item) => !item.done).map((item) => item.key);
  const verdict = missing.length === 0 ? READY : emergency ? EMERGENCY_START : NOT_READY;
  const notes = verdict === EMERGENCY_START ? [warning(msg(CHECKLIST_MSG.emergency), SECTION_2_3, SECTION_2_5)] : [];
  return {
    agent,
    verdict,
    verdict_label: msg(VERDICT_LABELS[verdict]),
    emergency,
    items,
    missing,
    notes,
    sources: unique([
      ...items.map((item) => item.source),
      ...items.filter((item) => item.note).flatMap((item) => item.note.sources),
      ...notesSources(notes),
    ]),
  };
}

/** checklists.run_before_first_dose */
function runBeforeFirstDose(params) {
  const fields = new Fields(params);
  const agent = fields.choice("agent", AGENTS);
  const done = {};
  for (const spec of BEFORE_FIRST_DOSE) done[spec.key] = fields.flag(spec.key);
  const emergency = fields.flag("emergency");
  if (fields.failed()) return fields;
  return beforeFirstDose(agent, done, emergency);
}

/** checklists.dental_reviews: start + 6, 12, 18, 24 calendar months, each from the start, clamped. */
function dentalReviews(start) {
  const reviews = [];
  for (let months = DENTAL_REVIEW_MONTHS; months < TREATMENT_MONTHS + 1; months += DENTAL_REVIEW_MONTHS) {
    reviews.push({ months, day: addMonths(start, months) });
  }
  return reviews;
}

/** checklists.dental_review_dates */
function dentalReviewDates(start) { return dentalReviews(start).map((review) => review.day); }

/** checklists.follow_up */
function followUp(agent, start = null) {
  const items = FOLLOW_UP.filter(([agents]) => agents.includes(agent)).map(([, item]) => item);
  const notes = reassessmentNotes();
  return {
    agent,
    start: isoOrNull(start),
    items,
    dental_reviews: start === null ? null
      : dentalReviews(start).map(({ months, day }) => ({ months, date: isoDate(day) })),
    reassessment_date: start === null ? null : isoDate(reassessmentDate(start)),
    notes,
    sources: unique([
      ...items.map((item) => item.source),
      ...items.filter((item) => item.note).flatMap((item) => item.note.sources),
      ...notesSources(notes),
    ]),
  };
}

/** checklists.run_follow_up */
function runFollowUp(params) {
  const fields = new Fields(params);
  const agent = fields.choice("agent", AGENTS);
  const start = fields.optionalDate("start");
  if (fields.failed()) return fields;
  return followUp(agent, start);
}

/** checklists.when_to_start */
function whenToStart(boneMetastasis, lifeExpectancyOver3Months, skeletalEvent, highRiskLesions) {
  const bothAgents = info(msg(CHECKLIST_MSG.bothAgents), SECTION_2_1);
  let decision;
  let reasoning;
  if (!boneMetastasis) {
    decision = NO_BONE_METASTASIS;
    reasoning = [info(msg(CHECKLIST_MSG.noMetastasis), SECTION_2_2)];
  } else if (skeletalEvent) {
    decision = START_AFTER_EVENT;
    reasoning = [info(msg(CHECKLIST_MSG.afterEvent), SECTION_2_2), bothAgents];
  } else if (lifeExpectancyOver3Months) {
    decision = START;
    reasoning = [info(msg(CHECKLIST_MSG.start, { months: LIFE_EXPECTANCY_MONTHS }),
      SECTION_2_2, REF_ESMO_2014, SECTION_2_5)];
    if (highRiskLesions) reasoning.push(info(msg(CHECKLIST_MSG.highRisk), SECTION_2_2));
    reasoning.push(bothAgents);
  } else {
    decision = NOT_INDICATED;
    reasoning = [info(msg(CHECKLIST_MSG.notIndicated, { months: LIFE_EXPECTANCY_MONTHS }),
      SECTION_2_2, REF_ESMO_2014)];
  }
  return {
    decision,
    decision_label: msg(START_DECISION_LABELS[decision]),
    reasoning,
    sources: unique(notesSources(reasoning)),
  };
}

/** checklists.run_when_to_start */
function runWhenToStart(params) {
  const fields = new Fields(params);
  const answers = ["bone_metastasis", "life_expectancy_over_3_months", "skeletal_event", "high_risk_lesions"]
    .map((name) => fields.flag(name));
  if (fields.failed()) return fields;
  return whenToStart(...answers);
}

// =====================================================================================================
// Treatment schedule — schedule.py. Events carry a day number in `day` until the final sort.
// =====================================================================================================

function event(day, kind) { return { day, kind }; } // schedule.Event
function injectionEvent(day, number, agent, doseMg) { return { day, kind: INJECTION, number, agent, dose_mg: doseMg }; }
function vitaminDDose(day, kind, doseIu) { return { day, kind, dose_iu: doseIu }; }

/** schedule.injection_dates */
function injectionDates(start, interval, end, stop = null) {
  const dates = [];
  for (let k = 0; ; k += 1) {
    const day = interval === FOUR_WEEKS ? start + FOUR_WEEKS_DAYS * k : addMonths(start, k);
    if (day >= end || (stop !== null && day > stop)) return dates;
    dates.push(day);
  }
}

/** schedule._vitamin_d_events (level: a vitamin D result object, or null). */
function vitaminDEvents(start, end, level) {
  if (level !== null && level.maintenance === null) return [];
  const doses = level === null ? [] : level.loading_doses;
  const count = doses.length;
  const events = doses.map((dose, i) =>
    vitaminDDose(start - LOADING_INTERVAL_DAYS * (count - i), VITAMIN_D_LOADING, dose.dose_iu));
  let anchor = start;
  let k = 0;
  if (count !== 0) {
    anchor = events[events.length - 1].day;
    k = 1;
  }
  for (let day = addMonths(anchor, MAINTENANCE_DEFAULT.every_months * k); day < end;
    day = addMonths(anchor, MAINTENANCE_DEFAULT.every_months * k)) {
    events.push(vitaminDDose(day, VITAMIN_D_MAINTENANCE, MAINTENANCE_DEFAULT.dose_iu));
    k += 1;
  }
  return events;
}

/** schedule._zoledronic_infusion_care */
function zoledronicInfusionCare(day, first) {
  const events = [event(day, CREATININE_CHECK)];
  if (first) events.push(event(day, PARACETAMOL), event(day + 1, PARACETAMOL));
  return events;
}

/** Event dataclass → canonical dict, `date` first as in the Python field order. */
function eventAsDict({ day, ...rest }) { return { date: isoDate(day), ...rest }; }

/** schedule.build_schedule (validated inputs; day numbers). */
function buildSchedule(agent, start, interval, vitaminDLevel = null, crcl = null, stop = null) {
  const dose = crcl === null ? null : zoledronicDose(crcl);
  const end = reassessmentDate(start);
  const dates = injectionDates(start, interval, end, stop);
  let events = [];
  const notes = [];
  dates.forEach((day, index) => {
    const number = index + 1;
    if (agent === ZOLEDRONIC_ACID) {
      events.push(injectionEvent(day, number, agent, dose === null ? null : dose.dose_mg));
      events.push(...zoledronicInfusionCare(day, number === 1));
    } else {
      events.push(injectionEvent(day, number, agent, DENOSUMAB_DOSE_MG));
    }
  });
  events.push(...vitaminDEvents(start, end, vitaminDLevel));
  events.push(...dentalReviewDates(start).map((day) => event(day, DENTAL_REVIEW)));
  events.push(event(end, REASSESSMENT));

  if (agent === DENOSUMAB) {
    notes.push(info(msg(SCHEDULE_MSG.regular), SECTION_2_4));
    notes.push(info(msg(SCHEDULE_MSG.labelInterval, { weeks: LABEL_INTERVAL_WEEKS }), LABEL_DENOSUMAB));
  }
  if ((agent === ZOLEDRONIC_ACID || stop !== null) && dose === null) {
    notes.push(warning(msg(SCHEDULE_MSG.noCrcl), SECTION_2_4));
  }
  if (stop !== null) {
    const switchDay = zoledronicAcidAfterDenosumab(dates[dates.length - 1]);
    events.push({
      day: switchDay,
      kind: ZOLEDRONIC_ACID_AFTER_DENOSUMAB,
      dose_mg: dose === null ? null : dose.dose_mg,
      band: dose === null ? null : dose.band,
    });
    events.push(...zoledronicInfusionCare(switchDay, true));
    notes.push(...stopNotes());
    if (dose !== null && dose.band === CONTRAINDICATED) {
      notes.push(warning(msg(SCHEDULE_MSG.switchContraindicated, { threshold: ZA_MIN_CRCL }),
        SECTION_2_4, LABEL_ZOLEDRONIC_ACID));
    }
  }
  if (vitaminDLevel !== null && vitaminDLevel.maintenance === null) {
    const notice = vitaminDLevel.category === POSSIBLE_TOXICITY ? warning : info;
    notes.push(notice(msg(SCHEDULE_MSG.noVitaminD), REF_GRIO_VITAMIN_D));
  }
  // Array.prototype.sort is stable, like Python's list.sort.
  events = events.slice().sort((a, b) => a.day - b.day || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  return {
    agent,
    start: isoDate(start),
    interval,
    end: isoDate(end),
    stop: isoOrNull(stop),
    vitamin_d_category: vitaminDLevel === null ? null : vitaminDLevel.category,
    events: events.map(eventAsDict),
    notes,
    sources: unique([SECTION_1, SECTION_2_3, SECTION_2_4, SECTION_2_5, ...notesSources(notes)]),
  };
}

/** schedule.run */
function runSchedule(params) {
  const fields = new Fields(params);
  const agent = fields.choice("agent", AGENTS);
  const start = fields.date("start");
  const interval = fields.choice("interval", INTERVALS);
  const [level, unit] = readLevel(fields, "vitamin_d", "unit");
  const crcl = fields.optionalNumber("crcl", CRCL);
  const stop = fields.optionalDate("stop");
  if (agent === ZOLEDRONIC_ACID && crcl !== null && fields.ok("crcl")) {
    if (zoledronicDose(crcl).band === CONTRAINDICATED) {
      fields.reject("crcl", msg(SCHEDULE_MSG.crclContraindicated, { threshold: ZA_MIN_CRCL }));
    }
  }
  if (stop !== null && fields.ok("agent", "stop")) {
    if (agent !== DENOSUMAB) fields.reject("stop", msg(SCHEDULE_MSG.stopDenosumabOnly));
    else if (fields.ok("start") && stop < start) fields.reject("stop", msg(SCHEDULE_MSG.stopBeforeStart));
  }
  if (fields.failed()) return fields;
  const assessment = level === null ? null : assessVitaminD(level, unit);
  return buildSchedule(agent, start, interval, assessment, crcl, stop);
}

// =====================================================================================================
// Registry — webapp/clinical/__init__.py CALCULATORS
// =====================================================================================================

export const CALCULATORS = {
  "vitamin-d": runVitaminD,
  calcium: runCalcium,
  "creatinine-clearance": runCreatinineClearance,
  "zoledronic-acid": runZoledronicAcid,
  "creatinine-check": runCreatinineCheck,
  "denosumab-stop": runDenosumabStop,
  onj: runOnj,
  "before-first-dose": runBeforeFirstDose,
  "follow-up": runFollowUp,
  "when-to-start": runWhenToStart,
  schedule: runSchedule,
};

/** Deep copy, so that callers can never alter the shared constant objects inside a result. */
function copy(value) { return structuredClone(value); }

/**
 * Runs calculator `name` on `params` ({field: string}; absent fields are simply missing).
 * Returns {result} (the API body) or {errors: {field: {msgid, params}}}.
 */
export function run(name, params) {
  const calculator = lookup(CALCULATORS, name);
  if (calculator === null) throw new Error(`unknown calculator: ${name}`);
  const outcome = calculator(params ?? {});
  if (outcome instanceof Fields) return { errors: copy(outcome.errors) };
  return { result: copy(outcome) };
}
