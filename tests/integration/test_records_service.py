"""Records through the real services: create, sign, amend with a reason, void, refuse."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from secor_desktop.domain.bodies import ToolboxTalkBody, TrainingBody
from secor_desktop.domain.kinds import RecordKind, RecordStatus, SignatureMeaning
from secor_desktop.domain.ledger import FLAG_LATE_ENTRY
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.errors import RecordLockedError, ValidationError
from tests import postgres_server
from tests.conftest import TODAY, SmallCompany, signature_png


def _row_counts(company: SmallCompany) -> tuple[int, ...]:
    return tuple(
        postgres_server.count_rows(company.services, t)
        for t in ("records", "signatures", "revisions", "corrective_actions")
    )


def test_new_record_is_a_draft_with_one_revision(company: SmallCompany) -> None:
    """A saved record starts as a draft and its first revision is in the chain."""
    record = company.inspection()
    assert record.status is RecordStatus.DRAFT
    (rev,) = company.services.records.history(record.id)
    assert rev.revision == 1 and rev.reason is None


def test_signing_locks_the_record(company: SmallCompany) -> None:
    """Once signed, a record refuses changes that give no reason."""
    record = company.inspection()
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    with pytest.raises(RecordLockedError, match="Give a reason"):
        company.services.records.update(
            record.id,
            title="Changed",
            event_date=record.event_date,
            site_id=record.site_id,
            body=record.body,
            attachments=(),
        )


def test_amending_a_signed_record_keeps_the_signed_revision(company: SmallCompany) -> None:
    """An amendment with a reason adds a revision; the signed one stays readable."""
    services = company.services
    record = company.inspection()
    signed = services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    amended = services.records.update(
        record.id,
        title="Weekly yard inspection (corrected)",
        event_date=record.event_date,
        site_id=record.site_id,
        body=record.body,
        attachments=(),
        reason="typo in the title",
    )
    history = services.records.history(record.id)
    assert [h.reason for h in history] == [None, None, "typo in the title"]
    assert amended.status is RecordStatus.DRAFT  # needs signing again
    assert amended.signatures == signed.signatures  # the old signature is kept, not moved
    assert amended.signatures[0].content_sha256 == signed.content_sha256
    assert services.verify().ok


def test_signature_is_bound_to_the_content_it_signed(company: SmallCompany) -> None:
    """The signature carries the hash of the content as it was when signed."""
    record = company.inspection()
    signed = company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    (sig,) = signed.signatures
    assert sig.content_sha256 == record.content_sha256
    assert sig.signer_name == "Zoë Tremblay" and sig.meaning is SignatureMeaning.PERFORMED


def test_void_needs_a_reason_and_keeps_the_record(company: SmallCompany) -> None:
    """Voiding marks the record void with its reason; nothing is deleted."""
    record = company.inspection()
    with pytest.raises(ValidationError, match="reason: is required"):
        company.services.records.void(record.id, "  ")
    voided = company.services.records.void(record.id, "entered twice")
    assert voided.status is RecordStatus.VOID
    assert company.services.records.get(record.id).void_reason == "entered twice"


def test_future_inspection_is_refused_and_nothing_saved(company: SmallCompany) -> None:
    """An inspection dated tomorrow is refused, naming the field, and no row is written."""
    before = _row_counts(company)
    with pytest.raises(ValidationError, match="event_date: 2026-11-03 is in the future"):
        company.inspection(day=TODAY + timedelta(days=1))
    assert _row_counts(company) == before


def test_missing_title_is_refused_and_nothing_saved(company: SmallCompany) -> None:
    """A blank title is refused with the field named; the database is unchanged."""
    before = _row_counts(company)
    with pytest.raises(ValidationError, match="title: is required"):
        company.inspection(title="   ")
    assert _row_counts(company) == before


def test_expiry_must_follow_the_course_date(company: SmallCompany) -> None:
    """A certificate cannot expire before the course was completed."""
    with pytest.raises(ValidationError, match=r"body\.expiry: must come after"):
        company.services.records.create(
            RecordKind.TRAINING,
            title="First aid",
            event_date=date(2026, 5, 1),
            site_id=None,
            body=TrainingBody(
                company.worker.id, "Standard First Aid", "Red Cross", expiry=date(2026, 4, 1)
            ),
        )


def test_attendees_must_be_on_the_roster(company: SmallCompany) -> None:
    """An attendee id that names nobody is refused, naming the attendee's position."""
    with pytest.raises(ValidationError, match=r"body.attendee_ids\[1\]: is not a worker"):
        company.services.records.create(
            RecordKind.TOOLBOX_TALK,
            title="Ladder safety",
            event_date=TODAY,
            site_id=None,
            body=ToolboxTalkBody("Ladders", company.lead.id, (company.worker.id, "nobody")),
        )


