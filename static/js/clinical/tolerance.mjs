// Mirror of webapp/clinical/tolerance.py.

export const EPSILON = 1e-9;
