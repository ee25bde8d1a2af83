"""A records file's read stopped by its cancel (the player's Stop while a big file is read): at
its next step in each of its phases (the bytes, the parse, the statements' check), with nothing
of the file kept, neither open nor in memory; nor by the error of a file refused. A dump of data
(no object whose parse looks at the cancel) refused at its first element, before its parse."""

from __future__ import annotations

import json
import os
import re
import sys
import threading
import tracemalloc
import uuid
from pathlib import Path

import pytest

from player.store import records_screening
from player.store.records_file import (
    FORMAT,
    ReadCancelled,
    RecordsError,
    RecordsFault,
    read_records_file,
)
from tests.unit.test_records_import_memory import months_of_study

#: The functions a read looks at its cancel in, by phase.
PHASES = ("_content", "hook", "_read")


class Looks(threading.Event):
    """A cancel that notes where each look at it was made (the function that called the
    read's check), and is set from look number `set_at` on (0: never)."""

    def __init__(self, set_at: int = 0) -> None:
        super().__init__()
        self.set_at = set_at
        self.where: list[str] = []

    def is_set(self) -> bool:
        self.where.append(sys._getframe(2).f_code.co_name)
        return bool(self.set_at) and len(self.where) >= self.set_at


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Awa's months of study, 10,000 statements: 16 MB, some 80,000 objects."""
    return months_of_study(tmp_path_factory.mktemp("old"), 10_000)


def open_on(path: Path) -> list[str]:
    """This process's descriptors open on `path`."""
    folder = Path("/proc/self/fd")
    found = []
    for fd in os.listdir(folder):
        try:
            if Path(os.readlink(folder / fd)) == path:
                found.append(fd)
        except OSError:  # the listing's own descriptor, gone
            pass
    return found


def test_a_read_looks_at_its_cancel_in_each_of_its_phases(big_file: Path) -> None:
    """Read whole, it looked at the cancel after each megabyte, every 4096 objects parsed and
    before each statement checked: a 120 MB file's read could not be stopped (seconds on a slow
    laptop, the player's Esc saying to wait)."""
    looks = Looks()
    file = read_records_file(big_file, looks)
    assert len(file.statements) == 10_000
    counts = {phase: looks.where.count(phase) for phase in PHASES}
    assert set(looks.where) == set(PHASES), counts
    assert counts["_content"] >= big_file.stat().st_size // (1 << 20) - 1, counts
    assert counts["hook"] >= 10, counts
    assert counts["_read"] >= 10_000, counts


@pytest.mark.parametrize("phase", PHASES)
def test_a_read_stops_at_its_next_step_in_each_phase(big_file: Path, phase: str) -> None:
    """The cancel set at the first look of a phase: the read stops there (no look after it),
    with ReadCancelled and nothing returned."""
    first = Looks()
    read_records_file(big_file, first)
    at = first.where.index(phase) + 1
    looks = Looks(set_at=at)
    with pytest.raises(ReadCancelled, match="reading stopped"):
        read_records_file(big_file, looks)
    assert len(looks.where) == at and looks.where[-1] == phase


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="lists open files by /proc")
def test_a_stopped_read_keeps_the_file_neither_open_nor_in_memory(big_file: Path) -> None:
    """Stopped while its bytes are read, the file is closed; stopped while its statements are
    checked (the parsed file all in memory), the error kept holds none of it: its traceback
    held the read's frames, and so the statements parsed (measured: 11.8 MB held for this 16 MB
    file; now 62 kB), as long as the player kept the error."""
    while_reading = Looks(set_at=1)
    with pytest.raises(ReadCancelled):
        read_records_file(big_file, while_reading)
    assert while_reading.where == ["_content"]
    assert open_on(big_file) == []

    first = Looks()
    read_records_file(big_file, first)
    checking = Looks(set_at=first.where.index("_read") + 5_000)
    tracemalloc.start()
    try:
        try:
            read_records_file(big_file, checking)
        except ReadCancelled as error:
            kept = error
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert isinstance(kept, ReadCancelled) and kept.__context__ is None
    assert checking.where[-1] == "_read"
    assert held < 200_000, f"{held} bytes held after the stop"


def held_by_its_error(path: Path) -> tuple[RecordsError, int]:
    """The error of `path`'s read, and the bytes it holds, kept as the player keeps it."""
    tracemalloc.start()
    try:
        try:
            read_records_file(path)
        except RecordsError as error:
            kept = error
        return kept, tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()


