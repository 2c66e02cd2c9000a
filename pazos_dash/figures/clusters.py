"""Cluster figures: residents per cluster, the cluster map (no tile server), a cluster's trend."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from ..domain import SMALL_COUNT
from ..i18n import cluster_name, decimals_for, fmt_number, t
from .theme import DEMO_COLOUR, NARROW, PRIMARY, WIDE, base_figure, year_axis

SEQUENTIAL = "Cividis"   # colour-blind safe, and light = low
DIVERGING = "PuOr_r"     # colour-blind safe diverging: purple = fall, orange = rise
SUPPRESSED_FILL = "#bdbdbd"


def cluster_residents_figure(frame: pd.DataFrame, *, lang: str, width: str = WIDE, **_options) -> go.Figure:
    """Horizontal bars of residents per cluster; demonstration rows grey and hatched."""
    figure = base_figure(lang, width)
    demo = frame["status"] == "demo"
    figure.add_bar(
        y=[cluster_name(name, lang) for name in frame["name"]],
        x=frame["residents"].astype("float"),
        orientation="h",
        marker=dict(
            color=[DEMO_COLOUR if d else PRIMARY for d in demo],
            pattern=dict(shape=["/" if d else "" for d in demo], fgcolor="white"),
        ),
        customdata=frame[["zone"]].astype(str).map(lambda z: t(f"value.{z}", lang)).to_numpy(),
        hovertemplate="%{y} (%{customdata[0]}): <b>%{x:,}</b><extra></extra>",
        name=t("axis.residents", lang),
    )
    figure.update_layout(
        xaxis_title=t("axis.residents", lang),
        yaxis=dict(autorange="reversed", title=None, rangemode="normal", automargin=True),
        xaxis=dict(showgrid=True, gridcolor="#dee2e6"),
        showlegend=False,
    )
    return figure


def _rings(geometry: dict) -> list[list[list[float]]]:
    kind = geometry["type"]
    polygons = [geometry["coordinates"]] if kind == "Polygon" else geometry["coordinates"]
    return [polygon[0] for polygon in polygons]


def _outline(features: list[dict]) -> tuple[list, list]:
    xs, ys = [], []
    for feature in features:
        for ring in _rings(feature["geometry"]):
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
    return xs, ys


def short_name(name: str, cluster_id: str) -> str:
    """A cluster's label where its full name does not fit (a phone): the number its name ends
    with ("Clúster 3" -> "3"), else its id."""
    last = str(name).split()[-1] if str(name).split() else ""
    return last if last.isdigit() else str(cluster_id)


def label_colour(fill: str) -> str:
    """Black on a light fill, white on a dark one (WCAG relative luminance, the contrast the
    larger), so a cluster's number reads on every colour of the scale."""
    from plotly.colors import hex_to_rgb, unlabel_rgb

    rgb = hex_to_rgb(fill) if fill.startswith("#") else unlabel_rgb(fill)
    channels = [c / 255 for c in rgb]
    lum = sum(w * (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4) for w, c in zip((0.2126, 0.7152, 0.0722), channels))
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def cluster_map_figure(frame: pd.DataFrame, *, lang: str, basemap_url: str = "", width: str = WIDE, **_options) -> go.Figure:
    """Filled cluster polygons on equal-aspect axes (no map engine, nothing fetched), coloured by
    the value; suppressed clusters grey and cross-hatched with their own legend entry.

    With `basemap_url` (a raster tile template) the same polygons are drawn over those tiles with
    MapLibre instead: that needs the network, so it is never the default.

    On a narrow screen the colour scale is slimmer and clusters are labelled by their number
    (full names there overlap)."""
    if basemap_url:
        return _tiled_cluster_map(frame, lang=lang, basemap_url=basemap_url)
    narrow = width == NARROW
    figure = base_figure(lang, width)
    features = {f["properties"]["cluster_id"]: f for f in frame.attrs["geometry"]["features"]}
    change = frame.attrs.get("view") == "change"
    values = frame.loc[~frame["suppressed"], "value"].dropna().astype(float)
    if change:
        bound = max(abs(values.min()), abs(values.max()), 1.0) if len(values) else 1.0
        low, high, scale = -bound, bound, DIVERGING
    else:
        low, high, scale = 0.0, max(float(values.max()) if len(values) else 1.0, 1.0), SEQUENTIAL
    unit = t(f"map.unit.{frame['metric'].iloc[0]}", lang)
    suppressed_label = t("map.suppressed", lang, k=frame.attrs["k"])
    unreliable_label = t("legend.unreliable_rate", lang, n=SMALL_COUNT)
    shown_suppressed_legend = False
    # one number style (i18n.decimals_for): the unit the query says the values are in
    decimals = decimals_for("value", 1, frame.attrs.get("units", {}).get("value"))
    fills: dict[str, str] = {}  # each cluster's fill, for its label's colour
    for row in frame.itertuples():
        feature = features.get(row.cluster_id)
        if feature is None:
            continue
        name = cluster_name(row.name, lang)
        hidden = bool(row.suppressed) or pd.isna(row.value)
        shaky = not hidden and bool(getattr(row, "unreliable_rate", False))
        if hidden:
            fill, text = SUPPRESSED_FILL, suppressed_label
        else:
            fill = sample_colorscale(scale, [(float(row.value) - low) / (high - low) if high > low else 0.5])[0]
            text = f"{fmt_number(row.value, lang, decimals)} {unit}"
            if shaky:
                text += f" ({unreliable_label})"
        fills[row.cluster_id] = fill
        if hidden:
            pattern = dict(shape="x", fgcolor="#636363", bgcolor=SUPPRESSED_FILL, size=8)
        elif shaky:  # a rate from fewer than 20 homicides: hatched over its colour
            pattern = dict(shape="/", fgcolor="#212529", bgcolor=fill, size=10, solidity=0.15)
        else:
            pattern = None
        for ring in _rings(feature["geometry"]):
            figure.add_scatter(
                x=[p[0] for p in ring], y=[p[1] for p in ring], fill="toself", mode="lines",
                fillcolor=fill, line=dict(color="#212529", width=1.5),
                fillpattern=pattern,
                name=suppressed_label if hidden else name,
                legendgroup="suppressed" if hidden else None,
                showlegend=hidden and not shown_suppressed_legend,
                # A polygon is hovered and clicked as a whole (hoveron="fills"): plotly.js then
                # ignores hovertemplate and shows the trace's one `text`, and the click has no
                # point, so Dash sends the trace's whole customdata: one cluster id per vertex.
                hoveron="fills", hoverinfo="text", text=f"<b>{name}</b>: {text}",
                customdata=[row.cluster_id] * len(ring),
                meta={"cluster_id": row.cluster_id, "suppressed": hidden,
                      "value": None if hidden else float(row.value)},
            )
            shown_suppressed_legend = shown_suppressed_legend or hidden
    neighbourhoods = frame.attrs.get("neighbourhoods")
    if neighbourhoods:
        xs, ys = _outline(neighbourhoods["features"])
        figure.add_scatter(x=xs, y=ys, mode="lines", line=dict(color="rgba(255,255,255,0.7)", width=0.8),
                           hoverinfo="skip", showlegend=False, name="neighbourhoods")
    centres = []
    for row in frame.itertuples():
        if row.cluster_id in features:
            ring = _rings(features[row.cluster_id]["geometry"])[0]
            centres.append((sum(p[0] for p in ring[:-1]) / (len(ring) - 1), sum(p[1] for p in ring[:-1]) / (len(ring) - 1),
                            short_name(row.name, row.cluster_id) if narrow else cluster_name(row.name, lang),
                            label_colour(fills.get(row.cluster_id, SUPPRESSED_FILL))))
    figure.add_scatter(x=[c[0] for c in centres], y=[c[1] for c in centres], text=[c[2] for c in centres], mode="text",
                       textfont=dict(size=12, color=[c[3] for c in centres]), hoverinfo="skip", showlegend=False, name="labels")
    if "unreliable_rate" in frame.columns and (frame["unreliable_rate"].astype(bool) & ~frame["suppressed"]).any():
        figure.add_scatter(x=[None], y=[None], mode="lines", fill="toself", name=unreliable_label, hoverinfo="skip",
                           legendgroup="unreliable", fillcolor="#e9ecef", line=dict(color="#212529", width=1.5),
                           fillpattern=dict(shape="/", fgcolor="#212529", bgcolor="#e9ecef", size=10, solidity=0.15),
                           meta={"unreliable": True})
    figure.add_scatter(x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip", name="scale",
                       marker=dict(colorscale=scale, cmin=low, cmax=high, color=[low], showscale=True,
                                   # On a phone the scale lies under the map: beside it, it took a sixth of
                                   # the width and the clusters shrank to 29 px.
                                   colorbar=(dict(title=dict(text=unit, font=dict(size=11), side="top"), thickness=10, len=0.9,
                                                  tickfont=dict(size=11), orientation="h", x=0.5, xanchor="center",
                                                  y=0, yanchor="top", ypad=4)
                                             if narrow else dict(title=dict(text=unit), thickness=14, len=0.8))))
    figure.update_layout(
        # Hidden axes take no margin (plotly.js still makes room for an invisible axis that automargins).
        xaxis=dict(visible=False, showgrid=False, rangemode="normal", automargin=False),
        yaxis=dict(visible=False, showgrid=False, scaleanchor="x", scaleratio=1, rangemode="normal", automargin=False),
        legend=(dict(orientation="h", yref="container", yanchor="bottom", y=0, x=0) if narrow
                else dict(orientation="h", yanchor="top", y=-0.02, x=0)),
        margin=dict(l=4, r=4, t=44, b=84) if narrow else dict(l=8, r=8, t=32, b=8),
        dragmode=False,
    )
    kinds = {f["properties"].get("geometry_kind") for f in features.values()}
    if "schematic" in kinds:
        # On a narrow screen a line above the corner note (both would not fit side by side).
        figure.add_annotation(text=t("map.schematic", lang), xref="paper", yref="paper", x=0, showarrow=False, xanchor="left",
                              **(dict(y=1, yanchor="bottom", yshift=20, font=dict(size=12, color="#495057")) if narrow
                                 else dict(y=1.06, font=dict(size=13, color="#495057"))), name="schematic-label")
    return figure


