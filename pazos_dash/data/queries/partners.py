"""Partner contributions: by sector, component, execution and flow."""

from __future__ import annotations

import pandas as pd

from ...domain import COMPONENTS
from ..package import DataPackage
from .common import stamped


def _contributions(package: DataPackage) -> pd.DataFrame:
    partners = package.table("partners")[["partner_id", "sector"]]
    return package.table("contributions").merge(partners, on="partner_id", how="left")


def _money(frame: pd.DataFrame, package: DataPackage) -> pd.DataFrame:
    return stamped(frame, package, "contributions", "partners")


def resources_by_sector(package: DataPackage, **_options) -> pd.DataFrame:
    """Committed and executed COP per year and sector."""
    grouped = _contributions(package).groupby(["year", "sector"], as_index=False)[["committed_cop", "executed_cop"]].sum()
    return _money(grouped.astype({"committed_cop": "int64", "executed_cop": "int64"}), package)


def resources_by_component(package: DataPackage, kind: str = "all", **_options) -> pd.DataFrame:
    """Committed and executed COP per component and year; `kind` keeps cash or in-kind only."""
    rows = _contributions(package)
    if kind != "all":
        rows = rows[rows["kind"] == kind]
    grouped = rows.groupby(["component", "year"], as_index=False)[["committed_cop", "executed_cop"]].sum()
    order = {c: i for i, c in enumerate(COMPONENTS)}
    grouped = grouped.sort_values(["component", "year"], key=lambda s: s.map(order) if s.name == "component" else s)
    return _money(grouped.reset_index(drop=True), package)


def budget_execution(package: DataPackage, **_options) -> pd.DataFrame:
    """Per year: committed, executed, execution rate, and external pesos per municipal peso."""
    rows = _contributions(package)
    public = rows["sector"] == "public"
    frame = rows.groupby("year").agg(committed_cop=("committed_cop", "sum"), executed_cop=("executed_cop", "sum")).reset_index()
    frame["execution_rate_pct"] = (100 * frame["executed_cop"] / frame["committed_cop"]).round(1)
    frame["municipal_executed_cop"] = frame["year"].map(rows[public].groupby("year")["executed_cop"].sum()).fillna(0).astype("int64")
    frame["external_executed_cop"] = frame["executed_cop"] - frame["municipal_executed_cop"]
    frame["leverage"] = (frame["external_executed_cop"] / frame["municipal_executed_cop"].where(frame["municipal_executed_cop"] > 0)).round(2)
    return _money(frame, package)


def resources_flow(package: DataPackage, **_options) -> pd.DataFrame:
    """Executed COP from each sector to each component, all years together (the Sankey's links)."""
    grouped = _contributions(package).groupby(["sector", "component"], as_index=False)["executed_cop"].sum()
    links = grouped[grouped["executed_cop"] > 0].astype({"executed_cop": "int64"}).reset_index(drop=True)
    return _money(links, package)
