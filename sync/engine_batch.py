"""One batch of a profile's statements sent to its LRS, and what its answer does to the outbox:
delivered, split in halves while refused, lone refusals held until it is proven they are the
statements' own (a delivery, a different answer, or the probe: a statement the server already
holds, sent again) and then quarantined as poison, a retry with backoff, or the profile stopped.

The rules are the engine's (sync.engine's docstring, DESIGN "Sync rules"); `SyncEngine` makes one
`BatchSender` per run and gives it each due batch. Nothing here imports `player`.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from sync.engine_options import Clock, EngineOptions
from sync.engine_reports import ProgressKind, Refused, StopReason, WaitReason
from sync.lrs import ANSWER_MAX_CHARS, Outcome, PostResult, server_of
from sync.outbox import Outbox, QueuedStatement
from sync.request_failure import held_line

# The engine's log: its lines read as they did before the batch had a module of its own.
log = logging.getLogger("sync.engine")


class Poster(Protocol):
    """What the engine needs of an LRS client (sync.lrs.LrsClient; fakes in unit tests)."""

    @property
    def target(self) -> str:
        """The server and account posted to (`sync.lrs.target_of`): recorded with each
        delivery, so a probe goes only where its statement already is."""
        ...

    def post_statements(self, bodies: Sequence[bytes]) -> PostResult: ...

    def check_account(self) -> PostResult:
        """Whether the LRS takes the account, sending nothing (`LrsClient.check_account`):
        asked only of a profile the engine is told to check (`SyncEngine.run`'s `check`)."""
        ...


@dataclass
class ProfileRun:
    """One profile's part of a run: its client, what it delivered and refused, why it stopped."""

    profile_id: str
    client: Poster | None = None
    delivered: int = 0
    refused: list[Refused] = field(default_factory=list)
    blocked: WaitReason | None = None
    stop: StopReason | None = None  # why, when blocked is "unexpected"
    detail: str = ""
    force: bool = False  # send the head even if its backoff has not elapsed (once)
    check: bool = False  # its account is to be confirmed when it has nothing to send
    asked: bool = False  # ...and the LRS was asked (`SyncEngine._check`, once a run)
    answered: bool = False  # the LRS took a request of this account in this run
    awake: bool = False  # another profile's delivery showed its server up (once a run)
    woken: bool = False  # ...and its backoff was ended then: to be drained again
    brought: bool = False  # ...in this run (`Outbox.bring_forward`: once a recovery)


def _same_answer(first: PostResult, second: PostResult) -> bool:
    return (first.status, first.answer) == (second.status, second.answer)


def _statements(refusals: list[tuple[QueuedStatement, PostResult]] | None) -> list[QueuedStatement]:
    return [statement for statement, _ in refusals or ()]


def _answering(result: PostResult, ids: Sequence[str]) -> PostResult:
    """`result`, or UNEXPECTED when a 200 lists ids that were not sent: it answers another
    request (a proxy's cached answer), so nothing of this batch is known stored. Fewer ids than
    sent is an answer (an LRS lists only those new to it); UUIDs compare whatever their case."""
    if result.outcome is not Outcome.DELIVERED or not result.ids:
        return result
    sent = {i.lower() for i in ids}
    foreign = [i for i in result.ids if i.lower() not in sent]
    if not foreign:
        return result
    named = ", ".join(foreign[:3]) + (", …" if len(foreign) > 3 else "")
    answer = f"the LRS acknowledged statements it was not sent ({named}): {result.answer}"
    return replace(result, outcome=Outcome.UNEXPECTED, answer=answer[:ANSWER_MAX_CHARS])


def _unnamed(result: PostResult, part: Sequence[QueuedStatement]) -> list[QueuedStatement]:
    """The statements of `part` a 200 does not name (none for a 204 or any other answer)."""
    if result.outcome is not Outcome.DELIVERED or result.status != 200:
        return []
    listed = {i.lower() for i in result.ids}
    return [s for s in part if s.id.lower() not in listed]


def honoured_wait(options: EngineOptions, retry_after: float) -> float:
    """A server's Retry-After in seconds, honoured as given but floored (a "0" or a date
    already past must not make us hammer) and capped; a batch and the account check both wait it."""
    return max(min(1.0, options.backoff_base), min(retry_after, options.retry_after_cap))


def error_text(result: PostResult) -> str:
    """A server's answer (or its absence) in one line: "HTTP 401: {...}", the network error."""
    if result.status is None:
        return result.answer or "no answer"
    return f"HTTP {result.status}: {result.answer}" if result.answer else f"HTTP {result.status}"


#: Batches in a row delivered whole at a reduced size before it doubles (`LinkSize`).
GROW_AFTER = 4


@dataclass
class LinkSize:
    """The batch size to one server after a batch got no answer, and how many batches of it
    went through whole since."""

    size: int
    streak: int = 0


@dataclass(frozen=True)
class Stall:
    """A server that gave no answer this run, whoever asked (it timed out, its name was not
    found, it refused the connection or its TLS handshake failed): until when the other
    profiles on it wait, and the line they are told (a hanging server cost one timeout per
    profile, one after the other: 25 profiles, 12.5 min)."""

    until: float
    detail: str
    asker: str = ""
    """The profile whose request got no answer: told its own line (`own`), not `detail`."""
    own: str = ""


class Progress(Protocol):
    """Reports one step of a profile's run (`SyncEngine._progress`)."""

    def __call__(
        self, kind: ProgressKind, run: ProfileRun, count: int, detail: str = ""
    ) -> None: ...


class BatchSender:
    """Sends the batches of one run (`SyncEngine` gives it each due batch, profile after profile).

    A server's Retry-After is written to the outbox (`Outbox.set_server_wait`), for every
    profile on that server and every process. `stalled` is the run's: a server whose request
    timed out or never went (`Stall`), until the batch's next try (the other profiles on it are
    not sent meanwhile). `sizes` is the engine's: the batch size per server (`batch_size` when
    absent), halved when a batch that went got no answer, doubled back after `GROW_AFTER`
    batches in a row delivered whole.
    `progress` reports a step (`SyncEngine._progress`, which reads its `on_progress` then).
    `stopped` is the run's cancel: looked at before each request, and after one that got no
    answer (then nothing is written: the stop ended it, not the server). `taken` is told of
    each batch delivered (`SyncEngine._taken`: the server is up, the other profiles on it go).
    """

    def __init__(
        self,
        outbox: Outbox,
        options: EngineOptions,
        clock: Clock,
        rng: random.Random,
        progress: Progress,
        stopped: Callable[[], bool] = lambda: False,
        sizes: dict[str, LinkSize] | None = None,
        stalled: dict[str, Stall] | None = None,
        taken: Callable[[ProfileRun], None] = lambda run: None,
    ) -> None:
        self.outbox = outbox
        self.options = options
        self.clock = clock
        self._rng = rng
        self._sizes = {} if sizes is None else sizes
        self._stalled = {} if stalled is None else stalled
        self._progress = progress
        self._stopped = stopped
        self._taken = taken

    def batch_size(self, run: ProfileRun) -> int:
        """How many statements to take for this profile's server now (see `sizes`)."""
        assert run.client is not None
        link = self._sizes.get(server_of(run.client.target))
        return self.options.batch_size if link is None else link.size

    def _resize(self, run: ProfileRun, size: int) -> None:
        assert run.client is not None
        server = server_of(run.client.target)
        size = max(1, min(size, self.options.batch_size))
        log.info("batches of %d statements to %s from now on", size, server)
        if size == self.options.batch_size:
            self._sizes.pop(server, None)
        else:
            self._sizes[server] = LinkSize(size)

    def delivered_whole(self, run: ProfileRun) -> None:
        """A batch of the current size went through: after `GROW_AFTER` in a row, twice as many
        (up to `batch_size`). Not after each one: at a link's limit every other request would be
        cut (12 go, 24 cut, 12 go...); this way one in five is."""
        assert run.client is not None
        link = self._sizes.get(server_of(run.client.target))
        if link is None:
            return
        link.streak += 1
        if link.streak >= GROW_AFTER:
            self._resize(run, link.size * 2)

    def send(self, run: ProfileRun, batch: list[QueuedStatement]) -> bool:
        """POST a batch, splitting it while refused; False when this profile must stop now."""
        assert run.client is not None
        parts = [batch]
        # Lone refusals held back while they may be the server refusing everything; None once
        # a delivery, a different answer or the probe (`_probe`) shows the refusals are the
        # statements' own. Held ones are never set aside without that proof: when the run
        # stops first, they wait.
        held: list[tuple[QueuedStatement, PostResult]] | None = []
        probing = False  # the batch's last statement is being sent alone to tell (see below)
        asked_again: set[str] = set()  # ids sent again after a 200 that left some out
        while parts:
            if self._stopped():  # what was refused so far waits, as it was
                return False
            part = parts.pop()
            result = run.client.post_statements([s.body for s in part])
            ids = [s.id for s in part]
            result = _answering(result, ids)
            unnamed = _unnamed(result, part)
            if unnamed and not all(i in asked_again for i in ids):
                # A 200 leaving ids out means "already held" only if the LRS held them: a
                # first send answered "200 []" by a lying proxy stored nothing. The part goes
                # again at once, nothing marked: an LRS that holds it all answers 204 (or
                # names every id); the same answer again is UNEXPECTED below.
                log.info(
                    "the LRS answered 200 naming %d of %d statements: sending them again",
                    len(part) - len(unnamed),
                    len(part),
                )
                asked_again.update(ids)
                parts.append(part)
                continue
            if unnamed:
                answer = (
                    f"the LRS answered 200 without naming {len(unnamed)} of {len(part)} "
                    f"statements, twice: {result.answer}"
                )
                result = replace(
                    result, outcome=Outcome.UNEXPECTED, answer=answer[:ANSWER_MAX_CHARS]
                )
            outcome = result.outcome
            if outcome is Outcome.RETRY and self._stopped():
                return False
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
                run.answered = True
                self._progress("delivered", run, len(part))
                self._taken(run)
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
                detail = f"the LRS refuses every statement: {error_text(result)}"
                if not self._probe(run, batch, held, detail):
                    return False
                held = None  # the server takes statements: the rest of the batch as usual
            elif outcome is Outcome.AUTH:
                # Nothing is marked: no retry is burnt on credentials the learner must fix.
                run.blocked, run.detail = "auth", error_text(result)
                self._progress("auth", run, len(part), run.detail)
                return False
            elif outcome is Outcome.RETRY:
                unsent = result.name_unknown or result.sent_nothing
                if result.status is None and not unsent:
                    # No answer (cut mid-body, timed out): on a link that drops every so many
                    # seconds a long body never gets through; a shorter one may (GPRS: 68 KB
                    # batches of 50 retried forever, batches of 20 all went in 64 s). Not when
                    # nothing went (refused, a failed TLS handshake): that says nothing of size.
                    self._resize(run, min(len(part), self.batch_size(run)) // 2)
                retry_at = self._retry(run, [*_statements(held), *part], result)
                if result.timed_out or unsent:  # so for every profile on it: asked once
                    server = server_of(run.client.target)
                    line = held_line(server, error_text(result), timed_out=result.timed_out)
                    own = error_text(result)
                    self._stalled[server] = Stall(retry_at, line, run.profile_id, own)
                return False
            else:  # UNEXPECTED: this profile's endpoint is wrong, not the others'
                self._stop_unexpected(
                    run,
                    [*_statements(held), *part],
                    result,
                    error_text(result),
                    "unexpected_answer",
                )
                return False
        if held:
            # Every statement of a batch shorter than `systemic_refusals` refused alone, alike,
            # nothing delivered: a bad statement and a server refusing everything look the
            # same in the batch. A statement the server holds tells (see `_probe`).
            detail = (
                f"the LRS refused all {len(held)} statement(s) waiting, kept until it takes "
                f"another one or is fixed: {error_text(held[-1][1])}"
            )
            return self._probe(run, batch, held, detail)
        return True

    def _probe(
        self,
        run: ProfileRun,
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
        if outcome is Outcome.RETRY and self._stopped():
            return False
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
                f"the LRS refuses every statement, even one it already holds: {error_text(result)}"
            )
            self._stop_unexpected(run, batch, result, detail, "lrs_refuses_all")
        elif outcome is Outcome.AUTH:
            run.blocked, run.detail = "auth", error_text(answer)
            self._progress("auth", run, len(held), run.detail)
        elif outcome is Outcome.RETRY:
            self._retry(run, _statements(held), answer)
        else:
            self._stop_unexpected(
                run, _statements(held), answer, error_text(answer), "unexpected_answer"
            )
        return False

    def _stop_unexpected(
        self,
        run: ProfileRun,
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
        self, run: ProfileRun, refusals: list[tuple[QueuedStatement, PostResult]] | None
    ) -> None:
        """Keep statements the LRS refused alone as poison, with its answer."""
        for statement, result in refusals or ():
            answer = error_text(result)
            self.outbox.mark_poison(statement.id, answer)
            run.refused.append(Refused(run.profile_id, statement.id, result.status, result.answer))
            log.warning("statement %s refused by the LRS: HTTP %s", statement.id, result.status)
            self._progress("poison", run, 1, answer)

    def _retry(self, run: ProfileRun, part: list[QueuedStatement], result: PostResult) -> float:
        """Keep `part` queued, due again after a backoff or the server's Retry-After: when."""
        now = self.clock.now()
        delay = self._backoff(part[0].attempts)
        if result.retry_after is not None:
            delay = honoured_wait(self.options, result.retry_after)
            assert run.client is not None
            self.outbox.set_server_wait(server_of(run.client.target), now + delay)
        error = error_text(result)
        self.outbox.mark_retry([s.id for s in part], now + delay, error)
        run.force = False  # a forced run tries the head once, then respects the backoff
        run.detail = error
        self._progress("retry", run, len(part), error)
        return now + delay

    def _backoff(self, attempts: int) -> float:
        options = self.options
        delay = min(options.backoff_cap, options.backoff_base * 2.0 ** min(attempts, 60))
        return delay * (1.0 - options.jitter * self._rng.random())
