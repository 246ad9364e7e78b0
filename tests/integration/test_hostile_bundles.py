"""Forged and broken bundles, one planted problem each, through the real CLI: into an empty
data folder and into the company the bundle came from, each gives one sentence naming the item,
exit 1, and leaves every table and every file under files/ exactly as it was.

The forgeries re-hash the chain after the edit (``rechain``), as an attacker would, so each
case reaches the check it is about instead of stopping at the first hash.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.main import main
from secor_desktop.app.paths import AppPaths
from secor_desktop.services import bundle_check
from tests.integration.bundle_tools import (
    CLOCK,
    document,
    export_to,
    jpeg,
    load,
    make_source,
    png_claiming,
    put_file,
    rechain,
    revisions_of,
    save,
    set_document,
    snapshot,
)

Doc = dict[str, Any]


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("forged")
    folder = make_source(root)
    return folder, export_to(folder, root / "bundle")


def edit_documents(revs: list[Doc], change: Callable[[Doc], None]) -> None:
    for rev in revs:
        doc = document(rev)
        change(doc)
        set_document(rev, doc)
        for key in ("event_date", "entered_at", "reason"):
            rev[key] = doc[key]


def forged(change: Callable[[Doc, Path], None], *, flags: bool = True) -> Callable[[Path], None]:
    """An edit of bundle.json followed by a re-hash of the whole chain."""

    def edit(bundle: Path) -> None:
        doc = load(bundle)
        change(doc, bundle)
        rechain(doc, flags=flags)
        save(bundle, doc)

    return edit


def raw_edit(change: Callable[[Doc, Path], None]) -> Callable[[Path], None]:
    """An edit of bundle.json with no re-hash."""

    def edit(bundle: Path) -> None:
        doc = load(bundle)
        change(doc, bundle)
        save(bundle, doc)

    return edit


def _older_revision_nuke(doc: Doc, _: Path) -> None:
    older = revisions_of(doc, "Ladders and steps")[0]
    edit_documents([older], lambda d: d["data"].__setitem__("kind", "nuke"))


def _duplicated_revision(doc: Doc, _: Path) -> None:
    copy = dict(revisions_of(doc, "Ladders and steps")[1])
    copy["seq"] = max(r["seq"] for r in doc["revisions"]) + 1
    doc["revisions"].append(copy)


def _duplicated_seq(doc: Doc, _: Path) -> None:
    doc["revisions"][3]["seq"] = doc["revisions"][2]["seq"]


def _unknown_signer(doc: Doc, _: Path) -> None:
    newest = revisions_of(doc, "Weekly yard inspection")[-1]
    edit_documents([newest], lambda d: d["data"]["signatures"][0].__setitem__("signer_id", "x"))


def _reason_object(doc: Doc, _: Path) -> None:
    edit_documents(
        [revisions_of(doc, "Ladders and steps")[1]], lambda d: d.__setitem__("reason", {"a": 1})
    )


def _bad_date(doc: Doc, _: Path) -> None:
    def change(d: Doc) -> None:
        d["event_date"] = d["data"]["event_date"] = "2025-02-30"

    edit_documents(revisions_of(doc, "Weekly yard inspection"), change)


def _flags_blanked(doc: Doc, _: Path) -> None:
    revisions_of(doc, "Heat stress")[0]["flags"] = []


def _stated_field(key: str, value: Any) -> Callable[[Doc, Path], None]:
    def change(doc: Doc, _: Path) -> None:
        revisions_of(doc, "Weekly yard inspection")[0][key] = value

    return change


def _unknown_site(doc: Doc, _: Path) -> None:
    edit_documents(
        revisions_of(doc, "Weekly yard inspection"),
        lambda d: d["data"].__setitem__("site_id", "nowhere"),
    )


def _unknown_source_record(doc: Doc, _: Path) -> None:
    actions = [r for r in doc["revisions"] if r["entity_type"] == "corrective_action"]
    edit_documents(actions, lambda d: d["data"].__setitem__("source_record_id", "nowhere"))


def _deep_document(doc: Doc, _: Path) -> None:
    deep: Any = "bottom"
    for _level in range(100):
        deep = [deep]
    edit_documents(
        [revisions_of(doc, "Heat stress")[0]], lambda d: d["data"]["body"].__setitem__("x", deep)
    )


def _attach(data: bytes, filename: str, media_type: str) -> Callable[[Doc, Path], None]:
    """The inspection's photo replaced by ``data`` under ``filename`` and ``media_type``."""

    def change(doc: Doc, bundle: Path) -> None:
        sha = put_file(bundle, data)

        def swap(d: Doc) -> None:
            d["data"]["attachments"][0].update(
                sha256=sha, filename=filename, media_type=media_type, size=len(data)
            )

        edit_documents(revisions_of(doc, "Weekly yard inspection")[-1:], swap)

    return change


