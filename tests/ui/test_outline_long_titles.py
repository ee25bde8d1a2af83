"""The course outline at its narrowest, in French: every word of a title is read whole, on its
line or the next; a word too long for the panel is elided, whole in the row's tooltip and
accessible text. At 180 px the titles had 40 px beside the unit kinds ('Diaporama'):
'caractér', 'entraîr', 'certificat' were cut mid-word. The panel cannot grow (the window's
least width must fit an 800 px screen): the kinds' column gives way to the titles.

What a title is drawn in is measured here apart from the delegate: the row's cell
(`visualRect`) less its icon and the style's margins; its lines are Qt's own wrapping."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from player.course.manifest import Course
from player.ui.course_outline import UNIT_ROLE
from player.ui.course_view import OUTLINE_AT_LEAST, CourseView
from player.ui.main_window import MainWindow
from player.ui.outline_delegate import OutlineDelegate
from player.ui.shell import ShellServices
from player.wording import isolated
from tests.ui.test_shell import DEMO, course, studying

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiose"
#: French typography: a no-break space before ':', a narrow one inside « »; Qt keeps
#: 'Vidéo :' and '« caractéristiques »' each on one line.
JOINED = "Vidéo\u00a0: «\u202fcaractéristiques\u202f»"


def panel_at(qtbot, view: CourseView, width: int) -> None:  # type: ignore[no-untyped-def]
    """The outline panel `width` px wide, as a learner drags the splitter, and its rows laid
    out again at the column's new width."""
    view.splitter.setSizes([width, view.splitter.width() - width])
    tree, panel = view.outline, view.outline_panel
    qtbot.waitUntil(
        lambda: panel.width() == width and tree.header().length() == tree.viewport().width()
    )
    tree.executeDelayedItemsLayout()


def narrowest(qtbot, view: CourseView) -> None:  # type: ignore[no-untyped-def]
    panel_at(qtbot, view, view.outline_panel.minimumWidth())


def title_rows(view: CourseView) -> list[QModelIndex]:
    model = view.outline_model
    found = []
    for row in range(model.rowCount()):
        module = model.index(row, 0)
        found.append(module)
        found += [model.index(r, 0, module) for r in range(model.rowCount(module))]
    return found


def drawn(view: CourseView, index: QModelIndex) -> tuple[str, QFont]:
    """The text the outline paints for a row (the delegate's, as the tree asks it) and its font."""
    delegate = view.outline.itemDelegate()
    assert isinstance(delegate, OutlineDelegate)
    option = QStyleOptionViewItem()
    view.outline.initViewItemOption(option)
    option.rect = view.outline.visualRect(index)
    delegate.initStyleOption(option, index)
    return option.text, QFont(option.font)  # a copy: the option dies here


def room(view: CourseView, index: QModelIndex) -> int:
    """The width the style leaves a row's text: its cell less the icon, with a margin of
    PM_FocusFrameHMargin + 1 on each side of the icon and of the text (QCommonStyle's item
    layout)."""
    tree = view.outline
    style = tree.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1
    width = tree.visualRect(index).width() - 2 * margin
    if index.data(Qt.ItemDataRole.DecorationRole) is not None:
        width -= style.pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, tree) + 2 * margin
    return width


def lines(text: str, font: QFont, width: int) -> list[tuple[str, float]]:
    """`text` as Qt wraps it at `width` px (at spaces; a no-break space joins), each line with
    the width its text takes."""
    found = []
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            start = line.textStart()
            found.append((paragraph[start : start + line.textLength()], line.naturalTextWidth()))
        layout.endLayout()
    return found


def faults(view: CourseView) -> list[str]:
    """Titles drawn wider than their room (cut), or elided though Qt could wrap them whole in
    it, or elided while the kinds' column is shown: the kinds must give way first."""
    found = []
    kinds = not view.outline.isColumnHidden(1)
    at = f"{view.outline_panel.width()} px"
    for index in title_rows(view):
        title = str(index.data(Qt.ItemDataRole.DisplayRole))
        text, font = drawn(view, index)
        width = room(view, index)
        assert width > 0
        cut = [line for line, w in lines(text, font, width) if w > width]
        found += [f"{at}: {line!r} cut to {width} px" for line in cut]
        if text != title:
            if all(w <= width for _, w in lines(title, font, width)):
                found.append(f"{at}: {text!r} elided, {title!r} fits in {width} px")
            if kinds:
                found.append(f"{at}: {text!r} elided beside the kinds")
    return found


