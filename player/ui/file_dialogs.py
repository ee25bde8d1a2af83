"""The player's file dialogs (QFileDialog) made in one place: where Qt's own dialog shows (a
desktop offering no native one, or `native=False`), in the learner's language, wide enough to
read; and a folder to open in that exists.

Qt 6.11 changed the source texts of two of its labels ("&Look in:", "Files of &type:") and reads
a folder's type from QAbstractFileIconProvider ("Folder"), while PySide6's qtbase_fr.qm holds
only the older texts: a French dialog showed those three in English. They are worded here, in
this module's translation context ("FileDialogs"); a later Qt catalog that has the type takes
over (only Qt's English word is replaced). Qt's 637x438 cut the columns ("Dernière modifica",
"JSO…ent"): the dialog opens at `SIZE`, never larger than what its screen leaves to windows. A
native dialog (a desktop's own, where Qt's platform theme offers one) speaks the system's
language and sizes itself: nothing here applies to it.

`documents_folder()`: QStandardPaths names ~/Documents even when there is none, and a dialog
given a missing folder opens in the process's current one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QIdentityProxyModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QStandardPaths,
    Qt,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFileSystemModel,
    QListView,
    QSplitter,
    QStyle,
    QTreeView,
    QWidget,
)

from player.ui.i18n import spaced_controls, title_part, written_date_time
from player.ui.screens import available_geometry

SIZE = QSize(900, 520)
"""Wide enough for the four columns in French on a 1280x720 screen, leaving the window behind."""

# QFileSystemModel's columns: name, size, type, date modified
SIZE_COLUMN = 1
TYPE_COLUMN = 2
DATE_COLUMN = 3

# Qt's English words for a kind of file system entry (QAbstractFileIconProvider.type) that its
# French catalog lacks.
_UNTRANSLATED_TYPES = ("Folder", "Drive")


def _type_word(english: str) -> str:
    """Ours for one of `_UNTRANSLATED_TYPES`."""
    if english == "Folder":
        return QCoreApplication.translate("FileDialogs", "Folder")
    return QCoreApplication.translate("FileDialogs", "Drive")


class _TypesWorded(QIdentityProxyModel):
    """The file list as Qt's model gives it, but a folder's type, a file's size and its date in
    the learner's language: QFileSystemModel writes sizes and dates as the system's locale does
    ("2 bytes", "4/30/26 2:05 PM" in a French interface on an English system), QLocale() is
    the interface's (i18n.Translations sets it), a date as `i18n.written_date_time` writes it.

    A proxy (QFileDialog.setProxyModel), not an icon provider: the provider's `type` runs on the
    model's file-reading thread, where Python would need the interpreter lock the main thread
    may hold while it waits for that thread (the dialog's deletion). The views ask the proxy on
    the main thread only."""

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        value = super().data(index, role)
        if role != Qt.ItemDataRole.DisplayRole:
            return value
        column = index.column()
        if column == TYPE_COLUMN and value in _UNTRANSLATED_TYPES:
            return _type_word(str(value))
        if column in (SIZE_COLUMN, DATE_COLUMN) and value:  # a folder's size is left empty
            files = self.sourceModel()
            if isinstance(files, QFileSystemModel):
                entry = self.mapToSource(QModelIndex(index))
                if column == SIZE_COLUMN:
                    return QLocale().formattedDataSize(files.size(entry))
                return written_date_time(files.lastModified(entry))
        return value


def documents_folder() -> Path:
    """The learner's Documents folder when it exists, else the home folder."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def file_dialog(
    parent: QWidget | None,
    caption: str,
    directory: str = "",
    name_filter: str = "",
    *,
    native: bool = True,
) -> QFileDialog:
    """A file dialog (not shown) with our words and size. `native=False`: always Qt's dialog,
    whatever the desktop offers (set here, before anything else, as Qt requires).

    `caption` may quote a name ("Export “%1”", "Save a copy of the records of %1"), shown as a
    title shows it (`title_part`, review r15 #5): its control characters as spaces, and, in
    Qt's own dialog, which read "[*]" as the unsaved-changes marker and dropped it, its "[*]"
    kept. A native dialog is handed the title as set, its "[*]" shown as it is."""
    dialog = QFileDialog(parent, "", directory, name_filter)
    if not native:
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setWindowTitle(spaced_controls(caption) if native else title_part(caption))
    look_in = QCoreApplication.translate("FileDialogs", "&Look in:")
    dialog.setLabelText(QFileDialog.DialogLabel.LookIn, look_in)
    file_type = QCoreApplication.translate("FileDialogs", "Files of &type:")
    dialog.setLabelText(QFileDialog.DialogLabel.FileType, file_type)
    dialog.setProxyModel(_TypesWorded(dialog))  # the dialog owns it; ignored by a native one
    _fit(dialog)
    return dialog


