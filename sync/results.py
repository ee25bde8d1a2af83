"""Pull back what the institution decided: graded exam results from the LRS.

The institution's grader reads the submitted attempts (the answer key never ships), then posts
a `passed` or `failed` statement about the learner (`actor`) whose `context.registration` is the
exam attempt's own registration. Here we read them with `GET statements?agent=&verb=&since=`,
following `more`, keep those about the registrations still waiting for a grade, and hand them on
as typed `ExamResult`s; sync never imports the player, so the caller applies them (the store's
`record_exam_result`) and only then moves the `since` watermark forward (`ResultsState`), so a
crash between reading and recording reads them again. Recording a grade twice changes nothing.

`since`: xAPI compares it with `stored` (Ralph's fs backend with `timestamp`); the watermark is
the latest `stored` seen, less a margin for statements stored out of order. Never `timestamp`: it
is the recording device's clock, and one a year ahead would hide every later grade. Never past
the moment the pull started either (a server clock ahead, or a watermark such a statement left
in an older version's state file), so a wrong clock costs a re-read, never a lost grade.

Who may grade: a learner holds LRS credentials that can write statements, so a `passed` with
the right actor and registration proves nothing by itself. A grade counts only when
- its `object.id` is the exam's own activity (the caller maps each registration to it), and
- its `authority` (which the LRS stamps, not the poster) is not the learner: neither one of
  the learner's agents nor the identity of the learner's credentials. With a `grader` agent,
  only statements whose authority is that agent count.
Limit: without a configured grader, an LRS that stamps the learner's writes with an identity
we cannot recognise (an admin-chosen agent unrelated to the user name), or no authority at
all, cannot be told from the grader; institutions should give learners write-only accounts
whose authority is their account, or name the grader.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from sync.durable import write_atomic
from sync.lrs import LrsError

PASSED = "http://adlnet.gov/expapi/verbs/passed"
FAILED = "http://adlnet.gov/expapi/verbs/failed"
#: How far back each pull looks before the watermark (results are idempotent, overlap is free).
OVERLAP = timedelta(minutes=10)


class Reader(Protocol):
    """What pulling needs of an LRS client (sync.lrs.LrsClient)."""

    def get_statements(
        self, agent: Mapping[str, Any], verb: str | None = None, since: str | None = None
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


@dataclass(frozen=True)
class PullReport:
    results: tuple[ExamResult, ...]
    watermark: str | None
    """The `since` for the next pull (unchanged when nothing was read, unless it was ahead of
    the moment of the pull)."""
    read: int
    """Statements read from the LRS (results or not)."""


def _parse_time(text: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


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
    """An account's home page as the same site whatever port or case it is written with: an LRS
    may stamp its users at `https://lrs.example.org` while they reach it at `...:8443/xAPI/`."""
    parts = urlsplit(home_page.strip())
    host = (parts.hostname or "").lower()
    return f"{parts.scheme.lower()}://{host}{parts.path.rstrip('/')}"


def _graded_by(
    statement: Mapping[str, Any],
    learner: set[tuple[str, ...]],
    grader: set[tuple[str, ...]] | None,
) -> bool:
    """The LRS says someone other than the learner wrote it (the named grader, if any)."""
    authority = _ifis(statement.get("authority"))
    if grader is not None:
        return bool(authority & grader) and not authority & learner
    return not authority & learner


def _result(statement: Mapping[str, Any], verb: str) -> ExamResult | None:
    context = statement.get("context")
    registration = context.get("registration") if isinstance(context, dict) else None
    statement_id = statement.get("id")
    if not isinstance(registration, str) or not isinstance(statement_id, str):
        return None
    result = statement.get("result")
    score = result.get("score") if isinstance(result, dict) else None
    scaled = score.get("scaled") if isinstance(score, dict) else None
    if isinstance(scaled, bool) or not isinstance(scaled, int | float):
        scaled = None
    return ExamResult(
        registration=registration,
        passed=verb == PASSED,
        score=None if scaled is None else float(scaled),
        statement_id=statement_id,
        statement=json.dumps(
            dict(statement), ensure_ascii=False, separators=(",", ":"), sort_keys=True
        ).encode(),
        timestamp=str(statement.get("timestamp", "")),
    )


def pull_results(
    client: Reader,
    agent: Mapping[str, Any],
    registrations: Collection[str] | Mapping[str, str],
    since: str | None = None,
    *,
    now: datetime | None = None,
    learner: Iterable[Mapping[str, Any]] = (),
    grader: Mapping[str, Any] | None = None,
) -> PullReport:
    """Read the grades of these exam registrations; raises `sync.lrs.LrsError` when the LRS
    cannot be read (the watermark then stays where it was).

    `registrations` mapped to the exam's activity id: a grade about another object is not
    one. `learner`: the agents that are the learner (actors, the credentials' identity) and so
    never an authority to grade; `agent` is always one. `grader`: the only authority accepted.

    Nothing is asked when no registration waits for a grade. When the LRS holds both a `passed`
    and a `failed` for one registration (a regrade), the latest timestamp wins. `now` is the
    moment the pull starts (tests pass it), the furthest the watermark may go.
    """
    if not registrations:
        return PullReport((), since, 0)
    started = now or datetime.now(UTC)
    wanted = set(registrations)
    activities = registrations if isinstance(registrations, Mapping) else None
    learner_ifis = _ifis(agent).union(*(_ifis(a) for a in learner))
    grader_ifis = _ifis(grader) if grader is not None else None
    mark = _parse_time(since) if since else None
    if mark is not None and mark > started:
        mark = started  # a watermark left by a wrong clock: read again from now
    query_since = _format_time(mark - OVERLAP) if mark else None
    latest: dict[str, ExamResult] = {}
    read = 0
    for verb in (PASSED, FAILED):
        for statement in client.get_statements(agent, verb, since=query_since):
            read += 1
            if not isinstance(statement, dict):
                continue  # a broken LRS's `null` or string is no grade, and no reason to crash
            moment = _parse_time(str(statement.get("stored", "")))
            if moment is not None and (mark is None or moment > mark):
                mark = min(moment, started)
            found = _result(statement, verb)
            if found is None or found.registration not in wanted:
                continue
            target = statement.get("object")
            target_id = target.get("id") if isinstance(target, dict) else None
            if activities is not None and target_id != activities[found.registration]:
                continue  # about something else than this exam
            if not _graded_by(statement, learner_ifis, grader_ifis):
                continue  # written by the learner's own credentials: no grade
            held = latest.get(found.registration)
            if held is None or _sort_key(found) > _sort_key(held):
                latest[found.registration] = found
    watermark = _format_time(mark) if mark else since
    return PullReport(tuple(sorted(latest.values(), key=_sort_key)), watermark, read)


def _sort_key(result: ExamResult) -> datetime:
    return _parse_time(result.timestamp) or datetime.min.replace(tzinfo=UTC)


def _later(a: str, b: str) -> bool:
    first, second = _parse_time(a), _parse_time(b)
    return first is not None and (second is None or first > second)


class ResultsState:
    """The `since` watermark of each profile, in a small JSON file (written atomically)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict[str, str]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # lost or damaged: the next pull reads everything again, harmlessly
        return {k: v for k, v in raw.items() if isinstance(v, str)} if isinstance(raw, dict) else {}

    def since(self, profile_id: str) -> str | None:
        return self._read().get(profile_id)

    def remember(self, profile_id: str, watermark: str | None) -> None:
        if watermark is None:
            return
        data = self._read()
        data[profile_id] = watermark
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, json.dumps(data, indent=1))


