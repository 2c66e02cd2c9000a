"""Pure queries: the loaded package -> the tidy frame one view plots. No Dash, no I/O."""

from __future__ import annotations

import pandas as pd

from .package import DataPackage


def palmira_homicides_annual(package: DataPackage) -> pd.DataFrame:
    """Palmira's annual homicides, population and rate with each row's source, oldest first."""
    annual = package.table("homicides_annual")
    rows = annual[annual["geography"] == "Palmira"].sort_values("year")
    columns = ["year", "homicides", "population", "rate_per_100k", "status", "source", "source_url", "note"]
    return rows[columns].reset_index(drop=True)


def cluster_residents(package: DataPackage) -> pd.DataFrame:
    """Residents and neighbourhoods per PAZOS cluster, in cluster order."""
    clusters = package.table("clusters").sort_values("cluster_id")
    columns = ["cluster_id", "name", "zone", "neighbourhoods", "residents", "status"]
    return clusters[columns].reset_index(drop=True)
