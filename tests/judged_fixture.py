"""The hand-computed fixture of targets split by region: the small dataset plus each city's own targets.

Every colour, rank and sum warning the tests expect is worked out here by hand from the rows of
``small_dataset.py`` and the sub-targets below (never by calling the code under test). Days of 2022:
365; 2022-10 ends on 31 October, day 304, so its time-proportional share is 304/365 = 83.2877 %;
a whole-year figure (2022) is due in full: 100 %. Thresholds: yellow from 10 points behind, red beyond 30.
"""

from __future__ import annotations

import pandas as pd
from small_dataset import JINAN, QINGDAO, small_dataset

S, X = "sourced", "sample"
SUBTARGETS = [
    # target, adcode, value, provenance
    # Urban rail, 400 km (at least). Cities 150 + 300 = 450 >= 400: more than the whole, no warning.
    # 2022-10: Jinan 80 / 150 = 53.3333 %, lag 83.2877 - 53.3333 = 29.9543 points -> yellow (10 <= lag <= 30);
    #   status: 80 < 150 * 10/12 = 125 -> behind.
    # Qingdao 290 / 300 = 96.6667 %, lag -13.3790 -> green; 290 >= 250 -> on track; its target is a
    #   sample value, so the verdict is marked sample.
    # Province 380 / 400 = 95 %, lag -11.7123 -> green (on track).
    ("t07_urban_rail", JINAN, 150.0, S),
    ("t07_urban_rail", QINGDAO, 300.0, X),
    # Sewers retrofitted, 1000 km (at least). Cities 600 + 300 = 900 < 1000: warning, short by 100 km.
    # Jinan's counties 300 + 200 + 150 = 650 > 600: more than Jinan's own, no warning.
    # Qingdao's counties: 2 of 3 (100 + 100 = 200): a partial sum, compared with nothing.
    # Figures: Jinan 2 of 3 counties, Qingdao 1 of 3: partial, never judged (no light).
    ("t08_sewer_km", JINAN, 600.0, S),
    ("t08_sewer_km", QINGDAO, 300.0, S),
    ("t08_sewer_km", "370102", 300.0, S),
    ("t08_sewer_km", "370103", 200.0, S),
    ("t08_sewer_km", "370104", 150.0, S),
    ("t08_sewer_km", "370202", 100.0, S),
    ("t08_sewer_km", "370203", 100.0, S),
    # Counties with sewers separated, 30 (at least; status 2 = completed, sample values). Cities 2 + 3 = 5 < 30:
    # warning, short by 25. Province: 3 of 6 counties completed (all 6 report): 3 / 30 = 10 %, due 100 %
    #   (2022) -> lag 90 -> red, sample. Jinan: 2 (Lixia, Huaiyin) >= 2 -> met, green (sample figure).
    #   Qingdao: 1 (Shibei) / 3 = 33.3333 %, lag 66.6667 -> red, sample.
    ("t08_sewer_counties", JINAN, 2.0, S),
    ("t08_sewer_counties", QINGDAO, 3.0, S),
    # Urbanization rate, 65 % (at least): rates are not added up (no sum check).
    # 2022: Jinan 72 / 75 = 96 %, lag 4 -> green, status behind (72 < 75); Qingdao 81 / 80 = 101.25 % -> met,
    # green. Province: published 64.5 / 65 = 99.2308 %, lag 0.7692 -> green, status behind.
    ("urbanization_rate", JINAN, 75.0, S),
    ("urbanization_rate", QINGDAO, 80.0, S),
]

# Expected by hand (see above): (target, scope) -> (status, light, sample-marked)
LIGHTS = {
    ("t07_urban_rail", None): ("on_track", "green", False),
    ("t07_urban_rail", JINAN): ("behind", "yellow", False),
    ("t07_urban_rail", QINGDAO): ("on_track", "green", True),
    ("t08_sewer_km", None): ("partial", "unjudged", False),
    ("t08_sewer_km", JINAN): ("partial", "unjudged", False),
    ("t08_sewer_km", QINGDAO): ("partial", "unjudged", False),
    ("t08_sewer_counties", None): ("behind", "red", True),
    ("t08_sewer_counties", JINAN): ("met", "green", True),
    ("t08_sewer_counties", QINGDAO): ("behind", "red", True),
    ("urbanization_rate", None): ("behind", "green", False),
    ("urbanization_rate", JINAN): ("behind", "green", False),
    ("urbanization_rate", QINGDAO): ("met", "green", False),
}
# (target, scope) -> (expected %, completion %) at the figure's period
PERCENTS = {
    ("t07_urban_rail", JINAN): (30400 / 365, 80 * 100 / 150),
    ("t07_urban_rail", QINGDAO): (30400 / 365, 290 * 100 / 300),
    ("t07_urban_rail", None): (30400 / 365, 95.0),
    ("t08_sewer_counties", None): (100.0, 10.0),
    ("t08_sewer_counties", QINGDAO): (100.0, 100 / 3),
    ("urbanization_rate", JINAN): (100.0, 96.0),
}
# Sum checks: (target, scope) -> (parts, whole, n, total, warning)
SUMS = {
    ("t07_urban_rail", "370000"): (450.0, 400.0, 2, 2, False),
    ("t08_sewer_km", "370000"): (900.0, 1000.0, 2, 2, True),
    ("t08_sewer_km", JINAN): (650.0, 600.0, 3, 3, False),
    ("t08_sewer_km", QINGDAO): (200.0, 300.0, 2, 3, False),
    ("t08_sewer_counties", "370000"): (5.0, 30.0, 2, 2, True),
}
# Ranks of the cities (completion of their own targets where they have one): target -> [(adcode, rank)]
RANKS = {
    "t07_urban_rail": [(QINGDAO, 1), (JINAN, 2)],  # 96.67 % > 53.33 %
    "urbanization_rate": [(QINGDAO, 1), (JINAN, 2)],  # 101.25 % > 96 %
    "t08_sewer_counties": [(JINAN, 1), (QINGDAO, 2)],  # 100 % > 33.33 %
}


def subtarget_frame(rows=SUBTARGETS) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["target", "adcode", "value", "provenance"])
    frame["source_title"] = ["City plan" if p == S else None for p in frame["provenance"]]
    frame["source_url"] = None
    frame["source_date"] = ["2022-03-01" if p == S else None for p in frame["provenance"]]
    frame["note"] = None
    return frame


def judged_dataset(extra: tuple = ()):
    """The small dataset with the sub-targets above."""
    return small_dataset(extra=extra, subtargets=subtarget_frame())

# The circular (通报): the province's red and yellow targets and the cities behind their own targets.
# With 10/30: red = counties with sewers separated (3 of 30, 90 points behind, sample), Qingdao behind (red,
# 66.7 points, sample); Jinan is met (green). No yellow target.
# With 0.5/30: the urbanization rate turns yellow (64.5 / 65 = 99.23 %, 0.77 points behind a whole-year
# figure); Jinan is 4 points behind its 75 % (yellow), Qingdao met its 80 % (green).
CIRCULAR = {
    (10.0, 30.0): {"red": [("t08_sewer_counties", [("青岛市", "red", True)])], "yellow": []},
    (0.5, 30.0): {"red": [("t08_sewer_counties", [("青岛市", "red", True)])],
                  "yellow": [("urbanization_rate", [("济南市", "yellow", False)])]},
}
