"""The company profile's default frequencies are frozen, so adding a kind keeps old profiles
matching their signed revisions; a kind missing from a profile takes its declared default."""

from __future__ import annotations

from secor_desktop.domain.canonical import entity_data, entity_from_data
from secor_desktop.domain.kinds import Frequency, Province, RecordKind, intern_kind
from secor_desktop.domain.model import FROZEN_DEFAULT_FREQUENCIES, Company


def test_a_profile_with_the_defaults_stores_no_frequencies_and_reads_back_equal() -> None:
    """Saved with the twelve original defaults, the document omits them and decodes equal."""
    company = Company(name="Prairie Roofing", province=Province.AB)
    data = entity_data(company)
    assert "frequencies" not in data
    assert entity_from_data("company", data) == company
    assert [k.value for k in company.frequencies] == list(FROZEN_DEFAULT_FREQUENCIES)


def test_a_kind_declared_later_is_not_in_the_frozen_default() -> None:
    """The register kind came later: the default leaves it out, so old documents still match."""
    assert "workplace_party" not in FROZEN_DEFAULT_FREQUENCIES
    assert "workplace_party" in RecordKind


def test_a_kind_missing_from_the_profile_takes_its_declared_default() -> None:
    """Looked up, a later kind is as its declaration says; an undeclared one is as needed."""
    company = Company(
        name="Prairie Roofing",
        province=Province.AB,
        frequencies={RecordKind.FLHA: Frequency.WEEKLY},
    )
    assert company.frequency_of(RecordKind.FLHA) is Frequency.WEEKLY
    assert company.frequency_of(RecordKind.INSPECTION) is Frequency.WEEKLY
    assert company.frequency_of(RecordKind.DRILL) is Frequency.QUARTERLY
    assert company.frequency_of(intern_kind("no_longer_declared")) is Frequency.AS_NEEDED


def test_every_frequency_fills_in_the_kinds_a_profile_lacks() -> None:
    """A form listing every kind shows the later kinds at their declared default."""
    company = Company(name="Prairie Roofing", province=Province.AB)
    full = company.with_every_frequency()
    assert list(full.frequencies) == list(RecordKind)
    assert full.frequencies[RecordKind("workplace_party")] is Frequency.AS_NEEDED
    assert full.frequencies[RecordKind.FLHA] is company.frequencies[RecordKind.FLHA]
