"""Signing a real record on a real database, like a paper sign-in sheet."""

from __future__ import annotations

import pytest

from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.completeness import missing_for
from secor_desktop.domain.kinds import RecordKind, RecordStatus, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.domain.validation import ValidationError
from secor_desktop.services.errors import RecordLockedError
from tests.conftest import TODAY, SmallCompany, signature_png

ATTENDED = SignatureMeaning.ATTENDED
PERFORMED = SignatureMeaning.PERFORMED


def make_talk(company: SmallCompany, attendees: tuple[str, ...]) -> Record:
    return company.services.records.create(
        RecordKind.TOOLBOX_TALK,
        title="Monday toolbox: ladders",
        event_date=TODAY,
        site_id=company.site.id,
        body=ToolboxTalkBody("Ladders", company.lead.id, attendees, notes="Three points"),
    )


def sign(
    company: SmallCompany, record: Record, worker_id: str, meaning: SignatureMeaning
) -> Record:
    return company.services.records.sign(
        record.id, signer_id=worker_id, meaning=meaning, image_png=signature_png(1)
    )


def test_late_attendee_signs_without_anyone_signing_again(company: SmallCompany) -> None:
    """Presenter and attendee sign; a late arrival is added and signs; all three stay valid."""
    talk = make_talk(company, (company.worker.id,))
    sign(company, talk, company.lead.id, PERFORMED)
    signed = sign(company, talk, company.worker.id, ATTENDED)
    assert signed.status is RecordStatus.SIGNED
    added = company.services.records.add_to_sheet(talk.id, company.owner.id)
    assert isinstance(added.body, ToolboxTalkBody)
    assert added.body.attendee_ids == (company.worker.id, company.owner.id)
    assert len(added.current_signatures) == 2
    done = sign(company, added, company.owner.id, ATTENDED)
    stored = company.services.records.get(talk.id)
    assert len(stored.current_signatures) == 3 == len(done.current_signatures)
    assert missing_for(stored, {}) == ()
    assert company.services.verify().ok


def test_a_talk_without_attendees_cannot_be_signed(company: SmallCompany) -> None:
    """The round is refused before anyone signs: the sheet names no attendee."""
    talk = make_talk(company, ())
    with pytest.raises(ValidationError) as caught:
        sign(company, talk, company.lead.id, PERFORMED)
    assert "at least one attendee" in caught.value.problems[0].message.lower()
    assert company.services.records.get(talk.id).signatures == ()


def test_a_worker_not_on_the_sheet_cannot_sign_as_attended(company: SmallCompany) -> None:
    """Only listed attendees sign attendance; the refusal names the person."""
    talk = make_talk(company, (company.worker.id,))
    with pytest.raises(ValidationError) as caught:
        sign(company, talk, company.owner.id, ATTENDED)
    assert "Dana Kowalski is not listed as attendee" in caught.value.problems[0].message
    assert company.services.records.get(talk.id).signatures == ()


def test_changing_a_signed_talk_still_needs_a_reason(company: SmallCompany) -> None:
    """Anything but a late name on the sheet is an amendment: refused without a reason."""
    talk = make_talk(company, (company.worker.id,))
    sign(company, talk, company.worker.id, ATTENDED)
    assert isinstance(talk.body, ToolboxTalkBody)
    with pytest.raises(RecordLockedError):
        company.services.records.update(
            talk.id,
            title="Monday toolbox: ropes",
            event_date=talk.event_date,
            site_id=talk.site_id,
            body=talk.body,
            attachments=talk.attachments,
        )
