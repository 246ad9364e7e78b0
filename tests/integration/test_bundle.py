"""Export then import: the same records, the same hashes; bad bundles change nothing."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from secor_desktop.domain.errors import UserError
from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.services.bundle import ImportRejected, export_bundle, import_bundle
from secor_desktop.services.facade import Services
from secor_desktop.storage import bulk
from secor_desktop.storage.blobs import BlobStore
from tests.conftest import SmallCompany, signature_png


@pytest.fixture
def exported(company: SmallCompany, tmp_path: Path) -> Path:
    services = company.services
    record = company.inspection()
    services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    company.inspection(title="Draft: «chantier» façade & <b>roof</b>")
    folder = tmp_path / "bundle"
    export_bundle(services.ctx, folder)
    return folder


def _hashes(services: Services) -> dict[str, str]:
    return {r.id: r.content_sha256 for r in services.records.find()}


def test_import_into_empty_folder_gives_identical_records(
    company: SmallCompany, exported: Path, make_services: Callable[[str], Services]
) -> None:
    """Every record, hash and the chain head come back identical, and verify passes."""
    target = make_services("other")
    report = import_bundle(target.ctx, exported)
    assert report.mode == "replayed"
    assert _hashes(target) == _hashes(company.services)
    assert target.info().chain_head == company.services.info().chain_head
    assert target.verify().ok


def test_import_is_idempotent_on_the_same_data(company: SmallCompany, exported: Path) -> None:
    """Importing a bundle into the folder it came from adds nothing."""
    report = import_bundle(company.services.ctx, exported)
    assert report.added == {} and report.unchanged > 0


def test_malformed_json_is_refused_naming_the_file(
    exported: Path, make_services: Callable[[str], Services]
) -> None:
    """A bundle.json that is not JSON gets a message naming it and its line."""
    (exported / "bundle.json").write_text('{"format": "secor-bundle/1", oops', "utf-8")
    target = make_services("other")
    with pytest.raises(ImportRejected, match=r"bundle.json.*not valid JSON \(line 1"):
        import_bundle(target.ctx, exported)
    assert target.info().revisions == 0


def test_edited_revision_is_refused_whole(
    exported: Path, make_services: Callable[[str], Services]
) -> None:
    """One edited revision rejects the whole bundle; nothing is imported."""
    path = exported / "bundle.json"
    doc = json.loads(path.read_text("utf-8"))
    doc["revisions"][-1]["document"] = doc["revisions"][-1]["document"].replace("Draft", "Final")
    path.write_text(json.dumps(doc), "utf-8")
    target = make_services("other")
    with pytest.raises(ImportRejected, match="no longer matches the hash") as info:
        import_bundle(target.ctx, exported)
    assert info.value.rejected
    assert target.info().revisions == 0 and target.records.find() == []


def test_missing_signature_file_is_refused(
    exported: Path, make_services: Callable[[str], Services]
) -> None:
    """A bundle that lost a signature image is refused, naming the signer."""
    shutil.rmtree(exported / "files")
    target = make_services("other")
    with pytest.raises(ImportRejected, match="signature of Zoë Tremblay"):
        import_bundle(target.ctx, exported)
    assert target.info().revisions == 0


def test_merge_into_other_company_appends_new_revisions(
    exported: Path, make_services: Callable[[str], Services], company: SmallCompany
) -> None:
    """Into a folder with other data, records are added with the same content hashes."""
    target = make_services("other")
    target.roster.add_site("Somewhere else")
    report = import_bundle(target.ctx, exported)
    assert report.mode == "merged"
    assert _hashes(target) == _hashes(company.services)
    assert target.verify().ok


def test_csv_cells_cannot_run_as_formulas(exported: Path, company: SmallCompany) -> None:
    """A title starting with '=' is written to CSV with a leading apostrophe."""
    company.inspection(title='=HYPERLINK("http://x")')
    folder = exported.parent / "again"
    export_bundle(company.services.ctx, folder)
    text = (folder / "csv" / "inspection.csv").read_text("utf-8")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_export_refuses_a_folder_with_files(company: SmallCompany, exported: Path) -> None:
    """Exporting over an existing export is refused rather than mixing the two."""
    with pytest.raises(UserError, match="not empty"):
        export_bundle(company.services.ctx, exported)


def test_documents_travel_in_a_bundle(
    company: SmallCompany, tmp_path: Path, make_services: Callable[[str], Services]
) -> None:
    """A record with a PDF attached exports and imports; the file arrives under its hash."""
    services = company.services
    manual = services.records.attach_file(b"%PDF-1.4\n%%EOF\n", "Safety manual.pdf")
    record = company.inspection()
    services.records.update(
        record.id,
        title=record.title,
        event_date=record.event_date,
        site_id=record.site_id,
        body=record.body,
        attachments=(manual,),
    )
    export_bundle(services.ctx, tmp_path / "with-pdf")
    target = make_services("other")
    import_bundle(target.ctx, tmp_path / "with-pdf")
    (imported,) = [r for r in target.records.find() if r.id == record.id]
    assert imported.attachments == (manual,)
    assert target.records.blob(manual.sha256) == b"%PDF-1.4\n%%EOF\n"
    assert target.verify().ok


def test_files_left_staged_by_a_stopped_import_are_moved_in(services: Services) -> None:
    """After a stop between commit and file move, intact staged files go in, damaged ones not."""
    blobs = services.ctx.blobs
    staging = blobs.root.parent / ".staging-0123"
    staging.mkdir()
    good = b"an intact file"
    good_sha = hashlib.sha256(good).hexdigest()
    (staging / good_sha).write_bytes(good)
    (staging / ("0" * 64)).write_bytes(b"damaged")
    assert blobs.recover_staged() == 1
    assert blobs.get(good_sha) == good and not blobs.exists("0" * 64)
    assert not staging.exists()


def test_a_failure_while_writing_leaves_no_file_behind(
    exported: Path, make_services: Callable[[str], Services], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error after the files were staged rolls back, and files/ and the folder stay clean."""
    target = make_services("other")

    def disk_trouble(*_args: object) -> int:
        staged = list(target.ctx.blobs.root.parent.glob(".staging-*/*"))
        assert staged, "the files are staged before the rows are written"
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bulk, "insert_records", disk_trouble)
    with pytest.raises(OSError, match="No space left"):
        import_bundle(target.ctx, exported)
    assert list(target.ctx.blobs.all_hashes()) == []
    assert not list(target.ctx.blobs.root.parent.glob(".staging-*"))
    assert target.info().revisions == 0


@pytest.mark.sqlite_only("on a server the files reach its blobs table before the commit")
def test_files_not_moved_in_after_the_commit_are_kept_for_recovery(
    exported: Path, make_services: Callable[[str], Services], monkeypatch: pytest.MonkeyPatch
) -> None:
    """If moving the files in fails after the commit, they stay staged and are recovered."""
    target = make_services("other")
    blobs = target.ctx.blobs
    move_in = BlobStore._move_in

    def fail(self: BlobStore, staged: Path, sha256: str) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(BlobStore, "_move_in", fail)
    with pytest.raises(OSError, match="Input/output"):
        import_bundle(target.ctx, exported)
    assert target.info().revisions > 0 and not target.verify().ok  # committed, files missing
    monkeypatch.setattr(BlobStore, "_move_in", move_in)
    assert blobs.recover_staged() > 0
    assert target.verify().ok
