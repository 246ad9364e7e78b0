"""The bundle's nesting limit, read from the text, agrees with a walk of the parsed value."""

from __future__ import annotations

import json
import random

from secor_desktop.services.bundle_check import _depth_over, _text_depth_over


def _nested(rng: random.Random, depth: int) -> object:
    if depth == 0 or rng.random() < 0.2:
        return rng.choice(["a[b", 'q"{', "\\]", 3, None, True, "x"])
    if rng.random() < 0.5:
        return [_nested(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    return {f"k{i}[": _nested(rng, depth - 1) for i in range(rng.randint(0, 3))}


def test_text_depth_matches_the_walk_on_random_values() -> None:
    """Brackets inside strings do not count; every limit gives the walk's answer."""
    rng = random.Random(20)
    for _ in range(400):
        value = _nested(rng, rng.randint(0, 12))
        text = json.dumps(value, ensure_ascii=rng.random() < 0.5)
        for limit in (1, 3, 6, 9):
            assert _text_depth_over(text, limit) == _depth_over(value, limit), (text, limit)


def test_a_deep_document_is_over_the_limit() -> None:
    """Nested 65 levels deep is over a limit of 64; 64 levels is not."""
    assert _text_depth_over("[" * 65 + "]" * 65, 64)
    assert not _text_depth_over("[" * 64 + "]" * 64, 64)
