"""The official figures a published cell can be checked against, read from data/reference/: the
Police's annual series (with its preliminary years), monthly counts and sex, age-group and
weapon breakdowns, in the categories the victim tables publish.

The publish step refuses records whose tables would differ from these under the Police's name;
the validator (audit.py) checks every row that cites the Police against them. Neither believes
what a package says about itself.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from .demo_raw import _AGE, _SEX, _WEAPON
from .sources import DANE, POLICE, POLICE_COMPILATION

ANNUAL = "homicides_police_dane_2003_2024.csv"
MONTHLY = "palmira_homicides_police_monthly_2003_2024.csv"
BREAKDOWNS = "palmira_homicides_police_breakdowns_2011_2024.csv"
# Publishers whose figures are official statistics: a row citing one of them is `reported` or
# `preliminary` (or suppressed), never demonstration data, and must equal their figure.
OFFICIAL_SOURCE_NAMES = frozenset({POLICE["name"], DANE["name"], POLICE_COMPILATION["name"]})
# The victim tables: (resource, the dimension it splits the year by, the official table of that split)
VICTIM_DIMENSIONS = {"homicides_monthly": "month", "homicides_by_sex": "sex", "homicides_by_age_group": "age_group",
                     "homicides_by_weapon": "weapon", "homicides_by_cluster": "area"}
_MAPS = {"sex": _SEX, "age_group": _AGE, "weapon": _WEAPON}


@lru_cache(maxsize=8)
def _read(reference: str, name: str) -> pd.DataFrame:
    return pd.read_csv(Path(reference) / name, dtype={"note": str}, keep_default_na=False)


def annual(reference: Path) -> pd.DataFrame:
    """The annual series as published by the Police and DANE: year, geography, homicides, note."""
    return _read(str(reference), ANNUAL)


def palmira_annual(reference: Path) -> pd.Series:
    frame = annual(reference)
    return frame[frame["geography"] == "Palmira"].set_index("year")["homicides"].astype(int)


def preliminary_years(reference: Path) -> set[int]:
    """Years whose Police count is preliminary (the reference's note says so): every table derived
    from that year's extract is preliminary too."""
    frame = annual(reference)
    return {int(y) for y in frame.loc[frame["note"].astype(str).str.startswith("preliminary"), "year"]}


def official_cells(reference: Path) -> dict[str, dict[tuple, int]]:
    """Per victim table, the Police's count of each (year, category) cell; the total of a year is
    (year, None). The cluster table has no official split: only its totals."""
    annual_counts = palmira_annual(reference)
    totals = {(int(y), None): int(n) for y, n in annual_counts.items()}
    monthly = _read(str(reference), MONTHLY)
    out = {"homicides_monthly": {**{(int(r.year), int(r.month)): int(r.homicides) for r in monthly.itertuples()},
                                 **{k: v for k, v in totals.items() if k[0] in set(monthly["year"])}}}
    breakdowns = _read(str(reference), BREAKDOWNS)
    for dimension, mapping in _MAPS.items():
        cells = breakdowns[breakdowns["dimension"] == dimension]
        counts: dict = {}
        for r in cells.itertuples():
            key = (int(r.year), mapping.get(r.category, "other"))
            counts[key] = counts.get(key, 0) + int(r.homicides)
        years = set(cells["year"].astype(int))
        out[f"homicides_by_{dimension}"] = {**counts, **{k: v for k, v in totals.items() if k[0] in years}}
    out["homicides_by_cluster"] = totals
    return out
