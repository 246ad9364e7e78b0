"""Broken and forged exchange files, one planted problem each, through the real CLI: each gives
exit 1 and a sentence naming the problem, and leaves every table and every file under files/
exactly as it was (a dump of the database, the hash of each stored file)."""

from __future__ import annotations

import json
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from secor_desktop.app.main import main
from secor_desktop.domain.canonical import chain_next, sha256_hex
from secor_desktop.services.facade import Services
from tests.conftest import SmallCompany
from tests.integration.bundle_tools import snapshot

pytestmark = pytest.mark.sqlite_only(
    "two laptops through the command line: each data folder's own file, compared byte for byte"
)

Doc = dict[str, Any]
Members = dict[str, bytes]


@pytest.fixture
def laptops(
    company: SmallCompany, make_services: Callable[[str], Services], tmp_path: Path
) -> tuple[Services, Services, Path]:
    """A and B have exchanged once; then A saved one more record and wrote a second file."""
    a = company.services
    company.inspection()
    b = make_services("b")
    first = tmp_path / "first.secor-exchange"
    a.exchange.export(first)
    b.exchange.import_file(first)
    company.inspection(title="Roof anchor inspection")
    second = tmp_path / "second.secor-exchange"
    a.exchange.export(second)
    return a, b, second


def read_members(path: Path) -> Members:
    with zipfile.ZipFile(path) as z:
        return {m: z.read(m) for m in z.namelist()}


def write_members(path: Path, members: Members) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)


def rechain(doc: Doc) -> None:
    """Hash the piece again after an edit, as a forger would, own origins included."""
    prev = doc["since_chain_sha256"]
    for rev in doc["revisions"]:
        rev["content_sha256"] = sha256_hex(rev["document"].encode("utf-8"))
        rev["prev_chain_sha256"] = prev
        rev["chain_sha256"] = prev = chain_next(prev, rev["content_sha256"])
        if rev["origin"]["device"] == doc["from"]["device_id"]:
            rev["origin"]["content_sha256"] = rev["content_sha256"]
            rev["origin"]["chain_sha256"] = rev["chain_sha256"]
    doc["chain_head"] = {"count": doc["revisions"][-1]["seq"], "sha256": prev}


def edited(source: Path, target: Path, change: Callable[[Doc, Members], None]) -> Path:
    members = read_members(source)
    doc = json.loads(members["exchange.json"])
    change(doc, members)
    members["exchange.json"] = json.dumps(doc).encode("utf-8")
    write_members(target, members)
    return target


def retitle(doc: Doc, title: str) -> None:
    rev = next(r for r in doc["revisions"] if '"title":"Roof anchor inspection"' in r["document"])
    rev["document"] = rev["document"].replace("Roof anchor inspection", title)


def broken_chain(doc: Doc, _m: Members) -> None:
    retitle(doc, "Roof anchor inspection (edited)")


def gap_in_chain(doc: Doc, _m: Members) -> None:
    del doc["revisions"][1]
    rechain(doc)


def unknown_device(doc: Doc, _m: Members) -> None:
    rev = doc["revisions"][-1]
    rev["origin"] = {**rev["origin"], "device": uuid.uuid4().hex, "document": rev["document"]}


def history_rewritten(doc: Doc, _m: Members) -> None:
    first = doc["revisions"][0]
    first["document"] = first["document"].replace("Prairie Roofing Ltd.", "Prairie Roofing Inc.")
    rechain(doc)


def path_trick(_doc: Doc, members: Members) -> None:
    members["../../outside.txt"] = b"escaped"


def absolute_path(_doc: Doc, members: Members) -> None:
    members["/tmp/secor-exchange-absolute.txt"] = b"escaped"


def oversized_member(_doc: Doc, members: Members) -> None:
    members["files/" + "0" * 64] = bytes(51 * 1024 * 1024)


CASES = {
    "broken chain": (broken_chain, "does not match its content hash"),
    "revision taken out": (gap_in_chain, "does not follow"),
    "unknown device": (unknown_device, "which the file does not declare"),
    "history rewritten": (history_rewritten, "does not continue the chain received"),
    "path trick": (path_trick, "holds a member named '../../outside.txt'"),
    "absolute path": (absolute_path, "holds a member named '/tmp/"),
    "oversized member": (oversized_member, "is larger than 50 MB"),
}


def run_import(folder: Path, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(folder), "exchange", "import", str(path)])
    out = capsys.readouterr()
    return code, out.err + out.out


def data_folder(s: Services) -> Path:
    return s.locations.data_dir


@pytest.mark.parametrize("case", sorted(CASES))
def test_forged_exchange_file_is_refused_and_changes_nothing(
    case: str,
    laptops: tuple[Services, Services, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each planted problem: exit 1, a sentence naming it, the data folder as it was."""
    _a, b, second = laptops
    change, expected = CASES[case]
    forged = edited(second, tmp_path / "forged.secor-exchange", change)
    before = snapshot(data_folder(b))
    code, message = run_import(data_folder(b), forged, capsys)
    assert code == 1, message
    assert expected in message
    assert "nothing was changed" in message
    assert "Traceback" not in message
    assert snapshot(data_folder(b)) == before
    assert not (tmp_path.parent / "outside.txt").exists()
    assert not Path("/tmp/secor-exchange-absolute.txt").exists()


def test_a_revision_claiming_to_come_from_this_laptop_is_refused(
    laptops: tuple[Services, Services, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A revision B never saved, said to be B's own: forged, refused, nothing changed."""
    _a, b, second = laptops
    b_id, b_name = b.exchange.device()

    def claim_b(doc: Doc, _m: Members) -> None:
        rev = doc["revisions"][-1]
        doc["devices"][b_id] = b_name
        rev["origin"] = {
            **rev["origin"],
            "device": b_id,
            "document": rev["document"],
            "prev_chain_sha256": rev["prev_chain_sha256"],
        }

    forged = edited(second, tmp_path / "forged.secor-exchange", claim_b)
    before = snapshot(data_folder(b))
    code, message = run_import(data_folder(b), forged, capsys)
    assert code == 1
    assert "says it was saved on this laptop, but it never was here" in message
    assert snapshot(data_folder(b)) == before


def test_a_laptops_own_file_is_refused(
    laptops: tuple[Services, Services, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """B's own exchange file imported into B: refused with one sentence, nothing changed."""
    _a, b, _second = laptops
    own = tmp_path / "own.secor-exchange"
    b.exchange.export(own)
    before = snapshot(data_folder(b))
    code, message = run_import(data_folder(b), own, capsys)
    assert code == 1
    assert "was written by this data folder" in message
    assert snapshot(data_folder(b)) == before


def test_the_unedited_file_is_accepted(
    laptops: tuple[Services, Services, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Control: the same file, re-zipped unedited, imports (exit 0): the refusals are the edits'."""
    _a, b, second = laptops
    copy = edited(second, tmp_path / "copy.secor-exchange", lambda d, m: None)
    code, message = run_import(data_folder(b), copy, capsys)
    assert code == 0, message
    assert "From " in message
    assert any(r.title == "Roof anchor inspection" for r in b.records.find())


def test_a_missing_file_is_bad_input(
    laptops: tuple[Services, Services, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A path that is not a file: exit 2 with a sentence."""
    _a, b, _second = laptops
    code, message = run_import(data_folder(b), tmp_path / "nowhere.secor-exchange", capsys)
    assert code == 2
    assert "is not a file" in message
