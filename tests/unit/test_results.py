"""Pulling graded exam results: filtering, regrades, the `since` watermark."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from sync.lrs import LrsError, Outcome
from sync.results import FAILED, PASSED, ExamResult, ResultsState, pull_and_apply, pull_results

AGENT = {"objectType": "Agent", "account": {"homePage": "https://u.test", "name": "ada"}}
EXAM = "https://c.test/exam"


def grade(verb: str, registration: str, stamp: str, scaled: float | None = None) -> dict:
    statement: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "actor": AGENT,
        "verb": {"id": verb},
        "object": {"id": EXAM},
        "context": {"registration": registration},
        "timestamp": stamp,
        "stored": stamp,
    }
    if scaled is not None:
        statement["result"] = {"score": {"scaled": scaled}}
    return statement


class FakeReader:
    """An LRS's statements API: `verb`, `activity` (the object's id) and `since` filters."""

    def __init__(self, statements: list[dict], fail: bool = False) -> None:
        self.statements = statements
        self.queries: list[tuple[str | None, str | None, str | None]] = []
        self.fail = fail

    def get_statements(
        self,
        agent: Mapping[str, Any],
        verb: str | None = None,
        since: str | None = None,
        *,
        activity: str | None = None,
    ) -> Iterator[dict[str, Any]]:
        assert agent == AGENT
        self.queries.append((verb, since, activity))
        if self.fail:
            raise LrsError(Outcome.RETRY, None, "down", "http://x")
        for s in self.statements:
            if (
                verb in (None, s["verb"]["id"])
                and activity in (None, s["object"]["id"])
                and (since is None or s["stored"] > since)
            ):
                yield s


def test_only_the_waiting_registrations_are_handed_on() -> None:
    mine, other = str(uuid.uuid4()), str(uuid.uuid4())
    reader = FakeReader(
        [
            grade(PASSED, mine, "2026-03-01T10:00:00.000Z", 0.8),
            grade(PASSED, other, "2026-03-01T11:00:00.000Z"),
            grade(FAILED, "not-an-exam", "2026-03-01T12:00:00.000Z"),
        ]
    )
    report = pull_results(reader, AGENT, {mine: EXAM})
    [result] = report.results
    assert (result.registration, result.passed, result.score) == (mine, True, 0.8)
    assert json.loads(result.statement)["id"] == reader.statements[0]["id"]
    assert report.read == 3 and report.watermark == "2026-03-01T12:00:00.000Z"
    assert reader.queries == [(None, None, EXAM)]  # one request: the exam's statements


class JunkReader(FakeReader):
    """A broken LRS: `null`, strings and numbers among the statements of each page."""

    def get_statements(
        self,
        agent: Mapping[str, Any],
        verb: str | None = None,
        since: str | None = None,
        *,
        activity: str | None = None,
    ) -> Iterator[Any]:
        yield from (None, "x", 3, ["a list"])
        yield from super().get_statements(agent, verb, since, activity=activity)


def test_items_that_are_not_statements_are_skipped() -> None:
    mine = str(uuid.uuid4())
    reader = JunkReader([grade(PASSED, mine, "2026-03-01T10:00:00.000Z", 0.5)])
    report = pull_results(reader, AGENT, {mine: EXAM})
    assert [(r.registration, r.score) for r in report.results] == [(mine, 0.5)]
    assert report.watermark == "2026-03-01T10:00:00.000Z"


def test_no_waiting_registration_asks_nothing() -> None:
    reader = FakeReader([])
    report = pull_results(reader, AGENT, {}, since="2026-01-01T00:00:00.000Z")
    assert reader.queries == [] and report.watermark == "2026-01-01T00:00:00.000Z"


def test_latest_grade_wins_for_a_regrade() -> None:
    reg = str(uuid.uuid4())
    reader = FakeReader(
        [
            grade(FAILED, reg, "2026-03-01T10:00:00.000Z", 0.2),
            grade(PASSED, reg, "2026-03-02T10:00:00.000Z", 0.7),
        ]
    )
    [result] = pull_results(reader, AGENT, {reg: EXAM}).results
    assert result.passed and result.score == 0.7


def test_since_looks_back_by_the_overlap() -> None:
    reader = FakeReader([])
    pull_results(reader, AGENT, {"r": EXAM}, since="2026-03-01T10:00:00.000Z")
    assert reader.queries[0][1] == "2026-03-01T09:50:00.000Z"


NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_watermark_follows_stored_not_a_device_clock_ahead() -> None:
    reg = str(uuid.uuid4())
    early = grade(PASSED, "course-reg", "2026-03-01T10:00:00.000Z")
    early["timestamp"] = "2027-03-01T10:00:00.000Z"  # recorded on a device a year ahead
    reader = FakeReader([early])
    report = pull_results(reader, AGENT, {reg: EXAM}, now=NOW)
    assert report.watermark == "2026-03-01T10:00:00.000Z"
    reader.statements.append(grade(PASSED, reg, "2026-03-01T11:00:00.000Z", 0.9))
    later = pull_results(reader, AGENT, {reg: EXAM}, report.watermark, now=NOW)
    assert [(r.registration, r.score) for r in later.results] == [(reg, 0.9)]


def test_watermark_never_passes_the_start_of_the_pull() -> None:
    reader = FakeReader([grade(FAILED, "r", "2026-03-05T00:00:00.000Z")])  # LRS clock ahead
    report = pull_results(reader, AGENT, {"r": EXAM}, now=NOW)
    assert report.watermark == "2026-03-01T12:00:00.000Z"


def test_a_watermark_ahead_of_now_is_brought_back(tmp_path: Path) -> None:
    state = ResultsState(tmp_path / "results.json")
    state.remember("p", "2027-03-01T10:00:00.000Z")  # left by an older version
    reader = FakeReader([grade(PASSED, "r", "2026-03-01T11:55:00.000Z")])
    applied: list[ExamResult] = []
    pull_and_apply(reader, state, "p", [AGENT], {"r": EXAM}, applied.append, now=NOW)
    assert [r.registration for r in applied] == ["r"]
    assert reader.queries[0][1] == "2026-03-01T11:50:00.000Z"
    assert state.since("p") == "2026-03-01T12:00:00.000Z"


def test_watermark_moves_only_after_results_are_applied(tmp_path: Path) -> None:
    reg = str(uuid.uuid4())
    reader = FakeReader([grade(PASSED, reg, "2026-03-01T10:00:00.000Z")])
    state = ResultsState(tmp_path / "results.json")

    def crash(_: ExamResult) -> None:
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        pull_and_apply(reader, state, "p", [AGENT], {reg: EXAM}, crash)
    assert state.since("p") is None
    applied: list[ExamResult] = []
    pull_and_apply(reader, state, "p", [AGENT], {reg: EXAM}, applied.append)
    assert [r.registration for r in applied] == [reg]
    assert state.since("p") == "2026-03-01T10:00:00.000Z"


def test_unreadable_lrs_keeps_the_watermark(tmp_path: Path) -> None:
    state = ResultsState(tmp_path / "results.json")
    state.remember("p", "2026-01-01T00:00:00.000Z")
    with pytest.raises(LrsError):
        pull_and_apply(FakeReader([], fail=True), state, "p", [AGENT], {"r": EXAM}, print)
    assert state.since("p") == "2026-01-01T00:00:00.000Z"


def test_damaged_state_file_starts_over(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    path.write_text("[1, 2")
    assert ResultsState(path).since("p") is None


GRADER = {"objectType": "Agent", "account": {"homePage": "https://u.test", "name": "grader"}}


def test_a_grade_counts_only_about_the_exam_and_not_written_by_the_learner() -> None:
    reg = str(uuid.uuid4())
    about_other = grade(PASSED, reg, "2026-03-01T10:00:00.000Z", 1.0)
    about_other["object"] = {"id": "https://c.test/anything"}
    by_learner = grade(PASSED, reg, "2026-03-01T11:00:00.000Z", 1.0)
    by_learner["authority"] = {**AGENT, "account": {"homePage": "https://u.test/", "name": "ada"}}
    by_learner_oauth = grade(PASSED, reg, "2026-03-01T11:30:00.000Z", 1.0)
    by_learner_oauth["authority"] = {"objectType": "Group", "member": [GRADER, AGENT]}
    by_credentials = grade(PASSED, reg, "2026-03-01T11:40:00.000Z", 1.0)
    by_credentials["authority"] = {"mbox": "mailto:Ada@u.test"}
    by_grader = grade(FAILED, reg, "2026-03-01T09:00:00.000Z", 0.3)
    by_grader["authority"] = GRADER
    reader = FakeReader([about_other, by_learner, by_learner_oauth, by_credentials, by_grader])
    learner = [{"mbox": "mailto:ada@u.test"}]
    [result] = pull_results(reader, AGENT, {reg: EXAM}, learner=learner).results
    assert (result.passed, result.score) == (False, 0.3), "only the grader's statement counts"
    assert pull_results(reader, AGENT, {reg: EXAM}, learner=learner, grader=AGENT).results == ()
    [named] = pull_results(reader, AGENT, {reg: EXAM}, grader=GRADER).results
    assert json.loads(named.statement)["id"] == by_grader["id"]


def test_no_agent_of_the_learner_grades_another(tmp_path: Path) -> None:
    device = {"objectType": "Agent", "account": {"homePage": "urn:device", "name": "p"}}
    reg = str(uuid.uuid4())
    forged = grade(PASSED, reg, "2026-03-01T10:00:00.000Z", 1.0)
    forged["authority"] = device  # posted with the device actor, read back for the account

    class Both(FakeReader):
        def get_statements(self, agent, verb=None, since=None, *, activity=None):  # type: ignore[no-untyped-def, override]
            return [s for s in self.statements if s["object"]["id"] == activity]

    applied: list[ExamResult] = []
    state = ResultsState(tmp_path / "results.json")
    pull_and_apply(Both([forged]), state, "p", [AGENT, device], {reg: EXAM}, applied.append)
    assert applied == []


def test_a_score_outside_xapis_range_is_no_score_and_a_non_finite_number_no_grade() -> None:
    """A server's 1e400 (read as infinity), NaN or 3.5 is not a scaled score (xAPI: [-1, 1]): the
    verdict stands without it; a statement still holding a non-finite number is not taken, as
    it could not be kept as JSON another LRS reads back."""
    out_of_range, infinite, not_a_number = (str(uuid.uuid4()) for _ in range(3))
    parsed = [  # as json.loads reads them: 1e400 is inf, NaN is nan
        grade(PASSED, out_of_range, "2026-03-01T10:00:00.000Z", 3.5),
        grade(FAILED, infinite, "2026-03-01T11:00:00.000Z", json.loads("1e400")),
        grade(PASSED, not_a_number, "2026-03-01T12:00:00.000Z", json.loads("NaN")),
    ]
    report = pull_results(
        FakeReader(parsed), AGENT, dict.fromkeys([out_of_range, infinite, not_a_number], EXAM)
    )
    assert [(r.registration, r.passed, r.score) for r in report.results] == [
        (out_of_range, True, None)
    ]
    assert b"3.5" in report.results[0].statement  # the server's statement kept as it came


def test_only_the_exams_statements_are_asked_for_not_the_practice_quizzes() -> None:
    """One request per exam (its activity id), so the learner's own practice-quiz `failed`
    statements are not downloaded to be thrown away."""
    reg = str(uuid.uuid4())
    quiz = [grade(FAILED, str(uuid.uuid4()), f"2026-03-01T10:{n:02d}:00.000Z") for n in range(19)]
    for statement in quiz:
        statement["object"] = {"id": "https://c.test/quiz"}
    mine = grade(PASSED, reg, "2026-03-01T11:00:00.000Z", 0.8)
    submitted = grade("http://adlnet.gov/expapi/verbs/submitted", reg, "2026-03-01T09:00:00.000Z")
    reader = FakeReader([*quiz, submitted, mine])
    report = pull_results(reader, AGENT, {reg: EXAM})
    assert reader.queries == [(None, None, EXAM)]
    assert report.read == 2  # the exam's: the learner's `submitted` and the grade
    assert [(r.passed, r.score) for r in report.results] == [(True, 0.8)]


def test_a_regrade_about_another_agent_of_the_learner_wins_when_later(tmp_path: Path) -> None:
    """The device actor of before and the account are read apart: of their grades of one
    attempt, only the latest is handed on, whatever the order of the reads."""
    device = {"objectType": "Agent", "account": {"homePage": "urn:device", "name": "p"}}
    reg = str(uuid.uuid4())
    first = grade(PASSED, reg, "2026-03-01T10:00:00.000Z", 0.85)
    first["actor"] = device
    again = grade(FAILED, reg, "2026-03-01T11:00:00.000Z", 0.3)
    graded = [first, again]

    class Both(FakeReader):
        def get_statements(self, agent, verb=None, since=None, *, activity=None):  # type: ignore[no-untyped-def, override]
            return [s for s in self.statements if s["actor"] == agent]

    for agents in ([AGENT, device], [device, AGENT]):
        applied: list[ExamResult] = []
        state = ResultsState(tmp_path / "results.json")
        pull_and_apply(Both(graded), state, "p", agents, {reg: EXAM}, applied.append)
        assert [(r.passed, r.score) for r in applied] == [(False, 0.3)]
