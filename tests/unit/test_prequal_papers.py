"""The company's own papers (certificate, WCB clearance, insurance): which one the pack sends."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from secor_desktop.domain.bodies import AdminBody, AdminType
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Attachment, Record
from secor_desktop.domain.prequal import papers_of, papers_to_send
from secor_desktop.domain.training import TrainingStatus

TODAY = date(2026, 12, 5)
SCAN = Attachment("ab" * 32, "letter.pdf", "application/pdf", 1200)
WCB = AdminType.WCB_CLEARANCE


def paper(
    rid: str,
    issued: date,
    expiry: date | None,
    kind: AdminType = WCB,
    files: tuple[Attachment, ...] = (SCAN,),
) -> Record:
    body = AdminBody(kind, "Clearance letter", expiry=expiry)
    return Record(rid, RecordKind.ADMIN, f"Paper {rid}", issued, None, body, attachments=files)


def test_papers_are_newest_issue_first_and_only_of_their_type() -> None:
    """Papers of the type asked for, newest issue first; other admin types are not papers."""
    old = paper("old", date(2026, 1, 5), date(2026, 4, 5))
    new = paper("new", date(2026, 10, 1), date(2027, 1, 1))
    insurance = paper("ins", date(2026, 11, 1), None, AdminType.INSURANCE_CERTIFICATE)
    review = paper("rev", date(2026, 11, 1), None, AdminType.PROGRAM_REVIEW)
    found = papers_of([old, insurance, new, review], WCB, TODAY)
    assert [p.record.id for p in found] == ["new", "old"]
    assert [p.status for p in found] == [TrainingStatus.WITHIN_30, TrainingStatus.EXPIRED]


def test_void_papers_and_papers_issued_later_are_left_out() -> None:
    """A voided letter, or one dated after the day judged, is not a paper of that day."""
    voided = replace(paper("void", date(2026, 10, 1), None), void_reason="wrong company")
    later = paper("later", date(2026, 12, 6), None)
    assert papers_of([voided, later], WCB, TODAY) == []


def test_same_day_papers_put_the_later_expiry_first() -> None:
    """Two letters issued the same day: the one holding longer (or without expiry) is first."""
    short = paper("short", date(2026, 11, 1), date(2027, 2, 1))
    open_ended = paper("open", date(2026, 11, 1), None)
    found = papers_of([short, open_ended], WCB, TODAY)
    assert [p.record.id for p in found] == ["open", "short"]
    assert found[0].status is TrainingStatus.NO_EXPIRY


def test_several_holding_letters_are_all_sent() -> None:
    """Clearance letters from two provinces that both hold are both sent, newest first."""
    alberta = paper("ab", date(2026, 11, 1), date(2027, 2, 1))
    bc = paper("bc", date(2026, 10, 1), date(2027, 1, 1))
    expired = paper("old", date(2026, 1, 1), date(2026, 4, 1))
    found = papers_of([alberta, bc, expired], WCB, TODAY)
    assert [p.record.id for p in papers_to_send(found, several=True)] == ["ab", "bc"]
    assert [p.record.id for p in papers_to_send(found, several=False)] == ["ab"]


def test_a_newer_paper_without_its_file_gives_way_to_one_with_it() -> None:
    """The newest letter has no scan attached: the older one that holds is sent instead."""
    bare = paper("bare", date(2026, 11, 1), date(2027, 2, 1), files=())
    scanned = paper("scan", date(2026, 10, 1), date(2027, 1, 1))
    found = papers_of([bare, scanned], WCB, TODAY)
    assert [p.record.id for p in papers_to_send(found, several=False)] == ["scan"]
    assert not found[0].has_file


def test_when_none_holds_the_newest_scanned_one_is_sent_flagged_expired() -> None:
    """Every letter has expired: the newest one with a file is sent, marked expired."""
    older = paper("older", date(2025, 1, 1), date(2025, 4, 1))
    newer = paper("newer", date(2026, 1, 1), date(2026, 4, 1))
    unscanned = paper("bare", date(2026, 2, 1), date(2026, 5, 1), files=())
    sent = papers_to_send(papers_of([older, newer, unscanned], WCB, TODAY), several=True)
    assert [p.record.id for p in sent] == ["newer"]
    assert sent[0].expired


def test_a_paper_with_no_file_at_all_is_still_named() -> None:
    """With no scan anywhere, the newest paper is sent so the pack can name its missing file."""
    bare = paper("bare", date(2026, 11, 1), date(2027, 2, 1), files=())
    sent = papers_to_send(papers_of([bare], WCB, TODAY), several=True)
    assert [p.record.id for p in sent] == ["bare"]
    assert not sent[0].has_file


def test_no_paper_sends_nothing() -> None:
    """No paper of the type: nothing to send (the pack lists it as not included)."""
    assert papers_to_send([], several=True) == []
