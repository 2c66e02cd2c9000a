"""One rule for "none / some / all" of the values shown being invented (charts/provenance.py
`invented`), and every mark that answers from it: the figure's stamp, the card's badge, the
slide's strip and the takeaway's closing sentence. Frames are built here by hand so that "some"
and "all" differ in exactly one cell."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from pazos_dash.charts.provenance import ALL_INVENTED, NO_INVENTED, SOME_INVENTED, invented, invented_in, provenance
from pazos_dash.charts.spec import ChartSpec
from pazos_dash.i18n import t


def frame(statuses: list[str], sources: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"year": range(2017, 2017 + len(statuses)), "value": range(len(statuses)),
                         "status": statuses, "source": sources})


ALL = frame(["demo", "demo"], ["demo", "demo"])
# Every row is demonstration, but one cites the police: a real total split at random is not "all invented".
ALL_ROWS_REAL_SOURCE = frame(["demo", "demo"], ["demo", "policia-dijin;demo"])
SOME = frame(["reported", "demo"], ["policia-dijin", "demo"])
NONE = frame(["reported", "preliminary"], ["policia-dijin", "policia-dijin"])


@pytest.mark.parametrize("rows, share", [(ALL, ALL_INVENTED), (ALL_ROWS_REAL_SOURCE, SOME_INVENTED), (SOME, SOME_INVENTED),
                                         (NONE, NO_INVENTED)])
def test_the_rule_tells_some_from_all(rows, share):
    assert invented_in(rows) == share


def test_the_rule_on_counts():
    assert invented(3, 3, ["demo"]) == ALL_INVENTED
    assert invented(3, 2, ["demo"]) == SOME_INVENTED  # one real row among invented ones
    assert invented(3, 3, ["demo", "dane"]) == SOME_INVENTED  # all demonstration rows, a real source cited
    assert invented(3, 0, ["dane"]) == NO_INVENTED
    assert invented(0, 0, []) == NO_INVENTED


def test_all_demo_rows_citing_a_real_source_are_not_all_demo_in_the_provenance(runtime):
    package = runtime.package
    shown = provenance(ALL_ROWS_REAL_SOURCE, package, ("homicides_by_cluster",), "en")
    assert shown.demo and not shown.all_demo and shown.invented == SOME_INVENTED
    assert shown.demo_text("badge", "en") == t("demo.badge_some", "en")
    assert shown.demo_text("strip", "en") == t("demo.strip_some", "en")
    assert shown.demo_text("takeaway", "en") == t("demo.takeaway_some", "en")
    everything = provenance(ALL, package, ("youth_people",), "es")
    assert everything.all_demo and everything.invented == ALL_INVENTED
    assert everything.demo_text("badge", "es") == t("demo.badge", "es")
    assert everything.demo_text("strip", "es") == t("demo.strip", "es")
    assert everything.demo_text("takeaway", "es") == t("demo.takeaway_all", "es")
    real = provenance(NONE, package, ("homicides_annual",), "es")
    assert not real.demo and real.demo_text("badge", "es") == "" and real.demo_text("takeaway", "es") == ""


def _spec() -> ChartSpec:
    return ChartSpec("test_chart", ("homicides_annual",), query=lambda package, **o: NONE,
                     figure=lambda rows, **o: go.Figure(go.Bar(x=rows["year"], y=rows["value"])),
                     takeaway=lambda rows, lang: "A sentence.")


@pytest.mark.parametrize("rows, stamp", [(ALL, "demo.watermark"), (ALL_ROWS_REAL_SOURCE, "demo.watermark_some"),
                                         (SOME, "demo.watermark_some"), (NONE, None)])
def test_the_figure_stamp_follows_the_rule(rows, stamp):
    figure = _spec().draw(rows, lang="en")
    marks = [a.text for a in figure.layout.annotations if a.name == "demo-watermark"]
    assert marks == ([t(stamp, "en")] if stamp else [])
