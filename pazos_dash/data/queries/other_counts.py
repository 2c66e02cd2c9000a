"""Other counts, side by side: the police series with the figures other publishers gave."""

from __future__ import annotations

import pandas as pd

from ..package import DataPackage
from .common import unreliable
from .revisions import with_revisions

PRIMARY_PUBLISHER, PRIMARY_DEFINITION = "policia_nacional", "police_events"
COLUMNS = ["year", "publisher", "definition", "homicides", "rate_per_100k", "unreliable_rate", "published_in", "source_url",
           "status", "source"]


def homicides_other_counts(package: DataPackage, **_options) -> pd.DataFrame:
    """Palmira's police series (the primary one, every year) and, beside it, every other
    published figure (one row per publisher and report), with what each counts and where it
    was published. Nothing is averaged."""
    annual = package.table("homicides_annual")
    police = annual[annual["geography"] == "Palmira"].sort_values("year")
    primary = pd.DataFrame({
        "year": police["year"], "publisher": PRIMARY_PUBLISHER, "definition": PRIMARY_DEFINITION,
        "homicides": police["homicides"], "rate_per_100k": police["rate_per_100k"], "unreliable_rate": unreliable(police["homicides"]),
        "published_in": pd.Series(pd.NA, index=police.index, dtype="string"), "source_url": police["source_url"],
        "status": police["status"], "source": police["source"],
    })
    primary = with_revisions(primary.reset_index(drop=True), package, "homicides_annual", {"year": "year"}, fixed={"geography": "Palmira"})
    if "other_counts" not in package.resources:
        return primary
    others = package.table("other_counts")
    others = others[others["geography"] == "Palmira"].sort_values(["year", "publisher", "source"])
    others = others.assign(unreliable_rate=unreliable(others["homicides"]))[COLUMNS].reset_index(drop=True)
    others = with_revisions(others, package, "other_counts", {"year": "year", "source": "source"})
    frame = pd.concat([primary, others], ignore_index=True)
    for column in ("revised",):
        if column in frame.columns:
            frame[column] = frame[column].fillna(False).astype(bool)
    return frame
