"""Records that name other records (``KindSpec.links``): checked on save, read both ways.

An H&S meeting names the inspections and investigations the representative or committee took
part in. Saving it checks that every id is a record of the right kind that still stands;
the meeting's editor and the PDF print the linked records' titles, and the linked records
show the meetings that reviewed them (``linked_from``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import spec_for
from secor_desktop.domain.validation import FieldProblem


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """What a save needs to know of a record another record names."""

    kind: RecordKind
    void: bool


def linked_ids(record: Record) -> tuple[str, ...]:
    """Every record id the record names, in field order, each once."""
    found: dict[str, None] = {}
    for link in spec_for(record.kind).links:
        found.update(dict.fromkeys(getattr(record.body, link.field)))
    return tuple(found)


def link_problems(record: Record, targets: Mapping[str, LinkTarget]) -> list[FieldProblem]:
    """Each linked id must be a record of the link's kinds, not void, and named once.
    ``targets`` holds the records found among ``linked_ids(record)`` (missing: not found)."""
    problems: list[FieldProblem] = []
    for link in spec_for(record.kind).links:
        seen: set[str] = set()
        for i, record_id in enumerate(getattr(record.body, link.field)):
            path = f"body.{link.field}[{i}]"
            target = targets.get(record_id)
            if record_id in seen:
                problems.append(FieldProblem(path, "names the same record twice; remove one"))
            elif target is None:
                problems.append(
                    FieldProblem(path, f"no record has the id {record_id!r}; pick {link.label}")
                )
            elif target.kind not in link.kinds:
                problems.append(
                    FieldProblem(
                        path,
                        f"is a record of the kind '{target.kind.label}', not {link.label}; "
                        f"pick {link.label}",
                    )
                )
            elif target.void:
                problems.append(FieldProblem(path, f"is void; pick {link.label} that stands"))
            seen.add(record_id)
    return problems


def linked_from(records: Iterable[Record]) -> dict[str, tuple[Record, ...]]:
    """For each record id, the records (not void) that name it, oldest first."""
    found: dict[str, list[Record]] = {}
    for record in sorted(records, key=lambda r: (r.event_date, r.id)):
        if record.void_reason is not None:
            continue
        for record_id in linked_ids(record):
            found.setdefault(record_id, []).append(record)
    return {k: tuple(v) for k, v in found.items()}
