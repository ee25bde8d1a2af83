"""Pull back what the institution decided: graded exam results from the LRS.

The institution's grader reads the submitted attempts (the answer key never ships), then posts
a `passed` or `failed` statement about the learner (`actor`) whose `context.registration` is the
exam attempt's own registration. Here we read them with `GET statements?agent=&activity=&since=`
(one request per exam, its activity id: the learner's own practice-quiz `failed` statements are
not downloaded to be thrown away; the verbs are sorted here), following `more`, keep those about
the registrations asked for, and hand them on as typed `ExamResult`s; sync never imports the
player, so the caller applies them (the store's `record_exam_result`) and only then moves the
`since` watermark forward (`ResultsState`), so a crash between reading and recording reads them
again. Recording a grade twice changes nothing.

Regrades: a grader may correct a grade. The caller asks for the attempts waiting for a grade and
for those graded less than `REGRADE_WINDOW` ago (by the device's clock when the grade was
recorded): with `since` at the watermark, such a re-read is one request per exam that brings
back only what was stored since. Of several grades of one attempt, the latest (`supersedes`:
`timestamp`, then `stored`) wins, within a read, across the learner's agents, and against the
grade already recorded, so the grade shown never depends on when the learner synced. A
correction posted after the window is not read.

`since`: xAPI compares it with `stored` (Ralph's fs backend with `timestamp`); the watermark is
the latest `stored` seen, less a margin for statements stored out of order. Never `timestamp`: it
is the recording device's clock, and one a year ahead would hide every later grade. Never past
the moment the pull started either (a server clock ahead, or a watermark such a statement left
in an older version's state file), so a wrong clock costs a re-read, never a lost grade. Nor past
a grade refused only because its authority is not the grader the branding names (a misnamed
grader would otherwise lose every grade for good once a later statement is read): it is read
again at each pull for `HOLD_BACK` after it was stored, with one warning per pull.

Who may grade: a learner holds LRS credentials that can write statements, so a `passed` with
the right actor and registration proves nothing by itself. A grade counts only when
- its `object.id` is the exam's own activity (the caller maps each registration to it), and
- its `authority` (which the LRS stamps, not the poster) is not the learner: neither one of
  the learner's agents nor the identity of the learner's credentials. With a `grader` agent,
  only statements whose authority is that agent count. An account's home page is compared
  as a site: whatever its port, case, trailing slash, or http/https (see `_site`).
Limit: without a configured grader, an LRS that stamps the learner's writes with an identity
we cannot recognise (an admin-chosen agent unrelated to the user name), or no authority at
all, cannot be told from the grader; institutions should give learners write-only accounts
whose authority is their account, or name the grader.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from sync.durable import write_atomic
from sync.grade_order import grade_order, supersedes
from sync.grade_order import parse_time as _parse_time
from sync.interprocess import held
from sync.lrs import LrsError

log = logging.getLogger(__name__)

PASSED = "http://adlnet.gov/expapi/verbs/passed"
FAILED = "http://adlnet.gov/expapi/verbs/failed"
#: How far back each pull looks before the watermark (results are idempotent, overlap is free).
OVERLAP = timedelta(minutes=10)
#: How long a grade refused only for its authority (neither the named grader nor the learner)
#: holds the watermark back, so it is read again once the branding's grader is fixed.
HOLD_BACK = timedelta(days=30)
#: How long after its grade was recorded an attempt's grades are still read, for a regrade.
REGRADE_WINDOW = timedelta(days=30)


class Reader(Protocol):
    """What pulling needs of an LRS client (sync.lrs.LrsClient)."""

    def get_statements(
        self,
        agent: Mapping[str, Any],
        verb: str | None = None,
        since: str | None = None,
        *,
        activity: str | None = None,
    ) -> Iterable[dict[str, Any]]: ...


@dataclass(frozen=True)
class ExamResult:
    """The institution's grade for one exam attempt (by its registration)."""

    registration: str
    passed: bool
    score: float | None  # result.score.scaled, when the grader gave one
    statement_id: str
    statement: bytes  # the grader's statement, compact JSON, kept with the attempt
    timestamp: str
    stored: str = ""


