"""What Import records… in Manage profiles says when a file is not imported: by the kind of
problem (RecordsError.kind), in the learner's language, naming the file by its name alone; the
English line behind it (the command's, with the whole path and the JSON path) goes to the
tooltip, for whoever helps. And what an import did (`result`).

Written, and translated, in `RecordsImport`: the words keep that translation context
(`QCoreApplication.translate("RecordsImport", ...)`, and `RecordsImport.tr` for a count's
plural forms).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from player.records_import import our_fault
from player.store.records import AlreadyHere, ImportReport
from player.store.records_file import RecordsError, RecordsFault
from player.ui.i18n import fill
from player.ui.menu_texts import diagnostics_place, sync_menu_path
from player.wording import isolated


def refusal(file_name: str, kind: RecordsFault, product: str) -> str:
    """Why the file named `file_name` was not imported, by what is wrong with it. `product`:
    the branding's name (%2)."""
    match kind:
        case RecordsFault.NO_FILE:
            template = QCoreApplication.translate(
                "RecordsImport",
                "Nothing was imported: %1 is no longer there (moved, deleted, or on a USB stick"
                " taken out). Choose the file again.",
            )
        case RecordsFault.FOLDER:
            template = QCoreApplication.translate(
                "RecordsImport",
                "Nothing was imported: %1 is a folder. Choose the records file in it.",
            )
        case RecordsFault.UNREADABLE:
            template = QCoreApplication.translate(
                "RecordsImport",
                "Nothing was imported: %1 cannot be read. Check that your user account may open"
                " it, or copy it again.",
            )
        case RecordsFault.EMPTY:
            template = QCoreApplication.translate(
                "RecordsImport",
                "Nothing was imported: %1 is empty. Copy it again from where it was saved.",
            )
        case RecordsFault.CUT_SHORT:
            template = QCoreApplication.translate(
                "RecordsImport",
                "Nothing was imported: %1 is cut short (a copy stopped early?). Copy it again"
                " from where it was saved.",
            )
        case RecordsFault.NOT_TEXT:
            template = QCoreApplication.translate(
                "RecordsImport",
                "Nothing was imported: %1 is not a records file (it is not text). Choose the"
                " copy of the records that %2 saved.",
            )
        case RecordsFault.NOT_JSON:
            template = QCoreApplication.translate(
                "RecordsImport",
                "Nothing was imported: %1 is not a records file (its text is not JSON). Choose"
                " the copy of the records that %2 saved.",
            )
        case RecordsFault.VERSION:
            template = QCoreApplication.translate(
                "RecordsImport",
                "Nothing was imported: %1 was saved by a version of %2 that this one"
                " cannot read. Update %2 on this computer, then import it again.",
            )
        case RecordsFault.INVALID:
            template = QCoreApplication.translate(
                "RecordsImport",
                "Nothing was imported: some records in %1 are not as %2 writes them (was"
                " the file changed after it was saved?). Copy it again from where it was saved.",
            )
        case _:  # NOT_RECORDS, and any kind said no better
            template = QCoreApplication.translate(
                "RecordsImport",
                "Nothing was imported: %1 is not a records file of %2. Choose the copy of"
                " the records that %2 saved.",
            )
    return fill(template, isolated(file_name), isolated(product))


def failure(file_name: str, error: BaseException, product: str) -> str:
    """Why an import failed: the file's fault by its kind; the records here that could not be
    changed (a full disk, another program holding them); else a fault of ours, in the
    diagnostic report (the log has it), never said as the file's: nothing in it is wrong that
    Cartable could name, and nothing was changed."""
    if isinstance(error, AlreadyHere):
        template = QCoreApplication.translate(
            "RecordsImport",
            "Nothing was imported: the records of %1 are already on this computer, in %2's"
            " profile.",
        )
        return fill(template, isolated(file_name), isolated(error.holder))
    if isinstance(error, RecordsError):
        return refusal(file_name, error.kind, product)
    if not our_fault(error):
        return QCoreApplication.translate(
            "RecordsImport",
            "Nothing was imported: the records on this computer could not be changed (is the"
            " disk full, or another program using them?). Try again in a moment.",
        )
    where, keys = diagnostics_place()
    template = QCoreApplication.translate(
        "RecordsImport",
        "Nothing was imported: %3 met a problem it did not expect. It is noted in the"
        " diagnostic report (%1, %2): please copy it and send it to your institution.",
    )
    return fill(template, where, keys, isolated(product))


