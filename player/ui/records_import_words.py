"""What Import records… in Manage profiles says when a file is not imported: by the kind of
problem (RecordsError.kind), in the learner's language, naming the file by its name alone; the
English line behind it (the command's, with the whole path and the JSON path) goes to the
tooltip, for whoever helps.

Written, and translated, in `RecordsImport`: the words keep that translation context
(`QCoreApplication.translate("RecordsImport", ...)`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from player.records_import import our_fault
from player.store.records import AlreadyHere
from player.store.records_file import RecordsError, RecordsFault
from player.ui.i18n import fill
from player.ui.menu_texts import diagnostics_place
from player.wording import isolated


def refusal(file_name: str, kind: RecordsFault) -> str:
    """Why the file named `file_name` was not imported, by what is wrong with it."""
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
                " copy of the records that Cartable saved.",
            )
        case RecordsFault.NOT_JSON:
            template = QCoreApplication.translate(
                "RecordsImport",
                "Nothing was imported: %1 is not a records file (its text is not JSON). Choose"
                " the copy of the records that Cartable saved.",
            )
        case RecordsFault.VERSION:
            template = QCoreApplication.translate(
                "RecordsImport",
                "Nothing was imported: %1 was saved by a version of Cartable that this one"
                " cannot read. Update Cartable on this computer, then import it again.",
            )
        case RecordsFault.INVALID:
            template = QCoreApplication.translate(
                "RecordsImport",
                "Nothing was imported: some records in %1 are not as Cartable writes them (was"
                " the file changed after it was saved?). Copy it again from where it was saved.",
            )
        case _:  # NOT_RECORDS, and any kind said no better
            template = QCoreApplication.translate(
                "RecordsImport",
                "Nothing was imported: %1 is not a records file of Cartable. Choose the copy of"
                " the records that Cartable saved.",
            )
    return fill(template, isolated(file_name))


def failure(file_name: str, error: BaseException) -> str:
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
        return refusal(file_name, error.kind)
    if not our_fault(error):
        return QCoreApplication.translate(
            "RecordsImport",
            "Nothing was imported: the records on this computer could not be changed (is the"
            " disk full, or another program using them?). Try again in a moment.",
        )
    where, keys = diagnostics_place()
    template = QCoreApplication.translate(
        "RecordsImport",
        "Nothing was imported: Cartable met a problem it did not expect. It is noted in the"
        " diagnostic report (%1, %2): please copy it and send it to your institution.",
    )
    return fill(template, where, keys)
