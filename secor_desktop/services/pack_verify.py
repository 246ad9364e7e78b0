"""``verify-pack``: does the company's database still hold exactly what an evidence pack shows?

The pack carries its ledger (``secor-ledger.jsonl``): every revision of the chain up to the
head on its cover, with the full document of each revision it prints. Four checks, each naming
the record (or worker, action...) it concerns:

1. the pack itself: each document still hashes to its printed hash, and the links chain up to
   the head in the manifest (an edited pack fails here);
2. each revision of the pack against the same revision in the database: present, same item,
   same hash, and the database's copy still hashing to it;
3. anything the pack holds that was saved again after the pack was made (an amendment, a
   void, a new signature) is named with the date and reason of the change;
4. the database's current tables against its newest revisions (``verify``), for every item of
   the pack: an edit made with another tool, bypassing the ledger, is caught here;
5. the printed pages against the pack's own ledger: each "Text check" printed beside a record,
   worker or corrective action is recomputed from the newest document of that item in the
   ledger (export/text_check.py), so pages that show anything the ledger does not hold fail
   against any database. Pages of attached PDFs appended to the pack (their ranges are in the
   manifest) are skipped: they are the files as attached, identified by their hash, and an
   attached file may be anything, an older pack included. A pack printed UNVERIFIED (from a
   database that failed ``verify``) always fails, with the reasons it was printed with.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from secor_desktop.domain.canonical import chain_next, sha256_hex
from secor_desktop.domain.errors import UserError
from secor_desktop.domain.ledger import ChainHead
from secor_desktop.domain.model import RevisionInfo
from secor_desktop.export.pack_ledger import LEDGER_NAME, MANIFEST_FORMAT, MANIFEST_NAME
from secor_desktop.export.text_check import PATTERN as TEXT_CHECK
from secor_desktop.export.text_check import text_check
from secor_desktop.services.context import ServiceContext
from secor_desktop.services.integrity import verify
from secor_desktop.storage.uow import SqlUnitOfWork


class PackFileError(UserError):
    """The file is not an evidence pack this program can check; the message says why."""


@dataclass(frozen=True)
class PackProblem:
    label: str
    entity_type: str
    entity_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


@dataclass(frozen=True)
class PackVerifyReport:
    path: Path
    company: str
    head: ChainHead  # the head printed in the pack
    revisions_checked: int  # revisions the pack prints, each checked against the database
    links_checked: int  # every link of the chain up to the head
    problems: list[PackProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Line:
    seq: int
    content_sha256: str
    prev_chain_sha256: str
    chain_sha256: str
    entity_type: str | None
    entity_id: str | None
    revision: int | None
    document: str | None


def _read_pack(path: Path) -> tuple[dict[str, Any], list[_Line]]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        attachments = PdfReader(path).attachments
        ledger_files = attachments.get(LEDGER_NAME) or []
        manifest_files = attachments.get(MANIFEST_NAME) or []
    except (OSError, PyPdfError, ValueError, KeyError) as exc:
        raise PackFileError(f"{path} cannot be read as a PDF ({exc}).") from exc
    if not ledger_files or not manifest_files:
        raise PackFileError(
            f"{path} has no embedded {LEDGER_NAME}: it is not an evidence pack made by "
            "secor-desktop (or its attachments were removed), so it cannot be checked."
        )
    try:
        manifest = json.loads(manifest_files[0].decode("utf-8"))
        if manifest.get("format") != MANIFEST_FORMAT:
            raise ValueError(f"unknown format {manifest.get('format')!r}")
        lines = [
            _parse(json.loads(text))
            for text in ledger_files[0].decode("utf-8").splitlines()
            if text.strip()
        ]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise PackFileError(f"{path}: its embedded ledger cannot be read ({exc}).") from exc
    return manifest, lines


def _parse(raw: dict[str, Any]) -> _Line:
    return _Line(
        seq=int(raw["seq"]),
        content_sha256=str(raw["content_sha256"]),
        prev_chain_sha256=str(raw["prev_chain_sha256"]),
        chain_sha256=str(raw["chain_sha256"]),
        entity_type=raw.get("entity_type"),
        entity_id=raw.get("entity_id"),
        revision=raw.get("revision"),
        document=raw.get("document"),
    )


def _label(entity_type: str, entity_id: str, document: str | None) -> str:
    """How the pack itself names an item: from the newest document of it the pack holds."""
    try:
        data = json.loads(document or "{}").get("data") or {}
    except ValueError:
        data = {}
    if entity_type == "record":
        title = str(data.get("title", entity_id))
        return f"Record '{title}' of {data.get('event_date', '?')}"
    if entity_type == "worker":
        return f"Worker '{data.get('name', entity_id)}'"
    if entity_type == "site":
        return f"Site '{data.get('name', entity_id)}'"
    if entity_type == "corrective_action":
        return f"Corrective action '{str(data.get('description', entity_id))[:60]}'"
    if entity_type == "self_evaluation":
        return f"Self-evaluation of {data.get('eval_date', entity_id)}"
    return "Company profile" if entity_type == "company" else f"{entity_type} {entity_id}"


def verify_pack(ctx: ServiceContext, path: Path) -> PackVerifyReport:
    manifest, lines = _read_pack(path)
    head = ChainHead(int(manifest["chain_head"]["count"]), str(manifest["chain_head"]["sha256"]))
    labels: dict[tuple[str, str], str] = {}
    for line in lines:
        if line.entity_type and line.entity_id:
            key = (line.entity_type, line.entity_id)
            labels[key] = _label(line.entity_type, line.entity_id, line.document)
    labels[("pack", "head")] = "The pack"
    problems: list[PackProblem] = []

    def report(key: tuple[str, str], message: str) -> None:
        problems.append(PackProblem(labels.get(key, f"{key[0]} {key[1]}"), *key, message))

    _check_pack_itself(lines, head, report)
    _check_unverified(manifest, report)
    _check_pages(path, manifest, lines, report)
    _check_appended(manifest, lines, report)
    in_pack = _check_database(ctx, lines, head, report)
    current = verify(ctx)
    documents = "\n".join(line.document or "" for line in lines)
    for p in current.problems:
        key = (p.entity_type, p.entity_id)
        if key in in_pack:
            report(key, f"in the database now: {p.message}")
        elif p.entity_type == "file" and p.entity_id in documents:
            problems.append(PackProblem(p.label, p.entity_type, p.entity_id, p.message))
    return PackVerifyReport(
        path=path,
        company=str(manifest.get("company", "")),
        head=head,
        revisions_checked=sum(1 for line in lines if line.document is not None),
        links_checked=len(lines),
        problems=problems,
    )


Report = Callable[[tuple[str, str], str], None]


def _check_pack_itself(lines: list[_Line], head: ChainHead, report: Report) -> None:
    prev = "0" * 64
    for line in lines:
        key = (line.entity_type or "revision", line.entity_id or str(line.seq))
        if line.document is not None and sha256_hex(line.document.encode()) != line.content_sha256:
            report(key, f"the pack's copy of revision #{line.seq} no longer matches its hash")
        if line.prev_chain_sha256 != prev or chain_next(prev, line.content_sha256) != (
            line.chain_sha256
        ):
            report(key, f"the pack's chain is broken at revision #{line.seq}")
        prev = line.chain_sha256
    if len(lines) != head.count or prev != head.sha256:
        report(
            ("pack", "head"),
            f"the pack's ledger ends at {len(lines)} revisions, head {prev}, not at the head "
            f"on its cover ({head})",
        )


def _check_unverified(manifest: dict[str, Any], report: Report) -> None:
    if not manifest.get("unverified"):
        return
    problems = [str(p) for p in manifest.get("problems") or []]
    listed = "; ".join(problems) if problems else "no reasons recorded"
    report(
        ("pack", "head"),
        "it was printed UNVERIFIED, from a database that failed its integrity check, so it "
        f"proves nothing whatever the database holds now ({len(problems)} problem(s) when it "
        f"was printed: {listed})",
    )


def _appended_pages(manifest: dict[str, Any]) -> set[int]:
    """The 0-based indexes of the pages of attached PDFs appended to the pack: they are the
    files as attached (identified by their SHA-256), not the pack's printed text."""
    skip: set[int] = set()
    for entry in manifest.get("appended_pdfs") or []:
        try:
            skip.update(range(int(entry["first_page"]) - 1, int(entry["last_page"])))
        except (KeyError, TypeError, ValueError):
            continue
    return skip


