"""gunicorn settings, read automatically by `gunicorn app:server` from the repository root.

Every value can be overridden by the environment variable named beside it.
"""

import os

bind = f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8050')}"
# Two cores here: one process per core, a few threads each (requests mostly wait on I/O).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# A reader pauses a few seconds between pages and choices; a connection kept open longer than
# that is reused instead of reopened (gthread polls idle connections without holding a thread).
# Behind a reverse proxy, keep it above the proxy's upstream keepalive timeout.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "15"))
# Load and validate the data package once, before forking: an invalid package stops the
# master with the validator's message instead of a loop of failing workers.
preload_app = True
# Recycle workers now and then so that a slow leak cannot grow without bound, but rarely: a
# recycled worker drops its open keep-alive connections and starts with cold caches (at 2000 a
# news spike recycled both workers every few seconds; see benchmarks/RESULTS.md).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
# The app writes its own access log, one JSON object per request (web/observability.py).
accesslog = None
errorlog = "-"
