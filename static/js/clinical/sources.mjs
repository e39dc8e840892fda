// Mirror of webapp/clinical/sources.py.

import { ZOLEDRONIC_ACID, DENOSUMAB } from "./agents.mjs";

function reference(number) { return { type: "reference", number }; } // sources.reference → as_dict
function section(number) { return { type: "section", section: number }; } // sources.section
function label(product) { return { type: "label", product }; } // sources.label
function external(citation) { return { type: "external", citation }; } // sources.external

/** sources.unique: first-seen order, each source once (equality on type and value). */
export function unique(sources) {
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

export const SECTION_1 = section("1");
export const SECTION_2_1 = section("2.1");
export const SECTION_2_2 = section("2.2");
export const SECTION_2_3 = section("2.3");
export const SECTION_2_4 = section("2.4");
export const SECTION_2_5 = section("2.5");
export const REF_ROSEN_2004 = reference(23);
export const REF_GRIO_VITAMIN_D = reference(45);
export const REF_HENRY_2011 = reference(50);
export const REF_ESMO_2014 = reference(60);
export const REF_MSKCC_DENTAL = reference(61);
export const REF_ASBMR_ONJ = reference(62);
export const REF_ONJ_AFTER_24_MONTHS = reference(63);
export const REF_DENOSUMAB_OFFSET = reference(68);
export const LABEL_ZOLEDRONIC_ACID = label(ZOLEDRONIC_ACID);
export const LABEL_DENOSUMAB = label(DENOSUMAB);
export const AAOMS_2022 = external("Ruggiero SL et al. J Oral Maxillofac Surg 2022");
export const ESMO_2020 = external(
  "Coleman R et al. Bone health in cancer: ESMO Clinical Practice Guidelines. Ann Oncol 2020");
export const BODY_WEIGHT_FORMULAS = external(
  "Devine BJ. Drug Intell Clin Pharm 1974 (ideal body weight); Winter MA et al. Pharmacotherapy 2012 "
  + "(Cockcroft–Gault and body weight)");
export const FOOD_CALCIUM_TABLES = external(
  "ANSES CIQUAL food composition table (ciqual.anses.fr); Fardellone calcium questionnaire");
