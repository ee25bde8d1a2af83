"""A question window's title is read whole in its title bar (learner's-eye run u4): Manage
profiles' Import records… asked where the records go in a form whose title bar read « Importer
un suivi … tissage — Cartable », the window manager eliding what did not fit the window's width.

Offscreen Qt has no title bar: the title is measured as a window manager draws it (bold, at the
application's font; the window's icon and buttons beside it), with the product's name Qt adds
(`shown`, tests/ui/test_window_titles.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from player.ui.form_dialog import Field, FormDialog
from player.ui.main_window import MainWindow
from player.ui.screens import available_geometry
from player.ui.shell import ShellServices
from tests.ui.test_profiles import dialog_of, studying
from tests.ui.test_records_import import binta_s_file, choose_file
from tests.ui.test_window_titles import display_name, shown  # noqa: F401  (autouse fixture)

#: At least this many lines' height beside the title: the window's icon and its buttons.
CONTROLS = 4
#: What Openbox (Clearlooks) kept beside the title's text of a form at 1280x720, measured on
#: learner's-eye run u1's screenshots: 393 px for « Importer un suivi d'ap…entissage » (280 px
#: of text) and 286 px for « Supprimer A… e — Cartable » (173 px), both elided.
OPENBOX_BESIDE_TITLE = 113


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


def bold_title(form: QWidget) -> int:
    font = QFont(form.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(shown(form))


def test_the_delete_question_fits_its_title_under_openbox_and_wraps_in_few_lines(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """Delete's last question at 1280x720 (u1, fr-91): 286 px wide, its title read « Supprimer
    A… e — Cartable » and its message, with records not sent yet, took six short lines. And
    Import records' question (fr-94), 393 px wide, still read « Importer un suivi
    d'ap…entissage »: 6 lines' height beside the title were fewer than Openbox keeps."""
    studying(window, services, "Amélie")
    window.open_course("les-mooc", "definition-lecture")  # records waiting to be sent
    window.close_course()
    path = binta_s_file(window, services, tmp_path)
    try:
        services.translations.use("fr")
        QApplication.processEvents()
        dialog = dialog_of(window)
        dialog.delete_button.click()
        box = dialog.removal.question
        assert box is not None
        (skip,) = [
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
        ]
        skip.click()
        QApplication.processEvents()
        form = dialog.form
        assert isinstance(form, FormDialog) and form.isVisible()
        assert shown(form) == "Supprimer \u2068Amélie\u2069 \u2014 Cartable"
        assert "n'ont pas encore été envoyées" in form.message.text()
        assert form.width() >= bold_title(form) + OPENBOX_BESIDE_TITLE, form.width()
        message = form.message
        lines = message.heightForWidth(message.width()) // message.fontMetrics().lineSpacing()
        assert lines <= 3, (lines, message.width())  # 4 at the title's width alone
        form.reject()
        QApplication.processEvents()

        choose_file(qtbot, dialog, path)
        form = dialog.form
        assert isinstance(form, FormDialog) and form.isVisible()
        assert shown(form) == "Importer un suivi d'apprentissage \u2014 Cartable"
        assert form.width() >= bold_title(form) + OPENBOX_BESIDE_TITLE, form.width()
        form.reject()
    finally:
        services.translations.use("en")
