"""A chart's selection: cleaned once, frozen, and the same in the address, a download and an embed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..data import DataPackage
from .spec import ChartSpec


@dataclass(frozen=True)
class ChartState:
    """One chart's choices, every one allowed for the package (anything unknown or hostile became
    the default when it was made, so nothing downstream cleans again)."""

    chart_id: str
    selection: tuple[tuple[str, str], ...] = ()

    @classmethod
    def clean(cls, spec: ChartSpec, package: DataPackage, raw: Mapping[str, object] | None = None) -> "ChartState":
        """From plain option names (`?measure=` on a download): a shared address never breaks a view."""
        raw = raw or {}
        chosen = []
        for name, allowed in spec.allowed(package).items():
            value = str(raw.get(name)) if raw.get(name) is not None else None
            chosen.append((name, value if value in allowed else allowed[0]))
        return cls(spec.chart_id, tuple(chosen))

    @classmethod
    def from_query(cls, spec: ChartSpec, package: DataPackage, query: Mapping[str, object]) -> "ChartState":
        """From a page's query string, where each chart's options are `<chart_id>-<option>=`."""
        prefix = f"{spec.chart_id}-"
        return cls.clean(spec, package, {str(k)[len(prefix):]: v for k, v in query.items() if str(k).startswith(prefix)})

    @property
    def options(self) -> dict[str, str]:
        return dict(self.selection)

    def query(self) -> dict[str, str]:
        """The selection as page query-string keys: `<chart_id>-<option>=<value>`."""
        return {f"{self.chart_id}-{name}": value for name, value in self.selection}

    def key(self) -> str:
        """A stable text for cache keys."""
        return ",".join(f"{k}={v}" for k, v in sorted(self.selection))
