"""Sync in the GUI: `SyncController` runs it by itself, `SyncIndicator` shows it in the status bar.

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
outbox is the truth and the next run sends that batch again.

What it shows follows the records between runs too: once started, the controller looks every
second whether the database changed (this connection's writes, another's commits) and says the
status again when it differs, so the status bar and the Sync panel give the same count. Before a
profile exists the indicator is hidden.

Whose records it shows: a run sends every profile's records (each to its own account), but a
learner sees their own: the counts, the reason why records wait (and whether that is a "Sync
error") and the grades that could not be read are the profile in use's (the profile last
opened, `settings.last_profile`); on a shared laptop no profile reads another's records. With
no profile in use, the device's counts, named after no one. A profile without an account says
so ("no_account"), never "Up to date": nothing of it was ever sent, nor can be. A profile
stopped on an unexpected answer says why in the learner's words (`SyncStatus.stop`), the
server's answer beside it for support. Grades that could not be read (`Pulled.error`) are kept
per profile for the Sync panel (`SyncStatus.grade_errors`) and never make the status an error:
the records reached the institution all the same.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QToolButton, QWidget

from player.context import Context
from player.player_sync import Applied, PlayerSync, Pulled, PullRequest, run_succeeded
from player.store import Store
from player.ui.button import click_on_enter
from player.ui.tasks import TaskRunner
from sync.conditions import Reachability
from sync.credentials import CredentialsError
from sync.engine import ProfileReport, StopReason, SyncProgress, SyncReport
from sync.reachability import ReachabilityProbe, Target, targets_of

log = logging.getLogger(__name__)

# "refused": nothing waits, but the LRS refused statements (kept as poison): not "up to date",
# those records never reached the institution. "no_account": the profile in use has no account,
# so nothing of it was ever sent nor can be: never "up to date".
StatusKind = Literal[
    "up_to_date", "waiting", "refused", "offline", "metered", "syncing", "error", "no_account"
]
#: A profile the engine had no client for: no account at all, or one without its password.
Missing = Literal["account", "password"] | None

#: The engine's words (English, never shown as is) for a profile it has no client for.
ENGINE_NO_ACCOUNT = "no LRS account is set for this profile"
#: How often the controller looks whether the records changed (the learner studying, another
#: process syncing) to keep the indicator's count true between runs: a counter and a pragma.
POLL_MS = 1000


#: What a raw exception of the HTTP client (requests, urllib3) in an engine's error means, by
#: its class name: an address nothing can be sent to (the account form refuses one now, but an
#: account saved before, or set with `cartable account set`, may hold one), or no answer.
Unanswered = Literal["bad_address", "no_answer"]
_UNANSWERED: dict[str, Unanswered] = {
    **dict.fromkeys(
        (
            "InvalidURL",
            "MissingSchema",
            "InvalidSchema",
            "LocationParseError",
            "LocationValueError",
            "URLRequired",
        ),
        "bad_address",
    ),
    **dict.fromkeys(
        (
            "ConnectionError",
            "ConnectTimeout",
            "ReadTimeout",
            "Timeout",
            "SSLError",
            "ProxyError",
            "ChunkedEncodingError",
            "ContentDecodingError",
            "TooManyRedirects",
            "RetryError",
        ),
        "no_answer",
    ),
}
# A send's "InvalidURL: Failed to parse: …" (sync.lrs._error_text), or a grade read's
# "GET https://…/statements: no answer (retry): InvalidURL: …" (sync.lrs.LrsError).
_EXCEPTION = re.compile(r"^(?:GET .*?: no answer \([\w ]+\): )?(\w+): ")


def unanswered(error: str) -> Unanswered | None:
    """Whether an engine's error is a raw exception of the HTTP client, and which kind: the
    learner is told it in their words (`unanswered_text`), never the exception's text. None
    for a server's answer ("HTTP 403: …") or any other text."""
    match = _EXCEPTION.match(error)
    return _UNANSWERED.get(match.group(1)) if match else None


def unanswered_text(kind: Unanswered) -> str:
    """`unanswered`'s kind in the learner's words, with what to do."""
    if kind == "bad_address":
        return QCoreApplication.translate(
            "SyncStatus",
            "The institution's server address of this profile is not a valid web address: "
            "correct it in the account form of the Sync panel. Your records are kept on this "
            "device.",
        )
    return QCoreApplication.translate(
        "SyncStatus",
        "The institution's server could not be reached: the network or the server may be "
        "down. Your records are kept on this device and will be sent again.",
    )


