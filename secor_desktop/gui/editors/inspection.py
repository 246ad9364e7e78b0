"""Inspections: a checklist from an editable template; each deficiency becomes an action.

Every item starts unanswered (a list that starts all "OK" invites ticking through without
looking), and the inspection cannot be saved until each has an answer. A deficient row is
tinted and carries a warning icon and the word "Deficient", so it does not rest on colour.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.bodies import (
    Body,
    ChecklistItem,
    ChecklistResult,
    InspectionBody,
    InspectionType,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record, Worker
from secor_desktop.domain.validation import FieldProblem, ValidationError
from secor_desktop.gui.editors.fields import (
    BodyForm,
    WorkerPicker,
    plain_label,
)
from secor_desktop.gui.editors.templates import load_checklist, save_checklist
from secor_desktop.gui.forms.errors import error_label
from secor_desktop.gui.signals import emit
from secor_desktop.gui.widgets.date_field import DateField
from secor_desktop.services.facade import Services

TYPE_LABELS = {
    InspectionType.SITE: "Site",
    InspectionType.EQUIPMENT: "Equipment",
    InspectionType.VEHICLE: "Vehicle",
}
RESULT_LABELS = {
    ChecklistResult.OK: "OK",
    ChecklistResult.DEFICIENT: "Deficient",
    ChecklistResult.NA: "N/A",
}
UNANSWERED = "Choose..."
DEFICIENT_TINT = QColor("#fde2e1")
ACTION_DUE_DAYS = 7


SHOWN_NUMBERS = 6


def item_numbers(rows: list[int]) -> str:
    """[1, 4, 6] -> 'items 2, 5 and 7' (rows count from 0, people from 1); a long list names
    the first few and counts the rest, so the sentence fits its line."""
    numbers = [str(r + 1) for r in rows]
    if len(numbers) == 1:
        return f"item {numbers[0]}"
    if len(numbers) > SHOWN_NUMBERS:
        more = len(numbers) - SHOWN_NUMBERS + 1
        return f"items {', '.join(numbers[: SHOWN_NUMBERS - 1])} and {more} more"
    return f"items {', '.join(numbers[:-1])} and {numbers[-1]}"


class ChecklistEditor(QWidget):
    """Checklist items: text, result (OK / Deficient / N/A) and a note; add and remove."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Checklist")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Item", "Result", "Note"])
        self.table.setAccessibleName("Checklist items")
        self.table.setProperty("editable", True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 130)
        self.table.setMinimumHeight(220)
        self.setFocusProxy(self.table)  # a failed save focuses the items, not the Add button
        self.table.itemChanged.connect(self._emit_changed)
        layout.addWidget(self.table)
        self.error = error_label(self, lines=2)  # room to name which items need an answer
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add item")
        self.add_button.setAccessibleName("Add a checklist item")
        self.add_button.clicked.connect(
            lambda: self.add_item(ChecklistItem("", ChecklistResult.OK), answered=False)
        )
        self.remove_button = QPushButton("Remove item")
        self.remove_button.setAccessibleName("Remove the selected checklist item")
        self.remove_button.clicked.connect(self.remove_item)
        self.template_button = QPushButton("Use the standard list")
        self.template_button.setAccessibleName("Replace the items with the standard list")
        self.save_template_button = QPushButton("Make this the standard list")
        self.save_template_button.setAccessibleName(
            "Save these items as the standard list for this inspection type"
        )
        for button in (
            self.add_button,
            self.remove_button,
            self.template_button,
            self.save_template_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def _emit_changed(self, *_args: object) -> None:
        emit(self.changed)

    def add_item(self, item: ChecklistItem, *, focus: bool = True, answered: bool = True) -> None:
        """A row; ``answered=False`` leaves its result at 'Choose...'."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(item.text))
        combo = QComboBox()
        combo.setAccessibleName(f"Result of item {row + 1}")
        combo.addItem(UNANSWERED, "")
        for result, label in RESULT_LABELS.items():
            combo.addItem(label, result.value)
        combo.setCurrentIndex(combo.findData(item.result.value) if answered else 0)
        combo.currentIndexChanged.connect(self._emit_changed)
        combo.currentIndexChanged.connect(lambda _i, c=combo: self._mark_row(c))
        self.table.setCellWidget(row, 1, combo)
        self.table.setItem(row, 2, QTableWidgetItem(item.note))
        self._mark_row(combo)
        if focus:
            self.table.setCurrentCell(row, 0)
            first = self.table.item(row, 0)
            if first is not None:
                self.table.editItem(first)
        emit(self.changed)

    def _mark_row(self, combo: QComboBox) -> None:
        """Tint a deficient row and give its item a warning icon (colour and a sign)."""
        row = next(
            (r for r in range(self.table.rowCount()) if self.table.cellWidget(r, 1) is combo), -1
        )
        if row < 0:
            return
        deficient = combo.currentData() == ChecklistResult.DEFICIENT.value
        self.table.blockSignals(True)
        for col in (0, 2):
            cell = self.table.item(row, col)
            if cell is not None:
                cell.setBackground(QBrush(DEFICIENT_TINT) if deficient else QBrush())
        first = self.table.item(row, 0)
        if first is not None:
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            first.setIcon(icon if deficient else QIcon())
            first.setToolTip("Deficient: becomes a corrective action" if deficient else "")
        self.table.blockSignals(False)

    def is_deficient(self, row: int) -> bool:
        combo = self.table.cellWidget(row, 1)
        return isinstance(combo, QComboBox) and combo.currentData() == "deficient"

    def unanswered_rows(self) -> list[int]:
        rows = []
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 1)
            if isinstance(combo, QComboBox) and not combo.currentData():
                rows.append(row)
        return rows

    def set_unanswered(self, rows: list[int]) -> None:
        for row in rows:
            combo = self.table.cellWidget(row, 1)
            if isinstance(combo, QComboBox):
                combo.setCurrentIndex(0)

    def remove_item(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            emit(self.changed)

    def items(self) -> tuple[ChecklistItem, ...]:
        out = []
        for row in range(self.table.rowCount()):
            text_item = self.table.item(row, 0)
            note_item = self.table.item(row, 2)
            combo = self.table.cellWidget(row, 1)
            assert isinstance(combo, QComboBox)
            # An unanswered item reads as N/A here only so the body can be built; the form
            # refuses to save while any item is unanswered (``InspectionForm.form_problems``).
            out.append(
                ChecklistItem(
                    text=text_item.text() if text_item else "",
                    result=ChecklistResult(combo.currentData() or ChecklistResult.NA.value),
                    note=note_item.text() if note_item else "",
                )
            )
        return tuple(out)

    def set_items(self, items: tuple[ChecklistItem, ...], *, answered: bool = True) -> None:
        self.table.setRowCount(0)
        for item in items:
            self.add_item(item, focus=False, answered=answered)

    def texts(self) -> list[str]:
        return [item.text for item in self.items()]

    def set_result(self, row: int, result: ChecklistResult) -> None:
        combo = self.table.cellWidget(row, 1)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(result.value))


class InspectionForm(BodyForm):
    kind = RecordKind.INSPECTION
    event_date_label = "Inspected on"

    def build(self) -> None:
        self.templates_dir = self.services.locations.data_dir / "templates"
        self.inspection_type = QComboBox()
        for value, label in TYPE_LABELS.items():
            self.inspection_type.addItem(label, value.value)
        self.add_row("body.inspection_type", "Inspection type", self.inspection_type)
        self.target = QLineEdit()
        self.target.setPlaceholderText("What was inspected, e.g. Main yard, Skid steer #2")
        self.add_row("body.target", "What was inspected", self.target)
        self.inspector = self.add_row(
            "body.inspector_id", "Inspector", WorkerPicker(self.workers, "Inspector")
        )
        self.checklist = ChecklistEditor()
        self.add_row("body.items", "Checklist", self.checklist, self.checklist.error)
        self.checklist.template_button.clicked.connect(self.use_standard_list)
        self.checklist.save_template_button.clicked.connect(self.save_standard_list)
        self._last_type = self.current_type()
        self.inspection_type.currentIndexChanged.connect(self._type_changed)
        self.use_standard_list()

    def current_type(self) -> InspectionType:
        return InspectionType(self.inspection_type.currentData())

    def use_standard_list(self) -> None:
        texts = load_checklist(self.templates_dir, self.current_type())
        self.checklist.set_items(
            tuple(ChecklistItem(t, ChecklistResult.OK) for t in texts), answered=False
        )

    def save_standard_list(self) -> None:
        save_checklist(self.templates_dir, self.current_type(), self.checklist.texts())

    def _type_changed(self) -> None:
        """Switch the list with the type, unless the user already changed it."""
        unanswered = len(self.checklist.unanswered_rows()) == self.checklist.table.rowCount()
        untouched = unanswered and not any(i.note for i in self.body().items)
        standard = list(load_checklist(self.templates_dir, self._last_type))
        if untouched and self.checklist.texts() == standard:
            self.use_standard_list()
        self._last_type = self.current_type()

    def load(self, body: Body) -> None:
        assert isinstance(body, InspectionBody)
        self.inspection_type.blockSignals(True)
        self.inspection_type.setCurrentIndex(
            self.inspection_type.findData(body.inspection_type.value)
        )
        self.inspection_type.blockSignals(False)
        self._last_type = body.inspection_type
        self.target.setText(body.target)
        self.inspector.set_worker_id(body.inspector_id)
        self.checklist.set_items(body.items)

    def body(self) -> InspectionBody:
        return InspectionBody(
            inspection_type=self.current_type(),
            target=self.target.text(),
            inspector_id=self.inspector.worker_id(),
            items=self.checklist.items(),
        )

    def form_problems(self) -> list[FieldProblem]:
        rows = self.checklist.unanswered_rows()
        if not rows:
            return []
        total = self.checklist.table.rowCount()
        if len(rows) == total:
            what = (
                f"None of the {total} items has an answer yet"
                if total > 1
                else ("The item has no answer yet")
            )
        else:
            what = f"{len(rows)} of {total} items have no answer yet ({item_numbers(rows)})"
        return [FieldProblem("body.items", f"{what}: choose OK, Deficient or N/A for each.")]

    def extra_state(self) -> dict[str, object]:
        return {"unanswered": self.checklist.unanswered_rows()}

    def apply_extra_state(self, state: dict[str, object]) -> None:
        rows = state.get("unanswered")
        if isinstance(rows, list):
            self.checklist.set_unanswered([r for r in rows if isinstance(r, int)])

    def after_save(self, record: Record, editor: QWidget) -> str:
        """Offer an action per new deficiency; say what was created, with owner and due date."""
        body = record.body
        assert isinstance(body, InspectionBody)
        deficient = [i for i in body.items if i.result is ChecklistResult.DEFICIENT]
        if not deficient:
            return ""  # nothing to offer: the save stays one read and write
        existing = " ".join(a.description for a in self.services.actions.for_record(record.id))
        open_items = [item for item in deficient if item.text not in existing]
        if not open_items:
            return ""
        dialog = ActionOfferDialog(editor, self.services, record, open_items, self.workers)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            dialog.raise_actions()
        return dialog.confirmation(len(open_items))


class ActionOfferDialog(QDialog):
    """One line per deficient item: raise an action for it, with an owner and a due date."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        record: Record,
        items: list[ChecklistItem],
        workers: list[Worker],
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.record = record
        self.setWindowTitle("Corrective actions for the deficiencies")
        body = record.body
        assert isinstance(body, InspectionBody)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(
                "Each deficiency should become a corrective action with an owner and a due "
                "date. Untick any that is already dealt with."
            )
        )
        grid = QGridLayout()
        for col, text in enumerate(("Raise", "Action", "Owner", "Due")):
            grid.addWidget(plain_label(text), 0, col)
        self.rows: list[tuple[QCheckBox, QLineEdit, WorkerPicker, DateField]] = []
        due = services.ctx.clock.today() + timedelta(days=ACTION_DUE_DAYS)
        for n, item in enumerate(items, start=1):
            tick = QCheckBox()
            tick.setChecked(True)
            tick.setAccessibleName(f"Raise an action for deficiency {n}")
            text = f"Fix: {item.text}" + (f" ({item.note})" if item.note else "")
            description = QLineEdit(text)
            description.setAccessibleName(f"Action for deficiency {n}")
            description.setMinimumWidth(520)
            description.setCursorPosition(0)
            owner = WorkerPicker(workers, f"Owner of action {n}")
            owner.set_worker_id(body.inspector_id)
            due_edit = DateField(f"Due date of action {n}", due, subject="The due date")
            grid.addWidget(tick, n, 0)
            grid.addWidget(description, n, 1)
            grid.addWidget(owner, n, 2)
            grid.addWidget(due_edit, n, 3)
            self.rows.append((tick, description, owner, due_edit))
        layout.addLayout(grid)
        self.error = error_label(self)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        buttons.addButton("Raise actions", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Not now", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.raised: list[str] = []
        self.created: list[str] = []
        self.names = {w.id: w.name for w in workers}
        self.resize(max(self.sizeHint().width(), 1000), self.sizeHint().height())

    def raise_actions(self) -> list[str]:
        """Raise every ticked action; problems are shown and the rest still go through."""
        messages = []
        for tick, description, owner, due_edit in self.rows:
            if not tick.isChecked():
                continue
            due = due_edit.value()
            if due is None:
                messages.append(f"{description.text()}: {due_edit.problem()}")
                continue
            try:
                action = self.services.actions.raise_action(
                    description.text(),
                    due_date=due,
                    owner_id=owner.worker_id() or None,
                    source_record_id=self.record.id,
                )
            except ValidationError as exc:
                messages += [f"{description.text()}: {p.message}" for p in exc.problems]
            else:
                self.raised.append(action.id)
                who = self.names.get(owner.worker_id(), "no owner yet")
                self.created.append(f"'{action.description}' (owner: {who}, due {due.isoformat()})")
        self.error.setText("\n".join(messages))
        self.error.setVisible(bool(messages))
        return self.raised

    def confirmation(self, deficiencies: int) -> str:
        """One sentence on what became of the deficiencies, for the editor and the user."""
        if not self.created:
            return (
                f"No corrective action was created for the {deficiencies} deficiencies; "
                "raise them under Corrective actions."
                if deficiencies > 1
                else "No corrective action was created for the deficiency; "
                "raise it under Corrective actions."
            )
        made = "; ".join(self.created)
        count = len(self.created)
        noun = "corrective action" if count == 1 else "corrective actions"
        return f"{count} {noun} created: {made}."