def broken(text: str, fault: str) -> str:
    """`text`, a records file, cut to its first 2,000 statements (3 MB, a quick read under
    tracemalloc), then broken: its last statement, cut short, or an id twice."""
    data = json.loads(text)
    statements = data["statements"] = data["statements"][:2_000]
    if fault == "its last statement":
        statements[-1]["verb"] = 5
    elif fault == "an id twice":
        statements[-1]["id"] = statements[0]["id"]
    whole = json.dumps(data)
    return whole[:-100] if fault == "cut short" else whole


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        ("its last statement", RecordsFault.INVALID),
        ("cut short", RecordsFault.CUT_SHORT),
        ("an id twice", RecordsFault.INVALID),
    ],
)
def test_a_refused_file_s_error_holds_none_of_it(
    big_file: Path, tmp_path: Path, fault: str, kind: RecordsFault
) -> None:
    """The player keeps a refused file's error (its status line says it again, translated):
    its traceback held the read's frames, and so the parsed file (measured, a 17 MB file: 11.7
    MB held, 12.3 MB for an id twice), and a file cut short's the JSONDecodeError it was raised
    from, the whole text as its `doc` (17.5 MB for 16 MB cut short). Held now: about 1 kB."""
    path = tmp_path / "bad.json"
    path.write_text(broken(big_file.read_text(encoding="utf-8"), fault), encoding="utf-8")
    kept, held = held_by_its_error(path)
    assert kept.kind == kind, kept
    assert kept.__traceback__ is not None and kept.__context__ is None
    assert held < 200_000, f"{held} bytes held by {kept}"


@pytest.mark.parametrize("start", ["[1", "[[]", ' \n[ "ab"', "[[1, 2], {}"])
def test_a_dump_of_data_is_refused_at_its_first_element(tmp_path: Path, start: str) -> None:
    """A bare array whose first element is no object ([1,1,…], [[],[],…]) is refused with the
    statements' check's words before the rest is parsed (here broken, which the parse would
    have said): its parse looked at the cancel never (no object), 8 s and 0.7 GB for 128 MiB of
    numbers, 26 s and 3.2 GB of empty arrays, Stop waiting for it."""
    path = tmp_path / "dump.json"
    path.write_text(start + ", 1" * 10_000 + ", oops]", encoding="utf-8")
    looks = Looks()
    with pytest.raises(RecordsError) as error:
        read_records_file(path, looks)
    assert str(error.value) == f"{path}: $[0]: a statement is a JSON object"
    assert error.value.kind == RecordsFault.INVALID
    assert "hook" not in looks.where


NOT_OBJECT = "a statement is a JSON object"
NOT_FORMAT = f"not a Cartable records file (expected {FORMAT!r})"


