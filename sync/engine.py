"""Drains the outbox to each profile's LRS: batches, backoff, poison handling (DESIGN "Sync rules").

Per profile, in creation order, batches of `batch_size` are POSTed and what the LRS answered is
written to the outbox before anything else happens, so the outbox is always the truth: a process
killed mid-batch sends that batch again on the next run, and the statement ids make the resend
idempotent (the LRS answers 204, or lists only the ids it did not hold). The answers:

- DELIVERED (200/204): the whole batch is marked delivered (an LRS lists only new ids).
- RETRY (no answer, timeout, 408, 429, 5xx): the batch keeps its place; it is due again after an
  exponential backoff with jitter, capped, or after the server's Retry-After. The outbox's
  `take_batch` stops at the first statement not yet due, so nothing younger overtakes it.
- REFUSED (400/409/413/422): a batch is all or nothing, so it is split in halves until the refused
  statement is alone; alone and still refused, it is quarantined as poison with the server's answer
  (shown to the learner, never dropped); its neighbours go through. But when the first
  `systemic_refusals` statements refused alone all get the very same answer, and so does the batch's
  last statement sent alone next (out of turn: a bad head of the queue gets the same answer for the
  same defect, a good statement after it does not), the server may refuse everything (a version
  header, a size limit, a gateway) rather than these statements: quarantining the whole queue on
  that would hide an outage as "poison". A lone refusal is quarantined only on proof that the fault
  is the statement's own: the server takes another statement of the same batch, or tells them apart
  (a different answer). When the batch gives no such proof (every statement sent refused alone
  alike: one bad statement alone in the queue, or a run of statements with one same defect, the last
  one too), the profile's most recent statement delivered to this very server and account is sent
  again, alone, as a probe: an LRS takes a statement it already holds (204, nothing written) once
  past the checks that refuse everything (version header, credentials, body size, JSON). Never one
  delivered elsewhere: after the learner's account moved to another LRS (or another account of
  it), that one would be news there, stored, one stray record of the old account. Taken, the
  refusals are the statements' own and are quarantined; refused too, the server refuses
  everything: the profile stops as UNEXPECTED below (`ProfileReport.stop` "lrs_refuses_all") and
  nothing is quarantined; with no statement delivered there to send (a new profile, a new
  account), it stops the same way ("refused_unconfirmed"): the statements wait until a batch
  holding one the server takes sets a bad one aside. The probe's row is never marked, whatever
  the answer; it costs one small request, only for a batch refused that way. A split cut short
  by a retry or a stop leaves the statements refused so far queued.
- AUTH (401/403): this profile stops at once, no retry is counted; the report asks for
  credentials. Other profiles go on.
- UNEXPECTED (404, a redirect, a web page answering 200...): like AUTH, this profile stops (its
  endpoint is wrong, not the others'); the batch stays queued with the answer as its last error
  and its backoff, the other profiles go on, and the run reports "stopped" with that answer
  (`ProfileReport.stop` "unexpected_answer": a typed reason the interface words, `detail` being
  the server's answer in English).

One run at a time per engine (`run` answers "busy" instead of starting twice); a
`threading.Event` cancels between two requests and during waits. Time and reachability are
injected (`Clock`, `sync.conditions.Reachability`), so tests drive them. Progress is reported
through a callback that never touches a UI. Nothing here imports `player`.
"""

from __future__ import annotations

import logging
import math
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from sync.conditions import Reachability
from sync.credentials import CredentialsError
from sync.interprocess import ProcessLock
from sync.lrs import Outcome, PostResult
from sync.outbox import Outbox, QueuedStatement

log = logging.getLogger(__name__)

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


class Poster(Protocol):
    """What the engine needs of an LRS client (sync.lrs.LrsClient; fakes in unit tests)."""

    @property
    def target(self) -> str:
        """The server and account posted to (`sync.lrs.target_of`): recorded with each
        delivery, so a probe goes only where its statement already is."""
        ...

    def post_statements(self, bodies: Sequence[bytes]) -> PostResult: ...


