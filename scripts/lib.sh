# Shared by scripts/run.sh and scripts/test.sh (POSIX sh): Debian packages and the virtualenv.

# Install the named Debian packages that are missing (root, or sudo when not root).
apt_install() {
    missing=""
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
    done
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    echo "Installing Debian packages:$missing"
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing </dev/null
}

# Create .venv with the machine's python3 (>= 3.11), installing python3-venv if Debian lacks it.
ensure_venv() {
    python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
        echo "Python 3.11 or newer is needed; found $(python3 --version 2>&1)" >&2
        exit 1
    }
    [ -x .venv/bin/python ] && return 0
    echo "Creating a Python virtual environment in .venv"
    if ! python3 -m venv .venv >/dev/null 2>&1; then
        rm -rf .venv
        apt_install python3-venv
        python3 -m venv .venv
    fi
}

pip_install() {
    .venv/bin/python -m pip install --quiet --disable-pip-version-check "$@"
}
