"""Selections of a chart to walk in tests: every value of every plain option, and for a year
range and a multi-valued option the cases that differ (the whole range, one year, the first and
last halves; all areas, none, each one alone) instead of every combination."""

from __future__ import annotations

from itertools import product

from pazos_dash.charts.spec import NONE, YEAR_FROM, YEAR_TO


def ranges(years: tuple[str, ...]) -> list[tuple[str, str]]:
    ordered = sorted(years, key=int)
    first, middle, last = ordered[0], ordered[len(ordered) // 2], ordered[-1]
    return list(dict.fromkeys([(first, last), (last, last), (first, middle), (middle, last)]))


def subsets(values: tuple[str, ...], default: tuple[str, ...] | None = None) -> list[str]:
    """All (or the chart's default), none, and each value alone; for a long list (every
    municipality) the first few and the last alone, not ~1,200 selections."""
    if len(values) <= 12:
        return [",".join(values), NONE, *values]
    return [",".join(default or values), NONE, *values[:4], values[-1]]


def selections(spec, package) -> list[dict[str, str]]:
    """Each selection as the state writes it (cleaned values, a range oldest first)."""
    allowed = spec.allowed(package)
    axes: list[list[dict[str, str]]] = []
    for name, values in allowed.items():
        if name == YEAR_TO:
            continue
        if name == YEAR_FROM:
            axes.append([{YEAR_FROM: a, YEAR_TO: b} for a, b in ranges(values)])
        elif name in spec.multi:
            axes.append([{name: v} for v in subsets(values, spec.multi_default.get(name))])
        else:
            axes.append([{name: v} for v in values])
    return [{k: v for part in combo for k, v in part.items()} for combo in product(*axes)]
