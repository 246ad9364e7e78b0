"""The register of other workplace parties, as a short table in the element that takes it.

One row per party as it stands at the period's end (its newest signed entry): its clearance
letter and insurance with their expiry and standing, whether it counts toward the headcount,
its workers' tickets (how many, how many to renew), the site orientations that name
it, and the files attached to the entry (the
letter and the certificate themselves follow with the entry's attachments).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

from secor_desktop.domain.bodies import PartyType
from secor_desktop.domain.parties import PartyEntry
from secor_desktop.domain.training import TrainingStatus, training_status
from secor_desktop.export.pack_model import ElementSection
from secor_desktop.export.pdf_context import Ctx
from secor_desktop.export.pdf_registers import TRAINING_COLOURS
from secor_desktop.export.pdf_styles import esc
from secor_desktop.export.pdf_table import Cells, grid, heading
from secor_desktop.export.text_check import check_line

TYPE_WORDS = {
    PartyType.SUBCONTRACTOR: "subcontractor",
    PartyType.SELF_EMPLOYED: "self-employed",
    PartyType.SUPPLIER: "supplier",
}
HEADCOUNT_WORDS = {None: "as the province rule says", True: "counts", False: "does not count"}
STATUS_COLUMNS = (2, 3)  # clearance, insurance: a coloured rule shows each one's standing


def _paper(number: str, expiry: date | None, status: TrainingStatus) -> str:
    parts = [esc(number)] if number.strip() else []
    parts.append(f"expires {expiry.isoformat()}" if expiry else "no expiry on record")
    parts.append(esc(status.label))
    return "<br/>".join(parts)


def _tickets(entry: PartyEntry, as_of: date) -> str:
    lines = entry.body.tickets
    oriented = len(entry.orientations)
    site = f"; {oriented} site orientation(s)" if oriented else ""
    if not lines:
        return "none listed" + site
    renew = sum(
        1
        for t in lines
        if training_status(t.expiry, as_of)
        not in (TrainingStatus.CURRENT, TrainingStatus.NO_EXPIRY)
    )
    people = len({" ".join(t.worker.split()).casefold() for t in lines})
    to_renew = f"; {renew} to renew" if renew else ""
    return f"{len(lines)} ticket(s), {people} worker(s){to_renew}{site}"


def party_table(ctx: Ctx, section: ElementSection) -> list[Flowable]:
    s = ctx.s
    register = section.parties
    assert register is not None
    out: list[Flowable] = [
        heading(f"Other workplace parties, element {section.code}", s.h2, 1),
        Paragraph(
            f"The register as it stands on {register.as_of.isoformat()}: each party's newest "
            "signed entry. A clearance letter or policy is renewed by amending the entry; the "
            "files attached to an entry (letters, insurance certificates) are listed with it.",
            s.body,
        ),
    ]
    if not register.entries:
        return [*out, Paragraph("No signed entries in the register.", s.body)]
    cells = Cells(s)
    rows: list[list[Any]] = [
        [
            "Party",
            "Type",
            "WCB clearance letter",
            "Liability insurance",
            "Headcount",
            "Workers' tickets and orientations",
            "Files",
        ]
    ]
    colours: list[tuple[int, int, Any]] = []
    for r, entry in enumerate(register.entries, 1):
        body = entry.body
        insurer = " ".join(x for x in (body.insurer, body.policy_number) if x.strip())
        rows.append(
            [
                cells(body.name, f"Party {r}, name", bold=True),
                TYPE_WORDS[body.party_type],
                Paragraph(
                    _paper(body.clearance_number, body.clearance_expiry, entry.clearance), s.cell
                ),
                Paragraph(_paper(insurer, body.insurance_expiry, entry.insurance), s.cell),
                HEADCOUNT_WORDS[body.counts_toward_headcount],
                Paragraph(esc(_tickets(entry, register.as_of)), s.cell),
                str(len(entry.record.attachments)),
            ]
        )
        colours += [
            (STATUS_COLUMNS[0], r, TRAINING_COLOURS[entry.clearance]),
            (STATUS_COLUMNS[1], r, TRAINING_COLOURS[entry.insurance]),
        ]
    table = grid(rows, [88, 64, 100, 100, 56, 68, 28])
    table.setStyle(
        TableStyle([("LINEBEFORE", (c, r), (c, r), 2.5, colour) for c, r, colour in colours])
    )
    out += [Spacer(1, 4), table, *cells.flush()]
    # Each row's entry may be dated before the period (not printed in full): its text check
    # ties the row to the entry's revision in the pack's ledger, as for a record in full.
    for entry in register.entries:
        line = f"{entry.body.name}: {check_line(entry.record)}"
        out.append(Paragraph(esc(line), s.small))
    return out
