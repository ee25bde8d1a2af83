"""Names in the command lines' output: a name saved before control characters were refused (an
ESC cleared the admin's terminal) is printed escaped, and in the listings each is isolated (FSI
... PDI) on a terminal, so an Arabic name first no longer turns its line right to left where
the terminal lays text out so; through a pipe, a script gets the names bare. A real records
file in a temporary CARTABLE_HOME."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from player.__main__ import main
from player.paths import user_paths
from player.store import Store
from tests.unit.test_store_helpers import FakeClock

ALI = "\u0639\u0644\u064a"
OLD = "Bad\x1b[2Jname\r\u202e"  # as a profile made before 9a8018e may be named


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    store = Store.open(user_paths().ensure(), clock=FakeClock(), backup_every=None)
    try:
        store.profiles.add(ALI, "ar")
        store.conn.execute(
            "INSERT INTO profiles (id, name, language, actor_home_page, actor_name,"
            " account_linked, created_at) VALUES ('old', ?, 'en', 'https://d.test', 'old', 0, 0)",
            (OLD,),
        )
    finally:
        store.close()
    return tmp_path / "home"


def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)


def test_profiles_list_isolates_each_name_and_escapes_controls(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["profiles", "list"]) == 0
    piped = sorted(capsys.readouterr().out.splitlines())
    assert [line.split("\t")[0] for line in piped] == ["Bad\\x1b[2Jname\\x0d\\u202e", ALI]
    on_a_terminal(monkeypatch)
    assert main(["profiles", "list"]) == 0
    out = capsys.readouterr().out
    lines = sorted(out.splitlines())
    assert len(lines) == 2, out
    assert lines[0].startswith("\u2068Bad\\x1b[2Jname\\x0d\\u202e\u2069\ten\t-\tdevice\t"), lines
    assert lines[1].startswith(f"\u2068{ALI}\u2069\tar\t-\tdevice\t"), lines
    assert "\x1b" not in out and "\r" not in out and "\u202e" not in out


def test_records_stats_escapes_controls(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    on_a_terminal(monkeypatch)
    assert main(["records", "stats"]) == 0
    out = capsys.readouterr().out
    assert "  \u2068Bad\\x1b[2Jname\\x0d\\u202e\u2069: 0 (" in out
    assert f"  \u2068{ALI}\u2069: 0 (" in out
    assert "\x1b" not in out and "\r" not in out and "\u202e" not in out


def test_a_name_copied_from_the_list_still_names_its_profile(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The isolates come with a name copied from the terminal: they are no part of it."""
    assert main(["profiles", "remove", f"\u2068{ALI}\u2069"]) == 0
    assert capsys.readouterr().out == f"removed profile {ALI}\n"
    assert main(["profiles", "remove", "old"]) == 0, "the old name: by its id"
    assert capsys.readouterr().out == "removed profile Bad\\x1b[2Jname\\x0d\\u202e\n"
