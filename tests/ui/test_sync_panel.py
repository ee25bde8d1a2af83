"""The Sync panel and the status bar as a learner on a shared laptop meets them (offscreen Qt,
a scripted sync in place of the network; the real LRS is in tests/e2e/test_sync_gui.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from player.context import open_context
from player.paths import Paths
from player.store import Store
from player.ui.sync_indicator import SyncController
from player.ui.sync_panel import SyncPanel
from player.ui.tasks import SyncRunner
from tests.ui.test_sync_indicator import ScriptedSync


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    opened = Store.open(paths)
    opened.start()
    yield opened
    opened.close()


@pytest.fixture
def scripted(qapp: QApplication, paths: Paths, store: Store) -> Iterator[ScriptedSync]:
    yield ScriptedSync(store)


@pytest.fixture
def controller(paths: Paths, store: Store, scripted: ScriptedSync) -> Iterator[SyncController]:
    made = SyncController(open_context(paths), store, SyncRunner(), sync=scripted)  # type: ignore[arg-type]
    yield made
    made.stop()


@pytest.fixture
def panel(qtbot, controller: SyncController) -> Iterator[SyncPanel]:  # type: ignore[no-untyped-def]
    made = SyncPanel(controller)
    qtbot.addWidget(made)
    yield made
    made.close()


# -- the account form -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("endpoint", "user", "secret", "note", "field"),
    [
        ("", "", "", "Type the school's server address.", "endpoint"),
        ("", "awa", "pw", "Type the school's server address.", "endpoint"),
        ("lrs.example.org", "", "", "The school's server address is a web address", "endpoint"),
        ("https://awa:pw@lrs.example.org/xAPI/", "awa", "pw", "is a web address", "endpoint"),
        ("https://[::1/xAPI/", "awa", "pw", "is a web address", "endpoint"),
        ("https://lrs.example.org/xAPI/", "", "", "Type your user name.", "user"),
        ("https://lrs.example.org/xAPI/", "a:wa", "pw", "The user name cannot contain", "user"),
        ("https://lrs.example.org/xAPI/", "awa", "", "Type the password.", "secret"),
    ],
)
def test_the_account_form_names_its_first_missing_or_wrong_field_and_goes_there(
    panel: SyncPanel,
    store: Store,
    endpoint: str,
    user: str,
    secret: str,
    note: str,
    field: str,
) -> None:
    """Every field empty, the form said "Type the password.", its last field."""
    panel.open_for(store.profiles.add("Awa").id)
    panel.endpoint.setText(endpoint)
    panel.user.setText(user)
    panel.secret.setText(secret)
    panel.close_button.setFocus()
    assert not panel.save_account()
    assert note in panel.account_note.text()
    assert panel.focusWidget() is getattr(panel, field)
