"""Problem messages on forms: the line under each field, and the one registry that routes a
``FieldProblem`` (by its path, ``body.hazards[2].task``) to the field it is about, in words.

Every form uses these: the record editors ("Hazards, line 3: task step is required"), the
settings page and the page dialogs ("Company name is required."), and the first-run wizard
("⚠ Company name is required"). What differs is only the wording (a function given to the
registry) and how the line keeps its space (see ``MessageLine``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from secor_desktop.domain.validation import FieldProblem

ERROR_COLOUR = "#b3261e"
ERROR_STYLE = f"color: {ERROR_COLOUR};"
SUB_NAMES = {"task": "task step"}  # a hazard line's task is a step of the record's job
# Messages that read as the end of a sentence about the field ("is required"): they get the
# field's label in front; others are full sentences already.
_CONTINUATIONS = ("is ", "are ", "comes ", "must ", "names ", "does ", "has ")
# The first-run sign's glyph can come from a taller fallback font: its line gets room for it.
_SIGN_ROOM = 6


class MessageLine(QLabel):
    """A problem message under a field, in one of three ways of keeping its space:

    - reserved (the default): always there and always ``lines`` high, so a message appearing
      or going never moves a field (the next click lands where the user aimed); one line of
      text longer than the line is cut with an ellipsis, the whole of it in the tooltip;
    - ``grow``: at least ``lines`` high, taller when the text needs it (a list under a table);
    - ``collapse``: hidden while empty, as tall as its text when shown (the settings page).

    A ``sign`` ("⚠") leads any text, so a problem is not told by colour alone. ``text()`` is
    the whole message as shown, sign included; it is also the accessible description.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        lines: int = 1,
        *,
        grow: bool = False,
        collapse: bool = False,
        sign: str = "",
    ) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(ERROR_STYLE)
        self.setAccessibleName("Problem")
        self.lines = lines
        self.collapse = collapse
        self.sign = sign
        self.elide = lines == 1 and not grow and not collapse
        self.setWordWrap(not self.elide)
        height = self.fontMetrics().lineSpacing() * lines + (_SIGN_ROOM + 2 if sign else 2)
        if collapse:
            self.hide()
        elif grow:
            self.setMinimumHeight(height)
        else:
            self.setFixedHeight(height)
            self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.full = ""

    def setText(self, text: str) -> None:
        self.full = f"{self.sign} {text}" if text and self.sign else text
        self.setToolTip(self.full)
        self.setAccessibleDescription(self.full)
        self._render()
        if self.collapse:
            self.setVisible(bool(self.full))

    def text(self) -> str:
        return self.full

    def clear(self) -> None:
        self.setText("")

    def _render(self) -> None:
        shown = self.full
        if self.elide:
            shown = shown.replace("\n", "; ")
            if self.width() > 20:
                metrics = self.fontMetrics()
                shown = metrics.elidedText(shown, Qt.TextElideMode.ElideRight, self.width() - 4)
        super().setText(shown)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render()


def error_label(parent: QWidget | None = None, lines: int = 1) -> MessageLine:
    """A reserved message line (the record editors' kind)."""
    return MessageLine(parent, lines)


