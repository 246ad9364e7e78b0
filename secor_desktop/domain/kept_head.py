"""Checking the chain against a head kept elsewhere (a pack's cover, a note, an e-mail).

``verify`` alone cannot see a chain that was rebuilt: recompute every hash after an edit and
the chain is consistent again, with a new head. Only a head kept outside the database shows it.
A kept head proves the first COUNT revisions as a whole; which of them differs can be named
only where the stored hashes themselves disagree with the documents, or by comparing with a
full copy of the chain that passes through the kept head (a pack's ledger, a backup).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from secor_desktop.domain.canonical import GENESIS, chain_next, sha256_hex
from secor_desktop.domain.errors import UserError
from secor_desktop.domain.ledger import StoredRevision

# What people paste: 'HASH', 'HASH:COUNT', the pack cover's '17 revisions; SHA-256 of the last
# link: HASH', verify's 'Chain head: HASH (17 revisions)' and the cover's QR code text.
# White space is dropped first, so a hash printed on two lines reads as one.
_FORMS = (
    (re.compile(r"([0-9a-f]{64})(?::(\d+))?"), 1, 2),
    (re.compile(r"(?:chainhead:)?([0-9a-f]{64})\((\d+)revisions?\)"), 1, 2),
    (re.compile(r"(\d+)revisions?(?:;sha-256ofthelastlink:|,head)([0-9a-f]{64})"), 2, 1),
    (re.compile(r"[^;]*;count=(\d+);sha256=([0-9a-f]{64})"), 2, 1),
)


class KeptHeadError(UserError):
    """A kept head typed or pasted in a shape that is not one; the message says the shape."""


@dataclass(frozen=True)
class KeptHead:
    """A chain hash written down elsewhere, and how many revisions it was after (if known)."""

    sha256: str
    count: int | None = None

    def __str__(self) -> str:
        return self.sha256 if self.count is None else f"{self.sha256}:{self.count}"


def parse_kept_head(text: str) -> KeptHead:
    """Read a kept head as typed or pasted; ``KeptHeadError`` with one sentence when it is not."""
    packed = "".join(text.split()).lower()
    for pattern, hash_group, count_group in _FORMS:
        match = pattern.fullmatch(packed)
        if match:
            count = match.group(count_group)
            if count is not None and int(count) < 1:
                raise KeptHeadError("The revision count after the kept head must be 1 or more.")
            return KeptHead(match.group(hash_group), int(count) if count else None)
    raise KeptHeadError(
        "The kept head must be the 64-character chain hash (digits and a to f), optionally "
        "followed by :COUNT, as printed on a pack's cover; "
        f"{text.strip()[:80]!r} is not one."
    )


@dataclass(frozen=True)
class Divergence:
    """The first revision whose stored chain hash does not follow from the documents."""

    seq: int
    entity_type: str
    entity_id: str
    revision: int


@dataclass(frozen=True)
class HeadComparison:
    """The facts a kept head can establish about the stored chain."""

    kept: KeptHead
    count: int  # revisions in the database
    stored_at: int | None  # the position whose stored chain hash is the kept one
    recomputed_at: int | None  # the position whose recomputed chain hash is the kept one
    first_broken: Divergence | None  # where stored hashes stop following from the documents
    elsewhere: int | None = None  # with a count: where the recomputed chain has it instead

    @property
    def ok(self) -> bool:
        """The kept head is passed through, where it was kept, by the recomputed chain."""
        return (
            self.recomputed_at is not None
            and self.stored_at == self.recomputed_at
            and self.kept.count in (None, self.recomputed_at)
        )


def compare_with_kept_head(revisions: Iterable[StoredRevision], kept: KeptHead) -> HeadComparison:
    """Walk the chain once, recomputing every link from the documents alone."""
    count = 0
    stored_at: int | None = None
    recomputed_at: int | None = None
    first_broken: Divergence | None = None
    elsewhere: int | None = None
    link = GENESIS
    for rev in revisions:
        count += 1
        link = chain_next(link, sha256_hex(rev.document.encode("utf-8")))
        if first_broken is None and link != rev.chain_sha256:
            first_broken = _at(rev)
        wanted = kept.count in (None, count)
        if stored_at is None and wanted and rev.chain_sha256 == kept.sha256:
            stored_at = count
        if link == kept.sha256:
            if wanted:
                recomputed_at = recomputed_at or count
            else:
                elsewhere = elsewhere or count
    return HeadComparison(kept, count, stored_at, recomputed_at, first_broken, elsewhere)


def first_difference(
    ours: Iterable[StoredRevision], proven: Iterable[StoredRevision]
) -> tuple[Divergence, bool] | None:
    """The first position where ``ours`` differs from ``proven`` (a copy whose documents
    recompute to a kept head; its ``content_sha256`` must be recomputed, not as stored).

    Our documents are hashed afresh, never trusted as stored. Returns the revision of ours that
    differs, or the proven revision that ours lacks (then True); None when ours holds them all.
    """
    mine_iter = iter(ours)
    for other in proven:
        mine = next(mine_iter, None)
        if mine is None:
            return _at(other), True
        if sha256_hex(mine.document.encode("utf-8")) != other.content_sha256:
            return _at(mine), False
    return None


def _at(rev: StoredRevision) -> Divergence:
    return Divergence(rev.seq, rev.entity_type, rev.entity_id, rev.revision)
