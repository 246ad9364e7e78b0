"""Checking a bundle against the company it goes into: the rules, the references, the files.

The second half of the import's checks (the first, which needs no database, is
``bundle_check``). Every revision of every item is held to the rules a save applies, and every
worker, site and record it names must exist, either in the bundle or already here, so the
database's own constraints are never what refuses a bundle (an ``IntegrityError`` is a
traceback, not a sentence). Files are checked by their bytes (``services.files``) and staged;
they reach ``files/`` only after the commit.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from secor_desktop.domain.evaluation import SelfEvaluation
from secor_desktop.domain.model import Attachment, Company, CorrectiveAction, Record, Site, Worker
from secor_desktop.domain.validation import (
    LONG_TEXT,
    SHORT_TEXT,
    FieldProblem,
    Roster,
    check_not_future,
    check_text,
    validate_action,
    validate_company,
    validate_record,
    validate_site,
    validate_worker,
)
from secor_desktop.services.bundle_check import Rejection, Revision
from secor_desktop.services.files import (
    MAX_DOCUMENT_BYTES,
    STORED_TYPES,
    check_image,
    check_stored_file,
    safe_filename,
)
from secor_desktop.services.records import MAX_SIGNATURE_BYTES
from secor_desktop.storage.blobs import StagedBlobs

_HEX = frozenset("0123456789abcdef")


def check_rules(
    revisions: list[Revision],
    roster: Roster,
    record_ids: set[str],
) -> list[Rejection]:
    """Every revision against the rules and the references; ``roster`` holds every worker and
    site of the bundle and of the data folder, ``record_ids`` every record of both."""
    rejected: list[Rejection] = []
    for r in revisions:
        for problem in _problems(r.entity, roster, record_ids):
            rejected.append(Rejection(r.label, str(problem)))
    return rejected


def _problems(entity: Any, roster: Roster, record_ids: set[str]) -> list[FieldProblem]:
    if isinstance(entity, Company):
        return validate_company(entity)
    if isinstance(entity, Site):
        return validate_site(entity)
    if isinstance(entity, Worker):
        return validate_worker(entity)
    if isinstance(entity, CorrectiveAction):
        problems = validate_action(entity, roster)
        if entity.source_record_id is not None and entity.source_record_id not in record_ids:
            problems.append(FieldProblem("source_record_id", "is not a record of this company"))
        return problems
    if isinstance(entity, SelfEvaluation):
        return _evaluation_problems(entity, roster)
    problems = validate_record(entity, roster)
    for i, s in enumerate(entity.signatures):
        if s.signer_id not in roster.workers:
            problems.append(
                FieldProblem(
                    f"signatures[{i}]",
                    f"{s.signer_name} ({s.signer_id}) is not a worker on the roster",
                )
            )
    for i, a in enumerate(entity.attachments):
        problem = _attachment_problem(a)
        if problem:
            problems.append(FieldProblem(f"attachments[{i}]", problem))
    return problems


def _evaluation_problems(evaluation: SelfEvaluation, roster: Roster) -> list[FieldProblem]:
    """Its fields as the evaluation wizard would save them; the answers are checked against
    the framework pack when it is scored."""
    problems: list[FieldProblem] = []
    check_not_future(problems, "eval_date", evaluation.eval_date, roster.today)
    check_text(problems, "framework_id", evaluation.framework_id, required=True, limit=SHORT_TEXT)
    check_text(problems, "framework_version", evaluation.framework_version, required=True, limit=50)
    check_text(problems, "auditor", evaluation.auditor, required=False, limit=SHORT_TEXT)
    check_text(problems, "notes", evaluation.notes, required=False, limit=LONG_TEXT)
    return problems


def _attachment_problem(a: Attachment) -> str | None:
    if len(a.sha256) != 64 or not _HEX.issuperset(a.sha256):
        return f"{a.filename} names a file that is not a SHA-256 digest"
    if a.media_type not in STORED_TYPES:
        return f"{a.filename} has the type {a.media_type!r}, which this program does not store"
    if a.filename != safe_filename(a.filename):
        return f"the file name {a.filename!r} is not a plain file name"
    if not 0 <= a.size <= MAX_DOCUMENT_BYTES:
        return f"{a.filename} is larger than {MAX_DOCUMENT_BYTES // 1024**2} MB"
    return None


def roster_for(
    today: Any,
    here_workers: Iterable[Worker],
    here_sites: Iterable[Site],
    bundle: Iterable[Any],
) -> Roster:
    """The workers and sites a revision may name: those here plus the bundle's."""
    workers: dict[str, Worker] = {w.id: w for w in here_workers}
    sites: dict[str, Site] = {s.id: s for s in here_sites}
    for e in bundle:
        if isinstance(e, Worker):
            workers[e.id] = e
        elif isinstance(e, Site):
            sites[e.id] = e
    return Roster(today=today, workers=workers, sites=sites)


def wanted_files(latest: Iterable[Any]) -> dict[str, list[tuple[str, Attachment | None]]]:
    """Each file the newest items need: SHA-256 -> [(who needs it, the attachment or None
    for a signature image)]. Older revisions' files are not in a bundle."""
    wanted: dict[str, list[tuple[str, Attachment | None]]] = {}
    for e in latest:
        if not isinstance(e, Record):
            continue
        label = f'Record "{e.title[:80]}" (id {e.id})'
        for a in e.attachments:
            wanted.setdefault(a.sha256, []).append((f"{label}: attachment {a.filename}", a))
        for s in e.signatures:
            who = f"{label}: signature of {s.signer_name}"
            wanted.setdefault(s.image_sha256, []).append((who, None))
    return wanted


def stage_files(
    folder: Path,
    wanted: Mapping[str, list[tuple[str, Attachment | None]]],
    staged: StagedBlobs,
) -> list[Rejection]:
    """Check each wanted file of the bundle by size, hash and content; stage the good ones."""
    rejected: list[Rejection] = []
    for sha, users in sorted(wanted.items()):
        label = users[0][0]
        if len(sha) != 64 or not _HEX.issuperset(sha):
            rejected.append(Rejection(label, "names a file that is not a SHA-256 digest"))
            continue
        path = folder / "files" / sha
        try:
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode):
                raise FileNotFoundError
            if info.st_size > MAX_DOCUMENT_BYTES:
                rejected.append(Rejection(label, f"files/{sha} is larger than 50 MB"))
                continue
            data = path.read_bytes()
        except OSError:
            rejected.append(Rejection(label, f"file files/{sha} is missing from the bundle"))
            continue
        if hashlib.sha256(data).hexdigest() != sha:
            rejected.append(Rejection(label, f"file files/{sha} does not match its hash"))
            continue
        seen: dict[tuple[str, str, int] | None, str | None] = {}  # one check per way it is used
        problems: list[Rejection] = []
        for who, a in users:
            key = (a.media_type, a.filename, a.size) if a is not None else None
            if key not in seen:
                seen[key] = _content_problem(data, a)
            problem = seen[key]
            if problem:
                problems.append(Rejection(who, problem))
        rejected.extend(problems)
        if not problems and not rejected:
            staged.put(data)  # once anything is refused, nothing more needs writing
    return rejected


def _content_problem(data: bytes, attachment: Attachment | None) -> str | None:
    if attachment is not None:
        return check_stored_file(data, attachment)
    if len(data) > MAX_SIGNATURE_BYTES:
        return f"the signature image is larger than {MAX_SIGNATURE_BYTES // 1024} KB"
    problem = check_image(data, "signature", "PNG")
    return f"the signature image {problem}" if problem else None
