"""Releases and their revisions as people read them: the data page's list, each download's
metadata and the Atom feed (`/feed.xml`, `/en/feed.xml`) newsrooms subscribe to.

The feed is Atom 1.0 (RFC 4287): one entry per release, newest first, each naming the datasets it
revised and how many values in each, and the reason the publisher gave; its link opens that
release on the data page, where each value is listed. The feed speaks of tables, never of cells:
the cells one added victim changes (a month, a sex, an age group, a weapon, a cluster), read
together in a broadcast, would describe that person (issue 21)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pandas as pd

from ..data import DataPackage
from ..data.queries import release_revisions, revisions
from ..i18n import fmt_date, fmt_number, t
from ..urls import Urls

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def releases_with_revisions(package: DataPackage) -> list[tuple[dict[str, Any], pd.DataFrame]]:
    """Every release, newest first, with the values it revised (the data page's list)."""
    table = revisions(package)
    return [(release, table[table["release"] == str(release["version"])]) for release in reversed(package.releases)]


def dataset_title(package: DataPackage, name: str, lang: str) -> str:
    return package.resources[name].title[lang] if name in package.resources else name


def reason(entry: dict[str, Any] | pd.Series, lang: str) -> str:
    """The publisher's reason in the reader's language where given (the English one is optional)."""
    english = str(entry.get("reason_en") or "")
    return english if lang == "en" and english else str(entry.get("reason") or "")


def release_summary(package: DataPackage, release: dict[str, Any], lang: str) -> str:
    """One sentence on what a release changed: revised values, new rows, datasets added or removed."""
    parts = [t("releases.revised", lang, n=fmt_number(release.get("revisions", 0), lang))]
    added = release.get("rows_added") or {}
    if added:
        parts.append(t("releases.rows_added", lang, rows="; ".join(
            f"{dataset_title(package, name, lang)} ({fmt_number(n, lang)})" for name, n in added.items())))
    if release.get("resources_added"):
        parts.append(t("releases.datasets_added", lang, datasets="; ".join(dataset_title(package, n, lang) for n in release["resources_added"])))
    if release.get("resources_removed"):
        parts.append(t("releases.datasets_removed", lang, datasets="; ".join(release["resources_removed"])))
    if release.get("previous") is None:
        parts.append(t("releases.first", lang))
    return " ".join(parts)


def value_text(value: object, field: str, lang: str) -> str:
    """A published value (as written in the CSV) in the reader's number format; years and text as they are."""
    text = "" if value is None or value is pd.NA else str(value)
    if not text:
        return t("releases.empty", lang)
    match = re.fullmatch(r"-?\d+(?:\.(\d+))?", text)
    if match and not field.endswith("year"):
        return fmt_number(float(text), lang, len(match.group(1) or ""))
    if field.endswith("status") or field in ("suppressed", "source"):  # codes in the reader's words ('reported' → 'reportado')
        from .text import code_text

        return ";".join(code_text(part, lang) or part for part in text.split(";"))
    return text


def revision_text(package: DataPackage, row: dict[str, Any] | pd.Series, lang: str) -> str:
    """'Homicides per year, year=2023; geography=Palmira, homicides: 118 → 121' (or 'row removed')."""
    where = f"{dataset_title(package, str(row['resource']), lang)}, {row['key']}"
    if row["change"] == "removed":
        return f"{where}: {t('releases.change.removed', lang)}"
    field = str(row["field"])
    return f"{where}, {field}: {value_text(row['old_value'], field, lang)} → {value_text(row['new_value'], field, lang)}"


def tables_text(package: DataPackage, rows: pd.DataFrame, lang: str) -> list[str]:
    """Per dataset a release revised, one line: its title and how many values changed (or rows were
    withdrawn) — what the feed says, never which cells."""
    if rows.empty:
        return []
    return [t("feed.dataset_revised", lang, dataset=dataset_title(package, str(name), lang), n=fmt_number(len(group), lang))
            for name, group in rows.groupby("resource", sort=False)]


def download_revisions(package: DataPackage, resources: tuple[str, ...], lang: str) -> dict[str, Any]:
    """What a download's metadata says about revisions: the release it comes from and every value
    of its datasets that release revised (with the reason, and said in `lang`), and how many it
    revised in all."""
    latest = package.releases[-1] if package.releases else {}
    mine = release_revisions(package, resources=resources)
    return {
        "release": package.release,
        "release_date": latest.get("date", package.last_updated),
        "previous_release": latest.get("previous"),
        "revised_values_in_release": int(latest.get("revisions", 0)),
        "revisions_of_these_datasets": [{**{k: (None if v is None or v is pd.NA else str(v)) for k, v in row.items()},
                                         "text": revision_text(package, row, lang), "reason_text": reason(row, lang)}
                                        for row in mine.to_dict("records")],
    }


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _stamp(day: str) -> str:
    return f"{day[:10]}T00:00:00Z"


def atom_feed(package: DataPackage, urls: Urls, lang: str, host_url: str) -> bytes:
    """The Atom document announcing every release, newest first, in `lang`."""
    ET.register_namespace("", ATOM)
    site = urls.absolute(host_url, urls.page("overview", lang))
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: lang})
    _sub(feed, "id", f"{site.rstrip('/')}/#releases-{lang}")
    _sub(feed, "title", t("feed.title", lang))
    _sub(feed, "subtitle", t("feed.subtitle", lang))
    releases = list(reversed(package.releases))
    _sub(feed, "updated", _stamp(releases[0]["date"] if releases else package.last_updated))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=urls.absolute(host_url, urls.feed(lang)))
    _sub(feed, "link", rel="alternate", type="text/html", href=urls.absolute(host_url, urls.revisions(lang)))
    author = _sub(feed, "author")
    _sub(author, "name", t("feed.author", lang))
    _sub(feed, "rights", ", ".join(lic.get("title") or lic.get("name", "") for lic in package.licenses))
    table = revisions(package)
    for release in releases:
        version = str(release["version"])
        entry = _sub(feed, "entry")
        _sub(entry, "id", f"{site.rstrip('/')}/#release-{version}")
        _sub(entry, "title", t("feed.entry_title", lang, version=version, date=fmt_date(release["date"], lang),
                               n=fmt_number(release.get("revisions", 0), lang)))
        _sub(entry, "updated", _stamp(release["date"]))
        _sub(entry, "link", rel="alternate", type="text/html", href=urls.absolute(host_url, urls.revisions(lang, version)))
        lines = [release_summary(package, release, lang)]
        why = reason(release, lang)
        if why:
            lines.append(f"{t('releases.reason', lang)}: {why}")
        lines += tables_text(package, table[table["release"] == version], lang)
        _sub(entry, "summary", lines[0])
        _sub(entry, "content", "\n".join(lines), type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
