"""Starter document templates: parsing, blanks, filling and untouched-paragraph detection."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from secor_desktop.domain.bodies import DocumentType
from secor_desktop.domain.starter import (
    StarterTemplate,
    TemplateError,
    blanks,
    bundled_dir,
    fill,
    load_templates,
    paragraphs,
    parse_template,
    profile_values,
    untouched,
)

GOOD = """---
id: ladders
title: Ladders
version: 1.0
doc_type: safe_work_practice
covers: safe_work_practices, ppe_requirements

requirement: Answers the ladder question.
---
# Ladders at {{company_name}}

Keep three points of contact on the ladder at {{site}} at all times please.

Short line {{x}}.
"""


def template(text: str = GOOD) -> StarterTemplate:
    return parse_template(text, "ladders.md")


def test_front_matter_and_text_are_read() -> None:
    """Every front matter field lands in the template; the text follows the closing line."""
    t = template()
    assert (t.id, t.title, t.version, t.doc_type) == (
        "ladders",
        "Ladders",
        "1.0",
        DocumentType.SAFE_WORK_PRACTICE,
    )
    assert t.covers == ("safe_work_practices", "ppe_requirements")
    assert t.requirement == "Answers the ladder question."
    assert t.text.startswith("# Ladders at {{company_name}}")
    assert t.blanks == ("company_name", "site", "x")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("id: x\n", "must start with a front matter line '---'"),
        ("---\nid: x\n", "the front matter has no closing '---'"),
        ("---\nauthor: me\n---\ntext", "unknown front matter line 'author: me'"),
        ("---\njust words\n---\ntext", "unknown front matter line 'just words'"),
        ("---\nid: x\ntitle:\n---\ntext", "the front matter lacks title, version"),
        (GOOD.replace("id: ladders", "id: Ladders!"), "id 'Ladders!' must be lower case"),
        (GOOD.replace("safe_work_practice\n", "memo\n"), "doc_type must be one of policy"),
        (GOOD.split("---\n# Ladders")[0] + "---\n  \n", "has no text after the front matter"),
    ],
)
def test_a_broken_template_is_refused_naming_the_problem(text: str, problem: str) -> None:
    """Each way a template file can be wrong gives a sentence naming it and the file."""
    with pytest.raises(TemplateError) as caught:
        parse_template(text, "bad.md")
    assert caught.value.problem.startswith(problem.split(" must")[0])
    assert str(caught.value).startswith("bad.md: ")


def test_an_empty_covers_line_covers_nothing() -> None:
    """'covers:' with nothing after it is allowed: the document answers no pack document."""
    assert template(GOOD.replace("safe_work_practices, ppe_requirements", "")).covers == ()


def test_blanks_are_listed_once_in_order() -> None:
    """A blank used twice is named once; spaces inside the braces are allowed."""
    assert blanks("{{b}} and {{ a }} and {{b}}") == ("b", "a")


def test_fill_puts_known_values_and_keeps_the_rest() -> None:
    """Known, non-empty values replace their blanks; unknown or empty ones stay."""
    text = "{{company_name}} meets at {{muster_point}}, call {{phone}}."
    filled = fill(text, {"company_name": "Acme", "phone": "  "})
    assert filled == "Acme meets at {{muster_point}}, call {{phone}}."


def test_paragraphs_split_at_blank_lines_and_tidy_spaces() -> None:
    """Line breaks and runs of spaces inside a paragraph become single spaces."""
    assert paragraphs("a  b\nc\n\n\n  \n d ") == ("a b c", "d")


def test_untouched_finds_template_paragraphs_with_blanks_filled() -> None:
    """A paragraph differing only in its filled blanks is still the starter wording."""
    text = (
        "# Ladders at Acme\n\n"
        "Keep three points of contact on the ladder at Main   yard at all times please.\n\n"
        "Short line y."
    )
    assert untouched(text, template()) == (
        "Keep three points of contact on the ladder at Main yard at all times please.",
    )


def test_a_tailored_paragraph_is_not_untouched() -> None:
    """Changing any word outside the blanks, at the start, middle or end, clears the mark."""
    t = template()
    for changed in (
        "Always keep three points of contact on the ladder at yard at all times please.",
        "Keep three points of contact on the ladder at yard at all times, please!",
        "Keep 3 points of contact on the ladder at yard at all times please.",
        "Keep three points.",
    ):
        assert untouched(changed, t) == ()


def test_a_paragraph_without_blanks_must_match_exactly() -> None:
    """Template paragraphs with no blank are compared word for word."""
    t = template(GOOD.replace("at {{site}} ", ""))
    same = "Keep three points of contact on the ladder at all times please."
    assert untouched(same, t) == (same,)
    assert untouched(same.replace("please", "now"), t) == ()


def test_several_blanks_in_one_paragraph_are_matched_in_order() -> None:
    """Literal pieces between blanks must appear in the same order."""
    t = template(GOOD.replace("{{site}} at all", "{{site}} during {{shift}} at all"))
    ok = "Keep three points of contact on the ladder at yard during nights at all times please."
    assert untouched(ok, t) == (ok,)
    swapped = (
        "Keep three points of contact on the ladder at yard at all during nights times please."
    )
    assert untouched(swapped, t) == ()
    reworded = ok.replace(" during ", " for ")
    assert untouched(reworded, t) == ()


def test_profile_values_leave_out_what_is_unknown() -> None:
    """Empty profile fields give no value, so their blanks stay for the owner to fill."""
    values = profile_values(
        company_name="Acme",
        province="Alberta",
        wcb_account="",
        certifying_partner="",
        owner_name="Dana",
        site_names=["Yard", "", "Shop"],
        today=date(2026, 11, 2),
    )
    assert values == {
        "company_name": "Acme",
        "province": "Alberta",
        "owner_name": "Dana",
        "site_names": "Yard, Shop",
        "effective_date": "2026-11-02",
    }


def test_every_bundled_template_parses() -> None:
    """The shipped starter documents all load, with unique ids and a requirement note."""
    templates = load_templates([bundled_dir()])
    assert len(templates) >= 30
    assert len({t.id for t in templates}) == len(templates)
    assert all(t.requirement for t in templates)


def test_a_later_folder_replaces_a_template_and_collects_errors(tmp_path: Path) -> None:
    """The company's own file with a bundled id wins; broken and unreadable files are listed."""
    (tmp_path / "policy.md").write_text(GOOD.replace("id: ladders", "id: policy"), "utf-8")
    (tmp_path / "broken.md").write_text("nothing", "utf-8")
    (tmp_path / "binary.md").write_bytes(b"\xff\xfe\x00")
    (tmp_path / "notes.txt").write_text("ignored", "utf-8")
    (tmp_path / "folder.md").mkdir()
    errors: list[TemplateError] = []
    found = {t.id: t for t in load_templates([bundled_dir(), tmp_path, tmp_path / "no"], errors)}
    assert found["policy"].title == "Ladders"
    assert sorted(Path(e.origin).name for e in errors) == ["binary.md", "broken.md"]


def test_a_broken_file_raises_when_errors_are_not_collected(tmp_path: Path) -> None:
    """Without an errors list, the first broken file stops the load."""
    (tmp_path / "broken.md").write_text("nothing", "utf-8")
    with pytest.raises(TemplateError):
        load_templates([tmp_path])


def test_a_document_without_a_starter_hashes_as_before() -> None:
    """The new template and review fields are left out at their defaults: old hashes hold."""
    from secor_desktop.domain.bodies import DocumentBody
    from secor_desktop.domain.codec import to_jsonable

    plain = DocumentBody(DocumentType.POLICY, "1", "We keep people safe.", "w1", ("policy",))
    assert to_jsonable(plain) == {
        "doc_type": "policy",
        "version": "1",
        "text": "We keep people safe.",
        "owner_id": "w1",
        "covers": ["policy"],
    }
    started = DocumentBody(
        DocumentType.POLICY, "1", "x", "w1", (), "policy", "1.0", date(2027, 11, 2)
    )
    assert to_jsonable(started)["template_id"] == "policy"
    assert to_jsonable(started)["review_due"] == "2027-11-02"
