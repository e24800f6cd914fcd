"""The figures to 2024 of shared/data-sources.md ("Third search" and the additions) equal the bundled data.

The table below is typed from that file, each figure as its source states it (R1... are its row
marks); strength is its S/M/W mark (S official, M reprint, W aggregator; a derived figure is W).
"""

import pytest

from sdplan.observations import bundled_observations

STRENGTH = {"S": "official", "M": "reprint", "W": "aggregator"}

# indicator, adcode, period, value, unit, mark, definition, derived
PUBLISHED = [
    ("urban_rail_km", "370100", "2022-12", 84.1, "km", "M", "metro_tram", False),  # R1, 3 lines
    ("urban_rail_km", "370100", "2023-12", 84.1, "km", "W", "metro_tram", True),  # R2, from R1 and R3
    ("urban_rail_km", "370100", "2024-12", 96.7, "km", "M", "metro_tram", False),  # R3
    ("urban_rail_km", "370200", "2024-12", 352, "km", "M", "metro", False),  # R5, 172 stations
    ("urban_rail_km", "370000", "2024-12", 457.6, "km", "W", "metro_tram", False),  # R6, 12 lines with a tram
    ("resident_population", "370200", "2024", 1044.25, "10k_persons", "M", None, False),  # U1
    ("urbanization_rate", "370200", "2024", 78.87, "percent", "M", None, False),  # U1
    ("resident_population", "370200", "2023", 1037.15, "10k_persons", "M", None, False),  # U2
    ("urbanization_rate", "370200", "2023", 78.30, "percent", "W", None, True),  # U2: 78.87 - 0.57
    ("resident_population", "370100", "2024", 951.5, "10k_persons", "W", None, False),  # U3
    ("urbanization_rate", "370100", "2024", 76.2, "percent", "W", None, False),  # U3
    ("resident_population", "370100", "2023", 943.7, "10k_persons", "W", None, True),  # U4: 951.5 - 7.8
    ("urbanization_rate", "370100", "2023", 75.2, "percent", "W", None, True),  # U4: 76.2 - 1.0
    ("urbanization_rate", "371000", "2023", 72.68, "percent", "W", None, True),  # U5: 211.76 / 291.36
    ("resident_population", "371000", "2023", 291.36, "10k_persons", "W", None, False),  # U5's denominator
    ("urbanization_rate", "371000", "2022", 71.76, "percent", "W", None, True),  # U6: 209.38 / 291.78
    ("resident_population", "371100", "2023", 294.82, "10k_persons", "W", None, False),  # U7
    ("urbanization_rate", "371100", "2023", 63.56, "percent", "W", None, True),  # U7: 187.38 / 294.82
    ("resident_population", "371300", "2021", 1101.85, "10k_persons", "W", None, True),  # U9
    ("resident_population", "370200", "2021", 1025.67, "10k_persons", "W", None, True),  # U9
    ("resident_population", "370700", "2021", 940.0, "10k_persons", "W", None, True),  # U9
    ("resident_population", "370100", "2021", 933.61, "10k_persons", "W", None, True),  # U9
    ("resident_population", "370500", "2021", 219.5, "10k_persons", "W", None, True),  # U9
    ("resident_population", "371000", "2021", 291.46, "10k_persons", "W", None, False),  # U9; the 2021 bulletin's
    ("urbanization_rate", "370800", "2023", 63.05, "percent", "W", None, False),  # additions: 济宁 2023
    ("urbanization_rate", "371500", "2023", 55.8, "percent", "W", None, False),  # additions: 聊城 2023
    ("urban_rail_km", "370200", "2022-12", 315, "km", "S", "metro", False),  # earlier: 大众日报, metro only
]


def _row(indicator: str, adcode: str, period: str):
    frame = bundled_observations(indicator)
    found = frame[(frame["adcode"] == adcode) & (frame["period"] == period)]
    assert len(found) == 1, (indicator, adcode, period)
    return found.iloc[0]


@pytest.mark.parametrize("indicator, adcode, period, value, unit, mark, definition, derived", PUBLISHED)
def test_each_published_figure_is_bundled_as_its_source_states_it(indicator, adcode, period, value, unit, mark,
                                                                   definition, derived):
    row = _row(indicator, adcode, period)
    assert (row["value"], row["unit"], row["provenance"]) == (pytest.approx(value), unit, "sourced")
    assert row["source_strength"] == STRENGTH[mark]
    assert (row["definition"] if isinstance(row["definition"], str) else None) == definition
    assert str(row["note"]).startswith("derived:") == derived  # a derived figure says how in its note
    assert row["source_title"] and row["source_date"]


def test_derived_figures_follow_from_the_figures_they_are_derived_from():
    def value(indicator, adcode, period):
        return _row(indicator, adcode, period)["value"]

    assert value("urban_rail_km", "370100", "2023-12") == value("urban_rail_km", "370100", "2022-12")
    assert value("urbanization_rate", "370200", "2023") == pytest.approx(78.87 - 0.57)
    assert value("resident_population", "370100", "2023") == pytest.approx(951.5 - 7.8)
    assert value("urbanization_rate", "371000", "2023") == pytest.approx(100 * 211.76 / 291.36, abs=0.005)
    assert value("urbanization_rate", "371000", "2022") == pytest.approx(100 * (211.76 - 2.38) / 291.78, abs=0.005)
    assert value("urbanization_rate", "371100", "2023") == pytest.approx(100 * 187.38 / 294.82, abs=0.005)


def test_the_end_2024_province_rail_is_the_two_cities_metro_plus_the_tram():
    """The province counts 青岛's tram (about 8.8 km); the cities' end-2024 figures do not include it."""
    province = _row("urban_rail_km", "370000", "2024-12")["value"]
    cities = _row("urban_rail_km", "370100", "2024-12")["value"] + _row("urban_rail_km", "370200", "2024-12")["value"]
    assert province - cities == pytest.approx(8.8, abs=0.2)


def test_a_lower_bound_is_not_recorded_as_a_figure():
    """R4 (青岛 '>348 km' in 2024-04, a video caption) states no value: nothing at 2024-04."""
    rail = bundled_observations("urban_rail_km")
    assert not (rail["period"] == "2024-04").any()
