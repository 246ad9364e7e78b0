"""Your path to the audit: the seed's four steps, where the company stands on each, and the
next thing to do as one button.

A new company lands here after the first-run wizard (it replaces the old "What next" dialog:
a page stays where a person can come back to it, a dialog is gone once closed). The steps are
``services.pages.audit_path()`` (pure ``domain/audit_path.py``); a button opens Settings, the audit
cycle, a training record prefilled with the internal auditor course, or the dashboard's own
fix for a finding (``gui/fixes.py``), so the two pages never disagree about what to do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.audit_path import (
    INTERNAL_AUDITOR_COURSE,
    NextThing,
    PathStep,
    StepState,
    current_step,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui import fixes
from secor_desktop.gui.background import Background
from secor_desktop.gui.pages import PageHooks
from secor_desktop.gui.pages._forms import plain_label
from secor_desktop.services.facade import Services
from secor_desktop.services.page_reads import AuditPath

PAGE_TITLE = "Your path to the audit"
STATE_COLOURS: dict[StepState, tuple[str, str]] = {
    StepState.DONE: ("#d1e7dd", "#0f5132"),
    StepState.IN_PROGRESS: ("#fff3cd", "#664d03"),
    StepState.TO_DO: ("#e2e6ea", "#41464b"),
}
# The page a step's button shows, and the field there that takes the keyboard.
PAGES = {NextThing.SETTINGS: ("Settings", "partner"), NextThing.AUDIT_CYCLE: ("Audit cycle", "")}


class StepBox(QFrame):
    """One step: its number and title, a coloured state, where things stand, and a button."""

    def __init__(self, step: PathStep, current: bool, label: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.step = step
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(f"Step {step.number}: {step.title}")
        grid = QGridLayout(self)
        title = plain_label(f"{step.number}. {step.title}", self)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        self.state = plain_label(step.state.label, self)
        back, fore = STATE_COLOURS[step.state]
        self.state.setStyleSheet(
            f"background: {back}; color: {fore}; padding: 2px 8px; border-radius: 4px;"
        )
        self.summary = plain_label(step.summary, self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(title, 0, 0)
        grid.addWidget(self.state, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.summary, 1, 0, 1, 2)
        self.button: QPushButton | None = None
        if label:
            self.button = QPushButton(label, self)
            self.button.setAccessibleName(label.rstrip("…"))
            if current:
                self.button.setDefault(True)
            grid.addWidget(self.button, 2, 1, Qt.AlignmentFlag.AlignRight)
        grid.setColumnStretch(0, 1)
        if current:
            self.setStyleSheet("StepBox { border: 2px solid #0b5ed7; border-radius: 6px; }")


class AuditPathPage(QWidget):
    records_changed = Signal()
    action_requested = Signal(str)  # show this corrective action
    page_requested = Signal(str, str)  # show the page with this sidebar title, focus this field
    import_requested = Signal()  # File > Import from a spreadsheet…

    def __init__(
        self, services: Services, tasks: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.path: AuditPath | None = None
        self.boxes: list[StepBox] = []
        self.loads = tasks.latest(self)
        self._focus_when_shown = False
        outer = QVBoxLayout(self)
        heading = plain_label(PAGE_TITLE, self)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.Bold)
        heading.setFont(font)
        outer.addWidget(heading)
        self.intro = plain_label("", self)
        self.intro.setWordWrap(True)
        outer.addWidget(self.intro)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body = QWidget(scroll)
        self.steps_layout = QVBoxLayout(self.body)
        scroll.setWidget(self.body)
        outer.addWidget(scroll, 1)
        # Under the steps: "bring what you have" (kept across refreshes, re-added each time).
        self.bring = QWidget(self.body)
        bring = QHBoxLayout(self.bring)
        bring.setContentsMargins(0, 8, 0, 0)
        bring.addWidget(
            plain_label(
                "Already keep your workers, sites or training in a spreadsheet? Bring them in.",
                self.bring,
            ),
            1,
        )
        self.import_button = QPushButton("Import from a spreadsheet…", self.bring)
        self.import_button.setAccessibleName("Import from a spreadsheet")
        self.import_button.clicked.connect(lambda _c=False: self.import_requested.emit())
        bring.addWidget(self.import_button)
        self.refresh()

    def hooks(self) -> PageHooks:
        return PageHooks(
            records_changed=self.records_changed,
            action_requested=self.action_requested,
            page_requested=self.page_requested,
            import_requested=self.import_requested,
            loads=self.loads,
        )

    def refresh(self) -> None:
        """Read the steps off the GUI thread (readiness reads every record); show them after."""
        self.loads.run(self.services.pages.audit_path, self.show_steps, on_slow=self._loading)

    def _loading(self) -> None:
        if self.path is None:  # a refresh keeps the steps it shows until the new ones come
            self.intro.setText("Working out where you stand…")

    def show_steps(self, path: AuditPath) -> None:
        had_focus = any(b.button is not None and b.button.hasFocus() for b in self.boxes)
        self.path = path
        for box in self.boxes:
            self.steps_layout.removeWidget(box)
            box.hide()  # at once: deleteLater waits for the event loop
            box.deleteLater()
        self.boxes = []
        while self.steps_layout.count():
            self.steps_layout.takeAt(0)
        current = current_step(self.path.steps)
        for step in self.path.steps:
            label = step.next_label
            if step.next_thing is NextThing.FIX_FINDING:  # the fix's own words, as on the dashboard
                fix = self.fix_for_step(step)
                label = fix.label if fix is not None else label
            box = StepBox(step, step is current, label, self.body)
            if box.button is not None:
                box.button.clicked.connect(lambda _c=False, s=step: self.do_step(s))
            self.boxes.append(box)
            self.steps_layout.addWidget(box)
        self.steps_layout.addWidget(self.bring)
        self.steps_layout.addStretch(1)
        if current is None:
            self.intro.setText(
                f"{self.path.company_name} has done all four steps. Keep the program going: "
                "the maintenance audits come in years two and three."
            )
        else:
            self.intro.setText(
                f"Four steps take {self.path.company_name} to a certificate. "
                f"You are on step {current.number}: {current.title.lower()}. Press F1 for the "
                "user guide."
            )
        # A save from a step's button: the keyboard goes on to the next step. Or the window
        # asked for the current step while the steps were still being worked out.
        if had_focus or self._focus_when_shown:
            self.focus_current()

    def focus_current(self) -> None:
        """The keyboard starts on the current step's button (once the steps are shown)."""
        self._focus_when_shown = self.loads.loading()
        current = self.path and current_step(self.path.steps)
        for box in self.boxes:
            if current is not None and box.step == current and box.button is not None:
                box.button.setFocus()

    def fix_for_step(self, step: PathStep) -> fixes.Fix | None:
        """What a step's button does, when it opens a record (None: it shows a page)."""
        assert self.path is not None
        if step.next_thing is NextThing.NEW_TRAINING:
            return fixes.Fix(
                step.next_label,
                RecordKind.TRAINING,
                INTERNAL_AUDITOR_COURSE,
                {"course": INTERNAL_AUDITOR_COURSE},
            )
        if step.next_thing is NextThing.OPEN_RECORD:
            return fixes.Fix(step.next_label, record_id=step.record_id)
        if step.next_thing is NextThing.FIX_FINDING and step.finding is not None:
            context = fixes.FixContext(self.services, self.path.report, self.path.pack)
            return fixes.fix_for(step.finding, context)
        return None

    def do_step(self, step: PathStep) -> None:
        page = PAGES.get(step.next_thing)
        if page is not None:
            self.page_requested.emit(*page)
            return
        fix = self.fix_for_step(step)
        if fix is not None and fixes.start_fix(
            self, self.services, fix, self.action_requested.emit
        ):
            self.records_changed.emit()
