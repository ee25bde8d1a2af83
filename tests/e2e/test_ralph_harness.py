"""The Ralph harness itself: the server the sync tests trust must store, page and validate."""

from __future__ import annotations

import copy
import dataclasses
import json
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from tests.e2e import conftest
from tests.e2e.conftest import RalphServer, read_all_statements
from tests.support import FIXTURES as SHARED_FIXTURES

pytestmark = pytest.mark.e2e

XAPI = {"X-Experience-API-Version": "1.0.3"}
VIDEO = "https://w3id.org/xapi/video"


def statement(n: int, actor_name: str) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": "https://u.test", "name": actor_name},
        },
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/experienced",
            "display": {"en": "experienced"},
        },
        "object": {"objectType": "Activity", "id": f"https://courses.example.org/unit/{n}"},
        "timestamp": f"2026-02-03T04:05:{n % 60:02d}.{n % 1000:03d}Z",
    }


def played(session_id: str | None = None) -> dict:
    """A video-profile `played` statement as the store writes it."""
    return {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "account": {"homePage": "https://u.test", "name": "v-1"}},
        "verb": {"id": f"{VIDEO}/verbs/played", "display": {"en-US": "played"}},
        "object": {
            "objectType": "Activity",
            "id": "https://courses.example.org/c/intro/1.0.0/units/welcome-video",
            "definition": {
                "type": f"{VIDEO}/activity-type/video",
                "name": {"en": "Welcome"},
            },
        },
        "result": {"extensions": {f"{VIDEO}/extensions/time": 12.5}},
        "context": {
            "contextActivities": {
                "category": [
                    {
                        "objectType": "Activity",
                        "id": VIDEO,
                        "definition": {"type": "http://adlnet.gov/expapi/activities/profile"},
                    }
                ]
            },
            "extensions": {f"{VIDEO}/extensions/session-id": session_id or str(uuid.uuid4())},
        },
        "timestamp": "2026-02-03T04:05:06.789Z",
    }


def post(server: RalphServer, statements: list[dict]) -> requests.Response:
    return requests.post(
        server.statements_url, json=statements, auth=server.auth, headers=XAPI, timeout=30
    )


def test_ralph_serves_xapi_with_basic_auth(ralph: RalphServer) -> None:
    assert ralph.url.startswith("http://127.0.0.1:") and ralph.url.endswith("/xAPI/")
    assert ralph.statements_url == ralph.url + "statements"
    assert (ralph.data_dir / "auth.json").is_file()
    with pytest.raises(dataclasses.FrozenInstanceError):
        ralph.password = "x"  # type: ignore[misc]
    ok = requests.get(ralph.statements_url, auth=ralph.auth, headers=XAPI, timeout=10)
    assert ok.status_code == 200 and "statements" in ok.json()
    anonymous = requests.get(ralph.statements_url, headers=XAPI, timeout=10)
    assert anonymous.status_code == 401


def test_ralph_accepts_every_write_not_only_the_first(ralph: RalphServer) -> None:
    """Without the launcher's APPEND patch, the fs backend answers 500 from the second POST."""
    actor = f"append-{uuid.uuid4()}"
    batches = [[statement(i, actor)] for i in range(3)]
    for batch in batches:
        answer = post(ralph, batch)
        assert answer.status_code == 200, answer.text
        assert answer.json() == [batch[0]["id"]]
    mine = [
        s for s in read_all_statements(ralph) if s["actor"].get("account", {}).get("name") == actor
    ]
    assert sorted(s["id"] for s in mine) == sorted(b[0]["id"] for b in batches)


