// Mirror of webapp/clinical/agents.py.

export const ZOLEDRONIC_ACID = "zoledronic_acid";
export const DENOSUMAB = "denosumab";
export const AGENTS = [ZOLEDRONIC_ACID, DENOSUMAB];
