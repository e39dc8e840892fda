"""Where each rule comes from: the chapter (reference or section), a product label, or an outside text.

JSON forms: {"type": "reference", "number": 45}, {"type": "section", "section": "2.4"},
{"type": "label", "product": "denosumab"}, {"type": "external", "citation": "..."}.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .agents import DENOSUMAB, ZOLEDRONIC_ACID


@dataclass(frozen=True)
class Source:
    type: str  # "reference" | "section" | "label" | "external"
    value: str | int

    def as_dict(self) -> dict[str, str | int]:
        key = {"reference": "number", "section": "section", "label": "product", "external": "citation"}
        return {"type": self.type, key[self.type]: self.value}


def reference(number: int) -> Source:
    return Source("reference", number)


def section(number: str) -> Source:
    return Source("section", number)


def label(product: str) -> Source:
    return Source("label", product)


def external(citation: str) -> Source:
    return Source("external", citation)


def unique(sources: Iterable[Source]) -> tuple[Source, ...]:
    """Sources in first-seen order, each once."""
    return tuple(dict.fromkeys(sources))


# Chapter sections.
SECTION_1 = section("1")
SECTION_2_1 = section("2.1")
SECTION_2_2 = section("2.2")
SECTION_2_3 = section("2.3")
SECTION_2_4 = section("2.4")
SECTION_2_5 = section("2.5")

# Chapter references (numbers in the chapter's list).
REF_ROSEN_2004 = reference(23)  # two years of monthly treatment
REF_GRIO_VITAMIN_D = reference(45)
REF_HENRY_2011 = reference(50)  # ONJ 1-2% with either agent
REF_ESMO_2014 = reference(60)
REF_MSKCC_DENTAL = reference(61)
REF_ASBMR_ONJ = reference(62)
REF_ONJ_AFTER_24_MONTHS = reference(63)
REF_DENOSUMAB_OFFSET = reference(68)

# Product labels (SmPC / USPI).
LABEL_ZOLEDRONIC_ACID = label(ZOLEDRONIC_ACID)
LABEL_DENOSUMAB = label(DENOSUMAB)

# Texts outside the chapter.
AAOMS_2022 = external("Ruggiero SL et al. J Oral Maxillofac Surg 2022")
ESMO_2020 = external("Coleman R et al. Bone health in cancer: ESMO Clinical Practice Guidelines. Ann Oncol 2020")
BODY_WEIGHT_FORMULAS = external("Devine BJ. Drug Intell Clin Pharm 1974 (ideal body weight); Winter MA et al. "
                                "Pharmacotherapy 2012 (Cockcroft–Gault and body weight)")
FOOD_CALCIUM_TABLES = external("ANSES CIQUAL food composition table (ciqual.anses.fr); Fardellone calcium questionnaire")
