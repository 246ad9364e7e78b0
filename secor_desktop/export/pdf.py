"""The evidence pack as a PDF: ReportLab platypus, DejaVu Sans throughout, deterministic on request.

``render_pack(pack)`` returns the bytes; writing them (atomically) is the caller's business,
so this module never touches the file system beyond reading the bundled fonts. Stored images
come through ``images`` (a function from SHA-256 to bytes), one at a time.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from secor_desktop.domain.provinces import load_bundled_province_rules
from secor_desktop.export.glyphs import GlyphReport, strings_of
from secor_desktop.export.pack_ledger import MANIFEST_NAME
from secor_desktop.export.pack_model import EvidencePack
from secor_desktop.export.pdf_append import (
    AppendedFile,
    manifest_with_pages,
    page_ranges,
    plan_appended,
    splice,
)
from secor_desktop.export.pdf_context import Ctx
from secor_desktop.export.pdf_doc import (
    Attachment,
    Cancelled,
    Deferred,
    NumberedCanvas,
    PackDocument,
    PackLayoutError,
    Progress,
)
from secor_desktop.export.pdf_files import APPENDED_ANCHOR, APPENDED_TITLE, appended_section
from secor_desktop.export.pdf_images import ImageLoader, Pictures
from secor_desktop.export.pdf_integrity import integrity_appendix
from secor_desktop.export.pdf_left_out import ANCHOR as LEFT_OUT_ANCHOR
from secor_desktop.export.pdf_left_out import TITLE as LEFT_OUT_TITLE
from secor_desktop.export.pdf_left_out import left_out_appendix
from secor_desktop.export.pdf_records import element_section, record_label
from secor_desktop.export.pdf_registers import (
    action_register,
    self_evaluations,
    training_matrix,
    worker_roster,
)
from secor_desktop.export.pdf_sections import (
    STATUS_WORDS,
    contents,
    cover,
    eligibility,
    readiness_summary,
)
from secor_desktop.export.pdf_styles import Styles, coverage

__all__ = ["Attachment", "Cancelled", "PackLayoutError", "RenderedPack", "render_pack", "story"]


@dataclass(frozen=True)
class RenderedPack:
    data: bytes
    pages: int
    warnings: tuple[str, ...] = ()
    appended_pages: int = 0  # pages of attached PDFs among ``pages``


def glyph_warnings(pack: EvidencePack) -> list[str]:
    """Text the fonts cannot show as typed, named by the record or item that holds it."""
    report = GlyphReport(coverage())
    c = pack.company
    report.check("Company profile", [c.name, c.wcb_account, c.certifying_partner])
    for site in pack.sites:
        report.check(f"Site '{site.name}'", [site.name])
    for w in pack.workers:
        report.check(f"Worker '{w.name}'", [w.name, w.role])
    for record in pack.records:
        texts: list[str] = [record.title, *(s.signer_name for s in record.signatures)]
        if not pack.summary_only:
            texts += [*strings_of(record.body), *(a.caption for a in record.attachments)]
            texts += [a.filename for a in record.attachments]
            texts.append(record.void_reason or "")
        report.check(record_label(record), texts)
    for a in pack.actions:
        report.check(f"Corrective action '{a.description[:60]}'", [a.description, a.closure_note])
    return report.warnings


def _contents_entries(pack: EvidencePack) -> list[tuple[str, str, str]]:
    entries = [
        ("Readiness summary", pack.readiness.status.label, "readiness"),
        ("Eligibility: workers against the SECOR limit", "", "eligibility"),
    ]
    for section in pack.elements:
        status = STATUS_WORDS[section.readiness.status] if section.readiness else ""
        note = f"{len(section.records)} record(s) in the period" + (
            f" · {status}" if status else ""
        )
        entries.append((f"Element {section.code}: {section.name}", note, f"element-{section.code}"))
    entries += [
        ("Corrective action register", f"{len(pack.actions)} action(s)", "actions"),
        ("Training matrix", "", "training"),
        ("Worker roster", f"{len(pack.workers)} worker(s)", "roster"),
    ]
    if pack.evaluations:
        entries.append(
            ("Self-evaluations and audits", f"{len(pack.evaluations)} saved", "evaluations")
        )
    if pack.appendix_records:
        note = f"{len(pack.appendix_records)} record(s), not evidence"
        entries.append((LEFT_OUT_TITLE, note, LEFT_OUT_ANCHOR))
    entries.append(("Integrity appendix", f"{len(pack.revisions)} revision hashes", "integrity"))
    return entries


def story(
    ctx: Ctx,
    notes: Callable[[], Sequence[str]] = tuple,
    appended: Sequence[AppendedFile] = (),
) -> list[Flowable]:
    """The whole pack: the front eagerly, everything after it in ``Deferred`` pieces."""
    pack = ctx.pack
    entries = _contents_entries(pack)
    if appended:
        pages = sum(item.pages for item in appended)
        entries.append(
            (APPENDED_TITLE, f"{len(appended)} file(s), {pages} page(s)", APPENDED_ANCHOR)
        )
    flowables: list[Flowable] = [*cover(ctx), *contents(ctx, entries)]
    flowables += [
        Deferred(lambda: readiness_summary(ctx), "the readiness summary"),
        Deferred(lambda: eligibility(ctx), "the eligibility page"),
    ]
    for section in pack.elements:
        flowables += element_section(ctx, section)
    flowables += [
        Deferred(lambda: action_register(ctx), "the corrective action register"),
        Deferred(lambda: training_matrix(ctx), "the training matrix"),
        Deferred(lambda: worker_roster(ctx), "the worker roster"),
    ]
    if pack.evaluations:
        flowables.append(Deferred(lambda: self_evaluations(ctx), "the self-evaluations"))
    flowables += left_out_appendix(ctx)
    flowables += integrity_appendix(ctx, notes)
    flowables += appended_section(ctx, appended)
    return flowables


def render_pack(
    pack: EvidencePack,
    *,
    invariant: bool = True,
    images: ImageLoader | None = None,
    attachments: Sequence[Attachment] = (),
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    append_pdfs: bool = False,
) -> RenderedPack:
    """The pack as PDF bytes; with ``invariant`` the same pack gives the same bytes.

    With ``append_pdfs``, the PDFs attached to its records follow the integrity appendix
    (``pdf_append``); the attachment named ``MANIFEST_NAME`` then gains their page ranges.
    Raises ``Cancelled`` when ``cancelled()`` turns true during the layout.
    """
    warnings = glyph_warnings(pack)
    pictures = Pictures(images, warnings.append)
    zone = load_bundled_province_rules().get(pack.company.province).zone()
    ctx = Ctx(pack, Styles(), pictures, zone)
    plan = plan_appended(pack, images, warnings.append) if append_pdfs else []
    flowables = story(ctx, lambda: warnings, plan)
    buffer = io.BytesIO()
    doc = PackDocument(
        buffer,
        title=f"SECOR evidence pack: {pack.company.name}",
        author=pack.company.name,
        subject=f"{pack.period_from.isoformat()} to {pack.period_to.isoformat()}",
        company_name=pack.company.name,
        invariant=invariant,
        pieces=sum(isinstance(f, Deferred) for f in flowables),
        progress=progress,
        cancelled=cancelled,
        unverified=bool(pack.unverified),
    )
    doc.attachments.extend(attachments)
    doc.build(flowables, canvasmaker=NumberedCanvas)
    data = buffer.getvalue()
    ranges = page_ranges(plan)
    if ranges:
        manifest = next((a for a in attachments if a.name == MANIFEST_NAME), None)
        new = None if manifest is None else manifest_with_pages(manifest.data, ranges, doc.page)
        data = splice(data, plan, None if new is None else (MANIFEST_NAME, new))
    if progress is not None:
        progress(1.0)
    appended = sum(item.pages for item in plan if item.appended)
    return RenderedPack(data, doc.page, tuple(warnings), appended)
