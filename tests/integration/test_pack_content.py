"""What the pack prints of each record and of the program: photos, signatures, actions,
amendments, late entries, self-evaluations, audit type; and the export's progress and cancel."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.errors import UserError
from secor_desktop.domain.evaluation import AnswerKind, StoredAnswer, parse_answers
from secor_desktop.domain.frameworks import AuditType, Technique
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.services.evidence_pack import EvidencePackService, ExportCancelled
from tests import postgres_server
from tests.conftest import TODAY, SmallCompany, signature_png

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"


def squash(text: str) -> str:
    return "".join(text.split())


def pack_text(path: Path) -> str:
    return squash("".join(page.extract_text() or "" for page in PdfReader(path).pages))


def images(path: Path) -> list[tuple[int, int, str]]:
    """(width, height, filter) of every image stored in the PDF."""
    found = {}
    for page in PdfReader(path).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj["/Subtype"] == "/Image":
                found[ref.idnum] = (int(obj["/Width"]), int(obj["/Height"]), str(obj["/Filter"]))
    return list(found.values())


def big_photo() -> bytes:
    image = Image.new("RGB", (3000, 2000), (120, 160, 200))
    for x in range(0, 3000, 50):
        for y in range(0, 2000, 50):
            image.putpixel((x, y), (x % 255, y % 255, 90))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def photographed(company: SmallCompany) -> Record:
    """A signed inspection with a large photo."""
    services = company.services
    record = company.inspection("Yard inspection with photo")
    photo = services.records.attach_photo(big_photo(), "aisle.jpg", "Pallets blocking the aisle")
    record = services.records.update(
        record.id,
        title=record.title,
        event_date=record.event_date,
        site_id=record.site_id,
        body=record.body,
        attachments=(photo,),
    )
    return services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(2),
    )


def export(company: SmallCompany, out: Path, **options: object) -> Path:
    EvidencePackService(company.services.ctx).export(
        out,
        company.services.framework(),
        **options,  # type: ignore[arg-type]
    )
    return out


def test_photos_are_scaled_to_fit_and_signatures_drawn(
    company: SmallCompany, tmp_path: Path
) -> None:
    """A 2048-pixel photo is printed re-encoded at print size (not embedded full size), with
    its caption; the signer's drawn signature is an image beside their name."""
    photographed(company)
    pdf = export(company, tmp_path / "pack.pdf")
    found = images(pdf)
    photos = [i for i in found if "DCT" in i[2]]
    assert len(photos) == 1
    width, height = photos[0][:2]
    assert 300 <= width <= 720 and abs(width / height - 1.5) < 0.02
    assert (240, 80) in [(w, h) for w, h, _ in found]  # the signature, as drawn on the pad
    text = pack_text(pdf)
    assert squash("Pallets blocking the aisle") in text
    assert squash("Zoë TremblayPerformed") in text


def test_attendees_who_did_not_sign_are_named(company: SmallCompany, tmp_path: Path) -> None:
    """A talk's attendees are listed with their signatures; one who did not sign says so."""
    services = company.services
    talk = services.records.create(
        RecordKind.TOOLBOX_TALK,
        title="Ladder safety talk",
        event_date=TODAY,
        site_id=company.site.id,
        body=ToolboxTalkBody("Ladders", company.lead.id, (company.worker.id, company.owner.id)),
    )
    services.records.sign(
        talk.id,
        signer_id=company.worker.id,
        meaning=SignatureMeaning.ATTENDED,
        image_png=signature_png(4),
    )
    text = pack_text(export(company, tmp_path / "pack.pdf"))
    assert squash("Dana Kowalski——Not signed") in text
    assert squash("Sam OkaforAttended2026-11-02 10:00 MSTYes") in text


def test_no_photos_lists_the_files_instead(company: SmallCompany, tmp_path: Path) -> None:
    """Without photos the pack names each file and its hash, and embeds no photo."""
    record = photographed(company)
    pdf = export(company, tmp_path / "pack.pdf", include_photos=False)
    assert not [i for i in images(pdf) if "DCT" in i[2]]
    text = pack_text(pdf)
    assert "aisle.jpg" in text and record.attachments[0].sha256[:32] in text
    assert squash("every record in full, without photos") in text.lower()


