"""Framework packs: the bundled data, and clear errors for broken user packs."""

from __future__ import annotations

import copy
import json
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from secor_desktop.domain import frameworks
from secor_desktop.domain.frameworks import (
    DEFAULT_PACK_ID,
    AuditType,
    PackError,
    Technique,
    bundled_packs_dir,
    discover_packs,
    load_bundled_pack,
    load_pack,
    load_pack_text,
    pack_for_kind,
)
from secor_desktop.domain.kinds import Province, RecordKind

SEED_ELEMENTS = [
    "Health and safety policy",
    "Hazard assessment and control",
    "Safe work practices and procedures",
    "Training and orientation",
    "Inspections",
    "Incident investigation and reporting",
    "Emergency response",
    "Records and statistics",
    "Program administration",
]

MINIMAL: dict[str, Any] = {
    "id": "tiny",
    "name": "Tiny pack",
    "version": "1",
    "certifying_partner": "Test partner",
    "provinces": ["AB"],
    "source": "test",
    "thresholds": {
        "certification": {"overall_pct": 80, "element_floor_pct": 50},
        "maintenance": {"overall_pct": 60, "element_floor_pct": 50},
    },
    "record_span": {"one_year_months": 3, "three_year_months": 12},
    "elements": [
        {
            "code": "A",
            "name": "Policy",
            "covers": "The policy.",
            "evidence_kinds": ["document"],
            "directive_documents": [{"id": "policy", "name": "Policy"}],
            "questions": [
                {
                    "id": "A.1",
                    "text": "Is there a policy?",
                    "points": 10,
                    "technique": "D",
                    "na_allowed": False,
                    "owner_operator_excluded": False,
                },
                {
                    "id": "A.2",
                    "text": "Do workers know it?",
                    "points": 5,
                    "technique": "I",
                    "na_allowed": True,
                    "owner_operator_excluded": True,
                },
            ],
        },
        {
            "code": "B",
            "name": "Hazards",
            "covers": "Hazard assessments.",
            "evidence_kinds": ["flha", "hazard_assessment"],
            "questions": [
                {
                    "id": "B.1",
                    "text": "Are controls in place?",
                    "points": 10,
                    "technique": "O",
                    "na_allowed": False,
                    "owner_operator_excluded": False,
                }
            ],
        },
    ],
}


def pack_text(**changes: Any) -> str:
    """The minimal pack as JSON, with top-level keys replaced (None removes a key)."""
    data = copy.deepcopy(MINIMAL)
    for key, value in changes.items():
        if value is None:
            del data[key]
        else:
            data[key] = value
    return json.dumps(data)


def edited(edit: Any) -> str:
    """The minimal pack as JSON after ``edit(data)`` changed it in place."""
    data = copy.deepcopy(MINIMAL)
    edit(data)
    return json.dumps(data)


def error_for(text: str) -> str:
    with pytest.raises(PackError) as info:
        load_pack_text(text, "user.json")
    return str(info.value)


def test_default_pack_has_the_seed_nine_elements() -> None:
    """The default pack lists the seed's nine elements in order."""
    pack = load_bundled_pack()
    assert pack.id == DEFAULT_PACK_ID == "secor-9-element"
    assert [e.name for e in pack.elements] == SEED_ELEMENTS


def test_default_pack_has_three_to_six_questions_per_element() -> None:
    """Each element is small enough to answer in one sitting."""
    for element in load_bundled_pack().elements:
        assert 3 <= len(element.questions) <= 6, element.name


def test_default_pack_mixes_all_three_techniques() -> None:
    """Documentation, interview and observation questions all appear."""
    techniques = {q.technique for e in load_bundled_pack().elements for q in e.questions}
    assert techniques == set(Technique)


def test_default_pack_thresholds_are_80_overall_and_50_per_element() -> None:
    """The seed's pass marks, for certification and maintenance."""
    pack = load_bundled_pack()
    for audit in AuditType:
        marks = pack.thresholds.for_audit(audit)
        assert (marks.overall_pct, marks.element_floor_pct) == (Decimal(80), Decimal(50))


def test_default_pack_record_span_is_three_and_twelve_months() -> None:
    """3 months of records for a one-year certificate, 12 for three years."""
    span = load_bundled_pack().record_span
    assert (span.one_year_months, span.three_year_months) == (3, 12)


