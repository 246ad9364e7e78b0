"""One app per data folder: a second launch hands over to the first; the lock survives crashes
and keeps write commands out while the app is open. The app runs as a real process here."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer
from pytestqt.qtbot import QtBot

from secor_desktop.app import data_lock
from secor_desktop.app.data_lock import AppBusy, DataFolderLock
from secor_desktop.app.main import main
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.single_instance import Role, SingleInstance, server_name
from tests.conftest import SmallCompany

HOLD_LOCK = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from secor_desktop.gui.single_instance import SingleInstance
app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
print(instance.start(wait_ms=0).value, flush=True)
time.sleep(120)
"""


def environment(tmp: Path) -> dict[str, str]:
    """Offscreen, with Qt settings kept out of the real user's configuration."""
    return os.environ | {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp / "config")}


def launch(data: Path, tmp: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "secor_desktop", "--data-dir", str(data)],
        env=environment(tmp),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def wait_for(condition: object, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def open_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The desktop app running (offscreen, as its own process) on a data folder with a company."""
    tmp = tmp_path_factory.mktemp("one-instance")
    data = tmp / "data"
    assert main(["--data-dir", str(data), "company", "set", "--name", "Prairie Roofing Ltd.",
                 "--province", "AB"]) == 0  # fmt: skip
    app = launch(data, tmp)
    try:
        log = data / "logs" / "secor-desktop.log"
        wait_for(lambda: app.poll() is not None or "main window open" in text_of(log))
        assert app.poll() is None, app.communicate()
        yield data
    finally:
        app.kill()
        app.communicate()
        QLocalServer.removeServer(server_name(data))  # the socket file a killed app leaves


def test_second_launch_brings_the_first_forward_and_exits_0(open_app: Path) -> None:
    """A second launch on the same folder asks the open window to come forward, then exits 0."""
    second = launch(open_app, open_app.parent)
    _out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    log = (open_app / "logs" / "secor-desktop.log").read_text(encoding="utf-8")
    assert "asked this window to come forward" in log


def test_write_command_while_the_app_is_open_says_it_is_busy(
    open_app: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """'company set' waits briefly for the app, then exits 2 with a clear message."""
    monkeypatch.setattr(data_lock, "WAIT_SECONDS", 0.3)
    code = main(["--data-dir", str(open_app), "company", "set", "--name", "Other Ltd."])
    assert code == 2
    assert "secor-desktop is open on this data folder; close it or use the app" in (
        capsys.readouterr().err
    )


def test_read_only_command_runs_while_the_app_is_open(
    open_app: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'info' works while the app is open, and leaves backups to the app."""
    backups = sorted((open_app / "backups").iterdir())
    assert main(["--data-dir", str(open_app), "info"]) == 0
    assert "Prairie Roofing Ltd." in capsys.readouterr().out
    assert sorted((open_app / "backups").iterdir()) == backups


@pytest.fixture
def killed_holder(tmp_path: Path) -> Iterator[Path]:
    """A data folder whose lock was left by an app process killed with SIGKILL."""
    data = tmp_path / "data"
    data.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data)],
        env=environment(tmp_path),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "primary"
    holder.kill()
    holder.communicate()
    assert (data / "secor-desktop.lock").exists()
    yield data
    QLocalServer.removeServer(server_name(data))


def test_app_recovers_a_lock_left_by_a_killed_app(killed_holder: Path) -> None:
    """The next launch finds the holder's process gone and becomes the app."""
    instance = SingleInstance(killed_holder)
    try:
        assert instance.start(wait_ms=0) is Role.PRIMARY
    finally:
        instance.release()


def test_write_command_recovers_a_lock_left_by_a_killed_app(
    killed_holder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A write command takes over the dead app's lock and runs."""
    args = ["--data-dir", str(killed_holder), "company", "set", "--name", "Acme", "--province"]
    assert main([*args, "AB"]) == 0
    assert not (killed_holder / "secor-desktop.lock").exists()


def test_the_app_and_a_write_command_exclude_each_other(tmp_path: Path) -> None:
    """The command's lock keeps the app out, and the app's lock keeps the command out."""
    with DataFolderLock(tmp_path).acquire(wait=0):
        instance = SingleInstance(tmp_path)
        assert instance.start(wait_ms=0) is Role.BUSY
    assert instance.start(wait_ms=0) is Role.PRIMARY
    try:
        with pytest.raises(AppBusy, match="open on this data folder"):
            DataFolderLock(tmp_path).acquire(wait=0.2)
    finally:
        instance.release()


def test_activation_restores_raises_and_activates_the_window(
    qtbot: QtBot, company: SmallCompany, tmp_path: Path
) -> None:
    """The first window, minimised, is shown normally and becomes the active window."""
    window = MainWindow(company.services, InlineBackground())
    qtbot.addWidget(window)
    window.showMinimized()
    instance = SingleInstance(tmp_path)
    instance.set_window(window)
    instance.activation_requested.emit()
    assert window.isVisible() and not window.isMinimized()
    qtbot.waitUntil(window.isActiveWindow)
