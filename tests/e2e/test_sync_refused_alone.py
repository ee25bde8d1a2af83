"""A statement Ralph refuses, alone in the queue after delivered ones: the engine sends again the
latest delivered statement (Ralph answers 204, it holds it) and so sets the refused one aside;
a gateway refusing everything refuses that one too, and nothing is set aside."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from sync.engine import EngineOptions, SyncEngine
from sync.http import make_session
from sync.lrs import BasicAuth, LrsClient
from sync.outbox import Outbox
from tests.e2e.conftest import RalphServer
from tests.e2e.fault_proxy import FaultProxy
from tests.unit.engine_support import open_outbox, queue

pytestmark = pytest.mark.e2e

OPTIONS = EngineOptions(batch_size=50, backoff_base=0.2, backoff_cap=2.0)


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with make_session("0.0.0-test") as s:
        yield s


@pytest.fixture
def outbox(tmp_path: Path) -> Outbox:
    return open_outbox(tmp_path)


def statements(n: int) -> list[dict]:
    actor = {
        "objectType": "Agent",
        "account": {"homePage": f"https://learners.example.org/{uuid.uuid4()}", "name": "ada"},
    }
    return [
        {
            "id": str(uuid.uuid4()),
            "actor": actor,
            "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en-US": "x"}},
            "object": {"objectType": "Activity", "id": f"https://courses.example.org/alone/{i}"},
            "timestamp": f"2026-02-03T04:05:{i:02d}.000Z",
        }
        for i in range(n)
    ]


def refused_by_ralph() -> dict:
    """Ralph answers 422: an mbox in a reserved domain, which its models reject."""
    [statement] = statements(1)
    statement["actor"] = {"objectType": "Agent", "mbox": "mailto:learner@school.test"}
    return statement


def test_a_lone_statement_ralph_refuses_after_delivered_ones_is_set_aside(
    ralph: RalphServer,
    session: requests.Session,
    outbox: Outbox,
    ralph_statements: Callable[..., list[dict]],
) -> None:
    client = LrsClient(ralph.url, BasicAuth(ralph.username, ralph.password), session)
    sync = SyncEngine(outbox, lambda _: client, options=OPTIONS)
    history = queue(outbox, "p", statements(3))
    assert sync.run().status == "done"
    [bad] = queue(outbox, "p", [refused_by_ralph()])  # the learner's last action

    report = sync.run(force=True)

    assert report.status == "done" and report.stop is None
    [refused] = report.refused
    assert (refused.statement_id, refused.status) == (bad, 422)
    [poison] = outbox.poison_list("p")
    assert poison.id == bad and poison.server_answer.startswith("HTTP 422: ")
    counts = outbox.counts("p")
    assert (counts.queued, counts.delivered, counts.poison) == (0, 3, 1)
    held = Counter(s["id"] for s in ralph_statements() if s["id"] in {*history, bad})
    assert held == Counter(history)  # the probe stored nothing twice; the bad one is not there
    assert sync.run().status == "done"  # nothing waits: the next run is a clean one


def test_a_gateway_refusing_everything_refuses_the_probe_too(
    ralph_factory: Callable[[], RalphServer], session: requests.Session, outbox: Outbox
) -> None:
    server = ralph_factory()
    proxy = FaultProxy(server.url.split("/xAPI/")[0]).start()
    try:
        client = LrsClient(proxy.url, BasicAuth(server.username, server.password), session)
        sync = SyncEngine(outbox, lambda _: client, options=OPTIONS)
        history = queue(outbox, "p", statements(2))
        assert sync.run().status == "done"
        [waiting] = queue(outbox, "p", statements(1))
        proxy.default = "status:413"  # a proxy's body limit set too low: every POST refused

        report = sync.run(force=True)

        assert report.status == "stopped" and report.refused == ()
        p = report.profile("p")
        assert p is not None and (p.reason, p.stop, p.waiting, p.poison) == (
            "unexpected",
            "lrs_refuses_all",
            1,
            0,
        )
        assert [seen.ids for seen in proxy.log[-2:]] == [(waiting,), (history[-1],)]
    finally:
        proxy.stop()


def test_after_an_account_change_ralph_gets_nothing_the_old_lrs_holds(
    ralph_factory: Callable[[], RalphServer],
    session: requests.Session,
    outbox: Outbox,
    ralph_statements: Callable[..., list[dict]],
) -> None:
    """The profile moved to another LRS: a refusal there is not probed with a statement the old
    one holds (the new one would store it). The statement waits, nothing is set aside."""
    first, second = ralph_factory(), ralph_factory()
    clients = {
        "old": LrsClient(first.url, BasicAuth(first.username, first.password), session),
        "new": LrsClient(second.url, BasicAuth(second.username, second.password), session),
    }
    current = {"p": "old"}
    sync = SyncEngine(outbox, lambda p: clients[current[p]], options=OPTIONS)
    history = queue(outbox, "p", statements(3))
    assert sync.run().status == "done"
    current["p"] = "new"  # the learner's account is now at another institution's LRS
    [bad] = queue(outbox, "p", [refused_by_ralph()])

    report = sync.run(force=True)

    assert report.status == "stopped" and report.stop == "refused_unconfirmed"
    assert report.refused == () and outbox.counts("p").queued == 1
    assert not {s["id"] for s in ralph_statements(second)} & {*history, bad}
