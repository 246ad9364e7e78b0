"""The H&S representative or joint committee: its designation, and the minutes of its meetings.

A meeting's minutes link the inspections and investigations the representative or committee
took part in: each is ticked in a list of the year's records (titles and dates), read when the
editor opens, as the editor reads the roster.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.bodies import Body
from secor_desktop.domain.hs_bodies import (
    HsArrangement,
    HsChosenHow,
    HsDesignationBody,
    HsMeetingBody,
    Recommendation,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.fields import (
    BodyForm,
    OptionalDate,
    WorkerChecklist,
    WorkerPicker,
    enum_combo,
    set_combo_data,
    text_box,
)
from secor_desktop.gui.signals import emit

ARRANGEMENT_LABELS = {
    HsArrangement.REPRESENTATIVE.value: "A health and safety representative",
    HsArrangement.COMMITTEE.value: "A joint health and safety committee",
}
CHOSEN_LABELS = {
    HsChosenHow.CHOSEN_BY_WORKERS.value: "Chosen by the workers",
    HsChosenHow.APPOINTED.value: "Appointed by the employer",
    HsChosenHow.OTHER.value: "Another way (say how under training and notes)",
}


class IdChecklist(QListWidget):
    """Items ticked by id (sites covered, linked records), each shown by its text."""

    changed = Signal()

    def __init__(self, name: str, rows: int = 7) -> None:
        super().__init__()
        self.setAccessibleName(name)
        row_height = self.fontMetrics().lineSpacing() + 6
        self.setMinimumHeight(row_height * 5 + 6)
        self.setMaximumHeight(row_height * rows + 6)
        self.itemChanged.connect(self._emit_changed)

    def _emit_changed(self, *_args: object) -> None:
        emit(self.changed)

    def set_items(self, items: list[tuple[str, str]]) -> None:
        """Replace the items, keeping what was ticked."""
        ticked = self.ids()
        self.blockSignals(True)
        self.clear()
        for item_id, text in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)
        self.set_ids(ticked)

    def texts(self) -> list[str]:
        return [self.item(row).text() for row in range(self.count())]

    def ids(self) -> tuple[str, ...]:
        found = []
        for row in range(self.count()):
            item = self.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(found)

    def ticked_texts(self) -> list[str]:
        wanted = set(self.ids())
        return [
            self.item(row).text()
            for row in range(self.count())
            if self.item(row).data(Qt.ItemDataRole.UserRole) in wanted
        ]

    def set_ids(self, ids: tuple[str, ...]) -> None:
        for row in range(self.count()):
            item = self.item(row)
            on = item.data(Qt.ItemDataRole.UserRole) in ids
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class HsDesignationForm(BodyForm):
    kind = RecordKind("hs_designation")
    event_date_label = "Designated on"

    def build(self) -> None:
        self.arrangement = self.add_row(
            "body.arrangement", "Arrangement", enum_combo(ARRANGEMENT_LABELS, "Arrangement")
        )
        self.designated_by = self.add_row(
            "body.designated_by_id",
            "Designated by (signs)",
            WorkerPicker(self.workers, "Designated by"),
        )
        self.worker_members = self.add_row(
            "body.worker_member_ids",
            "Representative or worker members (each signs)",
            WorkerChecklist(self.workers, "Representative or worker members"),
        )
        self.employer_members = self.add_row(
            "body.employer_member_ids",
            "Employer members (committee; each signs)",
            WorkerChecklist(self.workers, "Employer members"),
        )
        self.co_chairs = self.add_row(
            "body.co_chair_ids",
            "Committee co-chairs",
            WorkerChecklist(self.workers, "Co-chairs"),
        )
        self.chosen_how = self.add_row(
            "body.chosen_how", "How chosen", enum_combo(CHOSEN_LABELS, "How chosen")
        )
        today = self.services.ctx.clock.today()
        self.term_end = self.add_row(
            "body.term_end", "Term", OptionalDate("Term end", "Term ends on", today)
        )
        self.training = self.add_row(
            "body.training",
            "Training taken",
            text_box("Training taken: courses and dates, or where the training records are", 3),
        )
        self.sites = self.add_row("body.site_ids", "Sites covered", IdChecklist("Sites covered"))
        self.sites.set_items([(s.id, s.name) for s in self.services.roster.sites()])
        self.sites.setToolTip("Tick none when the designation covers every site")

    def load(self, body: Body) -> None:
        assert isinstance(body, HsDesignationBody)
        set_combo_data(self.arrangement, body.arrangement.value)
        self.designated_by.set_worker_id(body.designated_by_id)
        self.worker_members.set_worker_ids(body.worker_member_ids)
        self.employer_members.set_worker_ids(body.employer_member_ids)
        self.co_chairs.set_worker_ids(body.co_chair_ids)
        set_combo_data(self.chosen_how, body.chosen_how.value)
        self.term_end.set_value(body.term_end)
        self.training.setPlainText(body.training)
        self.sites.set_ids(body.site_ids)

    def body(self) -> HsDesignationBody:
        return HsDesignationBody(
            arrangement=HsArrangement(self.arrangement.currentData()),
            designated_by_id=self.designated_by.worker_id(),
            worker_member_ids=self.worker_members.worker_ids(),
            chosen_how=HsChosenHow(self.chosen_how.currentData()),
            employer_member_ids=self.employer_members.worker_ids(),
            co_chair_ids=self.co_chairs.worker_ids(),
            term_end=self.term_end.value(),
            training=self.training.toPlainText(),
            site_ids=self.sites.ids(),
        )


class RecommendationList(QWidget):
    """Recommendations to the employer, one a line, each with the employer's response."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Recommendations")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.lines = QVBoxLayout()
        layout.addLayout(self.lines)
        self.rows: list[tuple[QWidget, QLineEdit, QLineEdit]] = []
        self.add_button = QPushButton("Add a recommendation")
        self.add_button.clicked.connect(self._add_pressed)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch(1)
        layout.addLayout(row)

    def _add_pressed(self) -> None:
        self.add_line().setFocus()

    def add_line(self, text: str = "", response: str = "") -> QLineEdit:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        n = len(self.rows) + 1
        what = QLineEdit(text)
        what.setPlaceholderText("What the meeting recommends")
        what.setAccessibleName(f"Recommendation {n}")
        answer = QLineEdit(response)
        answer.setPlaceholderText("The employer's response (and when)")
        answer.setAccessibleName(f"Response to recommendation {n}")
        for edit in (what, answer):
            edit.textChanged.connect(self._emit_changed)
        row.addWidget(what, 3)
        row.addWidget(answer, 2)
        before = self.rows[-1][2] if self.rows else _tab_stop_before(self.add_button)
        self.lines.addWidget(holder)
        holder.show()  # at once, not when the layout next runs: the new line takes the cursor
        # Tab walks the lines in order, then on to the button (a new line would come last).
        if before is not None:
            QWidget.setTabOrder(before, what)
        QWidget.setTabOrder(what, answer)
        QWidget.setTabOrder(answer, self.add_button)
        self.rows.append((holder, what, answer))
        emit(self.changed)
        return what

    def _emit_changed(self, *_args: object) -> None:
        emit(self.changed)

    def value(self) -> tuple[Recommendation, ...]:
        """Lines left wholly blank are not recommendations."""
        return tuple(
            Recommendation(what.text(), answer.text())
            for _holder, what, answer in self.rows
            if what.text().strip() or answer.text().strip()
        )

    def set_value(self, items: tuple[Recommendation, ...]) -> None:
        for holder, _what, _answer in self.rows:
            holder.setParent(None)
            holder.deleteLater()
        self.rows = []
        for item in items:
            self.add_line(item.text, item.response)


