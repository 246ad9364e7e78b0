"""Settings: the company profile, its framework pack, declared frequencies and audit dates.

Nothing is saved until Save, and nothing at all when a field is wrong: the services check the
whole profile and each problem is shown under its field. After a save the page emits
``records_changed`` so the window recomputes the dashboard and the other pages.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.kinds import Province
from secor_desktop.domain.model import Company
from secor_desktop.domain.validation import FieldProblem
from secor_desktop.gui import notify
from secor_desktop.gui.background import Background
from secor_desktop.gui.forms.company import PROFILE_LABELS, CompanyFields
from secor_desktop.gui.forms.dates import date_edit, from_qdate, to_qdate
from secor_desktop.gui.forms.errors import ERROR_COLOUR, FieldErrors, sentence, with_error
from secor_desktop.gui.forms.frequencies import FrequencyGrid
from secor_desktop.gui.forms.labels import labelled, muted, page_heading, plain_label
from secor_desktop.gui.pages import PageHooks
from secor_desktop.gui.pages.settings_packs import fill_packs, pack_details, show_broken
from secor_desktop.services.errors import ValidationError
from secor_desktop.services.facade import Services
from secor_desktop.services.frameworks import PackCatalogue

FIELD_LABELS = {
    **PROFILE_LABELS,
    "planned_audit_date": "Planned audit date",
    "certificate_date": "Certificate date",
    "late_entry_days": "Late entry after",
}
SAVED_COLOUR = "#0f5132"
DIRTY_COLOUR = "#664d03"


def _at_left(widget: QWidget) -> QWidget:
    """A short input kept at its own width, at the left of its form cell."""
    row = QWidget()
    box = QHBoxLayout(row)
    box.setContentsMargins(0, 0, 0, 0)
    widget.setParent(row)
    box.addWidget(widget)
    box.addStretch(1)
    return row


class SettingsPage(QWidget):
    title = "Settings"
    # Emitted after a save changed the profile, so the window recomputes every page.
    records_changed = Signal()

    def __init__(
        self, services: Services, tasks: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.loads = tasks.latest(self)
        self.saved: Company | None = None
        self.catalogue: PackCatalogue | None = None
        self._loading = False
        today = services.ctx.clock.today()

        heading = page_heading("Settings", self)
        self.intro = muted(
            "The company profile the audit, the readiness checks and the evidence pack are "
            "about. Changes take effect when you save them.",
            self,
        )

        general = QLabel(self)
        self.errors = FieldErrors.for_page(general)

        # --- company profile -----------------------------------------------------------------
        profile = QGroupBox("Company profile", self)
        self.profile = CompanyFields(profile)
        self.name, self.wcb_account = self.profile.name, self.profile.wcb_account
        self.province, self.partner = self.profile.province, self.profile.partner
        self.framework = self.profile.framework
        self.wcb_account.setPlaceholderText("optional")  # the wizard marks required fields
        self.pack_details = muted("", profile)
        self.pack_details.setAccessibleName("About the chosen framework pack")
        self.broken_packs = plain_label("", profile)
        self.broken_packs.setWordWrap(True)
        self.broken_packs.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.broken_packs.setAccessibleName("Framework pack files that could not be used")
        form = QFormLayout(profile)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, widget, field in (
            ("Company &name:", self.name, "name"),
            ("&WCB account:", self.wcb_account, "wcb_account"),
            ("Pr&ovince:", self.province, "province"),
            ("Certifying &partner:", self.partner, "certifying_partner"),
        ):
            error = self.errors.add(field, FIELD_LABELS[field], widget)
            form.addRow(labelled(text, widget), with_error(widget, error))
        framework_error = self.errors.add(
            "framework_id", FIELD_LABELS["framework_id"], self.framework
        )
        framework_cell = with_error(
            self.framework, framework_error, self.pack_details, self.broken_packs
        )
        form.addRow(labelled("Framework pac&k:", self.framework), framework_cell)

        # --- audit dates ---------------------------------------------------------------------
        dates = QGroupBox("Audit dates and late entries", self)
        self.planned_set = QCheckBox("Pl&anned audit:", dates)
        self.planned_set.setAccessibleName("An audit date is planned")
        self.planned_date = date_edit("Planned audit date", today, dates)
        self.planned_date.setToolTip(
            "The day of the next audit: the dashboard counts down to it and checks readiness "
            "on that day."
        )
        self.certificate_set = QCheckBox("Cer&tified on:", dates)
        self.certificate_set.setAccessibleName("The company is certified")
        self.certificate_date = date_edit("Certificate date", today, dates)
        self.certificate_date.setMaximumDate(to_qdate(today))
        self.certificate_date.setToolTip(
            "The date on your SECOR certificate: the three-year cycle of maintenance audits "
            "and recertification starts there."
        )
        self.late_days = QSpinBox(dates)
        self.late_days.setRange(1, 365)
        self.late_days.setSuffix(" days")
        self.late_days.setAccessibleName("Late entry after")
        self.late_days.setToolTip(
            "A record entered more than this many days after the event it describes is "
            "flagged as a late entry (auditors ask about those)."
        )
        date_form = QFormLayout(dates)
        for check, edit, field in (
            (self.planned_set, self.planned_date, "planned_audit_date"),
            (self.certificate_set, self.certificate_date, "certificate_date"),
        ):
            check.toggled.connect(edit.setEnabled)
            error = self.errors.add(field, FIELD_LABELS[field], edit)
            date_form.addRow(check, with_error(_at_left(edit), error))
        late_error = self.errors.add(
            "late_entry_days", FIELD_LABELS["late_entry_days"], self.late_days
        )
        date_form.addRow(
            labelled("&Late entry after:", self.late_days),
            with_error(_at_left(self.late_days), late_error),
        )
        date_form.addRow(
            "",
            muted(
                "Leave a date unticked when there is none yet. Without a certificate date the "
                "audit cycle cannot be planned.",
                dates,
            ),
        )

        # --- declared frequencies ----------------------------------------------------------
        program = QGroupBox("Declared frequencies", self)
        program_box = QVBoxLayout(program)
        program_box.addWidget(
            muted(
                "How often your safety program says each record is made. Readiness checks "
                "your records against these.",
                program,
            )
        )
        self.frequency_grid = FrequencyGrid(program)
        self.frequencies = self.frequency_grid.combos
        program_box.addWidget(self.frequency_grid)
        program_box.addStretch(1)

        # --- buttons -------------------------------------------------------------------------
        self.state_label = plain_label("", self)
        self.state_label.setAccessibleName("Save state")
        self.revert_button = QPushButton("&Revert", self)
        self.revert_button.setAccessibleName("Revert to the saved settings")
        self.revert_button.setToolTip("Undo the changes not saved yet.")
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton("&Save", self)
        self.save_button.setAccessibleName("Save the settings")
        self.save_button.setToolTip("Save the settings (Ctrl+S).")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

        left = QVBoxLayout()
        left.addWidget(profile)
        left.addWidget(dates)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(program, 2)
        content = QWidget(self)
        body = QVBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(columns)
        body.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)

        buttons = QHBoxLayout()
        buttons.addWidget(self.state_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.intro)
        layout.addWidget(general)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        for signal in (
            self.name.textChanged,
            self.wcb_account.textChanged,
            self.partner.textChanged,
            self.province.currentIndexChanged,
            self.framework.currentIndexChanged,
            self.planned_set.toggled,
            self.planned_date.dateChanged,
            self.certificate_set.toggled,
            self.certificate_date.dateChanged,
            self.late_days.valueChanged,
            self.frequency_grid.changed,
        ):
            signal.connect(self._edited)
        order: list[QWidget] = [
            self.name,
            self.wcb_account,
            self.province,
            self.partner,
            self.framework,
            self.planned_set,
            self.planned_date,
            self.certificate_set,
            self.certificate_date,
            self.late_days,
            *self.frequencies.values(),
            self.revert_button,
            self.save_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.refresh()

    # --- loading -------------------------------------------------------------------------

    def hooks(self) -> PageHooks:
        return PageHooks(records_changed=self.records_changed, loads=self.loads)

    def refresh(self) -> None:
        """Read the saved profile and the framework packs off the GUI thread, then show them;
        edits not saved yet are kept (the window may refresh all pages after a save
        elsewhere)."""
        services = self.services
        self.loads.run(lambda: (services.company.get(), services.frameworks()), self._loaded)

    def _loaded(self, answer: tuple[Company | None, PackCatalogue]) -> None:
        saved, self.catalogue = answer
        if self.has_unsaved_changes():
            show_broken(self.broken_packs, self.catalogue)
            return
        self._show_saved(saved)

    def revert(self) -> None:
        """Throw away unsaved edits: the form shows the profile as saved (read now: the user
        asked for it)."""
        self.catalogue = self.services.frameworks()
        self._show_saved(self.services.company.get())

    def _show_saved(self, saved: Company | None) -> None:
        self.saved = saved
        self.errors.clear()
        self._load(self.saved or Company(name="", province=Province.AB))
        self._edited()

    def _load(self, company: Company) -> None:
        self._loading = True
        try:
            self.catalogue = self.catalogue or self.services.frameworks()
            fill_packs(self.framework, self.catalogue, company.framework_id)
            show_broken(self.broken_packs, self.catalogue)
            self.profile.load(company)
            today = self.services.ctx.clock.today()
            self.certificate_date.setMaximumDate(to_qdate(today))
            for check, edit, day in (
                (self.planned_set, self.planned_date, company.planned_audit_date),
                (self.certificate_set, self.certificate_date, company.certificate_date),
            ):
                check.setChecked(day is not None)
                edit.setEnabled(day is not None)
                edit.setDate(to_qdate(day or today))
            self.late_days.setValue(company.late_entry_days)
            self.frequency_grid.set_frequencies(company.frequencies)
        finally:
            self._loading = False

    # --- the form ------------------------------------------------------------------------

    def form_company(self) -> Company:
        """The profile as the form shows it (not checked yet)."""
        return replace(
            self.profile.company(self.saved),
            planned_audit_date=self._date(self.planned_set, self.planned_date),
            certificate_date=self._date(self.certificate_set, self.certificate_date),
            late_entry_days=self.late_days.value(),
            frequencies=self.frequency_grid.frequencies(),
        )

    @staticmethod
    def _date(check: QCheckBox, edit: QDateEdit) -> date | None:
        return from_qdate(edit.date()) if check.isChecked() else None

    def has_unsaved_changes(self) -> bool:
        if self.saved is None:
            return bool(self.name.text().strip())
        return self.form_company() != self.saved.with_every_frequency()

    def _edited(self) -> None:
        if self._loading:
            return
        chosen = str(self.framework.currentData())
        self.pack_details.setText(pack_details(self.catalogue, chosen, self.saved))
        dirty = self.has_unsaved_changes()
        self.save_button.setEnabled(dirty or self.saved is None)
        self.revert_button.setEnabled(dirty)
        if self.saved is None:
            self._state("No company yet: fill in the profile and save.", DIRTY_COLOUR)
        elif dirty:
            self._state("● Unsaved changes: Save to apply them, Revert to undo.", DIRTY_COLOUR)
        else:
            self._state("All changes saved.", SAVED_COLOUR)

    def _state(self, text: str, colour: str) -> None:
        self.state_label.setText(text)
        self.state_label.setStyleSheet(f"color: {colour}; font-weight: bold;")

    # --- saving --------------------------------------------------------------------------

    def save(self) -> bool:
        """Save the whole profile, or nothing: each problem is shown under its field."""
        company = self.form_company()
        self.errors.clear()
        try:
            saved = self.services.company.save(company)
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return False
        changed = saved != self.saved
        self.saved = saved
        self.catalogue = self.services.frameworks()
        self._load(saved)
        self._edited()
        if changed:
            self._state(f"Saved: {saved.name}'s settings are up to date.", SAVED_COLOUR)
            notify.info("Settings saved.", self)
            self.records_changed.emit()
        return True

    def show_problems(self, problems: tuple[FieldProblem, ...] | list[FieldProblem]) -> None:
        named = []
        for problem in problems:
            label = FIELD_LABELS.get(problem.field)
            if label is not None and not sentence(label, problem.field, problem).startswith(label):
                # "2027-01-04 is in the future" → "Certificate date: 2027-01-04 is in ..."
                problem = FieldProblem(problem.field, f"{label}: {problem.message}")
            named.append(problem)
        self.errors.show(named)
        names = sorted({FIELD_LABELS.get(p.field, p.field) for p in problems})
        self._state(f"Not saved: check {', '.join(names)}.", ERROR_COLOUR)

    def error_text(self, field: str) -> str:
        """The message shown under a field (empty when none)."""
        return self.errors.message_for(field)
