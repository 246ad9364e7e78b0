"""The appendix of drafts and voided records, printed only when the user asks for it.

Drafts are not signed and voided records were withdrawn: neither is evidence, so the element
sections leave them out and the cover counts them. Some auditors want to see them anyway (a
voided record with its reason shows a company correcting itself); this appendix prints them
apart, each in full, so they can never be mistaken for counted evidence.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from reportlab.platypus import Flowable, PageBreak, Paragraph

from secor_desktop.domain.model import Record
from secor_desktop.export.pdf_context import Ctx
from secor_desktop.export.pdf_doc import Deferred
from secor_desktop.export.pdf_records import RECORDS_PER_PIECE, record_detail
from secor_desktop.export.pdf_table import Cells, grid, heading, words

ANCHOR = "left-out"
TITLE = "Appendix: drafts and voided records"


def left_out_appendix(ctx: Ctx) -> list[Flowable]:
    """The appendix's pieces (none when the pack leaves drafts and voids out)."""
    records = ctx.pack.appendix_records
    if not records:
        return []
    pieces: list[Flowable] = [Deferred(partial(_head, ctx, records))]
    if ctx.pack.summary_only:  # registers only: the list above, no record in full
        return [*pieces, PageBreak()]
    for start in range(0, len(records), RECORDS_PER_PIECE):
        chunk = records[start : start + RECORDS_PER_PIECE]
        pieces.append(Deferred(partial(_details, ctx, chunk)))
    pieces.append(PageBreak())
    return pieces


def _head(ctx: Ctx, records: tuple[Record, ...]) -> list[Flowable]:
    s = ctx.s
    out: list[Flowable] = [
        heading(TITLE, s.h1, 0, ANCHOR),
        Paragraph(
            "Not evidence: these records were never signed (drafts) or were withdrawn with a "
            "reason (voided). They are not counted in the readiness summary or the element "
            "registers, and are printed here only because this pack was asked to include them.",
            s.body,
        ),
    ]
    cells = Cells(s)
    rows: list[list[Any]] = [["Date", "Kind", "Title", "Status", "Void reason"]]
    for r in records:
        rows.append(
            [
                r.event_date.isoformat(),
                cells(r.kind.label),
                cells(r.title, f"Title of the record of {r.event_date.isoformat()}"),
                words(r.status.value),
                cells(r.void_reason or "—", f"Void reason of {r.title[:60]}"),
            ]
        )
    out += [grid(rows, [56, 80, 190, 44, 134]), *cells.flush()]
    return out


def _details(ctx: Ctx, records: tuple[Record, ...]) -> list[Flowable]:
    out: list[Flowable] = []
    for record in records:
        out += record_detail(ctx, record)
    return out
