"""Charts: what each chart is (spec), the reader's selection (state), its sentence (narrative),
where its rows come from (provenance), and the registry of all of them."""

from .provenance import Provenance, Source, licence_titles, provenance, resolve, resource_sources
from .registry import CHARTS
from .spec import ChartSpec
from .state import ChartState

__all__ = ["CHARTS", "ChartSpec", "ChartState", "Provenance", "Source", "provenance", "resource_sources", "licence_titles", "resolve"]
