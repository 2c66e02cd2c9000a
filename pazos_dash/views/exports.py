"""A chart's data as journalists take it away: exactly the rows plotted for the selection, as
CSV (UTF-8 with a byte-order mark, so Excel shows accents right), Excel, JSON and a zip of the
CSV, the metadata JSON and a README, with what makes it citable: title, sources, licence,
selection, the data package's date and version, a permalink and a ready citation. JSON, Excel
and the zip carry that metadata inside; the CSV stays a plain table and points to it with a
`Link: <…json>; rel="describedby"` header (the CSV-on-the-Web convention) and to its licence
with `rel="license"`. Which formats exist, and the zip, are views/renderers.py's `RENDERERS`.
"""

from __future__ import annotations

import io
import json
import math
from typing import Any

import numpy as np
import pandas as pd

from ..i18n import cluster_name, t
from .chart_view import ChartView
from .citation import cite
from .releases import download_revisions
from .text import FREE_TEXT, cell_text, code_text, column_label, is_missing

BOM = "\ufeff"


def metadata(view: ChartView, permalink: str, embed: str) -> dict[str, Any]:
    """What makes the rows citable, from the view's own provenance: the sources of exactly these
    rows, whether any is demonstration, the suppression threshold the package declares."""
    package, lang, p = view.package, view.lang, view.provenance
    citation = cite(view, permalink)
    return {
        "title": view.title,
        "chart": view.chart_id,
        "selection": view.state.options,
        "sources": [{"name": s.name, "title": s.title, "path": s.url} for s in p.sources],
        "licences": list(p.licences),
        "licence_urls": licence_urls(view),
        "demonstration_data": p.demo,
        "demonstration_rows": p.demo_rows,
        "suppressed_rows": p.suppressed_rows,
        "disclosure_threshold": p.k,
        "data_package": {"title": package.title.get(lang, ""), "version": package.version, "release": package.release,
                         "last_updated": package.last_updated, "next_update": package.next_update},
        # The release these rows come from and every value of their datasets it revised (with the reason).
        "revisions": download_revisions(package, tuple(view.spec.resources), lang),
        "datasets": list(view.spec.resources),
        # Columns keep their field names (stable for scripts); their labels are in the language asked for.
        "columns": [{"name": str(c), "label": column_label(str(c), lang)} for c in view.frame.columns],
        "permalink": permalink,
        "embed": embed,
        "citation": {"text": citation.text, "bibtex": citation.bibtex},
        "language": lang,
        "rows": len(view.frame),
    }


def licence_urls(view: ChartView) -> list[str]:
    """The addresses of the licences of the resources the view reads."""
    resources = [view.package.resources[r] for r in view.spec.resources if r in view.package.resources]
    return list(dict.fromkeys(str(lic["path"]) for r in resources for lic in r.licenses if lic.get("path")))


def cells(frame: pd.DataFrame) -> list[list[Any]]:
    """Plain Python values; missing and suppressed cells become None (empty)."""
    def plain(value: Any) -> Any:
        if value is None or value is pd.NA or value is pd.NaT:
            return None
        if hasattr(value, "item"):  # NumPy scalars
            value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
        return value.isoformat() if hasattr(value, "isoformat") else value
    return [[plain(v) for v in row] for row in frame.astype(object).itertuples(index=False, name=None)]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """One dict per row, field name to plain value (JSON downloads and the API)."""
    columns = [str(c) for c in frame.columns]
    return [dict(zip(columns, row)) for row in cells(frame)]


