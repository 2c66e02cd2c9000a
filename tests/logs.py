"""The log lines a piece of the app writes, formatted as production formats them (one JSON object each)."""

from __future__ import annotations

import logging

from pazos_dash.web.observability import JsonFormatter


class Collect(logging.Handler):
    """A log handler that keeps every formatted line, for tests to read back."""

    def __init__(self):
        super().__init__()
        self.lines: list[str] = []
        self.setFormatter(JsonFormatter())

    def emit(self, record):
        self.lines.append(self.format(record))
