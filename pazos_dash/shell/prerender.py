"""A Dash layout as static HTML, for every page: the server sends the page's text, headline
numbers, takeaways and tables in the HTML it answers (`PazosDash.interpolate_index`), so they
paint before any script has run and read with scripts off; Dash's renderer then draws the same
layout, and assets/first-paint.js swaps it in (see docs/architecture.md, "Content before scripts").

The HTML is the one React renders for the same components (checked in a browser by
tests/browser/test_first_paint.py), so the swap does not move anything: every `html.*`
component, the dbc components the pages use, and the dcc ones: a `dcc.Graph` is its box (its
figure's height, so the page does not jump when plotly.js draws it), a slider its current value,
stores and intervals nothing. With `strict=True` (the tests) an unknown component is an error;
otherwise its children are kept in a `<div>`, so a new component can never turn a page into a 500.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any, Callable

from dash.development.base_component import Component

from ..components.chart_card import figure_height, layout_height
from ..figures.theme import NARROW, WIDE
from ..web.pictures import NARROW_MEDIA

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# React prop names whose HTML attribute is not simply the lower-case name
_ATTRIBUTES = {"className": "class", "htmlFor": "for", "class_name": "class"}
# Dash bookkeeping, never an attribute
_SKIP = {"children", "setProps", "loading_state", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key",
         "persistence", "persisted_props", "persistence_type"}
_HTML_TAGS = {"ObjectEl": "object", "MapEl": "map"}
_BOOTSTRAP_COLOURS = {"primary", "secondary", "success", "info", "warning", "danger", "light", "dark", "body", "white",
                      "transparent"}


_KEBAB = re.compile(r"[A-Z]")


class UnknownComponent(TypeError):
    pass


def _style(style: dict[str, Any]) -> str:
    """React's style object as CSS: backgroundColor -> background-color."""
    return ";".join(f"{_KEBAB.sub(lambda m: '-' + m.group(0).lower(), name)}:{value}" for name, value in style.items())


def _attributes(props: dict[str, Any]) -> str:
    out = []
    for name, value in props.items():
        if name in _SKIP or value is None or value is False:
            continue
        attribute = _ATTRIBUTES.get(name, name if name.startswith(("data-", "aria-")) else name.lower())
        if name == "style":
            value = _style(value)
        if value is True:
            out.append(f" {attribute}")
        else:
            out.append(f' {attribute}="{escape(str(value), quote=True)}"')
    return "".join(out)


def _props(component: Component) -> dict[str, Any]:
    return {name: getattr(component, name) for name in [*component._prop_names, *component.__dict__]
            if not name.startswith("_") and hasattr(component, name) and (name in component._prop_names or name.startswith(("data-", "aria-")))}


def _classes(*names: Any) -> str | None:
    joined = " ".join(str(name) for name in names if name)
    return joined or None


def _element(tag: str, props: dict[str, Any], children: str) -> str:
    if tag in _VOID:
        return f"<{tag}{_attributes(props)}>"
    return f"<{tag}{_attributes(props)}>{children}</{tag}>"


