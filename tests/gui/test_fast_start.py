"""The way to the first window stays light: the program's entry (``secor-desktop`` with no
command) paints its main window without importing ReportLab, pypdf or Alembic, which are
loaded only when a PDF is made or a migration is due, and shows it before SQLAlchemy,
icalendar or Pillow is imported (the pages' first queries, in the background, bring
SQLAlchemy). Checked in a fresh process, on ``sys.modules`` when the main window is shown and
at its first paint."""

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

WATCHED = (
    "reportlab", "pypdf", "alembic", "sqlalchemy", "icalendar", "PIL",
    "secor_desktop.gui.pages.settings", "secor_desktop.gui.pages.workers",
    "secor_desktop.gui.backups_dialog", "secor_desktop.gui.kept_head_dialog",
    "secor_desktop.gui.first_run",
    "importlib.metadata", "secor_desktop.services.records", "secor_desktop.services.dashboard",
    "secor_desktop.services.page_reads", "secor_desktop.domain.due",
    "secor_desktop.gui.pages.today", "secor_desktop.gui.pages.dashboard",
)

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            if isinstance(watched.window(), QMainWindow):
                loaded = sorted(m for m in WATCHED if m in sys.modules)
                print("painted", watched.window().windowTitle(), "|", " ".join(loaded), flush=True)
                os._exit(0)
        return False

# Background work asked for before the window is shown waits until it is, so that what the
# GUI thread alone imported is what sys.modules holds then (the pages' first loads, which
# start at once in the background and import SQLAlchemy there, would race with it).
from secor_desktop.gui import background

run_now = background.Background.run
waiting = []
background.Background.run = lambda *task: waiting.append(task)

from secor_desktop.gui.main_window import MainWindow

show = MainWindow.show

def shown(window):
    loaded = sorted(m for m in WATCHED if m in sys.modules)
    print("shown", "|", " ".join(loaded), flush=True)
    background.Background.run = run_now
    show(window)
    for task in waiting:
        run_now(*task)

MainWindow.show = shown
app = QApplication(sys.argv[:1])
probe = FirstPaint()
app.installEventFilter(probe)
from secor_desktop.app.start import main
print("exited", main(["--data-dir", sys.argv[1]]), flush=True)
os._exit(3)
"""


def first_paint(data_dir: Path, tmp_path: Path) -> tuple[str, set[str], set[str]]:
    """(the painted window's title, the watched packages loaded when it was shown, those
    loaded at its first paint) in a new process."""
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
    lines = done.stdout.splitlines()
    line = next((ln for ln in lines if ln.startswith("painted ")), None)
    at_show = next((ln for ln in lines if ln.startswith("shown ")), None)
    assert line is not None and at_show is not None, done.stdout + done.stderr
    title, _, loaded = line.removeprefix("painted ").partition(" | ")
    return title, set(at_show.partition(" | ")[2].split()), set(loaded.split())


def test_first_window_paints_without_pdf_or_migration_libraries(
    company: SmallCompany, tmp_path: Path
) -> None:
    """Up to the main window's first paint: no ReportLab, no pypdf, no Alembic imported."""
    company.inspection()
    company.services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    title, _, at_paint = first_paint(company.services.locations.data_dir, tmp_path)
    assert title.startswith("SECOR Desktop")
    assert not at_paint & {"reportlab", "pypdf", "alembic"}, at_paint


def test_main_window_is_shown_before_sqlalchemy_is_imported(
    company: SmallCompany, tmp_path: Path
) -> None:
    """Until the main window is shown nothing has imported SQLAlchemy, nor icalendar (for a
    calendar file) or Pillow (for a photo coming in), nor the PDF and migration libraries, nor
    the pages and dialogs the window does not open on (each is imported when first opened),
    nor the services and pages listed in the next test."""
    company.inspection()
    company.services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    _, at_show, _ = first_paint(company.services.locations.data_dir, tmp_path)
    assert not at_show, at_show


def test_first_paint_comes_before_the_services_and_the_first_page_are_imported(
    company: SmallCompany, tmp_path: Path
) -> None:
    """At the first paint nothing has imported SQLAlchemy, the record, dashboard and page-read
    services, the due-date rules, the Today or Dashboard page, or importlib.metadata: the pages'
    first loads wait for the paint and the Today page's module is imported after it."""
    company.inspection()
    company.services.ctx.uow.args[0].dispose()  # type: ignore[attr-defined]
    _, _, at_paint = first_paint(company.services.locations.data_dir, tmp_path)
    assert not at_paint, at_paint


def test_window_names_the_path_and_statistics_pages_as_the_pages_do() -> None:
    """The window's sidebar titles for these pages are the pages' own headings."""
    from secor_desktop.gui.main_window import PATH_TITLE, STATISTICS_TITLE
    from secor_desktop.gui.pages.audit_path import PAGE_TITLE
    from secor_desktop.gui.pages.statistics import TITLE

    assert (PATH_TITLE, STATISTICS_TITLE) == (PAGE_TITLE, TITLE)
