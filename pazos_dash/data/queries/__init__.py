"""Pure queries: the loaded package -> the tidy frame one view plots. No Dash, no I/O.

Every frame says, per row, what the row is (`status`) and where it comes from (`source`):
see common.py. One module per part of the site.
"""

from .clusters import MAP_METRICS, MAP_RESOURCES, cluster_ids, cluster_map, cluster_profile, cluster_residents, map_years
from .common import sources_of, stamped, status_of
from .homicides import (homicide_rate_comparison, homicides_breakdown, homicides_clusters_vs_rest, homicides_monthly_its,
                        palmira_homicides_annual, youth_homicide_rate)
from .indicators import SCOREBOARD_SORTS, indicator_detail, indicator_scoreboard, reach
from .other_counts import homicides_other_counts
from .revisions import last_release, release_revisions, revisions
from .partners import budget_execution, resources_by_component, resources_by_sector, resources_flow
from .sdg import sdg_16_1_1, sdg_alignment
from .youth import youth_enrolments_by_component, youth_people_breakdown, youth_served_by_year

__all__ = [
    "MAP_METRICS", "MAP_RESOURCES", "SCOREBOARD_SORTS", "budget_execution", "cluster_ids", "cluster_map", "cluster_profile", "cluster_residents",
    "homicide_rate_comparison", "homicides_breakdown", "homicides_other_counts", "last_release",
    "release_revisions", "revisions", "homicides_clusters_vs_rest", "homicides_monthly_its", "indicator_detail",
    "indicator_scoreboard", "map_years", "palmira_homicides_annual", "reach", "resources_by_component",
    "resources_by_sector", "resources_flow", "sdg_16_1_1", "sdg_alignment", "sources_of", "stamped", "status_of",
    "youth_enrolments_by_component", "youth_homicide_rate", "youth_people_breakdown", "youth_served_by_year",
]
