"""Dash Pages' router, as far as the server needs it before Dash runs: which registered page an
address is (read from the public `dash.page_registry`, matched as Dash's router matches), its path
variables, and the browser location the router's callback was sent (Dash's private
`_pages_location` component; see shell/README.md)."""

from __future__ import annotations

import re
from typing import Any

import dash
from flask import has_request_context, request

# The id of Dash Pages' location component, whose pathname and search its router callback reads.
PAGES_LOCATION = "_pages_location"


def _template_pattern(template: str, group: bool) -> str:
    """A page's path template as a regular expression, each <variable> matching anything (as Dash's router)."""
    parts = re.split(r"<[^>]*>", template)
    names = re.findall(r"<([^>]*)>", template)
    if not group:
        return ".*".join(map(re.escape, parts))
    return re.escape(parts[0]) + "".join(f"(?P<{name}>.*)" + re.escape(part) for name, part in zip(names, parts[1:]))


def page_at(path: str) -> dict[str, Any]:
    """The registered page Dash Pages renders at `path` (no slashes around it), found in the
    public `dash.page_registry` as Dash's router does: in registration order, a page's template
    (each <variable> matching anything) before its fixed path; {} when none matches."""
    for page in dash.page_registry.values():
        template = (page.get("path_template") or "").strip("/")
        if template and re.fullmatch(_template_pattern(template, group=False), path):
            return page
        if path == page["path"].strip("/"):
            return page
    return {}


def path_variables(page: dict[str, Any], path: str) -> dict[str, str]:
    """The <variables> of a page's path template, read from `path` ({} for a fixed path)."""
    template = (page.get("path_template") or "").strip("/")
    match = re.fullmatch(_template_pattern(template, group=True), path) if template else None
    return match.groupdict() if match else {}


def router_location() -> tuple[str, str] | None:
    """(path, query string) the browser sent to Dash Pages' router callback, or None outside it."""
    try:
        inputs = dash.callback_context.inputs
    except (dash.exceptions.MissingCallbackContextException, LookupError):  # LookupError: a thread Dash never set up
        return None
    path, search = inputs.get(f"{PAGES_LOCATION}.pathname"), inputs.get(f"{PAGES_LOCATION}.search")
    if not isinstance(path, str):
        return None
    return path, search if isinstance(search, str) else ""


def location_checks(home: str) -> dict[str, Any]:
    """What the router's location inputs may hold (the callback guard refuses anything else):
    a path under this app, a query string."""
    return {
        f"{PAGES_LOCATION}.pathname": lambda value: isinstance(value, str) and value.startswith(home.rstrip("/") or "/"),
        f"{PAGES_LOCATION}.search": lambda value: value is None or isinstance(value, str),
    }


def request_address() -> tuple[str, str]:
    """The request's own path and query string ('' outside a request)."""
    if has_request_context():
        return request.path, request.query_string.decode("latin-1")
    return "", ""
