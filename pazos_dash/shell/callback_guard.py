"""Dash's callback endpoint trusts its request body: a body that is not JSON, lacks a key, or
names a callback or component that does not exist raises inside Dash (KeyError, TypeError,
AttributeError), which a client turns into a 500 and a traceback in the log at will. Every
request to it is checked here first against the callback it names, as registered: its output,
inputs and state, each with its id and property, in order. A request that does not match
answers 4xx with a JSON message saying what was wrong and is logged once (the access log line
carries the `problem`); Dash never sees it.

Values are not checked here, but for the few properties whose reader would fail on a value of
the wrong kind (`values`: Dash's own page router takes the browser's location as it comes); our
callbacks clean their own (`ChartState.clean`, `LANGUAGES`), and a test sends every callback
values of every JSON kind.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Mapping

from flask import Flask, Response, g, request
from werkzeug.exceptions import RequestEntityTooLarge

from .limits import MAX_BODY  # enforced on the bytes read, chunked bodies included (shell/limits.py)


class BadCallbackRequest(ValueError):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _error(status: int, message: str) -> Response:
    response = Response(json.dumps({"error": {"status": status, "message": message}}), mimetype="application/json")
    response.status_code = status
    return response


def split_output(output: str) -> list[dict[str, Any]]:
    """A callback's output key ('a.b', or '..a.b...c.d..' for several) as [{id, property}]."""
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    result = []
    for part in parts:
        component, _, prop = part.rpartition(".")
        result.append({"id": json.loads(component) if component.startswith("{") else component, "property": prop})
    return result


def _matches(sent: Any, declared: Mapping[str, Any], where: str) -> None:
    """One input, state or output of the body against its declaration."""
    if isinstance(declared["id"], dict):  # pattern matching: the browser sends the list of matches
        items = sent if isinstance(sent, list) else [sent]
        if not all(isinstance(item, dict) and isinstance(item.get("id"), dict) and item.get("property") == declared["property"]
                   for item in items):
            raise BadCallbackRequest(400, f"{where}: expected components matching {json.dumps(declared['id'])}.{declared['property']}")
        return
    if not isinstance(sent, dict) or sent.get("id") != declared["id"] or sent.get("property") != declared["property"]:
        raise BadCallbackRequest(400, f"{where}: expected {declared['id']}.{declared['property']}")


ValueCheck = Callable[[Any], bool]


def _list(body: Mapping[str, Any], key: str, declared: list[Mapping[str, Any]], values: Mapping[str, ValueCheck]) -> None:
    sent = body.get(key, [])
    if not isinstance(sent, list) or len(sent) != len(declared):
        raise BadCallbackRequest(400, f"{key}: expected a list of {len(declared)}")
    for number, (item, expected) in enumerate(zip(sent, declared)):
        _matches(item, expected, f"{key}[{number}]")
        name = f"{expected['id']}.{expected['property']}" if isinstance(expected["id"], str) else None
        if name in values and not values[name](item.get("value")):
            raise BadCallbackRequest(400, f"{key}[{number}]: {name} cannot be {json.dumps(item.get('value'))[:100]}")


def check(body: Any, callbacks: Mapping[str, Mapping[str, Any]], values: Mapping[str, ValueCheck] | None = None) -> None:
    """Raise BadCallbackRequest unless `body` is a call of a registered server-side callback."""
    if not isinstance(body, dict):
        raise BadCallbackRequest(400, "expected a JSON object")
    output = body.get("output")
    if not isinstance(output, str):
        raise BadCallbackRequest(400, "output: expected the callback's output as a string")
    callback = callbacks.get(output)
    if callback is None or not callable(callback.get("callback")):
        raise BadCallbackRequest(404, f"output: no callback answers {output[:200]!r}")
    _list(body, "inputs", callback.get("inputs") or [], values or {})
    _list(body, "state", callback.get("state") or [], values or {})
    outputs = split_output(output)
    sent = body.get("outputs")
    if output.startswith(".."):
        if not isinstance(sent, list) or len(sent) != len(outputs):
            raise BadCallbackRequest(400, f"outputs: expected a list of {len(outputs)}")
        for number, (item, expected) in enumerate(zip(sent, outputs)):
            _matches(item, expected, f"outputs[{number}]")
    else:
        _matches(sent, outputs[0], "outputs")
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(name, str) for name in changed):
        raise BadCallbackRequest(400, "changedPropIds: expected a list of strings")


class CallbackRequestGuard:
    def __init__(self, server: Flask, path: str, callbacks: Callable[[], Mapping[str, Mapping[str, Any]]],
                 values: Mapping[str, ValueCheck] | None = None):
        self.path = path
        self.callbacks = callbacks
        self.values = dict(values or {})
        server.before_request(self._check)

    def _check(self) -> Response | None:
        if request.method != "POST" or request.path != self.path:
            return None
        try:
            if (request.content_length or 0) > MAX_BODY:
                raise BadCallbackRequest(413, f"body: larger than {MAX_BODY} bytes")
            if request.mimetype != "application/json":
                raise BadCallbackRequest(415, f"Content-Type: expected application/json, found {request.mimetype or 'none'!r}")
            try:
                body = json.loads(request.get_data(cache=True))
            except RequestEntityTooLarge:  # a chunked body read past the limit
                raise BadCallbackRequest(413, f"body: larger than {MAX_BODY} bytes") from None
            except ValueError as error:  # also bytes that are not UTF-8
                raise BadCallbackRequest(400, f"body: not JSON ({error})") from None
            except RecursionError:  # JSON nested deeper than the parser goes
                raise BadCallbackRequest(400, "body: JSON nested too deeply") from None
            check(body, self.callbacks(), self.values)
        except BadCallbackRequest as problem:
            g.pazos_problem = f"callback request refused: {problem}"
            return _error(problem.status, str(problem))
        return None
