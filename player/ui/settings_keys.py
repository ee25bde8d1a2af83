"""Settings' Trusted keys tab: the keys a catalog's courses must be signed by.

The institution's keys come with the installation: they are shown, and cannot be removed.
Trusting a new key is an explicit act: the learner confirms after reading what it means. Its
words were written, and translated, in `SettingsDialog`: they keep that translation context
(`QCoreApplication.translate("SettingsDialog", ...)`, not `self.tr`, whose context would be this
class).
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from player.context import Context
from player.course.errors import KeyFileUnreadable, PrivateKeyGiven, SignatureError
from player.course.signing import PublicKey
from player.library.trust import TrustedKey
from player.ui.file_dialogs import open_file_name
from player.ui.layouts import nested
from player.ui.question_box import QuestionBox
from player.wording import isolated

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
log = logging.getLogger(__name__)


def key_file_refused(name: str, error: SignatureError) -> str:
    """Why a chosen file is not trusted, in the interface's words: the parser's reason
    (English, quoting the key format's prefix) goes to the log, never to the learner."""
    log.warning("key file refused: %s", error)
    if isinstance(error, PrivateKeyGiven):
        text = QCoreApplication.translate(
            "SettingsDialog",
            "%1 is a private key, not a public one: choose its .pub file instead, and keep "
            "this one secret.",
        )
    elif isinstance(error, KeyFileUnreadable):  # gone (a USB stick pulled), a folder, not allowed
        text = QCoreApplication.translate("SettingsDialog", "%1 could not be read.")
    else:
        text = QCoreApplication.translate("SettingsDialog", "%1 is not a Cartable public key file.")
    return text.replace("%1", isolated(name))


def key_not_saved(error: OSError) -> str:
    """Why a trusted key could not be written, by what the learner can do about it (the
    system's English words go to the log)."""
    log.warning("could not save a trusted key: %s", error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = QCoreApplication.translate("SettingsDialog", "the disk is full")
    elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = QCoreApplication.translate(
            "SettingsDialog", "this computer does not allow writing it (permission denied)"
        )
    else:
        reason = QCoreApplication.translate(
            "SettingsDialog", "the disk reported an error (the details are in the log)"
        )
    return QCoreApplication.translate("SettingsDialog", "The key could not be saved: %1.").replace(
        "%1", reason
    )


class TrustedKeysTab(QWidget):
    """Its texts are set and its list filled in `retranslate` alone, which the dialog drives: it
    calls retranslate after building the tab and on a language change (a tab shown without it
    has no texts and an empty list)."""

    changed = Signal()  # a key trusted or no longer trusted

    def __init__(
        self,
        context: Context,
        parent: QWidget | None = None,
        *,
        choose_file: Callable[[QWidget], str] | None = None,
    ) -> None:
        """`choose_file`: asks for a key file over the window given (tests answer it)."""
        super().__init__(parent)
        self.context = context
        self.choose_file = choose_file or self._choose_key_file
        self.confirm_box: QMessageBox | None = None
        self.confirm_key: PublicKey | None = None  # the key `confirm_box` asks about
        self.key_intro = QLabel(self)
        self.key_intro.setWordWrap(True)
        self.key_list = QListWidget(self)
        self.key_add = QPushButton(self)
        self.key_remove = QPushButton(self)
        self.key_error = QLabel(self)
        self.key_error.setTextFormat(Qt.TextFormat.PlainText)  # names a key file as written
        self.key_error.setWordWrap(True)
        key_layout = QVBoxLayout(self)
        key_layout.addWidget(self.key_intro)
        key_layout.addWidget(self.key_list, 1)
        key_buttons = nested(key_layout, QHBoxLayout())
        key_buttons.addWidget(self.key_add)
        key_buttons.addWidget(self.key_remove)
        key_buttons.addStretch(1)
        key_layout.addWidget(self.key_error)
        self.key_add.clicked.connect(self._add_key)
        self.key_remove.clicked.connect(self._remove_key)
        self.key_list.currentRowChanged.connect(self._update_remove)

    def _fill_keys(self) -> None:
        self.key_list.clear()
        for trusted in self.context.trust.trusted():
            item = QListWidgetItem(self._key_text(trusted), self.key_list)
            item.setData(KEY_ROLE, trusted)
        self._update_remove()

    def _key_text(self, trusted: TrustedKey) -> str:
        """The key's id, what it is, and one bracket. The demo key is named in the interface's
        words: its file's comment ("Cartable demo course (les-mooc only)") is English and has a
        bracket of its own, which gave "… (les-mooc only) (du cours de démonstration)"."""
        if trusted.origin == "demo":
            named = QCoreApplication.translate(
                "SettingsDialog", "Key of the demo course (valid for that course only)"
            )
            return f"{trusted.key_id} — {named}"
        origin = (
            QCoreApplication.translate("SettingsDialog", "your institution's")
            if trusted.origin == "branding"
            else QCoreApplication.translate("SettingsDialog", "added on this computer")
        )
        comment = f" — {isolated(trusted.key.comment)}" if trusted.key.comment else ""
        return f"{trusted.key_id}{comment} ({origin})"

    def _choose_key_file(self, parent: QWidget) -> str:
        return open_file_name(
            parent,
            QCoreApplication.translate("SettingsDialog", "A publisher's public key"),
            QCoreApplication.translate("SettingsDialog", "Public keys (*.pub)"),
        )

    def _add_key(self) -> None:
        name = self.choose_file(self.window())
        if not name:
            return
        try:
            key = PublicKey.from_file(Path(name))
        except SignatureError as exc:
            self.key_error.setText(key_file_refused(Path(name).name, exc))
            return
        listed = self.context.trust.listed(key.key_id)
        if listed is not None and listed.only_course is not None:  # as `cartable trust add`:
            # a file of it cannot change what it signs (the installer's entry wins)
            if self.context.trust.is_earlier(listed):
                line = QCoreApplication.translate(
                    "SettingsDialog",
                    "This is an earlier key of the demo course, which this computer no longer "
                    "accepts: not added.",
                )
            else:
                line = QCoreApplication.translate(
                    "SettingsDialog",
                    "This is the key of the demo course, which this computer accepts only for "
                    "that course: not added.",
                )
            self.key_error.setText(line)
            return
        if any(k.key_id == key.key_id for k in self.context.trust.trusted()):
            self.key_error.setText(
                QCoreApplication.translate("SettingsDialog", "This key is already trusted.")
            )
            return
        described = f"{key.key_id} — {isolated(key.comment)}" if key.comment else key.key_id
        box = QuestionBox(  # a bare "y" trusts nothing
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("SettingsDialog", "Trust this key?"),
            QCoreApplication.translate(
                "SettingsDialog",
                "Trust the key %1?\n\nCourses signed with it will be installed as verified, "
                "without any warning. Only add a key you received from a publisher you trust, "
                "for instance your institution.",
            ).replace("%1", described),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self.window(),
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
            self.key_error.setText(QCoreApplication.translate("SettingsDialog", "Not added."))
            return
        try:
            self.context.trust.add(key)
        except OSError as exc:
            self.key_error.setText(key_not_saved(exc))
            return
        self.key_error.setText(
            QCoreApplication.translate("SettingsDialog", "Key %1 is now trusted.").replace(
                "%1", key.key_id
            )
        )
        self._fill_keys()
        self.changed.emit()

    def _remove_key(self) -> None:
        item = self.key_list.currentItem()
        if item is None:
            return
        trusted: TrustedKey = item.data(KEY_ROLE)
        if trusted.origin != "user" or not self.context.trust.remove(trusted.key_id):
            return
        self.key_error.setText(
            QCoreApplication.translate("SettingsDialog", "Key %1 is no longer trusted.").replace(
                "%1", trusted.key_id
            )
        )
        self._fill_keys()
        self.changed.emit()

    def _update_remove(self) -> None:
        key = self.key_list.currentItem()
        self.key_remove.setEnabled(key is not None and key.data(KEY_ROLE).origin == "user")

    def retranslate(self) -> None:
        """The texts and the list, in the interface's language (called by the dialog's)."""
        self.key_intro.setText(
            QCoreApplication.translate(
                "SettingsDialog",
                "Courses from a catalog must be signed by one of these keys. Your institution's "
                "keys come with %1 and cannot be removed.",
            ).replace("%1", isolated(self.context.branding.product_name))
        )
        self.key_list.setAccessibleName(
            QCoreApplication.translate("SettingsDialog", "Trusted keys")
        )
        self.key_add.setText(QCoreApplication.translate("SettingsDialog", "Add a &key file…"))
        self.key_remove.setText(QCoreApplication.translate("SettingsDialog", "R&emove key"))
        self._fill_keys()