@dataclass(frozen=True)
class PullReport:
    results: tuple[ExamResult, ...]
    watermark: str | None
    """The `since` for the next pull (unchanged when nothing was read, unless it was ahead of
    the moment of the pull)."""
    read: int
    """Statements read from the LRS (results or not)."""
    held: bool = False
    """The watermark stops at a grade refused for its authority (neither the grader named nor
    the learner), to read it again: combining the reports of several agents, take the
    earliest watermark of a held report, not the latest of all."""


def _format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _ifis(agent: object) -> set[tuple[str, ...]]:
    """The inverse functional identifiers of an agent, or of every member of a group (an
    OAuth authority is a group of the client and the user)."""
    if not isinstance(agent, Mapping):
        return set()
    found: set[tuple[str, ...]] = set()
    for key in ("mbox", "mbox_sha1sum", "openid"):
        value = agent.get(key)
        if isinstance(value, str) and value:
            found.add((key, value.strip().lower()))
    account = agent.get("account")
    if isinstance(account, Mapping):
        home, name = account.get("homePage"), account.get("name")
        if isinstance(home, str) and isinstance(name, str) and name:
            found.add(("account", _site(home), name))
    members = agent.get("member")
    if isinstance(members, list):
        for member in members:
            found |= _ifis(member)
    return found


def _site(home_page: str) -> str:
    """An account's home page as the same site whatever port, case or web scheme it is written
    with: an LRS may stamp its users at `http://lrs.example.org` while they reach it at
    `https://lrs.example.org:8443/xAPI/` (behind a TLS proxy). http and https on one host are
    one site's accounts, not two identities: whoever gets an authority stamped is the LRS's
    choice, never the poster's, so taking both lets no one in that the host would not, while
    telling them apart hid every grade of a grader named with the other scheme (and would
    take a learner stamped at the other scheme for someone else)."""
    parts = urlsplit(home_page.strip())
    host = (parts.hostname or "").lower()
    scheme = parts.scheme.lower()
    if scheme == "http":
        scheme = "https"
    return f"{scheme}://{host}{parts.path.rstrip('/')}"


def _graded_by(
    statement: Mapping[str, Any],
    learner: set[tuple[str, ...]],
    grader: set[tuple[str, ...]] | None,
) -> bool | None:
    """The LRS says someone other than the learner wrote it (the named grader, if any): True;
    the learner wrote it: False; someone else than the grader named: None (no grade, but maybe
    a grader misnamed in the branding)."""
    authority = _ifis(statement.get("authority"))
    if authority & learner:
        return False
    if grader is not None and not authority & grader:
        return None
    return True


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _result(statement: Mapping[str, Any], verb: str) -> ExamResult | None:
    context = statement.get("context")
    registration = context.get("registration") if isinstance(context, dict) else None
    statement_id = statement.get("id")
    if not isinstance(registration, str) or not isinstance(statement_id, str):
        return None
    result = statement.get("result")
    score = result.get("score") if isinstance(result, dict) else None
    scaled = score.get("scaled") if isinstance(score, dict) else None
    if isinstance(scaled, bool) or not isinstance(scaled, int | float) or not -1 <= scaled <= 1:
        scaled = None  # xAPI's scaled is within [-1, 1]: a server's 1e400 or NaN is no score
    try:  # kept as the learner's history: JSON any LRS reads back, so no NaN nor Infinity
        body = json.dumps(
            dict(statement),
            ensure_ascii=False,
            separators=(",", ":"),
            sort_keys=True,
            allow_nan=False,
        ).encode()
    except ValueError:
        log.warning("grade %s not taken: it holds a number that is not finite", statement_id)
        return None
    return ExamResult(
        registration=registration,
        passed=verb == PASSED,
        score=None if scaled is None else float(scaled),
        statement_id=statement_id,
        statement=body,
        timestamp=str(statement.get("timestamp", "")),
        stored=str(statement.get("stored", "")),
    )


