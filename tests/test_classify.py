"""Classification for choropleths: class breaks, fixed categories, no-data handling."""

import math

import pytest

from sdplan.catalog import load_catalog
from sdplan.classify import NO_DATA_COLOR, YLGNBU, classify
from sdplan.errors import UnknownKeyError
from sdplan.units import format_number, with_unit

KM = load_catalog().indicator("urban_rail_km")
STARS = load_catalog().indicator("smart_city_stars")
STATUS = load_catalog().indicator("sewer_retrofit_status")


def test_natural_breaks_separate_obvious_groups():
    values = [1, 2, 3, 50, 51, 52, 300, 310]
    classes = classify(values, KM, "natural_breaks", k=3)
    assert classes.index == (0, 0, 0, 1, 1, 1, 2, 2)
    assert classes.colors == tuple(YLGNBU[3])


def test_quantiles_put_equal_counts_in_each_class():
    classes = classify(list(range(1, 11)), KM, "quantiles", k=5)
    counts = [classes.index.count(i) for i in range(5)]
    assert counts == [2, 2, 2, 2, 2]


def test_equal_interval_splits_the_range_evenly():
    classes = classify([0, 10, 20, 30, 40], KM, "equal_interval", k=4)
    assert classes.index == (0, 0, 1, 2, 3)
    assert classes.labels[0][0] == "0 – 10"


def test_missing_values_get_the_no_data_class():
    classes = classify([1.0, math.nan, 3.0, 7.0], KM, "quantiles", k=3)
    assert classes.index[1] == -1 and classes.color_of(1) == NO_DATA_COLOR
    assert classes.legend("en")[-1] == (NO_DATA_COLOR, "No data")


def test_never_more_classes_than_distinct_values():
    classes = classify([0, 0, 0, 84.1, 293.1], KM, "natural_breaks", k=5)
    assert len(classes.colors) == 3 and classes.index == (0, 0, 0, 1, 2)
    assert [label[1] for label in classes.labels] == ["0", "84.1", "293.1"]


def test_all_missing_gives_an_empty_legend_but_every_region_no_data():
    classes = classify([math.nan, math.nan], KM)
    assert classes.colors == () and classes.index == (-1, -1)


def test_star_ratings_use_fixed_categories_whatever_the_scheme():
    classes = classify([3, 4, 5, math.nan, 0], STARS, "quantiles")
    assert classes.scheme == "categories"
    assert classes.index == (3, 4, 5, -1, 0)
    assert classes.labels[4] == ("四星级", "4 stars")
    assert len(classes.colors) == 6


def test_status_categories_have_distinct_colours_from_no_data():
    classes = classify([0, 1, 2], STATUS)
    assert len(set(classes.colors)) == 3 and NO_DATA_COLOR not in classes.colors


@pytest.mark.parametrize("value, text", [(0, "0"), (12345.6, "12,346"), (293.1, "293.1"), (64.54, "64.54"),
                                         (16.9118, "16.91"), (3.0, "3"), (0.45, "0.45")])
def test_numbers_are_short_and_keep_official_decimals(value, text):
    assert format_number(value) == text


def test_unknown_scheme_is_named():
    with pytest.raises(UnknownKeyError, match="unknown classification 'jenks'"):
        classify([1, 2, 3], KM, "jenks")


@pytest.mark.parametrize("value, unit, lang, text", [(377.2, "km", "zh", "377.2公里"), (377.2, "km", "en", "377.2 km"),
                                                     (64.54, "percent", "en", "64.54%"), (1200, "count", "en", "1,200"),
                                                     (16, "10k_count", "zh", "16万个")])
def test_quantities_are_written_with_their_unit(value, unit, lang, text):
    assert with_unit(value, unit, lang) == text


def test_natural_breaks_are_the_exact_fisher_jenks_optimum_of_mapclassify():
    import numpy as np

    from sdplan.breaks import natural_breaks

    mapclassify = pytest.importorskip("mapclassify")

    rng = np.random.default_rng(13)
    for n in (20, 136, 300, 1000):
        values = np.round(rng.lognormal(3, 1, size=n), 1)  # with ties, as real figures have
        assert np.allclose(natural_breaks(values, 5), mapclassify.FisherJenks(values, k=5).bins)


def test_natural_breaks_at_national_scale_are_the_same_every_time_and_bounded_beyond():
    import numpy as np

    from sdplan.breaks import natural_breaks

    mapclassify = pytest.importorskip("mapclassify")

    values = np.random.default_rng(2875).lognormal(size=2875)
    classes = classify(values, KM, "natural_breaks")
    assert len(classes.colors) == 5 and classes.index == classify(values, KM, "natural_breaks").index
    assert list(natural_breaks(values, 5)) == list(natural_breaks(values[::-1], 5))
    # beyond the limit, the optimum of evenly ranked values: exact on those, whatever their order
    sample = np.sort(values)[np.round(np.linspace(0, 2874, 500)).astype(int)]
    assert np.allclose(natural_breaks(values[::-1], 5, limit=500), mapclassify.FisherJenks(sample, k=5).bins)
