"""A course studied offline reaches a real LRS (Ralph) exactly once, byte for byte; credentials
refused and fixed; a graded exam comes back."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from player.__main__ import main
from player.commands import plural
from player.commands.sync import EXIT_ACCOUNT_REFUSED
from player.player_sync import PlayerSync
from sync.credentials import CredentialStore
from sync.engine import EngineOptions
from tests.e2e.conftest import RalphServer
from tests.e2e.sync_support import (
    Learner,
    assert_held_once_and_equal,
    make_learner,
    study_demo_course,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def learner(tmp_path: Path, ralph: RalphServer) -> Iterator[Learner]:
    made = make_learner(tmp_path / "home", ralph.url, ralph.username, ralph.password)
    yield made
    made.close()


def held_by(ralph_statements: Callable[..., list[dict]], learner: Learner) -> list[dict]:
    import json

    agent = json.dumps(learner.profile.actor.to_json())
    return ralph_statements(params={"agent": agent})


def test_demo_course_studied_offline_is_held_once_and_equal(
    learner: Learner, ralph_statements: Callable[..., list[dict]]
) -> None:
    study_demo_course(learner)
    queued = learner.queued()
    assert len(queued) > 50  # more than one batch
    sync = PlayerSync.open(learner.context, learner.store, options=EngineOptions(batch_size=50))
    try:
        report = sync.push()
    finally:
        sync.close()
    assert (report.status, report.delivered, report.waiting, report.refused) == (
        "done",
        len(queued),
        0,
        (),
    )
    assert learner.store.outbox.counts(learner.profile.id).delivered == len(queued)
    held = held_by(ralph_statements, learner)
    assert_held_once_and_equal(held, queued)
    assert {s["id"] for s in held} == set(queued)


def test_cli_sync_reports_and_exits_by_what_waits(
    learner: Learner,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    ralph: RalphServer,
    ralph_statements: Callable[..., list[dict]],
) -> None:
    monkeypatch.setenv("CARTABLE_HOME", str(learner.home))
    study_demo_course(learner)
    queued = learner.queued()
    credentials = CredentialStore(learner.context.paths.secrets)
    account = credentials.get(learner.profile.id)
    assert account is not None
    credentials.set(account, "wrong password")

    # Its own exit code, not 3 ("try again later"): waiting never fixes a refused password.
    assert main(["sync", "--once", "--profile", learner.profile.name]) == EXIT_ACCOUNT_REFUSED == 6
    out = capsys.readouterr().out
    assert f"{learner.profile.name}: {len(queued)} waiting: the LRS refused the credentials" in out
    assert "HTTP 401" in out and "wrong password" not in out
    assert all(r.attempts == 0 for r in learner.store.outbox.iter_rows(learner.profile.id))

    monkeypatch.setattr("sys.stdin", _Stdin(ralph.password + "\n"))
    args = ["account", "set", learner.profile.name, "--endpoint", ralph.url]
    args += ["--user", ralph.username, "--home-page", learner.profile.actor.home_page]
    assert main([*args, "--password-stdin"]) == 0
    capsys.readouterr()
    assert main(["sync", "--once"]) == 0
    out = capsys.readouterr().out
    assert f"{learner.profile.name}: sent {plural(len(queued), 'statement')}" in out
    assert "waiting" not in out
    assert_held_once_and_equal(held_by(ralph_statements, learner), queued)
    assert main(["sync", "--once"]) == 0
    assert "nothing to send" in capsys.readouterr().out


class _Stdin:
    def __init__(self, text: str) -> None:
        self.text, self.closed = text, False

    def readline(self) -> str:
        line, self.text = self.text, ""
        return line


def test_graded_exam_comes_back_on_the_next_sync(
    learner: Learner,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    ralph: RalphServer,
) -> None:
    """The institution's grader posts `passed` for the attempt's registration; the next sync
    records the grade and sends what it satisfies."""
    monkeypatch.setenv("CARTABLE_HOME", str(learner.home))
    exam = study_demo_course(learner)
    assert main(["sync", "--once"]) == 0
    assert "exam" not in capsys.readouterr().out  # not graded yet

    awaiting = learner.store.assessments.awaiting_grades(learner.profile.id)  # the exam's id
    grade = {
        "id": str(uuid.uuid4()),
        "actor": learner.profile.actor.to_json(),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-US": "passed"}},
        "object": {"objectType": "Activity", "id": awaiting[exam.registration]},
        "result": {"score": {"scaled": 0.75}, "success": True},
        "context": {"registration": exam.registration},
        "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
    }
    forged = dict(grade, id=str(uuid.uuid4()))  # the learner's own credentials: no grade
    for body, auth in ((forged, ralph.auth), (grade, ralph.grader_auth)):
        answer = requests.post(
            ralph.statements_url,
            json=[body],
            auth=auth,
            headers={"X-Experience-API-Version": "1.0.3"},
            timeout=30,
        )
        assert answer.status_code == 200
        if body is forged:
            assert main(["sync", "--once"]) == 0
            assert "exam" not in capsys.readouterr().out  # Ralph stamped the learner's account
            waiting = learner.store.assessments.exam_attempt(learner.profile.id, exam.id)
            assert waiting.state == "submitted"

    assert main(["sync", "--once"]) == 0
    out = capsys.readouterr().out
    assert f"exam les-mooc/{exam.unit_id} attempt 1 passed (score 0.75)" in out
    graded = learner.store.assessments.exam_attempt(learner.profile.id, exam.id)
    assert (graded.state, graded.passed, graded.score) == ("graded", True, 0.75)
    assert learner.store.outbox.counts(learner.profile.id).queued == 0
    before = learner.store.outbox.counts(learner.profile.id)
    assert main(["sync", "--once"]) == 0  # the same grade again changes nothing
    assert "exam" not in capsys.readouterr().out
    assert learner.store.outbox.counts(learner.profile.id) == before


def test_account_show_never_prints_the_secret_and_remove_unlinks(
    learner: Learner,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    ralph: RalphServer,
) -> None:
    monkeypatch.setenv("CARTABLE_HOME", str(learner.home))
    assert main(["account", "show", learner.profile.name]) == 0
    out = capsys.readouterr().out
    assert f"endpoint:  {ralph.url}" in out and "secret:    stored" in out
    assert ralph.password not in out
    assert main(["account", "remove", learner.profile.name]) == 0
    capsys.readouterr()
    assert main(["account", "show", learner.profile.id]) == 0
    assert "no LRS account" in capsys.readouterr().out
    profile = learner.store.profiles.get(learner.profile.id)
    assert not profile.account_linked
    assert main(["account", "remove", learner.profile.name]) == 1
    assert "no LRS account was set" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", _Stdin(""))
    args = ["account", "set", learner.profile.name, "--endpoint", ralph.url, "--user", "u"]
    assert main([*args, "--password-stdin"]) == 1
    assert "no password on standard input" in capsys.readouterr().err
    assert main(["account", "show", "nobody-by-that-name"]) == 1
    assert "no profile named" in capsys.readouterr().err
