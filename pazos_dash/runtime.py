"""What a running dashboard holds: its settings, the loaded package and the shared cache."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from flask_caching import Cache

from .charts import CHARTS, ChartSpec
from .data import DataPackage
from .settings import Settings


def cache_config(settings: Settings) -> dict[str, Any]:
    """flask-caching configuration for the backend the settings name."""
    config: dict[str, Any] = {
        "CACHE_DEFAULT_TIMEOUT": settings.cache_timeout,
        "CACHE_KEY_PREFIX": "pazos:",
    }
    if settings.cache_type == "filesystem":
        config.update(CACHE_TYPE="FileSystemCache", CACHE_DIR=str(settings.cache_dir))
    elif settings.cache_type == "redis":
        config.update(CACHE_TYPE="RedisCache", CACHE_REDIS_URL=settings.redis_url)
    else:
        config.update(CACHE_TYPE="SimpleCache")
    return config


@dataclass(frozen=True, eq=False)
class Runtime:
    settings: Settings
    package: DataPackage
    cache: Cache

    def chart(self, chart_id: str) -> ChartSpec:
        return CHARTS[chart_id]

    def chart_frame(self, chart_id: str) -> pd.DataFrame:
        """The exact rows a chart plots; its table and its CSV show the same frame."""
        return self.chart(chart_id).query(self.package)

    def chart_figure(self, chart_id: str, lang: str) -> dict[str, Any]:
        """The chart's figure as plain JSON, memoised per package version and language."""
        key = f"figure:{self.package.version}:{chart_id}:{lang}"
        figure = self.cache.get(key)
        if figure is None:
            spec = self.chart(chart_id)
            figure = spec.figure(self.chart_frame(chart_id), lang=lang).to_plotly_json()
            self.cache.set(key, figure)
        return figure
