// Mirror of webapp/clinical/rules.py.

export const RULES_VERSION = "2026.12.1";
export const RULES_DATE = "2026-12-01";
export const RULES_HASH = "63a5b4cb958a1a1a4ed99a0662b81e8cac3ed2993b7d361f6baed67993c96e5e";
