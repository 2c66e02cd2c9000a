"""The one list of formats a chart's rows are taken away in, keyed by format (as Datasette's
`register_output_renderer`: a format, `render` and `can_render`). The download route, the card's
buttons, the callback that keeps them current, the zip and the OpenAPI document all read
`RENDERERS`; adding a format is one entry here (and its two strings in i18n)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any, Callable

from ..i18n import t
from .chart_view import ChartView
from .exports import as_csv, as_json, as_xlsx, licence_urls, metadata, readme

EXCEL_ROWS = 1_048_576 - 2  # a sheet's rows, less the two header rows


def view_metadata(view: ChartView) -> dict[str, Any]:
    """The metadata every format but the CSV carries, with the addresses people copy made absolute."""
    return metadata(view, view.urls.absolute(view.urls.page), view.urls.absolute(view.urls.embed))


def _csv_headers(view: ChartView) -> dict[str, str]:
    """The CSV stays a plain table: its metadata (licence and citation in it) and its licence are linked."""
    return {"Link": ", ".join([f'<{view.urls.downloads["json"]}>; rel="describedby"; type="application/json"',
                               *[f'<{url}>; rel="license"' for url in licence_urls(view)]])}


def _zip(view: ChartView) -> bytes:
    """One file to keep: the CSV and JSON renderers' files (exactly the chart's rows) and a README."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for fmt in ZIPPED:
            archive.writestr(f"{view.chart_id}.{fmt}", RENDERERS[fmt].render(view))
        archive.writestr(t("readme.name", view.lang), readme(view.frame, view_metadata(view), view.lang).encode("utf-8"))
    return out.getvalue()


@dataclass(frozen=True)
class Renderer:
    format: str
    media_type: str
    render: Callable[[ChartView], bytes]
    can_render: Callable[[ChartView], bool] = lambda view: True
    headers: Callable[[ChartView], dict[str, str]] = lambda view: {}
    api: bool = False  # the dataset API (/api/v1/) answers in this format too


RENDERERS: dict[str, Renderer] = {
    renderer.format: renderer for renderer in (
        Renderer("csv", "text/csv; charset=utf-8", lambda view: as_csv(view.frame, view.lang), headers=_csv_headers, api=True),
        Renderer("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 lambda view: as_xlsx(view.frame, view_metadata(view), view.lang), can_render=lambda view: len(view.frame) <= EXCEL_ROWS),
        Renderer("json", "application/json", lambda view: as_json(view.frame, view_metadata(view)), api=True),
        Renderer("zip", "application/zip", _zip),  # CSV + metadata JSON + a README that cites it
    )
}
FORMATS: tuple[str, ...] = tuple(RENDERERS)  # in the order the card shows its buttons
ZIPPED = ("csv", "json")  # the renderers whose files the zip holds
# The dataset API's formats, its default (JSON, which carries the dataset's description) first.
API_FORMATS: tuple[str, ...] = tuple(sorted((fmt for fmt, r in RENDERERS.items() if r.api), key=lambda fmt: fmt != "json"))


def renderable(view: ChartView) -> tuple[str, ...]:
    """The formats this view can be taken away in."""
    return tuple(fmt for fmt, r in RENDERERS.items() if r.can_render(view))
