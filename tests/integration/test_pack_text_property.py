"""Whatever shape a record's text has, the pack builds and prints every word of it.

Shapes: runs of newlines, words far wider than a column, mixed scripts, markup characters and
empty fields, in a toolbox talk's fields and an inspection's checklist. Each example builds a
real pack from a fresh SQLite data folder and reads its text back with pypdf.
"""

from __future__ import annotations

import re
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import (
    ChecklistItem,
    ChecklistResult,
    InspectionBody,
    InspectionType,
    ToolboxTalkBody,
)
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind
from secor_desktop.domain.model import Company, Worker
from secor_desktop.services.clock import FixedClock
from secor_desktop.services.evidence_pack import EvidencePackService

DAY = date(2026, 11, 2)
COMPANY = "Shapes Ltd"

# Letters of scripts the pack's fonts print, plus the characters markup is made of.
LETTERS = (
    "abcxyzABCXYZ0189éàçøßŁő"  # Latin
    "αβγΩλ"  # Greek
    "жщЯЁ"  # Cyrillic
    "ਸਤਿਗੁਰ"  # Gurmukhi (Punjabi)
    "安全王明"  # Chinese
    "<>&;'\"/="  # markup
)
short_word = st.text(st.sampled_from(LETTERS), min_size=1, max_size=12)
# A word far wider than any column: a short word repeated (cheap for hypothesis to make).
long_word = st.tuples(short_word, st.integers(150, 4000)).map(lambda t: (t[0] * t[1])[: t[1]])
word = st.one_of(*[short_word] * 7, long_word)
gap = st.sampled_from([" ", "\n", "\n", "\n", "\n\n", "\n" * 7, " \n "])


@st.composite
def shaped_text(draw: st.DrawFn, max_words: int, min_words: int = 0, words_of: Any = None) -> str:
    strategy = word if words_of is None else words_of
    words = draw(st.lists(strategy, min_size=min_words, max_size=max_words))
    gaps = draw(st.lists(gap, min_size=len(words), max_size=len(words)))
    return "".join(w + g for w, g in zip(words, gaps, strict=True))


def words_of(*texts: str) -> list[str]:
    return [w for t in texts for w in t.split()]


def squashed_pages(path: Path) -> str:
    parts = []
    for page in PdfReader(path).pages:
        text = re.sub(r"Page \d+ of \d+", "", page.extract_text() or "")
        parts.append(text.replace(COMPANY, "", 1).replace("SECOR evidence pack", "", 1))
    return "".join("".join(parts).split())


def build_pack(root: Path, title: str, notes: str, concerns: str, items: list[str]) -> Path:
    """A fresh company with one toolbox talk and one inspection holding the texts; its pack."""
    clock = FixedClock(datetime(2026, 11, 2, 17, tzinfo=UTC))
    services = open_services(AppPaths(root / "data"), clock)
    services.company.save(Company(name=COMPANY, province=Province.AB))
    lead = services.roster.add_worker(
        Worker("", "Ada Lead", "Lead", EmploymentType.FULL_TIME, date(2024, 1, 1))
    )
    site = services.roster.add_site("Yard", "")
    services.records.create(
        RecordKind.TOOLBOX_TALK,
        title=title,
        event_date=DAY,
        site_id=site.id,
        body=ToolboxTalkBody(
            topic="Topic", presenter_id=lead.id, attendee_ids=(), notes=notes, concerns=concerns
        ),
    )
    checklist = tuple(ChecklistItem(text, ChecklistResult.DEFICIENT, text[:2000]) for text in items)
    if checklist:
        services.records.create(
            RecordKind.INSPECTION,
            title="Checklist",
            event_date=DAY,
            site_id=site.id,
            body=InspectionBody(InspectionType.SITE, "Yard", lead.id, checklist),
        )
    out = root / "pack.pdf"
    # The record is a draft: printed in full in the drafts appendix.
    EvidencePackService(services.ctx).export(
        out, services.framework(), include_drafts_and_voids=True
    )
    return out


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    title=shaped_text(6).map(lambda t: t[:200]).filter(lambda t: t.strip() != ""),
    notes=shaped_text(150, min_words=60, words_of=short_word),
    concerns=st.one_of(st.just(""), shaped_text(40)),
    items=st.lists(
        shaped_text(6, min_words=1, words_of=short_word).filter(lambda t: t.strip() != ""),
        max_size=40,
    ),
)
def test_any_text_shape_builds_and_prints_its_words(
    title: str, notes: str, concerns: str, items: list[str]
) -> None:
    """Every example builds a pack whose extracted text holds each word of the input."""
    with tempfile.TemporaryDirectory(prefix="secor-shapes-") as tmp:
        text = squashed_pages(build_pack(Path(tmp), title, notes, concerns, items))
    for w in words_of(title, notes, concerns, *items):
        assert w in text, w[:60]
