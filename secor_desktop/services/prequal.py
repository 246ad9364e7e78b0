"""The prequalification pack: one PDF, and beside it a folder of the uploaded originals.

Prequalification services (ISNetworld, Avetta, ComplyWorks, ContractorXchange) ask for the
SECOR certificate, the latest audit summary, three years of statistics, the WCB clearance
letter, the insurance certificate, the safety manual and training records. The pack gathers
them in that order; the first page names every part that is missing and what to do.

Like the evidence pack it prints only verified history: the database is checked and the items
are read from their newest hashed revision documents in one unit of work, and a database that
fails the check is refused (``UnverifiedDatabase``); there is no UNVERIFIED variant. The PDF
and the folder of originals appear together or not at all (``write_pdf_and_folder``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from secor_desktop.domain.frameworks import DEFAULT_PACK_ID
from secor_desktop.domain.prequal import PAPER_TYPES
from secor_desktop.export.prequal_model import MANUAL_FILE, Missing, PrequalPack
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.errors import NotFoundError, Refused
from secor_desktop.services.evidence_pack import ExportCancelled
from secor_desktop.services.frameworks import PackCatalogue, pack_or_default
from secor_desktop.services.integrity import verify
from secor_desktop.services.pack_source import UnverifiedDatabase, decode_latest, describe_problems
from secor_desktop.services.prequal_parts import (
    evaluation_part,
    manual_part,
    paper_part,
    parties_part,
    training_part,
)
from secor_desktop.services.prequal_stats import statistics_part
from secor_desktop.services.program import document_names_in
from secor_desktop.services.program_manual import manual_in
from secor_desktop.storage.atomic_folder import write_pdf_and_folder

__all__ = ["PrequalService", "PrequalSummary", "UnverifiedDatabase", "files_folder"]

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class PrequalSummary:
    path: Path
    folder: Path
    pages: int
    files: tuple[str, ...]  # the names written in the folder
    missing: tuple[Missing, ...]
    flags: tuple[str, ...]
    warnings: tuple[str, ...]


def files_folder(out: Path) -> Path:
    """The folder of originals beside ``OUT.pdf``: ``OUT-files``."""
    return out.with_name(f"{out.stem}-files")


def check_output(out: Path) -> None:
    """Refuse a place the pack cannot go, before anything is read or written."""
    if out.is_dir():
        raise Refused(
            f"{out} is a folder: give the pack a file name ending in .pdf, e.g. "
            f"{out / 'prequalification.pdf'}."
        )
    if out.suffix.lower() != ".pdf":
        raise Refused(f"{out} does not end in .pdf: give the pack a .pdf file name.")
    if not out.parent.is_dir():
        raise Refused(
            f"The folder {out.parent} does not exist: create it first or choose another place "
            "for the pack."
        )
    folder = files_folder(out)
    if folder.exists() and not folder.is_dir():
        raise Refused(
            f"{folder} exists and is not a folder, so the originals cannot be put there: move "
            "it or give the pack another name."
        )


class PrequalService:
    def __init__(self, ctx: ServiceContext, catalogue: Callable[[], PackCatalogue]) -> None:
        self.ctx = ctx
        self.catalogue = catalogue

    def build(self, check: Callable[[int, int], None] | None = None) -> PrequalPack:
        """Verify, then read every part from the verified snapshot, in one unit of work."""
        today = self.ctx.clock.today()
        packs = self.catalogue()
        with self.ctx.uow() as uow:
            report = verify(self.ctx, uow, check)
            snapshot = decode_latest(uow.latest_documents())
            problems = [*describe_problems(report.problems, snapshot), *snapshot.problems]
            if problems:
                raise UnverifiedDatabase(tuple(problems))
            company = snapshot.company
            if company is None:
                raise NotFoundError("There is no company yet: set it up first.")
            count, head = uow.chain_head()
            framework = pack_or_default(packs, company.framework_id or DEFAULT_PACK_ID)
            names = document_names_in([*packs.packs, framework])
            manual = manual_in(uow, snapshot.records, company.name, today, framework, names)
        missing: list[Missing] = []
        flags: list[str] = []
        taken: set[str] = {MANUAL_FILE}
        papers = {}
        for paper_type in PAPER_TYPES:
            entries, lacking, warned = paper_part(snapshot.records, paper_type, today, taken)
            papers[paper_type] = entries
            missing += lacking
            flags += warned
        evaluation, lacking = evaluation_part(snapshot.evaluations, packs)
        missing += lacking
        statistics, lacking, warned = statistics_part(snapshot, today)
        missing += lacking
        flags += warned
        missing += manual_part(manual)
        training, lacking = training_part(snapshot.workers, snapshot.records, today)
        missing += lacking
        subcontractors, warned, party_files = parties_part(snapshot.records, today, taken)
        flags += warned
        missing.sort(key=lambda m: m.part.number)
        certificate, clearances, insurance = (papers[t] for t in PAPER_TYPES)
        return PrequalPack(
            company_name=company.name,
            province=company.province.value,
            wcb_account=company.wcb_account,
            certifying_partner=company.certifying_partner,
            generated_on=today,
            chain_head=head,
            revisions=count,
            certificate=certificate,
            clearances=clearances,
            insurance=insurance,
            evaluation=evaluation,
            statistics=statistics,
            manual=manual,
            training=training,
            missing=tuple(missing),
            flags=tuple(flags),
            subcontractors=subcontractors,
            party_files=party_files,
        )

    def export(
        self,
        out: Path,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> PrequalSummary:
        """Write ``out`` and its folder of originals; nothing at all on a refusal or failure."""

        def tell(share: float, what: str) -> None:
            if progress is not None:
                progress(share, what)
            if cancelled is not None and cancelled():
                raise ExportCancelled("The pack was cancelled; nothing was written.")

        check_output(out)
        tell(0.0, "Checking the records")
        pack = self.build(lambda done, total: tell(0.4 * done / max(total, 1), "Checking"))
        tell(0.45, "Reading the attached files")
        originals = self._originals(pack)
        tell(0.55, "Laying out the pages")
        from secor_desktop.export.manual_pdf import render_manual  # ReportLab: on use only
        from secor_desktop.export.prequal_pdf import render_prequal

        manual_pdf = render_manual(pack.manual) if pack.manual and pack.manual.documents else None
        rendered = render_prequal(pack, originals.get, manual_pdf, files_folder(out).name)
        tell(0.9, "Writing the pack and its folder")
        files = [(f.saved_as, originals[f.sha256]) for f in pack.files]
        if manual_pdf is not None:
            files.append((MANUAL_FILE, manual_pdf))
        folder = files_folder(out)
        write_pdf_and_folder(out, rendered.data, folder, files)
        if progress is not None:
            progress(1.0, "Done")
        return PrequalSummary(
            out,
            folder,
            rendered.pages,
            tuple(name for name, _ in files),
            pack.missing,
            pack.flags,
            tuple(rendered.warnings),
        )

    def _originals(self, pack: PrequalPack) -> dict[str, bytes]:
        """Each paper's file by its hash, checked again as it is read."""
        found: dict[str, bytes] = {}
        for f in pack.files:
            if f.sha256 in found:
                continue
            try:
                data = self.ctx.blobs.get(f.sha256)
            except OSError as exc:
                raise Refused(
                    f"The attached file {f.filename} cannot be read ({exc}): run verify, and "
                    "restore the latest backup if the file is missing."
                ) from exc
            if hashlib.sha256(data).hexdigest() != f.sha256:
                raise Refused(
                    f"The attached file {f.filename} was changed after it was stored: run "
                    "verify, and restore the latest backup."
                )
            found[f.sha256] = data
        return found
