"""Repeating a record: the same content dated today, without what belonged to the old event."""

from __future__ import annotations

from datetime import UTC, date, datetime

from secor_desktop.domain.bodies import (
    Control,
    ControlLevel,
    FlhaBody,
    HazardItem,
    IncidentBody,
    IncidentType,
    ToolboxTalkBody,
    TrainingBody,
)
from secor_desktop.domain.kinds import RecordKind, RecordStatus, SignatureMeaning
from secor_desktop.domain.model import Attachment, Record, Signature
from secor_desktop.domain.repeat import repeat_of

YESTERDAY, TODAY = date(2026, 11, 1), date(2026, 11, 2)
HAZARD = HazardItem("Tear-off", "Fall from the eave", 5, 2, (Control(ControlLevel.PPE, "Harness"),))


def _flha() -> Record:
    record = Record(
        id="r1",
        kind=RecordKind.FLHA,
        title=f"FLHA {YESTERDAY.isoformat()} north slope",
        event_date=YESTERDAY,
        site_id="s1",
        body=FlhaBody("Tear-off, north slope", (HAZARD,), ("w1", "w2")),
        attachments=(Attachment("a" * 64, "roof.jpg", "image/jpeg", 10),),
        signatures=(
            Signature(
                "g1",
                "w1",
                "Sam",
                SignatureMeaning.PERFORMED,
                datetime(2026, 11, 1, tzinfo=UTC),
                "b" * 64,
                "c" * 64,
            ),
        ),
        void_reason="typed twice",
        voided_at=datetime(2026, 11, 1, tzinfo=UTC),
        content_sha256="d" * 64,
    )
    return record


def test_an_flha_keeps_task_hazards_crew_and_site_dated_today() -> None:
    """The copy has yesterday's content, today's date, no id, signatures, photos or void mark."""
    copy = repeat_of(_flha(), TODAY, {"w1", "w2"})
    assert copy.body == FlhaBody("Tear-off, north slope", (HAZARD,), ("w1", "w2"))
    assert (copy.event_date, copy.site_id, copy.id) == (TODAY, "s1", "")
    assert copy.signatures == () and copy.attachments == ()
    assert copy.status is RecordStatus.DRAFT and copy.content_sha256 == ""


def test_the_old_date_in_a_title_becomes_today() -> None:
    """A title naming the old date in ISO form names today's instead."""
    assert repeat_of(_flha(), TODAY, {"w1", "w2"}).title == "FLHA 2026-11-02 north slope"


def test_someone_who_left_is_dropped_from_the_crew() -> None:
    """A crew member no longer on the roster today is not carried over (they cannot sign)."""
    assert repeat_of(_flha(), TODAY, {"w2"}).body == FlhaBody(
        "Tear-off, north slope", (HAZARD,), ("w2",)
    )


def test_a_single_named_worker_is_kept() -> None:
    """The presenter (one id, not a list) stays: the editor asks for another if they left."""
    talk = Record(
        "t1",
        RecordKind.TOOLBOX_TALK,
        "Ladders",
        YESTERDAY,
        None,
        ToolboxTalkBody("Ladders", "w9", ("w1", "w9")),
    )
    assert repeat_of(talk, TODAY, {"w1"}).body == ToolboxTalkBody("Ladders", "w9", ("w1",))


def test_training_moves_its_expiry_and_drops_the_certificate_number() -> None:
    """A repeated course keeps its validity period from the new date and has no number yet."""
    training = Record(
        "c1",
        RecordKind.TRAINING,
        "First aid",
        YESTERDAY,
        None,
        TrainingBody("w1", "First aid", "Red Cross", date(2029, 11, 1), "FA-1"),
    )
    assert repeat_of(training, TODAY, {"w1"}).body == TrainingBody(
        "w1", "First aid", "Red Cross", date(2029, 11, 2), ""
    )


def test_training_without_expiry_stays_without() -> None:
    """No expiry on the old record: none on the copy."""
    training = Record(
        "c1", RecordKind.TRAINING, "WHMIS", YESTERDAY, None, TrainingBody("w1", "WHMIS", "")
    )
    body = repeat_of(training, TODAY, {"w1"}).body
    assert isinstance(body, TrainingBody) and body.expiry is None


def test_an_incident_loses_its_investigation_date() -> None:
    """The investigation date described the old incident only."""
    incident = Record(
        "i1",
        RecordKind.INCIDENT,
        "Slip",
        YESTERDAY,
        None,
        IncidentBody(IncidentType.NEAR_MISS, "Slipped on ice", ("w1",), "", "", "w1", YESTERDAY),
    )
    body = repeat_of(incident, TODAY, {"w1"}).body
    assert isinstance(body, IncidentBody) and body.investigation_date is None
    assert body.people_ids == ("w1",) and body.investigated_by_id == "w1"
