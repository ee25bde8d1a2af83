"""sync.lrs against a real LRS (Ralph): what the sync engine will meet, answer by answer.

Each test records one Ralph behaviour the engine relies on (see the asserts' comments). The
statements come from shared/fixtures/xapi/valid (public conformance suites) with fresh ids.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
import requests

from sync.http import make_session
from sync.lrs import BasicAuth, BearerAuth, LrsClient, LrsError, Outcome
from tests.e2e.conftest import RalphServer, read_all_statements
from tests.e2e.test_ralph_harness import played
from tests.support import FIXTURES as SHARED_FIXTURES

pytestmark = pytest.mark.e2e

FIXTURES = SHARED_FIXTURES / "xapi" / "valid"
SUBSTATEMENT = "lrs-conformance-object_substatement_default.json"
TIMESTAMP = "2026-02-03T04:05:06.789Z"


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with make_session("0.0.0-test") as s:
        yield s


@pytest.fixture
def lrs(ralph: RalphServer, session: requests.Session) -> LrsClient:
    return LrsClient(ralph.url, BasicAuth(ralph.username, ralph.password), session)


def frozen(statement: dict) -> bytes:
    """Bytes as the outbox freezes them (non-ASCII kept as UTF-8)."""
    return json.dumps(statement, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def fixture_statements() -> list[dict]:
    """The valid fixtures Ralph can store, each with a fresh id and (like ours) a timestamp."""
    paths = sorted(p for p in FIXTURES.glob("*.json") if p.name != SUBSTATEMENT)
    assert len(paths) >= 5, f"fixtures missing in {FIXTURES}"
    statements = []
    for path in paths:
        statement = json.loads(path.read_text(encoding="utf-8"))
        statement["id"] = str(uuid.uuid4())
        statement.setdefault("timestamp", TIMESTAMP)
        statements.append(statement)
    return statements


def account_statement(actor: str, n: int, verb: str = "experienced") -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "account": {"homePage": "https://u.test", "name": actor}},
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
        "object": {"objectType": "Activity", "id": f"https://courses.example.org/unit/{n}"},
        "timestamp": f"2026-02-03T04:{n // 60:02d}:{n % 60:02d}.000Z",
    }


def stored_by_id(ralph: RalphServer, ids: list[str]) -> Counter[str]:
    wanted = set(ids)
    return Counter(s["id"] for s in read_all_statements(ralph) if s["id"] in wanted)


def test_fixture_batch_is_stored_once_and_unchanged(ralph: RalphServer, lrs: LrsClient) -> None:
    sent = fixture_statements()
    result = lrs.post_statements([frozen(s) for s in sent])
    # Ralph: 200 and the ids, in the order sent.
    assert (result.outcome, result.status) == (Outcome.DELIVERED, 200)
    assert result.ids == tuple(s["id"] for s in sent)
    back = {s["id"]: s for s in read_all_statements(ralph)}
    assert stored_by_id(ralph, list(result.ids)) == Counter(result.ids)
    for original in sent:
        stored = back[original["id"]]
        # Ralph sets `stored` (replacing a client's), adds `authority` when absent, keeps the rest.
        assert set(stored) - set(original) <= {"stored", "authority"}
        assert {k: v for k, v in stored.items() if k in original and k != "stored"} == {
            k: v for k, v in original.items() if k != "stored"
        }


def test_same_batch_again_is_204_and_still_stored_once(ralph: RalphServer, lrs: LrsClient) -> None:
    bodies = [frozen(s) for s in fixture_statements()]
    first = lrs.post_statements(bodies)
    again = lrs.post_statements(bodies)
    # Ralph: a batch it fully holds is answered 204 with no body: delivered, nothing listed.
    assert (again.outcome, again.status, again.ids, again.answer) == (
        Outcome.DELIVERED,
        204,
        (),
        "",
    )
    assert stored_by_id(ralph, list(first.ids)) == Counter(first.ids)


def test_batch_mixing_held_and_new_statements_lists_only_the_new(
    ralph: RalphServer, lrs: LrsClient
) -> None:
    old = account_statement("mixed", 1)
    new = account_statement("mixed", 2)
    assert lrs.post_statements([frozen(old)]).status == 200
    result = lrs.post_statements([frozen(old), frozen(new)])
    # Ralph: 200 listing only the ids it did not hold. The engine must mark the whole batch
    # delivered on 200, not just the listed ids.
    assert (result.outcome, result.status, result.ids) == (Outcome.DELIVERED, 200, (new["id"],))
    assert stored_by_id(ralph, [old["id"], new["id"]]) == Counter([old["id"], new["id"]])


def test_statement_without_timestamp_cannot_be_resent(ralph: RalphServer, lrs: LrsClient) -> None:
    no_timestamp = account_statement("no-timestamp", 1)
    del no_timestamp["timestamp"]
    assert lrs.post_statements([frozen(no_timestamp)]).status == 200
    again = lrs.post_statements([frozen(no_timestamp)])
    # Ralph stamps a missing timestamp with the time of each POST, then compares timestamps:
    # an identical resend is a "differing" 409. Cartable's statements always carry a timestamp.
    assert (again.outcome, again.status) == (Outcome.REFUSED, 409)
    assert no_timestamp["id"] in again.answer
    assert stored_by_id(ralph, [no_timestamp["id"]]) == Counter([no_timestamp["id"]])


def test_differing_statement_with_an_existing_id_is_409(ralph: RalphServer, lrs: LrsClient) -> None:
    original = account_statement("conflict", 1)
    assert lrs.post_statements([frozen(original)]).status == 200
    differing = {**original, "verb": {"id": "http://adlnet.gov/expapi/verbs/failed"}}
    result = lrs.post_statements([frozen(differing)])
    assert (result.outcome, result.status) == (Outcome.REFUSED, 409)
    assert json.loads(result.answer) == {
        "detail": f"Differing statements already exist with the same ID: {original['id']}"
    }
    [stored] = [s for s in read_all_statements(ralph) if s["id"] == original["id"]]
    assert stored["verb"] == original["verb"]


def test_invalid_statement_is_422_and_its_batch_is_not_stored(
    ralph: RalphServer, lrs: LrsClient
) -> None:
    good_1, good_2 = account_statement("all-or-nothing", 1), account_statement("all-or-nothing", 2)
    invalid = account_statement("all-or-nothing", 3)
    del invalid["verb"]
    result = lrs.post_statements([frozen(good_1), frozen(invalid), frozen(good_2)])
    # Ralph: 422 (not 400) with pydantic details; `loc` names the statement's index in the batch.
    assert (result.outcome, result.status) == (Outcome.REFUSED, 422)
    [detail] = json.loads(result.answer)["detail"]
    assert detail["loc"] == ["body", 1, "verb"] and detail["type"] == "missing"
    assert stored_by_id(ralph, [good_1["id"], good_2["id"]]) == Counter()
    retried = lrs.post_statements([frozen(good_1), frozen(good_2)])
    assert (retried.status, retried.ids) == (200, (good_1["id"], good_2["id"]))


def test_duplicate_ids_inside_one_batch_is_400(lrs: LrsClient) -> None:
    statement = frozen(account_statement("duplicates", 1))
    result = lrs.post_statements([statement, statement])
    assert (result.outcome, result.status) == (Outcome.REFUSED, 400)
    assert json.loads(result.answer) == {
        "detail": "Duplicate statement IDs in the list of statements"
    }


def test_ralph_refuses_substatements(lrs: LrsClient) -> None:
    """Ralph 5.1.0 requires `object.id`, which a SubStatement has not: a Ralph limitation."""
    statement = json.loads((FIXTURES / SUBSTATEMENT).read_text(encoding="utf-8"))
    statement.update(id=str(uuid.uuid4()), timestamp=TIMESTAMP)
    result = lrs.post_statements([frozen(statement)])
    assert (result.outcome, result.status) == (Outcome.REFUSED, 422)
    assert json.loads(result.answer)["detail"][0]["loc"] == ["body", 0, "object", "id"]


def test_reserved_mbox_domain_is_422(lrs: LrsClient) -> None:
    """Ralph checks mbox addresses for deliverability rules: `.test` domains are refused."""
    statement = account_statement("mbox", 1)
    statement["actor"] = {"objectType": "Agent", "mbox": "mailto:learner@school.test"}
    result = lrs.post_statements([frozen(statement)])
    assert (result.outcome, result.status) == (Outcome.REFUSED, 422)
    assert "special-use or reserved name" in result.answer


@pytest.mark.parametrize(
    "auth",
    [None, BasicAuth("cartable", "wrong password"), BasicAuth("nobody", "x"), BearerAuth("t")],
    ids=["none", "wrong-password", "unknown-user", "bearer"],
)
def test_bad_credentials_are_401(
    ralph: RalphServer, session: requests.Session, auth: BasicAuth | BearerAuth | None
) -> None:
    client = LrsClient(ralph.url, auth, session)
    statement = account_statement("auth", 1)
    result = client.post_statements([frozen(statement)])
    assert (result.outcome, result.status) == (Outcome.AUTH, 401)
    assert "credentials" in json.loads(result.answer)["detail"]
    with pytest.raises(LrsError) as error:
        list(client.get_statements(statement["actor"]))
    assert (error.value.outcome, error.value.status) == (Outcome.AUTH, 401)
    assert stored_by_id(ralph, [statement["id"]]) == Counter()


def test_get_statements_for_an_agent_pages_past_100(lrs: LrsClient) -> None:
    actor = f"reader-{uuid.uuid4()}"
    sent = [account_statement(actor, n, "experienced" if n % 3 else "passed") for n in range(230)]
    for start in range(0, len(sent), 50):
        batch = sent[start : start + 50]
        assert lrs.post_statements([frozen(s) for s in batch]).status == 200
    agent = sent[0]["actor"]
    everything = list(lrs.get_statements(agent))
    assert Counter(s["id"] for s in everything) == Counter(s["id"] for s in sent)
    passed = list(lrs.get_statements(agent, "http://adlnet.gov/expapi/verbs/passed"))
    assert sorted(s["id"] for s in passed) == sorted(s["id"] for s in sent[::3])
    small_pages = list(lrs.get_statements(agent, limit=7))
    assert Counter(s["id"] for s in small_pages) == Counter(s["id"] for s in sent)
    # Ralph's fs backend compares `since` with each statement's `timestamp` (xAPI says `stored`).
    since = sent[199]["timestamp"]
    later = list(lrs.get_statements(agent, since=since))
    assert sorted(s["id"] for s in later) == sorted(s["id"] for s in sent[200:])


def test_ralph_has_no_about_resource(lrs: LrsClient) -> None:
    assert lrs.about() is None


def test_played_statement_passes_ralph_validate_and_is_stored(
    ralph: RalphServer, lrs: LrsClient, ralph_validate: Callable[[list[dict]], list[str]]
) -> None:
    good = played()
    bad = played()
    del bad["context"]["contextActivities"]
    assert ralph_validate([good]) == []
    [error] = ralph_validate([bad])
    assert "contextActivities" in error
    # The LRS itself does not apply profile rules: both are stored.
    result = lrs.post_statements([frozen(good), frozen(bad)])
    assert (result.outcome, result.ids) == (Outcome.DELIVERED, (good["id"], bad["id"]))
    assert stored_by_id(ralph, [good["id"], bad["id"]]) == Counter([good["id"], bad["id"]])
