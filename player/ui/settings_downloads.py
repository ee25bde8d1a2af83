"""Settings' Downloads tab: the speed limit, the files downloaded at once, the hours, the
unmetered switch, and whether the catalogs are read now and then for course updates
(player/ui/update_check.py).

Every change is saved at once and applies at once: `changed` reaches running downloads through
the controller (GettingCourses). Its words were written, and translated, in `SettingsDialog`:
they keep that translation context (`QCoreApplication.translate("SettingsDialog", ...)`, not
`self.tr`, whose context would be this class), but for the update check's note: a plural of
its interval, which lupdate takes from `tr()` alone.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QCoreApplication, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from player.context import Context
from player.library import course_updates
from player.ui.layouts import nested
from player.ui.settings_save import save_settings
from sync.conditions import TimeWindow

# The theme pads spin boxes like line edits, which leaves Fusion no room to draw the arrows:
# place them explicitly.
SPIN_ARROWS = (
    "QSpinBox { padding-right: 1.6em; }"
    "QSpinBox::up-button { subcontrol-origin: border; subcontrol-position: top right;"
    " width: 1.4em; }"
    "QSpinBox::down-button { subcontrol-origin: border; subcontrol-position: bottom right;"
    " width: 1.4em; }"
)


class DownloadsTab(QWidget):
    """Its texts are set in `retranslate` alone, which the dialog drives: it calls retranslate
    after building the tab and on a language change (a tab shown without it has no texts)."""

    changed = Signal()  # saved: running downloads follow

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.cap = QSpinBox(self)
        self.cap.setRange(0, 1_000_000)
        self.cap.setSingleStep(50)
        self.parallel = QSpinBox(self)
        self.parallel.setRange(1, 8)
        self.window_on = QCheckBox(self)
        self.window_start = QTimeEdit(self)
        self.window_end = QTimeEdit(self)
        for edit in (self.window_start, self.window_end):
            edit.setDisplayFormat("HH:mm")
        self.window_and = QLabel(self)
        self.unmetered = QCheckBox(self)
        self.check_updates = QCheckBox(self)
        self.updates_note = QLabel(self)  # when, and what it costs a paid link
        self.updates_note.setWordWrap(True)
        self.updates_note.setObjectName("muted")
        self.local_note = QLabel(self)  # what those three leave alone
        self.local_note.setWordWrap(True)
        self.local_note.setObjectName("muted")
        self.download_note = QLabel(self)
        self.download_note.setWordWrap(True)
        self.download_note.setObjectName("muted")
        download_layout = QVBoxLayout(self)
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
        self.cap_label = QLabel(self)
        self.parallel_label = QLabel(self)
        self.cap_label.setBuddy(self.cap)
        self.parallel_label.setBuddy(self.parallel)
        self.download_form.addRow(self.cap_label, self.cap)
        self.download_form.addRow(self.parallel_label, self.parallel)
        download_layout.addWidget(self.unmetered)
        download_layout.addWidget(self.local_note)
        download_layout.addWidget(self.download_note)
        download_layout.addWidget(self.check_updates)
        download_layout.addWidget(self.updates_note)
        download_layout.addStretch(1)

        self._load_downloads()
        self.cap.valueChanged.connect(self._save_downloads)
        self.parallel.valueChanged.connect(self._save_downloads)
        self.window_on.toggled.connect(self._save_downloads)
        self.window_start.timeChanged.connect(self._save_downloads)
        self.window_end.timeChanged.connect(self._save_downloads)
        self.unmetered.toggled.connect(self._save_downloads)
        self.check_updates.toggled.connect(self._save_downloads)

    def _load_downloads(self) -> None:
        settings = self.context.settings
        widgets = (
            self.cap,
            self.parallel,
            self.window_on,
            self.window_start,
            self.window_end,
            self.unmetered,
            self.check_updates,
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
        self.check_updates.setChecked(settings.check_updates)
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
        settings.check_updates = self.check_updates.isChecked()
        self._update_window_edits()
        save_settings(self.context)
        self.changed.emit()

    def _update_window_edits(self) -> None:
        on = self.window_on.isChecked()
        self.window_start.setEnabled(on)
        self.window_end.setEnabled(on)

    def retranslate(self) -> None:
        """The texts, in the interface's language (called by the dialog's)."""
        self.cap_label.setText(QCoreApplication.translate("SettingsDialog", "&Speed limit:"))
        self.cap.setSpecialValueText(QCoreApplication.translate("SettingsDialog", "No limit"))
        self.cap.setSuffix(QCoreApplication.translate("SettingsDialog", " KB/s"))
        self.parallel_label.setText(QCoreApplication.translate("SettingsDialog", "&Files at once:"))
        self.window_on.setText(
            QCoreApplication.translate("SettingsDialog", "Download &only between")
        )
        self.window_and.setText(QCoreApplication.translate("SettingsDialog", "and"))
        self.window_start.setAccessibleName(
            QCoreApplication.translate("SettingsDialog", "Start of the download hours")
        )
        self.window_end.setAccessibleName(
            QCoreApplication.translate("SettingsDialog", "End of the download hours")
        )
        self.unmetered.setText(
            QCoreApplication.translate(
                "SettingsDialog", "Only on &unmetered connections (not on mobile data)"
            )
        )
        # sync.repository.is_local_source: they exist to save paid bandwidth (docs/downloads.md).
        self.local_note.setText(
            QCoreApplication.translate(
                "SettingsDialog",
                "The speed limit, the hours and “only on unmetered connections” do not apply to "
                "USB sticks or to computers of this network.",
            )
        )
        self.download_note.setText(
            QCoreApplication.translate(
                "SettingsDialog",
                "These apply at once, also to downloads in progress. A download waiting for "
                "its hours or for another connection continues by itself.",
            )
        )
        self.check_updates.setText(
            QCoreApplication.translate("SettingsDialog", "&Look for course updates when online")
        )
        # The interval is the check's own (docs/downloads.md says it too): the note follows it.
        # self.tr, not translate("SettingsDialog", ...): pyside6-lupdate makes a plural (%n)
        # of tr() alone, so this one line is in DownloadsTab's context.
        self.updates_note.setText(
            self.tr(
                "Every %n hours at most, each catalog is asked whether it changed: a few hundred "
                "bytes when it did not, never on a metered connection when downloads wait for "
                "an unmetered one. A course with a newer version says “Update available” in "
                "the library; nothing is downloaded until you update it.",
                "",
                check_hours(),
            )
        )


def check_hours() -> int:
    """`CHECK_INTERVAL` in whole hours, as the note says it ("every N hours at most"): rounded
    down, never more than the check waits (1.5 h said "2 hours", review r3 #8); at least 1.
    tests/ui/test_update_check_note.py holds the interval to whole hours."""
    return max(1, int(course_updates.CHECK_INTERVAL // 3600))
