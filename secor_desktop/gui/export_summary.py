"""What the export window says once the pack is written: the result line and the warnings.

Plain text from the service's ``PackSummary``, kept apart from the dialog's widgets so the
wording can be read (and changed) in one place.
"""

from __future__ import annotations

from secor_desktop.services.evidence_pack import PackSummary


def status_text(summary: PackSummary, drafts_printed: bool) -> str:
    """Where the pack went, how big it is, its chain head, and what it appended or left out."""
    lines = [
        f"Wrote {summary.path}: {summary.pages} pages, {summary.records} records. "
        f"Chain head: {summary.chain_head.count} revisions, {summary.chain_head.sha256}."
    ]
    if summary.appended_pages:
        lines.append(
            f"Attached PDF documents: {summary.appended_pages} page(s) appended after the "
            "integrity appendix."
        )
    drafts, voided = summary.left_out
    if drafts or voided:
        where = "printed in their appendix" if drafts_printed else "left out"
        lines.append(f"Drafts and voided records: {drafts} draft(s), {voided} voided, {where}.")
    return "\n".join(lines)


def notes_text(summary: PackSummary) -> str:
    """The UNVERIFIED problems and the export's warnings, or "" when there are none."""
    notes: list[str] = []
    if summary.unverified:
        notes.append(
            f"UNVERIFIED: the integrity check found {len(summary.unverified)} problem(s); "
            "every page says so:\n\n" + "\n".join(f"• {p}" for p in summary.unverified)
        )
    if summary.warnings:
        notes.append(
            f"{len(summary.warnings)} thing(s) could not be printed exactly as saved "
            "(also listed in the pack's integrity appendix):\n\n"
            + "\n".join(f"• {w}" for w in summary.warnings)
        )
    return "\n\n".join(notes)
