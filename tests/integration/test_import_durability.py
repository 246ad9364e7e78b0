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
