// Mirror of webapp/clinical/duration.py.

import {
  unique, SECTION_2_4, SECTION_2_5, REF_ROSEN_2004, REF_ONJ_AFTER_24_MONTHS, REF_DENOSUMAB_OFFSET, LABEL_DENOSUMAB,
  LABEL_ZOLEDRONIC_ACID, ESMO_2020,
} from "./sources.mjs";
import { N_, msg, info, warning, notesSources } from "./messages.mjs";
import { isoDate, isoOrNull, addMonths } from "./dates.mjs";
import { Fields } from "./parse.mjs";
import {
  CONTRAINDICATED, ZA_MIN_CRCL, clearanceGiven, clearanceInputs, readClearance, zoledronicFor,
} from "./renal.mjs";

export const TREATMENT_MONTHS = 24;
export const ZA_AFTER_DENOSUMAB_MONTHS = 3;
export const REMODELLING_BASELINE_MONTHS = [12, 18];
export const ZA_CONTRAINDICATED_AFTER_STOP = N_("Zoledronic acid is contraindicated (creatinine clearance below "
  + "%(threshold)s mL/min): discuss the end of the denosumab sequence.");
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

export function reassessmentDate(start) { return addMonths(start, TREATMENT_MONTHS); } // duration.reassessment_date
/** duration.zoledronic_acid_after_denosumab */
export function zoledronicAcidAfterDenosumab(last) { return addMonths(last, ZA_AFTER_DENOSUMAB_MONTHS); }

/** duration.reassessment_notes */
export function reassessmentNotes() {
  return [
    info(msg(DURATION_MSG.reassess, { months: TREATMENT_MONTHS }), REF_ROSEN_2004, SECTION_2_5),
    info(msg(DURATION_MSG.onjAfter, { months: TREATMENT_MONTHS }), REF_ONJ_AFTER_24_MONTHS),
    info(msg(DURATION_MSG.beyond, { months: TREATMENT_MONTHS }), SECTION_2_5),
  ];
}

/** duration.stop_notes */
export function stopNotes() {
  return [
    warning(msg(DURATION_MSG.rebound, { min: REMODELLING_BASELINE_MONTHS[0], max: REMODELLING_BASELINE_MONTHS[1] }),
      REF_DENOSUMAB_OFFSET, SECTION_2_5),
    warning(msg(DURATION_MSG.fractures), LABEL_DENOSUMAB),
    info(msg(DURATION_MSG.consensus, { months: ZA_AFTER_DENOSUMAB_MONTHS }), SECTION_2_5),
    info(msg(DURATION_MSG.ctx), ESMO_2020),
  ];
}

/** duration.contraindicated_after_stop_note */
export function contraindicatedAfterStopNote() {
  return warning(msg(ZA_CONTRAINDICATED_AFTER_STOP, { threshold: ZA_MIN_CRCL }), SECTION_2_4, SECTION_2_5,
    LABEL_ZOLEDRONIC_ACID);
}

/** duration.denosumab_stop (clearance: a renal ClearanceRequest, or null) */
function denosumabStop(last, clearance = null) {
  const dose = clearance === null ? null : zoledronicFor(clearance);
  const contraindicated = dose !== null && dose.band === CONTRAINDICATED;
  const notes = [...(contraindicated ? [contraindicatedAfterStopNote()] : []), ...stopNotes()];
  const inputs = { last_injection: isoDate(last), ...(clearance === null ? {} : clearanceInputs(clearance)) };
  return {
    last_injection: isoDate(last),
    zoledronic_acid_date: isoOrNull(contraindicated ? null : zoledronicAcidAfterDenosumab(last)),
    zoledronic_acid_contraindicated: contraindicated,
    zoledronic_acid: dose,
    notes,
    sources: unique([...notesSources(notes), ...(dose ? dose.sources : [])]),
    inputs,
  };
}

/** duration.run */
export function runDenosumabStop(params) {
  const fields = new Fields(params);
  const last = fields.date("last_injection");
  const clearance = clearanceGiven(fields) ? readClearance(fields) : null;
  if (fields.failed()) return fields;
  return denosumabStop(last, clearance);
}
