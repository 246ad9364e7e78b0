"""Reading an exchange file whole, and checking it, before anything here is touched.

An exchange file is a zip archive: ``exchange.json`` (a piece of the sending install's chain,
each revision with its origin) and ``files/<sha256>`` (the photos, documents and signature
images those revisions name). It is held to the bundle's rules (``bundle_check``): read under
size and depth limits, every revision typed and decoded, and refused whole with a sentence per
problem. On top: only those member names (no path can escape the temporary folder), no member
larger than a stored file may be, the piece of chain unbroken, and every revision's origin
either the sender itself or a device the file declares, with its origin hashes recomputed.
Format: docs/exchange.md.
"""

from __future__ import annotations

import json
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from secor_desktop.domain.canonical import canonical_bytes, chain_next, sha256_hex
from secor_desktop.services.bundle_check import (
    MAX_BUNDLE_BYTES,
    MAX_DOCUMENT_CHARS,
    MAX_REVISIONS,
    ImportRejected,
    Rejection,
    Revision,
    RevisionRefused,
    parse_json,
    read_revision,
)
from secor_desktop.services.files import MAX_DOCUMENT_BYTES

EXCHANGE_FORMAT = "secor-exchange/1"
EXCHANGE_JSON = "exchange.json"
MAX_EXCHANGE_BYTES = 4 * 1024**3
MAX_MEMBERS = 500_000
MAX_PARENTS = 64
_DEVICE = re.compile(r"[0-9a-f]{32}")
_HASH = re.compile(r"[0-9a-f]{64}")
_FILE_MEMBER = re.compile(r"files/[0-9a-f]{64}")


@dataclass(frozen=True)
class Origin:
    """Where a revision was first saved: that install's device, number, document, hashes."""

    device: str
    seq: int
    document: str
    content_sha256: str
    prev_chain_sha256: str
    chain_sha256: str
    parents: tuple[str, ...]
    reason: str | None


@dataclass(frozen=True)
class Incoming:
    revision: Revision  # as the sender's chain holds it
    origin: Origin


@dataclass(frozen=True)
class ExchangeFile:
    path: Path
    sender: str
    sender_name: str
    devices: dict[str, str]  # every device a revision comes from: id -> name
    received: dict[str, tuple[int, str]]  # what the sender has received: device -> (seq, chain)
    since: int  # the sender's revisions after this one are in the file
    since_chain_sha256: str
    revisions: list[Incoming]
    folder: Path  # where its files were written: folder/files/<sha256>


def read_exchange(path: Path, into: Path) -> ExchangeFile:
    """The whole file read and checked, its files written under ``into``; or ImportRejected."""

    def refuse(reason: str) -> ImportRejected:
        return ImportRejected(path, [Rejection(path.name, reason)])

    try:
        info = path.stat()
    except OSError as exc:
        raise refuse(f"cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(info.st_mode):
        raise refuse("is not a regular file")
    if info.st_size > MAX_EXCHANGE_BYTES:
        raise refuse("is larger than 4 GB, the most an exchange file may be")
    try:
        with zipfile.ZipFile(path) as archive:
            text = _extract(archive, into, refuse)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError):
        raise refuse("is not an exchange file (not a readable zip archive)") from None
    except OSError as exc:
        raise refuse(f"cannot be read ({exc.strerror or exc})") from None
    try:
        doc = parse_json(text)
    except RevisionRefused as exc:
        raise refuse(f"{EXCHANGE_JSON} {exc}") from None
    if not isinstance(doc, dict) or doc.get("format") != EXCHANGE_FORMAT:
        raise refuse(f"is not a {EXCHANGE_FORMAT} exchange file")
    rejected: list[Rejection] = []
    exchange = _read_doc(path, doc, into, rejected)
    if rejected or exchange is None:
        raise ImportRejected(path, rejected)
    return exchange


