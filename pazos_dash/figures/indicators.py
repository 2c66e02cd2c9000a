"""Follow-up indicators: progress toward each target, one indicator's series, and reach."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import decimals_for, fmt_number, t
from .theme import (NARROW, PALETTE, PRIMARY, STATUS_STYLES, WIDE, base_figure, hatch, mark_census_break, mark_unreliable,
                    unreliable_flags, wrap, year_axis)

STATUS_COLOURS = {"met": "#0072B2", "missed": "#CC79A7", "on_track": "#009E73", "at_risk": "#E69F00", "off_track": "#D55E00", "no_data": "#bdbdbd"}


def indicator_progress_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Progress toward each target (100% = reached), coloured by status, with the expected pace.
    On a narrow screen the indicator names wrap onto lines (whole, never cut) and rows are taller."""
    figure = base_figure(lang, width)
    narrow = width == NARROW
    names = [wrap(n, 16) if narrow else n for n in frame[f"name_{lang}"].astype(str)]
    progress = frame["progress_pct"].astype("Float64").astype(float)
    for status in STATUS_COLOURS:
        mask = (frame["progress_status"] == status).to_numpy()
        if not mask.any():
            continue
        figure.add_bar(y=[n for n, m in zip(names, mask) if m], x=progress[mask].clip(-100, 200).fillna(0).tolist(),
                       orientation="h", name=t(f"status.{status}", lang), marker=dict(color=STATUS_COLOURS[status]),
                       # the progress as the table writes it (a true minus; the real value where the bar is clipped)
                       customdata=[[fmt_number(v, lang, 0)] for v in progress[mask]],
                       hovertemplate="%{y}: <b>%{customdata[0]} %</b><extra></extra>")
    figure.add_scatter(y=names, x=frame["expected_pct"].astype("Float64").astype(float).tolist(), mode="markers",
                       name=t("legend.expected_pace", lang), marker=dict(symbol="line-ns-open", size=18, color="#000000", line=dict(width=2)))
    figure.add_vline(x=100, line=dict(color="#495057", dash="dot"))
    figure.update_layout(barmode="overlay", xaxis_title=t("axis.progress_pct", lang),
                         yaxis=dict(autorange="reversed", automargin=True, rangemode="normal", categoryorder="array", categoryarray=names),
                         height=max(300, (100 + 48 * len(frame)) if narrow else (60 + 34 * len(frame))))
    return figure


def indicator_detail_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """An indicator's yearly values, its baseline and its target; demonstration values hollow."""
    figure = base_figure(lang, width)
    definition = frame.attrs.get("definition", {})
    values = frame[frame["kind"] == "value"] if "kind" in frame.columns else frame  # the target is drawn as a star below
    decimals = decimals_for("value", 2, definition.get("unit"))  # people whole, rates one decimal, ratios two
    for status, style in STATUS_STYLES.items():
        rows = values[["year"]].merge(values[values["status"] == status], on="year", how="left")
        if rows["value"].notna().any():
            figure.add_scatter(x=rows["year"].astype(float), y=rows["value"].astype("Float64").astype(float), mode="lines+markers",
                               name=t(f"legend.{status}", lang), hovertemplate="%{x}: <b>%{y:,." + str(decimals) + "f}</b><extra></extra>", **style)
    if definition.get("target") is not None and definition.get("target_year") is not None:
        figure.add_scatter(x=[float(definition["target_year"])], y=[float(definition["target"])], mode="markers",
                           name=t("legend.target", lang) + (f" ({t('demo.badge', lang).lower()})" if definition.get("target_status") == "demo" else ""),
                           marker=dict(symbol="star", size=16, color=PALETTE[1], line=dict(color="#000000", width=1)))
        figure.add_hline(y=float(definition["target"]), line=dict(color=PALETTE[1], dash="dot"))
    figure.update_layout(yaxis_title=t(f"unit.{definition.get('unit', 'people')}", lang))
    years = list(values["year"]) + ([definition["target_year"]] if definition.get("target_year") is not None else [])
    year_axis(figure, years, width, lang=lang)
    if definition.get("unit") == "per_100k":
        measured = frame[frame["kind"] == "value"].dropna(subset=["value"])
        mark_census_break(figure, measured["year"], lang)
        mark_unreliable(figure, measured["year"].astype(float), measured["value"], unreliable_flags(measured), lang)
    return figure


def reach_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """People reached directly (bars) against the residents of the clusters reached indirectly."""
    figure = base_figure(lang, width)
    demo = (frame["direct_status"] == "demo").any()
    # A linear axis, so that each bar's length is proportional to its value; the direct bars are
    # short next to the residents, and their numbers are written on them.
    figure.add_bar(x=frame["year"].astype(float), y=frame["direct"].astype("Float64").astype(float), name=t("legend.direct", lang),
                   marker=dict(color=PRIMARY, pattern=hatch(PRIMARY) if demo else None), hovertemplate="%{x}: <b>%{y:,}</b><extra></extra>",
                   texttemplate="%{y:,}", textposition="outside", cliponaxis=False)
    figure.add_bar(x=frame["year"].astype(float), y=frame["indirect"].astype(float), name=t("legend.indirect", lang),
                   marker=dict(color=PALETTE[4]), hovertemplate="%{x}: <b>%{y:,}</b><extra></extra>",
                   texttemplate="%{y:,}", textposition="inside")
    if width == NARROW:  # a phone's bars are narrower than a number: the numbers stand up (never across a neighbour)
        figure.update_traces(textangle=-90, selector=dict(type="bar"))
    figure.update_layout(barmode="group", yaxis=dict(type="linear", title=t("axis.people", lang)),
                         uniformtext=dict(minsize=10, mode="hide"))
    year_axis(figure, frame["year"], width, dtick=1, lang=lang)
    return figure
