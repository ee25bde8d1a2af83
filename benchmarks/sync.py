"""`sync`: 10,000 queued statements to Ralph on loopback, against a plain `requests` loop POSTing
the same batches (goal: ratio <= 1.25); and the time from the network coming back to the first
statement delivered (no reference).

Ralph's fs backend slows down as its file grows, and this machine is shared, so the two sides
run interleaved batch by batch, each against a fresh private server of its own: while the engine
runs, every batch it POSTs is followed (or, in the second round, preceded) by the reference
POSTing the same batch to its own server. Both servers grow in step and both sides meet the same
load at the same moments. Ours is the engine's run time less the reference's time inside it.

Every server and thread it starts ends whatever fails (contextlib.ExitStack): the machine is
shared, and a scheduler thread left looping would hold the process at exit instead of letting
it report the failure.
"""

from __future__ import annotations

import contextlib
import json
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import requests

from benchmarks.common import Figure
from sync.conditions import Reachability
from sync.engine import EngineOptions, SyncEngine, SyncProgress, SyncScheduler
from sync.http import make_session
from sync.lrs import BasicAuth, LrsClient, PostResult
from sync.outbox import Outbox, connect, create_tables, write_transaction
from tests.e2e.conftest import RalphProcess

STATEMENTS = 10_000
BATCH = 50
ROUNDS = 2
REACTION_RUNS = 5
DELIVERY_TIMEOUT_S = 60.0
STOP_JOIN_S = 60.0
HEADERS = {"X-Experience-API-Version": "1.0.3", "Content-Type": "application/json"}


def _statement(actor: str, n: int) -> bytes:
    statement = {
        "actor": {"account": {"homePage": "https://learners.example.org", "name": actor}},
        "context": {
            "contextActivities": {
                "parent": [
                    {"id": "https://courses.example.org/c/module/m1", "objectType": "Activity"}
                ]
            },
            "language": "fr",
            "registration": str(uuid.uuid4()),
        },
        "id": str(uuid.uuid4()),
        "object": {
            "definition": {
                "name": {"fr": f"Page {n}"},
                "type": "http://id.tincanapi.com/activitytype/slide",
            },
            "id": f"https://courses.example.org/c/unit/slides/page/{n}",
            "objectType": "Activity",
        },
        "timestamp": f"2026-02-03T04:{n // 60000 % 60:02d}:{n // 1000 % 60:02d}.{n % 1000:03d}Z",
        "verb": {
            "display": {"en-US": "experienced"},
            "id": "http://adlnet.gov/expapi/verbs/experienced",
        },
    }
    return json.dumps(statement, separators=(",", ":"), sort_keys=True).encode()


def _outbox(folder: Path, bodies: list[bytes], profile: str = "p") -> Outbox:
    conn = connect(folder / "records.sqlite3", check_same_thread=False)
    create_tables(conn)
    outbox = Outbox(conn)
    _queue(outbox, bodies, profile)
    return outbox


def _queue(outbox: Outbox, bodies: list[bytes], profile: str, attempts: int = 0) -> None:
    now = time.time()
    with write_transaction(outbox.conn):
        for body in bodies:
            outbox.append(profile, json.loads(body)["id"], body, now)
        if attempts:  # as if the network had failed for a while: far in the backoff
            outbox.conn.execute(
                "UPDATE outbox SET attempts = ?, next_attempt_at = ? WHERE profile_id = ?"
                " AND state = 'queued'",
                (attempts, now + 900, profile),
            )


class _Interleaved:
    """The engine's client: each POST of ours is paired with the reference's POST of the same
    batch to the other server (timed apart)."""

    def __init__(
        self, ours: LrsClient, reference: requests.Session, url: str, auth: tuple[str, str]
    ) -> None:
        self.ours, self.reference, self.url, self.auth = ours, reference, url, auth
        self.reference_first = False
        self.reference_time = 0.0

    def _reference(self, bodies: Sequence[bytes]) -> None:
        start = time.perf_counter()
        payload = b"[" + b",".join(bodies) + b"]"
        answer = self.reference.post(
            self.url, data=payload, headers=HEADERS, auth=self.auth, timeout=60
        )
        if answer.status_code != 200:
            raise RuntimeError(f"reference POST: HTTP {answer.status_code} {answer.text[:200]}")
        self.reference_time += time.perf_counter() - start

    @property
    def target(self) -> str:
        return self.ours.target

    def post_statements(self, bodies: Sequence[bytes]) -> PostResult:
        if self.reference_first:
            self._reference(bodies)
        result = self.ours.post_statements(bodies)
        if not self.reference_first:
            self._reference(bodies)
        return result