def _dbc(kind: str, props: dict[str, Any], children: str) -> str:
    """The HTML dash-bootstrap-components 2 renders for the few components the chrome uses."""
    common = {k: v for k, v in props.items() if k not in ("class_name", "className", "tag", "color", "dark", "expand",
                                                          "fluid", "navbar", "is_open", "active", "dimension", "fade",
                                                          "dismissable", "external_link", "text_color")}
    own = props.get("class_name") or props.get("className")
    if kind == "Navbar":
        colour = props.get("color")
        expand = props.get("expand")
        classes = _classes(own, "navbar", ("navbar-expand" if expand is True else f"navbar-expand-{expand}") if expand else None,
                           "navbar-dark" if props.get("dark") else "navbar-light",
                           f"bg-{colour}" if colour in _BOOTSTRAP_COLOURS else None)
        style = {**({"backgroundColor": colour} if colour and colour not in _BOOTSTRAP_COLOURS else {}), **(props.get("style") or {})}
        return _element(props.get("tag") or "nav", {**common, "className": classes, "style": style or None}, children)
    if kind == "NavbarBrand":
        return _element("a" if props.get("href") else "span", {**common, "className": _classes(own, "navbar-brand")}, children)
    if kind == "NavLink":
        classes = _classes(own, "nav-link", "active" if props.get("active") is True else None,
                           "disabled" if props.get("disabled") else None)
        return _element("a", {**common, "className": classes, "disabled": None}, children)
    if kind == "Collapse":
        classes = _classes(own, "navbar-collapse" if props.get("navbar") else None, "collapse", "show" if props.get("is_open") else None)
        return _element(props.get("tag") or "div", {**common, "className": classes}, children)
    if kind == "Container":
        fluid = props.get("fluid")
        base = "container-fluid" if fluid is True else f"container-{fluid}" if fluid else "container"
        return _element(props.get("tag") or "div", {**common, "className": _classes(own, base)}, children)
    if kind == "Alert":
        colour = props.get("color") or "success"
        return _element("div", {"role": "alert", **common, "className": _classes(own, "alert", f"alert-{colour}")}, children)
    if kind == "Row":
        return _element("div", {**common, "className": _classes(own, "row")}, children)
    if kind == "Col":
        return _element("div", {**{k: v for k, v in common.items() if k not in _BREAKPOINTS}, "className": _classes(own, *_col_classes(props))},
                        children)
    if kind == "Badge":
        colour = props.get("color") or "secondary"
        text = props.get("text_color")
        classes = _classes(own, "badge", f"text-{text}" if text else None, f"bg-{colour}" if colour in _BOOTSTRAP_COLOURS else None,
                           "rounded-pill" if props.get("pill") else None)
        return _element("a" if props.get("href") else "span", {**_without(common, "pill"), "className": classes}, children)
    if kind == "Progress":
        value = props.get("value") or 0
        low, high = props.get("min") or 0, props.get("max") or 100
        share = 100 * (float(value) - low) / ((high - low) or 1)
        label = props.get("label")
        inner = (f'<span class="visually-hidden">{escape(str(label), quote=False)}</span>' if props.get("hide_label") and label
                 else escape(str(label), quote=False) if label else "")
        colour = props.get("color")
        bar = _element("div", {"role": "progressbar", "className": _classes("progress-bar", f"bg-{colour}" if colour else None),
                               "aria-valuenow": value, "aria-valuemin": low, "aria-valuemax": high, "aria-label": label,
                               "style": {"width": f"{share:g}%"}}, inner)
        outer = _without(common, "value", "min", "max", "label", "hide_label", "striped", "animated", "bar")
        return _element("div", {**outer, "className": _classes(own, "progress")}, bar)
    if kind in ("RadioItems", "Checklist"):
        return _choices(kind, props, own)
    if kind == "Select":
        size = props.get("size")
        options = "".join(_option(option, props.get("value")) for option in props.get("options") or [])
        attrs = {"className": _classes(own, "form-select", f"form-select-{size}" if size else None), "id": props.get("id"),
                 "disabled": props.get("disabled")}
        return _element("select", attrs, '<option value="" disabled hidden label="—"></option>' + options)  # an empty option is invalid HTML
    if kind == "Label":
        attrs = {**_without(common, "html_for", "width", "check", "size"), "htmlFor": props.get("html_for"),
                 "className": _classes(own, "form-label")}
        return _element("label", attrs, children)
    raise UnknownComponent(kind)


_BREAKPOINTS = ("width", "xs", "sm", "md", "lg", "xl", "xxl", "align", "order")


def _without(props: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: v for k, v in props.items() if k not in names}


def _col_classes(props: dict[str, Any]) -> list[str]:
    """dbc.Col's classes: width/xs as `col-N`, the others as `col-<breakpoint>-N`; `col` alone when none."""
    out = []
    for breakpoint in ("width", "xs", "sm", "md", "lg", "xl", "xxl"):
        size = props.get(breakpoint)
        if size is None:
            continue
        infix = "" if breakpoint in ("width", "xs") else f"-{breakpoint}"
        out.append(f"col{infix}" if size is True or size == "" else f"col{infix}-{size}")
    return out or ["col"]


def _option(option: Any, selected: Any) -> str:
    label, value = (option.get("label"), option.get("value")) if isinstance(option, dict) else (option, option)
    chosen = " selected" if str(value) == str(selected) else ""
    return f'<option value="{escape(str(value), quote=True)}"{chosen}>{escape(str(label), quote=False)}</option>'


def _choices(kind: str, props: dict[str, Any], own: Any) -> str:
    """dbc.RadioItems and dbc.Checklist: a native input and its label per option, ids as dbc names them."""
    radio = kind == "RadioItems"
    chosen = props.get("value")
    chosen = {str(v) for v in (chosen or [])} if not radio else {str(chosen)}
    component_id = props.get("id")
    items = []
    for option in props.get("options") or []:
        label, value = (option.get("label"), option.get("value")) if isinstance(option, dict) else (option, option)
        input_id = re.sub(r"\s", "_", f"_dbcprivate_{kind.lower()}_{component_id}_input_{value}")  # an HTML id has no spaces
        box = _element("input", {"id": input_id, "className": "form-check-input", "type": "radio" if radio else "checkbox",
                                 "value": value, "checked": str(value) in chosen, "disabled": isinstance(option, dict) and option.get("disabled")}, "")
        text = _element("label", {"className": "form-check-label", "htmlFor": input_id}, escape(str(label), quote=False))
        items.append(_element("div", {"className": _classes("form-check", "form-check-inline" if props.get("inline") else None)}, box + text))
    return _element("div", {"id": component_id, "className": own, "style": props.get("style")}, "".join(items))