def _extract(archive: zipfile.ZipFile, into: Path, refuse: Any) -> str:
    """Each member checked by name and size, then written by this code (never ``extract``)."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise refuse(f"holds more than {MAX_MEMBERS:,} members")
    seen: set[str] = set()
    text: str | None = None
    (into / "files").mkdir(parents=True, exist_ok=True)
    for m in members:
        name = m.filename
        if name != EXCHANGE_JSON and not _FILE_MEMBER.fullmatch(name):
            raise refuse(
                f"holds a member named {name[:120]!r}; an exchange file holds only "
                f"{EXCHANGE_JSON} and files/<SHA-256>, so it was refused"
            )
        if name in seen:
            raise refuse(f"holds the member {name} twice")
        seen.add(name)
        if m.flag_bits & 0x1:
            raise refuse(f"member {name} is encrypted")
        if stat.S_ISLNK(m.external_attr >> 16):
            raise refuse(f"member {name} is a link, not a file")
        limit = MAX_BUNDLE_BYTES if name == EXCHANGE_JSON else MAX_DOCUMENT_BYTES
        if m.file_size > limit:
            raise refuse(f"member {name} is larger than {limit // 1024**2} MB, the most it may be")
        with archive.open(m) as fh:  # a bounded read: a size that lies stops here
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise refuse(f"member {name} is larger than {limit // 1024**2} MB, the most it may be")
        if name == EXCHANGE_JSON:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                raise refuse(f"{EXCHANGE_JSON} is not UTF-8 text") from None
        else:
            (into / name).write_bytes(data)
    if text is None:
        raise refuse(f"has no {EXCHANGE_JSON}")
    return text


def device_name(value: Any) -> str | None:
    if isinstance(value, str) and 0 < len(value) <= 200 and value.isprintable():
        return value
    return None


def _read_doc(
    path: Path, doc: dict[str, Any], into: Path, rejected: list[Rejection]
) -> ExchangeFile | None:
    sender = doc.get("from")
    if not isinstance(sender, dict) or not is_device(sender.get("device_id")):
        rejected.append(Rejection("from", "does not name the device that wrote the file"))
        return None
    sender_id = str(sender["device_id"])
    sender_name = device_name(sender.get("name"))
    devices_raw = doc.get("devices")
    devices: dict[str, str] = {}
    if isinstance(devices_raw, dict):
        for key, value in devices_raw.items():
            name = device_name(value)
            if is_device(key) and name is not None:
                devices[key] = name
            else:
                rejected.append(Rejection("devices", f"{key[:40]!r} is not a device id and name"))
    if sender_name is None or devices.get(sender_id) != sender_name:
        rejected.append(Rejection("from", "its name is missing or not the one in 'devices'"))
        return None
    received: dict[str, tuple[int, str]] = {}
    received_raw = doc.get("received")
    for key, value in (received_raw if isinstance(received_raw, dict) else {}).items():
        if (
            isinstance(value, dict)
            and is_count(value.get("seq"))
            and is_hash(value.get("chain_sha256"))
        ):
            received[key] = (value["seq"], value["chain_sha256"])
    since_raw, chain_raw = doc.get("since"), doc.get("since_chain_sha256")
    if not is_count(since_raw) or not is_hash(chain_raw):
        rejected.append(Rejection("since", "does not say where in the sender's chain it starts"))
        return None
    since, since_chain = int(str(since_raw)), str(chain_raw)
    raw = doc.get("revisions")
    if not isinstance(raw, list) or len(raw) > MAX_REVISIONS:
        rejected.append(Rejection("revisions", "missing, not a list, or too long"))
        return None
    incoming: list[Incoming] = []
    for i, item in enumerate(raw):
        try:
            revision = read_revision(item)
        except RevisionRefused as exc:
            rejected.append(Rejection(exc.label or f"revisions[{i}]", str(exc)))
            continue
        try:
            origin = _read_origin(item, revision, sender_id, devices)
        except RevisionRefused as exc:
            rejected.append(Rejection(revision.label, str(exc)))
            continue
        incoming.append(Incoming(revision, origin))
    if not rejected:
        _check_piece(doc, incoming, since, since_chain, rejected)
    return ExchangeFile(
        path,
        sender_id,
        sender_name,
        devices,
        received,
        since,
        since_chain,
        incoming,
        into,
    )


def _check_piece(
    doc: dict[str, Any],
    incoming: list[Incoming],
    since: int,
    since_chain: str,
    rejected: list[Rejection],
) -> None:
    """The revisions are one unbroken piece of the sender's chain, from ``since`` on."""
    prev, expected = since_chain, since + 1
    for inc in incoming:
        s = inc.revision.stored
        label = inc.revision.label
        if s.seq != expected:
            rejected.append(Rejection(label, f"#{s.seq} does not follow #{expected - 1}"))
        elif sha256_hex(s.document.encode("utf-8")) != s.content_sha256:
            rejected.append(Rejection(label, "its document does not match its content hash"))
        elif s.prev_chain_sha256 != prev:
            rejected.append(Rejection(label, "the chain link before it was changed or removed"))
        elif chain_next(prev, s.content_sha256) != s.chain_sha256:
            rejected.append(Rejection(label, "its chain hash does not follow from the one before"))
        prev, expected = s.chain_sha256, s.seq + 1
    head = doc.get("chain_head")
    if not rejected and (
        not isinstance(head, dict)
        or (head.get("count"), head.get("sha256")) != (expected - 1, prev)
    ):
        rejected.append(Rejection("chain_head", "is not the end of the revisions it holds"))


