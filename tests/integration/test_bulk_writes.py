"""Bulk writes (storage.bulk: the import's replay) and the benchmark's company generator."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from secor_desktop.domain.canonical import entity_data, record_from_data
from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.storage import bulk, mapping
from secor_desktop.storage.rows import AttachmentRow, RecordRow, SignatureRow
from tests.benchmarks.generate import generate
from tests.conftest import SmallCompany, signature_png


def columns(row: Any) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in type(row).__mapper__.column_attrs}


def test_bulk_rows_are_the_rows_a_save_writes(company: SmallCompany, tmp_path: Path) -> None:
    """For a signed record with a photo, bulk values equal what ``mapping`` puts in rows."""
    photo = company.services.records.attach_photo(signature_png(3), "yard.png", "The yard")
    record = company.inspection()
    record = company.services.records.update(
        record.id,
        title=record.title,
        event_date=record.event_date,
        site_id=record.site_id,
        body=record.body,
        attachments=(photo,),
    )
    record = company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )
    row = RecordRow()
    mapping.record_to_row(record, row)
    assert bulk.record_values(record) == columns(row)
    decoded, body = record_from_data(entity_data(record))
    assert bulk.record_values(decoded, body) == columns(row)
    assert bulk.attachment_values(record) == [columns(a) for a in mapping.attachment_rows(record)]
    assert bulk.signature_values(record) == [
        columns(mapping.signature_row(record.id, i, s)) for i, s in enumerate(record.signatures)
    ]
    assert {type(r) for r in mapping.attachment_rows(record)} == {AttachmentRow}
    assert type(mapping.signature_row(record.id, 0, record.signatures[0])) is SignatureRow


def test_generated_company_is_real_and_verifies(tmp_path: Path) -> None:
    """A small generated company: migrated, signed, indexed for search, and verify passes."""
    made = generate(tmp_path / "data", 3_000)
    services = made.services
    assert made.records >= 3_000
    assert made.revisions > made.records  # plus the company, its sites and workers
    report = services.verify()
    assert report.ok, report.problems[:3]
    counts = services.info().record_counts
    assert counts[RecordKind.FLHA.value] > counts[RecordKind.INSPECTION.value] > 0
    with sqlite3.connect(services.locations.database) as conn:
        indexed = conn.execute("SELECT count(*) FROM records_fts").fetchone()[0]
        signed = conn.execute("SELECT count(*) FROM records WHERE status = 'signed'").fetchone()
        photos = conn.execute("SELECT count(*) FROM attachments").fetchone()[0]
    assert indexed == made.records
    assert signed[0] > made.records * 0.9
    assert photos > 0
    assert services.search.search("tear-off").total > 0
