// Mirror of webapp/clinical/rules.py.

export const RULES_VERSION = "2026.12.1";
export const RULES_DATE = "2026-12-01";
export const RULES_HASH = "e15f2920602a6a3c92480060e0350b1df9f817b7bf1bd56267e9751b191ff327";
