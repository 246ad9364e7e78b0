"""The main window: a sidebar of pages, menus, shortcuts, a status bar, remembered geometry."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from secor_desktop import __version__
from secor_desktop.domain.kinds import RecordKind
from secor_desktop.gui import notify
from secor_desktop.gui.background import SLOW_MS, Background
from secor_desktop.gui.pages import Page, PageHooks
from secor_desktop.gui.reminders import ReminderBanner, ReminderPrefs, Reminders

if TYPE_CHECKING:
    from secor_desktop.gui.help import GuideWindow
    from secor_desktop.gui.pages.audit_path import AuditPathPage
    from secor_desktop.gui.search_dialog import SearchDialog
    from secor_desktop.services.bundle import ExportSummary
    from secor_desktop.services.facade import Services

PATH_TITLE = "Your path to the audit"
"""The sidebar title of the audit path page (kept equal to gui/pages/audit_path.PAGE_TITLE by
a test, so this module need not import that page to name it)."""
STATISTICS_TITLE = "Statistics"  # gui/pages/statistics.TITLE, kept equal by the same test

PageFactory = Callable[["Services", Background, QWidget], Page]
"""Builds a page (a QWidget implementing ``Page``) on the window's services and runner."""


def _lazy(module: str, name: str) -> PageFactory:
    """A page imported the first time it is built, not when the window module is: the window
    paints sooner when only the page it opens on has been imported (issue 20's fast start)."""

    def make(services: Services, tasks: Background, parent: QWidget) -> Page:
        page_class = getattr(import_module(f"secor_desktop.gui.pages.{module}"), name)
        page: Page = page_class(services, tasks, parent)
        return page

    return make


def _list_page_factory(kind: RecordKind) -> PageFactory:
    def make(services: Services, tasks: Background, parent: QWidget) -> Page:
        from secor_desktop.gui.pages.record_list import RecordListPage

        return RecordListPage(services, tasks, kind, parent)

    return make


def _today_factory(prefs: ReminderPrefs) -> PageFactory:
    def make(services: Services, tasks: Background, parent: QWidget) -> Page:
        from secor_desktop.gui.pages.today import TodayPage

        return TodayPage(services, tasks, parent, prefs)

    return make


