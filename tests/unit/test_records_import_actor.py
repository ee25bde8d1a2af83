"""Records import: another learner's file is not taken into a profile that has records.

A profile with no records yet takes the file's identity (a learner moving to a new laptop).
One that has records keeps its own, and refuses, writing nothing, a file that names another
learner and none of whose statements is by it: taken, a file picked by mistake would be folded
for good into this learner's progress and sent from this profile. `--same-learner` takes it all
the same (the learner named otherwise on the other laptop)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from player.__main__ import main
from player.records_import import records_of_own
from player.store import Store
from player.store.database import Transaction
from player.store.records import RecordsError
from player.store.records_file import RecordsFault, read_records_file
from tests.unit.test_store_helpers import FakeClock, make_course, open_store, study_everything
from tests.unit.test_store_records import dump


@pytest.fixture()
def bruno_file(tmp_path: Path) -> Path:
    """Bruno's records, exported from his laptop."""
    clock = FakeClock()
    store = open_store(tmp_path / "bruno-laptop", clock)
    bruno = store.profiles.add("Bruno").id
    study_everything(store, clock, bruno, make_course())
    path = tmp_path / "bruno.json"
    store.records.export(bruno, path)
    store.close()
    return path


def awa_studying(tmp_path: Path) -> tuple[Store, str]:
    """Awa, on this laptop, has launched the course: she has records of her own."""
    store = open_store(tmp_path / "awa-laptop", FakeClock(1_900_000_000.0))
    awa = store.profiles.add("Awa").id
    store.events.course_launched(awa, make_course())
    return store, awa


def test_another_learner_s_file_is_refused_in_one_line_writing_nothing(
    tmp_path: Path, bruno_file: Path
) -> None:
    store, awa = awa_studying(tmp_path)
    before = dump(store.conn)
    with pytest.raises(RecordsError) as error:
        store.records.import_file(awa, bruno_file)
    message = str(error.value)
    assert message.startswith(f"{bruno_file}: ") and "\n" not in message
    assert "the records of 'Bruno', not of 'Awa'" in message
    assert dump(store.conn) == before


def test_the_same_learner_s_file_from_another_laptop_is_taken_when_told(
    tmp_path: Path, bruno_file: Path
) -> None:
    store, awa = awa_studying(tmp_path)
    count = len(json.loads(bruno_file.read_text())["statements"])
    report = store.records.import_file(awa, bruno_file, same_learner=True)
    assert report.added > 0 and report.added + report.skipped <= count
    assert not report.adopted_actor  # the profile keeps its own identity


def test_a_file_sharing_one_actor_with_the_profile_is_taken(
    tmp_path: Path, bruno_file: Path
) -> None:
    """Her own file, her actor among others (a device actor, then her linked account)."""
    store, awa = awa_studying(tmp_path)
    mine = json.loads(store.outbox.rows(awa)[0].body)
    document = json.loads(bruno_file.read_text())
    document["statements"][0]["actor"] = mine["actor"]
    mixed = tmp_path / "mixed.json"
    mixed.write_text(json.dumps(document))
    assert store.records.import_file(awa, mixed).added > 0


def test_a_profile_without_records_takes_the_file_s_identity(
    tmp_path: Path, bruno_file: Path
) -> None:
    store = open_store(tmp_path / "new", FakeClock(1_900_000_000.0))
    bruno = store.profiles.add("Bruno").id
    assert store.records.import_file(bruno, bruno_file).adopted_actor


