"""The Qt binding in use must not leak references when Python code emits signals."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Pinger(QObject):
    ping = Signal()
    value = Signal(int)


def test_emitting_signals_keeps_the_reference_count_of_true() -> None:
    """3,000 emits do not take 3,000 references from True (PySide6 6.12.0 did, then crashed)."""
    pinger = _Pinger()
    before = sys.getrefcount(True)
    for _ in range(1_500):
        pinger.ping.emit()
        pinger.value.emit(1)
    # A leak takes one reference per emit; unrelated bookkeeping moves it by a few at most.
    assert abs(sys.getrefcount(True) - before) < 100
