"""Records import into an existing profile of records this computer holds in another profile:
a statement id is held once, whatever the profile, so none of them would be added. It was
said as "0 statements added, 99 already here" (the player: "99 were here already") of a
profile holding none of them; now refused, naming the profile that holds them, as a new
profile made for them was (AlreadyHere), and nothing written. Some of them held elsewhere:
the import says how many and whose."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from player.__main__ import main
from player.store.records import AlreadyHere
from player.store.records_file import ReadCancelled, RecordsFault
from tests.unit.test_records_import_actor import bruno_file  # noqa: F401 (a fixture)
from tests.unit.test_store_helpers import FakeClock, open_store
from tests.unit.test_store_records import dump


def part_of(file: Path, count: int, path: Path) -> Path:
    """The file's first `count` statements, as a file of its own (an earlier copy)."""
    document = json.loads(file.read_text(encoding="utf-8"))
    document["statements"] = document["statements"][:count]
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_records_held_in_another_profile_are_refused_into_an_existing_one(
    tmp_path: Path,
    bruno_file: Path,  # noqa: F811
) -> None:
    store = open_store(tmp_path / "here", FakeClock(1_900_000_000.0))
    bruno = store.profiles.add("Bruno").id
    chloe = store.profiles.add("Chloe").id
    assert store.records.import_file(bruno, bruno_file).added > 0
    before = dump(store.conn)
    with pytest.raises(AlreadyHere) as refused:
        store.records.import_file(chloe, bruno_file, same_learner=True)
    assert refused.value.kind is RecordsFault.ALREADY_HERE
    assert refused.value.holder == "Bruno"
    assert str(refused.value) == (
        f"{bruno_file}: its records are on this computer already, in the profile 'Bruno';"
        " nothing was added to 'Chloe'"
    )
    assert dump(store.conn) == before
    # A copy saved here (u1: Amélie's, all of it held here): not asked first whether they are
    # Chloe's (OtherLearner), which would only lead to the same refusal.
    copy = tmp_path / "bruno-here.json"
    store.records.export(bruno, copy)
    with pytest.raises(AlreadyHere) as refused:
        store.records.import_file(chloe, copy)
    assert refused.value.holder == "Bruno"
    assert dump(store.conn) == before
    # Into Bruno's own profile again: here already, as before, not refused.
    again = store.records.import_file(bruno, bruno_file)
    assert (again.added, again.elsewhere, again.holders) == (0, 0, ())
    assert again.skipped > 0


def test_some_records_held_in_another_profile_are_counted_with_whose(
    tmp_path: Path,
    bruno_file: Path,  # noqa: F811
) -> None:
    store = open_store(tmp_path / "here", FakeClock(1_900_000_000.0))
    bruno = store.profiles.add("Bruno").id
    chloe = store.profiles.add("Chloe").id
    earlier = part_of(bruno_file, 3, tmp_path / "earlier.json")
    assert store.records.import_file(bruno, earlier).added == 3
    report = store.records.import_file(chloe, bruno_file, same_learner=True)
    assert report.added > 0
    assert (report.elsewhere, report.holders) == (3, ("Bruno",))
    assert report.skipped == 3
    assert [(h.name, h.statements) for h in store.records.holders([])] == []
    ids = [s["id"] for s in json.loads(bruno_file.read_text(encoding="utf-8"))["statements"]]
    assert [(h.name, h.statements) for h in store.records.holders(ids)] == [
        ("Chloe", report.added),
        ("Bruno", 3),
    ]


def test_the_command_refuses_records_held_in_another_profile(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bruno_file: Path,  # noqa: F811
) -> None:
    """u1: `cartable profiles add Chloe; cartable records import --same-learner Chloe
    amelie.json` said "0 statements added (0 to send), 99 already here", exit 0."""
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    assert main(["profiles", "add", "Bruno"]) == 0
    assert main(["profiles", "add", "Chloe"]) == 0
    assert main(["records", "import", "Bruno", str(bruno_file)]) == 0
    capsys.readouterr()
    assert main(["records", "import", "--same-learner", "Chloe", str(bruno_file)]) == 1
    said = capsys.readouterr()
    assert said.out == ""
    assert said.err == (
        f"cartable: {bruno_file}: its records are on this computer already, in the profile"
        " 'Bruno'; nothing was added to 'Chloe'\n"
    )


def test_the_command_says_how_many_are_held_in_another_profile(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bruno_file: Path,  # noqa: F811
) -> None:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    assert main(["profiles", "add", "Bruno"]) == 0
    assert main(["profiles", "add", "Chloe"]) == 0
    earlier = part_of(bruno_file, 3, tmp_path / "earlier.json")
    assert main(["records", "import", "Bruno", str(earlier)]) == 0
    capsys.readouterr()
    assert main(["records", "import", "--same-learner", "Chloe", str(bruno_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert ", 0 already here, " in lines[0]
    assert lines[1] == (
        "3 statements already on this computer in Bruno's profile: not added to Chloe"
    )


class StopAfterLooks(threading.Event):
    """A Stop pressed once the cancel has been looked at `looks` times."""

    def __init__(self, looks: int) -> None:
        super().__init__()
        self.looks = looks
        self.seen = 0

    def is_set(self) -> bool:
        self.seen += 1
        return self.seen > self.looks


def test_the_look_up_of_the_holders_stops_between_two_queries(
    tmp_path: Path,
    bruno_file: Path,  # noqa: F811
) -> None:
    """80,000 ids looked up took 1 to 1.4 s, the read's Stop heard only after (review r7 #5)."""
    store = open_store(tmp_path / "here", FakeClock(1_900_000_000.0))
    bruno = store.profiles.add("Bruno").id
    store.records.import_file(bruno, bruno_file)
    ids = [f"00000000-0000-4000-8000-{n:012d}" for n in range(1_200)]  # three queries
    ids += [s["id"] for s in json.loads(bruno_file.read_text(encoding="utf-8"))["statements"]]
    [held] = store.records.holders(ids)
    assert held.name == "Bruno"
    stop = StopAfterLooks(1)
    with pytest.raises(ReadCancelled):
        store.records.holders(ids, stop)
    assert stop.seen == 2, "stopped at the second query, not after the last"
