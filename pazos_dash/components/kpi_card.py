"""A headline number: label, value, one computed sentence, its source, and a link to its page."""

from __future__ import annotations

from dash import dcc, html

from .bootstrap import badge, col

from ..i18n import t


def kpi_card(*, kpi_id: str, label: str, value: str, detail: str, source: str, href: str, lang: str, demo: bool = False) -> html.Div:
    body = [
        html.H2(label, className="h6 text-body-secondary mb-1"),
        html.P(value, className="kpi-value mb-1", id=f"kpi-{kpi_id}-value"),
        html.P(detail, className="small mb-2", id=f"kpi-{kpi_id}-detail"),
    ]
    if demo:
        body.append(badge(t("demo.badge", lang), color="warning", className="demo-badge mb-2"))
    body += [
        html.P(f"{t('kpi.source', lang)}: {source}", className="small text-body-secondary mb-2"),
        dcc.Link(t("kpi.more", lang) + " →", href=href, className="stretched-link small", id=f"kpi-{kpi_id}-link"),
    ]
    return col(
        html.Section(html.Div(body, className="card-body"), className="card h-100 kpi-card" + (" chart-card--demo" if demo else ""),
                     id=f"kpi-{kpi_id}", **{"data-demo": "true" if demo else "false", "data-title": label}),
        sizes="col-12 col-sm-6 col-lg-3", className="mb-3",
    )
