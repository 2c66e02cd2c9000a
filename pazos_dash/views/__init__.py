"""One chart in one selection (ChartView) and the renderers every place that shows it uses."""

from .chart_view import ChartView, chart_view

__all__ = ["ChartView", "chart_view"]
