"""Settings' first row: the interface language of the profile in use.

A learner looked for the language in Settings and did not find it: it was only in Manage
profiles. The language belongs to the profile (each learner of a shared computer has theirs), so
the row names whose it is and changes it as Manage profiles does: the store's `set_language`,
then `changed` with the profile as stored, which the main window follows as it follows Manage
profiles' (MainWindow._profile_changed: the translators swapped, every window's LanguageChange).
The languages offered are player.ui.i18n's LANGUAGES, as in Manage profiles. Over the chooser no
profile is open: the row is disabled and says why.
"""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from player.store.database import StoreError
from player.store.profiles import Profile, Profiles
from player.ui.combo_popup import ChoiceBox
from player.ui.i18n import LANGUAGES, fill, no_mnemonic
from player.ui.tooltips import plain_tooltip
from player.wording import isolated

log = logging.getLogger(__name__)
NAME_CHARS = 30  # a longer name (up to 80 characters) is cut with "…" and said whole on hover


class ProfileLanguageRow(QWidget):
    """The row "Language of Awa's profile: [Français]": applied as soon as it is chosen."""

    changed = Signal(object)  # Profile: its new language stored

    def __init__(
        self,
        profiles: Profiles | None,
        profile: Profile | None,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        """`profile`: the one in use, None over the chooser; `language`: the interface's, shown
        when there is no profile."""
        super().__init__(parent)
        self.profiles = profiles
        self.profile = profile if profiles is not None else None
        self.error = ""  # the store's refusal of the last choice, as it said it
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # holds the learner's name
        self.combo = ChoiceBox(self)  # its list as wide as its longest language
        for code, native in LANGUAGES.items():
            self.combo.addItem(native, code)
        shown = self.profile.language if self.profile is not None else language
        self.combo.setCurrentIndex(max(0, self.combo.findData(shown)))
        self.label.setBuddy(self.combo)
        self.note = QLabel(self)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setObjectName("muted")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)
        layout.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        layout.addWidget(self.note, 1)
        self.label.setEnabled(self.profile is not None)
        self.combo.setEnabled(self.profile is not None)
        self.combo.currentIndexChanged.connect(self._chosen)
        self.retranslate()

    def _chosen(self, _index: int) -> None:
        profile, language = self.profile, str(self.combo.currentData())
        if profile is None or self.profiles is None or language == profile.language:
            return
        try:
            stored = self.profiles.set_language(profile.id, language)  # read back as stored
        except (StoreError, sqlite3.Error, OSError) as exc:  # as Manage profiles catches
            log.warning("could not change the language of a profile: %s", exc)
            self.error = str(exc)
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(max(0, self.combo.findData(profile.language)))
            self.combo.blockSignals(False)
            self.retranslate()
            return
        self.profile, self.error = stored, ""
        self.changed.emit(stored)  # the window swaps the language: LanguageChange retranslates
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if self.profile is None:
            self.label.setText(self.tr("&Profile language:"))
            self.label.setToolTip("")
            self.note.setText(self.tr("Open a profile first: each learner chooses their own."))
            return
        name = self.profile.name
        short = self.fontMetrics().elidedText(
            name, Qt.TextElideMode.ElideRight, self.fontMetrics().averageCharWidth() * NAME_CHARS
        )
        self.label.setText(
            fill(self.tr("Language of %1's &profile:"), no_mnemonic(isolated(short)))
        )
        self.label.setToolTip(plain_tooltip(name) if short != name else "")
        if self.error:
            self.note.setText(self.error)
        else:
            self.note.setText(self.tr("Only for this profile: each learner chooses their own."))
