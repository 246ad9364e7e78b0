"""Render the dashboard, search and guide screenshots at a 1366x768 laptop's size, offscreen.

    .venv/bin/secor-desktop --data-dir /tmp/shots-demo demo
    .venv/bin/python scripts/render_dashboard_screenshots.py /tmp/shots-demo docs/screenshots

Writes dashboard.png (the demo company), dashboard-new-company.png (a company just set up:
four workers, one site, no records), search.png, guide.png and path.png (the page a new
company lands on after the first-run wizard), at full size: the main window as maximised on a
1366x768 screen (1366x740 once the taskbar is taken off).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.kinds import Province
from secor_desktop.domain.model import Company, EmploymentType, Worker
from secor_desktop.gui import background
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.services.facade import Services

WINDOW = (1366, 740)


def save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    assert widget.grab().save(str(path))
    print(path)


def new_company(folder: Path) -> Services:
    """What the first-run wizard leaves: a company, a site and four workers."""
    services = open_services(AppPaths(folder), startup_backup=False)
    services.company.save(Company(name="Prairie Roofing Ltd", province=Province.AB))
    services.roster.add_site("Shop and yard", "4410 52 Ave, Red Deer AB")
    people = [
        ("Dana Kowalski", "Owner", EmploymentType.OWNER_OPERATOR, True),
        ("Gurpreet Sandhu", "Safety lead / foreman", EmploymentType.FULL_TIME, False),
        ("Sam Okafor", "Roofer", EmploymentType.FULL_TIME, False),
        ("Luis Ortega", "Labourer", EmploymentType.SEASONAL, False),
    ]
    for name, role, employment, owner in people:
        services.roster.add_worker(
            Worker("", name, role, employment, date(2024, 4, 1), is_owner=owner)
        )
    return services


def window_for(services: Services, settings_dir: str) -> MainWindow:
    settings = QSettings(f"{settings_dir}/window.ini", QSettings.Format.IniFormat)
    window = MainWindow(services, background.for_application(), settings)
    window.resize(*WINDOW)
    window.show()
    window.select_page("Dashboard")
    return window


def main(demo_dir: Path, out: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    InlineBackground().attach_to_application()  # every page loads before its photo
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        demo = open_services(AppPaths(demo_dir), startup_backup=False)
        window = window_for(demo, tmp)
        save(window, out / "dashboard.png")
        search = window.show_search()
        search.move(window.x() + 233, window.y() + 110)
        search.box.setText("ladder")
        search.search()
        save(search, out / "search.png")
        search.close()
        guide = window.show_guide()
        save(guide, out / "guide.png")
        guide.close()
        window.close()

        fresh = window_for(new_company(Path(tmp) / "new"), tmp)
        save(fresh, out / "dashboard-new-company.png")
        fresh.show_path()
        save(fresh, out / "path.png")
        fresh.close()
    app.processEvents()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: render_dashboard_screenshots.py DEMO_DATA_DIR OUTPUT_DIR")
    main(Path(sys.argv[1]), Path(sys.argv[2]))