def _read_origin(
    item: dict[str, Any], revision: Revision, sender: str, devices: dict[str, str]
) -> Origin:
    raw = item.get("origin")
    if not isinstance(raw, dict):
        raise RevisionRefused("has no origin")
    device = raw.get("device")
    parents = raw.get("parents")
    if not is_device(device):
        raise RevisionRefused("its origin names no device")
    if device not in devices:
        raise RevisionRefused(f"comes from device {device}, which the file does not declare")
    if not isinstance(parents, list) or len(parents) > MAX_PARENTS:
        raise RevisionRefused("its origin's parents are not a list of revisions")
    if not all(is_hash(p) for p in parents) or not is_count(raw.get("seq")):
        raise RevisionRefused("its origin's parents or number are not well formed")
    s = revision.stored
    if device == sender:
        stated = (raw.get("seq"), raw.get("content_sha256"), raw.get("chain_sha256"))
        if raw.get("document") is not None or stated != (s.seq, s.content_sha256, s.chain_sha256):
            raise RevisionRefused("says it was saved on the sending laptop, but its origin differs")
        return Origin(
            sender,
            s.seq,
            s.document,
            s.content_sha256,
            s.prev_chain_sha256,
            s.chain_sha256,
            tuple(parents),
            revision.info.reason,
        )
    return _received_origin(raw, revision, str(device), tuple(parents))


def _received_origin(
    raw: dict[str, Any], revision: Revision, device: str, parents: tuple[str, ...]
) -> Origin:
    """A revision the sender itself received: its origin document must hash to the origin's
    hashes and hold the very item the sender's copy holds."""
    document = raw.get("document")
    content, prev, chain = (
        raw.get(k) for k in ("content_sha256", "prev_chain_sha256", "chain_sha256")
    )
    if not isinstance(document, str) or len(document) > MAX_DOCUMENT_CHARS:
        raise RevisionRefused("its origin document is missing or too long")
    if not (is_hash(content) and is_hash(prev) and is_hash(chain)):
        raise RevisionRefused("its origin hashes are not SHA-256 digests")
    if sha256_hex(document.encode("utf-8")) != content or chain_next(str(prev), content) != chain:
        raise RevisionRefused("its origin document does not match its origin hashes")
    parsed = parse_json(document, small=True)
    own = json.loads(revision.stored.document)
    if (
        not isinstance(parsed, dict)
        or (parsed.get("entity"), parsed.get("id")) != (own.get("entity"), own.get("id"))
        or canonical_bytes(parsed.get("data")) != canonical_bytes(own.get("data"))
    ):
        raise RevisionRefused("its origin document does not hold the same item as it does")
    reason = parsed.get("reason")
    return Origin(
        device,
        int(raw["seq"]),
        document,
        str(content),
        str(prev),
        str(chain),
        parents,
        reason if isinstance(reason, str) else None,
    )


def is_device(value: Any) -> bool:
    return isinstance(value, str) and _DEVICE.fullmatch(value) is not None


def is_hash(value: Any) -> bool:
    return isinstance(value, str) and _HASH.fullmatch(value) is not None


def is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