class MainWindow(QMainWindow):
    def __init__(
        self,
        services: Services,
        tasks: Background,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        *,
        first_page: str | None = None,
    ) -> None:
        """``first_page`` (a sidebar title): the page the window opens on instead of the one
        it was closed on. It is chosen in the sidebar but not built: the window paints first
        with the page area saying it is loading, and the caller then shows the page
        (``select_page``, ``open_today``), its module imported off the GUI thread meanwhile
        (``gui/application.py``)."""
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.settings = settings if settings is not None else QSettings()
        self.setWindowTitle(f"SECOR Desktop {__version__}")

        self.search_dialog: SearchDialog | None = None
        self.guide_window: GuideWindow | None = None
        self._entries: list[tuple[str, PageFactory]] = self._page_entries()
        self._pages: dict[int, QWidget] = {}
        self._page_hooks: dict[int, Page] = {}
        self._wanted = -1  # the page last chosen in the sidebar (shown once it has loaded)
        self._edits_refused = False  # see refuse_edits
        self._stale: set[int] = set()

        self.sidebar = QListWidget(self)
        self.sidebar.setAccessibleName("Pages")
        self.sidebar.setUniformItemSizes(True)
        for title, _ in self._entries:
            item = QListWidgetItem(title, self.sidebar)
            item.setToolTip(title)
        # Roomy rows: a touchpad or a finger on a touchscreen should hit them easily.
        self.sidebar.setStyleSheet("QListWidget::item { padding: 5px 8px; }")
        self.sidebar.setMinimumWidth(200)
        self.sidebar.setMaximumWidth(280)
        self.stack = QStackedWidget(self)
        self.loading_label = QLabel("Loading…", self.stack)
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading_label)  # until the first page has loaded
        splitter = QSplitter(self)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 1100])
        splitter.setChildrenCollapsible(False)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.banner = ReminderBanner(central)
        self.banner.open_button.clicked.connect(self.open_today)
        column.addWidget(self.banner)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.reminder_prefs = ReminderPrefs(self.settings)
        self.reminders = Reminders(
            services, tasks, self.reminder_prefs, self.banner.show_reminder, self.open_today, self
        )
        self.reminders.day_started.connect(self.refresh_all)

        self.location_label = QLabel(f"Data folder: {services.locations.data_dir}", self)
        self.location_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.location_label)
        notify.set_status_sink(self._status_message)

        self.checking_label = QLabel(self)
        self.checking_label.setTextFormat(Qt.TextFormat.PlainText)
        self.checking_label.hide()
        self.statusBar().addWidget(self.checking_label)

        self._build_menus()
        self.sidebar.currentRowChanged.connect(self._show_page)
        self._restore_settings(first_page)

    # --- pages ---------------------------------------------------------------------------

    def _page_entries(self) -> list[tuple[str, PageFactory]]:
        prefs = ReminderPrefs(self.settings)
        entries: list[tuple[str, PageFactory]] = [
            ("Dashboard", _lazy("dashboard", "DashboardPage")),
            ("Today", _today_factory(prefs)),
            (PATH_TITLE, _lazy("audit_path", "AuditPathPage")),
            ("Written program", _lazy("program", "ProgramPage")),
        ]
        for kind in RecordKind:
            entries.append((kind.label, _list_page_factory(kind)))
        entries.append(("Workers", _lazy("workers", "WorkersPage")))
        entries.append(("Corrective actions", _lazy("actions", "ActionsPage")))
        entries.append(("Training matrix", _lazy("training_matrix", "TrainingMatrixPage")))
        entries.append((STATISTICS_TITLE, _lazy("statistics", "StatisticsPage")))
        entries.append(("Self-evaluations", _lazy("evaluations", "EvaluationsPage")))
        entries.append(("Audit cycle", _lazy("cycle_planner", "CyclePlannerPage")))
        entries.append(("Eligibility & rebate", _lazy("eligibility", "EligibilityPage")))
        entries.append(("Settings", _lazy("settings", "SettingsPage")))
        return entries

    def page(self, index: int) -> QWidget:
        """The page at ``index`` in the sidebar, built the first time it is asked for."""
        page = self._pages.get(index)
        if page is None:
            _, factory = self._entries[index]
            built = factory(self.services, self.tasks, self.stack)
            assert isinstance(built, QWidget)
            self._connect(built.hooks())
            self._pages[index], self._page_hooks[index] = built, built
            self.stack.addWidget(built)
            page = built
        return page

    def _connect(self, hooks: PageHooks) -> None:
        """Wire what a page may ask of the window (see ``PageHooks``)."""
        if hooks.records_changed is not None:  # a save: refresh every page
            hooks.records_changed.connect(self.refresh_all)
        if hooks.evaluation_requested is not None:
            hooks.evaluation_requested.connect(self.new_evaluation)
        if hooks.action_requested is not None:
            hooks.action_requested.connect(self.show_action)
        if hooks.import_requested is not None:
            hooks.import_requested.connect(self.import_spreadsheet)
        if hooks.page_requested is not None:
            hooks.page_requested.connect(self.show_page_at)

    def current_page(self) -> QWidget:
        return self.page(max(self.sidebar.currentRow(), 0))

    def page_titles(self) -> list[str]:
        return [title for title, _ in self._entries]

    def select_page(self, title: str) -> QWidget:
        index = self.page_titles().index(title)
        if self.sidebar.currentRow() == index:
            self._show_page(index)  # chosen already, perhaps not built (``first_page``)
        else:
            self.sidebar.setCurrentRow(index)
        return self.page(index)

    def show_page_at(self, title: str, field: str = "") -> QWidget:
        """Show a page with the keyboard in one of its fields (named by attribute)."""
        page = self.select_page(title)
        widget = getattr(page, field, None) if field else None
        if isinstance(widget, QWidget):
            loads = self._page_hooks[self.page_titles().index(title)].hooks().loads
            if loads is None:
                widget.setFocus()
            else:  # once the page is shown (a widget not shown yet cannot take the keyboard)
                loads.when_settled(widget.setFocus)
        return page

    def _show_page(self, index: int) -> None:
        """Show the page at ``index``. A page opened for the first time comes up once its first
        load has answered, or after ``SLOW_MS`` saying it is loading: the page before stays
        until then, so a fast load shows no empty page."""
        if index < 0:
            return
        first_time = index not in self._pages
        self.page(index)  # built now, its first load started
        if index in self._stale:
            self._stale.discard(index)
            self._page_hooks[index].refresh()
        self._wanted = index
        loads = self._page_hooks[index].hooks().loads
        if first_time and loads is not None and loads.loading():
            loads.when_settled(lambda: self._raise_page(index))
            QTimer.singleShot(SLOW_MS, self, lambda: self._raise_page(index))
        else:
            self._raise_page(index)

    def _raise_page(self, index: int) -> None:
        page = self._pages[index]
        if self._wanted != index or self.stack.currentWidget() is page:
            return  # the user has moved on, or it is up already
        self.stack.setCurrentWidget(page)
        self.statusBar().clearMessage()

    def refresh_all(self) -> None:
        """After a save: the visible page now, the others when next shown."""
        current = self.sidebar.currentRow()
        self._stale = {i for i in self._pages if i != current}
        if current in self._pages:
            self._page_hooks[current].refresh()

    def refresh(self) -> None:
        self.refresh_all()

    def next_page(self) -> None:
        self.sidebar.setCurrentRow((self.sidebar.currentRow() + 1) % self.sidebar.count())

    def previous_page(self) -> None:
        self.sidebar.setCurrentRow((self.sidebar.currentRow() - 1) % self.sidebar.count())

    # --- menus ---------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.new_action = self._action(
            "&New record…", self.new_record, QKeySequence.StandardKey.New
        )
        self.export_action = self._action("&Export bundle…", self.export_bundle)
        self.export_pack_action = self._action(
            "Export evidence &pack…", self.show_export_pack, "Ctrl+Shift+E"
        )
        self.prequal_action = self._action("P&requalification pack…", self.show_prequal)
        self.import_sheet_action = self._action(
            "&Import from a spreadsheet…", self.import_spreadsheet
        )
        self.backups_action = self._action("&Backups…", self.show_backups)
        # An office database on a server is backed up there (pg_dump), not by this program.
        self.backups_action.setEnabled(self.services.locations.server is None)
        self.kept_head_action = self._action("Check against a &kept head…", self.show_kept_head)
        self.exchange_action = self._action("E&xchange with another laptop…", self.show_exchange)
        self.database_action = self._action("Office &database…", self.show_database)
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.export_pack_action)
        file_menu.addAction(self.prequal_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.import_sheet_action)
        file_menu.addAction(self.backups_action)
        file_menu.addAction(self.kept_head_action)
        file_menu.addAction(self.exchange_action)
        file_menu.addAction(self.database_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        self.find_action = self._action(
            "&Find records…", self.show_search, QKeySequence.StandardKey.Find
        )
        # Ctrl+F works from anywhere in the window, whatever has the keyboard focus.
        self.find_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.filter_action = self._action("Filter this &list", self.find_in_page, "Ctrl+L")
        self.repeat_action = self._action("&Repeat record…", self.repeat_record, "Ctrl+R")
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.filter_action)
        edit_menu.addAction(self.repeat_action)
        self.sites_action = self._action("&Sites and their dates…", self.show_sites)
        edit_menu.addAction(self.sites_action)
        view_menu = bar.addMenu("&View")
        self.next_action = self._action("&Next page", self.next_page, "Ctrl+PgDown")
        self.previous_action = self._action("&Previous page", self.previous_page, "Ctrl+PgUp")
        view_menu.addAction(self.next_action)
        view_menu.addAction(self.previous_action)
        help_menu = bar.addMenu("&Help")
        self.guide_action = self._action(
            "&User guide", self.show_guide, QKeySequence.StandardKey.HelpContents
        )
        self.guide_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        help_menu.addAction(self.guide_action)
        self.about_action = self._action("&About SECOR Desktop", self.show_about)
        help_menu.addAction(self.about_action)

    def _editing_actions(self) -> list[QAction]:
        """The menu entries that change data, act on the database file or open a record (all
        of File but Quit; Find, Repeat and Sites of Edit)."""
        return [
            self.new_action,
            self.export_action,
            self.export_pack_action,
            self.prequal_action,
            self.import_sheet_action,
            self.backups_action,
            self.kept_head_action,
            self.exchange_action,
            self.database_action,
            self.find_action,
            self.repeat_action,
            self.sites_action,
        ]

    def refuse_edits(self, reason: str) -> None:
        """Show the records but let nothing change them, saying why in the status bar: while
        the database is checked after an unclean exit (``gui/startup.py``). The pages (and
        the editors they open) are disabled; the sidebar, View and Help stay usable."""
        self._edits_refused = True
        self.stack.setEnabled(False)
        for action in self._editing_actions():
            action.setEnabled(False)
        self.checking_label.setText(reason)
        self.checking_label.show()

    def allow_edits(self) -> None:
        """Undo ``refuse_edits`` (the check has passed, or a backup was restored)."""
        if not self.edits_refused():
            return
        self._edits_refused = False
        self.stack.setEnabled(True)
        for action in self._editing_actions():
            action.setEnabled(True)
        self.backups_action.setEnabled(self.services.locations.server is None)
        self.checking_label.hide()

    def edits_refused(self) -> bool:
        return self._edits_refused

    def new_record(self) -> None:
        from secor_desktop.gui.pages.record_list import RecordListPage

        page = self.current_page()
        if isinstance(page, RecordListPage):
            page.new_record()
            return
        labels = [k.label for k in RecordKind]
        label, ok = QInputDialog.getItem(
            self, "New record", "Kind of record:", labels, 0, editable=False
        )
        if ok:
            kind = list(RecordKind)[labels.index(label)]
            list_page = self.select_page(kind.label)
            assert isinstance(list_page, RecordListPage)
            list_page.new_record()

    def repeat_record(self) -> None:
        """Ctrl+R on a record list: repeat the selected record, or the kind's newest."""
        from secor_desktop.gui.pages.record_list import RecordListPage

        page = self.current_page()
        if isinstance(page, RecordListPage):
            page.repeat_shortcut()
        else:
            self._status_message("Open a list of records to repeat one (Ctrl+R).")

    def find_in_page(self) -> None:
        self.current_page()
        focus = self._page_hooks[max(self.sidebar.currentRow(), 0)].hooks().focus_search
        if focus is not None:
            focus()
        else:
            self._status_message("This page has no search box.")

    def show_search(self) -> SearchDialog:
        """Find records of every kind (one window, brought back with what was typed)."""
        from secor_desktop.gui.search_dialog import SearchDialog

        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self.services, self)
            self.search_dialog.records_changed.connect(self.refresh_all)
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.activateWindow()
        self.search_dialog.box.setFocus()
        self.search_dialog.box.selectAll()
        return self.search_dialog

    def show_guide(self) -> GuideWindow:
        from secor_desktop.gui.help import GuideWindow

        if self.guide_window is None:
            self.guide_window = GuideWindow(self)
        self.guide_window.show()
        self.guide_window.raise_()
        self.guide_window.activateWindow()
        return self.guide_window

    def show_path(self) -> AuditPathPage:
        """Where a company lands after the first-run wizard: the four steps to the audit, the
        keyboard on the current step's button."""
        from secor_desktop.gui.pages.audit_path import AuditPathPage

        page = self.select_page(PATH_TITLE)
        assert isinstance(page, AuditPathPage)
        page.focus_current()
        return page

    def open_today(self) -> None:
        """At a later start (the company is set up): what is due comes first."""
        self.select_page("Today")
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    def when_page_settled(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the current page's newest load has answered (at once when
        it has none under way)."""
        hooks = self._page_hooks.get(max(self.sidebar.currentRow(), 0))
        loads = hooks.hooks().loads if hooks is not None else None
        if loads is None:
            callback()
        else:
            loads.when_settled(callback)

    def start_reminders(self, remind_now: bool = True) -> None:
        """The reminder at start, then once a day at the chosen time (see gui/reminders.py)."""
        self.reminders.start(remind_now)

    def new_evaluation(self) -> None:
        """The self-evaluations page, with a new evaluation started (the audit is due)."""
        from secor_desktop.gui.pages.evaluations import EvaluationsPage

        page = self.select_page("Self-evaluations")
        assert isinstance(page, EvaluationsPage)
        page.new_evaluation()

    def show_action(self, action_id: str) -> None:
        """The corrective actions page, with this action chosen (all actions shown)."""
        from secor_desktop.gui.pages.actions import ActionsPage

        page = self.select_page("Corrective actions")
        assert isinstance(page, ActionsPage)
        page.show_action(action_id)

    def export_bundle(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Export a bundle into this folder")
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        """Export into ``folder`` if empty, else into a new dated folder inside it."""
        if folder.exists() and any(folder.iterdir()):
            today = self.services.ctx.clock.today().isoformat()
            folder = folder / f"secor-bundle-{today}"
            n = 2
            while folder.exists():
                folder = folder.with_name(f"secor-bundle-{today}-{n}")
                n += 1
        from secor_desktop.services.bundle import export_bundle

        self._status_message(f"Exporting to {folder}…")
        ctx = self.services.ctx

        def done(summary: ExportSummary) -> None:
            notify.info(
                f"Exported {summary.entities} entries, {summary.revisions} revisions and "
                f"{summary.files} files to {summary.folder}.",
                self,
            )

        self.tasks.run(lambda: export_bundle(ctx, folder), done)

    def show_export_pack(self) -> None:
        from secor_desktop.gui.export_dialog import ExportPackDialog

        dialog = ExportPackDialog(self.services, self.tasks, self, settings=self.settings)
        dialog.exec()
        dialog.deleteLater()

    def show_prequal(self) -> None:
        """The prequalification pack: one PDF and a folder of originals for a client."""
        from secor_desktop.gui.prequal_dialog import PrequalDialog

        dialog = PrequalDialog(self.services, self.tasks, self, settings=self.settings)
        dialog.exec()
        dialog.deleteLater()

    def import_spreadsheet(self) -> None:
        """Workers, sites or training records from a .xlsx or .csv, previewed row by row."""
        from secor_desktop.gui.sheet_import_dialog import SheetImportDialog

        name, _ = QFileDialog.getOpenFileName(
            self,
            "Import from a spreadsheet",
            "",
            "Spreadsheets (*.xlsx *.xlsm *.csv);;All files (*)",
        )
        if not name:
            return
        dialog = SheetImportDialog(self.services, self.tasks, Path(name), parent=self)
        if dialog.exec() == SheetImportDialog.DialogCode.Accepted:
            self.refresh_all()
        dialog.deleteLater()

    def show_backups(self) -> None:
        from secor_desktop.gui.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.services.backups, self.tasks, self)
        dialog.restored.connect(self.refresh_all)
        dialog.exec()
        dialog.deleteLater()

    def show_sites(self) -> None:
        """Add sites, switch them off, set the days work happens there."""
        from secor_desktop.gui.sites_dialog import SitesDialog

        dialog = SitesDialog(self.services, self)
        dialog.saved.connect(self.refresh_all)
        dialog.exec()
        dialog.deleteLater()

    def show_exchange(self) -> None:
        """Records to and from another laptop through a file, and conflicts settled."""
        from secor_desktop.gui.exchange_dialog import ExchangeDialog

        dialog = ExchangeDialog(self.services, self.tasks, self)
        dialog.changed.connect(self.refresh_all)
        dialog.exec()
        dialog.deleteLater()

    def show_kept_head(self) -> None:
        from secor_desktop.gui.kept_head_dialog import KeptHeadDialog

        dialog = KeptHeadDialog(self.services, self.tasks, self)
        dialog.exec()
        dialog.deleteLater()

    def show_database(self) -> None:
        from secor_desktop.gui.database_dialog import DatabaseDialog

        dialog = DatabaseDialog(self.settings, self.services.locations.database_shown, self)
        if dialog.exec():
            self._status_message("The database chosen opens at the next start of secor-desktop.")
        dialog.deleteLater()

    def show_about(self) -> None:
        from secor_desktop.gui.about import AboutDialog

        dialog = AboutDialog(self.services.locations, self)
        dialog.exec()
        dialog.deleteLater()

    def _status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    # --- settings ------------------------------------------------------------------------

    def _restore_settings(self, first_page: str | None = None) -> None:
        geometry = self.settings.value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(QSize(1280, 720))
        titles = self.page_titles()
        if first_page in titles:
            self.sidebar.blockSignals(True)  # chosen, not built (see __init__)
            self.sidebar.setCurrentRow(titles.index(first_page))
            self.sidebar.blockSignals(False)
            return
        row = self.settings.value("main_window/page", 0)
        try:
            row = int(row)  # type: ignore[call-overload]
        except (TypeError, ValueError):
            row = 0
        self.sidebar.setCurrentRow(row if 0 <= row < self.sidebar.count() else 0)

    def save_settings(self) -> None:
        self.settings.setValue("main_window/geometry", self.saveGeometry())
        self.settings.setValue("main_window/page", self.sidebar.currentRow())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        notify.set_status_sink(None)
        super().closeEvent(event)
