"""What every chart frame carries per row: its status and the names of its sources."""

from __future__ import annotations

import pandas as pd

from ...domain import SMALL_COUNT
from ..package import DataPackage

# Every chart frame says, per row, what the row is (`status`: reported or demo) and where it
# comes from (`source`: the names of its sources, as the package lists them, joined by ';').
# Resources that do not say it per row say it for all their rows; `stamped` copies that down.


def status_of(package: DataPackage, *resources: str) -> str:
    """'demo' or 'reported' for rows derived from these resources, from their demonstration flags."""
    return "demo" if any(package.resources[r].demo for r in resources) else "reported"


def sources_of(package: DataPackage, *resources: str) -> str:
    """The `source` cell of rows derived from these resources as a whole."""
    names = [s["name"] for r in resources for s in package.resources[r].sources if s.get("name")]
    return ";".join(dict.fromkeys(names))


def stamped(frame: pd.DataFrame, package: DataPackage, *resources: str) -> pd.DataFrame:
    """The frame with `status` and `source` for every row, from the resources where the rows
    do not say it themselves."""
    frame = frame.copy()
    if "status" not in frame.columns:
        frame["status"] = status_of(package, *resources)
    if "source" not in frame.columns:
        frame["source"] = sources_of(package, *resources)
    thresholds = [package.resources[r].k for r in resources if package.resources[r].k is not None]
    if thresholds:
        frame.attrs["k"] = min(thresholds)  # the threshold the package was published with
    return frame


def unreliable(counts: pd.Series) -> pd.Series:
    """The `unreliable_rate` flag of rates computed from these counts: True where the count is
    published and below SMALL_COUNT (20, the rule of CDC WONDER and NCHS). A rate whose count
    is not published (a figure reported as a rate only) is not flagged: nothing says it is small."""
    return counts.astype("Float64").lt(SMALL_COUNT).fillna(False).astype(bool)


def palmira_counts(package: DataPackage) -> pd.Series:
    """Palmira's police homicide count per year: the events behind each published city rate."""
    annual = package.table("homicides_annual")
    return annual[annual["geography"] == "Palmira"].set_index("year")["homicides"]
