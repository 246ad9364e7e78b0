"""Incidents and near misses: what happened, who was involved, causes, the investigation."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox

from secor_desktop.domain.bodies import Body, IncidentBody, IncidentClass, IncidentType
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

TYPE_LABELS = {
    IncidentType.NEAR_MISS.value: "Near miss",
    IncidentType.INJURY.value: "Injury",
    IncidentType.PROPERTY_DAMAGE.value: "Property damage",
    IncidentType.ENVIRONMENTAL.value: "Environmental (spill, release)",
    IncidentType.OTHER.value: "Other",
}


# How the incident counts in the injury statistics (domain/statistics.py).
CLASS_LABELS = {
    "": "(not classified yet)",
    IncidentClass.FIRST_AID.value: "First aid",
    IncidentClass.MEDICAL_AID.value: "Medical aid (treated by a doctor or nurse)",
    IncidentClass.MODIFIED_WORK.value: "Modified work",
    IncidentClass.LOST_TIME.value: "Lost time",
    IncidentClass.FATALITY.value: "Fatality",
    IncidentClass.NEAR_MISS.value: "Near miss (nobody hurt)",
    IncidentClass.PROPERTY_DAMAGE.value: "Property damage",
}
MAX_DAYS = 3650


def _days_box(name: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, MAX_DAYS)
    box.setSuffix(" days")
    box.setAccessibleName(name)
    return box


class IncidentForm(BodyForm):
    kind = RecordKind.INCIDENT
    event_date_label = "Happened on"

    def build(self) -> None:
        self.incident_type = self.add_row(
            "body.incident_type", "Type", enum_combo(TYPE_LABELS, "Incident type")
        )
        self.description = self.add_row(
            "body.description", "What happened", text_box("What happened", 4)
        )
        self.people = self.add_row(
            "body.people_ids", "People involved", WorkerChecklist(self.workers, "People involved")
        )
        self.immediate = self.add_row(
            "body.immediate_causes", "Immediate causes", text_box("Immediate causes", 2)
        )
        self.root = self.add_row("body.root_causes", "Root causes", text_box("Root causes", 2))
        self.investigator = self.add_row(
            "body.investigated_by_id",
            "Investigated by",
            WorkerPicker(self.workers, "Investigated by", optional=True, none_text="(not yet)"),
        )
        self.investigation_date = self.add_row(
            "body.investigation_date",
            "Investigation",
            OptionalDate("Investigation date", "Investigated on", self.services.ctx.clock.today()),
        )
        self.classification: QComboBox = self.add_row(
            "body.classification",
            "Classification",
            enum_combo(CLASS_LABELS, "Classification for the statistics"),
        )
        self.days_lost = self.add_row("body.days_lost", "Days lost", _days_box("Days lost"))
        self.days_modified = self.add_row(
            "body.days_modified", "Days on modified work", _days_box("Days on modified work")
        )
        self.claim = QLineEdit()
        self.claim.setPlaceholderText("WCB claim number, if a claim was made")
        self.add_row("body.wcb_claim_number", "WCB claim number", self.claim)

    def load(self, body: Body) -> None:
        assert isinstance(body, IncidentBody)
        set_combo_data(self.incident_type, body.incident_type.value)
        self.description.setPlainText(body.description)
        self.people.set_worker_ids(body.people_ids)
        self.immediate.setPlainText(body.immediate_causes)
        self.root.setPlainText(body.root_causes)
        self.investigator.set_worker_id(body.investigated_by_id)
        self.investigation_date.set_value(body.investigation_date)
        cls = body.classification
        set_combo_data(self.classification, cls.value if cls is not None else "")
        self.days_lost.setValue(body.days_lost)
        self.days_modified.setValue(body.days_modified)
        self.claim.setText(body.wcb_claim_number)

    def body(self) -> IncidentBody:
        cls = self.classification.currentData()
        return IncidentBody(
            incident_type=IncidentType(self.incident_type.currentData()),
            description=self.description.toPlainText(),
            people_ids=self.people.worker_ids(),
            immediate_causes=self.immediate.toPlainText(),
            root_causes=self.root.toPlainText(),
            investigated_by_id=self.investigator.worker_id() or None,
            investigation_date=self.investigation_date.value(),
            classification=IncidentClass(cls)
            if (cls := self.classification.currentData())
            else None,
            days_lost=self.days_lost.value(),
            days_modified=self.days_modified.value(),
            wcb_claim_number=self.claim.text(),
        )
