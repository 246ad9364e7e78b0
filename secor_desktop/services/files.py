"""Files attached to records: the one intake for the GUI and for import, checked by content.

A safety lead attaches photos and also the documents a program already has: a PDF manual, a
Word or OpenDocument procedure, an Excel training matrix, a plain-text note. What a file *is*
is decided from its bytes, never from its name: a PDF renamed ``.jpg``, an SVG or a script is
refused with a sentence naming the file. Photos are decoded under a pixel limit and re-encoded
(``services.images``); documents are kept byte for byte, so their SHA-256 in the chain is the
hash of the very file the user chose. Office files are ZIP archives: only their directory is
read (never extracted), with a limit on the number of members.

Import checks each stored file with ``check_stored_file`` (same rules, no re-encoding, since
the hash must not change). Limits are documented in docs/bundle-format.md.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from secor_desktop.domain.model import Attachment
from secor_desktop.domain.validation import FieldProblem, ValidationError
from secor_desktop.services.images import decode_image, prepare_image
from secor_desktop.storage.blobs import BlobStore

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # a long scanned manual fits; a video does not
MAX_ZIP_MEMBERS = 10_000  # a 500-page Word file has a few hundred
MAX_FILENAME = 200

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
TEXT = "text/plain"
JPEG = "image/jpeg"
PNG = "image/png"

# What may be stored, and the file-name endings that go with each type.
STORED_TYPES: dict[str, tuple[str, ...]] = {
    JPEG: (".jpg", ".jpeg"),
    PNG: (".png",),
    PDF: (".pdf",),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    ODT: (".odt",),
    TEXT: (".txt",),
}
DOCUMENT_TYPES = (PDF, DOCX, XLSX, ODT, TEXT)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".gif")
ACCEPTED_SUFFIXES = (*IMAGE_SUFFIXES, ".pdf", ".docx", ".xlsx", ".odt", ".txt")
WHAT_IS_ACCEPTED = (
    "attach a photo (JPEG, PNG, WebP, BMP, TIFF, GIF), a PDF, a Word (.docx), Excel (.xlsx) "
    "or OpenDocument text (.odt) file, or plain text (.txt)"
)
_ZIP_KINDS = {
    DOCX: ("word/document.xml", "Word (.docx)"),
    XLSX: ("xl/workbook.xml", "Excel (.xlsx)"),
}
_LABELS = {PDF: "a PDF document", TEXT: "plain text", JPEG: "a JPEG photo", PNG: "a PNG image"}
_LABELS |= {DOCX: "a Word document", XLSX: "an Excel workbook", ODT: "an OpenDocument text"}


class FileRefused(ValueError):
    """What is wrong with a file, as the end of a sentence that starts with its name."""


@dataclass(frozen=True)
class PreparedFile:
    data: bytes
    media_type: str
    filename: str


def _refuse(name: str, message: str) -> ValidationError:
    return ValidationError([FieldProblem(f"file {name}", message)])


def safe_filename(name: str) -> str:
    """The last part of a path, without control characters, at most MAX_FILENAME long."""
    base = PureWindowsPath(PurePosixPath(name).name).name
    cleaned = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    if len(cleaned) > MAX_FILENAME:
        stem, dot, ext = cleaned.rpartition(".")
        cleaned = (stem[: MAX_FILENAME - len(ext) - 1] + dot + ext) if dot else cleaned[:200]
    return cleaned or "file"


def _suffix(name: str) -> str:
    return PurePosixPath(name).suffix.lower()


def sniff_document(data: bytes) -> str | None:
    """The document type the bytes hold (PDF, DOCX, XLSX, ODT), or None when not one of these.

    Raises FileRefused for a ZIP archive that is none of the office formats.
    """
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return None


def _zip_kind(data: bytes) -> str:
    """Which office file a ZIP is, from its directory alone (nothing is extracted)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise FileRefused(f"is an archive of more than {MAX_ZIP_MEMBERS} files")
            names = {m.filename for m in members}
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                raise FileRefused("contains macros; save it without macros (.docx or .xlsx)")
            if "[Content_Types].xml" in names:
                for media, (member, _label) in _ZIP_KINDS.items():
                    if member in names:
                        return media
            first = members[0] if members else None
            if (
                first is not None
                and first.filename == "mimetype"
                and first.file_size < 100
                and archive.read(first).strip() == ODT.encode("ascii")
            ):
                return ODT
    except FileRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise FileRefused("is a damaged archive") from exc
    except NotImplementedError as exc:
        raise FileRefused("is an archive this program cannot read") from exc
    raise FileRefused("is an archive, but not a Word (.docx), Excel (.xlsx) or .odt file")