def _round(
    servers: _Servers, folder: Path, bodies: list[bytes], reference_first: bool
) -> tuple[float, float]:
    ours_server, reference_server = servers.fresh().server, servers.fresh().server
    outbox = _outbox(folder, bodies)
    with (
        contextlib.closing(outbox.conn),
        make_session("0.0.0-bench") as session,
        requests.Session() as plain,
    ):
        client = LrsClient(
            ours_server.url, BasicAuth(ours_server.username, ours_server.password), session
        )
        paired = _Interleaved(client, plain, reference_server.statements_url, reference_server.auth)
        paired.reference_first = reference_first
        engine = SyncEngine(outbox, lambda _: paired, options=EngineOptions(batch_size=BATCH))
        start = time.perf_counter()
        report = engine.run()
        total = time.perf_counter() - start
    if report.status != "done" or report.delivered != len(bodies):
        raise RuntimeError(f"sync benchmark: {report.status}, {report.delivered} delivered")
    return total - paired.reference_time, paired.reference_time


class _Servers:
    """Fresh Ralph servers; `stop` stops each one even when stopping another raises."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._started = contextlib.ExitStack()

    def fresh(self) -> RalphProcess:
        process = RalphProcess(Path(tempfile.mkdtemp(dir=self.root, prefix="ralph-")))
        self._started.callback(process.stop)
        return process

    def stop(self) -> None:
        self._started.close()


@contextlib.contextmanager
def _looping(engine: SyncEngine, reachability: Reachability, name: str) -> Iterator[None]:
    """A SyncScheduler running `engine` on a thread of its own for the `with` block, ended and
    joined on the way out. The run under way may finish first (the next run's figure then meets
    no batch cut off mid-request, which the LRS may hold and answer 409 to); on a failure, or
    if it has not finished within STOP_JOIN_S, it is cut off."""
    stop_loop, stop_run = threading.Event(), threading.Event()
    scheduler = SyncScheduler(lambda force: engine.run(cancel=stop_run, force=force), reachability)
    thread = threading.Thread(target=scheduler.loop, args=(stop_loop,), name=name, daemon=True)
    thread.start()
    try:
        yield
    except BaseException:
        stop_run.set()
        raise
    finally:
        stop_loop.set()
        thread.join(STOP_JOIN_S)
        if thread.is_alive():
            stop_run.set()
            thread.join(STOP_JOIN_S)
        if thread.is_alive():
            raise RuntimeError(
                f"sync benchmark: {name} still runs {STOP_JOIN_S:g} s after its stop"
            )


def _send(servers: _Servers, work: Path) -> Figure:
    ours_total = reference_total = 0.0
    for round_index in range(ROUNDS):
        bodies = [_statement(f"bench-{round_index}", n) for n in range(STATEMENTS)]
        folder = work / f"round-{round_index}"
        folder.mkdir()
        ours, reference = _round(servers, folder, bodies, reference_first=round_index % 2 == 1)
        ours_total += ours
        reference_total += reference
    return Figure(
        "sync", "send_10000", ours_total / ROUNDS, "s", reference_total / ROUNDS, "<=", 1.25
    )


def _reaction(
    servers: _Servers, work: Path, delivery_timeout: float = DELIVERY_TIMEOUT_S
) -> Figure:
    """From `set_online(True)` to the first statement delivered, the backoff of earlier network
    failures notwithstanding (median of a few runs, a fresh queue each time)."""
    server = servers.fresh().server
    folder = work / "reaction"
    folder.mkdir()
    outbox = _outbox(folder, [])
    times: list[float] = []
    with contextlib.closing(outbox.conn), make_session("0.0.0-bench") as session:
        client = LrsClient(server.url, BasicAuth(server.username, server.password), session)
        for run in range(REACTION_RUNS):
            profile = f"p{run}"
            _queue(outbox, [_statement(profile, n) for n in range(BATCH * 2)], profile, attempts=6)
            reachability = Reachability(online=False)
            delivered = threading.Event()
            stamp: list[float] = []

            def on_progress(
                step: SyncProgress, stamp: list[float] = stamp, done: threading.Event = delivered
            ) -> None:
                if step.kind == "delivered" and not stamp:
                    stamp.append(time.perf_counter())
                    done.set()

            engine = SyncEngine(
                outbox,
                lambda _: client,
                options=EngineOptions(batch_size=BATCH),
                reachability=reachability,
                on_progress=on_progress,
            )
            with _looping(engine, reachability, f"sync benchmark scheduler {run + 1}"):
                time.sleep(0.3)  # the scheduler is waiting for the network
                back = time.perf_counter()
                reachability.set_online(True)
                if not delivered.wait(delivery_timeout):
                    raise RuntimeError(
                        f"sync benchmark: nothing delivered to {server.url} within "
                        f"{delivery_timeout:g} s of the network coming back "
                        f"(run {run + 1} of {REACTION_RUNS})"
                    )
            times.append(stamp[0] - back)
    return Figure(
        "sync", "first_delivery_after_network_back", statistics.median(times) * 1000, "ms"
    )


def run() -> Iterator[Figure]:
    with tempfile.TemporaryDirectory(prefix="cartable-bench-sync-") as tmp:
        work = Path(tmp)
        servers = _Servers(work)
        try:
            yield _send(servers, work)
            yield _reaction(servers, work)
        finally:
            servers.stop()