#: Gives the LRS client of a profile; None (or CredentialsError) when it has no usable account.
ClientFor = Callable[[str], Poster | None]


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
    refuses everything rather than them (see the module docstring); at least 2."""
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


@dataclass
class _ProfileRun:
    profile_id: str
    client: Poster | None = None
    delivered: int = 0
    refused: list[Refused] = field(default_factory=list)
    blocked: WaitReason | None = None
    stop: StopReason | None = None  # why, when blocked is "unexpected"
    detail: str = ""
    force: bool = False  # send the head even if its backoff has not elapsed (once)


def _same_answer(first: PostResult, second: PostResult) -> bool:
    return (first.status, first.answer) == (second.status, second.answer)


def _statements(refusals: list[tuple[QueuedStatement, PostResult]] | None) -> list[QueuedStatement]:
    return [statement for statement, _ in refusals or ()]


def _error_text(result: PostResult) -> str:
    if result.status is None:
        return result.answer or "no answer"
    return f"HTTP {result.status}: {result.answer}" if result.answer else f"HTTP {result.status}"


class SyncEngine:
    """Sends the outbox of every profile to its LRS. Use from one worker thread at a time.

    `outbox` must be on a connection of its own (`sync.outbox.connect(path,
    check_same_thread=False)`), never the UI's.
    """

    def __init__(
        self,
        outbox: Outbox,
        clients: ClientFor,
        *,
        options: EngineOptions | None = None,
        clock: Clock | None = None,
        reachability: Reachability | None = None,
        on_progress: Callable[[SyncProgress], None] | None = None,
        rng: random.Random | None = None,
        process_lock: ProcessLock | None = None,
    ) -> None:
        self.outbox = outbox
        self.clients = clients
        self.options = options or EngineOptions()
        self.clock = clock or SystemClock()
        self.reachability = reachability
        self.on_progress = on_progress
        self._rng = rng or random.Random()
        self._lock = threading.Lock()
        self._not_before: dict[str, float] = {}  # Retry-After, kept even by a forced run
        # Shared with the other processes of this installation (GUI and `cartable sync`).
        self.process_lock = process_lock

    @property
    def running(self) -> bool:
        return self._lock.locked()

    def run(
        self,
        profile_ids: Sequence[str] | None = None,
        cancel: threading.Event | None = None,
        *,
        force: bool = False,
        patience: float | None = None,
    ) -> SyncReport:
        """One sync run: send what is due, profile after profile; never raises for the network.

        `force` sends each profile's head at once even if its backoff has not elapsed (the
        network just came back, or the learner pressed "Sync now"); a server's Retry-After is
        still honoured. `patience` overrides `options.patience`.
        """
        started = self.clock.now()
        if not self._lock.acquire(blocking=False):
            return SyncReport("busy", started, started, detail="a sync is already running")
        if self.process_lock is not None and not self.process_lock.acquire():
            self._lock.release()
            return SyncReport(
                "busy", started, started, detail="another Cartable process is syncing"
            )
        try:
            return self._run(
                profile_ids,
                cancel or threading.Event(),
                force,
                self.options.patience if patience is None else patience,
                started,
            )
        finally:
            if self.process_lock is not None:
                self.process_lock.release()
            self._lock.release()

    # -- the run ------------------------------------------------------------------------------

    def _online(self) -> bool:
        return self.reachability is None or self.reachability.online

    def _run(
        self,
        profile_ids: Sequence[str] | None,
        cancel: threading.Event,
        force: bool,
        patience: float,
        started: float,
    ) -> SyncReport:
        ids = list(profile_ids) if profile_ids is not None else self.outbox.profiles_waiting()
        runs = {p: _ProfileRun(p, force=force) for p in ids}
        deadline = started + patience
        status: RunStatus = "done"
        detail = ""
        while True:
            if cancel.is_set():
                status = "cancelled"
                break
            if not self._online():
                status = "offline"
                break
            for run in runs.values():
                if run.blocked is None and not cancel.is_set() and self._online():
                    self._drain(run, cancel)
            due = [
                d for p, r in runs.items() if r.blocked is None and (d := self._due(p)) is not None
            ]
            if cancel.is_set() or not self._online():
                continue  # the checks above end the run with the right status
            if not due:
                break
            wake = min(due)
            if wake > deadline:
                break
            self.clock.wait(cancel, wake - self.clock.now())
        reports = tuple(self._report(r, status) for r in runs.values())
        stopped = [r for r in runs.values() if r.blocked == "unexpected"]
        if status == "done" and stopped:
            status, detail = "stopped", stopped[0].detail
        elif status == "done" and any(r.waiting for r in reports):
            status = "waiting"
        finished = self.clock.now()
        log.info(
            "sync run %s: %d delivered, %d waiting, %d refused",
            status,
            sum(r.delivered for r in reports),
            sum(r.waiting for r in reports),
            sum(len(r.refused) for r in reports),
        )
        return SyncReport(status, started, finished, reports, detail)

    def _due(self, profile_id: str) -> float | None:
        """When this profile's head may be sent (Retry-After included); None: nothing queued."""
        due = self.outbox.next_due(profile_id)
        if due is None:
            return None
        return max(due, self._not_before.get(profile_id, 0.0))

    def _drain(self, run: _ProfileRun, cancel: threading.Event) -> None:
        """Send this profile's due batches until none is due, or it must stop."""
        if run.client is None:
            try:
                run.client = self.clients(run.profile_id)
            except CredentialsError as error:
                run.blocked, run.detail = "no_account", str(error)
                return
            if run.client is None:
                run.blocked, run.detail = "no_account", "no LRS account is set for this profile"
                return
        while not cancel.is_set() and self._online():
            now = self.clock.now()
            if self._not_before.get(run.profile_id, 0.0) > now:
                return
            take_at = math.inf if run.force else now
            batch = self.outbox.take_batch(run.profile_id, self.options.batch_size, take_at)
            if not batch:
                return
            if not self._send(run, batch):
                return

    def _send(self, run: _ProfileRun, batch: list[QueuedStatement]) -> bool:
        """POST a batch, splitting it while refused; False when this profile must stop now."""
        assert run.client is not None
        parts = [batch]
        # Lone refusals held back while they may be the server refusing everything; None once
        # a delivery, a different answer or the probe (`_probe`) shows the refusals are the
        # statements' own. Held ones are never set aside without that proof: when the run
        # stops first, they wait.
        held: list[tuple[QueuedStatement, PostResult]] | None = []
        probing = False  # the batch's last statement is being sent alone to tell (see below)
        while parts:
            part = parts.pop()
            result = run.client.post_statements([s.body for s in part])
            ids = [s.id for s in part]
            outcome = result.outcome
            # A statement alone answered 409: "I hold that id" (ADL's LRS answers so, as xAPI
            # allows). Ids are made on the device and bodies are frozen, so it holds this very
            # statement, sent before and its answer lost: delivered, and proof the server
            # takes requests.
            held_already = outcome is Outcome.REFUSED and len(part) == 1 and result.status == 409
            if outcome is Outcome.DELIVERED or held_already:
                if held_already:
                    log.info("statement %s is already held by the LRS (HTTP 409)", part[0].id)
                self._quarantine(run, held)
                held = None
                self.outbox.mark_delivered(ids, self.clock.now(), to=run.client.target)
                run.delivered += len(part)
                self._progress("delivered", run, len(part))
            elif outcome is Outcome.REFUSED and len(part) > 1:
                middle = len(part) // 2
                parts.append(part[middle:])
                parts.append(part[:middle])  # popped first: creation order is kept
            elif outcome is Outcome.REFUSED:
                if held and not _same_answer(held[0][1], result):
                    self._quarantine(run, held)
                    held = None
                if held is None:
                    self._quarantine(run, [(part[0], result)])
                    continue
                held.append((part[0], result))
                if len(held) < self.options.systemic_refusals:
                    continue
                if not probing and parts:
                    # As many alike may also be as many bad statements at the head of the
                    # queue (an LRS gives one same answer for one same defect): the batch's
                    # last statement, sent alone out of turn, tells the two apart.
                    last = parts[0].pop()
                    if not parts[0]:
                        parts.pop(0)
                    parts.append([last])
                    probing = True
                    continue
                # As many alike, the last one too: the server refuses everything, or these
                # statements share one defect (a player bug). A statement it holds tells.
                detail = f"the LRS refuses every statement: {_error_text(result)}"
                if not self._probe(run, batch, held, detail):
                    return False
                held = None  # the server takes statements: the rest of the batch as usual
            elif outcome is Outcome.AUTH:
                # Nothing is marked: no retry is burnt on credentials the learner must fix.
                run.blocked, run.detail = "auth", _error_text(result)
                self._progress("auth", run, len(part), run.detail)
                return False
            elif outcome is Outcome.RETRY:
                self._retry(run, [*_statements(held), *part], result)
                return False
            else:  # UNEXPECTED: this profile's endpoint is wrong, not the others'
                self._stop_unexpected(
                    run,
                    [*_statements(held), *part],
                    result,
                    _error_text(result),
                    "unexpected_answer",
                )
                return False
        if held:
            # Every statement of a batch shorter than `systemic_refusals` refused alone, alike,
            # nothing delivered: a bad statement and a server refusing everything look the
            # same in the batch. A statement the server holds tells (see `_probe`).
            detail = (
                f"the LRS refused all {len(held)} statement(s) waiting, kept until it takes "
                f"another one or is fixed: {_error_text(held[-1][1])}"
            )
            return self._probe(run, batch, held, detail)
        return True

    def _probe(
        self,
        run: _ProfileRun,
        batch: list[QueuedStatement],
        held: list[tuple[QueuedStatement, PostResult]],
        detail: str,
    ) -> bool:
        """Every statement sent was refused alone, alike, nothing delivered: send again the
        profile's most recent statement delivered to this client's `target`, alone, to tell
        whose fault it is (queued statements follow the profile to a new account; what another
        server holds is never sent to this one as a probe).

        An LRS takes a statement it already holds (204: nothing written) or says it holds that
        id (409), and it does so only past the checks that would refuse everything (version
        header, credentials, size, JSON): taken, or refused with another answer than theirs,
        the refusals are the statements' own and they are set aside (True: the batch goes on).
        Refused alike, the server refuses everything: the profile stops and nothing is set
        aside; so it does when this profile never had a statement delivered to this server
        (nothing to send). The probe's row is never marked, whatever the answer; another
        answer (network, credentials, a web page) is handled as for any batch, on the
        refused statements. Sent once per batch refused this way, never on an ordinary run.
        """
        assert run.client is not None
        result = held[-1][1]  # the refusal they share
        probe = self.outbox.latest_delivered(run.profile_id, run.client.target)
        if probe is None:
            log.warning(
                "the LRS refused all %d statement(s) sent, none delivered to it before to "
                "compare: HTTP %s",
                len(held),
                result.status,
            )
            self._stop_unexpected(run, batch, result, detail, "refused_unconfirmed")
            return False
        answer = run.client.post_statements([probe.body])
        outcome = answer.outcome
        # Taken: stored again (204/200), or "I hold that id" (409: ADL's LRS answers a held id
        # so, as xAPI allows), or refused for another reason than the statements were: the
        # request got past what would refuse everything, so the refusals are their own.
        taken = outcome is Outcome.DELIVERED or (
            outcome is Outcome.REFUSED
            and (answer.status == 409 or not _same_answer(answer, result))
        )
        if taken:
            log.info(
                "the LRS takes statement %s it holds (HTTP %s) but refused %d alone: theirs"
                " (HTTP %s)",
                probe.id,
                answer.status,
                len(held),
                result.status,
            )
            self._quarantine(run, held)
            return True
        if outcome is Outcome.REFUSED:
            log.warning(
                "the LRS refuses every statement, even %s it holds: HTTP %s, then HTTP %s",
                probe.id,
                result.status,
                answer.status,
            )
            detail = (
                f"the LRS refuses every statement, even one it already holds: {_error_text(result)}"
            )
            self._stop_unexpected(run, batch, result, detail, "lrs_refuses_all")
        elif outcome is Outcome.AUTH:
            run.blocked, run.detail = "auth", _error_text(answer)
            self._progress("auth", run, len(held), run.detail)
        elif outcome is Outcome.RETRY:
            self._retry(run, _statements(held), answer)
        else:
            self._stop_unexpected(
                run, _statements(held), answer, _error_text(answer), "unexpected_answer"
            )
        return False

    def _stop_unexpected(
        self,
        run: _ProfileRun,
        part: list[QueuedStatement],
        result: PostResult,
        detail: str,
        stop: StopReason,
    ) -> None:
        """This profile stops, its statements waiting (with their backoff); the others go on."""
        self._retry(run, part, result)
        run.blocked, run.stop, run.detail = "unexpected", stop, detail
        self._progress("unexpected", run, len(part), detail)

    def _quarantine(
        self, run: _ProfileRun, refusals: list[tuple[QueuedStatement, PostResult]] | None
    ) -> None:
        """Keep statements the LRS refused alone as poison, with its answer."""
        for statement, result in refusals or ():
            answer = _error_text(result)
            self.outbox.mark_poison(statement.id, answer)
            run.refused.append(Refused(run.profile_id, statement.id, result.status, result.answer))
            log.warning("statement %s refused by the LRS: HTTP %s", statement.id, result.status)
            self._progress("poison", run, 1, answer)

    def _retry(self, run: _ProfileRun, part: list[QueuedStatement], result: PostResult) -> None:
        now = self.clock.now()
        delay = self._backoff(part[0].attempts)
        if result.retry_after is not None:
            # Honoured as given, but a "0" or a date already past must not make us hammer.
            floor = min(1.0, self.options.backoff_base)
            delay = max(floor, min(result.retry_after, self.options.retry_after_cap))
            self._not_before[run.profile_id] = now + delay
        error = _error_text(result)
        self.outbox.mark_retry([s.id for s in part], now + delay, error)
        run.force = False  # a forced run tries the head once, then respects the backoff
        run.detail = error
        self._progress("retry", run, len(part), error)

    def _backoff(self, attempts: int) -> float:
        options = self.options
        delay = min(options.backoff_cap, options.backoff_base * 2.0 ** min(attempts, 60))
        return delay * (1.0 - options.jitter * self._rng.random())

    def _progress(self, kind: ProgressKind, run: _ProfileRun, count: int, detail: str = "") -> None:
        if self.on_progress is not None:
            self.on_progress(SyncProgress(kind, run.profile_id, count, run.delivered, detail))

    def _report(self, run: _ProfileRun, status: RunStatus) -> ProfileReport:
        counts = self.outbox.counts(run.profile_id)
        reason: WaitReason | None = None
        detail = run.detail
        next_at: float | None = None
        if counts.queued:
            next_at = self._due(run.profile_id)
            if run.blocked is not None:
                reason = run.blocked
            elif status in ("offline", "cancelled"):
                reason = status
            else:
                reason = "retry"
                head = self.outbox.take_batch(run.profile_id, 1, math.inf)
                if head and head[0].last_error:
                    detail = head[0].last_error
        self._progress("idle", run, counts.queued, detail if reason else "")
        return ProfileReport(
            profile_id=run.profile_id,
            delivered=run.delivered,
            refused=tuple(run.refused),
            waiting=counts.queued,
            poison=counts.poison,
            reason=reason,
            detail=detail if reason is not None else "",
            next_attempt_at=next_at,
            stop=run.stop if reason == "unexpected" else None,
        )


