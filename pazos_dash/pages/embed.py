"""Embeds: `/embed/<chart-id>?<chart options>` renders one chart card and nothing else, for
newsrooms and partners to place in an iframe (the only routes that may be framed; see
web/security.py). The card keeps its controls, table, download and source line, and links
back to the full page; a box under it holds the iframe code with a copy button.
"""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlencode

from dash import dcc, html
from flask import has_request_context, request

from ..charts import CHARTS, state_query
from ..i18n import t
from ..runtime import Runtime
from .base import Links, card_for, chart_options

EMBED_SLUG = "embed"


def embed_query(chart_id: str, options: dict[str, str]) -> str:
    state = urlencode(state_query(chart_id, options))
    return f"?{state}" if state else ""


def embed_code(src: str, title: str) -> str:
    """The iframe markup a visitor copies (absolute address filled in by the browser page)."""
    return (f'<iframe src="{escape(src)}" title="{escape(title)}" width="100%" height="640" '
            'style="border:0" loading="lazy"></iframe>')


def embed_layout(runtime: Runtime, lang: str, links: Links, home_href: str, path: str,
                 chart_id: str | None, query: dict[str, Any]) -> html.Div:
    store = dcc.Store(id="page-lang", data=lang)
    if chart_id not in CHARTS:
        items = [html.Li(html.A(CHARTS[c].title(lang), href=f"{path}/{c}")) for c in CHARTS]
        return html.Main([store, html.H1(t("embed.index", lang), className="h4"), html.Ul(items)],
                         className="embed container-fluid py-2", id="main", lang=lang)
    spec = CHARTS[chart_id]
    options = spec.clean(chart_options(chart_id, {k: str(v) for k, v in query.items()}))
    origin = request.host_url.rstrip("/") if has_request_context() else ""
    src = f"{origin}{path}/{chart_id}" + embed_query(chart_id, options)
    extra = [html.Div(id="cluster-profile", className="mt-2")] if chart_id == "cluster_map" else []
    return html.Main(
        [
            store,
            card_for(runtime, chart_id, lang, links, options),
            *extra,
            html.P(html.A(t("embed.more", lang), href=home_href, target="_blank", rel="noopener"), className="small mb-2"),
            html.Details(
                [
                    html.Summary(t("embed.code", lang)),
                    html.Div(
                        [
                            html.Pre(embed_code(src, spec.title(lang)), id="embed-code", className="embed-code small mb-1"),
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
