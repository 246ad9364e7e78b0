"""A record's readiness projection: a pure function of the record, stored and read back whole."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from secor_desktop.domain import codec
from secor_desktop.domain.bodies import DocumentType, ToolboxTalkBody
from secor_desktop.domain.completeness import missing_for
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.projection import (
    Unsigned,
    from_row,
    plain_row,
    project,
    projection_row,
    reason_text,
    row_differences,
)
from secor_desktop.domain.readiness_input import detail_kinds, facts_of
from tests.unit.readiness_kit import (
    document,
    incident,
    inspection,
    orientation,
    pack,
    record,
    training,
)
from tests.unit.test_readiness import signed_records

DAY = date(2026, 5, 4)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(signed_records())
def test_the_stored_row_reads_back_as_the_same_projection(r: Record) -> None:
    """Any record's projection survives its stored form (text, numbers, JSON) unchanged."""
    p = project(r)
    assert from_row(projection_row(p)) == p


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(signed_records(), st.sampled_from([{}, {"lead": "Sam Lead"}]))
def test_the_reasons_are_the_words_completeness_gives(r: Record, names: dict[str, str]) -> None:
    """Counts exactly when nothing is missing; the reasons, named, read as ``missing_for``."""
    p = project(r)
    assert tuple(reason_text(x, names) for x in p.reasons) == missing_for(r, names)
    assert p.counts == (missing_for(r, names) == ())


def test_someone_who_has_not_signed_is_kept_as_an_id_and_named_when_shown() -> None:
    """The roster is applied when readiness runs: a renamed worker is shown by the new name."""
    talk = record(RecordKind.TOOLBOX_TALK, DAY, ToolboxTalkBody("Ladders", "lead", ("own",)))
    (reason,) = project(talk).reasons
    assert reason == Unsigned("attendee", "own")
    assert reason_text(reason, {"own": "Dana Owner"}) == "attendee Dana Owner has not signed"
    assert reason_text(reason, {}) == "attendee own has not signed"


def test_reviewed_on_is_the_newest_current_signature_and_signers_are_current_only() -> None:
    """Signed after its date: reviewed that day; a signature on older content is left out."""
    policy = document(
        DAY, (), DocumentType.POLICY, signers=("own", "own"), signed_on=date(2026, 6, 1)
    )
    stale = replace(policy.signatures[0], id="old", signer_id="lead", content_sha256="e" * 64)
    p = project(replace(policy, signatures=(*policy.signatures, stale)))
    assert (p.reviewed_on, p.signers) == (date(2026, 6, 1), ("own",))
    assert (p.doc_type, p.covers) == ("policy", ())


def test_a_voided_record_is_void_and_says_why() -> None:
    """Void: status void, not counting, the reason in words."""
    p = project(inspection(DAY, void=True))
    assert p.void and not p.counts and p.reasons == ("it was voided (mistake)",)
    assert projection_row(p)["status"] == "void"


def test_training_and_orientation_keep_whose_they_are() -> None:
    """The body fields readiness reads are projected; other kinds carry none."""
    cert = project(training(DAY, "First Aid", date(2027, 5, 4)))
    assert (cert.worker_id, cert.course, cert.expiry) == ("lead", "First Aid", date(2027, 5, 4))
    assert project(orientation(DAY)).worker_id == "lead"
    plain = project(inspection(DAY))
    assert (plain.worker_id, plain.course, plain.expiry, plain.covers) == (None, "", None, ())


def test_row_differences_names_the_columns_that_disagree() -> None:
    """What verify says changed: the columns whose values differ, in table order."""
    row = projection_row(project(inspection(DAY)))
    edited = {**row, "counts": 0, "title": "Other"}
    assert row_differences(edited, row) == ["title", "counts"]
    assert row_differences(row, row) == []


