"""The PAZOS clusters: the map (metric, year with play, before/after), a cluster's profile, residents."""

import re

from dash import dcc, html

from ..charts.narrative import territory_numbers
from ..charts.state import page_key
from ..components.profile_card import profile_body
from ..i18n import t
from ..pages.base import Links, Page, card_for, intro, view_for
from ..runtime import Runtime
from ..urls import Urls
from ..views import chart_view


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


# The profile's cluster in the page's address: the codec's key, or `?cluster=` as links written
# before the profile was a chart view carried it (still read, never written).
PROFILE_KEY, OLD_PROFILE_KEY = page_key("cluster_profile", "cluster"), "cluster"


def cluster_in_address(query: dict) -> str | None:
    return cluster_id_of(query.get(PROFILE_KEY)) or cluster_id_of(query.get(OLD_PROFILE_KEY))


def profile_panel(runtime: Runtime, urls: Urls, cluster_id: str | None, metric: str, lang: str, width: str = "wide") -> list:
    """The profile of a published cluster for the map's metric (the `cluster_profile` view), or a
    hint to click one when none is chosen (or the address names one the package does not have)."""
    if not cluster_id or cluster_id not in runtime.chart("cluster_profile").allowed(runtime.package)["cluster"]:
        return [html.P(t("profile.hint", lang), className="text-body-secondary mb-0")]
    view = chart_view(runtime, urls, "cluster_profile", lang, options={"cluster": cluster_id, "metric": metric}, width=width)
    return profile_body(view)


def body(runtime: Runtime, lang: str, links: Links, query: dict) -> list:
    # A profile's permalink names its metric: the map shows the same one, unless the address chose the map's.
    if page_key("cluster_profile", "metric") in query and page_key("cluster_map", "metric") not in query:
        query = {**query, page_key("cluster_map", "metric"): query[page_key("cluster_profile", "metric")]}
    cluster = cluster_in_address(query)
    residents = view_for(runtime, links, "cluster_residents", lang, query=query)
    return [
        intro("clusters", lang, **territory_numbers(residents.frame)),
        card_for(runtime, "cluster_map", lang, links, query),
        # The cluster in the address (?cluster_profile-cluster=C3): a click writes it there (assets/clientside-map.js).
        dcc.Store(id="cluster_map-cluster", data=cluster),
        html.Section([html.Span(id="card-cluster_profile"),
                      *profile_panel(runtime, links.urls, cluster, runtime.state_from_query("cluster_map", query).options["metric"], lang)],
                     className="card card-body mb-4", id="cluster-profile", **{"aria-live": "polite", "data-key": PROFILE_KEY}),
        card_for(runtime, "cluster_residents", lang, links, query),
    ]


PAGE = Page("clusters", ("cluster_map", "cluster_residents"), body, numbers=("cluster_profile",))
