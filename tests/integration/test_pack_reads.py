"""The evidence pack reads in one unit of work, through the facade (issue 18)."""

from __future__ import annotations

from pathlib import Path

from secor_desktop.domain.kinds import SignatureMeaning
from tests.conftest import SmallCompany, signature_png


def _signed_inspection(company: SmallCompany) -> None:
    record = company.inspection()
    company.services.records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(),
    )


def test_pack_export_is_one_unit_of_work(company: SmallCompany, tmp_path: Path) -> None:
    """Verify, the company's framework, the records and the ledger: one unit of work."""
    _signed_inspection(company)
    services = company.services
    before = services.ctx.units_opened()
    summary = services.evidence_pack.export(tmp_path / "pack.pdf", summary_only=True)
    assert services.ctx.units_opened() - before == 1
    assert summary.records == 1 and summary.path.is_file()


def test_pack_uses_the_company_framework_when_none_is_named(company: SmallCompany) -> None:
    """Without a framework named, the pack is built on the company's chosen one."""
    _signed_inspection(company)
    services = company.services
    pack = services.evidence_pack.build(summary_only=True)
    assert pack.framework_name == services.framework().name
    named = services.evidence_pack.build(services.framework(), summary_only=True)
    assert [r.id for r in pack.records] == [r.id for r in named.records]
