"""Sync in the GUI: `SyncController` runs it by itself and says its status; `SyncIndicator`
(player.ui.sync_indicator) shows that status in the status bar, the Sync panel in detail.

Wiring (the composition root, player/app.py, and the main window):

    controller = SyncController(context, store, tasks)        # after the store is opened
    indicator = SyncIndicator(controller, window.statusBar())
    window.statusBar().addPermanentWidget(indicator)
    indicator.panel_requested.connect(lambda: SyncPanel(controller, window).open_for(profile_id))
    controller.start()                                        # once the window is shown
    ... after an exam submission:  controller.exam_submitted()
    ... at quit, before tasks.wait_idle():  controller.stop()

When it syncs: at start, when the network comes back (QNetworkInformation where a backend loads,
else `sync.reachability`'s TCP probe on the task runner with growing delays), every
`settings.sync_interval_minutes` while online, when a retry comes due, after an exam submission
and on "Sync now". With `settings.unmetered_only` it waits on a metered network. A run already
going is never started twice: a request meanwhile runs once more after it. The network part runs
through the shell's task runner; grades pulled back are recorded on the main thread (the store's
thread), then `results_applied` lets the dashboard refresh. Quitting mid-batch loses nothing: the
outbox is the truth and the next run sends that batch again. A quit ends a request under way at
once, whatever the server or the name server does (`stop`).

What it shows follows the records between runs too: once started, the controller looks every
second whether the database changed (this connection's writes, another's commits) and says the
status again when it differs, so the status bar and the Sync panel give the same count.

Whose records it shows: a run sends every profile's records (each to its own account), but a
learner sees their own: the counts, the reason why records wait (and whether that is a "Sync
error") and the grades that could not be read are the profile in use's (the one the main window
has open, `use_profile`); on a shared laptop no profile reads another's records. With no profile
in use (the profile page: the first start, the PIN, the chooser), the device's counts, named
after no one, which the status bar does not show. A profile without an account says
so ("no_account"), never "Up to date": nothing of it was ever sent, nor can be. A profile
stopped on an unexpected answer says why in the learner's words (`SyncStatus.stop`), the
server's answer beside it for support. Grades that could not be read (`Pulled.error`) are kept
per profile for the Sync panel (`SyncStatus.grade_errors`) and never make the status an error:
the records reached the institution all the same.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from player.context import Context
from player.player_sync import Applied, PlayerSync, Pulled, PullRequest
from player.store import Store
from player.ui.network_source import NetworkSource, QtNetworkSource
from player.ui.sync_status import (
    ENGINE_NO_ACCOUNT,
    POLL_MS,
    Missing,
    StatusKind,
    SyncStatus,
    answered,
)
from player.ui.tasks import TaskRunner
from sync.conditions import Reachability
from sync.credentials import CredentialsError
from sync.engine import ProfileReport, StopReason, SyncProgress, SyncReport
from sync.lookup import stop_waiting_when
from sync.reachability import ReachabilityProbe, Target, targets_of

log = logging.getLogger(__name__)


class SyncController(QObject):
    """Decides when to sync and runs it through the task runner; never blocks the UI."""

    status_changed = Signal(object)  # SyncStatus
    report_ready = Signal(object)  # SyncReport, after each run
    credentials_needed = Signal(str)  # profile id whose LRS refused its credentials
    results_applied = Signal(list)  # [Applied]: grades recorded, refresh the dashboard
    progress = Signal(object)  # SyncProgress, on the main thread

    def __init__(
        self,
        context: Context,
        store: Store,
        tasks: TaskRunner,
        *,
        network: NetworkSource | None = None,
        sync: PlayerSync | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.store = store
        self.tasks = tasks
        self.reachability = Reachability(online=True)
        self.sync = sync or PlayerSync.open(
            context, store, reachability=self.reachability, on_progress=self._from_worker
        )
        if sync is not None:
            self.sync.engine.reachability = self.reachability
            self.sync.engine.on_progress = self._from_worker
        self.network = network
        self.probe: ReachabilityProbe | None = None
        self._cancel = threading.Event()
        self._busy = False
        self._again: bool | None = None  # a run asked for meanwhile (its `force`)
        self._stopped = False
        self._last_report: SyncReport | None = None
        self._error = ""  # the run failed (raised) or its grades could not be recorded
        self._grade_errors: dict[str, str] = {}  # profile id -> why its grades were not read
        self._offline_delays: Callable[[], float] | None = None
        self.interval_timer = QTimer(self)
        self.interval_timer.timeout.connect(lambda: self.request(force=False))
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(lambda: self.request(force=False))
        self.probe_timer = QTimer(self)
        self.probe_timer.setSingleShot(True)
        self.probe_timer.timeout.connect(self._probe)
        # Records written between runs (studying, `cartable sync` in another process) change
        # the counts: without this the status bar kept the count of the last run.
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self._seen: tuple[int, int] | None = None
        self._shown: SyncStatus | None = None
        # Never `settings.last_profile`: that one is named before its PIN is typed.
        self.profile_id: str | None = None
        self.progress.connect(self._on_progress)

    # -- starting and stopping ----------------------------------------------------------------

    def start(self) -> None:
        """Watch the network, start the periodic timer, sync once now."""
        if self.network is None:
            self.network = QtNetworkSource.load()
        if self.network is not None:
            self.network.watch(self._network_changed)
            self.reachability.set_online(self.network.is_online())
        else:
            accounts = self.sync.credentials

            def targets() -> list[Target]:  # every profile's LRS: online if any answers
                return targets_of(a.endpoint for a in accounts.accounts())

            self.probe = ReachabilityProbe(self.reachability, targets)
        minutes = max(1, self.context.settings.sync_interval_minutes)
        self.interval_timer.start(minutes * 60_000)
        self.poll_timer.start()
        self.request(force=True)

    def stop(self) -> None:
        """At quit: a run in progress stops at once, its request under way too (whatever the
        server does); the outbox keeps the rest. What it reports afterwards is not shown."""
        self._stopped = True
        self._cancel.set()
        for timer in (self.interval_timer, self.retry_timer, self.probe_timer, self.poll_timer):
            timer.stop()

    def close(self) -> None:
        """After the task runner is idle (or gave up waiting): release the engine's database
        connection; a run still going keeps it until it ends (PlayerSync.close)."""
        self.stop()
        self.sync.close()

    # -- triggers -----------------------------------------------------------------------------

    def sync_now(self) -> None:
        """The learner pressed "Sync now": skip the backoff of network failures."""
        self.request(force=True)

    def exam_submitted(self) -> None:
        self.request(force=True)

    def account_changed(self, profile_id: str) -> None:
        """New credentials were saved: try that profile again at once."""
        self.request(force=True)

    def _network_changed(self) -> None:
        if self.network is None:
            return
        was = self.reachability.online
        self.reachability.set_online(self.network.is_online())
        if self.reachability.online and not was:
            self.request(force=True)
        else:
            self._emit_status()

    # -- running ------------------------------------------------------------------------------

    def _blocked_by_metering(self) -> bool:
        return bool(
            self.context.settings.unmetered_only
            and self.network is not None
            and self.network.is_metered()
        )

    def request(self, force: bool) -> None:
        """Sync as soon as possible; if one is running, once more after it."""
        if self._stopped:
            return
        if self._busy:
            self._again = bool(self._again) or force
            return
        if self._blocked_by_metering():
            self._emit_status()
            return
        if not self.reachability.online:
            self._emit_status()
            self._schedule_probe()
            return
        self._busy = True
        self._emit_status()
        requests = self.sync.pull_requests(self.store)  # the store's thread
        self.tasks.run_task(lambda: self._work(force, requests), self._done, self._failed)

    def _work(self, force: bool, requests: list[PullRequest]) -> tuple[SyncReport, list[Pulled]]:
        """On a worker thread: push, then read the grades (not for profiles needing a login)."""
        # At quit, a request under way gives up at once, whatever the server or the name
        # server does (sync/http_stop.py): the batch stays queued as it was.
        with stop_waiting_when(self._cancel.is_set):
            report = self.sync.push(cancel=self._cancel, force=force)
            blocked = set(report.needs_credentials)
            wanted = [r for r in requests if r.profile_id not in blocked]
            cancelled = report.status in ("offline", "cancelled") or self._cancel.is_set()
            pulled = self.sync.pull(wanted) if not cancelled else []
        return report, pulled

    def _done(self, outcome: tuple[SyncReport, list[Pulled]]) -> None:
        if self._stopped:  # quitting: the store may be closed already; the outbox says it all
            return
        report, pulled = outcome
        self._busy = False
        self._last_report = report
        self._error = ""  # a stopped profile is said from the report (see `status`)
        if report.status not in ("offline", "cancelled"):  # grades were read (or none waited)
            self._grade_errors = {p.profile_id: p.error for p in pulled if p.error}
        applied: list[Applied] = []
        try:
            applied = self.sync.apply(self.store, pulled)
        except Exception as error:  # a grade that cannot be recorded must not stop syncing
            log.exception("recording exam results failed")
            self._error = str(error)
        if not self._error:
            self.sync.note_success(self.store, report)  # each profile the run took all of
        if report.status == "done":
            self._offline_delays = None  # the next outage is probed from the shortest delay
        for profile_id in report.needs_credentials:
            self.credentials_needed.emit(profile_id)
        self.report_ready.emit(report)
        if applied:
            self.results_applied.emit(applied)
            self._again = bool(self._again)  # send the `satisfied` statements they made
        if report.status in ("offline",) or any(
            p.reason == "retry" and p.detail and not p.detail.startswith("HTTP")
            for p in report.profiles
        ):
            self._schedule_probe()
        self._schedule_retry(report)
        self._emit_status()
        self._run_again()

    def _failed(self, error: BaseException) -> None:
        if self._stopped:  # logged, not shown: the store may be closed already
            log.warning("sync failed while quitting: %s: %s", type(error).__name__, error)
            return
        self._busy = False
        self._error = f"{type(error).__name__}: {error}"
        log.error("sync failed: %s", self._error)
        self._emit_status()
        self._run_again()

    def _run_again(self) -> None:
        again, self._again = self._again, None
        if again is not None and not self._stopped:
            self.request(force=again)

    def _schedule_retry(self, report: SyncReport) -> None:
        due = report.next_attempt_at
        if due is None:
            return
        delay_ms = max(0, int((due - time.time()) * 1000)) + 50
        if not self.retry_timer.isActive() or self.retry_timer.remainingTime() > delay_ms:
            self.retry_timer.start(min(delay_ms, 2**31 - 1))

    # -- the probe (no QNetworkInformation) ---------------------------------------------------

    def _schedule_probe(self) -> None:
        if self.probe is None or self.probe_timer.isActive() or self._stopped:
            return
        if self._offline_delays is None:
            self._offline_delays = self.probe.delays()
        self.probe_timer.start(int(self._offline_delays() * 1000))

    def _probe(self) -> None:
        probe = self.probe
        if probe is None:
            return
        was_online = self.reachability.online  # before the check sets it
        cancel = self._cancel  # at quit: stop waiting for a dead host, record nothing
        self.tasks.run_task(
            lambda: probe.check(cancel),
            lambda online: self._probed(online, was_online),
            lambda _e: self._schedule_probe(),
        )

    def _probed(self, online: bool, was_online: bool) -> None:
        """Only a real offline -> online change skips the backoff. A host that accepts TCP while
        the device was online anyway is a server failing at the HTTP level: forcing would POST
        again at every probe (5 s); its backoff stands, and the probes keep growing apart."""
        if online and not was_online:
            self._offline_delays = None
            self.request(force=True)
        elif online:
            self.request(force=False)
        else:
            self._emit_status()
            self._schedule_probe()

    # -- status -------------------------------------------------------------------------------

    def _from_worker(self, step: SyncProgress) -> None:
        self.progress.emit(step)  # queued to the main thread

    def _on_progress(self, step: SyncProgress) -> None:
        if step.kind in ("delivered", "poison"):
            self._emit_status()

    def poll(self) -> None:
        """Emit the status again when the records changed since last looked and it differs."""
        conn = self.store.conn
        try:  # this connection's writes, and any other connection's commits
            seen = (conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0]))
        except sqlite3.Error:
            return
        if seen == self._seen:
            return
        self._seen = seen
        status = self.status()
        if status != self._shown:
            self._shown = status
            self.status_changed.emit(status)

    def has_account(self, profile_id: str | None) -> bool:
        """Whether this profile (None: any profile) has an account to send its records to; an
        unreadable list of accounts is broken, not absent (its error is shown elsewhere)."""
        credentials = self.sync.credentials
        try:
            if profile_id is None:
                return bool(credentials.accounts())
            return credentials.get(profile_id) is not None
        except CredentialsError:
            return True

    def grade_error(self, profile_id: str) -> str:
        """Why the last sync that read grades could not read this profile's ("" if it could)."""
        return self._grade_errors.get(profile_id, "")

    def refresh_status(self) -> None:
        """Count again now and tell every view (the panel opening: both say the same)."""
        self._emit_status()

    def use_profile(self, profile_id: str | None) -> None:
        """The main window opened this profile (None: it shows the profile page): its status
        at once, not the previous learner's until the next record changes the counts."""
        if profile_id != self.profile_id:
            self.profile_id = profile_id
            self._emit_status()

    def current_profile(self) -> str | None:
        """The profile in use: the one the main window has open (`use_profile`)."""
        return self.profile_id

    def _shown_profile(self, profile_id: str | None) -> ProfileReport | None:
        """The profile whose reason for waiting the status gives: that profile's when its
        records wait for a reason (another learner's reason is not theirs to read); with no
        profile in use, the first one that has one. Only a profile whose records still wait
        (another process may have sent them since the run), or whose account the run could
        not confirm, having nothing to send (`ProfileReport.checked`: its password refused,
        its server unreachable)."""
        report = self._last_report
        if report is None:
            return None
        outbox = self.store.outbox
        reasons = [
            p
            for p in report.profiles
            if p.reason
            and p.detail
            and (profile_id is None or p.profile_id == profile_id)
            and (outbox.counts(p.profile_id).queued or (p.checked and not p.answered))
        ]
        return (reasons or [None])[0]

    def account_refused(self, profile_id: str) -> bool:
        """`status_of(profile_id).account_refused` without the rest of the status: an exam page
        asks it at each redraw and each grade poll (every 5 s), where the whole status reads
        every profile, the counts, the dates file and the keyring. Only a refusal found in the
        last run reads whether the profile still has an account (else the status says none)."""
        if self._error:
            detail, stop = self._error, None
        else:
            shown = self._shown_profile(profile_id)
            if shown is None:
                return False
            detail, stop = shown.detail, shown.stop
        if stop is not None or answered(detail) != "account_refused":
            return False
        known = any(p.id == profile_id for p in self.store.profiles.all())
        return known and self.has_account(profile_id)

    def status(self) -> SyncStatus:
        """The status of the profile in use (see `status_of`): what the status bar shows."""
        return self.status_of(self.current_profile())

    def status_of(self, profile_id: str | None) -> SyncStatus:
        """What a learner sees of sync: their own records (counts, why they wait, grades not
        read), never another learner's. With no profile (or one removed since), the device's
        counts, named after no one. The run is still every profile's (docs/sync.md)."""
        profiles = self.store.profiles.all()
        names = {p.id: p.name for p in profiles}
        if profile_id not in names:
            profile_id = None
        counts = self.store.outbox.counts(profile_id)  # the store's connection: main thread
        last = self.sync.last_success(profile_id)
        shown = self._shown_profile(profile_id)
        if profiles and not self.has_account(profile_id):
            # Nothing of it was ever sent, nor can be: not "up to date", nor "syncing" while
            # others' records go, nor "offline" (the network would change nothing).
            kind: StatusKind = "no_account"
        elif self._busy:
            kind = "syncing"
        elif self._error:
            kind = "error"
        elif self._blocked_by_metering():
            kind = "metered"
        elif not self.reachability.online:
            kind = "offline"
        elif counts.queued:
            # Stopped (a server's answer no LRS gives, credentials refused): the learner or
            # the institution must act, syncing again will not do.
            stopped = shown is not None and shown.reason in ("auth", "unexpected")
            kind = "error" if stopped else "waiting"
        elif shown is not None and shown.reason in ("auth", "unexpected"):
            # Nothing to send, and the account's check was refused: before refused records,
            # which "N refused" said while the new password was refused (review r5 #7).
            kind = "error"
        elif counts.poison:
            kind = "refused"
        elif shown is not None:  # nothing to send, and the account's check got no answer
            kind = "unconfirmed"
        elif profile_id is not None and not self.sync.confirmed(profile_id):
            # Never "Up to date" before the server took the account: a wrong password or
            # address said so for weeks, until there was something to send (f5 #1).
            kind = "unconfirmed"
        else:
            kind = "up_to_date"
        detail = self._error
        missing: Missing = None
        stop: StopReason | None = None
        stopped_waiting = 0
        next_at: float | None = None  # when the records `detail` is about go again
        if kind == "no_account":
            detail, missing = ENGINE_NO_ACCOUNT, "account"
        elif not detail and shown is not None:
            detail, missing, stop = shown.detail, self._missing(shown), shown.stop
            next_at = shown.next_attempt_at
            if stop is not None:
                stopped_waiting = self.store.outbox.counts(shown.profile_id).queued
        grade_error = self._grade_errors.get(profile_id, "") if profile_id else ""
        grade_errors = ((names[profile_id], grade_error),) if profile_id and grade_error else ()
        return SyncStatus(
            kind,
            counts.queued,
            counts.poison,
            last,
            detail,
            missing,
            stop,
            stopped_waiting,
            grade_errors,
            profile_id,
            next_attempt_at=next_at,
        )

    def _missing(self, report: ProfileReport) -> Missing:
        """What the engine's "no LRS account" of this profile means: no account, or an account
        whose password is gone (the keyring lost it). A credentials error is its own text."""
        if report.reason != "no_account" or report.detail != ENGINE_NO_ACCOUNT:
            return None
        try:
            account = self.sync.credentials.get(report.profile_id)
        except CredentialsError:
            return None
        return "account" if account is None else "password"

    def _emit_status(self) -> None:
        status = self.status()
        self._shown = status
        self.status_changed.emit(status)
