"""SDG alignment and indicator 16.1.1."""

from __future__ import annotations

import pandas as pd

from ..package import DataPackage
from .common import stamped


def sdg_alignment(package: DataPackage, **_options) -> pd.DataFrame:
    """Component -> SDG goal -> target, with the one-line rationale in both languages."""
    return stamped(package.table("sdg_alignment"), package, "sdg_alignment")


def sdg_16_1_1(package: DataPackage, **_options) -> pd.DataFrame:
    """SDG indicator 16.1.1 for Palmira: the homicide rate per 100,000, from the indicator values."""
    values = package.table("indicator_values")
    rows = values[values["indicator_id"] == "homicide_rate"].sort_values("year")
    return rows[["year", "value", "status", "source"]].reset_index(drop=True)
