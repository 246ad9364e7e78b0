"""Every shipped framework pack has a home for every record and every starter document.

The kinds come from the registry and the documents from the starter kit at test time, so a
kind registered later (or a starter document added later) fails here until each pack maps it.
"""

from __future__ import annotations

import pytest

from secor_desktop.domain.frameworks import (
    FrameworkPack,
    bundled_packs_dir,
    discover_packs,
    pack_for_kind,
)
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.starter import bundled_dir, load_templates

PACKS = {p.id: p for p in discover_packs([bundled_packs_dir()])}

# The two packs written before the starter kit ask for fewer documents. Adding these to them
# would turn elements of existing data folders from ready to not ready on upgrade, so they are
# pinned here: a pack losing a document, or one of these being added, shows up as a change.
NOT_ASKED = {
    "secor-9-element": {
        "committee_terms",
        "company_rules",
        "legislation_access",
        "maintenance_schedule",
        "ppe_requirements",
    },
    "cor-14-element": {"responsibilities"},
}


def starter_document_ids() -> set[str]:
    """The directive document ids the bundled starter documents answer."""
    return {c for t in load_templates([bundled_dir()]) for c in t.covers}


def directive_ids(pack: FrameworkPack) -> set[str]:
    return {d.id for e in pack.elements for d in e.directive_documents}


def test_the_four_packs_are_shipped() -> None:
    """The generic 9, the national 14 and Alberta's 8 and 10 element lists are bundled."""
    assert set(PACKS) == {
        "secor-9-element",
        "cor-14-element",
        "alberta-8-element",
        "alberta-2019-10-element",
    }


@pytest.mark.parametrize("pack_id", sorted(PACKS))
def test_every_registered_record_kind_counts_for_an_element(pack_id: str) -> None:
    """No kind in the registry is left without an element in a shipped pack."""
    mapping = pack_for_kind(PACKS[pack_id])
    unmapped = [kind.value for kind in RecordKind if not mapping[kind]]
    assert unmapped == [], f"{pack_id} has no element for {unmapped}"


@pytest.mark.parametrize("pack_id", sorted(PACKS))
def test_every_starter_document_is_asked_for_by_an_element(pack_id: str) -> None:
    """Each document the starter kit offers is a directive document of some element."""
    missing = starter_document_ids() - directive_ids(PACKS[pack_id])
    assert missing == NOT_ASKED.get(pack_id, set())


@pytest.mark.parametrize("pack_id", ["alberta-8-element", "alberta-2019-10-element"])
def test_alberta_packs_ask_for_every_document_the_older_packs_ask_for(pack_id: str) -> None:
    """Whatever the generic and national packs ask for, the Alberta lists ask for too."""
    older = directive_ids(PACKS["secor-9-element"]) | directive_ids(PACKS["cor-14-element"])
    assert older - directive_ids(PACKS[pack_id]) == set()
