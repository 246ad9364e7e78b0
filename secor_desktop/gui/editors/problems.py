"""Problem messages in the record editors: the line reserved under each field, and the
registry that routes a ``FieldProblem`` (by its path, ``body.hazards[2].task``) to the field it
is about, in words ("Hazards, line 3: task step is required").

Every message has its place before it appears, so showing or clearing one never moves a field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from secor_desktop.domain.validation import FieldProblem

ERROR_STYLE = "color: #b00020;"
SUB_NAMES = {"task": "task step"}  # a hazard line's task is a step of the record's job


class MessageLine(QLabel):
    """A problem message in space reserved for it: always there and always the same height, so
    a message appearing or going never moves a field (the next click lands where the user
    aimed). Text longer than the line is cut with an ellipsis; the whole of it is the tooltip
    and the accessible description."""

    def __init__(self, parent: QWidget | None = None, lines: int = 1) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(ERROR_STYLE)
        self.setAccessibleName("Problem")
        self.lines = lines
        self.setWordWrap(lines > 1)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 2)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.full = ""

    def setText(self, text: str) -> None:
        self.full = text
        self.setToolTip(text if text else "")
        self.setAccessibleDescription(text)
        self._render()

    def text(self) -> str:
        return self.full

    def clear(self) -> None:
        self.setText("")

    def _render(self) -> None:
        shown = self.full if self.lines > 1 else self.full.replace("\n", "; ")
        if self.lines == 1 and self.width() > 20:
            metrics = self.fontMetrics()
            shown = metrics.elidedText(shown, Qt.TextElideMode.ElideRight, self.width() - 4)
        super().setText(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render()


def error_label(parent: QWidget | None = None, lines: int = 1) -> MessageLine:
    return MessageLine(parent, lines)


@dataclass
class FieldSlot:
    """Where a path's problems are shown: the input, its label text and its red label."""

    widget: QWidget
    label: str
    error: QLabel
    row_label: QLabel | None = None


def line_of(rest: str) -> tuple[int | None, str]:
    """``[2].task`` -> (2, "task"); ``[1]`` -> (1, ""); ``.x`` -> (None, "x")."""
    match = re.match(r"^\[(\d+)\]\.?(.*)$", rest)
    if match:
        return int(match.group(1)), match.group(2)
    return None, rest.lstrip(".")


class FieldRegistry:
    """Paths to slots; a problem goes to the longest registered prefix of its path."""

    def __init__(self) -> None:
        self.slots: dict[str, FieldSlot] = {}

    def add(
        self, path: str, widget: QWidget, label: str, error: QLabel, row_label: QLabel | None = None
    ) -> None:
        self.slots[path] = FieldSlot(widget, label, error, row_label)

    def mark_required(self, path: str) -> None:
        """Put the asterisk on a field's label and '(required)' in its accessible name."""
        found = self.find(path)
        if found is None:
            return
        slot = found[1]
        if slot.row_label is not None and not slot.row_label.text().endswith(" *"):
            slot.row_label.setText(f"{slot.row_label.text()} *")
        target = slot.widget.focusProxy() or slot.widget
        if "(required)" not in target.accessibleName():
            target.setAccessibleName(f"{target.accessibleName()} (required)")

    def find(self, path: str) -> tuple[str, FieldSlot] | None:
        candidate = path
        while candidate:
            if candidate in self.slots:
                return candidate, self.slots[candidate]
            cut = max(candidate.rfind("."), candidate.rfind("["))
            if cut <= 0:
                break
            candidate = candidate[:cut]
        return None

    def clear(self) -> None:
        for slot in self.slots.values():
            text = own_problem(slot.widget)
            slot.error.setText(text)
            slot.widget.setAccessibleDescription(text)

    def own_problems(self) -> list[FieldProblem]:
        """What the inputs themselves refuse (a date typed wrong, a required date left empty),
        checked before the record's rules."""
        found = []
        for path, slot in self.slots.items():
            text = full_problem(slot.widget)
            if text:
                found.append(FieldProblem(path, text))
        return found

    def show(self, problems: list[FieldProblem]) -> list[FieldProblem]:
        """Put each problem under its field; return those that have no field on this form.
        An input's own sentence (``problem()``) is shown as it is, in place of the rest."""
        self.clear()
        messages: dict[str, list[str]] = {}
        unplaced: list[FieldProblem] = []
        for problem in problems:
            found = self.find(problem.field)
            if found is None:
                unplaced.append(problem)
                continue
            key, slot = found
            own = full_problem(slot.widget)
            if own:
                messages[key] = [own]
                continue
            if problem.message.endswith("."):  # already a whole sentence
                line = problem.message
            else:
                line = describe(slot.label, key, problem)
            messages.setdefault(key, []).append(line)
        for key, lines in messages.items():
            slot = self.slots[key]
            text = "\n".join(dict.fromkeys(lines))
            slot.error.setText(text)
            slot.widget.setAccessibleDescription(text)
        return unplaced

    def message_for(self, path: str) -> str:
        slot = self.slots.get(path)
        return slot.error.text() if slot else ""

    def problem_count(self) -> list[str]:
        """The labels of the fields now showing a problem, in form order."""
        return [slot.label for slot in self.slots.values() if slot.error.text()]


def full_problem(widget: QWidget) -> str:
    """What an input refuses, a required date left empty included (checked on Save)."""
    getter = getattr(widget, "problem", None)
    return str(getter()) if callable(getter) and widget.isEnabled() else ""


def own_problem(widget: QWidget) -> str:
    """What an input refuses as typed (shown live, without waiting for a save)."""
    getter = getattr(widget, "input_problem", None)
    return str(getter()) if callable(getter) and widget.isEnabled() else ""


def describe(label: str, key: str, problem: FieldProblem) -> str:
    """The sentence shown under a field: 'Title is required', 'Hazards, line 3: task is
    required', 'Crew: list the crew who did the task'."""
    message = problem.message
    reads_on = message.startswith(("is ", "must ", "comes "))
    rest = problem.field[len(key) :]
    if not rest:
        return f"{label} {message}" if reads_on else f"{label}: {message}"
    index, sub = line_of(rest)
    what = sub.replace("_id", "").replace("_", " ").replace(".", " ")
    what = re.sub(r"\[(\d+)\]", lambda m: f" {int(m.group(1)) + 1}", what).strip()
    what = SUB_NAMES.get(what, what)
    where = label if index is None else f"{label}, line {index + 1}"
    if not what:
        return f"{where}: {message}"
    return f"{where}: {what} {message}" if reads_on else f"{where}, {what}: {message}"


def summary(registry: FieldRegistry, unplaced: list[FieldProblem]) -> str:
    """The editor's top lines: problems with no field of their own, then which fields need
    attention (one field: its message itself)."""
    lines = [_sentence(p) for p in unplaced]
    flagged = registry.problem_count()
    if len(flagged) == 1:
        slot = next(s for s in registry.slots.values() if s.error.text())
        lines.append(f"Not saved yet. {flagged[0]}: {slot.error.text()}")
    elif flagged:
        names = ", ".join(flagged[:4]) + (", ..." if len(flagged) > 4 else "")
        lines.append(
            f"Not saved yet: {len(flagged)} fields need attention ({names}); see the red lines."
        )
    return "\n".join(lines)


def _sentence(problem: FieldProblem) -> str:
    """A problem with no field on the form, in words (its message names what it is about)."""
    if problem.field in ("record", "reason", "photos") or problem.field.startswith("attach"):
        return problem.message
    return str(problem)
