"""Crash safety and concurrency of the records database.

- A child process records events in a loop and is killed with SIGKILL at 20 random moments:
  every event whose call had returned is there, the file passes `integrity_check`, and stored
  progress is exactly the fold of the queued statements.
- The sync engine's side (its own connection, in a worker thread) takes and marks batches
  while the main thread records thousands of events: no `database is locked`, no lost update.

Run as a module (`python -m tests.unit.test_store_reliability --child DB SEED`) it is the child.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from player.store import Store
from player.store.progress import fold
from player.store.sessions import UnitSession
from sync import outbox
from sync.outbox import Outbox
from tests.children import started
from tests.unit.test_store_helpers import make_course

REPO = Path(__file__).resolve().parents[2]
KILLS = 20
#: Events the child has returned from before the random wait for its kill begins.
EVENTS_BEFORE_KILL = 25
COURSE = make_course()


def _random_event(store: Store, rng: random.Random, sessions: dict[str, UnitSession]) -> None:
    """One learner event on one of the test course's units, opened as needed."""
    course = COURSE
    profile_id = store.profiles.all()[rng.randrange(2)].id
    unit_id = rng.choice(["v1", "v1", "r1", "s1", "q1"])
    key = f"{profile_id}/{unit_id}"
    session = sessions.get(key)
    if session is None or rng.random() < 0.05:
        if session is not None:
            store.events.unit_closed(session, rng.uniform(0, 100) if unit_id == "v1" else None)
        session = sessions[key] = store.events.unit_opened(profile_id, course, unit_id)
        return
    events = store.events
    if unit_id == "v1":
        choice = rng.randrange(4)
        at = rng.uniform(-5, 110)
        if choice == 0:
            events.video_played(session, at)
        elif choice == 1:
            events.video_paused(session, at)
        elif choice == 2:
            events.video_seeked(session, at, rng.uniform(0, 100))
        else:
            events.heartbeat(session, at)
    elif unit_id == "s1":
        events.slide_viewed(session, rng.randint(1, 4))
    elif unit_id == "r1":
        if rng.random() < 0.2:
            events.reading_completed(session)
        else:
            events.heartbeat(session)
    else:
        attempts = store.assessments
        attempt = next(
            (a for a in attempts.quiz_attempts(profile_id, course.id, "q1") if not a.finished), None
        )
        if attempt is None:
            if len(attempts.quiz_attempts(profile_id, course.id, "q1")) >= 2:
                events.heartbeat(session)
                return
            attempts.quiz_started(session)
        elif rng.random() < 0.2:
            attempts.quiz_finished(session, attempt.id)
        else:
            attempts.question_answered(session, attempt.id, "qa", rng.choice(["a", "b"]))


def child(db: str, seed: int) -> None:
    """Record events until killed; print the id of each event's last statement once it returned."""
    store = Store.open(Path(db), backup_every=None)
    store.start()
    while len(store.profiles.all()) < 2:
        store.profiles.add(f"learner {len(store.profiles.all())}")
    rng = random.Random(seed)
    sessions: dict[str, UnitSession] = {}
    print("ready", flush=True)
    while True:
        _random_event(store, rng, sessions)
        last = store.conn.execute("SELECT id FROM outbox ORDER BY seq DESC LIMIT 1").fetchone()
        if last:
            print(last[0], flush=True)


def _check_database(path: Path, returned: set[str]) -> int:
    store = Store.open(path, backup_every=None)
    try:
        assert store.recovery is None
        assert store.database.integrity_check() == []
        ids = {r[0] for r in store.conn.execute("SELECT id FROM outbox")}
        missing = returned - ids
        assert not missing, f"{len(missing)} statements of returned events are missing"
        course = make_course()
        for profile in store.profiles.all():
            statements = [json.loads(r.body) for r in store.outbox.iter_rows(profile.id)]
            rebuilt = fold(statements)
            for _, unit in course.units():
                stored = store.progress.unit(profile.id, course.id, unit.id).state
                assert rebuilt.get((course.id, unit.id), stored) == stored, unit.id
            for attempt in store.assessments.quiz_attempts(profile.id):
                for answer in attempt.answers:
                    assert any(
                        (s.get("result") or {}).get("response") == answer.response
                        for s in statements
                    )
        tally = dict(store.conn.execute("SELECT state, sum(n) FROM outbox_tally GROUP BY state"))
        actual = dict(store.conn.execute("SELECT state, count(*) FROM outbox GROUP BY state"))
        assert tally == actual
        return len(ids)
    finally:
        store.close()


