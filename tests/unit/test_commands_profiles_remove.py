"""`cartable profiles remove NAME [--force]`: a learner's records that never reached the
institution (exam attempts among them) are never lost without a word: refused unforced, counted
when forced, and counted under the removal's own write lock. A real records file in a temporary
CARTABLE_HOME, and a second connection as the other process."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.__main__ import main
from player.paths import user_paths
from player.store import Store
from player.store.profiles import UndeliveredRecords
from tests.support import run_cli
from tests.unit.test_store_helpers import FakeClock, make_course, study_everything


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def opened() -> Store:
    return Store.open(user_paths().ensure(), clock=FakeClock(), backup_every=None)


def studied(name: str) -> tuple[str, int]:
    """A profile that studied the whole course, nothing sent: its id and statements queued."""
    store = opened()
    try:
        profile = store.profiles.add(name, "fr")
        study_everything(store, FakeClock(), profile.id, make_course())
        return profile.id, store.outbox.counts(profile.id).queued
    finally:
        store.close()


def test_a_forced_removal_says_how_many_records_were_never_sent(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _awa, waiting = studied("Awa")
    assert waiting > 1
    assert main(["profiles", "remove", "Awa"]) == 1
    err = capsys.readouterr().err
    assert f"has {waiting} records not yet sent to the institution" in err
    assert main(["profiles", "remove", "Awa", "--force"]) == 0
    out, err = capsys.readouterr()
    assert out == "removed profile Awa\n"
    assert err == f"{waiting} records never sent to the institution were deleted with it\n"
    store = opened()
    try:
        assert store.profiles.all() == []
    finally:
        store.close()


def test_a_removal_with_nothing_waiting_says_nothing_more(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = opened()
    try:
        store.profiles.add("Bea", "en")
    finally:
        store.close()
    assert main(["profiles", "remove", "Bea", "--force"]) == 0
    assert capsys.readouterr() == ("removed profile Bea\n", "")


def test_a_record_queued_by_another_process_as_the_removal_starts_is_counted(home: Path) -> None:
    """The count was read before the removal's transaction: a statement the player queued in
    between was deleted with the profile, unforced and unsaid."""
    awa, _ = studied("Awa")
    store = opened()
    other = opened()  # the open player, recording Awa's next event
    try:
        store.conn.execute("UPDATE outbox SET state = 'delivered' WHERE profile_id = ?", (awa,))
        assert store.outbox.counts(awa).queued == 0
        course = make_course()
        queued: list[bool] = []

        def between(sql: str) -> None:
            if sql.startswith("BEGIN") and not queued:
                queued.append(True)
                other.events.course_launched(awa, course)

        store.conn.set_trace_callback(between)
        with pytest.raises(UndeliveredRecords) as refused:
            store.profiles.remove(awa)
        store.conn.set_trace_callback(None)
        assert queued and refused.value.waiting == 1
        assert store.profiles.get(awa).name == "Awa"
        assert store.outbox.counts(awa).queued == 1
    finally:
        other.close()
        store.close()


def test_a_name_two_old_profiles_look_like_removes_neither(home: Path) -> None:
    """Two profiles made before 9a8018e may look alike ('Awa', and 'Awa' + a zero-width space):
    `remove Awa` removed the one written so, rc 0, while the admin saw two identical lines;
    now nothing is removed and the id is asked for. The real command, as the admin runs it."""
    env = {"CARTABLE_HOME": str(home)}
    added = run_cli("-m", "player", "profiles", "add", "Awa", env=env)
    assert added.returncode == 0, added.stderr
    store = opened()
    try:
        store.conn.execute(
            "INSERT INTO profiles (id, name, language, actor_home_page, actor_name,"
            " account_linked, created_at) VALUES ('old', 'Awa\u200b', 'en', 'https://d.test',"
            " 'old', 0, 0)"
        )
        ids = sorted(p.id for p in store.profiles.all())
    finally:
        store.close()
    removed = run_cli("-m", "player", "profiles", "remove", "Awa", env=env)
    assert removed.returncode == 1 and removed.stdout == "", removed.stdout
    assert "2 profiles have a name that looks like 'Awa': give the id" in removed.stderr
    assert len(removed.stderr.splitlines()) == 1, removed.stderr
    store = opened()
    try:
        assert sorted(p.id for p in store.profiles.all()) == ids
    finally:
        store.close()
    by_id = run_cli("-m", "player", "profiles", "remove", "old", env=env)
    assert by_id.returncode == 0, by_id.stderr
    store = opened()
    try:
        assert [p.name for p in store.profiles.all()] == ["Awa"]
    finally:
        store.close()
