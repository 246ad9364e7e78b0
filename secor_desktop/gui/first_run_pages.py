"""The first-run wizard's company, program and site pages.

Each page checks its fields with the domain's own validation before the wizard moves on; a
problem shows in the line kept under its field (``first_run_errors``), so nothing moves.
The company fields and the frequency grid are the form kit's, the same as on the settings page.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from secor_desktop.domain.frameworks import DEFAULT_PACK_ID, bundled_packs_dir, discover_packs
from secor_desktop.domain.kinds import Frequency, RecordKind
from secor_desktop.domain.model import Company, Site
from secor_desktop.domain.validation import validate_company, validate_site
from secor_desktop.gui.forms.company import PROFILE_LABELS, CompanyFields
from secor_desktop.gui.forms.dates import date_edit, from_qdate
from secor_desktop.gui.forms.errors import FieldErrors, MessageLine, subject_first
from secor_desktop.gui.forms.frequencies import FrequencyGrid
from secor_desktop.gui.forms.labels import muted, plain_label
from secor_desktop.gui.pages.settings_packs import pack_about

if TYPE_CHECKING:
    from secor_desktop.gui.first_run import FirstRunWizard


def first_run_errors() -> FieldErrors:
    """The wizard's problem lines: the field's subject, then the message ('Company name is
    required'), led by a sign so a problem is not told by colour alone."""
    return FieldErrors(wording=subject_first)


def error_line(
    errors: FieldErrors, key: str, subject: str, widget: QWidget, parent: QWidget, lines: int = 1
) -> MessageLine:
    """Register ``widget`` under ``key`` and return its problem line, to place under it. The
    line keeps its ``lines`` of space while empty, so a message appearing moves nothing; the
    several lines of a list may grow into the space above them."""
    line = MessageLine(parent, lines, grow=lines > 1, sign="⚠")
    line.setAccessibleName(f"Problem with {key.replace('_', ' ')}")
    errors.add(key, subject, widget, line)
    return line


class CompanyPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Your company")
        self.setSubTitle(
            "What the audit and the evidence pack will be about. Fields marked * are required."
        )
        self.errors = first_run_errors()
        self.fields = CompanyFields(self, required_mark=True)
        self.name, self.province = self.fields.name, self.fields.province
        self.wcb_account, self.partner = self.fields.wcb_account, self.fields.partner
        self.framework = self.fields.framework
        self.packs = {p.id: p for p in discover_packs([bundled_packs_dir()])}
        for pack in sorted(self.packs.values(), key=lambda p: (p.id != DEFAULT_PACK_ID, p.name)):
            self.framework.addItem(f"{pack.name} (version {pack.version})", pack.id)
        # Each pack's source note where it is chosen: which part is fact, which our own words.
        self.pack_source = muted("", self)
        self.pack_source.setAccessibleName("About the chosen framework pack")
        self.framework.currentIndexChanged.connect(self._show_pack)
        self._show_pack()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        order: list[QWidget] = []
        for label, key in (
            ("Company &name *:", "name"),
            ("&Province:", "province"),
            ("&WCB account:", "wcb_account"),
            ("&Certifying partner:", "certifying_partner"),
            ("&Framework:", "framework_id"),
        ):
            widget = self.fields.widgets()[key]
            form.addRow(label, widget)
            form.addRow("", error_line(self.errors, key, PROFILE_LABELS[key], widget, self))
            order.append(widget)
        layout.addLayout(form)
        layout.addWidget(self.pack_source)
        layout.addStretch(1)
        for first, second in itertools.pairwise(order):  # down the form, as it reads
            QWidget.setTabOrder(first, second)
        demo_box = QFrame(self)
        demo_box.setFrameShape(QFrame.Shape.StyledPanel)
        demo_row = QHBoxLayout(demo_box)
        demo_text = plain_label(
            "Just looking? The demo company is a small Alberta builder with a year of records "
            "to explore. It is built in this data folder, which must still be empty.",
            demo_box,
            wrap=True,
        )
        demo_row.addWidget(demo_text, 1)
        self.demo_button = QPushButton("Open the &demo company", demo_box)
        self.demo_button.setAccessibleName("Open the demo company")
        self.demo_button.clicked.connect(wizard.open_demo)
        demo_row.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(demo_box)

    def _show_pack(self) -> None:
        pack = self.packs.get(str(self.framework.currentData()))
        self.pack_source.setText(pack_about(pack) if pack else "")

    def company(self) -> Company:
        return self.fields.company()

    def validatePage(self) -> bool:
        problems = validate_company(self.company())
        self.errors.show(problems)
        return not problems


class ProgramPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard, today: date) -> None:
        super().__init__(wizard)
        self.setTitle("Your safety program")
        self.setSubTitle(
            "How often your program says each record is made. The auditor checks your records "
            "against what you declare here; you can change it later."
        )
        layout = QVBoxLayout(self)
        audit_row = QHBoxLayout()
        self.audit_planned = QCheckBox("An &audit is planned on:", self)
        self.audit_planned.setAccessibleName("An audit date is planned")
        self.audit_date = date_edit("Planned audit date", today + timedelta(days=120), self)
        self.audit_date.setEnabled(False)
        self.audit_planned.toggled.connect(self.audit_date.setEnabled)
        audit_row.addWidget(self.audit_planned)
        audit_row.addWidget(self.audit_date)
        audit_row.addStretch(1)
        layout.addLayout(audit_row)
        self.grid = FrequencyGrid(self, columns=2)
        self.frequencies = self.grid.combos
        layout.addWidget(self.grid)
        layout.addStretch(1)
        chain: list[QWidget] = [self.audit_planned, self.audit_date, *self.frequencies.values()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def chosen_frequencies(self) -> dict[RecordKind, Frequency]:
        return self.grid.frequencies()

    def planned_audit(self) -> date | None:
        return from_qdate(self.audit_date.date()) if self.audit_planned.isChecked() else None


class SitePage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self.setTitle("Your first site")
        self.setSubTitle(
            "Where work happens: a shop, a yard or a job site. Records are dated and "
            "site-specific. You can add more sites later; leave it blank to skip."
        )
        self.errors = first_run_errors()
        form = QFormLayout(self)
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Site name")
        self.address = QLineEdit(self)
        self.address.setAccessibleName("Site address")
        form.addRow("Site &name:", self.name)
        form.addRow("", error_line(self.errors, "name", "Site name", self.name, self))
        form.addRow("&Address:", self.address)
        form.addRow("", error_line(self.errors, "address", "Address", self.address, self))

    def site(self) -> Site | None:
        if not self.name.text().strip() and not self.address.text().strip():
            return None
        return Site(id="", name=self.name.text().strip(), address=self.address.text().strip())

    def validatePage(self) -> bool:
        site = self.site()
        problems = validate_site(site) if site is not None else []
        self.errors.show(problems)
        return not problems
