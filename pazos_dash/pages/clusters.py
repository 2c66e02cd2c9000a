"""The PAZOS clusters: the map (metric, year with play, before/after), a cluster's profile, residents."""

import re

from dash import dcc, html

from ..charts import provenance
from ..components.bootstrap import badge, col, row
from ..components.chart_card import GRAPH_CONFIG, source_line
from ..data.queries import MAP_RESOURCES, cluster_profile, stamped, territory_facts
from ..figures.clusters import cluster_trend_figure
from ..figures.theme import clean_width
from ..i18n import fmt_number, t
from ..pages.base import Links, Page, card_for, intro
from ..runtime import Runtime


_CLUSTER_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")


def cluster_id_of(value: object, _depth: int = 0) -> str | None:
    """A cluster id as the address or a click carries it, or None: a string, or the first item of a
    list (a click on a filled polygon sends its trace's whole customdata, one id per vertex).
    Anything else (numbers, objects, deep lists, long or odd strings) is not a cluster."""
    if isinstance(value, str):
        return value if _CLUSTER_ID.fullmatch(value) else None
    if isinstance(value, list) and value and _depth < 2:
        return cluster_id_of(value[0], _depth + 1)
    return None


def clicked_cluster(click: object) -> str | None:
    """The cluster a map click names, from whatever shape of clickData arrives."""
    points = click.get("points") if isinstance(click, dict) else None
    point = points[0] if isinstance(points, list) and points else None
    return cluster_id_of(point.get("customdata")) if isinstance(point, dict) else None


def profile_panel(runtime: Runtime, cluster_id: str | None, metric: str, lang: str, width: str = "wide") -> list:
    """Residents, neighbourhoods, the chosen metric's trend and the active components of a cluster."""
    if not cluster_id:
        return [html.P(t("profile.hint", lang), className="text-body-secondary mb-0")]
    try:
        profile = cluster_profile(runtime.package, cluster_id, metric)
    except KeyError:
        return [html.P(t("profile.hint", lang), className="text-body-secondary mb-0")]
    components = ([html.Li(t(f"category.{c}", lang)) for c in profile["components"]]
                  or [html.Li(t("profile.none", lang))])
    # The profile's numbers carry their provenance like any chart: the cluster's facts and the trend's rows.
    resources = (MAP_RESOURCES[metric], "clusters", "neighbourhoods")
    shown = provenance(stamped(profile["trend"], runtime.package, *resources), runtime.package, resources, lang)
    facts = runtime.package.table("clusters")
    demo = shown.demo or bool(facts.loc[facts["cluster_id"] == cluster_id, "status"].eq("demo").any())
    return [
        html.H2(t("profile.heading", lang, name=profile["name"]), className="h5", id="profile-name"),
        badge(t("demo.badge", lang), color="warning", className="demo-badge mb-2") if demo else None,
        row([
            col([
                html.P([html.Strong(t("profile.residents", lang) + ": "),
                        html.Span(fmt_number(profile["residents"], lang), id="profile-residents")]),
                html.P([html.Strong(t("profile.zone", lang) + ": "), t(f"value.{profile['zone']}", lang)]),
                html.H3(t("profile.components", lang, year=profile["components_year"] or ""), className="h6"),
                html.Ul(components, id="profile-components"),
                html.H3(t("profile.neighbourhoods", lang, n=len(profile["neighbourhoods"])), className="h6"),
                html.P(", ".join(profile["neighbourhoods"]), className="small", id="profile-neighbourhoods"),
            ], sizes="col-md-5"),
            col([
                html.H3(t("profile.trend", lang, metric=t(f"map.metric.{metric}", lang)), className="h6"),
                dcc.Graph(figure=cluster_trend_figure(profile["trend"], lang=lang, metric=metric, width=clean_width(width)), config={**GRAPH_CONFIG, "locale": lang},
                          id="profile-trend", style={"height": "220px"}),
            ], sizes="col-md-7"),
        ]),
        source_line(shown, lang, id="profile-source"),
    ]


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    return [
        intro("clusters", lang, **territory_facts(runtime.package)),
        card_for(runtime, "cluster_map", lang, links, query),
        # The cluster in the address (?cluster=C3): a click writes it there (assets/clientside-map.js).
        dcc.Store(id="cluster_map-cluster", data=cluster_id_of(query.get("cluster"))),
        html.Section(profile_panel(runtime, cluster_id_of(query.get("cluster")),
                                   runtime.state_from_query("cluster_map", query).options["metric"], lang),
                     className="card card-body mb-4", id="cluster-profile", **{"aria-live": "polite"}),
        card_for(runtime, "cluster_residents", lang, links, query),
    ]


PAGE = Page("clusters", ("cluster_map", "cluster_residents"), body)
