"""Records import: a file that cannot be imported says what is wrong with it by its kind
(RecordsError.kind), for the player to say it in the learner's language; the English line, the
command's, is unchanged."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from player.__main__ import main
from player.commands.profiles import open_store as cli_store
from player.store.ingest import Ingest
from player.store.records_file import RecordsError, RecordsFault, read_records_file
from tests.unit.test_store_helpers import FakeClock, make_course, open_store, study_everything
from tests.unit.test_store_records import dump

STATEMENT = {
    "id": "6f1d3c2a-1b2c-4d3e-8f90-a1b2c3d4e5f6",
    "actor": {"name": "Awa", "account": {"homePage": "https://lrs.example", "name": "awa"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
    "object": {"id": "https://example.org/course/unit"},
    "timestamp": "2026-01-05T10:00:00Z",
}
RECORDS = {"format": "cartable-records", "version": 1, "statements": [STATEMENT]}


def records(**fields: object) -> bytes:
    return json.dumps({**RECORDS, **fields}).encode()


@pytest.mark.parametrize(
    ("content", "kind", "says"),
    [
        (b"", RecordsFault.EMPTY, "is empty"),
        (b"\0" * 64, RecordsFault.EMPTY, "is empty"),
        (records()[:40], RecordsFault.CUT_SHORT, "the file is cut short"),
        ('["Aïssa'.encode()[:-1], RecordsFault.CUT_SHORT, "the file is cut short"),
        ('["Aïssa"]'.encode("latin-1"), RecordsFault.NOT_TEXT, "not UTF-8 text"),
        (b"[hello]", RecordsFault.NOT_JSON, "not JSON"),
        (b"[NaN]", RecordsFault.NOT_JSON, "not JSON"),
        (b"42", RecordsFault.NOT_RECORDS, "not a records file (a records file is a JSON"),
        (b"[" * 100_000, RecordsFault.NOT_RECORDS, "not a records file"),
        (records(format="moodle-backup"), RecordsFault.NOT_RECORDS, "not a Cartable records"),
        (records(version=2), RecordsFault.VERSION, "unsupported version 2"),
        (records(statements={}), RecordsFault.INVALID, "$.statements: missing or not an array"),
        (records(statements=[{**STATEMENT, "id": "7"}]), RecordsFault.INVALID, "not a UUID"),
        (records(statements=[STATEMENT, STATEMENT]), RecordsFault.INVALID, "appears twice"),
    ],
)
def test_a_file_that_cannot_be_imported_says_its_kind(
    tmp_path: Path, content: bytes, kind: RecordsFault, says: str
) -> None:
    path = tmp_path / "court.json"
    path.write_bytes(content)
    with pytest.raises(RecordsError) as error:
        read_records_file(path)
    assert error.value.kind is kind
    assert str(error.value).startswith(f"{path}: ") and says in str(error.value)


def test_no_file_a_folder_and_an_unreadable_file_say_their_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone.json"
    with pytest.raises(RecordsError) as error:
        read_records_file(gone)
    assert error.value.kind is RecordsFault.NO_FILE and str(error.value) == f"{gone}: no such file"
    with pytest.raises(RecordsError) as error:
        read_records_file(tmp_path)
    assert error.value.kind is RecordsFault.FOLDER
    assert str(error.value) == f"{tmp_path}: is a folder, not a file"

    locked = tmp_path / "locked.json"
    locked.write_bytes(records())

    real_open = os.open

    def refused(path: object, *args: Any, **kwargs: Any) -> int:
        if Path(str(path)) == locked:  # as a file of another user's (the tests may run as root)
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refused)
    with pytest.raises(RecordsError) as error:
        read_records_file(locked)
    assert error.value.kind is RecordsFault.UNREADABLE
    assert str(error.value) == f"{locked}: cannot read: Permission denied"


def test_the_command_says_a_fault_of_ours_as_ours_and_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A KeyError of ours inside the import was said "FILE: a statement could not be imported:
    'a key our code forgot'", a fault of the file's: now the command's line for a fault of
    ours, its traceback in the log file, and nothing imported."""
    clock = FakeClock()
    old = open_store(tmp_path / "old", clock)
    awa_old = old.profiles.add("Awa").id
    study_everything(old, clock, awa_old, make_course())
    path = tmp_path / "awa.json"
    old.records.export(awa_old, path)
    old.close()
    home = tmp_path / "home"
    monkeypatch.setenv("CARTABLE_HOME", str(home))
    assert main(["profiles", "add", "Awa"]) == 0
    store = cli_store()
    before = dump(store.conn)
    store.close()

    def forgot(self: Ingest, *args: object, **kwargs: object) -> None:
        raise KeyError("a key our code forgot")

    monkeypatch.setattr(Ingest, "add", forgot)
    capsys.readouterr()
    assert main(["records", "import", "Awa", str(path)]) == 1
    log = home / "logs" / "cartable.log"
    assert capsys.readouterr().err == (
        "cartable: records import failed: KeyError: 'a key our code forgot'"
        f" (details in {log}); nothing was imported\n"
    )
    assert "Traceback" in log.read_text() and "a key our code forgot" in log.read_text()
    store = cli_store()
    assert dump(store.conn) == before
    store.close()