def _picture(names: dict[str, str], url: Callable[[str], str], lazy: bool) -> str:
    """A chart's static picture (web/pictures.py): the phone's drawing on narrow screens, the
    desktop's otherwise; decorative here, as the box around it is named by the card's title and
    described by its takeaway (and its numbers are in the table)."""
    narrow = f'<source media="{NARROW_MEDIA}" srcset="{escape(url(names[NARROW]), quote=True)}">' if NARROW in names else ""
    loading = ' loading="lazy"' if lazy else ""  # the first picture loads at once (the Nu checker refuses fetchpriority)
    return (f'<picture>{narrow}<img class="static-chart" src="{escape(url(names[WIDE]), quote=True)}" alt=""'
            f'{loading} decoding="async"></picture>')


class Pictures:
    """What a page's charts look like before plotly.js: `find(figure)` gives the picture names of
    a figure (None when it has none: a view other than the default, a package republished since
    the start), `url(name)` their address. `missing` counts the charts drawn without one."""

    def __init__(self, find: Callable[[Any], dict[str, str] | None], url: Callable[[str], str]):
        self.find, self.url = find, url
        self.shown = 0
        self.missing = 0


def _dcc(kind: str, props: dict[str, Any], children: str, node: Component, pictures: Pictures | None = None) -> str | None:
    """The dcc components the pages use, as their box before (or without) a script."""
    if kind in ("Store", "Interval", "Location"):
        return ""
    if kind == "Link":
        return _element("a", {k: v for k, v in props.items() if k not in ("refresh", "target")}, children)
    if kind == "Graph":
        # Its box at the height the live graph takes: the figure's own, else its class's CSS height
        # (as dcc.Graph's, so a chart styled taller than plotly's default does not grow when drawn);
        # plotly.js draws into it later (assets/first-paint.js).
        styled = "chart-graph" in (props.get("className") or "").split()
        figure = props.get("figure")
        height = layout_height(figure) or (None if styled else figure_height(figure))
        picture = ""
        if pictures is not None and isinstance(figure, dict) and figure.get("data"):
            names = pictures.find(figure)
            if names:
                picture = _picture(names, pictures.url, lazy=pictures.shown > 0)
                pictures.shown += 1
            else:
                pictures.missing += 1
        return _element("div", {"id": props.get("id"), "className": _classes("dash-graph", props.get("className"), "has-picture" if picture else None),
                                "style": {"height": f"{height}px"} if height else None, "data-static-graph": "true"}, picture)
    if kind == "Slider":
        value = props.get("value")
        return _element("div", {"id": props.get("id"), "className": "dash-slider-container"},
                        _element("output", {"className": "dash-slider-static"}, escape(str(value), quote=False)))
    if kind == "Input":
        return _element("input", {"id": props.get("id"), "className": props.get("className"), "type": props.get("type") or "text",
                                  "value": props.get("value"), "readOnly": props.get("readOnly"), "aria-label": props.get("aria-label")}, "")
    if kind == "Dropdown":  # the chosen values by their labels (the list itself needs the live page)
        labels = {str(o.get("value")): o.get("label") for o in props.get("options") or [] if isinstance(o, dict)}
        chosen = props.get("value")
        chosen = chosen if isinstance(chosen, list) else ([] if chosen is None else [chosen])
        chips = "".join(_element("span", {"className": "badge text-bg-light border me-1"}, escape(str(labels.get(str(v), v)), quote=False))
                        for v in chosen)
        return _element("div", {"id": props.get("id"), "className": _classes("dash-dropdown-static", props.get("className"))}, chips)
    if kind == "Clipboard":
        return _element("div", {"title": props.get("title"), "className": props.get("className")}, children)
    if kind == "Markdown":
        return None
    return None


def to_html(node: Any, *, strict: bool = False, pictures: Pictures | None = None) -> str:
    """`node` (a component, a list of them, text or a number) as HTML; with `pictures`, each
    chart's box holds its static picture where there is one."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, (list, tuple)):
        return "".join(to_html(child, strict=strict, pictures=pictures) for child in node)
    if not isinstance(node, Component):
        return escape(str(node), quote=False)
    children = to_html(getattr(node, "children", None), strict=strict, pictures=pictures)
    props = _props(node)
    namespace, kind = node._namespace, node._type
    if namespace == "dash_html_components":
        return _element(_HTML_TAGS.get(kind, kind.lower()), props, children)
    if namespace == "dash_core_components":
        static = _dcc(kind, props, children, node, pictures)
        if static is not None:
            return static
    renderer: Callable[[str, dict[str, Any], str], str] | None = _dbc if namespace == "dash_bootstrap_components" else None
    if renderer is not None:
        try:
            return renderer(kind, props, children)
        except UnknownComponent:
            pass
    if strict:
        raise UnknownComponent(f"no static HTML for {namespace}.{kind}")
    return f"<div>{children}</div>"
