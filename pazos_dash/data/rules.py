"""Rules across fields, rows and files that a well-typed package can still break, and geometry.

Each resource may declare `rules` in datapackage.json (the publish step writes them):

- `{"type": "ratio", "field": f, "numerator": n, "denominator": d, "scale": s, "decimals": k}`:
  f = n / d × s, rounded to k decimals (a rate that is not homicides ÷ population × 100,000 fails);
- `{"type": "total", "field": f, "dimension": c, "by": [...], "equals": {"resource": r, "field": g,
  "where": {...}}}`: the row whose `c` is empty is the total of the others (equal when none is
  suppressed, at least their sum otherwise) and equals `g` of resource `r` for the same `by` keys;
- `{"type": "not_greater", "field": f, "than": g, "unless": u}`: f <= g unless the row's `u` says why.

Every broken rule is a Problem naming file, row and column. Geometry is checked with shapely,
the field's library: a self-crossing polygon or a ring of two points is refused at its feature.
"""

from __future__ import annotations

from typing import Any, Callable

import pandas as pd

Problem = Callable[..., Any]  # the Problem class of package.py, passed in (no import cycle)
_LIMIT = 5  # per rule: a few rows, enough to act on


def _present(*series: pd.Series) -> pd.Series:
    mask = pd.Series(True, index=series[0].index)
    for s in series:
        mask &= s.notna()
    return mask


RATE_RULE = {"type": "ratio", "field": "rate_per_100k", "numerator": "homicides", "denominator": "population",
             "scale": 100000, "decimals": 2}
# Rules the code knows: checked whether or not the descriptor declares them (a file cannot switch
# off a consistency check by deleting its rule). The publish step writes the same ones.
KNOWN_RULES: dict[str, list[dict[str, Any]]] = {
    "homicides_annual": [RATE_RULE],
    **{name: [{"type": "total", "field": "homicides", "dimension": dimension, "by": ["year"]}]
       for name, dimension in (("homicides_monthly", "month"), ("homicides_by_sex", "sex"), ("homicides_by_age_group", "age_group"),
                               ("homicides_by_weapon", "weapon"), ("homicides_by_cluster", "area"))},
    "contributions": [{"type": "not_greater", "field": "executed_cop", "than": "committed_cop"}],
}


def _rules_of(resource, known: bool = True) -> list[dict[str, Any]]:
    """The rules the descriptor declares, plus the code's own for this resource (once each)."""
    declared = [dict(r) for r in resource.rules]
    if not known:
        return declared
    known = [r for r in KNOWN_RULES.get(resource.name, [])
             if not any(d.get("type") == r["type"] and d.get("field") == r["field"] for d in declared)]
    return declared + known


def rule_problems(resource, resources: dict, problem: Problem, *, known: bool = True) -> list:
    """Problems of every rule `resource` declares or the code knows for it (other resources are
    read for `total.equals`)."""
    found: list = []
    first = 1 if resource.format == "geojson" else 2
    frame = resource.frame
    for rule in _rules_of(resource, known):
        kind = rule.get("type")
        if any(c not in frame.columns for c in (rule.get("field"), rule.get("numerator"), rule.get("denominator"),
                                                 rule.get("than"), rule.get("dimension")) if c):
            found.append(problem(resource.path, f"the columns rule '{kind}' names", f"a rule over missing columns: {rule}"))
            continue
        if kind == "ratio":
            found += _ratio(resource, rule, problem, first)
        elif kind == "total":
            found += _total(resource, rule, resources, problem, first)
        elif kind == "not_greater":
            found += _not_greater(resource, rule, problem, first)
    return found


