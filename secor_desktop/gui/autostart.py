"""Start with the computer (off by default): the one file each desktop reads at log-in.

* Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/<id>.desktop`` (default
  ``~/.config``), per the XDG autostart specification.
* Windows: a ``.cmd`` file in the user's Startup folder
  (``%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup``).
* macOS: a LaunchAgent ``~/Library/LaunchAgents/<label>.plist`` with ``RunAtLoad``.

Only the Linux entry is checked on a real desktop by the project's tests; the Windows and
macOS files are written to their documented formats but are not exercised here. Paths and the
platform are parameters, so tests point them at a temporary folder.
"""

from __future__ import annotations

import os
import plistlib
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

DESKTOP_ID = "io.github.secor_desktop.SecorDesktop"
NAME = "SECOR Desktop"


@dataclass(frozen=True)
class Place:
    """Where this computer looks for a program to start at log-in."""

    system: str  # "linux", "win32" or "darwin" (sys.platform's words)
    home: Path
    env: Mapping[str, str]

    @classmethod
    def here(cls) -> Place:
        return cls(sys.platform, Path.home(), dict(os.environ))

    def entry(self) -> Path:
        """The file that makes the program start at log-in."""
        if self.system == "win32":
            roaming = Path(self.env.get("APPDATA") or self.home / "AppData" / "Roaming")
            startup = roaming / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup"
            return startup / f"{NAME}.cmd"
        if self.system == "darwin":
            return self.home / "Library" / "LaunchAgents" / f"{DESKTOP_ID}.plist"
        config = self.env.get("XDG_CONFIG_HOME") or ""
        base = Path(config) if os.path.isabs(config) else self.home / ".config"
        return base / "autostart" / f"{DESKTOP_ID}.desktop"


def launch_command() -> list[str]:
    """How to start this very program again: the frozen executable, or Python with -m."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "secor_desktop"]


def _desktop_quote(arg: str) -> str:
    """Quote one Exec argument as the desktop entry specification asks."""
    if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`="):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'.replace("%", "%%")


def _cmd_quote(arg: str) -> str:
    return f'"{arg}"'


def entry_text(system: str, command: Sequence[str]) -> bytes:
    """The entry file's content for ``system``, starting ``command``."""
    if system == "win32":
        # ``start ""`` returns at once, so no console window stays open at log-in.
        line = 'start "" ' + " ".join(_cmd_quote(a) for a in command)
        return f"@echo off\r\nrem Written by {NAME}: starts it at log-in.\r\n{line}\r\n".encode()
    if system == "darwin":
        plist = {"Label": DESKTOP_ID, "ProgramArguments": list(command), "RunAtLoad": True}
        return plistlib.dumps(plist)
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        f"Name={NAME}",
        "Comment=Shows what is due in the safety program",
        "Exec=" + " ".join(_desktop_quote(a) for a in command),
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        "",
    ]
    return "\n".join(lines).encode()


def enabled(place: Place) -> bool:
    return place.entry().is_file()


def enable(place: Place, command: Sequence[str] | None = None) -> Path:
    """Write the entry (replacing an older one); returns where it went."""
    path = place.entry()
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_bytes(entry_text(place.system, command or launch_command()))
    os.replace(temp, path)
    return path


def disable(place: Place) -> None:
    """Remove the entry, if there is one."""
    place.entry().unlink(missing_ok=True)
