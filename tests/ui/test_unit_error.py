"""A unit whose view cannot be created: the learner reads, in their language, what happened and
what to do; the exception's own words (English, a programmer's) stay in the log."""

from __future__ import annotations

import logging

import pytest

from player.ui import unit_view
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.unit_error import UnitError
from player.wording import isolated
from tests.ui.test_shell import DEMO, course, studying
from tests.ui.unit_support import shipped_french

SLIDES = "phenomene-diaporama"
TITLE = "Un phénomène (diaporama commenté)"
FAULT = "cannot import name 'narration_point' from 'player.ui.recorder'"


@pytest.fixture
def broken_slides(monkeypatch: pytest.MonkeyPatch) -> None:
    """The slides view failing as an incomplete install made it fail for a learner."""
    real = unit_view.create_unit_view

    def create(unit, course, services, parent):  # type: ignore[no-untyped-def]
        if unit.id == SLIDES:
            raise ImportError(FAULT)
        return real(unit, course, services, parent)

    monkeypatch.setattr(unit_view, "create_unit_view", create)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_unit_that_cannot_open_says_what_to_do_not_the_exception(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, broken_slides, caplog, lang: str
) -> None:
    studying(window, services, lang=lang)
    with caplog.at_level(logging.ERROR):
        window.open_course(DEMO, SLIDES)
    view = course(window).view
    assert isinstance(view, UnitError)
    text = view.label.text()
    assert "narration_point" not in text and "ImportError" not in text
    if lang == "en":
        assert text == (
            f"{isolated(TITLE)} cannot be opened: \u2068Cartable\u2069 met a problem it did not "
            "expect. "
            "It is noted in "
            "the diagnostic report (Help \u2192 Help and diagnostics, F1): please copy it and "
            "send it to your institution."
        )
    else:
        sentence = shipped_french(
            "UnitError",
            "%1 cannot be opened: %4 met a problem it did not expect. It is noted in the "
            "diagnostic report (%2, %3): please copy it and send it to your institution.",
        )
        where = "Aide \u2192 Aide et diagnostic"
        assert text == sentence.replace("%1", isolated(TITLE)).replace("%2", where).replace(
            "%3", "F1"
        ).replace("%4", isolated("Cartable"))
    assert view.accessibleName() == text
    assert FAULT in caplog.text  # the programmer's words, with the traceback, for the report
    # The other units still open.
    window.open_course(DEMO, "definition-lecture")
    assert not isinstance(course(window).view, UnitError)


def test_a_unit_kind_this_version_does_not_know_says_a_newer_one_may_show_it(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = unit_view.create_unit_view

    def create(unit, course, services, parent):  # type: ignore[no-untyped-def]
        return None if unit.id == SLIDES else real(unit, course, services, parent)

    monkeypatch.setattr(unit_view, "create_unit_view", create)
    studying(window, services, lang="fr")
    window.open_course(DEMO, SLIDES)
    view = course(window).view
    assert isinstance(view, UnitError)
    sentence = shipped_french(
        "UnitError",
        "%1 cannot be opened: this version of %2 does not know this kind of unit. A newer "
        "version may show it.",
    )
    assert view.label.text() == sentence.replace("%1", isolated(TITLE)).replace(
        "%2", isolated("Cartable")
    )
    assert (
        "«\u00a0" + isolated(TITLE) + "\u00a0»" in view.label.text()
    )  # the title set off, any gender
