"""Drains the outbox to each profile's LRS: batches, backoff, poison handling (DESIGN "Sync rules").

Per profile, in creation order, batches of `batch_size` are POSTed and what the LRS answered is
written to the outbox before anything else happens, so the outbox is always the truth: a process
killed mid-batch sends that batch again on the next run, and the statement ids make the resend
idempotent (the LRS answers 204, or lists only the ids it did not hold). The answers:

- DELIVERED (204, or a 200 naming every id sent): the whole batch is marked delivered. A 200
  leaving ids out (an LRS lists only the ids new to it, so a resend partly held gets one; so
  does a first send from a lying proxy, "200 []", that stored nothing) marks nothing: the batch
  goes again at once, and an LRS holding it all answers 204; the same answer again is
  UNEXPECTED below. A 200 listing an id not sent answers another request: UNEXPECTED too.
- RETRY (no answer, timeout, 408, 429, 5xx): the batch keeps its place; it is due again after an
  exponential backoff with jitter, capped, or after the server's Retry-After, which holds every
  profile on that server (scheme, host, port), its grade reads too, in every process and even
  in a forced run: it is kept in the outbox (`Outbox.server_wait`). A batch that went and got
  no answer at all (cut mid-body, a read timeout) halves the batch size for its server, down to
  1: a link that drops every 20 s never carries a 68 KB body, a shorter one goes; 4 batches in a
  row then delivered whole double it back, up to `batch_size` (kept in memory, per engine). One
  that never went (`PostResult.sent_nothing`: refused, a TLS handshake failed) leaves it alone. A
  request that timed out (a server that hangs) or never went holds the other profiles on that
  server until the batch's next try, for this run only: they are not sent, rather than each
  costing its own timeout or connection attempt. The
  outbox's `take_batch` stops at the first statement not yet due, so nothing younger overtakes it. A
  retry time further ahead than the longest wait the engine sets was set before the wall clock
  went back: it is due at once (`_horizon`), never days on.
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

A server that takes a batch is up: the run's other profiles on that endpoint whose statements
wait for their own backoff are due at once and go in the same run (`_taken`, once a profile a
run). A profile with nothing to send whose account the LRS never took (`run`'s `check`, from
the caller: sync knows no accounts' history) sends one check instead (`Poster.check_account`,
an empty batch): its report says whether the LRS took the account (`ProfileReport.checked`,
`account_taken`), or why not, as for a batch (auth, unexpected, retry).

One run at a time per engine (`run` answers "busy" instead of starting twice); a
`threading.Event` cancels between two requests (a split's too), during waits, and during a
request (through sync.lookup's `stop_waiting_when`: sync/http.py's sessions give up looking the
name up, connecting or reading): a request ended so, or that failed once cancelled, is not an
attempt and writes nothing (no backoff, no error), so its batch waits as it was. Time and
reachability are injected (`Clock`, `sync.conditions.Reachability`), so tests drive them.
Progress is reported through a callback that never touches a UI. Nothing here imports `player`.

The run loop is here (`SyncEngine`, and `SyncScheduler` that runs it by itself); one batch and
what its answer does live in sync.engine_batch, the options and the clock in sync.engine_options,
the reports in sync.engine_reports. Their names are importable from here too (`__all__`): they
are the engine's interface.
"""

from __future__ import annotations

import logging
import math
import random
import threading
from collections.abc import Callable, Collection, Sequence

from sync.account_check import bring_forward, check_account, endpoint_of
from sync.conditions import Reachability
from sync.credentials import CredentialsError
from sync.engine_batch import BatchSender, LinkSize, Poster, ProfileRun, Stall
from sync.engine_options import Clock, EngineOptions, SystemClock
from sync.engine_reports import (
    ProfileReport,
    ProgressKind,
    Refused,
    RunStatus,
    StopReason,
    SyncProgress,
    SyncReport,
    WaitReason,
)
from sync.interprocess import ProcessLock
from sync.lookup import stop_waiting_when
from sync.lrs import server_of
from sync.outbox import Outbox

