"""The xAPI statements the store queues: shape, ids, times, actor, categories, extensions."""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from player.course.gift import load_gift
from player.course.interactions import CMI_INTERACTION
from player.course.manifest import parse_manifest
from player.store import statements as st
from tests.support import FIXTURES as SHARED_FIXTURES
from tests.unit.test_store_helpers import (
    FakeClock,
    course_json,
    make_course,
    open_store,
    study_everything,
)

TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
CMI5 = st.CMI5_CATEGORY["id"]
MOVEON = st.MOVEON_CATEGORY["id"]
VIDEO = st.VIDEO_CATEGORY["id"]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    clock = FakeClock()
    store = open_store(Path(tmp_path_factory.mktemp("statements")), clock)
    course = make_course()
    profile = store.profiles.add("Awa", "fr")
    study_everything(store, clock, profile.id, course)
    rows = store.outbox.rows(profile.id, limit=10_000)
    out = {
        "rows": rows,
        "statements": [json.loads(r.body) for r in rows],
        "profile": profile,
        "course": course,
        "registration": store.progress.registration(profile.id, course.id),
        "exam": store.assessments.exam_attempts(profile.id)[0],
        "now": clock(),
    }
    store.close()
    return out


def by_verb(recorded: dict[str, Any], verb: str) -> list[dict[str, Any]]:
    return [s for s in recorded["statements"] if st.verb_name(s) == verb]


def categories(stmt: dict[str, Any]) -> set[str]:
    return {
        c["id"] for c in stmt.get("context", {}).get("contextActivities", {}).get("category", [])
    }


def test_every_kind_is_recorded(recorded: dict[str, Any]) -> None:
    verbs = Counter(st.verb_name(s) for s in recorded["statements"])
    for verb in st.VERBS:
        assert verbs[verb] >= 1, verb


def test_ids_are_device_made_uuids_unique_and_equal_to_the_outbox_id(
    recorded: dict[str, Any],
) -> None:
    ids = [s["id"] for s in recorded["statements"]]
    assert len(set(ids)) == len(ids)
    for stmt, row in zip(recorded["statements"], recorded["rows"], strict=True):
        assert str(uuid.UUID(stmt["id"])) == stmt["id"] == row.id


def test_the_lrs_fields_are_left_out_and_bytes_are_frozen_compact(recorded: dict[str, Any]) -> None:
    for stmt, row in zip(recorded["statements"], recorded["rows"], strict=True):
        assert not {"stored", "authority", "version"} & stmt.keys()
        assert row.body == st.freeze(stmt)  # compact, sorted keys: exactly what was frozen


def test_timestamps_are_utc_with_milliseconds_and_never_in_the_future(
    recorded: dict[str, Any],
) -> None:
    for stmt in recorded["statements"]:
        assert TIMESTAMP.match(stmt["timestamp"]), stmt["timestamp"]
        assert st.parse_timestamp(stmt["timestamp"]) <= recorded["now"]


def test_a_clock_ahead_of_now_is_clamped() -> None:
    assert st.timestamp_text(2_000_000_000.5, now=1_900_000_000.25) == st.timestamp_text(
        1_900_000_000.25, now=1_900_000_000.25
    )
    assert st.timestamp_text(1_700_000_000.1239, now=1_800_000_000) == "2023-11-14T22:13:20.123Z"


def test_actor_is_the_device_account_until_a_profile_links_one(recorded: dict[str, Any]) -> None:
    profile = recorded["profile"]
    for stmt in recorded["statements"]:
        assert stmt["actor"] == {
            "objectType": "Agent",
            "account": {"homePage": profile.actor.home_page, "name": profile.id},
        }
    assert profile.actor.home_page.startswith("https://cartable.invalid/device/")
    uuid.UUID(profile.actor.home_page.rsplit("/", 1)[1])


def test_registration_is_the_enrolment_except_for_exam_attempts(recorded: dict[str, Any]) -> None:
    exam = recorded["exam"]
    for stmt in recorded["statements"]:
        registration = stmt["context"]["registration"]
        if stmt["context"].get("extensions", {}).get(st.EXT_EXAM):
            assert registration == exam.registration
        else:
            assert registration == recorded["registration"]
    assert exam.registration != recorded["registration"]


