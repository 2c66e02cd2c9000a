"""Bootstrap 5 pieces from dash-bootstrap-components, behind the small interface the pages use.

The site uses few of them (container, grid, alert, badge, progress bar, radio group); the pages
call these functions, so a change of library stays in this file. Styles come from the vendored
Bootstrap CSS (assets/00-bootstrap-*.min.css), never from `dbc.themes` (a CDN).
"""

from __future__ import annotations

import re
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

# Bootstrap's text-bg-<color> picks dark text on these backgrounds and white on the others.
_DARK_TEXT_ON = {"warning", "info", "light"}
_COL_CLASS = re.compile(r"col(?:-(xs|sm|md|lg|xl|xxl))?(?:-(\d+|auto))?")


def container(children: Any, className: str = "", **props: Any) -> dbc.Container:
    return dbc.Container(children, fluid="xl", class_name=className or None, **props)


def row(children: Any, className: str = "", **props: Any) -> dbc.Row:
    return dbc.Row(children, class_name=className or None, **props)


def col(children: Any, *, sizes: str = "col", className: str = "", **props: Any) -> dbc.Col:
    """`sizes` are Bootstrap column classes, e.g. "col-12 col-sm-6 col-lg-3"."""
    widths: dict[str, Any] = {}
    for size in sizes.split():
        match = _COL_CLASS.fullmatch(size)
        if not match:
            raise ValueError(f"not a Bootstrap column class: {size!r}")
        breakpoint, span = match.groups()
        widths[breakpoint or "width"] = True if span is None else (span if span == "auto" else int(span))
    return dbc.Col(children, class_name=className or None, **widths, **props)


def alert(children: Any, *, color: str, className: str = "", **props: Any) -> dbc.Alert:
    """Always shown (no close button, no fade): role="alert" comes with it."""
    return dbc.Alert(children, color=color, fade=False, class_name=className or None, **props)


def badge(text: str, *, color: str, className: str = "", **props: Any) -> dbc.Badge:
    """Dark text on light backgrounds (warning, info, light), white on the others."""
    return dbc.Badge(text, color=color, text_color="dark" if color in _DARK_TEXT_ON else None,
                     class_name=className or None, **props)


def progress(value: float, *, color: str, label: str, className: str = "", style: dict | None = None) -> html.Div:
    """A bar from 0 to 100, named by `label` for screen readers: Bootstrap's progress markup with
    its ARIA written here (dbc.Progress takes no aria-label, which needed a repair script)."""
    value = max(0.0, min(float(value), 100.0))
    shown = f"{value:g}"
    return html.Div(
        html.Div(className=f"progress-bar bg-{color}", style={"width": f"{shown}%"}),
        className=" ".join(part for part in ("progress", className) if part), style=style, role="progressbar",
        **{"aria-label": label, "aria-valuenow": shown, "aria-valuemin": "0", "aria-valuemax": "100"},
    )


def radio_items(*, id: str, options: list[dict], value: str, inline: bool = True) -> dbc.RadioItems:  # noqa: A002
    """Native radio inputs, each with its <label>; the group is named by the caller's fieldset legend."""
    return dbc.RadioItems(
        id=id,
        options=options,
        value=value,
        inline=inline,
        class_name="radio-group",
    )



def checklist(*, id: str, options: list[dict], value: list[str], inline: bool = True) -> dbc.Checklist:  # noqa: A002
    """Native checkboxes, each with its <label>; the group is named by the caller's fieldset legend."""
    return dbc.Checklist(id=id, options=options, value=value, inline=inline, class_name="radio-group")


def select(*, id: str, options: list[dict], value: str, label: str) -> Any:  # noqa: A002
    """A native <select> with its own <label> (a year of a range): a phone shows its own picker."""
    from dash import html

    return html.Div(
        [dbc.Label(label, html_for=id, class_name="small mb-0 me-1"),
         dbc.Select(id=id, options=options, value=value, size="sm", class_name="d-inline-block w-auto")],
        className="d-inline-flex align-items-center me-2",
    )
