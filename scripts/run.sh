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
# Each chart's static picture (the page whole before any script runs) is drawn at start by plotly.js
# in a headless Chromium (kaleido). Without it the dashboard still starts; charts then wait for plotly.js.
if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Debian's chromium, which draws the charts' static pictures at start (once)..."
    apt_install chromium || echo "Chromium could not be installed: starting without the charts' static pictures."
fi
echo "Starting the dashboard (the first start draws the charts' pictures: about a minute)..."
exec .venv/bin/pazos-dash serve "$@"