def test_default_pack_maps_field_records_to_their_elements() -> None:
    """FLHAs count for hazards; incidents for investigations and records."""
    pack = load_bundled_pack()
    mapping = pack_for_kind(pack)
    name = {e.code: e.name for e in pack.elements}
    assert [name[c] for c in mapping[RecordKind.FLHA]] == ["Hazard assessment and control"]
    assert {name[c] for c in mapping[RecordKind.INCIDENT]} == {
        "Incident investigation and reporting",
        "Records and statistics",
    }


def test_cor_pack_has_fourteen_elements() -> None:
    """The national COR list has 14 elements, ending with the joint committee."""
    pack = load_bundled_pack("cor-14-element")
    assert len(pack.elements) == 14
    assert pack.elements[-1].name == "Joint committee or worker representative"


def test_generic_pack_is_labelled_as_the_seed_articles_list() -> None:
    """The default pack keeps its id but no longer passes for a partner's SECOR tool."""
    pack = load_bundled_pack(DEFAULT_PACK_ID)
    assert pack.name == "Generic 9-element list (from the seed article)"
    assert "seed article" in pack.source and "match no certifying partner" in pack.source


def test_bundled_packs_carry_a_source_note() -> None:
    """Every shipped pack says where its content comes from."""
    for pack in discover_packs([bundled_packs_dir()]):
        assert pack.source


def test_unknown_bundled_pack_lists_the_available_ones() -> None:
    """Asking for a pack that is not shipped names what is."""
    with pytest.raises(PackError, match="secor-9-element"):
        load_bundled_pack("no-such-pack")


