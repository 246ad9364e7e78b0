"""Each part of the prequalification pack, from the verified snapshot, and what is missing.

Everything here reads the items as decoded from their newest hashed revision documents (the
``Snapshot`` the evidence pack prints from), never the working tables: the pack can only
show what ``verify`` has just checked. A part that cannot be included becomes a ``Missing``
with what to do, so the first page can list it.
"""

from __future__ import annotations

import re
from datetime import date

from secor_desktop.domain.bodies import AdminBody, AdminType
from secor_desktop.domain.evaluation import SelfEvaluation
from secor_desktop.domain.kinds import RecordStatus
from secor_desktop.domain.model import Record, Worker
from secor_desktop.domain.parties import CLEARANCE, INSURANCE, expiry_sentence, party_register
from secor_desktop.domain.prequal import PAPER_NAMES, Paper, papers_of, papers_to_send
from secor_desktop.domain.scoring import score_evaluation
from secor_desktop.domain.training import TrainingStatus, training_matrix
from secor_desktop.export.manual_model import Manual
from secor_desktop.export.prequal_model import (
    ElementLine,
    EvaluationSummary,
    Missing,
    PaperEntry,
    PaperFile,
    Part,
    TextTable,
    TrainingLine,
)
from secor_desktop.services.frameworks import PackCatalogue

ADD_PAPER = (
    "add a Program administration record of type '{type}', dated the day it was issued, with "
    "its expiry date, and attach the scanned {what} to it"
)
PAPER_PARTS: dict[AdminType, tuple[Part, str, int]] = {
    # each paper type: (part, file-name prefix in the originals folder, where to get one)
    AdminType.SECOR_CERTIFICATE: (Part.CERTIFICATE, "1-secor-certificate", 0),
    AdminType.WCB_CLEARANCE: (Part.CLEARANCE, "4-wcb-clearance", 1),
    AdminType.INSURANCE_CERTIFICATE: (Part.INSURANCE, "5-insurance", 2),
}
WHERE_FROM = (
    "Your certifying partner issues it when you pass the certification audit: ",
    "Download a current letter from your WCB's online services, then ",
    "Ask your insurance broker for a current certificate of insurance, then ",
)
TYPE_LABELS = {
    AdminType.SECOR_CERTIFICATE: "SECOR certificate",
    AdminType.WCB_CLEARANCE: "WCB clearance letter",
    AdminType.INSURANCE_CERTIFICATE: "Insurance certificate",
}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(filename: str) -> str:
    """A file name any operating system (and any upload form) accepts."""
    stem = _UNSAFE.sub("-", filename).strip("-.") or "file"
    return stem[-80:]


def paper_part(
    records: list[Record], paper_type: AdminType, as_of: date, taken: set[str]
) -> tuple[tuple[PaperEntry, ...], list[Missing], list[str]]:
    """The papers of one type to send, what is missing, and warnings for the first page."""
    part, prefix, where = PAPER_PARTS[paper_type]
    name = PAPER_NAMES[paper_type]
    several = paper_type is not AdminType.SECOR_CERTIFICATE
    sent = papers_to_send(papers_of(records, paper_type, as_of), several)
    what = name if name.split()[0].isupper() else name[0].lower() + name[1:]  # SECOR, WCB
    how = WHERE_FROM[where] + ADD_PAPER.format(type=TYPE_LABELS[paper_type], what=what)
    if not sent:
        return (), [Missing(part, f"No {what} is on file.", how[0].upper() + how[1:] + ".")], []
    entries = tuple(_entry(p, prefix, taken) for p in sent)
    missing: list[Missing] = []
    flags: list[str] = []
    if not any(p.has_file for p in sent):
        rec = sent[0].record
        missing.append(
            Missing(
                part,
                f"The {what} '{rec.title}' of {rec.event_date.isoformat()} has no file attached.",
                f"Open that record and attach the scanned {what}.",
            )
        )
    for p in sent:
        flag = _flag(what, p, as_of)
        if flag:
            flags.append(flag)
    return entries, missing, flags


def _flag(what: str, paper: Paper, as_of: date) -> str:
    rec = paper.record
    if paper.expiry is None:
        return (
            f"The {what} '{rec.title}' has no expiry date recorded: add the expiry printed on it."
        )
    if paper.expired:
        return (
            f"EXPIRED: the {what} '{rec.title}' expired on {paper.expiry.isoformat()}: get a "
            "current one before you upload this pack."
        )
    if paper.status is not TrainingStatus.CURRENT:
        days = (paper.expiry - as_of).days
        return (
            f"The {what} '{rec.title}' expires on {paper.expiry.isoformat()}, in {days} "
            "day(s): ask for the renewal now."
        )
    return ""


def _entry(paper: Paper, prefix: str, taken: set[str]) -> PaperEntry:
    rec = paper.record
    body = rec.body
    assert isinstance(body, AdminBody)
    files = []
    for a in rec.attachments:
        saved = f"{prefix}-{rec.event_date.isoformat()}-{safe_name(a.filename)}"
        n = 2
        while saved in taken:
            saved = f"{prefix}-{rec.event_date.isoformat()}-{n}-{safe_name(a.filename)}"
            n += 1
        taken.add(saved)
        files.append(PaperFile(a.filename, a.media_type, a.size, a.sha256, saved))
    return PaperEntry(
        title=rec.title,
        issued=rec.event_date,
        expiry=paper.expiry,
        status=paper.status.label,
        expired=paper.expired,
        signed=rec.status is RecordStatus.SIGNED,
        summary=body.summary,
        files=tuple(files),
    )


