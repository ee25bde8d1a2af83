"""The GUI's sync: controller, status-bar indicator and panel, against a real Ralph.

The task runner is the synchronous one (tests/ui convention); the network is a source the test
drives, since QNetworkInformation cannot be switched off here.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from player.ui.network_source import QtNetworkSource
from player.ui.sync_controller import SyncController
from player.ui.sync_indicator import SyncIndicator
from player.ui.sync_panel import SyncPanel
from player.ui.tasks import SyncRunner
from tests.e2e.conftest import RalphServer
from tests.e2e.sync_support import (
    Learner,
    append_frozen,
    assert_held_once_and_equal,
    extra_statement,
    make_learner,
    study_demo_course,
)

pytestmark = pytest.mark.e2e


class ManualNetwork:
    def __init__(self, online: bool, metered: bool = False) -> None:
        self.online, self.metered = online, metered
        self.listeners: list[Callable[[], None]] = []

    def is_online(self) -> bool:
        return self.online

    def is_metered(self) -> bool:
        return self.metered

    def watch(self, changed: Callable[[], None]) -> None:
        self.listeners.append(changed)

    def set(self, online: bool, metered: bool = False) -> None:
        self.online, self.metered = online, metered
        for listener in self.listeners:
            listener()


@pytest.fixture
def learner(tmp_path: Path, ralph: RalphServer) -> Iterator[Learner]:
    made = make_learner(tmp_path / "home", ralph.url, ralph.username, ralph.password)
    yield made
    made.close()


@pytest.fixture
def network() -> ManualNetwork:
    return ManualNetwork(online=False)


@pytest.fixture
def controller(qtbot: object, learner: Learner, network: ManualNetwork) -> Iterator[SyncController]:
    made = SyncController(learner.context, learner.store, SyncRunner(), network=network)
    yield made
    made.close()


def held(ralph_statements: Callable[..., list[dict]], learner: Learner) -> list[dict]:
    import json

    return ralph_statements(params={"agent": json.dumps(learner.profile.actor.to_json())})


def test_offline_then_network_back_sends_everything_once(
    controller: SyncController,
    network: ManualNetwork,
    learner: Learner,
    ralph_statements: Callable[..., list[dict]],
) -> None:
    study_demo_course(learner)
    queued = learner.queued()
    indicator = SyncIndicator(controller)
    controller.start()
    assert indicator.text() == "Offline"
    assert controller.status().waiting == len(queued)
    assert held(ralph_statements, learner) == []

    reports = []
    controller.report_ready.connect(reports.append)
    network.set(online=True)  # the network comes back: a forced sync at once
    assert [r.status for r in reports] == ["done"]
    assert indicator.text() == "Up to date"
    assert controller.status().last_success is not None
    assert_held_once_and_equal(held(ralph_statements, learner), queued)

    controller.exam_submitted()  # nothing new: nothing sent again
    assert reports[-1].delivered == 0


def test_unmetered_only_waits_on_a_metered_network(
    controller: SyncController, network: ManualNetwork, learner: Learner
) -> None:
    learner.context.settings.unmetered_only = True
    append_frozen(learner, [extra_statement(learner, 1)])
    indicator = SyncIndicator(controller)
    network.metered = True
    controller.start()
    network.set(online=True, metered=True)
    assert indicator.text() == "Waiting for an unmetered network"
    assert learner.store.outbox.counts(learner.profile.id).queued == 1
    network.set(online=True, metered=False)
    controller.sync_now()
    assert indicator.text() == "Up to date"


def test_panel_shows_refused_reason_copies_it_and_fixes_credentials(
    qtbot: object,
    controller: SyncController,
    network: ManualNetwork,
    learner: Learner,
    ralph: RalphServer,
) -> None:
    bad = extra_statement(learner, 2, refused=True)
    append_frozen(learner, [extra_statement(learner, 1), bad])
    network.online = True
    panel = SyncPanel(controller)
    panel.open_for(learner.profile.id)
    indicator = SyncIndicator(controller)

    # The learner types a wrong password: the server refuses it, the panel says so.
    needs: list[str] = []
    controller.credentials_needed.connect(needs.append)
    panel.secret.setText("wrong")
    assert panel.save_account()
    assert needs == [learner.profile.id]
    assert indicator.text() == "Sync error"
    assert "refused the user name or password" in panel.state.text()
    assert "401" not in panel.state.text() and "HTTP 401" in panel.state.toolTip()
    assert learner.store.outbox.counts(learner.profile.id).queued == 2

    panel.secret.setText(ralph.password)
    assert panel.save_account()
    assert indicator.text() == "1 refused"  # nothing waits, but not "up to date" either
    assert panel.refused.rowCount() == 1
    assert panel.refused.item(0, 1).text() == "\u2068https://courses.example.org/extra/2\u2069 (x)"
    assert bad["id"] in panel.refused.item(0, 1).toolTip()  # listed by its activity
    assert panel.refused.item(0, 2).text() == "The server found this record invalid."
    assert "HTTP 422" in panel.refused.item(0, 2).toolTip()
    panel.copy_refused()
    copied = QGuiApplication.clipboard().text()
    assert bad["id"] in copied and "HTTP 422" in copied and "mailto:learner@school.test" in copied
    # The refused statement never reached the institution: that run is no success.
    assert panel.last_sync.text() == "Last successful sync: never"
    panel.close()


def test_grade_comes_back_through_the_controller(
    controller: SyncController,
    network: ManualNetwork,
    learner: Learner,
    ralph: RalphServer,
) -> None:
    exam = study_demo_course(learner)
    network.online = True
    controller.start()
    awaiting = learner.store.assessments.awaiting_grades(learner.profile.id)  # the exam's id
    grade = {
        "id": str(uuid.uuid4()),
        "actor": learner.profile.actor.to_json(),
        "verb": {"id": "http://adlnet.gov/expapi/verbs/failed", "display": {"en-US": "failed"}},
        "object": {"objectType": "Activity", "id": awaiting[exam.registration]},
        "result": {"score": {"scaled": 0.25}, "success": False},
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
    assert answer.status_code == 200
    applied: list[list] = []
    controller.results_applied.connect(applied.append)
    controller.sync_now()
    [[item]] = applied
    assert (item.attempt.registration, item.attempt.state, item.attempt.passed) == (
        exam.registration,
        "graded",
        False,
    )


def test_qt_network_information_loads_here(qtbot: object) -> None:
    source = QtNetworkSource.load()
    assert source is not None and source.is_online()
