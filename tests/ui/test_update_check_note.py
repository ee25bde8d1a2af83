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
