"""The readiness projection is written in the record's own transaction, on every path.

A save whose projection row cannot be written saves nothing (no record, no revision); a
bundle replayed into an empty folder (the bulk path) or merged into one that has records (the
save path) leaves every record with the row its history gives.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.projection import COLUMNS
from secor_desktop.services.bundle import export_bundle, import_bundle
from secor_desktop.services.facade import Services
from secor_desktop.storage import projection
from tests.conftest import TODAY, SmallCompany, signature_png


def rows(services: Services) -> dict[str, tuple[object, ...]]:
    """The stored projection rows by record id, read past the program (either engine)."""
    from sqlalchemy import text

    with services.ctx.uow.args[0].get().connect() as conn:  # type: ignore[attr-defined]
        found = conn.execute(text(f"SELECT {', '.join(COLUMNS)} FROM record_projection"))
        return {row[0]: tuple(row) for row in found}


@pytest.fixture
def exported(company: SmallCompany, tmp_path: Path) -> Path:
    """A signed inspection, a draft toolbox talk and a voided one, exported as a bundle."""
    services = company.services
    record = company.inspection()
    services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    body = ToolboxTalkBody("Ladders", company.lead.id, (company.worker.id,))
    for title in ("Monday talk", "Monday talk again"):
        services.records.create(
            RecordKind.TOOLBOX_TALK, title=title, event_date=TODAY, site_id=None, body=body
        )
    services.records.void(services.records.find(RecordKind.TOOLBOX_TALK)[-1].id, "Twice")
    export_bundle(services.ctx, tmp_path / "bundle")
    return tmp_path / "bundle"


def test_a_save_whose_projection_fails_saves_nothing(
    company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The projection write failing rolls back the record and its revision with it."""
    before = company.services.info().revisions

    def disk_trouble(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(projection, "write", disk_trouble)
    with pytest.raises(OSError, match="No space left"):
        company.inspection()
    assert company.services.records.find() == []
    assert company.services.info().revisions == before and rows(company.services) == {}


def test_a_bundle_into_an_empty_folder_brings_the_projection(
    company: SmallCompany, exported: Path, make_services: Callable[[str], Services]
) -> None:
    """The bulk path writes each record's row: the same rows as the source, and it verifies."""
    target = make_services("other")
    import_bundle(target.ctx, exported)
    assert rows(target) == rows(company.services) and len(rows(target)) == 3
    assert target.verify().ok


def test_a_bundle_merged_into_a_folder_with_records_brings_the_projection(
    company: SmallCompany, exported: Path, make_services: Callable[[str], Services], tmp_path: Path
) -> None:
    """Merged record by record (the save path), the new records get their rows too."""
    target = make_services("other")
    import_bundle(target.ctx, exported)
    later = company.inspection("Second yard inspection")
    export_bundle(company.services.ctx, tmp_path / "later")
    report = import_bundle(target.ctx, tmp_path / "later")
    assert report.mode == "merged" and later.id in rows(target)
    assert rows(target) == rows(company.services)
    assert target.verify().ok
