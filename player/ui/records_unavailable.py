"""The message the player shows, before it stops, when it cannot open the learner records.

A full or read-only disk, no permission, another program holding the file: the file is sound
and nothing was set aside (player/store/failures.py), so the learner reads what is wrong and
what to do, naming the file, in their language. A damaged file whose backup cannot be read now
(an I/O error, no permission) is said apart: nothing was moved, the next start repairs it.
Anything else keeps the store's own line.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from player.store.errors import BackupUnreadable, Cause, RecordsInaccessible, StoreError


class RecordsUnavailableBox(QMessageBox):
    def __init__(self, error: StoreError, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Critical, "Cartable", "", parent=parent)
        self.setText(self.message(error))

    def message(self, error: StoreError) -> str:
        if not isinstance(error, RecordsInaccessible):  # damage not repaired, a newer schema
            return QCoreApplication.translate(
                "App", "Cartable cannot open your learning records, so it stops here: %1"
            ).replace("%1", str(error))
        if isinstance(error, BackupUnreadable):  # whatever the cause: the learner fixes the disk
            text = self.tr(
                "Your learning records file is damaged, and its backup %1 cannot be read right "
                "now: check the disk and that your user account may read that file, then start "
                "Cartable again. Nothing was moved or deleted."
            )
        elif error.cause is Cause.FULL:
            text = self.tr(
                "The disk holding your learning records (%1) is full: free some space, then "
                "start Cartable again. Nothing was lost."
            )
        elif error.cause is Cause.READ_ONLY:
            text = self.tr(
                "Cartable cannot write to %1: the disk or folder is read-only. Make it "
                "writable, then start Cartable again. Nothing was lost."
            )
        elif error.cause is Cause.NO_PERMISSION:
            text = self.tr(
                "Cartable cannot write to %1: permission denied. Give your user account access "
                "to it, then start Cartable again. Nothing was lost."
            )
        elif error.cause is Cause.LOCKED:
            text = self.tr(
                "%1 is held by another program (another Cartable, a backup or sync tool): close "
                "it, then start Cartable again. Nothing was lost."
            )
        elif error.cause is Cause.IO:
            text = self.tr(
                "The disk holding your learning records (%1) reported a read or write error: "
                "check the disk and copy your records to a safe place. Nothing was changed."
            )
        else:
            text = self.tr(
                "Cartable cannot use your learning records (%1): %2. Nothing was changed."
            )
        values = {"%1": str(error.path), "%2": error.detail}
        return re.sub("%[12]", lambda found: values[found.group(0)], text)
