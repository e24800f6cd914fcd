"""The time slider's rules on the small dataset: classes fixed across the periods, each step a period, the
periods without a value in the view's scope said to be so (on the slider and in the legend)."""

import numpy as np
import pytest

from callbacks.view import panel
from components.controls import slider_marks
from sdplan.classify import classify
from sdplan.mapview import build_map_model, period_coverage
from sdplan.values import periods, region_values
from sdplan.viewstate import parse_view


def texts(component) -> list[str]:
    """Every string in a component tree (or its JSON, as the panel keeps it), in order."""
    if isinstance(component, str):
        return [component]
    if isinstance(component, (list, tuple)):
        return [text for child in component for text in texts(child)]
    if isinstance(component, dict):
        return texts(component.get("props", {}).get("children") or [])
    return texts(getattr(component, "children", None) or [])


def test_breaks_of_a_basis_classify_the_values_in_them(small):
    indicator = small.catalog.indicator("urban_rail_km")
    alone = classify([1.0, 2.0], indicator, "equal_interval", decimals=0)
    basis = [float(v) for v in range(1, 101)]
    within = classify([1.0, 2.0], indicator, "equal_interval", decimals=0, basis=basis)
    assert alone.labels != within.labels
    assert within.labels == classify(basis, indicator, "equal_interval", decimals=0).labels
    assert within.index == (0, 0)  # 1 and 2 both in the lowest of the basis's classes
    assert classify([np.nan], indicator, basis=[np.nan]).index == (-1,)


@pytest.mark.parametrize("scheme", ["natural_breaks", "quantiles", "equal_interval"])
def test_the_classes_are_the_same_in_every_period(small, scheme):
    steps = periods(small, "urban_rail_km", "prefecture")
    models = [build_map_model(small, parse_view(small, f"?indicator=urban_rail_km&period={p}&scheme={scheme}")[0])
              for p in steps]
    assert len(models) >= 2
    assert len({(m.classes.labels, m.classes.colors) for m in models}) == 1
    union = [v for p in steps for v in region_values(small, "urban_rail_km", "prefecture", p)["value"]]
    assert models[0].classes.labels == classify(union, models[0].indicator, scheme, decimals=models[0].decimals).labels


def test_a_period_without_values_in_the_scope_says_so(small):
    capital, _ = parse_view(small, "?indicator=urban_rail_km&circle=capital")
    coverage = period_coverage(small, capital)
    assert [(p, n) for p, n, _ in coverage] == [("2022-10", 1), ("2022-12", 0)]  # Jinan reported one period
    assert slider_marks(small, capital) == {0: "2022-10", 1: "2022-12(空缺)"}
    assert slider_marks(small, parse_view(small, "?indicator=urban_rail_km&lang=en")[0]) == {0: "2022-10", 1: "2022-12"}
    empty, _ = parse_view(small, "?indicator=urban_rail_km&circle=capital&period=2022-12&lang=en")
    assert "No values in this area for 2022-12" in texts(panel(small, empty).panel["legend"])
    assert not any("No values" in text for text in texts(panel(small, parse_view(
        small, "?indicator=urban_rail_km&period=2022-12&lang=en")[0]).panel["legend"]))
