"""One mixed fixture package, and a property test over it: every renderer agrees with the view.

The package is the published one with one change that no chart of the real package has: the
weapon table is protected with k = 10 while sex and age keep k = 5, so one chart
(`homicides_breakdown`) shows k = 5 or k = 10 by selection. It already mixes real resources
(police counts), invented ones (youth, partners) and demonstration rows that cite a real source
(homicides by cluster: a real total split at random). Hypothesis draws a chart, a selection and a
language; the card, the slide, the figure's stamp, the takeaway, the CSV, JSON and zip renderers
must say what the view's own rows say."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pazos_dash.charts import CHARTS, ChartState
from pazos_dash.data import load_package
from pazos_dash.pages.base import chart_card, controls_for, table_for
from pazos_dash.pages.present import _slide
from pazos_dash.runtime import Runtime
from pazos_dash.views import chart_view
from pazos_dash.views.renderers import RENDERERS
from tests.conftest import PUBLISHED
from tests.selections import selections
from tests.unit.test_chart_views import COUNTS, by_id, check_invented_marks, expected_share

K_WEAPON = 10


@pytest.fixture(scope="session")
def mixed(tmp_path_factory, runtime):
    folder = tmp_path_factory.mktemp("mixed") / "package"
    shutil.copytree(PUBLISHED, folder)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "homicides_by_weapon":
            resource["disclosure"]["k"] = K_WEAPON
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    package = load_package(folder)
    store: dict = {}
    cache = SimpleNamespace(get=store.get, set=lambda key, value, timeout=None: store.__setitem__(key, value))
    mixed_runtime = Runtime(runtime.settings, SimpleNamespace(current=lambda: package), cache)
    return mixed_runtime, {r["name"]: r for r in descriptor["resources"]}


def test_the_fixture_mixes_k_real_and_invented(mixed):
    mixed_runtime, resources = mixed
    ks = {resources[f"homicides_by_{d}"]["disclosure"]["k"] for d in ("sex", "age_group", "weapon")}
    assert ks == {5, K_WEAPON}
    assert {r.get("demo", False) for r in resources.values()} == {True, False}
    # Demonstration rows that cite a real source: "some" invented, never "all".
    view = chart_view(mixed_runtime, mixed_runtime_urls(), "cluster_map", "en", options={"metric": "homicides"})
    assert set(view.frame["status"].astype(str)) == {"demo"} and expected_share(view.frame) == "some"
    assert view.provenance.invented == "some"


def mixed_runtime_urls():
    from pazos_dash.pages import site_urls

    return site_urls("/", "es")


@pytest.mark.parametrize("dimension, k", [("sex", 5), ("age_group", 5), ("weapon", K_WEAPON)])
def test_one_chart_says_the_k_of_the_table_it_shows(mixed, dimension, k):
    mixed_runtime, _ = mixed
    view = chart_view(mixed_runtime, mixed_runtime_urls(), "homicides_breakdown", "en", options={"dimension": dimension})
    assert view.provenance.k == k
    meta = json.loads(RENDERERS["json"].render(view))["metadata"]
    assert meta["disclosure_threshold"] == k


CASES = [(chart_id, index) for chart_id in sorted(CHARTS) for index in range(6)]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(case=st.sampled_from(CASES), lang=st.sampled_from(["es", "en"]), data=st.data())
def test_every_renderer_agrees_with_the_view(mixed, case, lang, data):
    mixed_runtime, resources = mixed
    chart_id, _ = case
    spec, package = CHARTS[chart_id], mixed_runtime.package
    options = data.draw(st.sampled_from(selections(spec, package) or [{}]), label="selection")
    view = chart_view(mixed_runtime, mixed_runtime_urls(), chart_id, lang, state=ChartState.clean(spec, package, options))
    where = f"{chart_id} {lang} {options}"
    share = expected_share(view.frame)

    card = chart_card(view, controls=controls_for(view), table=table_for(view))
    slide = _slide(view, 0, True)
    check_invented_marks(view, card, slide, where)
    assert getattr(card, "data-demo") == ("false" if share == "none" else "true"), where

    if chart_id in COUNTS:
        k = resources[COUNTS[chart_id](view.state.options)]["disclosure"]["k"]
        assert view.provenance.k == k, where

    from pazos_dash.views.exports import for_readers
    from pazos_dash.views.text import column_label

    # The CSV is for people: the view's rows with labels and words in the reader's language.
    readers = for_readers(view.frame, lang)
    csv = pd.read_csv(io.BytesIO(RENDERERS["csv"].render(view)), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(csv.columns) == [str(c) for c in readers.columns] and len(csv) == len(view.frame), where
    status = column_label("status", lang)
    assert list(csv[status]) == [str(v) for v in readers[status]], where
    document = json.loads(RENDERERS["json"].render(view))
    assert len(document["data"]) == len(view.frame), where
    assert document["metadata"]["demonstration_data"] is (share != "none"), where
    assert document["metadata"]["demonstration_rows"] == int((view.frame["status"].astype(str) == "demo").sum()), where
    archive = zipfile.ZipFile(io.BytesIO(RENDERERS["zip"].render(view)))
    assert archive.read(f"{chart_id}.csv") == RENDERERS["csv"].render(view), where
    source_line = " ".join(str(x) for x in _texts(by_id(card, f"{chart_id}-source")))
    for source in document["metadata"]["sources"]:
        assert source["title"] in source_line, where


def _texts(node):
    from tests.unit.test_chart_views import texts

    return texts(node)
