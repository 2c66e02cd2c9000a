"""Dash's component internals, used in one place: the lean validation layout walks each component's
`_prop_names` and trims its `__dict__` (see shell/README.md and tests/unit/test_dash_internals.py)."""

from __future__ import annotations

import copy
import json
from typing import Iterator

from dash import html
from dash.development.base_component import Component


_HEAVY_PROPS = ("children", "figure", "data")


def lean_validation_layout(layout: Component) -> html.Div:
    """Dash Pages validates callbacks against every page rendered at once and sends that tree
    in every index page (1.7 MB here, figures included). The renderer only needs each id'd
    component and its type: keep those, once each, with their id and nothing else."""
    lean: dict[str, Component] = {}
    for component in _with_ids(layout):
        key = json.dumps(component.id, sort_keys=True)  # an id is a string or a dict (pattern matching)
        if key not in lean:
            bare = copy.copy(component)
            for prop in [*component._prop_names, *component.__dict__]:
                if prop != "id" and (prop in _HEAVY_PROPS or prop in component._prop_names or prop.startswith(("data-", "aria-"))):
                    bare.__dict__.pop(prop, None)
            lean[key] = bare
    return html.Div(list(lean.values()))


def _with_ids(component: Component) -> Iterator[Component]:
    """Each component with an id below `component`, through `children` as Dash's own walk does."""
    children = getattr(component, "children", None)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if isinstance(child, Component):
            if getattr(child, "id", None) is not None:
                yield child
            yield from _with_ids(child)
