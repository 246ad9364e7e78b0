"""A register entry for another workplace party: who they are, their WCB clearance letter,
their liability insurance, whether they count toward the headcount, and their workers'
tickets. The clearance letter and the insurance certificate are attached as files (the
editor's own attachments). Renewing a letter is amending the entry with the new dates.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from secor_desktop.domain.bodies import Body, PartyTicket, PartyType, WorkplacePartyBody
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.fields import (
    KEEP_ENABLED,
    BodyForm,
    LockAware,
    enum_combo,
    set_combo_data,
    text_box,
)
from secor_desktop.gui.forms.labels import plain_label
from secor_desktop.gui.signals import emit
from secor_desktop.gui.widgets.date_field import DateField

PARTY_TYPES = {
    PartyType.SUBCONTRACTOR.value: "Subcontractor",
    PartyType.SELF_EMPLOYED.value: "Self-employed worker",
    PartyType.SUPPLIER.value: "Supplier",
}
# The headcount choice: None follows the province rule (resources/provinces.json).
HEADCOUNT = (
    ("rule", "As your province's rule says (see Headcount)", None),
    ("yes", "Counts toward our headcount", True),
    ("no", "Does not count toward our headcount", False),
)
TICKET_COLUMNS = ("Worker", "Ticket or course", "Issued", "Expires")


def _date(name: str) -> DateField:
    return DateField(name, None, required=False, subject=f"The {name.lower()}")


class TicketsEditor(LockAware):
    """The party's workers and their tickets: type a line below the table, then Add."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Workers and their tickets")
        self._lines: list[PartyTicket] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(TICKET_COLUMNS))
        self.table.setHorizontalHeaderLabels(list(TICKET_COLUMNS))
        self.table.setAccessibleName("Tickets of the party's workers")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setProperty(KEEP_ENABLED, True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col in (2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(90)
        self.table.setMaximumHeight(140)
        outer.addWidget(self.table)
        grid = QGridLayout()
        self.worker = QLineEdit()
        self.worker.setAccessibleName("Ticket holder")
        self.worker.setPlaceholderText("Worker's name")
        self.ticket = QLineEdit()
        self.ticket.setAccessibleName("Ticket or course")
        self.ticket.setPlaceholderText("e.g. Fall protection")
        self.issued = _date("Ticket issued")
        self.expiry = _date("Ticket expires")
        for col, (text, widget) in enumerate(
            (
                ("Worker", self.worker),
                ("Ticket or course", self.ticket),
                ("Issued", self.issued),
                ("Expires", self.expiry),
            )
        ):
            grid.addWidget(plain_label(text), 0, col)
            grid.addWidget(widget, 1, col)
        outer.addLayout(grid)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add &ticket")
        self.add_button.setAccessibleName("Add the ticket typed above to the list")
        self.add_button.clicked.connect(self.add_typed)
        self.remove_button = QPushButton("Remove ticket")
        self.remove_button.setAccessibleName("Remove the selected ticket")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        # Enter in the typed line adds it (and stays for the next one) rather than moving on
        # to the next field as Enter does elsewhere in the editor.
        for edit in (self.worker, self.ticket, self.issued.line, self.expiry.line):
            edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers()
            and self._pending()
        ):
            self.add_typed()
            return True
        return super().eventFilter(watched, event)

    def _pending(self) -> bool:
        typed = (self.worker.text(), self.ticket.text(), self.issued.text(), self.expiry.text())
        return any(t.replace("-", "").strip() for t in typed)

    def add_typed(self) -> None:
        """Keep the line typed below the table (the record's rules check it on Save)."""
        if not self._pending() or self.input_problem():
            return
        self._lines.append(
            PartyTicket(
                self.worker.text(), self.ticket.text(), self.issued.value(), self.expiry.value()
            )
        )
        for edit in (self.worker, self.ticket):
            edit.clear()
        self.issued.set_value(None)
        self.expiry.set_value(None)
        self._refresh()
        self.worker.setFocus()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._lines):
            del self._lines[row]
            self._refresh()

    def _refresh(self) -> None:
        self.table.setRowCount(len(self._lines))
        for row, line in enumerate(self._lines):
            cells = (
                line.worker,
                line.ticket,
                line.issued.isoformat() if line.issued else "",
                line.expiry.isoformat() if line.expiry else "",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, col, item)
        emit(self.changed)

    def lines(self) -> tuple[PartyTicket, ...]:
        return tuple(self._lines)

    def set_lines(self, lines: tuple[PartyTicket, ...]) -> None:
        self._lines = list(lines)
        self._refresh()

    def input_problem(self) -> str:
        """A date typed wrong below the table, said in the date's own words."""
        return self.issued.input_problem() or self.expiry.input_problem()

    def problem(self) -> str:
        """A line typed but not added would be lost on Save: say so instead."""
        if self.input_problem():
            return self.input_problem()
        if self._pending():
            return "Press Add ticket to keep the line typed below the list, or clear it."
        return ""

    def set_locked(self, locked: bool) -> None:
        for widget in (self.worker, self.ticket):
            widget.setReadOnly(locked)
        for field in (self.issued, self.expiry):
            field.setReadOnly(locked)
        self.add_button.setEnabled(not locked)
        self.remove_button.setEnabled(not locked)


