"""Honest small print (issue 21): a takeaway that states an invented number says so in the same
sentence (read aloud or quoted alone, it must not pass the number off as real); the residents the
7-cluster design reaches are not counted for the years before it existed."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from pazos_dash.charts import CHARTS
from pazos_dash.data import queries
from pazos_dash.i18n import LANGUAGES, t
from pazos_dash.views import chart_view

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[^\sa-z])")
MARKERS = ("demo.inline", "demo.inline_split", "demo.inline_targets")


def _sentences(text: str, lang: str) -> list[str]:
    notes = (t("demo.takeaway_all", lang), t("demo.takeaway_some", lang))
    for note in notes:
        text = text.replace(note, "")
    return [s for s in _SENTENCE.split(text.strip()) if s]


def _marked(sentence: str, lang: str) -> bool:
    return any(t(key, lang) in sentence for key in MARKERS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_number_of_a_demonstration_chart_is_called_invented_in_its_own_sentence(runtime, dash_app, lang):
    checked = 0
    for chart_id in sorted(CHARTS):
        view = chart_view(runtime, dash_app.urls, chart_id, lang)
        if not view.provenance.all_demo:
            continue
        for sentence in _sentences(view.takeaway, lang):
            if any(c.isdigit() for c in sentence):
                assert _marked(sentence, lang), (chart_id, sentence)
                checked += 1
    assert checked >= 5


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chart_id, invented_sentence", [("youth_served", 0), ("reach", 0), ("cluster_residents", 0),
                                                         ("indicator_scoreboard", 0), ("cluster_map", 0)])
def test_a_mixed_chart_marks_the_sentence_with_the_invented_number(runtime, dash_app, lang, chart_id, invented_sentence):
    sentences = _sentences(chart_view(runtime, dash_app.urls, chart_id, lang).takeaway, lang)
    assert _marked(sentences[invented_sentence], lang), sentences
    if chart_id in ("youth_served", "reach"):  # the real figure beside it is not called invented
        assert not _marked(sentences[1], lang), sentences


def test_no_resident_is_reached_through_the_clusters_before_they_were_designed(runtime):
    frame = queries.reach(runtime.package)
    before = frame[frame["year"] < 2023]
    assert len(before) and before["indirect"].isna().all() and before["indirect_status"].isna().all()
    assert frame.loc[frame["year"] == 2023, "indirect"].item() == 118195
    assert not pd.isna(frame.loc[frame["year"] == 2023, "indirect_status"].item())
