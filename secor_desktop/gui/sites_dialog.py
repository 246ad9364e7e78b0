"""Sites: add one, rename it, switch it off, and say when work there starts and ends.

A site's first and last day bound what is due there (a closed site needs no daily hazard
assessment); the switch hides it from new records altogether. Until now sites were only made
in the first-run wizard, so this is where they are kept up to date.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.model import Site
from secor_desktop.gui.forms.dates import date_edit, from_qdate, to_qdate
from secor_desktop.services.errors import ValidationError
from secor_desktop.services.facade import Services

SITE_ROLE = Qt.ItemDataRole.UserRole
FIELD_WORDS = {
    "name": "Name",
    "address": "Address",
    "active_to": "Last day",
    "active_from": "First day",
}


def _day(edit: QDateEdit) -> date:
    return from_qdate(edit.date())


class SitesDialog(QDialog):
    saved = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Sites")
        self.current: Site | None = None
        today = services.ctx.clock.today()
        self.list = QListWidget(self)
        self.list.setAccessibleName("Sites")
        self.list.currentItemChanged.connect(lambda item, _old: self._load(item))
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Site name")
        self.address = QLineEdit(self)
        self.address.setAccessibleName("Address")
        self.active = QCheckBox("In use (offered in new records)", self)
        self.from_set = QCheckBox("Work starts on", self)
        self.from_date = date_edit("First day at the site", today, self)
        self.to_set = QCheckBox("Work ends on", self)
        self.to_date = date_edit("Last day at the site", today, self)
        for box, edit in ((self.from_set, self.from_date), (self.to_set, self.to_date)):
            box.toggled.connect(edit.setEnabled)
            edit.setEnabled(False)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #a4262c;")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Address", self.address)
        form.addRow("", self.active)
        form.addRow(self.from_set, self.from_date)
        form.addRow(self.to_set, self.to_date)
        form.addRow("", QLabel("Nothing is due at a site before its first or after its last day."))
        form.addRow("", self.problem)
        self.new_button = QPushButton("&New site", self)
        self.new_button.clicked.connect(self.new_site)
        self.save_button = QPushButton("&Save", self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton("Close", self)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 3)
        body.addLayout(right, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.resize(760, 360)
        self._fill()

    def _fill(self, select: str | None = None) -> None:
        self.list.clear()
        today = self.services.ctx.clock.today()
        for site in self.services.roster.sites():
            label = site.name if site.active_on(today) else f"{site.name} (not in use)"
            item = QListWidgetItem(label, self.list)
            item.setData(SITE_ROLE, site)
            if site.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        elif not self.list.count():
            self.new_site()

    def _load(self, item: QListWidgetItem | None) -> None:
        site = item.data(SITE_ROLE) if item is not None else None
        if not isinstance(site, Site):
            return
        self.current = site
        self.name.setText(site.name)
        self.address.setText(site.address)
        self.active.setChecked(site.active)
        self._set_date(self.from_set, self.from_date, site.active_from)
        self._set_date(self.to_set, self.to_date, site.active_to)
        self.problem.clear()

    @staticmethod
    def _set_date(box: QCheckBox, edit: QDateEdit, day: date | None) -> None:
        box.setChecked(day is not None)
        if day is not None:
            edit.setDate(to_qdate(day))

    def new_site(self) -> None:
        """A blank form; Save adds the site."""
        self.list.clearSelection()
        self.current = None
        self.name.clear()
        self.address.clear()
        self.active.setChecked(True)
        self.from_set.setChecked(False)
        self.to_set.setChecked(False)
        self.problem.clear()
        self.name.setFocus()

    def form_site(self) -> Site:
        base = self.current or Site(id=self.services.ctx.new_id(), name="")
        return replace(
            base,
            name=self.name.text(),
            address=self.address.text(),
            active=self.active.isChecked(),
            active_from=_day(self.from_date) if self.from_set.isChecked() else None,
            active_to=_day(self.to_date) if self.to_set.isChecked() else None,
        )

    def save(self) -> bool:
        """Save the form; a refusal names the field and nothing is written."""
        try:
            site = self.services.roster.save_site(self.form_site())
        except ValidationError as exc:
            self.problem.setText(
                " ".join(f"{FIELD_WORDS.get(p.field, p.field)} {p.message}." for p in exc.problems)
            )
            return False
        self._fill(select=site.id)
        self.saved.emit()
        return True
