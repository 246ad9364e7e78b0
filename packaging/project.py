"""The facts the packaging needs, from their one source: pyproject.toml.

    python packaging/project.py version        -> 0.1.0
    python packaging/project.py app-id         -> io.github.secor_desktop.SecorDesktop

Used by the PyInstaller spec, scripts/build-packages and the CI workflow, so the version in
the About dialog, the installers and the file names cannot drift apart.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "secor-desktop"
DISPLAY_NAME = "SECOR Desktop"
APP_ID = "io.github.secor_desktop.SecorDesktop"
"""Reverse-DNS id: the desktop entry's file name, the AppStream id and the macOS bundle id.
The app sets the same one (gui/application.py DESKTOP_FILE_ID) so desktops match its window."""
SUMMARY = "Offline SECOR safety-program records, audit readiness and evidence packs"
ICONS = ROOT / "secor_desktop" / "resources" / "icons"


def version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def main(argv: list[str]) -> int:
    facts = {"version": version, "app-id": lambda: APP_ID, "name": lambda: NAME}
    if len(argv) != 1 or argv[0] not in facts:
        sys.stderr.write(f"usage: project.py {{{','.join(facts)}}}\n")
        return 2
    print(facts[argv[0]]())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
