"""A learner's installation for the sync tests: a CARTABLE_HOME, a profile linked to an LRS
account, the demo course studied end to end through the store's event functions."""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from player.context import Context, open_context
from player.course import grading
from player.course.manifest import (
    Course,
    ExamUnit,
    QuizUnit,
    ReadingUnit,
    SlidesUnit,
    VideoUnit,
    parse_manifest,
)
from player.course.quiz import Question
from player.paths import demo_repository, user_paths
from player.store import Store
from player.store.attempts import ExamAttempt
from player.store.profiles import Profile
from sync.credentials import CredentialStore, LrsAccount
from sync.outbox import write_transaction

# Test secrets never go to a developer's real keyring (children inherit this): files only.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

DEMO_MANIFEST = demo_repository() / "courses" / "les-mooc" / "1.0.3" / "course.json"


def demo_course() -> Course:
    return parse_manifest(DEMO_MANIFEST.read_bytes(), str(DEMO_MANIFEST))


@dataclass
class Learner:
    home: Path
    context: Context
    store: Store
    profile: Profile

    @property
    def env(self) -> dict[str, str]:
        return {"CARTABLE_HOME": str(self.home)}

    def queued(self) -> dict[str, bytes]:
        """Every statement of the profile in the outbox, by id (whatever its state)."""
        return {row.id: row.body for row in self.store.outbox.iter_rows(self.profile.id)}

    def close(self) -> None:
        self.store.close()


def make_learner(
    home: Path, endpoint: str, username: str, password: str, *, link: bool = True
) -> Learner:
    """A fresh installation with one profile whose statements name a unique account."""
    paths = user_paths({"CARTABLE_HOME": str(home)})
    context = open_context(paths)
    store = Store.open(context.paths)
    store.start()
    profile = store.profiles.add(f"Learner {uuid.uuid4().hex[:8]}")
    home_page = f"https://learners.example.org/{uuid.uuid4()}"
    if link:
        CredentialStore(context.paths.secrets, keyring_backend=None).set(
            LrsAccount(profile.id, endpoint, username, "basic", home_page), password
        )
        profile = store.profiles.link_account(profile.id, home_page, username)
    return Learner(home, context, store, profile)


def response_for(question: Question) -> grading.Response:
    """A valid response of each question type (right or wrong does not matter here)."""
    if question.type == "single":
        return question.choices[0].id
    if question.type == "multiple":
        return frozenset({question.choices[0].id})
    if question.type == "truefalse":
        return True
    if question.type == "short":
        return "un cours en ligne"
    if question.type == "numeric":
        return 2012.0
    return tuple((s.id, t.id) for s, t in zip(question.sources, question.targets, strict=False))


def study_demo_course(learner: Learner, course: Course | None = None) -> ExamAttempt:
    """Every unit of the demo course, as a learner would: returns the submitted exam attempt."""
    course = course or demo_course()
    store, profile_id = learner.store, learner.profile.id
    events, assessments = store.events, store.assessments
    events.course_launched(profile_id, course)
    exam: ExamAttempt | None = None
    for module in course.modules:
        for unit in module.units:
            session = events.unit_opened(profile_id, course, unit.id)
            if isinstance(unit, VideoUnit):
                events.video_played(session, 0.0)
                events.video_seeked(session, unit.duration / 3, unit.duration / 2)
                events.video_paused(session, unit.duration)
                events.video_played(session, 0.0)
                events.video_paused(session, unit.duration / 2)
            elif isinstance(unit, SlidesUnit):
                for page in range(1, unit.pages + 1):
                    events.slide_viewed(session, page)
            elif isinstance(unit, ReadingUnit):
                events.reading_completed(session)
            elif isinstance(unit, QuizUnit):
                attempt = assessments.quiz_started(session)
                for question in unit.questions:
                    assessments.question_answered(
                        session, attempt.id, question.id, response_for(question)
                    )
                assessments.quiz_finished(session, attempt.id)
            elif isinstance(unit, ExamUnit):
                attempt = assessments.exam_started(session)
                for question in unit.questions:
                    assessments.exam_answer(
                        session, attempt.id, question.id, response_for(question)
                    )
                exam = assessments.exam_submitted(session, attempt.id)
            events.unit_closed(session)
    assert exam is not None and exam.state == "submitted"
    return exam


def append_frozen(learner: Learner, statements: list[dict]) -> list[str]:
    """Queue statements as they are (e.g. one the LRS will refuse), in one transaction."""
    outbox = learner.store.outbox
    now = learner.store.events.now()
    with write_transaction(learner.store.conn):
        for statement in statements:
            body = json.dumps(statement, separators=(",", ":"), sort_keys=True).encode()
            outbox.append(learner.profile.id, statement["id"], body, now)
    return [s["id"] for s in statements]


def extra_statement(learner: Learner, n: int, *, refused: bool = False) -> dict:
    """A plain `experienced` statement by the learner; `refused` gives one Ralph answers 422
    (an mbox in a reserved domain, which its models reject)."""
    actor = learner.profile.actor.to_json()
    if refused:
        actor = {"objectType": "Agent", "mbox": "mailto:learner@school.test"}
    return {
        "id": str(uuid.uuid4()),
        "actor": actor,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en-US": "x"}},
        "object": {"objectType": "Activity", "id": f"https://courses.example.org/extra/{n}"},
        "timestamp": f"2026-02-03T04:{n // 60 % 60:02d}:{n % 60:02d}.{n % 1000:03d}Z",
    }


def assert_held_once_and_equal(held: list[dict], queued: dict[str, bytes]) -> None:
    """Each queued statement is in the LRS exactly once and equal to the bytes queued (the LRS
    adds `stored` and `authority`, nothing else)."""
    counts = Counter(s["id"] for s in held if s["id"] in queued)
    missing = set(queued) - set(counts)
    twice = {i: n for i, n in counts.items() if n != 1}
    assert not missing, f"{len(missing)} statements never reached the LRS"
    assert not twice, f"statements held more than once: {twice}"
    for statement in held:
        if statement["id"] not in queued:
            continue
        original = json.loads(queued[statement["id"]])
        assert set(statement) - set(original) <= {"stored", "authority"}, statement["id"]
        kept = {k: v for k, v in statement.items() if k in original and k != "stored"}
        assert kept == {k: v for k, v in original.items() if k != "stored"}, statement["id"]