__all__ = [
    "ClientFor",
    "Clock",
    "EngineOptions",
    "Poster",
    "ProfileReport",
    "ProgressKind",
    "Refused",
    "RunStatus",
    "StopReason",
    "SyncEngine",
    "SyncProgress",
    "SyncReport",
    "SyncScheduler",
    "SystemClock",
    "WaitReason",
]

log = logging.getLogger(__name__)

#: Gives the LRS client of a profile; None (or CredentialsError) when it has no usable account.
ClientFor = Callable[[str], Poster | None]


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
        self._sizes: dict[str, LinkSize] = {}  # batch size per server after no answer
        self._stalled: dict[str, Stall] = {}  # this run's servers that gave no answer
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
        check: Collection[str] = (),
    ) -> SyncReport:
        """One sync run: send what is due, profile after profile; never raises for the network.

        `force` sends each profile's head at once even if its backoff has not elapsed (the
        network just came back, or the learner pressed "Sync now"); a server's Retry-After is
        still honoured. `patience` overrides `options.patience`. `check`: profiles whose
        account the LRS never took (of `profile_ids` when given); each that has nothing to send
        asks the LRS whether it takes the account (`Poster.check_account`, one small request),
        so that a wrong password or address is found before there is anything to send
        (`ProfileReport.checked`); one that sends a batch is answered by it.
        """
        started = self.clock.now()
        if not self._lock.acquire(blocking=False):
            return SyncReport("busy", started, started, detail="a sync is already running")
        if self.process_lock is not None and not self.process_lock.acquire():
            self._stalled = {}  # no request made: an earlier run's stall must not hold pulls
            self._lock.release()
            return SyncReport(
                "busy", started, started, detail="another Cartable process is syncing"
            )
        cancel = cancel or threading.Event()
        try:
            # A cancel (the application quits) also ends a request under way, whatever the
            # server or the name server does (sync/http_stop.py); nothing of it is recorded.
            with stop_waiting_when(cancel.is_set):
                return self._run(
                    profile_ids,
                    cancel,
                    force,
                    self.options.patience if patience is None else patience,
                    started,
                    check,
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
        check: Collection[str],
    ) -> SyncReport:
        ids = list(profile_ids) if profile_ids is not None else self.outbox.profiles_waiting()
        ids += [p for p in sorted(set(check) - set(ids)) if profile_ids is None]
        runs = {p: ProfileRun(p, force=force, check=p in check) for p in ids}
        self._stalled = {}
        sender = BatchSender(
            self.outbox,
            self.options,
            self.clock,
            self._rng,
            self._progress,
            cancel.is_set,
            self._sizes,
            self._stalled,
            lambda run: self._taken(runs.values(), run),
        )
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
                    self._drain(run, cancel, sender)
            if woken := [r for r in runs.values() if r.woken and r.blocked is None]:
                for run in woken:  # went before the one whose batch showed the server up
                    run.woken = False
                continue
            due = [
                d for r in runs.values() if r.blocked is None and (d := self._due(r)) is not None
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

    def _due(self, run: ProfileRun) -> float | None:
        """When this profile's head may be sent (Retry-After included); None: nothing queued."""
        due = self.outbox.next_due(run.profile_id)
        if due is None:
            return None
        now = self.clock.now()
        if due > now + self._horizon():
            due = now  # set before the wall clock went back (`_horizon`)
        stall = self._stalled.get(server_of(run.client.target)) if run.client else None
        return max(due, self._held_until(run, now), stall.until if stall else 0.0)

    def unanswered(self, server: str, profile_id: str | None = None) -> str:
        """The line for a request to `server` not sent because it gave no answer to another
        profile in the last run, while that holds (the grade reads after the run: not one
        timeout per profile either); to `profile_id`, when it made that request, its own
        line; "" when it answered or its wait is over."""
        stall = self._stalled.get(server)
        if stall is None or stall.until <= self.clock.now():
            return ""
        return (stall.own or stall.detail) if stall.asker == profile_id else stall.detail

    def _horizon(self) -> float:
        """The longest wait the engine ever sets (a backoff, a Retry-After, their floor): a
        retry time further ahead was set before the wall clock went back (NTP fixing a clock
        that was ahead, the date set by hand), and is due now rather than days or years on."""
        return max(self.options.backoff_cap, self.options.retry_after_cap, 1.0)

    def _held_until(self, run: ProfileRun, now: float) -> float:
        """Until when this profile's server asked us to wait (its Retry-After, kept in the
        outbox for every profile on it and every process; 0: none); one from before the wall
        clock went back (`_horizon`) is forgotten."""
        if run.client is None:
            return 0.0
        server = server_of(run.client.target)
        until = self.outbox.server_wait(server)
        if until > now + self._horizon():
            self.outbox.set_server_wait(server, 0.0)
            return 0.0
        return until

    def _client(self, run: ProfileRun) -> bool:
        """Give the profile its LRS client; False (and `blocked`) when it has no usable one."""
        if run.client is not None:
            return True
        try:
            run.client = self.clients(run.profile_id)
        except CredentialsError as error:
            run.blocked, run.detail = "no_account", str(error)
            return False
        if run.client is None:
            run.blocked, run.detail = "no_account", "no LRS account is set for this profile"
            return False
        return True

    def _taken(self, runs: Collection[ProfileRun], taker: ProfileRun) -> None:
        """A batch of `taker` was delivered: its server is up (`account_check.bring_forward`)."""
        bring_forward(self.outbox, self.clock.now(), runs, taker, self._client)

    def _check(self, run: ProfileRun, cancel: threading.Event) -> None:
        """Ask the LRS whether it takes this profile's account (`account_check.check_account`)."""
        check_account(
            run, cancel, self.outbox, self.clock, self.options, self._stalled, self._progress
        )

    def _drain(self, run: ProfileRun, cancel: threading.Event, sender: BatchSender) -> None:
        """Send this profile's due batches until none is due, or it must stop; with nothing
        queued, check its account when told to."""
        if not self._client(run):
            return
        assert run.client is not None
        server = server_of(run.client.target)
        while not cancel.is_set() and self._online():
            now = self.clock.now()
            if self._held_until(run, now) > now:
                return
            if held := self.unanswered(server):
                # A server that hangs cost a timeout per profile, one after the other (25
                # profiles on one host: 12.5 min): the others on it wait for its next try.
                run.detail = held  # a request_failure line: the GUI words it
                return
            head = self.outbox.next_due(run.profile_id)
            jumped = head is not None and head > now + self._horizon()  # see `_horizon`
            take_at = math.inf if run.force or jumped else now
            size = sender.batch_size(run)
            batch = self.outbox.take_batch(run.profile_id, size, take_at)
            if not batch:
                if run.check and not run.asked and not run.answered and head is None:
                    self._check(run, cancel)
                return
            delivered = run.delivered
            sent = sender.send(run, batch)
            if run.delivered > delivered or not run.brought:  # on its own backoff, or taken
                self.outbox.went_on_its_own(run.profile_id, endpoint_of(run.client.target))
            if not sent:
                return
            if len(batch) == size:  # a whole batch went: the link carries it
                sender.delivered_whole(run)

    def _progress(self, kind: ProgressKind, run: ProfileRun, count: int, detail: str = "") -> None:
        if self.on_progress is not None:
            self.on_progress(SyncProgress(kind, run.profile_id, count, run.delivered, detail))

    def _report(self, run: ProfileRun, status: RunStatus) -> ProfileReport:
        counts = self.outbox.counts(run.profile_id)
        reason: WaitReason | None = None
        detail = run.detail
        next_at: float | None = None
        server_wait: float | None = None
        # Nothing sent and its account to be confirmed: whether the LRS took it, else why not.
        checked = run.check and not counts.queued and not run.delivered
        if checked and not run.answered:
            if run.blocked is not None:
                reason = run.blocked
            elif status in ("offline", "cancelled"):
                reason = status
            else:  # no answer, busy, unavailable, or not asked (a server that asked to wait)
                reason = "retry"
                now = self.clock.now()
                if (held := self._held_until(run, now)) > now:
                    server_wait = held
        elif counts.queued:
            next_at = self._due(run)
            now = self.clock.now()
            if (held := self._held_until(run, now)) > now:
                server_wait = held
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
            server_wait=server_wait if reason == "retry" else None,
            checked=checked,
            account_taken=checked and run.answered,
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
