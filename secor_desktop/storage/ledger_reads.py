"""Reads of the ledger: the chain of revisions every save appends to."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from sqlalchemy import String, func, select, type_coerce

from secor_desktop.domain.canonical import GENESIS
from secor_desktop.domain.ledger import StoredColumns, StoredRevision
from secor_desktop.domain.model import RevisionInfo
from secor_desktop.storage.rows import RevisionRow
from secor_desktop.storage.session_bound import SessionBound


class LedgerReads(SessionBound):
    def stored_revisions(self) -> Iterator[StoredRevision]:
        """Every revision in chain order, streamed, with the columns kept beside it."""
        query = select(
            RevisionRow.seq,
            RevisionRow.entity_type,
            RevisionRow.entity_id,
            RevisionRow.revision,
            RevisionRow.document,
            RevisionRow.content_sha256,
            RevisionRow.prev_chain_sha256,
            RevisionRow.chain_sha256,
            # The columns beside the document, as stored text (``verify`` compares them).
            type_coerce(RevisionRow.event_date, String),
            type_coerce(RevisionRow.entered_at, String),
            RevisionRow.reason,
            RevisionRow.flags,
        ).order_by(RevisionRow.seq)
        for row in self.session.execute(query).yield_per(2000):
            seq, etype, eid, number, doc, content, prev, link, *columns = row
            yield StoredRevision(
                seq, etype, eid, number, doc, content, prev, link, StoredColumns(*columns)
            )

    def revision_infos(
        self, entity_type: str | None = None, entity_id: str | None = None
    ) -> list[RevisionInfo]:
        query = select(RevisionRow).order_by(RevisionRow.seq)
        if entity_type is not None:
            query = query.where(RevisionRow.entity_type == entity_type)
        if entity_id is not None:
            query = query.where(RevisionRow.entity_id == entity_id)
        return [revision_info(r) for r in self.session.scalars(query)]

    def revision_document(self, entity_type: str, entity_id: str, revision: int) -> str | None:
        return self.session.scalar(
            select(RevisionRow.document).where(
                RevisionRow.entity_type == entity_type,
                RevisionRow.entity_id == entity_id,
                RevisionRow.revision == revision,
            )
        )

    def latest_documents(self) -> dict[tuple[str, str], str]:
        """The newest revision document of every entity."""
        newest = (
            select(func.max(RevisionRow.seq))
            .group_by(RevisionRow.entity_type, RevisionRow.entity_id)
            .scalar_subquery()
        )
        rows = self.session.execute(
            select(RevisionRow.entity_type, RevisionRow.entity_id, RevisionRow.document).where(
                RevisionRow.seq.in_(newest)
            )
        )
        return {(t, i): d for t, i, d in rows}

    def last_revision(self) -> tuple[int, str]:
        """The newest revision's sequence number and chain hash ((0, GENESIS) when none)."""
        row = self.session.execute(
            select(RevisionRow.seq, RevisionRow.chain_sha256)
            .order_by(RevisionRow.seq.desc())
            .limit(1)
        ).first()
        return (int(row.seq), str(row.chain_sha256)) if row else (0, GENESIS)

    def chain_hash_at(self, seq: int) -> str | None:
        """The chain hash of revision ``seq``, or None when there is no such revision."""
        return self.session.scalar(select(RevisionRow.chain_sha256).where(RevisionRow.seq == seq))

    def entities_revised_after(self, seq: int, entity_type: str) -> set[str]:
        """Ids of the entities of a type with a revision newer than ``seq``."""
        return set(
            self.session.scalars(
                select(RevisionRow.entity_id).where(
                    RevisionRow.seq > seq, RevisionRow.entity_type == entity_type
                )
            )
        )

    def revised_by(self, seq: int, entity_type: str, ids: Collection[str]) -> set[str]:
        """Those of ``ids`` that had a revision at or before ``seq`` (the others are newer)."""
        wanted = sorted(ids)
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            found.update(
                self.session.scalars(
                    select(RevisionRow.entity_id).where(
                        RevisionRow.entity_type == entity_type,
                        RevisionRow.entity_id.in_(wanted[start : start + 500]),
                        RevisionRow.seq <= seq,
                    )
                )
            )
        return found

    def chain_head(self) -> tuple[int, str]:
        row = self.session.execute(
            select(func.count(RevisionRow.seq), func.max(RevisionRow.seq))
        ).one()
        count, last_seq = row
        if not count:
            return 0, GENESIS
        head = self.session.scalar(
            select(RevisionRow.chain_sha256).where(RevisionRow.seq == last_seq)
        )
        return int(count), str(head)

    def is_empty(self) -> bool:
        return not self.session.scalar(select(func.count(RevisionRow.seq)))


def revision_info(row: RevisionRow) -> RevisionInfo:
    return RevisionInfo(
        seq=row.seq,
        entity_type=row.entity_type,
        entity_id=row.entity_id,
        revision=row.revision,
        event_date=row.event_date,
        entered_at=row.entered_at,
        reason=row.reason,
        content_sha256=row.content_sha256,
        chain_sha256=row.chain_sha256,
        flags=tuple(f for f in row.flags.split(",") if f),
    )
