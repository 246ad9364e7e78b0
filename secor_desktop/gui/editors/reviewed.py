"""The line an inspection's or incident's editor shows when an H&S meeting reviewed it.

"Reviewed at H&S meeting of 2026-10-14": the other side of the link the meeting's minutes
hold (``domain/links``). Only kinds some other kind may link to ask for it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import specs
from secor_desktop.gui.forms.labels import plain_label
from secor_desktop.services.facade import Services


def reviewed_label() -> QLabel:
    label = plain_label("")
    label.setObjectName("reviewedAt")
    label.setAccessibleName("Reviewed at meetings")
    label.setWordWrap(True)
    label.hide()
    return label


def reviewed_text(services: Services, record: Record) -> str:
    """ "Reviewed at H&S meeting of <date>" for each meeting that names the record; or ""."""
    if not any(record.kind in link.kinds for spec in specs() for link in spec.links):
        return ""
    meetings = services.links.reviewed_at(record.id)
    if not meetings:
        return ""
    dates = ", ".join(m.event_date.isoformat() for m in meetings)
    plural = "s" if len(meetings) > 1 else ""
    return f"Reviewed at H&S meeting{plural} of {dates}."


def show_reviewed(label: QLabel, services: Services, record: Record) -> None:
    text = reviewed_text(services, record)
    label.setText(text)
    label.setVisible(bool(text))
