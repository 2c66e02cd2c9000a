"""A view's state in its address: every selection survives the round trip; anything else a
link may carry falls back to the defaults."""

from __future__ import annotations

from itertools import product
from urllib.parse import parse_qsl, urlencode

import pytest

from pazos_dash.charts import CHARTS, state_from_query, state_query

CHARTS_WITH_OPTIONS = [spec for spec in CHARTS.values() if spec.options]


@pytest.mark.parametrize("spec", CHARTS_WITH_OPTIONS, ids=lambda s: s.chart_id)
def test_every_selection_survives_the_address(spec):
    names = list(spec.options)
    for values in list(product(*spec.options.values()))[:200]:
        selection = dict(zip(names, values))
        address = urlencode(state_query(spec.chart_id, selection))
        assert state_from_query(spec, dict(parse_qsl(address))) == selection


@pytest.mark.parametrize("spec", CHARTS_WITH_OPTIONS, ids=lambda s: s.chart_id)
@pytest.mark.parametrize("hostile", ["<script>alert(1)</script>", "../../etc/passwd", "' OR 1=1 --", "x" * 10_000,
                                     "", "\x00", "NaN", "-1", "9" * 40])
def test_a_hostile_value_becomes_the_default(spec, hostile):
    defaults = spec.clean({})
    query = {f"{spec.chart_id}-{name}": hostile for name in spec.options}
    assert state_from_query(spec, query) == defaults


def test_keys_of_other_charts_and_unknown_options_are_ignored():
    spec = CHARTS["homicides_annual"]
    query = {"homicides_breakdown-dimension": "weapon", "homicides_annual-colour": "red", "lang": "en",
             "homicides_annual-measure": "rate_per_100k"}
    assert state_from_query(spec, query) == {"measure": "rate_per_100k"}


def test_two_charts_on_one_page_keep_separate_state():
    a, b = CHARTS["homicides_annual"], CHARTS["homicides_breakdown"]
    query = {**state_query(a.chart_id, {"measure": "rate_per_100k"}), **state_query(b.chart_id, {"dimension": "weapon"})}
    assert state_from_query(a, query)["measure"] == "rate_per_100k"
    assert state_from_query(b, query)["dimension"] == "weapon"
