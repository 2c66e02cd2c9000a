"""SDG alignment: components x goals down to targets, indicator 16.1.1, and the national frame."""

from dash import dcc, html

from ..i18n import t
from ..pages.base import Links, Page, card_for, intro
from ..runtime import Runtime

POLICIES = ("conpes4089", "conpes4040", "srpa", "decree961")


def policy_frame(lang: str) -> html.Section:
    return html.Section(
        [html.H2(t("sdg.policies_heading", lang), className="h5"),
         html.Ul([html.Li(t(f"sdg.policy.{p}", lang)) for p in POLICIES], className="mb-0")],
        className="card card-body mb-4", id="policy-frame",
    )


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    return [
        intro("sdg", lang),
        card_for(runtime, "sdg_matrix", lang, links, query),
        card_for(runtime, "sdg_16_1_1", lang, links, query),
        html.P(dcc.Link(t("sdg.link_homicides", lang) + " →", href=links.page("homicides", params={"homicides_annual-measure": "rate_per_100k"}),
                        id="sdg-homicides-link")),
        policy_frame(lang),
    ]


# The 16.1.1 chart shows only the reported homicide-rate rows of indicator_values.
PAGE = Page("sdg", ("sdg_matrix", "sdg_16_1_1"), body)
