"""Hours worked in a month: the month, the total, and optionally each worker's hours.

Typed, not spun: a payroll figure is copied in, so the inputs are text boxes that refuse
what is not a whole number, naming the field. The month sets the record's date (its last
day); when any worker's hours are given, the total is their sum and cannot be typed over.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from secor_desktop.domain.bodies import Body, HoursBody
from secor_desktop.domain.model import Worker
from secor_desktop.domain.record_kinds.hours import HOURS, month_end, month_start
from secor_desktop.gui.editors.fields import BodyForm
from secor_desktop.gui.forms.labels import plain_label
from secor_desktop.gui.signals import emit


def read_hours(text: str) -> int | None:
    """A whole number of hours as typed ("1,640" and "1 640" too); None if it is not one."""
    cleaned = text.replace(",", "").replace(" ", "").replace("\u00a0", "")
    if not cleaned.isascii() or not cleaned.lstrip("-").isdigit():
        return None
    return int(cleaned)


class HoursInput(QLineEdit):
    """A whole number of hours; blank reads as 0 where ``blank_ok``."""

    def __init__(self, name: str, *, blank_ok: bool) -> None:
        super().__init__()
        self.blank_ok = blank_ok
        self.setAccessibleName(name)
        self.setPlaceholderText("e.g. 1,640" if not blank_ok else "hours (blank: none)")
        self.setMaximumWidth(180)

    def value(self) -> int:
        return read_hours(self.text()) or 0

    def input_problem(self) -> str:
        text = self.text().strip()
        if not text or read_hours(text) is not None:
            return ""
        return f"'{text}' is not a number of hours: type a whole number, e.g. 1640"

    def problem(self) -> str:
        if not self.text().strip() and not self.blank_ok:
            return "type the hours worked (0 if none)"
        return self.input_problem()


class MonthInput(QLineEdit):
    """A month typed as YYYY-MM."""

    def __init__(self) -> None:
        super().__init__()
        self.setPlaceholderText("YYYY-MM, e.g. 2026-03")
        self.setInputMask("")
        self.setMaximumWidth(180)

    def start(self) -> date | None:
        return month_start(self.text().strip())

    def input_problem(self) -> str:
        text = self.text().strip()
        if not text or len(text) < 7 or self.start() is not None:
            return ""
        return f"'{text}' is not a month: write it as YYYY-MM, e.g. 2026-03"


class WorkerHours(QWidget):
    """One hours box per worker; blank boxes are left out of the split."""

    changed = Signal()

    def __init__(self, workers: list[Worker]) -> None:
        super().__init__()
        self.setAccessibleName("Hours by worker")
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, HoursInput] = {}
        for worker in workers:
            box = HoursInput(f"Hours of {worker.name}", blank_ok=True)
            box.textChanged.connect(lambda *_: emit(self.changed))
            label = plain_label(worker.name)
            label.setBuddy(box)
            layout.addRow(label, box)
            self.boxes[worker.id] = box
        if self.boxes:
            self.setFocusProxy(next(iter(self.boxes.values())))

    def split(self) -> tuple[tuple[str, ...], tuple[int, ...]]:
        given = [(wid, box.value()) for wid, box in self.boxes.items() if box.text().strip()]
        return tuple(w for w, _ in given), tuple(h for _, h in given)

    def set_split(self, worker_ids: tuple[str, ...], hours: tuple[int, ...]) -> None:
        for box in self.boxes.values():
            box.clear()
        for wid, value in zip(worker_ids, hours, strict=False):
            if wid in self.boxes:
                self.boxes[wid].setText(f"{value}")

    def input_problem(self) -> str:
        return next(
            (f"{b.accessibleName()}: {p}" for b in self.boxes.values() if (p := b.problem())),
            "",
        )

    problem = input_problem


class HoursForm(BodyForm):
    kind = HOURS
    event_date_label = "Month's last day"

    def build(self) -> None:
        self.month = self.add_row("body.month", "Month", MonthInput(), required=True)
        self.total = self.add_row(
            "body.total_hours",
            "Total hours",
            HoursInput("Total hours worked", blank_ok=False),
            required=True,
        )
        self.by_worker = self.add_row(
            "body.worker_hours", "By worker (optional)", WorkerHours(self.workers)
        )
        self.by_worker.changed.connect(self._split_changed)
        self.month.textChanged.connect(self._month_changed)
        found = self.registry.find("event_date")
        self.event_date = found[1].widget if found else None

    def _month_changed(self) -> None:
        end = month_end(self.month.text().strip())
        setter = getattr(self.event_date, "set_value", None)
        if end is not None and setter is not None:
            setter(end)

    def _split_changed(self) -> None:
        """With any worker's hours given, the total is their sum (read-only)."""
        ids, hours = self.by_worker.split()
        self.total.setReadOnly(bool(ids))
        if ids and not self.by_worker.input_problem():
            self.total.setText(f"{sum(hours)}")

    def load(self, body: Body) -> None:
        assert isinstance(body, HoursBody)
        self.month.setText(body.month)
        self.total.setText(f"{body.total_hours}")
        self.by_worker.set_split(body.worker_ids, body.worker_hours)

    def body(self) -> HoursBody:
        ids, hours = self.by_worker.split()
        return HoursBody(
            month=self.month.text().strip(),
            total_hours=read_hours(self.total.text()) or 0,
            worker_ids=ids,
            worker_hours=hours,
        )
