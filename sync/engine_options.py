"""What a sync engine is given besides the outbox and the clients: its `EngineOptions` (batch size,
backoff, the refusal rule, patience) and its `Clock` (injected, so tests drive time).

Apart from sync.engine so the batch sender (sync.engine_batch) reads them too; sync.engine
re-exports them. Nothing here imports `player`.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Wall-clock seconds since the epoch (the outbox stores retry times with it)."""
        ...

    def wait(self, cancel: threading.Event, seconds: float) -> bool:
        """Sleep up to `seconds`; True when `cancel` was set (then return at once)."""
        ...


class SystemClock:
    def now(self) -> float:
        return time.time()

    def wait(self, cancel: threading.Event, seconds: float) -> bool:
        return cancel.wait(max(0.0, seconds))


@dataclass(frozen=True)
class EngineOptions:
    batch_size: int = 50
    backoff_base: float = 5.0
    """First retry delay (seconds); doubles with every failed attempt of the batch's head."""
    backoff_cap: float = 900.0
    retry_after_cap: float = 3600.0
    """A Retry-After longer than this is treated as this (a misconfigured server)."""
    jitter: float = 0.3
    """A backoff delay d is drawn in [d * (1 - jitter), d], so devices reconnecting together
    after an outage do not hammer the LRS in step."""
    systemic_refusals: int = 3
    """Lone statements refused with one same answer, first of a split, that mean the server
    refuses everything rather than them (see sync.engine's docstring); at least 2."""
    patience: float = 0.0
    """How long one run waits for a retry that comes due (0: send what is due, then return;
    the caller schedules the next run at `SyncReport.next_attempt_at`)."""

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {self.batch_size}")
        if not 0.0 <= self.jitter < 1.0:
            raise ValueError(f"jitter must be in [0, 1), got {self.jitter}")
        if self.backoff_base <= 0 or self.backoff_cap < self.backoff_base:
            raise ValueError("backoff_base must be > 0 and backoff_cap >= backoff_base")
        if self.systemic_refusals < 2:
            raise ValueError(f"systemic_refusals must be at least 2, got {self.systemic_refusals}")
        if self.patience < 0 or self.retry_after_cap < 0:
            raise ValueError("patience and retry_after_cap must be >= 0")
