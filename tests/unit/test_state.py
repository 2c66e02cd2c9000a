"""A view's state in its address: every selection survives the round trip; anything else a
link may carry falls back to the defaults."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import pytest

from pazos_dash.charts import CHARTS, ChartState
from tests.selections import selections

CHARTS_WITH_OPTIONS = [spec for spec in CHARTS.values() if spec.options]


@pytest.mark.parametrize("spec", CHARTS_WITH_OPTIONS, ids=lambda s: s.chart_id)
def test_every_selection_survives_the_address(spec, runtime):
    package = runtime.package
    for options in selections(spec, package)[:200]:
        state = ChartState.clean(spec, package, options)
        assert state.options == {name: options[name] for name in spec.options}
        address = urlencode(state.query())
        assert ChartState.from_query(spec, package, dict(parse_qsl(address))) == state


@pytest.mark.parametrize("spec", CHARTS_WITH_OPTIONS, ids=lambda s: s.chart_id)
@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "../../etc/passwd", "' OR 1=1 --", "x" * 10_000,
                                     "", "\x00", "NaN", "-1", "9" * 40])
def test_a_hostile_value_becomes_the_default(spec, hostile, runtime):
    package = runtime.package
    defaults = spec.defaults(package)
    query = {f"{spec.chart_id}-{name}": hostile for name in spec.options}
    assert ChartState.from_query(spec, package, query).options == defaults


def test_keys_of_other_charts_and_unknown_options_are_ignored(runtime):
    spec = CHARTS["homicides_annual"]
    query = {"homicides_breakdown-dimension": "weapon", "homicides_annual-colour": "red", "lang": "en",
             "homicides_annual-measure": "rate_per_100k"}
    assert ChartState.from_query(spec, runtime.package, query).options == {**spec.defaults(runtime.package), "measure": "rate_per_100k"}


def test_two_charts_on_one_page_keep_separate_state(runtime):
    a, b = CHARTS["homicides_annual"], CHARTS["homicides_breakdown"]
    query = {**ChartState.clean(a, runtime.package, {"measure": "rate_per_100k"}).query(),
             **ChartState.clean(b, runtime.package, {"dimension": "weapon"}).query()}
    assert ChartState.from_query(a, runtime.package, query).options["measure"] == "rate_per_100k"
    assert ChartState.from_query(b, runtime.package, query).options["dimension"] == "weapon"


def test_options_the_package_decides_follow_the_package(runtime):
    """Years on the map, clusters and indicators are read from the published rows, not a list in the code."""
    package = runtime.package
    years = set(package.table("homicides_by_cluster")["year"].astype(int).astype(str))
    assert years <= set(CHARTS["cluster_map"].allowed(package)["year"])
    assert CHARTS["cluster_map"].allowed(package)["year"][0] == "2023"  # the last PAZOS year opens the map
    clusters = set(package.table("clusters")["cluster_id"])
    assert set(CHARTS["youth_people_breakdown"].allowed(package)["area"]) == {"all", *clusters}
    assert set(CHARTS["indicator_detail"].allowed(package)["indicator"]) == set(package.table("indicators")["indicator_id"])


def test_a_year_range_given_backwards_is_turned_round_and_reads_from_the_package(runtime):
    spec, package = CHARTS["homicides_annual"], runtime.package
    years = sorted(set(package.table("homicides_annual")["year"].astype(int).astype(str)), key=int)
    assert ChartState.clean(spec, package, {}).options == {"measure": "homicides", "year_from": years[0], "year_to": years[-1]}
    state = ChartState.clean(spec, package, {"year_from": "2019", "year_to": "2010"})
    assert (state.options["year_from"], state.options["year_to"]) == ("2010", "2019")
    frame = runtime.frame(state)
    assert frame["year"].min() == 2010 and frame["year"].max() == 2019
    assert ChartState.clean(spec, package, {"year_from": "1890"}).options["year_from"] == years[0]  # not a year it has


def test_areas_to_compare_are_several_values_in_one_key(runtime):
    spec, package = CHARTS["homicide_rate_comparison"], runtime.package
    assert spec.allowed(package)["compare"][:3] == ("76001", "76", "colombia")  # the defaults first, then every place
    state = ChartState.clean(spec, package, {"compare": ["colombia", "76001", "Lima"]})  # a dropdown's value
    assert state.options["compare"] == "76001,colombia" and state.chosen("compare") == ["76001", "colombia"]
    assert state.query()["homicide_rate_comparison-compare"] == "76001,colombia"
    assert set(runtime.frame(state)["code"]) == {"76520", "76001", "colombia"}
    alone = ChartState.clean(spec, package, {"compare": []})
    assert alone.options["compare"] == "none" and set(runtime.frame(alone)["code"]) == {"76520"}
    assert ChartState.from_query(spec, package, {"homicide_rate_comparison-compare": "none"}) == alone
    assert ChartState.clean(spec, package, {"compare": "Lima"}).chosen("compare") == ["76001", "76", "colombia"]