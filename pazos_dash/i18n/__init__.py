"""Translations are data: es.json and en.json hold every user-visible string; t() looks them up."""

from __future__ import annotations

import json
import math
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
