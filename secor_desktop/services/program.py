"""The written program: starter documents, their state, starting one, and the manual.

Choosing a starter document makes an ordinary document record (a draft), its blanks filled
from the company profile, roster and sites where they are known; the owner tailors it,
signs it, and workers acknowledge it, like any other document. Templates come from the
package and from the company's own ``starter`` folder in the data folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from secor_desktop.domain.bodies import DocumentBody
from secor_desktop.domain.frameworks import FrameworkPack
from secor_desktop.domain.kinds import RecordKind, RecordStatus
from secor_desktop.domain.model import Company, Record, Site, Worker
from secor_desktop.domain.months import add_months
from secor_desktop.domain.starter import (
    StarterTemplate,
    TemplateError,
    blanks,
    bundled_dir,
    fill,
    load_templates,
    profile_values,
    untouched,
)
from secor_desktop.domain.validation import FieldProblem, raise_if
from secor_desktop.export.manual_model import Manual
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.errors import NotFoundError
from secor_desktop.services.frameworks import catalogue
from secor_desktop.services.program_manual import build_manual, review_due_of
from secor_desktop.services.records import RecordService
from secor_desktop.storage.atomic import atomic_write_bytes

if TYPE_CHECKING:
    from secor_desktop.storage.uow import SqlUnitOfWork

PROVINCE_NAMES = {
    "AB": "Alberta",
    "BC": "British Columbia",
    "SK": "Saskatchewan",
    "MB": "Manitoba",
    "ON": "Ontario",
}
REVIEW_MONTHS = 12


class ProgramState(StrEnum):
    NOT_STARTED = "not started"
    DRAFT = "draft"
    SIGNED = "signed"
    REVIEW_DUE = "review due"


@dataclass(frozen=True)
class ProgramEntry:
    """One starter document and where the company stands with it."""

    template: StarterTemplate
    state: ProgramState
    record_id: str | None = None
    review_due: date | None = None


@dataclass(frozen=True)
class ProgramFacts:
    """What a starter document is filled from: the profile, the roster and the sites, read
    together (a screen's snapshot carries them, so describing a fix reads nothing)."""

    company: Company | None
    workers: tuple[Worker, ...]
    sites: tuple[Site, ...]


def facts_in(uow: SqlUnitOfWork) -> ProgramFacts:
    return ProgramFacts(uow.get_company(), tuple(uow.list_workers()), tuple(uow.list_sites()))


class ProgramService:
    def __init__(self, ctx: ServiceContext, records: RecordService) -> None:
        self.ctx = ctx
        self.records = records
        self.problems: list[TemplateError] = []  # the company's broken template files

    def _folders(self) -> list[object]:
        own = self.ctx.framework_dir.parent / "starter" if self.ctx.framework_dir else None
        return [bundled_dir(), *([own] if own is not None else [])]

    def templates(self) -> list[StarterTemplate]:
        """Bundled templates, then the company's own (same id: the company's wins)."""
        self.problems = []
        folders: list[object] = self._folders()
        return load_templates(folders, errors=self.problems)  # type: ignore[arg-type]

    def company_folder(self) -> Path | None:
        """Where a company puts its own templates (``<data>/starter``)."""
        return self.ctx.framework_dir.parent / "starter" if self.ctx.framework_dir else None

    def template(self, template_id: str) -> StarterTemplate:
        found = {t.id: t for t in self.templates()}
        if template_id not in found:
            raise NotFoundError(
                f"There is no starter document {template_id!r}; "
                f"run 'secor-desktop program' to list them."
            )
        return found[template_id]

    def document_names(self, pack: FrameworkPack | None = None) -> dict[str, str]:
        """Directive document ids to their names, from every pack; ``pack``'s names win."""
        return document_names_in(
            [*catalogue(self.ctx.framework_dir).packs, *([pack] if pack else [])]
        )

    def facts(self) -> ProgramFacts:
        with self.ctx.uow() as uow:
            return facts_in(uow)

    def known_values(self, facts: ProgramFacts | None = None) -> dict[str, str]:
        """What the profile, the roster and the sites already say about the company."""
        today = self.ctx.clock.today()
        facts = facts or self.facts()
        company, workers, sites = facts.company, facts.workers, facts.sites
        owner = next((w for w in workers if w.is_owner and w.active_on(today)), None)
        return profile_values(
            company_name=company.name if company else "",
            province=PROVINCE_NAMES.get(company.province.value, "") if company else "",
            wcb_account=company.wcb_account if company else "",
            certifying_partner=company.certifying_partner if company else "",
            owner_name=owner.name if owner else "",
            site_names=[s.name for s in sites if s.active],
            today=today,
        )

    def status(self, pack: FrameworkPack | None = None) -> list[ProgramEntry]:
        """Every starter document with its state; the framework's documents first."""
        return self.status_of(self.records.find(RecordKind.DOCUMENT), pack)

    def status_of(
        self, documents: list[Record], pack: FrameworkPack | None = None
    ) -> list[ProgramEntry]:
        """``status`` over document records already read (a page's snapshot reads them with
        everything else in one unit of work)."""
        today = self.ctx.clock.today()
        newest: dict[str, Record] = {}
        for record in documents:
            body = record.body
            if record.void_reason is not None or not isinstance(body, DocumentBody):
                continue
            if not body.template_id:
                continue
            held = newest.get(body.template_id)
            if held is None or record.event_date >= held.event_date:
                newest[body.template_id] = record
        entries = []
        for template in self.templates():
            found = newest.get(template.id)
            if found is None:
                entries.append(ProgramEntry(template, ProgramState.NOT_STARTED))
                continue
            due = review_due_of(found)
            if found.status is not RecordStatus.SIGNED:
                state = ProgramState.DRAFT
            elif due <= today:
                state = ProgramState.REVIEW_DUE
            else:
                state = ProgramState.SIGNED
            entries.append(ProgramEntry(template, state, found.id, due))
        order = [d.id for e in pack.elements for d in e.directive_documents] if pack else []

        def rank(entry: ProgramEntry) -> tuple[int, int, int, str]:
            t = entry.template
            covered = [order.index(c) for c in t.covers if c in order]
            trade = t.id.startswith("fha_")
            # The document named after the framework's own comes before its companions.
            return (min(covered, default=len(order)), trade, t.id not in t.covers, t.title)

        return sorted(entries, key=rank)

    def template_or_none(self, template_id: str) -> StarterTemplate | None:
        return {t.id: t for t in self.templates()}.get(template_id)

    def for_document(self, doc_id: str) -> StarterTemplate | None:
        """The starter document for a framework's directive document: the one named after
        it, else the first that covers it."""
        templates = self.templates()
        named = next((t for t in templates if t.id == doc_id), None)
        return named or next((t for t in templates if doc_id in t.covers), None)

    def draft(
        self,
        template_id: str,
        values: Mapping[str, str] | None = None,
        facts: ProgramFacts | None = None,
    ) -> tuple[str, DocumentBody]:
        """The title and body a starter document begins as, not saved: blanks filled from
        the profile, then from ``values``; the current owner approves it.

        A value for a name that is not one of the template's blanks, or an empty value, is
        refused naming it: a typo must not pass silently.
        """
        template = self.template(template_id)
        given = dict(values or {})
        problems = [
            FieldProblem(
                name,
                f"is not a blank of the {template.title}; its blanks are "
                f"{', '.join(template.blanks)}",
            )
            for name in given
            if name not in template.blanks
        ]
        problems += [
            FieldProblem(n, "is empty; give it a value") for n, v in given.items() if not v.strip()
        ]
        raise_if(problems)
        today = self.ctx.clock.today()
        facts = facts or self.facts()  # one read (``facts`` given: none)
        owner = next((w for w in facts.workers if w.is_owner and w.active_on(today)), None)
        body = DocumentBody(
            doc_type=template.doc_type,
            version=template.version,
            text=fill(template.text, {**self.known_values(facts), **given}),
            owner_id=owner.id if owner else "",
            covers=template.covers,
            template_id=template.id,
            template_version=template.version,
            review_due=add_months(today, REVIEW_MONTHS),
        )
        return template.title, body

    def start(self, template_id: str, values: Mapping[str, str] | None = None) -> Record:
        """Save the filled draft document (see ``draft``) as a new, unsigned record."""
        title, body = self.draft(template_id, values)
        if not body.owner_id:
            raise_if(
                [
                    FieldProblem(
                        "owner",
                        "no current owner is on the roster; add the owner first: the owner "
                        "approves every program document",
                    )
                ]
            )
        return self.records.create(
            RecordKind.DOCUMENT,
            title=title,
            event_date=self.ctx.clock.today(),
            site_id=None,
            body=body,
        )

    def untouched(self, record: Record) -> tuple[str, ...]:
        """The record's paragraphs still in the starter wording (none if not from a template)."""
        body = record.body
        if not isinstance(body, DocumentBody) or not body.template_id:
            return ()
        found = self.template_or_none(body.template_id)
        return untouched(body.text, found) if found else ()

    def unfilled(self, record: Record) -> tuple[str, ...]:
        body = record.body
        return blanks(body.text) if isinstance(body, DocumentBody) else ()

    def manual(self, pack: FrameworkPack | None = None) -> Manual:
        """The documents in force, the framework's first, as the manual prints them."""
        return build_manual(self.ctx, pack, self.document_names(pack))

    def write_manual(self, out: Path, pack: FrameworkPack | None = None) -> Manual:
        """Render the manual and write it atomically (never a half-written file)."""
        manual = self.manual(pack)
        from secor_desktop.export.manual_pdf import render_manual  # ReportLab: only for a PDF

        atomic_write_bytes(out, render_manual(manual))
        return manual


def document_names_in(packs: list[FrameworkPack]) -> dict[str, str]:
    """Directive document ids to their names; a later pack's names win."""
    return {d.id: d.name for p in packs for e in p.elements for d in e.directive_documents}