def elided(view: CourseView) -> list[str]:
    """The words drawn elided."""
    return [w for i in title_rows(view) for w in drawn(view, i)[0].split() if "\u2026" in w]


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


@pytest.fixture
def retitled(window: MainWindow, services: ShellServices) -> Iterator[Callable[..., CourseView]]:
    """A course view on the demo with some unit titles changed, in French."""
    studying(window, services, lang="fr")
    installed = services.library.get(DEMO)
    assert installed is not None
    opened: list[CourseView] = []

    def open_view(titles: dict[str, str]) -> CourseView:
        changed = dataclasses.replace(installed, course=with_titles(installed.course, titles))
        view = CourseView(window.session, changed, lambda unit, parent: None, window.stack)  # type: ignore[arg-type]
        window.stack.addWidget(view)
        window.stack.setCurrentWidget(view)
        opened.append(view)
        return view

    yield open_view
    for view in opened:
        view.close_unit()
        window.stack.removeWidget(view)
        view.deleteLater()


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
    assert faults(view) == []
    assert elided(view) == []
    assert view.outline.isColumnHidden(1)  # the kinds gave way
    [slides] = [i for i in title_rows(view) if i.data(UNIT_ROLE) == "phenomene-diaporama"]
    assert "diaporama" in str(slides.data(Qt.ItemDataRole.AccessibleTextRole))  # still said
    panel_at(qtbot, view, char * 52)  # its default width
    assert not view.outline.isColumnHidden(1)
    assert faults(view) == []


def test_from_its_least_to_its_default_width_no_title_is_cut_or_elided_beside_the_kinds(  # type: ignore[no-untyped-def]
    qtbot, retitled
) -> None:
    """The panel dragged from its least width to its default one (30 to 52 average
    characters), 2 px at a time. A title whose words are joined by no-break spaces was
    measured word by word: the kinds came back while '« caractéristiques »' did not fit beside
    them, and it was drawn 'Vidéo : « caractéristiqu…' (244 to 250 px)."""
    view = retitled({"definition-video": JOINED, "phenomene-quiz": "Quiz\u00a0: entraînement"})
    qtbot.waitExposed(view)
    char = view.fontMetrics().averageCharWidth()
    shown = []
    found = []
    for width in range(char * OUTLINE_AT_LEAST, char * 52 + 1, 2):
        panel_at(qtbot, view, width)
        shown.append(not view.outline.isColumnHidden(1))
        found += faults(view)
    assert found == []
    assert not shown[0] and shown[-1]  # the sweep saw the kinds hidden, and shown again


def test_a_word_longer_than_the_widest_outline_is_elided_and_said_whole(  # type: ignore[no-untyped-def]
    qtbot, retitled
) -> None:
    """French unit titles with long words, and one word the panel cannot hold (44 letters):
    the others are whole, that one is elided."""
    titles = {
        "definition-video": "Démonstration",
        "definition-lecture": "Questionnaire d'autoévaluation",
        "enjeux-lecture": f"{LONG_WORD} et autres maladies professionnelles",
    }
    view = retitled(titles)
    qtbot.waitExposed(view)
    narrowest(qtbot, view)
    assert view.outline.isColumnHidden(1)
    [long_row] = [i for i in title_rows(view) if LONG_WORD in str(i.data())]
    text, font = drawn(view, long_row)
    assert text.startswith("Pneumono") and text.split()[0].endswith("\u2026")
    assert text.split()[1:] == ["et", "autres", "maladies", "professionnelles"]
    assert QFontMetrics(font).horizontalAdvance(text.split()[0]) <= room(view, long_row)
    assert faults(view) == []
    assert elided(view) == [text.split()[0]]  # that one alone
    # the title whole; isolated where it is seen (the tooltip), bare where it is read aloud
    title = titles["enjeux-lecture"]
    assert f"{isolated(title)}, lecture" in str(long_row.data(Qt.ItemDataRole.ToolTipRole))
    assert f"{title}, lecture" in str(long_row.data(Qt.ItemDataRole.AccessibleTextRole))
    char = view.fontMetrics().averageCharWidth()  # wider, the kinds come back (elided)
    panel_at(qtbot, view, char * 52)
    assert not view.outline.isColumnHidden(1)
    assert elided(view) == [drawn(view, long_row)[0].split()[0]]
    assert [f for f in faults(view) if "beside the kinds" not in f] == []
