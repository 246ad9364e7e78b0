"""The written program on a real data folder: starter documents filled, signed and printed."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from secor_desktop import cli
from secor_desktop.app.main import main
from secor_desktop.domain.bodies import DocumentBody
from secor_desktop.domain.frameworks import bundled_packs_dir, load_pack
from secor_desktop.domain.kinds import EmploymentType, Province, SignatureMeaning
from secor_desktop.domain.model import Company, Worker
from secor_desktop.domain.starter import blanks
from secor_desktop.domain.validation import ValidationError
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.facade import Services
from secor_desktop.services.program import ProgramState
from tests.conftest import SmallCompany, signature_png

PERFORMED = SignatureMeaning.PERFORMED
ACKNOWLEDGED = SignatureMeaning.ACKNOWLEDGED


def first_run_only(services: Services) -> Worker:
    """What the first-run wizard saves: the profile and the owner, nothing else."""
    services.company.save(Company(name="Bow River Framing Inc.", province=Province.AB))
    return services.roster.add_worker(
        Worker(
            "", "Lee Chen", "Owner", EmploymentType.OWNER_OPERATOR, date(2024, 1, 8), is_owner=True
        )
    )


def every_blank(template_id: str, services: Services) -> dict[str, str]:
    """A value for each blank the profile does not answer, as an owner would type it."""
    template = services.program.template(template_id)
    known = services.program.known_values()
    return {b: f"our {b.replace('_', ' ')}" for b in template.blanks if b not in known}


def test_every_directive_document_of_every_bundled_pack_has_a_starter(services: Services) -> None:
    """Each directive document id of each bundled framework pack is covered by a template."""
    wanted = {
        d.id
        for resource in bundled_packs_dir().iterdir()
        if resource.name.endswith(".json")
        for e in load_pack(resource).elements
        for d in e.directive_documents
    }
    covered = {c for t in services.program.templates() for c in t.covers}
    assert len(wanted) == 16
    assert wanted <= covered, wanted - covered
    assert services.program.problems == []


def test_starting_a_document_fills_what_the_profile_knows(company: SmallCompany) -> None:
    """Company, province, owner and sites go in; the rest stay as named blanks."""
    record = company.services.program.start("policy")
    body = record.body
    assert isinstance(body, DocumentBody)
    assert "Health and safety policy of Prairie Roofing Ltd." in body.text
    assert "occupational health and safety laws of Alberta" in body.text
    assert "The owner, Dana Kowalski, is responsible" in body.text
    assert blanks(body.text) == ("policy_posted_at",)
    assert (body.template_id, body.template_version, body.version) == ("policy", "1.0", "1.0")
    assert body.owner_id == company.owner.id and body.covers == ("policy",)
    assert body.review_due == date(2027, 11, 2)


def test_signing_with_a_blank_left_is_refused_naming_it(company: SmallCompany) -> None:
    """The owner cannot approve a policy that still says {{policy_posted_at}}."""
    record = company.services.program.start("policy")
    with pytest.raises(ValidationError) as caught:
        company.services.records.sign(
            record.id, signer_id=company.owner.id, meaning=PERFORMED, image_png=signature_png()
        )
    assert "{{policy_posted_at}}" in str(caught.value)
    assert company.services.records.get(record.id).signatures == ()


def test_an_unknown_blank_name_is_refused(company: SmallCompany) -> None:
    """--set with a name the template does not have is a typo, named, and nothing is saved."""
    with pytest.raises(ValidationError) as caught:
        company.services.program.start("policy", {"polcy_posted_at": "the lunch room"})
    assert "polcy_posted_at" in str(caught.value)
    assert company.services.program.status()[0].state is ProgramState.NOT_STARTED


def test_states_go_from_not_started_to_review_due(company: SmallCompany, clock: FixedClock) -> None:
    """not started, draft, signed, then review due once the review date has passed."""
    program = company.services.program

    def state() -> ProgramState:
        return next(e.state for e in program.status() if e.template.id == "swp_ladders")

    assert state() is ProgramState.NOT_STARTED
    record = program.start("swp_ladders", {"power_line_distance": "7 metres"})
    assert state() is ProgramState.DRAFT
    company.services.records.sign(
        record.id, signer_id=company.owner.id, meaning=PERFORMED, image_png=signature_png()
    )
    assert state() is ProgramState.SIGNED
    clock.set(datetime(2027, 11, 3, 9, 0, tzinfo=UTC))
    assert state() is ProgramState.REVIEW_DUE


def test_a_worker_acknowledges_a_signed_policy(company: SmallCompany) -> None:
    """Workers sign a document with meaning 'acknowledged', after the owner approves it."""
    record = company.services.program.start("policy", {"policy_posted_at": "the shop door"})
    for worker, meaning in ((company.owner, PERFORMED), (company.worker, ACKNOWLEDGED)):
        record = company.services.records.sign(
            record.id, signer_id=worker.id, meaning=meaning, image_png=signature_png()
        )
    assert [(s.signer_name, s.meaning) for s in record.current_signatures] == [
        ("Dana Kowalski", PERFORMED),
        ("Sam Okafor", ACKNOWLEDGED),
    ]


def test_untouched_paragraphs_are_found_until_tailored(company: SmallCompany) -> None:
    """A fresh draft is all starter wording; a rewritten paragraph is no longer flagged."""
    services = company.services
    record = services.program.start("swp_hot_work", {"fire_watch_minutes": "60"})
    before = services.program.untouched(record)
    assert any(p.startswith("A second person watches for fire") for p in before)
    body = record.body
    assert isinstance(body, DocumentBody)
    text = body.text.replace(
        "A second person watches for fire", "Our apprentice, with an extinguisher, watches for fire"
    )
    edited = services.records.update(
        record.id,
        title=record.title,
        event_date=record.event_date,
        site_id=None,
        body=replace(body, text=text),
        attachments=(),
    )
    after = services.program.untouched(edited)
    assert len(after) == len(before) - 1
    assert not any("watches for fire" in p for p in after)


def test_an_empty_company_clears_every_document_blocker_with_starters_only(
    make_services: Callable[[str], Services],
) -> None:
    """First run only, then starters filled and signed: readiness has no document blocker."""
    services = make_services("fresh")
    owner = first_run_only(services)
    pack = services.framework()

    def document_blockers() -> list[dict[str, object]]:
        out = io.StringIO()
        assert cli.run(cli.build_parser().parse_args(["readiness", "--json"]), services, out) == 0
        report = json.loads(out.getvalue())
        return [
            f
            for e in report["elements"]
            for f in e["findings"]
            if f["code"] in {"document_missing", "document_stale", "policy_not_owner"}
        ]

    documents = [d for e in pack.elements for d in e.directive_documents]
    assert len(document_blockers()) == len(documents) == 11
    for doc in documents:
        record = services.program.start(doc.id, every_blank(doc.id, services))
        assert services.program.unfilled(record) == ()
        services.records.sign(
            record.id, signer_id=owner.id, meaning=PERFORMED, image_png=signature_png()
        )
    assert document_blockers() == []


def test_company_templates_are_read_from_the_data_folder(services: Services) -> None:
    """<data>/starter/*.md adds the company's own; a broken file is reported, not fatal."""
    folder = services.program.company_folder()
    assert folder is not None
    folder.mkdir(parents=True)
    (folder / "yard.md").write_text(
        "---\nid: yard_rules\ntitle: Yard rules\nversion: 2\ndoc_type: company_rules\n"
        "covers: company_rules\nrequirement: Our own yard rules.\n---\n"
        "Park facing out at {{yard}}.\n",
        encoding="utf-8",
    )
    (folder / "broken.md").write_text("no front matter here", encoding="utf-8")
    ids = {t.id for t in services.program.templates()}
    assert "yard_rules" in ids and "policy" in ids
    assert [p.problem for p in services.program.problems] == [
        "must start with a front matter line '---'"
    ]


def test_cli_lists_starts_and_refuses_bad_input(
    company: SmallCompany, capsys: pytest.CaptureFixture[str]
) -> None:
    """program --json, program start --set, and exit 2 naming a bad --set."""
    data = str(company.services.locations.data_dir)
    assert (
        main(["--data-dir", data, "program", "start", "policy", "--set", "policy_posted_at=Shop"])
        == 0
    )
    assert "Made the draft 'Health and safety policy'" in capsys.readouterr().out
    assert main(["--data-dir", data, "program", "--json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["policy"]["state"] == "draft" and rows["company_rules"]["state"] == "not started"
    assert main(["--data-dir", data, "program", "start", "policy", "--set", "nope=1"]) == 2
    assert "nope: is not a blank of the Health and safety policy" in capsys.readouterr().err
    assert main(["--data-dir", data, "program", "start", "no_such_doc"]) == 2
    assert "There is no starter document 'no_such_doc'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", data, "program", "start", "policy", "--set", "justtext"])
    assert exited.value.code == 2
    assert "write NAME=VALUE" in capsys.readouterr().err


def test_manual_pdf_prints_contents_and_every_signed_document(
    company: SmallCompany, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Cover, contents, each signed document with approval and review dates; drafts left out."""
    services = company.services
    for template_id, values in (
        ("policy", {"policy_posted_at": "the <shop> door & lunch room"}),
        ("swp_ladders", {"power_line_distance": "7 metres"}),
    ):
        record = services.program.start(template_id, values)
        services.records.sign(
            record.id, signer_id=company.owner.id, meaning=PERFORMED, image_png=signature_png()
        )
    services.records.sign(
        record.id, signer_id=company.worker.id, meaning=ACKNOWLEDGED, image_png=signature_png(2)
    )
    services.program.start("company_rules")  # a draft: not printed
    out = tmp_path / "manual.pdf"
    code = main(["--data-dir", str(services.locations.data_dir), "program", "manual", str(out)])
    assert code == 0
    assert "2 signed document(s), 1 draft(s) left out" in capsys.readouterr().out
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Health and Safety Program" in text and "Contents" in text
    assert "Prairie Roofing Ltd." in text
    assert "Health and safety policy" in text and "Safe work practice: ladders" in text
    assert "Approved by: Dana Kowalski on 2026-11-02" in text
    assert "Next review due: 2027-11-02" in text
    assert "the <shop> door & lunch room" in text
    assert "Acknowledged by" in text and "Sam Okafor" in text
    assert "Company safety rules and discipline" in text  # named on the cover as left out
    assert text.count("Company safety rules and discipline") == 1
    assert len(reader.pages) >= 4


def test_manual_refuses_a_name_that_is_not_a_pdf(
    company: SmallCompany, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """program manual OUT.txt exits 2 with a sentence, and writes nothing."""
    out = tmp_path / "manual.txt"
    data = str(company.services.locations.data_dir)
    assert main(["--data-dir", data, "program", "manual", str(out)]) == 2
    assert "does not end in .pdf" in capsys.readouterr().err
    assert not out.exists()


def test_starting_without_an_owner_on_the_roster_is_refused(services: Services) -> None:
    """The owner approves every program document: with no owner, nothing is saved."""
    services.company.save(Company(name="No Owner Yet Ltd.", province=Province.AB))
    with pytest.raises(ValidationError) as caught:
        services.program.start("company_rules", {"suspension_days": "3"})
    assert "no current owner is on the roster" in str(caught.value)
    assert services.program.status()[0].state is ProgramState.NOT_STARTED


def test_the_manual_prints_the_signed_version_while_a_change_is_drafted(
    company: SmallCompany, tmp_path: Path
) -> None:
    """A signed document changed since keeps its signed words in the manual, with a note."""
    services = company.services
    record = services.program.start("swp_ladders", {"power_line_distance": "7 metres"})
    signed = services.records.sign(
        record.id, signer_id=company.owner.id, meaning=PERFORMED, image_png=signature_png()
    )
    body = signed.body
    assert isinstance(body, DocumentBody)
    services.records.update(
        record.id,
        title=signed.title,
        event_date=signed.event_date,
        site_id=None,
        body=replace(body, text=body.text.replace("7 metres", "10 metres")),
        attachments=(),
        reason="New power line on the Riverside site",
    )
    manual = services.program.manual(services.framework())
    (printed,) = manual.documents
    assert "7 metres" in printed.text and "10 metres" not in printed.text
    assert printed.newer_draft and printed.approved_by == "Dana Kowalski"
    assert manual.drafts_left_out == ()
    out = tmp_path / "manual.pdf"
    services.program.write_manual(out, services.framework())
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "A newer draft of this document is being prepared" in " ".join(text.split())