def result(
    name: str, report: ImportReport, *, reread: bool = True, has_account: bool = True
) -> str:
    """The import in short sentences, each count its own sentence's %n (its plural): how
    many added, were here already (when any), are in other profiles (when any: whose, and
    not added), wait to be sent; then, each when any, what
    was left out and why, as the command says it: those waiting for their course, the exam
    grades (never taken from a file), the grades naming no quiz attempt, the `satisfied`
    the progress imported does not earn yet; and the profile's exam attempts waiting for
    their grade (all of them, not the file's alone: an attempt waiting before the import
    waits still). `reread`: the next sync was set to read the grades again (else it is not
    promised to bring them: the message box says to import again). `has_account`: the
    profile has an account to sync with; without one no sync brings a grade (it said "the next
    sync brings" to a new laptop's profile with none: shared-lab run f6 #3)."""
    # Its class's own `tr`, which pyside6-lupdate files with its plural forms (it takes a
    # count given to QCoreApplication.translate for another argument, and drops them);
    # imported here, the class importing this module.
    from player.ui.records_import import RecordsImport

    shown = isolated(name)
    text = fill(RecordsImport.tr("%Ln records added to %1.", "", report.added), shown)
    if name.endswith("."):  # "added to Awa D.", not "added to Awa D.."
        text = text.replace(f"{shown}.", shown)
    here = report.skipped - report.elsewhere  # the profile's own; another's are said apart
    if here:
        text += " " + RecordsImport.tr("%Ln were here already.", "", here)
    if report.elsewhere:
        holders = ", ".join(isolated(h) for h in report.holders)
        if len(report.holders) == 1:
            elsewhere = RecordsImport.tr(
                "%Ln are already on this computer, in %1's profile: they were not added to %2.",
                "",
                report.elsewhere,
            )
        else:
            elsewhere = RecordsImport.tr(
                "%Ln are already on this computer, in the profiles of %1: they were not added"
                " to %2.",
                "",
                report.elsewhere,
            )
        text += " " + fill(elsewhere, holders, shown)
    text += " " + RecordsImport.tr("%Ln to send to your institution.", "", report.queued)
    waiting = report.grades_unverified + report.satisfied_unverified
    if waiting:
        text += " " + RecordsImport.tr(
            "%Ln records were not taken: their course is not installed here; install it,"
            " then import the file again.",
            "",
            waiting,
        )
    if report.grades_left_out:  # `results`, and passed/failed about an exam
        text += " " + RecordsImport.tr(
            "%Ln exam grades in the file were not taken: exam grades come only from your"
            " institution.",
            "",
            report.grades_left_out,
        )
    if report.grades_unattached:  # passed/failed of no quiz attempt: Cartable writes none
        text += " " + RecordsImport.tr(
            "%Ln grades in the file were not taken: they name no quiz attempt, so they may"
            " be exam grades, which come only from your institution.",
            "",
            report.grades_unattached,
        )
    if report.satisfied_unearned and report.awaiting_grade:
        # Most often her own old laptop's: the exam passed there, its `satisfied` not sent
        # yet, and the grade (never imported) comes back from the LRS: the device then
        # sends them by itself (store/records.py). Nothing to do again.
        text += " " + RecordsImport.tr(
            "%Ln records were not taken: they say a module or course is done, which the"
            " imported progress does not show yet; each is recorded once it does: when an"
            " exam's grade comes back, or when you finish it here.",
            "",
            report.satisfied_unearned,
        )
    elif report.satisfied_unearned:  # a module or course the imported progress leaves undone
        text += " " + RecordsImport.tr(
            "%Ln records were not taken: they say a module or course is done, which the"
            " imported progress does not show; it is recorded when you finish it here.",
            "",
            report.satisfied_unearned,
        )
    if report.awaiting_grade and reread and not has_account:
        text += " " + fill(
            RecordsImport.tr(
                "This profile has %n exam attempts waiting for their grade, which comes back"
                " once the profile has an account with your institution: add it with %1.",
                "",
                report.awaiting_grade,
            ),
            sync_menu_path(),
        )
    elif report.awaiting_grade and reread:
        text += " " + RecordsImport.tr(
            "This profile has %n exam attempts waiting for their grade, which the next sync"
            " brings.",
            "",
            report.awaiting_grade,
        )
    elif report.awaiting_grade:  # the message box says the re-read is not set
        text += " " + RecordsImport.tr(
            "This profile has %n exam attempts waiting for their grade.",
            "",
            report.awaiting_grade,
        )
    return text
