"""Building blocks shared by the record editors: labelled fields with an error line under each,
roster pickers, and the base class every kind's form derives from (labels, the error lines and
the registry of fields come from the form kit, ``gui.forms``, shared with the other forms).

A form registers each input under the path the services use for it (``body.task``,
``body.hazards``), so a ``FieldProblem`` from validation lands next to the input it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from secor_desktop.domain.bodies import Body
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record, Worker
from secor_desktop.domain.validation import FieldProblem
from secor_desktop.gui.editors.forms import register_form
from secor_desktop.gui.forms.errors import FieldErrors, error_label, with_error
from secor_desktop.gui.forms.labels import plain_label as plain_label
from secor_desktop.gui.signals import emit
from secor_desktop.gui.widgets.date_field import DateField
from secor_desktop.services.facade import Services

W = TypeVar("W", bound=QWidget)
KEEP_ENABLED = "keepEnabledWhenLocked"


def text_box(name: str, lines: int = 4) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    metrics = box.fontMetrics()
    box.setMinimumHeight(metrics.lineSpacing() * lines + 14)
    return box


class WorkerPicker(QComboBox):
    """One worker from the roster; an optional picker starts with a 'none' entry."""

    def __init__(
        self, workers: list[Worker], name: str, *, optional: bool = False, none_text: str = ""
    ) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.optional = optional
        if optional:
            self.addItem(none_text or "(none)", "")
        else:
            self.addItem("Choose a worker...", "")
        for worker in workers:
            self.addItem(f"{worker.name} ({worker.role})", worker.id)

    def worker_id(self) -> str:
        return str(self.currentData() or "")

    def set_worker_id(self, worker_id: str | None) -> None:
        index = self.findData(worker_id or "")
        self.setCurrentIndex(max(index, 0))


class WorkerChecklist(QListWidget):
    """Several workers from the roster, each ticked (crew, attendees, participants)."""

    changed = Signal()

    def __init__(self, workers: list[Worker], name: str, rows: int = 5) -> None:
        super().__init__()
        self.setAccessibleName(name)
        for worker in workers:
            item = QListWidgetItem(f"{worker.name} ({worker.role})")
            item.setData(Qt.ItemDataRole.UserRole, worker.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        row_height = self.fontMetrics().lineSpacing() + 6
        self.setMinimumHeight(row_height * min(max(len(workers), 2), rows) + 6)
        self.setMaximumHeight(row_height * rows + 6)
        self.itemChanged.connect(self._emit_changed)

    def _emit_changed(self, *_args: object) -> None:
        emit(self.changed)

    def worker_ids(self) -> tuple[str, ...]:
        ids = []
        for row in range(self.count()):
            item = self.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(ids)

    def set_worker_ids(self, ids: tuple[str, ...]) -> None:
        for row in range(self.count()):
            item = self.item(row)
            worker_id = item.data(Qt.ItemDataRole.UserRole)
            state = Qt.CheckState.Checked if worker_id in ids else Qt.CheckState.Unchecked
            item.setCheckState(state)


def workers_for_picking(services: Services, keep: tuple[str, ...] = ()) -> list[Worker]:
    """Active workers, plus anyone a record already names (a worker who has since left)."""
    today = services.ctx.clock.today()
    return [w for w in services.roster.workers() if w.active_on(today) or w.id in keep]


class BodyForm(QWidget):
    """The kind-specific part of an editor. Subclasses build inputs, then load and read a body.

    ``changed`` fires on any edit; the editor compares snapshots, so a form need not track
    whether it is dirty.
    """

    changed = Signal()
    kind: RecordKind
    event_date_label = "Date"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A form that names its ``kind`` is that kind's editor (gui/editors/forms.py)."""
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:
            register_form(cls)

    def __init__(
        self,
        services: Services,
        registry: FieldErrors,
        keep: tuple[str, ...] = (),
        prelude: Callable[[BodyForm], None] | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.registry = registry
        self.workers = workers_for_picking(services, keep)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        if prelude is not None:
            prelude(self)  # the editor's common rows (title, date, site) come first
        self.build()

    # --- building ------------------------------------------------------------------------

    def add_row(
        self,
        path: str,
        label: str,
        widget: W,
        error: QLabel | None = None,
        *,
        required: bool = False,
    ) -> W:
        """A labelled input with its error line under it (or at ``error``, a line the widget
        places itself), registered under ``path``. A required field's label ends with an
        asterisk (the editor explains it in a legend) and its accessible name says so."""
        if not widget.accessibleName():
            widget.setAccessibleName(label)
        if isinstance(widget, QComboBox | QDateEdit | QSpinBox):
            # Pickers stay at a readable width instead of stretching across the dialog.
            widget.setMinimumWidth(160 if isinstance(widget, QDateEdit | QSpinBox) else 380)
            widget.setSizePolicy(QSizePolicy.Policy.Fixed, widget.sizePolicy().verticalPolicy())
        if error is None:
            error = error_label()
            holder = with_error(widget, error)
        else:
            holder = with_error(widget)
        row_label = plain_label(label)
        row_label.setBuddy(widget.focusProxy() or widget)
        self.form.addRow(row_label, holder)
        self.registry.add(path, label, widget, error, row_label)
        if required:
            self.registry.mark_required(path)
        self.watch(widget)
        return widget

    def watch(self, widget: QWidget) -> None:
        """Forward the widget's edit signal to ``changed``."""

        def forward(*_args: object) -> None:
            emit(self.changed)

        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.textChanged.connect(forward)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(forward)
            if widget.isEditable():
                widget.editTextChanged.connect(forward)
        elif isinstance(widget, QDateEdit | DateField):
            widget.dateChanged.connect(forward)
            if isinstance(widget, DateField):
                widget.changed.connect(forward)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(forward)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(forward)
        elif isinstance(widget, WorkerChecklist) or hasattr(widget, "changed"):
            widget.changed.connect(forward)

    # --- the contract each kind fills in -------------------------------------------------

    def build(self) -> None:
        """Create the inputs, in tab order, with ``add_row``."""
        raise NotImplementedError

    def load(self, body: Body) -> None:
        raise NotImplementedError

    def body(self) -> Body:
        raise NotImplementedError

    def form_problems(self) -> list[FieldProblem]:
        """Problems only the form can see (a checklist item not answered yet): the record's
        rules cannot, because the saved record has no such state."""
        return []

    def extra_state(self) -> dict[str, object]:
        """Form state the body cannot hold, kept in the draft (unanswered checklist items)."""
        return {}

    def apply_extra_state(self, state: dict[str, object]) -> None:
        """Restore what ``extra_state`` returned."""

    def after_save(self, record: Record, editor: QWidget) -> str:
        """Called once a save went through (an inspection offers corrective actions here);
        returns a sentence confirming what else was done, or ''."""
        return ""

    def set_locked(self, locked: bool) -> None:
        set_inputs_locked(self, locked)
        for child in self.findChildren(QWidget):
            if isinstance(child, OptionalDate | LockAware):
                child.set_locked(locked)


class LockAware(QWidget):
    """A compound input that knows how to lock itself beyond what ``set_inputs_locked`` does."""

    def set_locked(self, locked: bool) -> None:
        raise NotImplementedError


class _IgnoreChanges(QObject):
    """Eats the events that would change a choice; Tab and reading still work."""

    PASS_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
    BLOCKED = (
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
    )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.BLOCKED:
            return True
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            return event.key() not in self.PASS_KEYS
        return False


_IGNORE = "readOnlyChoiceFilter"


def set_read_only_choice(widget: QWidget, locked: bool) -> None:
    targets: list[QWidget] = [widget]
    if isinstance(widget, QListWidget):
        targets.append(widget.viewport())
    current = widget.property(_IGNORE)
    if locked and not isinstance(current, _IgnoreChanges):
        ignore = _IgnoreChanges(widget)
        for target in targets:
            target.installEventFilter(ignore)
        widget.setProperty(_IGNORE, ignore)
    elif not locked and isinstance(current, _IgnoreChanges):
        for target in targets:
            target.removeEventFilter(current)
        widget.setProperty(_IGNORE, None)
        current.deleteLater()


def is_read_only_choice(widget: QWidget) -> bool:
    return isinstance(widget.property(_IGNORE), _IgnoreChanges)


def set_inputs_locked(root: QWidget, locked: bool) -> None:
    """Read-only for text (still selectable and legible), disabled for the other inputs."""
    for child in root.findChildren(QWidget):
        if child.property(KEEP_ENABLED):
            continue
        if isinstance(child, QLineEdit | QPlainTextEdit):
            child.setReadOnly(locked)
        elif isinstance(child, QAbstractSpinBox):
            child.setReadOnly(locked)
            if isinstance(child, QDateEdit):
                child.setCalendarPopup(not locked)
        elif isinstance(child, QComboBox | QCheckBox | QListWidget):
            # Choices stay legible (not greyed out) but ignore clicks, wheel and keys.
            set_read_only_choice(child, locked)
        elif isinstance(child, QAbstractButton):
            child.setEnabled(not locked)
        elif isinstance(child, QTableWidget) and child.property("editable"):
            triggers = QTableWidget.EditTrigger.NoEditTriggers
            if not locked:
                triggers = (
                    QTableWidget.EditTrigger.DoubleClicked
                    | QTableWidget.EditTrigger.SelectedClicked
                    | QTableWidget.EditTrigger.EditKeyPressed
                    | QTableWidget.EditTrigger.AnyKeyPressed
                )
            child.setEditTriggers(triggers)


class OptionalDate(LockAware):
    """A date that may be left unset: a tick box enables the date."""

    changed = Signal()

    def __init__(self, name: str, tick_text: str, default: date) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tick = QCheckBox(tick_text)
        self.tick.setAccessibleName(f"{name}: {tick_text}")
        self.edit = DateField(name, default, subject=f"The {name.lower()}")
        self.edit.setEnabled(False)
        layout.addWidget(self.tick)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.setAccessibleName(name)
        self.tick.toggled.connect(self._toggled)
        self.edit.changed.connect(self._emit_changed)

    def _emit_changed(self, *_args: object) -> None:
        emit(self.changed)

    def _toggled(self, on: bool) -> None:
        self.edit.setEnabled(on)
        emit(self.changed)

    def value(self) -> date | None:
        return self.edit.value() if self.tick.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.tick.setChecked(value is not None)
        if value is not None:
            self.edit.set_value(value)

    def input_problem(self) -> str:
        return self.edit.input_problem() if self.tick.isChecked() else ""

    def problem(self) -> str:
        return self.edit.problem() if self.tick.isChecked() else ""

    def set_locked(self, locked: bool) -> None:
        """Locked, the tick and the date stay legible (not greyed) but cannot change: the
        form made the tick a read-only choice and the date's text read-only already."""
        set_read_only_choice(self.tick, locked)
        self.edit.setEnabled(self.tick.isChecked())
        self.edit.setReadOnly(locked)


def enum_combo(labels: dict[str, str], name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for value, label in labels.items():
        combo.addItem(label, value)
    return combo


def set_combo_data(combo: QComboBox, value: str) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))
