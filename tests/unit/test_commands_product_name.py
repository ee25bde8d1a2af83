"""A branded installer's commands name the branding's product, never "Cartable": a lab admin
of "Campus Cours" read "another Cartable on this computer is installing or removing it"
(docs/architecture.md, how a message names the player and the machine)."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.__main__ import main
from player.branding import Branding
from player.commands import courses
from player.library.course_switch import LOCKS
from player.paths import demo_repository, user_paths
from sync.interprocess import ProcessLock
from tests.unit.test_commands_hostile import one_line

PRODUCT = "Campus Cours"


@pytest.fixture
def branded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import player.context

    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(player.context, "load_branding", lambda: Branding(product_name=PRODUCT))


@pytest.mark.usefixtures("branded")
def test_a_course_held_by_another_player_is_said_with_the_branding_s_name(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["import", str(demo_repository())]) == 0
    capsys.readouterr()
    monkeypatch.setattr(courses, "REMOVE_WAIT", 0.2)
    lock = ProcessLock(user_paths().courses / LOCKS / "les-mooc.lock")
    assert lock.acquire()
    try:
        assert main(["courses", "remove", "les-mooc"]) == 1
    finally:
        lock.release()
    line = one_line(capsys)
    assert line == (
        f"cartable: les-mooc: another {PRODUCT} on this computer is installing or removing it;"
        " try again once it has finished"
    )
    assert "Cartable" not in line
