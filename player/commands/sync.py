"""`cartable sync [--once] [--profile P]`, and `PlayerSync`: the sync engine wired to this
installation, shared by the command and the GUI's sync controller.

`PlayerSync` joins what `sync` may not import: the records store (which profiles, which exam
attempts wait for a grade, where a grade is recorded), the library (the course a grade belongs
to) and the paths (credentials, the results watermark). Its steps are split by thread:

    push(...)            network + the engine's own outbox connection: any worker thread
    pull_requests(...)   reads the store: the store's thread
    pull(requests)       network only: any worker thread
    apply(pulled)        writes the store, then moves the watermark: the store's thread

The command runs them in turn on one thread; the GUI runs push/pull through its task runner.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import requests

from player import __version__
from player.commands import CommandError
from player.context import Context, open_context
from player.store import Store, StoreError
from player.store.assessments import ExamAttempt
from player.store.profiles import Profile
from player.store.statements import device_actor
from sync.conditions import Reachability
from sync.credentials import CredentialsError, CredentialStore
from sync.durable import write_atomic
from sync.engine import EngineOptions, SyncEngine, SyncProgress, SyncReport, SyncScheduler
from sync.http import Timeouts, make_session
from sync.interprocess import ProcessLock
from sync.lrs import LrsClient, LrsError
from sync.outbox import Outbox, connect
from sync.reachability import ReachabilityProbe, target_of
from sync.results import ExamResult, PullReport, ResultsState, pull_results

#: Exit code of `cartable sync --once` when statements still wait (network, credentials...).
EXIT_WAITING = 3
RESULTS_FILE = "sync-results.json"
STATUS_FILE = "sync-status.json"


@dataclass(frozen=True)
class PullRequest:
    """What to ask the LRS for one profile: its agents and its exam attempts awaiting a grade."""

    profile_id: str
    agents: tuple[dict[str, Any], ...]
    registrations: tuple[str, ...]
    since: str | None


@dataclass(frozen=True)
class Pulled:
    profile_id: str
    report: PullReport | None
    error: str = ""


@dataclass(frozen=True)
class Applied:
    """A grade recorded: the attempt as it is now."""

    profile_id: str
    attempt: ExamAttempt
    result: ExamResult


@dataclass
class PlayerSync:
    context: Context
    credentials: CredentialStore
    results_state: ResultsState
    engine: SyncEngine
    outbox: Outbox  # the engine's own connection
    timeouts: Timeouts
    _sessions: dict[str, requests.Session] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(
        cls,
        context: Context,
        store: Store,
        *,
        options: EngineOptions | None = None,
        reachability: Reachability | None = None,
        on_progress: Callable[[SyncProgress], None] | None = None,
        timeouts: Timeouts | None = None,
    ) -> PlayerSync:
        credentials = CredentialStore(context.paths.secrets)
        outbox = Outbox(connect(store.path, check_same_thread=False))
        state = ResultsState(context.paths.data / RESULTS_FILE)
        holder: dict[str, PlayerSync] = {}
        engine = SyncEngine(
            outbox,
            lambda profile_id: holder["self"].client_for(profile_id),
            options=options,
            reachability=reachability,
            on_progress=on_progress,
            process_lock=ProcessLock(context.paths.data / "sync.lock"),
        )
        made = cls(context, credentials, state, engine, outbox, timeouts or Timeouts())
        holder["self"] = made
        return made

    def close(self) -> None:
        with self._lock:
            for session in self._sessions.values():
                session.close()
            self._sessions.clear()
        self.outbox.conn.close()

    def client_for(self, profile_id: str) -> LrsClient | None:
        """The LRS client of a profile (None without an account); CredentialsError if broken.

        Read from the credentials each time, so an account set meanwhile is used at once; the
        HTTP session (its connection pool) is kept per profile.
        """
        account = self.credentials.get(profile_id)
        auth = self.credentials.auth_of(account) if account else None
        if account is None or auth is None:
            return None
        with self._lock:
            session = self._sessions.get(profile_id)
            if session is None:
                session = make_session(__version__, timeouts=self.timeouts)
                self._sessions[profile_id] = session
        try:
            return LrsClient(account.endpoint, auth, session)
        except ValueError as error:
            raise CredentialsError(str(error)) from None

    # -- the last sync that left nothing waiting (shown to the learner) -----------------------

    def last_success(self) -> float | None:
        try:
            value = json.loads((self.context.paths.data / STATUS_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        moment = value.get("last_success") if isinstance(value, dict) else None
        return float(moment) if isinstance(moment, int | float) else None

    def note_success(self, moment: float) -> None:
        with contextlib.suppress(OSError):  # only a display: never fail a sync for it
            write_atomic(
                self.context.paths.data / STATUS_FILE, json.dumps({"last_success": moment})
            )

    # -- steps --------------------------------------------------------------------------------

    def push(
        self,
        profile_ids: Sequence[str] | None = None,
        cancel: threading.Event | None = None,
        *,
        force: bool = False,
        patience: float | None = None,
    ) -> SyncReport:
        return self.engine.run(profile_ids, cancel, force=force, patience=patience)

    def pull_requests(
        self, store: Store, profile_ids: Sequence[str] | None = None
    ) -> list[PullRequest]:
        """Profiles with an account and exam attempts waiting for their grade (store thread)."""
        requests: list[PullRequest] = []
        profiles = store.profiles.all()
        if profile_ids is not None:
            profiles = [p for p in profiles if p.id in profile_ids]
        for profile in profiles:
            if self.credentials.get(profile.id) is None:
                continue
            waiting = tuple(
                a.registration
                for a in store.assessments.exam_attempts(profile.id)
                if a.state == "submitted"
            )
            if not waiting:
                continue
            requests.append(
                PullRequest(
                    profile.id,
                    _agents(store, profile),
                    waiting,
                    self.results_state.since(profile.id),
                )
            )
        return requests

    def pull(self, requests: Sequence[PullRequest]) -> list[Pulled]:
        """Read the grades from the LRS (any thread); an unreadable LRS is reported, not raised."""
        pulled: list[Pulled] = []
        for request in requests:
            try:
                client = self.client_for(request.profile_id)
            except CredentialsError as error:
                pulled.append(Pulled(request.profile_id, None, str(error)))
                continue
            if client is None:
                continue
            results: list[ExamResult] = []
            watermark = request.since
            read = 0
            try:
                for agent in request.agents:
                    report = pull_results(client, agent, request.registrations, request.since)
                    results.extend(report.results)
                    read += report.read
                    if report.watermark and (watermark is None or report.watermark > watermark):
                        watermark = report.watermark
            except LrsError as error:
                pulled.append(Pulled(request.profile_id, None, str(error)))
                continue
            pulled.append(Pulled(request.profile_id, PullReport(tuple(results), watermark, read)))
        return pulled

    def apply(self, store: Store, pulled: Sequence[Pulled]) -> list[Applied]:
        """Record each grade, then move the profile's watermark (store thread)."""
        applied: list[Applied] = []
        for item in pulled:
            if item.report is None:
                continue
            for result in item.report.results:
                attempt = _record(self.context, store, item.profile_id, result)
                if attempt is not None:
                    applied.append(Applied(item.profile_id, attempt, result))
            self.results_state.remember(item.profile_id, item.report.watermark)
        return applied


