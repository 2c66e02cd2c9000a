#!/bin/sh
# Install everything the tests need (Debian's chromium, chromium-driver, redis-server, and Java for the
# Nu HTML Checker) and run the
# whole suite, browser tests included. Arguments go to pytest. No test collected (exit 5) fails.
set -eu
cd "$(dirname "$0")/.."
. scripts/lib.sh
apt_install chromium chromium-driver redis-server default-jre-headless
ensure_venv
pip_install -e '.[test]'
exec .venv/bin/python -m pytest "$@"
