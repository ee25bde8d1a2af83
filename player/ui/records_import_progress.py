"""The rows under Manage profiles' status line while a records file is imported: the records
done in words ("12,345 of 80,000 records"), under it a bar and Stop the import; and the signal
that brings the worker's counts to it. Before, while the file is read: the bar busy, and Stop
reading.

A part of `RecordsImport` (its base): its words keep that class's translation context
(`QCoreApplication.translate("RecordsImport", ...)`, and `RecordsImport.tr` for a count's
plural forms), where they were written and translated.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from player.ui.button import Button
from player.ui.i18n import fill
from player.ui.layouts import nested


class Relay(QObject):
    """An import's progress from its worker, queued to the UI thread. One per import, of no
    parent: the dialog may close while the worker runs (the application quitting), and a
    signal of its deleted child raised in the worker, failing the import."""

    told = Signal(int, int)  # records done, their number


class ImportProgress:
    """The progress row of `RecordsImport`, which places nothing: the dialog lays
    `progress_row` out under its status line, hidden until an import runs."""

    progress_row: QWidget
    bar: QProgressBar
    count: QLabel
    cancel_button: Button
    _done: tuple[int, int]  # records done, their number: as the worker last told
    _reading: bool  # a file read on a worker (else an import, or nothing): the bar busy, no count

    def _make_progress_row(self, parent: QWidget, stop: Callable[[], None]) -> None:
        self.progress_row = QWidget(parent)
        rows = QVBoxLayout(self.progress_row)
        rows.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar(self.progress_row)
        self.bar.setTextVisible(False)  # the count is said above it, in words
        # On a line of its own: beside the bar, the French count ("2 692 sur 20 706 traces
        # d'apprentissage") took the row from it (the bar 95 px) and was cut under Stop, the
        # dialog's width being its own (setMinimumWidth), never the row's.
        self.count = QLabel(self.progress_row)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.cancel_button = Button(self.progress_row)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(stop)
        rows.addWidget(self.count)
        row = nested(rows, QHBoxLayout())
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        self.progress_row.setVisible(False)
        self._done = (0, 0)
        self._reading = False

    @property
    def reading(self) -> bool:
        """A file is read, not imported yet: Close, Esc and the title bar stop it and close."""
        return self._reading

    def _show_count(self) -> None:
        # Its class's own `tr`, which pyside6-lupdate files with its plural forms (it takes a
        # count given to QCoreApplication.translate for another argument, and drops them);
        # imported here, the class being made of this module.
        from player.ui.records_import import RecordsImport

        done, total = self._done
        template = RecordsImport.tr("%1 of %Ln records", "", total)
        count = fill(template, QLocale().toString(done))  # set once: a screen reader says each
        self.count.setText(count)
        self.bar.setAccessibleName(QCoreApplication.translate("RecordsImport", "Records imported"))
        self.bar.setAccessibleDescription(count)
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(min(done, total))

    def _show_progress(self, shown: bool, total: int = 0) -> None:
        self._done = (0, total)
        self._reading = False
        self.count.setVisible(True)
        if shown:
            self._retranslate_progress()
        self.cancel_button.setEnabled(shown)
        self.progress_row.setVisible(shown)

    def _show_reading(self) -> None:
        """While a file is read: the bar busy (how long the parse takes is not known), Stop."""
        self._reading = True
        self.count.setVisible(False)
        self.bar.setRange(0, 0)
        self.bar.setAccessibleDescription("")
        self._retranslate_progress()
        self.cancel_button.setEnabled(True)
        self.progress_row.setVisible(True)

    def _retranslate_progress(self) -> None:
        # Alt+T: Alt+C is "Profiles on this &computer", Alt+S the French "&Supprimer…" (beside
        # this English text until it is translated).
        if self._reading:
            self.cancel_button.setText(QCoreApplication.translate("RecordsImport", "S&top reading"))
            self.bar.setAccessibleName(
                QCoreApplication.translate("RecordsImport", "Reading the file")
            )
            return
        self.cancel_button.setText(QCoreApplication.translate("RecordsImport", "S&top the import"))
        self._show_count()
