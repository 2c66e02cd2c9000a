"""The status rule of the follow-up indicators, in one pure function (written out on the page).

progress = (latest - baseline) / (target - baseline): 1 means the target is reached, whichever
the desired direction (for a lower-is-better indicator the target is below the baseline, so
both differences are negative). expected = the share of the baseline -> target period elapsed
by the latest value's year (0 to 1).

- no data:   no latest value after the baseline year, or no baseline or target;
- met / missed: the value graded is of the target year or later (the target's year has come):
             the target is met or it is not; a passed target is never "on track" or "at risk";
- on track:  (before the target year) the target is met, or progress >= expected - 0.10;
- at risk:   moving the right way (progress >= 0) but behind that pace;
- off track: moving the wrong way (progress < 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

TOLERANCE = 0.10
STATUSES = ("met", "missed", "on_track", "at_risk", "off_track", "no_data")


@dataclass(frozen=True)
class Assessment:
    status: str
    progress: float | None  # fraction of the way from baseline to target (may exceed 1 or be < 0)
    expected: float | None


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def assess(*, baseline: float | None, baseline_year: int | None, target: float | None, target_year: int | None,
           latest: float | None, latest_year: int | None, direction: str) -> Assessment:
    if any(_missing(v) for v in (baseline, target, latest)) or baseline_year is None or target_year is None \
            or latest_year is None or latest_year <= baseline_year:
        return Assessment("no_data", None, None)
    better = (lambda a, b: a <= b) if direction == "lower_is_better" else (lambda a, b: a >= b)
    span = target_year - baseline_year
    expected = 1.0 if span <= 0 else min(max((latest_year - baseline_year) / span, 0.0), 1.0)
    progress = None if target == baseline else (latest - baseline) / (target - baseline)
    if latest_year >= target_year:  # the target's year has come: graded, not forecast
        return Assessment("met" if better(latest, target) else "missed", progress, expected)
    if progress is None:
        return Assessment("on_track" if better(latest, target) else "off_track", None, expected)
    if better(latest, target) or progress >= expected - TOLERANCE:
        return Assessment("on_track", progress, expected)
    return Assessment("at_risk" if progress >= 0 else "off_track", progress, expected)
