"""The evaluation screens' words for a fail: the points really missing, never 0.0."""

from __future__ import annotations

from fractions import Fraction

from secor_desktop.domain.scoring import ElementScore
from secor_desktop.gui.evaluation.score_text import below_floor


def test_below_floor_shows_a_small_shortfall_rounded_up() -> None:
    """4.97 of 10 points against a 50% floor: needs 0.03 more point(s), not 0.0."""
    element = ElementScore(
        "7", "Emergency response", Fraction(497, 100), 10, (), (), Fraction(50), Fraction(80)
    )
    assert below_floor(element).endswith("(needs 0.03 more point(s))")
