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
from ..i18n import t

# How many of the values a chart shows are invented (demonstration): the one rule every mark of
# demonstration data answers from (the figure's stamp, the card's badge, the slide's strip, the
# takeaway's closing sentence, the downloads' metadata).
NO_INVENTED, SOME_INVENTED, ALL_INVENTED = "none", "some", "all"
DEMO_SOURCE = "demo"  # the name of the source demonstration rows cite when nothing real is behind them

# The text each renderer shows for "some" and "all" (nothing for "none").
DEMO_TEXT = {
    "badge": {SOME_INVENTED: "demo.badge_some", ALL_INVENTED: "demo.badge"},
    "strip": {SOME_INVENTED: "demo.strip_some", ALL_INVENTED: "demo.strip"},
    "takeaway": {SOME_INVENTED: "demo.takeaway_some", ALL_INVENTED: "demo.takeaway_all"},
}
# The figure's stamp (figures.theme.mark_demonstration) is chosen by the same rule in ChartSpec.draw:
# across the chart for "all", in a corner for "some".


def invented(rows: int, demo_rows: int, sources: Sequence[str]) -> str:
    """"all" when every row is demonstration and no row cites a real source (a real total split
    at random, or a real rate beside an invented target, is not all invented: it is "some");
    "some" when any row is demonstration; "none" otherwise."""
    if demo_rows <= 0:
        return NO_INVENTED
    if demo_rows >= rows and all(name == DEMO_SOURCE for name in sources):
        return ALL_INVENTED
    return SOME_INVENTED


def invented_in(frame: pd.DataFrame) -> str:
    """The rule over a chart's frame (its `status` and `source` per row)."""
    demo = int(frame["status"].astype(str).eq("demo").sum()) if "status" in frame.columns else 0
    return invented(len(frame), demo, cited(frame) if demo else ())


def demo_text(kind: str, share: str, lang: str) -> str:
    """What a renderer (`badge`, `strip`, `takeaway`) says for this share; '' for none."""
    key = DEMO_TEXT[kind].get(share)
    return t(key, lang) if key else ""


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
    def invented(self) -> str:
        """"none", "some" or "all" of the values shown are invented (`invented`, the one rule)."""
        return invented(self.rows, self.demo_rows, [s.name for s in self.sources])

    @property
    def demo(self) -> bool:
        """A demonstration mark is shown if and only if this is true."""
        return self.invented != NO_INVENTED

    @property
    def all_demo(self) -> bool:
        """Every value shown is invented."""
        return self.invented == ALL_INVENTED

    def demo_text(self, kind: str, lang: str) -> str:
        """The badge's, strip's or takeaway's words for these rows ('' when none is invented)."""
        return demo_text(kind, self.invented, lang)


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
