"""Any file a safety program already has can be attached: PDF, Word, Excel, OpenDocument,
plain text and photos, each recognised by its bytes; anything else is refused naming the file."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from secor_desktop.services.errors import ValidationError
from secor_desktop.services.files import DOCX, ODT, PDF, TEXT, XLSX
from tests.conftest import SmallCompany
from tests.integration.bundle_tools import jpeg

PDF_BYTES = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def office(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


DOCX_BYTES = office({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX_BYTES = office({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT_BYTES = office({"mimetype": ODT.encode(), "content.xml": b"<office:document-content/>"})


@pytest.mark.parametrize(
    ("name", "data", "media"),
    [
        ("Safety manual.pdf", PDF_BYTES, PDF),
        ("Working alone.docx", DOCX_BYTES, DOCX),
        ("Training matrix.xlsx", XLSX_BYTES, XLSX),
        ("Procedure.odt", ODT_BYTES, ODT),
        ("Notes.txt", "Three points of contact, Zoë.\n".encode(), TEXT),
    ],
)
def test_document_is_stored_byte_for_byte(
    company: SmallCompany, name: str, data: bytes, media: str
) -> None:
    """A document keeps its bytes, so its SHA-256 in the chain is that of the user's file."""
    attachment = company.services.records.attach_file(data, name, "Company manual")
    assert attachment.media_type == media and attachment.filename == name
    assert attachment.sha256 == hashlib.sha256(data).hexdigest()
    assert company.services.records.blob(attachment.sha256) == data


def test_photo_still_goes_through_the_image_intake(company: SmallCompany) -> None:
    """A photo is re-encoded as before (JPEG), not kept as given."""
    raw = jpeg(400, 300)
    attachment = company.services.records.attach_file(raw, "yard.jpeg")
    assert attachment.media_type == "image/jpeg" and attachment.filename == "yard.jpg"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.jpg", PDF_BYTES, r"file photo\.jpg: is named \.jpg but holds a PDF document"),
        (
            "manual.pdf",
            b"not a pdf at all",
            r"file manual\.pdf: is named \.pdf but is not a PDF document",
        ),
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", r"file drawing\.svg: cannot"),
        ("photo.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", r"is not a readable image"),
        ("setup.exe", b"MZ\x90\x00", r"file setup\.exe: cannot be attached"),
        ("archive.docx", office({"a.txt": b"x"}), r"is an archive, but not a Word"),
        (
            "macro.docx",
            office(
                {"[Content_Types].xml": b"", "word/vbaProject.bin": b"", "word/document.xml": b""}
            ),
            r"file macro\.docx: contains macros",
        ),
        ("broken.docx", b"PK\x03\x04" + b"\0" * 40, r"file broken\.docx: is a damaged archive"),
        ("binary.txt", b"abc\x00def", r"file binary\.txt: is named \.txt but is not plain"),
    ],
)
def test_other_files_are_refused_naming_the_file(
    company: SmallCompany, name: str, data: bytes, message: str
) -> None:
    """What is not a photo or one of the document types is refused with one sentence."""
    with pytest.raises(ValidationError, match=message):
        company.services.records.attach_file(data, name)


def test_a_path_in_the_name_is_reduced_to_the_file_name(company: SmallCompany) -> None:
    """The stored name never carries folders (it is used to name a file when opened)."""
    attachment = company.services.records.attach_file(PDF_BYTES, "../../etc/manual.pdf")
    assert attachment.filename == "manual.pdf"


def test_an_archive_with_too_many_members_is_refused(
    company: SmallCompany, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the archive's directory is read, and its size is limited."""
    monkeypatch.setattr("secor_desktop.services.files.MAX_ZIP_MEMBERS", 3)
    many = office({f"word/{i}.xml": b"" for i in range(5)})
    with pytest.raises(ValidationError, match="more than 3 files"):
        company.services.records.attach_file(many, "big.docx")
