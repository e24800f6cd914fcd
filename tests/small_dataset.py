"""A small hand-built dataset for the domain tests: two prefectures, six counties, a few figures.

The regions are real (names and adcodes), everything else is made up so that each expected
result can be worked out by hand from the rows below: the bounding boxes are round numbers
and the figures are chosen to tell the rules apart (a weighted mean that differs from the
plain mean, a province figure that beats the sum of its cities, regions without data, sample
and sourced values side by side). The catalog is the real one: it is the plan, not figures.

Regions (circle)::

    370000 山东省 province
    370100 济南市 Jinan (capital)      counties 370102 历下区, 370103 市中区, 370104 槐荫区
    370200 青岛市 Qingdao (jiaodong)   counties 370202 市南区, 370203 市北区, 370211 黄岛区

No prefecture is in the lunan circle. Worked results are noted next to the rows they come from.
"""

from __future__ import annotations

import pandas as pd

from sdplan.catalog import load_catalog
from sdplan.dataset import Dataset, make_dataset

PROVINCE, JINAN, QINGDAO = "370000", "370100", "370200"
JINAN_COUNTIES = ("370102", "370103", "370104")
QINGDAO_COUNTIES = ("370202", "370203", "370211")

REGIONS = [
    # adcode, name_zh, name_en, level, parent, circle
    ("370000", "山东省", "Shandong", "province", None, None),
    ("370100", "济南市", "Jinan", "prefecture", "370000", "capital"),
    ("370102", "历下区", "Lixia District", "county", "370100", "capital"),
    ("370103", "市中区", "Shizhong District", "county", "370100", "capital"),
    ("370104", "槐荫区", "Huaiyin District", "county", "370100", "capital"),
    ("370200", "青岛市", "Qingdao", "prefecture", "370000", "jiaodong"),
    ("370202", "市南区", "Shinan District", "county", "370200", "jiaodong"),
    ("370203", "市北区", "Shibei District", "county", "370200", "jiaodong"),
    ("370211", "黄岛区", "Huangdao District", "county", "370200", "jiaodong"),
]

# west, south, east, north. Qingdao's counties together span 119.5-120.5 E, 35.5-36.2 N.
BOUNDS = {
    "370100": (116.0, 36.0, 118.0, 37.5),
    "370102": (117.0, 36.6, 117.2, 36.7),
    "370103": (116.8, 36.4, 117.2, 36.7),
    "370104": (116.8, 36.6, 117.0, 36.8),
    "370200": (119.5, 35.5, 121.0, 37.0),
    "370202": (120.3, 36.0, 120.4, 36.1),
    "370203": (120.3, 36.0, 120.5, 36.2),
    "370211": (119.5, 35.5, 120.3, 36.1),
}