def _tab_stop_before(widget: QWidget) -> QWidget | None:
    """The widget Tab reaches just before ``widget`` (skipping those Tab passes over)."""
    found = widget.previousInFocusChain()
    while found is not None and found is not widget:
        if found.focusPolicy() & Qt.FocusPolicy.TabFocus and found.isEnabled():
            return found
        found = found.previousInFocusChain()
    return None


class HsMeetingForm(BodyForm):
    kind = RecordKind("hs_meeting")
    event_date_label = "Held on"

    def build(self) -> None:
        self.attendees = self.add_row(
            "body.attendee_ids",
            "Attendees (each signs)",
            WorkerChecklist(self.workers, "Attendees"),
        )
        self.agenda = self.add_row("body.agenda", "Agenda", text_box("Agenda", 3))
        self.discussion = self.add_row("body.discussion", "Discussion", text_box("Discussion", 4))
        self.concerns = self.add_row(
            "body.concerns", "Concerns raised", text_box("Concerns raised", 3)
        )
        self.recommendations = self.add_row(
            "body.recommendations", "Recommendations and responses", RecommendationList()
        )
        self.inspections = self.add_row(
            "body.inspection_ids",
            "Inspections taken part in",
            IdChecklist("Inspections the representative or committee took part in"),
        )
        self.investigations = self.add_row(
            "body.investigation_ids",
            "Investigations taken part in",
            IdChecklist("Investigations the representative or committee took part in"),
        )
        self._offer_links((), ())
        today = self.services.ctx.clock.today()
        self.next_meeting = self.add_row(
            "body.next_meeting",
            "Next meeting",
            OptionalDate("Next meeting", "Next meeting on", today),
        )

    def _offer_links(self, inspections: tuple[str, ...], investigations: tuple[str, ...]) -> None:
        """The records already linked first, then the year's others, newest first."""
        links = self.services.links
        for box, kind, keep in (
            (self.inspections, RecordKind.INSPECTION, inspections),
            (self.investigations, RecordKind.INCIDENT, investigations),
        ):
            offered = sorted(links.choices(kind, keep), key=lambda c: c.id not in keep)
            box.set_items([(c.id, c.text) for c in offered])

    def load(self, body: Body) -> None:
        assert isinstance(body, HsMeetingBody)
        self.attendees.set_worker_ids(body.attendee_ids)
        self.agenda.setPlainText(body.agenda)
        self.discussion.setPlainText(body.discussion)
        self.concerns.setPlainText(body.concerns)
        self.recommendations.set_value(body.recommendations)
        self._offer_links(body.inspection_ids, body.investigation_ids)
        self.inspections.set_ids(body.inspection_ids)
        self.investigations.set_ids(body.investigation_ids)
        self.next_meeting.set_value(body.next_meeting)

    def body(self) -> HsMeetingBody:
        return HsMeetingBody(
            attendee_ids=self.attendees.worker_ids(),
            agenda=self.agenda.toPlainText(),
            discussion=self.discussion.toPlainText(),
            concerns=self.concerns.toPlainText(),
            recommendations=self.recommendations.value(),
            inspection_ids=self.inspections.ids(),
            investigation_ids=self.investigations.ids(),
            next_meeting=self.next_meeting.value(),
        )
