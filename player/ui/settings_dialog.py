"""Settings: the language of the profile in use (player/ui/settings_language.py), and for getting
courses: catalogs and the computers nearby sharing courses (settings_catalogs.py), download limits
and hours (settings_downloads.py), trusted keys (settings_keys.py). Why a catalog is refused, or
the search could not run, is worded in settings_catalog_words.py. The Downloads and Trusted keys
tabs and those words keep this class's translation context; the Catalogs tab has its own.

Every change is saved at once and applies at once (the cap, the hours and the unmetered switch
reach running downloads through the controller). The institution's catalogs come with the
installation: they are shown, and cannot be removed.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from player.context import Context
from player.library.catalog_keys import SignerCheck
from player.library.catalogs import CatalogListing, Catalogs, CatalogSource
from player.store.profiles import Profile, Profiles
from player.ui.layouts import nested
from player.ui.settings_catalogs import CatalogsTab
from player.ui.settings_downloads import DownloadsTab
from player.ui.settings_keys import TrustedKeysTab
from player.ui.settings_language import ProfileLanguageRow
from player.ui.tasks import TaskRunner
from sync.share_discovery import FoundShare, seek


class SettingsTab(enum.IntEnum):
    """The dialog's tabs, in order: where a caller opens it (the Downloads page's Settings…
    opens Trusted keys when a row says to add a key there)."""

    CATALOGS = 0
    DOWNLOADS = 1
    TRUSTED_KEYS = 2


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
        check_signers: Callable[..., SignerCheck] | None = None,
        profiles: Profiles | None = None,
        profile: Profile | None = None,
        language: str = "en",
        tab: SettingsTab = SettingsTab.CATALOGS,
    ) -> None:
        """`profile`: the one in use, whose language the first row changes (None over the
        chooser: the row is disabled); `language`: the interface's, shown there then; `tab`:
        the one shown first."""
        super().__init__(parent)
        self.context = context
        self.catalogs = catalogs
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 110)
        # Above the tabs, first in the Tab chain: where a learner looks for the language.
        self.language_row = ProfileLanguageRow(profiles, profile, language, self)
        self.language_row.changed.connect(self.profile_changed)
        self.tabs = QTabWidget(self)

        self.catalog_page = CatalogsTab(
            context,
            catalogs,
            self,
            tasks=tasks,
            seek_shares=seek_shares,
            read_catalog=read_catalog,
            check_signers=check_signers,
        )
        self.download_page = DownloadsTab(context, self)
        self.key_page = TrustedKeysTab(context, self, choose_file=choose_file)

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

        self.catalog_page.changed.connect(self.catalogs_changed)
        self.download_page.changed.connect(self.downloads_changed)
        self.key_page.changed.connect(self.trust_changed)
        self.close_button.clicked.connect(self.accept)
        if catalogs is None:
            self.tabs.setTabEnabled(SettingsTab.CATALOGS, False)
        self.show_tab(tab)
        # The keyboard starts on the tabs, as before the language row: on it, an arrow key
        # pressed unawares would change the language at once.
        self.tabs.tabBar().setFocus()
        # A tab's Alt key takes the keyboard into it (`eventFilter`), and Add is the default
        # button while the keyboard is in the catalog's address field.
        self._tab_bar = self.tabs.tabBar()
        self._tab_bar.installEventFilter(self)
        self._catalog_entry = self.catalog_page.catalog_entry
        self._catalog_entry.installEventFilter(self)
        self.retranslate()

    def show_tab(self, tab: SettingsTab) -> None:
        """Bring `tab` to the front (a disabled one stays behind: Qt shows the next one)."""
        if self.tabs.isTabEnabled(tab):
            self.tabs.setCurrentIndex(tab)

    def first_field(self, page: QWidget) -> QWidget | None:
        """Where the keyboard goes in `page` when its tab is chosen by its Alt key: the
        catalog's address field (the list only serves Remove), else the page's first control
        Tab reaches."""
        entry = self.catalog_page.catalog_entry
        if page is self.catalog_page and entry.isEnabled():
            return entry
        widget = page.nextInFocusChain()
        while widget is not page and page.isAncestorOf(widget):
            if (
                widget.isVisibleTo(page)
                and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                return widget
            widget = widget.nextInFocusChain()
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Alt+letter of a tab showed it and left the keyboard on the tab bar: typed text went
        nowhere, and Enter pressed Close (learner run u1, Alt+C then an address). The tab shows
        as Qt does it, and the keyboard goes into it. In the address field, Add is drawn as the
        default button: Enter there adds (CatalogsTab), and Close is the default again when
        the keyboard leaves it."""
        if watched is self._tab_bar and event.type() == QEvent.Type.Shortcut:
            self._tab_bar.event(event)
            field = self.first_field(self.tabs.currentWidget())
            if field is not None:
                field.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return True
        if watched is self._catalog_entry:
            if event.type() == QEvent.Type.FocusIn:
                self.catalog_page.catalog_add.setDefault(True)
            elif event.type() == QEvent.Type.FocusOut:
                self.close_button.setDefault(True)
        return super().eventFilter(watched, event)

    def done(self, result: int) -> None:
        self.catalog_page.stop()  # a search still running answers no one, nor a catalog read
        super().done(result)

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
        self.close_button.setText(self.tr("Close"))
        self.catalog_page.retranslate()
        self.download_page.retranslate()
        self.key_page.retranslate()
