"""Where exactly the rows a chart shows come from, and what they are: the truth labels of a view.

Every label the site shows about a chart (its source line, licence, demonstration mark,
suppression threshold, last update) is computed here from the rows shown and the package's
metadata, once, so the card, slide, embed, table and downloads cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import pandas as pd

from ..data import DataPackage


@dataclass(frozen=True)
class Source:
    name: str
    title: str  # in the language of the view
    url: str  # empty when the source has no public address
    publisher: str = ""  # the rest in the language of the view too, empty where the package does not say
    description: str = ""  # what the source's figure is
    version: str = ""  # the date of the release read
    update: str = ""  # when a new release comes


def _local(entry: dict, key: str, lang: str) -> str:
    return str(entry.get("i18n", {}).get(lang, {}).get(key) or entry.get(key, "") or "")


def _source_of(entry: dict, lang: str, name: str = "") -> Source:
    return Source(str(entry.get("name", name)), _local(entry, "title", lang) or name, str(entry.get("path", "")),
                  _local(entry, "publisher", lang), _local(entry, "description", lang), str(entry.get("version", "")),
                  _local(entry, "update", lang))


@dataclass(frozen=True)
class Provenance:
    sources: tuple[Source, ...]  # of the rows shown, in order of first appearance
    licences: tuple[str, ...]
    rows: int
    demo_rows: int
    suppressed_rows: int
    preliminary_rows: int
    k: int | None  # the disclosure threshold the package declares for the counts shown
    last_updated: str

    @property
    def demo(self) -> bool:
        """A demonstration mark is shown if and only if this is true."""
        return self.demo_rows > 0

    @property
    def all_demo(self) -> bool:
        """Every value shown is invented: every row is demonstration and no row cites a real
        source (a real total split at random, or a real rate beside an invented target, is not)."""
        return self.rows > 0 and self.demo_rows == self.rows and all(s.name == "demo" for s in self.sources)


def cited(frame: pd.DataFrame) -> list[str]:
    """The source names the rows cite, in order of first appearance."""
    if "source" not in frame.columns:
        raise ValueError("a chart frame must say each row's source (column 'source')")
    names = (name.strip() for cell in frame["source"].dropna() for name in str(cell).split(";"))
    return list(dict.fromkeys(n for n in names if n))


def _source(package: DataPackage, resources: Sequence[str], name: str) -> dict:
    for resource in [*resources, *package.resources]:
        found = package.resources[resource].source(name) if resource in package.resources else None
        if found:
            return found
    raise KeyError(f"source '{name}' is cited by a row but listed by no resource")


def resolve(package: DataPackage, names: Sequence[str], lang: str, resources: Sequence[str] = ()) -> tuple[Source, ...]:
    """The sources these names cite, with titles in `lang` (a headline number names its rows' sources)."""
    found = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        found.append(_source_of(_source(package, resources, name), lang, name))
    return tuple(found)


def provenance(frame: pd.DataFrame, package: DataPackage, resources: Sequence[str], lang: str) -> Provenance:
    """The provenance of exactly the rows of `frame` (a chart's frame for one selection)."""
    sources = resolve(package, cited(frame), lang, resources)
    status = frame["status"].astype(str) if "status" in frame.columns else pd.Series([], dtype=str)
    used = [package.resources[r] for r in resources if r in package.resources]
    thresholds = [r.k for r in used if r.k is not None]
    return Provenance(
        sources=sources,
        licences=licence_titles(used, lang),
        rows=len(frame),
        demo_rows=int((status == "demo").sum()),
        suppressed_rows=int(frame["suppressed"].astype(bool).sum()) if "suppressed" in frame.columns else 0,
        preliminary_rows=int(status.eq("preliminary").sum()),
        k=frame.attrs.get("k", min(thresholds) if thresholds else None),
        last_updated=max((r.last_updated for r in used if r.last_updated), default=package.last_updated),
    )


def resource_sources(resource, lang: str) -> tuple[Source, ...]:
    """Every source a published resource lists (the data page and the API describe whole files)."""
    return tuple(_source_of(s, lang) for s in resource.sources)


def licence_title(licence: dict, lang: str) -> str:
    return licence.get("i18n", {}).get(lang, {}).get("title") or licence.get("title") or licence.get("name", "")


def licence_titles(resources, lang: str = "es") -> tuple[str, ...]:
    return tuple(dict.fromkeys(licence_title(lic, lang) for r in resources for lic in r.licenses))