@dataclass(frozen=True)
class SyncStatus:
    """What the indicator shows."""

    kind: StatusKind
    waiting: int  # statements queued: the profile's the status is about (all when None)
    refused: int  # statements quarantined: the same profile's (all when None)
    last_success: float | None
    detail: str = ""  # the error behind "error" / "waiting", as the engine or server said it
    has_profile: bool = True  # False on the first start, before anyone made a profile
    missing: Missing = None  # what `detail` means when it is the engine's "no LRS account"
    stop: StopReason | None = None  # why the profile `detail` is about stopped (engine's code)
    stopped_waiting: int = 0  # that profile's records waiting (for "refused_unconfirmed")
    #: (profile name, the error) when its grades could not be read last time: the profile's
    #: the status is about, never another's (none when the status is about no profile).
    grade_errors: tuple[tuple[str, str], ...] = ()
    #: Whose records this is about: the profile in use (None: no profile is, every profile's).
    profile_id: str | None = None

    def detail_text(self) -> str:
        """`detail` for the learner, in the interface's language of the moment: the engine's
        words about a missing account (English, jargon) and why a profile stopped become a
        sentence of the interface; any other answer of a server stays as it is (support reads
        it). See `server_answer_text` for the answer behind a stop."""
        if self.stop is not None:
            return StopReasonText().text(self.stop, self.stopped_waiting)
        if self.missing == "account":
            return QCoreApplication.translate(
                "SyncStatus", "No account to send your learning records to is set for this profile."
            )
        if self.missing == "password":
            return QCoreApplication.translate(
                "SyncStatus", "The password of this profile's account is missing: type it again."
            )
        if kind := unanswered(self.detail):
            return unanswered_text(kind)
        return self.detail

    def raw_detail(self) -> str:
        """The engine's own text behind a `detail_text` that words a raw exception (English,
        for support: the panel's tooltip and copy); "" otherwise."""
        return self.detail if self.stop is None and unanswered(self.detail) else ""

    def server_answer_text(self) -> str:
        """The server's own answer behind a stop worded by `detail_text` (English, for
        support), as a line of the interface; "" when `detail_text` is that answer already."""
        if self.stop is None or not self.detail:
            return ""
        return QCoreApplication.translate("SyncStatus", "Server's answer: %1").replace(
            "%1", self.detail
        )


class StopReasonText(QObject):
    """Why a profile stopped (`sync.engine.StopReason`), in the learner's words: what happened,
    that nothing is lost, what to do. A QObject for its `tr`: lupdate gives a `%n` its plural
    forms only there, not in QCoreApplication.translate (context "StopReasonText")."""

    def text(self, stop: StopReason, waiting: int) -> str:
        """`waiting`: the stopped profile's records waiting."""
        if stop == "lrs_refuses_all":
            return self.tr(
                "The institution's server refuses everything sent to it, even records it accepted "
                "before: its settings or a network proxy are at fault, not your work. Your "
                "records are kept on this device; please tell your institution."
            )
        if stop == "refused_unconfirmed":
            return self.tr(
                "The institution's server refused the %n records waiting. They are kept on this "
                "device and will be sent again; if this goes on, tell your institution.",
                "",
                waiting,
            )
        return self.tr(  # "unexpected_answer"
            "The institution's server address did not answer like a server of learning records: "
            "the address may be wrong, or a Wi-Fi network may want you to log in first in a "
            "web browser. Your records are kept on this device."
        )


class NetworkSource(Protocol):
    """Where the controller learns about the network (tests pass their own)."""

    def is_online(self) -> bool: ...

    def is_metered(self) -> bool: ...

    def watch(self, changed: Callable[[], None]) -> None: ...