def pull_results(
    client: Reader,
    agent: Mapping[str, Any],
    registrations: Mapping[str, str],
    since: str | None = None,
    *,
    now: datetime | None = None,
    learner: Iterable[Mapping[str, Any]] = (),
    grader: Mapping[str, Any] | None = None,
) -> PullReport:
    """Read the grades of these exam registrations; raises `sync.lrs.LrsError` when the LRS
    cannot be read (the watermark then stays where it was).

    `registrations` mapped to the exam's activity id: one request per activity (and its
    `more` pages), and a grade about another object is not one. `learner`: the agents that are
    the learner (actors, the credentials' identity) and so never an authority to grade; `agent`
    is always one. `grader`: the only authority accepted.

    Nothing is asked without a registration. When the LRS holds several grades of one
    registration (a regrade), the latest wins (`supersedes`). `now` is the moment the pull
    starts (tests pass it), the furthest the watermark may go.

    A statement about a waiting registration and its exam whose authority is neither the
    learner nor `grader` is no grade, but it may be the grader misnamed in the branding: the
    watermark stops at it (`PullReport.held`) so it is read again once the branding is fixed,
    and one warning per pull names the authority seen and the one expected. Only for
    `HOLD_BACK` after it was stored: one that never passes (forged under an identity we cannot
    recognise, a branding never fixed) must not make every pull read an ever longer history.
    One the learner wrote is no grade whatever the branding says, and holds nothing.
    """
    if not registrations:
        return PullReport((), since, 0)
    started = now or datetime.now(UTC)
    learner_ifis = _ifis(agent).union(*(_ifis(a) for a in learner))
    grader_ifis = _ifis(grader) if grader is not None else None
    mark = _parse_time(since) if since else None
    if mark is not None and mark > started:
        mark = started  # a watermark left by a wrong clock: read again from now
    query_since = _format_time(mark - OVERLAP) if mark else None
    latest: dict[str, ExamResult] = {}
    read = 0
    hold: datetime | None = None  # the earliest grade refused for its authority only
    foreign: list[Mapping[str, Any]] = []  # those grades, for the warning
    for activity in sorted(set(registrations.values())):
        for statement in client.get_statements(agent, since=query_since, activity=activity):
            read += 1
            if not isinstance(statement, dict):
                continue  # a broken LRS's `null` or string is no grade, and no reason to crash
            moment = _parse_time(str(statement.get("stored", "")))
            if moment is not None and (mark is None or moment > mark):
                mark = min(moment, started)
            verb = statement.get("verb")
            verb_id = verb.get("id") if isinstance(verb, dict) else None
            if verb_id not in (PASSED, FAILED):
                continue  # the learner's own `attempted`, `submitted`... about the exam
            found = _result(statement, verb_id)
            if found is None or found.registration not in registrations:
                continue
            target = statement.get("object")
            target_id = target.get("id") if isinstance(target, dict) else None
            if target_id != registrations[found.registration]:
                continue  # about something else than this exam
            graded = _graded_by(statement, learner_ifis, grader_ifis)
            if graded is None:
                foreign.append(statement)
                if moment is not None and moment > started - HOLD_BACK:
                    hold = moment if hold is None else min(hold, moment)
            if not graded:
                continue  # the learner's own, or not the grader's: no grade
            _keep_latest(latest, found)
    if hold is not None and (mark is None or mark > hold):
        mark = hold
    if foreign:
        log.warning(
            "%d grade(s) not taken: stamped by the LRS with authority %s, not the grader %s"
            " named in the branding ([lrs] grader); each is read again at every pull until"
            " %d days after it was stored",
            len(foreign),
            _compact(foreign[0].get("authority")),
            _compact(grader),
            HOLD_BACK.days,
        )
    watermark = _format_time(mark) if mark else since
    results = tuple(sorted(latest.values(), key=_sort_key))
    return PullReport(results, watermark, read, held=hold is not None)


def _sort_key(result: ExamResult) -> tuple[datetime, datetime]:
    return grade_order(result.timestamp, result.stored)


