"""The evidence pack use case: verify, read one consistent snapshot, build the model, write the PDF.

What the pack prints comes from each item's newest hashed revision document, read in the same
unit of work as the ``verify`` check and the ledger it embeds: the pages, the check and the
ledger all describe one state of the database. A database that fails ``verify`` is refused
(``UnverifiedDatabase``) unless the caller allows an UNVERIFIED pack.

The PDF is written to a temporary file and renamed into place only when complete, so a
cancelled or failed export never leaves a half-written pack (or clobbers an earlier one).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from secor_desktop.domain.frameworks import DEFAULT_PACK_ID, AuditType, FrameworkPack
from secor_desktop.domain.ledger import ChainHead
from secor_desktop.domain.readiness import compute_readiness
from secor_desktop.export.pack_ledger import (
    LEDGER_NAME,
    MANIFEST_NAME,
    ledger_bytes,
    manifest_bytes,
)
from secor_desktop.export.pack_model import EvidencePack, build_evidence_pack
from secor_desktop.export.pdf import Attachment, Cancelled, render_pack
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.errors import NotFoundError, Refused
from secor_desktop.services.frameworks import PackCatalogue, pack_or_default
from secor_desktop.services.integrity import VerifyProgress, verify
from secor_desktop.services.pack_source import (
    UnverifiedDatabase,
    decode_latest,
    describe_problems,
    eligibility_of,
)
from secor_desktop.services.statistics import bundled_rules, with_statistics
from secor_desktop.storage.atomic import atomic_write_bytes
from secor_desktop.storage.uow import SqlUnitOfWork

__all__ = ["EvidencePackService", "ExportCancelled", "PackSummary", "UnverifiedDatabase"]

Progress = Callable[[float, str], None]
"""Told the share of the work done (0.0 to 1.0) and what is being done, in words."""


class ExportCancelled(Exception):
    """The export was cancelled before it finished; no file was written."""


@dataclass(frozen=True)
class PackSummary:
    path: Path
    pages: int
    records: int
    revisions: int
    chain_head: ChainHead
    warnings: tuple[str, ...] = ()
    unverified: tuple[str, ...] = ()  # the problems of an UNVERIFIED pack (else empty)
    left_out: tuple[int, int] = (0, 0)  # drafts and voided records not in the sections
    appended_pages: int = 0  # pages of attached PDFs appended after the integrity appendix


def default_period(today: date) -> tuple[date, date]:
    """The twelve months up to and including ``today``."""
    try:
        start = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        start = today.replace(year=today.year - 1, day=28)
    return start + timedelta(days=1), today


class EvidencePackService:
    """``catalogue`` gives the installed framework packs: with it, a pack built without a
    framework named uses the company's, read in the pack's own unit of work."""

    def __init__(
        self, ctx: ServiceContext, catalogue: Callable[[], PackCatalogue] | None = None
    ) -> None:
        self.ctx = ctx
        self.catalogue = catalogue

    def build(
        self,
        framework: FrameworkPack | None = None,
        *,
        period_from: date | None = None,
        period_to: date | None = None,
        element_codes: Sequence[str] | None = None,
        summary_only: bool = False,
        include_photos: bool = True,
        audit_type: AuditType = AuditType.CERTIFICATION,
        allow_unverified: bool = False,
        include_drafts_and_voids: bool = False,
    ) -> EvidencePack:
        """The pack model for a period (default: the last twelve months) and some elements.

        Raises ``UnverifiedDatabase`` when the database fails ``verify``, unless
        ``allow_unverified`` (then every page of the pack says UNVERIFIED).
        """
        start, end = self.period(period_from, period_to)
        pack, _ = self._read(
            framework,
            start=start,
            end=end,
            element_codes=element_codes,
            summary_only=summary_only,
            include_photos=include_photos,
            audit_type=audit_type,
            allow_unverified=allow_unverified,
            include_drafts_and_voids=include_drafts_and_voids,
            with_ledger=False,
        )
        return pack

    def period(self, period_from: date | None, period_to: date | None) -> tuple[date, date]:
        """The period asked for, the last twelve months by default; refused if reversed."""
        today = self.ctx.clock.today()
        start, end = default_period(period_to or today)
        start = period_from or start
        end = period_to or end
        if start > end:
            raise Refused(
                f"The period starts on {start.isoformat()}, after it ends on {end.isoformat()}: "
                "choose a 'from' date on or before the 'to' date."
            )
        return start, end

    def _company_pack(self, uow: SqlUnitOfWork) -> FrameworkPack:
        """The company's chosen pack (the default pack before setup), as ``Services.framework``."""
        company = uow.get_company()
        if self.catalogue is None:
            raise LookupError("No framework catalogue was given: name the framework pack.")
        return pack_or_default(
            self.catalogue(), company.framework_id if company else DEFAULT_PACK_ID
        )

    @staticmethod
    def _check_elements(framework: FrameworkPack, element_codes: Sequence[str] | None) -> None:
        known = {e.code for e in framework.elements}
        unknown = [c for c in element_codes or () if c not in known]
        if unknown:
            raise Refused(
                f"No element {', '.join(unknown)} in {framework.name}; "
                f"its elements are {', '.join(sorted(known, key=_code_key))}."
            )

    def _read(
        self,
        framework: FrameworkPack | None,
        *,
        start: date,
        end: date,
        element_codes: Sequence[str] | None,
        summary_only: bool,
        include_photos: bool,
        audit_type: AuditType,
        allow_unverified: bool,
        include_drafts_and_voids: bool,
        with_ledger: bool,
        checking: VerifyProgress | None = None,
    ) -> tuple[EvidencePack, bytes]:
        """Verify, read what to print from the newest revision documents, and (optionally)
        the ledger: all in one unit of work, so the pack prints exactly what was checked.
        Without a ``framework`` the company's is used, read in the same unit of work."""
        today = self.ctx.clock.today()
        with self.ctx.uow() as uow:
            framework = framework or self._company_pack(uow)
            self._check_elements(framework, element_codes)
            report = verify(self.ctx, uow, checking)
            snapshot = decode_latest(uow.latest_documents())
            problems = [*describe_problems(report.problems, snapshot), *snapshot.problems]
            if problems and not allow_unverified:
                raise UnverifiedDatabase(tuple(problems))
            company = snapshot.company
            if company is None:
                raise NotFoundError("There is no company yet: set it up first.")
            revisions = uow.revision_infos()
            count, head = uow.chain_head()
            readiness = compute_readiness(
                company,
                framework,
                snapshot.workers,
                snapshot.records,
                snapshot.actions,
                end,
                company.planned_audit_date,
            )
            pack = build_evidence_pack(
                company=company,
                framework=framework,
                readiness=readiness,
                records=snapshot.records,
                workers=snapshot.workers,
                sites=snapshot.sites,
                actions=snapshot.actions,
                revisions=revisions,
                chain_head=ChainHead(count, head),
                period_from=start,
                period_to=end,
                generated_on=today,
                element_codes=element_codes,
                summary_only=summary_only,
                include_photos=include_photos,
                audit_type=audit_type,
                eligibility=eligibility_of(company, snapshot.workers, end, snapshot.records),
                evaluations=snapshot.evaluations,
                unverified=tuple(problems),
                include_drafts_and_voids=include_drafts_and_voids,
            )
            pack = with_statistics(pack, framework, snapshot.records, bundled_rules())
            ledger = ledger_bytes(uow.stored_revisions(), pack) if with_ledger else b""
        return pack, ledger

    def export(
        self,
        out: Path,
        framework: FrameworkPack | None = None,
        *,
        period_from: date | None = None,
        period_to: date | None = None,
        element_codes: Sequence[str] | None = None,
        summary_only: bool = False,
        include_photos: bool = True,
        audit_type: AuditType = AuditType.CERTIFICATION,
        invariant: bool = True,
        allow_unverified: bool = False,
        include_drafts_and_voids: bool = False,
        append_pdfs: bool = False,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> PackSummary:
        """Build the pack and write it to ``out`` atomically (never a half-written PDF).

        With ``append_pdfs`` the PDF documents attached to the printed records follow the
        integrity appendix, page for page (a file that cannot be read is named in a warning).
        Raises ``ExportCancelled`` if ``cancelled()`` turns true before the end; then nothing
        is written and an existing file at ``out`` is left as it was.
        """

        def tell(share: float, what: str) -> None:
            if progress is not None:
                progress(share, what)
            if cancelled is not None and cancelled():
                raise ExportCancelled("The export was cancelled; no file was written.")

        tell(0.0, "Checking and reading the records")
        start, end = self.period(period_from, period_to)
        pack, ledger = self._read(
            framework,
            start=start,
            end=end,
            element_codes=element_codes,
            summary_only=summary_only,
            include_photos=include_photos,
            audit_type=audit_type,
            allow_unverified=allow_unverified,
            include_drafts_and_voids=include_drafts_and_voids,
            with_ledger=True,
            checking=lambda done, total: tell(
                0.05 * done / total, f"Checking the records ({done:,} of {total:,})"
            ),
        )
        tell(0.05, "Reading the ledger")
        attachments = [
            Attachment(
                LEDGER_NAME,
                ledger,
                "application/x-ndjson",
                "The pack's revisions, one JSON object per line (see the integrity appendix)",
            ),
            Attachment(
                MANIFEST_NAME, manifest_bytes(pack), "application/json", "What the pack covers"
            ),
        ]
        tell(0.08, "Laying out the pages")

        def layout(share: float) -> None:
            if progress is not None:
                progress(0.08 + 0.9 * share, "Laying out the pages")

        try:
            rendered = render_pack(
                pack,
                invariant=invariant,
                images=self.ctx.blobs.get,
                attachments=attachments,
                progress=None
                if progress is None
                else lambda p: progress(0.08 + 0.9 * p, "Laying out the pages"),
                cancelled=cancelled,
                append_pdfs=append_pdfs,
            )
        except Cancelled as exc:
            raise ExportCancelled("The export was cancelled; no file was written.") from exc
        tell(0.99, "Writing the file")
        atomic_write_bytes(out, rendered.data)
        if progress is not None:
            progress(1.0, "Done")
        return PackSummary(
            out,
            rendered.pages,
            len(pack.records),
            len(pack.revisions),
            pack.chain_head,
            rendered.warnings,
            pack.unverified,
            pack.left_out_counts,
            rendered.appended_pages,
        )


def _code_key(code: str) -> tuple[int, str]:
    return (int(code), code) if code.isdigit() else (10**6, code)
