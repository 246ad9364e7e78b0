#!/usr/bin/env bash
# Set up everything secor-desktop needs on Debian/Ubuntu: the system libraries Qt loads
# (installed only when missing), a virtual environment, and the package. Safe to run again:
# it skips what is already there.
#   (no option)  .venv with the package and its development tools (pytest, ruff, mypy ...)
#   --for-tests  the same, and the command-line PDF tools the tests use (qpdf, poppler-utils)
#   --app        only what the program needs to run, in its own .venv-app (no developer
#                tools; SECOR_APP_VENV names another folder): what scripts/run-demo uses
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "secor-desktop needs Python 3.11 or newer; '$PY' is $("$PY" --version 2>&1)." >&2
    exit 1
fi

# Libraries Qt needs to import on Linux, even offscreen; then those for a real X11 window.
QT_LIBS=(libglib2.0-0 libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3
         libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
         libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libx11-xcb1)
# The test command also reads exported PDFs back with qpdf and pdffonts (poppler-utils).
if [ "${1:-}" = "--for-tests" ]; then
    QT_LIBS+=(qpdf poppler-utils)
fi
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in "${QT_LIBS[@]}"; do
        # Debian 13 / Ubuntu 24.04 renamed some with a t64 suffix; either name will do.
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" && continue
        dpkg-query -W -f='${Status}' "${pkg}t64" 2>/dev/null | grep -q "ok installed" && continue
        missing+=("$pkg")
    done
    if ! "$PY" -c 'import venv, ensurepip' 2>/dev/null; then
        missing+=("python3-venv")
    fi
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    # A package may be named differently on this release; install what exists.
    installable=()
    for pkg in "${missing[@]}"; do
        if apt-cache show "$pkg" >/dev/null 2>&1; then installable+=("$pkg");
        elif apt-cache show "${pkg}t64" >/dev/null 2>&1; then installable+=("${pkg}t64"); fi
    done
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${installable[@]}"
fi

venv=.venv
target=".[dev]"
if [ "${1:-}" = "--app" ]; then
    venv=${SECOR_APP_VENV:-.venv-app}
    target="."
fi
if [ ! -x "$venv/bin/python" ]; then
    "$PY" -m venv "$venv"
fi
stamp=$venv/.secor-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -e "$target"
    touch "$stamp"
fi