def _truncated(doc: Doc, _: Path) -> None:
    doc["revisions"].pop()


def _lost_photo(doc: Doc, bundle: Path) -> None:
    newest = document(revisions_of(doc, "Weekly yard inspection")[-1])
    (bundle / "files" / newest["data"]["attachments"][0]["sha256"]).unlink()


def _title_edited(doc: Doc, _: Path) -> None:
    rev = revisions_of(doc, "Ladders and steps")[1]
    rev["document"] = rev["document"].replace("Ladders and steps", "Stairs")


def _write(text: str) -> Callable[[Path], None]:
    def edit(bundle: Path) -> None:
        (bundle / "bundle.json").write_text(text, "utf-8")

    return edit


def _endless(bundle: Path) -> None:
    """bundle.json that never ends: /dev/zero (a named pipe would block the writer side)."""
    if not Path("/dev/zero").exists():
        pytest.skip("needs /dev/zero")
    (bundle / "bundle.json").unlink()
    os.symlink("/dev/zero", bundle / "bundle.json")


PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
DATE_MESSAGE = (
    r'Record "Weekly yard inspection" \(id [^)]+\): event_date "2025-02-30" is not a real date'
)

CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "older revision of an unknown kind": (forged(_older_revision_nuke), r"'nuke' is not one of"),
    "duplicated revision": (forged(_duplicated_revision), "revision 2 appears more than once"),
    "duplicated seq": (raw_edit(_duplicated_seq), r"seq \d+ appears more than once"),
    "signer not on the roster": (forged(_unknown_signer), "is not a worker on the roster"),
    "reason that is an object": (forged(_reason_object), "reason must be text"),
    "bad date": (forged(_bad_date), DATE_MESSAGE),
    "late-entry flag removed": (
        raw_edit(_flags_blanked),
        r'Record "Heat stress" .*flags none differ from those its dates give \(late_entry\)',
    ),
    "stated event_date differs": (
        raw_edit(_stated_field("event_date", "2026-10-01")),
        "event_date .* differs from the document's",
    ),
    "stated entered_at differs": (
        raw_edit(_stated_field("entered_at", "2026-11-02T09:00:00+00:00")),
        "entered_at .* differs from the document's",
    ),
    "stated reason differs": (
        raw_edit(_stated_field("reason", "typo fixed")),
        "reason .* differs from the document's",
    ),
    "unknown site": (forged(_unknown_site), "site_id: is not one of the company's sites"),
    "unknown source record": (forged(_unknown_source_record), "source_record_id: is not a record"),
    "document nested 100 deep": (forged(_deep_document), "nested more than 64 levels deep"),
    "PDF named .jpg": (
        forged(_attach(PDF, "yard.jpg", "image/jpeg")),
        "attachment yard.jpg: is not a readable image",
    ),
    "PDF named .jpg, typed as a PDF": (
        forged(_attach(PDF, "yard.jpg", "application/pdf")),
        "file name that does not fit its type application/pdf",
    ),
    "SVG named .jpg": (
        forged(_attach(SVG, "yard.jpg", "image/jpeg")),
        "attachment yard.jpg: is not a readable image",
    ),
    "SVG as its own type": (
        forged(_attach(SVG, "yard.svg", "image/svg+xml")),
        "which this program does not store",
    ),
    "12,500 x 12,500 image": (
        forged(_attach(png_claiming(12_500, 12_500), "big.png", "image/png")),
        "attachment big.png: has more than 60 million pixels, too large to open safely",
    ),
    "attachment named with a path": (
        forged(_attach(jpeg(), "../../evil.jpg", "image/jpeg")),
        "is not a plain file name",
    ),
    "chain cut short": (raw_edit(_truncated), "chain_head: is not the head"),
    "photo missing": (raw_edit(_lost_photo), "is missing from the bundle"),
    "title edited, not re-hashed": (raw_edit(_title_edited), "no longer matches the hash"),
    "200,000 levels deep": (_write("[" * 200_000), "nested more than 64 levels deep"),
    "endless": (_endless, "is not a regular file"),
    "not JSON": (_write('{"format": "secor-bundle/1", oops'), "is not valid JSON"),
}


