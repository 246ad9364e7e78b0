"""Record bodies: the figures they derive from what was entered."""

from __future__ import annotations

import pytest

from secor_desktop.domain.bodies import HazardItem


@pytest.mark.parametrize(
    ("severity", "likelihood", "risk"), [(1, 1, 1), (4, 3, 12), (3, 4, 12), (5, 5, 25)]
)
def test_hazard_risk_is_severity_times_likelihood(
    severity: int, likelihood: int, risk: int
) -> None:
    """A hazard line's risk is its severity times its likelihood, from 1 to 25."""
    assert HazardItem("Roofing", "Fall", severity, likelihood).risk == risk