def _ratio(resource, rule, problem, first) -> list:
    frame = resource.frame
    field, scale, decimals = rule["field"], float(rule.get("scale", 1)), int(rule.get("decimals", 2))
    value, num, den = (frame[c].astype("Float64") for c in (field, rule["numerator"], rule["denominator"]))
    ok = _present(value, num, den) & (den != 0)
    expected = (num / den * scale).round(decimals)
    wrong = ok & ((value - expected).abs() > 1.01 * 10 ** -decimals)
    return [problem(resource.path, f"{field} = {rule['numerator']} / {rule['denominator']} × {scale:g} = {expected[i]:.{decimals}f}",
                    f"{value[i]:g}", row=first + int(i), column=field)
            for i in list(wrong[wrong.fillna(False)].index)[:_LIMIT]]


def _total(resource, rule, resources, problem, first) -> list:
    frame, field, dimension = resource.frame, rule["field"], rule["dimension"]
    by = list(rule.get("by", []))
    found = []
    totals = frame[frame[dimension].isna()]
    cells = frame[frame[dimension].notna()]
    hidden = cells["suppressed"].fillna(False).astype(bool) if "suppressed" in cells.columns else pd.Series(False, index=cells.index)
    for i, total in totals.iterrows():
        mine = cells
        for key in by:
            mine = mine[mine[key] == total[key]]
        shown = mine.loc[~hidden.loc[mine.index], field].astype("Float64").sum()
        complete = not hidden.loc[mine.index].any()
        if pd.notna(total[field]) and ((complete and shown != total[field]) or (not complete and shown > total[field])):
            where = ", ".join(f"{k} {total[k]}" for k in by)
            found.append(problem(resource.path, f"{field} of the total row = the sum of its {dimension} cells ({where}): {shown:g}",
                                 f"{total[field]:g}", row=first + int(i), column=field))
        if len(found) >= _LIMIT:
            return found
    equals = rule.get("equals")
    if equals and equals.get("resource") in resources:
        other = resources[equals["resource"]]
        reference = other.frame
        for key, value in (equals.get("where") or {}).items():
            reference = reference[reference[key].astype(str) == str(value)]
        reference = reference.set_index(by)[equals["field"]] if by else reference[equals["field"]]
        for i, total in totals.iterrows():
            key = tuple(total[k] for k in by) if len(by) > 1 else total[by[0]] if by else None
            if key not in reference.index or pd.isna(total[field]):
                continue
            official = reference.loc[key]
            if pd.notna(official) and float(official) != float(total[field]):
                where = ", ".join(f"{k} {total[k]}" for k in by)
                found.append(problem(resource.path, f"the {field} of {other.path} for {where}: {official:g}", f"{total[field]:g}",
                                     row=first + int(i), column=field))
                if len(found) >= _LIMIT:
                    break
    return found


def _not_greater(resource, rule, problem, first) -> list:
    frame = resource.frame
    field, than, unless = rule["field"], rule["than"], rule.get("unless")
    a, b = frame[field].astype("Float64"), frame[than].astype("Float64")
    wrong = _present(a, b) & (a > b)
    if unless and unless in frame.columns:
        wrong &= frame[unless].isna() | (frame[unless].astype(str).str.strip() == "")
    return [problem(resource.path, f"{field} <= {than} ({b[i]:g})" + (f", or a reason in '{unless}'" if unless else ""),
                    f"{a[i]:g}", row=first + int(i), column=field)
            for i in list(wrong[wrong.fillna(False)].index)[:_LIMIT]]


def geometry_problems(path: str, document: dict, problem: Problem) -> list:
    """Each feature's geometry is valid by shapely's rules (closed rings of 4+ points, no self-crossing)."""
    from shapely.errors import GEOSException
    from shapely.geometry import shape
    from shapely.validation import explain_validity

    found = []
    for number, feature in enumerate(document.get("features", []), start=1):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict):
            continue  # reported by the reader
        try:
            reason = None if shape(geometry).is_valid else explain_validity(shape(geometry))
        except (ValueError, TypeError, AttributeError, GEOSException) as exc:
            reason = str(exc)
        if reason:
            found.append(problem(path, "a valid geometry (closed rings of at least 4 points, no self-intersection)", reason,
                                 row=number, column="geometry"))
            if len(found) >= _LIMIT:
                break
    return found
