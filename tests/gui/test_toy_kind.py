"""Issue 18's kind registry: a toy record kind declared here, and nowhere in the package.

The toy is three things — its declaration (``TALLY``), its body (``TallyBody``) and its editor
(``TallyForm``) — plus its place in a framework pack (a copy of the bundled pack that maps
it to an element, written to the data folder's ``frameworks``). Everything below reaches it
only through the registry: real SQLite through the migrations, real widgets typed with key
events, the real PDF read back with pypdf.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from secor_desktop.domain.bodies import Body
from secor_desktop.domain.completeness import missing_for
from secor_desktop.domain.frameworks import bundled_packs_dir
from secor_desktop.domain.kinds import Frequency, RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import KindSpec, ListColumn, SigningRule, registered, role
from secor_desktop.domain.validation import FieldProblem, ValidationError
from secor_desktop.gui.background import InlineBackground
from secor_desktop.gui.editors.base import RecordEditor
from secor_desktop.gui.editors.fields import BodyForm, WorkerPicker
from secor_desktop.gui.editors.forms import FORMS, form_for
from secor_desktop.gui.main_window import MainWindow
from secor_desktop.gui.models.records_model import COL_DETAIL
from secor_desktop.gui.pages.record_list import RecordListPage
from secor_desktop.gui.widgets.signature_pad import default_meaning
from secor_desktop.services.evidence_pack import EvidencePackService
from secor_desktop.services.listing import ListingService, RecordQuery, SortKey
from tests.conftest import TODAY, SmallCompany, signature_png
from tests.gui.editor_helpers import type_text

# --- the toy kind: 1. its body ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TallyBody:
    """A muster-point head count after an evacuation alarm."""

    place: str
    counter_id: str
    heads: int = 0


# --- 2. its declaration --------------------------------------------------------------------


def _tally_rules(problems: list[FieldProblem], record: Record) -> None:
    body = record.body
    assert isinstance(body, TallyBody)
    if not body.place.strip():
        problems.append(FieldProblem("body.place", "name the muster place"))
    if body.heads < 1:
        problems.append(FieldProblem("body.heads", "count at least one person"))


TALLY = KindSpec(
    key="muster_tally",
    label="Muster tally",
    plural="Muster tallies",
    body=TallyBody,
    frequency=Frequency.WEEKLY,
    signing=SigningRule(
        (role("counter_id", "counter", SignatureMeaning.ATTENDED, required=True),),
        (SignatureMeaning.REVIEWED,),
    ),
    default_meaning=SignatureMeaning.ATTENDED,
    column=ListColumn("place", "Muster place"),
    worker_fields=("counter_id",),
    rules=_tally_rules,
)


# --- 3. its editor -------------------------------------------------------------------------


class TallyForm(BodyForm):
    kind = TALLY.kind

    def build(self) -> None:
        self.place = self.add_row("body.place", "Muster place", QLineEdit(), required=True)
        self.counter = self.add_row(
            "body.counter_id", "Counted by", WorkerPicker(self.workers, "Counted by")
        )
        self.heads = self.add_row("body.heads", "Heads counted", QSpinBox())

    def load(self, body: Body) -> None:
        assert isinstance(body, TallyBody)
        self.place.setText(body.place)
        self.counter.set_worker_id(body.counter_id)
        self.heads.setValue(body.heads)

    def body(self) -> TallyBody:  # type: ignore[override]
        return TallyBody(self.place.text(), self.counter.worker_id(), self.heads.value())


# --- 4. its place in a framework pack (test data) ------------------------------------------

PACK_ID = "secor-9-element-with-tallies"
ELEMENT = "7"  # emergency preparedness


def install_pack(company: SmallCompany) -> None:
    """The bundled pack, with the toy mapped to element 7, as the company's chosen pack."""
    bundled = json.loads((bundled_packs_dir() / "secor-9-element.json").read_text("utf-8"))
    bundled["id"] = PACK_ID
    bundled["name"] = "SECOR 9-element, with muster tallies"
    (element,) = [e for e in bundled["elements"] if e["code"] == ELEMENT]
    element["evidence_kinds"].append(TALLY.key)
    folder = company.services.ctx.framework_dir
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{PACK_ID}.json").write_text(json.dumps(bundled), encoding="utf-8")
    profile = company.services.company.get()
    assert profile is not None
    company.services.company.save(replace(profile, framework_id=PACK_ID))


@pytest.fixture(autouse=True)
def tally() -> Iterator[RecordKind]:
    """The toy kind registered for one test, and gone after it (so it leaks nowhere)."""
    with registered(TALLY) as kind:
        yield kind


@pytest.fixture
def tally_record(company: SmallCompany, tally: RecordKind) -> Record:
    return company.services.records.create(
        tally,
        title="Friday muster",
        event_date=TODAY,
        site_id=company.site.id,
        body=TallyBody("North gate", company.lead.id, 14),
    )


def sign(company: SmallCompany, record: Record, signer_id: str, meaning: SignatureMeaning) -> None:
    company.services.records.sign(
        record.id, signer_id=signer_id, meaning=meaning, image_png=signature_png()
    )


