"""The course outline and its header as the learner reads them: counts said in the plural a
language needs, and a unit's state drawn and named so that no two states read alike."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from tests.ui.test_shell import DEMO, course, studying

#: The French plural forms a translator gives these counts (one form for 0 and 1, one for more).
FRENCH = {
    "%n of %1 units done": ("%n unité faite sur %1", "%n unités faites sur %1"),
    "Module %1: %2, %n of %3 units done": (
        "Module %1 : %2, %n unité faite sur %3",
        "Module %1 : %2, %n unités faites sur %3",
    ),
}


class Plurals(QTranslator):
    """The CourseView counts in French plural forms, chosen by the count Qt is given (`n`)."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        forms = FRENCH.get(source) if context == "CourseView" else None
        if forms is None:
            return None
        return forms[0 if n <= 1 else 1]


@pytest.fixture
def plurals(qapp: QApplication) -> Iterator[None]:
    translator = Plurals()
    QCoreApplication.installTranslator(translator)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_units_done_agree_with_their_count(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, plurals: None
) -> None:
    profile = studying(window, services)
    window.open_course(DEMO, "definition-video")
    view = course(window)
    view.retranslate()
    assert view.course_label.text() == "0 unité faite sur 6"
    session = services.recorder.unit_opened(profile.id, view.course, "definition-lecture")
    services.recorder.reading_completed(session)
    services.recorder.unit_closed(session)
    view.refresh_progress()
    assert view.course_label.text() == "1 unité faite sur 6"  # was "1 unités faites sur 6"
    assert view.course_bar.accessibleDescription() == "1 unité faite sur 6"
    module = view.outline_model.item(0, 0)
    assert module.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Module 1 : Qu'est-ce qu'un MOOC ?, 1 unité faite sur 2"
    )
    session = services.recorder.unit_opened(profile.id, view.course, "enjeux-lecture")
    services.recorder.reading_completed(session)
    services.recorder.unit_closed(session)
    view.refresh_progress()
    assert view.course_label.text() == "2 unités faites sur 6"
