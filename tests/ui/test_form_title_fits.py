"""A question window's title is read whole in its title bar (learner's-eye run u4): Manage
profiles' Import records… asked where the records go in a form whose title bar read « Importer
un suivi … tissage — Cartable », the window manager eliding what did not fit the window's width.

Offscreen Qt has no title bar: the title is measured as a window manager draws it (bold, at the
application's font; the window's icon and buttons beside it), with the product's name Qt adds
(`shown`, tests/ui/test_window_titles.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

from player.ui.form_dialog import Field, FormDialog
from player.ui.main_window import MainWindow
from player.ui.screens import available_geometry
from player.ui.shell import ShellServices
from tests.ui.test_profiles import dialog_of, studying
from tests.ui.test_records_import import binta_s_file, choose_file
from tests.ui.test_window_titles import display_name, shown  # noqa: F401  (autouse fixture)

#: At least this many lines' height beside the title: the window's icon and its buttons.
CONTROLS = 4


def title_bar_needs(form: QWidget) -> int:
    font = QFont(form.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    return metrics.horizontalAdvance(shown(form)) + CONTROLS * metrics.height()


def test_the_import_records_form_is_as_wide_as_its_french_title(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    try:
        services.translations.use("fr")
        QApplication.processEvents()
        dialog = dialog_of(window)
        choose_file(qtbot, dialog, path)
        form = dialog.form
        assert isinstance(form, FormDialog) and form.isVisible()
        assert shown(form) == "Importer un suivi d'apprentissage \u2014 Cartable"
        assert form.width() >= title_bar_needs(form), (form.width(), title_bar_needs(form))
        assert form.minimumWidth() >= title_bar_needs(form), "kept when the learner narrows it"
        form.reject()
    finally:
        services.translations.use("en")


def test_a_title_wider_than_the_screen_leaves_the_form_on_it(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow
) -> None:
    form = FormDialog(
        window, "Import records into " + "Ngozi " * 80, "", [Field("Name")], "OK", str
    )
    qtbot.addWidget(form)
    form.show()
    room = available_geometry(form)
    assert room is not None
    assert form.width() <= room.width()
    assert form.minimumWidth() <= room.width()
