"""A grade corrected by the institution reaches the learner from a real Ralph, whenever they
synced; grades are read with the exam's activity id (the learner's practice-quiz `failed`
statements are not downloaded); an attempt graded longer ago than `REGRADE_WINDOW` costs no
request at all."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from player import player_sync
from player.player_sync import PlayerSync
from player.store.attempts import ExamAttempt
from sync.http import make_session
from sync.results import FAILED, PASSED, REGRADE_WINDOW
from tests.e2e.conftest import RalphServer
from tests.e2e.sync_support import Learner, make_learner, study_demo_course

pytestmark = pytest.mark.e2e


@pytest.fixture
def learner(tmp_path: Path, ralph: RalphServer) -> Iterator[Learner]:
    made = make_learner(tmp_path / "home", ralph.url, ralph.username, ralph.password)
    yield made
    made.close()


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> list[requests.Response]:
    """Every answer the player's sessions get (real requests to Ralph, seen on the way)."""
    seen: list[requests.Response] = []

    def counted(*args: object, **kwargs: object) -> requests.Session:
        session = make_session(*args, **kwargs)  # type: ignore[arg-type]
        session.hooks["response"].append(lambda answer, *_, **__: seen.append(answer))
        return session

    monkeypatch.setattr(player_sync, "make_session", counted)
    return seen


def post_grade(
    ralph: RalphServer, learner: Learner, exam: ExamAttempt, passed: bool, score: float
) -> None:
    """The institution's grader posts a grade of the attempt (as /tmp/auditT/grade1.py does)."""
    activity = learner.store.assessments.grades_to_read(learner.profile.id, 0.0)
    grade = {
        "id": str(uuid.uuid4()),
        "actor": learner.profile.actor.to_json(),
        "verb": {"id": PASSED if passed else FAILED},
        "object": {"objectType": "Activity", "id": activity[exam.registration]},
        "result": {"score": {"scaled": score}, "success": passed},
        "context": {"registration": exam.registration},
        "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
    }
    answer = requests.post(
        ralph.statements_url,
        json=[grade],
        auth=ralph.grader_auth,
        headers={"X-Experience-API-Version": "1.0.3"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text


def sync_grades(sync: PlayerSync, learner: Learner) -> tuple[bool | None, float | None, int]:
    """A run's grade step (as `cartable sync` runs it): the attempt's grade after it, and how
    many grades it applied (said to the learner)."""
    pulled = sync.pull(sync.pull_requests(learner.store))
    assert [p.error for p in pulled if p.error] == []
    applied = sync.apply(learner.store, pulled)
    (attempt,) = learner.store.assessments.exam_attempts(learner.profile.id)
    return attempt.passed, attempt.score, len(applied)


def test_a_regrade_reaches_the_learner_and_old_grades_are_not_read_again(
    learner: Learner, ralph: RalphServer, answers: list[requests.Response]
) -> None:
    exam = study_demo_course(learner)  # its practice quizzes hold `failed` statements too
    sync = PlayerSync.open(learner.context, learner.store)
    try:
        assert sync.push().status == "done"
        sent = [json.loads(a.request.body) for a in answers if a.request.method == "POST"]
        quiz_failures = [s for batch in sent for s in batch if s["verb"]["id"].endswith("failed")]
        assert quiz_failures  # what the unfiltered read of `failed` used to download

        post_grade(ralph, learner, exam, True, 0.85)
        assert sync_grades(sync, learner) == (True, 0.85, 1)
        post_grade(ralph, learner, exam, False, 0.3)  # corrected after the learner synced
        assert sync_grades(sync, learner) == (False, 0.3, 1)
        post_grade(ralph, learner, exam, True, 0.9)
        del answers[:]
        assert sync_grades(sync, learner) == (True, 0.9, 1)  # was: 0 requests, 0.3 for good
        assert sync_grades(sync, learner) == (True, 0.9, 0)  # read again: nothing new to say

        gets = [a for a in answers if a.request.method == "GET"]
        assert len(gets) == 4  # 2 pulls x (the account, the device actor of before)
        activity = learner.store.assessments.grades_to_read(learner.profile.id, 0.0)
        for answer in gets:
            query = parse_qs(urlsplit(answer.request.url).query)
            assert query["activity"] == [activity[exam.registration]] and "verb" not in query
            objects = {s["object"]["id"] for s in answer.json()["statements"]}
            assert objects <= {activity[exam.registration]}  # no practice quiz's statement

        # Once the window after the last grade is over, a sync asks nothing of this attempt.
        later = time.time() + REGRADE_WINDOW.total_seconds() + 3600
        assert sync.pull_requests(learner.store, now=later) == []
    finally:
        sync.close()
