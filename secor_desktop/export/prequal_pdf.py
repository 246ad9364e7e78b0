"""The prequalification pack as one PDF: a first page saying what is in it and what is not,
a part per thing a prequalification service asks for, then the originals' own pages.

ReportLab lays out the pack's own pages; pypdf then appends the pages of each attached PDF
original (certificate, letters) and of the health and safety manual, each under a bookmark.
An attached PDF that cannot be read is not appended: its part says so and a warning names it
(the file itself is still in the folder of originals). Every user string is escaped.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from reportlab.lib.pagesizes import LETTER
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from secor_desktop.export.pdf_files import size_words
from secor_desktop.export.pdf_images import DRAWABLE, PhotoFlowable, Pictures
from secor_desktop.export.pdf_statistics import statistics_flowables
from secor_desktop.export.pdf_styles import BAD, FONT, MUTED, Styles, esc, plain
from secor_desktop.export.pdf_table import WIDTH, Cells, grid, heading, key_values
from secor_desktop.export.prequal_model import (
    MANUAL_FILE,
    Missing,
    PaperEntry,
    Part,
    PrequalPack,
)

MARGIN = 54.0  # 0.75 in: the frame is ``WIDTH`` wide on Letter paper, as in the evidence pack
_UNREADABLE = (PyPdfError, OSError, KeyError, ValueError, TypeError, AttributeError, RecursionError)
AUDIT_WORDS = {
    "certification": "Certification",
    "maintenance": "Maintenance",
    "recertification": "Recertification",
}


@dataclass
class Rendered:
    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


class _Doc(BaseDocTemplate):  # type: ignore[misc]
    """Letter pages with a footer; every heading with an ``outline_entry`` is a bookmark."""

    def __init__(self, out: io.BytesIO, company: str) -> None:
        super().__init__(
            out,
            pagesize=LETTER,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            title="Prequalification pack",
            author=plain(company),
            invariant=1,
        )
        self.company = plain(company)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._footer)])
        self._keys = 0

    def _footer(self, canv: Any, doc: Any) -> None:
        canv.saveState()
        canv.setFont(FONT, 7.5)
        canv.setFillColor(MUTED)
        canv.drawString(self.leftMargin, 0.45 * 72, f"{self.company}: prequalification pack")
        canv.drawRightString(self.leftMargin + self.width, 0.45 * 72, f"Page {doc.page}")
        canv.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - ReportLab's name
        entry = getattr(flowable, "outline_entry", None)
        if entry is None:
            return
        text, level, _ = entry
        self._keys += 1
        key = f"part{self._keys}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(plain(text), key, level=level, closed=True)


def _missing_text(m: Missing) -> str:
    return f"<b>Not included.</b> {esc(m.reason)} <b>What to do:</b> {esc(m.what_to_do)}"


def _first_page(pack: PrequalPack, folder_name: str, s: Styles) -> list[Flowable]:
    cells = Cells(s)
    flow: list[Flowable] = [
        Paragraph("Prequalification pack", s.title),
        Paragraph(esc(pack.company_name or "Company name not set"), s.subtitle),
        key_values(
            [
                ("Province", pack.province),
                ("WCB account", pack.wcb_account or "not recorded"),
                ("Certifying partner", pack.certifying_partner or "not recorded"),
                ("Made on", pack.generated_on.isoformat()),
                ("Records checked", f"{pack.revisions} revisions, chain head {pack.chain_head}"),
            ],
            s,
            cells,
        ),
        Paragraph(
            "Made from records that passed the program's integrity check on the day above. The "
            f"original files are in the folder <b>{esc(folder_name)}</b> beside this PDF; the "
            "pages of attached PDF files and of the manual follow this pack's own pages.",
            s.body,
        ),
        heading("What this pack holds", s.h2, 0),
    ]
    rows: list[list[Any]] = [["Part", "What it is", "Included"]]
    for part in Part:
        included = pack.included(part)
        rows.append(
            [
                str(part.number),
                part.label,
                Paragraph("Included" if included else "<b>NOT INCLUDED</b>", s.cell),
            ]
        )
    flow.append(grid(rows, [40, WIDTH - 140, 100]))
    if pack.missing:
        flow.append(Paragraph("Not included", s.h2))
        for m in pack.missing:
            flow.append(
                Paragraph(
                    f"<b>{m.part.number}. {esc(m.part.label)}:</b> {esc(m.reason)} "
                    f"<b>What to do:</b> {esc(m.what_to_do)}",
                    s.body,
                )
            )
    if pack.flags:
        flow.append(Paragraph("Check before you upload", s.h2))
        flow += [Paragraph("\u2022 " + esc(flag), s.body) for flag in pack.flags]
    flow += cells.flush()
    return flow


def _status(entry: PaperEntry) -> str:
    if entry.expired:
        return f'<font color="{BAD.hexval()}"><b>EXPIRED</b></font>'
    return esc(entry.status)


def _papers(
    entries: tuple[PaperEntry, ...], s: Styles, pictures: Pictures, pdf_names: set[str]
) -> list[Flowable]:
    flow: list[Flowable] = []
    cells = Cells(s)
    for entry in entries:
        flow.append(Paragraph(esc(entry.title), s.h3))
        files = "; ".join(f"{f.saved_as} ({size_words(f.size)})" for f in entry.files)
        rows: list[list[Any]] = [
            [Paragraph("Issued", s.label), entry.issued.isoformat()],
            [
                Paragraph("Expires", s.label),
                entry.expiry.isoformat() if entry.expiry else "no expiry recorded",
            ],
            [Paragraph("Status", s.label), Paragraph(_status(entry), s.cell)],
            [
                Paragraph("Record", s.label),
                "signed" if entry.signed else "entered, not signed",
            ],
            [Paragraph("Notes", s.label), cells(entry.summary or "-", "Notes")],
            [Paragraph("File in the folder", s.label), cells(files or "none attached", "Files")],
        ]
        flow.append(grid(rows, [130, WIDTH - 130], header=False))
        flow += cells.flush()
        for f in entry.files:
            if f.media_type in DRAWABLE:
                flow.append(Spacer(1, 6))
                flow.append(PhotoFlowable(pictures, f.sha256, entry.title, WIDTH, 420))
            elif f.saved_as in pdf_names:
                flow.append(
                    Paragraph(
                        f"The pages of {esc(f.saved_as)} follow at the end of this pack.", s.small
                    )
                )
    return flow


def _evaluation(pack: PrequalPack, s: Styles) -> list[Flowable]:
    ev = pack.evaluation
    assert ev is not None
    who = ("external auditor " + ev.auditor) if ev.external else (ev.auditor or "internal")
    overall = "not scored" if ev.overall_pct is None else f"{ev.overall_pct:.1f}%"
    result = {True: "PASSED", False: "did not pass", None: "not scored here"}[ev.passed]
    cells = Cells(s)
    flow: list[Flowable] = [
        key_values(
            [
                ("Date", ev.eval_date.isoformat()),
                ("Audit", AUDIT_WORDS.get(ev.audit_type, ev.audit_type)),
                ("Held by", who),
                ("Framework", ev.framework),
                ("Overall score", overall),
                ("Result", result),
            ],
            s,
            cells,
        )
    ]
    if ev.pass_rule:
        flow.append(Paragraph(esc(ev.pass_rule), s.small))
    if ev.elements:
        rows: list[list[Any]] = [["Element", "Name", "Score", "Meets the element floor"]]
        for e in ev.elements:
            pct = "not scored" if e.pct is None else f"{e.pct:.1f}%"
            meets = {True: "yes", False: "NO", None: "-"}[e.meets_floor]
            rows.append([e.code, cells(e.name, "Element"), pct, meets])
        flow += [Spacer(1, 8), grid(rows)]
    return flow + cells.flush()


def _statistics(pack: PrequalPack, s: Styles) -> list[Flowable]:
    """The same table, notes and definitions as the evidence pack and the statistics page."""
    assert pack.statistics is not None
    return statistics_flowables(pack.statistics, s)


def _parties(pack: PrequalPack, s: Styles) -> list[Flowable]:
    """Other workplace parties' letters, under the company's own (when a register exists)."""
    table = pack.subcontractors
    if table is None:
        return []
    cells = Cells(s)
    rows: list[list[Any]] = [list(table.headers)]
    rows += [[cells(c) for c in row] for row in table.rows]
    flow: list[Flowable] = [
        Paragraph("Subcontractors, self-employed workers and suppliers", s.h2),
        grid(rows),
    ]
    flow += [Paragraph(esc(note), s.small) for note in table.notes]
    return flow + cells.flush()


def _manual(pack: PrequalPack, s: Styles) -> list[Flowable]:
    manual = pack.manual
    assert manual is not None
    cells = Cells(s)
    flow: list[Flowable] = [
        Paragraph(
            f"{len(manual.documents)} signed document(s). The manual's pages follow at the end "
            f"of this pack; its PDF is also in the folder as {MANUAL_FILE}.",
            s.body,
        )
    ]
    rows: list[list[Any]] = [["Document", "Version", "Approved", "Next review"]]
    for d in manual.documents:
        approved = (
            f"{d.approved_by}, {d.approved_on.isoformat()}" if d.approved_on else "not approved"
        )
        review = d.review_due.isoformat() if d.review_due else "-"
        rows.append([cells(d.title, "Document"), d.version or "-", cells(approved), review])
    flow.append(grid(rows))
    return flow + cells.flush()


def _training(pack: PrequalPack, s: Styles) -> list[Flowable]:
    cells = Cells(s)
    rows: list[list[Any]] = [["Worker", "Course", "Completed", "Expires", "Status"]]
    for t in pack.training:
        status = (
            Paragraph(f'<font color="{BAD.hexval()}"><b>EXPIRED</b></font>', s.cell)
            if t.expired
            else t.status
        )
        rows.append(
            [
                cells(t.worker, "Worker"),
                cells(t.course, "Course"),
                t.completed.isoformat(),
                t.expiry.isoformat() if t.expiry else "no expiry",
                status,
            ]
        )
    flow: list[Flowable] = [
        Paragraph(
            f"Workers on the roster on {pack.generated_on.isoformat()}, each course's latest "
            "certificate.",
            s.body,
        ),
        grid(rows),
    ]
    return flow + cells.flush()


def _readable_pdf(data: bytes | None) -> PdfReader | None:
    if data is None:
        return None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted or not reader.pages:
            return None
        for page in reader.pages:
            page.get_contents()
    except _UNREADABLE:
        return None
    return reader


def render_prequal(
    pack: PrequalPack,
    load: Callable[[str], bytes | None],
    manual_pdf: bytes | None,
    folder_name: str = "OUT-files",
) -> Rendered:
    """The pack's PDF: its own pages, then the PDF originals' pages and the manual's."""
    s = Styles()
    warnings: list[str] = []
    readers: list[tuple[str, PdfReader]] = []
    for f in pack.files:
        if f.media_type != "application/pdf":
            continue
        reader = _readable_pdf(load(f.sha256))
        if reader is None:
            warnings.append(
                f"The attached PDF {f.filename} cannot be read (damaged or password-protected), "
                f"so its pages are not in the pack; the file is in the folder as {f.saved_as}."
            )
        else:
            readers.append((f.saved_as, reader))
    pictures = Pictures(lambda sha: load(sha) or b"", warnings.append)
    pdf_names = {name for name, _ in readers}
    sections: dict[Part, Callable[[], list[Flowable]]] = {
        Part.CERTIFICATE: lambda: _papers(pack.certificate, s, pictures, pdf_names),
        Part.EVALUATION: lambda: _evaluation(pack, s),
        Part.STATISTICS: lambda: _statistics(pack, s),
        Part.CLEARANCE: lambda: _papers(pack.clearances, s, pictures, pdf_names),
        Part.INSURANCE: lambda: _papers(pack.insurance, s, pictures, pdf_names),
        Part.MANUAL: lambda: _manual(pack, s),
        Part.TRAINING: lambda: _training(pack, s),
    }
    story = _first_page(pack, folder_name, s)
    missing = {m.part: m for m in pack.missing}
    for part in Part:
        story += [PageBreak(), heading(f"{part.number}. {part.label}", s.h1, 0)]
        if part in missing:
            story.append(Paragraph(_missing_text(missing[part]), s.callout))
        has_content = {
            Part.CERTIFICATE: bool(pack.certificate),
            Part.EVALUATION: pack.evaluation is not None,
            Part.STATISTICS: pack.statistics is not None,
            Part.CLEARANCE: bool(pack.clearances),
            Part.INSURANCE: bool(pack.insurance),
            Part.MANUAL: pack.manual is not None and bool(pack.manual.documents),
            Part.TRAINING: bool(pack.training),
        }[part]
        if has_content:
            story += sections[part]()
        if part is Part.CLEARANCE:
            story += _parties(pack, s)
    out = io.BytesIO()
    _Doc(out, pack.company_name).build(story)
    writer = PdfWriter(clone_from=io.BytesIO(out.getvalue()))
    for name, reader in readers:
        writer.append(reader, outline_item=f"Original: {name}")
    if manual_pdf is not None:
        writer.append(PdfReader(io.BytesIO(manual_pdf)), outline_item="Health and safety manual")
    data = io.BytesIO()
    writer.write(data)
    return Rendered(data.getvalue(), len(writer.pages), warnings)
