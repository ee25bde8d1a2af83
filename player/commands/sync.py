"""`cartable sync [--once] [--profile P]`: send the learning records and fetch exam grades,
once or until interrupted, through `player.player_sync.PlayerSync` (which the GUI uses too)."""

from __future__ import annotations

import argparse
import logging
import math
import sqlite3
import sys
import threading
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from player.branding import Branding
from player.commands import CommandError, open_records, plural
from player.commands.interrupt import interrupt_sets
from player.commands.sync_accounts import Chosen, choose, require_linked, skipped_line
from player.context import Context, open_context
from player.logfile import headless_log, logged_failure
from player.paths import user_paths
from player.player_sync import Applied, PlayerSync
from player.store import Store, StoreError
from player.wording import named, shown_name
from sync.conditions import Reachability
from sync.engine import EngineOptions, SyncReport, SyncScheduler
from sync.http import Timeouts
from sync.lookup import stop_waiting_when
from sync.outbox import PoisonStatement
from sync.reachability import ReachabilityProbe, Target, targets_of
from sync.server_answer import one_line, statement_label, verb_word

log = logging.getLogger(__name__)

#: Exit code of `cartable sync --once` when statements still wait (network, credentials...).
EXIT_WAITING = 3
#: ... when nothing waits but the LRS refused statements in this run (kept, listed): a script
#: must not read that as a clean sync.
EXIT_REFUSED = 4
#: ... when the sync itself failed on something unexpected (a damaged database, a bug): one line
#: on stderr, the traceback in the log file (`cartable.log`, as the player writes it).
EXIT_FAILED = 5
#: ... when the LRS refused the user name or password of a profile (401/403), whatever else
#: waits: its statements are kept, but no retry brings them through until someone corrects the
#: account (`cartable account set`), so a script that tries again later on 3 must alert on this.
EXIT_ACCOUNT_REFUSED = 6


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser(
        "sync",
        help="send learning records to the institution's LRS and fetch exam results",
        description="Send every queued statement to each profile's LRS, then fetch the grades of "
        "submitted exams. Without --once, keeps syncing until interrupted. Profiles without an "
        "LRS account are skipped, each named on a line; when no profile has one, it says how to "
        "link one (`cartable account set`) and exits 1.",
    )
    p.add_argument(
        "--once",
        action="store_true",
        help="one sync, then exit (3 if any wait, a skipped profile's too, 4 if the LRS refused "
        "some, 6 if it refused a profile's user name or password: waiting will not help, correct "
        "it with `cartable account set`; 5 if the sync failed unexpectedly: the details are in "
        "the log file)",
    )
    p.add_argument("--profile", metavar="PROFILE", help="only this profile (name or id)")
    p.add_argument(
        "--resend-refused",
        action="store_true",
        help="put the statements the LRS refused back in the queue first (the server was fixed)",
    )
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
#: Why an account with nothing to send could not be confirmed (`ProfileReport.checked`).
UNCONFIRMED = {
    **REASONS,
    "retry": "the LRS did not answer; it is asked again at the next sync",
    "unexpected": "the LRS gave an unexpected answer: is the address right?",
}
#: "retry" with --once: the process exits, so nothing retries by itself at that time.
ONCE_RETRY = (
    "kept; the next try is due at {when} (run `cartable sync` again, or without --once to keep "
    "trying)"
)


def _shown(text: str) -> str:
    """A server's words on one line of the terminal: its newlines spaces, its ESC escaped (a
    captive portal's page, a 400's message reached it raw: an OSC retitled it, `ESC[2J` cleared
    it)."""
    return shown_name(" ".join(text.split()))


def refused_line(statement: PoisonStatement) -> str:
    """A refused statement in one readable line: its activity and verb, its id, the server's
    answer cut short (an HTML page as its title), because Ralph's 422 printed 2,000 characters
    of JSON per statement. The whole answer goes to cartable.log."""
    label = statement_label(statement.body)
    activity = label.activity or label.activity_id or "?"
    log.info("statement %s refused by the LRS: %s", statement.id, statement.server_answer)
    return (
        f"{activity} ({verb_word(label) or '?'}), statement {statement.id}: "
        f"{shown_name(one_line(statement.server_answer))}"
    )