def test_bundled_pack_whose_id_differs_from_its_file_name_is_rejected(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file named after one id but holding another would load the wrong pack."""
    (tmp_path / "other.json").write_text(pack_text(), encoding="utf-8")
    monkeypatch.setattr(frameworks, "bundled_packs_dir", lambda: tmp_path)
    with pytest.raises(PackError, match="id: is 'tiny', expected 'other'"):
        load_bundled_pack("other")


def test_minimal_pack_loads_with_every_field() -> None:
    """A well-formed pack becomes typed values."""
    pack = load_pack_text(pack_text(), "tiny.json")
    question = pack.element("A").questions[1]
    assert question.technique is Technique.INTERVIEW
    assert question.na_allowed and question.owner_operator_excluded
    assert pack.element("A").available_points == 15
    assert pack.element("B").directive_documents == ()
    assert pack.provinces == (Province.AB,)
    assert pack.origin == "tiny.json"


def test_maintenance_thresholds_can_differ() -> None:
    """Some partners ask only 60% overall for maintenance audits."""
    pack = load_pack_text(pack_text(), "tiny.json")
    assert pack.thresholds.for_audit(AuditType.MAINTENANCE).overall_pct == 60
    assert pack.thresholds.for_audit(AuditType.RECERTIFICATION).overall_pct == 80


def test_fractional_threshold_is_kept_exactly() -> None:
    """62.5 is read as a decimal, never a float."""
    text = edited(lambda d: d["thresholds"]["maintenance"].update(overall_pct=62.5))
    marks = load_pack_text(text, "t.json").thresholds.maintenance
    assert marks.overall_pct == Decimal("62.5")


def test_unknown_element_code_lookup_raises_key_error() -> None:
    """Asking for an element the pack lacks is a programming error."""
    with pytest.raises(KeyError, match="Z"):
        load_pack_text(pack_text(), "t.json").element("Z")


def test_pack_for_kind_gives_empty_tuple_for_unmapped_kinds() -> None:
    """Kinds no element uses are present with no elements."""
    mapping = pack_for_kind(load_pack_text(pack_text(), "t.json"))
    assert mapping[RecordKind.DRILL] == ()
    assert mapping[RecordKind.FLHA] == ("B",)


def test_zero_points_names_file_entry_and_problem() -> None:
    """The message points straight at the bad value."""
    text = edited(lambda d: d["elements"][1]["questions"][0].update(points=0))
    assert error_for(text) == (
        "user.json: elements[1].questions[0].points: must be a positive whole number"
    )


@pytest.mark.parametrize("points", [True, 2.5, "10", -3])
def test_points_must_be_a_positive_whole_number(points: object) -> None:
    """Booleans, fractions, text and negatives are all refused."""
    text = edited(lambda d: d["elements"][0]["questions"][0].update(points=points))
    assert "must be a positive whole number" in error_for(text)


def test_missing_required_key_is_named() -> None:
    """A forgotten key is reported with its element."""
    text = edited(lambda d: d["elements"][0].pop("covers"))
    assert error_for(text) == "user.json: elements[0]: missing required key 'covers'"


def test_unknown_key_is_reported_as_a_likely_typo() -> None:
    """A misspelt key is not silently ignored."""
    text = edited(lambda d: d["elements"][0]["questions"][0].update(na_alowed=True))
    assert "elements[0].questions[0].na_alowed: unknown key" in error_for(text)


def test_underscore_keys_are_comments() -> None:
    """Keys starting with an underscore are free notes for pack authors."""
    load_pack_text(pack_text(_comment="our own wording"), "t.json")


def test_unknown_record_kind_is_rejected() -> None:
    """A typo in an evidence kind would leave records uncounted."""
    text = edited(lambda d: d["elements"][1]["evidence_kinds"].append("inspectoin"))
    assert "elements[1].evidence_kinds[2]: unknown value 'inspectoin'" in error_for(text)


def test_unknown_technique_is_rejected() -> None:
    """Only D, I and O are techniques."""
    text = edited(lambda d: d["elements"][0]["questions"][0].update(technique="X"))
    assert "elements[0].questions[0].technique: unknown value 'X'" in error_for(text)


def test_non_boolean_flag_is_rejected() -> None:
    """'yes' is not true."""
    text = edited(lambda d: d["elements"][0]["questions"][0].update(na_allowed="yes"))
    assert "na_allowed: must be true or false" in error_for(text)


def test_blank_text_is_rejected() -> None:
    """A question with no wording cannot be answered."""
    text = edited(lambda d: d["elements"][0]["questions"][0].update(text="  "))
    assert "questions[0].text: must be a non-empty text string" in error_for(text)


def test_duplicate_element_code_is_rejected() -> None:
    """Two elements with one code would merge their scores."""
    text = edited(lambda d: d["elements"][1].update(code="A"))
    assert "elements[1]: element code A is listed twice" in error_for(text)


def test_duplicate_question_id_across_elements_is_rejected() -> None:
    """Answers are keyed by question id, so ids must be unique in the pack."""
    text = edited(lambda d: d["elements"][1]["questions"][0].update(id="A.2"))
    assert error_for(text) == (
        "user.json: elements[1].questions[0].id: question id 'A.2' is already used in element A"
    )


def test_duplicate_evidence_kind_is_rejected() -> None:
    """Listing a kind twice is a slip."""
    text = edited(lambda d: d["elements"][1]["evidence_kinds"].append("flha"))
    assert "evidence_kinds[2]: entry flha is listed twice" in error_for(text)


def test_duplicate_directive_document_is_rejected() -> None:
    """Each directive document id appears once per element."""
    text = edited(
        lambda d: d["elements"][0]["directive_documents"].append({"id": "policy", "name": "x"})
    )
    assert "directive_documents[1]: entry policy is listed twice" in error_for(text)


@pytest.mark.parametrize("value", [101, -1, "80", None])
def test_thresholds_must_be_numbers_from_0_to_100(value: object) -> None:
    """A pass mark outside 0..100 or not a number is refused."""
    text = edited(lambda d: d["thresholds"]["certification"].update(overall_pct=value))
    assert "thresholds.certification.overall_pct: must be a number" in error_for(text)


def test_one_year_span_longer_than_three_year_span_is_rejected() -> None:
    """Fewer months cannot earn the longer certificate."""
    text = pack_text(record_span={"one_year_months": 13, "three_year_months": 12})
    assert "record_span.one_year_months: must not be more than three_year_months" in error_for(text)


def test_pack_needs_at_least_one_element() -> None:
    """An empty pack cannot score anything."""
    assert "elements: must list at least 1 entries" in error_for(pack_text(elements=[]))


def test_element_needs_at_least_one_question() -> None:
    """An element without questions cannot be scored."""
    text = edited(lambda d: d["elements"][1].update(questions=[]))
    assert "elements[1].questions: must list at least 1 entries" in error_for(text)


def test_unknown_province_is_rejected() -> None:
    """Only the provinces the program knows are allowed."""
    assert "provinces[0]: unknown value 'QC'" in error_for(pack_text(provinces=["QC"]))


def test_elements_must_be_a_list() -> None:
    """An object where a list belongs is named."""
    assert "elements: must be a list" in error_for(pack_text(elements={}))


def test_top_level_must_be_an_object() -> None:
    """A JSON list is not a pack."""
    assert error_for("[]") == "user.json: must be an object ({...})"


def test_invalid_json_names_line_and_column() -> None:
    """A syntax error points at where the parser stopped."""
    assert error_for('{\n  "id": }').startswith("user.json: line 2 column 9: not valid JSON")


def test_repeated_key_is_rejected() -> None:
    """JSON would silently keep the last of two equal keys."""
    assert "key 'id' appears twice" in error_for('{"id": "a", "id": "b"}')


def test_pack_error_is_a_value_error_with_parts() -> None:
    """Callers can catch ValueError and still show the parts."""
    with pytest.raises(ValueError) as info:
        load_pack_text(pack_text(name=""), "user.json")
    assert isinstance(info.value, PackError)
    assert (info.value.source, info.value.entry) == ("user.json", "name")


def test_load_pack_from_a_path(tmp_path: Path) -> None:
    """A file on disk loads and remembers where it came from."""
    path = tmp_path / "tiny.json"
    path.write_text(pack_text(), encoding="utf-8")
    assert load_pack(path).origin == str(path)
    assert load_pack(str(path)).id == "tiny"


def test_missing_file_is_a_pack_error(tmp_path: Path) -> None:
    """A path that does not exist is reported with the file name."""
    with pytest.raises(PackError, match=r"gone\.json: could not be read"):
        load_pack(tmp_path / "gone.json")


def test_file_that_is_not_utf8_is_a_pack_error(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 are reported, not crashed on."""
    path = tmp_path / "latin.json"
    path.write_bytes(b'{"name": "S\xe9curit\xe9"}')
    with pytest.raises(PackError, match="could not be read"):
        load_pack(path)


def write_pack(folder: Path, file_name: str, **changes: Any) -> None:
    folder.mkdir(exist_ok=True)
    (folder / file_name).write_text(pack_text(**changes), encoding="utf-8")


def test_discover_finds_both_bundled_packs_and_skips_missing_folders(tmp_path: Path) -> None:
    """A user folder that does not exist yet is not an error."""
    packs = discover_packs([bundled_packs_dir(), tmp_path / "not-created"])
    assert sorted(p.id for p in packs) == [
        "alberta-2019-10-element",
        "alberta-8-element",
        "cor-14-element",
        "secor-9-element",
    ]
    assert all(p.replaces is None for p in packs)


def test_user_pack_overrides_bundled_id_and_says_so(tmp_path: Path) -> None:
    """A later folder wins for the same id, and the winner records what it replaced."""
    write_pack(tmp_path, "mine.json", id="secor-9-element", version="2099.1")
    packs = {p.id: p for p in discover_packs([bundled_packs_dir(), tmp_path])}
    mine = packs["secor-9-element"]
    assert mine.version == "2099.1"
    assert mine.replaces is not None
    assert "replaces secor-9-element version 2025.1" in mine.replaces
    assert "same version" not in mine.replaces


def test_user_pack_with_same_id_and_version_is_flagged(tmp_path: Path) -> None:
    """Replacing a bundled id and version is loud: the note asks which one is meant."""
    write_pack(tmp_path, "mine.json", id="secor-9-element", version="2025.1")
    packs = {p.id: p for p in discover_packs([bundled_packs_dir(), tmp_path])}
    replaces = packs["secor-9-element"].replaces
    assert replaces is not None and "same version number" in replaces


def test_two_packs_with_one_id_in_one_folder_are_an_error(tmp_path: Path) -> None:
    """Choosing between them would be arbitrary."""
    write_pack(tmp_path, "a.json")
    write_pack(tmp_path, "b.json")
    with pytest.raises(PackError, match="'tiny' is also used by"):
        discover_packs([tmp_path])


def test_broken_user_pack_can_be_collected_instead_of_raised(tmp_path: Path) -> None:
    """One bad file does not hide the others when an errors list is given."""
    write_pack(tmp_path, "good.json")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a pack", encoding="utf-8")
    errors: list[PackError] = []
    packs = discover_packs([tmp_path], errors=errors)
    assert [p.id for p in packs] == ["tiny"]
    assert len(errors) == 1 and "bad.json" in str(errors[0])


def test_packs_load_from_inside_a_zip_archive(tmp_path: Path) -> None:
    """An installed app may ship its resources zipped; any Traversable works."""
    archive = tmp_path / "packs.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("packs/tiny.json", pack_text())
    folder = zipfile.Path(archive, "packs/")
    assert load_pack(folder / "tiny.json").id == "tiny"
    assert [p.id for p in discover_packs([folder])] == ["tiny"]