def with_error(widget: QWidget, *below: QWidget) -> QWidget:
    """A field with its error line right under it (and any notes after that), as one form
    cell; with nothing below, the field alone in such a cell (its line is placed elsewhere)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    for part in (widget, *below):
        part.setParent(box)
        layout.addWidget(part)
    return box


# --- wording -------------------------------------------------------------------------------

Wording = Callable[[str, str, FieldProblem], str]
"""How a problem reads under its field: (the field's label, the registered path, problem)."""


def line_of(rest: str) -> tuple[int | None, str]:
    """``[2].task`` -> (2, "task"); ``[1]`` -> (1, ""); ``.x`` -> (None, "x")."""
    match = re.match(r"^\[(\d+)\]\.?(.*)$", rest)
    if match:
        return int(match.group(1)), match.group(2)
    return None, rest.lstrip(".")


def describe(label: str, key: str, problem: FieldProblem) -> str:
    """The editors' wording: 'Title is required', 'Hazards, line 3: task is required',
    'Crew: list the crew who did the task'; a whole sentence is shown as it is."""
    message = problem.message
    if message.endswith("."):
        return message
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


def sentence(label: str, _key: str, problem: FieldProblem) -> str:
    """The pages' wording: one sentence ending with a full stop ('Company name is required.')."""
    message = problem.message
    if message.startswith(_CONTINUATIONS):
        return f"{label} {message}."
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


def subject_first(label: str, _key: str, problem: FieldProblem) -> str:
    """The first-run wording: the subject, then the message ('Company name is required')."""
    text = f"{label} {problem.message}".strip()
    return text[:1].upper() + text[1:]


# --- the registry --------------------------------------------------------------------------


@dataclass
class FieldSlot:
    """Where a path's problems are shown: the input, its label text and its message line."""

    widget: QWidget
    label: str
    error: QLabel
    row_label: QLabel | None = None


class FieldErrors:
    """Field paths to slots; a problem goes to the longest registered prefix of its path.

    ``general`` is the line for problems no field of the form is about, for the form to place
    (a form that words those itself, as the editors do, leaves it out and uses what ``show``
    hands back). ``focus`` moves the keyboard to the first field with a problem."""

    def __init__(
        self, general: QLabel | None = None, *, wording: Wording = describe, focus: bool = False
    ) -> None:
        self.slots: dict[str, FieldSlot] = {}
        self.wording = wording
        self.focus = focus
        self.general = general if general is not None else QLabel()
        self.general.setTextFormat(Qt.TextFormat.PlainText)
        self.general.setWordWrap(True)
        self.general.setStyleSheet(ERROR_STYLE)
        self.general.hide()

    @classmethod
    def for_page(cls, general: QLabel) -> FieldErrors:
        """The pages' and their dialogs' way: whole sentences, the rest on ``general``, and
        the keyboard taken to the first field with a problem."""
        return cls(general, wording=sentence, focus=True)

    def add(
        self,
        field: str,
        label: str,
        widget: QWidget,
        error: QLabel | None = None,
        row_label: QLabel | None = None,
    ) -> QLabel:
        """Register a field; returns its message line (a hidden one is made when none is
        given, to place under the field)."""
        if error is None:
            error = MessageLine(widget.parentWidget(), collapse=True)
            error.setAccessibleName(f"{label} error")
        self.slots[field] = FieldSlot(widget, label, error, row_label)
        return error

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
        """Take the messages away; an input's own live problem (a date typed wrong) stays."""
        for slot in self.slots.values():
            text = own_problem(slot.widget)
            slot.error.setText(text)
            slot.widget.setAccessibleDescription(text)
        self.general.clear()
        self.general.hide()

    def own_problems(self) -> list[FieldProblem]:
        """What the inputs themselves refuse (a date typed wrong, a required date left empty),
        checked before the record's rules."""
        found = []
        for path, slot in self.slots.items():
            text = full_problem(slot.widget)
            if text:
                found.append(FieldProblem(path, text))
        return found

    def show(self, problems: Iterable[FieldProblem]) -> list[FieldProblem]:
        """Put each problem under its field; return those that have no field on this form
        (also shown on the ``general`` line). An input's own sentence
        (``problem()``) is shown as it is, in place of the rest."""
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
            messages.setdefault(key, []).append(self.wording(slot.label, key, problem))
        for key, lines in messages.items():
            slot = self.slots[key]
            text = "\n".join(dict.fromkeys(lines))
            slot.error.setText(text)
            slot.widget.setAccessibleDescription(text)
        if unplaced:
            self.show_text("Not saved: " + "; ".join(str(p) for p in unplaced))
        if self.focus and messages:
            self.slots[next(iter(messages))].widget.setFocus()
        return unplaced

    def show_text(self, text: str) -> None:
        """A sentence about the whole form, on the ``general`` line."""
        self.general.setText(text)
        self.general.show()

    def message_for(self, path: str) -> str:
        """The message shown under a field (empty when none)."""
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
