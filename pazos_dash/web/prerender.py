"""A Dash layout as static HTML, for the answers that must be readable before (or without) any
script: the 404 page is sent with its content inside Dash's `#react-entry-point`, so a crawler,
a link checker, `curl` or a browser with scripts off reads the page in the address's language
with the site's navigation; Dash's renderer then replaces it with the same layout.

Only what the site's chrome and its small pages use is known: every `html.*` component, the
dbc components the navbar, footer and alerts are made of, and `dcc.Store`/`dcc.Link`. With
`strict=True` (the tests) anything else is an error; otherwise its children are kept in a
`<div>`, so a new component can never turn a 404 into a 500.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any, Callable

from dash.development.base_component import Component

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
    raise UnknownComponent(kind)


def to_html(node: Any, *, strict: bool = False) -> str:
    """`node` (a component, a list of them, text or a number) as HTML."""
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, (list, tuple)):
        return "".join(to_html(child, strict=strict) for child in node)
    if not isinstance(node, Component):
        return escape(str(node), quote=False)
    children = to_html(getattr(node, "children", None), strict=strict)
    props = _props(node)
    namespace, kind = node._namespace, node._type
    if namespace == "dash_html_components":
        return _element(_HTML_TAGS.get(kind, kind.lower()), props, children)
    if namespace == "dash_core_components" and kind == "Store":
        return ""
    if namespace == "dash_core_components" and kind == "Link":
        return _element("a", {k: v for k, v in props.items() if k not in ("refresh", "target")}, children)
    renderer: Callable[[str, dict[str, Any], str], str] | None = _dbc if namespace == "dash_bootstrap_components" else None
    if renderer is not None:
        try:
            return renderer(kind, props, children)
        except UnknownComponent:
            pass
    if strict:
        raise UnknownComponent(f"no static HTML for {namespace}.{kind}")
    return f"<div>{children}</div>"