def print_report(
    report: SyncReport,
    names: dict[str, str],
    poison: dict[str, list[PoisonStatement]],
    applied: Sequence[Applied],
    out: Any = None,
    *,
    once: bool = False,
) -> None:
    """What was sent, what waits and why, what was refused, which grades came back. `once`:
    the process exits after this report (--once), so a retry is said to be due, not coming."""
    out = out or sys.stdout
    if report.status == "busy":
        print(f"not started: {report.detail}", file=out)
    if not report.profiles and report.status != "busy":
        print("nothing to send", file=out)
    for profile in report.profiles:
        name = named(names.get(profile.profile_id, profile.profile_id), out)
        if profile.checked:  # nothing to send: whether the LRS accepted the credentials
            if profile.answered:
                print(f"{name}: nothing to send; the LRS accepted the credentials", file=out)
                continue
            why = UNCONFIRMED[profile.reason or "retry"]
            if profile.server_wait is not None:
                until = datetime.fromtimestamp(profile.server_wait).strftime("%H:%M")
                why = f"the server asked to wait until {until}; {why}"
            detail = f" ({_shown(profile.detail)})" if profile.detail else ""
            print(f"{name}: nothing to send; account not confirmed: {why}{detail}", file=out)
            continue
        print(f"{name}: sent {plural(profile.delivered, 'statement')}", file=out)
        if profile.waiting:
            reason = profile.reason or "retry"
            wording = ONCE_RETRY if once and reason == "retry" else REASONS[reason]
            why = wording.format(when=_when(profile.next_attempt_at))
            if profile.server_wait is not None:  # a Retry-After, for every profile on it
                until = datetime.fromtimestamp(profile.server_wait).strftime("%H:%M")
                why = f"the server asked to wait until {until}; {why}"
            detail = f" ({_shown(profile.detail)})" if profile.detail else ""
            print(f"{name}: {profile.waiting} waiting: {why}{detail}", file=out)
    for profile_id, refused in sorted(poison.items()):
        name = named(names.get(profile_id, profile_id), out)
        for statement in refused:
            print(f"{name}: refused {refused_line(statement)}", file=out)
    for item in applied:
        name = named(names.get(item.profile_id, item.profile_id), out)
        verdict = "passed" if item.result.passed else "failed"
        score = f" (score {item.result.score:g})" if item.result.score is not None else ""
        print(
            f"{name}: exam {item.attempt.course_id}/{item.attempt.unit_id} attempt "
            f"{item.attempt.number} {verdict}{score}",
            file=out,
        )


#: The shortest first retry delay `--backoff` takes (seconds).
MIN_BACKOFF = 0.01

#: The longest wait between two bytes `--read-timeout` takes: a day, far above any server's, and
#: far below what a socket's timeout holds.
MAX_READ_TIMEOUT = 86400.0


