#!/bin/sh
# Install everything the tests need (Debian's chromium, chromium-driver, redis-server, and Java for the
# Nu HTML Checker) and run the
# whole suite, browser tests included, one worker per core. Arguments go to pytest. No test collected (exit 5) fails.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
apt_install chromium chromium-driver redis-server default-jre-headless
ensure_venv
pip_install -e '.[test]'
# One pytest-xdist worker per core (PAZOS_TEST_WORKERS=0 runs in this process); a test file stays
# on one worker, so a module's browser and fixtures are shared as before.
exec .venv/bin/python -m pytest -n "${PAZOS_TEST_WORKERS:-auto}" --dist loadfile "$@"