class SyncScheduler:
    """Runs sync by itself, for a process without Qt (the `cartable sync` loop, benchmarks):

    at start; when the network comes back (`Reachability.generation` moves: the run is forced,
    backoffs of network failures are skipped); every `interval` seconds while online; when a
    retry comes due; and when `trigger()`ed (an exam was submitted, "Sync now"). Call `loop`
    on a thread of its own; `run(force)` is the sync step (`SyncEngine.run` or more) and
    `on_report` sees each report. A step that raises is logged and tried again after
    `error_delay` (or sooner, on a trigger or a network change): a lying server or a bug in one
    step must not end a process that is meant to sync for weeks.
    """

    def __init__(
        self,
        run: Callable[[bool], SyncReport],
        reachability: Reachability,
        *,
        interval: float = 900.0,
        on_report: Callable[[SyncReport], None] | None = None,
        clock: Clock | None = None,
        poll: float = 0.1,
        error_delay: float = 60.0,
    ) -> None:
        self.run = run
        self.reachability = reachability
        self.interval = interval
        self.on_report = on_report
        self.clock = clock or SystemClock()
        self.poll = poll
        self.error_delay = error_delay
        self._triggered = threading.Event()

    def trigger(self) -> None:
        """Sync as soon as possible (from any thread)."""
        self._triggered.set()

    def loop(self, cancel: threading.Event) -> None:
        generation = self.reachability.generation
        next_at = self.clock.now()
        force = True
        while not cancel.is_set():
            if self._triggered.is_set():
                self._triggered.clear()
                next_at, force = self.clock.now(), True
            if self.reachability.generation != generation:
                generation = self.reachability.generation
                next_at, force = self.clock.now(), True
            now = self.clock.now()
            if self.reachability.online and now >= next_at:
                try:
                    report = self.run(force)
                    if self.on_report is not None:
                        self.on_report(report)
                except Exception:
                    log.exception("sync step failed; trying again in %g s", self.error_delay)
                    force = False
                    next_at = self.clock.now() + min(self.interval, self.error_delay)
                    continue
                force = False
                now = self.clock.now()
                next_at = now + self.interval
                if report.next_attempt_at is not None:
                    next_at = min(next_at, max(report.next_attempt_at, now))
                continue
            timeout = self.poll if not self.reachability.online else min(self.poll, next_at - now)
            self.reachability.wait_change(generation, max(0.0, timeout))