def _target(kind: str, source: Path, tmp_path: Path) -> Path:
    folder = tmp_path / kind
    if kind == "same":
        shutil.copytree(source, folder)
    else:
        open_services(AppPaths(folder), CLOCK, startup_backup=False)
    return folder


def _import(folder: Path, bundle: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(folder), "import", str(bundle)])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("target", ["empty", "same"])
@pytest.mark.parametrize("case", list(CASES))
def test_forged_bundle_is_refused_and_changes_nothing(
    source: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    case: str,
    target: str,
) -> None:
    """Each forged bundle: exit 1, a sentence naming the problem, tables and files/ as before."""
    edit, expected = CASES[case]
    bundle = tmp_path / "bundle"
    shutil.copytree(source[1], bundle, symlinks=True)
    edit(bundle)
    folder = _target(target, source[0], tmp_path)
    before = snapshot(folder)
    code, message = _import(folder, bundle, capsys)
    assert code == 1, message
    assert "was not imported; nothing was changed" in message
    assert "Traceback" not in message
    assert re.search(expected, message), message
    assert snapshot(folder) == before


def test_the_untouched_bundle_imports_into_both(
    source: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Control: the same bundle unedited imports (exit 0), so the refusals are the edits'."""
    for target in ("empty", "same"):
        code, message = _import(_target(target, source[0], tmp_path), source[1], capsys)
        assert code == 0, message


def test_late_entry_comes_in_flagged(
    source: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A record first saved 146 days after its event keeps its late-entry flag on import."""
    folder = _target("empty", source[0], tmp_path)
    assert _import(folder, source[1], capsys)[0] == 0
    services = open_services(AppPaths(folder), CLOCK, startup_backup=False)
    (talk,) = [r for r in services.records.find() if r.title == "Heat stress"]
    assert services.records.history(talk.id)[0].flags == ("late_entry",)


def test_bundle_over_the_size_limit_is_refused_unread(
    source: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A bundle.json larger than the limit is refused by its size, with the limit named."""
    monkeypatch.setattr(bundle_check, "MAX_BUNDLE_BYTES", 1024 * 1024)
    bundle = tmp_path / "bundle"
    shutil.copytree(source[1], bundle)
    text = json.dumps({"format": "secor-bundle/1", "pad": "x" * (2 * 1024 * 1024)})
    (bundle / "bundle.json").write_text(text, "utf-8")
    folder = _target("empty", source[0], tmp_path)
    before = snapshot(folder)
    code, message = _import(folder, bundle, capsys)
    assert code == 1 and "is larger than 1 MB" in message
    assert snapshot(folder) == before
