"""Records import into a new profile (Manage profiles → Import records…): the profile is made in
the import's own transaction, so a failure, or the player killed mid-import (its quit waits only
QUIT_WAIT_MS for a worker, then exits), leaves no empty profile, and nothing is removed after:
a clean-up removal (force) took with it what another import had added to the new profile."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from contextlib import suppress
from pathlib import Path

import pytest

from player.records_import import Installed, import_as_new_profile, records_of_own
from player.store.errors import StoreError
from player.store.ingest import Ingest
from player.store.profiles import ProfileError
from player.store.records import AlreadyHere, Records
from player.store.records_file import RecordsFault, read_records_file
from tests.unit.test_records_import_actor import bruno_file  # noqa: F401 (a fixture)
from tests.unit.test_store_helpers import FakeClock, open_store
from tests.unit.test_store_records import dump

NOTHING = Installed((), frozenset(), frozenset())
ROOT = Path(__file__).resolve().parents[2]


def test_an_import_failing_inside_its_transaction_leaves_no_new_profile(
    tmp_path: Path,
    bruno_file: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = open_store(tmp_path / "here", FakeClock(1_900_000_000.0))
    store.profiles.add("Awa")
    before = dump(store.conn)

    def failing(self: Ingest, *args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in the import")

    monkeypatch.setattr(Ingest, "add", failing)
    with records_of_own(store) as records, pytest.raises(RuntimeError):
        import_as_new_profile(
            records, "Bruno", "fr", read_records_file(bruno_file), NOTHING, tmp_path
        )
    assert [p.name for p in store.profiles.all()] == ["Awa"]
    assert dump(store.conn) == before


def test_a_failed_import_loses_nothing_another_import_took_into_the_new_profile(
    tmp_path: Path,
    bruno_file: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A second Manage profiles (or the command) imports into the new profile while the first
    import runs; the first fails: what the second committed stays (a clean-up removal of the
    new profile, with force, dropped it: records not sent to the institution, lost)."""
    store = open_store(tmp_path / "here", FakeClock(1_900_000_000.0))
    file = read_records_file(bruno_file)
    real = Records.import_statements
    committed = []

    def another_import_then_a_failure(self: Records, profile_id: str, *a: object, **k: object):  # type: ignore[no-untyped-def]
        monkeypatch.setattr(Records, "import_statements", real)  # the other import's own
        with records_of_own(store) as other, suppress(ProfileError):  # not made yet: refused
            committed.append(other.import_file(profile_id, file, same_learner=True).added)
        raise StoreError("the learner records could not be saved: database is locked")

    monkeypatch.setattr(Records, "import_statements", another_import_then_a_failure)
    with records_of_own(store) as records, pytest.raises(StoreError):
        import_as_new_profile(records, "Bruno", "fr", file, NOTHING, tmp_path)
    assert store.outbox.counts().total == sum(committed)


def test_the_player_killed_mid_import_leaves_no_new_profile(
    tmp_path: Path,
    bruno_file: Path,  # noqa: F811
) -> None:
    """As the player's quit does when the import outlasts QUIT_WAIT_MS (app.py's wind_down:
    os._exit): killed inside the import's transaction, once the profile is inserted."""
    home = tmp_path / "here"
    open_store(home).close()
    child = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        from player.records_import import Installed, import_as_new_profile, records_of_own
        from player.store.ingest import Ingest
        from player.store.records_file import read_records_file
        from tests.unit.test_store_helpers import open_store

        def killed(*args, **kwargs):
            os._exit(3)

        Ingest.add = killed
        store = open_store(Path({str(home)!r}))
        with records_of_own(store) as records:
            file = read_records_file(Path({str(bruno_file)!r}))
            nothing = Installed((), frozenset(), frozenset())
            import_as_new_profile(records, "Bruno", "fr", file, nothing, Path({str(tmp_path)!r}))
        """
    )
    done = subprocess.run([sys.executable, "-c", child], cwd=ROOT, check=False, timeout=120)
    assert done.returncode == 3  # killed where it was meant to be
    store = open_store(home)
    assert store.profiles.all() == []
    store.close()


def test_a_new_profile_for_records_all_here_already_is_not_made(
    tmp_path: Path,
    bruno_file: Path,  # noqa: F811
) -> None:
    """Bruno's file imported once (into Bruno), then asked into a new profile: a statement id
    is here once, whatever the profile, so nothing would be added, and the new profile was
    made empty ("0 records added to Bruno D."). Refused in the transaction, naming where they
    are: nothing is written."""
    store = open_store(tmp_path / "here", FakeClock(1_900_000_000.0))
    file = read_records_file(bruno_file)
    with records_of_own(store) as records:
        import_as_new_profile(records, "Bruno", "fr", file, NOTHING, tmp_path)
    before = dump(store.conn)
    with records_of_own(store) as records, pytest.raises(AlreadyHere) as refused:
        import_as_new_profile(records, "Bruno D.", "fr", file, NOTHING, tmp_path)
    assert refused.value.kind is RecordsFault.ALREADY_HERE
    assert refused.value.holder == "Bruno"
    assert str(refused.value) == (
        f"{bruno_file}: its records are on this computer already, in the profile 'Bruno'"
    )
    assert [p.name for p in store.profiles.all()] == ["Bruno"]
    assert dump(store.conn) == before
