"""Learner records: the cost of a durable event, and reading progress from a big history.

- `record_10k_events`: 10,000 learner events through the store (each ONE transaction: progress
  + statement, synchronous=FULL) against a raw `sqlite3` single-row insert per transaction with
  the same pragmas, in alternating blocks of the same run so both see the same disk. Goal: ratio
  <= 1.5. Beside it, `record_10k_events_sql_only`: the SQL one event runs (the statement's row,
  the progress and session rows, in one transaction), replayed without the event's Python, in
  the same alternation: the floor the schema sets, so the rest of the ratio is the Python.
  And `record_10k_events_minimal`: the least any Python event can do, written by hand for one
  kind (a video pause): a fresh id, a timestamp, the merged segments, the statement's bytes put
  together from frozen parts, then one outbox row (no AUTOINCREMENT, no index on the id, only the
  index batches are taken from) and one progress row that also holds the session's counters, in
  one transaction. Not our design (no sessions, no quiz, no crash close): the floor under any.
  And `record_10k_two_rows`: the issue's shape with no Python at all, the reference's insert
  plus one update of a one-row table in the same transaction: what the second write alone
  costs, before any event's work.
- `summary_50_courses_200k`: progress summary of 50 courses (the dashboard) with 200,000
  statements in the database; goal: median <= 20 ms. Then the same at 2,000,000 (reference: the
  200k figure, so the ratio is the growth), and what else the history could slow down: taking a
  batch from the outbox, counting it, opening the file after a clean close (cheap checks: what
  the player's start waits for), after a crash (the full `PRAGMA quick_check`), and the full
  check the player runs after its first paint (`Store.full_check`).

- `records_import_80k`: `cartable records import` of a real export of 80,000 statements (the
  recorder's, then copies of them with their own ids, most delivered: 120 MB, near the 128 MiB
  a records file may be; 100,000 are more) into a fresh profile, in a child process, against
  `json.loads` of the same file in another; then `records_import_80k_peak_memory`, the child's
  peak resident memory against the reference's (a parse of the file and nothing kept apart).

`CARTABLE_BENCH_BIG=0` skips the 2,000,000-statement figures (about 3 GB of disk, minutes) and
the 80,000-statement import (its 120 MB file made from a store of its own, then imported and
parsed in children: 19 s and 5 s of them).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from benchmarks.common import Figure, run_measured
from player.course.manifest import Course, parse_manifest
from player.store import Store, integrity
from player.store import segments as seg
from player.store import statements as st
from player.store.ids import new_uuid
from player.store.sessions import UnitSession
from sync import outbox

NAME = "store"
EVENTS = 10_000
BLOCK = 500
BODY = 1_200  # bytes: about one of our statements


def _course(course_id: str) -> Course:
    sha = {"sha256": "ab" * 32, "size": 1000}
    raw = {
        "format": 1,
        "id": course_id,
        "version": "1.0.0",
        "title": f"Cours {course_id}",
        "language": "fr",
        "publisher": {"name": "Université", "url": "https://univ.example.org"},
        "modules": [
            {
                "id": f"m{m}",
                "title": f"Module {m}",
                "units": [
                    {
                        "id": f"m{m}-video",
                        "type": "video",
                        "title": "Vidéo",
                        "duration": 600.0,
                        "variants": [
                            {
                                "label": "360p",
                                "width": 640,
                                "height": 360,
                                "file": {**sha, "media_type": "video/mp4"},
                            }
                        ],
                    },
                    {
                        "id": f"m{m}-deck",
                        "type": "slides",
                        "title": "Diapos",
                        "pages": 20,
                        "document": {**sha, "media_type": "application/pdf"},
                    },
                    {
                        "id": f"m{m}-quiz",
                        "type": "quiz",
                        "title": "Quiz",
                        "questions": [
                            {
                                "id": "q1",
                                "type": "single",
                                "text": "Laquelle ?",
                                "choices": [
                                    {"id": "a", "text": "celle-ci", "weight": 1.0},
                                    {"id": "b", "text": "celle-là", "weight": 0.0},
                                ],
                            }
                        ],
                    },
                ],
            }
            for m in range(4)
        ],
    }
    return parse_manifest(json.dumps(raw).encode())


class _Learner:
    """A learner going through a course, one event per `step()`: play, pause, seek, slides,
    quiz answers, in the proportions of an evening of study."""

    def __init__(self, store: Store, course: Course) -> None:
        self.store = store
        self.course = course
        self.profile = store.profiles.add(f"bench {uuid.uuid4().hex[:8]}").id
        self.video = store.events.unit_opened(self.profile, course, "m0-video")
        self.deck = store.events.unit_opened(self.profile, course, "m0-deck")
        self.quiz: UnitSession = store.events.unit_opened(self.profile, course, "m0-quiz")
        self.attempt = store.assessments.quiz_started(self.quiz).id
        self.position = 0.0
        self.page = 0
        self.n = 0

    def step(self) -> None:
        events = self.store.events
        kind = self.n % 10
        self.n += 1
        if kind in (0, 3, 6):
            events.video_played(self.video, self.position)
        elif kind in (1, 4, 7):
            self.position = (self.position + 7.5) % 600.0
            events.video_paused(self.video, self.position)
        elif kind == 2:
            events.video_seeked(self.video, self.position, (self.position + 30) % 600.0)
        elif kind in (5, 8):
            self.page = self.page % 20 + 1
            events.slide_viewed(self.deck, self.page)
        else:
            self.store.assessments.question_answered(
                self.quiz, self.attempt, "q1", random.choice("ab")
            )


def _sql_of_one_event(folder: Path) -> tuple[Store, Callable[[], None]]:
    """A video event's SQL, as the store runs it, with values made once: no Python between;
    and its store, to close."""
    store = Store.open(folder / "sql-only" / "cartable.sqlite3", backup_every=None)
    learner = _Learner(store, _course("bench"))
    learner.step()
    conn, session = store.conn, learner.video
    (row,) = store.outbox.rows(learner.profile, limit=1)
    progress = store.progress.unit(learner.profile, "bench", "m0-video")
    segments = json.dumps([[0.0, 30.0]])
    progress_values = (1, 0, None, None, 600.0, segments, "[]", 12.5, 10.0, 0.5, 1.7e9)

    def event() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("PRAGMA data_version").fetchone()
        conn.execute(
            "INSERT INTO outbox (id, profile_id, body, created_at) VALUES (?, ?, ?, ?)",
            (new_uuid(), learner.profile, row.body, 1.7e9),
        )
        conn.execute(
            "UPDATE unit_progress SET attempted = ?, completed = ?, success = ?, score = ?,"
            " length = ?, segments = ?, pages_seen = ?, position = ?, playing_from = ?,"
            " time_spent = time_spent + ?, updated_at = ?"
            " WHERE profile_id = ? AND course_id = ? AND unit_id = ?",
            (*progress_values, learner.profile, "bench", progress.unit_id),
        )
        conn.execute(
            "UPDATE sessions SET last_active_at = ?, active_seconds = active_seconds + ?,"
            " study_day = ?, study_seconds = ? WHERE id = ?",
            (1.7e9, 0.5, "2026-11-26", 12.0, session.id),
        )
        conn.execute("COMMIT")

    return store, event


_MINIMAL_SCHEMA = """
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL, profile_id TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued', body BLOB NOT NULL, created_at REAL NOT NULL
);
CREATE INDEX outbox_queued ON outbox (profile_id, seq) WHERE state = 'queued';
CREATE TABLE progress (
    profile_id TEXT NOT NULL, unit_id TEXT NOT NULL, segments TEXT NOT NULL,
    position REAL NOT NULL, time_spent REAL NOT NULL, last_active_at REAL NOT NULL,
    PRIMARY KEY (profile_id, unit_id)
) WITHOUT ROWID;
"""


def _minimal_event(folder: Path, template: bytes) -> Callable[[], None]:
    """A video pause with nothing but what it needs (see the module's docstring)."""
    conn = outbox.connect(folder / "minimal.sqlite3")
    conn.executescript(_MINIMAL_SCHEMA)
    profile, length = new_uuid(), 600.0
    conn.execute("INSERT INTO progress VALUES (?, 'm0-video', '[]', 0, 0, ?)", (profile, 1.7e9))
    statement = json.loads(template)

    def frozen(key: str) -> str:
        return json.dumps(statement[key], sort_keys=True, separators=(",", ":"))

    head = f'{{"actor":{frozen("actor")},"context":{frozen("context")},"id":"'
    middle = f'","object":{frozen("object")},"result":{{"extensions":{{'
    tail = f'","verb":{frozen("verb")}}}'
    state: dict[str, object] = {"segments": (), "position": 0.0, "last": time.time()}

    def event() -> None:
        now = time.time()
        start = float(state["position"])  # type: ignore[arg-type]
        position = (start + 7.5) % length
        segments = seg.add(state["segments"], start, position, length)  # type: ignore[arg-type]
        delta = min(max(now - float(state["last"]), 0.0), 60.0)  # type: ignore[arg-type]
        state.update(segments=segments, position=position, last=now)
        statement_id = new_uuid()
        extensions = (
            f'"{st.VIDEO_SEGMENTS}":"{seg.format_played_segments(segments)}",'
            f'"{st.VIDEO_PROGRESS}":{seg.progress(segments, length)},'
            f'"{st.VIDEO_TIME}":{position}}}}}'
        )
        body = "".join(
            (head, statement_id, middle, extensions, ',"timestamp":"', st.timestamp_text(now))
        )
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO outbox (id, profile_id, body, created_at) VALUES (?, ?, ?, ?)",
            (statement_id, profile, (body + tail).encode(), now),
        )
        conn.execute(
            "UPDATE progress SET segments = ?, position = ?, time_spent = time_spent + ?,"
            " last_active_at = ? WHERE profile_id = ? AND unit_id = 'm0-video'",
            (json.dumps(seg.to_json(segments)), position, delta, now, profile),
        )
        conn.execute("COMMIT")

    return event


