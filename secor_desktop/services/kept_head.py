"""``verify --expect-head``: is the stored chain the one whose head was kept elsewhere?

A kept head (from a pack's cover, say) is the only defence against a rebuilt chain, where
every hash after an edit was recomputed so that ``verify`` passes with a new head. The answer
says only what can be proven: a head proves the first COUNT revisions as a whole. The first
revision that differs is named where the stored hashes disagree with the documents, or by a
backup whose own documents recompute to the kept head (a proven copy of the chain as it was).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from secor_desktop.domain.canonical import sha256_hex
from secor_desktop.domain.kept_head import (
    Divergence,
    HeadComparison,
    KeptHead,
    compare_with_kept_head,
    first_difference,
)
from secor_desktop.domain.ledger import StoredRevision
from secor_desktop.services.backups import BackupService
from secor_desktop.services.context import ServiceContext
from secor_desktop.storage.backup_chain import backup_revisions

if TYPE_CHECKING:  # the type only: SQLAlchemy is imported at the first query
    from secor_desktop.storage.uow import SqlUnitOfWork


@dataclass(frozen=True)
class HeadReport:
    """The check's result in words, and the first revision that differs when it is known."""

    ok: bool
    lines: tuple[str, ...]
    first_divergent: int | None = None

    def __str__(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class _BackupFinding:
    name: str
    at: int  # where its chain passes through the kept head
    divergence: Divergence | None
    missing: bool  # the divergent revision is the backup's, absent from this database


def check_kept_head(
    ctx: ServiceContext, kept: KeptHead, backups: BackupService | None = None
) -> HeadReport:
    with ctx.uow() as uow:
        cmp = compare_with_kept_head(uow.stored_revisions(), kept)
        if cmp.ok:
            return _passes(cmp)
        searching = backups is not None and cmp.elsewhere is None
        finding = _from_backups(uow, kept, backups) if backups and searching else None
        broken = _named(uow, cmp.first_broken) if cmp.first_broken else None
        divergent = finding.divergence if finding else None
        from_backup = None
        if finding and divergent:
            from_backup = (
                f"revision #{divergent.seq}, which this database no longer holds"
                if finding.missing
                else _named(uow, divergent)
            )
    lines = list(_facts(cmp, broken))
    seq = cmp.first_broken.seq if cmp.first_broken else None
    if finding is not None:
        if from_backup and divergent:
            lines.append(
                f"The backup {finding.name} passes through the kept head at revision "
                f"#{finding.at}; compared with it, the first revision that differs is "
                f"{from_backup}."
            )
            seq = divergent.seq
        else:
            lines.append(
                f"The backup {finding.name} passes through the kept head at revision "
                f"#{finding.at}, and this database holds each of those revisions unchanged: "
                "only the stored chain hashes differ."
            )
    elif cmp.first_broken is None and searching:
        lines.append(
            "No backup in the backups folder passes through the kept head, so which revision "
            "differs cannot be named here; verify-pack with the pack whose cover shows this "
            "head names it."
        )
    return HeadReport(False, tuple(lines), seq)


def _passes(cmp: HeadComparison) -> HeadReport:
    at = cmp.recomputed_at or 0
    lines = [
        f"OK: the chain passes through the kept head at revision #{at}: revisions 1 to {at} "
        "are exactly those the head was taken from."
    ]
    if cmp.count > at:
        lines.append(f"{cmp.count - at} revision(s) were saved after it.")
    return HeadReport(True, tuple(lines))


def _facts(cmp: HeadComparison, broken: str | None) -> list[str]:
    """What the stored chain and the documents say about the kept head, one fact a line."""
    kept = cmp.kept
    where = f"after {kept.count} revisions" if kept.count else "anywhere"
    if cmp.count == 0:
        lines = ["FAILED: this database holds no revisions at all (is it the right data folder?)."]
    elif kept.count is not None and cmp.count < kept.count:
        lines = [
            f"FAILED: the kept head is after {kept.count} revisions, but this database holds "
            f"only {cmp.count}: revisions were removed, or this is an older copy."
        ]
    elif cmp.elsewhere is not None and cmp.stored_at is None:
        lines = [
            f"FAILED: the kept head is this chain's link after {cmp.elsewhere} revisions, not "
            f"after {kept.count}: check the count written with it."
        ]
    elif cmp.recomputed_at is not None:
        lines = [
            f"FAILED: the documents still recompute to the kept head at revision "
            f"#{cmp.recomputed_at}, but the chain hashes stored with them were altered."
        ]
    elif cmp.stored_at is not None:
        lines = [
            f"FAILED: the stored chain hash at revision #{cmp.stored_at} is the kept head, but "
            "the documents no longer recompute to it: revisions were edited after it was kept."
        ]
    elif cmp.first_broken is not None:
        lines = [f"FAILED: the chain does not pass through the kept head {where}."]
    else:
        lines = [
            f"FAILED: the chain does not pass through the kept head {where}, yet every stored "
            "hash follows from its document: the chain was rebuilt after a change (or this is "
            "another company's data, or the head was copied wrong).",
            "A kept head alone proves only that the revisions up to it differ as a whole, "
            "not which one changed.",
        ]
    if broken:
        lines.append(
            f"The first revision whose stored chain hash does not follow from its document is "
            f"{broken}: the chain was changed there."
        )
    return lines


def _from_backups(
    uow: SqlUnitOfWork, kept: KeptHead, backups: BackupService
) -> _BackupFinding | None:
    """The newest backup whose own documents recompute to the kept head, compared with ours."""
    for info in backups.list():
        manifest = info.manifest
        if manifest is None or (kept.count is not None and manifest.revisions < kept.count):
            continue
        light: list[StoredRevision] = []  # theirs, with recomputed hashes and no documents
        with backup_revisions(info.path, backups.limits) as revisions:
            cmp = compare_with_kept_head(_tap(revisions, light), kept)
        if cmp.recomputed_at is None:
            continue
        proven = light[: cmp.recomputed_at]
        found = first_difference(uow.stored_revisions(), iter(proven))
        divergence, missing = found if found else (None, False)
        return _BackupFinding(info.path.name, cmp.recomputed_at, divergence, missing)
    return None


def _tap(
    revisions: Iterator[StoredRevision], light: list[StoredRevision]
) -> Iterator[StoredRevision]:
    for rev in revisions:
        content = sha256_hex(rev.document.encode("utf-8"))
        light.append(
            StoredRevision(
                rev.seq, rev.entity_type, rev.entity_id, rev.revision, "", content, "", ""
            )
        )
        yield rev


def _named(uow: SqlUnitOfWork, div: Divergence) -> str:
    """'revision #57 (record 'Weekly yard inspection', its revision 2)' from its own document."""
    name = ""
    document = uow.revision_document(div.entity_type, div.entity_id, div.revision)
    try:
        data = json.loads(document or "")["data"]
        name = str(data.get("title") or data.get("name") or data.get("description") or "")
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    what = div.entity_type.replace("_", " ")
    item = f"{what} '{name[:60]}'" if name else f"{what} {div.entity_id}"
    return f"revision #{div.seq} ({item}, its revision {div.revision})"
