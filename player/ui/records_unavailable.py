"""The message the player shows, before it stops, when it cannot open the learner records.

A full or read-only disk, no permission, another program holding the file, another Cartable
repairing it: nothing was set aside here (player/store/failures.py), so the learner reads what
is wrong and what to do, naming the file, in their language. A damaged file whose backup
cannot be read now (an I/O error, no permission) is said apart: nothing was moved, the next
start repairs it. Anything else keeps the store's own line. A data folder that is a link to a
disk not plugged in, or that leads back to itself, stops the start before the records are
looked for: said as such too.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from player.paths import FolderMissing
from player.store.errors import BackupUnreadable, Cause, RecordsInaccessible, StoreError
from player.ui.i18n import fill
from player.wording import isolated


class RecordsUnavailableBox(QMessageBox):
    """`product`: the branding's name, which the box says (and has as its title)."""

    def __init__(self, error: StoreError, product: str, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Critical, product, "", parent=parent)
        self.setText(self.message(error, product))

    def message(self, error: StoreError, product: str) -> str:
        if not isinstance(error, RecordsInaccessible):  # damage not repaired, a newer schema
            return fill(
                QCoreApplication.translate(
                    "App", "%2 cannot open your learning records, so it stops here: %1"
                ),
                str(error),
                isolated(product),
            )
        if isinstance(error, BackupUnreadable):  # whatever the cause: the learner fixes the disk
            text = self.tr(
                "Your learning records file is damaged, and its backup %1 cannot be read right "
                "now: check the disk and that your user account may read that file, then start "
                "%3 again. Nothing was moved or deleted."
            )
        else:
            text = {
                Cause.FULL: self.tr(
                    "The disk holding your learning records (%1) is full: free some space, then "
                    "start %3 again. Nothing was lost."
                ),
                Cause.READ_ONLY: self.tr(
                    "%3 cannot write to %1: the disk or folder is read-only. Make it "
                    "writable, then start %3 again. Nothing was lost."
                ),
                Cause.NO_PERMISSION: self.tr(
                    "%3 cannot write to %1: permission denied. Give your user account access "
                    "to it, then start %3 again. Nothing was lost."
                ),
                Cause.LOCKED: self.tr(
                    "%1 is held by another program (another %3, a backup or sync tool): "
                    "close it, then start %3 again. Nothing was lost."
                ),
                # Not "close it": the other may be a scheduled command the learner cannot see.
                Cause.REPAIRING: self.tr(
                    "Your records are being repaired by another %3 (a command or another "
                    "window); start %3 again in a minute."
                ),
                Cause.IO: self.tr(
                    "The disk holding your learning records (%1) reported a read or write error: "
                    "check the disk and copy your records to a safe place. Nothing was changed."
                ),
                # A link to another disk, not plugged in: never new empty records in its place.
                Cause.MISSING: self.tr(
                    "Your learning records file %1 is a link to %2, which cannot be found: "
                    "connect or mount the disk that holds it, then start %3 again. "
                    "Nothing was created or changed."
                ),
            }.get(error.cause) or self.tr(
                "%3 cannot use your learning records (%1): %2. Nothing was changed."
            )
        detail = isolated(error.detail) if error.cause is Cause.MISSING else error.detail
        return fill(text, isolated(str(error.path)), detail, isolated(product))


class FolderMissingBox(QMessageBox):
    """A folder of the installation, or one holding it, is a link to a disk not plugged in, or
    one that leads back to itself (`paths.FolderMissing`): said as the records file's link is,
    before the start makes anything (run_gui)."""

    def __init__(self, error: FolderMissing, product: str, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Critical, product, "", parent=parent)
        self.setText(self.message(error, product))

    def message(self, error: FolderMissing, product: str) -> str:
        if error.loop:
            text = (
                self.tr(
                    "The folder %1, which holds your Cartable folder, is a link that leads back "
                    "to itself: correct the link, then start %2 again. Nothing was created "
                    "or changed."
                )
                if error.holder
                else self.tr(
                    "Your Cartable folder %1 is a link that leads back to itself: correct the "
                    "link, then start %2 again. Nothing was created or changed."
                )
            )
            return fill(text, isolated(str(error.link)), isolated(product))
        text = (
            self.tr(
                "The folder %1, which holds your Cartable folder, is a link to %2, which cannot "
                "be found: connect or mount the disk that holds it, then start %3 again. "
                "Nothing was created or changed."
            )
            if error.holder
            else self.tr(
                "Your Cartable folder %1 is a link to %2, which cannot be found: connect or "
                "mount the disk that holds it, then start %3 again. Nothing was created "
                "or changed."
            )
        )
        return fill(text, isolated(str(error.link)), isolated(error.target), isolated(product))
