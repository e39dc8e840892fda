"""The clinical rule set's version, stamped on every result so that a copied answer says which rules made it.

Bump RULES_VERSION and RULES_DATE whenever a threshold, formula, rule text or schedule of this package or a
golden vector changes, and record RULES_HASH (sha256 over the package and tests/vectors, this file excepted)
with the version's clinical changes in CHANGELOG-CLINICAL.md; tests/clinical/test_rules_version.py checks both.
"""
from __future__ import annotations

RULES_VERSION = "2026.12.2"
RULES_DATE = "2026-12-02"
RULES_HASH = "77d6ca30ea411e3681501097895fabdd3ee80165d3fb9eea2a34ff8189badf98"
