"""The collector is paused for a bulk check and left as it was found."""

from __future__ import annotations

import gc

import pytest

from secor_desktop.services.gc_pause import collector_paused


def test_a_running_collector_is_paused_then_resumed_even_after_an_error() -> None:
    """Inside the block it does not run; after it, even after an error, it runs again."""
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("stop")
    assert gc.isenabled()


def test_a_collector_paused_by_someone_else_stays_paused() -> None:
    """A caller that paused it already keeps it paused after the block."""
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
