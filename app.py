"""`app` and `server` for gunicorn (`gunicorn app:server`); `python app.py` serves locally.

An invalid data package stops the process with the validator's message, not a traceback.
"""

import sys

from pazos_dash import DataError, create_app
from pazos_dash.settings import SettingsError

try:
    app = create_app()
except (DataError, SettingsError) as error:
    print(f"pazos-dash: cannot start.\n{error}", file=sys.stderr, flush=True)
    raise SystemExit(2) from None
server = app.server

if __name__ == "__main__":
    settings = server.config["PAZOS_RUNTIME"].settings
    print(f"PAZOS dashboard: http://{settings.host}:{settings.port}{settings.base_path}", flush=True)
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
