"""One section per element: its directive documents, its register, then each record in full.

A section is laid out in pieces (``Deferred``), a few records at a time, so a pack of ten
thousand records never holds more than a handful of them as flowables at once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date, datetime
from enum import Enum
from functools import partial
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer, TableStyle

from secor_desktop.domain.bodies import Control
from secor_desktop.domain.canonical import ENTITY_RECORD
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import worker_refs
from secor_desktop.export.pack_model import ElementSection
from secor_desktop.export.pdf_context import Ctx
from secor_desktop.export.pdf_doc import Deferred, Mark
from secor_desktop.export.pdf_files import file_table
from secor_desktop.export.pdf_images import (
    DRAWABLE,
    SIGNATURE_BOX,
    PhotoFlowable,
    SignatureFlowable,
)
from secor_desktop.export.pdf_parties import party_table
from secor_desktop.export.pdf_sections import STATUS_WORDS
from secor_desktop.export.pdf_statistics import statistics_section
from secor_desktop.export.pdf_styles import GOOD, esc
from secor_desktop.export.pdf_table import (
    WIDTH,
    Cells,
    fitted_widths,
    grid,
    heading,
    key_values,
    split_hash,
    words,
)
from secor_desktop.export.text_check import check_line

REGISTER_ROWS = 400  # rows per register table (one piece of layout)
RECORDS_PER_PIECE = 8
PHOTO_WIDTH = (WIDTH - 12) / 2
PHOTO_HEIGHT = 190.0
SIGNATURE_COLUMN = SIGNATURE_BOX[0] + 12  # the signature and its cell's padding


def record_label(record: Record) -> str:
    """How warnings and the appendix name a record: its title, date and kind."""
    title = record.title if len(record.title) <= 80 else record.title[:79] + "…"
    return f"Record '{title}' of {record.event_date.isoformat()} ({record.kind.label})"


def record_mark(record: Record) -> Mark:
    """Names the record (with its id) in any layout failure while it is being placed."""
    label = record_label(record)
    return Mark(f"{label[0].lower()}{label[1:]}, id {record.id}")


def element_section(ctx: Ctx, section: ElementSection) -> list[Flowable]:
    """The pieces of one element's section, each laid out only when its turn comes."""
    where = f"the section of element {section.code}"
    pieces: list[Flowable] = [Deferred(partial(_element_head, ctx, section), where)]
    if section.parties is not None:
        where = f"the register of other workplace parties, element {section.code}"
        pieces.append(Deferred(partial(party_table, ctx, section), where))
    if section.code == ctx.pack.statistics_element:
        pieces.append(Deferred(partial(statistics_section, ctx), "the statistics table"))
    records = section.records
    for start in range(0, len(records), REGISTER_ROWS):
        rows = records[start : start + REGISTER_ROWS]
        pieces.append(Deferred(partial(_register, ctx, section, rows, start == 0)))
    if not ctx.pack.summary_only and records:
        printed = tuple(r for r in records if r.id in section.printed_here)
        pieces.append(Deferred(partial(_full_head, ctx, section, len(printed))))
        for start in range(0, len(printed), RECORDS_PER_PIECE):
            chunk = printed[start : start + RECORDS_PER_PIECE]
            pieces.append(Deferred(partial(_details, ctx, chunk)))
    pieces.append(PageBreak())
    return pieces