def _sync(args: argparse.Namespace) -> int:
    if args.batch_size < 1:
        raise CommandError("--batch-size must be at least 1")
    # nan passes `<= 0` and `< 0`, and a deadline of nan or inf is never reached: the command
    # never returned
    if args.interval is not None and not (args.interval > 0 and math.isfinite(args.interval)):
        raise CommandError("--interval must be a positive number of seconds")
    if not (args.wait >= 0 and math.isfinite(args.wait)):
        raise CommandError("--wait must be a number of seconds >= 0")
    # The engine's own two, as --wait: nan and inf passed, and timed its retries and reads with
    # no number of seconds (review s17 #10); 0 and above the cap failed in the run as a logged
    # ValueError (exit 5), 1e12 overflowed the socket's timeout (review r6 #5). nan fails both.
    # Above 0 was not enough: 1e-300 posted 414 times in `--wait 3` to an LRS answering 503
    # (review r10 #6); from a hundredth of a second, the engine doubles it at every retry.
    cap = EngineOptions.backoff_cap
    if not MIN_BACKOFF <= args.backoff <= cap:
        raise CommandError(f"--backoff must be a number of seconds from {MIN_BACKOFF:g} to {cap:g}")
    if not 0 < args.read_timeout <= MAX_READ_TIMEOUT:
        raise CommandError(
            "--read-timeout must be a number of seconds above 0 and at most"
            f" {MAX_READ_TIMEOUT:g} (a day)"
        )
    context: Context | None = None
    try:
        context = open_context()
        # Like the player: what goes wrong in a run (a step of the loop that raises, the
        # engine's warnings) is written to cartable.log, one line of it on the terminal.
        with headless_log(context.paths.logs):
            return _sync_in(context, args)
    except CommandError:
        raise
    except Exception as error:  # not a traceback on the terminal: one line, the rest logged
        logs = context.paths.logs if context is not None else user_paths().logs
        raise CommandError(_failure(logs, error), EXIT_FAILED) from None


def _failure(logs: Path, error: Exception) -> str:
    """The line printed for an unexpected failure; its traceback goes to the log file only."""
    return logged_failure(logs, error, "sync")


def _sync_in(context: Context, args: argparse.Namespace) -> int:
    store = open_records(context.paths)
    try:
        profile_ids: list[str] | None = None
        if args.profile:
            try:
                profile_ids = [store.profiles.find(args.profile).id]
            except StoreError as error:
                raise CommandError(str(error)) from None
        if args.resend_refused:
            resend_refused(store, profile_ids)
        options = EngineOptions(batch_size=args.batch_size, backoff_base=args.backoff)
        reachability = Reachability(online=True)
        sync = PlayerSync.open(
            context,
            store,
            options=options,
            reachability=reachability,
            timeouts=Timeouts(read=args.read_timeout),
        )
        # Ctrl+C stops the requests (and waits) of every thread as soon as it comes, whichever
        # thread the kernel gives it to (player/commands/interrupt.py).
        cancel = threading.Event()
        try:
            with interrupt_sets(cancel), stop_waiting_when(cancel.is_set):
                chosen = choose(store, sync.credentials, profile_ids)
                require_linked(chosen, context.branding)  # else it would wait forever
                _say_skipped(chosen, context.branding)
                if args.once:
                    done = _once(sync, store, chosen.to_sync, args.wait, force=True, cancel=cancel)
                    kept = any(s.kept for s in chosen.skipped)  # still on the computer
                    return EXIT_WAITING if kept and done in (0, EXIT_REFUSED) else done
                interval = args.interval or max(1, context.settings.sync_interval_minutes) * 60.0
                return _forever(
                    sync, store, context.branding, chosen, reachability, interval, cancel
                )
        finally:
            sync.close()
    finally:
        store.close()


def _say_skipped(chosen: Chosen, branding: Branding) -> None:
    for skipped in chosen.skipped:
        print(skipped_line(skipped, branding, sys.stdout))
    sys.stdout.flush()


def resend_refused(store: Store, profile_ids: list[str] | None) -> int:
    """Refused statements of these profiles (all when None) back in the queue, in their
    creation order; how many."""
    chosen = profile_ids or [p.id for p in store.profiles.all()]
    ids = [s.id for p in chosen for s in store.outbox.poison_list(p)]
    try:
        count = store.outbox.requeue(ids)
    except sqlite3.Error as error:
        raise CommandError(
            f"{store.path}: the refused statements could not be queued again: {error}"
        ) from None
    print(f"{plural(count, 'refused statement')} queued again")
    return count