def test_worker_cannot_sign_before_their_start_date(
    company: SmallCompany, clock: FixedClock
) -> None:
    """A signature dated before the signer started work is refused."""
    record = company.inspection(day=date(2026, 3, 2))
    clock.set(clock.now().replace(month=3, day=2))
    with pytest.raises(ValidationError, match="Sam Okafor starts on 2026-04-01"):
        company.services.records.sign(
            record.id,
            signer_id=company.worker.id,
            meaning=SignatureMeaning.ATTENDED,
            image_png=signature_png(),
        )


def test_signature_must_be_a_png_drawing(company: SmallCompany) -> None:
    """Anything but a PNG image as a signature is refused."""
    record = company.inspection()
    with pytest.raises(ValidationError, match="image: the signature must be a drawn PNG"):
        company.services.records.sign(
            record.id,
            signer_id=company.lead.id,
            meaning=SignatureMeaning.PERFORMED,
            image_png=b"GIF89a...",
        )


def test_text_over_the_limit_is_refused(company: SmallCompany) -> None:
    """A title longer than 200 characters is refused with the length given."""
    with pytest.raises(ValidationError, match="title: is 201 characters; the limit is 200"):
        company.inspection(title="x" * 201)


def test_late_entry_is_flagged_not_hidden(company: SmallCompany) -> None:
    """A record entered three weeks after its event carries the late-entry flag."""
    record = company.inspection(day=TODAY - timedelta(days=21))
    (rev,) = company.services.records.history(record.id)
    assert FLAG_LATE_ENTRY in rev.flags


def test_clock_going_backwards_is_flagged(company: SmallCompany, clock: FixedClock) -> None:
    """An entry time earlier than the previous revision's is flagged."""
    clock.set(clock.now() - timedelta(hours=2))
    record = company.inspection(day=TODAY - timedelta(days=1))
    (rev,) = company.services.records.history(record.id)
    assert "clock_backwards" in rev.flags


def test_same_name_in_another_unicode_form_is_a_duplicate(company: SmallCompany) -> None:
    """'Zoë' typed with a combining diaeresis is the same worker name."""
    decomposed = "Zoe\u0308 Tremblay"
    with pytest.raises(ValidationError, match="already on the roster"):
        company.services.roster.add_worker(replace(company.lead, id="", name=decomposed))


def test_worker_end_before_start_is_refused(company: SmallCompany) -> None:
    """A worker cannot leave before they started."""
    with pytest.raises(ValidationError, match="end_date: comes before the start date"):
        company.services.roster.save_worker(replace(company.worker, end_date=date(2026, 3, 1)))


def test_closing_an_action_needs_a_note(company: SmallCompany) -> None:
    """A corrective action is closed only with a note saying how."""
    action = company.services.actions.raise_action(
        "Replace frayed lanyard", due_date=TODAY + timedelta(days=3), owner_id=company.lead.id
    )
    with pytest.raises(ValidationError, match="closure_note"):
        company.services.actions.close(action.id, closed_date=TODAY, note="")
    closed = company.services.actions.close(action.id, closed_date=TODAY, note="New lanyard")
    assert closed.status.value == "closed"


def test_signature_from_a_clock_outside_utc_still_verifies(
    company: SmallCompany, clock: FixedClock
) -> None:
    """A clock reporting Mountain time gives signatures that verify (stored in UTC)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    clock.set(datetime(2026, 11, 2, 9, 30, tzinfo=ZoneInfo("America/Edmonton")))
    record = company.inspection()
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    company.services.records.void(record.id, "entered on the wrong site")
    report = company.services.verify()
    assert report.ok, [str(p) for p in report.problems]


def test_signing_checks_dates_by_the_clock_not_the_machine(
    company: SmallCompany, clock: FixedClock
) -> None:
    """A worker whose last day is today (by the clock) can still sign today."""
    last_day = replace(company.worker, end_date=TODAY)
    company.services.roster.save_worker(last_day)
    clock.set(clock.now().replace(hour=23, minute=50))
    record = company.inspection()
    signed = company.services.records.sign(
        record.id,
        signer_id=company.worker.id,
        meaning=SignatureMeaning.REVIEWED,
        image_png=signature_png(),
    )
    assert signed.status is RecordStatus.SIGNED


def test_saved_record_keeps_its_enum_fields(company: SmallCompany) -> None:
    """The record handed back by create keeps typed values (a checklist result stays an enum)."""
    from secor_desktop.domain.bodies import ChecklistResult, InspectionBody

    record = company.inspection()
    assert isinstance(record.body, InspectionBody)
    assert type(record.body.items[1].result) is ChecklistResult
    assert record == company.services.records.get(record.id)