def evaluation_part(
    evaluations: list[SelfEvaluation], packs: PackCatalogue
) -> tuple[EvaluationSummary | None, list[Missing]]:
    """The newest saved evaluation, scored with the framework it was made with."""
    if not evaluations:
        return None, [
            Missing(
                Part.EVALUATION,
                "No self-evaluation is saved.",
                "Complete a self-evaluation (the Self-evaluations page), then make this pack "
                "again.",
            )
        ]
    ev = max(evaluations, key=lambda e: (e.eval_date, e.id))
    pack = packs.get(ev.framework_id)
    if pack is None:
        summary = EvaluationSummary(
            ev.eval_date,
            ev.audit_type.value,
            ev.external,
            ev.auditor,
            f"{ev.framework_id} (not installed: it cannot be scored here)",
            None,
            None,
            "",
        )
        return summary, []
    report = score_evaluation(
        pack,
        ev.scoring_answers(),
        owner_operator_only=ev.owner_operator_only,
        audit_type=ev.audit_type,
    )
    marks = report.thresholds
    rule = (
        f"Pass: at least {marks.overall_pct}% overall and at least "
        f"{marks.element_floor_pct}% in every scored element."
    )
    lines = tuple(ElementLine(e.code, e.name, e.pct, e.meets_floor) for e in report.elements)
    summary = EvaluationSummary(
        ev.eval_date,
        ev.audit_type.value,
        ev.external,
        ev.auditor,
        f"{pack.name} (version {pack.version})",
        report.overall_pct,
        report.passed,
        rule,
        lines,
    )
    return summary, []


def training_part(
    workers: list[Worker], records: list[Record], as_of: date
) -> tuple[tuple[TrainingLine, ...], list[Missing]]:
    """Each worker on the roster that day, by course: their latest certificate."""
    active = sorted((w for w in workers if w.active_on(as_of)), key=lambda w: w.name.casefold())
    matrix = training_matrix(active, records, as_of)
    lines = []
    for worker in matrix.workers:
        for course in matrix.courses:
            cell = matrix.cell(worker.id, course)
            if cell is None:
                continue
            lines.append(
                TrainingLine(
                    worker.name,
                    cell.course,
                    cell.completed,
                    cell.expiry,
                    cell.status.label,
                    cell.status is TrainingStatus.EXPIRED,
                )
            )
    if lines:
        return tuple(lines), []
    reason = (
        "No worker on the roster has a training record."
        if active
        else "No worker is on the roster today."
    )
    return (), [
        Missing(
            Part.TRAINING,
            reason,
            "Record your workers' training and certificates (Training records), then make "
            "this pack again.",
        )
    ]


def manual_part(manual: Manual) -> list[Missing]:
    if manual.documents:
        return []
    return [
        Missing(
            Part.MANUAL,
            "No policy or procedure document has been signed yet.",
            "Sign your program's documents (the Program page), then make this pack again.",
        )
    ]


def parties_part(
    records: list[Record], as_of: date, taken: set[str]
) -> tuple[TextTable | None, list[str], tuple[PaperFile, ...]]:
    """Other workplace parties' clearance letters and insurance, as their register stands
    (printed under the company's own letters; None when the register is empty), and those
    expired or expiring within 90 days, for the first page."""
    register = party_register(records, records, as_of)
    if not register.entries:
        return None, [], ()
    flags = [expiry_sentence(e) for e in register.expiries if e.paper in (CLEARANCE, INSURANCE)]
    rows = []
    files: list[PaperFile] = []
    for entry in register.entries:
        body = entry.body
        for paper, word in ((CLEARANCE, "clearance"), (INSURANCE, "insurance")):
            for a in entry.files_about(paper):
                stem = f"4-party-{safe_name(body.name)}-{word}-{safe_name(a.filename)}"
                saved, n = stem, 2
                while saved in taken:
                    saved, n = f"{stem}-{n}", n + 1
                taken.add(saved)
                files.append(PaperFile(a.filename, a.media_type, a.size, a.sha256, saved))

        def expiry(day: date | None, status: TrainingStatus) -> str:
            if day is None:
                return "not recorded"
            return f"{day.isoformat()} ({status.label.lower()})"

        rows.append(
            (
                body.name,
                body.party_type.value.replace("_", "-"),
                body.clearance_number or "-",
                expiry(body.clearance_expiry, entry.clearance),
                expiry(body.insurance_expiry, entry.insurance),
            )
        )
    table = TextTable(
        ("Party", "Type", "Clearance letter", "Letter expires", "Insurance expires"),
        tuple(rows),
        (
            "From the register of other workplace parties. Their clearance letters and "
            "insurance certificates attached to the register (a caption or file name saying "
            "clearance, WCB, insurance or liability) are in the folder as 4-party-….",
        ),
    )
    return table, flags, tuple(files)
