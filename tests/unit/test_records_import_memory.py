"""A big records file imported without holding it many times over in memory, a JSON file of no
records refused for no more than a plain parse of it, and an import stopped midway (the
player's Cancel) leaving the records as they were."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import tracemalloc
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from player.records_import import Installed, import_as_new_profile, import_records
from player.store import Store
from player.store.records import ImportCancelled
from player.store.records_file import RecordsError, check_statement, read_records_file
from tests.unit.test_records_import_grades import installed
from tests.unit.test_store_helpers import FakeClock, make_course, open_store, study_everything
from tests.unit.test_store_records import dump

COURSE = make_course()
UNITS = installed(COURSE)
KNOWN = Installed((COURSE,), frozenset(UNITS["exam_units"]), frozenset(UNITS["quiz_units"]))
#: Statements in the big file: months of study (about 15 MB).
BIG = 10_000


def months_of_study(folder: Path, total: int) -> Path:
    """Awa's records file, written by the real export: the recorder's statements of a tour of
    a course, then as many more of her video's as make `total` (copies of the recorder's with
    their own ids, as an evening's pauses and plays are)."""
    clock = FakeClock()
    store = open_store(folder, clock)
    awa = store.profiles.add("Awa", "fr")
    study_everything(store, clock, awa.id, COURSE)
    rows = store.outbox.rows(awa.id, limit=10_000)
    video = [r for r in rows if b"/unit/v1" in r.body and b"/verbs/paused" in r.body]
    copies = []
    for n in range(total - len(rows)):
        row = video[n % len(video)]
        sid = str(uuid.uuid4())
        copies.append((sid, awa.id, row.body.replace(row.id.encode(), sid.encode()), 1.7e9))
    with store.database.transaction():
        store.conn.executemany(
            "INSERT INTO outbox (id, profile_id, body, created_at) VALUES (?, ?, ?, ?)", copies
        )
    path = folder / "awa.json"
    store.records.export(awa.id, path)
    store.close()
    return path


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return months_of_study(tmp_path_factory.mktemp("old"), BIG)


@pytest.fixture(scope="module")
def small_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return months_of_study(tmp_path_factory.mktemp("old"), 300)


def new_laptop(folder: Path) -> tuple[Store, str]:
    store = open_store(folder, FakeClock())
    return store, store.profiles.add("Awa", "fr").id


def peak_of(run: Callable[[], object]) -> int:
    """The most memory `run` held at once (tracemalloc's peak)."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def every_table(conn: sqlite3.Connection) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """The whole records database (SQLite's own tables aside), to see that nothing changed."""
    names = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
    )
    return [
        (t, sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr))
        for (t,) in names.fetchall()
    ]


