"""Grades pulled from a real Ralph with a grader named in the branding: Ralph stamps its users at
`http://127.0.0.1`, a branding may name them at `https://…`; a misnamed grader loses no grade
once it is fixed, even after a later statement about the learner was stored."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import requests

from sync.http import make_session
from sync.lrs import BasicAuth, LrsClient
from sync.results import PASSED, pull_results
from tests.e2e.conftest import RalphServer

pytestmark = pytest.mark.e2e

EXAM = "https://courses.example.org/grader/exam"


@pytest.fixture
def client(ralph: RalphServer) -> Iterator[LrsClient]:
    with make_session("0.0.0-test") as session:
        yield LrsClient(ralph.url, BasicAuth(ralph.username, ralph.password), session)


def post(ralph: RalphServer, statement: dict, auth: tuple[str, str]) -> None:
    answer = requests.post(
        ralph.statements_url,
        json=[statement],
        auth=auth,
        headers={"X-Experience-API-Version": "1.0.3"},
        timeout=30,
    )
    assert answer.status_code == 200, answer.text


def passed(actor: dict, registration: str, activity: str) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": actor,
        "verb": {"id": PASSED, "display": {"en-US": "passed"}},
        "object": {"objectType": "Activity", "id": activity},
        "result": {"score": {"scaled": 0.75}, "success": True},
        "context": {"registration": registration},
        "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
    }


def grader(home_page: str, name: str = "grader") -> dict:
    return {"objectType": "Agent", "account": {"homePage": home_page, "name": name}}


def test_a_misnamed_grader_loses_no_grade_once_fixed(ralph: RalphServer, client: LrsClient) -> None:
    learner = grader(f"https://learners.example.org/{uuid.uuid4()}", "ada")
    registration = str(uuid.uuid4())
    grade = passed(learner, registration, EXAM)
    post(ralph, grade, ralph.grader_auth)  # Ralph stamps http://127.0.0.1 grader
    wanted = {registration: EXAM}

    # https in the branding, http stamped: the same grader.
    [result] = pull_results(client, learner, wanted, grader=grader("https://127.0.0.1")).results
    assert result.statement_id == grade["id"] and result.score == 0.75

    # A grader misnamed: no grade, and the watermark stays at it...
    wrong = grader("https://127.0.0.1", "grader-typo")
    first = pull_results(client, learner, wanted, grader=wrong)
    assert first.results == () and first.held
    quiz = passed(learner, str(uuid.uuid4()), "https://courses.example.org/grader/quiz")
    post(ralph, quiz, ralph.auth)  # a later `passed` about the learner, their own
    second = pull_results(client, learner, wanted, first.watermark, grader=wrong)
    assert second.results == () and second.watermark == first.watermark
    # ... so the corrected branding brings the grade back.
    fixed = pull_results(
        client, learner, wanted, second.watermark, grader=grader("http://127.0.0.1")
    )
    assert [r.statement_id for r in fixed.results] == [grade["id"]]
