"""P-values of the workspace's tests, and their correction for testing many terms at once.

scipy's special functions give the tail areas (the same functions ``scipy.stats.chi2.sf`` and ``norm.sf`` call,
without importing ``scipy.stats``, which takes about half a second in every notebook that would otherwise import
it); the Benjamini–Hochberg adjustment equals ``scipy.stats.false_discovery_control(p, method="bh")`` (tested).
"""

from __future__ import annotations

import numpy as np
from scipy.special import chdtrc, ndtr

__all__ = ["benjamini_hochberg", "chi2_p", "normal_p"]


def chi2_p(statistic) -> np.ndarray:
    """Upper tail of χ² with one degree of freedom at ``statistic`` (G² or Pearson's χ² of a 2×2 table): 1 below
    zero, as ``scipy.stats.chi2.sf`` gives outside the support."""
    return chdtrc(1, np.maximum(statistic, 0))


def normal_p(z) -> np.ndarray:
    """Two-sided p-value of a standard normal ``z``: ``2 · P(Z > |z|)``."""
    return 2 * ndtr(-np.abs(z))


def benjamini_hochberg(p) -> np.ndarray:
    """Benjamini–Hochberg (1995) adjusted p-values of ``p`` (no missing values), in the order given: for the
    i-th smallest of m, ``min(1, min over j ≥ i of p_(j) · m / j)``."""
    p = np.asarray(p, dtype=float)
    m = len(p)
    if m == 0:
        return p.copy()
    order = np.argsort(p, kind="stable")
    scaled = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    out = np.empty(m)
    out[order] = adjusted
    return out
