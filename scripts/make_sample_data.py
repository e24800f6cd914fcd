"""Write the sample values in data/indicators/samples/ (reproducible: fixed seed, sorted output).

Sample values fill what no public source states (per-unit 2022 star ratings, the list of the
30 sewer-retrofit counties and their km, per-city new sponge-city area). They are plausible,
consistent with the plan's totals, never presented as official: every row says
provenance=sample, and the interface and every export mark them.

Run: .venv/bin/python scripts/make_sample_data.py
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sdplan.boundaries import load_regions  # noqa: E402
from sdplan.observations import COLUMNS, SAMPLE_DIR, SOURCED_DIR  # noqa: E402

SEED = 2022
PERIOD = "2022"
TITLE = "示例数据(非官方)/ sample data, not official: scripts/make_sample_data.py, seed 2022"


def pilot_cohorts() -> dict[str, int]:
    with open(SOURCED_DIR / "smart_city_pilot.csv", encoding="utf-8") as f:
        return {row["adcode"]: int(float(row["value"])) for row in csv.DictReader(f)}


def star_ratings(rng: np.random.Generator, prefectures: list[str], counties: list[str]) -> list[list]:
    """Pilot cities mostly reach 4 stars (5 for some 2019 pilots); counties lag, as the 2023 list suggests."""
    cohorts = pilot_cohorts()
    rows = []
    for code in prefectures:
        cohort = cohorts.get(code)
        if cohort == 2019:
            stars = 5 if rng.random() < 0.3 else 4
        elif cohort:
            stars = 4 if rng.random() < 0.85 else 3
        else:
            stars = 4 if rng.random() < 0.4 else 3
        rows.append([code, stars, "rule: pilot cities 4 stars (p=0.85), 2019 pilots 5 stars (p=0.3), others 3-4"])
    for code in counties:
        cohort = cohorts.get(code)
        chance = {2019: 0.55, 2020: 0.55, 2021: 0.25}.get(cohort)
        if chance:
            stars = 4 if rng.random() < chance else 3
        else:
            stars = 3 if rng.random() < 0.85 else 2
        rows.append([code, stars, "rule: 2019/2020 pilots 4 stars (p=0.55), 2021 pilots (p=0.25), others 3 (p=0.85) or 2"])
    return rows


def sewer_retrofit(rng: np.random.Generator, counties: list[str]) -> tuple[list[list], list[list]]:
    """32 counties on the 2022 list (27 completed, 5 under way), about 1,040 km among them."""
    listed = sorted(str(c) for c in rng.choice(counties, size=32, replace=False))
    completed = {str(c) for c in rng.choice(listed, size=27, replace=False)}
    km = rng.gamma(shape=2.0, scale=1.0, size=len(listed))
    km = np.round(km / km.sum() * 1040, 1)
    status = [[c, 0 if c not in listed else 2 if c in completed else 1, "rule: 32 random counties listed, 27 completed"]
              for c in counties]
    lengths = [[c, float(v), "rule: about 1,040 km shared among the 32 listed counties (gamma weights)"]
               for c, v in zip(listed, km)]
    return status, lengths


def sponge_area(rng: np.random.Generator, prefectures: list[str], population: dict[str, float]) -> list[list]:
    """About 126 km2 new in 2022, shared by population; the national demonstration cities more."""
    boost = {"370700": 1.6, "370600": 1.4}  # Weifang, Yantai: national system-wide demonstration cities
    weights = np.array([population[c] * boost.get(c, 1.0) * rng.uniform(0.7, 1.3) for c in prefectures])
    area = np.round(weights / weights.sum() * 126, 1)
    return [[c, float(a), "rule: 126 km2 shared by 2020 population, demonstration cities weighted up"]
            for c, a in zip(prefectures, area)]


def sourced_cells(indicator: str) -> set[tuple[str, str]]:
    """(adcode, period) of the sourced values of ``indicator``: a sample never stands where a source speaks."""
    path = SOURCED_DIR / f"{indicator}.csv"
    if not path.exists():
        return set()
    with open(path, encoding="utf-8") as f:
        return {(r["adcode"], r["period"]) for r in csv.DictReader(f)}


def write(folder: Path, indicator: str, unit: str, rows: list[list]) -> None:
    path = folder / f"{indicator}.csv"
    sourced = sourced_cells(indicator)
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(COLUMNS)
        for code, value, note in sorted(rows, key=lambda r: r[0]):
            if (code, PERIOD) in sourced:
                continue
            out.writerow([code, PERIOD, value, unit, "sample", TITLE, "", "", note, "", ""])
    print(f"wrote {len(rows)} rows to {path}")


def population_2020() -> dict[str, float]:
    with open(SOURCED_DIR / "resident_population.csv", encoding="utf-8") as f:
        return {r["adcode"]: float(r["value"]) for r in csv.DictReader(f) if r["period"] == "2020"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SAMPLE_DIR, help="folder to write to (default: %(default)s)")
    out = parser.parse_args().out
    regions = load_regions()
    prefectures = sorted(regions.loc[regions["level"] == "prefecture", "adcode"])
    counties = sorted(regions.loc[regions["level"] == "county", "adcode"])
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    write(out, "smart_city_stars", "stars", star_ratings(rng, prefectures, counties))
    status, lengths = sewer_retrofit(rng, counties)
    write(out, "sewer_retrofit_status", "status", status)
    write(out, "sewer_retrofit_km", "km", lengths)
    write(out, "sponge_city_new_km2", "km2", sponge_area(rng, prefectures, population_2020()))


if __name__ == "__main__":
    main()