def _agents(store: Store, profile: Profile) -> tuple[dict[str, Any], ...]:
    """The learner as the LRS knows them: the linked account, and the device actor of before."""
    agents = [profile.actor.to_json()]
    device = device_actor(store.database.device_id(), profile.id).to_json()
    if device not in agents:
        agents.append(device)
    return tuple(agents)


def _record(
    context: Context, store: Store, profile_id: str, result: ExamResult
) -> ExamAttempt | None:
    attempts = [
        a
        for a in store.assessments.exam_attempts(profile_id)
        if a.registration == result.registration
    ]
    installed = context.library.get(attempts[0].course_id) if attempts else None
    return store.assessments.record_exam_result(
        profile_id,
        result.registration,
        result.passed,
        result.score,
        course=installed.course if installed else None,
        statement=result.statement,
    )


# -- the command ------------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "sync",
        help="send learning records to the institution's LRS and fetch exam results",
        description="Send every queued statement to each profile's LRS, then fetch the grades of "
        "submitted exams. Without --once, keeps syncing until interrupted.",
    )
    p.add_argument("--once", action="store_true", help="one sync, then exit (3 if any wait)")
    p.add_argument("--profile", metavar="PROFILE", help="only this profile (name or id)")
    p.add_argument(
        "--wait",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="with --once: wait this long for retries that come due (default 30)",
    )
    p.add_argument("--batch-size", type=int, default=50, help=argparse.SUPPRESS)
    p.add_argument("--backoff", type=float, default=5.0, help=argparse.SUPPRESS)
    p.add_argument("--read-timeout", type=float, default=30.0, help=argparse.SUPPRESS)
    # Seconds between runs of the loop; default: the settings' sync interval (tests set it).
    p.add_argument("--interval", type=float, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=_sync)


