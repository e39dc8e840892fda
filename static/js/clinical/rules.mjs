// Mirror of webapp/clinical/rules.py.

export const RULES_VERSION = "2026.12.2";
export const RULES_DATE = "2026-12-02";
export const RULES_HASH = "77d6ca30ea411e3681501097895fabdd3ee80165d3fb9eea2a34ff8189badf98";