class QtNetworkSource:
    """QNetworkInformation, when a backend loads (glib, networkmanager, Windows, macOS...)."""

    def __init__(self, info: object) -> None:
        self.info = info

    @classmethod
    def load(cls) -> QtNetworkSource | None:
        from PySide6.QtNetwork import QNetworkInformation

        try:
            loaded = QNetworkInformation.loadDefaultBackend()
        except RuntimeError:
            return None
        info = QNetworkInformation.instance() if loaded else None
        if info is None or not info.supports(QNetworkInformation.Feature.Reachability):
            return None
        return cls(info)

    def is_online(self) -> bool:
        from PySide6.QtNetwork import QNetworkInformation

        value = self.info.reachability()  # type: ignore[attr-defined]
        return value in (
            QNetworkInformation.Reachability.Online,
            QNetworkInformation.Reachability.Site,
            QNetworkInformation.Reachability.Unknown,  # unknown: try, the engine copes
        )

    def is_metered(self) -> bool:
        return bool(self.info.isMetered())  # type: ignore[attr-defined]

    def watch(self, changed: Callable[[], None]) -> None:
        self.info.reachabilityChanged.connect(lambda *_: changed())  # type: ignore[attr-defined]
        self.info.isMeteredChanged.connect(lambda *_: changed())  # type: ignore[attr-defined]


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
        """At quit: a run in progress stops at its next request; the outbox keeps the rest."""
        self._stopped = True
        self._cancel.set()
        for timer in (self.interval_timer, self.retry_timer, self.probe_timer, self.poll_timer):
            timer.stop()

    def close(self) -> None:
        """After the task runner is idle: release the engine's database connection."""
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
        report = self.sync.push(cancel=self._cancel, force=force)
        blocked = set(report.needs_credentials)
        wanted = [r for r in requests if r.profile_id not in blocked]
        pulled = self.sync.pull(wanted) if report.status not in ("offline", "cancelled") else []
        return report, pulled

    def _done(self, outcome: tuple[SyncReport, list[Pulled]]) -> None:
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
        if run_succeeded(report) and not self._error:
            self.sync.note_success(report.finished_at)
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

    def current_profile(self) -> str | None:
        """The profile in use: the one last opened (the main window records it in the
        settings when it opens one, and forgets it when that profile is removed)."""
        return self.context.settings.last_profile

    def _shown_profile(self, profile_id: str | None) -> ProfileReport | None:
        """The profile whose reason for waiting the status gives: that profile's when its
        records wait for a reason (another learner's reason is not theirs to read); with no
        profile in use, the first one that has one. Only a profile whose records still wait
        (another process may have sent them since the run)."""
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
            and outbox.counts(p.profile_id).queued
        ]
        return (reasons or [None])[0]

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
        last = self.sync.last_success()
        shown = self._shown_profile(profile_id) if counts.queued else None
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
        elif counts.poison:
            kind = "refused"
        else:
            kind = "up_to_date"
        detail = self._error
        missing: Missing = None
        stop: StopReason | None = None
        stopped_waiting = 0
        if kind == "no_account":
            detail, missing = ENGINE_NO_ACCOUNT, "account"
        elif not detail and shown is not None:
            detail, missing, stop = shown.detail, self._missing(shown), shown.stop
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
            bool(profiles),
            missing,
            stop,
            stopped_waiting,
            grade_errors,
            profile_id,
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


class SyncIndicator(QToolButton):
    """The status-bar button: up to date / N waiting / N refused / offline / error / not
    connected to an account; click (or Enter, Space) for the panel. Hidden until a profile
    exists: nothing is recorded before."""

    panel_requested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setAutoRaise(True)
        self.clicked.connect(self.panel_requested)
        controller.status_changed.connect(self.show_status)
        self.show_status(controller.status())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter opens the panel like a click (Space does already, as on any button)."""
        if not click_on_enter(self, event):
            super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """The interface language changed: say the status again in it (the controller's
        next one is made in it too)."""
        if event.type() == QEvent.Type.LanguageChange:
            self.show_status(self.status)
        super().changeEvent(event)

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        if not status.has_profile:  # the first start: "Up to date" would mean nothing yet
            self.hide()
        elif self.isHidden() and self.parentWidget() is not None:
            self.show()
        texts: dict[StatusKind, str] = {
            "no_account": (
                self.tr("%n records kept on this computer", "", status.waiting)
                if status.waiting
                else self.tr("Not connected to an account")
            ),
            "up_to_date": self.tr("Up to date"),
            "waiting": self.tr("%n waiting", "", status.waiting),
            "refused": self.tr("%n refused", "", status.refused),
            "offline": self.tr("Offline"),
            "metered": self.tr("Waiting for an unmetered network"),
            "syncing": self.tr("Syncing…"),
            "error": self.tr("Sync error"),
        }
        self.setText(texts[status.kind])
        tips = []
        if status.kind != "no_account":  # the text says it: nothing of theirs can be sent
            tips.append(self.tr("Learning records waiting to be sent: %n", "", status.waiting))
        if status.refused:
            tips.append(self.tr("Refused by the server: %n", "", status.refused))
        if status.detail:
            tips.append(status.detail_text())
            if answer := status.server_answer_text():
                tips.append(answer)
        if status.kind == "no_account":
            tips.append(self.tr("Click to add the account your institution gave you."))
        else:
            tips.append(self.tr("Click for details and \u201cSync now\u201d."))
        self.setToolTip("\n".join(tips))
        self.setAccessibleName(self.tr("Sync status: %1").replace("%1", texts[status.kind]))
