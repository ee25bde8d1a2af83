"""`PlayerSync`: the sync engine wired to this installation, shared by `cartable sync`
(player/commands/sync.py) and the GUI's sync controller (player/ui/sync_controller.py).

It joins what `sync` may not import: the records store (which profiles, which exam attempts
wait for a grade, where a grade is recorded), the library (the course a grade belongs to) and
the paths (credentials, the results watermark). Its steps are split by thread:

    push(...)            network + the engine's own outbox connection: any worker thread
    pull_requests(...)   reads the store: the store's thread
    pull(requests)       network only: any worker thread
    apply(pulled)        writes the store, then moves the watermark: the store's thread

The command runs them in turn on one thread; the GUI runs push/pull through its task runner.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests

from player import __version__
from player.branding import LrsBranding
from player.context import Context
from player.store import Store
from player.store.attempts import ExamAttempt
from player.store.profiles import Profile
from player.store.statements import device_actor
from sync.conditions import Reachability
from sync.credentials import (
    CredentialsError,
    CredentialStore,
    LrsAccount,
    default_home_page,
)
from sync.durable import write_atomic
from sync.engine import EngineOptions, ProfileReport, SyncEngine, SyncProgress, SyncReport
from sync.http import Timeouts, make_session
from sync.interprocess import ProcessLock, held
from sync.lrs import LrsClient, LrsError, Outcome, server_of
from sync.outbox import Outbox, OutboxCounts, connect
from sync.request_failure import held_line
from sync.results import (
    REGRADE_WINDOW,
    ExamResult,
    PullReport,
    ResultsState,
    combined,
    pull_results,
)

RESULTS_FILE = "sync-results.json"
STATUS_FILE = "sync-status.json"


@dataclass(frozen=True)
class PullRequest:
    """What to ask the LRS for one profile: its agents and its exam attempts awaiting a grade or
    graded recently enough to be regraded (`sync.results.REGRADE_WINDOW`)."""

    profile_id: str
    agents: tuple[dict[str, Any], ...]
    registrations: Mapping[str, str]  # registration -> the exam's activity id
    since: str | None
    learner: tuple[dict[str, Any], ...] = ()  # the credentials' identity: never a grader
    grader: dict[str, Any] | None = None  # the only authority whose grades count (branding)


@dataclass(frozen=True)
class Pulled:
    profile_id: str
    report: PullReport | None
    error: str = ""
    since: str | None = None  # the watermark the read started from (see `apply`)


@dataclass(frozen=True)
class Applied:
    """A grade recorded that changed the attempt (a first grade or a regrade): the attempt as
    it is now. A grade read again is none."""

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
    _pushing: int = 0  # runs of `push` under way (each on the engine's connection)
    _closed: bool = False
    # The saving of each profile's account its last push sent to (`LrsAccount.saved`): what
    # the LRS's answer confirms (`note_success`), not an account saved again meanwhile.
    _pushed: dict[str, str] = field(default_factory=dict)

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
            lambda profile_id: holder["self"].client_for(profile_id, pushed=True),
            options=options,
            reachability=reachability,
            on_progress=on_progress,
            process_lock=ProcessLock(context.paths.data / "sync.lock"),
        )
        made = cls(context, credentials, state, engine, outbox, timeouts or Timeouts())
        holder["self"] = made
        return made

    def close(self) -> None:
        """Release the sessions and the engine's database connection. A `push` still running
        (a quit that could not wait for it) keeps the connection, and closes it when it ends:
        never closed under it, so its last write lands whole or not at all."""
        with self._lock:
            for session in self._sessions.values():
                session.close()
            self._sessions.clear()
            self._closed = True
            idle = not self._pushing
        if idle:
            self.outbox.conn.close()

    def client_for(self, profile_id: str, *, pushed: bool = False) -> LrsClient | None:
        """The LRS client of a profile (None without an account); CredentialsError if broken.

        Read from the credentials each time, so an account set meanwhile is used at once; the
        HTTP session (its connection pool) is kept per profile. `pushed`: the engine's, whose
        answers confirm the account (`_pushed`).
        """
        account = self.credentials.get(profile_id)
        auth = self.credentials.auth_of(account) if account else None
        if account is None or auth is None:
            return None
        if pushed:
            with self._lock:
                self._pushed[profile_id] = account.saved
        with self._lock:
            if self._closed:  # a run outliving `close`: no new session to leave open
                raise CredentialsError("sync is closed")
            session = self._sessions.get(profile_id)
            if session is None:
                session = make_session(__version__, timeouts=self.timeouts)
                self._sessions[profile_id] = session
        try:
            return LrsClient(account.endpoint, auth, session)
        except ValueError as error:
            raise CredentialsError(str(error)) from None

    # -- "Last successful sync", per profile (shown to that learner): the last run in which
    # the LRS answered this profile's account and that left nothing of it waiting or refused
    # (`succeeded`). A profile without an account never has one: nothing of it can have
    # reached an institution. One learner whose server refuses everything does not make
    # another's records, all delivered, look undelivered. A run with nothing to send asks the
    # server nothing, so it moves no date: except the first after the account was saved,
    # which asks the LRS whether it takes the account (`confirmed`, `push`'s check).

    def last_success(self, profile_id: str | None) -> float | None:
        """When a run last succeeded for this profile (None: never, or no account). With no
        profile (none open): the earliest of the profiles with an account, the moment by which
        every learner's records had reached their institution (None if one never did)."""
        moments = self._successes()
        if profile_id is not None:
            return moments.get(profile_id) if self._linked({profile_id}) else None
        linked = self._linked(None)
        if not linked or any(p not in moments for p in linked):
            return None
        return min(moments[p] for p in linked)

    def confirmed(self, profile_id: str) -> bool:
        """Whether the LRS took a request of this profile's account as it is saved now (a
        batch, or the check of an account with nothing to send): False without an account,
        and after the account is saved again (a new password may be wrong)."""
        try:
            account = self.credentials.get(profile_id)
        except CredentialsError:
            return False
        if account is None:
            return False
        return self._status().get("confirmed", {}).get(profile_id) == account.saved

    def _saved(self, profile_id: str) -> str | None:
        """The saving of the profile's account (`LrsAccount.saved`); None without one."""
        try:
            account = self.credentials.get(profile_id)
        except CredentialsError:
            return None
        return None if account is None else account.saved

    def _unconfirmed(self, profile_ids: Sequence[str] | None) -> list[LrsAccount]:
        """The accounts of the profiles (of `profile_ids`, None: all) the LRS never took. Only
        profiles that exist: an account left in accounts.json by a profile removed (before
        removals took it too, or by a copy of the files) was POSTed at every run, and its
        refusal made `cartable sync --once` exit 6 for a learner who is gone (review r5 #2).
        The accounts are read before the profiles: an account is set for a profile that
        exists, so one added meanwhile is never taken for a removed one's."""
        try:
            accounts = self.credentials.accounts()
        except CredentialsError:
            return []
        try:
            rows = self.outbox.conn.execute("SELECT id FROM profiles").fetchall()
        except sqlite3.Error:  # a records file busy or damaged: checked at the next run
            return []
        existing = {row[0] for row in rows}
        confirmed = self._status().get("confirmed", {})
        wanted = existing if profile_ids is None else existing & set(profile_ids)
        return [
            a for a in accounts if a.profile_id in wanted and confirmed.get(a.profile_id) != a.saved
        ]

    def _refusals(self) -> dict[str, tuple[str, str]]:
        """sync-status.json's "refused": each profile whose account's check the LRS refused
        (401/403), as (the saving it refused, the server's answer)."""
        refused = self._status().get("refused", {})
        return {
            str(k): (v["saved"], v["detail"])
            for k, v in refused.items()
            if isinstance(v, dict)
            and isinstance(v.get("saved"), str)
            and isinstance(v.get("detail"), str)
        }

    def has_account(self) -> bool:
        """Whether any profile has an account to send to (an unreadable list counts as none)."""
        return bool(self._linked(None))

    def note_success(
        self, store: Store, report: SyncReport, profile_ids: Sequence[str] | None = None
    ) -> tuple[str, ...]:
        """Move the date of each profile with an account the run `succeeded` for (`profile_ids`:
        the profiles it was asked to send, None for all); returns them (store thread). Each
        profile whose account the LRS took in this run (`ProfileReport.answered`) is
        `confirmed`: an empty run asks it nothing more until the account is saved again."""
        linked = self._linked(None if profile_ids is None else set(profile_ids))
        done = tuple(p for p in sorted(linked) if succeeded(report, p, store.outbox.counts(p)))
        with self._lock:
            pushed = dict(self._pushed)

        def saving(profile_id: str) -> str | None:
            """The saving pushed, else the one on file (read only when not pushed)."""
            return pushed[profile_id] if profile_id in pushed else self._saved(profile_id)

        answered = {
            p.profile_id: saved
            for p in report.profiles
            if p.answered and (saved := saving(p.profile_id)) is not None
        }
        # A check the LRS refused (401/403): not asked again until the account is saved again.
        refusals = self._refusals()
        refused = {
            p.profile_id: (saved, p.detail)
            for p in report.profiles
            if p.checked
            and p.reason == "auth"
            and (saved := saving(p.profile_id)) is not None
            and refusals.get(p.profile_id) != (saved, p.detail)
        }
        if not done and not answered and not refused:
            return done
        path = self.context.paths.data / STATUS_FILE
        # Only a display: never fail a sync for it (LockBusy is an OSError). The GUI and
        # `cartable sync` may both write: each read-modify-write under the lock.
        with contextlib.suppress(OSError), held(path.with_name(path.name + ".lock"), 5.0):
            moments = self._successes()
            for profile_id in done:
                moments[profile_id] = max(moments.get(profile_id, 0.0), report.finished_at)
            status = self._status()
            confirmed = {**status.get("confirmed", {}), **answered}
            refusals = {
                k: {"saved": saved, "detail": detail}
                for k, (saved, detail) in {**self._refusals(), **refused}.items()
                if k not in answered
            }
            status = {"profiles": moments, "confirmed": confirmed, "refused": refusals}
            write_atomic(path, json.dumps(status, indent=1))
        return done

    def _status(self) -> dict[str, Any]:
        """sync-status.json as it is ({} when missing or damaged); its "confirmed" holds
        strings only: each profile's account saving the LRS took (`confirmed`)."""
        try:
            value = json.loads((self.context.paths.data / STATUS_FILE).read_text("utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        if not isinstance(value, dict):
            return {}
        confirmed = value.get("confirmed")
        if isinstance(confirmed, dict):
            value["confirmed"] = {str(k): v for k, v in confirmed.items() if isinstance(v, str)}
        else:
            value["confirmed"] = {}
        return value

    def _successes(self) -> dict[str, float]:
        value = self._status()  # a file nested 100,000 deep: damaged, {}
        # An older version's single date for the whole computer is nobody's in particular.
        moments = value.get("profiles")
        if not isinstance(moments, dict):
            return {}
        now = time.time()
        found = ((str(k), _moment(v, now)) for k, v in moments.items())
        return {k: v for k, v in found if v is not None}

    def _linked(self, among: set[str] | None) -> set[str]:
        """The profiles (of `among`, None: all) with an account; an unreadable list: none."""
        try:
            linked = {a.profile_id for a in self.credentials.accounts()}
        except CredentialsError:
            return set()
        return linked if among is None else linked & among

    # -- steps --------------------------------------------------------------------------------

    def push(
        self,
        profile_ids: Sequence[str] | None = None,
        cancel: threading.Event | None = None,
        *,
        force: bool = False,
        patience: float | None = None,
    ) -> SyncReport:
        with self._lock:
            if self._closed:
                raise RuntimeError("sync is closed")
            self._pushing += 1
        try:
            # An account the LRS never took is checked when it has nothing to send: a wrong
            # password or address showed "Up to date" for weeks, until there was (f5 #1).
            # One the LRS refused (401/403) is not asked again until it is saved again: each
            # run sent the refused password again, 96 times a day (an LDAP behind the LRS
            # locks the account; on http:// a mistyped password went in clear each time),
            # while a person must act anyway (review r5 #5). The run says it refused still.
            unconfirmed = self._unconfirmed(profile_ids)
            refusals = self._refusals()
            refused = {
                a.profile_id: refusals[a.profile_id][1]
                for a in unconfirmed
                if refusals.get(a.profile_id, ("", ""))[0] == a.saved
            }
            check = [a.profile_id for a in unconfirmed if a.profile_id not in refused]
            report = self.engine.run(
                profile_ids, cancel, force=force, patience=patience, check=check
            )
            return self._still_refused(report, refused)
        finally:
            with self._lock:
                self._pushing -= 1
                last = self._closed and not self._pushing
            if last:  # closed meanwhile (see `close`): the connection goes with the run
                self.outbox.conn.close()

    def _still_refused(self, report: SyncReport, refused: Mapping[str, str]) -> SyncReport:
        """The run's report, with each profile of `refused` (its account refused as it is
        saved: profile id and the server's answer then) the run did not send for: refused
        still, as a check refused now would say, asked nothing."""
        if report.status in ("busy", "cancelled"):
            return report
        sent = {p.profile_id for p in report.profiles}
        added = tuple(
            ProfileReport(
                profile_id,
                delivered=0,
                refused=(),
                waiting=0,
                poison=self.outbox.counts(profile_id).poison,
                reason="auth",
                detail=detail,
                checked=True,
            )
            for profile_id, detail in sorted(refused.items())
            if profile_id not in sent
        )
        return replace(report, profiles=report.profiles + added) if added else report

    def pull_requests(
        self, store: Store, profile_ids: Sequence[str] | None = None, *, now: float | None = None
    ) -> list[PullRequest]:
        """Profiles with an account and exam attempts whose grade may come or change: waiting
        for it, or graded within `REGRADE_WINDOW` (store thread). Older grades are not read
        again: a sync costs nothing for them. `now`: epoch seconds (tests pass it)."""
        requests: list[PullRequest] = []
        graded_after = (time.time() if now is None else now) - REGRADE_WINDOW.total_seconds()
        profiles = store.profiles.all()
        if profile_ids is not None:
            profiles = [p for p in profiles if p.id in profile_ids]
        for profile in profiles:
            account = self.credentials.get(profile.id)
            if account is None:
                continue
            waiting = store.assessments.grades_to_read(profile.id, graded_after)
            if not waiting:
                continue
            requests.append(
                PullRequest(
                    profile.id,
                    _agents(store, profile),
                    waiting,
                    self.results_state.since(profile.id),
                    _credentials_identity(account),
                    _grader_for(self.context.branding.lrs, account),
                )
            )
        return requests

    def pull(self, requests: Sequence[PullRequest]) -> list[Pulled]:
        """Read the grades from the LRS (any thread); an unreadable LRS is reported, not raised.
        A server that gave no answer (timed out, its name not found, the connection refused or
        its TLS handshake failed), to a read or to the run's sends, is not asked again for the
        other profiles on it: a read that hangs cost one timeout per profile, one after the
        other (10 profiles: 10 timeouts)."""
        pulled: list[Pulled] = []
        unanswered: dict[str, str] = {}  # this pull's: the server, the line the others get
        for request in requests:
            try:
                client = self.client_for(request.profile_id)
            except CredentialsError as error:
                pulled.append(Pulled(request.profile_id, None, str(error)))
                continue
            if client is None:
                continue
            # A server that asked to wait (a 429 to a POST or a GET, any profile, any process)
            # is not read before then either.
            server = server_of(client.target)
            until = self.outbox.server_wait(server)
            if until > datetime.now(UTC).timestamp():
                wait = f"the server asked to wait until {datetime.fromtimestamp(until):%H:%M}"
                pulled.append(Pulled(request.profile_id, None, wait))
                continue
            not_asked = unanswered.get(server) or self.engine.unanswered(server, request.profile_id)
            if not_asked:
                error = LrsError(Outcome.RETRY, None, not_asked, client.statements_url)
                pulled.append(Pulled(request.profile_id, None, str(error)))
                continue
            reports: list[PullReport] = []
            started = datetime.now(UTC)
            try:
                for agent in request.agents:
                    reports.append(
                        pull_results(
                            client,
                            agent,
                            request.registrations,
                            request.since,
                            now=started,
                            learner=(*request.agents, *request.learner),
                            grader=request.grader,
                        )
                    )
            except LrsError as error:
                if error.retry_after is not None:
                    self._wait_for(server, error.retry_after)
                if error.timed_out or error.name_unknown or error.sent_nothing:
                    unanswered[server] = held_line(server, error.answer, timed_out=error.timed_out)
                pulled.append(Pulled(request.profile_id, None, str(error)))
                continue
            report = combined(reports)  # a watermark held for one agent is not passed
            pulled.append(Pulled(request.profile_id, report, since=request.since))
        return pulled

    def _wait_for(self, server: str, retry_after: float) -> None:
        """A grade read answered with Retry-After: held as the engine holds a POST's (at least
        a second, at most `retry_after_cap`)."""
        cap = self.engine.options.retry_after_cap
        now = datetime.now(UTC).timestamp()
        self.outbox.set_server_wait(server, now + max(1.0, min(retry_after, cap)))

    def apply(self, store: Store, pulled: Sequence[Pulled]) -> list[Applied]:
        """Record each grade, then move the profile's watermark (store thread), unless it
        changed since the read started: `cartable records import` rewinds it so the next read
        brings the imported attempts' grades, and a run under way must not undo that."""
        applied: list[Applied] = []
        for item in pulled:
            if item.report is None:
                continue
            for result in item.report.results:
                attempt = _record(self.context, store, item.profile_id, result)
                if attempt is not None:
                    applied.append(Applied(item.profile_id, attempt, result))
            self.results_state.remember_if(item.profile_id, item.report.watermark, item.since)
        return applied


def succeeded(report: SyncReport, profile_id: str, counts: OutboxCounts) -> bool:
    """Whether a run may move this profile's "Last successful sync": the run was not cut
    short (offline, cancelled, busy), the LRS answered this profile's account in it (took a
    batch, or the check of an account with nothing to send: `ProfileReport.answered`), took
    everything of the profile it was sent, refused nothing, stopped on nothing, left nothing
    waiting, and, when it had nothing to send, it holds no refused statement (they never
    reached the institution). A run that had nothing of it to send and did not check its
    account asked the server nothing: the date stays the last one the server answered (an
    empty run said "success" at once with a wrong password, or a server that was down).
    Another profile's refusals or stop change nothing for this one. Reading grades is not
    part of it: a write-only learner account (what sync.results advises) can never read
    them, and the records reached the institution all the same (`cartable sync` prints a
    failed read, the Sync panel says it per profile)."""
    if report.status in ("offline", "cancelled", "busy"):
        return False
    mine = report.profile(profile_id)
    if mine is None or not mine.answered:
        return False
    if mine.checked and counts.poison:  # nothing sent: its refused ones are all it holds
        return False
    return mine.waiting == 0 and mine.reason is None and not mine.refused


# How far ahead of the clock a date of sync-status.json may be: a clock set back since
# (a time zone, a corrected clock), not a damaged file.
_AHEAD = 24 * 3600.0


def _moment(value: object, now: float) -> float | None:
    """A date of sync-status.json as seconds since the epoch; None for one no clock can show
    (damaged by hand or by a disk: NaN, 1e300, year 10000, an integer of 400 digits, which
    raised OverflowError in the Sync panel and failed a sync in `note_success`), or more than
    a day after `now` (year 9999 read as the last success for ever: `max` never went back,
    review r15 #6). It reads "never", and the next success writes over it (`max` with NaN
    kept NaN for ever)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    try:
        seconds = float(value)
        datetime.fromtimestamp(seconds)  # raises out of Python's years 1 to 9999, local time
    except (OverflowError, ValueError, OSError):
        return None
    return seconds if seconds <= now + _AHEAD else None


def _agents(store: Store, profile: Profile) -> tuple[dict[str, Any], ...]:
    """The learner as the LRS knows them: the linked account, and the device actor of before."""
    agents = [profile.actor.to_json()]
    device = device_actor(store.database.device_id(), profile.id).to_json()
    if device not in agents:
        agents.append(device)
    return tuple(agents)


def _credentials_identity(account: LrsAccount) -> tuple[dict[str, Any], ...]:
    """Who the LRS may stamp as the authority of what the learner's credentials write: the
    user name as an account at the LRS's origin and at the institution's site. (An LRS that
    stamps some other agent cannot be recognised: see sync.results.)"""
    if not account.username:
        return ()
    homes = {default_home_page(account.endpoint), account.home_page or ""} - {""}
    return tuple(
        {"objectType": "Agent", "account": {"homePage": home, "name": account.username}}
        for home in sorted(homes)
    )


def _grader_for(lrs: LrsBranding | None, account: LrsAccount) -> dict[str, Any] | None:
    """The branding's grader, for an account on the branded LRS's host (any port or path).
    Another LRS has graders of its own, and one the learner runs could stamp any authority
    anyway: holding it to this agent would only hide every grade."""
    if lrs is None or lrs.grader is None:
        return None
    if urlsplit(account.endpoint).hostname != urlsplit(lrs.endpoint).hostname:
        return None
    return lrs.grader.to_json()


def _record(
    context: Context, store: Store, profile_id: str, result: ExamResult
) -> ExamAttempt | None:
    """Record a grade read; the attempt when its grade changed (None when it did not: a grade
    read again, as attempts graded lately are, or older than the one recorded)."""
    attempts = [
        a
        for a in store.assessments.exam_attempts(profile_id)
        if a.registration == result.registration
    ]
    if not attempts:
        return None
    before = attempts[0]
    installed = context.library.get(before.course_id)
    after = store.assessments.record_exam_result(
        profile_id,
        result.registration,
        result.passed,
        result.score,
        course=installed.course if installed else None,
        statement=result.statement,
    )
    if after is None or (after.state, after.passed, after.score) == (
        before.state,
        before.passed,
        before.score,
    ):
        return None
    return after
