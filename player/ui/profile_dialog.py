"""Who is studying: choose a profile (with its PIN when it has one) or create one.

A page of the main window rather than a modal dialog: the first thing a new learner sees, and
what "Switch profile" brings back. Choosing the interface language while creating a profile
switches the page to it at once, so a learner who does not read English is not stuck. Each line
of the list says, as Manage profiles does, which profile has a PIN and which is in use.
"""

from __future__ import annotations

import logging
import math
import sqlite3

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from player.store.database import StoreError
from player.store.profiles import (
    MAX_NAME,
    PIN_PATTERN,
    PinCheck,
    PinOutcome,
    Profile,
    ProfileError,
    Profiles,
    name_key,
    refused_character,
)
from player.ui.button import Button
from player.ui.combo_popup import ChoiceBox
from player.ui.i18n import LANGUAGES, Translations, fill
from player.ui.layouts import nested
from player.ui.profile_list import NAME_ROLE, PROFILE_ROLE, SEPARATOR, NameFirstDelegate
from player.ui.tooltips import plain_tooltip
from player.wording import isolated

log = logging.getLogger(__name__)

FIELD_ROLE = QFormLayout.ItemRole.FieldRole

# Tries left before a wait from which a wrong PIN says how many.
SAY_TRIES_LEFT = 3


class PinWords(QObject):
    """What a refused PIN says (here and in Manage profiles): something new at each retry, so
    the learner sees it was read: the tries left before a wait, then how long to wait."""

    def try_pin(self, profiles: Profiles, profile: Profile, pin: str) -> str:
        """Try `pin` for `profile` (which has a PIN): "" when it opens, else what to say. A
        value that is not 4 digits (Enter pressed too early) is asked again, not counted; a
        store that cannot check it (the file unreadable...) is said in one line, and logged."""
        if not PIN_PATTERN.match(pin):
            return self.malformed(profile)
        try:
            check = profiles.try_pin(profile.id, pin)
        except (StoreError, sqlite3.Error) as exc:
            log.warning("the PIN of profile %s could not be checked: %s", profile.id, exc)
            return self.tr("The PIN could not be checked: try again in a moment.")
        if check.outcome is PinOutcome.MALFORMED:
            return self.malformed(profile)
        return self.refusal(check)

    def malformed(self, profile: Profile) -> str:
        return fill(self.tr("Type the 4-digit PIN of %1."), isolated(profile.name))

    def refusal(self, check: PinCheck) -> str:
        """The message for a PIN try that did not open ("" for the right one; a MALFORMED
        value is answered by `try_pin`, which knows the profile's name)."""
        if check.outcome is PinOutcome.LOCKED:
            return self.tr("Too many wrong tries: wait %1, then try again.").replace(
                "%1", self.duration(check.wait)
            )
        if check.outcome is PinOutcome.RIGHT:
            return ""
        if check.wait > 0:
            return self.tr("Wrong PIN. Too many wrong tries: wait %1, then try again.").replace(
                "%1", self.duration(check.wait)
            )
        if check.tries_left <= SAY_TRIES_LEFT:
            return self.tr("Wrong PIN. %n tries left before a wait.", "", check.tries_left)
        return self.tr("Wrong PIN. Try again.")

    def duration(self, seconds: float) -> str:
        """A wait, rounded up: "30 seconds", "2 minutes"."""
        whole = max(1, math.ceil(seconds - 0.001))
        if whole < 60:
            return self.tr("%n seconds", "", whole)
        return self.tr("%n minutes", "", math.ceil(whole / 60))


class NameWords(QObject):
    """What a profile name longer than the store keeps says (here and in Manage profiles): the
    name fields take any length, so a long name is never cut short without a word."""

    def too_long(self, name: str) -> str:
        """Nothing when the store takes `name` (spaces folded): its length, its characters;
        else what to say."""
        if len(name) > MAX_NAME:
            return (
                self.tr("A name has at most %1 characters; this one has %2.")
                .replace("%1", str(MAX_NAME))
                .replace("%2", str(len(name)))
            )
        if refused_character(name):  # pasted: an ESC, a right-to-left override
            return self.tr("A name cannot hold control or text-direction characters.")
        return ""


def keep_room(*widgets: QWidget) -> None:
    """A widget hidden keeps its room: what is below does not jump when it shows again."""
    for widget in widgets:
        policy = widget.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        widget.setSizePolicy(policy)


def say_under(field: QWidget, message: QLabel, text: str) -> None:
    """`text` under `field` (nothing: the line goes), and the field's accessible description."""
    message.setText(text)
    message.setAccessibleName(text)
    message.setVisible(bool(text))
    field.setAccessibleDescription(text)