def _page_text(path: Path, skip: set[int]) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        pages = PdfReader(path).pages
        return "\n".join(page.extract_text() or "" for n, page in enumerate(pages) if n not in skip)
    except (OSError, PyPdfError, ValueError, KeyError) as exc:
        raise PackFileError(f"{path}: its pages cannot be read ({exc}).") from exc


def _check_pages(path: Path, manifest: dict[str, Any], lines: list[_Line], report: Report) -> None:
    """Each printed text check against the one recomputed from the pack's own ledger."""
    expected = [tuple(str(item).split(" ", 1)) for item in manifest.get("text_checks") or []]
    newest: dict[tuple[str, str], str] = {}
    for line in lines:
        if line.entity_type and line.entity_id and line.document is not None:
            newest[(line.entity_type, line.entity_id)] = line.document
    printed: dict[tuple[str, str], list[str]] = {}
    for match in TEXT_CHECK.finditer(_page_text(path, _appended_pages(manifest))):
        check, entity_type, entity_id = match.groups()
        printed.setdefault((entity_type, entity_id), []).append(check)
    for key, checks in printed.items():
        document = newest.get(key)
        if document is None:
            report(key, "the pages print a text check for an item the pack's ledger does not hold")
            continue
        try:
            want = text_check(key[0], key[1], json.loads(document)["data"])
        except (ValueError, KeyError, TypeError):
            report(key, "its document in the pack's ledger cannot be read")
            continue
        for check in checks:
            if check != want:
                report(
                    key,
                    f"the printed pages differ from the pack's ledger: text check {check} is "
                    f"printed, the ledger's document gives {want}",
                )
    for entity_type, entity_id in (k for k in expected if len(k) == 2):
        if (entity_type, entity_id) not in printed:
            report((entity_type, entity_id), "its text check is missing from the printed pages")


