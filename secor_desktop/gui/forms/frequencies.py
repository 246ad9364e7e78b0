"""The declared-frequency grid: how often the company's program says each record kind is made.

The first-run wizard asks it in two columns, the settings page shows it in one; both read and
fill it here, so a new record kind or a new frequency shows up in both at once.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QWidget

from secor_desktop.domain.kinds import DEFAULT_FREQUENCIES, Frequency, RecordKind
from secor_desktop.gui.forms.labels import plain_label
from secor_desktop.gui.signals import emit

FREQUENCY_LABELS: dict[Frequency, str] = {
    Frequency.DAILY: "Daily (working days)",
    Frequency.WEEKLY: "Weekly",
    Frequency.MONTHLY: "Monthly",
    Frequency.QUARTERLY: "Quarterly",
    Frequency.YEARLY: "Yearly",
    Frequency.AS_NEEDED: "As needed (per event)",
}


class FrequencyGrid(QWidget):
    """A labelled choice of frequency per record kind, in ``columns`` columns (kinds run down
    the first column, then the next). Starts at the default frequencies."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, columns: int = 1) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[RecordKind, QComboBox] = {}
        kinds = list(RecordKind)
        per_column = -(-len(kinds) // columns)
        for i, kind in enumerate(kinds):
            combo = QComboBox(self)
            combo.setAccessibleName(f"How often: {kind.label}")
            for freq, text in FREQUENCY_LABELS.items():
                combo.addItem(text, freq.value)
            label = plain_label(f"{kind.label}:", self)
            label.setBuddy(combo)
            row, col = i % per_column, 2 * (i // per_column)
            grid.addWidget(label, row, col)
            grid.addWidget(combo, row, col + 1)
            combo.currentIndexChanged.connect(self._changed)
            self.combos[kind] = combo
        for col in range(columns):
            grid.setColumnStretch(2 * col + 1, 1)
        if columns > 1:
            grid.setHorizontalSpacing(12)
        self.set_frequencies({})

    def _changed(self, *_args: object) -> None:
        emit(self.changed)

    def frequencies(self) -> dict[RecordKind, Frequency]:
        # Qt hands the data back as plain text: make them enums again.
        return {kind: Frequency(combo.currentData()) for kind, combo in self.combos.items()}

    def set_frequencies(self, chosen: Mapping[RecordKind, Frequency]) -> None:
        """Show ``chosen``; a kind it does not name shows its default frequency."""
        for kind, combo in self.combos.items():
            freq = chosen.get(kind, DEFAULT_FREQUENCIES[kind])
            combo.setCurrentIndex(max(combo.findData(freq.value), 0))
