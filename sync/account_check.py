"""The account check of a profile with nothing to send, and the bring-forward of the profiles
on a server that just took another's batch: the two ways a sync run asks a server something of
a profile beyond its own due batches (sync.engine's `SyncEngine._check` and `_taken`, moved out
of it, review r5 #8).

A profile with nothing to send whose account the LRS never took (`SyncEngine.run`'s `check`)
sends one check (`Poster.check_account`, an empty batch): taken, the run's report says so;
else why not, as for a batch. A delivery brings forward the backoff of the run's other
profiles on that endpoint, once a run and once a recovery (`Outbox.bring_forward`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection

from sync.engine_batch import ProfileRun, Stall, error_text, honoured_wait
from sync.engine_options import Clock, EngineOptions
from sync.engine_reports import ProgressKind
from sync.lrs import Outcome, server_of
from sync.outbox import Outbox
from sync.request_failure import held_line

log = logging.getLogger("sync.engine")

Progress = Callable[[ProgressKind, ProfileRun, int, str], None]


def endpoint_of(target: str) -> str:
    """The endpoint of a `sync.lrs.target_of` (its account left out)."""
    return target.split(" ", 1)[0]


def bring_forward(
    outbox: Outbox,
    now: float,
    runs: Collection[ProfileRun],
    taker: ProfileRun,
    has_client: Callable[[ProfileRun], bool],
) -> None:
    """A batch of `taker` was delivered: its server is up. Every other profile of the run
    on that same endpoint whose statements wait for their own backoff (each profile's grows
    with its own failures, up to `backoff_cap`: 15 min) is due now and sent in this run:
    the learner at the screen waited 2 minutes while the others went in 2 seconds. Once a
    run per profile: a server that takes one batch and fails the next does not make each
    delivery try all the others again. Once a recovery too (`Outbox.bring_forward`, kept in
    the database): a profile brought forward whose batch then failed waits for its own
    backoff, and is brought forward again only once it has gone on it (or delivered): a
    server that took A's batches and failed B's made B post at every run, 60 times an hour
    instead of 11 (review r5 #3)."""
    assert taker.client is not None
    endpoint = endpoint_of(taker.client.target)
    for run in runs:
        if run is taker or run.awake or run.blocked is not None or not has_client(run):
            continue
        assert run.client is not None
        if endpoint_of(run.client.target) != endpoint:
            continue
        run.awake = True
        if outbox.bring_forward(run.profile_id, now, endpoint):
            log.info(
                "%s takes statements again: profile %s's are due now", endpoint, run.profile_id
            )
            run.woken = run.brought = True


def check_account(
    run: ProfileRun,
    cancel: threading.Event,
    outbox: Outbox,
    clock: Clock,
    options: EngineOptions,
    stalled: dict[str, Stall],
    progress: Progress,
) -> None:
    """Ask the LRS whether it takes this profile's account, which has nothing to send (see
    `run`'s `check`): taken, `answered`; else the answer stops it as a batch's would
    (credentials refused: "auth"; an answer no LRS gives: "unexpected"), or it is told
    why there was no answer ("retry": nothing is queued, so no backoff; the next run asks
    again). Like a batch, it is not sent to a server that asked to wait, or gave another
    profile no answer in this run (`_drain`); one that gives it none (a timeout, a
    connection refused, a name not found) is not asked for the others either."""
    assert run.client is not None
    run.asked = True  # once a run
    server = server_of(run.client.target)
    result = run.client.check_account()
    if result.outcome is Outcome.RETRY and cancel.is_set():
        return  # ended by the stop: no answer of the server's
    now = clock.now()
    if result.outcome is Outcome.DELIVERED:
        run.answered = True
        log.info("the LRS at %s takes the account of profile %s", server, run.profile_id)
        return
    detail = error_text(result)
    run.detail = detail
    if result.outcome is Outcome.AUTH:
        run.blocked = "auth"
        progress("auth", run, 0, detail)
    elif result.outcome is Outcome.RETRY:
        if result.retry_after is not None:
            outbox.set_server_wait(server, now + honoured_wait(options, result.retry_after))
        if result.timed_out or result.name_unknown or result.sent_nothing:
            until = now + options.backoff_base  # as a batch's first retry
            line = held_line(server, detail, timed_out=result.timed_out)
            stalled[server] = Stall(until, line, run.profile_id, detail)
        progress("retry", run, 0, detail)
    else:
        run.blocked, run.stop = "unexpected", "unexpected_answer"
        progress("unexpected", run, 0, detail)
