"""Emit Qt signals from Python without PySide6 6.12's reference leak on ``True``.

``SignalInstance.emit()`` in PySide6 6.12.0 returns ``True`` without taking a reference to it.
On Python 3.11 (where ``True`` is not immortal) every emit from Python code drops one
reference, and the interpreter aborts at exit ("bool_dealloc: deallocating True or False")
once enough signals were emitted. ``emit`` checks once whether this PySide has the leak and,
if so, gives the missing reference back. Use it for every signal emitted from Python.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def _emit_leaks_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(4):
        probe.ping.emit()
    leaked = sys.getrefcount(True) < before
    if leaked:
        for _ in range(4):
            _give_back(True)
    return leaked


def _give_back(value: object) -> None:
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(value))


LEAKS = _emit_leaks_a_reference()


def emit(signal: Any, *args: Any) -> None:
    """``signal.emit(*args)``, with the reference PySide forgot put back when it leaks."""
    result = signal.emit(*args)
    if LEAKS and isinstance(result, bool):
        _give_back(result)
