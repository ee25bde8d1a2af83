"""How long an open or a repair waited for another Cartable's repair, as `RecordsInaccessible`'s
detail says it: in whole seconds it read "kept repairing it for 0 s" for one try (timeout 0, as
`Store.recovery_told` and an open whose wait is spent try) and for any wait under a second. Said
now as `sync.interprocess` says a lock's wait (72e3767). Real OS locks, held by another open file
of this process (flock conflicts per open file, as between processes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.commands import records_unavailable
from player.paths import Paths, user_paths
from player.store import Store, database
from player.store.errors import Cause, RecordsInaccessible
from player.store.locks import InUse, repairing

ONE_TRY = "another Cartable was repairing it"


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    return user_paths().ensure()


def _refused(path: Path, timeout: float) -> RecordsInaccessible:
    """What `repairing(path, timeout)` raises while another holds the repair lock."""
    with repairing(path), pytest.raises(RecordsInaccessible) as raised, repairing(path, timeout):
        pass
    assert raised.value.cause is Cause.REPAIRING
    return raised.value


def test_one_try_says_no_seconds(paths: Paths) -> None:
    assert _refused(paths.database, 0).detail == ONE_TRY  # before: "... for 0 s"


@pytest.mark.parametrize(("timeout", "shown"), [(0.3, "0.3 s"), (0.05, "0.05 s")])
def test_a_wait_under_a_second_is_said_as_it_was(paths: Paths, timeout: float, shown: str) -> None:
    said = _refused(paths.database, timeout).detail
    assert said == f"another Cartable kept repairing it for {shown}"  # before: "for 0 s"


def test_an_open_that_tried_once_says_no_seconds_and_its_line_none(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The in-use lock held exclusive, as a repair holds it; the open tries once. The command's
    line (and the GUI's box, tests/ui/test_records_unavailable.py) never holds the detail."""
    monkeypatch.setattr(database, "REPAIR_WAIT", 0.0)
    Store.open(paths, backup_every=None).close()
    repair = InUse(paths.database)
    assert repair.alone(0)
    try:
        with pytest.raises(RecordsInaccessible) as raised:
            Store.open(paths, backup_every=None)
    finally:
        repair.release()
    assert raised.value.detail == ONE_TRY
    said = str(records_unavailable(paths.database, raised.value))
    assert "0 s" not in said and ONE_TRY not in said
