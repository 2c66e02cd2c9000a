"""What a running dashboard holds: its settings, the loaded package and the shared cache."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd
from flask import g, has_request_context
from flask_caching import Cache

from .charts import CHARTS, ChartSpec, ChartState
from .data import DataPackage
from .data.source import PackageSource
from .figures.theme import WIDE, clean_width
from .settings import Settings


def cache_config(settings: Settings) -> dict[str, Any]:
    """flask-caching configuration for the backend the settings name."""
    config: dict[str, Any] = {
        "CACHE_DEFAULT_TIMEOUT": settings.cache_timeout,
        "CACHE_KEY_PREFIX": "pazos:",
    }
    if settings.cache_type == "filesystem":
        # Files with the in-process cache behind them: a directory that cannot be created or
        # written slows the app, never stops it (cache.py).
        config.update(CACHE_TYPE="pazos_dash.cache.FileSystemFallbackCache", CACHE_DIR=str(settings.cache_dir))
    elif settings.cache_type == "redis":
        # Redis with the in-process cache behind it: an outage slows the app, never stops it (cache.py).
        config.update(CACHE_TYPE="pazos_dash.cache.FallbackCache", CACHE_REDIS_URL=settings.redis_url)
    else:
        config.update(CACHE_TYPE="SimpleCache")
    return config


@dataclass(frozen=True, eq=False)
class Runtime:
    settings: Settings
    source: PackageSource
    cache: Cache
    # web/pictures.py ChartPictures (set by create_app): static pictures of charts by figure
    pictures: Any = None

    @property
    def package(self) -> DataPackage:
        """The package being served now (a republish replaces it without a restart). Within a
        request, the one it began with: every part of one answer (rows, files, version, zip
        name) comes from one release, even if a republish lands while it is being written."""
        if not has_request_context():
            return self.source.current()
        package = g.get("pazos_package")
        if package is None:
            package = g.pazos_package = self.source.current()
        return package

    def chart(self, chart_id: str) -> ChartSpec:
        return CHARTS[chart_id]

    def state(self, chart_id: str, raw: Mapping[str, object] | None = None, package: DataPackage | None = None) -> ChartState:
        """A chart's selection from plain option names, cleaned against the package served."""
        return ChartState.clean(CHARTS[chart_id], package or self.package, raw)

    def state_from_query(self, chart_id: str, query: Mapping[str, object], package: DataPackage | None = None) -> ChartState:
        """A chart's selection from a page's query string (`?<chart_id>-<option>=`)."""
        return ChartState.from_query(CHARTS[chart_id], package or self.package, query)

    @staticmethod
    def _key(package: DataPackage, kind: str, state: ChartState, lang: str = "", width: str = "") -> str:
        return f"{kind}:{package.version}:{state.chart_id}:{lang}{':' + width if width else ''}:{state.key()}"

    def frame(self, state: ChartState, package: DataPackage | None = None) -> pd.DataFrame:
        """The exact rows a chart plots (its table and its downloads show the same frame),
        memoised per package version and selection: some views fit a model."""
        package = package or self.package
        key = self._key(package, "frame", state)
        frame = self.cache.get(key)
        if frame is None:
            frame = CHARTS[state.chart_id].rows(package, **state.options)
            self.cache.set(key, frame)
        return frame

    def figure(self, state: ChartState, lang: str, package: DataPackage | None = None, width: str = WIDE) -> dict[str, Any]:
        """The chart's figure as plain JSON for a width class, memoised per package version,
        language, width class and selection."""
        package = package or self.package
        width = clean_width(width)
        key = self._key(package, "figure", state, lang, "" if width == WIDE else width)
        figure = self.cache.get(key)
        if figure is None:
            spec = CHARTS[state.chart_id]
            configured = {name: getattr(self.settings, name) for name in spec.settings}
            frame = self.frame(state, package)
            figure = spec.draw(frame, lang=lang, width=width, **state.options, **configured).to_plotly_json()
            self.cache.set(key, figure)
        return figure

    def chart_frame(self, chart_id: str, **options: str) -> pd.DataFrame:
        """The frame of a chart for plain options (tests, the API)."""
        return self.frame(self.state(chart_id, options))