def test_sigkill_at_random_moments_loses_no_returned_event(tmp_path: Path) -> None:
    path = tmp_path / "cartable.sqlite3"
    rng = random.Random(20)
    returned: set[str] = set()
    total = 0
    for kill in range(KILLS):
        with started(
            [
                sys.executable,
                "-m",
                "tests.unit.test_store_reliability",
                "--child",
                str(path),
                str(kill),
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as proc:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready", (
                proc.stderr.read() if proc.stderr else ""
            )
            # Some events first, counted rather than timed: a loaded machine records fewer a second.
            first = [proc.stdout.readline().strip() for _ in range(EVENTS_BEFORE_KILL)]
            assert all(first), proc.stderr.read() if proc.stderr else ""
            time.sleep(rng.uniform(0.0, 0.55))
            proc.send_signal(signal.SIGKILL)
            out, err = proc.communicate(timeout=30)
            assert proc.returncode == -signal.SIGKILL, err
        returned.update(first, (line for line in out.splitlines() if line.strip()))
        count = _check_database(path, returned)
        assert count >= total
        total = count
    assert total > 200  # a meaningful amount of work was killed into


def test_sync_worker_marks_the_outbox_while_events_are_recorded(tmp_path: Path) -> None:
    path = tmp_path / "cartable.sqlite3"
    store = Store.open(path, backup_every=None)
    store.start()
    store.profiles.add("learner 0")
    store.profiles.add("learner 1")
    profiles = [p.id for p in store.profiles.all()]
    stop = threading.Event()
    errors: list[BaseException] = []
    delivered: set[str] = set()
    poisoned: set[str] = set()
    retried = 0

    def worker() -> None:
        nonlocal retried
        conn = outbox.connect(path)
        box = Outbox(conn)
        rng = random.Random(7)
        try:
            while True:
                idle = True
                for profile in profiles:
                    batch = box.take_batch(profile, 50, now=time.time() + 1)
                    if not batch:
                        continue
                    idle = False
                    roll = rng.random()
                    ids = [s.id for s in batch]
                    if roll < 0.15:
                        retried += box.mark_retry(ids, time.time(), "HTTP 503")
                    elif roll < 0.2:
                        assert box.mark_poison(ids[0], '{"detail": "refused"}')
                        poisoned.add(ids[0])
                    else:
                        assert box.mark_delivered(ids) == len(ids)
                        delivered.update(ids)
                    box.counts(profile)
                if idle:
                    if stop.is_set():
                        return
                    time.sleep(0.002)
        except BaseException as exc:  # reported to the main thread
            errors.append(exc)
        finally:
            conn.close()

    thread = threading.Thread(target=worker)
    thread.start()
    rng = random.Random(3)
    sessions: dict[str, UnitSession] = {}
    try:
        for _ in range(3000):
            _random_event(store, rng, sessions)
    finally:
        stop.set()
        thread.join(timeout=120)
    assert not thread.is_alive()
    assert errors == []
    states = dict(store.conn.execute("SELECT id, state FROM outbox").fetchall())
    assert len(states) > 1500  # heartbeats queue nothing; every other event does
    assert {i for i, s in states.items() if s == "delivered"} == delivered
    assert {i for i, s in states.items() if s == "poison"} == poisoned
    assert "queued" not in states.values()
    assert retried > 0
    tally = dict(store.conn.execute("SELECT state, sum(n) FROM outbox_tally GROUP BY state"))
    assert tally.get("queued", 0) == 0 and tally["delivered"] == len(delivered)
    course = make_course()
    for profile in profiles:
        rebuilt = fold(json.loads(r.body) for r in store.outbox.iter_rows(profile))
        for _, unit in course.units():
            stored = store.progress.unit(profile, course.id, unit.id).state
            assert rebuilt.get((course.id, unit.id), stored) == stored
    store.close()


if __name__ == "__main__" and len(sys.argv) == 4 and sys.argv[1] == "--child":
    child(sys.argv[2], int(sys.argv[3]))
