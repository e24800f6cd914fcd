"""Class breaks: quantiles and equal intervals in numpy give exactly mapclassify's breaks.

mapclassify is no longer a runtime dependency; these comparisons run where it is installed (the
``test`` extra) and skip elsewhere.
"""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sdplan.breaks import equal_interval_breaks, quantile_breaks

mapclassify = pytest.importorskip("mapclassify")
pytestmark = pytest.mark.filterwarnings("ignore:Not enough unique values")  # mapclassify, on ties


def bundled_value_sets(data):
    """The values of every numeric indicator, period and level of the bundled tables (two or more values)."""
    level = dict(zip(data.regions["adcode"], data.regions["level"]))
    for indicator in data.catalog.indicators.values():
        if indicator.categories:
            continue
        table = data.observations(indicator.id)
        for (period, lvl), group in table.groupby([table["period"], table["adcode"].map(level)]):
            values = group["value"].dropna().to_numpy(dtype=float)
            if len(np.unique(values)) >= 2:
                yield f"{indicator.id} {period} {lvl}", values


def test_the_bundled_data_gets_mapclassify_s_breaks_at_every_class_count(data):
    sets = list(bundled_value_sets(data))
    assert len(sets) >= 10  # the comparison covers the bundled tables, not an empty loop
    for name, values in sets:
        for k in range(1, 8):
            assert np.array_equal(quantile_breaks(values, k), mapclassify.Quantiles(values, k=k).bins), (name, k)
            assert np.array_equal(equal_interval_breaks(values, k), mapclassify.EqualInterval(values, k=k).bins), (name, k)


finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # no clock: a busy machine is slower
@given(st.lists(finite | st.sampled_from([0.0, 1.5, 2.5, 100.0]), min_size=2, max_size=300), st.integers(1, 7))
def test_any_values_get_mapclassify_s_breaks(values, k):
    values = np.asarray(values, dtype=float)
    assert np.array_equal(quantile_breaks(values, k), mapclassify.Quantiles(values, k=k).bins)
    if len(np.unique(values)) >= 2:
        assert np.array_equal(equal_interval_breaks(values, k), mapclassify.EqualInterval(values, k=k).bins)


def test_equal_intervals_of_equal_values_are_refused_with_the_value():
    with pytest.raises(ValueError, match="all 3 are 2.0"):
        equal_interval_breaks(np.array([2.0, 2.0, 2.0]), 3)
