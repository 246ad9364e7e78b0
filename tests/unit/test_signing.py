"""Signing as on a paper sign-in sheet: roles, meanings, late attendees, the round's checks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from secor_desktop.domain.bodies import (
    DocumentBody,
    DocumentType,
    EmergencyPlanBody,
    IncidentBody,
    IncidentType,
    InspectionBody,
    InspectionType,
    ToolboxTalkBody,
)
from secor_desktop.domain.canonical import record_sheet_hash, with_content_hash
from secor_desktop.domain.completeness import counts, missing_for
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record, Signature
from secor_desktop.domain.signing import (
    allowed_meanings,
    is_current,
    keeps_signatures,
    named,
    not_ready_to_sign,
    refusal,
    required_signers,
    rule_for,
    still_to_sign,
)

DAY = date(2026, 10, 1)
WHEN = datetime(2026, 10, 1, 15, tzinfo=UTC)
NAMES = {"pres": "Pat Presenter", "ana": "Ana Reyes", "bo": "Bo Chen", "late": "Lee Late"}
ATTENDED = SignatureMeaning.ATTENDED
PERFORMED = SignatureMeaning.PERFORMED
REVIEWED = SignatureMeaning.REVIEWED


def talk(attendees: tuple[str, ...] = ("ana", "bo"), presenter: str = "pres") -> Record:
    body = ToolboxTalkBody("Ladders", presenter, attendees, notes="Three points of contact")
    return with_content_hash(Record("t1", RecordKind.TOOLBOX_TALK, "Ladders", DAY, None, body))


def signed_on_sheet(record: Record, *people: tuple[str, SignatureMeaning]) -> Record:
    sigs = tuple(
        Signature(f"s-{w}", w, NAMES[w], m, WHEN, "0" * 64, record.sheet_sha256) for w, m in people
    )
    return replace(record, signatures=record.signatures + sigs)


def with_attendees(record: Record, attendees: tuple[str, ...]) -> Record:
    assert isinstance(record.body, ToolboxTalkBody)
    return with_content_hash(replace(record, body=replace(record.body, attendee_ids=attendees)))


def test_sheet_hash_leaves_out_the_sign_in_list_only() -> None:
    """Two talks differing only in attendees share a sheet hash, not a content hash."""
    a, b = talk(("ana",)), talk(("ana", "bo"))
    assert a.sheet_sha256 == b.sheet_sha256 and a.content_sha256 != b.content_sha256
    assert talk(presenter="bo").sheet_sha256 != a.sheet_sha256
    assert record_sheet_hash(b) == b.sheet_sha256


def test_kinds_without_a_sign_in_list_sign_their_whole_content() -> None:
    """An inspection's sheet hash is its content hash: any change unsigns it."""
    body = InspectionBody(InspectionType.SITE, "Yard", "ana", ())
    rec = with_content_hash(Record("i1", RecordKind.INSPECTION, "Yard", DAY, None, body))
    assert rec.sheet_sha256 == rec.content_sha256 == record_sheet_hash(rec)


def test_late_attendee_added_keeps_every_signature_and_then_signs() -> None:
    """A late name leaves earlier signatures current; the record counts once all have signed."""
    before = signed_on_sheet(talk(), ("pres", PERFORMED), ("ana", ATTENDED), ("bo", ATTENDED))
    assert counts(before)
    after = with_attendees(before, ("ana", "bo", "late"))
    assert keeps_signatures(before, after)
    assert all(is_current(after, s) for s in after.signatures)
    assert missing_for(after, NAMES) == ("attendee Lee Late has not signed",)
    done = signed_on_sheet(after, ("late", ATTENDED))
    assert counts(done) and missing_for(done, NAMES) == ()


def test_changing_the_talk_itself_unsigns_it() -> None:
    """A new topic after signing changes the sheet: no signature stays current."""
    before = signed_on_sheet(talk(), ("pres", PERFORMED), ("ana", ATTENDED))
    assert isinstance(before.body, ToolboxTalkBody)
    after = with_content_hash(replace(before, body=replace(before.body, topic="Ropes")))
    assert not keeps_signatures(before, after)
    assert not any(is_current(after, s) for s in after.signatures)


def test_removing_an_attendee_who_signed_needs_a_reason() -> None:
    """Taking a signer off the sheet is not a late addition: it needs the amend path."""
    before = signed_on_sheet(talk(), ("pres", PERFORMED), ("ana", ATTENDED))
    after = with_attendees(before, ("bo",))
    assert not keeps_signatures(before, after)
    unsigned_removed = with_attendees(before, ("ana",))
    assert keeps_signatures(before, unsigned_removed)