def _element_head(ctx: Ctx, section: ElementSection) -> list[Flowable]:
    s = ctx.s
    out: list[Flowable] = [
        heading(f"Element {section.code}: {section.name}", s.h1, 0, f"element-{section.code}")
    ]
    er = section.readiness
    if er is not None:
        span = (
            f"records span {er.span_months} months"
            if er.span_required
            else "no span is required of this element"
        )
        out.append(
            Paragraph(
                f"Status: <b>{esc(STATUS_WORDS[er.status])}</b>; {span}; {er.counted} counted "
                f"record(s) in all. {len(section.records)} record(s) from this period follow.",
                s.body,
            )
        )
    if section.documents:
        out.append(heading(f"Directive documents, element {section.code}", s.h2, 1))
        cells = Cells(s)
        rows: list[list[Any]] = [["Document expected", "Fulfilled by", "Dated", "Current"]]
        for doc in section.documents:
            rows.append(
                [
                    cells(doc.name, bold=True),
                    cells(doc.record_title or "Missing: no signed record fulfils it"),
                    doc.record_date.isoformat() if doc.record_date else "—",
                    "Yes" if doc.current else "No: review due",
                ]
            )
        table = grid(rows, [150, 214, 60, 80])
        for i, doc in enumerate(section.documents, 1):
            if not doc.current:
                table.setStyle(TableStyle([("TEXTCOLOR", (3, i), (3, i), "#c53030")]))
        out += [table, *cells.flush()]
    if not section.records:
        out.append(Paragraph("No records of this element in the period.", s.body))
    return out


def _register(
    ctx: Ctx, section: ElementSection, records: Sequence[Record], first: bool
) -> list[Flowable]:
    s, pack = ctx.s, ctx.pack
    out: list[Flowable] = [Mark(f"the register of records of element {section.code}")]
    if first:
        out += [
            CondPageBreak(50 * mm),
            heading(f"Register of records, element {section.code}", s.h2, 1),
        ]
    cells = Cells(s)
    rows: list[list[Any]] = [["Date", "Kind", "Title", "Site", "Signed by", "Status"]]
    for r in records:
        rows.append(
            [
                r.event_date.isoformat(),
                Paragraph(esc(r.kind.label), s.cell),
                cells(r.title, f"Title of the record of {r.event_date.isoformat()}"),
                cells(pack.site_name(r.site_id)),
                cells(", ".join(sig.signer_name for sig in r.current_signatures) or "—"),
                words(r.status.value),
            ]
        )
    out.append(grid(rows, [56, 70, 130, 64, 144, 40]))
    out += cells.flush()
    return out


def _full_head(ctx: Ctx, section: ElementSection, printed: int) -> list[Flowable]:
    s = ctx.s
    out: list[Flowable] = []
    elsewhere = len(section.records) - printed
    if elsewhere:
        out.append(
            Paragraph(
                f"{elsewhere} record(s) above also count for an earlier element and are "
                "printed in full there.",
                s.small,
            )
        )
    if printed:
        out += [
            CondPageBreak(80 * mm),
            heading(f"Records in full, element {section.code}", s.h2, 1),
        ]
    return out


def _details(ctx: Ctx, records: Sequence[Record]) -> list[Flowable]:
    out: list[Flowable] = []
    for record in records:
        out += record_detail(ctx, record)
    return out


# --- one record in full ------------------------------------------------------------------


def _value_text(name: str, value: Any, name_of: Callable[[str | None], str]) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Enum):
        return words(str(value.value))
    if isinstance(value, date | datetime):
        return value.isoformat()
    if name.endswith("_ids") and isinstance(value, tuple):
        return ", ".join(name_of(v) for v in value) or "—"
    if name.endswith("_id") and isinstance(value, str):
        return name_of(value) or "—"
    if isinstance(value, tuple):
        return ", ".join(_value_text("", v, name_of) for v in value) or "—"
    if isinstance(value, Control):
        level = words(value.level.value)
        return f"{level}: {value.description}"
    if dataclasses.is_dataclass(value):
        return "; ".join(
            f"{words(f.name)}: {_value_text(f.name, getattr(value, f.name), name_of)}"
            for f in dataclasses.fields(value)
        )
    return str(value)


def _label(name: str) -> str:
    return words(name.removesuffix("_ids").removesuffix("_id"))