def test_a_big_file_is_imported_in_a_few_times_its_size_of_memory(
    big_file: Path, tmp_path: Path
) -> None:
    """Read, a file was its bytes, a buffer of the most ever read (128 MiB), the bytes again
    with the first ones put before them, its text, then each statement parsed apart and its
    checked copy: 8.2 times this file in tracemalloc's peak; 80,000 statements (119 MiB) grew
    the process by 745 MiB. Now its bytes, then its text, then the statements with their equal
    parts shared (a quarter of the file): about 3 times (CPython's decoding counts the text
    twice), and the 80,000 grow the process by 238 MiB."""
    store, awa = new_laptop(tmp_path)
    size = big_file.stat().st_size
    tracemalloc.start()
    try:
        done = import_records(store.records, awa, big_file, KNOWN, tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert done.report.added == BIG
    assert peak < 4 * size, f"{peak / size:.2f} times the file"
    store.close()


def test_a_cancelled_import_leaves_every_row_as_it_was_and_progress_reaches_the_total(
    big_file: Path, tmp_path: Path
) -> None:
    store, awa = new_laptop(tmp_path)
    before = dump(store.conn)
    cancel = threading.Event()
    said: list[tuple[int, int]] = []

    def halfway(done: int, total: int) -> None:
        said.append((done, total))
        if done >= total // 2:
            cancel.set()  # the learner's Cancel, from the worker's own report

    with pytest.raises(ImportCancelled):
        import_records(
            store.records, awa, big_file, KNOWN, tmp_path, progress=halfway, cancel=cancel
        )
    assert dump(store.conn) == before
    assert said[-1][0] < BIG and all(t == BIG for _, t in said)

    said.clear()
    done = import_records(
        store.records, awa, big_file, KNOWN, tmp_path, progress=lambda d, t: said.append((d, t))
    )
    assert done.report.added == BIG
    assert said[-1] == (BIG, BIG), "the bar ends full"
    assert [d for d, _ in said] == sorted({d for d, _ in said}), "only forward, each once"
    assert len(said) <= 101, "a report each hundredth: a worker's signal each"
    store.close()


#: JSON files of no records (a data dump picked in "All files (*)"), nothing in them repeated:
#: small objects of numbers (review r6's: 1.7 s and 457 MB to refuse 35 MB of them became 31 s
#: and 1,163 MB once every number and object was keyed), and of strings alone, which are keyed.
DUMPS = {
    "numbers": lambda i: f'{{"x":{i},"y":{i}.5}}',
    "strings": lambda i: f'{{"x":"a{i}","y":["b{i}","c"]}}',
    "strings, an empty object each": lambda i: f'{{"x":"a{i}","y":["b{i}","c"],"z":{{}}}}',
    "one in seven the same": lambda i: '{"k":"v"}' if i % 7 == 0 else f'{{"x":"a{i}","y":"b{i}"}}',
}


@pytest.mark.parametrize("dump", DUMPS)
def test_a_json_file_of_no_records_costs_no_more_than_a_plain_parse_to_refuse(
    tmp_path: Path, dump: str
) -> None:
    """Its parts shared (records_file._sharing), a numbers dump took 2.7 times the memory of a
    plain parse of it, and a strings one 1.9: numbers are not keyed now, nor what holds them,
    and the sharing stops once it finds nothing again. A same small object in each record, or
    in one in seven, was found often enough to go on sharing (1.9 and 1.6 times, review r9):
    it stops too when its table holds more than two parts for each found again."""
    path = tmp_path / "data.json"
    path.write_text("[" + ",".join(map(DUMPS[dump], range(100_000))) + "]")

    def refused() -> None:
        with pytest.raises(RecordsError):
            read_records_file(path)

    ours, parse = peak_of(refused), peak_of(lambda: json.loads(path.read_bytes()))
    assert ours < 1.3 * parse, f"{ours / parse:.2f} times a plain parse"


@pytest.mark.parametrize("new", [False, True], ids=["her profile", "a new profile"])
def test_cancel_after_the_last_statement_still_rolls_back(
    small_file: Path, tmp_path: Path, new: bool
) -> None:
    """Cancel pressed as the bar fills: the import stops before its commit, every table (not
    the learner's alone) as it was, no profile made."""
    store, awa = new_laptop(tmp_path)
    before = every_table(store.conn)
    cancel = threading.Event()
    said: list[tuple[int, int]] = []

    def at_the_end(done: int, total: int) -> None:
        said.append((done, total))
        if done == total:
            cancel.set()

    file = read_records_file(small_file)
    with pytest.raises(ImportCancelled):
        if new:
            import_as_new_profile(
                store.records,
                "Binta",
                "fr",
                file,
                KNOWN,
                tmp_path,
                progress=at_the_end,
                cancel=cancel,
            )
        else:
            import_records(
                store.records, awa, file, KNOWN, tmp_path, progress=at_the_end, cancel=cancel
            )
    assert said[-1] == (300, 300)
    assert every_table(store.conn) == before
    store.close()


def test_an_import_leaves_the_file_s_statements_as_a_fresh_parse_reads_them(
    small_file: Path, tmp_path: Path
) -> None:
    """The file's parts are shared (one `result` for every statement that has the same):
    changed in place by the import (a duration's comma written as a dot for the queue, an LRS
    field dropped), one change would change every statement sharing it, the file's delivered
    ones too. Its statements are compared as JSON text: 1 and 1.0 are equal in Python."""
    text = re.sub(r'"duration":"PT(\d+)S"', r'"duration":"PT\1,5S"', small_file.read_text())
    assert ",5S" in text
    path = tmp_path / "commas.json"
    path.write_text(text)
    file = read_records_file(path)
    store, awa = new_laptop(tmp_path / "new")
    done = import_records(store.records, awa, file, KNOWN, tmp_path)
    assert done.report.added == len(file.statements) == 300
    fresh = json.loads(text)["statements"]
    checked = [check_statement(s, "commas.json", f"$[{i}]") for i, s in enumerate(fresh)]
    assert json.dumps(file.statements) == json.dumps(checked)
    store.close()
