"""An import's files are durable before the commit that names them, and after the move."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.services.bundle import export_bundle, import_bundle
from secor_desktop.services.facade import Services
from secor_desktop.storage import blobs
from secor_desktop.storage.uow import SqlUnitOfWork
from tests.conftest import SmallCompany, signature_png


def test_staged_files_are_synced_before_the_commit_and_moved_in_after(
    company: SmallCompany,
    tmp_path: Path,
    make_services: Callable[[str], Services],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The staging folder is synced before the commit; each folder moved into, after it."""
    services = company.services
    record = company.inspection()
    services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(3),
    )
    export_bundle(services.ctx, tmp_path / "bundle")
    target = make_services("other")
    events: list[str] = []
    sync, commit = blobs.fsync_dir, SqlUnitOfWork.commit

    def syncing(folder: Path) -> None:
        events.append("staging" if folder.name.startswith(".staging-") else folder.parent.name)
        sync(folder)

    def committing(self: SqlUnitOfWork) -> None:
        events.append("commit")
        commit(self)

    monkeypatch.setattr(blobs, "fsync_dir", syncing)
    monkeypatch.setattr(SqlUnitOfWork, "commit", committing)
    import_bundle(target.ctx, tmp_path / "bundle")
    assert events == ["staging", "commit", "files"]
    assert target.verify().ok


def test_every_staged_file_is_synced_before_the_commit(
    company: SmallCompany,
    tmp_path: Path,
    make_services: Callable[[str], Services],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Files written by the staging threads are all synced before the commit names them."""
    services = company.services
    for n in range(3):
        services.records.sign(
            company.inspection().id,
            signer_id=company.lead.id,
            meaning=SignatureMeaning.PERFORMED,
            image_png=signature_png(n + 3),
        )
    export_bundle(services.ctx, tmp_path / "bundle")
    target = make_services("other")
    events: list[str] = []
    write, commit = blobs._write_synced, SqlUnitOfWork.commit

    def writing(path: Path, data: bytes) -> None:
        write(path, data)
        events.append("file synced")

    def committing(self: SqlUnitOfWork) -> None:
        events.append("commit")
        commit(self)

    monkeypatch.setattr(blobs, "_write_synced", writing)
    monkeypatch.setattr(SqlUnitOfWork, "commit", committing)
    import_bundle(target.ctx, tmp_path / "bundle")
    assert events == ["file synced"] * 3 + ["commit"]
    assert target.verify().ok


def test_a_staged_file_that_cannot_be_written_changes_nothing(
    company: SmallCompany,
    tmp_path: Path,
    make_services: Callable[[str], Services],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A full disk while a file is staged stops the import before its commit, leaving no
    record, no file and no staging folder."""
    services = company.services
    record = company.inspection()
    services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(3),
    )
    export_bundle(services.ctx, tmp_path / "bundle")
    target = make_services("other")

    def full_disk(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(blobs, "_write_synced", full_disk)
    with pytest.raises(OSError, match="No space left"):
        import_bundle(target.ctx, tmp_path / "bundle")
    with target.ctx.uow() as uow:
        assert uow.is_empty()
    root = target.ctx.blobs.root
    assert not list(root.parent.glob(".staging-*"))
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))
