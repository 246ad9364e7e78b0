"""Export then import is the identity, for any text a user might type."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secor_desktop.app.bootstrap import open_services
from secor_desktop.app.paths import AppPaths
from secor_desktop.domain.bodies import ToolboxTalkBody
from secor_desktop.domain.kinds import EmploymentType, Province, RecordKind
from secor_desktop.domain.model import Company, Worker
from secor_desktop.services.bundle import export_bundle, import_bundle
from secor_desktop.services.clock import FixedClock

# Printable text of any script, as a user could type it (no control characters).
typed = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn")), min_size=1, max_size=60
).filter(lambda s: s.strip() != "")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=typed, notes=st.text(max_size=300), name=typed)
def test_export_then_import_gives_the_same_hashes(title: str, notes: str, name: str) -> None:
    """Whatever the text, the imported copy has the same records, hashes and chain head."""
    clock = FixedClock(datetime(2026, 11, 2, 17, tzinfo=UTC))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = open_services(AppPaths(root / "a"), clock)
        source.company.save(Company(name="Test Co", province=Province.AB))
        lead = source.roster.add_worker(
            Worker("", name, "Lead", EmploymentType.FULL_TIME, date(2024, 1, 1))
        )
        source.records.create(
            RecordKind.TOOLBOX_TALK,
            title=title,
            event_date=date(2026, 11, 2),
            site_id=None,
            body=ToolboxTalkBody("Topic", lead.id, (lead.id,), notes=notes),
        )
        export_bundle(source.ctx, root / "bundle")
        target = open_services(AppPaths(root / "b"), clock)
        import_bundle(target.ctx, root / "bundle")
        assert [r.content_sha256 for r in target.records.find()] == [
            r.content_sha256 for r in source.records.find()
        ]
        assert target.info().chain_head == source.info().chain_head
        assert target.verify().ok
