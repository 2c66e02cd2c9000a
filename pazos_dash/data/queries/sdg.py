"""SDG alignment and indicator 16.1.1."""

from __future__ import annotations

import pandas as pd

from ..package import DataPackage
from .common import palmira_counts, stamped, unreliable
from .revisions import with_revisions


def sdg_alignment(package: DataPackage, **_options) -> pd.DataFrame:
    """Component -> SDG goal -> target, with the one-line rationale in both languages."""
    return stamped(package.table("sdg_alignment"), package, "sdg_alignment")


def sdg_16_1_1(package: DataPackage, **_options) -> pd.DataFrame:
    """SDG indicator 16.1.1 for Palmira: the homicide rate per 100,000, from the indicator values."""
    values = package.table("indicator_values")
    rows = values[values["indicator_id"] == "homicide_rate"].sort_values("year")
    rows = rows.assign(unreliable_rate=unreliable(rows["year"].map(palmira_counts(package))))
    frame = rows[["year", "value", "unreliable_rate", "status", "source"]].reset_index(drop=True)
    frame = with_revisions(frame, package, "indicator_values", {"year": "year"}, fixed={"indicator_id": "homicide_rate"})
    frame.attrs["units"] = {"value": "per_100k", "value_revised_from": "per_100k"}  # how its numbers are written
    return frame
