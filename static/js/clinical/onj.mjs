// Mirror of webapp/clinical/onj.py.

import { unique, SECTION_2_3, REF_ASBMR_ONJ, AAOMS_2022 } from "./sources.mjs";
import { N_, msg, info, warning, notesSources } from "./messages.mjs";
import { ONJ_WEEKS } from "./limits.mjs";
import { Fields } from "./parse.mjs";

export const EXPOSED_BONE_MORE_THAN_WEEKS = 8;
export const EXPOSED_BONE_DURATION = "exposed_bone_duration";
export const ANTIRESORPTIVE_EXPOSURE = "antiresorptive_exposure";
export const CRANIOFACIAL_IRRADIATION = "craniofacial_irradiation";
export const AAOMS_STAGING = {
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
    inputs: { exposed_bone_weeks: weeks, antiresorptive, craniofacial_irradiation: irradiation },
  };
}

/** onj.run */
export function runOnj(params) {
  const fields = new Fields(params);
  const weeks = fields.number("exposed_bone_weeks", ONJ_WEEKS);
  const antiresorptive = fields.flag("antiresorptive");
  const irradiation = fields.flag("craniofacial_irradiation");
  if (fields.failed()) return fields;
  return assessOnj(weeks, antiresorptive, irradiation);
}
