"""Manage the profiles of this computer: open (switch to) one, add, rename, change its interface
language, delete, set, change or remove a PIN, import a records file, save a copy of one's records.

The dialog holds the list, the buttons, the status line and Open; what the other buttons ask
is in modules of their own, children of the dialog: Add…, Rename… and Language…
(player.ui.profile_edits), the PIN's field, check and questions (player.ui.profile_pins),
Delete… with a copy of the records offered first, and Save a copy of the records… alone
(player.ui.profile_removal), Import records…
(player.ui.records_import). What a line of the list says, and how it is painted, is
player.ui.profile_list's.

A PIN guards its profile here as at the door: opening, renaming, changing the language of
another learner's profile, changing or removing its PIN, saving a copy of its records or
deleting it asks for it first. Every question is a small window opened without blocking
(`open()`; a `FormDialog` of player.ui.form_dialog, or a message box), so the keyboard, screen
readers and tests drive it the same way.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from player.store.database import StoreError
from player.store.profiles import Profile
from player.store.store import Store
from player.ui.button import Button, click_on_enter
from player.ui.form_dialog import Field, FormDialog, Problem
from player.ui.i18n import fill
from player.ui.layouts import nested
from player.ui.profile_edits import ProfileEdits
from player.ui.profile_list import PROFILE_ROLE, NameFirstDelegate, show_line
from player.ui.profile_pins import ProfilePins
from player.ui.profile_removal import ProfileRemoval
from player.ui.records_import import ImportPlace, RecordsImport
from player.ui.tasks import TaskRunner
from player.ui.tooltips import plain_tooltip
from player.wording import isolated


class ProfilesDialog(QDialog):
    """The profiles of this computer and what can be done with them."""

    switch_requested = Signal(object)  # Profile (its PIN checked here)
    changed = Signal(object)  # Profile: renamed, PIN set or removed
    removing = Signal(str)  # profile id, about to be removed: close what uses it
    removed = Signal(str)  # profile id

    def __init__(
        self,
        store: Store,
        current_id: str | None,
        language: str,
        parent: QWidget | None = None,
        *,
        tasks: TaskRunner,
        importing: ImportPlace | None = None,
        product: str = "Cartable",
    ) -> None:
        """`tasks`: the one task runner (a copy of the records is written on it); `importing`:
        what Import records… needs (the button is hidden without it); `product`: the
        branding's name, as the dialog's words say it."""
        super().__init__(parent)
        self.product = product
        self.store = store
        self.tasks = tasks
        self.profiles = store.profiles
        self.current_id = current_id
        self.language = language
        self.form: FormDialog | None = None
        self.pins = ProfilePins(self)
        self.edits = ProfileEdits(self)
        self.removal = ProfileRemoval(self)
        self._closing_by_code = False  # see done
        self._said: Callable[[], str] | None = None  # the status line, made again on a new language
        self._close_refused = False  # said after the status line: see done
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

        self.heading = QLabel(self)
        self.heading.setObjectName("subheading")
        self.list = QListWidget(self)
        # A long name is cut at its end with "…", so what follows it (language, PIN, open
        # now) stays in sight, and the tooltip says the whole line; no horizontal scroll.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a line without NAME_ROLE
        self.list.setItemDelegate(NameFirstDelegate(self.list))
        self.heading.setBuddy(self.list)
        self.open_button = Button(self)
        self.add_button = Button(self)
        self.import_button = Button(self)
        self.import_button.setVisible(importing is not None)
        self.importer = RecordsImport(self, importing) if importing is not None else None
        self.copy_button = Button(self)
        self.rename_button = Button(self)
        self.language_button = Button(self)
        self.pin_button = Button(self)
        self.remove_pin_button = Button(self)
        self.delete_button = Button(self)
        self.close_button = Button(self)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # quotes profiles' names
        self.status.setWordWrap(True)
        self.status.setObjectName("muted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        row = nested(layout, QHBoxLayout())
        row.addWidget(self.list, 1)
        buttons = nested(row, QVBoxLayout())
        for button in (
            self.open_button,
            self.add_button,
            self.import_button,
            self.copy_button,
            self.rename_button,
            self.language_button,
            self.pin_button,
            self.remove_pin_button,
            self.delete_button,
        ):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addWidget(self.status)
        if self.importer is not None:
            layout.addWidget(self.importer.progress_row)  # an import's bar and Stop

        # Methods, never closures holding this dialog: see _form_finished.
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(self._item_activated)
        self.list.installEventFilter(self)  # a held Enter's repeat: see eventFilter
        self.open_button.clicked.connect(self.ask_open)
        self.add_button.clicked.connect(self.edits.ask_add)
        self.import_button.clicked.connect(self.ask_import)
        self.copy_button.clicked.connect(self.removal.ask_copy)
        self.rename_button.clicked.connect(self.edits.ask_rename)
        self.language_button.clicked.connect(self.edits.ask_language)
        self.pin_button.clicked.connect(self.pins.ask_set)
        self.remove_pin_button.clicked.connect(self.pins.ask_remove)
        self.delete_button.clicked.connect(self.removal.ask)
        self.close_button.clicked.connect(self.accept)
        self.retranslate()
        self.reload()

    # -- list -----------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        keep = select or (self.selected().id if self.selected() else self.current_id)
        self.list.clear()
        for profile in self.profiles.all():
            item = QListWidgetItem()
            item.setData(PROFILE_ROLE, profile)
            show_line(item, self.current_id)
            self.list.addItem(item)
            if profile.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.list.setFocus()
        self._update_buttons()

    def selected(self) -> Profile | None:
        item = self.list.currentItem()
        return item.data(PROFILE_ROLE) if item is not None else None

    def _current_changed(self, _current: QListWidgetItem | None, _previous: object) -> None:
        self._update_buttons()

    def _item_activated(self, _item: QListWidgetItem) -> None:
        self.ask_open()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on a line of the list opens its profile (the list's itemActivated), and no more:
        the list passes the key on, and the dialog's default button, Close, closed the dialog
        and the PIN question Enter had just opened with it. Enter on a button presses that
        button: never the default, they pass Enter on, and Close closed the dialog (on "Stop
        reading" a keyboard or screen reader user stopped the read and lost the dialog)."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and self.list.hasFocus():
            event.accept()
            return
        focus = self.focusWidget()
        if (
            isinstance(focus, QAbstractButton)
            and focus.isEnabled()
            and click_on_enter(focus, event)
        ):
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A held Enter's repeat opens no profile from the list: the list takes the focus from
        a Stop that hides once its read or import ends (RecordsImport._ended), and the key held
        on Stop a moment too long opened the profile selected there (review r12 #1)."""
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.isAutoRepeat()
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            event.accept()
            return True
        return super().eventFilter(watched, event)

    def _importing(self) -> bool:
        return self.importer is not None and self.importer.busy

    def done(self, result: int) -> None:
        """Esc, Close and the title bar's close button leave the dialog open while records are
        imported, the status line saying why (Esc did nothing and said nothing): closed, the
        worker went on holding the records' write lock with nothing left to say when it let
        go, or that it failed. A file read, Esc, Close and the title bar's close stop it and
        close the dialog: a read holds no lock and nothing of it is kept (Stop reading stops
        it and stays). A close by code (the application quitting: its windows closed) goes
        through: the quit waits for the worker.

        The same while a copy of the records is written (review r12 #2): closed, a copy failing
        (a full USB stick) was said to no one, only logged, the learner believing it saved. A
        copy takes seconds (80,000 statements: 4 to 6 s), then says where it is or why not; the
        quit stops it (ProfileRemoval.export), its half file removed."""
        if self._closing_by_code:
            super().done(result)
            return
        if self._importing():
            assert self.importer is not None
            if self.importer.stop_reading():
                super().done(result)
                return
            self._refuse_close()
            return
        if self.removal.saving is not None:
            self._refuse_close()
            return
        super().done(result)

    def _refuse_close(self) -> None:
        if not self._close_refused:  # said once, after what the import or the copy says
            self._close_refused = True
            self._show_said()

    def _why_wait(self) -> str:
        """Why Esc, Close or the title bar leave the dialog open: an import, or a copy, runs."""
        if self._importing():
            assert self.importer is not None
            return self.importer.why_wait()
        return self.tr("Wait for the copy to be saved.")

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing_by_code = not event.spontaneous()  # QDialog's closeEvent calls reject
        try:
            super().closeEvent(event)
        finally:
            self._closing_by_code = False

    def _update_buttons(self) -> None:
        profile = self.selected()
        # While a file is read or imported: no second import, and no profile changed or opened
        # under it. The worker holds the records' write lock: a change here (Add, Rename, a PIN
        # try, which then waited 2 s and went uncounted) waited for it, the window frozen.
        # While a copy of the records is written, the same: a second copy, or a delete under
        # it, waits for it; Close too, as for an import (see done).
        importing = self._importing()
        saving = self.removal.saving is not None
        busy = importing or saving
        for button in (
            self.copy_button,
            self.rename_button,
            self.language_button,
            self.pin_button,
            self.delete_button,
        ):
            button.setEnabled(profile is not None and not busy)
        self.add_button.setEnabled(not busy)
        self.import_button.setEnabled(not busy)
        # Greyed while records are imported or copied, not while a file is read: see done.
        reading = self.importer is not None and self.importer.reading
        self.close_button.setEnabled((not importing or reading) and not saving)
        self.open_button.setEnabled(
            profile is not None and profile.id != self.current_id and not busy
        )
        self.remove_pin_button.setEnabled(profile is not None and profile.has_pin and not busy)
        self.pin_button.setText(
            self.tr("Change the &PIN\u2026")
            if profile is not None and profile.has_pin
            else self.tr("Set a &PIN\u2026")
        )

    def _say(self, text: Callable[[], str], detail: str = "") -> None:
        """The status line, made by `text` now and again when the interface language changes:
        a change of the open profile's language left it in the language just left. `detail`:
        an error's English line, in its tooltip and accessible description, for whoever helps."""
        self._said = text
        self._close_refused = False  # the import's next step said: the refusal is old news
        self.status.setToolTip(plain_tooltip(detail))  # quotes a path as typed
        self.status.setAccessibleDescription(detail)
        self._show_said()

    def _show_said(self) -> None:
        text = self._said() if self._said is not None else ""
        if self._close_refused:
            wait = self._why_wait()
            text = f"{text} {wait}" if text else wait
        self.status.setText(text)
        self.status.setAccessibleName(text)

    # -- asking ---------------------------------------------------------------------------------

    def _ask(
        self,
        title: str,
        message: str,
        fields: list[Field],
        accept_text: str,
        check: Callable[[list[str]], str | Problem],
    ) -> FormDialog:
        form = FormDialog(self, title, message, fields, accept_text, check)
        form.finished.connect(self._form_finished)
        self.form = form
        form.open()
        return form

    def _form_finished(self, _result: int) -> None:
        """A method, as every answer here: a closure holding this dialog, connected to its
        child the question, was a dialog of its own's last reference once the closed question
        was deleted, which then deleted the dialog and the question a second time (a crash),
        and kept such a dialog alive while the question was open."""
        self.form = None

    def _store_call(self, call: Callable[[], object]) -> str:
        try:
            call()
        except (StoreError, sqlite3.Error, OSError) as exc:
            return str(exc)
        return ""

    def ask_open(self) -> None:
        profile = self.selected()
        if profile is None or not self.open_button.isEnabled():  # Enter on the list, importing
            return
        if not profile.has_pin:
            self.switch_requested.emit(profile)
            return

        def check(values: list[str]) -> str | Problem:
            refused = self.pins.refused(profile, values)
            if refused:
                return refused
            self.switch_requested.emit(profile)
            return ""

        self._ask(
            self.tr("Open %1").replace("%1", isolated(profile.name)),
            fill(self.tr("Type the PIN of %1."), isolated(profile.name)),
            self.pins.field(profile),
            self.tr("&Open"),
            check,
        )

    def ask_import(self) -> None:
        """A records file (Save a copy first…, `cartable records export`) into a profile."""
        if self.importer is not None:
            self.importer.start()

    def _after_change(self, profile_id: str, message: Callable[[str], str]) -> None:
        """Show the change; `message` says it with the profile's name."""
        fresh = self.profiles.get(profile_id)
        self.reload(select=profile_id)
        self._say(lambda: message(fresh.name))
        self.changed.emit(fresh)

    def saved(self, count: int, name: str, path: str) -> str:
        """Said once a copy of the records is saved (player.ui.profile_removal), in this class's
        translations: a plural ("1 records of Awa saved"), which lupdate reads in `tr()` alone."""
        return fill(
            self.tr("%Ln records of %1 saved in %2.", "", count), isolated(name), isolated(path)
        )

    def unsent(self, count: int) -> str:
        """Said before a delete (player.ui.profile_removal), in this class's translations: a
        plural, which lupdate reads in `tr()` alone."""
        return self.tr(
            "%Ln records have not been sent to the institution yet and will be lost.", "", count
        )

    # -- text -----------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Profiles"))
        self.heading.setText(self.tr("Profiles on this &computer"))
        self.list.setAccessibleName(self.tr("Profiles on this computer"))
        self.open_button.setText(self.tr("&Open"))
        self.open_button.setAccessibleName(self.tr("Switch to the selected profile"))
        self.add_button.setText(self.tr("&Add\u2026"))
        self.import_button.setText(self.tr("Import &records\u2026"))
        # Alt+V: free here in both languages (Alt+S is the French "&Supprimer…", which an
        # untranslated line would meet; Alt+C "Profiles on this &computer").
        self.copy_button.setText(self.tr("Sa&ve a copy of the records\u2026"))
        self.rename_button.setText(self.tr("Re&name\u2026"))
        self.language_button.setText(self.tr("&Language\u2026"))
        self.remove_pin_button.setText(self.tr("Remove the P&IN\u2026"))
        self.delete_button.setText(self.tr("&Delete\u2026"))
        self.close_button.setText(self.tr("Close"))
        for row in range(self.list.count()):
            show_line(self.list.item(row), self.current_id)
        if self.importer is not None:
            self.importer.retranslate()
        self._update_buttons()
        self._show_said()
