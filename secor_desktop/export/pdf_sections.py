"""The front of the pack: cover, contents, readiness summary and eligibility statement."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer, TableStyle

from secor_desktop.domain.eligibility import EligibilityStatus
from secor_desktop.domain.readiness_model import Status
from secor_desktop.export.pdf_charts import chain_qr, legend, readiness_chart
from secor_desktop.export.pdf_context import Ctx
from secor_desktop.export.pdf_doc import TocLine
from secor_desktop.export.pdf_styles import FONT_BOLD, esc
from secor_desktop.export.pdf_table import WIDTH, Cells, grid, heading, key_values, words

STATUS_WORDS = {
    Status.THREE_YEAR: "Ready: three-year",
    Status.ONE_YEAR: "Ready: one-year",
    Status.NOT_READY: "Not ready",
}
ELIGIBILITY_WORDS = {
    EligibilityStatus.SECOR: "Within the SECOR limit",
    EligibilityStatus.NEAR_LIMIT: "Close to the SECOR limit",
    EligibilityStatus.ABOVE_LIMIT: "Above the SECOR limit",
    EligibilityStatus.NO_SECOR_PROGRAM: "No SECOR program in this province",
}


def cover(ctx: Ctx) -> list[Flowable]:
    pack, s = ctx.pack, ctx.s
    c = pack.company
    r = pack.readiness
    cells = Cells(s)
    period = f"{pack.period_from.isoformat()} to {pack.period_to.isoformat()}"
    out: list[Flowable] = [
        *_unverified_statement(ctx),
        Spacer(1, 28 * mm if not pack.unverified else 6 * mm),
        heading("SECOR evidence pack", s.title, 0, "cover"),
        Paragraph(esc(c.name), s.subtitle),
        key_values(
            [
                ("Company", c.name),
                ("WCB account", c.wcb_account or "—"),
                ("Province", c.province.value),
                ("Certifying partner", c.certifying_partner or "—"),
                ("Framework", f"{pack.framework_name}, version {pack.framework_version}"),
                ("Audit type", words(pack.audit_type.value)),
                ("Period", period),
                ("Generated", pack.generated_on.isoformat()),
                ("Times shown in", f"{ctx.zone.key} (the province's local time)"),
                ("Overall readiness", r.status.label),
                ("Records in this pack", str(len(pack.records))),
                ("Drafts and voided records", left_out_note(ctx)),
                ("Detail", _detail(ctx)),
            ],
            s,
            cells,
        ),
    ]
    out += cells.flush()
    head = pack.chain_head
    text = [
        Paragraph("Record chain head", s.h2),
        Paragraph(
            f"{head.count} revisions; SHA-256 of the last link:<br/>"
            f"<font name='{FONT_BOLD}'>{esc(head.sha256[:32])}<br/>{esc(head.sha256[32:])}"
            "</font>",
            s.body,
        ),
        Paragraph(
            "Compare this hash with the one the company gave you separately (the QR code "
            "holds the same): if they match, no record in this pack was changed after it was "
            "made. The integrity appendix explains how to check.",
            s.small,
        ),
    ]
    box = grid([[chain_qr(head, 92), text]], [104, WIDTH - 104], header=False, zebra=False)
    box.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0, "white"),
                ("BOX", (0, 0), (-1, -1), 0.5, "#9aa5b1"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    out += [Spacer(1, 10 * mm), box, PageBreak()]
    return out


def left_out_note(ctx: Ctx) -> str:
    """How many drafts and voided records of the period the element sections leave out."""
    pack = ctx.pack
    drafts, voided = pack.left_out_counts
    if not drafts and not voided:
        return "None in this period"
    counted = f"{drafts} draft(s) and {voided} voided record(s) of this period"
    if pack.include_left_out:
        return f"{counted}: not evidence, printed apart in their own appendix"
    return f"{counted} left out: not evidence, and not printed in this pack"


def _unverified_statement(ctx: Ctx) -> list[Flowable]:
    """On an UNVERIFIED pack, the cover says so first, with every problem the check found."""
    problems = ctx.pack.unverified
    if not problems:
        return []
    s = ctx.s
    out: list[Flowable] = [
        Paragraph("UNVERIFIED PACK", s.h1),
        Paragraph(
            f"This pack was printed from a database that failed its integrity check "
            f"({len(problems)} problem(s), listed below). Its pages show what was saved and "
            "signed as far as the record chain holds it, but the database it came from was "
            "changed outside secor-desktop: it is not evidence until the problems are "
            "resolved and a new pack is made. verify-pack refuses this pack.",
            s.body,
        ),
    ]
    out += [Paragraph(esc(f"• {p}"), s.small) for p in problems]
    return out


def _detail(ctx: Ctx) -> str:
    pack = ctx.pack
    if pack.summary_only:
        return "Summary: registers only, records not printed in full"
    return "Every record in full" + ("" if pack.include_photos else ", without photos")


def contents(ctx: Ctx, entries: list[tuple[str, str, str]]) -> list[Flowable]:
    """The contents page: one line per section, its page number stamped when known."""
    out: list[Flowable] = [heading("Contents", ctx.s.h1, 0, "contents"), Spacer(1, 4)]
    for title, note, key in entries:
        out.append(TocLine(title, note, key, ctx.s.toc1, ctx.s.toc2))
    out.append(PageBreak())
    return out


def readiness_summary(ctx: Ctx) -> list[Flowable]:
    pack, s = ctx.pack, ctx.s
    r = pack.readiness
    out: list[Flowable] = [heading("Readiness summary", s.h1, 0, "readiness")]
    audit = f" for an audit on {r.audit_date.isoformat()}" if r.audit_date else ""
    at_audit = (
        f" If the company keeps its declared frequencies, it will be "
        f"<b>{esc(r.ready_at_audit_date.label.lower())}</b> on the audit date."
        if r.ready_at_audit_date
        else ""
    )
    out.append(
        Paragraph(
            f"Overall on {r.as_of.isoformat()}{audit}: <b>{esc(r.status.label)}</b>.{at_audit} "
            f"Records must span {r.one_year_months} months for a one-year certificate and "
            f"{r.three_year_months} months for a three-year certificate; the weakest element "
            "decides.",
            s.callout,
        )
    )
    out += [
        Paragraph("Months of records per element", s.label),
        readiness_chart(r, WIDTH),
        legend(WIDTH),
        Spacer(1, 6),
    ]
    rows: list[list[Any]] = [
        ["Element", "Name", "Status", "Span (months)", "First record", "Last record", "Counted"]
    ]
    for e in r.elements:
        rows.append(
            [
                e.code,
                Paragraph(esc(e.name), s.cell),
                STATUS_WORDS[e.status],
                str(e.span_months) if e.span_required else "—",
                e.first_record.isoformat() if e.first_record else "—",
                e.last_record.isoformat() if e.last_record else "—",
                str(e.counted),
            ]
        )
    table = grid(rows, [44, 150, 86, 50, 60, 60, 54])
    table.setStyle(
        TableStyle([("ALIGN", (3, 1), (3, -1), "RIGHT"), ("ALIGN", (6, 1), (6, -1), "RIGHT")])
    )
    out.append(table)
    findings = [f for e in r.elements for f in e.findings] + list(r.findings)
    # Drafts and voids not printed: a note naming one would print its (maybe junk) title.
    hidden = pack.not_evidence - {rec.id for rec in pack.appendix_records}
    findings = [f for f in findings if f.record_id not in hidden]
    if findings:
        out.append(CondPageBreak(40 * mm))
        out.append(heading("Findings", s.h2, 1))
        cells = Cells(s)
        frows: list[list[Any]] = [["Element", "Severity", "Finding"]]
        for f in findings:
            frows.append([f.element or "—", words(f.severity.value), cells(f.message, "Finding")])
        out.append(grid(frows, [50, 60, WIDTH - 110]))
        out += cells.flush()
    return out


def eligibility(ctx: Ctx) -> list[Flowable]:
    s = ctx.s
    report = ctx.pack.eligibility
    out: list[Flowable] = [
        CondPageBreak(90 * mm),
        heading("Eligibility: workers against the SECOR limit", s.h1, 0, "eligibility"),
    ]
    if report is None:
        return [*out, Paragraph("No eligibility statement was made.", s.body), PageBreak()]
    out.append(
        Paragraph(f"<b>{ELIGIBILITY_WORDS[report.status]}.</b> {esc(report.message)}", s.callout)
    )
    cells = Cells(s)
    first = report.first_peak_date
    pairs = [
        ("Province", report.province.value),
        ("SECOR limit", str(report.limit) if report.limit is not None else "—"),
        ("Window", f"{report.window_first.isoformat()} to {report.window_last.isoformat()}"),
        ("Peak headcount", str(report.peak_headcount)),
        ("First reached on", first.isoformat() if first else "—"),
        ("Counted on that day", ", ".join(report.peak_workers) or "—"),
        ("Not counted", ", ".join(report.not_counted) or "—"),
        ("Source of the limit", report.source),
    ]
    out += [key_values(pairs, s, cells), *cells.flush(), Spacer(1, 4)]
    out.append(
        Paragraph(
            "The peak is the most workers on the roster on any one day of the window, counting "
            "every employment type the province's rules count (those left out are named above). "
            "The certifying partner has the final word on the stream (SECOR or COR).",
            s.small,
        )
    )
    out.append(PageBreak())
    return out
