"""Hypothesis strategies for domain objects, inferred from their type hints."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import strategies as st

from secor_desktop.domain.canonical import with_content_hash
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Attachment, Record, Signature
from secor_desktop.domain.registry import spec_for

text = st.text(max_size=30)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31))
aware = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)
hexes = st.text("0123456789abcdef", min_size=64, max_size=64)

st.register_type_strategy(str, text)
st.register_type_strategy(date, dates)
st.register_type_strategy(datetime, aware)

attachments = st.builds(
    Attachment,
    sha256=hexes,
    filename=text,
    media_type=text,
    size=st.integers(0, 10**9),
    caption=text,
)
signatures = st.builds(
    Signature,
    id=text,
    signer_id=text,
    signer_name=text,
    signed_at=aware,
    image_sha256=hexes,
    content_sha256=hexes,
)


@st.composite
def records(draw: st.DrawFn) -> Record:
    kind = draw(st.sampled_from(list(RecordKind)))
    body = draw(st.from_type(spec_for(kind).body))
    record = Record(
        id=draw(text),
        kind=kind,
        title=draw(text),
        event_date=draw(dates),
        site_id=draw(st.none() | text),
        body=body,
        attachments=tuple(draw(st.lists(attachments, max_size=2))),
        signatures=tuple(draw(st.lists(signatures, max_size=2))),
        void_reason=draw(st.none() | text),
        voided_at=draw(st.none() | aware),
    )
    return with_content_hash(record)
