"""Revisions and releases as the site shows them: the package's history (publish/revisions.py
writes it), the revisions of the last release, and the values a chart shows that were revised."""

from __future__ import annotations

from typing import Any, Mapping

import pandas as pd

from ..package import DataPackage

RESOURCE = "revisions"
COLUMNS = ["release", "date", "resource", "key", "field", "old_value", "new_value", "change", "reason", "reason_en"]


def revisions(package: DataPackage) -> pd.DataFrame:
    """Every revision the package records, newest release first (empty for older packages)."""
    if RESOURCE not in package.resources:
        return pd.DataFrame(columns=COLUMNS)
    table = package.table(RESOURCE)
    order = {r["version"]: i for i, r in enumerate(package.releases)}
    return (table.assign(_order=table["release"].map(order).fillna(-1)).sort_values(["_order", "resource", "key", "field"],
                                                                                       ascending=[False, True, True, True])
            .drop(columns="_order").reset_index(drop=True))


def last_release(package: DataPackage) -> dict[str, Any] | None:
    return package.releases[-1] if package.releases else None


def release_revisions(package: DataPackage, release: str | None = None, resources: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The revisions one release made (the last one by default), optionally to some resources only."""
    table = revisions(package)
    latest = last_release(package)
    wanted = release or (latest["version"] if latest else None)
    rows = table[table["release"] == wanted] if wanted else table.iloc[0:0]
    if resources is not None:
        rows = rows[rows["resource"].isin(resources)]
    return rows.reset_index(drop=True)


def parse_key(key: str) -> dict[str, str]:
    """'year=2023; geography=Palmira' -> {'year': '2023', 'geography': 'Palmira'}."""
    return dict(part.strip().split("=", 1) for part in str(key).split(";") if "=" in part)


def _as_text(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def with_revisions(frame: pd.DataFrame, package: DataPackage, resource: str, keys: Mapping[str, str],
                   fixed: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The frame with, where the last release revised a value it shows, `<field>_revised_from`
    (the value before, typed like the field) and `revised` (the row has a revised value).
    `keys` maps the resource's key fields to the frame's columns; `fixed` gives key fields the
    frame holds one value of (Palmira's rows only: geography=Palmira). Without a revision of
    these rows the frame is returned as it was."""
    changed = release_revisions(package, resources=(resource,))
    changed = changed[(changed["change"] == "changed") & changed["field"].isin(frame.columns)]
    if changed.empty:
        return frame
    fixed = dict(fixed or {})
    frame_keys = frame[list(keys.values())].astype(object).apply(lambda row: tuple(_as_text(v) for v in row), axis=1)
    position = {k: i for i, k in enumerate(frame_keys)}
    out = frame.copy()
    revised = pd.Series(False, index=out.index)
    for row in changed.itertuples(index=False):
        key = parse_key(row.key)
        if any(key.get(f) != v for f, v in fixed.items()):
            continue
        wanted = tuple(key.get(f, "") for f in keys)
        if wanted not in position:
            continue
        i = out.index[position[wanted]]
        column = f"{row.field}_revised_from"
        if column not in out.columns:
            out.insert(out.columns.get_loc(row.field) + 1, column, pd.Series(pd.NA, index=out.index, dtype=out[row.field].dtype))
        if str(row.old_value) != "":
            out.at[i, column] = pd.to_numeric(row.old_value) if pd.api.types.is_numeric_dtype(out[row.field]) else row.old_value
        revised.at[i] = True
    if revised.any():
        out.insert(out.columns.get_loc("status") if "status" in out.columns else len(out.columns), "revised", revised)
    return out
