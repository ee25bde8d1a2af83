"""The shell on the demo course: profiles, library, course outline, navigation, resume, repair.

Each test starts the main window on a fresh CARTABLE_HOME (the demo installs itself as on a first
start) and drives it with the keyboard where a learner would.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPixmap, QPixmapCache
from PySide6.QtWidgets import QApplication, QPushButton

from player.paths import demo_repository
from player.store.profiles import Profile
from player.store.statements import verb_name
from player.ui.course_view import CourseView
from player.ui.exam.view import ExamView
from player.ui.library_cards import CARD_ROLE, CourseCard
from player.ui.library_view import LibraryView
from player.ui.main_window import MainWindow
from player.ui.quiz_view import QuizView
from player.ui.repair import RepairDialog, check_course
from player.ui.shell import ShellServices
from tests.support import build_toy
from tests.ui.conftest import HEIGHT, WIDTH, open_services
from tests.ui.test_learner_walkthrough import studying as with_status_button

DEMO = "les-mooc"


def statements(services: ShellServices, profile: Profile) -> list[dict]:
    rows = services.store.conn.execute(
        "SELECT body FROM outbox WHERE profile_id = ? ORDER BY seq", (profile.id,)
    ).fetchall()
    return [json.loads(r[0]) for r in rows]


def verbs_about(services: ShellServices, profile: Profile, fragment: str) -> list[str]:
    return [
        verb_name(s) for s in statements(services, profile) if s["object"]["id"].endswith(fragment)
    ]


def studying(window: MainWindow, services: ShellServices, name: str = "Awa", lang: str = "en"):
    """A profile opened the way a later start opens it."""
    profile = services.profiles.add(name, lang)
    services.context.settings.last_profile = profile.id
    window.start()
    assert window.library_view is not None
    assert window.stack.currentWidget() is window.library_view
    return profile


def course(window: MainWindow) -> CourseView:
    assert window.course_view is not None
    return window.course_view


# -- profiles ---------------------------------------------------------------------------------


def test_first_start_asks_who_studies_then_shows_the_library_in_that_language(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    window.start()
    page = window.profile_page
    assert page is not None and window.stack.currentWidget() is page
    assert not page.existing.isVisibleTo(page), "no profile yet: only the creation form"
    assert page.name.hasFocus()
    qtbot.keyClicks(page.name, "Awa")
    page.language.setCurrentIndex(page.language.findData("fr"))
    assert page.heading.text() == "Qui étudie\u00a0?", "the page switches language at once"
    qtbot.keyClick(page.name, Qt.Key.Key_Return)

    assert window.library_view is not None
    assert window.stack.currentWidget() is window.library_view
    assert window.library_view.heading.text() == "Bibliothèque"
    assert window.library_view.visible_titles() == ["Les MOOC"]
    (profile,) = services.profiles.all()
    assert (profile.name, profile.language) == ("Awa", "fr")
    saved = json.loads(services.context.paths.settings_file.read_text(encoding="utf-8"))
    assert saved["last_profile"] == profile.id


def test_a_later_start_opens_the_last_profile_without_asking(
    window: MainWindow, services: ShellServices
) -> None:
    services.profiles.add("Bintou", "fr")
    awa = studying(window, services, "Awa", "en")
    assert window.session is not None and window.session.profile.id == awa.id
    assert window.library_view is not None
    assert window.library_view.heading.text() == "Library"


def test_a_profile_with_a_pin_opens_only_with_its_pin(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    profile = services.profiles.add("Awa", "en", pin="4321")
    services.context.settings.last_profile = profile.id
    window.start()
    page = window.profile_page
    assert page is not None and window.stack.currentWidget() is page
    assert page.selected() is not None and page.selected().id == profile.id
    assert page.pin.isVisibleTo(page) and page.pin.hasFocus()

    qtbot.keyClicks(page.pin, "1111")
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    assert window.session is None
    assert page.pin_message.text() == "Wrong PIN. Try again."
    assert page.pin.text() == "", "a wrong PIN is cleared"

    qtbot.keyClicks(page.pin, "4321")
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    assert window.session is not None and window.session.profile.id == profile.id
    assert window.stack.currentWidget() is window.library_view


def test_profile_creation_says_what_is_wrong(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    services.profiles.add("Awa", "en")
    window.start()
    page = window.profile_page
    assert page is not None
    page.create()
    assert page.name_message.text() == "Type a name for the new profile."
    page.name.setText("  awa ")
    page.create()
    assert page.name_message.text() == "A profile named \u2068Awa\u2069 already exists.", (
        "as written"
    )
    page.name.setText("Bintou")
    page.new_pin.setText("12")
    page.create()
    assert page.name_message.text() == ""
    assert page.new_pin_message.text() == "A PIN is exactly 4 digits, or leave it empty."
    assert [p.name for p in services.profiles.all()] == ["Awa"]
    page.new_pin.setText("1234")
    page.new_pin_again.setText("1234")  # typed twice
    page.create()
    assert window.session is not None and window.session.profile.name == "Bintou"
    assert window.session.profile.has_pin


def test_switching_profile_shows_the_other_learner_in_their_language(
    window: MainWindow, services: ShellServices
) -> None:
    bintou = services.profiles.add("Bintou", "fr")
    studying(window, services, "Awa", "en")
    window.switch_action.trigger()
    page = window.profile_page
    assert page is not None and page.cancel_button.isVisibleTo(page)
    page.select(bintou.id)
    page.open_selected()
    assert window.session is not None and window.session.profile.id == bintou.id
    assert window.library_view is not None
    assert window.library_view.heading.text() == "Bibliothèque"
    assert window.library_action.text() == "&Bibliothèque"


# -- library ----------------------------------------------------------------------------------


def install_toy(services: ShellServices, tmp_path: Path) -> None:
    built = build_toy(tmp_path / "toy", sign=False)
    services.library.install_folder(built.repo, allow_unsigned=True)


def library_with_toy(window: MainWindow, services: ShellServices, tmp_path: Path) -> LibraryView:
    """The library of a learner with the demo and the toy course installed."""
    install_toy(services, tmp_path)
    studying(window, services)
    assert window.library_view is not None
    return window.library_view


def test_cards_show_what_a_learner_needs_and_search_filters_titles(
    qtbot, tmp_path: Path, window: MainWindow, services: ShellServices
) -> None:
    view = library_with_toy(window, services, tmp_path)
    assert sorted(view.visible_titles()) == ["Cours jouet", "Les MOOC"]
    cards = {c.id: c for c in view.model.cards}
    demo, toy = cards[DEMO], cards["toy"]
    assert demo.verified and not toy.verified
    assert demo.publisher == "Cartable — cours de démonstration"
    assert demo.size_on_disk == services.library.get(DEMO).course.size  # type: ignore[union-attr]
    text = view.model.describe(toy)
    assert "Cours jouet" in text and "unverified" in text and "0% done" in text

    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search.hasFocus(), "Ctrl+F goes to the search box"
    qtbot.keyClicks(view.search, "JOUET")
    assert view.visible_titles() == ["Cours jouet"]
    view.search.setText("les mooc")
    assert view.visible_titles() == ["Les MOOC"]
    view.search.setText("nothing like this")
    assert view.visible_titles() == []
    assert view.empty.isVisibleTo(view) and "nothing like this" in view.empty.text()
    view.search.setText("mooc")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert window.course_view is not None and window.course_view.course.id == DEMO


def _accent_pixels(view, row: int) -> int:  # type: ignore[no-untyped-def]
    """Pixels of the accent colour in a card as painted: its border when current."""
    from player.ui.theme import colors_from_palette

    accent = QColor(colors_from_palette(view.palette()).accent)
    image = view.cards.surface.grab().toImage()
    rect = view.cards.visualRect(view.filter.index(row, 0))
    found = 0
    for y in range(rect.top(), rect.bottom(), 2):
        for x in range(rect.left(), rect.right()):
            color = image.pixelColor(x, y)
            if (
                abs(color.red() - accent.red())
                + abs(color.green() - accent.green())
                + abs(color.blue() - accent.blue())
                < 30
            ):
                found += 1
    return found


def _ring_pixels(view, row: int) -> int:  # type: ignore[no-untyped-def]
    """Pixels of the focus colour in the margin around a card, where only its focus ring goes."""
    from player.ui.theme import colors_from_palette

    ring = QColor(colors_from_palette(view.palette()).focus)
    image = view.cards.surface.grab().toImage()
    rect = view.cards.visualRect(view.filter.index(row, 0))
    band = [
        (x, y)
        for x in range(rect.left(), rect.left() + 4)
        for y in range(rect.top(), rect.bottom())
    ]
    band += [
        (x, y) for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.top() + 4)
    ]
    return sum(1 for x, y in band if image.pixelColor(x, y) == ring)


def test_the_current_card_and_only_it_has_the_accent_border(
    qtbot, tmp_path: Path, window: MainWindow, services: ShellServices
) -> None:
    """Selected is the accent border; keyboard focus is the buttons' focus ring around it, in
    its own colour (it was a 3 px accent border against a selected card's 2 px: hard to tell)."""
    view = library_with_toy(window, services, tmp_path)
    view.cards.setFocus()
    view.cards.setCurrentIndex(view.filter.index(0, 0))
    assert _accent_pixels(view, 0) > 100 and _accent_pixels(view, 1) == 0
    assert _ring_pixels(view, 0) > 100 and _ring_pixels(view, 1) == 0
    qtbot.keyClick(view.cards, Qt.Key.Key_Right)
    assert view.cards.currentIndex().row() == 1
    assert _accent_pixels(view, 1) > 100 and _accent_pixels(view, 0) == 0
    assert _ring_pixels(view, 1) > 100 and _ring_pixels(view, 0) == 0
    view.search.setFocus()  # still selected, no longer focused: the accent border, no ring
    qtbot.waitUntil(lambda: not view.cards.hasFocus())
    assert _accent_pixels(view, 1) > 100
    assert _ring_pixels(view, 1) == 0


def test_covers_are_kept_at_card_size_and_a_damaged_one_is_made_again(
    window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    view = window.library_view
    assert view is not None
    view.cards.surface.grab()  # the first paint makes the thumbnail
    demo = services.library.get(DEMO)
    assert demo is not None and demo.course.cover is not None
    (kept,) = services.context.paths.thumbnails.glob("*.png")
    width, height = (int(n) for n in kept.stem.rsplit("-", 1)[1].split("x"))
    assert kept.name.startswith(demo.course.cover.sha256 + "-")
    cover_width = view.cards.visualRect(view.filter.index(0, 0)).width()
    assert QPixmap(str(kept)).size() == QSize(width, height) and width < cover_width
    assert height == int(width * 9 / 16)

    kept.write_bytes(b"not a picture")  # a cache damaged on disk: made again, never shown broken
    QPixmapCache.clear()
    view.cards.surface.grab()
    assert QPixmap(str(kept)).size() == QSize(width, height)
    assert [p.name for p in kept.parent.iterdir()] == [kept.name], "no partial file left"

    cover = str(services.library.blob_path(demo.course.cover.sha256))
    assert view.delegate.covers.pixmap(cover, QSize(width + 40, height + 22)) is not None
    (bigger,) = kept.parent.iterdir()  # another card size (font, screen): one file per cover
    assert bigger.name == f"{demo.course.cover.sha256}-{width + 40}x{height + 22}.png"
    window._repaired(DEMO)  # a repaired cover is read again from the repaired file
    assert list(kept.parent.iterdir()) == []
    view.cards.surface.grab()
    assert [p.name for p in kept.parent.iterdir()] == [kept.name]
    view.delegate.covers.keep_only(set())  # no course shows this cover any more
    assert list(kept.parent.iterdir()) == []


def test_accents_do_not_matter_in_search(window: MainWindow, services: ShellServices) -> None:
    studying(window, services)
    view = window.library_view
    assert view is not None
    view.search.setText("Les mooc")
    assert view.visible_titles() == ["Les MOOC"]
    from player.ui.library_view import fold

    assert fold("Phénomène ÉTÉ") == "phenomene ete"


def test_the_last_studied_course_comes_first(
    tmp_path: Path, window: MainWindow, services: ShellServices
) -> None:
    install_toy(services, tmp_path)
    profile = studying(window, services)
    view = window.library_view
    assert view is not None
    assert view.visible_titles() == ["Cours jouet", "Les MOOC"], "never studied: by title"
    window.open_course(DEMO)
    window.show_library()
    assert view.visible_titles() == ["Les MOOC", "Cours jouet"]
    toy = services.library.get("toy")
    assert toy is not None
    services.recorder.course_launched(profile.id, toy.course)
    view.refresh()
    assert view.visible_titles() == ["Cours jouet", "Les MOOC"]


def test_enter_on_a_card_opens_the_course_and_records_the_launch(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    profile = studying(window, services)
    view = window.library_view
    assert view is not None
    view.cards.setFocus()
    card: CourseCard = view.cards.currentIndex().data(CARD_ROLE)
    assert card.id == DEMO
    qtbot.keyClick(view.cards, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.course_view
    assert verbs_about(services, profile, f"/course/{DEMO}") == ["launched"]
    first = course(window).current_unit_id
    assert first == "definition-video", "a new course opens at its first unit"
    assert verbs_about(services, profile, f"/unit/{first}")[:2] == ["launched", "initialized"]


def test_a_double_click_on_a_card_opens_its_course(
    qtbot, tmp_path: Path, window: MainWindow, services: ShellServices
) -> None:
    view = library_with_toy(window, services, tmp_path)
    toy = next(r for r in range(view.filter.rowCount()) if view._card_at(r).id == "toy")
    center = view.cards.visualRect(view.filter.index(toy, 0)).center()
    qtbot.mouseClick(view.cards.surface, Qt.MouseButton.LeftButton, pos=center)
    assert view.cards.currentIndex().row() == toy, "a click selects the card"
    qtbot.mouseDClick(view.cards.surface, Qt.MouseButton.LeftButton, pos=center)
    assert window.course_view is not None and window.course_view.course.id == "toy"


# -- course view ------------------------------------------------------------------------------


def test_alt_arrows_walk_the_units_and_close_each_one(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    profile = studying(window, services)
    window.open_course(DEMO)
    view = course(window)
    assert not view.previous_button.isEnabled()
    order = [u.id for _, u in view.course.units()]
    visited = [view.current_unit_id]
    for _ in order[1:]:
        qtbot.keyClick(
            view.focusWidget() or view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier
        )
        visited.append(view.current_unit_id)
    assert visited == order
    assert not view.next_button.isEnabled()
    qtbot.keyClick(view.focusWidget() or view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.current_unit_id == order[-2]
    # every unit with a content view was opened and closed (terminated) on the way
    for unit_id in ("definition-video", "definition-lecture", "phenomene-diaporama"):
        verbs = verbs_about(services, profile, f"/unit/{unit_id}")
        assert verbs.count("launched") == verbs.count("terminated") >= 1, (unit_id, verbs)


def test_quiz_and_exam_units_open_their_views_and_start_no_attempt_by_themselves(
    window: MainWindow, services: ShellServices
) -> None:
    profile = studying(window, services)
    window.open_course(DEMO, "phenomene-quiz")
    view = course(window)
    assert isinstance(view.view, QuizView)
    assert view.view.pages.currentWidget() is view.view.start_page
    view.open_unit("enjeux-examen")
    assert isinstance(view.view, ExamView)
    assert view.view.pages.currentWidget() is view.view.start_page
    assert view.view.institution in view.view.start_grading.text()
    assert services.store.assessments.quiz_attempts(profile.id) == []
    assert services.store.assessments.exam_attempts(profile.id) == []
    assert verbs_about(services, profile, "/unit/phenomene-quiz") == [
        "launched",
        "initialized",
        "terminated",
    ]


def test_outline_icons_and_counts_follow_progress(
    window: MainWindow, services: ShellServices
) -> None:
    profile = studying(window, services)
    window.open_course(DEMO, "phenomene-quiz")
    view = course(window)
    assert view.unit_progress("definition-lecture").status == "not_attempted"
    assert view.outline_model.item(0, 1).text() == "0/2"
    # what the reading view records when the learner reaches the end of the text
    session = services.recorder.unit_opened(profile.id, view.course, "definition-lecture")
    services.recorder.reading_completed(session)
    services.recorder.unit_closed(session)
    view.refresh_progress()
    assert view.unit_progress("definition-lecture").status == "completed"
    assert view.outline_model.item(0, 1).text() == "1/2"
    assert view.course_label.text() == "1 of 6 units done"
    assert view.course_bar.value() == round(1000 / 6)
    item = view.outline.unit_item("definition-lecture")
    assert item is not None
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Les caractéristiques d'un MOOC, reading: Done"
    )


def test_f6_moves_between_the_outline_and_the_unit(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    window.open_course(DEMO, "phenomene-quiz")
    view = course(window)
    assert view.view is not None and view.view.hasFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_F6)
    assert view.outline.hasFocus()
    # Enter on a unit in the outline opens it and gives it the keyboard
    item = view.outline.unit_item("enjeux-examen")
    assert item is not None
    view.outline.setCurrentIndex(item.index())
    qtbot.keyClick(view.outline, Qt.Key.Key_Return)
    assert view.current_unit_id == "enjeux-examen" and view.view.hasFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.library_view, "Ctrl+L: back to the library"


def test_a_course_reopens_at_the_unit_studied_last_and_the_library_offers_to_continue(
    window: MainWindow, services: ShellServices
) -> None:
    profile = studying(window, services)
    library = window.library_view
    assert library is not None and not library.banner.isVisibleTo(library)
    window.open_course(DEMO, "phenomene-diaporama")
    window.show_library()
    assert library.banner.isVisibleTo(library)
    assert library.resume_point is not None
    assert library.resume_point.unit_id == "phenomene-diaporama"
    assert library.banner_text.text().startswith(
        "Continue: Module 2 \u00b7 \u2068Un ph\u00e9nom\u00e8ne (diaporama comment\u00e9)\u2069"
    )
    assert library.banner_title.text() == "Les MOOC"
    assert library.continue_button.hasFocus(), "Enter continues"
    shown = library.resume_point
    library.resume_point = replace(shown, course_title="<i>R&D</i> <script>")
    library._update_banner()
    assert library.banner_title.text() == "<i>R&D</i> <script>"
    assert library.banner_title.textFormat() == Qt.TextFormat.PlainText, "shown, never parsed"
    assert library.banner_text.textFormat() == Qt.TextFormat.PlainText
    library.resume_point = shown
    window.open_course(DEMO)
    assert course(window).current_unit_id == "phenomene-diaporama"
    assert profile.id == window.session.profile.id  # type: ignore[union-attr]


def test_restarting_the_app_resumes_where_the_learner_stopped(
    qtbot, qapp: QApplication, paths, tasks, window: MainWindow, services: ShellServices
) -> None:
    profile = studying(window, services)
    window.open_course(DEMO, "definition-video")
    video = course(window).view
    assert video is not None and video.hasFocus()
    qtbot.waitUntil(lambda: video.player.duration() > 0)  # type: ignore[attr-defined]
    qtbot.keyClick(video, Qt.Key.Key_Right)  # 5 s forward
    window.close()  # closing the window closes the unit: its position is saved
    assert verbs_about(services, profile, "/unit/definition-video")[-2:] == [
        "seeked",
        "terminated",
    ]

    again = open_services(qapp, paths, tasks)
    try:
        second = MainWindow(again)
        qtbot.addWidget(second)
        second.resize(WIDTH, HEIGHT)
        second.show()
        second.start()
        library = second.library_view
        assert library is not None and second.stack.currentWidget() is library
        assert (
            library.banner_text.text()
            == "Continue: Module 1 \u00b7 \u2068Qu'est-ce qu'un MOOC\u00a0?\u2069 at 0:05"
        )
        qtbot.keyClick(library.continue_button, Qt.Key.Key_Space)
        reopened = second.course_view
        assert reopened is not None and reopened.current_unit_id == "definition-video"
        resumed = reopened.view.recorder.resume_position()  # type: ignore[union-attr]
        assert resumed == 5.0
        second.close()
    finally:
        again.translations.clear()
        again.store.close()


# -- repair -----------------------------------------------------------------------------------


def test_check_files_finds_a_damaged_file_and_repairs_it_from_a_copy(
    window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    installed = services.library.get(DEMO)
    assert installed is not None
    slides = installed.course.unit("phenomene-diaporama")
    document = slides.document  # type: ignore[union-attr]
    blob = services.library.blob_path(document.sha256)
    blob.chmod(0o644)
    blob.write_bytes(b"not a pdf")
    assert check_course(services.library, DEMO).units == ("Un phénomène (diaporama commenté)",)

    window.open_course(DEMO, "phenomene-diaporama")
    window.check_action.trigger()
    dialog = window.repair_dialog
    assert isinstance(dialog, RepairDialog)
    assert "Missing or damaged files: 1 of 11." in dialog.status.text()
    assert "Un phénomène (diaporama commenté)" in dialog.status.text()
    assert dialog.from_copy.isVisibleTo(dialog) and dialog.online_note.isVisibleTo(dialog)
    reopened: list[str] = []
    dialog.repaired.connect(reopened.append)
    dialog.repair(demo_repository())
    assert dialog.status.text().startswith("Repaired: all 11 files")
    assert reopened == [DEMO]
    assert check_course(services.library, DEMO).intact
    assert course(window).current_unit_id == "phenomene-diaporama", "reopened where it was"


def test_repair_from_a_copy_of_another_course_says_so(
    tmp_path: Path, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    built = build_toy(tmp_path / "toy", sign=False)
    dialog = RepairDialog(services.library, DEMO, services.tasks, window)
    dialog.start()
    assert dialog.status.text() == "All 11 files of this course are intact."
    dialog.repair(built.repo)
    assert dialog.status.text().startswith("The course could not be repaired:")
    assert "les-mooc@1.0.3" in dialog.status.text()


def test_an_outline_title_that_fits_on_one_line_gets_a_one_line_row(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """The row height is measured at the width the title is painted in: 'Les caractéristiques
    d'un MOOC' fits beside its icon at 1280x720 and was given two lines' height."""
    studying(window, services)
    window.open_course(DEMO, "definition-video")
    view = course(window)
    qtbot.wait(1)
    tree = view.outline

    def height(unit_id: str) -> int:
        item = view.outline.unit_item(unit_id)
        assert item is not None
        return tree.visualRect(item.index()).height()

    one_line = height("definition-video")  # "Qu'est-ce qu'un MOOC ?"
    title = view.outline.unit_item("definition-lecture")
    assert title is not None
    cell = tree.visualRect(title.index())
    room = cell.width() - tree.iconSize().width() - 4 * 3  # the icon and the style's margins
    assert tree.fontMetrics().horizontalAdvance(title.text()) < room, "the title fits"
    assert height("definition-lecture") == one_line
    assert height("phenomene-diaporama") > one_line, "a title too long still wraps"


def test_alt_arrows_switch_the_unit_from_the_status_bar(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """The unit keys work anywhere in the window while a course is open: from the status bar's
    button Alt+Right moved the focus and opened nothing."""
    with_status_button(window, services)
    window.open_course(DEMO, "definition-video")
    view = course(window)
    [button] = [b for b in window.statusBar().findChildren(QPushButton) if b.isVisible()]
    button.setFocus(Qt.FocusReason.TabFocusReason)
    assert button.hasFocus()
    qtbot.keyClick(button, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.current_unit_id == "definition-lecture"
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert view.current_unit_id == "definition-video"
    window.show_library()
    assert window.stack.currentWidget() is window.library_view
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert view.view is None, "the course closed (its view not yet deleted): nothing opened"


def test_f6_goes_to_the_outline_from_the_status_bar(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """F6 moves between the course's panes from anywhere in the window, as the unit keys do:
    from the status bar's button it did nothing, so the keyboard could not get back to them."""
    with_status_button(window, services)
    window.open_course(DEMO, "definition-video")
    view = course(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    [button] = [b for b in window.statusBar().findChildren(QPushButton) if b.isVisible()]
    button.setFocus(Qt.FocusReason.TabFocusReason)
    assert button.hasFocus()
    qtbot.keyClick(button, Qt.Key.Key_F6)
    assert view.outline.hasFocus()
    qtbot.keyClick(view.outline, Qt.Key.Key_F6)
    assert view.view is not None and view.view.hasFocus()
    window.show_library()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_F6)
    assert button.hasFocus(), "no course shown: F6 moves nothing"
