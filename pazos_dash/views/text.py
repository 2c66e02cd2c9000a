"""How a chart's columns and cells read for people: labels and codes in the reader's language,
numbers in its format, gaps empty, source names as their titles. Used by the card's table,
the slides and the Excel download alike."""

from __future__ import annotations

from typing import Any, Callable

import pandas as pd

from ..i18n import cluster_name, decimals_for, fmt_number, has, t

# Columns whose text is prose or a proper name: shown as published, never looked up as a code.
FREE_TEXT = {"name", "partner", "geography", "target", "date", "period", "source_url"}
_CODE_PREFIXES = ("value", "category", "status", "unit", "map.metric")


def column_label(column: str, lang: str) -> str:
    return t(f"field.{column}", lang) if has(f"field.{column}", lang) else column


def code_text(value: str, lang: str) -> str | None:
    """The reader's words for a published code ('demo', 'firearm', 'on_track'), if it is one."""
    for prefix in _CODE_PREFIXES:
        if has(f"{prefix}.{value}", lang):
            return t(f"{prefix}.{value}", lang)
    return None


def number_decimals(frame: pd.DataFrame, column: str, declared: dict[str, int] | None = None,
                    row: dict | None = None) -> int:
    """How many decimals `column` of these rows (of `row`) shows: the unit the query gave it
    (frame.attrs["units"]: a unit for the column, the map's metric; or {"by": column, "units":
    {code: unit}} for rows of different units, the headline's facts), or the column's kind (a
    rate), else what the chart declares (i18n.decimals_for: numbers written one way)."""
    unit = frame.attrs.get("units", {}).get(column)
    if isinstance(unit, dict):
        unit = unit.get("units", {}).get(str(row.get(unit.get("by")))) if row is not None else None
    return decimals_for(column, (declared or {}).get(column, 0), unit)


def is_missing(value: Any) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and pd.isna(value))


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def cell_text(column: str, value: Any, lang: str, decimals: int = 0,
              source_title: Callable[[str], str] | None = None) -> str:
    """How one cell reads in a table: gaps empty, booleans and codes in words, numbers formatted,
    a row's source names as the sources' titles."""
    if is_missing(value):
        return ""
    if hasattr(value, "item"):  # NumPy scalars
        value = value.item()
    if isinstance(value, bool):
        return t(f"value.{value}", lang)
    if column == "source" and source_title is not None:
        return "; ".join(source_title(name.strip()) for name in str(value).split(";") if name.strip())
    if is_number(value):
        return str(value) if column.endswith("year") or column == "goal" else fmt_number(value, lang, decimals)
    if column == "name":  # a cluster's published (Spanish) name in the reader's words
        return cluster_name(value, lang)
    if column not in FREE_TEXT and not column.endswith(("_es", "_en")):
        words = code_text(str(value), lang)
        if words is not None:
            return words
    return str(value)
