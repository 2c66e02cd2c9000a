"""Embeds: `/embed/<chart-id>?<chart options>` renders one chart card and nothing else, for
newsrooms and partners to place in an iframe (the only routes that may be framed; see
web/security.py). The card is the same renderer over the same ChartView as on the page; it links
back to the chart on its page; a box under it holds the iframe code with a copy button.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html
from flask import has_request_context, request

from ..charts import CHARTS
from ..components.chart_card import embed_code
from ..components.shell import page_stores
from ..i18n import t
from ..runtime import Runtime
from .base import Links, chart_card, controls_for, table_for, view_for


def embed_index(lang: str, urls) -> html.Ul:
    """Every chart that can be embedded, each linking to its embed."""
    return html.Ul([html.Li(html.A(CHARTS[c].title(lang), href=urls.embed(c, lang))) for c in CHARTS], className="embed-index")


def embed_layout(runtime: Runtime, lang: str, links: Links, chart_id: str | None, query: dict[str, Any]) -> html.Main:
    stores = page_stores(lang)
    urls = links.urls
    if chart_id not in CHARTS:
        return html.Main([*stores, html.H1(t("embed.index", lang), className="h4"), embed_index(lang, urls)],
                         className="embed container-fluid py-2", id="main", lang=lang)
    view = view_for(runtime, links, chart_id, lang, query={k: str(v) for k, v in query.items()})
    origin = request.host_url.rstrip("/") if has_request_context() else ""
    extra = [html.Div(id="cluster-profile", className="mt-2")] if chart_id == "cluster_map" else []
    return html.Main(
        [
            *stores,
            chart_card(view, controls=controls_for(view), table=table_for(view)),
            *extra,
            html.P(html.A(t("embed.more", lang), href=view.urls.page, target="_blank", rel="noopener"), className="small mb-2"),
            html.Details(
                [
                    html.Summary(t("embed.code", lang)),
                    html.Div(
                        [
                            html.Pre(embed_code(urls.absolute(origin, view.urls.embed), view.title), id="embed-code",
                                     className="embed-code small mb-1"),
                            dcc.Clipboard(target_id="embed-code", title=t("embed.copy", lang), className="btn btn-outline-primary btn-sm",
                                          children=t("embed.copy", lang), id="embed-copy"),
                        ],
                    ),
                ],
                className="embed-share",
            ),
        ],
        className="embed container-fluid py-2",
        id="main",
        lang=lang,
    )
