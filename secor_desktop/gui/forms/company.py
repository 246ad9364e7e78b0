"""The company profile's fields: made, filled and read the same way in the first-run wizard and
on the settings page (each lays them out in its own form, with its own keyboard mnemonics).

The framework list is filled by each host: the wizard offers the bundled packs, the settings
page the whole catalogue with the user's own packs and any that could not be read.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from secor_desktop.domain.frameworks import DEFAULT_PACK_ID
from secor_desktop.domain.kinds import Province
from secor_desktop.domain.model import Company

PROVINCES: dict[Province, str] = {
    Province.AB: "Alberta",
    Province.BC: "British Columbia",
    Province.SK: "Saskatchewan",
    Province.MB: "Manitoba",
    Province.ON: "Ontario",
}
# How the profile's fields are named in messages ("Company name is required").
PROFILE_LABELS = {
    "name": "Company name",
    "wcb_account": "WCB account",
    "province": "Province",
    "certifying_partner": "Certifying partner",
    "framework_id": "Framework pack",
}


class CompanyFields:
    """The inputs of a company profile, children of ``parent``. ``required_mark`` puts
    '(required)' in the company name's accessible name, for forms that mark required fields."""

    def __init__(self, parent: QWidget, *, required_mark: bool = False) -> None:
        self.name = QLineEdit(parent)
        self.name.setAccessibleName("Company name" + (" (required)" if required_mark else ""))
        self.name.setMaxLength(200)
        self.wcb_account = QLineEdit(parent)
        self.wcb_account.setAccessibleName("WCB account")
        self.province = QComboBox(parent)
        self.province.setAccessibleName("Province")
        for province, label in PROVINCES.items():
            self.province.addItem(f"{label} ({province.value})", province.value)
        self.province.setToolTip(
            "Sets the SECOR worker limit, who counts toward it, and the rebate rules."
        )
        self.partner = QLineEdit(parent)
        self.partner.setAccessibleName("Certifying partner")
        self.partner.setPlaceholderText("e.g. Alberta Construction Safety Association")
        self.framework = QComboBox(parent)
        self.framework.setAccessibleName("Framework pack")
        self.framework.setToolTip(
            "The audit instrument: its elements, questions and thresholds. Your own packs go "
            "in the frameworks folder of the data folder."
        )
        self.framework.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.framework.setMinimumContentsLength(24)

    def widgets(self) -> dict[str, QWidget]:
        """Each input by the profile field it edits."""
        return {
            "name": self.name,
            "wcb_account": self.wcb_account,
            "province": self.province,
            "certifying_partner": self.partner,
            "framework_id": self.framework,
        }

    def load(self, company: Company) -> None:
        """Show ``company``'s profile (the framework list is the host's to fill)."""
        self.name.setText(company.name)
        self.wcb_account.setText(company.wcb_account)
        self.province.setCurrentIndex(max(self.province.findData(company.province.value), 0))
        self.partner.setText(company.certifying_partner)

    def company(self, base: Company | None = None) -> Company:
        """``base`` (or a new company) with the profile as the fields show it, not checked."""
        return replace(
            base or Company(name="", province=Province.AB),
            name=self.name.text().strip(),
            wcb_account=self.wcb_account.text().strip(),
            province=Province(self.province.currentData()),
            certifying_partner=self.partner.text().strip(),
            framework_id=str(self.framework.currentData() or DEFAULT_PACK_ID),
        )
