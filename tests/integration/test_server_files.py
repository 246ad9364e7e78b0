"""Attached files on an office server: what one laptop attaches, another shows and prints.

Two data folders (two laptops) open the same PostgreSQL database. These need the test server
(``scripts/with-postgres``); on the SQLite pass they are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.kinds import SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.services.bundle import export_bundle, import_bundle
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.evidence_pack import EvidencePackService
from secor_desktop.services.facade import Services
from secor_desktop.storage import server_blobs
from tests import postgres_server
from tests.conftest import SmallCompany, signature_png
from tests.integration.test_pack_content import big_photo, images

pytestmark = pytest.mark.postgres_only


@pytest.fixture
def second_laptop(
    company: SmallCompany, tmp_path: Path, clock: FixedClock
) -> Iterator[Callable[[], Services]]:
    """Opens another data folder on the same server database as ``company``'s."""
    url = company.services.ctx.uow.args[0].get().url.render_as_string(hide_password=False)
    opened: list[Services] = []

    def make() -> Services:
        made = open_services(AppPaths(tmp_path / f"laptop-{len(opened)}", database_url=url), clock)
        opened.append(made)
        return made

    yield make
    for made in opened:
        made.ctx.uow.args[0].dispose()


def photographed(company: SmallCompany) -> Record:
    """A signed inspection with a photo, saved on the first laptop."""
    records = company.services.records
    record = company.inspection("Yard inspection with photo")
    photo = records.attach_photo(big_photo(), "aisle.jpg", "Pallets blocking the aisle")
    record = records.update(
        record.id,
        title=record.title,
        event_date=record.event_date,
        site_id=record.site_id,
        body=record.body,
        attachments=(photo,),
    )
    return records.sign(
        record.id,
        signer_id=company.lead.id,
        meaning=SignatureMeaning.PERFORMED,
        image_png=signature_png(1),
    )


def local_files(services: Services) -> list[Path]:
    return sorted(p for p in services.locations.blobs.rglob("*") if p.is_file())


def test_a_photo_and_signature_saved_on_one_laptop_are_read_on_another(
    company: SmallCompany, second_laptop: Callable[[], Services]
) -> None:
    """The second laptop, whose data folder holds no file, reads both from the server."""
    record = photographed(company)
    photo_sha = record.attachments[0].sha256
    signature_sha = record.signatures[0].image_sha256
    b = second_laptop()
    assert local_files(b) == []
    assert b.records.blob(photo_sha) == company.services.records.blob(photo_sha)
    assert b.records.blob(signature_sha) == signature_png(1)
    assert {p.name for p in local_files(b)} == {photo_sha, signature_sha}  # cached since


def test_the_second_laptops_evidence_pack_prints_the_photo(
    company: SmallCompany, second_laptop: Callable[[], Services], tmp_path: Path
) -> None:
    """An evidence pack made on the laptop that did not attach the photo prints it, and the
    signature beside the signer's name, without a warning about a missing file."""
    photographed(company)
    b = second_laptop()
    out = tmp_path / "pack.pdf"
    summary = EvidencePackService(b.ctx).export(out, b.framework())
    assert not [w for w in summary.warnings if "missing or unreadable" in w]
    found = images(out)
    assert len([i for i in found if "DCT" in i[2]]) == 1  # the photo
    assert (240, 80) in [(w, h) for w, h, _ in found]  # the signature, as drawn


def test_verify_on_the_second_laptop_checks_the_servers_copies(
    company: SmallCompany, second_laptop: Callable[[], Services]
) -> None:
    """Verify on the second laptop passes, checking both files from the server."""
    photographed(company)
    report = second_laptop().verify()
    assert report.ok, [str(p) for p in report.problems]
    assert report.files_checked == 2


def test_a_file_changed_on_the_server_fails_verify_naming_the_record(
    company: SmallCompany, second_laptop: Callable[[], Services]
) -> None:
    """One byte of the photo's server copy changed behind the program: verify on either
    laptop fails, naming the record the photo belongs to."""
    record = photographed(company)
    sha = record.attachments[0].sha256
    b = second_laptop()
    postgres_server.edit_behind_the_program(
        company.services,
        "UPDATE blobs SET data = overlay(data placing '\\x00'::bytea from 200 for 1) "
        f"WHERE sha256 = '{sha}'",
    )
    for laptop in (company.services, b):
        problems = [str(p) for p in laptop.verify().problems]
        assert len(problems) == 1, problems
        assert "Yard inspection with photo" in problems[0]
        assert "aisle.jpg" in problems[0] and "changed after it was stored" in problems[0]


def test_a_changed_server_copy_is_not_printed(
    company: SmallCompany, second_laptop: Callable[[], Services]
) -> None:
    """A laptop without its own copy refuses to read a server copy that fails its hash."""
    record = photographed(company)
    sha = record.attachments[0].sha256
    postgres_server.edit_behind_the_program(
        company.services,
        "UPDATE blobs SET data = overlay(data placing '\\x00'::bytea from 200 for 1) "
        f"WHERE sha256 = '{sha}'",
    )
    b = second_laptop()
    with pytest.raises(FileNotFoundError, match="missing or damaged on the server"):
        b.records.blob(sha)
    assert local_files(b) == []


def test_files_kept_only_on_a_laptop_are_sent_to_the_server_by_its_verify(
    company: SmallCompany, second_laptop: Callable[[], Services]
) -> None:
    """Files attached before the server kept them (here: its rows removed) are missing for
    the second laptop until verify on the laptop that holds them sends them up."""
    photographed(company)
    postgres_server.edit_behind_the_program(company.services, "DELETE FROM blobs")
    b = second_laptop()
    missing = [str(p) for p in b.verify().problems]
    assert len(missing) == 2 and all("missing on the server" in p for p in missing)
    assert company.services.verify().ok
    assert b.verify().ok


def test_the_servers_files_are_append_only(company: SmallCompany) -> None:
    """A stored file's row can be neither changed nor deleted through the program's login."""
    photographed(company)
    engine = company.services.ctx.uow.args[0].get()
    for statement in ("UPDATE blobs SET size = size", "DELETE FROM blobs"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    assert postgres_server.count_rows(company.services, "blobs") == 2


@pytest.mark.parametrize("batch_bytes", [server_blobs.BATCH_BYTES, 1])
def test_a_bundle_imported_into_the_server_brings_its_files_for_every_laptop(
    company: SmallCompany,
    make_services: Callable[[str], Services],
    tmp_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    batch_bytes: int,
) -> None:
    """Moving records to a new server database: the bundle's photo and signature reach the
    server with the records (in one statement, or one per file), so a laptop that never held
    them prints and verifies them."""
    monkeypatch.setattr(server_blobs, "BATCH_BYTES", batch_bytes)
    record = photographed(company)
    export_bundle(company.services.ctx, tmp_path / "bundle")
    office = make_services("office")
    import_bundle(office.ctx, tmp_path / "bundle")
    url = office.ctx.uow.args[0].get().url.render_as_string(hide_password=False)
    other = open_services(AppPaths(tmp_path / "other-laptop", database_url=url), clock)
    try:
        assert other.records.blob(record.attachments[0].sha256) == company.services.records.blob(
            record.attachments[0].sha256
        )
        report = other.verify()
        assert report.ok and report.files_checked == 2
    finally:
        other.ctx.uow.args[0].dispose()