def test_ralph_filters_by_verb_and_activity(ralph: RalphServer) -> None:
    """Without the launcher's filter patch, Ralph's fs backend matches no verb nor activity."""
    actor = f"filters-{uuid.uuid4()}"
    sent = [statement(i, actor) for i in range(4)]
    sent[1]["verb"] = {"id": "http://adlnet.gov/expapi/verbs/passed"}
    assert post(ralph, sent).status_code == 200
    agent = json.dumps(sent[0]["actor"])
    by_verb = read_all_statements(
        ralph, {"agent": agent, "verb": "http://adlnet.gov/expapi/verbs/passed"}
    )
    assert [s["id"] for s in by_verb] == [sent[1]["id"]]
    by_activity = read_all_statements(
        ralph, {"agent": agent, "activity": "https://courses.example.org/unit/2"}
    )
    assert [s["id"] for s in by_activity] == [sent[2]["id"]]


def test_read_all_follows_more_past_100_statements(
    ralph_factory: Callable[[], RalphServer], ralph_statements: Callable[..., list[dict]]
) -> None:
    server = ralph_factory()  # a private Ralph: everything in it is ours to count
    sent = [statement(i, "pager") for i in range(250)]
    assert post(server, sent[:200]).status_code == 200
    first = requests.get(server.statements_url, auth=server.auth, headers=XAPI, timeout=10).json()
    assert len(first["statements"]) == 100 and first["more"].startswith("/xAPI/statements?")
    # 200 is a whole number of pages: Ralph then offers one more, empty page.
    assert Counter(s["id"] for s in ralph_statements(server)) == Counter(
        s["id"] for s in sent[:200]
    )
    assert post(server, sent[200:]).status_code == 200
    back = ralph_statements(server)
    assert len(back) == 250
    assert Counter(s["id"] for s in back) == Counter(s["id"] for s in sent)
    by_id = {s["id"]: s for s in back}
    for original in sent:
        stored = by_id[original["id"]]
        assert {k: stored[k] for k in original} == original


def test_validate_accepts_a_profile_conformant_played_statement(
    ralph_validate: Callable[[list[dict]], list[str]],
) -> None:
    assert ralph_validate([played(), played()]) == []


def test_validate_rejects_played_without_the_profile_category(
    ralph_validate: Callable[[list[dict]], list[str]],
) -> None:
    bad = played()
    bad["context"]["contextActivities"]["category"] = [{"id": "https://example.org/other"}]
    [error] = ralph_validate([bad])
    assert error.startswith(f"statement 0 (verb {VIDEO}/verbs/played):")
    assert "contextActivities.category" in error


def test_validate_rejects_played_with_extensions_but_no_session_id(
    ralph_validate: Callable[[list[dict]], list[str]],
) -> None:
    bad = played()
    bad["context"]["extensions"] = {f"{VIDEO}/extensions/length": 60.0}
    [error] = ralph_validate([bad])
    assert "session-id" in error


def test_validate_reports_each_bad_statement_by_index(
    ralph_validate: Callable[[list[dict]], list[str]],
) -> None:
    negative_time = played()
    negative_time["result"]["extensions"][f"{VIDEO}/extensions/time"] = -1
    generic = statement(1, "not-a-profile")
    errors = ralph_validate([played(), negative_time, played(), generic])
    assert len(errors) == 2
    assert errors[0].startswith("statement 1 ") and "extensions/time" in errors[0]
    # Ralph lets a statement through when no profile model matches it; the helper does not.
    assert errors[1].startswith("statement 3 ") and "No matching pydantic model" in errors[1]


def test_validate_a_fixture_statement_that_no_profile_covers(
    ralph_validate: Callable[[list[dict]], list[str]],
) -> None:
    fixture = SHARED_FIXTURES / "xapi/valid/xapi-schema-completion.json"
    loaded = json.loads(fixture.read_text(encoding="utf-8"))
    [error] = ralph_validate([copy.deepcopy(loaded)])
    assert error.startswith("statement 0 (verb http://adlnet.gov/expapi/verbs/attempted)")


def test_missing_ralph_venv_fails_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(conftest, "RALPH_PYTHON", tmp_path / "no-venv" / "bin" / "python")
    with pytest.raises(pytest.fail.Exception) as failed:
        conftest.RalphProcess(tmp_path / "data")
    assert "packaging/install-ralph.sh" in str(failed.value)
    with pytest.raises(pytest.fail.Exception):
        conftest.validate_with_ralph([played()])