def test_the_command_refuses_another_learner_s_file_and_takes_it_when_told(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bruno_file: Path,
) -> None:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    assert main(["profiles", "add", "Awa"]) == 0
    capsys.readouterr()
    assert main(["records", "import", "Awa", str(bruno_file)]) == 1  # no records yet: asked too
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the records of Bruno, not of Awa; if they" in err
    assert main(["records", "import", "--same-learner", "Awa", str(bruno_file)]) == 0
    document = json.loads(bruno_file.read_text())
    for number, stmt in enumerate(document["statements"]):
        stmt["id"] = f"00000000-0000-4000-8000-{number:012d}"
        stmt["actor"] = {
            "objectType": "Agent",
            "account": {"homePage": "https://x.org", "name": "e"},
        }
        document["profile"]["actor"] = stmt["actor"]  # the header's too: Awa's is Bruno's now
    document["delivered"] = []
    eve_file = tmp_path / "eve.json"
    eve_file.write_text(json.dumps(document))
    capsys.readouterr()
    assert main(["records", "import", "Awa", str(eve_file)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the records of Bruno, not of Awa, who has records" in err
    assert "--same-learner" in err
    assert main(["records", "import", "--same-learner", "Awa", str(eve_file)]) == 0
    assert "statements added" in capsys.readouterr().out


def test_the_command_says_the_file_s_learner_escaped(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    bruno_file: Path,
) -> None:
    """The file's learner is the file's to write: an ESC clearing the terminal, a newline, a
    right-to-left override are said escaped, as every name a command prints."""
    document = json.loads(bruno_file.read_text())
    document["profile"]["name"] = "Bru\x1b[2J\nno\u202e"
    bruno_file.write_text(json.dumps(document))
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    assert main(["profiles", "add", "Awa"]) == 0
    capsys.readouterr()
    assert main(["records", "import", "Awa", str(bruno_file)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the records of Bru\\x1b[2J\\x0ano\\u202e, not of Awa;" in err


def test_the_learner_who_studied_here_first_gets_her_old_laptop_s_records(
    tmp_path: Path, bruno_file: Path
) -> None:
    """Same name, no actor in common (each laptop names an unlinked learner its own way)."""
    store = open_store(tmp_path / "bruno-new-laptop", FakeClock(1_900_000_000.0))
    bruno = store.profiles.add("bruno").id  # typed in lower case here
    store.events.course_launched(bruno, make_course())
    assert store.records.import_file(bruno, bruno_file).added > 0


def test_importing_a_folder_says_it_is_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """As the export does: 'no such file' sent the learner looking for a file that is there."""
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    assert main(["profiles", "add", "Awa"]) == 0
    assert main(["records", "import", "Awa", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"cartable: {tmp_path}: is a folder, not a file\n"


@pytest.mark.parametrize(
    ("cut", "says"),
    [
        (0, "is empty"),
        (20_000, "ends before its JSON does: the file is cut short"),  # in a string
        (-3, "ends before its JSON does: the file is cut short"),  # between values
    ],
)
def test_a_file_cut_short_is_told_as_cut_short_writing_nothing(
    tmp_path: Path, bruno_file: Path, cut: int, says: str
) -> None:
    """A copy stopped early (a USB stick pulled out) reads as one: 'Unterminated string
    starting at' or 'Expecting value' named no cause a learner could act on."""
    whole = bruno_file.read_bytes()
    assert len(whole) > 20_000
    short = tmp_path / "short.json"
    short.write_bytes(whole[:cut])
    store, awa = awa_studying(tmp_path)
    before = dump(store.conn)
    with pytest.raises(RecordsError) as error:
        store.records.import_file(awa, short)
    assert str(error.value).startswith(f"{short}: ") and says in str(error.value)
    assert dump(store.conn) == before


@pytest.mark.parametrize(
    ("found", "keep", "zeros"),
    [
        pytest.param(b"\xc3", 1, 0, id="inside a UTF-8 character"),
        pytest.param(b"true", 1, 0, id="inside true"),
        pytest.param(b"true", 3, 0, id="inside tru"),
        pytest.param(b"false", 4, 0, id="inside false"),
        pytest.param(b'"min":-', 7, 0, id="after a minus sign"),
        pytest.param(b'"raw":0.', 8, 0, id="after a number's point"),
        pytest.param(b"\\u00", 4, 0, id="inside a \\u escape"),
        pytest.param(b"\\u00", 6, 0, id="after a \\u escape"),
        pytest.param(b'"timestamp"', 5, 40_000, id="zeros after the cut"),
        pytest.param(b"\xc3", 1, 4096, id="zeros after a cut inside a UTF-8 character"),
        pytest.param(b"true", 2, 99, id="zeros after tr"),
        pytest.param(b"", 0, 5, id="zeros alone"),
    ],
)
def test_a_file_cut_anywhere_is_told_as_cut_short(
    tmp_path: Path, bruno_file: Path, found: bytes, keep: int, zeros: int
) -> None:
    """Cut inside a character, a word or a number, or padded with the zeros a FAT stick
    pulled out leaves, a copy stopped early said 'not UTF-8 text' or 'not JSON: Expecting
    value' (130 of the 64 401 cut positions of an export, and every zero-padded one)."""
    whole = bruno_file.read_bytes().replace(b'"min":0,', b'"min":-1,', 1)
    if found.startswith(b"\\u"):  # written ASCII-only, 'é' as \u00e9, as other tools write
        whole = json.dumps(json.loads(whole)).encode()
    short = tmp_path / "short.json"
    short.write_bytes(whole[: whole.index(found) + keep] + b"\0" * zeros)
    with pytest.raises(RecordsError) as error:
        read_records_file(short)
    says = "is empty" if not found else "ends before its JSON does: the file is cut short"
    assert str(error.value).startswith(f"{short}: ") and says in str(error.value), str(error.value)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"[hello]", "line 1: not JSON: Expecting value"),
        (b'{"a": tx}', "line 1: not JSON: Expecting value"),
        (b"[{},]", "line 1: not JSON: Expecting value"),  # [1,]: its 1 is no statement
        (b'{"a": .5}', "line 1: not JSON: Expecting value"),
        (b'{"a"  }', "line 1: not JSON: Expecting ':' delimiter"),
        (b"[{}, 2]\0\0[", "line 1: not JSON: Extra data"),
        (b'["D\xe9but"]', "not UTF-8 text"),  # Latin-1
        (b'["D\xc3\xa9\xc3"]', "not UTF-8 text"),
    ],
)
def test_a_file_wrong_before_its_end_is_still_not_json(
    tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "wrong.json"
    path.write_bytes(content)
    with pytest.raises(RecordsError) as error:
        read_records_file(path)
    assert str(error.value) == f"{path}: {says}"


def test_two_exports_one_after_the_other_are_not_json(tmp_path: Path, bruno_file: Path) -> None:
    twice = tmp_path / "twice.json"
    twice.write_bytes(bruno_file.read_bytes() * 2)
    with pytest.raises(RecordsError) as error:
        read_records_file(twice)
    assert "not JSON: Extra data" in str(error.value)


@pytest.mark.parametrize(
    "after", [b"t", b"\n-", b"e", b".", b"\0" * 4096], ids=["t", "-", "e", ".", "zeros"]
)
def test_a_whole_file_with_something_after_it_is_not_json(
    tmp_path: Path, bruno_file: Path, after: bytes
) -> None:
    """Review r7, R4: the start of a word or a number after a whole export (or zeros) was read
    as the file cut inside one: 'cut short, copy it again' of a file that holds all of its
    JSON, where it said 'not JSON: Extra data' before."""
    odd = tmp_path / "odd.json"
    odd.write_bytes(bruno_file.read_bytes() + after)
    with pytest.raises(RecordsError) as error:
        read_records_file(odd)
    assert "not JSON: Extra data" in str(error.value), str(error.value)
    assert error.value.kind is RecordsFault.NOT_JSON


def _statement(name: str, account: str) -> dict[str, object]:
    return {
        "id": str(uuid.uuid4()),
        "actor": {
            "objectType": "Agent",
            "name": name,
            "account": {"homePage": "https://lms.example.org", "name": account},
        },
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en": "seen"}},
        "object": {"objectType": "Activity", "id": "https://example.org/x"},
        "timestamp": "2026-01-01T00:00:00Z",
    }


def test_records_imported_just_before_are_seen_before_an_identity_is_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another import (a second Manage profiles, the command) commits Awa's records of one
    laptop while this one starts with those of another: whether she has records is read under
    the write lock, so she keeps the first one's identity (read before it, the second took its
    own)."""
    store = open_store(tmp_path / "here", FakeClock(1_900_000_000.0))
    awa = store.profiles.add("Awa").id
    real = store.database.transaction

    def another_import_first() -> Transaction:
        monkeypatch.setattr(store.database, "transaction", real)
        with records_of_own(store) as other:
            other.import_statements(awa, [_statement("Awa", "laptop1")], learner="Awa")
        return real()

    monkeypatch.setattr(store.database, "transaction", another_import_first)
    report = store.records.import_statements(awa, [_statement("Awa", "laptop2")], learner="Awa")
    assert report.added == 1 and not report.adopted_actor
    assert store.profiles.get(awa).actor.name == "laptop1"