def _tiled_cluster_map(frame: pd.DataFrame, *, lang: str, basemap_url: str) -> go.Figure:
    flat = cluster_map_figure(frame, lang=lang)  # same colours, hatch and labels, computed once
    figure = base_figure(lang)
    for trace in flat.data:
        if isinstance(trace.meta, dict) and "cluster_id" in trace.meta:
            figure.add_trace(go.Scattermap(lon=trace.x, lat=trace.y, fill="toself", mode="lines", fillcolor=trace.fillcolor,
                                           line=dict(color="#212529", width=1.5), name=trace.name, showlegend=trace.showlegend,
                                           customdata=trace.customdata, text=trace.text, hoverinfo=trace.hoverinfo, meta=trace.meta))
    lons = [x for trace in figure.data for x in trace.lon if x is not None]
    lats = [y for trace in figure.data for y in trace.lat if y is not None]
    figure.update_layout(
        map=dict(style={"version": 8, "sources": {"base": {"type": "raster", "tiles": [basemap_url], "tileSize": 256}},
                        "layers": [{"id": "base", "type": "raster", "source": "base"}]},
                 center=dict(lon=(min(lons) + max(lons)) / 2, lat=(min(lats) + max(lats)) / 2), zoom=11),
        margin=dict(l=0, r=0, t=32, b=0),
        annotations=list(flat.layout.annotations),
    )
    return figure


