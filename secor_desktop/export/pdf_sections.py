"""The flowables of each section of the evidence pack, in the order the auditor reads them."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from secor_desktop.domain.bodies import Control
from secor_desktop.domain.model import Record
from secor_desktop.domain.readiness_model import Status
from secor_desktop.export.pack_model import ElementSection, EvidencePack
from secor_desktop.export.pdf_styles import (
    CELL_CHARS,
    FONT,
    FONT_BOLD,
    HEAD_FILL,
    INK,
    RULE,
    ZEBRA,
    Styles,
    esc,
    paras,
)

HEADER = ParagraphStyle("TableHeader", fontName=FONT_BOLD, fontSize=8, leading=10, textColor=INK)
WIDTH = 504.0  # the frame width: US Letter less 54 pt margins either side

STATUS_WORDS = {
    Status.THREE_YEAR: "Ready: three-year",
    Status.ONE_YEAR: "Ready: one-year",
    Status.NOT_READY: "Not ready",
}


def heading(text: str, style: Any, level: int) -> Paragraph:
    """A heading that also becomes a PDF bookmark (see ``PackDocument.afterFlowable``)."""
    p = Paragraph(esc(text), style)
    p.outline_entry = (text, level)
    return p


def split_hash(sha: str) -> str:
    return f"{sha[:32]}<br/>{sha[32:]}" if len(sha) > 32 else sha


def words(value: str) -> str:
    return value.replace("_", " ").capitalize()


class Cells:
    """Table cells from user text, with whatever is too long for a cell printed after it."""

    def __init__(self, styles: Styles) -> None:
        self.styles = styles
        self.overflow: list[tuple[str, str]] = []

    def __call__(self, text: str, where: str = "", bold: bool = False) -> Paragraph:
        style = self.styles.cell_bold if bold else self.styles.cell
        if len(text) <= CELL_CHARS:
            return Paragraph(esc(text), style)
        self.overflow.append((where, text))
        return Paragraph(esc(text[:CELL_CHARS]) + " … <i>(continued below the table)</i>", style)

    def flush(self) -> list[Flowable]:
        out: list[Flowable] = []
        for where, text in self.overflow:
            out.append(Paragraph(esc(f"{where} (in full):"), self.styles.label))
            out.extend(paras(text, self.styles.body))
        self.overflow = []
        return out


def grid(rows: Sequence[Sequence[Any]], widths: Sequence[float], header: bool = True) -> Table:
    """A ruled table with a shaded header row repeated on every page it spans."""
    data = [list(row) for row in rows]
    if header:
        data[0] = [Paragraph(esc(c), HEADER) if isinstance(c, str) else c for c in data[0]]
    table = Table(data, colWidths=list(widths), repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, 8),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands += [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("FONT", (0, 0), (-1, 0), FONT_BOLD, 8),
            ("LINEBELOW", (0, 0), (-1, 0), 0.75, INK),
        ]
    for i in range(2 if header else 1, len(rows), 2):
        commands.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
    table.setStyle(TableStyle(commands))
    return table


def key_values(pairs: Sequence[tuple[str, str]], s: Styles, cells: Cells) -> Table:
    rows = [[Paragraph(esc(k), s.label), cells(v, k)] for k, v in pairs]
    return grid(rows, [130, WIDTH - 130], header=False)


# --- cover and summary -------------------------------------------------------------------


def cover(pack: EvidencePack, s: Styles) -> list[Flowable]:
    c = pack.company
    r = pack.readiness
    cells = Cells(s)
    out: list[Flowable] = [
        Spacer(1, 40 * mm),
        heading("SECOR evidence pack", s.title, 0),
        Paragraph(esc(c.name), s.subtitle),
    ]
    out.append(
        key_values(
            [
                ("Company", c.name),
                ("WCB account", c.wcb_account or "—"),
                ("Province", c.province.value),
                ("Certifying partner", c.certifying_partner or "—"),
                ("Framework", f"{pack.framework_name}, version {pack.framework_version}"),
                ("Period", f"{pack.period_from.isoformat()} to {pack.period_to.isoformat()}"),
                ("Generated", pack.generated_on.isoformat()),
                ("Overall readiness", r.status.label),
                ("Records in this pack", str(len(pack.records))),
            ],
            s,
            cells,
        )
    )
    out += cells.flush()
    head = pack.chain_head
    out += [
        Spacer(1, 8 * mm),
        Paragraph("Record chain head", s.h2),
        Paragraph(
            f"{head.count} revisions; SHA-256 of the last link:<br/>"
            f"<font name='{FONT_BOLD}'>{esc(head.sha256)}</font>",
            s.body,
        ),
        Paragraph(
            "Compare this hash with the one the company gave you separately: if they match, no "
            "record was changed after this pack was made. The integrity appendix explains how.",
            s.small,
        ),
        PageBreak(),
    ]
    return out


def readiness_summary(pack: EvidencePack, s: Styles) -> list[Flowable]:
    r = pack.readiness
    out: list[Flowable] = [heading("Readiness summary", s.h1, 0)]
    out.append(
        Paragraph(
            f"Overall on {r.as_of.isoformat()}: <b>{esc(r.status.label)}</b>. "
            f"Records must span {r.one_year_months} months for a one-year certificate and "
            f"{r.three_year_months} months for a three-year certificate.",
            s.body,
        )
    )
    rows: list[list[Any]] = [
        ["Element", "Name", "Status", "Span (months)", "First record", "Last record", "Counted"]
    ]
    for e in r.elements:
        rows.append(
            [
                e.code,
                Paragraph(esc(e.name), s.cell),
                STATUS_WORDS[e.status],
                str(e.span_months),
                e.first_record.isoformat() if e.first_record else "—",
                e.last_record.isoformat() if e.last_record else "—",
                str(e.counted),
            ]
        )
    table = grid(rows, [44, 150, 80, 50, 62, 62, 56])
    table.setStyle(
        TableStyle([("ALIGN", (3, 1), (3, -1), "RIGHT"), ("ALIGN", (6, 1), (6, -1), "RIGHT")])
    )
    out.append(table)
    findings = [f for e in r.elements for f in e.findings] + list(r.findings)
    if findings:
        out.append(Paragraph("Findings", s.h2))
        cells = Cells(s)
        frows: list[list[Any]] = [["Element", "Severity", "Finding"]]
        for f in findings:
            frows.append([f.element or "—", words(f.severity.value), cells(f.message, "Finding")])
        out.append(grid(frows, [50, 60, WIDTH - 110]))
        out += cells.flush()
    out.append(PageBreak())
    return out


# --- elements and records ----------------------------------------------------------------


def element_section(section: ElementSection, pack: EvidencePack, s: Styles) -> list[Flowable]:
    out: list[Flowable] = [heading(f"Element {section.code}: {section.name}", s.h1, 0)]
    er = section.readiness
    if er is not None:
        out.append(
            Paragraph(
                f"Status: <b>{esc(STATUS_WORDS[er.status])}</b>; records span {er.span_months} "
                f"months; {er.counted} counted record(s). "
                f"{len(section.records)} record(s) from this period follow.",
                s.body,
            )
        )
    if not section.records:
        out += [Paragraph("No records in this period.", s.body), PageBreak()]
        return out
    out.append(heading(f"Register of records, element {section.code}", s.h2, 1))
    cells = Cells(s)
    rows: list[list[Any]] = [["Date", "Kind", "Title", "Site", "Signed by", "Status"]]
    for r in section.records:
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
    if not pack.summary_only:
        printed = [r for r in section.records if r.id in section.printed_here]
        if printed:
            out.append(heading(f"Records in full, element {section.code}", s.h2, 1))
        elsewhere = len(section.records) - len(printed)
        if elsewhere:
            out.append(
                Paragraph(
                    f"{elsewhere} record(s) above also count for an earlier element and are "
                    "printed in full there.",
                    s.small,
                )
            )
        for record in printed:
            out += record_detail(record, pack, s)
    out.append(PageBreak())
    return out


def _value_text(name: str, value: Any, pack: EvidencePack) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Enum):
        return words(str(value.value))
    if isinstance(value, date | datetime):
        return value.isoformat()
    if name.endswith("_ids") and isinstance(value, tuple):
        return ", ".join(pack.worker_name(v) for v in value) or "—"
    if name.endswith("_id") and isinstance(value, str):
        return pack.worker_name(value) or "—"
    if isinstance(value, tuple):
        return ", ".join(_value_text("", v, pack) for v in value) or "—"
    if isinstance(value, Control):
        level = "PPE" if value.level.value == "ppe" else words(value.level.value)
        return f"{level}: {value.description}"
    if dataclasses.is_dataclass(value):
        return "; ".join(
            f"{words(f.name)}: {_value_text(f.name, getattr(value, f.name), pack)}"
            for f in dataclasses.fields(value)
        )
    return str(value)


def _label(name: str) -> str:
    return words(name.removesuffix("_ids").removesuffix("_id"))


def record_detail(record: Record, pack: EvidencePack, s: Styles) -> list[Flowable]:
    cells = Cells(s)
    title = f"{record.event_date.isoformat()} · {record.kind.label} · {record.title}"
    head: list[Flowable] = [CondPageBreak(60 * mm), Paragraph(esc(title[:600]), s.h3)]
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
            lists += _item_table(_label(f.name), value, pack, s, cells)
        else:
            pairs.append((_label(f.name), _value_text(f.name, value, pack)))
    out: list[Flowable] = [*head, key_values(pairs, s, cells)]
    out += lists
    if record.attachments:
        out.append(Paragraph("Attachments (files not reproduced in this pack)", s.label))
        arows: list[list[Any]] = [["File", "Caption", "SHA-256"]]
        for a in record.attachments:
            arows.append(
                [cells(a.filename), cells(a.caption), Paragraph(split_hash(a.sha256), s.hash)]
            )
        out.append(grid(arows, [140, 204, 160]))
    out.append(Paragraph("Signatures", s.label))
    if record.signatures:
        srows: list[list[Any]] = [["Signer", "Meaning", "Signed at (UTC)", "On this content"]]
        for sig in record.signatures:
            current = "Yes" if sig.content_sha256 == record.content_sha256 else "Earlier revision"
            srows.append(
                [
                    cells(sig.signer_name),
                    words(sig.meaning.value),
                    sig.signed_at.strftime("%Y-%m-%d %H:%M"),
                    current,
                ]
            )
        out.append(grid(srows, [190, 80, 134, 100]))
    else:
        out.append(Paragraph("Not signed.", s.body))
    out += cells.flush()
    out.append(Spacer(1, 4 * mm))
    return out


def _item_table(
    label: str, items: tuple[Any, ...], pack: EvidencePack, s: Styles, cells: Cells
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
                text = "\n".join(_value_text("", v, pack) for v in value) or "—"
            else:
                text = _value_text(name, value, pack)
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


# --- registers and appendix --------------------------------------------------------------


def action_register(pack: EvidencePack, s: Styles) -> list[Flowable]:
    out: list[Flowable] = [heading("Corrective action register", s.h1, 0)]
    if not pack.actions:
        return [*out, Paragraph("No corrective actions in this period.", s.body), PageBreak()]
    titles = {r.id: r.title for r in pack.records}
    cells = Cells(s)
    rows: list[list[Any]] = [
        ["Raised", "Action", "From record", "Owner", "Due", "Status", "Closed"]
    ]
    for n, a in enumerate(pack.actions, 1):
        closed = a.closed_date.isoformat() if a.closed_date else "—"
        if a.closure_note:
            closed += "\n" + a.closure_note
        rows.append(
            [
                a.created_date.isoformat(),
                cells(a.description, f"Action {n}, description"),
                cells(titles.get(a.source_record_id or "", "—"), f"Action {n}, source"),
                cells(pack.worker_name(a.owner_id) or "—"),
                a.due_date.isoformat(),
                words(a.status.value),
                cells(closed, f"Action {n}, closure"),
            ]
        )
    out.append(grid(rows, [54, 150, 90, 66, 54, 36, 54]))
    out += cells.flush()
    out.append(PageBreak())
    return out


def worker_roster(pack: EvidencePack, s: Styles) -> list[Flowable]:
    out: list[Flowable] = [heading("Worker roster", s.h1, 0)]
    out.append(Paragraph("Everyone employed at some time in the period.", s.body))
    cells = Cells(s)
    rows: list[list[Any]] = [["Name", "Role", "Employment", "Started", "Left"]]
    for w in pack.workers:
        name = w.name + (" (owner)" if w.is_owner else "")
        rows.append(
            [
                cells(name, "Worker name", bold=True),
                cells(w.role, f"Role of {w.name}"),
                words(w.employment_type.value),
                w.start_date.isoformat(),
                w.end_date.isoformat() if w.end_date else "—",
            ]
        )
    out.append(grid(rows, [150, 130, 90, 67, 67]))
    out += cells.flush()
    out.append(PageBreak())
    return out


HOW_TO_CHECK = [
    "Every save of a record, worker, site, corrective action or the company profile appends one "
    "revision to a single chain; revisions are never changed or deleted.",
    "Content hash: the SHA-256 of the revision document, a JSON object written with its keys "
    "sorted, no spaces, in UTF-8. Chain hash: the SHA-256 of the previous chain hash (32 bytes; "
    "32 zero bytes before the first revision) followed by this content hash (32 bytes). The last "
    "chain hash is the chain head on the cover.",
    "To check: ask the company for its data export (secor-desktop export DIR), recompute each "
    "content hash and the chain in order as described in the program's docs/integrity.md, and "
    "compare them with the hashes listed here and the head on the cover. A revision whose hash "
    "differs was changed after this pack was made.",
    "Flags are listed, not hidden: 'late entry' marks a record first saved more than "
    "{days} days after its event (possible back-dating); 'clock backwards' marks a save dated "
    "before the one preceding it.",
]


def integrity_appendix(pack: EvidencePack, s: Styles) -> list[Flowable]:
    out: list[Flowable] = [heading("Integrity appendix", s.h1, 0)]
    out.append(heading("How to check these records", s.h2, 1))
    for text in HOW_TO_CHECK:
        out.append(Paragraph(esc(text.format(days=pack.company.late_entry_days)), s.body))
    head = pack.chain_head
    out.append(
        KeepTogether(
            [
                Paragraph("Chain head", s.label),
                Paragraph(f"{head.count} revisions, head {esc(head.sha256)}", s.hash),
            ]
        )
    )
    out.append(heading(f"Revisions in this pack ({len(pack.revisions)})", s.h2, 1))
    names = {r.id: r.title for r in pack.records}
    names.update({w.id: w.name for w in pack.workers})
    names.update({a.id: a.description for a in pack.actions})
    names.update({x.id: x.name for x in pack.sites})
    names["company"] = pack.company.name
    cells = Cells(s)
    rows: list[list[Any]] = [["Seq", "Entity", "Item", "Rev.", "Entered at (UTC)", "SHA-256"]]
    for rev in pack.revisions:
        item = names.get(rev.entity_id, rev.entity_id)[:120]
        if rev.flags:
            item += " [" + ", ".join(words(f).lower() for f in rev.flags) + "]"
        rows.append(
            [
                str(rev.seq),
                words(rev.entity_type),
                cells(item),
                str(rev.revision),
                rev.entered_at.strftime("%Y-%m-%d %H:%M"),
                Paragraph(split_hash(rev.content_sha256), s.hash),
            ]
        )
    table = grid(rows, [32, 62, 134, 26, 78, 172])
    table.setStyle(
        TableStyle([("ALIGN", (0, 1), (0, -1), "RIGHT"), ("ALIGN", (3, 1), (3, -1), "RIGHT")])
    )
    out.append(table)
    return out
