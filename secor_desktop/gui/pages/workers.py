"""The roster: who works here, and for each worker their training, orientation and signatures.

Employment is ended by setting an end date; nobody is deleted, because the records they
signed must keep naming them.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.bodies import OrientationBody, TrainingBody
from secor_desktop.domain.model import Record, Worker
from secor_desktop.domain.training import TrainingStatus, training_status
from secor_desktop.gui.background import Background
from secor_desktop.gui.models.workers_model import (
    COL_NAME,
    COL_OWNER,
    COL_ROLE,
    EMPLOYMENT_LABELS,
    RECORD_ROLE,
    WorkersModel,
    WorkersProxy,
)
from secor_desktop.gui.pages import PageHooks
from secor_desktop.gui.pages._forms import (
    ERROR_COLOUR,
    open_record,
    plain_label,
    sorted_table,
)
from secor_desktop.gui.pages.worker_dialog import EndEmploymentDialog, WorkerDialog
from secor_desktop.services.facade import Services
from secor_desktop.services.people import WorkerFile

LATEST_SIGNED = 8
RECENT_HIRE_DAYS = 365
SHORT_STATUS: dict[TrainingStatus, str] = {
    TrainingStatus.EXPIRED: "Expired",
    TrainingStatus.WITHIN_30: "Within 30 days",
    TrainingStatus.WITHIN_60: "Within 60 days",
    TrainingStatus.WITHIN_90: "Within 90 days",
    TrainingStatus.CURRENT: "Current",
    TrainingStatus.NO_EXPIRY: "No expiry",
}
WARNING_STYLE = f"color: {ERROR_COLOUR}; font-weight: bold;"


class WorkerDetail(QWidget):
    """The selected worker's file: orientation, training, and what they signed."""

    record_saved = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.signed_records: list[Record] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        self.heading = plain_label("", self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = plain_label("", self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)

        orientation_box = QGroupBox("Orientation", self)
        orientation_layout = QVBoxLayout(orientation_box)
        self.orientation = plain_label("", orientation_box)
        self.orientation.setWordWrap(True)
        self.orientation.setAccessibleName("Orientation")
        orientation_layout.addWidget(self.orientation)
        layout.addWidget(orientation_box)

        training_box = QGroupBox("Training", self)
        training_layout = QVBoxLayout(training_box)
        self.training = self._table(("Course", "Completed", "Expiry", "Status"), stretch=0)
        self.training.setAccessibleName("Training of the selected worker")
        training_layout.addWidget(self.training)
        layout.addWidget(training_box, 2)

        signed_box = QGroupBox("Records signed", self)
        signed_layout = QVBoxLayout(signed_box)
        self.signed_count = plain_label("", signed_box)
        self.signed = self._table(("Date", "Kind", "Title"), stretch=2)
        self.signed.setAccessibleName("Latest records signed by the selected worker")
        self.signed.cellDoubleClicked.connect(lambda row, _col: self.open_signed(row))
        self.open_button = QPushButton("Open record", signed_box)
        self.open_button.setAccessibleName("Open the selected signed record")
        self.open_button.clicked.connect(lambda: self.open_signed(self.signed.currentRow()))
        signed_layout.addWidget(self.signed_count)
        signed_layout.addWidget(self.signed)
        signed_layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(signed_box, 5)
        self.show_file(None)

    def _table(self, headers: tuple[str, ...], stretch: int) -> QTableWidget:
        """A read-only list; the ``stretch`` column takes the width left (full text in its
        tooltip) so the panel never scrolls sideways."""
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(list(headers))
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return table

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                table.setItem(r, c, item)

    def show_file(self, file: WorkerFile | None) -> None:
        self.setEnabled(file is not None)
        if file is None:
            self.heading.setText("No worker selected")
            self.summary.setText(
                "Select a worker to see their training, orientation and the records they signed."
            )
            self.orientation.clear()
            self.orientation.setStyleSheet("")
            self._fill(self.training, [])
            self.signed_records = []
            self.signed_count.clear()
            self._fill(self.signed, [])
            return
        worker = file.worker
        today = self.services.ctx.clock.today()
        self.heading.setText(worker.name)
        employed = f"since {worker.start_date.isoformat()}"
        if worker.end_date is not None:
            verb = "left on" if worker.end_date < today else "until"
            employed = f"{worker.start_date.isoformat()}, {verb} {worker.end_date.isoformat()}"
        parts = [worker.role, EMPLOYMENT_LABELS[worker.employment_type], employed]
        if worker.is_owner:
            parts.append("owner")
        if worker.contact:
            parts.append(worker.contact)
        self.summary.setText(" · ".join(parts))
        self._show_orientation(file)
        self._fill(self.training, [self._training_row(r, today) for r in file.training])
        self.signed_records = list(file.signed[:LATEST_SIGNED])
        count = len(file.signed)
        if count == 0:
            self.signed_count.setText(f"{worker.name} has not signed any record yet.")
        else:
            shown = f"; the latest {len(self.signed_records)} below" if count > 1 else ""
            plural = "record" if count == 1 else "records"
            self.signed_count.setText(f"Signed {count} {plural}{shown}.")
        self._fill(
            self.signed,
            [[r.event_date.isoformat(), r.kind.label, r.title] for r in self.signed_records],
        )
        self.open_button.setEnabled(bool(self.signed_records))

    def _show_orientation(self, file: WorkerFile) -> None:
        if not file.orientations:
            self.orientation.setText(
                "⚠ No orientation on record. Every worker needs an orientation before they "
                "start work (the three rights, the policy, hazards, emergency procedures)."
            )
            self.orientation.setStyleSheet(WARNING_STYLE)
            return
        record = file.orientations[0]
        body = record.body
        assert isinstance(body, OrientationBody)
        names = {s.signer_id: s.signer_name for s in record.signatures}
        orienter = names.get(body.orienter_id, "")
        text = f"✓ Oriented on {record.event_date.isoformat()}"
        if orienter:
            text += f" by {orienter}"
        text += f" ({record.status.value})."
        start = file.worker.start_date
        # Only a recent hire is expected to be oriented before starting; long-time workers
        # are often oriented when the program begins.
        if record.event_date > start and (record.event_date - start).days <= RECENT_HIRE_DAYS:
            text += f" That is after their first day, {start.isoformat()}."
        self.orientation.setText(text)
        self.orientation.setStyleSheet("")

    @staticmethod
    def _training_row(record: Record, today: date) -> list[str]:
        body = record.body
        assert isinstance(body, TrainingBody)
        status = training_status(body.expiry, today)
        mark = "⚠ " if status is TrainingStatus.EXPIRED else ""
        expiry = body.expiry.isoformat() if body.expiry else "no expiry"
        return [body.course, record.event_date.isoformat(), expiry, mark + SHORT_STATUS[status]]

    def open_signed(self, row: int) -> bool:
        if not 0 <= row < len(self.signed_records):
            return False
        record = self.signed_records[row]
        saved = open_record(self, self.services, record.kind, record.id)
        if saved:
            self.record_saved.emit()
        return saved


_D = TypeVar("_D", WorkerDialog, EndEmploymentDialog)


class WorkersPage(QWidget):
    title = "Workers"
    # Emitted after this page saved something, so the main window refreshes the others.
    records_changed = Signal()

    def __init__(
        self, services: Services, tasks: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.loads = tasks.latest(self)
        self._select_next: str | None = None
        self.files: dict[str, WorkerFile] = {}
        self.dialog: QDialog | None = None
        today = services.ctx.clock.today()

        self.model = WorkersModel(today, self)
        self.proxy = WorkersProxy(self)
        self.proxy.setSourceModel(self.model)

        self.hide_former = QCheckBox("Hide former workers", self)
        self.hide_former.setAccessibleName("Hide former workers")
        self.hide_former.toggled.connect(self._apply_filter)
        self.count = plain_label("", self)
        self.add_button = QPushButton("Add worker…", self)
        self.add_button.setAccessibleName("Add a worker")
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.setAccessibleName("Edit the selected worker")
        self.end_button = QPushButton("End employment…", self)
        self.end_button.setAccessibleName("End the selected worker's employment")
        self.add_button.clicked.connect(self.add_worker)
        self.edit_button.clicked.connect(self.edit_worker)
        self.end_button.clicked.connect(self.end_employment)

        self.table = sorted_table(self.proxy, "Workers", COL_NAME, self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The role keeps a readable width (full text in its tooltip); the contact, last,
        # takes what is left, and the table scrolls sideways before the role is squeezed.
        header.setSectionResizeMode(COL_ROLE, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(COL_ROLE, self.table.fontMetrics().horizontalAdvance("M" * 10))
        # The owner is named in the worker's summary beside the table (and in the edit dialog);
        # without its own column the whole roster fits beside that summary on a 1366 screen.
        self.table.setColumnHidden(COL_OWNER, True)
        self.table.doubleClicked.connect(lambda _index: self.edit_worker())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.detail = WorkerDetail(services, self)
        self.detail.record_saved.connect(self._record_saved)

        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.end_button)
        bar.addSpacing(16)
        bar.addWidget(self.hide_former)
        bar.addStretch(1)
        bar.addWidget(self.count)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([640, 400])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        for first, second in (
            (self.add_button, self.edit_button),
            (self.edit_button, self.end_button),
            (self.end_button, self.hide_former),
            (self.hide_former, self.table),
            (self.table, self.detail.training),
            (self.detail.training, self.detail.signed),
            (self.detail.signed, self.detail.open_button),
        ):
            QWidget.setTabOrder(first, second)
        self.refresh()

    # --- loading -------------------------------------------------------------------------

    def hooks(self) -> PageHooks:
        return PageHooks(records_changed=self.records_changed, loads=self.loads)

    def refresh(self, select: str | None = None) -> None:
        """Reload the roster and every worker's file off the GUI thread (one read), then
        select ``select`` or keep the selection."""
        if select is not None:  # kept until a load is shown: a newer refresh may come first
            self._select_next = select
        keep = self.selected_worker()

        def show(loaded: tuple[list[Worker], dict[str, WorkerFile]]) -> None:
            wanted = self._select_next or (keep.id if keep else None)
            self._select_next = None
            workers, self.files = loaded
            self.model.set_workers(workers, self.services.ctx.clock.today())
            self._apply_filter()
            self.select_worker(wanted)

        self.loads.run(self.services.pages.workers, show, on_slow=self._show_loading)

    def _show_loading(self) -> None:
        self.count.setText("Loading the roster…")

    def _apply_filter(self) -> None:
        today = self.services.ctx.clock.today()
        self.proxy.set_hide_former(self.hide_former.isChecked(), today)
        if self.selected_worker() is None:
            self.detail.show_file(None)
        total = self.model.rowCount()
        current = sum(1 for r in range(total) if self.model.worker_at(r).active_on(today))
        self.count.setText(f"{total} on the roster · {current} current")
        self._update_buttons()

    # --- selection -----------------------------------------------------------------------

    def selected_worker(self) -> Worker | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        worker = rows[0].data(RECORD_ROLE)
        return worker if isinstance(worker, Worker) else None

    def select_worker(self, worker_id: str | None) -> None:
        row = self.model.row_of(worker_id) if worker_id else None
        if row is None:
            self.table.clearSelection()
            self.detail.show_file(None)
            self._update_buttons()
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        self._selection_changed(QItemSelection(), QItemSelection())

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        worker = self.selected_worker()
        self.detail.show_file(self.files.get(worker.id) if worker else None)
        self._update_buttons()

    def _update_buttons(self) -> None:
        worker = self.selected_worker()
        self.edit_button.setEnabled(worker is not None)
        self.end_button.setEnabled(worker is not None and worker.end_date is None)

    # --- commands ------------------------------------------------------------------------

    def add_worker(self) -> WorkerDialog:
        return self._open(WorkerDialog(self.services, None, self))

    def edit_worker(self) -> WorkerDialog | None:
        worker = self.selected_worker()
        if worker is None:
            return None
        return self._open(WorkerDialog(self.services, worker, self))

    def end_employment(self) -> EndEmploymentDialog | None:
        worker = self.selected_worker()
        if worker is None or worker.end_date is not None:
            return None
        return self._open(EndEmploymentDialog(self.services, worker, self))

    def _open(self, dialog: _D) -> _D:
        """Window-modal without a nested event loop; the page refreshes once it saves."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog.saved))
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _record_saved(self) -> None:
        self.refresh()
        self.records_changed.emit()

    def _closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _saved(self, worker: Worker | None) -> None:
        self.refresh(select=worker.id if worker is not None else None)
        self.records_changed.emit()
