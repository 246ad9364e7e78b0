"""The way to the first window stays light: the program's entry (``secor-desktop`` with no
command) paints its main window without importing ReportLab, pypdf or Alembic, which are
loaded only when a PDF is made or a migration is due. Checked in a fresh process, on
``sys.modules`` at the window's first paint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import SmallCompany

FIRST_PAINT = """
import os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

WATCHED = ("reportlab", "pypdf", "alembic", "sqlalchemy")

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            if isinstance(watched.window(), QMainWindow):
                loaded = sorted(m for m in WATCHED if m in sys.modules)
                print("painted", watched.window().windowTitle(), "|", " ".join(loaded), flush=True)
                os._exit(0)
        return False

app = QApplication(sys.argv[:1])
probe = FirstPaint()
app.installEventFilter(probe)
from secor_desktop.app.start import main
print("exited", main(["--data-dir", sys.argv[1]]), flush=True)
os._exit(3)
"""


def first_paint(data_dir: Path, tmp_path: Path) -> tuple[str, set[str]]:
    """(the painted window's title, the watched packages loaded by then) in a new process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    root = Path(__file__).resolve().parents[2]
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("painted ")), None)
    assert line is not None, done.stdout + done.stderr
    title, _, loaded = line.removeprefix("painted ").partition(" | ")
    return title, set(loaded.split())


def test_first_window_paints_without_pdf_or_migration_libraries(
    company: SmallCompany, tmp_path: Path
) -> None:
    """Up to the main window's first paint: no ReportLab, no pypdf, no Alembic imported."""
    company.inspection()
    company.services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    title, loaded = first_paint(company.services.locations.data_dir, tmp_path)
    assert title.startswith("SECOR Desktop")
    assert not loaded & {"reportlab", "pypdf", "alembic"}, loaded
