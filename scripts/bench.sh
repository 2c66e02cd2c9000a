#!/bin/sh
# Install what the benchmark needs (the test dependencies, Debian's chromium, chromium-driver
# and wrk) and run it; it prints its tables and keeps them in benchmarks/RESULTS.md.
# Arguments go to benchmarks/run.py (e.g. --scales 1 --load-seconds 10 for a quick look).
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
apt_install chromium chromium-driver wrk
ensure_venv
pip_install -e '.[test]'
exec .venv/bin/python benchmarks/run.py --write benchmarks/RESULTS.md "$@"