@pytest.mark.parametrize(
    ("start", "end", "said"),
    [
        ("[[1", "]]", f"$[0]: {NOT_OBJECT}"),
        ('{"statements": [1', "]}", f"$.format: {NOT_FORMAT}"),
        (
            '{"format": "cartable-records", "version": 1, "statements": [[1',
            "]]}",
            f"$.statements[0]: {NOT_OBJECT}",
        ),
    ],
)
def test_a_dump_whose_first_element_is_all_of_it_is_refused_at_its_start(
    tmp_path: Path, start: str, end: str, said: str
) -> None:
    """[[1,1,…]], whose first element is the whole file, or {"statements": [1,2,…]}, whose
    statements the header's parse never reached: parsed whole in one call before their refusal
    (measured, 100 MB: 6.3 s and 530 MB; 4.0 s and 630 MB), a Stop pressed meanwhile waited
    for it. Stopped once its bytes are read (its pieces' looks, then the one before the parse),
    the read is refused in the first element's first 64 kB: the rest, broken here, which the
    whole parse would have said, is never parsed, and the read looks at the cancel no more.
    Statements with no format before them are no records file (an export writes it first)."""
    path = tmp_path / "dump.json"
    path.write_text(start + ",1" * 2_000_000 + ", oops" + end, encoding="utf-8")
    pieces = -(-path.stat().st_size // (1 << 20))
    looks = Looks(set_at=pieces + 2)  # Stop pressed once the parse has begun
    with pytest.raises(RecordsError) as error:
        read_records_file(path, looks)
    assert str(error.value) == f"{path}: {said}"
    assert looks.where == ["_content"] * pieces + ["_read"]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ('{"data": [1', "]}"),
        ("[{}, [1", "]]"),
        ('[{"x": [1', "]}]"),
        ('{"format": "cartable-records", "version": 1, "statements": [], "results": [[1', "]]}"),
    ],
)
def test_a_dump_of_data_anywhere_is_refused_before_its_parse(
    tmp_path: Path, start: str, end: str
) -> None:
    """Data with no object in megabytes of it, past where the first statement is looked at
    (under another key, after an object, in one, in the results): parsed whole in one call that
    never looks at the cancel (measured, 95 MB: 4 to 6 s and 524 MB), a Stop pressed meanwhile
    waited for it. Stopped once the parse has begun, the read is refused before it, as no
    records file: the rest, broken here, which the parse would have said, is never parsed."""
    path = tmp_path / "dump.json"
    path.write_text(start + ",1" * 3_000_000 + ", oops" + end, encoding="utf-8")
    pieces = -(-path.stat().st_size // (1 << 20))
    looks = Looks(set_at=pieces + 2)  # Stop pressed once the parse has begun
    with pytest.raises(RecordsError) as error:
        read_records_file(path, looks)
    assert re.fullmatch(
        rf"{re.escape(str(path))}: not a records file: \d+ MB of data with few JSON objects",
        str(error.value),
    )
    assert error.value.kind == RecordsFault.NOT_RECORDS
    assert looks.where == ["_content"] * pieces + ["_read"]


def test_a_geojson_file_s_few_objects_are_a_dump_refused_before_its_parse(tmp_path: Path) -> None:
    """A GeoJSON file picked by mistake (countries' borders: features of large polygons) ends
    an object a few times a megabyte: taken as having objects, it was parsed whole, too few of
    them for the parse to look at the cancel (review r13 #2, measured, 95 MB: Stop waited
    9.5 s). Stopped once the parse has begun, the read is refused before it, as no records
    file: the rest, broken here, which the parse would have said, is never parsed."""
    ring = ",".join(["[12.345678,-45.678901]"] * 9_000)  # 207 kB: 15 object ends a megabyte
    feature = (
        '{"type":"Feature","properties":{"name":"c"},'
        f'"geometry":{{"type":"Polygon","coordinates":[[{ring}]]}}}}'
    )
    path = tmp_path / "borders.geojson"
    text = '{"type":"FeatureCollection","features":[' + ",".join([feature] * 100) + ", oops]}"
    path.write_text(text, encoding="utf-8")
    pieces = -(-path.stat().st_size // (1 << 20))
    looks = Looks(set_at=pieces + 2)  # Stop pressed once the parse has begun
    with pytest.raises(RecordsError) as error:
        read_records_file(path, looks)
    assert re.fullmatch(
        rf"{re.escape(str(path))}: not a records file: \d+ MB of data with few JSON objects",
        str(error.value),
    )
    assert error.value.kind == RecordsFault.NOT_RECORDS
    assert looks.where == ["_content"] * pieces + ["_read"]


def test_a_records_file_s_long_delivered_ids_are_no_dump(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one long run without an object end in a records file, its delivered ids (40
    characters each, no object), is taken however many windows it spans while it is under a
    third of the file: here 3,000 statements about as short as the check takes them (172
    characters) and all delivered, 29 windows of ids in 157 (windows of 4 kB: a 4 MB run of ids
    takes 100,000 statements)."""
    monkeypatch.setattr(records_screening, "_WINDOW_CHARS", 1 << 12)
    ids = [str(uuid.UUID(int=i + 1)) for i in range(3_000)]
    statements = [
        {
            "id": i,
            "actor": {"mbox": "mailto:awa@example.org"},
            "verb": {"id": "v"},
            "object": {"id": "o"},
            "timestamp": "2024-01-01T00:00:00Z",
        }
        for i in ids
    ]
    header = {"format": FORMAT, "version": 1, "statements": statements}
    path = tmp_path / "records.json"
    path.write_text(json.dumps({**header, "delivered": ids, "results": []}), encoding="utf-8")
    assert len(read_records_file(path).delivered) == 3_000


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[1, 2]", "$[0]: a statement is a JSON object"),  # as the check said
        ("[nul", "is cut short"),  # its first element's fault: the parse's words
        ("[tru, 1]", "not JSON"),
        ("[]", None),
        ('[{"id": 1}, 2]', "$[0].id: missing or not a UUID"),  # an object first: parsed whole
        ('{"format": "cartable-records", "version": 1, "statements": [1]}', "$.statements[0]:"),
        ('{"statements": [1]}', "$.format: not a Cartable records file"),
        ('{"statements": [nul', "is cut short"),
        ('{"statements": [tru, 1]}', "not JSON"),
        ('{"statements": [{"id": 1}, 2]}', "$.format: not a Cartable records file"),
        ('{"format": "other", "statements": [1]}', "$.format: not a Cartable records file"),
        ('{"format": "cartable-records", "version": 2, "statements": [1]}', "$.version: unsup"),
        ('{"version": 2, "statements": [1]}', "$.format: not a Cartable records file"),
        ('{"statements": [1], "format": "cartable-records"}', "$.format: not a Cartable"),
        ('{"profile": {"name": "Awa"}, "statements": "no"}', "$.format: not a Cartable"),
    ],
)
def test_a_bare_array_s_first_element_looked_at_first_says_what_the_parse_said(
    tmp_path: Path, text: str, said: str | None
) -> None:
    path = tmp_path / "file.json"
    path.write_text(text, encoding="utf-8")
    if said is None:
        assert read_records_file(path).statements == []
        return
    with pytest.raises(RecordsError, match=re.escape(said)):
        read_records_file(path)
