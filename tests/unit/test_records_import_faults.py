"""Records import: a file that cannot be imported says what is wrong with it by its kind
(RecordsError.kind), for the player to say it in the learner's language; the English line, the
command's, is unchanged."""

from __future__ import annotations

import copy
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from player.__main__ import main
from player.commands.profiles import open_store as cli_store
from player.records_import import Installed, import_records
from player.store import statements as st
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


def test_the_command_says_damaged_records_here_as_the_player_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite's "database disk image is malformed" during the import: the player said it as
    the records on this computer that could not be changed, the command as a fault of ours
    ("records import failed: DatabaseError..."). Both ask records_import.our_fault now."""
    path = tmp_path / "awa.json"
    path.write_bytes(records())
    home = tmp_path / "home"
    monkeypatch.setenv("CARTABLE_HOME", str(home))
    assert main(["profiles", "add", "Awa"]) == 0
    store = cli_store()
    before = dump(store.conn)
    store.close()

    def damaged(self: Ingest, *args: object, **kwargs: object) -> None:
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(Ingest, "add", damaged)
    capsys.readouterr()
    assert main(["records", "import", "Awa", str(path)]) == 1
    assert capsys.readouterr().err == (
        "cartable: the learner records on this computer could not be changed:"
        " DatabaseError: database disk image is malformed; nothing was imported\n"
    )
    store = cli_store()
    assert dump(store.conn) == before
    store.close()


# -- hostile files: refused by the check, never met by the import as a fault of ours ----------

Json = dict[str, Any]
#: Written as the JSON number 1e400, which Python reads as infinity.
INFINITE = "__1e400__"


def _at(verb: str, tail: str = "") -> Callable[[list[Json]], Json]:
    """The first statement of `verb` whose object id ends with `tail`."""

    def find(statements: list[Json]) -> Json:
        return next(
            s
            for s in statements
            if s["verb"]["id"].endswith("/" + verb) and s["object"]["id"].endswith(tail)
        )

    return find


def _set(find: Callable[[list[Json]], Json], path: str, value: object) -> Callable[..., None]:
    """Set `path` (dots; an extension's IRI as the last key) of the statement `find` finds."""

    def mutate(statements: list[Json]) -> None:
        node: Any = find(statements)
        *parents, last = path.split(".", 2) if "extensions" in path else path.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[last] = value

    return mutate


def _page(tail: str) -> Callable[[list[Json]], None]:
    def mutate(statements: list[Json]) -> None:
        stmt = _at("experienced", "/page/2")(statements)
        stmt["object"]["id"] = stmt["object"]["id"].removesuffix("2") + tail

    return mutate


def _actor(actor: Json) -> Callable[[list[Json]], None]:
    def mutate(statements: list[Json]) -> None:
        for stmt in statements:
            stmt["actor"] = actor

    return mutate


PLAYED, SEEKED = _at("played", "/unit/v1"), _at("seeked", "/unit/v1")
ANSWERED, FAILED = _at("answered", "/question/qa"), _at("failed")
HOSTILE = [
    pytest.param(_set(PLAYED, "timestamp", 20240101), "timestamp", id="timestamp-int"),
    pytest.param(  # the next midnight overflowed datetime (OverflowError, said as ours)
        _set(_at("terminated", "/unit/r1"), "timestamp", "9999-12-31T23:59:59.999+14:00"),
        "timestamp",
        id="timestamp-year-9999",
    ),
    pytest.param(  # the session's start before it went below year 1 (ValueError)
        _set(_at("terminated", "/unit/r1"), "timestamp", "0001-01-01T00:00:00-14:00"),
        "timestamp",
        id="timestamp-year-1",
    ),
    pytest.param(_page("\u00b2"), "object.id", id="page-superscript"),
    pytest.param(_page("9" * 400), "object.id", id="page-400-digits"),
    pytest.param(
        _set(_at("terminated", "/unit/r1"), f"context.extensions.{st.CMI5_SESSION}", ["x"]),
        "context.extensions (sessionid)",
        id="session-list",
    ),
    pytest.param(
        _set(PLAYED, f"result.extensions.{st.VIDEO_TIME}", 10**400),
        "result.extensions (video time)",
        id="video-time-huge-int",
    ),
    pytest.param(
        _set(_at("completed", "/unit/s1"), f"result.extensions.{st.VIDEO_TIME}", INFINITE),
        "result.extensions (video time)",
        id="video-time-1e400",
    ),
    pytest.param(
        _set(SEEKED, f"result.extensions.{st.VIDEO_TIME_TO}", 2**60),
        "result.extensions (video time-to)",
        id="video-time-to-2**60",
    ),
    pytest.param(
        _set(PLAYED, f"context.extensions.{st.VIDEO_LENGTH}", 10**400),
        "context.extensions (video length)",
        id="video-length-huge-int",
    ),
    pytest.param(
        _set(ANSWERED, f"context.extensions.{st.EXT_ATTEMPT}", 2**70),
        "context.extensions (attempt)",
        id="attempt-2**70",
    ),
    pytest.param(
        _set(ANSWERED, f"context.extensions.{st.EXT_ATTEMPT}", "1"),
        "context.extensions (attempt)",
        id="attempt-text",
    ),
    pytest.param(
        _set(ANSWERED, "result.score.raw", 10**400), "result.score.raw", id="score-raw-huge-int"
    ),
    pytest.param(
        _set(FAILED, "result.score.scaled", INFINITE), "result.score.scaled", id="scaled-1e400"
    ),
    pytest.param(
        _actor({"objectType": "Agent", "account": "x"}), "actor.account", id="account-text"
    ),
    pytest.param(
        _actor({"account": {"homePage": 7, "name": "awa"}}), "actor.account", id="homepage-int"
    ),
    pytest.param(_actor({"mbox": ["mailto:a@b.c"]}), "actor.mbox", id="mbox-list"),
    pytest.param(_actor({"openid": {"x": 1}}), "actor.openid", id="openid-object"),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Json:
    """Awa's records file after she studied everything, as JSON."""
    folder = tmp_path_factory.mktemp("old")
    clock = FakeClock()
    old = open_store(folder, clock)
    awa = old.profiles.add("Awa").id
    study_everything(old, clock, awa, make_course())
    old.records.export(awa, folder / "awa.json")
    old.close()
    data: Json = json.loads((folder / "awa.json").read_text())
    return data


@pytest.mark.parametrize(("mutate", "field"), HOSTILE)
def test_a_hostile_file_is_refused_as_invalid_naming_the_field(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    exported: Json,
    mutate: Callable[[list[Json]], None],
    field: str,
) -> None:
    """A file changed by hand (or made to harm) with a field of a type or size Cartable never
    writes passed the check and made the import raise (AttributeError, ValueError,
    OverflowError, ProgrammingError), said since 916cb95 as a fault of Cartable's; or, a video
    time of 1e400, stored an infinite position. Refused by the check, as INVALID naming the
    field, through the import both the command and the player take and through the command;
    nothing changed."""
    data = copy.deepcopy(exported)
    mutate(data["statements"])
    path = tmp_path / "awa.json"
    path.write_text(json.dumps(data).replace(f'"{INFINITE}"', "1e400"))

    clock = FakeClock()
    here = open_store(tmp_path / "here", clock)
    awa = here.profiles.add("Awa").id
    before = dump(here.conn)
    course = make_course()
    known = Installed((course,), frozenset({(course.id, "e1")}), frozenset({(course.id, "q1")}))
    with pytest.raises(RecordsError) as refused:
        import_records(here.records, awa, path, known, tmp_path / "data")
    assert refused.value.kind is RecordsFault.INVALID
    line = str(refused.value)
    assert line.startswith(f"{path}: $.statements[") and f"].{field}: " in line
    assert "\n" not in line
    assert dump(here.conn) == before
    here.close()

    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    assert main(["profiles", "add", "Awa"]) == 0
    store = cli_store()
    before = dump(store.conn)
    store.close()
    capsys.readouterr()
    assert main(["records", "import", "Awa", str(path)]) == 1
    assert capsys.readouterr().err == f"cartable: {line}\n"
    store = cli_store()
    assert dump(store.conn) == before
    store.close()