def record_detail(ctx: Ctx, record: Record) -> list[Flowable]:
    s, pack = ctx.s, ctx.pack
    cells = Cells(s)
    title = f"{record.event_date.isoformat()} · {record.kind.label} · {record.title}"
    out: list[Flowable] = [
        record_mark(record),
        CondPageBreak(60 * mm),
        Paragraph(esc(title[:600], bold=True), s.h3),
    ]
    out.append(Paragraph(esc(check_line(record)), s.small))
    pairs: list[tuple[str, str]] = [
        ("Title", record.title),
        ("Date", record.event_date.isoformat()),
        ("Site", pack.site_name(record.site_id) or "—"),
        ("Status", words(record.status.value)),
    ]
    if record.void_reason is not None:
        pairs.append(("Void reason", record.void_reason))
    lists: list[Flowable] = []
    for f in dataclasses.fields(record.body):
        value = getattr(record.body, f.name)
        if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
            lists += _item_table(_label(f.name), value, pack.worker_name, s, cells)
        else:
            pairs.append((_label(f.name), _value_text(f.name, value, pack.worker_name)))
    out += [key_values(pairs, s, cells), *lists]
    out += _attachments(ctx, record, cells)
    out += _signatures(ctx, record, cells)
    out += _actions(ctx, record, cells)
    out += _history(ctx, record)
    out += cells.flush()
    return out


def _attachments(ctx: Ctx, record: Record, cells: Cells) -> list[Flowable]:
    """The photos drawn (unless left out), then every attached file listed with its hash."""
    if not record.attachments:
        return []
    s = ctx.s
    photos = [a for a in record.attachments if a.media_type in DRAWABLE]
    out: list[Flowable] = []
    if ctx.pack.include_photos and photos:
        owner = record_label(record)
        out.append(Paragraph("Photos", s.label))
        tiles: list[list[Flowable]] = []
        for a in photos:
            caption = a.caption or a.filename
            tiles.append(
                [
                    PhotoFlowable(ctx.pictures, a.sha256, owner, PHOTO_WIDTH - 8, PHOTO_HEIGHT),
                    Paragraph(esc(caption[:300]), s.small),
                ]
            )
        if len(tiles) % 2:
            tiles.append([Spacer(1, 1)])
        rows: list[list[Any]] = [tiles[i : i + 2] for i in range(0, len(tiles), 2)]
        table = grid(rows, [PHOTO_WIDTH + 6, PHOTO_WIDTH + 6], header=False, zebra=False)
        table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0, "white")]))
        out.append(table)
    return [*out, *file_table(ctx, record, cells)]


def _named_people(record: Record) -> list[str]:
    """Attendees, crew and participants the record names, in order (they are to sign it)."""
    named: dict[str, None] = {}
    for field_name, ids in worker_refs(record.kind, record.body).items():
        if field_name.endswith("_ids"):
            named.update(dict.fromkeys(ids))
    return list(named)


def _signatures(ctx: Ctx, record: Record, cells: Cells) -> list[Flowable]:
    s, pack = ctx.s, ctx.pack
    out: list[Flowable] = [Paragraph("Signatures", s.label)]
    if not record.signatures:
        return [*out, Paragraph("Not signed.", s.body)]
    owner = record_label(record)
    rows: list[list[Any]] = [["Signer", "Meaning", "Signed at", "On this content", "Signature"]]
    signed = {sig.signer_id for sig in record.signatures}
    for worker_id in _named_people(record):
        if worker_id not in signed:
            rows.append([cells(pack.worker_name(worker_id), bold=True), "—", "—", "Not signed", ""])
    for sig in record.signatures:
        current = "Yes" if sig in record.current_signatures else "Earlier revision"
        rows.append(
            [
                cells(sig.signer_name, bold=True),
                words(sig.meaning.value),
                ctx.local(sig.signed_at),
                current,
                SignatureFlowable(ctx.pictures, sig.image_sha256, owner),
            ]
        )
    widths = [*fitted_widths([row[:4] for row in rows], WIDTH - SIGNATURE_COLUMN)]
    table = grid(rows, [*widths, SIGNATURE_COLUMN])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 1), (3, -1), "MIDDLE"),
                ("TOPPADDING", (4, 1), (4, -1), 1),
                ("BOTTOMPADDING", (4, 1), (4, -1), 1),
            ]
        )
    )
    out.append(table)
    return out


