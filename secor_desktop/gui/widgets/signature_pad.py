"""Pass-the-laptop signatures: a pad to draw on, and the dialog a signer signs in.

The pad takes mouse and touchpad input directly, stylus input as tablet events (with pressure
ignored so every pen draws the same line), and touchscreens through Qt's mouse synthesis.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.kinds import RecordKind, SignatureMeaning
from secor_desktop.domain.model import Record
from secor_desktop.domain.registry import spec_for
from secor_desktop.domain.signing import (
    allowed_meanings,
    not_ready_to_sign,
    rule_for,
    still_to_sign,
)
from secor_desktop.domain.validation import FieldProblem, ValidationError
from secor_desktop.gui.signals import emit
from secor_desktop.services.errors import RecordLockedError
from secor_desktop.services.facade import Services

EXPORT_WIDTH = 600
EXPORT_HEIGHT = 200
INK = QColor(20, 30, 90)

MEANING_LABELS = {
    SignatureMeaning.PERFORMED: "Performed (did or led the work recorded)",
    SignatureMeaning.REVIEWED: "Reviewed (checked the record)",
    SignatureMeaning.ACKNOWLEDGED: "Acknowledged (read and understood)",
    SignatureMeaning.ATTENDED: "Attended (was there)",
}


def default_meaning(kind: RecordKind) -> SignatureMeaning:
    """What the dialog offers first: the kind's declaration says (attended for talks and
    drills, acknowledged for documents, performed otherwise)."""
    return spec_for(kind).default_meaning


class SignaturePad(QWidget):
    """A white pad that records strokes; ``png()`` renders them at a fixed export size."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Signature pad: draw your signature here")
        self.setMinimumSize(420, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self._strokes: list[list[QPointF]] = []
        self._drawing = False

    # --- strokes -------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not any(len(stroke) > 1 for stroke in self._strokes)

    def clear(self) -> None:
        self._strokes = []
        self._drawing = False
        self.update()
        emit(self.changed)

    def _begin(self, point: QPointF) -> None:
        self._drawing = True
        self._strokes.append([point])
        self.update()

    def _extend(self, point: QPointF) -> None:
        if self._drawing and self._strokes:
            self._strokes[-1].append(point)
            self.update()

    def _end(self, point: QPointF) -> None:
        if self._drawing:
            self._extend(point)
            self._drawing = False
            emit(self.changed)

    # --- input ---------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())
            event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()

    # --- drawing -------------------------------------------------------------------------

    def _paint_strokes(self, painter: QPainter, scale: float, width: float) -> None:
        pen = QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self._strokes:
            if len(stroke) == 1:
                painter.drawPoint(stroke[0] * scale)
                continue
            path = QPainterPath(stroke[0] * scale)
            for point in stroke[1:]:
                path.lineTo(point * scale)
            painter.drawPath(path)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(QColor(150, 150, 150), 1, Qt.PenStyle.DashLine))
        baseline = self.height() - 36
        painter.drawLine(24, baseline, self.width() - 24, baseline)
        painter.setPen(QColor(120, 120, 120))
        painter.drawText(QRectF(24, baseline + 4, 300, 24), "Sign above the line")
        painter.setPen(QPen(QColor(180, 180, 180), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        self._paint_strokes(painter, 1.0, 2.5)
        painter.end()

    def image(self) -> QImage:
        """The strokes on white, scaled to fit the export size (aspect kept)."""
        image = QImage(EXPORT_WIDTH, EXPORT_HEIGHT, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.white)
        scale = min(EXPORT_WIDTH / max(self.width(), 1), EXPORT_HEIGHT / max(self.height(), 1))
        painter = QPainter(image)
        self._paint_strokes(painter, scale, max(2.5 * scale, 2.0))
        painter.end()
        return image

    def png(self) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.image().save(buffer, "PNG")  # type: ignore[call-overload]
        buffer.close()
        return bytes(data.data())


class SignDialog(QDialog):
    """The signing round: who is still to sign, then each signer picks their name, draws, signs.

    Only people listed on the record can sign in its roles (an attendee as attended, the
    inspector as performed ...); anyone on the roster may sign as reviewed where the kind allows
    it. A late attendee can be added to the sign-in list here without anyone signing again.
    """

    def __init__(self, parent: QWidget | None, services: Services, record: Record) -> None:
        super().__init__(parent)
        self.services = services
        self.record = record
        self.signed: Record | None = None
        self.changed: Record | None = None  # set when a late attendee was added
        today = services.ctx.clock.today()
        self.workers = [w for w in services.roster.workers() if w.active_on(today)]
        self.names = {w.id: w.name for w in services.roster.workers()}
        self.setWindowTitle(f"Sign: {record.title}")
        self.resize(680, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setText(
            f"{record.kind.label}, {record.event_date.isoformat()}: {record.title}\n"
            "Pass the laptop to the signer: pick your name, then sign with the mouse, touchpad, "
            "finger or pen."
        )
        layout.addWidget(intro)
        self.todo = QLabel(self)
        self.todo.setTextFormat(Qt.TextFormat.PlainText)
        self.todo.setWordWrap(True)
        self.todo.setAccessibleName("Still to sign")
        layout.addWidget(self.todo)
        form = QFormLayout()
        self.signer = QComboBox(self)
        self.signer.setAccessibleName("Signer")
        form.addRow("Your name", self.signer)
        self.meaning = QComboBox(self)
        self.meaning.setAccessibleName("Meaning of the signature")
        form.addRow("You sign as", self.meaning)
        self.late = QComboBox(self)
        self.late.setAccessibleName("A late attendee to add to the sign-in list")
        self.add_late_button = QPushButton("Add to the list", self)
        self.add_late_button.setAccessibleName("Add the late attendee to the sign-in list")
        self.add_late_button.clicked.connect(self.add_late)
        late_row = QHBoxLayout()
        late_row.addWidget(self.late, 1)
        late_row.addWidget(self.add_late_button)
        self.late_label = QLabel("Arrived late?", self)
        form.addRow(self.late_label, late_row)
        layout.addLayout(form)
        self.pad = SignaturePad(self)
        layout.addWidget(self.pad, 1)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setAccessibleName("Problem")
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.done_label = QLabel(self)
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.done_label.setStyleSheet("color: #1b5e20;")
        self.done_label.setAccessibleName("Signed")
        self.done_label.setVisible(False)
        layout.addWidget(self.done_label)
        buttons = QHBoxLayout()
        self.clear_button = QPushButton("Clear", self)
        self.clear_button.setAccessibleName("Clear the signature and draw again")
        self.clear_button.clicked.connect(self.pad.clear)
        self.cancel_button = QPushButton("Close", self)
        self.cancel_button.clicked.connect(self.reject)
        self.sign_button = QPushButton("Sign", self)
        self.sign_button.setAccessibleName("Sign the record")
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self.sign)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_button)
        layout.addLayout(buttons)
        self.pad.changed.connect(self._drawing)
        self.signer.currentIndexChanged.connect(self._fill_meanings)
        self._fill(record)

    @staticmethod
    def not_ready(record: Record) -> list[FieldProblem]:
        """What must be filled in before the signing round starts, by field."""
        return [FieldProblem(path, words) for path, words in not_ready_to_sign(record)]

    # --- state ----------------------------------------------------------------------------

    def _fill(self, record: Record) -> None:
        """List who is still to sign; offer them first, in order; then everyone else."""
        self.record = record
        waiting = still_to_sign(record)
        if waiting:
            self.todo.setText(
                "Still to sign: "
                + "; ".join(f"{self.names.get(w, w)} ({role.label})" for w, role in waiting)
            )
        else:
            self.todo.setText("Everyone listed on this record has signed.")
        self.signer.blockSignals(True)
        self.signer.clear()
        self.signer.addItem("Choose your name...", "")
        active = {w.id: w for w in self.workers}
        offered: set[str] = set()
        for worker_id, role in waiting:
            if worker_id in active:
                self.signer.addItem(f"{active[worker_id].name} ({role.label})", worker_id)
                offered.add(worker_id)
        for worker in self.workers:
            if worker.id not in offered:
                self.signer.addItem(f"{worker.name} ({worker.role})", worker.id)
        self.signer.blockSignals(False)
        if waiting and waiting[0][0] in active:
            self.select_signer(waiting[0][0])
        else:
            self.signer.setCurrentIndex(0)
            self._fill_meanings()
        sheet = rule_for(record.body).sheet_fields
        self.late.clear()
        if sheet:
            listed = set(getattr(record.body, sheet[0]))
            self.late.addItem("Choose who arrived late...", "")
            for worker in self.workers:
                if worker.id not in listed:
                    self.late.addItem(worker.name, worker.id)
        for widget in (self.late, self.add_late_button, self.late_label):
            widget.setVisible(bool(sheet))

    def _fill_meanings(self) -> None:
        signer_id = str(self.signer.currentData() or "")
        meanings = (
            allowed_meanings(self.record, signer_id)
            if signer_id
            else (default_meaning(self.record.kind),)
        )
        self.meaning.clear()
        for meaning in meanings:
            self.meaning.addItem(MEANING_LABELS[meaning], meaning.value)
        self.meaning.setCurrentIndex(0)

    def _drawing(self) -> None:
        self.error.setVisible(False)
        self.done_label.setVisible(False)

    def select_signer(self, worker_id: str) -> None:
        self.signer.setCurrentIndex(self.signer.findData(worker_id))
        self._fill_meanings()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    # --- actions --------------------------------------------------------------------------

    def add_late(self) -> None:
        """Put a late attendee on the sign-in list; nobody else signs again."""
        worker_id = str(self.late.currentData() or "")
        if not worker_id:
            self.show_error("Choose who arrived late from the list first.")
            self.late.setFocus()
            return
        try:
            record = self.services.records.add_to_sheet(self.record.id, worker_id)
        except (ValidationError, RecordLockedError) as exc:
            self.show_error(_message(exc))
            return
        self.changed = record
        self._fill(record)
        self.select_signer(worker_id)

    def sign(self) -> None:
        signer_id = str(self.signer.currentData() or "")
        if not signer_id:
            self.show_error("Pick your name from the list first.")
            self.signer.setFocus()
            return
        if self.pad.is_empty():
            self.show_error("Draw your signature in the box first.")
            return
        try:
            self.signed = self.services.records.sign(
                self.record.id,
                signer_id=signer_id,
                meaning=SignatureMeaning(self.meaning.currentData()),
                image_png=self.pad.png(),
            )
        except (ValidationError, RecordLockedError) as exc:
            self.show_error(_message(exc))
            return
        waiting = still_to_sign(self.signed)
        if not waiting:
            self.accept()
            return
        # Pass the laptop on: the next person listed is offered, on a clean pad.
        signer_name = self.names.get(signer_id, signer_id)
        self.pad.clear()
        self._fill(self.signed)
        self.done_label.setText(
            f"Signed by {signer_name}. Pass the laptop to "
            f"{self.names.get(waiting[0][0], waiting[0][0])}."
        )
        self.done_label.setVisible(True)

    @property
    def result_record(self) -> Record | None:
        """The record as this dialog left it: signed, or with a late attendee added."""
        return self.signed or self.changed


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(p.message[:1].upper() + p.message[1:] for p in exc.problems)
    return str(exc)
