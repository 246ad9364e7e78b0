"""The "text check" printed beside each record, worker and corrective action of the pack.

The pack's ledger proves what was saved; the text check ties the *printed page* to it. It is a
short hash of the fields the pack prints about an item, taken from the item's revision data:

    check = SHA-256( canonical JSON of {"type": T, "id": ID, "fields": {name: value, ...}} )
            first 16 hex digits

where the fields are ``PRINTED_FIELDS[T]`` picked from the revision document's ``data`` object
(a field absent from the data is left out), and canonical JSON is the same as for revision
documents: keys sorted, no spaces, UTF-8, non-ASCII kept as is.

The pack prints ``Text check <check> · <type> <id>`` beside the item, computed from what it is
about to print; ``verify-pack`` recomputes it from the newest document of that item in the
pack's own ledger. A page that shows anything other than what the ledger holds (a title edited
in the tables and printed from there, or a forged page) carries a check that does not match.
docs/pack-verification.md gives the rule for an auditor's own script.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from secor_desktop.domain.canonical import (
    ENTITY_ACTION,
    ENTITY_RECORD,
    ENTITY_WORKER,
    Entity,
    canonical_bytes,
    entity_data,
    entity_id_of,
    entity_type_of,
    sha256_hex,
)
from secor_desktop.export.pack_model import EvidencePack

PRINTED_FIELDS: dict[str, tuple[str, ...]] = {
    ENTITY_RECORD: (
        "kind",
        "title",
        "event_date",
        "site_id",
        "body",
        "attachments",
        "signatures",
        "void_reason",
    ),
    ENTITY_WORKER: ("name", "role", "employment_type", "start_date", "end_date"),
    ENTITY_ACTION: (
        "description",
        "owner_id",
        "due_date",
        "status",
        "closed_date",
        "closure_note",
        "source_record_id",
    ),
}
"""What the pack prints of each item that carries a text check (names, not layout)."""

CHECK_LENGTH = 16
LABEL = "Text check"
PATTERN = re.compile(
    r"Text\s*check\s*([0-9a-f]{16})\s*·\s*(record|worker|corrective_action)\s*([0-9A-Za-z_-]+)"
)
"""How ``verify-pack`` finds the printed checks in the extracted page text."""


def printed_fields(entity_type: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of an item's revision data that the pack prints, by name."""
    return {name: data[name] for name in PRINTED_FIELDS[entity_type] if name in data}


def text_check(entity_type: str, entity_id: str, data: Mapping[str, Any]) -> str:
    """The short hash of what the pack prints about one item (see the module docstring)."""
    payload = {
        "type": entity_type,
        "id": entity_id,
        "fields": printed_fields(entity_type, data),
    }
    return sha256_hex(canonical_bytes(payload))[:CHECK_LENGTH]


def check_line(entity: Entity) -> str:
    """The line printed beside an item: its text check, its kind of item and its id."""
    kind, ident = entity_type_of(entity), entity_id_of(entity)
    return f"{LABEL} {text_check(kind, ident, entity_data(entity))} · {kind} {ident}"


def checked_items(pack: EvidencePack) -> list[tuple[str, str]]:
    """The items whose text check the pack prints: records in full, workers, actions."""
    items: list[tuple[str, str]] = []
    if not pack.summary_only:
        items += [(ENTITY_RECORD, r.id) for r in pack.records]
    items += [(ENTITY_WORKER, w.id) for w in pack.workers]
    items += [(ENTITY_ACTION, a.id) for a in pack.actions]
    return items
