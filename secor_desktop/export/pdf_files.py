"""The files attached to records, as the pack lists them: so an auditor handed a file can match it.

Under each record printed in full, a small table names each attached file, its type in words,
its size and the start of its SHA-256; the integrity appendix repeats every file with its full
SHA-256 (the same hash the record's revision document holds, so the chain covers it). Anyone
given "Fall protection plan.pdf" can run ``sha256sum`` on it and find it here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph

from secor_desktop.domain.model import Attachment, Record
from secor_desktop.export.pdf_append import AppendedFile
from secor_desktop.export.pdf_context import Ctx
from secor_desktop.export.pdf_styles import esc
from secor_desktop.export.pdf_table import Cells, grid, heading, key_values, split_hash

SHORT_HASH = 16  # hex digits printed under the record; the appendix has all 64

TYPE_WORDS = {
    "application/pdf": "PDF document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook",
    "application/vnd.oasis.opendocument.text": "OpenDocument text",
    "text/plain": "Plain text",
    "image/jpeg": "JPEG photo",
    "image/png": "PNG image",
}


def type_words(media_type: str) -> str:
    """'application/pdf' -> 'PDF document'; an unknown type is shown as it is stored."""
    return TYPE_WORDS.get(media_type, media_type)


def size_words(size: int) -> str:
    """A file size as a person reads it: '812 bytes', '34 KB', '2.4 MB'."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def short_hash(sha: str) -> str:
    return f"{sha[:SHORT_HASH]}…"


def file_table(ctx: Ctx, record: Record, cells: Cells) -> list[Flowable]:
    """The record's attached files: name (and caption), type, size, start of the SHA-256."""
    if not record.attachments:
        return []
    s = ctx.s
    rows: list[list[Any]] = [["File", "Type", "Size", "SHA-256 (start)"]]
    for a in record.attachments:
        name = a.filename + (f"\n{a.caption}" if a.caption else "")
        rows.append(
            [
                cells(name, f"File {a.filename}"),
                type_words(a.media_type),
                size_words(a.size),
                Paragraph(esc(short_hash(a.sha256)), s.hash),
            ]
        )
    label = f"Attached files ({len(record.attachments)})"
    return [Paragraph(label, s.label), grid(rows, [206, 90, 58, 150])]


def _files(records: Sequence[Record]) -> list[tuple[Record, Attachment]]:
    return [(r, a) for r in records for a in r.attachments]


def files_appendix(ctx: Ctx) -> list[Flowable]:
    """Every file attached to a record of the pack, with its full SHA-256."""
    s, pack = ctx.s, ctx.pack
    found = _files(pack.records)
    if not found:
        return []
    out: list[Flowable] = [
        CondPageBreak(40 * mm),
        heading(f"Files attached to records ({len(found)})", s.h2, 1),
        Paragraph(
            "Every file attached to a record in this pack. Each file's SHA-256 is part of its "
            "record's revision document, so the chain covers it: a file given to you separately "
            "is the one attached when its SHA-256 (sha256sum, certutil -hashfile FILE SHA256, "
            "Get-FileHash) matches.",
            s.body,
        ),
    ]
    cells = Cells(s)
    rows: list[list[Any]] = [["Record", "File", "Type", "Size", "SHA-256"]]
    for record, a in found:
        rows.append(
            [
                cells(f"{record.event_date.isoformat()} {record.title}"),
                cells(a.filename),
                type_words(a.media_type),
                size_words(a.size),
                Paragraph(split_hash(a.sha256), s.hash),
            ]
        )
    out += [grid(rows, [110, 114, 74, 40, 166]), *cells.flush()]
    return out


APPENDED_ANCHOR = "attached-pdfs"
APPENDED_TITLE = "Attached PDF documents"


class Placeholder(Flowable):  # type: ignore[misc]
    """An empty page's worth of pack, to be replaced by a page of an attached PDF: it notes
    which page of the pack it landed on."""

    def __init__(self, item: AppendedFile) -> None:
        super().__init__()
        self.item = item

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        self.item.placeholders.append(self.canv.getPageNumber())


def appended_section(ctx: Ctx, plan: Sequence[AppendedFile]) -> list[Flowable]:
    """The last section: a list of the files, then each file's separator page and pages."""
    if not plan:
        return []
    s = ctx.s
    pages = sum(item.pages for item in plan)
    out: list[Flowable] = [
        PageBreak(),
        heading(APPENDED_TITLE, s.h1, 0, APPENDED_ANCHOR),
        Paragraph(
            f"The PDF documents attached to the records of this pack ({len(plan)} file(s), "
            f"{pages} page(s) appended). After a separator page naming the record, each file's "
            "pages follow exactly as they were attached: they are not part of the records' "
            "printed text, carry no page header or text check, and are identified by the file's "
            "SHA-256, which the record's revision document holds (see the integrity appendix).",
            s.body,
        ),
    ]
    cells = Cells(s)
    rows: list[list[Any]] = [["File", "Attached to", "Pages appended", "SHA-256"]]
    for item in plan:
        a = item.pdf.attachment
        rows.append(
            [
                cells(a.filename),
                cells("\n".join(r.title for r in item.pdf.records)),
                str(item.pages) if item.appended else "None",
                Paragraph(split_hash(a.sha256), s.hash),
            ]
        )
    out += [grid(rows, [140, 140, 58, 166]), *cells.flush()]
    for item in plan:
        out += _separator(ctx, item, cells)
    return out


def _separator(ctx: Ctx, item: AppendedFile, cells: Cells) -> list[Flowable]:
    s = ctx.s
    a = item.pdf.attachment
    out: list[Flowable] = [
        PageBreak(),
        heading(f"Attached PDF: {a.filename}", s.h2, 1),
        key_values(
            [
                ("File", a.filename),
                ("Type and size", f"{type_words(a.media_type)}, {size_words(a.size)}"),
                ("SHA-256", a.sha256),
            ],
            s,
            cells,
        ),
        Paragraph("Attached to", s.label),
    ]
    rows: list[list[Any]] = [["Record", "Date", "Kind", "Record id"]]
    for r in item.pdf.records:
        rows.append([cells(r.title), r.event_date.isoformat(), r.kind.label, cells(r.id)])
    out.append(grid(rows, [176, 56, 80, 192]))
    if item.appended:
        text = (
            f"The {item.pages} page(s) that follow are this file exactly as it was attached. "
            "To check a copy you are given, compare its SHA-256 with the one above."
        )
        out.append(Paragraph(esc(text), s.body))
    else:
        text = (
            f"Not appended: {item.problem}. The file is listed here and in the integrity "
            "appendix by its SHA-256; ask the company for a copy and compare the hash."
        )
        out.append(Paragraph(f"<b>{esc(text, bold=True)}</b>", s.body))
    out += cells.flush()
    for _ in range(item.pages if item.appended else 0):
        out += [PageBreak(), Placeholder(item)]
    return out
