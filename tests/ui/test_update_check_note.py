"""Settings → Downloads says how often the catalogs are read for course updates as the check
reads them: the note is made from `CHECK_INTERVAL`, a plural (%n) the translations can say
("Every 1 hour", "toutes les 6 heures"), so changing the interval cannot leave the note wrong."""

from __future__ import annotations

import pytest

from player.library import course_updates
from player.ui.settings_downloads import DownloadsTab
from player.ui.shell import ShellServices


def note(services: ShellServices) -> str:
    tab = DownloadsTab(services.context)
    tab.retranslate()
    text = tab.updates_note.text()
    tab.deleteLater()
    return text


def test_the_note_says_the_interval_the_check_waits(qtbot, services: ShellServices) -> None:
    assert course_updates.CHECK_INTERVAL == 6 * 3600
    assert note(services).startswith("Every 6 hours at most, each catalog is asked")


@pytest.mark.parametrize("hours", [3, 24])
def test_the_note_follows_a_changed_interval(
    qtbot, services: ShellServices, monkeypatch: pytest.MonkeyPatch, hours: int
) -> None:
    monkeypatch.setattr(course_updates, "CHECK_INTERVAL", hours * 3600.0)
    assert note(services).startswith(f"Every {hours} hours at most, each catalog is asked")


def test_the_interval_is_a_whole_number_of_hours() -> None:
    """The note says "Every %n hours at most": an interval of 1.5 h or 30 min cannot be said
    so. Changing CHECK_INTERVAL to one fails here, loudly, rather than the note saying more
    than the check waits (review r3 #8)."""
    hours, rest = divmod(course_updates.CHECK_INTERVAL, 3600)
    assert hours >= 1 and rest == 0, course_updates.CHECK_INTERVAL


def test_the_note_never_says_a_longer_interval_than_the_check_waits(
    qtbot, services: ShellServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'Every 2 hours at most' for a check every 1.5 h is false: it asks more often (r3)."""
    monkeypatch.setattr(course_updates, "CHECK_INTERVAL", 1.5 * 3600)
    assert note(services).startswith("Every 1 hour")  # "1 hours" until an English plural
