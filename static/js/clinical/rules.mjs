// Mirror of webapp/clinical/rules.py.

export const RULES_VERSION = "2026.12.1";
export const RULES_DATE = "2026-12-01";
export const RULES_HASH = "e4471f93f9cbdecd9cbd8efbbfcba59c9fef197fa2dfd55c12b80b7b1c316233";