def element(company: SmallCompany) -> tuple[int, int]:
    """Element 7's counted and not-counted records in today's readiness report."""
    report = company.services.readiness.report(company.services.framework())
    (found,) = [e for e in report.elements if e.code == ELEMENT]
    return found.counted, found.not_counted


# --- the record list -------------------------------------------------------------------------


def test_the_toy_is_listed_by_the_listing_service(
    company: SmallCompany, tally: RecordKind, tally_record: Record
) -> None:
    """The service lists the toy's records and sorts them by its declared column."""
    listing = ListingService(company.services.ctx)
    query = RecordQuery(kind=tally, sort=SortKey.BODY_FIELD)
    assert listing.count(query) == 1
    assert [r.title for r in listing.page(query, 0, 10)] == ["Friday muster"]


def test_the_toy_has_a_sidebar_page_and_a_list_with_its_column(
    qtbot: QtBot, company: SmallCompany, tally: RecordKind, tally_record: Record
) -> None:
    """The main window's sidebar names the toy; its list page shows its declared column."""
    window = MainWindow(company.services, InlineBackground())
    qtbot.addWidget(window)
    labels = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert "Muster tally" in labels
    page = RecordListPage(company.services, InlineBackground(), tally)
    qtbot.addWidget(page)
    header = page.model.headerData(COL_DETAIL, Qt.Orientation.Horizontal)
    assert header == "Muster place"
    assert page.model.index(0, COL_DETAIL).data() == "North gate"


# --- the editor registry ---------------------------------------------------------------------


def test_an_editor_for_the_toy_is_found_typed_into_and_saved(
    open_editor: Callable[..., RecordEditor], qtbot: QtBot, company: SmallCompany
) -> None:
    """Opening an editor for the toy gives its own form; typing and Save stores the record."""
    assert FORMS["muster_tally"] is TallyForm
    editor = open_editor(TALLY.kind)
    form = editor.form
    assert isinstance(form, TallyForm)
    type_text(editor.title, "Monday muster")
    type_text(form.place, "South lot")
    qtbot.keyClick(form.counter, Qt.Key.Key_Down)
    form.heads.setFocus()
    qtbot.keyClick(form.heads, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.heads, "9")
    editor.save_button.click()
    (record,) = company.services.records.find(TALLY.kind)
    assert record.title == "Monday muster"
    assert record.body == TallyBody("South lot", form.counter.worker_id(), 9)


def test_every_registered_kind_has_an_editor(tally: RecordKind) -> None:
    """Each kind, the toy included, opens its own form (the editors registered themselves)."""
    for kind in RecordKind:
        assert form_for(kind).kind is kind
    assert form_for(tally) is TallyForm


# --- validation, completeness, readiness ---------------------------------------------------


def test_a_bad_toy_body_is_refused_naming_the_field(
    company: SmallCompany, tally: RecordKind
) -> None:
    """The toy's declared rule refuses a tally of nobody, and nothing is saved."""
    with pytest.raises(ValidationError) as caught:
        company.services.records.create(
            tally,
            title="Empty muster",
            event_date=TODAY,
            site_id=None,
            body=TallyBody("North gate", company.lead.id, 0),
        )
    assert caught.value.problems == (FieldProblem("body.heads", "count at least one person"),)
    assert company.services.records.find(tally) == []


def test_a_toy_not_signed_by_its_counter_does_not_count(
    company: SmallCompany, tally_record: Record
) -> None:
    """Unsigned, or signed only by a reviewer, the toy does not count, and says why."""
    names = {company.lead.id: company.lead.name}
    assert missing_for(tally_record, names) == ("it is not signed",)
    sign(company, tally_record, company.owner.id, SignatureMeaning.REVIEWED)
    (stored,) = company.services.records.find(tally_record.kind)
    assert missing_for(stored, names) == ("counter Zoë Tremblay has not signed",)


def test_a_signed_toy_counts_toward_its_element(
    company: SmallCompany, tally_record: Record
) -> None:
    """Once its counter signs, the toy counts for the element its pack maps it to."""
    install_pack(company)
    assert element(company) == (0, 1)
    assert default_meaning(tally_record.kind) is SignatureMeaning.ATTENDED
    sign(company, tally_record, company.lead.id, SignatureMeaning.ATTENDED)
    assert element(company) == (1, 0)


# --- the evidence pack -----------------------------------------------------------------------


def test_the_evidence_pack_prints_the_toy_with_its_fields(
    company: SmallCompany, tally_record: Record, tmp_path: Path
) -> None:
    """The PDF's element 7 prints the toy's title and its muster place."""
    install_pack(company)
    sign(company, tally_record, company.lead.id, SignatureMeaning.ATTENDED)
    out = tmp_path / "pack.pdf"
    EvidencePackService(company.services.ctx).export(out, company.services.framework())
    text = "".join(page.extract_text() or "" for page in PdfReader(out).pages)
    assert "Friday muster" in text
    assert "North gate" in text
    assert "Muster tally" in text