def test_a_missing_photo_file_warns_and_names_the_record(
    company: SmallCompany, tmp_path: Path
) -> None:
    """A photo file gone from disk (and from the server, on one) fails verify; printed
    UNVERIFIED anyway, it shows as a marked box and the export warns, naming the record."""
    record = photographed(company)
    sha = record.attachments[0].sha256
    company.services.ctx.blobs.path_for(sha).unlink()
    if postgres_server.ON_POSTGRES:  # the data folder's copy is only a cache of the server's
        postgres_server.edit_behind_the_program(
            company.services, f"DELETE FROM blobs WHERE sha256 = '{sha}'"
        )
    out = tmp_path / "pack.pdf"
    summary = EvidencePackService(company.services.ctx).export(
        out, company.services.framework(), allow_unverified=True
    )
    assert any(
        "Record 'Yard inspection with photo' of 2026-11-02" in w and "photo" in w
        for w in summary.warnings
    ), summary.warnings
    assert squash("photo file missing") in pack_text(out)
    assert squash("Notes on this pack") in pack_text(out)


def test_actions_and_amendments_print_with_the_record(
    company: SmallCompany, tmp_path: Path
) -> None:
    """A record's corrective actions (with closure) and, once amended, its revision history
    with the reason print under it."""
    services = company.services
    record = services.records.sign(
        company.inspection("North fence inspection").id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(3),
    )
    action = services.actions.raise_action(
        "Replace the broken fence post",
        due_date=TODAY + timedelta(days=5),
        owner_id=company.worker.id,
        source_record_id=record.id,
    )
    services.actions.close(action.id, closed_date=TODAY, note="New post set in concrete")
    services.records.update(
        record.id,
        title="North fence inspection, gate included",
        event_date=record.event_date,
        site_id=record.site_id,
        body=record.body,
        attachments=record.attachments,
        reason="Gate was inspected too",
    )
    text = pack_text(export(company, tmp_path / "pack.pdf", include_drafts_and_voids=True))
    assert squash("Corrective actions raised from this record") in text
    assert squash("Replace the broken fence post") in text
    assert squash("Closed 2026-11-02: New post set in concrete") in text
    assert squash("Revision history (3 revisions)") in text
    assert squash("Gate was inspected too") in text
    assert squash("Earlier revision") in text  # the signature made before the amendment


def test_late_entries_are_listed(company: SmallCompany, tmp_path: Path) -> None:
    """A record first saved weeks after its event is listed under late entries."""
    company.inspection("Back-dated inspection", day=TODAY - timedelta(days=30))
    company.inspection("Timely inspection")
    text = pack_text(export(company, tmp_path / "pack.pdf", include_drafts_and_voids=True))
    late = text[text.index(squash("Late entries (1)")) :]
    assert squash("Back-dated inspection2026-10-03") in late
    assert squash("Timely inspection") not in late[: late.index(squash("Revisions in this pack"))]


def test_self_evaluations_and_audit_type(company: SmallCompany, tmp_path: Path) -> None:
    """Saved self-evaluations print with their scores and trend; the audit type chosen is on the
    cover and sets the pass marks shown."""
    services = company.services
    framework = services.framework()
    example = EXAMPLES / "answers-hard-fail.json"
    failing = parse_answers(example.read_text("utf-8"), example.name, framework).answers
    services.evaluations.save(framework, failing, AuditType.CERTIFICATION, TODAY - timedelta(60))
    passing = {
        qid: StoredAnswer(AnswerKind.INTERVIEW, positive=5, asked=5)
        if question.technique is Technique.INTERVIEW
        else StoredAnswer(AnswerKind.YES)
        for qid, (_, question) in framework.questions().items()
    }
    services.evaluations.save(framework, passing, AuditType.MAINTENANCE, TODAY)
    company.inspection()
    pdf = export(company, tmp_path / "pack.pdf", audit_type=AuditType.MAINTENANCE)
    text = pack_text(pdf)
    marks = framework.thresholds.for_audit(AuditType.MAINTENANCE)
    assert squash("Audit typeMaintenance") in text
    assert squash(f"Pass marks for a maintenance audit: {marks.overall_pct}% overall") in text
    assert squash("Self-evaluations and audits") in text
    assert squash("Overall85.0%100.0%ResultFailPass") in text
    outline = [i.title for i in PdfReader(pdf).outline if not isinstance(i, list)]
    assert "Self-evaluations and audits" in outline


