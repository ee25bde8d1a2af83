"""What the window says when the learner records file was found damaged: repaired at this
start (from a backup, or empty), or found by the background check and repaired at the next.

Imported when one is shown (QMessageBox costs a start that shows neither). The texts were
written, and translated, in `MainWindow` and keep that context through `MainWindow.tr`, which
pyside6-lupdate reads with their plural forms (it takes a count given to
`QCoreApplication.translate` for the Qt 4 encoding argument, and drops the %n forms).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from player.store.database import RecoveryReport
from player.store.integrity import IntegrityCheck
from player.store.store import Store
from player.ui.i18n import date_time_text, fill
from player.ui.main_window import MainWindow
from player.wording import isolated


def recovery_texts(report: RecoveryReport) -> tuple[str, str]:
    """What happened, then what became of the damaged file's records, in the learner's words."""
    when = ""
    skipped = len(report.rejected_backups)
    if report.restored_from is not None and report.backup_taken_at is not None:
        when = date_time_text(report.backup_taken_at)
        text = MainWindow.tr(
            "Your learning records file was damaged. It was set aside (nothing was deleted) "
            "and your records were restored from the backup of %1."
        ).replace("%1", when)
        if skipped:  # why the backup restored is older than the learner may expect
            text += " " + MainWindow.tr(
                "%n newer backups were damaged too and were skipped.", "", skipped
            )
    else:
        text = MainWindow.tr(
            "Your learning records file was damaged. It was set aside (nothing was deleted), "
            "but no usable backup was found: your records start empty."
        )
        if skipped:
            text += " " + MainWindow.tr(
                "%n backups were damaged too and were skipped.", "", skipped
            )
    if report.read_back_at_next_start:
        # Not "read back: 0, lost: ?": nothing is lost yet (the repair's journal stays).
        details = MainWindow.tr(
            "The damaged file could not be read back now: what it holds that your records "
            "lack will be read back at the next start. The damaged file is kept at: %1"
        ).replace("%1", isolated(str(report.damaged_file)))
    elif report.lost_statements is None:
        # Not "read back: 0, lost: ?": the damaged file could not say what it held.
        kept = isolated(str(report.damaged_file))
        if when:
            details = fill(
                MainWindow.tr(
                    "Nothing could be read from the damaged file: what you did after %1 may "
                    "be lost. The damaged file is kept at: %2"
                ),
                when,
                kept,
            )
        else:
            details = MainWindow.tr(
                "Nothing could be read from the damaged file: what you did before this start "
                "may be lost. The damaged file is kept at: %1"
            ).replace("%1", kept)
    else:
        # In words, as the command line says it (RecoveryReport.summary), not "Read back: 0.
        # Lost: 0": a count only where there is one to give.
        said: list[str] = []
        if report.salvaged_statements:
            said.append(
                MainWindow.tr(
                    "%Ln learning records were read back from the damaged file and their "
                    "progress rebuilt.",
                    "",
                    report.salvaged_statements,
                )
            )
        if report.lost_statements:
            said.append(
                MainWindow.tr(
                    "%Ln learning records could not be read back and are lost; any of them "
                    "not yet sent to the institution will never reach it.",
                    "",
                    report.lost_statements,
                )
            )
        elif report.restored_from is not None:
            said.append(MainWindow.tr("Nothing recorded after the backup was lost."))
        said.append(
            MainWindow.tr("The damaged file is kept at: %1").replace(
                "%1", isolated(str(report.damaged_file))
            )
        )
        details = " ".join(said)
    return text, details


def tell_repairs(store: Store, window: QWidget) -> None:
    """At start, once the window is on screen: every repair of the records no learner has been
    shown yet, one box after the other (`tell_recoveries`): this start's, or one a command made
    (its terminal may have been a cron job's) or a player quit before showing."""
    untold = store.untold_recoveries()
    if untold:
        QTimer.singleShot(0, window, lambda: tell_recoveries(untold, store, window))


def tell_recoveries(reports: list[RecoveryReport], store: Store, parent: QWidget) -> None:
    """The repairs no learner has been shown yet (`Store.untold_recoveries`: this start's, or
    one a command or an earlier start made without a learner seeing it), one box after the
    other; each is kept until its box is closed, so a player killed first says it again."""
    if reports:
        _RecoveryBox(reports, store, parent).open()


class _RecoveryBox(QMessageBox):
    """The first of `reports`; closed, it is marked told and the next one's box opens. The
    reports and the store are kept on the box, answered by its own method: a closure holding
    the parent, connected to its child the box, was a parent of its own's last reference once
    the closed box was deleted, which then deleted the parent and the box a second time (a
    crash), and kept such a parent alive while the box was open."""

    def __init__(self, reports: list[RecoveryReport], store: Store, parent: QWidget) -> None:
        text, details = recovery_texts(reports[0])
        super().__init__(
            QMessageBox.Icon.Warning, MainWindow.tr("Records restored"), text, parent=parent
        )
        self.reports = reports
        self.store = store
        self.setInformativeText(details)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.finished.connect(self._closed)

    def _closed(self, _result: int) -> None:
        self.store.recovery_told(self.reports[0])
        tell_recoveries(self.reports[1:], self.store, self.parentWidget())


def show_records_damaged(check: IntegrityCheck, parent: QWidget, product: str) -> None:
    """The background check found the records file damaged: nothing is lost yet; say what
    happens next. `product`: the branding's name."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        MainWindow.tr("Records need a repair"),
        MainWindow.tr(
            "Your learning records file is damaged. %1 will repair it from its newest "
            "backup the next time it starts, and read back what you record until then. "
            "You can keep studying."
        ).replace("%1", isolated(product)),
        parent=parent,
    )
    box.setInformativeText(check.problems[0] if check.problems else "")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
