"""A guard against a call that never returns, for the tests that check a wait ends by what
ends it (a stop, a deadline, an answer) rather than by the wall clock: the call runs on a thread
and the test fails if it has not returned after GUARD_S, a bound no working code nears on any
machine. It is not a measure: tests never assert how long something took (benchmarks/ do)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

GUARD_S = 60.0
"""How long a guarded call may run before the test fails as hung."""


def guarded(call: Callable[[], T], what: str = "the call") -> T:
    """`call()` on a thread: its value, or what it raised raised here; the test fails if it has
    not returned after GUARD_S (the thread, a daemon, is left to the end of the run)."""
    outcome: list[tuple[bool, Any]] = []

    def run() -> None:
        try:
            outcome.append((True, call()))
        except BaseException as exc:  # re-raised on the test's thread
            outcome.append((False, exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(GUARD_S)
    assert outcome, f"{what} still waits after {GUARD_S:.0f} s"
    [(returned, value)] = outcome
    if not returned:
        raise value
    return value  # type: ignore[no-any-return]
