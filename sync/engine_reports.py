"""What a sync run reports: each step as it happens (`SyncProgress`, for a progress display) and,
at its end, per profile what went, what was refused and why the rest waits (`SyncReport`).

Plain frozen data, so the interface, the `cartable sync` command and the tests read a run
without the engine (sync.engine, which re-exports these names). Nothing here imports `player`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: Why statements of a profile still wait after a run.
WaitReason = Literal["retry", "auth", "no_account", "unexpected", "offline", "cancelled"]
#: How a run ended: everything sent / something waits / no network / cancelled / a profile
#: stopped on an answer no LRS gives (the others went on) / not started: a run was already going.
RunStatus = Literal["done", "waiting", "offline", "cancelled", "stopped", "busy"]
ProgressKind = Literal["delivered", "retry", "refused", "poison", "auth", "unexpected", "idle"]
#: Why a profile stopped (`WaitReason` "unexpected"), for the interface to word:
#: - "lrs_refuses_all": the LRS refused the statements waiting and also one it already holds
#:   (the probe): its settings or a proxy refuse everything; the learner's records are fine.
#: - "refused_unconfirmed": the LRS refused every statement waiting, alike, and nothing this
#:   profile sent before could tell whether the server or the statements are at fault (no
#:   statement delivered to this server and account yet): they wait and are sent again.
#: - "unexpected_answer": an answer no LRS gives (a redirect, a 404, a web page): the endpoint
#:   is likely wrong.
StopReason = Literal["lrs_refuses_all", "refused_unconfirmed", "unexpected_answer"]


@dataclass(frozen=True)
class Refused:
    """A statement the LRS refused on its own, quarantined in this run."""

    profile_id: str
    statement_id: str
    status: int | None
    answer: str


@dataclass(frozen=True)
class SyncProgress:
    """One step of a run, for a progress display (called on the engine's thread)."""

    kind: ProgressKind
    profile_id: str
    count: int  # statements concerned by this step
    delivered: int  # delivered in this run so far, this profile
    detail: str = ""


@dataclass(frozen=True)
class ProfileReport:
    profile_id: str
    delivered: int
    """Delivered in this run."""
    refused: tuple[Refused, ...]
    """Quarantined in this run."""
    waiting: int
    """Still queued after the run."""
    poison: int
    """Quarantined in all (this run and earlier ones)."""
    reason: WaitReason | None
    """Why `waiting` is not 0 (None when nothing waits)."""
    detail: str = ""
    """The last error or answer behind `reason`."""
    next_attempt_at: float | None = None
    """When the head of the queue is due again (epoch seconds), if something waits."""
    stop: StopReason | None = None
    """Why this profile stopped, when `reason` is "unexpected" (`detail` has the server's
    answer, in English: for a "details" view, not for the sentence itself)."""
    server_wait: float | None = None
    """Until when the server asked to wait (its Retry-After, for every profile on it), when
    that holds `reason` "retry" (epoch seconds)."""
    checked: bool = False
    """It had nothing to send and its account was to be confirmed (`SyncEngine.run`'s
    `check`): `account_taken` says whether the LRS took it; else `reason` says why not
    ("auth": the credentials refused, "retry": no answer, busy or unavailable,
    "unexpected"...), with `waiting` 0."""
    account_taken: bool = False
    """The LRS took the check of its account (`checked`)."""

    @property
    def answered(self) -> bool:
        """The LRS took a request of this profile's account in this run: a batch delivered, or
        the account's check. Only then did the server say anything of this account: a run
        with nothing to send asks nothing of it, unless told to check it."""
        return self.delivered > 0 or self.account_taken


@dataclass(frozen=True)
class SyncReport:
    status: RunStatus
    started_at: float
    finished_at: float
    profiles: tuple[ProfileReport, ...] = ()
    detail: str = ""

    @property
    def delivered(self) -> int:
        return sum(p.delivered for p in self.profiles)

    @property
    def waiting(self) -> int:
        return sum(p.waiting for p in self.profiles)

    @property
    def refused(self) -> tuple[Refused, ...]:
        return tuple(r for p in self.profiles for r in p.refused)

    @property
    def needs_credentials(self) -> tuple[str, ...]:
        """Profiles whose LRS refused their credentials (401/403): ask the learner."""
        return tuple(p.profile_id for p in self.profiles if p.reason == "auth")

    @property
    def next_attempt_at(self) -> float | None:
        times = [
            p.next_attempt_at
            for p in self.profiles
            if p.reason == "retry" and p.next_attempt_at is not None
        ]
        return min(times) if times else None

    @property
    def stop(self) -> StopReason | None:
        """Why the run is "stopped": the first stopped profile's `stop` (its `detail` is the
        report's)."""
        return next((p.stop for p in self.profiles if p.stop is not None), None)

    def profile(self, profile_id: str) -> ProfileReport | None:
        return next((p for p in self.profiles if p.profile_id == profile_id), None)
