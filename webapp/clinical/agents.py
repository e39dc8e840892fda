"""The two antiresorptive agents, named once (API values, label sources, schedule)."""
from __future__ import annotations

ZOLEDRONIC_ACID = "zoledronic_acid"
DENOSUMAB = "denosumab"
AGENTS = (ZOLEDRONIC_ACID, DENOSUMAB)
