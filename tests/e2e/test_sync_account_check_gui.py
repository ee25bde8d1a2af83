"""What the status bar and the Sync panel say after an account's check with nothing to send
(review r5 #6 and #7), against a real Ralph: an address where nothing listens says the cause
("Server not reachable"), and never that records "will be sent again" when none wait; a wrong
password is a "Sync error"; the right one "Up to date"."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from player.ui.sync_controller import SyncController
from player.ui.sync_indicator import SyncIndicator
from player.ui.sync_panel import SyncPanel
from player.ui.tasks import SyncRunner
from tests.e2e.conftest import RalphServer
from tests.e2e.sync_support import Learner, make_learner
from tests.e2e.test_sync_gui import ManualNetwork

pytestmark = pytest.mark.e2e


@pytest.fixture
def learner(tmp_path: Path, ralph: RalphServer) -> Iterator[Learner]:
    made = make_learner(tmp_path / "home", ralph.url, ralph.username, ralph.password, link=True)
    yield made
    made.close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


EXPECTED = {
    "closed_port": ("Server not reachable", "could not be reached"),
    "wrong_password": ("Sync error", "refused the user name or password"),
    "right_password": ("Up to date", "Everything has been sent."),
}


@pytest.mark.parametrize("case", list(EXPECTED))
def test_the_status_bar_and_the_panel_after_the_check(
    qtbot: object, learner: Learner, ralph: RalphServer, case: str
) -> None:
    network = ManualNetwork(online=True)
    controller = SyncController(learner.context, learner.store, SyncRunner(), network=network)
    try:
        panel = SyncPanel(controller)
        qtbot.addWidget(panel)  # type: ignore[attr-defined]
        panel.open_for(learner.profile.id)
        controller.use_profile(learner.profile.id)
        indicator = SyncIndicator(controller)
        qtbot.addWidget(indicator)  # type: ignore[attr-defined]
        if case == "closed_port":
            panel.endpoint.setText(f"http://127.0.0.1:{_closed_port()}/xAPI/")
        panel.secret.setText("wrong" if case == "wrong_password" else ralph.password)
        assert panel.save_account()  # runs a sync: the account's check
        bar, state = EXPECTED[case]
        qtbot.waitUntil(lambda: indicator.text() == bar, timeout=15_000)  # type: ignore[attr-defined]
        assert state in panel.state.text()
        assert "will be sent again" not in panel.state.text() + indicator.toolTip()
        if case == "closed_port":
            assert panel.state.text().startswith(
                "Your account is checked with the institution's server at each sync until it "
                "answers."
            )
    finally:
        controller.close()
