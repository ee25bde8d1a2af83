"""Settings' Catalogs tab: the catalogs courses are offered by, added and removed, and the
computers of this network sharing courses, found and added as catalogs.

A computer of the lab sharing its courses (Course → Share courses on this network…) can be found
with "Find computers sharing courses nearby" (sync/share_discovery.py, on a worker of the task
runner: the search waits 1.5 s for answers); the one chosen is added exactly as its typed address.
Every change is saved at once. The institution's catalogs come with the installation: they are
shown, and cannot be removed. Its words are in this class's translation context (`self.tr`, so
that pyside6-lupdate keeps the plural forms of "%n courses"; QCoreApplication.translate with
another class's context loses them); why a catalog is refused, or the search could not run, is
worded in settings_catalog_words.py, in SettingsDialog's.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from player.context import Context
from player.library.catalog_keys import STOPPED, SignerCheck
from player.library.catalogs import (
    CatalogEntry,
    CatalogListing,
    Catalogs,
    CatalogSource,
    CatalogSourceError,
)
from player.ui.announce import announce
from player.ui.file_dialogs import existing_directory
from player.ui.i18n import fill
from player.ui.layouts import nested
from player.ui.settings_catalog_words import refusal, search_failure, unexpected
from player.ui.settings_save import save_settings
from player.ui.tasks import TaskRunner
from player.ui.tooltips import plain_tooltip
from player.wording import isolated
from sync.download_state import FailureKind
from sync.share_discovery import DiscoveryError, DiscoveryFault, FoundShare, seek

log = logging.getLogger(__name__)
CATALOG_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_LINES = 3
"""The keys said under "Added." at most, the others counted in one line (the first ones in its
tooltip): a folder whose 40 courses each had its own key made Settings 1051 px high, its Close
button off an 800 px screen."""
KEY_TOOLTIP_LINES = 10
"""The keys in that line's tooltip and accessible description at most, then "…": its 40 keys
drew a tooltip taller than the screen."""


class CatalogsTab(QWidget):
    """Its texts are set and its list filled in `retranslate` alone, which the dialog drives: it
    calls retranslate after building the tab and on a language change (a tab shown without it
    has no texts and an empty list)."""

    changed = Signal()  # a catalog added or removed, saved

    def __init__(
        self,
        context: Context,
        catalogs: Catalogs | None,
        parent: QWidget | None = None,
        *,
        tasks: TaskRunner | None = None,
        seek_shares: Callable[[], list[FoundShare]] = seek,
        read_catalog: Callable[[CatalogSource], CatalogListing] | None = None,
        check_signers: Callable[..., SignerCheck] | None = None,
    ) -> None:
        """`catalogs`: None when there are none to manage (the dialog then disables the tab);
        `tasks`: None, no search for computers nearby and catalogs added unread."""
        super().__init__(parent)
        self.context = context
        self.catalogs = catalogs
        self.tasks = tasks
        self.read_catalog = read_catalog
        """`Catalogs.try_candidate` with the network session, run on a worker before a catalog
        is added (one its source answered with and no player can use is refused); None: added
        unread (no network here)."""
        self._reading = 0  # a read answered after another began, or the dialog closed: dropped
        self.check_signers = check_signers
        """`catalog_keys.untrusted_signers` with the catalogs, the network session and a `stop`,
        run on a worker once a catalog read is added: its courses signed by a key whose
        downloads are refused here (not trusted, the demo key, an earlier demo key) are said at
        the add, as `cartable catalogs add` says them; None: not checked."""
        self._checking = threading.Event()
        """Set once no one waits for the signer check under way (another add, the dialog closed,
        the player quitting): it gives up, a server that hangs with it."""
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
        self._catalog_line: Callable[[], str] = lambda: ""
        """The line under the catalog field, in the interface's language ("" for none)."""
        self._catalog_detail: Callable[[], str] = lambda: ""
        """Its tooltip and accessible description, worded again with it."""
        self.catalog_intro = QLabel(self)
        self.catalog_intro.setWordWrap(True)
        self.catalog_list = QListWidget(self)
        self.catalog_entry = QLineEdit(self)
        self.catalog_entry_label = QLabel(self)  # its Alt key: the field had neither
        self.catalog_entry_label.setBuddy(self.catalog_entry)
        self.catalog_add = QPushButton(self)
        self.catalog_folder = QPushButton(self)
        self.catalog_remove = QPushButton(self)
        self.catalog_error = QLabel(self)
        self.catalog_error.setTextFormat(Qt.TextFormat.PlainText)  # names a folder as written
        self.catalog_error.setWordWrap(True)
        self.catalog_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.nearby_button = QPushButton(self)
        self.nearby_status = QLabel(self)
        self.nearby_status.setWordWrap(True)
        self.nearby_list = QListWidget(self)
        self.nearby_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.nearby_add = QPushButton(self)
        catalog_layout = QVBoxLayout(self)
        catalog_layout.addWidget(self.catalog_intro)
        catalog_layout.addWidget(self.catalog_list, 1)
        catalog_layout.addWidget(self.catalog_remove, 0, Qt.AlignmentFlag.AlignLeft)
        catalog_layout.addWidget(self.catalog_entry_label)
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

        self.catalog_add.clicked.connect(self._add_catalog)
        # Enter in the address field adds it; it must not reach the dialog, whose default
        # button (Close) would shut it before the learner reads "Added" or what was wrong.
        self.catalog_entry.installEventFilter(self)
        self.catalog_folder.clicked.connect(self._add_catalog_folder)
        self.catalog_remove.clicked.connect(self._remove_catalog)
        # A method, not a closure: see TrustedKeysTab._add_key.
        self.catalog_list.currentRowChanged.connect(self._update_remove)
        self.nearby_button.clicked.connect(self.find_nearby)
        self.nearby_add.clicked.connect(self._add_nearby)
        self.nearby_list.itemActivated.connect(self._add_nearby)
        self.nearby_button.setVisible(tasks is not None)
        self._show_nearby()

    def _fill_catalogs(self) -> None:
        self.catalog_list.clear()
        if self.catalogs is None:
            return
        for source in self.catalogs.sources():
            text = source.location
            if not source.removable:
                text = self.tr("%1 (your institution's)").replace("%1", isolated(text))
            item = QListWidgetItem(text, self.catalog_list)
            item.setData(CATALOG_ROLE, source)
        self._update_remove()

    def _add_catalog(self) -> None:
        text = self.catalog_entry.text().strip()
        if not text or self.catalogs is None:
            return
        try:
            source = self.catalogs.candidate(text)
        except CatalogSourceError as exc:
            self._say_catalog(
                partial(refusal, text, exc, self.context.branding.product_name), str(exc)
            )
            return
        if self.read_catalog is None or self.tasks is None:
            self._added(text, source, None)
            return
        self._reading += 1
        self._checking.set()  # the previous add's check: its answer would be dropped
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
            self._say_catalog(
                partial(refusal, text, exc, self.context.branding.product_name), str(exc)
            )
            return
        except Exception as exc:  # a fault of ours: said, and nothing added
            log.exception("cannot read the catalog %s", source.location)  # for the report
            line = str(exc) or type(exc).__name__
            self._say_catalog(partial(unexpected, text, self.context.branding.product_name), line)
            return
        save_settings(self.context)
        self.catalog_entry.clear()
        if isinstance(read, CatalogListing) and read.error:  # no answer: added for later
            self._say_catalog(
                lambda: self.tr(
                    "Added, though it cannot be reached now: the catalog page shows its courses "
                    "once it can.",
                ),
                read.error,
            )
        else:

            def added() -> str:  # itself: the signer check says its keys below it, if still shown
                return self.tr("Added. The catalog page shows its courses.")

            self._say_catalog(added)
            if isinstance(read, CatalogListing) and reading is not None:
                self._check_signers(read, reading, added)
        self._fill_catalogs()
        self.catalog_list.setCurrentRow(self.catalog_list.count() - 1)
        self.changed.emit()

    def _check_signers(
        self, listing: CatalogListing, reading: int, added: Callable[[], str]
    ) -> None:
        """Read which keys sign the courses of the catalog just added, on a worker (a server's
        signatures are fetched): a catalog whose courses can only be refused was added in
        silence, and its downloads failed later. `added`: the line this add said."""
        check = self.check_signers
        if check is None or self.tasks is None:
            return
        self._checking.set()
        stopped = self._checking = threading.Event()
        self.tasks.run_task(
            lambda: check(listing, stop=stopped.is_set),
            lambda found: self._signers_checked(found, reading, added),
            lambda error: log.warning("cannot check the signers of a catalog: %s", error),
        )

    def _signers_checked(self, check: SignerCheck, reading: int, added: Callable[[], str]) -> None:
        """Below "Added.", a line per key whose courses here are refused (`KEY_LINES` at most,
        the others counted), or that they could not be checked. Dropped when another add
        began or the dialog closed, and when the line says something else since (a refusal, a
        Remove): a late check wrote a removed catalog's keys over the line."""
        if reading != self._reading or self._catalog_line is not added:
            return
        if check.failure == STOPPED:
            return
        earlier = self.context.trust.earlier_ids()
        keys = [(FailureKind.TRUST, key_id, entries) for key_id, entries in check.untrusted.items()]
        for key_id, entries in check.scoped.items():
            kind = FailureKind.EARLIER_KEY if key_id in earlier else FailureKind.KEY_SCOPE
            keys.append((kind, key_id, entries))
        if not keys and check.failure is None:
            return
        failure = check.failure

        def every_key() -> list[str]:
            return [self._signer_line(kind, key_id, entries) for kind, key_id, entries in keys]

        def said() -> str:
            lines = [added(), *every_key()[:KEY_LINES]]
            if len(keys) > KEY_LINES:
                lines.append(
                    self.tr(
                        "…and %n other keys sign courses refused here.", "", len(keys) - KEY_LINES
                    )
                )
            if failure is not None:  # as `cartable catalogs add` says it
                lines.append(
                    self.tr(
                        "%1 could not check which keys sign its courses: its downloads will say "
                        "it.",
                    ).replace("%1", isolated(self.context.branding.product_name))
                )
            return "\n".join(lines)

        def detail() -> str:
            """The keys, when not all are said (`KEY_TOOLTIP_LINES` at most); why the check
            gave up, in English."""
            lines = every_key()[:KEY_TOOLTIP_LINES] if len(keys) > KEY_LINES else []
            if len(keys) > KEY_TOOLTIP_LINES:
                lines.append("…")
            return "\n".join(lines + ([failure] if failure is not None else []))

        self._say_catalog(said, detail)

    def _signer_line(self, kind: FailureKind, key_id: str, entries: list[CatalogEntry]) -> str:
        """The line for `key_id`, whose courses' downloads `kind` refuses (the Downloads row's
        meaning), naming the first five courses it signs."""
        ids = ", ".join(entry.id for entry in entries[:5]) + (", …" if len(entries) > 5 else "")
        if kind is FailureKind.TRUST:  # a key to add would help
            text = self.tr(
                "Key %1, which %2 does not trust, signs %n courses of this catalog (%3): their "
                "downloads will be refused. If your institution gave you its key file, add it in "
                "the Trusted keys tab.",
                "",
                len(entries),
            )
        elif kind is FailureKind.KEY_SCOPE:  # the demo key, listed already
            text = self.tr(
                "Key %1, which %2 accepts only for another course, signs %n courses of this "
                "catalog (%3): they cannot be installed. Tell its publisher.",
                "",
                len(entries),
            )
        else:  # EARLIER_KEY: accepted for no course, no key to add
            text = self.tr(
                "Key %1, an earlier key of the demo course, which %2 no longer accepts, signs "
                "%n courses of this catalog (%3): they cannot be installed.",
                "",
                len(entries),
            )
        return fill(text, key_id, isolated(self.context.branding.product_name), isolated(ids))

    def _say_catalog(self, line: Callable[[], str], detail: str | Callable[[], str] = "") -> None:
        """The line under the field, worded again in a new interface language; `detail`, its
        tooltip and accessible description: the English line behind it, for support, or words
        of its own, worded again with it."""
        self._checking.set()  # a check under way writes under no line shown any more: given up
        self._catalog_line = line
        self._catalog_detail = detail if callable(detail) else partial(str, detail)
        self._show_catalog_line()

    def _show_catalog_line(self) -> None:
        self.catalog_error.setText(self._catalog_line())
        detail = self._catalog_detail()
        self.catalog_error.setToolTip(plain_tooltip(detail))  # quotes the address as typed
        self.catalog_error.setAccessibleDescription(detail)

    def _add_catalog_folder(self) -> None:
        folder = existing_directory(
            self.window(),
            self.tr("A folder holding a catalog (catalog.json)"),
        )
        if folder:
            self.catalog_entry.setText(folder)
            self._add_catalog()

    def _remove_catalog(self) -> None:
        item = self.catalog_list.currentItem()
        if item is None or self.catalogs is None:
            return
        location = item.data(CATALOG_ROLE).location
        try:
            self.catalogs.remove(location)
        except CatalogSourceError as exc:
            self._say_catalog(
                partial(refusal, location, exc, self.context.branding.product_name), str(exc)
            )
            return
        save_settings(self.context)
        self._say_catalog(lambda: "")
        self._fill_catalogs()
        self.changed.emit()

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
            text = fill(
                self.tr("%1 (%2): %3"),
                isolated(share.name),
                share.address,
                courses,
            )
            item = QListWidgetItem(text, self.nearby_list)
            item.setData(CATALOG_ROLE, share)
            item.setToolTip(share.url)
        self.nearby_list.setVisible(bool(found))
        self.nearby_add.setVisible(bool(found))
        # The system's English words only in the tooltip and description, for whoever helps.
        self.nearby_status.setToolTip(plain_tooltip(self.nearby_error))
        self.nearby_status.setAccessibleDescription(self.nearby_error)
        if self.nearby_error:
            self.nearby_status.setText(search_failure(self.nearby_fault))
        elif self._search and self.nearby is None:
            self.nearby_status.setText(
                self.tr("Looking for computers sharing courses on this network…")
            )
        elif found:
            self.nearby_status.setText(
                self.tr(
                    "Found %n computers sharing courses: choose one, then add it.",
                    "",
                    len(found),
                )
            )
        elif self.nearby is not None:
            self.nearby_status.setText(
                self.tr(
                    "No computer sharing courses answered. The sharing computer must be on this "
                    "same network and sharing now; a firewall, or a Wi-Fi network that blocks "
                    "the search, can also hide it: then type the address it shows in the field "
                    "above.",
                )
            )
        self.nearby_status.setVisible(self._search > 0)

    def _add_nearby(self) -> None:
        """The chosen computer, added exactly as its address typed in the field."""
        item = self.nearby_list.currentItem()
        if item is None:
            return
        share: FoundShare = item.data(CATALOG_ROLE)
        self.catalog_entry.setText(share.url)
        self._add_catalog()

    def stop(self) -> None:
        """The dialog closes, or the player quits: a search still running answers no one, nor a
        catalog being read; a signer check gives up (a hung server held the quit past
        `QUIT_WAIT_MS`)."""
        self._search += 1
        self._reading += 1
        self._checking.set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.catalog_entry and event.type() == QEvent.Type.KeyPress:
            key: QKeyEvent = event  # type: ignore[assignment]
            if key.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.catalog_entry.isEnabled():  # a filter sees it even while a read waits
                    self._add_catalog()
                return True
        return super().eventFilter(watched, event)

    def _update_remove(self) -> None:
        item = self.catalog_list.currentItem()
        self.catalog_remove.setEnabled(item is not None and item.data(CATALOG_ROLE).removable)

    def retranslate(self) -> None:
        """The texts, the list and the lines under the field and the search, in the interface's
        language (called by the dialog's)."""
        self.catalog_intro.setText(
            self.tr(
                "Courses are offered by catalogs: a web address, or a folder holding a "
                "catalog.json (a USB stick, a shared drive).",
            )
        )
        self.catalog_list.setAccessibleName(self.tr("Catalogs"))
        # S: A, F, R, N, T and the tabs' C, W, D are taken here, and in French O, H, E, D, C.
        self.catalog_entry_label.setText(self.tr("Addre&ss or folder of a catalog:"))
        self.catalog_entry.setPlaceholderText(self.tr("https://… or a folder"))
        self.catalog_entry.setAccessibleName(self.tr("Address or folder of a catalog"))
        self.catalog_add.setText(self.tr("&Add"))
        self.catalog_folder.setText(self.tr("Add a &folder…"))
        self.catalog_remove.setText(self.tr("&Remove"))
        self.nearby_button.setText(self.tr("Fi&nd computers sharing courses nearby"))
        self.nearby_list.setAccessibleName(self.tr("Computers sharing courses"))
        self.nearby_add.setText(self.tr("Add &this computer"))
        self._show_catalog_line()
        self._fill_catalogs()
        if self.nearby is not None or self._search:
            self._show_nearby()
