"""Where a narrated deck reopens, and what the Continue banner and the outline say of it: a page
the learner turned to, and points saved by versions before the view saved where it opens
(e4e94f7). Real audio (the toy's narration: 4.1 s, declared 4 s, pages at 0, 1.5 and 3 s)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from shiboken6 import Shiboken

from player.course.manifest import Course, SlidesUnit
from player.library.library import Library
from player.ui.resume import continue_text, resume_point, unit_resume_position
from player.ui.slides_view import SlidesView
from player.ui.unit_view import create_unit_view
from tests.ui.test_slides_hostile import LONG, narration_loaded, timed
from tests.ui.unit_support import Shell, dispose, install_toy, open_store


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Course]:
    return install_toy(tmp_path_factory.mktemp("toy"))


@pytest.fixture
def shell(toy: tuple[Library, Course], tmp_path: Path) -> Shell:
    library, course = toy
    return Shell(library, course, open_store(tmp_path))


@pytest.fixture
def views(qtbot) -> Iterator[list[SlidesView]]:  # type: ignore[no-untyped-def]
    """Views a test opened, disposed of at its end if it did not."""
    opened: list[SlidesView] = []
    yield opened
    for view in opened:
        if Shiboken.isValid(view):
            dispose(qtbot, view)


def open_deck(qtbot, shell: Shell, course: Course, views: list[SlidesView]) -> SlidesView:  # type: ignore[no-untyped-def]
    """The deck's view, just created: its audio has not loaded yet."""
    view = create_unit_view(course.unit("deck"), course, shell.services())  # type: ignore[arg-type]
    assert isinstance(view, SlidesView)
    views.append(view)
    view.resize(900, 600)
    return view


def opens_at(qtbot, view: SlidesView) -> tuple[int, float]:  # type: ignore[no-untyped-def]
    """(0-based page, narration seconds) where the view stands once its audio has loaded: the
    view moves the player to its point on LoadedMedia, and position() says it at once."""
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: narration_loaded(view), timeout=LONG)
    assert view.player is not None
    return view.page, view.player.position() / 1000


def banner(shell: Shell, course: Course) -> tuple[str, float | None]:
    """The Continue banner's text and the outline's time beside the deck."""
    store = shell.store
    point = resume_point(course, store.queries.course(store.profile.id, course))
    assert point is not None and point.unit_id == "deck"
    deck = course.unit("deck")
    assert deck is not None
    return continue_text(point), unit_resume_position(deck, store.unit(course, "deck"))


@pytest.mark.parametrize(
    ("starts", "loaded"),
    [
        pytest.param((0.0, 1.5, 3.0), False, id="before the audio loads: 3 s of 4 s declared"),
        pytest.param((0.0, 1.5, 3.5), True, id="audio loaded: 3.5 s of its 4.1 s"),
    ],
)
def test_a_page_turned_to_near_the_narration_end_is_where_the_deck_reopens(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell, views: list[SlidesView], starts: tuple[float, ...], loaded: bool
) -> None:
    """The last page starts in the narration's last second (of the declared 4 s before the
    audio has loaded, of its 4.1 s after). Turned to, it saved 0 s, the point of a narration
    heard to its end, and the deck reopened on page 1. It saves its start and reopens there."""
    course = timed(shell.course, 4.0, starts)
    view = open_deck(qtbot, shell, course, views)
    if loaded:
        opens_at(qtbot, view)
    else:
        assert view._pending_resume is not None  # the audio has not loaded yet
    view.turn(1)
    view.turn(1)
    assert view.page == 2
    assert shell.store.unit(course, "deck").position == starts[2]  # saved at the turn
    dispose(qtbot, view)
    assert shell.store.unit(course, "deck").position == starts[2]
    text, outline = banner(shell, course)
    assert text.endswith(" at 0:03") and outline == starts[2]
    page, seconds = opens_at(qtbot, open_deck(qtbot, shell, course, views))
    assert page == 2 and seconds == pytest.approx(starts[2], abs=0.1)


@pytest.mark.parametrize(
    ("stored", "said"),
    [
        pytest.param(3.9, "0:03", id="left in its last second"),
        pytest.param(4.1, "0:04", id="heard to its end"),
    ],
)
def test_a_point_saved_by_an_older_version_opens_where_the_banner_says(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell, views: list[SlidesView], stored: float, said: str
) -> None:
    """Versions before e4e94f7 saved the time heard, even in the narration's last seconds
    (they restarted it when opening). The banner shows a narrated deck's point as saved,
    'at 0:03', while the view restarted it: the deck opened at 0:00 on page 1. The view opens
    every point as saved. Left there untouched, it saves the point of a narration heard to its
    end (0 s), and the banner and the view then agree on the start."""
    course = shell.course
    deck = course.unit("deck")
    assert isinstance(deck, SlidesUnit) and deck.narration is not None
    assert (deck.narration.duration, deck.narration.slide_starts) == (4.0, (0.0, 1.5, 3.0))
    store = shell.store
    session = store.events.unit_opened(store.profile.id, course, "deck")
    store.events.slide_viewed(session, 3)
    store.events.unit_closed(session, stored)  # as an older version saved it
    text, outline = banner(shell, course)
    assert text.endswith(f" at {said}") and outline == stored
    view = open_deck(qtbot, shell, course, views)
    page, seconds = opens_at(qtbot, view)
    assert (page, view.time_label.text()) == (2, f"{said} / 0:04")
    assert seconds == pytest.approx(stored, abs=0.1)
    dispose(qtbot, view)
    assert store.unit(course, "deck").position == 0.0
    where, outline = banner(shell, course)
    assert " at " not in where and outline is None
    page, seconds = opens_at(qtbot, open_deck(qtbot, shell, course, views))
    assert page == 0 and seconds < 0.1


def test_a_deck_whose_audio_is_missing_reopens_on_the_page_turned_to(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell, views: list[SlidesView], tmp_path: Path
) -> None:
    """Without its audio the deck saves the start of the page shown, the last one too."""
    course = shell.course
    deck = course.unit("deck")
    assert isinstance(deck, SlidesUnit) and deck.narration is not None
    sha = deck.narration.audio.sha256
    services = shell.services(
        blob_path=lambda wanted: (
            tmp_path / "gone" if wanted == sha else shell.library.blob_path(wanted)
        )
    )
    view = create_unit_view(deck, course, services)
    assert isinstance(view, SlidesView) and view.player is None
    views.append(view)
    view.turn(2)
    dispose(qtbot, view)
    assert shell.store.unit(course, "deck").position == 3.0
    again = create_unit_view(deck, course, services)
    assert isinstance(again, SlidesView)
    views.append(again)
    assert again.page == 2
