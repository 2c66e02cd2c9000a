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


# ---- the codec: defaults left out, symbolic bounds, old names migrated


def test_the_default_view_carries_no_option_in_any_address(runtime, dash_app):
    """The permalink, the share link, the embed and every download of a default view name no
    option: a link shared today follows the next published year."""
    from pazos_dash.views import chart_view

    for spec in CHARTS_WITH_OPTIONS:
        view = chart_view(runtime, dash_app.urls, spec.chart_id, "en", options={})
        # a pinned option (the profile's cluster: what the view is of) is always named, alone
        pinned = "&".join(f"{spec.chart_id}-{name}={view.state.options[name]}" for name in spec.pinned)
        assert view.urls.page.split("#")[0].partition("?")[2] == pinned, spec.chart_id
        assert view.urls.embed.partition("?")[2] == pinned, spec.chart_id
        for fmt, address in view.urls.downloads.items():
            named = "".join(f"{name}={view.state.options[name]}&" for name in spec.pinned)
            assert address.endswith(f"/download/{spec.chart_id}.{fmt}?{named}lang=en"), address


def test_only_what_differs_from_the_defaults_is_written(runtime):
    spec, package = CHARTS["homicides_annual"], runtime.package
    newest = spec.defaults(package)["year_to"]
    state = ChartState.clean(spec, package, {"measure": "rate_per_100k", "year_from": "2010", "year_to": newest})
    assert state.encoded() == {"measure": "rate_per_100k", "year_from": "2010"}
    assert state.query() == {"homicides_annual-measure": "rate_per_100k", "homicides_annual-year_from": "2010"}
    assert ChartState.clean(spec, package, {"year_to": "2019"}).encoded() == {"year_to": "2019"}  # a year named stays


def test_latest_and_earliest_follow_the_package(runtime):
    from pazos_dash.data import DataPackage

    spec, package = CHARTS["homicides_annual"], runtime.package
    years = sorted(set(package.table("homicides_annual")["year"].astype(int).astype(str)), key=int)
    state = ChartState.from_query(spec, package, {"homicides_annual-year_from": "earliest", "homicides_annual-year_to": "latest"})
    assert (state.options["year_from"], state.options["year_to"]) == (years[0], years[-1])
    # A package with one more year: `latest` (and a link that left the end out) moves to it.
    newer = type("Newer", (), {})()
    spec_newer = type(spec)(**{**spec.__dict__, "options": {**spec.options, "year_to": lambda p: (str(int(years[-1]) + 1), *reversed(years)),
                                                           "year_from": lambda p: (*years, str(int(years[-1]) + 1))}})
    assert isinstance(package, DataPackage)
    moved = ChartState.from_query(spec_newer, newer, {"homicides_annual-year_to": "latest", "homicides_annual-year_from": "2010"})
    assert moved.options["year_to"] == str(int(years[-1]) + 1)
    assert ChartState.from_query(spec_newer, newer, {"homicides_annual-year_from": "2010"}).options["year_to"] == str(int(years[-1]) + 1)
    pinned = ChartState.from_query(spec_newer, newer, {"homicides_annual-year_to": years[-1]})
    assert pinned.options["year_to"] == years[-1] and pinned.encoded() == {"year_to": years[-1]}  # a named year stays


def test_an_old_key_and_an_old_value_are_migrated(runtime, client):
    spec, package = CHARTS["homicides_annual"], runtime.package
    old = ChartState.from_query(spec, package, {"homicides_annual-from": "2010", "homicides_annual-measure": "rate"})
    assert old.options["year_from"] == "2010" and old.options["measure"] == "rate_per_100k"
    assert old.query() == {"homicides_annual-measure": "rate_per_100k", "homicides_annual-year_from": "2010"}
    # A new name wins over an old one in the same link.
    both = ChartState.from_query(spec, package, {"homicides_annual-from": "2010", "homicides_annual-year_from": "2012"})
    assert both.options["year_from"] == "2012"
    # Downloads read the same codec, with plain or page keys.
    import json

    for query in ("from=2010&measure=rate", "homicides_annual-from=2010&homicides_annual-measure=rate"):
        meta = json.loads(client.get(f"/download/homicides_annual.json?{query}").data)["metadata"]
        assert meta["selection"]["year_from"] == "2010" and meta["selection"]["measure"] == "rate_per_100k", query


def test_the_browsers_rules_are_the_codecs(runtime):
    """keepState reads `codec_rules` as data: the page keys, the defaults and the allowed order."""
    from pazos_dash.charts.state import codec_rules

    for spec in CHARTS_WITH_OPTIONS:
        rules = codec_rules(spec, runtime.package, f"/x#card-{spec.chart_id}")
        defaults = spec.defaults(runtime.package)
        assert [(o["name"], o["key"], o["default"]) for o in rules["options"]] == \
            [(name, f"{spec.chart_id}-{name}", None if name in spec.pinned else defaults[name]) for name in spec.options]
        for option in rules["options"]:
            allowed = spec.allowed(runtime.package)[option["name"]]
            if option["name"] in spec.multi and len(allowed) <= 50:  # ~1,200 places: the order stays on the server
                assert option["order"] == list(spec.allowed(runtime.package)[option["name"]])
    assert "homicides_annual-from" in codec_rules(CHARTS["homicides_annual"], runtime.package, "")["old_keys"]
