"""Bootstrap 5 markup from Dash's own components.

The few Bootstrap pieces the site uses (container, grid, alert, badge, progress bar, radio
group, navbar) are plain HTML with Bootstrap's classes; building them here instead of with
dash-bootstrap-components spares every visitor its 52 KB (compressed) of JavaScript, which
was the difference between meeting the 600 KB first-visit budget and missing it
(benchmarks/RESULTS.md). The vendored Bootstrap CSS styles them as before.
"""

from __future__ import annotations

from typing import Any

from dash import dcc, html


def container(children: Any, className: str = "", **props: Any) -> html.Div:
    return html.Div(children, className=f"container-xl {className}".strip(), **props)


def row(children: Any, className: str = "", **props: Any) -> html.Div:
    return html.Div(children, className=f"row {className}".strip(), **props)


def col(children: Any, *, sizes: str = "col", className: str = "", **props: Any) -> html.Div:
    """`sizes` are Bootstrap column classes, e.g. "col-12 col-sm-6 col-lg-3"."""
    return html.Div(children, className=f"{sizes} {className}".strip(), **props)


def alert(children: Any, *, color: str, className: str = "", **props: Any) -> html.Div:
    return html.Div(children, className=f"alert alert-{color} {className}".strip(), role="alert", **props)


def badge(text: str, *, color: str, className: str = "", **props: Any) -> html.Span:
    """`text-bg-<color>` picks a text colour with enough contrast for the background."""
    return html.Span(text, className=f"badge text-bg-{color} {className}".strip(), **props)


def progress(value: float, *, color: str, label: str, className: str = "", style: dict | None = None) -> html.Div:
    """A bar from 0 to 100 with its value for screen readers."""
    value = max(0.0, min(float(value), 100.0))
    return html.Div(
        html.Div(className=f"progress-bar bg-{color}", style={"width": f"{value:g}%"}),
        className=f"progress {className}".strip(),
        role="progressbar",
        style=style,
        **{"aria-valuenow": f"{value:g}", "aria-valuemin": "0", "aria-valuemax": "100", "aria-label": label},
    )


def radio_items(*, id: str, options: list[dict], value: str, inline: bool = True) -> dcc.RadioItems:  # noqa: A002
    return dcc.RadioItems(
        id=id,
        options=options,
        value=value,
        inline=inline,
        className="radio-group",
        inputClassName="form-check-input me-1",
        labelClassName="form-check form-check-inline ps-0" if inline else "form-check ps-0",
    )
