"""Static pictures of the charts: every chart's default view as SVG, drawn once per package
version by plotly.js itself (kaleido, in headless Chromium) when the app starts, so the server's
copy of a page shows its charts before any script runs, and with scripts off
(docs/architecture.md, "Static first").

Never per request: `build` draws the default view of every chart in both languages and both width
classes at start-up (in gunicorn's master, before the workers fork) and keeps the SVGs in memory;
a request only looks a picture up by the hash of the figure it would draw. The SVGs are also kept
on disk by that hash (`PAZOS_PICTURE_DIR`), so a restart with the same package draws nothing. If
Chromium or kaleido is missing, or drawing fails, the app starts without pictures and says so in
its log: the chart boxes then wait for plotly.js, as before.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from plotly.io.json import to_json_plotly

from ..charts import CHARTS
from ..components.chart_card import layout_height
from ..figures.theme import NARROW, WIDE
from ..i18n import LANGUAGES

log = logging.getLogger("pazos.pictures")

# The width each class is drawn at: a desktop card (the picture is scaled to the card, its height
# kept) and a phone's card at 360 px.
PICTURE_WIDTHS = {WIDE: 1000, NARROW: 310}
# The height of a chart's box where the figure does not fix one: `.chart-graph` in pazos.css,
# clamp(280px, 55vw, 440px) (a phone: 280 px; a desktop: 440 px), and the charts styled taller.
BOX_HEIGHTS = {WIDE: 440, NARROW: 280}
TALLER_BOXES = {"homicides_other_counts": {WIDE: 520, NARROW: 440}}
# Views other than a chart's default that a page shows as a picture: the overview's headline
# (the annual rate beside the sentence about rates).
EXTRA_VIEWS: dict[str, tuple[dict[str, str], ...]] = {"homicides_annual": ({"measure": "rate_per_100k"},)}
# A figure drawn as a picture beyond the charts' views: ({width class: figure}, {width class: (width, height)}).
Extra = tuple[dict[str, Any], dict[str, tuple[int, int]]]
# The browsers that get the narrow picture: as assets/clientside.js `widthClass` decides.
NARROW_MEDIA = "(max-width: 575.98px), (pointer: coarse) and (max-width: 1023.98px)"


_PATTERN = re.compile(rb'<pattern id="([^"]+)"[^>]*>(.*?)</pattern>', re.S)
_PATTERN_COLOUR = re.compile(rb'<rect[^>]*fill="([^"]+)"|<path[^>]*stroke="([^"]+)"')
_PATTERN_FILL = re.compile(rb"fill: url\(['\"]?#([^'\")]+)['\"]?\)")


def flatten_patterns(svg: bytes) -> bytes:
    """Hatched marks (demonstration rows, suppressed cells) drawn in their own colour, lighter: a
    hatch in an SVG image is printed as a bitmap (4 MB for the homicide page's PDF), and the
    picture cannot be changed when the page is printed, as the live chart is (clientside.js
    `flattenPatterns`). The card's badge, the figure's stamp and the table still say which rows are
    demonstration; the live chart hatches them again."""
    colours = {}
    for pattern_id, body in _PATTERN.findall(svg):
        colour = _PATTERN_COLOUR.search(body)  # its background, else its hatch's colour
        if colour:
            colours[pattern_id] = colour.group(1) or colour.group(2)

    def solid(match: re.Match[bytes]) -> bytes:
        colour = colours.get(match.group(1))
        return b"fill: " + colour + b"; fill-opacity: 0.45" if colour else match.group(0)

    return _PATTERN_FILL.sub(solid, svg)


def figure_key(figure: Any) -> str:
    """A figure's identity: the hash of its JSON (the same figure always has the same picture)."""
    return hashlib.sha256(to_json_plotly(figure).encode()).hexdigest()[:24]


@dataclass
class ChartPictures:
    """SVGs by name (`<figure hash>-<width>x<height>`), and which wide figure they picture."""

    directory: Path | None = None
    svgs: dict[str, bytes] = field(default_factory=dict)
    _by_figure: dict[str, dict[str, str]] = field(default_factory=dict)

    def for_figure(self, figure: Any) -> dict[str, str] | None:
        """{width class: picture name} for a figure a page shows (its wide figure), or None."""
        if not self._by_figure or not figure or not (figure.get("data") if isinstance(figure, dict) else True):
            return None
        return self._by_figure.get(figure_key(figure))

    def for_view(self, figure: Any) -> dict[str, str]:
        """As `for_figure`, {} when there is none."""
        return self.for_figure(figure) or {}

    def svg(self, name: str) -> bytes | None:
        return self.svgs.get(name)

    def build(self, runtime: Any, languages: Iterable[str] = LANGUAGES, extra: Iterable[Extra] = ()) -> None:
        """Draw (or read from disk) the default view of every chart, both languages, both widths;
        and `extra` figures a page draws otherwise (the deck's projector-sized slides): each its
        figure per width class and the size of the box it fills per width class."""
        started = time.monotonic()
        pictured: list[Extra] = []  # each chart's default view, then the pages' own figures
        views = [(chart_id, runtime.state(chart_id)) for chart_id in CHARTS]
        views += [(chart_id, runtime.state(chart_id, options)) for chart_id, more in EXTRA_VIEWS.items() for options in more]
        for chart_id, state in views:
            for lang in languages:
                try:
                    figures = {width: runtime.figure(state, lang, width=width) for width in PICTURE_WIDTHS}
                except Exception:  # noqa: BLE001 - a chart that cannot draw has no picture; the page says why
                    log.exception("no picture for %s (%s)", chart_id, lang)
                    continue
                pictured.append((figures, {width: (PICTURE_WIDTHS[width], layout_height(figure) or TALLER_BOXES.get(chart_id, BOX_HEIGHTS)[width])
                                           for width, figure in figures.items()}))
        jobs: list[tuple[str, dict[str, Any], int, int]] = []  # (name, figure, width, height)
        by_figure: dict[str, dict[str, str]] = {}
        for figures, sizes in [*pictured, *extra]:
            names = {width: f"{figure_key(figure)}-{sizes[width][0]}x{sizes[width][1]}" for width, figure in figures.items()}
            jobs += [(names[width], figure, *sizes[width]) for width, figure in figures.items()]
            by_figure[figure_key(figures[WIDE])] = names
        jobs = list({job[0]: job for job in jobs}.values())
        missing = [job for job in jobs if not self._read(job[0])]
        if missing:
            try:
                drawn = _draw([(figure, width, height) for _, figure, width, height in missing])
            except Exception as error:  # noqa: BLE001 - start without pictures rather than not at all
                log.warning("chart pictures not drawn (%s: %s); the charts wait for plotly.js", type(error).__name__, error)
                return
            for (name, *_), svg in zip(missing, drawn):
                self._keep(name, svg)
        self._by_figure = {wide: names for wide, names in by_figure.items() if all(n in self.svgs for n in names.values())}
        log.info("chart pictures: %d (%d drawn) in %.1f s", len(self.svgs), len(missing), time.monotonic() - started)

    def _read(self, name: str) -> bool:
        if name in self.svgs:
            return True
        path = self.directory / f"{name}.svg" if self.directory else None
        if path and path.is_file():
            self.svgs[name] = flatten_patterns(path.read_bytes())
            return True
        return False

    def _keep(self, name: str, svg: bytes) -> None:
        svg = flatten_patterns(svg)
        self.svgs[name] = svg
        if self.directory:
            try:
                self.directory.mkdir(parents=True, exist_ok=True)
                temporary = self.directory / f".{name}.{os.getpid()}.tmp"
                temporary.write_bytes(svg)
                temporary.replace(self.directory / f"{name}.svg")
            except OSError as error:  # a read-only disk: keep them in memory only
                log.warning("chart picture not kept on disk: %s", error)


def _draw(jobs: list[tuple[dict[str, Any], int, int]]) -> list[bytes]:
    """SVGs of figures, drawn by plotly.js in one headless Chromium (kaleido)."""
    import kaleido  # only at start-up, and only when something is missing

    if not os.environ.get("BROWSER_PATH"):
        chromium = os.environ.get("PAZOS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium:
            os.environ["BROWSER_PATH"] = chromium

    async def run() -> list[bytes]:
        async with kaleido.Kaleido(n=1, timeout=60) as k:
            out = []
            for figure, width, height in jobs:
                svg = await k.calc_fig(figure, opts={"format": "svg", "width": width, "height": height})
                out.append(svg if isinstance(svg, bytes) else str(svg).encode())
            return out

    return asyncio.run(run())


def register_picture_route(server: Any, pictures: ChartPictures, prefix: str) -> None:
    """`<prefix>picture/<name>.svg`: a chart's picture; its name is its figure's hash, so it is
    cached for a year."""
    from flask import Response, abort

    @server.route(f"{prefix}picture/<name>.svg")
    def chart_picture(name: str):
        svg = pictures.svg(name)
        if svg is None:
            abort(404)
        return Response(svg, mimetype="image/svg+xml",
                        headers={"Cache-Control": "public, max-age=31536000, immutable"})