def _when(moment: float | None) -> str:
    return "-" if moment is None else datetime.fromtimestamp(moment).strftime("%Y-%m-%d %H:%M:%S")


REASONS = {
    "retry": "will retry at {when}",
    "auth": "the LRS refused the credentials: run `cartable account set`",
    "no_account": "no LRS account: run `cartable account set`",
    "unexpected": "the LRS gave an unexpected answer",
    "offline": "offline",
    "cancelled": "sync interrupted",
}


def print_report(
    report: SyncReport,
    names: dict[str, str],
    poison: dict[str, list[tuple[str, str]]],
    applied: Sequence[Applied],
    out: Any = None,
) -> None:
    """What was sent, what waits and why, what was refused, which grades came back."""
    out = out or sys.stdout
    if report.status == "busy":
        print(f"not started: {report.detail}", file=out)
    if not report.profiles and report.status != "busy":
        print("nothing to send", file=out)
    for profile in report.profiles:
        name = names.get(profile.profile_id, profile.profile_id)
        print(f"{name}: sent {profile.delivered} statement(s)", file=out)
        if profile.waiting:
            why = REASONS[profile.reason or "retry"].format(when=_when(profile.next_attempt_at))
            detail = f" ({profile.detail})" if profile.detail else ""
            print(f"{name}: {profile.waiting} waiting: {why}{detail}", file=out)
    for profile_id, refused in sorted(poison.items()):
        name = names.get(profile_id, profile_id)
        for statement_id, answer in refused:
            print(f"{name}: refused {statement_id}: {answer}", file=out)
    for item in applied:
        name = names.get(item.profile_id, item.profile_id)
        verdict = "passed" if item.result.passed else "failed"
        score = f" (score {item.result.score:g})" if item.result.score is not None else ""
        print(
            f"{name}: exam {item.attempt.course_id}/{item.attempt.unit_id} attempt "
            f"{item.attempt.number} {verdict}{score}",
            file=out,
        )


def _open_store(context: Context) -> Store:
    try:
        return Store.open(context.paths)
    except StoreError as error:
        raise CommandError(f"{context.paths.database}: {error}") from None


