"""Repeat a record: the same work again today, as a new unsigned draft.

A daily field-level hazard assessment is mostly yesterday's: the same task, hazards, controls,
crew and site. Repeating copies the content and leaves out what belongs to the old event only:
its date (today instead), signatures (each person signs the new one), photos and files (they
showed that day), void marks, and its id. A few fields that describe the old event itself are
cleared or moved with the date (see ``_fresh_body``). The copy is not stored here: the editor
shows it for checking, and the service saves it like any new record.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date

from secor_desktop.domain.bodies import Body, IncidentBody, TrainingBody
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import spec_for


def repeat_of(record: Record, today: date, active_ids: Collection[str]) -> Record:
    """A new draft with ``record``'s content dated ``today``, not yet stored (empty id).

    Lists of people (crew, attendees, participants) keep only those in ``active_ids`` (the
    workers still on the roster today): someone who has left cannot sign the new record.
    A title that carries the old date in ISO form carries today's instead.
    """
    body = _fresh_body(record.body, record.event_date, today)
    for name in spec_for(record.kind).worker_fields:
        value = getattr(body, name)
        if isinstance(value, tuple):
            body = replace(body, **{name: tuple(i for i in value if i in active_ids)})  # type: ignore[arg-type]
    return Record(
        id="",
        kind=record.kind,
        title=record.title.replace(record.event_date.isoformat(), today.isoformat()),
        event_date=today,
        site_id=record.site_id,
        body=body,
    )


def _fresh_body(body: Body, old: date, today: date) -> Body:
    """What describes only the old event: a training certificate's number (a new course gives
    a new one) and its expiry (moved by as many days as the date moved, so the validity
    period stays); an incident's investigation date."""
    if isinstance(body, TrainingBody):
        expiry = body.expiry + (today - old) if body.expiry is not None else None
        return replace(body, certificate_number="", expiry=expiry)
    if isinstance(body, IncidentBody):
        return replace(body, investigation_date=None)
    return body
