"""The record editor dialog every kind shares: title, date, site, the kind's own form, photos,
and Save / Sign / Amend / Void / History.

Nothing typed is lost: problems are shown next to their fields and the form keeps its content;
closing with changes asks; a draft is written to the data folder every few seconds.

Keys, decided once for every editor: Tab and Shift+Tab walk the fields in the order they are
shown; Enter in a one-line field moves to the next field (it never saves a half-filled form by
accident, even in the last field); Ctrl+S saves; Esc closes, asking first if anything is
unsaved. Messages never move the form: each field has a line reserved under it, the summary
at the top has its own reserved lines, and a live re-check never moves the keyboard focus (only
pressing Save, when it fails, puts the cursor in the first field to fix, once).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from secor_desktop.domain.bodies import Body
from secor_desktop.domain.codec import DecodeError, from_jsonable, to_jsonable
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.domain.model import Attachment, Record
from secor_desktop.domain.registry import spec_for, worker_refs
from secor_desktop.domain.validation import (
    FieldProblem,
    ValidationError,
    validate_record,
)
from secor_desktop.gui import notify
from secor_desktop.gui.editors import repeat
from secor_desktop.gui.editors.banner import BANNER_STYLE, banner_for
from secor_desktop.gui.editors.buttons import HINT_STYLE, ButtonRow
from secor_desktop.gui.editors.fields import BodyForm
from secor_desktop.gui.editors.forms import form_for
from secor_desktop.gui.editors.history import HistoryDialog
from secor_desktop.gui.editors.keys import EditorKeys
from secor_desktop.gui.editors.lock_and_draft import DraftKeeper, EditState, ask_reason, ask_unsaved
from secor_desktop.gui.editors.problems import summary
from secor_desktop.gui.editors.reviewed import reviewed_label, show_reviewed
from secor_desktop.gui.forms.errors import ERROR_STYLE, FieldErrors, error_label
from secor_desktop.gui.forms.labels import plain_label
from secor_desktop.gui.widgets.date_field import DateField
from secor_desktop.gui.widgets.photos import PhotosWidget
from secor_desktop.gui.widgets.signature_pad import SignDialog
from secor_desktop.services.errors import KnownError, NotFoundError, RecordLockedError
from secor_desktop.services.facade import Services

AUTOSAVE_MS = 3000
EDITOR_SIZE = (1100, 690)  # fits a 1366x768 laptop screen with its taskbar and title bar
HINT = "Fill in the fields marked *, then Save (Ctrl+S)."


class RecordEditor(QDialog):
    """Edit one record of one kind. Construct it and ``show()`` it in tests; the app uses
    ``open_record_editor``, which runs it modally."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        kind: RecordKind,
        record_id: str | None = None,
        *,
        repeat_of: str | None = None,
    ) -> None:
        """``repeat_of``: open a new record holding a copy of that record, dated today
        (not stored until saved; see ``repeat``)."""
        super().__init__(parent)
        self.services = services
        self.kind = kind
        self.record: Record | None = services.records.get(record_id) if record_id else None
        # The roster, read once: the editor checks its fields against it and names signers
        # from it (nothing in an editor changes the roster; the service checks again on save).
        self.roster = services.roster.roster()
        self.amend_reason: str | None = None
        self.saved_any = False
        self._live_check = False
        self.notice = ""
        self.registry = FieldErrors()
        self.setWindowTitle(kind.label)
        self.setObjectName(f"editor-{kind.value}")
        self.resize(*EDITOR_SIZE)
        self._build()
        self.keys = EditorKeys(self, self.title, self._save_shortcut)
        self._mark_required()
        if self.record is not None:
            self._load(self.record)
        self._clean = self.snapshot()
        self.drafts = DraftKeeper(services.locations.data_dir, kind, record_id)
        restored = self._offer_draft()
        if repeat_of is not None and not restored:
            source = services.records.get(repeat_of)
            repeat.load_copy(self, services.records.repeat_copy(repeat_of), source)
        self.repeat_action = repeat.add_repeat_action(self)
        self._refresh_state()
        self.form.changed.connect(self._edited)
        self.photos.changed.connect(self._edited)
        self._connected = True
        self.show_problems([])
        self._count_attachments()
        self.title.setFocus()  # typing starts in the first field, never on a button
        self.autosave = QTimer(self)
        self.autosave.setInterval(AUTOSAVE_MS)
        self.autosave.timeout.connect(self.write_draft)
        self.autosave.start()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.heading = plain_label("")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)

        self.banner = QFrame()
        self.banner.setObjectName("banner")
        banner_row = QHBoxLayout(self.banner)
        self.banner_text = plain_label("")
        self.banner_text.setWordWrap(True)
        self.banner_text.setAccessibleName("Record status")
        self.amend_button = QPushButton("Amend...")
        self.amend_button.setAccessibleName("Amend the signed record, giving a reason")
        self.amend_button.clicked.connect(self.amend)
        banner_row.addWidget(self.banner_text, 1)
        banner_row.addWidget(self.amend_button)
        layout.addWidget(self.banner)
        self.reviewed = reviewed_label()  # an inspection or incident an H&S meeting reviewed
        layout.addWidget(self.reviewed)

        # The summary: two reserved lines, a hint until a save fails, then what to fix.
        self.general_error = error_label(lines=2)
        self.general_error.setAccessibleName("Summary of problems")
        layout.addWidget(self.general_error)

        content = QWidget()
        column = QVBoxLayout(content)
        keep = self._named_workers()
        self.form: BodyForm = form_for(self.kind)(
            self.services, self.registry, keep=keep, prelude=self._common_rows
        )
        column.addWidget(self.form)
        column.addStretch(1)
        self.form_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        # Photos and files get their own tab: one click (or Ctrl+Tab) away on any editor,
        # never below the fold of a long form.
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Record and its photos and files")
        self.tabs.addTab(scroll, "Details")
        photos_page = QWidget()
        photos_layout = QVBoxLayout(photos_page)
        self.photos = PhotosWidget(self.services)
        photos_layout.addWidget(self.photos)
        photos_layout.addStretch(1)
        self.tabs.addTab(photos_page, "Photos and files")
        layout.addWidget(self.tabs, 1)

        row = ButtonRow()
        self.legend = row.legend
        self.history_button, self.void_button = row.history, row.void
        self.sign_button, self.save_button, self.close_button = row.sign, row.save, row.close
        self.repeat_button = row.repeat
        self.repeat_button.clicked.connect(lambda: repeat.repeat_here(self))
        self.history_button.clicked.connect(self.show_history)
        self.void_button.clicked.connect(self.void)
        self.sign_button.clicked.connect(self.sign)
        self.save_button.clicked.connect(self.save_pressed)
        self.close_button.clicked.connect(self.reject)
        layout.addLayout(row)

    def _common_rows(self, form: BodyForm) -> None:
        today = self.services.ctx.clock.today()
        self.title = QLineEdit()
        self.title.setPlaceholderText("A short name you will recognise in the list")
        form.add_row("title", "Title", self.title, required=True)
        self.event_date = DateField(form.event_date_label, today)
        self.event_date.set_latest(today, is_today=True)
        form.add_row("event_date", form.event_date_label, self.event_date, required=True)
        self.site = QComboBox()
        self.site.addItem("(no particular site)", "")
        current = self.record.site_id if self.record else None
        for site in self.roster.sites.values():
            if site.active or site.id == current:
                self.site.addItem(site.name, site.id)
        # The only site is the likely one for field records; a policy or procedure is
        # company-wide, so it starts with no particular site.
        company_wide = spec_for(self.kind).company_wide
        if self.record is None and self.site.count() == 2 and not company_wide:
            self.site.setCurrentIndex(1)
        form.add_row("site_id", "Site", self.site)

    def _mark_required(self) -> None:
        """Mark, from the start, every field a blank form would be refused for: the rules
        decide what is required, so the asterisks cannot drift from them."""
        for problem in self.local_problems():
            self.registry.mark_required(problem.field)

    def _named_workers(self) -> tuple[str, ...]:
        if self.record is None:
            return ()
        refs = worker_refs(self.record.kind, self.record.body)
        return tuple(i for ids in refs.values() for i in ids)

    # --- form content --------------------------------------------------------------------

    def _load(self, record: Record) -> None:
        self.title.setText(record.title)
        today = self.services.ctx.clock.today()
        self.event_date.set_latest(
            max(record.event_date, today), is_today=record.event_date <= today
        )
        self.event_date.set_value(record.event_date)
        self.site.setCurrentIndex(max(self.site.findData(record.site_id or ""), 0))
        self.form.load(record.body)
        self.photos.set_attachments(record.attachments)
        show_reviewed(self.reviewed, self.services, record)

    def current_body(self) -> Body:
        return self.form.body()

    def snapshot(self) -> dict[str, Any]:
        """Everything the user can change, as JSON data: compared to tell if unsaved, and
        written as the draft."""
        return {
            "kind": self.kind.value,
            "title": self.title.text(),
            "event_date": self.event_date.text(),
            "site_id": str(self.site.currentData() or ""),
            "body": to_jsonable(self.form.body()),
            "attachments": to_jsonable(self.photos.attachments()),
            "form": self.form.extra_state(),
        }

    def apply_snapshot(self, snap: dict[str, Any]) -> None:
        body = from_jsonable(spec_for(self.kind).body, snap["body"])
        attachments = from_jsonable(tuple[Attachment, ...], snap.get("attachments", []))
        self.title.setText(str(snap.get("title", "")))
        self.event_date.line.setText(str(snap["event_date"]))
        self.site.setCurrentIndex(max(self.site.findData(snap.get("site_id", "")), 0))
        self.form.load(body)
        extra = snap.get("form")
        if isinstance(extra, dict):
            self.form.apply_extra_state(extra)
        self.photos.set_attachments(attachments)

    def is_dirty(self) -> bool:
        return self.snapshot() != self._clean

    def _edited(self) -> None:
        """Re-check as the user types: after a failed save, every problem; before, only what
        an input refuses as typed (a date). Never moves the focus."""
        self.show_problems(self.local_problems() if self._live_check else [])
        self._count_attachments()

    def _count_attachments(self) -> None:
        count = len(self.photos.attachments())
        self.tabs.setTabText(1, f"Photos and files ({count})" if count else "Photos and files")

    # --- drafts --------------------------------------------------------------------------

    @property
    def draft_file(self) -> Path:
        return self.drafts.path

    def write_draft(self) -> None:
        """Keep what is unsaved in the draft file (the autosave timer calls this)."""
        snap = self.snapshot()
        self.drafts.keep(snap if snap != self._clean else None, self.amend_reason)

    def _offer_draft(self) -> bool:
        """Offer back what an earlier editor left unsaved; True when it was restored."""
        found = self.drafts.unsaved(self._clean)
        if found is None or not self.drafts.ask_restore(self):
            return False
        data, reason = found
        try:
            self.apply_snapshot(data)
        except (DecodeError, KeyError, ValueError, TypeError):
            self.drafts.discard()
            return False
        if self.record is not None and self.record.is_locked and reason:
            self.amend_reason = reason
        return True

    # --- validation ----------------------------------------------------------------------

    def candidate(self) -> Record:
        return Record(
            id=self.record.id if self.record else "",
            kind=self.kind,
            title=self.title.text(),
            event_date=self.event_date.value() or self.services.ctx.clock.today(),
            site_id=str(self.site.currentData() or "") or None,
            body=self.form.body(),
            attachments=self.photos.attachments(),
        )

    def local_problems(self) -> list[FieldProblem]:
        """The same rules the service applies, checked before anything is sent."""
        roster = replace(self.roster, today=self.services.ctx.clock.today())
        problems = validate_record(self.candidate(), roster)
        problems = [p if "roster" not in p.message else _pick_worker(p) for p in problems]
        return self.registry.own_problems() + self.form.form_problems() + problems

    def show_problems(self, problems: list[FieldProblem], *, focus: bool = False) -> None:
        """Messages go to the lines reserved for them; ``focus`` (only when Save was pressed
        and failed) puts the cursor in the first field to fix, once."""
        unplaced = self.registry.show(problems)
        text = summary(self.registry, unplaced)
        if text:
            self.general_error.setStyleSheet(ERROR_STYLE)
            self.general_error.setText(text)
        else:
            self.general_error.setStyleSheet(HINT_STYLE)
            self.general_error.setText(
                self.notice or (HINT if self.save_button.isEnabled() else "")
            )
        if focus and problems:
            found = self.registry.find(problems[0].field)
            if found is not None:
                self.tabs.setCurrentIndex(0)
                found[1].widget.setFocus(Qt.FocusReason.OtherFocusReason)
                self.form_scroll.ensureWidgetVisible(found[1].error)

    # --- commands ------------------------------------------------------------------------

    def save_pressed(self) -> None:
        self.save()

    def _save_shortcut(self) -> None:
        if self.save_button.isEnabled():
            self.save()

    def save(self) -> bool:
        """Save what the form holds; on a problem, show it, put the cursor in the first field
        to fix (this once), and keep everything typed."""
        self.notice = ""
        if self.photos.pending:
            self.show_problems(
                [FieldProblem("photos", "Photos are still being added; save again in a moment.")]
            )
            return False
        problems = self.local_problems()
        if problems:
            self._live_check = True
            self.show_problems(problems, focus=True)
            return False
        c = self.candidate()
        try:
            if self.record is None:
                saved = self.services.records.create(
                    self.kind,
                    title=c.title,
                    event_date=c.event_date,
                    site_id=c.site_id,
                    body=c.body,
                    attachments=c.attachments,
                )
            else:
                saved = self.services.records.update(
                    self.record.id,
                    title=c.title,
                    event_date=c.event_date,
                    site_id=c.site_id,
                    body=c.body,
                    attachments=c.attachments,
                    reason=self.amend_reason,
                )
        except ValidationError as exc:
            self._live_check = True
            self.show_problems(list(exc.problems), focus=True)
            return False
        except (RecordLockedError, NotFoundError) as exc:
            self.show_problems([FieldProblem("record", str(exc))])
            return False
        except KnownError as exc:
            notify.error(str(exc), self)
            return False
        self._after_write(saved)
        assert self.record is not None
        done = self.form.after_save(self.record, self)
        self.notice = f"Saved. {done}" if done else "Saved."
        self.show_problems([])
        if done:
            notify.info(done, self)
        return True

    def _after_write(self, record: Record) -> None:
        """Show the record as stored (create, update, sign and void return it: no read-back)."""
        self.drafts.saved_as(record.id)
        self.record = record
        self.amend_reason = None
        self.saved_any = True
        self._live_check = False
        self.notice = ""
        self._load(record)
        self._clean = self.snapshot()
        self.show_problems([])
        self._refresh_state()

    def sign(self) -> bool:
        """Save first (a signature binds saved content), then pass the laptop to a signer."""
        if (self.record is None or self.is_dirty()) and not self.save():
            return False
        assert self.record is not None
        not_ready = SignDialog.not_ready(self.record)
        if not_ready:
            self.show_problems(not_ready)
            return False
        dialog = SignDialog(self, self.services, self.record)
        dialog.exec()
        if dialog.result_record is None:
            return False
        self._after_write(dialog.result_record)
        return dialog.signed is not None

    def amend(self) -> None:
        reason = ask_reason(
            self,
            "Change a signed record",
            "Why does this signed record need to change?\n"
            "The signed version is kept in its history, and it will need signing again.",
        )
        if reason is None:
            self.show_problems([FieldProblem("reason", "A reason is needed to change it.")])
            return
        self.amend_reason = reason
        self.show_problems([])
        self._refresh_state()
        self.title.setFocus()

    def void(self) -> None:
        if self.record is None:
            return
        reason = ask_reason(
            self,
            "Void this record",
            "Why is this record void? It stays in the records, marked void, with your reason.",
        )
        if reason is None:
            return
        try:
            voided = self.services.records.void(self.record.id, reason)
        except (ValidationError, RecordLockedError) as exc:
            self.show_problems([FieldProblem("record", str(exc))])
            return
        except KnownError as exc:
            notify.error(str(exc), self)
            return
        self._after_write(voided)

    def history_dialog(self) -> HistoryDialog | None:
        if self.record is None:
            return None
        return HistoryDialog(self, self.services, self.record)

    def show_history(self) -> None:
        dialog = self.history_dialog()
        if dialog is not None:
            dialog.exec()

    # --- state ---------------------------------------------------------------------------

    def _refresh_state(self) -> None:
        record = self.record
        state = EditState(record, amending=self.amend_reason is not None)
        self.form.set_locked(state.locked)
        self.photos.set_locked(state.locked)
        self.save_button.setEnabled(not state.locked)
        if self.general_error.text() in (HINT, ""):
            self.general_error.setText("" if state.locked else HINT)  # the banner says why
        self.sign_button.setEnabled(not state.void)
        self.void_button.setEnabled(record is not None and not state.void)
        self.history_button.setEnabled(record is not None)
        self.repeat_button.setEnabled(record is not None)
        self.amend_button.setVisible(state.can_amend)
        self.heading.setText(f"{self.kind.label} · {state.heading_state}")
        names = {w.id: w.name for w in self.roster.workers.values()} if record else {}
        banner, style = banner_for(record, self.amend_reason, names)
        self.banner_text.setText(banner)
        self.banner.setStyleSheet(BANNER_STYLE.get(style, ""))
        self.banner.setVisible(bool(banner))

    # --- closing -------------------------------------------------------------------------

    def may_close(self) -> bool:
        """Unsaved changes are never dropped silently: ask to save, discard or stay."""
        if not self.is_dirty():
            self.drafts.discard()
            return True
        answer = ask_unsaved(self)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.drafts.discard()
            self._clean = self.snapshot()
            return True
        return False

    def reject(self) -> None:
        if self.may_close():
            self.autosave.stop()
            super().reject()

    def done(self, result: int) -> None:
        self.autosave.stop()
        # Inputs may still fire while the dialog is torn down (an open cell editor commits);
        # nothing should reach the editor's slots from then on.
        if self._connected:
            self.form.changed.disconnect(self._edited)
            self.photos.changed.disconnect(self._edited)
            self._connected = False
        super().done(result)


def _pick_worker(problem: FieldProblem) -> FieldProblem:
    """An empty picker reads 'is not a worker on the roster'; say what to do instead."""
    return FieldProblem(problem.field, "choose someone from the list")
