#!/bin/sh
# Install the dashboard and start it on its embedded defaults: in-process cache, data/published/.
# Settings come from PAZOS_* environment variables (see README); arguments go to `pazos-dash serve`.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
ensure_venv
# The first run installs Dash, Plotly, pandas and the rest into .venv (a minute or two); later runs
# find them there and start at once.
if ! .venv/bin/python -c 'import pazos_dash' >/dev/null 2>&1; then
    echo "First run: installing the dashboard and its libraries (Dash, Plotly, pandas...) into .venv; this takes a minute or two."
fi
pip_install -e .
echo "Starting the dashboard..."
exec .venv/bin/pazos-dash serve "$@"
