"""One JSON object per request in the access log, without who the visitor is."""

from __future__ import annotations

import json
import logging
import re

from pazos_dash.web.observability import JsonFormatter

from tests.logs import Collect


def test_each_request_writes_one_json_line_without_ip_or_user_agent(client, runtime):
    handler = Collect()
    logger = logging.getLogger("pazos.access")
    logger.addHandler(handler)
    try:
        client.get("/download/homicides_annual.csv?homicides_annual-measure=rate", headers={"User-Agent": "probe/1.0"},
                   environ_base={"REMOTE_ADDR": "203.0.113.7"})
    finally:
        logger.removeHandler(handler)
    assert len(handler.lines) == 1
    entry = json.loads(handler.lines[0])
    assert entry["logger"] == "pazos.access" and entry["method"] == "GET" and entry["status"] == 200
    assert entry["path"] == "/download/homicides_annual.csv" and entry["package"] == runtime.package.version
    assert entry["duration_ms"] >= 0 and entry["bytes"] > 0
    assert "203.0.113.7" not in handler.lines[0] and "probe/1.0" not in handler.lines[0]


def test_application_events_are_json_too():
    record = logging.LogRecord("pazos.data", logging.ERROR, __file__, 1, "refused %s", ("x.csv",), None)
    entry = json.loads(JsonFormatter().format(record))
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", entry.pop("time"))  # UTC, ISO 8601
    assert entry == {"level": "error", "logger": "pazos.data", "message": "refused x.csv"}
