"""Pickers over the libraries: a toolbox-talk topic, and hazards by trade and task.

Both are keyboard-first: typing filters the list, Down moves into it, Space ticks a hazard,
Enter takes the choice, Esc closes without changing the record.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.bodies import HazardItem
from secor_desktop.domain.library import HazardTask, Topic, search_topics
from secor_desktop.domain.validation import ValidationError
from secor_desktop.gui.editors.fields import plain_label
from secor_desktop.gui.editors.hazards import LEVEL_LABELS
from secor_desktop.gui.forms.errors import ERROR_STYLE
from secor_desktop.services.facade import Services

ALL_TRADES = "All trades"


class _DownIntoList(QObject):
    """Down in the search box moves to the list, as in a search field anywhere."""

    def __init__(self, box: QLineEdit, target: QWidget) -> None:
        super().__init__(box)
        self.target = target
        box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            self.target.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return False


def _search_box(placeholder: str, name: str) -> QLineEdit:
    box = QLineEdit()
    box.setPlaceholderText(placeholder)
    box.setAccessibleName(name)
    box.setClearButtonEnabled(True)
    return box


def _closing_buttons(
    dialog: QDialog,
    row: QHBoxLayout,
    hint: str,
    text: str,
    action: Callable[[], object],
    *,
    default: bool = True,
) -> QPushButton:
    """The end of a picker's button row: the keys it answers to, then its action (the default
    button, taken by Enter) and Cancel (Esc). Returns the action's button."""
    if hint:
        row.addWidget(plain_label(hint))
    row.addStretch(1)
    button = QPushButton(text)
    button.setDefault(default)
    button.clicked.connect(action)
    cancel = QPushButton("Cancel")
    cancel.clicked.connect(dialog.reject)
    row.addWidget(button)
    row.addWidget(cancel)
    return button


class TopicPicker(QDialog):
    """Choose a toolbox-talk topic; its talking points become the talk's notes."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.chosen: Topic | None = None
        self.setWindowTitle("Pick a toolbox-talk topic")
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        self.search = _search_box(
            "Type to find a topic, e.g. ladder, heat, lockout", "Find a topic"
        )
        layout.addWidget(self.search)
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setAccessibleName("Topics")
        row.addWidget(self.list, 2)
        self.preview = plain_label("")
        self.preview.setWordWrap(True)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.preview.setAccessibleName("The topic's talking points")
        self.preview.setMinimumWidth(320)
        row.addWidget(self.preview, 3)
        layout.addLayout(row, 1)
        self.note = plain_label("")
        self.note.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add a topic of our own…")
        self.add_button.clicked.connect(self.add_own)
        buttons.addWidget(self.add_button)
        self.use_button = _closing_buttons(
            self,
            buttons,
            "Enter: use the topic  ·  Esc: close",
            "&Use this topic",
            self.use_current,
        )
        layout.addLayout(buttons)
        _DownIntoList(self.search, self.list)
        self.search.textChanged.connect(self._fill)
        self.list.currentRowChanged.connect(self._show_points)
        self.list.itemActivated.connect(lambda _item: self.use_current())
        self.topics: tuple[Topic, ...] = ()
        self.reload()
        self.search.setFocus()

    def reload(self, select: str | None = None) -> None:
        library = self.services.library.load()
        self.topics = library.topics
        self.note.setText("; ".join(str(b) for b in library.broken))
        self._fill(select=select)

    def _fill(self, *_args: object, select: str | None = None) -> None:
        self.list.clear()
        for topic in search_topics(self.topics, self.search.text()):
            item = QListWidgetItem(f"{topic.title}  (ours)" if topic.own else topic.title)
            item.setData(Qt.ItemDataRole.UserRole, topic.id)
            self.list.addItem(item)
            if topic.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._show_points(self.list.currentRow())

    def current_topic(self) -> Topic | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((t for t in self.topics if t.id == wanted), None)

    def _show_points(self, _row: int) -> None:
        topic = self.current_topic()
        if topic is None:
            self.preview.setText("No topic matches what you typed.")
            return
        source = f"\n\nSee: {topic.source}" if topic.source else ""
        self.preview.setText(f"{topic.title}\n\n{topic.notes()}{source}")

    def use_current(self) -> None:
        self.chosen = self.current_topic()
        if self.chosen is not None:
            self.accept()

    def add_own(self) -> None:
        dialog = OwnTopicDialog(self.services, self)
        if dialog.exec() and dialog.added is not None:
            self.search.clear()
            self.reload(select=dialog.added.id)
        dialog.deleteLater()


class OwnTopicDialog(QDialog):
    """A company's own topic: a title and three to five talking points, one per line."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.added: Topic | None = None
        self.setWindowTitle("Add a topic of our own")
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label("Title"))
        self.title = QLineEdit()
        self.title.setAccessibleName("Topic title")
        layout.addWidget(self.title)
        layout.addWidget(plain_label("Talking points: 3 to 5, one per line"))
        self.points = QPlainTextEdit()
        self.points.setAccessibleName("Talking points, one per line")
        self.points.setTabChangesFocus(True)
        layout.addWidget(self.points)
        self.error = plain_label("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.save_button = _closing_buttons(
            self, buttons, "", "&Add topic", self.save, default=False
        )
        layout.addLayout(buttons)
        self.title.returnPressed.connect(self.points.setFocus)
        self.title.setFocus()

    def save(self) -> bool:
        try:
            self.added = self.services.library.add_topic(
                self.title.text(), self.points.toPlainText().split("\n")
            )
        except ValidationError as exc:
            self.error.setText(
                " ".join(f"{p.field.capitalize()}: {p.message}." for p in exc.problems)
            )
            return False
        self.accept()
        return True


