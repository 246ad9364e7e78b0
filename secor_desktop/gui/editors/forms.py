"""Which form edits which record kind."""

from __future__ import annotations

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui.editors.admin import AdminForm
from secor_desktop.gui.editors.document import DocumentForm
from secor_desktop.gui.editors.emergency import DrillForm, EmergencyPlanForm
from secor_desktop.gui.editors.fields import BodyForm
from secor_desktop.gui.editors.first_aid import FirstAidForm
from secor_desktop.gui.editors.hazards import FlhaForm, HazardAssessmentForm
from secor_desktop.gui.editors.incident import IncidentForm
from secor_desktop.gui.editors.inspection import InspectionForm
from secor_desktop.gui.editors.orientation import OrientationForm
from secor_desktop.gui.editors.toolbox import ToolboxTalkForm
from secor_desktop.gui.editors.training import TrainingForm

FORMS: dict[RecordKind, type[BodyForm]] = {
    form.kind: form
    for form in (
        HazardAssessmentForm,
        FlhaForm,
        InspectionForm,
        ToolboxTalkForm,
        TrainingForm,
        OrientationForm,
        IncidentForm,
        EmergencyPlanForm,
        DrillForm,
        DocumentForm,
        FirstAidForm,
        AdminForm,
    )
}
assert set(FORMS) == set(RecordKind), "every record kind needs a form"