def test_the_presenter_must_sign_too() -> None:
    """A talk signed by every attendee but not its presenter does not count, and says why."""
    rec = signed_on_sheet(talk(), ("ana", ATTENDED), ("bo", ATTENDED))
    assert not counts(rec)
    assert missing_for(rec, NAMES) == ("presenter Pat Presenter has not signed",)
    assert required_signers(rec.body) == ("pres", "ana", "bo")
    assert required_signers(talk(("pres", "ana")).body) == ("pres", "ana")


def test_only_listed_people_sign_in_a_role() -> None:
    """A worker not on the sheet cannot sign as attended; anyone may sign as reviewed."""
    rec = talk()
    assert refusal(rec, "ana", "Ana Reyes", ATTENDED) is None
    refused = refusal(rec, "late", "Lee Late", ATTENDED)
    assert refused is not None and "not listed as attendee" in refused
    assert refusal(rec, "late", "Lee Late", REVIEWED) is None
    assert allowed_meanings(rec, "pres") == (PERFORMED, REVIEWED)
    assert refusal(rec, "late", "Lee Late", SignatureMeaning.ACKNOWLEDGED) == (
        "no one signs this kind of record as 'acknowledged'"
    )


def test_a_talk_without_attendees_is_not_ready_to_sign() -> None:
    """The round checks the sheet first: at least one attendee, and a presenter."""
    assert not_ready_to_sign(talk(())) == (
        ("body.attendee_ids", "name at least one attendee before signing"),
    )
    assert not_ready_to_sign(talk(presenter="")) == (
        ("body.presenter_id", "name the presenter before signing"),
    )
    assert not_ready_to_sign(talk()) == ()


def test_still_to_sign_lists_each_person_once_in_order() -> None:
    """The presenter first, then the attendees who have not signed; a double listing once."""
    rec = signed_on_sheet(talk(("pres", "ana", "bo")), ("ana", ATTENDED))
    assert [(w, r.label) for w, r in still_to_sign(rec)] == [
        ("pres", "presenter"),
        ("bo", "attendee"),
    ]


def test_optional_fields_and_open_kinds() -> None:
    """An unset optional role names nobody; an emergency plan has no roles at all."""
    incident = IncidentBody(IncidentType.NEAR_MISS, "Slipped", ("ana",))
    investigator = rule_for(incident).roles[0]
    assert named(incident, investigator) == ()
    assert required_signers(incident) == ()  # an incident's roles are all optional
    plan = EmergencyPlanBody("Gate", "911", "Call, muster, count")
    assert rule_for(plan).roles == () and required_signers(plan) == ()
    doc = DocumentBody(DocumentType.POLICY, "1", "We keep people safe.", "pres")
    rec = with_content_hash(Record("d1", RecordKind.DOCUMENT, "Policy", DAY, None, doc))
    assert allowed_meanings(rec, "pres")[0] is PERFORMED
    assert allowed_meanings(rec, "ana") == (SignatureMeaning.ACKNOWLEDGED, REVIEWED)


def test_a_signature_on_a_superseded_sheet_is_not_current() -> None:
    """A signature whose hash matches neither the content nor the sheet is not current."""
    old = signed_on_sheet(talk(), ("ana", ATTENDED))
    stale = replace(old.signatures[0], content_sha256="f" * 64)
    assert not is_current(replace(old, signatures=(stale,)), stale)
    no_sheet = replace(old, sheet_sha256="")
    assert not is_current(no_sheet, old.signatures[0])
    # A stale signature is skipped when judging whether a change keeps signatures.
    assert keeps_signatures(replace(old, signatures=(stale,)), old)


def _document(text: str) -> Record:
    body = DocumentBody(DocumentType.POLICY, "1.0", text, "owner")
    return Record("d1", RecordKind.DOCUMENT, "Policy", DAY, None, body)


def test_a_document_with_one_blank_left_is_not_ready_naming_it() -> None:
    """A starter document's blank still in the text stops the signing round, by name."""
    assert not_ready_to_sign(_document("We meet at {{muster_point}}.")) == (
        (
            "body.text",
            "fill in the blank {{muster_point}} before signing: replace it with your "
            "company's own words",
        ),
    )


def test_a_document_with_several_blanks_names_each_once() -> None:
    """Every blank left is named, once, in the order it appears."""
    ((_, words),) = not_ready_to_sign(_document("{{a}} then {{b}} then {{a}}"))
    assert words.startswith("fill in the blanks {{a}}, {{b}} before signing: replace each")


def test_a_filled_document_is_ready_to_sign() -> None:
    """With every blank filled, a document has nothing left to fill before signing."""
    assert not_ready_to_sign(_document("We meet at the front gate.")) == ()