def cluster_trend_figure(trend: pd.DataFrame, *, lang: str, metric: str | None = None, width: str = WIDE,
                         k: int | None = None, **_options) -> go.Figure:
    """A cluster's metric over the years for its profile; hidden years are gaps, never zero.

    A hidden year (suppressed: fewer than k events, or protecting another cell) is not left as an
    unexplained gap: a light band covers it, a hollow grey marker sits on the axis (hover: hidden,
    fewer than k) and a line under the chart says what the bands are. `k` is the threshold the
    rows were published with (trend.attrs["k"] when not given)."""
    if metric is None:  # the profile's rows say their metric
        metric = str(trend["metric"].iloc[0]) if "metric" in trend.columns and len(trend) else "homicides"
    figure = base_figure(lang, width)
    decimals = decimals_for("value", 1, {"homicides": "homicides", "youth": "people"}.get(metric))
    values = trend["value"].astype("Float64").astype(float)
    figure.add_scatter(x=trend["year"].astype(float), y=values, mode="lines+markers",
                       line=dict(color=PRIMARY, width=2), name=t(f"map.metric.{metric}", lang), connectgaps=False,
                       hovertemplate="%{x}: <b>%{y:,." + str(decimals) + "f}</b><extra></extra>")
    hidden = trend[trend["suppressed"].astype(bool)] if "suppressed" in trend.columns else trend.iloc[0:0]
    k = k if k is not None else trend.attrs.get("k")
    bottom = 32
    if len(hidden):
        label = t("profile.hidden", lang, k=k) if k else t("profile.hidden_any", lang)
        years = [int(y) for y in hidden["year"]]
        for year in years:  # a band over the year, below the line: no label (a shape's label can stretch the range)
            figure.add_vrect(x0=year - 0.4, x1=year + 0.4, fillcolor=SUPPRESSED_FILL, opacity=0.35, line_width=0, layer="below")
        figure.add_scatter(x=[float(y) for y in years], y=[0.0] * len(years), mode="markers", name=label, cliponaxis=False,
                           marker=dict(symbol="circle-open", size=9, color="#495057", line=dict(width=2)),
                           hovertemplate="%{x}: " + label + "<extra></extra>", meta={"hidden_years": years})
        figure.add_annotation(text=t("profile.hidden_note", lang, k=k) if k else t("profile.hidden_note_any", lang),
                              xref="paper", yref="paper", x=0, y=0, xanchor="left", yanchor="top", yshift=-30, showarrow=False,
                              align="left", font=dict(size=11, color="#495057"), name="hidden-note")
        bottom = 54
    # room above the plot for the corner's demonstration mark (ChartSpec.draw adds it)
    figure.update_layout(height=220, margin=dict(l=40, r=8, t=24, b=bottom), showlegend=False,
                         # the rate is per the cluster's residents (one published figure), not DANE's population
                         yaxis_title=t("profile.unit.rate" if metric == "rate" else f"map.unit.{metric}", lang))
    if len(hidden):  # the axis starts at zero, where the hidden years' markers sit
        known = values.dropna()
        figure.update_yaxes(range=[0, max(float(known.max()) if len(known) else 1.0, 1.0) * 1.1], autorange=False)
    # A small chart: a tick every 2 years at most on a wide screen, every 5 on a narrow one.
    year_axis(figure, trend["year"], width, dtick=2 if len(trend) > 8 else 1, title=False, lang=lang)
    return figure
