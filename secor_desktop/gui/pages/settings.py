"""Settings: the company profile, its framework pack, declared frequencies and audit dates.

Nothing is saved until Save, and nothing at all when a field is wrong: the services check the
whole profile and each problem is shown under its field. After a save the page emits
``records_changed`` so the window recomputes the dashboard and the other pages.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.frameworks import DEFAULT_PACK_ID, FrameworkPack
from secor_desktop.domain.kinds import DEFAULT_FREQUENCIES, Frequency, Province, RecordKind
from secor_desktop.domain.model import Company
from secor_desktop.domain.validation import FieldProblem
from secor_desktop.gui import notify
from secor_desktop.gui.first_run import FREQUENCY_LABELS, PROVINCES
from secor_desktop.gui.pages import PageHooks
from secor_desktop.gui.pages._forms import (
    ERROR_COLOUR,
    FieldErrors,
    date_edit,
    from_qdate,
    labelled,
    plain_label,
    problem_text,
    to_qdate,
    with_error,
)
from secor_desktop.services.errors import ValidationError
from secor_desktop.services.facade import Services
from secor_desktop.services.frameworks import PackCatalogue

FIELD_LABELS = {
    "name": "Company name",
    "wcb_account": "WCB account",
    "province": "Province",
    "certifying_partner": "Certifying partner",
    "framework_id": "Framework pack",
    "planned_audit_date": "Planned audit date",
    "certificate_date": "Certificate date",
    "late_entry_days": "Late entry after",
}
SAVED_COLOUR = "#0f5132"
DIRTY_COLOUR = "#664d03"


def _muted(text: str, parent: QWidget) -> QLabel:
    label = plain_label(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: #495057;")
    return label


def pack_text(pack: FrameworkPack, user_dir: Path | None) -> str:
    """How a pack is listed: its name, id and version, and whether it is the user's own."""
    text = f"{pack.name} ({pack.id}, version {pack.version})"
    if user_dir is not None and pack.origin and Path(pack.origin).parent == user_dir:
        text += " — your own pack"
    return text


def broken_text(catalogue: PackCatalogue) -> str:
    lines = []
    for error in catalogue.broken:
        where = Path(error.source).name or error.source
        entry = f" ({error.entry})" if error.entry else ""
        lines.append(f"⚠ Not usable: {where}{entry}: {error.problem}")
    return "\n".join(lines)