class HazardPicker(QDialog):
    """Tick hazards of a trade's tasks; each becomes a hazard line with its usual ratings and
    controls (the user adjusts them to the site)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add hazards from the library")
        self.resize(860, 580)
        self.chosen: tuple[HazardItem, ...] = ()
        self.tasks: tuple[HazardTask, ...] = services.library.load().tasks
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.trade = QComboBox()
        self.trade.setAccessibleName("Trade")
        self.trade.addItem(ALL_TRADES)
        for trade in dict.fromkeys(t.trade for t in self.tasks):
            self.trade.addItem(trade)
        trade_label = plain_label("&Trade")
        trade_label.setBuddy(self.trade)
        top.addWidget(trade_label)
        top.addWidget(self.trade)
        self.search = _search_box("Type to find a task or hazard, e.g. ladder, dust", "Find")
        top.addWidget(self.search, 1)
        layout.addLayout(top)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Tasks and their hazards: tick the ones that apply")
        self.tree.setHeaderLabels(["Task / hazard", "Severity", "Likelihood", "Controls"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setColumnWidth(0, 360)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.add_button = _closing_buttons(
            self,
            buttons,
            "Space: tick  ·  Enter: add the ticked hazards  ·  Esc: close",
            "&Add ticked hazards",
            self.take,
        )
        layout.addLayout(buttons)
        _DownIntoList(self.search, self.tree)
        self.trade.currentIndexChanged.connect(self._fill)
        self.search.textChanged.connect(self._fill)
        self.tree.itemChanged.connect(self._count)
        self._fill()
        self.search.setFocus()

    def _fill(self, *_args: object) -> None:
        ticked = self.ticked()
        trade = self.trade.currentText()
        words = self.search.text().casefold().split()
        self.tree.blockSignals(True)
        self.tree.clear()
        for task in self.tasks:
            if trade != ALL_TRADES and task.trade != trade:
                continue
            hazards = [
                h
                for h in task.hazards
                if all(w in f"{task.trade} {task.task} {h.hazard}".casefold() for w in words)
            ]
            if not hazards:
                continue
            parent = QTreeWidgetItem([f"{task.task} ({task.trade})"])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(parent)
            for hazard in hazards:
                controls = "; ".join(
                    f"{LEVEL_LABELS[c.level]}: {c.description}" for c in hazard.controls
                )
                item = QTreeWidgetItem(
                    [hazard.hazard, str(hazard.severity), str(hazard.likelihood), controls]
                )
                item.setToolTip(3, controls)
                item.setData(0, Qt.ItemDataRole.UserRole, hazard)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setCheckState(
                    0, Qt.CheckState.Checked if hazard in ticked else Qt.CheckState.Unchecked
                )
                parent.addChild(item)
            parent.setExpanded(True)
        self.tree.blockSignals(False)
        first = self.tree.topLevelItem(0)
        child = first.child(0) if first is not None else None
        if child is not None:
            self.tree.setCurrentItem(child)
        self._count()

    def _items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem | None] = []
        for i in range(self.tree.topLevelItemCount()):
            parent = self.tree.topLevelItem(i)
            assert parent is not None
            out.extend(parent.child(j) for j in range(parent.childCount()))
        return [i for i in out if i is not None]

    def ticked(self) -> list[HazardItem]:
        return [
            item.data(0, Qt.ItemDataRole.UserRole)
            for item in self._items()
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    def _count(self, *_args: object) -> None:
        n = len(self.ticked())
        self.add_button.setText(f"&Add {n} ticked hazard{'s' if n != 1 else ''}")
        self.add_button.setEnabled(n > 0)

    def take(self) -> None:
        self.chosen = tuple(self.ticked())
        if self.chosen:
            self.accept()
