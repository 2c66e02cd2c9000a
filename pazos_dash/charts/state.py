"""A chart's selection and its one codec: cleaned once, frozen, and written the same way in every
address (the page's permalink and share link, the embed, the downloads, and the browser's
`keepState`, which reads these rules as data from `codec_rules`).

Like Our World in Data's grapher URLs: an address carries only what differs from the chart's
defaults (so a link shared today follows the data when a new year is published), a year bound may
be symbolic (`latest`, `earliest`), and a table of renamed keys and values rewrites old links
before they are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from ..data import DataPackage
from .spec import NONE, YEAR_FROM, YEAR_TO, ChartSpec

# Symbolic year bounds: the newest and the oldest year the chart has in the package served.
LATEST, EARLIEST = "latest", "earliest"

# Renamed options and values, so that old links keep opening the view they showed. A rename adds
# an entry (never edit one: links with the old name are out there). "*" applies to every chart.
RENAMED_KEYS: dict[str, dict[str, str]] = {
    "*": {"from": YEAR_FROM, "to": YEAR_TO},  # the range's first names
}
RENAMED_VALUES: dict[str, dict[str, dict[str, str]]] = {
    "*": {"measure": {"rate": "rate_per_100k"}},  # the rate's value before it named its unit
}


def _renamed_keys(chart_id: str) -> dict[str, str]:
    return {**RENAMED_KEYS.get("*", {}), **RENAMED_KEYS.get(chart_id, {})}


def _renamed_values(chart_id: str, option: str) -> dict[str, str]:
    return {**RENAMED_VALUES.get("*", {}).get(option, {}), **RENAMED_VALUES.get(chart_id, {}).get(option, {})}


def migrate(chart_id: str, raw: Mapping[str, object]) -> dict[str, object]:
    """Plain option names and values as they are named today (an old name never wins over a new one)."""
    keys = _renamed_keys(chart_id)
    current = {str(k): v for k, v in raw.items() if str(k) not in keys}
    for old, new in keys.items():
        if old in raw and new not in current:
            current[new] = raw[old]
    for option, value in list(current.items()):
        renamed = _renamed_values(chart_id, option)
        if isinstance(value, str) and value in renamed:
            current[option] = renamed[value]
    return current


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


def _bound(value: str | None, name: str, allowed: tuple[str, ...]) -> str | None:
    """`latest` / `earliest` for a year bound: the newest / oldest year the chart has."""
    if name not in (YEAR_FROM, YEAR_TO) or value not in (LATEST, EARLIEST):
        return value
    years = sorted(allowed, key=int)
    return years[-1] if value == LATEST else years[0]


@dataclass(frozen=True)
class ChartState:
    """One chart's choices, every one allowed for the package (anything unknown or hostile became
    the default when it was made, so nothing downstream cleans again)."""

    chart_id: str
    selection: tuple[tuple[str, str], ...] = ()
    # The chart's defaults for the package it was cleaned against: what an address leaves out.
    defaults: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    @classmethod
    def clean(cls, spec: ChartSpec, package: DataPackage, raw: Mapping[str, object] | None = None) -> "ChartState":
        """From plain option names (`?measure=` on a download; renamed ones migrated, `latest` and
        `earliest` resolved): a shared address never breaks a view."""
        raw = migrate(spec.chart_id, raw or {})
        chosen = {}
        for name, allowed in spec.allowed(package).items():
            if name in spec.multi:
                chosen[name] = _several(raw.get(name), allowed, spec.multi_default.get(name), spec.migrations.get(name))
                continue
            value = _bound(str(raw.get(name)) if raw.get(name) is not None else None, name, allowed)
            value = spec.migrations.get(name, {}).get(value, value) if value is not None else None
            chosen[name] = value if value in allowed else allowed[0]
        if spec.ranged and int(chosen[YEAR_FROM]) > int(chosen[YEAR_TO]):  # a range given backwards
            chosen[YEAR_FROM], chosen[YEAR_TO] = chosen[YEAR_TO], chosen[YEAR_FROM]
        return cls(spec.chart_id, tuple(chosen.items()), tuple(spec.unpinned_defaults(package).items()))

    @classmethod
    def from_query(cls, spec: ChartSpec, package: DataPackage, query: Mapping[str, object]) -> "ChartState":
        """From a page's query string, where each chart's options are `<chart_id>-<option>=`."""
        prefix = page_prefix(spec.chart_id)
        return cls.clean(spec, package, {str(k)[len(prefix):]: v for k, v in query.items() if str(k).startswith(prefix)})

    @classmethod
    def from_download(cls, spec: ChartSpec, package: DataPackage, query: Mapping[str, object]) -> "ChartState":
        """From a download's query string: plain option names, or a page's `<chart_id>-<option>`
        keys (a selection copied from the page's address); the page's key wins."""
        prefix = page_prefix(spec.chart_id)
        plain = {str(k): v for k, v in query.items() if not str(k).startswith(prefix)}
        return cls.clean(spec, package, {**plain, **{str(k)[len(prefix):]: v for k, v in query.items() if str(k).startswith(prefix)}})

    @property
    def options(self) -> dict[str, str]:
        return dict(self.selection)

    def chosen(self, name: str) -> list[str]:
        """The values of a multi-valued option, as a list (a checklist's value)."""
        value = self.options[name]
        return [] if value == NONE else value.split(",")

    def encoded(self) -> dict[str, str]:
        """The selection as an address writes it, in plain option names: only what differs from
        the chart's defaults (the default range's end is the newest year, so it is left out and
        a link follows the next published year)."""
        defaults = dict(self.defaults)
        return {name: value for name, value in self.selection if defaults.get(name) != value}

    def query(self) -> dict[str, str]:
        """The selection as page query-string keys: `<chart_id>-<option>=<value>`, defaults left out."""
        return {page_key(self.chart_id, name): value for name, value in self.encoded().items()}

    def key(self) -> str:
        """A stable text for cache keys."""
        return ",".join(f"{k}={v}" for k, v in sorted(self.selection))


def page_prefix(chart_id: str) -> str:
    return f"{chart_id}-"


def page_key(chart_id: str, option: str) -> str:
    """A chart's option in a page's address (and the id of its control): `<chart_id>-<option>`."""
    return page_prefix(chart_id) + option


ORDER_SENT = 50  # a multi-valued option's allowed order goes to the browser when it is this short or shorter


def codec_rules(spec: ChartSpec, package: DataPackage, permalink: str) -> dict[str, Any]:
    """The codec's rules for one chart as data for the browser (assets/clientside.js `keepState`
    reads them instead of copying them): each option's page key and default, the allowed order of
    a multi-valued option, the old keys to drop, and the permalink's address without a query."""
    allowed = spec.allowed(package)
    kept = spec.unpinned_defaults(package)
    return {
        "options": [{"name": name, "key": page_key(spec.chart_id, name), "default": kept.get(name),
                     **({"none": NONE, **({"order": list(allowed[name])} if len(allowed[name]) <= ORDER_SENT else {})}
                        if name in spec.multi else {})}
                    for name, default in spec.defaults(package).items()],
        "old_keys": [page_key(spec.chart_id, old) for old in _renamed_keys(spec.chart_id)],
        "permalink": permalink,
    }