def pull_and_apply(
    client: Reader,
    state: ResultsState,
    profile_id: str,
    agents: Iterable[Mapping[str, Any]],
    registrations: Collection[str] | Mapping[str, str],
    on_result: Callable[[ExamResult], None],
    *,
    now: datetime | None = None,
    learner: Iterable[Mapping[str, Any]] = (),
    grader: Mapping[str, Any] | None = None,
) -> tuple[ExamResult, ...]:
    """Pull for each of the learner's agents (the device actor before an account was linked,
    then the account), hand every result to `on_result` on this thread, then move the
    watermark. `on_result` raising stops before the watermark moves."""
    since = state.since(profile_id)
    started = now or datetime.now(UTC)
    handed: list[ExamResult] = []
    newest: str | None = None  # from the reports only: a watermark ahead of now goes back
    agents = list(agents)
    learner = [*agents, *learner]  # each of the learner's agents is no grader for the others
    for agent in agents:
        report = pull_results(
            client, agent, registrations, since, now=started, learner=learner, grader=grader
        )
        for result in report.results:
            on_result(result)
            handed.append(result)
        if report.watermark and (newest is None or _later(report.watermark, newest)):
            newest = report.watermark
    state.remember(profile_id, newest)
    return tuple(handed)


__all__ = [
    "FAILED",
    "PASSED",
    "ExamResult",
    "LrsError",
    "PullReport",
    "ResultsState",
    "pull_and_apply",
    "pull_results",
]
