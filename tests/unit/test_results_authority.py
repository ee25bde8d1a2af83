"""Grades whose authority is not the configured grader: never counted, never lost to the watermark.

A branding's `[lrs] grader` written slightly wrong (another name, a typo) must not make the pull
skip the grades for good: the watermark stays at such a grade, so it is read again once the
branding is fixed, for a bounded time (`HOLD_BACK`); a grade the learner wrote is no grade
whatever the branding says, and never holds the watermark.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from sync.results import (
    FAILED,
    HOLD_BACK,
    PASSED,
    ExamResult,
    ResultsState,
    pull_and_apply,
    pull_results,
)

LEARNER = {"objectType": "Agent", "account": {"homePage": "https://school.test", "name": "awa"}}
DEVICE = {"objectType": "Agent", "account": {"homePage": "urn:cartable:device", "name": "p"}}
EXAM = "https://c.test/exam"
STAMPED = {
    "objectType": "Agent",
    "account": {"homePage": "http://lrs.example.org", "name": "grader"},
}
CONFIGURED = {
    "objectType": "Agent",
    "account": {"homePage": "https://lrs.example.org:8443/", "name": "grader"},
}
MISTYPED = {
    "objectType": "Agent",
    "account": {"homePage": "https://lrs.example.org", "name": "grade"},
}
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def statement(
    verb: str, registration: str, stored: datetime, authority: Mapping[str, Any], obj: str = EXAM
) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "actor": LEARNER,
        "verb": {"id": verb},
        "object": {"id": obj},
        "context": {"registration": registration},
        "result": {"score": {"scaled": 0.9}},
        "timestamp": stamp(stored),
        "stored": stamp(stored),
        "authority": dict(authority),
    }


class Reader:
    def __init__(self, statements: list[dict[str, Any]], agent: Mapping[str, Any] = LEARNER):
        self.statements = statements
        self.agent = agent
        self.queries: list[str | None] = []

    def get_statements(
        self,
        agent: Mapping[str, Any],
        verb: str | None = None,
        since: str | None = None,
        *,
        activity: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        self.queries.append(since)
        if agent != self.agent:
            return
        for s in sorted(self.statements, key=lambda s: s["stored"], reverse=True):
            if matches(s, verb, since, activity):
                yield s


def matches(s: dict[str, Any], verb: str | None, since: str | None, activity: str | None) -> bool:
    """The statements API's filters: `verb`, `activity` (the object's id), `since` (stored)."""
    return (
        verb in (None, s["verb"]["id"])
        and activity in (None, s["object"]["id"])
        and (since is None or s["stored"] > since)
    )


def test_a_grader_stamped_with_http_is_the_grader_named_with_https() -> None:
    """An account's home page names a site: http or https, like the port, is how it is
    reached, not who it is (Ralph stamps `http://host` users reached through a TLS proxy)."""
    reg = str(uuid.uuid4())
    reader = Reader([statement(PASSED, reg, NOW - timedelta(days=1), STAMPED)])
    [result] = pull_results(reader, LEARNER, {reg: EXAM}, now=NOW, grader=CONFIGURED).results
    assert result.passed and result.score == 0.9


def test_the_learner_at_the_other_scheme_is_still_the_learner() -> None:
    reg = str(uuid.uuid4())
    by_learner = {
        "objectType": "Agent",
        "account": {"homePage": "http://school.test", "name": "awa"},
    }
    reader = Reader([statement(PASSED, reg, NOW - timedelta(days=1), by_learner)])
    assert pull_results(reader, LEARNER, {reg: EXAM}, now=NOW).results == ()


def test_a_grade_by_another_authority_is_read_again_once_the_grader_is_fixed(
    caplog: pytest.LogCaptureFixture,
) -> None:
    reg = str(uuid.uuid4())
    graded = NOW - timedelta(days=3)
    grade = statement(PASSED, reg, graded, STAMPED)
    later = statement(PASSED, "another-reg", NOW - timedelta(days=1), LEARNER)
    reader = Reader([grade, later])
    with caplog.at_level(logging.WARNING, logger="sync.results"):
        first = pull_results(reader, LEARNER, {reg: EXAM}, now=NOW, grader=MISTYPED)
    assert first.results == ()
    assert first.watermark == stamp(graded)  # not past the grade, though one is later
    fixed = pull_results(reader, LEARNER, {reg: EXAM}, first.watermark, now=NOW, grader=STAMPED)
    assert [r.statement_id for r in fixed.results] == [grade["id"]]
    assert fixed.watermark == stamp(NOW - timedelta(days=1))
    [warning] = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert '"name":"grader"' in warning.getMessage()  # the authority seen...
    assert '"name":"grade"' in warning.getMessage()  # ...and the one expected


def test_one_warning_per_pull_however_many_grades_are_held(
    caplog: pytest.LogCaptureFixture,
) -> None:
    regs = [str(uuid.uuid4()) for _ in range(5)]
    reader = Reader(
        [statement(FAILED, r, NOW - timedelta(hours=n + 1), STAMPED) for n, r in enumerate(regs)]
    )
    with caplog.at_level(logging.WARNING, logger="sync.results"):
        report = pull_results(reader, LEARNER, dict.fromkeys(regs, EXAM), now=NOW, grader=MISTYPED)
    assert report.results == () and report.watermark == stamp(NOW - timedelta(hours=5))
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1
    assert "5 grade" in caplog.records[0].getMessage()


def test_a_grade_the_learner_wrote_never_holds_the_watermark() -> None:
    reg = str(uuid.uuid4())
    forged = statement(PASSED, reg, NOW - timedelta(days=3), LEARNER)
    later = statement(PASSED, "another-reg", NOW - timedelta(days=1), LEARNER)
    report = pull_results(Reader([forged, later]), LEARNER, {reg: EXAM}, now=NOW, grader=STAMPED)
    assert report.results == () and report.watermark == stamp(NOW - timedelta(days=1))


def test_a_grade_about_another_exam_or_registration_never_holds_the_watermark() -> None:
    reg = str(uuid.uuid4())
    elsewhere = statement(PASSED, reg, NOW - timedelta(days=3), MISTYPED, "https://c.test/other")
    other_reg = statement(PASSED, "other", NOW - timedelta(days=2), MISTYPED)
    later = statement(PASSED, "x", NOW - timedelta(days=1), LEARNER)
    reader = Reader([elsewhere, other_reg, later])
    report = pull_results(reader, LEARNER, {reg: EXAM}, now=NOW, grader=STAMPED)
    assert report.watermark == stamp(NOW - timedelta(days=1))


def test_the_watermark_is_held_back_no_further_than_the_limit() -> None:
    """A grade that never passes the check (forged under an identity we cannot recognise, or a
    grader never fixed) must not make every pull read an ever longer history."""
    reg_old, reg_new = str(uuid.uuid4()), str(uuid.uuid4())
    too_old = statement(PASSED, reg_old, NOW - HOLD_BACK - timedelta(days=1), MISTYPED)
    recent = statement(PASSED, reg_new, NOW - HOLD_BACK + timedelta(days=1), MISTYPED)
    later = statement(PASSED, "x", NOW - timedelta(days=1), LEARNER)
    regs = {reg_old: EXAM, reg_new: EXAM}
    report = pull_results(Reader([too_old, recent, later]), LEARNER, regs, now=NOW, grader=STAMPED)
    assert report.watermark == recent["stored"]
    report = pull_results(Reader([too_old, later]), LEARNER, regs, now=NOW, grader=STAMPED)
    assert report.watermark == later["stored"]
    # Pull after pull, the held grade is read again until it is older than the limit.
    reader, since = Reader([recent, later]), None
    for moment in (NOW, NOW + timedelta(hours=12), NOW + timedelta(hours=23)):
        since = pull_results(reader, LEARNER, regs, since, now=moment, grader=STAMPED).watermark
        assert since == recent["stored"]
    moment = NOW + timedelta(days=1, hours=1)
    since = pull_results(reader, LEARNER, regs, since, now=moment, grader=STAMPED).watermark
    assert since == later["stored"]


def test_pull_and_apply_keeps_a_hold_whatever_the_other_agent_read(tmp_path: Path) -> None:
    reg = str(uuid.uuid4())
    held = statement(PASSED, reg, NOW - timedelta(days=3), MISTYPED)
    later = statement(PASSED, "x", NOW - timedelta(days=1), DEVICE)
    later["actor"] = DEVICE

    class Both(Reader):
        def get_statements(  # type: ignore[override]
            self,
            agent: Mapping[str, Any],
            verb: str | None = None,
            since: str | None = None,
            *,
            activity: str | None = None,
        ) -> Iterator[dict[str, Any]]:
            for s in self.statements:
                if s["actor"] == agent and matches(s, verb, since, activity):
                    yield s

    state = ResultsState(tmp_path / "results.json")
    applied: list[ExamResult] = []
    reader = Both([held, later])
    pull_and_apply(
        reader, state, "p", [LEARNER, DEVICE], {reg: EXAM}, applied.append, now=NOW, grader=STAMPED
    )
    assert applied == [] and state.since("p") == held["stored"]