class SettingsPage(QWidget):
    title = "Settings"
    # Emitted after a save changed the profile, so the window recomputes every page.
    records_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.saved: Company | None = None
        self.catalogue: PackCatalogue | None = None
        self._loading = False
        today = services.ctx.clock.today()

        heading = plain_label("Settings", self)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        self.intro = _muted(
            "The company profile the audit, the readiness checks and the evidence pack are "
            "about. Changes take effect when you save them.",
            self,
        )

        general = QLabel(self)
        self.errors = FieldErrors(general)

        # --- company profile -----------------------------------------------------------------
        profile = QGroupBox("Company profile", self)
        self.name = QLineEdit(profile)
        self.name.setAccessibleName("Company name")
        self.name.setMaxLength(200)
        self.wcb_account = QLineEdit(profile)
        self.wcb_account.setAccessibleName("WCB account")
        self.wcb_account.setPlaceholderText("optional")
        self.province = QComboBox(profile)
        self.province.setAccessibleName("Province")
        for province, label in PROVINCES.items():
            self.province.addItem(f"{label} ({province.value})", province.value)
        self.province.setToolTip(
            "Sets the SECOR worker limit, who counts toward it, and the rebate rules."
        )
        self.partner = QLineEdit(profile)
        self.partner.setAccessibleName("Certifying partner")
        self.partner.setPlaceholderText("e.g. Alberta Construction Safety Association")
        self.framework = QComboBox(profile)
        self.framework.setAccessibleName("Framework pack")
        self.framework.setToolTip(
            "The audit instrument: its elements, questions and thresholds. Your own packs go "
            "in the frameworks folder of the data folder."
        )
        self.framework.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.framework.setMinimumContentsLength(24)
        self.pack_details = _muted("", profile)
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
        framework_cell = QWidget(profile)
        framework_box = QVBoxLayout(framework_cell)
        framework_box.setContentsMargins(0, 0, 0, 0)
        framework_box.setSpacing(2)
        for part in (self.framework, framework_error, self.pack_details, self.broken_packs):
            part.setParent(framework_cell)
            framework_box.addWidget(part)
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
            row = QWidget(dates)
            row_box = QHBoxLayout(row)
            row_box.setContentsMargins(0, 0, 0, 0)
            edit.setParent(row)
            row_box.addWidget(edit)
            row_box.addStretch(1)
            date_form.addRow(check, with_error(row, error))
        late_error = self.errors.add(
            "late_entry_days", FIELD_LABELS["late_entry_days"], self.late_days
        )
        late_row = QWidget(dates)
        late_box = QHBoxLayout(late_row)
        late_box.setContentsMargins(0, 0, 0, 0)
        self.late_days.setParent(late_row)
        late_box.addWidget(self.late_days)
        late_box.addStretch(1)
        date_form.addRow(
            labelled("&Late entry after:", self.late_days), with_error(late_row, late_error)
        )
        date_form.addRow(
            "",
            _muted(
                "Leave a date unticked when there is none yet. Without a certificate date the "
                "audit cycle cannot be planned.",
                dates,
            ),
        )

        # --- declared frequencies ----------------------------------------------------------
        program = QGroupBox("Declared frequencies", self)
        grid = QGridLayout(program)
        grid.addWidget(
            _muted(
                "How often your safety program says each record is made. Readiness checks "
                "your records against these.",
                program,
            ),
            0,
            0,
            1,
            2,
        )
        self.frequencies: dict[RecordKind, QComboBox] = {}
        for line, kind in enumerate(RecordKind, start=1):
            combo = QComboBox(program)
            combo.setAccessibleName(f"How often: {kind.label}")
            for freq, freq_text in FREQUENCY_LABELS.items():
                combo.addItem(freq_text, freq.value)
            kind_label = plain_label(f"{kind.label}:", program)
            kind_label.setBuddy(combo)
            grid.addWidget(kind_label, line, 0)
            grid.addWidget(combo, line, 1)
            self.frequencies[kind] = combo
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(RecordKind) + 1, 1)

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
            *(combo.currentIndexChanged for combo in self.frequencies.values()),
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
        return PageHooks(records_changed=self.records_changed)

    def refresh(self) -> None:
        """Show the saved profile; edits not saved yet are kept (the window may refresh all
        pages after a save elsewhere)."""
        if self.has_unsaved_changes():
            self.catalogue = self.services.frameworks()
            self.broken_packs.setText(broken_text(self.catalogue))
            self.broken_packs.setVisible(bool(self.catalogue.broken))
            return
        self.revert()

    def revert(self) -> None:
        """Throw away unsaved edits: the form shows the profile as saved."""
        self.saved = self.services.company.get()
        self.catalogue = self.services.frameworks()
        self.errors.clear()
        self._load(self.saved or Company(name="", province=Province.AB))
        self._edited()

    def _load(self, company: Company) -> None:
        self._loading = True
        try:
            self._fill_packs(company.framework_id)
            self.name.setText(company.name)
            self.wcb_account.setText(company.wcb_account)
            self.province.setCurrentIndex(max(self.province.findData(company.province.value), 0))
            self.partner.setText(company.certifying_partner)
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
            for kind, combo in self.frequencies.items():
                freq = company.frequencies.get(kind, DEFAULT_FREQUENCIES[kind])
                combo.setCurrentIndex(max(combo.findData(freq.value), 0))
        finally:
            self._loading = False

    def _fill_packs(self, chosen: str) -> None:
        catalogue = self.catalogue or self.services.frameworks()
        self.framework.clear()
        packs = sorted(catalogue.packs, key=lambda p: (p.id != DEFAULT_PACK_ID, p.name))
        for pack in packs:
            self.framework.addItem(pack_text(pack, catalogue.user_dir), pack.id)
            self.framework.setItemData(
                self.framework.count() - 1, str(pack.origin), Qt.ItemDataRole.ToolTipRole
            )
        if catalogue.get(chosen) is None:
            # The saved pack's file is gone: say so rather than quietly switching packs.
            self.framework.addItem(f"{chosen} — not installed: choose another", chosen)
        self.framework.setCurrentIndex(max(self.framework.findData(chosen), 0))
        self.broken_packs.setText(broken_text(catalogue))
        self.broken_packs.setVisible(bool(catalogue.broken))

    # --- the form ------------------------------------------------------------------------

    def form_company(self) -> Company:
        """The profile as the form shows it (not checked yet)."""
        base = self.saved or Company(name="", province=Province.AB)
        return replace(
            base,
            name=self.name.text().strip(),
            wcb_account=self.wcb_account.text().strip(),
            province=Province(self.province.currentData()),
            certifying_partner=self.partner.text().strip(),
            framework_id=str(self.framework.currentData() or DEFAULT_PACK_ID),
            planned_audit_date=self._date(self.planned_set, self.planned_date),
            certificate_date=self._date(self.certificate_set, self.certificate_date),
            late_entry_days=self.late_days.value(),
            frequencies={
                kind: Frequency(combo.currentData()) for kind, combo in self.frequencies.items()
            },
        )

    @staticmethod
    def _date(check: QCheckBox, edit: QDateEdit) -> date | None:
        return from_qdate(edit.date()) if check.isChecked() else None

    def has_unsaved_changes(self) -> bool:
        if self.saved is None:
            return bool(self.name.text().strip())
        return self.form_company() != self.saved

    def _edited(self) -> None:
        if self._loading:
            return
        self._describe_pack()
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

    def _describe_pack(self) -> None:
        catalogue = self.catalogue
        pack = catalogue.get(str(self.framework.currentData())) if catalogue else None
        if pack is None:
            self.pack_details.setText("This pack is not installed: choose one of the list.")
            return
        provinces = ", ".join(p.value for p in pack.provinces) or "any province"
        text = (
            f"{len(pack.elements)} elements · {pack.certifying_partner or 'any partner'} · "
            f"{provinces}"
        )
        if pack.replaces:
            text += " · your copy replaces the bundled pack of the same id"
        if self.saved is not None and pack.id != self.saved.framework_id:
            text += (
                ".\nFrom the next save, readiness and self-evaluations use this pack; "
                "evaluations saved with the other pack stay on record."
            )
        self.pack_details.setText(text)

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
            if label is not None and not problem_text(label, problem).startswith(label):
                # "2027-01-04 is in the future" → "Certificate date: 2027-01-04 is in ..."
                problem = FieldProblem(problem.field, f"{label}: {problem.message}")
            named.append(problem)
        self.errors.show(named)
        names = sorted({FIELD_LABELS.get(p.field, p.field) for p in problems})
        self._state(f"Not saved: check {', '.join(names)}.", ERROR_COLOUR)

    def error_text(self, field: str) -> str:
        """The message shown under a field (empty when none)."""
        return self.errors.error_for(field)