def _fit(dialog: QFileDialog) -> None:
    """`SIZE` within the screen's room; the places on the left as wide as their names, the
    columns after the file's name as their heading and their longest usual entry (a key file's
    type: "Microsoft Publisher document", as the system's types name *.pub), the name the rest."""
    size = SIZE
    room = available_geometry(dialog)
    if room is not None:
        size = size.boundedTo(room.size())
    dialog.resize(size)
    tree = dialog.findChild(QTreeView, "treeView")
    places = dialog.findChild(QListView, "sidebar")
    splitter = dialog.findChild(QSplitter, "splitter")
    layout = dialog.layout()
    if tree is None or places is None or splitter is None or layout is None:
        return  # no widgets: a native dialog after all
    metrics = tree.fontMetrics()
    padding = 2 * metrics.horizontalAdvance("M")
    style = dialog.style()
    model = places.model()
    names = (str(model.index(row, 0).data() or "") for row in range(model.rowCount()))
    icon = places.iconSize().width()
    if icon < 0:  # not set: the style's
        icon = style.pixelMetric(QStyle.PixelMetric.PM_LargeIconSize)
    wanted = max((metrics.horizontalAdvance(n) for n in names), default=0) + icon + padding
    sidebar = min(wanted, size.width() // 4)
    splitter.setSizes([sidebar, size.width() - sidebar])  # not shown yet: its own sizes are 0

    header = tree.header()
    samples = {
        SIZE_COLUMN: "999,9 MiB",
        TYPE_COLUMN: "Microsoft Publisher document",
        DATE_COLUMN: "31/12/2099 23:59",
    }
    for column, sample in samples.items():
        wanted = max(metrics.horizontalAdvance(sample) + padding, header.sectionSizeHint(column))
        header.resizeSection(column, wanted)
    margins = layout.contentsMargins()
    around = (
        margins.left()
        + margins.right()
        + splitter.handleWidth()
        + 2 * tree.frameWidth()
        + style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    )
    others = sum(header.sectionSize(column) for column in samples)
    rest = size.width() - sidebar - around - others
    header.resizeSection(0, max(rest, header.sectionSizeHint(0), 10 * padding))


def _run(dialog: QFileDialog) -> list[str]:
    """The files chosen in the modal `dialog`, none when cancelled; the dialog is then deleted."""
    try:
        accepted = dialog.exec() == QFileDialog.DialogCode.Accepted
        return dialog.selectedFiles() if accepted else []
    finally:
        dialog.deleteLater()


def open_file_name(parent: QWidget | None, caption: str, name_filter: str = "") -> str:
    """An existing file the learner chooses, "" when cancelled (QFileDialog.getOpenFileName)."""
    dialog = file_dialog(parent, caption, "", name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return next(iter(_run(dialog)), "")


def open_file_names(parent: QWidget | None, caption: str, name_filter: str = "") -> list[str]:
    """Existing files the learner chooses (QFileDialog.getOpenFileNames)."""
    dialog = file_dialog(parent, caption, "", name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return _run(dialog)


def save_file_name(
    parent: QWidget | None, caption: str, suggested: Path, name_filter: str = ""
) -> str:
    """Where the learner saves, `suggested` selected first; "" when cancelled
    (QFileDialog.getSaveFileName)."""
    dialog = file_dialog(parent, caption, str(suggested), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return next(iter(_run(dialog)), "")


def existing_directory(parent: QWidget | None, caption: str) -> str:
    """A folder the learner chooses, "" when cancelled (QFileDialog.getExistingDirectory)."""
    dialog = file_dialog(parent, caption)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return next(iter(_run(dialog)), "")