def test_cmi5_statements_carry_the_cmi5_category_and_session(recorded: dict[str, Any]) -> None:
    cmi5_verbs = ("initialized", "completed", "passed", "failed", "terminated", "abandoned")
    for verb in (*cmi5_verbs, "satisfied"):
        for stmt in by_verb(recorded, verb):
            assert CMI5 in categories(stmt), verb
            assert stmt["context"]["extensions"][st.CMI5_SESSION]
    for stmt in by_verb(recorded, "completed") + by_verb(recorded, "passed"):
        assert MOVEON in categories(stmt)
        assert stmt["result"]["duration"].startswith("PT")
    unit_launches = [s for s in by_verb(recorded, "launched") if "/unit/" in s["object"]["id"]]
    assert unit_launches and all(CMI5 in categories(s) for s in unit_launches)
    for stmt in unit_launches:
        ext = stmt["context"]["extensions"]
        assert ext[st.CMI5_LAUNCH_MODE] == "Normal" and ext[st.CMI5_MOVE_ON]
    for stmt in by_verb(recorded, "terminated") + by_verb(recorded, "abandoned"):
        assert st.parse_duration(stmt["result"]["duration"]) >= 0


def test_satisfied_goes_to_each_module_and_course_once_when_moveon_is_met(
    recorded: dict[str, Any],
) -> None:
    objects = [s["object"]["id"] for s in by_verb(recorded, "satisfied")]
    base = "https://univ.example.org/cartable/course/histoire"
    # m3's exam is moveOn Passed and not graded yet: neither it nor the course is satisfied.
    assert objects == [f"{base}/module/m1", f"{base}/module/m2"]


def test_video_statements_follow_the_video_profile(recorded: dict[str, Any]) -> None:
    video = [s for s in recorded["statements"] if s["object"]["id"].endswith("/unit/v1")]
    profiled = [s for s in video if st.verb_name(s) != "launched"]
    for stmt in profiled:
        assert VIDEO in categories(stmt)
        assert stmt["context"]["extensions"][st.VIDEO_LENGTH] == 100.0
        assert (
            stmt["context"]["extensions"][st.VIDEO_SESSION]
            == stmt["context"]["extensions"][st.CMI5_SESSION]
        )
        assert stmt["object"]["definition"]["type"] == st.ACTIVITY_TYPES["video"]
    played = [s for s in video if st.verb_name(s) == "played"]
    assert played[0]["result"]["extensions"] == {st.VIDEO_TIME: 0.0}
    paused = [s for s in video if st.verb_name(s) == "paused"]
    assert paused[0]["result"]["extensions"] == {
        st.VIDEO_TIME: 40.0,
        st.VIDEO_PROGRESS: 0.4,
        st.VIDEO_SEGMENTS: "0[.]40",
    }
    seeked = [s for s in video if st.verb_name(s) == "seeked"]
    assert seeked[0]["result"]["extensions"][st.VIDEO_TIME_FROM] == 40.0
    assert seeked[0]["result"]["extensions"][st.VIDEO_TIME_TO] == 35.0
    (completed,) = [s for s in video if st.verb_name(s) == "completed"]
    result = completed["result"]
    assert result["completion"] is True
    assert result["extensions"][st.VIDEO_PROGRESS] == 0.95
    assert result["extensions"][st.VIDEO_SEGMENTS] == "0[.]65[,]70[.]100"
    assert completed["context"]["extensions"][st.VIDEO_THRESHOLD] == 0.9
    (terminated,) = [s for s in video if st.verb_name(s) == "terminated"]
    assert terminated["result"]["extensions"][st.VIDEO_TIME] == 100.0


def test_slides_pages_are_experienced_with_the_deck_as_parent(recorded: dict[str, Any]) -> None:
    pages = by_verb(recorded, "experienced")
    assert [s["object"]["id"].rsplit("/", 1)[1] for s in pages] == ["1", "2", "3", "4"]
    for stmt in pages:
        parent = stmt["context"]["contextActivities"]["parent"][0]["id"]
        assert parent.endswith("/unit/s1")
        assert stmt["context"]["extensions"][st.EXT_PAGES] == 4


def test_quiz_answers_carry_interaction_definition_score_and_response(
    recorded: dict[str, Any],
) -> None:
    quiz = [
        s
        for s in by_verb(recorded, "answered")
        if "/unit/q1/" in s["object"]["id"] and s["context"]["extensions"][st.EXT_ATTEMPT] == 2
    ]
    assert len(quiz) == 3
    first = quiz[0]
    definition = first["object"]["definition"]
    assert definition["type"] == CMI_INTERACTION
    assert definition["interactionType"] == "choice"
    assert definition["correctResponsesPattern"] == ["a"]
    assert first["result"] == {
        "response": "a",
        "score": {"max": 1.0, "min": 0, "raw": 1.0, "scaled": 1.0},
        "success": True,
    }
    assert quiz[2]["result"]["response"] == "false" and quiz[2]["result"]["success"] is False
    (passed,) = by_verb(recorded, "passed")
    assert passed["result"]["score"]["scaled"] == pytest.approx(2 / 3, abs=1e-4)
    assert passed["result"]["success"] is True
    assert passed["context"]["extensions"][st.CMI5_MASTERY] == 0.6


