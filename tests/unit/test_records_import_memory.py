"""A big records file imported without holding it many times over in memory, and an import
stopped midway (the player's Cancel) leaving the records as they were."""

from __future__ import annotations

import threading
import tracemalloc
import uuid
from pathlib import Path

import pytest

from player.records_import import Installed, import_records
from player.store import Store
from player.store.records import ImportCancelled
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


def new_laptop(folder: Path) -> tuple[Store, str]:
    store = open_store(folder, FakeClock())
    return store, store.profiles.add("Awa", "fr").id


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