def _actions(ctx: Ctx, record: Record, cells: Cells) -> list[Flowable]:
    actions = ctx.pack.actions_for(record.id)
    if not actions:
        return []
    s, pack = ctx.s, ctx.pack
    rows: list[list[Any]] = [["Corrective action", "Owner", "Due", "Status", "Closure"]]
    for n, a in enumerate(actions, 1):
        closure = (
            f"Closed {a.closed_date.isoformat()}"
            + (f": {a.closure_note}" if a.closure_note else "")
            if a.closed_date
            else "—"
        )
        rows.append(
            [
                cells(a.description, f"Corrective action {n}"),
                cells(pack.worker_name(a.owner_id) or "—"),
                a.due_date.isoformat(),
                words(a.status.value),
                cells(closure, f"Closure of corrective action {n}"),
            ]
        )
    table = grid(rows, [170, 84, 56, 44, 150])
    for i, a in enumerate(actions, 1):
        if a.closed_date:
            table.setStyle(TableStyle([("TEXTCOLOR", (3, i), (3, i), GOOD)]))
    return [Paragraph("Corrective actions raised from this record", s.label), table]


def _history(ctx: Ctx, record: Record) -> list[Flowable]:
    """Shown when the record was amended: changed after signing, or voided (with a reason)."""
    revisions = ctx.pack.history(ENTITY_RECORD, record.id)
    amended = any(rev.reason for rev in revisions) or any(
        sig not in record.current_signatures for sig in record.signatures
    )
    if not amended:
        return []
    s = ctx.s
    rows: list[list[Any]] = [["Rev.", "Entered at", "Reason given", "Flags", "SHA-256"]]
    for rev in revisions:
        rows.append(
            [
                str(rev.revision),
                ctx.local(rev.entered_at),
                Paragraph(esc(rev.reason or "—"), s.cell),
                ", ".join(words(f) for f in rev.flags) or "—",
                Paragraph(split_hash(rev.content_sha256), s.hash),
            ]
        )
    return [
        Paragraph(f"Revision history ({len(revisions)} revisions)", s.label),
        grid(rows, [30, 84, 170, 60, 160]),
    ]


def _item_table(
    label: str,
    items: tuple[Any, ...],
    name_of: Callable[[str | None], str],
    s: Any,
    cells: Cells,
) -> list[Flowable]:
    names = [f.name for f in dataclasses.fields(items[0])]
    extra = ["risk"] if hasattr(items[0], "risk") else []
    header = [words(n) for n in names + extra]
    rows: list[list[Any]] = [header]
    for n, item in enumerate(items, 1):
        row: list[Any] = []
        for name in names:
            value = getattr(item, name)
            if isinstance(value, tuple):
                text = "\n".join(_value_text("", v, name_of) for v in value) or "—"
            else:
                text = _value_text(name, value, name_of)
            row.append(cells(text, f"{label}, item {n}, {words(name).lower()}"))
        row += [str(getattr(item, e)) for e in extra]
        rows.append(row)
    short = {"severity", "likelihood", "risk", "result"}
    weight = {"controls": 1.6, "text": 2.0}
    cols = names + extra
    narrow = [54.0 if c in short else 0.0 for c in cols]
    unit = (WIDTH - sum(narrow)) / sum(weight.get(c, 1.0) for c in cols if c not in short)
    widths = [w or unit * weight.get(c, 1.0) for c, w in zip(cols, narrow, strict=True)]
    return [Paragraph(esc(label), s.label), grid(rows, widths)]
