"""The store's statements meet a real LRS: Ralph stores every kind as queued, and the video
statements pass `ralph validate -f xapi` (the ADL video profile's models)."""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from player.store import Store
from player.store import statements as st
from tests.e2e.conftest import RalphServer
from tests.unit.test_store_helpers import FakeClock, make_course, open_store, study_everything

pytestmark = pytest.mark.e2e

XAPI = {"X-Experience-API-Version": "1.0.3"}


def _studied(tmp_path: Path) -> tuple[Store, list[str]]:
    """Two learners: one on the device actor, one with a linked account, each studying it all."""
    clock = FakeClock(time.time() - 4 * 3600)  # well in the past: Ralph sees no future times
    store = open_store(tmp_path, clock)
    course = make_course()
    device = store.profiles.add("Awa", "fr")
    linked = store.profiles.add("Bruno", "fr")
    store.profiles.link_account(linked.id, "https://lms.univ.example.org", f"b-{uuid.uuid4()}")
    study_everything(store, clock, device.id, course)
    study_everything(store, clock, linked.id, course)
    return store, [device.id, linked.id]


def _post(server: RalphServer, bodies: list[bytes]) -> requests.Response:
    """A batch exactly as the sync engine sends it: the frozen bytes, in a JSON array."""
    return requests.post(
        server.statements_url,
        data=b"[" + b",".join(bodies) + b"]",
        auth=server.auth,
        headers={**XAPI, "Content-Type": "application/json"},
        timeout=30,
    )


def test_ralph_stores_every_kind_of_statement_as_queued(
    tmp_path: Path, ralph: RalphServer, ralph_statements: Callable[..., list[dict]]
) -> None:
    store, profiles = _studied(tmp_path)
    sent: list[dict] = []
    for profile_id in profiles:
        while batch := store.outbox.take_batch(profile_id, 50):
            answer = _post(ralph, [s.body for s in batch])
            assert answer.status_code == 200, answer.text
            assert answer.json() == [s.id for s in batch]
            store.outbox.mark_delivered(s.id for s in batch)
            sent.extend(json.loads(s.body) for s in batch)
    assert store.outbox.counts().queued == 0
    assert set(Counter(st.verb_name(s) for s in sent)) == set(st.VERBS)
    by_id: dict[str, dict] = {}
    for profile_id in profiles:
        agent = store.profiles.get(profile_id).actor.to_json()
        for stored in ralph_statements(params={"agent": json.dumps(agent)}):
            assert stored["id"] not in by_id, "Ralph holds a statement twice"
            by_id[stored["id"]] = stored
    assert set(by_id) == {s["id"] for s in sent}
    for original in sent:
        stored = by_id[original["id"]]
        assert {k: stored[k] for k in original} == original
    # sending a batch again (a lost acknowledgement) is harmless: Ralph keeps each once
    first = store.outbox.rows(profiles[0], limit=50)
    again = _post(ralph, [r.body for r in first])
    assert again.status_code in (200, 204), again.text


def test_the_institutions_grade_statement_is_accepted_too(
    tmp_path: Path, ralph: RalphServer, ralph_statements: Callable[..., list[dict]]
) -> None:
    store, profiles = _studied(tmp_path)
    (attempt,) = store.assessments.exam_attempts(profiles[0])
    grade = {
        "id": str(uuid.uuid4()),
        "actor": store.profiles.get(profiles[0]).actor.to_json(),
        "verb": {"id": st.VERBS["passed"], "display": {"en-US": "passed"}},
        "object": {"objectType": "Activity", "id": st.unit_iri(make_course(), "e1")},
        "result": {"success": True, "score": {"scaled": 0.8}},
        "context": {"registration": attempt.registration},
        "timestamp": st.timestamp_text(time.time()),
    }
    answer = _post(ralph, [st.freeze(grade)])
    assert answer.status_code == 200, answer.text
    (found,) = ralph_statements(
        params={"registration": attempt.registration, "verb": st.VERBS["passed"]}
    )
    assert found["id"] == grade["id"]
    graded = store.assessments.record_exam_result(
        profiles[0], attempt.registration, True, 0.8, statement=json.dumps(found).encode()
    )
    assert graded is not None and graded.state == "graded"


def test_video_statements_pass_ralph_validate(
    tmp_path: Path, ralph_validate: Callable[[list[dict]], list[str]]
) -> None:
    store, profiles = _studied(tmp_path)
    statements = [json.loads(r.body) for r in store.outbox.rows(profiles[0], limit=10_000)]
    video = [
        s
        for s in statements
        if s["object"].get("definition", {}).get("type") == st.ACTIVITY_TYPES["video"]
        and st.verb_name(s) not in ("launched", "abandoned")  # cmi5's, no video model
    ]
    assert {st.verb_name(s) for s in video} == {
        "initialized",
        "played",
        "paused",
        "seeked",
        "completed",
        "terminated",
    }
    assert ralph_validate(video) == []