def test_exam_statements_never_reveal_answers_and_queue_only_the_last_answer(
    recorded: dict[str, Any],
) -> None:
    exam = [s for s in by_verb(recorded, "answered") if "/unit/e1/" in s["object"]["id"]]
    assert [s["result"] for s in exam] == [{"response": "a"}, {"response": "1789"}]
    for stmt in exam:
        assert "correctResponsesPattern" not in stmt["object"]["definition"]
        assert stmt["context"]["extensions"][st.EXT_ATTEMPT] == 1
    (submitted,) = by_verb(recorded, "submitted")
    assert submitted["result"]["completion"] is True
    (attempted,) = by_verb(recorded, "attempted")
    assert attempted["context"]["registration"] == recorded["exam"].registration
    verbs = [st.verb_name(s) for s in recorded["statements"]]
    # answers go out with the submission, after the attempt started, never before
    assert verbs.index("attempted") < verbs.index("submitted")
    assert all(
        verbs.index("submitted") > i for i, s in enumerate(recorded["statements"]) if s in exam
    )


def test_activity_ids_live_under_the_publisher_or_the_invalid_domain() -> None:
    course = make_course()
    assert st.unit_iri(course, "v1") == "https://univ.example.org/cartable/course/histoire/unit/v1"
    bare = make_course(publisher_url=None)
    assert st.course_iri(bare) == "https://cartable.invalid/course/histoire"
    ref = st.parse_activity_iri(st.question_iri(course, "q1", "qa"))
    assert ref == st.ActivityRef("histoire", "q1", question_id="qa")
    assert st.parse_activity_iri(st.page_iri(course, "s1", 3)) == st.ActivityRef(
        "histoire", "s1", page=3
    )
    module = st.parse_activity_iri(st.module_iri(course, course.modules[1]))
    assert module == st.ActivityRef("histoire", module_id="m2")
    assert st.parse_activity_iri("https://elsewhere.example/x") is None


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "PT0S"), (3.5, "PT3.5S"), (61, "PT1M1S"), (3600, "PT1H"), (3725.25, "PT1H2M5.25S")],
)
def test_durations_are_iso_8601_to_the_hundredth(seconds: float, text: str) -> None:
    assert st.duration_text(seconds) == text
    assert st.parse_duration(text) == pytest.approx(seconds)


def test_a_bad_duration_is_refused() -> None:
    for bad in ("", "P", "PT", "3S", "PTxS"):
        with pytest.raises(ValueError):
            st.parse_duration(bad)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("P0Y0M0DT0H12M30S", 750), ("P0Y0M1DT0H0M0.5S", 86400.5), ("P1W", 7 * 86400), ("P0Y", 0)],
)
def test_iso_8601_s_full_duration_is_read(text: str, seconds: float) -> None:
    """Review r5 finding 2: xAPI takes any ISO 8601 duration, and an LRS or another tool may
    write the full form; Cartable writes hours, minutes and seconds alone."""
    assert st.parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["P1Y", "P0Y2M", "P1DT", "PT1S\n", "PT\u0663S", "P1M1Y"])
def test_a_duration_with_no_length_in_seconds_or_not_iso_8601_is_refused(text: str) -> None:
    """Years and months have no length in seconds; a `T` with no time after it, a line end, a
    digit of another script or parts out of order are no ISO 8601 duration."""
    with pytest.raises(ValueError):
        st.parse_duration(text)


def test_a_markdown_question_is_named_by_its_words(tmp_path: Path) -> None:
    """Moodle's GIFT example "[markdown]Who's buried in **Grant's tomb**?" answered in a quiz:
    the statement queued for the LRS names the activity as the player shows the question."""
    (question,) = [
        q
        for q in load_gift(SHARED_FIXTURES / "gift" / "moodle-examples.gift").questions
        if q.format == "markdown"
    ]
    data = course_json()
    quiz_unit = data["modules"][1]["units"][1]
    assert quiz_unit["id"] == "q1"
    quiz_unit["questions"] = [question.to_json()]
    course = parse_manifest(json.dumps(data).encode())
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    try:
        profile = store.profiles.add("Awa", "fr")
        quiz = store.events.unit_opened(profile.id, course, "q1")
        attempt = store.assessments.quiz_started(quiz)
        store.assessments.question_answered(quiz, attempt.id, question.id, "nobody")
        bodies = [json.loads(r.body) for r in store.outbox.rows(profile.id, limit=100)]
    finally:
        store.close()
    (answered,) = [s for s in bodies if st.verb_name(s) == "answered"]
    definition = answered["object"]["definition"]
    assert definition["name"] == {"fr": "Who's buried in Grant's tomb?"}
    assert definition["description"] == {"fr": "Who's buried in **Grant's tomb**?"}