def is_plain_text(data: bytes) -> bool:
    """UTF-8 text (a byte-order mark allowed) with no NUL or other binary control bytes."""
    try:
        text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f" for c in text)


def prepare_file(raw: bytes, name: str) -> PreparedFile:
    """Decide what ``raw`` is from its bytes and get it ready to store; ValidationError if not.

    Photos are re-encoded (JPEG or PNG); documents are kept as they are.
    """
    filename = safe_filename(name)
    suffix = _suffix(filename)
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise _refuse(filename, "is larger than 50 MB; attach a smaller file")
    try:
        media = sniff_document(raw)
    except FileRefused as exc:
        raise _refuse(filename, str(exc)) from None
    if media is None and suffix == ".txt":
        if not is_plain_text(raw):
            raise _refuse(filename, "is named .txt but is not plain UTF-8 text")
        media = TEXT
    if media is not None:
        if suffix not in STORED_TYPES[media]:
            raise _refuse(
                filename,
                f"is named {suffix or 'without an ending'} but holds "
                f"{_LABELS[media]}; rename it to {STORED_TYPES[media][0]}",
            )
        return PreparedFile(raw, media, filename)
    for document, endings in STORED_TYPES.items():
        if document in DOCUMENT_TYPES and suffix in endings:
            raise _refuse(filename, f"is named {suffix} but is not {_LABELS[document]}")
    if suffix not in IMAGE_SUFFIXES:
        raise _refuse(filename, f"cannot be attached; {WHAT_IS_ACCEPTED}")
    image = prepare_image(raw, filename)
    stem = PurePosixPath(filename).stem or "photo"
    ext = ".png" if image.media_type == PNG else ".jpg"
    return PreparedFile(image.data, image.media_type, f"{stem}{ext}")


def store_file(blobs: BlobStore, raw: bytes, name: str, caption: str = "") -> Attachment:
    """Check and store one file; the attachment to add to a record's list."""
    prepared = prepare_file(raw, name)
    sha = blobs.put(prepared.data)
    return Attachment(
        sha256=sha,
        filename=prepared.filename,
        media_type=prepared.media_type,
        size=len(prepared.data),
        caption=caption,
    )


def check_stored_file(data: bytes, attachment: Attachment) -> str | None:
    """For import: None when ``data`` is what ``attachment`` says it is, else what is wrong.

    The same rules as the intake, without re-encoding (the hash must stay the same).
    """
    media = attachment.media_type
    name = attachment.filename
    if media not in STORED_TYPES:
        return f"has the type {media!r}, which this program does not store"
    if name != safe_filename(name):
        return f"the file name {name!r} is not a plain file name"
    if _suffix(name) not in STORED_TYPES[media]:
        return f"has a file name that does not fit its type {media}"
    if attachment.size != len(data):
        return f"says it is {attachment.size} bytes but the file is {len(data)} bytes"
    if len(data) > MAX_DOCUMENT_BYTES:
        return "is larger than 50 MB"
    if media in (JPEG, PNG):
        return check_image(data, name, "JPEG" if media == JPEG else "PNG")
    try:
        found = sniff_document(data)
    except FileRefused as exc:
        return str(exc)
    if media == TEXT:
        return None if found is None and is_plain_text(data) else "is not plain UTF-8 text"
    if found != media:
        return f"is not {_LABELS[media]}"
    return None


def check_image(data: bytes, name: str, expected_format: str) -> str | None:
    """None when ``data`` decodes, within the limits, as an image of ``expected_format``."""
    try:
        fmt, image = decode_image(data, name)
    except ValidationError as exc:
        return "; ".join(p.message for p in exc.problems)
    image.close()
    if fmt != expected_format:
        return f"holds a {fmt} image, not a {expected_format} one"
    return None
