"""What a running dashboard holds: its settings, the loaded package and the shared cache."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from flask_caching import Cache

from .charts import CHARTS, ChartSpec
from .data import DataPackage
from .data.source import PackageSource
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
    source: PackageSource
    cache: Cache

    @property
    def package(self) -> DataPackage:
        """The package being served now (a republish replaces it without a restart)."""
        return self.source.current()

    def chart(self, chart_id: str) -> ChartSpec:
        return CHARTS[chart_id]

    @staticmethod
    def _key(package: DataPackage, kind: str, chart_id: str, options: dict[str, str], lang: str = "") -> str:
        selection = ",".join(f"{k}={v}" for k, v in sorted(options.items()))
        return f"{kind}:{package.version}:{chart_id}:{lang}:{selection}"

    def chart_frame(self, chart_id: str, **options: str) -> pd.DataFrame:
        """The exact rows a chart plots (its table and its CSV show the same frame), memoised
        per package version and selection: some views fit a model."""
        return self._frame(self.package, chart_id, options)

    def _frame(self, package: DataPackage, chart_id: str, options: dict[str, str]) -> pd.DataFrame:
        spec = self.chart(chart_id)
        clean = spec.clean(options)
        key = self._key(package, "frame", chart_id, clean)
        frame = self.cache.get(key)
        if frame is None:
            frame = spec.query(package, **clean)
            self.cache.set(key, frame)
        return frame

    def chart_figure(self, chart_id: str, lang: str, **options: str) -> dict[str, Any]:
        """The chart's figure as plain JSON, memoised per package version, language and options."""
        package = self.package  # one package for the frame and the figure, even mid-republish
        spec = self.chart(chart_id)
        clean = spec.clean(options)
        key = self._key(package, "figure", chart_id, clean, lang)
        figure = self.cache.get(key)
        if figure is None:
            configured = {name: getattr(self.settings, name) for name in spec.settings}
            frame = self._frame(package, chart_id, clean)
            figure = spec.figure(frame, lang=lang, **clean, **configured).to_plotly_json()
            self.cache.set(key, figure)
        return figure
