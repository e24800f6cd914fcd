"""Class breaks of numeric values: the upper bound of each class, in three schemes.

Natural breaks are jenkspy's exact Fisher-Jenks optimisation (in C: 10 ms for China's 2,875 counties,
where mapclassify's pure-Python version takes 7 s); exact up to ``EXACT_LIMIT`` values (about 30 ms), on
a deterministic sample beyond. Quantiles and equal intervals are a few lines of numpy, written to give
bit for bit the breaks mapclassify gives (``Quantiles``, ``EqualInterval``; compared in
tests/test_breaks.py), without the scikit-learn, scipy and networkx mapclassify brings into every worker.
"""

from __future__ import annotations

import jenkspy
import numpy as np

EXACT_LIMIT = 5000


def natural_breaks(values: np.ndarray, k: int, limit: int = EXACT_LIMIT) -> np.ndarray:
    """Fisher-Jenks natural breaks (upper bounds of ``k`` classes): jenkspy's exact optimisation, in C.

    Beyond ``limit`` values it runs on the sorted values taken at ``limit`` evenly spaced ranks (min and
    max included: deterministic, so every worker draws the same classes, unlike mapclassify's random
    ``FisherJenksSampled``), which bounds the time whatever the number of regions.
    """
    y = np.sort(np.asarray(values, dtype=float))
    if len(y) > limit:
        y = y[np.round(np.linspace(0, len(y) - 1, limit)).astype(int)]
    return np.asarray(jenkspy.jenks_breaks(y, n_classes=k)[1:], dtype=float)


def quantile_breaks(values: np.ndarray, k: int) -> np.ndarray:
    """The upper bounds of ``k`` quantile classes (fewer when ties make bounds repeat), sorted.

    Each bound is the value at that percentile, interpolated linearly between the two nearest ranks,
    computed as mapclassify's ``quantile`` does (through scipy's ``scoreatpercentile``), so the same
    floating-point operations give the same bounds.
    """
    y = np.sort(np.asarray(values, dtype=float))
    if len(y) == 0:
        raise ValueError("quantile breaks of no values")
    step = 100.0 / k
    percents = np.arange(step, 100 + step, step)
    if percents[-1] > 100.0:
        percents[-1] = 100.0
    return np.unique(np.array([_score_at_percentile(y, float(p)) for p in percents]))


def _score_at_percentile(ordered: np.ndarray, percent: float) -> float:
    """The value at ``percent`` of the sorted ``ordered`` ("fraction" interpolation)."""
    position = percent / 100.0 * (len(ordered) - 1)
    below = int(position)
    if below == position:
        return float(ordered[below])
    weights = np.array([(below + 1 - position), (position - below)], float)
    return float(np.add.reduce(ordered[below:below + 2] * weights) / weights.sum())


def equal_interval_breaks(values: np.ndarray, k: int) -> np.ndarray:
    """The upper bounds of ``k`` classes of equal width from the smallest to the largest value.

    Raises
    ------
    ValueError
        If the values are all equal (there is no interval to divide).
    """
    y = np.asarray(values, dtype=float)
    low, high = y.min(), y.max()
    if low == high:
        raise ValueError(f"equal intervals need two distinct values; all {len(y)} are {high}")
    width = (high - low) * 1.0 / k
    cuts = np.arange(low + width, high + width, width)
    cuts = cuts[:k]  # floating-point steps may overshoot by one
    cuts[-1] = high
    return cuts
