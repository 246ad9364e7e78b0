"""``verify``'s check of received revisions: their origin's hashes still hold.

A revision received from another laptop is appended to this chain as a new revision, and the
document and hashes it had there are kept beside it (``revision_links``). Each is checked
here: the origin document hashes to the origin content hash, the origin chain link follows
from the origin's previous link, and the origin document holds the same item, with the same
content, as the revision here. A settlement (made here) must name this revision's own hash.
"""

from __future__ import annotations

import json
from typing import Any

from secor_desktop.domain.canonical import canonical_bytes, chain_next, sha256_hex
from secor_desktop.storage.exchange_store import ChainEntry, RevisionLink


def link_problems(uow: Any) -> list[tuple[ChainEntry, str]]:
    """Each linked revision whose origin no longer checks out, with why."""
    problems: list[tuple[ChainEntry, str]] = []
    for link, entry, document in uow.linked_revisions():
        if entry is None:
            lost = ChainEntry(link.seq, "revision", str(link.seq), "")
            problems.append((lost, f"a received revision's origin names #{link.seq}, not saved"))
            continue
        problem = origin_problem(link, entry, document)
        if problem:
            problems.append((entry, f"revision #{entry.seq}: {problem}"))
    return problems


def origin_problem(link: RevisionLink, entry: ChainEntry, document: str) -> str | None:
    if link.origin_document is None:
        if link.origin_content_sha256 != entry.content_sha256:
            return "its settlement link does not name its own hash"
        return None
    origin = link.origin_document
    if sha256_hex(origin.encode("utf-8")) != link.origin_content_sha256:
        return f"its document as saved on {link.origin_name} no longer matches its hash there"
    if chain_next(link.origin_prev_chain_sha256, link.origin_content_sha256) != (
        link.origin_chain_sha256
    ):
        return f"its chain link on {link.origin_name} does not follow from its hashes"
    try:
        there, here = json.loads(origin), json.loads(document)
    except ValueError:
        return f"its document as saved on {link.origin_name} cannot be read"
    same_item = (there.get("entity"), there.get("id")) == (entry.entity_type, entry.entity_id)
    if not same_item or canonical_bytes(there.get("data")) != canonical_bytes(here.get("data")):
        return f"it no longer holds what was received from {link.origin_name}"
    return None
