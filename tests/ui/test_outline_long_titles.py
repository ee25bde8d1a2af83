"""The course outline at its narrowest, in French: every word of a title is read whole, on its
line or the next; a word too long for the panel is elided, whole in the row's tooltip and
accessible text. At 180 px the titles had 40 px beside the unit kinds ('Diaporama'):
'caractér', 'entraîr', 'certificat' were cut mid-word. The panel cannot grow (the window's
least width must fit an 800 px screen): the kinds' column gives way to the titles."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

from player.course.manifest import Course
from player.ui.course_view import OUTLINE_AT_LEAST, UNIT_ROLE, CourseView, OutlineDelegate
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from tests.ui.test_shell import DEMO, course, studying

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiose"


def narrowest(qtbot, view: CourseView) -> None:  # type: ignore[no-untyped-def]
    """The outline dragged to its least width, as a learner drags the splitter."""
    view.splitter.setSizes([1, view.splitter.width()])
    panel = view.outline_panel
    qtbot.waitUntil(lambda: panel.width() == panel.minimumWidth())
    qtbot.wait(50)  # the tree lays its rows out again


def title_rows(view: CourseView) -> list[QModelIndex]:
    model = view.outline_model
    found = []
    for row in range(model.rowCount()):
        module = model.index(row, 0)
        found.append(module)
        found += [model.index(r, 0, module) for r in range(model.rowCount(module))]
    return found


def drawn(view: CourseView, index: QModelIndex) -> tuple[str, QFontMetrics, int]:
    """The text the outline paints for a row, its font's metrics and the width it has."""
    delegate = view.outline.itemDelegate()
    assert isinstance(delegate, OutlineDelegate)
    option = QStyleOptionViewItem()
    view.outline.initViewItemOption(option)
    option.rect = view.outline.visualRect(index)
    room = delegate.text_room(option, index)
    delegate.initStyleOption(option, index)
    return option.text, QFontMetrics(option.font), room


def cut_words(view: CourseView) -> list[str]:
    """Words of the titles drawn wider than their line, or elided."""
    cut = []
    for index in title_rows(view):
        text, metrics, room = drawn(view, index)
        assert room > 0
        cut += [w for w in text.split() if metrics.horizontalAdvance(w) > room or "\u2026" in w]
    return cut


def test_at_its_least_width_the_outline_shows_every_french_title_word_whole(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services, lang="fr")
    window.open_course(DEMO, "definition-video")
    view = course(window)
    narrowest(qtbot, view)
    char = view.fontMetrics().averageCharWidth()
    assert view.outline_panel.width() == char * OUTLINE_AT_LEAST
    words = {w for i in title_rows(view) for w in str(i.data()).split()}
    assert {"caractéristiques", "d'entraînement", "certification"} <= words
    assert cut_words(view) == []
    assert view.outline.isColumnHidden(1)  # the kinds gave way
    [slides] = [i for i in title_rows(view) if i.data(UNIT_ROLE) == "phenomene-diaporama"]
    assert "diaporama" in str(slides.data(Qt.ItemDataRole.AccessibleTextRole))  # still said
    view.splitter.setSizes([char * 52, view.splitter.width() - char * 52])  # its default width
    qtbot.waitUntil(lambda: not view.outline.isColumnHidden(1))
    qtbot.wait(50)
    assert cut_words(view) == []


def with_titles(demo: Course, titles: dict[str, str]) -> Course:
    modules = tuple(
        dataclasses.replace(
            m,
            units=tuple(
                dataclasses.replace(u, title=titles[u.id]) if u.id in titles else u for u in m.units
            ),
        )
        for m in demo.modules
    )
    return dataclasses.replace(demo, modules=modules)


def test_a_word_longer_than_the_widest_outline_is_elided_and_said_whole(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """French unit titles with long words, and one word the panel cannot hold (44 letters):
    the others are whole, that one is elided."""
    studying(window, services, lang="fr")
    installed = services.library.get(DEMO)
    assert installed is not None
    titles = {
        "definition-video": "Démonstration",
        "definition-lecture": "Questionnaire d'autoévaluation",
        "enjeux-lecture": f"{LONG_WORD} et autres maladies professionnelles",
    }
    changed = dataclasses.replace(installed, course=with_titles(installed.course, titles))
    view = CourseView(window.session, changed, lambda unit, parent: None, window.stack)  # type: ignore[arg-type]
    window.stack.addWidget(view)
    window.stack.setCurrentWidget(view)
    qtbot.waitExposed(view)
    try:
        narrowest(qtbot, view)
        assert view.outline.isColumnHidden(1)
        [long_row] = [i for i in title_rows(view) if LONG_WORD in str(i.data())]
        text, metrics, room = drawn(view, long_row)
        assert text.startswith("Pneumono") and text.split()[0].endswith("\u2026")
        assert text.split()[1:] == ["et", "autres", "maladies", "professionnelles"]
        assert metrics.horizontalAdvance(text.split()[0]) <= room
        assert cut_words(view) == [text.split()[0]]  # that one alone
        for role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            assert f"{titles['enjeux-lecture']}, lecture" in str(long_row.data(role))
        char = view.fontMetrics().averageCharWidth()  # wider, the kinds come back (elided)
        view.splitter.setSizes([char * 52, view.splitter.width() - char * 52])
        qtbot.waitUntil(lambda: not view.outline.isColumnHidden(1))
        qtbot.wait(50)
        assert cut_words(view) == [drawn(view, long_row)[0].split()[0]]
    finally:
        view.close_unit()
        window.stack.removeWidget(view)
        view.deleteLater()
