"""A chart's selection: cleaned once, frozen, and the same in the address, a download and an embed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..data import DataPackage
from .spec import NONE, YEAR_FROM, YEAR_TO, ChartSpec


def _several(raw: object, allowed: tuple[str, ...], default: tuple[str, ...] | None = None,
             migrations: Mapping[str, str] | None = None) -> str:
    """A multi-valued option: the allowed values named (a list from a checklist or a dropdown, or
    the comma-joined text of an address) in their allowed order, old names migrated to their
    values; NONE for none on purpose; the default (all of them unless the chart says) when
    nothing valid was given. One pass over the allowed values: cheap for ~1,200 places."""
    wanted = set(default) if default is not None else None
    fallback = ",".join(value for value in allowed if value in wanted) if wanted is not None else ",".join(allowed)
    if raw is None:
        return fallback
    if str(raw) == NONE or (isinstance(raw, (list, tuple)) and not raw):
        return NONE
    migrations = migrations or {}
    named = {migrations.get(v, v) for v in (str(v).strip() for v in (raw if isinstance(raw, (list, tuple)) else str(raw).split(",")))}
    kept = [value for value in allowed if value in named]
    return ",".join(kept) if kept else fallback


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
        chosen = {}
        for name, allowed in spec.allowed(package).items():
            if name in spec.multi:
                chosen[name] = _several(raw.get(name), allowed, spec.multi_default.get(name), spec.migrations.get(name))
                continue
            value = str(raw.get(name)) if raw.get(name) is not None else None
            value = spec.migrations.get(name, {}).get(value, value) if value is not None else None
            chosen[name] = value if value in allowed else allowed[0]
        if spec.ranged and int(chosen[YEAR_FROM]) > int(chosen[YEAR_TO]):  # a range given backwards
            chosen[YEAR_FROM], chosen[YEAR_TO] = chosen[YEAR_TO], chosen[YEAR_FROM]
        return cls(spec.chart_id, tuple(chosen.items()))

    @classmethod
    def from_query(cls, spec: ChartSpec, package: DataPackage, query: Mapping[str, object]) -> "ChartState":
        """From a page's query string, where each chart's options are `<chart_id>-<option>=`."""
        prefix = f"{spec.chart_id}-"
        return cls.clean(spec, package, {str(k)[len(prefix):]: v for k, v in query.items() if str(k).startswith(prefix)})

    @property
    def options(self) -> dict[str, str]:
        return dict(self.selection)

    def chosen(self, name: str) -> list[str]:
        """The values of a multi-valued option, as a list (a checklist's value)."""
        value = self.options[name]
        return [] if value == NONE else value.split(",")

    def query(self) -> dict[str, str]:
        """The selection as page query-string keys: `<chart_id>-<option>=<value>`."""
        return {f"{self.chart_id}-{name}": value for name, value in self.selection}

    def key(self) -> str:
        """A stable text for cache keys."""
        return ",".join(f"{k}={v}" for k, v in sorted(self.selection))
