"""Today: what is overdue, due today, due this week and coming up, each a keystroke from done.

The list is ``services.due.due()`` (the same as ``secor-desktop due``), loaded off the GUI
thread. Each item starts what it asks for through the dashboard's fix machinery
(``gui.fixes``): a new record of the right kind, prefilled with its site, date and people;
the corrective action; the self-evaluation wizard; or, for a province deadline, an
explanation with its source. Double-click, Enter or the Start button.
"""

from __future__ import annotations

import typing
from datetime import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTime, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTimeEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.codec import from_jsonable
from secor_desktop.domain.due import Bucket, DueItem, DueList
from secor_desktop.domain.registry import spec_for
from secor_desktop.gui import autostart, notify
from secor_desktop.gui import fixes as fixing
from secor_desktop.gui.background import Background
from secor_desktop.gui.pages import PageHooks
from secor_desktop.gui.reminders import ReminderPrefs
from secor_desktop.services.facade import Services

ITEM_ROLE = Qt.ItemDataRole.UserRole
COL_DUE, COL_WHAT, COL_FOR, COL_WHY = range(4)
BUCKET_COLOURS = {
    Bucket.OVERDUE: "#fde2e1",
    Bucket.TODAY: "#fff4ce",
    Bucket.UPCOMING: "#e7f1fb",
    Bucket.LATER: "#f3f3f3",
}


def fix_for_item(item: DueItem) -> fixing.Fix:
    """What starting a due item does, as a dashboard fix (so one code path opens editors)."""
    start = item.start
    if start.kind is not None:
        hints = typing.get_type_hints(spec_for(start.kind).body)
        fields = {
            name: from_jsonable(hints[name], value if isinstance(value, str) else list(value))
            for name, value in start.fields.items()
        }
        return fixing.Fix(
            f"Record: {item.what}…",
            new_kind=start.kind,
            title=start.title,
            body_fields=fields,
            site_id=start.site_id or "",
            event_date=start.event_date,
        )
    if start.action_id is not None:
        return fixing.Fix("Open the corrective action…", action_id=start.action_id)
    if start.record_id is not None:
        return fixing.Fix(f"Open: {item.what}…", record_id=start.record_id)
    return fixing.Fix(
        "Read more…", explanation=f"{item.what}: by {item.due.isoformat()}.\n\n{item.why}"
    )


class _Tree(QTreeWidget):
    """Enter starts the chosen item (Qt's 'activated' is not sent for Enter everywhere)."""

    enter_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_pressed.emit()
            return
        super().keyPressEvent(event)