def test_facts_keep_the_kinds_readiness_looks_into_and_drop_future_records() -> None:
    """Counting inspections become dates; training is kept whole; a later record is left out."""
    records = [inspection(DAY), training(DAY, "WHMIS", None), inspection(date(2026, 9, 1))]
    facts = facts_of(records, date(2026, 6, 1), detail_kinds(pack()), {records[2].id})
    assert facts.dates == {RecordKind.INSPECTION: [DAY], RecordKind.TRAINING: [DAY]}
    assert [p.record_id for p in facts.counted[RecordKind.TRAINING]] == [records[1].id]
    assert RecordKind.INSPECTION not in facts.counted and facts.not_counted == []
    assert facts.source_kinds == {records[2].id: RecordKind.INSPECTION}


def test_a_document_keeps_what_it_covers_through_its_stored_form() -> None:
    """The directive documents a document fulfils are stored and read back in order."""
    p = project(document(DAY, ("inspection_schedule", "incident_procedure")))
    assert from_row(projection_row(p)).covers == ("inspection_schedule", "incident_procedure")


def _plain(r: Record) -> dict[str, object] | None:
    """``plain_row`` fed as ``verify`` feeds it: the body as the codec's JSON, read back."""
    body = json.loads(json.dumps(codec.to_jsonable(r.body)))
    sigs = [(s.signer_id, s.content_sha256, s.signed_at) for s in r.signatures]
    return plain_row(
        r.id,
        r.kind,
        r.title,
        r.event_date,
        r.site_id,
        body,
        sigs,
        r.void_reason,
        r.content_sha256,
    )


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(signed_records())
def test_the_plain_row_is_the_decoded_row_whenever_it_gives_one(r: Record) -> None:
    """verify's shortcut (no body decode) gives exactly the row ``project`` gives."""
    plain = _plain(r)
    event("plain row" if plain is not None else "decoded instead")
    if plain is not None:
        assert plain == projection_row(project(r))


def test_the_plain_row_covers_signed_drafts_and_voids_of_field_records() -> None:
    """Not vacuous: counting, unsigned and voided inspections and talks take the shortcut."""
    talk = record(RecordKind.TOOLBOX_TALK, DAY, ToolboxTalkBody("Ladders", "lead", ("own",)))
    for r in (inspection(DAY), inspection(DAY, void=True), inspection(DAY, signers=()), talk):
        assert _plain(r) == projection_row(project(r))


def test_kinds_whose_body_readiness_reads_are_decoded_instead() -> None:
    """Training, documents and kinds with completeness rules take the decoding path."""
    assert _plain(training(DAY, "WHMIS", None)) is None
    assert _plain(document(DAY, ("policy",))) is None
    assert _plain(incident(DAY)) is None


def test_a_certificate_keeps_its_expiry_through_its_stored_form() -> None:
    """A training's expiry is stored as ISO text and read back as the same day."""
    p = project(training(DAY, "WHMIS", date(2027, 5, 4)))
    assert projection_row(p)["facts"] == (
        '{"course":"WHMIS","expiry":"2027-05-04","worker_id":"lead"}'
    )
    assert from_row(projection_row(p)) == p


def test_a_signature_that_may_be_on_the_sign_in_sheet_is_decoded_instead() -> None:
    """A talk signed on other content (perhaps its sheet) needs its sheet hash: no shortcut."""
    talk = record(RecordKind.TOOLBOX_TALK, DAY, ToolboxTalkBody("Ladders", "lead", ("own",)))
    other = replace(talk.signatures[0], content_sha256="d" * 64)
    assert _plain(replace(talk, signatures=(other,))) is None


def test_a_body_the_codec_would_refuse_is_decoded_instead() -> None:
    """A required role field missing, or holding something other than text: no shortcut."""
    r = inspection(DAY)
    args = (r.id, r.kind, r.title, r.event_date, None)
    sigs = [(s.signer_id, s.content_sha256, s.signed_at) for s in r.signatures]
    for body in ({"target": "Yard"}, {"inspector_id": 7}, {"inspector_id": ["lead", 7]}):
        assert plain_row(*args, body, sigs, None, r.content_sha256) is None
    assert plain_row(*args, {"inspector_id": ["lead"]}, sigs, None, r.content_sha256)
