#!/bin/sh
# Install the dashboard and start it on its embedded defaults: in-process cache, data/published/.
# Settings come from PAZOS_* environment variables (see README); arguments go to `pazos-dash serve`.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
ensure_venv
pip_install -e .
exec .venv/bin/pazos-dash serve "$@"
