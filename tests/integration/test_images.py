"""Photos coming in: downscaled, re-encoded, content-hashed; bad files refused clearly."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from secor_desktop.services.errors import ValidationError
from secor_desktop.services.images import MAX_EDGE
from tests.conftest import SmallCompany


def _jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(out, "JPEG")
    return out.getvalue()


def test_large_photo_is_downscaled_and_hashed(company: SmallCompany) -> None:
    """A 4000x3000 photo is stored at most 2048 pixels wide, under its SHA-256."""
    attachment = company.services.records.attach_photo(_jpeg(4000, 3000), "roof.jpg")
    stored = company.services.records.blob(attachment.sha256)
    with Image.open(io.BytesIO(stored)) as image:
        assert max(image.size) == MAX_EDGE
    assert attachment.media_type == "image/jpeg" and attachment.size == len(stored)


def test_same_photo_twice_is_stored_once(company: SmallCompany) -> None:
    """Content addressing: the same picture gives the same hash and one file."""
    a = company.services.records.attach_photo(_jpeg(300, 200), "a.jpg")
    b = company.services.records.attach_photo(_jpeg(300, 200), "b.jpg")
    assert a.sha256 == b.sha256


def test_damaged_image_is_refused_naming_the_file(company: SmallCompany) -> None:
    """A truncated JPEG is refused with a message naming the file."""
    with pytest.raises(ValidationError, match=r"file roof\.jpg: is not a readable image"):
        company.services.records.attach_photo(_jpeg(300, 200)[:200], "roof.jpg")


def test_non_image_is_refused(company: SmallCompany) -> None:
    """A text file named like a photo is refused."""
    with pytest.raises(ValidationError, match=r"file notes\.jpg"):
        company.services.records.attach_photo(b"just some text", "notes.jpg")


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("1", (width, height)).save(out, "PNG")
    return out.getvalue()


def test_oversized_image_is_refused_before_decoding(company: SmallCompany) -> None:
    """A small PNG that claims 72 megapixels is refused by our own limit."""
    with pytest.raises(ValidationError, match="9000x8000 pixels, too large to open safely"):
        company.services.records.attach_photo(_png(9000, 8000), "big.png")


def test_decompression_bomb_is_refused(company: SmallCompany) -> None:
    """A small PNG that claims 100 megapixels trips Pillow's bomb guard and is refused."""
    with pytest.raises(ValidationError, match=r"file bomb\.png: has more than 60 million pixels"):
        company.services.records.attach_photo(_png(10_000, 10_000), "bomb.png")
