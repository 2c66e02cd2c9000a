"""Translations are data: es.json and en.json hold every user-visible string; t() looks them up."""

from __future__ import annotations

import json
import math
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..domain import LANGUAGES  # noqa: F401  (re-exported: i18n.LANGUAGES)
_HERE = Path(__file__).parent


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    with open(_HERE / f"{lang}.json", encoding="utf-8") as f:
        return json.load(f)


def t(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, formatted with `values`; a missing key fails loudly in tests."""
    text = catalogue(lang)[key]
    return text.format(**values) if values else text


def has(key: str, lang: str) -> bool:
    return key in catalogue(lang)


def fmt_number(value: object, lang: str, decimals: int = 0) -> str:
    """1234.5 -> '1.234,5' in Spanish, '1,234.5' in English, −2 with a true minus; missing -> '' (never 0)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(number):
        return ""
    text = f"{number:,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # -0.00 reads as a sign that is not there
    if lang == "es":
        text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return text.replace("-", "\u2212")  # a true minus (−1,9), as typeset numbers and plotly's ticks have it


# Numbers written one way, by the unit a number is in: a count of people or events never has
# decimals; a rate (per 100,000, per cent), a mean of counts and an amount in millions one; a
# ratio two. The scoreboard, the tables, the takeaways and the hovers all read this.
UNIT_DECIMALS = {"people": 0, "enrolments": 0, "homicides": 0, "per_100k": 1, "percent": 1, "per_year": 1, "per_month": 1,
                 "million_cop": 1, "ratio": 2}
# Columns that hold a rate per 100,000 (or a gap between two) or a per cent wherever they appear.
RATE_COLUMNS = frozenset({"q1", "median", "q3", "gap"})
_RATE_SUFFIXES = ("_rate", "rate_per_100k", "rate_per_100k_revised_from", "_pct")


def decimals_for(column: str, declared: int = 0, unit: str | None = None) -> int:
    """How many decimals a number of `column` shows: its unit's (UNIT_DECIMALS) when the rows say
    it, one for a rate column (`rate_per_100k`, `palmira_rate`, `share_pct`...), else `declared`."""
    if unit in UNIT_DECIMALS:
        return UNIT_DECIMALS[unit]
    if column in RATE_COLUMNS or column.endswith(_RATE_SUFFIXES):
        return 1
    return declared


_CLUSTER_WORD = re.compile(r"^Clúster(?=\s|$)")


def cluster_name(name: object, lang: str) -> str:
    """A cluster's name as a reader of `lang` reads it: the package publishes it in Spanish
    ("Clúster 3"); the word is the reader's ("Cluster 3"), the rest (number, proper name) as
    published. The one place a published cluster name becomes a reader's: figures, takeaways,
    tables, controls and the reader's downloads call it (the JSON download and the API keep the
    published name)."""
    text = "" if name is None else str(name)
    return _CLUSTER_WORD.sub(lambda _match: t("word.cluster", lang), text, count=1)


def fmt_signed(value: object, lang: str, decimals: int = 0) -> str:
    """fmt_number (a true minus sign: −1,9, not -1,9), kept for the sentences that name it."""
    return fmt_number(value, lang, decimals)


def fmt_date(iso: str, lang: str) -> str:
    """'2026-11-24' -> '24 de noviembre de 2026' / '24 November 2026'."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    month = t(f"month.{day.month}", lang)
    return t("date.long", lang, day=day.day, month=month, year=day.year)


def plotly_separators(lang: str) -> str:
    """Plotly's layout.separators: decimal mark, then thousands mark."""
    return ",." if lang == "es" else ".,"
