"""The registers after the elements: corrective actions, training, workers, self-evaluations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer, TableStyle

from secor_desktop.domain.model import CorrectiveAction, Worker
from secor_desktop.domain.training import TrainingStatus
from secor_desktop.export.pdf_charts import trend_chart
from secor_desktop.export.pdf_context import Ctx
from secor_desktop.export.pdf_styles import BAD, FAIR, GOOD, MUTED, esc
from secor_desktop.export.pdf_table import WIDTH, Cells, grid, heading, words
from secor_desktop.export.text_check import check_line

COURSES_PER_TABLE = 5
TRAINING_COLOURS = {
    TrainingStatus.EXPIRED: BAD,
    TrainingStatus.WITHIN_30: BAD,
    TrainingStatus.WITHIN_60: FAIR,
    TrainingStatus.WITHIN_90: FAIR,
    TrainingStatus.CURRENT: GOOD,
    TrainingStatus.NO_EXPIRY: GOOD,
}


def action_register(ctx: Ctx) -> list[Flowable]:
    pack, s = ctx.pack, ctx.s
    out: list[Flowable] = [heading("Corrective action register", s.h1, 0, "actions")]
    if not pack.actions:
        return [*out, Paragraph("No corrective actions in this period.", s.body), PageBreak()]
    open_count = sum(1 for a in pack.actions if a.closed_date is None)
    overdue = sum(1 for a in pack.actions if a.overdue_on(pack.period_to))
    out.append(
        Paragraph(
            f"{len(pack.actions)} corrective action(s): {len(pack.actions) - open_count} "
            f"closed, {open_count} open, of which {overdue} overdue on "
            f"{pack.period_to.isoformat()}.",
            s.body,
        )
    )
    titles = pack.record_titles
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
    table = grid(rows, [52, 132, 90, 62, 52, 36, 80])
    for i, a in enumerate(pack.actions, 1):
        if a.overdue_on(pack.period_to):
            table.setStyle(TableStyle([("TEXTCOLOR", (4, i), (5, i), BAD)]))
    out += [table, *cells.flush(), *text_checks(ctx, pack.actions, "action")]
    out.append(PageBreak())
    return out


def text_checks(ctx: Ctx, items: Sequence[Worker | CorrectiveAction], what: str) -> list[Flowable]:
    """Each item's text check (export/text_check.py), one line each, in the table's order."""
    if not items:
        return []
    out: list[Flowable] = [
        Paragraph(f"Text checks, in the order of the {what}s above", ctx.s.label)
    ]
    out += [Paragraph(esc(check_line(item)), ctx.s.small) for item in items]
    return out


def training_matrix(ctx: Ctx) -> list[Flowable]:
    pack, s = ctx.pack, ctx.s
    out: list[Flowable] = [heading("Training matrix", s.h1, 0, "training")]
    matrix = pack.training
    if matrix is None or not matrix.courses:
        return [*out, Paragraph("No training records.", s.body), PageBreak()]
    out.append(
        Paragraph(
            f"Each worker's latest certificate per course, as of {matrix.as_of.isoformat()}: "
            "the date it expires, or when it was completed if it never expires. An empty cell "
            "means the worker has no record of that course.",
            s.body,
        )
    )
    counts = matrix.counts()
    out.append(
        Paragraph(
            "; ".join(f"{status.label}: {counts[status]}" for status in TrainingStatus),
            s.small,
        )
    )
    for start in range(0, len(matrix.courses), COURSES_PER_TABLE):
        courses = matrix.courses[start : start + COURSES_PER_TABLE]
        rows: list[list[Any]] = [["Worker", *courses]]
        colours: list[tuple[int, int, Any]] = []
        for r, worker in enumerate(matrix.workers, 1):
            row: list[Any] = [Paragraph(esc(worker.name, bold=True), s.cell_bold)]
            for c, course in enumerate(courses, 1):
                cell = matrix.cell(worker.id, course)
                if cell is None:
                    row.append("")
                    continue
                when = (
                    f"expires {cell.expiry.isoformat()}"
                    if cell.expiry
                    else f"done {cell.completed.isoformat()}"
                )
                row.append(Paragraph(f"{esc(cell.status.label)}<br/>{when}", s.small))
                colours.append((c, r, TRAINING_COLOURS[cell.status]))
            rows.append(row)
        width = (WIDTH - 120) / len(courses)
        table = grid(rows, [120] + [width] * len(courses))
        table.setStyle(
            TableStyle([("LINEBEFORE", (c, r), (c, r), 2.5, colour) for c, r, colour in colours])
        )
        out += [Spacer(1, 6), table]
    out.append(PageBreak())
    return out


def worker_roster(ctx: Ctx) -> list[Flowable]:
    pack, s = ctx.pack, ctx.s
    out: list[Flowable] = [heading("Worker roster", s.h1, 0, "roster")]
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
    out += [grid(rows, [150, 130, 90, 67, 67]), *cells.flush()]
    out += [*text_checks(ctx, pack.workers, "worker"), PageBreak()]
    return out


def self_evaluations(ctx: Ctx) -> list[Flowable]:
    pack, s = ctx.pack, ctx.s
    evaluations = pack.evaluations
    out: list[Flowable] = [heading("Self-evaluations and audits", s.h1, 0, "evaluations")]
    marks = pack.thresholds
    if marks is not None:
        out.append(
            Paragraph(
                f"Pass marks for a {esc(pack.audit_type.value)} audit: "
                f"{marks.overall_pct}% overall and at least {marks.element_floor_pct}% in "
                "every element. Scores are recomputed from the saved answers.",
                s.body,
            )
        )
    pass_mark = float(marks.overall_pct) if marks is not None else 80.0
    if len(evaluations) > 1:
        out += [
            Paragraph("Overall score over time", s.label),
            trend_chart(evaluations, pass_mark, WIDTH),
        ]
    latest = evaluations[-1]
    codes = [e.code for e in latest.score.elements]
    shown = evaluations[-6:]
    rows: list[list[Any]] = [["Element", *[e.evaluation.eval_date.isoformat() for e in shown]]]
    fails: list[tuple[int, int]] = []
    for r, code in enumerate(codes, 1):
        row: list[Any] = [code]
        for c, scored in enumerate(shown, 1):
            element = next((e for e in scored.score.elements if e.code == code), None)
            pct = element.pct if element is not None else None
            row.append("n/a" if pct is None else f"{pct:.1f}%")
            if element is not None and element.meets_floor is False:
                fails.append((c, r))
        rows.append(row)
    overall: list[Any] = ["Overall"]
    result: list[Any] = ["Result"]
    for scored in shown:
        pct = scored.score.overall_pct
        overall.append("—" if pct is None else f"{pct:.1f}%")
        result.append("Pass" if scored.score.passed else "Fail")
    rows += [overall, result]
    width = (WIDTH - 70) / len(shown)
    table = grid(rows, [70] + [width] * len(shown))
    commands: list[tuple[Any, ...]] = [("ALIGN", (1, 1), (-1, -1), "RIGHT")]
    commands += [("TEXTCOLOR", cell, cell, BAD) for cell in fails]
    commands += [
        ("FONT", (0, len(rows) - 2), (-1, -1), "DejaVuSans-Bold", 8),
        ("LINEABOVE", (0, len(rows) - 2), (-1, len(rows) - 2), 0.75, MUTED),
    ]
    table.setStyle(TableStyle(commands))
    out += [CondPageBreak(40 * mm), Paragraph("Scores by element", s.label), table]
    detail = [
        f"{e.evaluation.eval_date.isoformat()}: {e.evaluation.audit_type.value}"
        + (", external" if e.evaluation.external else ", internal")
        + (f", by {e.evaluation.auditor}" if e.evaluation.auditor else "")
        for e in shown
    ]
    out.append(Paragraph(esc("; ".join(detail)), s.small))
    out.append(PageBreak())
    return out
