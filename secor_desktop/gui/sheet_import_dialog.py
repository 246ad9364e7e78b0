"""File → Import from a spreadsheet…: a preview of every row before anything is saved.

The user says what the file holds (workers, sites, training), picks the sheet of a workbook,
and may change which column fills which field; each change reads the file again in the
background (a busy bar shows while a large file is read) and checks every row. Rows with a
problem are red with the problem in words; Import stays disabled until there are none, and
then brings every row in at once (``SheetService.import_sheet``: all or nothing).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.sheet_rows import COLUMNS, Mapping_, Target
from secor_desktop.gui import notify
from secor_desktop.gui.background import Background, report_failure
from secor_desktop.gui.pages._forms import ERROR_COLOUR, labelled, plain_label
from secor_desktop.services.errors import ValidationError
from secor_desktop.services.facade import Services
from secor_desktop.services.sheets import ImportResult, SheetPreview

TARGET_LABELS = {
    Target.WORKERS: "Workers",
    Target.SITES: "Sites",
    Target.TRAINING: "Training records",
}
NO_COLUMN = "(not in this file)"
PROBLEM_BACKGROUND = QColor("#f8d7da")
SKIPPED_COLOUR = QColor("#6c757d")


class SheetImportDialog(QDialog):
    def __init__(
        self,
        services: Services,
        tasks: Background,
        path: Path,
        target: Target = Target.WORKERS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.path = path
        self.preview: SheetPreview | None = None
        self.imported: ImportResult | None = None
        self._generation = 0
        self._filling = False
        self.setWindowTitle(f"Import from a spreadsheet — {path.name}")
        layout = QVBoxLayout(self)

        top = QFormLayout()
        self.target = QComboBox(self)
        for t in Target:
            self.target.addItem(TARGET_LABELS[t], t)
        self.target.setCurrentIndex(list(Target).index(target))
        self.target.setAccessibleName("What the file holds")
        top.addRow(labelled("What the file &holds:", self.target), self.target)
        self.sheet = QComboBox(self)
        self.sheet.setAccessibleName("Sheet")
        self.sheet_label = labelled("&Sheet:", self.sheet)
        top.addRow(self.sheet_label, self.sheet)
        layout.addLayout(top)

        layout.addWidget(plain_label("Which column holds each field (* is required):", self))
        self.mapping_box = QWidget(self)
        self.mapping_grid = QGridLayout(self.mapping_box)
        self.mapping_grid.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[str, QComboBox] = {}
        layout.addWidget(self.mapping_box)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: reading a file has no known length
        self.progress.setAccessibleName("Reading the file")
        self.progress.setFormat("Reading the file…")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.summary = plain_label("", self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(self)
        self.table.setAccessibleName("Rows of the spreadsheet")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        buttons = QDialogButtonBox(self)
        self.import_button = QPushButton("&Import", self)
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)  # Enter imports, once there is nothing to fix
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.import_button.clicked.connect(self.do_import)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(buttons)
        layout.addLayout(row)

        self.target.currentIndexChanged.connect(lambda _i: self.load(keep_mapping=False))
        self.sheet.currentIndexChanged.connect(lambda _i: self.load(keep_mapping=False))
        self.resize(1100, 640)
        self.load(keep_mapping=False)

    # --- reading --------------------------------------------------------------------------

    def chosen_target(self) -> Target:
        return Target(self.target.currentData())

    def chosen_mapping(self) -> Mapping_:
        return {key: combo.currentData() for key, combo in self.combos.items()}

    def load(self, *, keep_mapping: bool = True) -> None:
        """Read and check the file again (in the background) with the current choices."""
        if self._filling:
            return
        target = self.chosen_target()
        sheet = self.sheet.currentText() or None
        mapping = self.chosen_mapping() if keep_mapping and self.combos else None
        self.import_button.setEnabled(False)
        self.progress.show()
        self.summary.setText("")
        services, path = self.services, self.path
        self._generation += 1
        generation = self._generation

        def done(preview: SheetPreview) -> None:
            if generation == self._generation:  # only the newest read counts
                self.show_preview(preview)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._failed(exc)

        self.tasks.run(
            lambda: services.sheets.preview(target, path, sheet=sheet, mapping=mapping),
            done,
            failed,
        )

    def _failed(self, exc: BaseException) -> None:
        """A file that cannot be read at all: its sentence, in red, and nothing to import."""
        self.progress.hide()
        if not isinstance(exc, ValidationError):
            report_failure(exc)
            return
        self.preview = None
        self.table.setRowCount(0)
        self.summary.setText(f"{exc} Nothing was imported.")
        self.summary.setStyleSheet(f"color: {ERROR_COLOUR};")

    def show_preview(self, preview: SheetPreview) -> None:
        self.progress.hide()
        self.preview = preview
        self._filling = True
        try:
            self._fill_sheets(preview)
            self._fill_mapping(preview)
        finally:
            self._filling = False
        self._fill_table(preview)
        problems = preview.problems
        ready, skipped = len(preview.to_import), len(preview.skipped)
        if problems:
            bad = sum(1 for r in preview.rows if r.problems)
            what = (
                " ".join(preview.mapping_problems)
                if preview.mapping_problems
                else f"{len(preview.rows)} rows: {bad} with a problem, shown in red."
            )
            self.summary.setText(
                f"{what} Nothing can be imported until every row is right: correct the "
                "spreadsheet and open it again, or change the column choices."
            )
            self.summary.setStyleSheet(f"color: {ERROR_COLOUR};")
        else:
            extra = f"; {skipped} already on record will be left as they are" if skipped else ""
            drafts = (
                " Training records arrive as drafts: check each against its certificate and "
                "sign it."
                if preview.target is Target.TRAINING
                else ""
            )
            rows = f"{ready} row{'s' if ready != 1 else ''}"
            self.summary.setText(f"{rows} ready to import{extra}.{drafts}")
            self.summary.setStyleSheet("")
        self.import_button.setEnabled(not problems and ready > 0)

    def _fill_sheets(self, preview: SheetPreview) -> None:
        names = list(preview.sheet_names)
        if [self.sheet.itemText(i) for i in range(self.sheet.count())] != names:
            self.sheet.clear()
            self.sheet.addItems(names)
        if preview.sheet:
            self.sheet.setCurrentText(preview.sheet)
        self.sheet.setVisible(len(names) > 1)
        self.sheet_label.setVisible(len(names) > 1)

    def _fill_mapping(self, preview: SheetPreview) -> None:
        for combo in self.combos.values():
            combo.deleteLater()
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos = {}
        for n, column in enumerate(COLUMNS[preview.target]):
            combo = QComboBox(self.mapping_box)
            combo.addItem(NO_COLUMN, None)
            for i, header in enumerate(preview.headers):
                combo.addItem(header or f"Column {i + 1}", i)
            chosen = preview.mapping.get(column.key)
            combo.setCurrentIndex(0 if chosen is None else chosen + 1)
            combo.setAccessibleName(f"Column for {column.label}")
            combo.currentIndexChanged.connect(lambda _i: self.load())
            label = QLabel(
                f"{column.label[:1].upper()}{column.label[1:]}{' *' if column.required else ''}:"
            )
            label.setBuddy(combo)
            self.mapping_grid.addWidget(label, n // 3, (n % 3) * 2)
            self.mapping_grid.addWidget(combo, n // 3, (n % 3) * 2 + 1)
            self.combos[column.key] = combo

    def _fill_table(self, preview: SheetPreview) -> None:
        headers = ["Row", "Problem", *preview.headers]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(preview.rows))
        red = QBrush(QColor(ERROR_COLOUR))
        for r, row in enumerate(preview.rows):
            words = " ".join(p.split(": ", 1)[-1] for p in row.problems) or row.note
            cells = [str(row.number), words, *row.cells]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row.problems:
                    item.setBackground(QBrush(PROBLEM_BACKGROUND))
                    if c == 1:
                        item.setForeground(red)
                elif row.note:
                    item.setForeground(QBrush(SKIPPED_COLOUR))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, min(max(self.table.columnWidth(1), 120), 420))
        self.table.resizeRowsToContents()

    # --- importing ------------------------------------------------------------------------

    def do_import(self) -> None:
        if self.preview is None or self.preview.problems:
            return
        target, mapping = self.preview.target, self.preview.mapping
        sheet = self.preview.sheet
        services, path = self.services, self.path
        self.import_button.setEnabled(False)
        self.progress.setFormat("Importing…")
        self.progress.show()
        self.tasks.run(
            lambda: services.sheets.import_sheet(target, path, sheet=sheet, mapping=mapping),
            self._imported,
            self._refused,
        )

    def _imported(self, result: ImportResult) -> None:
        self.progress.hide()
        self.imported = result
        what = TARGET_LABELS[result.target].lower()
        drafts = " as drafts to check and sign" if result.target is Target.TRAINING else ""
        notify.info(f"Imported {result.imported} {what} from {self.path.name}{drafts}.", self)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.progress.hide()
        if isinstance(exc, ValidationError):
            notify.warning(str(exc), self)
            self.load()
            return
        report_failure(exc)
