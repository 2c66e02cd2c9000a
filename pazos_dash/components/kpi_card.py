"""The overview's numbers as renderers over a ChartView, like every chart: a headline number (or
the headline's answer) with its computed sentence, the sources of the rows it comes from, the
demonstration badge iff a row is demonstration, its data to download and its permalink."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from ..charts.narrative import headline_caveats
from ..i18n import t
from ..views import ChartView
from .bootstrap import col
from .chart_card import demo_mark, source_line


def take_away(view: ChartView, prefix: str) -> html.P:
    """The view's data (CSV of exactly its rows) and its permalink, as two links
    (`<prefix>-download`, `<prefix>-permalink`): a number or a panel that is not a chart card."""
    return html.P([
        html.A(t("kpi.data", view.lang), href=view.urls.downloads["csv"], download=f"{view.chart_id}.csv",
               id=f"{prefix}-download", className="kpi-action"),
        " · ",
        html.A(t("card.permalink", view.lang), href=view.urls.page, id=f"{prefix}-permalink", className="kpi-action",
               title=t("card.permalink_label", view.lang)),
    ], className="small mb-0 kpi-actions")


def kpi_card(view: ChartView, *, href: str) -> html.Div:
    """One headline number: `view.spec.number` gives its label and value, the view's takeaway
    its sentence; `href` is the page that shows it in full."""
    short = view.chart_id.removeprefix("kpi_")
    label, value = view.spec.number(view.frame, view.lang)
    demo = view.provenance.demo
    body: list[Any] = [
        html.H2(label, className="h6 text-body-secondary mb-1"),
        html.P(value, className="kpi-value mb-1", id=f"kpi-{short}-value"),
        html.P(view.takeaway, className="small mb-2", id=f"kpi-{short}-detail"),
        html.Div(demo_mark(view)),
        source_line(view.provenance, view.lang, className="small text-body-secondary mb-2"),
        html.P(dcc.Link(t("kpi.more", view.lang) + " →", href=href, id=f"kpi-{short}-link", className="kpi-action"),
               className="small mb-1"),
        take_away(view, f"kpi-{short}"),
    ]
    return col(
        html.Section(html.Div(body, className="card-body"), className="card h-100 kpi-card" + (" chart-card--demo" if demo else ""),
                     id=f"kpi-{short}", **{"data-demo": "true" if demo else "false", "data-title": label,
                                           "data-chart": view.chart_id}),
        sizes="col-12 col-sm-6 col-lg-3", className="mb-3", id=f"card-{view.chart_id}",
    )


def headline_card(view: ChartView, *, heading: str, method_href: str, picture: Any = None) -> html.Section:
    """The answer on the first screen: the view's takeaway (the figures compared like with like,
    and what the counterfactual says, chosen by a rule), its caveats, its sources, its data;
    `picture`, the static picture of a chart to show under the heading (a phone's first screen)."""
    lang = view.lang
    caveats = headline_caveats(view.frame, lang)
    return html.Section(
        [
            html.H2(heading, className="h5 mb-2", id="headline-heading"),
            picture,
            html.Div(demo_mark(view)),
            html.P(view.takeaway, className="headline-lead mb-2", id="headline-lead"),
            html.P(t("headline.caveats", lang, caveats="; ".join(caveats)), className="mb-2", id="headline-caveats"),
            html.P(dcc.Link(t("headline.model_link", lang) + " →", href=method_href, id="headline-model-link"), className="small mb-1"),
            source_line(view.provenance, lang, className="small text-body-secondary mb-1", id="headline-source"),
            take_away(view, "kpi-headline"),
        ],
        className="headline card card-body mb-4", id="card-pazos_headline",
        **{"aria-labelledby": "headline-heading", "data-demo": "true" if view.provenance.demo else "false",
           "data-title": heading},
    )