def for_readers(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows as a reader of `lang` reads them in a spreadsheet: column labels for headers and
    codes in words ('reported' -> 'Cifra reportada', 'urban' -> 'urbano', True -> 'Sí'); numbers
    stay numbers (a point for decimals) and names (a cluster's word in the reader's language:
    'Cluster 3'), free text and source keys stay as published.
    Field names and codes are in the JSON download and the API (docs/data.md)."""
    columns = {}
    for column in frame.columns:
        name = str(column)
        coded = name not in FREE_TEXT and name != "source" and not name.endswith(("_es", "_en"))
        def word(value: Any, coded: bool = coded) -> Any:
            if is_missing(value):
                return None
            if isinstance(value, (bool, np.bool_)):
                return t(f"value.{bool(value)}", lang)
            if coded and isinstance(value, str):
                return code_text(value, lang) or value
            if name == "name" and isinstance(value, str):  # a cluster's name in the reader's words
                return cluster_name(value, lang)
            return value
        columns[column_label(name, lang)] = frame[column].astype(object).map(word)
    return pd.DataFrame(columns, index=frame.index)


def as_csv(frame: pd.DataFrame, lang: str) -> bytes:
    """One header row of labels in the reader's language and one row per record: no comment lines,
    so any CSV reader takes it as it is. Its licence and metadata (with the citation) travel in the
    response's `Link` header (web/routes.py), and in the zip download's README."""
    return (BOM + for_readers(frame, lang).to_csv(index=False, lineterminator="\n")).encode("utf-8")


def as_json(frame: pd.DataFrame, meta: dict[str, Any]) -> bytes:
    return json.dumps({"metadata": meta, "data": records(frame)}, ensure_ascii=False, indent=1).encode("utf-8")


def as_xlsx(frame: pd.DataFrame, meta: dict[str, Any], lang: str) -> bytes:
    """The rows (field names as headers, stable for scripts) and an "about" sheet in the language
    asked for: every value there in words, no Python literals."""
    from openpyxl import Workbook  # only a download needs it

    book = Workbook(write_only=True)
    data = book.create_sheet(t("export.sheet_data", lang))
    # Row 1 for people (the column labels in the language asked for), row 2 for scripts (the
    # field names, as in the CSV and JSON).
    labels = {column["name"]: column["label"] for column in meta["columns"]}
    data.append([labels.get(str(c), str(c)) for c in frame.columns])
    data.append([str(c) for c in frame.columns])
    for row in cells(for_readers(frame, lang)):
        data.append(row)
    about = book.create_sheet(t("export.sheet_about", lang))
    for key in ("title", "permalink", "language", "rows"):
        about.append([t(f"export.{key}", lang), cell_text(key, meta[key], lang) if key == "rows" else str(meta[key])])
    about.append([t("export.citation", lang), meta["citation"]["text"]])
    about.append([t("export.headers", lang), t("export.headers_note", lang)])
    about.append([t("export.demonstration_data", lang), cell_text("demonstration_data", meta["demonstration_data"], lang)])
    if meta["suppressed_rows"]:
        about.append([t("export.suppressed", lang), t("card.suppressed", lang, k=meta["disclosure_threshold"])])
    about.append([t("export.selection", lang), ", ".join(f"{k}={v}" for k, v in meta["selection"].items()) or "—"])
    for source in meta["sources"]:
        about.append([t("export.source", lang), source["title"], source["path"]])
    about.append([t("export.licence", lang), ", ".join(meta["licences"])])
    package = meta["data_package"]
    about.append([t("export.package", lang), package["title"], package["version"], package["last_updated"]])
    revised = meta["revisions"]
    about.append([t("export.release", lang), revised["release"], revised["release_date"]])
    about.append([t("export.revised_in_release", lang), revised["revised_values_in_release"]])
    for row in revised["revisions_of_these_datasets"]:
        about.append([t("export.revision", lang), row["text"], row["reason_text"]])
    about.append([t("export.datasets", lang), ", ".join(meta["datasets"])])
    for column in meta["columns"]:
        about.append([t("export.column", lang), column["name"], column["label"]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def readme(frame: pd.DataFrame, meta: dict[str, Any], lang: str) -> str:
    """The zip's README: what the files are, how to cite them (text and BibTeX), the licence,
    the sources, the selection and every column with its label, in the language asked for."""
    package = meta["data_package"]
    lines = [
        f"# {meta['title']}", "",
        t("readme.files", lang, csv=f"{meta['chart']}.csv", json=f"{meta['chart']}.json"), "",
        f"## {t('readme.cite', lang)}", "", meta["citation"]["text"], "", "```bibtex", meta["citation"]["bibtex"], "```", "",
        f"## {t('export.licence', lang)}", "", ", ".join(meta["licences"]) + "".join(f" <{u}>" for u in meta["licence_urls"]), "",
        f"## {t('readme.sources', lang)}", "",
        *[f"- {s['title']}" + (f" <{s['path']}>" if s["path"] else "") for s in meta["sources"]], "",
        f"## {t('readme.view', lang)}", "",
        f"- {t('export.permalink', lang)}: {meta['permalink']}",
        f"- {t('export.selection', lang)}: " + (", ".join(f"{k}={v}" for k, v in meta["selection"].items()) or "—"),
        f"- {t('export.package', lang)}: {package['title']}, {package['version']}, {package['last_updated']}",
        f"- {t('export.rows', lang)}: {len(frame)}",
        f"- {t('export.demonstration_data', lang)}: {cell_text('demonstration_data', meta['demonstration_data'], lang)}",
    ]
    if meta["suppressed_rows"]:
        lines.append(f"- {t('card.suppressed', lang, k=meta['disclosure_threshold'])}")
    lines += ["", f"## {t('readme.columns', lang)}", "", *[f"- `{c['name']}`: {c['label']}" for c in meta["columns"]], ""]
    return "\n".join(lines)