class ProfilePage(QWidget):
    chosen = Signal(object)  # Profile
    cancelled = Signal()

    def __init__(
        self,
        profiles: Profiles,
        translations: Translations,
        language: str,
        parent: QWidget | None = None,
        *,
        can_cancel: bool = False,
        current_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.profiles = profiles
        self.current_id = current_id
        """The profile open now (Switch profile), None at the first start."""
        self.translations = translations
        self.setObjectName("profilePage")

        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.existing_label = QLabel(self)
        self.existing_label.setObjectName("subheading")
        self.list = QListWidget(self)
        self.list.setMaximumHeight(self.fontMetrics().height() * 10)
        # A long name ends in "…" (its tooltip says it whole) instead of a horizontal scroll;
        # what follows it (PIN, in use) stays in sight.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)  # a line without NAME_ROLE
        self.list.setItemDelegate(NameFirstDelegate(self.list))
        self.existing_label.setBuddy(self.list)
        self.pin_label = QLabel(self)
        self.pin = QLineEdit(self)
        self.pin_label.setBuddy(self.pin)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(4)
        digits = QRegularExpressionValidator(QRegularExpression("[0-9]{0,4}"), self)
        self.pin.setValidator(digits)
        keep_room(self.pin_label, self.pin)  # a profile without a PIN: no jump (only hidden)
        self.pin_message = QLabel(self)  # a refused PIN: under its field, left of Open
        self.pin_message.setTextFormat(Qt.TextFormat.PlainText)  # quotes a profile's name
        self.pin_message.setWordWrap(True)
        self.pin_message.setObjectName("error")
        self.open_button = Button(self)  # primary: room for the focused border
        self.open_button.setObjectName("primary")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setVisible(can_cancel)

        self.new_label = QLabel(self)
        self.new_label.setObjectName("subheading")
        self.name = QLineEdit(self)  # no maxLength: a long name is refused with why, not cut
        self.language = ChoiceBox(self)  # its list as wide as its longest language
        for code, native in LANGUAGES.items():
            self.language.addItem(native, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.new_pin = QLineEdit(self)
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin.setMaxLength(4)
        self.new_pin.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,4}")))
        # Typed twice, as when a PIN is changed: one slip at creation locked the learner out of
        # their own records, and a PIN cannot be recovered.
        self.new_pin_again = QLineEdit(self)
        self.new_pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin_again.setMaxLength(4)
        self.new_pin_again.setValidator(
            QRegularExpressionValidator(QRegularExpression("[0-9]{0,4}"))
        )
        self.create_button = QPushButton(self)
        for button in (self.open_button, self.cancel_button, self.create_button):
            button.setAutoDefault(True)  # Enter presses a focused button, not only Space
        self.message = QLabel(self)  # what the store refuses, under the form
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # may quote the name typed
        self.message.setWordWrap(True)
        self.message.setObjectName("error")
        self.message.setAccessibleName("")
        # what is wrong with the name, the PIN: right under that field, gone once it is edited
        self.name_message = QLabel(self)
        self.new_pin_message = QLabel(self)
        for label in (self.name_message, self.new_pin_message):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setObjectName("error")
            label.hide()

        self.existing = QFrame(self)
        existing_layout = QVBoxLayout(self.existing)
        existing_layout.setContentsMargins(0, 0, 0, 0)
        existing_layout.addWidget(self.existing_label)
        existing_layout.addWidget(self.list)
        pin_row = nested(existing_layout, QHBoxLayout())
        pin_row.addWidget(self.pin_label)
        pin_row.addWidget(self.pin, 1)
        buttons = nested(existing_layout, QHBoxLayout())
        buttons.addWidget(self.pin_message, 1)  # in room that is there anyway: nothing moves
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.open_button)

        self.name_label = QLabel(self)
        self.name_label.setBuddy(self.name)
        self.language_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        self.new_pin_label = QLabel(self)
        self.new_pin_label.setBuddy(self.new_pin)
        self.new_pin_again_label = QLabel(self)
        self.new_pin_again_label.setBuddy(self.new_pin_again)

        holder = QWidget(self)
        column = QVBoxLayout(holder)
        column.addStretch(1)
        column.addWidget(self.heading)
        column.addSpacing(12)
        column.addWidget(self.existing)
        column.addSpacing(12)
        column.addWidget(self.new_label)
        self.form = nested(column, QFormLayout())
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.addRow(self.name_label, self.name)
        self.form.setWidget(self.form.rowCount(), FIELD_ROLE, self.name_message)
        self.form.addRow(self.language_label, self.language)
        self.form.addRow(self.new_pin_label, self.new_pin)
        self.form.setWidget(self.form.rowCount(), FIELD_ROLE, self.new_pin_message)
        self.form.addRow(self.new_pin_again_label, self.new_pin_again)
        create_row = nested(column, QHBoxLayout())
        create_row.addStretch(1)
        create_row.addWidget(self.create_button)
        column.addWidget(self.message)
        column.addStretch(2)
        holder.setMaximumWidth(self.fontMetrics().averageCharWidth() * 80)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(holder, 3)
        outer.addStretch(1)

        self.list.currentItemChanged.connect(self._selection_changed)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.open_button.clicked.connect(self.open_selected)
        self.pin.returnPressed.connect(self.open_selected)
        self.cancel_button.clicked.connect(self.cancel)
        self.create_button.clicked.connect(self.create)
        self.name.returnPressed.connect(self.create)
        self.name.textEdited.connect(lambda _t: (self._name_error(""), self._error("")))
        self.new_pin.textEdited.connect(lambda _t: self._new_pin_error(""))
        self.new_pin.returnPressed.connect(self.create)
        self.new_pin_again.textEdited.connect(lambda _t: self._new_pin_error(""))
        self.new_pin_again.returnPressed.connect(self.create)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language.installEventFilter(self)  # Enter on the language creates, as in a form
        if can_cancel:
            QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.cancel)

        self.retranslate()
        self.reload()

    # -- data -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.list.clear()
        for profile in self.profiles.all():
            item = QListWidgetItem(profile.name)
            item.setData(PROFILE_ROLE, profile)
            item.setData(NAME_ROLE, profile.name)
            self.list.addItem(item)
        self.word_items()
        has_profiles = self.list.count() > 0
        self.existing.setVisible(has_profiles)
        if has_profiles:
            self.list.setCurrentRow(0)
            self.list.setFocus()
        else:
            self.name.setFocus()
        self._selection_changed()

    def selected(self) -> Profile | None:
        item = self.list.currentItem()
        return item.data(PROFILE_ROLE) if item is not None else None

    def select(self, profile_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(PROFILE_ROLE).id == profile_id:
                self.list.setCurrentRow(row)
                return

    # -- actions ----------------------------------------------------------------------------

    def open_selected(self) -> None:
        profile = self.selected()
        if profile is None:
            return
        if profile.has_pin:
            if not self.pin.text():
                self.pin.setFocus()
                self._pin_error(fill(self.tr("Type the PIN of %1."), isolated(profile.name)))
                return
            refused = PinWords().try_pin(self.profiles, profile, self.pin.text())
            if refused:
                self.pin.clear()
                self.pin.setFocus()
                self._pin_error(refused)
                return
        self.pin.clear()
        self._pin_error("")
        self._error("")
        self.chosen.emit(profile)

    def cancel(self) -> None:
        """Back to the profile open before Switch profile (Cancel, Escape), its PIN asked first
        when it has one: the learner may have walked away from this page, and whoever presses
        Escape here has typed none. Without a PIN, back at once."""
        current = self._current()
        if current is None or not current.has_pin:
            self.cancelled.emit()
            return
        chosen = self.selected()
        if chosen is None or chosen.id != current.id:
            self.select(current.id)  # its PIN field shown, emptied
        self.pin.setFocus()
        if not self.pin.text():
            self._pin_error(fill(self.tr("Type the PIN of %1."), isolated(current.name)))
            return
        refused = PinWords().try_pin(self.profiles, current, self.pin.text())
        self.pin.clear()
        self._pin_error(refused)
        if not refused:
            self.cancelled.emit()

    def _current(self) -> Profile | None:
        """The profile open before this page, as the records say now (a PIN set meanwhile in
        Manage profiles counts), else as listed."""
        if self.current_id is None:
            return None
        try:
            return self.profiles.get(self.current_id)
        except (StoreError, sqlite3.Error) as exc:
            log.warning("could not read profile %s: %s", self.current_id, exc)
        for row in range(self.list.count()):
            listed: Profile = self.list.item(row).data(PROFILE_ROLE)
            if listed.id == self.current_id:
                return listed
        return None

    def create(self) -> None:
        name = " ".join(self.name.text().split())
        pin = self.new_pin.text()
        self._error("")
        if not name_key(name):  # nothing that shows (U+3164 alone): no name
            self.name.setFocus()
            self._name_error(self.tr("Type a name for the new profile."))
            return
        too_long = NameWords().too_long(name)
        if too_long:
            self.name.setFocus()
            self._name_error(too_long)
            return
        same = self.profiles.named_like(name)  # "awa", "Awa" + a zero-width space: "Awa"
        if same is not None:
            self.name.setFocus()
            self._name_error(
                self.tr("A profile named %1 already exists.").replace("%1", isolated(same.name))
            )
            return
        self._name_error("")
        if pin and not PIN_PATTERN.match(pin):
            self.new_pin.setFocus()
            self._new_pin_error(self.tr("A PIN is exactly 4 digits, or leave it empty."))
            return
        if pin and not self.new_pin_again.text():
            self.new_pin_again.setFocus()  # Enter after the PIN: on to typing it again
            return
        if pin != self.new_pin_again.text():
            self.new_pin.clear()
            self.new_pin_again.clear()
            self.new_pin.setFocus()
            self._new_pin_error(self.tr("The two PINs differ. Type the same PIN twice."))
            return
        self._new_pin_error("")
        try:
            profile = self.profiles.add(name, str(self.language.currentData()), pin or None)
        except ProfileError as exc:
            self._error(str(exc))
            return
        self.name.clear()
        self.new_pin.clear()
        self.new_pin_again.clear()
        self._error("")
        self.chosen.emit(profile)

    def _error(self, text: str) -> None:
        """What is wrong with the new profile, under its form."""
        self.message.setText(text)
        self.message.setAccessibleName(text)

    def _name_error(self, text: str) -> None:
        """What is wrong with the new profile's name, right under the name field, and told by
        a screen reader with the field; editing the name takes it away."""
        say_under(self.name, self.name_message, text)

    def _new_pin_error(self, text: str) -> None:
        """What is wrong with the new profile's PIN, right under the PIN field."""
        say_under(self.new_pin, self.new_pin_message, text)

    def _pin_error(self, text: str) -> None:
        """What a PIN try says, right under the PIN field, and told by a screen reader with
        the field (its accessible description)."""
        self.pin_message.setText(text)
        self.pin_message.setAccessibleName(text)
        self.pin.setAccessibleDescription(text)

    def _selection_changed(self, *_args: object) -> None:
        profile = self.selected()
        needs_pin = bool(profile and profile.has_pin)
        self.pin.setVisible(needs_pin)
        self.pin_label.setVisible(needs_pin)
        self.pin.clear()
        self._pin_error("")  # it was about the profile selected before
        self.open_button.setEnabled(profile is not None)

    def _language_chosen(self, _index: int) -> None:
        self.translations.use(str(self.language.currentData()))
        self.retranslate()  # now, not when the posted LanguageChange arrives

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.language
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.create()
            return True
        return super().eventFilter(watched, event)

    # -- text -------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Who is studying?"))
        self.existing_label.setText(self.tr("Profiles on &this computer"))
        self.list.setAccessibleName(self.tr("Profiles on this computer"))
        self.pin_label.setText(self.tr("P&IN:"))
        self.pin.setAccessibleName(self.tr("PIN of the selected profile"))
        self.open_button.setText(self.tr("&Open"))
        self.open_button.setAccessibleName(self.tr("Open the selected profile"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.new_label.setText(self.tr("New profile"))
        self.name_label.setText(self.tr("&Name:"))
        self.language_label.setText(self.tr("&Language:"))
        self.new_pin_label.setText(self.tr("PIN (optional, 4 &digits):"))
        self.new_pin_again_label.setText(self.tr("PIN a&gain:"))
        self.new_pin_again.setAccessibleName(self.tr("PIN of the new profile, again"))
        self.name.setAccessibleName(self.tr("Name of the new profile"))
        self.name.setPlaceholderText(self.tr("First name, or a nickname"))
        self.language.setAccessibleName(self.tr("Interface language of the new profile"))
        self.new_pin.setAccessibleName(self.tr("PIN of the new profile, optional"))
        self.new_pin.setToolTip(
            self.tr("A PIN keeps classmates on a shared computer out of your progress.")
        )
        self.create_button.setText(self.tr("C&reate and open"))
        self.create_button.setAccessibleName(self.tr("Create the profile and open it"))
        self.word_items()

    def word_items(self) -> None:
        """Each line: the name, then "PIN" and "in use" in sight, worded as in Manage
        profiles (its translations); the tooltip and what a screen reader says name the profile
        whole (a long name is cut with "…" in the list) in a sentence. The name is `isolated` in
        what is seen (an Arabic name first turned the line right to left), bare where read."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            profile: Profile = item.data(PROFILE_ROLE)
            parts = [isolated(profile.name)]
            described, said = isolated(profile.name), profile.name  # seen, and read aloud
            if profile.has_pin:
                parts.append(QCoreApplication.translate("ProfilesDialog", "PIN"))
                pin = self.tr("%1, protected by a PIN")
                described, said = pin.replace("%1", described), pin.replace("%1", said)
            if profile.id == self.current_id:
                parts.append(QCoreApplication.translate("ProfilesDialog", "in use"))
                now = self.tr("%1, in use")
                described, said = now.replace("%1", described), now.replace("%1", said)
            item.setText(SEPARATOR.join(parts))
            item.setToolTip(plain_tooltip(described))  # a name's tag is text
            item.setData(Qt.ItemDataRole.AccessibleTextRole, said)
