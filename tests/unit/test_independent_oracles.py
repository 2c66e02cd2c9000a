"""Numbers checked against values worked out by hand or read straight from the published files,
never against the code under test (issue 23: mutations that survived a test using the code as
its own oracle)."""

from __future__ import annotations

import json

import pandas as pd

from pazos_dash.charts.narrative import kpi_rate_takeaway
from pazos_dash.charts.provenance import provenance
from tests.conftest import PUBLISHED


def test_the_rate_cards_change_is_against_the_years_before():
    """Before PAZOS 40 and 50 per 100,000 (mean 45); the latest 36: a fall of 9 on 45 is
    −20.0 %, not 9 on 36 (−25.0 %)."""
    frame = pd.DataFrame({"year": [2018, 2019, 2024], "role": ["baseline", "baseline", "latest"],
                          "homicides": [100, 120, 90], "population": [250_000, 240_000, 250_000],
                          "rate_per_100k": [40.0, 50.0, 36.0], "status": "reported", "source": "x"})
    said = kpi_rate_takeaway(frame, "en")
    assert "20.0" in said and "25.0" not in said, said
    assert "2018–2019 average (45.0)" in said, said


def test_a_frame_without_its_threshold_takes_the_resources_declared_one():
    """A chart frame that does not carry k (attrs) shows the smallest k its resources were
    published with, as datapackage.json declares it."""
    descriptor = json.loads((PUBLISHED / "datapackage.json").read_text(encoding="utf-8"))
    declared = {r["name"]: r.get("disclosure", {}).get("k") for r in descriptor["resources"]}
    from pazos_dash.data.package import load_package

    package = load_package(PUBLISHED)
    resource = next(name for name, k in declared.items() if k and package.resources[name].sources)
    source = package.resources[resource].sources[0]["name"]
    frame = pd.DataFrame({"status": ["reported", "suppressed"], "source": [source, source], "suppressed": [False, True]})
    assert not frame.attrs
    shown = provenance(frame, package, (resource, "clusters"), "en")
    assert shown.suppressed_rows == 1 and shown.k == declared[resource]
