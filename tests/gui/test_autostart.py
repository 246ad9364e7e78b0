"""Start with the computer: the entry each desktop reads at log-in, written and removed."""

from __future__ import annotations

import configparser
import plistlib
from pathlib import Path

from secor_desktop.gui import autostart
from secor_desktop.gui.autostart import Place

COMMAND = ["/opt/secor desktop/bin/python", "-m", "secor_desktop"]


def test_linux_entry_goes_under_xdg_config_home_and_runs_the_program(tmp_path: Path) -> None:
    """With XDG_CONFIG_HOME set, the .desktop entry is written there and starts the app."""
    place = Place("linux", tmp_path / "home", {"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert not autostart.enabled(place)
    path = autostart.enable(place, COMMAND)
    assert path == tmp_path / "cfg" / "autostart" / f"{autostart.DESKTOP_ID}.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(path, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Name"] == "SECOR Desktop"
    assert section["Exec"] == '"/opt/secor desktop/bin/python" -m secor_desktop'
    assert autostart.enabled(place)
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_linux_entry_defaults_to_dot_config(tmp_path: Path) -> None:
    """Without XDG_CONFIG_HOME (or with a relative one), ~/.config/autostart is used."""
    for env in ({}, {"XDG_CONFIG_HOME": "relative/cfg"}):
        place = Place("linux", tmp_path, env)
        assert (
            place.entry() == tmp_path / ".config" / "autostart" / f"{autostart.DESKTOP_ID}.desktop"
        )


def test_disable_removes_the_entry_and_tolerates_none(tmp_path: Path) -> None:
    """Turning it off deletes the file; turning it off twice is no error."""
    place = Place("linux", tmp_path, {"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    autostart.enable(place, COMMAND)
    autostart.disable(place)
    autostart.disable(place)
    assert not autostart.enabled(place)


def test_windows_startup_cmd_is_written_to_the_startup_folder(tmp_path: Path) -> None:
    """Windows (not run on a real Windows here): a .cmd in the Startup folder starts the app."""
    place = Place("win32", tmp_path, {"APPDATA": str(tmp_path / "Roaming")})
    path = autostart.enable(place, [r"C:\Program Files\SECOR Desktop\secor-desktop.exe"])
    assert path.parent == tmp_path / "Roaming/Microsoft/Windows/Start Menu/Programs/Startup"
    assert path.read_bytes().endswith(
        b'start "" "C:\\Program Files\\SECOR Desktop\\secor-desktop.exe"\r\n'
    )


def test_macos_launch_agent_runs_at_load(tmp_path: Path) -> None:
    """macOS (not run on a real Mac here): a LaunchAgent plist with RunAtLoad."""
    place = Place("darwin", tmp_path, {})
    path = autostart.enable(place, COMMAND)
    assert path == tmp_path / "Library/LaunchAgents" / f"{autostart.DESKTOP_ID}.plist"
    data = plistlib.loads(path.read_bytes())
    assert data == {"Label": autostart.DESKTOP_ID, "ProgramArguments": COMMAND, "RunAtLoad": True}


def test_exec_quoting_escapes_what_the_spec_reserves() -> None:
    """Quotes, dollars and backslashes are escaped; percent signs doubled."""
    text = autostart.entry_text("linux", ['/a "b" $c\\d 100%']).decode()
    assert 'Exec="/a \\"b\\" \\$c\\\\d 100%%"' in text


def test_the_launch_command_restarts_this_python_with_the_package() -> None:
    """Not frozen (tests), the command is this Python running the package."""
    import sys

    assert autostart.launch_command() == [sys.executable, "-m", "secor_desktop"]