class WorkplacePartyForm(BodyForm):
    kind = RecordKind("workplace_party")
    event_date_label = "Entered on"

    def build(self) -> None:
        self.name = QLineEdit()
        self.name.setPlaceholderText("The company or person, as on their clearance letter")
        self.add_row("body.name", "Party name", self.name, required=True)
        self.party_type = self.add_row(
            "body.party_type", "Type", enum_combo(PARTY_TYPES, "Type of party")
        )
        self.contact = QLineEdit()
        self.contact.setPlaceholderText("Contact person, phone, email")
        self.add_row("body.contact", "Contact", self.contact)
        self.clearance_number = QLineEdit()
        self.add_row("body.clearance_number", "WCB clearance letter no.", self.clearance_number)
        self.clearance_issued = self.add_row(
            "body.clearance_issued", "Clearance issued", _date("Clearance issued")
        )
        self.clearance_expiry = self.add_row(
            "body.clearance_expiry", "Clearance expires", _date("Clearance expires")
        )
        self.insurer = QLineEdit()
        self.insurer.setPlaceholderText("Liability insurer")
        self.add_row("body.insurer", "Insurer", self.insurer)
        self.policy_number = QLineEdit()
        self.add_row("body.policy_number", "Policy number", self.policy_number)
        self.insurance_issued = self.add_row(
            "body.insurance_issued", "Insurance issued", _date("Insurance issued")
        )
        self.insurance_expiry = self.add_row(
            "body.insurance_expiry", "Insurance expires", _date("Insurance expires")
        )
        self.headcount = QComboBox()
        for key, text, _value in HEADCOUNT:
            self.headcount.addItem(text, key)
        self.add_row("body.counts_toward_headcount", "Headcount", self.headcount)
        self.last_day = self.add_row(
            "body.last_day", "Last day on your sites", _date("Last day on your sites")
        )
        self.tickets = self.add_row("body.tickets", "Workers' tickets", TicketsEditor())
        self.notes = self.add_row("body.notes", "Notes", text_box("Notes", 2))
        hint = plain_label(
            "Attach the clearance letter and the insurance certificate on the Photos and "
            'files tab, with a caption that names each ("WCB clearance letter", '
            '"Liability insurance") so the prequalification pack files them.'
        )
        hint.setWordWrap(True)
        self.form.addRow(hint)

    def load(self, body: Body) -> None:
        assert isinstance(body, WorkplacePartyBody)
        self.name.setText(body.name)
        set_combo_data(self.party_type, body.party_type.value)
        self.contact.setText(body.contact)
        self.clearance_number.setText(body.clearance_number)
        self.clearance_issued.set_value(body.clearance_issued)
        self.clearance_expiry.set_value(body.clearance_expiry)
        self.insurer.setText(body.insurer)
        self.policy_number.setText(body.policy_number)
        self.insurance_issued.set_value(body.insurance_issued)
        self.insurance_expiry.set_value(body.insurance_expiry)
        key = next(k for k, _t, v in HEADCOUNT if v is body.counts_toward_headcount)
        set_combo_data(self.headcount, key)
        self.last_day.set_value(body.last_day)
        self.tickets.set_lines(body.tickets)
        self.notes.setPlainText(body.notes)

    def body(self) -> WorkplacePartyBody:
        counts = {k: v for k, _t, v in HEADCOUNT}[str(self.headcount.currentData())]
        return WorkplacePartyBody(
            name=self.name.text(),
            party_type=PartyType(self.party_type.currentData()),
            contact=self.contact.text(),
            clearance_number=self.clearance_number.text(),
            clearance_issued=self.clearance_issued.value(),
            clearance_expiry=self.clearance_expiry.value(),
            insurer=self.insurer.text(),
            policy_number=self.policy_number.text(),
            insurance_issued=self.insurance_issued.value(),
            insurance_expiry=self.insurance_expiry.value(),
            counts_toward_headcount=counts,
            last_day=self.last_day.value(),
            tickets=self.tickets.lines(),
            notes=self.notes.toPlainText(),
        )