def _record_events(folder: Path) -> Iterator[Figure]:
    store = Store.open(folder / "ours" / "cartable.sqlite3", backup_every=None)
    learner = _Learner(store, _course("bench"))
    raw = outbox.connect(folder / "raw.sqlite3")
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
    body = os.urandom(BODY)
    sql_store, sql_only = _sql_of_one_event(folder)
    store.events.video_paused(learner.video, 0.0)  # the minimal event's template
    rows = store.outbox.rows(learner.profile, limit=10)
    (paused,) = (row.body for row in rows if b"/verbs/paused" in row.body)

    def raw_insert() -> None:
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO t (body) VALUES (?)", (body,))
        raw.execute("COMMIT")

    two = outbox.connect(folder / "two-rows.sqlite3")
    two.executescript(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL);"
        "CREATE TABLE p (k INTEGER PRIMARY KEY, seconds REAL NOT NULL);"
        "INSERT INTO p VALUES (1, 0);"
    )

    def two_rows() -> None:
        two.execute("BEGIN IMMEDIATE")
        two.execute("INSERT INTO t (body) VALUES (?)", (body,))
        two.execute("UPDATE p SET seconds = seconds + 1 WHERE k = 1")
        two.execute("COMMIT")

    sides: dict[str, Callable[[], None]] = {
        "ours": learner.step,
        "reference": raw_insert,
        "sql_only": sql_only,
        "minimal": _minimal_event(folder, paused),
        "two_rows": two_rows,
    }
    spent = dict.fromkeys(sides, 0.0)
    for _ in range(EVENTS // BLOCK):  # alternate, so every side sees the same disk weather
        for name, step in sides.items():
            start = time.perf_counter()
            for _ in range(BLOCK):
                step()
            spent[name] += time.perf_counter() - start
    assert store.outbox.counts().queued >= EVENTS
    store.close()
    sql_store.close()
    raw.close()
    two.close()
    reference = spent["reference"]
    yield Figure(NAME, "record_10k_events", spent["ours"], "s", reference, "<=", 1.5)
    yield Figure(NAME, "record_10k_events_sql_only", spent["sql_only"], "s", reference)
    yield Figure(NAME, "record_10k_events_minimal", spent["minimal"], "s", reference)
    yield Figure(NAME, "record_10k_two_rows", spent["two_rows"], "s", reference)


def _fill(store: Store, profile: str, total: int, template: list[tuple[str, bytes]]) -> None:
    """Bring the outbox to `total` statements: copies of real ones with fresh ids, most of them
    delivered (months of history), the newest queued; bulk-inserted, not one commit each."""
    have = store.outbox.counts().total
    rng = random.Random(total)
    conn = store.conn
    chunk = 20_000
    while have < total:
        rows = []
        for _ in range(min(chunk, total - have)):
            old, body = rng.choice(template)
            sid = str(uuid.uuid4())
            rows.append((sid, profile, body.replace(old.encode(), sid.encode()), 1.7e9))
        with store.database.transaction():
            conn.executemany(
                "INSERT INTO outbox (id, profile_id, body, created_at, state, delivered_at)"
                " VALUES (?, ?, ?, ?, 'delivered', 1.7e9)",
                rows,
            )
            # Rows inserted settled are counted by whoever inserts them (sync.outbox.SCHEMA_V2)
            conn.execute(
                "INSERT INTO outbox_settled (profile_id, state, n) VALUES (?, 'delivered', ?)"
                " ON CONFLICT (profile_id, state) DO UPDATE SET n = n + excluded.n",
                (profile, len(rows)),
            )
        have += len(rows)


def _median_ms(func: Callable[[], object], repeat: int = 31) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _big() -> bool:
    """The big figures asked for (see the module's docstring): by default, yes."""
    return os.environ.get("CARTABLE_BENCH_BIG", "1") != "0"


def _history(folder: Path) -> Iterator[Figure]:
    path = folder / "history" / "cartable.sqlite3"
    store = Store.open(path, backup_every=None)
    courses = [_course(f"course-{i:02d}") for i in range(50)]
    learner = _Learner(store, courses[0])
    for course in courses:  # some progress in every course
        session = store.events.unit_opened(learner.profile, course, "m1-video")
        store.events.video_played(session, 0.0)
        store.events.video_paused(session, 120.0)
        store.events.unit_closed(session)
    for _ in range(400):
        learner.step()
    template = [(r.id, r.body) for r in store.outbox.rows(learner.profile, limit=10_000)]
    others = [store.profiles.add(f"other {i}").id for i in range(3)]
    sizes = [200_000]
    if _big():
        sizes.append(2_000_000)
    found: dict[int, dict[str, float]] = {}
    for size in sizes:
        _fill(store, others[0], size, template)
        box, progress, me = store.outbox, store.progress, learner.profile
        box.take_batch(me, 50)  # warm the pages as the app would
        figures = {
            "summary": _median_ms(lambda: progress.summaries(me, courses)),  # noqa: B023
            "take_batch": _median_ms(lambda: box.take_batch(me, 50)),  # noqa: B023
            "counts": _median_ms(lambda: box.counts()),  # noqa: B023
        }
        store.close()
        start = time.perf_counter()
        store = Store.open(path, backup_every=None)
        figures["open"] = time.perf_counter() - start  # after a clean close
        store.close()
        integrity.marker_path(path).unlink()  # as after a crash: the full check at open
        start = time.perf_counter()
        store = Store.open(path, backup_every=None)
        figures["open_unclean"] = time.perf_counter() - start
        start = time.perf_counter()
        assert store.full_check(force=True, backup_every=None).ok
        figures["full_check"] = time.perf_counter() - start
        found[size] = figures
        label = "200k" if size == 200_000 else "2m"
        base = found[200_000]
        if size == 200_000:
            yield Figure(NAME, "summary_50_courses_200k", figures["summary"], "ms", None, "<=", 20)
            yield Figure(NAME, "take_batch_200k", figures["take_batch"], "ms")
            yield Figure(NAME, "counts_200k", figures["counts"], "ms")
            yield Figure(NAME, "open_200k", figures["open"], "s")
            yield Figure(NAME, "open_after_a_crash_200k", figures["open_unclean"], "s")
            yield Figure(NAME, "full_check_after_paint_200k", figures["full_check"], "s")
        else:
            yield Figure(
                NAME, f"summary_50_courses_{label}", figures["summary"], "ms", base["summary"]
            )
            yield Figure(
                NAME, f"take_batch_{label}", figures["take_batch"], "ms", base["take_batch"]
            )
            yield Figure(NAME, f"counts_{label}", figures["counts"], "ms", base["counts"])
            yield Figure(NAME, f"open_{label}", figures["open"], "s", base["open"])
            yield Figure(
                NAME,
                f"open_after_a_crash_{label}",
                figures["open_unclean"],
                "s",
                base["open_unclean"],
            )
            yield Figure(
                NAME,
                f"full_check_after_paint_{label}",
                figures["full_check"],
                "s",
                base["full_check"],
            )
            size_mb = sum(p.stat().st_size for p in path.parent.glob("cartable.sqlite3*")) / 2**20
            yield Figure(NAME, f"database_size_{label}", size_mb, "MB")
    store.close()


IMPORTED = 80_000
_ROOT = Path(__file__).resolve().parent.parent
_IMPORT = """
import sys
from pathlib import Path
from player.records_import import Installed, import_records
from player.store import Store
store = Store.open(Path(sys.argv[2]) / "cartable.sqlite3", backup_every=None)
profile = store.profiles.add("Awa").id
nothing = Installed((), frozenset(), frozenset())
done = import_records(store.records, profile, Path(sys.argv[1]), nothing, Path(sys.argv[2]),
                      same_learner=True)
assert done.report.added == int(sys.argv[3]), done.report
store.close()
"""
_PARSE = "import json, sys; json.loads(open(sys.argv[1], 'rb').read())"


def _records_import(folder: Path) -> Iterator[Figure]:
    if not _big():
        return
    store = Store.open(folder / "old" / "cartable.sqlite3", backup_every=None)
    learner = _Learner(store, _course("bench"))
    for _ in range(min(2_000, IMPORTED // 2)):  # the recorder's, then copies of them
        learner.step()
    template = [(r.id, r.body) for r in store.outbox.rows(learner.profile, limit=10_000)]
    _fill(store, learner.profile, IMPORTED, template)
    path = folder / "records.json"
    assert store.records.export(learner.profile, path).statements == IMPORTED
    store.close()
    (folder / "new").mkdir()
    ours = run_measured(
        [sys.executable, "-c", _IMPORT, str(path), str(folder / "new"), str(IMPORTED)],
        cwd=_ROOT,
    )
    reference = run_measured([sys.executable, "-c", _PARSE, str(path)], cwd=_ROOT)
    yield Figure(NAME, "records_import_80k", ours.seconds, "s", reference.seconds)
    yield Figure(
        NAME, "records_import_80k_peak_memory", ours.peak_rss_mb, "MB", reference.peak_rss_mb
    )


def run() -> Iterator[Figure]:
    folder = Path(tempfile.mkdtemp(prefix="cartable-bench-store-"))
    try:
        yield from _records_import(folder)
        yield from _record_events(folder)
        yield from _history(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    for figure in run():
        print(figure.line(), flush=True)
