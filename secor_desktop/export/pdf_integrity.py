"""The integrity appendix: how to check the pack, late entries, notes, and every revision's hash."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, TableStyle

from secor_desktop.domain.model import RevisionInfo
from secor_desktop.export.pack_ledger import CHECK_SNIPPET, LEDGER_NAME, MANIFEST_NAME
from secor_desktop.export.pdf_context import Ctx
from secor_desktop.export.pdf_doc import Deferred
from secor_desktop.export.pdf_files import files_appendix
from secor_desktop.export.pdf_styles import esc
from secor_desktop.export.pdf_table import Cells, grid, heading, split_hash, words

REVISION_ROWS = 500

HOW_TO_CHECK = [
    "Every save of a record, worker, site, corrective action, self-evaluation or the company "
    "profile appends one revision to a single chain; revisions are never changed or deleted.",
    "Content hash: the SHA-256 of the revision document, a JSON object written with its keys "
    "sorted, no spaces, in UTF-8. Chain hash: the SHA-256 of the previous chain hash (32 bytes; "
    "32 zero bytes before the first revision) followed by this content hash (32 bytes). The last "
    "chain hash is the chain head on the cover.",
    f"This PDF carries two attached files (your viewer lists them as attachments): "
    f"{LEDGER_NAME}, one line per revision of the chain up to the head, with the full document "
    f"of every revision listed below and only the hashes of the others; and {MANIFEST_NAME}, "
    "what the pack covers. These lines of Python recompute every hash and the head:",
]
AFTER_SNIPPET = (
    "The count and head it prints must match the cover. With the company's data at hand, "
    "'secor-desktop verify-pack pack.pdf' checks every hash listed here against the company's "
    "database and names any record that differs or is missing."
)
FLAGS_NOTE = (
    "Flags are listed, not hidden: 'late entry' marks a record first saved more than {days} "
    "days after its event (possible back-dating); 'clock backwards' marks a save dated before "
    "the one preceding it."
)


def integrity_appendix(ctx: Ctx, notes: Callable[[], Sequence[str]]) -> list[Flowable]:
    """The appendix in pieces; ``notes`` is asked last, once every record has been drawn."""
    pieces: list[Flowable] = [
        Deferred(lambda: _how_to_check(ctx), "the integrity appendix"),
        Deferred(lambda: _late_entries(ctx)),
        Deferred(lambda: _notes(ctx, notes())),
        Deferred(lambda: files_appendix(ctx), "the list of attached files"),
    ]
    revisions = ctx.pack.revisions
    for start in range(0, len(revisions), REVISION_ROWS):
        chunk = revisions[start : start + REVISION_ROWS]
        pieces.append(Deferred(partial(_revisions, ctx, chunk, start == 0)))
    return pieces


def _how_to_check(ctx: Ctx) -> list[Flowable]:
    s, pack = ctx.s, ctx.pack
    out: list[Flowable] = [
        heading("Integrity appendix", s.h1, 0, "integrity"),
        heading("How to check these records", s.h2, 1),
    ]
    out += [Paragraph(esc(text), s.body) for text in HOW_TO_CHECK]
    code = esc(CHECK_SNIPPET.rstrip("\n")).replace("  ", "&nbsp; ")
    out.append(Paragraph(code, s.code))
    out.append(Paragraph(esc(AFTER_SNIPPET), s.body))
    out.append(Paragraph(esc(FLAGS_NOTE.format(days=pack.company.late_entry_days)), s.body))
    head = pack.chain_head
    out.append(
        KeepTogether(
            [
                Paragraph("Chain head", s.label),
                Paragraph(f"{head.count} revisions, head {esc(head.sha256)}", s.hash),
            ]
        )
    )
    return out


def _late_entries(ctx: Ctx) -> list[Flowable]:
    s, pack = ctx.s, ctx.pack
    late = pack.late_entries
    out: list[Flowable] = [
        CondPageBreak(40 * mm),
        heading(f"Late entries ({len(late)})", s.h2, 1),
    ]
    if not late:
        out.append(
            Paragraph(
                f"None: every record in this pack was first saved within "
                f"{pack.company.late_entry_days} days of its event.",
                s.body,
            )
        )
        return out
    out.append(
        Paragraph(
            f"Records first saved more than {pack.company.late_entry_days} days after the event "
            "they describe. They count as evidence like any other; the auditor may ask why.",
            s.body,
        )
    )
    titles = pack.record_titles
    cells = Cells(s)
    rows: list[list[Any]] = [["Record", "Event date", "First saved", "Days after"]]
    for rev in late:
        days = (rev.entered_at.date() - rev.event_date).days if rev.event_date else 0
        rows.append(
            [
                cells(titles.get(rev.entity_id, rev.entity_id)),
                rev.event_date.isoformat() if rev.event_date else "—",
                ctx.local(rev.entered_at),
                str(days),
            ]
        )
    table = grid(rows)
    table.setStyle(TableStyle([("ALIGN", (3, 1), (3, -1), "RIGHT")]))
    return [*out, table, *cells.flush()]


def _notes(ctx: Ctx, notes: Sequence[str]) -> list[Flowable]:
    if not notes:
        return []
    s = ctx.s
    out: list[Flowable] = [
        CondPageBreak(30 * mm),
        heading("Notes on this pack", s.h2, 1),
        Paragraph(
            "What the program could not print exactly as it was saved. The saved text and files "
            "are unchanged; the hashes below are of them.",
            s.body,
        ),
    ]
    out += [Paragraph("• " + esc(note), s.body) for note in notes]
    return out


def _revisions(ctx: Ctx, revisions: Sequence[RevisionInfo], first: bool) -> list[Flowable]:
    s, pack = ctx.s, ctx.pack
    out: list[Flowable] = []
    if first:
        out += [
            CondPageBreak(50 * mm),
            heading(f"Revisions in this pack ({len(pack.revisions)})", s.h2, 1),
        ]
    names = _names(ctx)
    cells = Cells(s)
    rows: list[list[Any]] = [["Seq", "Entity", "Item", "Rev.", "Entered at", "SHA-256"]]
    for rev in revisions:
        item = names.get(rev.entity_id, rev.entity_id)[:120]
        if rev.flags:
            item += " [" + ", ".join(words(f).lower() for f in rev.flags) + "]"
        rows.append(
            [
                str(rev.seq),
                words(rev.entity_type),
                cells(item),
                str(rev.revision),
                ctx.local(rev.entered_at),
                Paragraph(split_hash(rev.content_sha256), s.hash),
            ]
        )
    table = grid(rows)
    table.setStyle(
        TableStyle([("ALIGN", (0, 1), (0, -1), "RIGHT"), ("ALIGN", (3, 1), (3, -1), "RIGHT")])
    )
    out.append(table)
    return out


def _names(ctx: Ctx) -> dict[str, str]:
    pack = ctx.pack
    names = dict(pack.record_titles)
    names.update({w.id: w.name for w in pack.workers})
    names.update({a.id: a.description for a in pack.actions})
    names.update({x.id: x.name for x in pack.sites})
    names.update(
        {
            e.evaluation.id: f"Self-evaluation {e.evaluation.eval_date.isoformat()}"
            for e in pack.evaluations
        }
    )
    names["company"] = pack.company.name
    return names