class TodayPage(QWidget):
    title = "Today"
    records_changed = Signal()
    action_requested = Signal(str)
    evaluation_requested = Signal()

    def __init__(
        self,
        services: Services,
        tasks: Background,
        parent: QWidget | None = None,
        prefs: ReminderPrefs | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.prefs = prefs or ReminderPrefs(QSettings())
        self.place = autostart.Place.here()
        self.due: DueList | None = None
        self.loads = tasks.latest(self)
        layout = QVBoxLayout(self)
        self.heading = QLabel("Today", self)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.summary = QLabel("Working out what is due…", self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.tree = _Tree(self)
        self.tree.setAccessibleName("What is due")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["Due", "What", "Site / worker", "Why"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setSectionResizeMode(COL_DUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_WHAT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_FOR, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_WHY, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_WHAT, 330)
        header.resizeSection(COL_FOR, 220)
        self.tree.itemDoubleClicked.connect(lambda _item, _col: self.start_selected())
        self.tree.enter_pressed.connect(self.start_selected)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.start_button = QPushButton("&Start…", self)
        self.start_button.setAccessibleName("Start the chosen item")
        self.start_button.clicked.connect(self.start_selected)
        self.start_button.setEnabled(False)
        self.calendar_button = QPushButton("Save to &calendar (.ics)…", self)
        self.calendar_button.setToolTip(
            "A calendar file of these items for your phone; importing a newer one updates "
            "the events instead of adding copies."
        )
        self.calendar_button.clicked.connect(self.save_calendar)
        self.refresh_button = QPushButton("&Refresh", self)
        self.refresh_button.clicked.connect(self.refresh)
        buttons.addWidget(self.start_button)
        buttons.addStretch(1)
        self.sites_button = QPushButton("S&ites…", self)
        self.sites_button.setToolTip("Add sites and set the days work happens at each")
        self.sites_button.clicked.connect(self.show_sites)
        buttons.addWidget(self.sites_button)
        buttons.addWidget(self.calendar_button)
        buttons.addWidget(self.refresh_button)
        layout.addLayout(buttons)
        layout.addLayout(self._reminder_row())
        self.refresh()

    def _reminder_row(self) -> QHBoxLayout:
        """This computer's reminder choices: on/off and the time; start with the computer."""
        row = QHBoxLayout()
        self.remind_box = QCheckBox("Remind me each day at", self)
        self.remind_box.setChecked(self.prefs.enabled())
        self.remind_box.toggled.connect(self.prefs.set_enabled)
        self.remind_time = QTimeEdit(self)
        self.remind_time.setDisplayFormat("HH:mm")
        self.remind_time.setAccessibleName("Reminder time")
        at = self.prefs.remind_at()
        self.remind_time.setTime(QTime(at.hour, at.minute))
        self.remind_time.timeChanged.connect(
            lambda t: self.prefs.set_remind_at(time(t.hour(), t.minute()))
        )
        self.remind_box.toggled.connect(self.remind_time.setEnabled)
        self.remind_time.setEnabled(self.remind_box.isChecked())
        self.autostart_box = QCheckBox("Start SECOR Desktop when I log in", self)
        self.autostart_box.setChecked(autostart.enabled(self.place))
        self.autostart_box.toggled.connect(self.set_autostart)
        row.addWidget(self.remind_box)
        row.addWidget(self.remind_time)
        row.addSpacing(24)
        row.addWidget(self.autostart_box)
        row.addStretch(1)
        return row

    def set_autostart(self, on: bool) -> None:
        """Write or remove the log-in entry; a failure is said and the box set back."""
        try:
            if on:
                autostart.enable(self.place)
            else:
                autostart.disable(self.place)
        except OSError as exc:
            notify.warning(
                f"Could not change starting at log-in ({self.place.entry()}): {exc}", self
            )
            self.autostart_box.blockSignals(True)
            self.autostart_box.setChecked(not on)
            self.autostart_box.blockSignals(False)

    # --- loading ---------------------------------------------------------------------------

    def hooks(self) -> PageHooks:
        return PageHooks(
            records_changed=self.records_changed,
            action_requested=self.action_requested,
            evaluation_requested=self.evaluation_requested,
            loads=self.loads,
        )

    def refresh(self) -> None:
        """Work the list out off the GUI thread; only the newest answer is shown."""

        def failed() -> None:
            self.summary.setText("What is due could not be worked out (see the report).")

        def slow() -> None:
            if self.due is None:  # a refresh keeps the list it shows until the new one comes
                self.summary.setText("Working out what is due…")

        self.loads.run(self.services.pages.today, self._show, failed, slow)

    def _show(self, due: DueList | None) -> None:
        self.due = due
        self.tree.clear()
        if due is None:
            self.heading.setText("Today")
            self.summary.setText("Set up the company first: what is due comes from its profile.")
            self.start_button.setEnabled(False)
            return
        self.heading.setText(f"Today, {due.as_of.strftime('%A %d %B %Y').replace(' 0', ' ')}")
        counts = {b: len(due.in_bucket(b)) for b in Bucket}
        if not due.items:
            self.summary.setText("Nothing is due. Well done.")
        else:
            self.summary.setText(
                f"{counts[Bucket.OVERDUE]} overdue, {counts[Bucket.TODAY]} due today, "
                f"{counts[Bucket.UPCOMING]} in the next {due.days} days, "
                f"{counts[Bucket.LATER]} coming up. Choose one and press Enter to start it."
            )
        first: QTreeWidgetItem | None = None
        for bucket in Bucket:
            items = due.in_bucket(bucket)
            if not items:
                continue
            group = QTreeWidgetItem(self.tree, [f"{bucket.label} ({len(items)})"])
            group.setFirstColumnSpanned(True)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setBackground(0, QBrush(QColor(BUCKET_COLOURS[bucket])))
            for item in items:
                row = QTreeWidgetItem(group, self._texts(item))
                row.setData(COL_DUE, ITEM_ROLE, item)
                row.setToolTip(COL_WHY, item.why)
                row.setToolTip(COL_WHAT, item.what)
                first = first or row
            group.setExpanded(True)
        if first is not None:
            self.tree.setCurrentItem(first)

    @staticmethod
    def _texts(item: DueItem) -> list[str]:
        who = ", ".join(x for x in (item.site, item.worker) if x)
        return [item.due.isoformat(), item.what, who, item.why]

    # --- acting ---------------------------------------------------------------------------

    def _rows(self) -> list[QTreeWidgetItem]:
        rows: list[QTreeWidgetItem] = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            assert group is not None
            for c in range(group.childCount()):
                row = group.child(c)
                assert row is not None
                rows.append(row)
        return rows

    def shown_items(self) -> list[DueItem]:
        """The items in the order shown (for tests and for the keyboard)."""
        return [row.data(COL_DUE, ITEM_ROLE) for row in self._rows()]

    def selected_item(self) -> DueItem | None:
        current = self.tree.currentItem()
        data = current.data(COL_DUE, ITEM_ROLE) if current is not None else None
        return data if isinstance(data, DueItem) else None

    def select(self, key: str) -> None:
        for row in self._rows():
            if row.data(COL_DUE, ITEM_ROLE).key == key:
                self.tree.setCurrentItem(row)
                return

    def _selection_changed(self) -> None:
        item = self.selected_item()
        self.start_button.setEnabled(item is not None)
        if item is not None:
            self.start_button.setText("&Start…" if item.start.kind else "&Open…")

    def start_selected(self) -> bool:
        """Start the chosen item; True when a record was saved (the list then refreshes)."""
        item = self.selected_item()
        if item is None:
            return False
        if item.start.audit_type is not None:
            self.evaluation_requested.emit()
            return False
        fix = fix_for_item(item)
        saved = fixing.start_fix(self, self.services, fix, self.action_requested.emit)
        if saved:
            self.refresh()
            self.records_changed.emit()
        return saved

    def show_sites(self) -> None:
        """The sites dialog; what is due is worked out again after a save."""
        from secor_desktop.gui.sites_dialog import SitesDialog

        dialog = SitesDialog(self.services, self)
        dialog.saved.connect(self.refresh)
        dialog.saved.connect(self.records_changed.emit)
        dialog.exec()
        dialog.deleteLater()

    def save_calendar(self) -> None:
        """Ask where, then write the calendar file of the list shown."""
        if self.due is None:
            return
        start = str(Path.home() / f"secor-due-{self.due.as_of.isoformat()}.ics")
        name, _ = QFileDialog.getSaveFileName(
            self, "Save what is due as a calendar file", start, "Calendar files (*.ics)"
        )
        if name:
            self.write_calendar(Path(name))

    def write_calendar(self, path: Path) -> None:
        due = self.due
        if due is None:
            return
        if path.suffix.lower() != ".ics":
            path = path.with_name(path.name + ".ics")
        service = self.services.due

        def done(_result: object) -> None:
            notify.info(
                f"Saved {len(due.items)} events to {path}. Import it into your phone's "
                "calendar; importing a newer file updates the same events.",
                self,
            )

        self.tasks.run(lambda: service.write_calendar(due, path), done)
