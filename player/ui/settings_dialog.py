"""Settings: the language of the profile in use (player/ui/settings_language.py), and for getting
courses: catalogs, download limits and hours, trusted keys.

A computer of the lab sharing its courses (Course → Share courses on this network…) can be found
with "Find computers sharing courses nearby" (sync/share_discovery.py, on a worker of the task
runner: the search waits 1.5 s for answers); the one chosen is added exactly as its typed address.

Every change is saved at once and applies at once (the cap, the hours and the unmetered switch
reach running downloads through the controller). The institution's catalogs and keys come with
the installation: they are shown, and cannot be removed. Trusting a new key is an explicit act:
the learner confirms after reading what it means.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import time
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from player.context import Context
from player.course.errors import SignatureError
from player.course.signing import PublicKey
from player.library.catalogs import (
    CatalogListing,
    Catalogs,
    CatalogSource,
    CatalogSourceError,
    SourceFault,
)
from player.library.trust import TrustedKey
from player.store.profiles import Profile, Profiles
from player.ui.announce import announce
from player.ui.i18n import fill
from player.ui.layouts import nested
from player.ui.menu_texts import diagnostics_place
from player.ui.settings_language import ProfileLanguageRow
from player.ui.tasks import TaskRunner
from player.ui.tooltips import plain_tooltip
from player.wording import isolated
from sync.conditions import TimeWindow
from sync.server_address import AddressFault
from sync.share_discovery import DiscoveryError, DiscoveryFault, FoundShare, seek
from sync.share_server import DEFAULT_PORT

log = logging.getLogger(__name__)
ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
# The theme pads spin boxes like line edits, which leaves Fusion no room to draw the arrows:
# place them explicitly.
SPIN_ARROWS = (
    "QSpinBox { padding-right: 1.6em; }"
    "QSpinBox::up-button { subcontrol-origin: border; subcontrol-position: top right;"
    " width: 1.4em; }"
    "QSpinBox::down-button { subcontrol-origin: border; subcontrol-position: bottom right;"
    " width: 1.4em; }"
)


class SettingsDialog(QDialog):
    catalogs_changed = Signal()
    downloads_changed = Signal()
    trust_changed = Signal()
    profile_changed = Signal(object)  # Profile: its language changed here (Manage profiles' too)

    def __init__(
        self,
        context: Context,
        catalogs: Catalogs | None,
        parent: QWidget | None = None,
        *,
        choose_file: Callable[[QWidget], str] | None = None,
        tasks: TaskRunner | None = None,
        seek_shares: Callable[[], list[FoundShare]] = seek,
        read_catalog: Callable[[CatalogSource], CatalogListing] | None = None,
        profiles: Profiles | None = None,
        profile: Profile | None = None,
        language: str = "en",
    ) -> None:
        """`profile`: the one in use, whose language the first row changes (None over the
        chooser: the row is disabled); `language`: the interface's, shown there then."""
        super().__init__(parent)
        self.context = context
        self.catalogs = catalogs
        self.tasks = tasks
        self.read_catalog = read_catalog
        """`Catalogs.try_candidate` with the network session, run on a worker before a catalog
        is added (one its source answered with and no player can use is refused); None: added
        unread (no network here)."""
        self._reading = 0  # a read answered after another began, or the dialog closed: dropped
        self.seek_shares = seek_shares
        """The search, run on a worker: tests aim it at 127.0.0.1."""
        self._search = 0  # a search answered after another began, or the dialog closed: dropped
        self.nearby: list[FoundShare] | None = None
        """The last search's answers; None before any, and while one runs."""
        self.nearby_error = ""
        """Why the last search could not run, in English (the status line's tooltip)."""
        self.nearby_fault: DiscoveryFault | None = None
        """Its kind: what the status line says (None: not a DiscoveryError, or no error)."""
        self._search_had_focus = False  # the keyboard was on the button as a search began
        self.choose_file = choose_file or self._choose_key_file
        self.confirm_box: QMessageBox | None = None
        self.confirm_key: PublicKey | None = None  # the key `confirm_box` asks about
        self._catalog_line: Callable[[], str] = lambda: ""
        """The line under the catalog field, in the interface's language ("" for none)."""
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 110)
        # Above the tabs, first in the Tab chain: where a learner looks for the language.
        self.language_row = ProfileLanguageRow(profiles, profile, language, self)
        self.language_row.changed.connect(self.profile_changed)
        self.tabs = QTabWidget(self)

        # Catalogs
        self.catalog_page = QWidget(self)
        self.catalog_intro = QLabel(self.catalog_page)
        self.catalog_intro.setWordWrap(True)
        self.catalog_list = QListWidget(self.catalog_page)
        self.catalog_entry = QLineEdit(self.catalog_page)
        self.catalog_add = QPushButton(self.catalog_page)
        self.catalog_folder = QPushButton(self.catalog_page)
        self.catalog_remove = QPushButton(self.catalog_page)
        self.catalog_error = QLabel(self.catalog_page)
        self.catalog_error.setTextFormat(Qt.TextFormat.PlainText)  # names a folder as written
        self.catalog_error.setWordWrap(True)
        self.catalog_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.nearby_button = QPushButton(self.catalog_page)
        self.nearby_status = QLabel(self.catalog_page)
        self.nearby_status.setWordWrap(True)
        self.nearby_list = QListWidget(self.catalog_page)
        self.nearby_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.nearby_add = QPushButton(self.catalog_page)
        catalog_layout = QVBoxLayout(self.catalog_page)
        catalog_layout.addWidget(self.catalog_intro)
        catalog_layout.addWidget(self.catalog_list, 1)
        catalog_layout.addWidget(self.catalog_remove, 0, Qt.AlignmentFlag.AlignLeft)
        add_row = nested(catalog_layout, QHBoxLayout())
        add_row.addWidget(self.catalog_entry, 1)
        add_row.addWidget(self.catalog_add)
        add_row.addWidget(self.catalog_folder)
        catalog_layout.addWidget(self.catalog_error)
        catalog_layout.addWidget(self.nearby_button, 0, Qt.AlignmentFlag.AlignLeft)
        catalog_layout.addWidget(self.nearby_status)
        catalog_layout.addWidget(self.nearby_list)
        catalog_layout.addWidget(self.nearby_add, 0, Qt.AlignmentFlag.AlignLeft)
        # Tab as shown: Remove sits under the list, above the field to add one.
        QWidget.setTabOrder(self.catalog_list, self.catalog_remove)
        QWidget.setTabOrder(self.catalog_remove, self.catalog_entry)

        # Downloads
        self.download_page = QWidget(self)
        self.cap = QSpinBox(self.download_page)
        self.cap.setRange(0, 1_000_000)
        self.cap.setSingleStep(50)
        self.parallel = QSpinBox(self.download_page)
        self.parallel.setRange(1, 8)
        self.window_on = QCheckBox(self.download_page)
        self.window_start = QTimeEdit(self.download_page)
        self.window_end = QTimeEdit(self.download_page)
        for edit in (self.window_start, self.window_end):
            edit.setDisplayFormat("HH:mm")
        self.window_and = QLabel(self.download_page)
        self.unmetered = QCheckBox(self.download_page)
        self.local_note = QLabel(self.download_page)  # what those three leave alone
        self.local_note.setWordWrap(True)
        self.local_note.setObjectName("muted")
        self.download_note = QLabel(self.download_page)
        self.download_note.setWordWrap(True)
        self.download_note.setObjectName("muted")
        download_layout = QVBoxLayout(self.download_page)
        self.download_form = nested(download_layout, QFormLayout())
        window_row = nested(download_layout, QHBoxLayout())
        window_row.addWidget(self.window_on)
        window_row.addWidget(self.window_start)
        window_row.addWidget(self.window_and)
        window_row.addWidget(self.window_end)
        window_row.addStretch(1)
        self.download_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for spin in (self.cap, self.parallel):
            spin.setMinimumWidth(self.fontMetrics().averageCharWidth() * 16)
            spin.setStyleSheet(SPIN_ARROWS)
        self.cap_label = QLabel(self.download_page)
        self.parallel_label = QLabel(self.download_page)
        self.cap_label.setBuddy(self.cap)
        self.parallel_label.setBuddy(self.parallel)
        self.download_form.addRow(self.cap_label, self.cap)
        self.download_form.addRow(self.parallel_label, self.parallel)
        download_layout.addWidget(self.unmetered)
        download_layout.addWidget(self.local_note)
        download_layout.addWidget(self.download_note)
        download_layout.addStretch(1)

        # Trusted keys
        self.key_page = QWidget(self)
        self.key_intro = QLabel(self.key_page)
        self.key_intro.setWordWrap(True)
        self.key_list = QListWidget(self.key_page)
        self.key_add = QPushButton(self.key_page)
        self.key_remove = QPushButton(self.key_page)
        self.key_error = QLabel(self.key_page)
        self.key_error.setTextFormat(Qt.TextFormat.PlainText)  # names a key file as written
        self.key_error.setWordWrap(True)
        key_layout = QVBoxLayout(self.key_page)
        key_layout.addWidget(self.key_intro)
        key_layout.addWidget(self.key_list, 1)
        key_buttons = nested(key_layout, QHBoxLayout())
        key_buttons.addWidget(self.key_add)
        key_buttons.addWidget(self.key_remove)
        key_buttons.addStretch(1)
        key_layout.addWidget(self.key_error)

        self.tabs.addTab(self.catalog_page, "")
        self.tabs.addTab(self.download_page, "")
        self.tabs.addTab(self.key_page, "")
        self.close_button = QPushButton(self)
        self.close_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.language_row)
        layout.addWidget(self.tabs, 1)
        bottom = nested(layout, QHBoxLayout())
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        self._load_downloads()
        self.catalog_add.clicked.connect(self._add_catalog)
        # Enter in the address field adds it; it must not reach the dialog, whose default
        # button (Close) would shut it before the learner reads "Added" or what was wrong.
        self.catalog_entry.installEventFilter(self)
        self.catalog_folder.clicked.connect(self._add_catalog_folder)
        self.catalog_remove.clicked.connect(self._remove_catalog)
        self.catalog_list.currentRowChanged.connect(self._update_buttons)  # methods: see _add_key
        self.nearby_button.clicked.connect(self.find_nearby)
        self.nearby_add.clicked.connect(self._add_nearby)
        self.nearby_list.itemActivated.connect(self._add_nearby)
        self.nearby_button.setVisible(tasks is not None)
        self._show_nearby()
        self.cap.valueChanged.connect(self._save_downloads)
        self.parallel.valueChanged.connect(self._save_downloads)
        self.window_on.toggled.connect(self._save_downloads)
        self.window_start.timeChanged.connect(self._save_downloads)
        self.window_end.timeChanged.connect(self._save_downloads)
        self.unmetered.toggled.connect(self._save_downloads)
        self.key_add.clicked.connect(self._add_key)
        self.key_remove.clicked.connect(self._remove_key)
        self.key_list.currentRowChanged.connect(self._update_buttons)
        self.close_button.clicked.connect(self.accept)
        if catalogs is None:
            self.tabs.setTabEnabled(0, False)
        # The keyboard starts on the tabs, as before the language row: on it, an arrow key
        # pressed unawares would change the language at once.
        self.tabs.tabBar().setFocus()
        self.retranslate()

    # -- catalogs -------------------------------------------------------------------------------

    def _fill_catalogs(self) -> None:
        self.catalog_list.clear()
        if self.catalogs is None:
            return
        for source in self.catalogs.sources():
            text = source.location
            if not source.removable:
                text = self.tr("%1 (your institution's)").replace("%1", isolated(text))
            item = QListWidgetItem(text, self.catalog_list)
            item.setData(ITEM_ROLE, source)
        self._update_buttons()

    def _add_catalog(self) -> None:
        text = self.catalog_entry.text().strip()
        if not text or self.catalogs is None:
            return
        try:
            source = self.catalogs.candidate(text)
        except CatalogSourceError as exc:
            self._say_catalog(partial(self._refusal, text, exc), str(exc))
            return
        if self.read_catalog is None or self.tasks is None:
            self._added(text, source, None)
            return
        self._reading += 1
        reading, read = self._reading, self.read_catalog
        self._set_adding(True)
        self._say_catalog(lambda: self.tr("Reading the catalog…"))
        self.tasks.run_task(
            lambda: read(source),
            lambda listing: self._added(text, source, listing, reading),
            lambda error: self._added(text, source, error, reading),
        )

    def _set_adding(self, busy: bool) -> None:
        """The field and its buttons wait while a catalog is read before it is added."""
        for widget in (self.catalog_entry, self.catalog_add, self.catalog_folder):
            widget.setEnabled(not busy)

    def _added(
        self,
        text: str,
        source: CatalogSource,
        read: CatalogListing | BaseException | None,
        reading: int | None = None,
    ) -> None:
        """Add `source` once its catalog was read (`read`: the listing, why it was refused, or
        None when not read), as `cartable catalogs add` does."""
        if reading is not None:
            if reading != self._reading:
                return
            self._set_adding(False)
            self.catalog_entry.setFocus()
        assert self.catalogs is not None
        try:
            if isinstance(read, BaseException):
                raise read
            self.catalogs.add(source.location)
        except CatalogSourceError as exc:
            self._say_catalog(partial(self._refusal, text, exc), str(exc))
            return
        except Exception as exc:  # a fault of ours: said, and nothing added
            log.exception("cannot read the catalog %s", source.location)  # for the report
            line = str(exc) or type(exc).__name__
            self._say_catalog(partial(self._unexpected, text), line)
            return
        self._save()
        self.catalog_entry.clear()
        if isinstance(read, CatalogListing) and read.error:  # no answer: added for later
            self._say_catalog(
                lambda: self.tr(
                    "Added, though it cannot be reached now: the catalog page shows its courses "
                    "once it can."
                ),
                read.error,
            )
        else:
            self._say_catalog(lambda: self.tr("Added. The catalog page shows its courses."))
        self._fill_catalogs()
        self.catalog_list.setCurrentRow(self.catalog_list.count() - 1)
        self.catalogs_changed.emit()

    def _say_catalog(self, line: Callable[[], str], detail: str = "") -> None:
        """The line under the field, worded again in a new interface language; `detail`, the
        English line behind it, for support."""
        self._catalog_line = line
        self.catalog_error.setText(line())
        self.catalog_error.setToolTip(plain_tooltip(detail))  # quotes the address as typed
        self.catalog_error.setAccessibleDescription(detail)

    def _unexpected(self, text: str) -> str:
        """A fault of ours met reading `text`'s catalog: where the diagnostic report is, which
        carries the log, rather than the exception's English words."""
        where, keys = diagnostics_place()
        template = self.tr(
            "%1 was not added: Cartable met a problem it did not expect while reading its "
            "catalog. It is noted in the diagnostic report (%2, %3): please copy it and send it "
            "to your institution."
        )
        return fill(template, isolated(text), where, keys)

    def _refusal(self, text: str, exc: CatalogSourceError) -> str:
        """Why `text` was not added or removed, by what is wrong with it, in the learner's
        language (`exc`'s English line quotes urllib's and requests' words)."""
        match exc.fault:
            case AddressFault.PORT:
                template = self.tr("%1: the port, the number after “:”, goes from 1 to 65535.")
            case AddressFault.NO_HOST:
                template = self.tr("%1: the name of the server is missing after “//”.")
            case AddressFault.QUERY:
                template = self.tr(
                    "%1: a catalog's address cannot hold “?” or “#”; type it without what follows."
                )
            case AddressFault.MALFORMED:
                template = self.tr("%1 is not a valid web address: check it for a typing mistake.")
            case SourceFault.EMPTY:
                template = self.tr("Type the web address of a catalog, or its folder.")
            case SourceFault.NOT_NETWORK_ADDRESS:
                template = self.tr(
                    "%1 is not a network address: four numbers from 0 to 255, such as "
                    "192.168.1.12, maybe followed by :%2."
                )
                return fill(template, isolated(text), str(DEFAULT_PORT))
            case SourceFault.ADDRESS_NUMBER:
                template = self.tr(
                    "%1 is not a network address: each of its four numbers goes from 0 to 255."
                )
            case SourceFault.FOLDER_URL:
                template = self.tr(
                    "%1 is neither a folder nor a valid file:// address: check it for a typing "
                    "mistake."
                )
            case SourceFault.SCHEME:
                template = self.tr(
                    "%1: a catalog is a web address (http:// or https://) or a folder."
                )
            case SourceFault.NO_FOLDER:
                template = self.tr("%1: there is no such folder on this computer.")
            case SourceFault.UNREADABLE:
                template = self.tr(
                    "%1 cannot be read as a folder: check its name, and that you may open it."
                )
            case SourceFault.NO_CATALOG:
                template = self.tr(
                    "%1 holds no catalog (no catalog.json file): choose the folder that holds it."
                )
            case SourceFault.ALREADY_ADDED:
                template = self.tr("%1 is already in the catalogs.")
            case SourceFault.INSTITUTION:
                template = self.tr(
                    "%1 comes with this installation (your institution's catalog): it cannot "
                    "be removed."
                )
            case SourceFault.NOT_LISTED:
                template = self.tr("%1 is no longer in the catalogs.")
            case SourceFault.UNUSABLE:
                template = self.tr(
                    "%1 holds no catalog Cartable can use: check the address, or tell whoever "
                    "publishes it."
                )
            case _:
                return str(exc)
        return fill(template, isolated(text))

    def _add_catalog_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("A folder holding a catalog (catalog.json)")
        )
        if folder:
            self.catalog_entry.setText(folder)
            self._add_catalog()

    def _remove_catalog(self) -> None:
        item = self.catalog_list.currentItem()
        if item is None or self.catalogs is None:
            return
        location = item.data(ITEM_ROLE).location
        try:
            self.catalogs.remove(location)
        except CatalogSourceError as exc:
            self._say_catalog(partial(self._refusal, location, exc), str(exc))
            return
        self._save()
        self._say_catalog(lambda: "")
        self._fill_catalogs()
        self.catalogs_changed.emit()

    def find_nearby(self) -> None:
        """Ask the network which computers share courses; the answers come to `_found`."""
        if self.tasks is None or self.catalogs is None:
            return
        self._search += 1
        search = self._search
        self.nearby = None
        self.nearby_error = ""
        self.nearby_fault = None
        # Disabled, the button hands the keyboard to the next field: it gets it back after.
        self._search_had_focus = self.nearby_button.hasFocus()
        self.nearby_button.setEnabled(False)
        self._show_nearby()
        self.tasks.run_task(
            self.seek_shares,
            lambda found: self._found(search, found),
            lambda error: self._found(search, error),
        )

    def _found(self, search: int, found: list[FoundShare] | BaseException) -> None:
        if search != self._search:
            return
        self.nearby_button.setEnabled(True)
        if isinstance(found, BaseException):
            log.warning("cannot search for shares: %s", found)
            self.nearby, self.nearby_error = [], str(found) or type(found).__name__
            self.nearby_fault = found.fault if isinstance(found, DiscoveryError) else None
        else:
            self.nearby = list(found)
        self._show_nearby()
        if self.nearby:
            self.nearby_list.setCurrentRow(0)
            self.nearby_list.setFocus()
            return
        if self._search_had_focus:
            self.nearby_button.setFocus()
        # Nothing to choose: the answer is only the line below, away from the focus.
        announce(self.nearby_status, self.nearby_status.text())

    def _show_nearby(self) -> None:
        found = self.nearby or []
        self.nearby_list.clear()
        for share in found:
            courses = self.tr("%n courses", "", share.courses)
            text = fill(self.tr("%1 (%2): %3"), isolated(share.name), share.address, courses)
            item = QListWidgetItem(text, self.nearby_list)
            item.setData(ITEM_ROLE, share)
            item.setToolTip(share.url)
        self.nearby_list.setVisible(bool(found))
        self.nearby_add.setVisible(bool(found))
        # The system's English words only in the tooltip and description, for whoever helps.
        self.nearby_status.setToolTip(plain_tooltip(self.nearby_error))
        self.nearby_status.setAccessibleDescription(self.nearby_error)
        if self.nearby_error:
            self.nearby_status.setText(self._search_failure(self.nearby_fault))
        elif self._search and self.nearby is None:
            self.nearby_status.setText(
                self.tr("Looking for computers sharing courses on this network…")
            )
        elif found:
            self.nearby_status.setText(
                self.tr(
                    "Found %n computers sharing courses: choose one, then add it.", "", len(found)
                )
            )
        elif self.nearby is not None:
            self.nearby_status.setText(
                self.tr(
                    "No computer sharing courses answered. The sharing computer must be on this "
                    "same network and sharing now; a firewall, or a Wi-Fi network that blocks "
                    "the search, can also hide it: then type the address it shows in the field "
                    "above."
                )
            )
        self.nearby_status.setVisible(self._search > 0)

    def _search_failure(self, fault: DiscoveryFault | None) -> str:
        """Why the search could not run, by its kind, in the learner's language."""
        match fault:
            case DiscoveryFault.NO_NETWORK:
                return self.tr(
                    "The search could not run: this computer is on no network. Connect it to the "
                    "Wi-Fi or a cable, then search again."
                )
            case DiscoveryFault.REFUSED:
                return self.tr(
                    "The search could not run: this computer does not allow it (a firewall or a "
                    "security setting). Type the address the sharing computer shows in the "
                    "field above instead."
                )
            case _:
                return self.tr(
                    "The search could not run on this computer now. Search again, or type the "
                    "address the sharing computer shows in the field above."
                )

    def _add_nearby(self) -> None:
        """The chosen computer, added exactly as its address typed in the field."""
        item = self.nearby_list.currentItem()
        if item is None:
            return
        share: FoundShare = item.data(ITEM_ROLE)
        self.catalog_entry.setText(share.url)
        self._add_catalog()

    def done(self, result: int) -> None:
        self._search += 1  # a search still running answers no one
        self._reading += 1  # nor a catalog being read
        super().done(result)

    # -- downloads ------------------------------------------------------------------------------

    def _load_downloads(self) -> None:
        settings = self.context.settings
        widgets = (
            self.cap,
            self.parallel,
            self.window_on,
            self.window_start,
            self.window_end,
            self.unmetered,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self.cap.setValue(max(0, settings.bandwidth_cap_kbps))
        self.parallel.setValue(max(1, min(8, settings.parallel_downloads)))
        window = None
        if settings.download_window.strip():
            try:
                window = TimeWindow.parse(settings.download_window)
            except ValueError:
                window = None
        start, end = (window.start, window.end) if window else (time(22, 0), time(6, 0))
        self.window_on.setChecked(window is not None)
        self.window_start.setTime(QTime(start.hour, start.minute))
        self.window_end.setTime(QTime(end.hour, end.minute))
        self.unmetered.setChecked(settings.unmetered_only)
        for widget in widgets:
            widget.blockSignals(False)
        self._update_window_edits()

    def _save_downloads(self) -> None:
        settings = self.context.settings
        settings.bandwidth_cap_kbps = self.cap.value()
        settings.parallel_downloads = self.parallel.value()
        if self.window_on.isChecked():
            start, end = self.window_start.time(), self.window_end.time()
            settings.download_window = f"{start.toString('HH:mm')}-{end.toString('HH:mm')}"
        else:
            settings.download_window = ""
        settings.unmetered_only = self.unmetered.isChecked()
        self._update_window_edits()
        self._save()
        self.downloads_changed.emit()

    def _update_window_edits(self) -> None:
        on = self.window_on.isChecked()
        self.window_start.setEnabled(on)
        self.window_end.setEnabled(on)

    # -- keys -----------------------------------------------------------------------------------

    def _fill_keys(self) -> None:
        self.key_list.clear()
        for trusted in self.context.trust.trusted():
            item = QListWidgetItem(self._key_text(trusted), self.key_list)
            item.setData(ITEM_ROLE, trusted)
        self._update_buttons()

    def _key_text(self, trusted: TrustedKey) -> str:
        """The key's id, what it is, and one bracket. The demo key is named in the interface's
        words: its file's comment ("Cartable demo course (les-mooc only)") is English and has a
        bracket of its own, which gave "… (les-mooc only) (du cours de démonstration)"."""
        if trusted.origin == "demo":
            named = self.tr("Key of the demo course (valid for that course only)")
            return f"{trusted.key_id} — {named}"
        origin = (
            self.tr("your institution's")
            if trusted.origin == "branding"
            else self.tr("added on this computer")
        )
        comment = f" — {isolated(trusted.key.comment)}" if trusted.key.comment else ""
        return f"{trusted.key_id}{comment} ({origin})"

    def _choose_key_file(self, parent: QWidget) -> str:
        name, _ = QFileDialog.getOpenFileName(
            parent, self.tr("A publisher's public key"), "", self.tr("Public keys (*.pub)")
        )
        return name

    def _add_key(self) -> None:
        name = self.choose_file(self)
        if not name:
            return
        try:
            key = PublicKey.from_file(Path(name))
        except SignatureError as exc:
            self.key_error.setText(str(exc))
            return
        if any(k.key_id == key.key_id for k in self.context.trust.trusted()):
            self.key_error.setText(self.tr("This key is already trusted."))
            return
        described = f"{key.key_id} — {isolated(key.comment)}" if key.comment else key.key_id
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Trust this key?"),
            self.tr(
                "Trust the key %1?\n\nCourses signed with it will be installed as verified, "
                "without any warning. Only add a key you received from a publisher you trust, "
                "for instance your institution."
            ).replace("%1", described),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the comment is the key file's, as written
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        # A method, the key kept here: a closure holding the dialog, connected to its child the
        # question, was a dialog of its own's last reference once the closed question was
        # deleted, which then deleted the dialog and the question a second time (a crash).
        box.finished.connect(self._trust_answered)
        self.confirm_box = box
        self.confirm_key = key
        box.open()

    def _trust_answered(self, button: int) -> None:
        key, self.confirm_box, self.confirm_key = self.confirm_key, None, None
        if key is None:
            return
        if button != QMessageBox.StandardButton.Yes:
            self.key_error.setText(self.tr("Not added."))
            return
        try:
            self.context.trust.add(key)
        except OSError as exc:
            self.key_error.setText(str(exc))
            return
        self.key_error.setText(self.tr("Key %1 is now trusted.").replace("%1", key.key_id))
        self._fill_keys()
        self.trust_changed.emit()

    def _remove_key(self) -> None:
        item = self.key_list.currentItem()
        if item is None:
            return
        trusted: TrustedKey = item.data(ITEM_ROLE)
        if trusted.origin != "user" or not self.context.trust.remove(trusted.key_id):
            return
        self.key_error.setText(
            self.tr("Key %1 is no longer trusted.").replace("%1", trusted.key_id)
        )
        self._fill_keys()
        self.trust_changed.emit()

    # -- common ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.catalog_entry and event.type() == QEvent.Type.KeyPress:
            key: QKeyEvent = event  # type: ignore[assignment]
            if key.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.catalog_entry.isEnabled():  # a filter sees it even while a read waits
                    self._add_catalog()
                return True
        return super().eventFilter(watched, event)

    def _save(self) -> None:
        try:
            self.context.save_settings()
        except OSError as exc:
            log.warning("could not save settings: %s", exc)

    def _update_buttons(self) -> None:
        item = self.catalog_list.currentItem()
        self.catalog_remove.setEnabled(item is not None and item.data(ITEM_ROLE).removable)
        key = self.key_list.currentItem()
        self.key_remove.setEnabled(key is not None and key.data(ITEM_ROLE).origin == "user")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        # Alt+letter reaches each tab from any of them (Ctrl+Tab only went round): letters no
        # control of any tab takes, none with a descender (its tail hides the underline)
        self.tabs.setTabText(0, self.tr("&Catalogs"))
        self.tabs.setTabText(1, self.tr("Do&wnloads"))
        self.tabs.setTabText(2, self.tr("Truste&d keys"))
        self.catalog_intro.setText(
            self.tr(
                "Courses are offered by catalogs: a web address, or a folder holding a "
                "catalog.json (a USB stick, a shared drive)."
            )
        )
        self.catalog_list.setAccessibleName(self.tr("Catalogs"))
        self.catalog_entry.setPlaceholderText(self.tr("https://… or a folder"))
        self.catalog_entry.setAccessibleName(self.tr("Address or folder of a catalog"))
        self.catalog_add.setText(self.tr("&Add"))
        self.catalog_folder.setText(self.tr("Add a &folder…"))
        self.catalog_remove.setText(self.tr("&Remove"))
        self.nearby_button.setText(self.tr("Fi&nd computers sharing courses nearby"))
        self.nearby_list.setAccessibleName(self.tr("Computers sharing courses"))
        self.nearby_add.setText(self.tr("Add &this computer"))
        self.cap_label.setText(self.tr("&Speed limit:"))
        self.cap.setSpecialValueText(self.tr("No limit"))
        self.cap.setSuffix(self.tr(" KB/s"))
        self.parallel_label.setText(self.tr("&Files at once:"))
        self.window_on.setText(self.tr("Download &only between"))
        self.window_and.setText(self.tr("and"))
        self.window_start.setAccessibleName(self.tr("Start of the download hours"))
        self.window_end.setAccessibleName(self.tr("End of the download hours"))
        self.unmetered.setText(self.tr("Only on &unmetered connections (not on mobile data)"))
        # sync.repository.is_local_source: they exist to save paid bandwidth (docs/downloads.md).
        self.local_note.setText(
            self.tr(
                "The speed limit, the hours and “only on unmetered connections” do not apply to "
                "USB sticks or to computers of this network."
            )
        )
        self.download_note.setText(
            self.tr(
                "These apply at once, also to downloads in progress. A download waiting for "
                "its hours or for another connection continues by itself."
            )
        )
        self.key_intro.setText(
            self.tr(
                "Courses from a catalog must be signed by one of these keys. Your institution's "
                "keys come with this installation and cannot be removed."
            )
        )
        self.key_list.setAccessibleName(self.tr("Trusted keys"))
        self.key_add.setText(self.tr("Add a &key file…"))
        self.key_remove.setText(self.tr("R&emove key"))
        self.close_button.setText(self.tr("Close"))
        self.catalog_error.setText(self._catalog_line())
        self._fill_catalogs()
        self._fill_keys()
        if self.nearby is not None or self._search:
            self._show_nearby()