def _keep_latest(latest: dict[str, ExamResult], found: ExamResult) -> None:
    held = latest.get(found.registration)
    if held is None or _sort_key(found) > _sort_key(held):
        latest[found.registration] = found


def _later(a: str, b: str) -> bool:
    first, second = _parse_time(a), _parse_time(b)
    return first is not None and (second is None or first > second)


def combined(reports: Iterable[PullReport]) -> PullReport:
    """The reports of one learner's agents as one: the latest result of each registration
    (a regrade may name another of the learner's agents), and the watermark the next pull starts
    from. That is the latest of them (a watermark ahead of now went back in its report), unless
    one is held at a grade refused for its authority: then the earliest held one, which another
    agent's later watermark must not pass, or that grade is never read again once the branding
    names its grader right."""
    latest: dict[str, ExamResult] = {}
    newest: str | None = None
    held: str | None = None
    read = 0
    for report in reports:
        for result in report.results:
            _keep_latest(latest, result)
        read += report.read
        mark = report.watermark
        if mark and (newest is None or _later(mark, newest)):
            newest = mark
        if report.held and mark and (held is None or _later(held, mark)):
            held = mark
    results = tuple(sorted(latest.values(), key=_sort_key))
    return PullReport(results, held or newest, read, held=held is not None)


class ResultsState:
    """The `since` watermark of each profile, in a small JSON file (written atomically).

    Two processes may write it at once (the GUI and `cartable sync`, `cartable records import`):
    each write reads the file, compares and writes it back under an OS file lock beside it, so
    a compare-and-set is one step across processes and no write brings back another profile's
    old mark."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")

    def _read(self) -> dict[str, str]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # lost or damaged: the next pull reads everything again, harmlessly
        return {k: v for k, v in raw.items() if isinstance(v, str)} if isinstance(raw, dict) else {}

    def since(self, profile_id: str) -> str | None:
        return self._read().get(profile_id)

    def remember(self, profile_id: str, watermark: str | None) -> None:
        self._write(profile_id, watermark, None, check=False)

    def remember_if(self, profile_id: str, watermark: str | None, expected: str | None) -> bool:
        """Keep `watermark` only if the file still holds `expected` (what the read started
        from): another writer moved it meanwhile, and theirs stands. True when kept."""
        return self._write(profile_id, watermark, expected, check=True)

    def _write(
        self, profile_id: str, watermark: str | None, expected: str | None, *, check: bool
    ) -> bool:
        if watermark is None:
            return False
        with held(self.lock_path):  # creates the folder; milliseconds, whoever holds it
            data = self._read()
            if check and data.get(profile_id) != expected:
                return False
            data[profile_id] = watermark
            write_atomic(self.path, json.dumps(data, indent=1))
        return True


def pull_and_apply(
    client: Reader,
    state: ResultsState,
    profile_id: str,
    agents: Iterable[Mapping[str, Any]],
    registrations: Mapping[str, str],
    on_result: Callable[[ExamResult], None],
    *,
    now: datetime | None = None,
    learner: Iterable[Mapping[str, Any]] = (),
    grader: Mapping[str, Any] | None = None,
) -> tuple[ExamResult, ...]:
    """Pull for each of the learner's agents (the device actor before an account was linked,
    then the account), hand the latest result of each registration to `on_result` on this
    thread, then move the watermark. `on_result` raising stops before the watermark moves."""
    since = state.since(profile_id)
    started = now or datetime.now(UTC)
    reports: list[PullReport] = []
    agents = list(agents)
    learner = [*agents, *learner]  # each of the learner's agents is no grader for the others
    for agent in agents:
        reports.append(
            pull_results(
                client, agent, registrations, since, now=started, learner=learner, grader=grader
            )
        )
    together = combined(reports)
    for result in together.results:
        on_result(result)
    state.remember(profile_id, together.watermark)
    return together.results


__all__ = [
    "FAILED",
    "HOLD_BACK",
    "PASSED",
    "REGRADE_WINDOW",
    "ExamResult",
    "LrsError",
    "PullReport",
    "ResultsState",
    "combined",
    "pull_and_apply",
    "pull_results",
    "supersedes",
]