def _sync(args: argparse.Namespace) -> int:
    if args.batch_size < 1:
        raise CommandError("--batch-size must be at least 1")
    if args.interval is not None and args.interval <= 0:
        raise CommandError("--interval must be a positive number of seconds")
    if args.wait < 0:
        raise CommandError("--wait must be >= 0")
    context = open_context()
    store = _open_store(context)
    try:
        profile_ids: list[str] | None = None
        if args.profile:
            try:
                profile_ids = [store.profiles.find(args.profile).id]
            except StoreError as error:
                raise CommandError(str(error)) from None
        options = EngineOptions(batch_size=args.batch_size, backoff_base=args.backoff)
        reachability = Reachability(online=True)
        sync = PlayerSync.open(
            context,
            store,
            options=options,
            reachability=reachability,
            timeouts=Timeouts(read=args.read_timeout),
        )
        try:
            if args.once:
                return _once(sync, store, profile_ids, args.wait, force=True)
            interval = args.interval or max(1, context.settings.sync_interval_minutes) * 60.0
            return _forever(sync, store, profile_ids, reachability, interval)
        finally:
            sync.close()
    finally:
        store.close()


def _once(
    sync: PlayerSync,
    store: Store,
    profile_ids: list[str] | None,
    wait: float,
    *,
    force: bool,
) -> int:
    """Push, pull the grades, push what they satisfied; print it all. 0, or 3 if any wait."""
    report = _run(sync, store, profile_ids, wait, force=force)
    if report.status == "busy":
        return EXIT_WAITING
    return EXIT_WAITING if any(p.waiting for p in report.profiles) else 0


def _run(
    sync: PlayerSync,
    store: Store,
    profile_ids: list[str] | None,
    wait: float,
    *,
    force: bool,
) -> SyncReport:
    """One sync, printed; its report (the second push merged in when grades came back)."""
    report = sync.push(profile_ids, force=force, patience=wait)
    if report.status == "done":
        sync.note_success(report.finished_at)
    blocked = set(report.needs_credentials)
    requests = [r for r in sync.pull_requests(store, profile_ids) if r.profile_id not in blocked]
    pulled = sync.pull(requests)
    applied = sync.apply(store, pulled)
    if applied:  # a grade may satisfy a module or the course: send that too
        again = sync.push(profile_ids, patience=wait)
        report = _merge(report, again)
    names = {p.id: p.name for p in store.profiles.all()}
    poison = {
        p: [(s.id, s.server_answer) for s in sync.outbox.poison_list(p)]
        for p in (profile_ids or list(names))
    }
    print_report(report, names, {k: v for k, v in poison.items() if v}, applied)
    for item in pulled:
        if item.error:
            print(f"{names.get(item.profile_id, item.profile_id)}: results not read: {item.error}")
    sys.stdout.flush()
    return report


def _forever(
    sync: PlayerSync,
    store: Store,
    profile_ids: list[str] | None,
    reachability: Reachability,
    interval: float,
) -> int:
    """Sync at start, when the network comes back, on retries and every interval, until ^C."""

    def target() -> tuple[str, int] | None:
        accounts = sync.credentials.accounts()
        return target_of(accounts[0].endpoint) if accounts else None

    probe = ReachabilityProbe(reachability, target)
    cancel = threading.Event()
    watcher = threading.Thread(target=probe.run, args=(cancel,), daemon=True)
    watcher.start()

    def step(force: bool) -> SyncReport:
        report = _run(sync, store, profile_ids, 0.0, force=force)
        if report.status in ("offline", "waiting"):
            probe.suspect()
        return report

    scheduler = SyncScheduler(step, reachability, interval=interval)
    try:
        scheduler.loop(cancel)
    finally:
        cancel.set()
    return 0


def _merge(first: SyncReport, second: SyncReport) -> SyncReport:
    if second.status == "busy":
        return first
    by_id = {p.profile_id: p for p in second.profiles}
    merged = []
    for p in first.profiles:
        later = by_id.pop(p.profile_id, None)
        if later is None:
            merged.append(p)
        else:
            merged.append(
                replace(
                    later,
                    delivered=p.delivered + later.delivered,
                    refused=p.refused + later.refused,
                )
            )
    merged.extend(by_id.values())
    return SyncReport(
        second.status, first.started_at, second.finished_at, tuple(merged), second.detail
    )
