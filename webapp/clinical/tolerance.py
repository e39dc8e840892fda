"""The one tolerance for comparing computed decimals with thresholds.

Typed decimals are not exact binary numbers: 1.9 − 1.4 gives 0.4999999999999998.
Comparisons of computed values are written with EPSILON (for example
`increase >= threshold - EPSILON`) so that they follow the decimal arithmetic
the user and the guideline mean. The browser mirror uses the same constant and
the same expressions.
"""
from __future__ import annotations

EPSILON = 1e-9
