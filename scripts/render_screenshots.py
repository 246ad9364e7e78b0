"""Render the README's screenshots from a demo company, offscreen, at a 1366x768 laptop size.

    .venv/bin/secor-desktop --data-dir /tmp/shots-demo demo
    .venv/bin/python scripts/render_screenshots.py /tmp/shots-demo docs/screenshots

Windows are laid out at the size they have on a 1366x768 screen (the main window fills it, the
dialogs open at their own size), then saved as PNGs scaled down to at most 1000 pixels wide.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, QPoint, QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import ChecklistResult, InspectionBody
from secor_desktop.domain.kinds import RecordKind, RecordStatus
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.first_run import FirstRunWizard
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.pages.dashboard import DashboardPage
from secor_desktop.gui.pages.eligibility import EligibilityPage
from secor_desktop.gui.pages.workers import WorkersPage
from secor_desktop.gui.widgets.signature_pad import SignDialog
from secor_desktop.services.facade import Services

SCREEN = (1366, 768)
MAX_WIDTH = 1000
WINDOW = (1366, 740)  # the screen less a taskbar: what a maximised window gets


def save(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    image = widget.grab().toImage()
    if image.width() > MAX_WIDTH:
        image = image.scaledToWidth(MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_RGB888).save(buffer, "PNG")
    # 256 colours are plenty for a user interface and keep each file small for the README.
    picture = Image.open(io.BytesIO(bytes(buffer.data().data())))
    picture.quantize(256, dither=Image.Dither.NONE).save(path, "PNG", optimize=True)
    print(f"{path} {picture.width}x{picture.height} {path.stat().st_size // 1024} KB")


def sign_stroke(widget: QWidget) -> None:
    """A signature-like stroke, drawn with the mouse as a signer would."""
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    points = [(40, 110), (70, 60), (95, 120), (120, 55), (150, 115), (175, 70), (200, 100)]
    points += [(240, 80), (270, 110), (300, 60), (330, 105), (380, 90), (430, 85)]
    QTest.mousePress(widget, left, none, QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(widget, QPoint(x, y))
    QTest.mouseRelease(widget, left, none, QPoint(*points[-1]))


def latest_inspection(services: Services) -> str:
    """A recent inspection with a deficiency: the editor then shows every part of its form."""
    for record in sorted(
        services.records.find(RecordKind.INSPECTION), key=lambda r: r.event_date, reverse=True
    ):
        body = record.body
        if isinstance(body, InspectionBody) and any(
            i.result is ChecklistResult.DEFICIENT for i in body.items
        ):
            return record.id
    raise LookupError("the demo has no inspection with a deficiency")


def unsigned_flha(services: Services) -> str:
    for record in sorted(
        services.records.find(RecordKind.FLHA), key=lambda r: r.event_date, reverse=True
    ):
        if record.status is RecordStatus.DRAFT:
            return record.id
    return services.records.find(RecordKind.FLHA)[-1].id


def main(data_dir: Path, out: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    tasks = InlineBackground().attach_to_application()  # every page loads before its photo
    out.mkdir(parents=True, exist_ok=True)
    services = open_services(AppPaths(data_dir), startup_backup=False)
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(services, tasks, settings)
        window.resize(*WINDOW)
        window.show()

        window.select_page("Dashboard")
        save(window, out / "dashboard.png")
        window.select_page(RecordKind.FLHA.label)
        save(window, out / "main-window.png")
        workers = window.select_page("Workers")
        assert isinstance(workers, WorkersPage)
        lead = next(w for w in services.roster.workers() if "safety" in w.role.lower())
        workers.select_worker(lead.id)
        save(window, out / "workers.png")
        window.select_page("Corrective actions")
        save(window, out / "corrective-actions.png")
        window.select_page("Training matrix")
        save(window, out / "training-matrix.png")
        window.select_page("Today")
        save(window, out / "today.png")

        dashboard = window.select_page("Dashboard")
        assert isinstance(dashboard, DashboardPage)
        dashboard.tabs.setCurrentWidget(dashboard.activity)
        save(window, out / "dashboard-activity.png")
        dashboard.tabs.setCurrentIndex(0)
        eligibility = window.select_page("Eligibility & rebate")
        assert isinstance(eligibility, EligibilityPage)
        eligibility.premium.setText("15000")
        eligibility.calculate()
        save(window, out / "eligibility.png")
        window.select_page("Settings")
        save(window, out / "settings.png")
        # The demo company is not certified yet; the planner is shown as it is a year on.
        company = services.company.get()
        assert company is not None
        certified = services.ctx.clock.today() - timedelta(days=351)
        services.company.save(replace(company, certificate_date=certified))
        window.refresh_all()
        window.select_page("Audit cycle")
        save(window, out / "audit-cycle.png")

        editor = RecordEditor(window, services, RecordKind.INSPECTION, latest_inspection(services))
        editor.show()
        save(editor, out / "inspection-editor.png")
        editor.done(0)

        record = services.records.get(unsigned_flha(services))
        dialog = SignDialog(window, services, record)
        dialog.show()
        QApplication.processEvents()
        sign_stroke(dialog.pad)
        save(dialog, out / "signing.png")
        dialog.reject()
        window.close()

        empty = open_services(AppPaths(Path(tmp) / "empty"), startup_backup=False)
        wizard = FirstRunWizard(empty, tasks=tasks)
        wizard.show()
        save(wizard, out / "first-run.png")
        wizard.reject()
    app.processEvents()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: render_screenshots.py DEMO_DATA_DIR OUTPUT_DIR")
    main(Path(sys.argv[1]), Path(sys.argv[2]))