def _once(
    sync: PlayerSync,
    store: Store,
    profile_ids: list[str] | None,
    wait: float,
    *,
    force: bool,
    cancel: threading.Event | None = None,
) -> int:
    """Push, pull the grades, push what they satisfied; print it all. 0, 3 if any wait (or an
    account with nothing to send could not be confirmed: no answer), 4 if the LRS refused
    statements in this run, 6 if it refused a profile's credentials (waiting for it never
    helps: a person must act, so it wins over 3 and 4)."""
    report = _run(sync, store, profile_ids, wait, force=force, once=True, cancel=cancel)
    if report.needs_credentials:
        return EXIT_ACCOUNT_REFUSED
    unconfirmed = any(p.checked and not p.answered for p in report.profiles)
    if report.status == "busy" or unconfirmed or any(p.waiting for p in report.profiles):
        return EXIT_WAITING
    return EXIT_REFUSED if report.refused else 0


def _run(
    sync: PlayerSync,
    store: Store,
    profile_ids: list[str] | None,
    wait: float,
    *,
    force: bool,
    once: bool = False,
    cancel: threading.Event | None = None,
) -> SyncReport:
    """One sync, printed; its report (the second push merged in when grades came back). `once`:
    the last one (--once); `cancel`: the Ctrl+C, which ends the pushes' requests and waits."""
    report = sync.push(profile_ids, cancel, force=force, patience=wait)
    blocked = set(report.needs_credentials)
    requests = [r for r in sync.pull_requests(store, profile_ids) if r.profile_id not in blocked]
    pulled = sync.pull(requests)
    applied = sync.apply(store, pulled)
    if applied:  # a grade may satisfy a module or the course: send that too
        # Not to a profile whose credentials were just refused: not forced, this push would
        # not ask (a backoff), and its old reason would replace the refusal (exit 3, not 6).
        ids = sync.outbox.profiles_waiting() if profile_ids is None else profile_ids
        again_ids = [p for p in ids if p not in blocked]
        if again_ids:
            report = _merge(report, sync.push(again_ids, cancel, patience=wait))
    sync.note_success(store, report, profile_ids)  # each profile the run took all of
    names = {p.id: p.name for p in store.profiles.all()}
    poison = {
        p: sync.outbox.poison_list(p) for p in (list(names) if profile_ids is None else profile_ids)
    }
    print_report(report, names, {k: v for k, v in poison.items() if v}, applied, once=once)
    for item in pulled:
        if item.error:
            name = named(names.get(item.profile_id, item.profile_id), sys.stdout)
            print(f"{name}: results not read: {_shown(item.error)}")
    sys.stdout.flush()
    return report


def _forever(
    sync: PlayerSync,
    store: Store,
    branding: Branding,
    chosen: Chosen,
    reachability: Reachability,
    interval: float,
    cancel: threading.Event,
) -> int:
    """Sync at start, when the network comes back, on retries and every interval, until ^C
    (which sets `cancel`). The profiles with an account are read again at each step (one linked
    meanwhile is synced at once); the skipped ones are said again only when they change."""

    def targets() -> list[Target]:  # every profile's LRS: online if any answers
        return targets_of(a.endpoint for a in sync.credentials.accounts())

    probe = ReachabilityProbe(reachability, targets)
    watcher = threading.Thread(target=probe.run, args=(cancel,), daemon=True)
    watcher.start()

    said = chosen

    def step(force: bool) -> SyncReport:
        nonlocal said
        now = choose(store, sync.credentials, chosen.asked)
        if [s.profile.id for s in now.skipped] != [s.profile.id for s in said.skipped]:
            _say_skipped(now, branding)
        said = now
        report = _run(sync, store, now.to_sync, 0.0, force=force, cancel=cancel)
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
    """The first push's report with the second's over it, profile by profile: a profile the
    second did not run keeps the first's report (a refused account's "auth")."""
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
                    checked=p.checked and later.checked,
                    account_taken=p.account_taken or later.account_taken,
                )
            )
    merged.extend(by_id.values())
    return SyncReport(
        second.status, first.started_at, second.finished_at, tuple(merged), second.detail
    )
