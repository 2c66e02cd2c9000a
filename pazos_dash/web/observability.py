"""Structured logs: one JSON object per line, for access and application events alike.

The access log records what a capacity or error investigation needs (method, path, status,
bytes, duration, package version) and, deliberately, not the visitor's IP address or user
agent: a public-service site need not keep who read what.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Callable

from flask import Flask, Response, g, request

access_log = logging.getLogger("pazos.access")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        fields = getattr(record, "fields", None)
        if fields:
            entry.update(fields)
        else:
            entry["message"] = record.getMessage()
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: int = logging.INFO) -> None:
    """JSON lines on stderr for every `pazos.*` logger (idempotent)."""
    root = logging.getLogger("pazos")
    if any(getattr(h, "_pazos", False) for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler._pazos = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    root.propagate = False


def install_access_log(server: Flask, package_version: Callable[[], str]) -> None:
    @server.before_request
    def _start() -> None:
        g.pazos_started = time.perf_counter()

    @server.after_request
    def _log(response: Response) -> Response:
        started = g.get("pazos_started")
        problem = g.get("pazos_problem")  # what was wrong with a refused request, said once, here
        log = access_log.warning if problem else access_log.info
        log("%s %s %s", request.method, request.path, response.status_code, extra={"fields": {
            "method": request.method,
            "path": request.path,
            "query": request.query_string.decode("latin-1")[:200],
            "status": response.status_code,
            "bytes": response.calculate_content_length(),
            "duration_ms": round((time.perf_counter() - started) * 1000, 2) if started else None,
            "package": package_version(),
            **({"problem": problem} if problem else {}),
        }})
        return response
