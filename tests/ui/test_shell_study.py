"""A learner studies the demo course through the whole application, with the keyboard alone:
first start, profile, library, the video to its end at 2x, the reading to its end, the narrated
deck page by page, then a restart that resumes where they stopped. The records are checked in
the outbox, as the institution will receive them."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from player.store.statements import verb_name
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from tests.ui.conftest import HEIGHT, WIDTH, open_services

LONG = 30_000
DECK = "Un ph\u00e9nom\u00e8ne (diaporama comment\u00e9)"  # the narrated deck's title
#: What the screens say at two checkpoints, in each language of the interface.
SAYS = {
    "en": {
        "units": "3 of 6 units done",
        "continue": f"Continue: Module 2 \u00b7 \u2068{DECK}\u2069 at 1:38",
    },
    "fr": {
        "units": "3 unités faites sur 6",
        "continue": f"Module 2 \u00b7 \u2068{DECK}\u2069 à 1:38",
    },
}


def key(qtbot, which: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier, text: str = "") -> None:  # type: ignore[no-untyped-def]
    """A key as the learner types it: to whatever has the keyboard focus."""
    target = QApplication.focusWidget()
    assert target is not None, "the keyboard always has somewhere to go"
    qtbot.keyClick(target, which, modifier)


def verbs(services: ShellServices, unit_id: str) -> list[str]:
    rows = services.store.conn.execute("SELECT body FROM outbox ORDER BY seq").fetchall()
    found = [json.loads(r[0]) for r in rows]
    mine = f"/unit/{unit_id}"
    return [
        verb_name(s)
        for s in found
        if s["object"]["id"].endswith(mine) or f"{mine}/" in s["object"]["id"]  # its pages too
    ]


def all_verbs(services: ShellServices) -> list[str]:
    rows = services.store.conn.execute("SELECT body FROM outbox ORDER BY seq").fetchall()
    return [verb_name(json.loads(r[0])) for r in rows]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_learner_studies_the_demo_with_the_keyboard_and_resumes_after_a_restart(
    language: str,
    qtbot,  # type: ignore[no-untyped-def]
    qapp,  # type: ignore[no-untyped-def]
    paths,  # type: ignore[no-untyped-def]
    tasks,  # type: ignore[no-untyped-def]
    window: MainWindow,
    services: ShellServices,
) -> None:
    window.start()
    window.activateWindow()
    qtbot.keyClicks(QApplication.focusWidget(), "Awa")  # the name field has the focus
    key(qtbot, Qt.Key.Key_Tab)
    # the language, whatever the system's: French first in the list, English after it
    key(qtbot, Qt.Key.Key_Up if language == "fr" else Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)
    assert window.session is not None and window.session.profile.language == language
    assert window.stack.currentWidget() is window.library_view

    key(qtbot, Qt.Key.Key_Return)  # the demo is the only card, and it has the focus
    course = window.course_view
    assert course is not None and course.current_unit_id == "definition-video"

    # the video, faster and faster up to 2x, played to its very end
    video = course.view
    assert video.tasks is services.tasks  # type: ignore[union-attr]  # subtitles off the UI thread
    qtbot.waitUntil(lambda: video.player.duration() > 0, timeout=LONG)  # type: ignore[union-attr]
    for _ in range(8):
        key(qtbot, Qt.Key.Key_BracketRight, text="]")
    assert video.speed_value == 2.0  # type: ignore[union-attr]
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: course.unit_progress("definition-video").completed, timeout=LONG)
    assert "completed" in verbs(services, "definition-video")
    assert "played" in verbs(services, "definition-video")

    # the reading, read to its end
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert course.current_unit_id == "definition-lecture"
    key(qtbot, Qt.Key.Key_PageDown)
    key(qtbot, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: course.unit_progress("definition-lecture").completed, timeout=LONG)
    assert course.outline_model.item(0, 1).text() == "2/2"
    assert "satisfied" in all_verbs(services), "module 1 is done: cmi5 satisfied"

    # the narrated deck, page by page: the narration follows the pages
    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert course.current_unit_id == "phenomene-diaporama"
    deck = course.view
    qtbot.waitUntil(lambda: deck.page_count == 8, timeout=LONG)  # type: ignore[union-attr]
    for _ in range(7):
        key(qtbot, Qt.Key.Key_PageDown)
    assert deck.page == 7  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: course.unit_progress("phenomene-diaporama").completed, timeout=LONG)
    assert verbs(services, "phenomene-diaporama").count("experienced") >= 8
    assert course.course_label.text() == SAYS[language]["units"]

    window.close()  # quitting closes the open unit and saves where the learner is
    assert verbs(services, "phenomene-diaporama")[-1] == "terminated"

    again = open_services(qapp, paths, tasks)
    try:
        second = MainWindow(again)
        qtbot.addWidget(second)
        second.resize(WIDTH, HEIGHT)
        second.show()
        second.start()
        second.activateWindow()
        library = second.library_view
        assert library is not None and second.stack.currentWidget() is library
        assert SAYS[language]["continue"] in library.banner_text.text()
        qtbot.waitUntil(lambda: library.continue_button.hasFocus())
        key(qtbot, Qt.Key.Key_Return)
        reopened = second.course_view
        assert reopened is not None and reopened.current_unit_id == "phenomene-diaporama"
        qtbot.waitUntil(lambda: reopened.view.page == 7, timeout=LONG)  # type: ignore[union-attr]
        second.close()
    finally:
        again.translations.clear()
        again.store.close()


def test_the_end_of_a_video_offers_the_next_unit_and_enter_opens_it(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """At the end of the video: Next: <title>, opened with Enter as Alt+Right opens it."""
    profile = services.profiles.add("Awa", "en")
    services.context.settings.last_profile = profile.id
    window.start()
    window.activateWindow()
    course = window.open_course("les-mooc", "definition-video")
    assert course is not None
    video = course.view
    qtbot.waitUntil(lambda: video.player.duration() > 0, timeout=LONG)  # type: ignore[union-attr]
    qtbot.waitUntil(video.surface.hasFocus, timeout=LONG)  # type: ignore[union-attr]
    video.seek_to(9.5)  # type: ignore[union-attr]
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: video.end_offered, timeout=LONG)  # type: ignore[union-attr]
    assert course.current_unit_id == "definition-video", "never moves on by itself"
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: course.current_unit_id == "definition-lecture", timeout=LONG)
    assert verbs(services, "definition-video")[-1] == "terminated"
