"""How a chart is cited: a ready reference (APA-like text and BibTeX) naming the publisher, the
year, the title, the data package's version and the permalink of exactly this view (the chart
on its page with its selection). The card's "Cite" box, the JSON metadata, the zip's README and
the Excel "about" sheet all read it from here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data import DataPackage
from ..i18n import t
from .chart_view import ChartView


@dataclass(frozen=True)
class Citation:
    publisher: str
    year: str
    title: str
    version: str  # the data package's version and its content hash
    permalink: str
    text: str  # APA-like
    bibtex: str


def publisher(package: DataPackage) -> str:
    """Who publishes the package: its `contributors` with the role `publisher`."""
    names = [c.get("title", "") for c in package.descriptor.get("contributors", []) if "publisher" in c.get("roles", [])]
    return "; ".join(n for n in names if n) or t("site.name", "es")


def package_version(package: DataPackage) -> str:
    """The version people see (the publication date) and the content hash that pins it."""
    stated = str(package.descriptor.get("version", "")).strip()
    return f"{stated} ({package.version})" if stated and package.version else (stated or package.version)


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _bibtex_text(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", text)


def bibtex_key(chart_id: str, year: str) -> str:
    return f"pazos_{chart_id}_{year}"


def cite(view: ChartView, permalink: str) -> Citation:
    """The reference of this view; `permalink` is its absolute address on the page."""
    package, lang = view.package, view.lang
    who, version = publisher(package), package_version(package)
    year = (str(package.descriptor.get("version", "")) or package.last_updated)[:4]
    site = t("site.name", lang)
    text = t("cite.text", lang, publisher=who, year=year, title=view.title, version=version,
             site=t("cite.howpublished", lang, site=site), url=permalink)
    licences = ", ".join(view.provenance.licences)
    sources = "; ".join(s.title for s in view.provenance.sources)
    fields = [
        ("author", "{" + _bibtex_text(who) + "}"),
        ("title", "{" + _bibtex_text(view.title) + "}"),
        ("year", year),
        ("version", _bibtex_text(version)),
        ("howpublished", _bibtex_text(t("cite.howpublished", lang, site=site))),
        ("url", permalink),
        ("note", _bibtex_text(t("cite.note", lang, licence=licences, sources=sources))),
        ("language", t("cite.language", lang)),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return Citation(publisher=who, year=year, title=view.title, version=version, permalink=permalink, text=text,
                    bibtex=f"@misc{{{bibtex_key(view.chart_id, year)},\n{body}\n}}")