S, X = "sourced", "sample"
OBSERVATIONS = [
    # indicator, adcode, period, value, provenance, source title (None for a sample value)

    # Urban rail (prefecture, sum), target 400 km by the end of 2022.
    # 2022-10: the province publishes 380 (> 80 + 290 = 370): 380 >= 400 * 10/12, on track.
    # 2022-12: only Qingdao (Jinan has no data): 300 is no province total, partial 1/2. 2022-10 covers more.
    ("urban_rail_km", "370000", "2022-10", 380.0, S, "Province press release"),
    ("urban_rail_km", "370100", "2022-10", 80.0, S, "Jinan metro report"),
    ("urban_rail_km", "370200", "2022-10", 290.0, S, "Qingdao metro report"),
    ("urban_rail_km", "370200", "2022-12", 300.0, S, "Qingdao metro report"),

    # Resident population (prefecture), the weights of the urbanization rate: latest up to the period.
    ("resident_population", "370100", "2020", 1000.0, S, "Census 2020"),
    ("resident_population", "370200", "2020", 3000.0, S, "Census 2020"),
    ("resident_population", "370100", "2022", 2000.0, S, "City bulletins 2022"),

    # Urbanization rate (prefecture, weighted mean), target >= 65 %.
    # 2020: (70 * 1000 + 80 * 3000) / 4000 = 77.5 (the plain mean would be 75).
    # 2022: (72 * 2000 + 81 * 3000) / 5000 = 77.4 (with the 2020 weights: 78.75), but the
    #       province publishes 64.5, which wins: behind. 2020 and 2022 tie on coverage: 2022.
    ("urbanization_rate", "370100", "2020", 70.0, S, "City bulletins 2020"),
    ("urbanization_rate", "370200", "2020", 80.0, S, "City bulletins 2020"),
    ("urbanization_rate", "370100", "2022", 72.0, S, "City bulletins 2022"),
    ("urbanization_rate", "370200", "2022", 81.0, S, "City bulletins 2022"),
    ("urbanization_rate", "370000", "2022", 64.5, S, "Province bulletin 2022"),

    # Smart-city stars (prefecture and county; shares of 4 stars or more).
    # Cities 2022: 5 and 4 stars, so 100 % have >= 4 (target 80 %, met) and >= 3 (target 100 %, met).
    # Counties 2022 (Huangdao has no rating): >= 4 stars 3 of 5 = 60 % (target 30 %, met);
    # >= 3 stars 4 of 5 = 80 % (target 90 %, behind). Jinan 2 of 3 = 66.67 %, Qingdao 1 of 2 = 50 %.
    # Qingdao's counties mix sourced and sample values. Only Lixia has a 2023 rating.
    ("smart_city_stars", "370100", "2022", 5.0, S, "Big data bureau list"),
    ("smart_city_stars", "370200", "2022", 4.0, S, "Big data bureau list"),
    ("smart_city_stars", "370102", "2022", 5.0, X, None),
    ("smart_city_stars", "370103", "2022", 3.0, X, None),
    ("smart_city_stars", "370104", "2022", 4.0, X, None),
    ("smart_city_stars", "370202", "2022", 4.0, S, "Qingdao data bureau notice"),
    ("smart_city_stars", "370203", "2022", 2.0, X, None),
    ("smart_city_stars", "370102", "2023", 5.0, S, "Big data bureau list 2023"),

    # Sewer retrofit status (county; 2 = completed), target >= 30 counties completed.
    # Completed: Jinan 2 (Lixia, Huaiyin), Qingdao 1 (Shibei): 3 in the province, behind.
    ("sewer_retrofit_status", "370102", "2022", 2.0, X, None),
    ("sewer_retrofit_status", "370103", "2022", 1.0, X, None),
    ("sewer_retrofit_status", "370104", "2022", 2.0, X, None),
    ("sewer_retrofit_status", "370202", "2022", 0.0, X, None),
    ("sewer_retrofit_status", "370203", "2022", 2.0, X, None),
    ("sewer_retrofit_status", "370211", "2022", 1.0, X, None),

    # Sewers retrofitted (county, sum), target 1000 km: Jinan 10.5 + 4.5 = 15, Qingdao 20; 35 in all.
    ("sewer_retrofit_km", "370102", "2022", 10.5, X, None),
    ("sewer_retrofit_km", "370103", "2022", 4.5, X, None),
    ("sewer_retrofit_km", "370202", "2022", 20.0, X, None),

    # Old communities (province only), target 67.1 (10k households): 70 >= 67.1, met in 2022.
    # 2021, before the plan: 60 (the ledger shows the latest province figure, 2022's).
    ("old_community_households", "370000", "2021", 60.0, S, "Housing ministry report 2021"),
    ("old_community_households", "370000", "2022", 70.0, S, "Housing ministry report"),

    # sponge_city_new_km2 and smart_city_pilot have no observations at all.
]

# How the values were counted, where an indicator has more than one way: every rail figure here counts
# metro and tram lines alike. ``BREAK`` counts Qingdao's 2022-12 figure as metro only, as the real
# data does: then 290 -> 300 is a break, never a change of 10 km.
DEFINITIONS = {("urban_rail_km", "2022-10"): "metro_tram", ("urban_rail_km", "2022-12"): "metro_tram"}
BREAK = {**DEFINITIONS, ("urban_rail_km", "2022-12"): "metro"}


def small_dataset(revision: int = 1, extra: tuple = (), definitions: dict | None = None,
                  subtargets: pd.DataFrame | None = None) -> Dataset:
    """The hand-built :class:`~sdplan.dataset.Dataset` above, with the real catalog (and ``extra`` rows;
    ``definitions`` by (indicator, period) instead of :data:`DEFINITIONS`; the regions' own ``subtargets``)."""
    catalog = load_catalog()
    regions = pd.DataFrame(REGIONS, columns=["adcode", "name_zh", "name_en", "level", "parent", "circle"])
    rows = pd.DataFrame([*OBSERVATIONS, *extra], columns=["indicator", "adcode", "period", "value", "provenance", "source_title"])
    rows["unit"] = [catalog.indicator(i).unit for i in rows["indicator"]]
    rows["source_url"] = None
    rows["source_date"] = rows["period"].where(rows["provenance"] == S, None)
    rows["note"] = None
    rows["source_strength"] = rows["provenance"].map({S: "official"})
    chosen = DEFINITIONS if definitions is None else definitions
    rows["definition"] = [chosen.get((i, p)) for i, p in zip(rows["indicator"], rows["period"])]
    return make_dataset(revision, catalog, regions, BOUNDS, rows, subtargets=subtargets)
