"""Attached PDF documents appended to the pack, page for page, after its own pages.

A safety lead's manual is usually a PDF already; the auditor wants to read it in the pack.
ReportLab cannot draw another PDF's pages, so the pack is laid out with a separator page for
each file followed by one empty *placeholder* page per page of the file (so page numbers, the
contents and "Page X of Y" count them), and pypdf then puts the file's own pages in place of
the placeholders. Everything else of the pack (its embedded ledger and manifest, bookmarks,
metadata) is kept as ReportLab wrote it; the manifest gains the page ranges of the appended
files, so ``verify-pack`` reads its text checks on the pack's own pages only (an appended file
could be anything, an older pack included).

A file that cannot be read (encrypted, damaged, missing) is not appended: its separator page
says so and the export warns, naming the record and the file. So is a file that would take the
appended pages past ``MAX_APPENDED_PAGES``.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import NameObject, NumberObject, StreamObject

from secor_desktop.domain.errors import UserError
from secor_desktop.export.pack_model import AttachedPdf, EvidencePack

MAX_APPENDED_PAGES = 500
"""Beyond this many appended pages a pack is hard to send and to read: give the files apart."""

_UNREADABLE = (PyPdfError, OSError, KeyError, ValueError, TypeError, AttributeError, RecursionError)


class AppendError(UserError):
    """An attached PDF that opened cleanly could not be copied into the pack after all."""


@dataclass
class AppendedFile:
    """One attached PDF, what became of it, and (after layout) where its pages went."""

    pdf: AttachedPdf
    pages: int = 0  # pages appended (0 when not appended)
    problem: str = ""  # why it is not appended, as the end of a sentence
    reader: PdfReader | None = None
    placeholders: list[int] = field(default_factory=list)  # 1-based pages, filled at layout

    @property
    def appended(self) -> bool:
        return self.reader is not None


def _owners(pdf: AttachedPdf) -> str:
    first = pdf.records[0]
    more = f" and {len(pdf.records) - 1} more record(s)" if len(pdf.records) > 1 else ""
    day, kind = first.event_date.isoformat(), first.kind.label
    return f"Record '{first.title}' of {day} ({kind}){more}"


def _open(data: bytes) -> tuple[PdfReader | None, int, str]:
    """The reader and page count of a PDF, or why it cannot be appended."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            return None, 0, "it is encrypted (password-protected)"
        count = len(reader.pages)
        for page in reader.pages:
            page.get_contents()  # a damaged page tree or content stream fails here, not later
    except _UNREADABLE:
        return None, 0, "it is damaged and cannot be read as a PDF"
    if count == 0:
        return None, 0, "it has no pages"
    return reader, count, ""


def plan_appended(
    pack: EvidencePack, load: Callable[[str], bytes] | None, warn: Callable[[str], None]
) -> list[AppendedFile]:
    """Open every PDF to append, in pack order; warn for each one that will not be."""
    plan: list[AppendedFile] = []
    total = 0
    for pdf in pack.attached_pdfs:
        item = AppendedFile(pdf)
        plan.append(item)
        try:
            data = load(pdf.sha256) if load is not None else None
        except (OSError, KeyError, ValueError):
            data = None
        if data is None:
            item.problem = "the stored file is missing"
        else:
            reader, count, item.problem = _open(data)
            if reader is not None and total + count > MAX_APPENDED_PAGES:
                item.problem = (
                    f"its {count} pages would take the appended pages past the limit of "
                    f"{MAX_APPENDED_PAGES}; give the auditor the file itself"
                )
            elif reader is not None:
                item.reader, item.pages = reader, count
                total += count
        if item.problem:
            warn(
                f"{_owners(pdf)}: the attached PDF {pdf.attachment.filename} is not appended: "
                f"{item.problem}."
            )
    return plan


def page_ranges(plan: Sequence[AppendedFile]) -> list[dict[str, Any]]:
    """Where each appended file's pages are in the finished pack (1-based, inclusive)."""
    return [
        {
            "sha256": item.pdf.sha256,
            "filename": item.pdf.attachment.filename,
            "records": [r.id for r in item.pdf.records],
            "first_page": item.placeholders[0],
            "last_page": item.placeholders[-1],
        }
        for item in plan
        if item.appended and item.placeholders
    ]


def splice(
    rendered: bytes, plan: Sequence[AppendedFile], manifest: tuple[str, bytes] | None
) -> bytes:
    """The pack with each placeholder page replaced by the file's page, and the manifest
    (an embedded file, by name) replaced by ``manifest``'s bytes."""
    writer = PdfWriter(clone_from=io.BytesIO(rendered))
    for item in plan:
        if item.reader is None:
            continue
        if len(item.placeholders) != item.pages:
            raise ValueError("the placeholders laid out do not match the pages to append")
        try:
            for page_number, page in zip(item.placeholders, item.reader.pages, strict=True):
                index = page_number - 1
                writer.remove_page(index)
                writer.insert_page(page, index)
        except _UNREADABLE as exc:
            raise AppendError(
                f"{_owners(item.pdf)}: the attached PDF {item.pdf.attachment.filename} could "
                f"not be copied into the pack ({exc}). No pack was written: export again "
                "without appending PDF documents, and give the auditor that file itself."
            ) from exc
    if manifest is not None:
        _replace_embedded(writer, *manifest)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _replace_embedded(writer: PdfWriter, name: str, data: bytes) -> None:
    names: Any = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]  # type: ignore[index]
    for i in range(0, len(names), 2):
        if names[i] == name:
            stream = names[i + 1].get_object()["/EF"]["/F"].get_object()
            if not isinstance(stream, StreamObject):
                break
            stream.set_data(data)
            params: Any = stream["/Params"]
            params[NameObject("/Size")] = NumberObject(len(data))
            return
    raise KeyError(f"the pack has no embedded {name} to update")


def manifest_with_pages(manifest: bytes, ranges: list[dict[str, Any]], pages: int) -> bytes:
    """The manifest with the appended files' page ranges and the pack's page count added."""
    data = json.loads(manifest)
    data["pages"] = pages
    data["appended_pdfs"] = ranges
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8") + b"\n"