def test_progress_and_cancel(company: SmallCompany, tmp_path: Path) -> None:
    """Progress rises to 1.0; a cancelled export raises and writes nothing, leaving an earlier
    file at the same path as it was."""
    for n in range(12):
        company.inspection(f"Inspection {n}", day=TODAY - timedelta(days=n))
    service = EvidencePackService(company.services.ctx)
    out = tmp_path / "pack.pdf"
    seen: list[float] = []
    service.export(out, company.services.framework(), progress=lambda p, _: seen.append(p))
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen) and len(seen) > 5
    before = out.read_bytes()
    calls: list[float] = []
    with pytest.raises(ExportCancelled):
        service.export(
            out,
            company.services.framework(),
            progress=lambda p, _: calls.append(p),
            cancelled=lambda: len(calls) > 3,
        )
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["pack.pdf"]


def test_a_period_that_ends_before_it_starts_is_refused(
    company: SmallCompany, tmp_path: Path
) -> None:
    """A 'from' date after the 'to' date is refused with a message naming both; nothing written."""
    service = EvidencePackService(company.services.ctx)
    out = tmp_path / "pack.pdf"
    with pytest.raises(UserError, match="starts on 2026-11-02, after it ends on 2026-10-01"):
        service.export(
            out,
            company.services.framework(),
            period_from=TODAY,
            period_to=TODAY - timedelta(days=32),
        )
    assert not out.exists()


# --- drafts and voided records (issue 15, point 8) ------------------------------------------


def drafts_and_voids(company: SmallCompany) -> None:
    """One signed inspection, one draft and one voided record, all in the period."""
    services = company.services
    services.records.sign(
        company.inspection("Signed yard inspection").id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(1),
    )
    company.inspection("Unfinished draft inspection")
    junk = company.inspection("Typed by mistake")
    services.records.void(junk.id, "Entered by mistake: a duplicate")


def test_drafts_and_voids_are_left_out_and_counted(company: SmallCompany, tmp_path: Path) -> None:
    """By default a draft and a voided record are not printed, nor named by a readiness note
    (nor is a draft from before the period); the cover says how many of the period's."""
    drafts_and_voids(company)
    company.inspection("Old forgotten draft", day=TODAY - timedelta(days=400))
    out = tmp_path / "pack.pdf"
    summary = EvidencePackService(company.services.ctx).export(out, company.services.framework())
    text = pack_text(out)
    assert squash("Signed yard inspection") in text
    assert squash("Unfinished draft inspection") not in text
    assert squash("Typed by mistake") not in text
    assert squash("Old forgotten draft") not in text
    assert squash("1 draft(s) and 1 voided record(s) of this period left out") in text
    assert summary.left_out == (1, 1) and summary.records == 1
    assert squash("Appendix: drafts and voided records") not in text


def test_drafts_and_voids_print_in_their_appendix_when_asked(
    company: SmallCompany, tmp_path: Path
) -> None:
    """With the option, drafts and voids print in full in their own appendix (with the void
    reason), after the registers and outside every element section."""
    drafts_and_voids(company)
    out = export(company, tmp_path / "pack.pdf", include_drafts_and_voids=True)
    text = pack_text(out)
    appendix = text[text.index(squash("Appendix: drafts and voided records")) :]
    elements = text[: text.index(squash("Corrective action register"))]
    for title in ("Unfinished draft inspection", "Typed by mistake"):
        assert squash(title) in appendix and squash(title) not in elements
    assert squash("Entered by mistake: a duplicate") in appendix
    assert squash("printed apart in their own appendix") in text
    manifest = PdfReader(out).attachments["secor-pack.json"][0].decode()
    assert '"left_out":{"drafts":1,"printed_in_appendix":true,"voided":1}' in manifest