def _check_appended(manifest: dict[str, Any], lines: list[_Line], report: Report) -> None:
    """Each appended PDF must be a file that its record's newest document in the ledger holds."""
    newest: dict[str, str] = {}
    for line in lines:
        if line.entity_type == "record" and line.entity_id and line.document is not None:
            newest[line.entity_id] = line.document
    for entry in manifest.get("appended_pdfs") or []:
        sha = str(entry.get("sha256", "")) if isinstance(entry, dict) else ""
        name = str(entry.get("filename", "")) if isinstance(entry, dict) else ""
        records = entry.get("records") if isinstance(entry, dict) else None
        for record_id in records if isinstance(records, list) else [None]:
            try:
                held = json.loads(newest[str(record_id)])["data"]["attachments"]
                found = any(a.get("sha256") == sha for a in held)
            except (KeyError, TypeError, ValueError, AttributeError):
                found = False
            if not found:
                report(
                    ("record", str(record_id)),
                    f"the pack appends a PDF ({name}, SHA-256 {sha[:16]}…) that this record "
                    "does not hold in the pack's ledger",
                )


def _check_database(
    ctx: ServiceContext, lines: list[_Line], head: ChainHead, report: Report
) -> set[tuple[str, str]]:
    """Compare the pack's revisions with the database's; returns the items the pack holds."""
    by_seq = {line.seq: line for line in lines}
    in_pack = {
        (line.entity_type, line.entity_id)
        for line in lines
        if line.entity_type is not None and line.entity_id is not None
    }
    seen: set[int] = set()
    later: dict[tuple[str, str], tuple[int, int]] = {}  # item -> (revision, seq) saved since
    # A chain rebuilt after one edit differs at every later link: name where it starts, once.
    diverged_at: int | None = None
    relinked = shifted = 0
    with ctx.uow() as uow:
        for n, stored in enumerate(uow.stored_revisions(), 1):
            key = (stored.entity_type, stored.entity_id)
            if n > head.count:
                if key in in_pack:
                    later[key] = (stored.revision, stored.seq)
                continue
            line = by_seq.get(stored.seq)
            if line is None:
                continue
            seen.add(stored.seq)
            pack_key = (
                (line.entity_type, line.entity_id)
                if line.entity_type is not None and line.entity_id is not None
                else key
            )
            if line.entity_type is not None and (
                (stored.entity_type, stored.entity_id, stored.revision)
                != (line.entity_type, line.entity_id, line.revision)
            ):
                if diverged_at is None:
                    report(pack_key, f"the database's revision #{stored.seq} is of another item")
                    diverged_at = stored.seq
                else:
                    shifted += 1
            elif stored.content_sha256 != line.content_sha256:
                what = f"revision {line.revision}" if line.revision else f"link #{stored.seq}"
                report(pack_key, f"differs: the database's {what} is not the one in the pack")
                diverged_at = diverged_at or stored.seq
            elif sha256_hex(stored.document.encode()) != stored.content_sha256:
                report(pack_key, f"the database's copy of revision #{stored.seq} was edited")
            elif stored.chain_sha256 != line.chain_sha256 and diverged_at is not None:
                relinked += 1
            elif stored.chain_sha256 != line.chain_sha256:
                report(pack_key, f"the chain in the database differs at revision #{stored.seq}")
                diverged_at = stored.seq
        infos = {(i.entity_type, i.entity_id, i.revision): i for i in _later_infos(uow, later)}
    if relinked or shifted:
        counts = [
            f"{relinked} later revision(s) hold the pack's documents under recomputed chain hashes"
            if relinked
            else "",
            f"{shifted} later revision(s) are of other items (revisions were inserted or removed)"
            if shifted
            else "",
        ]
        report(
            ("pack", "head"),
            f"the database's chain was rebuilt from revision #{diverged_at} on: "
            + "; ".join(c for c in counts if c),
        )
    for line in lines:
        if line.seq not in seen:
            key = (line.entity_type or "revision", line.entity_id or str(line.seq))
            report(key, f"missing: revision #{line.seq} is not in the database")
    for key, (revision, _) in sorted(later.items()):
        info = infos.get((*key, revision))
        when = info.entered_at.strftime("%Y-%m-%d %H:%M UTC") if info else "later"
        reason = f" (reason given: {info.reason})" if info and info.reason else ""
        report(key, f"changed after the pack was made: revision {revision} saved {when}{reason}")
    return in_pack


def _later_infos(
    uow: SqlUnitOfWork, later: dict[tuple[str, str], tuple[int, int]]
) -> list[RevisionInfo]:
    out: list[RevisionInfo] = []
    for entity_type, entity_id in later:
        out += uow.revision_infos(entity_type, entity_id)
    return out
