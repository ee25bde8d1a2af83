"""Fakes for the sync engine's unit tests: a clock tests drive and an LRS that behaves like Ralph.

The real LRS is exercised in tests/e2e/test_sync_*.py; these fakes let the unit tests script
each answer exactly (a 500 on the third request, a 429 with Retry-After...).
"""

from __future__ import annotations

import json
import random
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sync.engine import EngineOptions, SyncEngine
from sync.lrs import Outcome, PostResult
from sync.outbox import Outbox, connect, create_tables, write_transaction


class FakeClock:
    """Time that moves only when the engine waits (or a test calls `advance`)."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.t = start
        self.waits: list[float] = []

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds

    def wait(self, cancel: threading.Event, seconds: float) -> bool:
        self.waits.append(seconds)
        if cancel.is_set():
            return True
        self.t += max(0.0, seconds)
        return cancel.is_set()


Fault = Callable[[list[dict]], PostResult | None]


@dataclass
class FakeLrs:
    """Stores statements by id like Ralph: 200 with the new ids, 204 when it held them all,
    422 for a statement whose object id ends with "/bad" (the whole batch refused)."""

    held: dict[str, bytes] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    requests: list[list[str]] = field(default_factory=list)
    faults: list[Fault | None] = field(default_factory=list)
    target: str = "https://lrs.test/xAPI/ basic:learner"

    def post_statements(self, bodies: Sequence[bytes]) -> PostResult:
        statements = [json.loads(b) for b in bodies]
        self.requests.append([s["id"] for s in statements])
        fault = self.faults.pop(0) if self.faults else None
        if fault is not None:
            answer = fault(statements)
            if answer is not None:
                return answer
        return self.store(bodies)

    def store(self, bodies: Sequence[bytes]) -> PostResult:
        statements = [json.loads(b) for b in bodies]
        for index, s in enumerate(statements):
            if s["object"]["id"].endswith("/bad"):
                detail = [{"loc": ["body", index, "object"], "msg": "refused", "type": "x"}]
                return PostResult(Outcome.REFUSED, 422, answer=json.dumps({"detail": detail}))
        new = [s["id"] for s in statements if s["id"] not in self.held]
        for s, body in zip(statements, bodies, strict=True):
            if s["id"] not in self.held:
                self.held[s["id"]] = bytes(body)
                self.order.append(s["id"])
        if not new:
            return PostResult(Outcome.DELIVERED, 204)
        return PostResult(Outcome.DELIVERED, 200, ids=tuple(new))


def status(code: int | None, outcome: Outcome, retry_after: float | None = None) -> Fault:
    def fault(_: list[dict]) -> PostResult:
        answer = "connection reset" if code is None else f"answer {code}"
        return PostResult(outcome, code, retry_after=retry_after, answer=answer)

    return fault


def stored_then_lost(lrs: FakeLrs) -> Fault:
    """The LRS stores the batch but the answer never arrives (connection dropped after)."""

    def fault(statements: list[dict]) -> PostResult:
        lrs.store([json.dumps(s).encode() for s in statements])
        return PostResult(Outcome.RETRY, None, answer="ConnectionError: reset after send")

    return fault


def open_outbox(folder: Path) -> Outbox:
    conn = connect(folder / "outbox.sqlite3", check_same_thread=False)
    create_tables(conn)
    return Outbox(conn)


def statement(n: int, bad: bool = False) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "account": {"homePage": "https://u.test", "name": "a"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"objectType": "Activity", "id": f"https://c.test/{n}" + ("/bad" if bad else "")},
        "timestamp": f"2026-01-01T00:00:{n % 60:02d}.000Z",
    }


def queue(outbox: Outbox, profile: str, statements: list[dict], at: float = 0.0) -> list[str]:
    with write_transaction(outbox.conn):
        for s in statements:
            body = json.dumps(s, separators=(",", ":")).encode()
            outbox.append(profile, s["id"], body, at)
    return [s["id"] for s in statements]


OPTIONS = EngineOptions(batch_size=10, backoff_base=4.0, backoff_cap=60.0, jitter=0.25)


def engine(
    outbox: Outbox,
    lrs: FakeLrs | dict[str, FakeLrs],
    clock: FakeClock,
    **kwargs: object,
) -> SyncEngine:
    """An engine on `outbox` whose profiles post to `lrs` (one for all, or one per profile)."""

    def clients(profile: str) -> FakeLrs | None:
        return lrs.get(profile) if isinstance(lrs, dict) else lrs

    kwargs.setdefault("options", OPTIONS)
    return SyncEngine(outbox, clients, clock=clock, rng=random.Random(7), **kwargs)  # type: ignore[arg-type]
