"""The evidence pack use case: load one consistent snapshot, build the pack model, write the PDF."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from secor_desktop.domain.frameworks import FrameworkPack
from secor_desktop.domain.ledger import ChainHead
from secor_desktop.domain.readiness import compute_readiness
from secor_desktop.export.pack_model import EvidencePack, build_evidence_pack
from secor_desktop.export.pdf import render_pack
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.errors import NotFoundError
from secor_desktop.storage.atomic import atomic_write_bytes


@dataclass(frozen=True)
class PackSummary:
    path: Path
    pages: int
    records: int
    revisions: int
    chain_head: ChainHead


def default_period(today: date) -> tuple[date, date]:
    """The twelve months up to and including ``today``."""
    try:
        start = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 1, day=28)
    return start + timedelta(days=1), today


class EvidencePackService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def build(
        self,
        framework: FrameworkPack,
        *,
        period_from: date | None = None,
        period_to: date | None = None,
        element_codes: Sequence[str] | None = None,
        summary_only: bool = False,
    ) -> EvidencePack:
        """The pack model for a period (default: the last twelve months) and some elements."""
        today = self.ctx.clock.today()
        start, end = default_period(period_to or today)
        start = period_from or start
        end = period_to or end
        known = {e.code for e in framework.elements}
        unknown = [c for c in element_codes or () if c not in known]
        if unknown:
            raise ValueError(
                f"No element {', '.join(unknown)} in {framework.name}; "
                f"its elements are {', '.join(sorted(known, key=_code_key))}."
            )
        with self.ctx.uow() as uow:
            company = uow.get_company()
            if company is None:
                raise NotFoundError("There is no company yet: set it up first.")
            workers = uow.list_workers()
            sites = uow.list_sites()
            all_records = uow.list_records()
            actions = uow.list_actions()
            revisions = uow.revision_infos()
            count, head = uow.chain_head()
        readiness = compute_readiness(
            company, framework, workers, all_records, actions, end, company.planned_audit_date
        )
        return build_evidence_pack(
            company=company,
            framework=framework,
            readiness=readiness,
            records=all_records,
            workers=workers,
            sites=sites,
            actions=actions,
            revisions=revisions,
            chain_head=ChainHead(count, head),
            period_from=start,
            period_to=end,
            generated_on=today,
            element_codes=element_codes,
            summary_only=summary_only,
        )

    def export(
        self,
        out: Path,
        framework: FrameworkPack,
        *,
        period_from: date | None = None,
        period_to: date | None = None,
        element_codes: Sequence[str] | None = None,
        summary_only: bool = False,
        invariant: bool = True,
    ) -> PackSummary:
        """Build the pack and write it to ``out`` atomically (never a half-written PDF)."""
        pack = self.build(
            framework,
            period_from=period_from,
            period_to=period_to,
            element_codes=element_codes,
            summary_only=summary_only,
        )
        rendered = render_pack(pack, invariant=invariant)
        atomic_write_bytes(out, rendered.data)
        return PackSummary(
            out, rendered.pages, len(pack.records), len(pack.revisions), pack.chain_head
        )


def _code_key(code: str) -> tuple[int, str]:
    return (int(code), code) if code.isdigit() else (10**6, code)
