"""The status-bar sync button and the Sync panel show the profile open, and nothing on the
profile page: after a switch they kept the previous learner's count ("30 records kept on this
computer") until the new learner recorded something, and at start the PIN screen already showed
the last profile's count to whoever sat down. Real store and SyncController (never started: no
network); two learners with different counts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from player.store import Store
from player.store.profiles import Profile
from player.ui.main_window import MainWindow
from player.ui.profiles_dialog import ProfilesDialog
from player.ui.shell import ShellServices
from player.ui.sync_controller import SyncController
from player.ui.sync_indicator import SyncIndicator
from player.ui.tasks import SyncRunner
from sync.outbox import write_transaction
from tests.ui.test_profiles import select


def record(store: Store, profile: Profile, count: int) -> None:
    """`count` statements of this learner waiting in the outbox."""
    with write_transaction(store.conn):
        for n in range(count):
            statement_id = f"{profile.id}-{n}"
            store.outbox.append(
                profile.id, statement_id, b'{"id": "%s"}' % statement_id.encode(), n
            )


@pytest.fixture
def learners(services: ShellServices) -> tuple[Profile, Profile]:
    """Awa (PIN 1234, 30 records, the last profile opened) and Binta (PIN 4242, 3 records)."""
    awa = services.profiles.add("Awa", "en", pin="1234")
    binta = services.profiles.add("Binta", "en", pin="4242")
    record(services.store, awa, 30)
    record(services.store, binta, 3)
    services.context.settings.last_profile = awa.id
    return awa, binta


@pytest.fixture
def controller(services: ShellServices) -> Iterator[SyncController]:
    made = SyncController(services.context, services.store, SyncRunner())
    yield made
    made.close()


def indicator_of(window: MainWindow) -> SyncIndicator:
    indicator = window.sync_indicator
    assert indicator is not None
    return indicator


def shown(window: MainWindow) -> str | None:
    """The sync button's text as the learner sees it (None: not shown)."""
    indicator = indicator_of(window)
    return indicator.text() if indicator.isVisibleTo(window) else None


def type_pin(qtbot, window: MainWindow, profile: Profile, pin: str) -> None:  # type: ignore[no-untyped-def]
    page = window.profile_page
    assert page is not None
    page.select(profile.id)
    qtbot.keyClicks(page.pin, pin)
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    assert window.session is not None and window.session.profile_id == profile.id


def test_the_pin_screen_shows_no_ones_count_and_a_switch_shows_the_new_learners_at_once(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    learners: tuple[Profile, Profile],
    controller: SyncController,
) -> None:
    awa, binta = learners
    window.start()  # Awa was last: her PIN is asked
    window.attach_sync(controller)
    window.statusBar().show()
    assert window.profile_page is not None
    assert shown(window) is None, "Awa's count to whoever sits down, before her PIN"
    controller.poll()  # what the controller looks at every second changes nothing
    assert shown(window) is None
    type_pin(qtbot, window, awa, "1234")
    assert shown(window) == "30 records kept on this computer"
    window.switch_action.trigger()  # Profile > Switch profile: the chooser
    assert shown(window) is None, "Awa's count to the next learner"
    type_pin(qtbot, window, binta, "4242")
    # At once: no poll, no record of Binta's since.
    assert shown(window) == "3 records kept on this computer"
    window.switch_action.trigger()
    assert window.profile_page is not None
    qtbot.keyClicks(window.profile_page.pin, "4242")  # her PIN: the chooser is a lock
    window.profile_page.cancel_button.click()  # back to Binta's library, not switched
    assert shown(window) == "3 records kept on this computer"


def test_the_sync_panel_follows_a_switch_and_shows_no_one_on_the_profile_page(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    learners: tuple[Profile, Profile],
    controller: SyncController,
) -> None:
    awa, binta = learners
    window.start()
    window.attach_sync(controller)
    type_pin(qtbot, window, awa, "1234")
    window.show_sync_panel()
    panel = window.sync_panel
    assert panel is not None and panel.isVisible() and panel.profile_id == awa.id
    assert panel.state.text().startswith("30 learning records are kept on this computer")
    # Manage profiles > Open, with Binta's PIN: the panel open beside it was Awa's.
    window.profiles_action.trigger()
    dialog = window.profiles_dialog
    assert isinstance(dialog, ProfilesDialog)
    select(dialog, "Binta")  # the name isolated in its line (FSI ... PDI)
    dialog.open_button.click()
    form = dialog.form
    assert form is not None
    qtbot.keyClicks(form.inputs[0], "4242")
    form.ok.click()
    QApplication.processEvents()
    assert window.session is not None and window.session.profile_id == binta.id
    assert not panel.isVisible(), "Awa's records and account form left open for Binta"
    assert shown(window) == "3 records kept on this computer"
    window.show_sync_panel()
    assert panel.isVisible() and panel.profile_id == binta.id
    assert panel.state.text().startswith("3 learning records are kept on this computer")
    # The chooser is up: a panel opened there is no one's (the computer's total); the Sync
    # item is disabled there (test_the_sync_item_waits_for_a_profile_in_use).
    window.switch_action.trigger()
    assert not panel.isVisible()
    window.show_sync_panel()
    assert panel.isVisible() and panel.profile_id is None
    assert not panel.endpoint.isEnabled(), "Binta's account form, before anyone's PIN"
    panel.close()


def test_the_sync_item_waits_for_a_profile_in_use(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    learners: tuple[Profile, Profile],
    controller: SyncController,
) -> None:
    """On the profile page the status-bar button is hidden, but Course > Sync opened the panel
    with the computer's total ("Learners on this computer: 30") to whoever sat down."""
    awa, _ = learners
    window.start()  # Awa's PIN is asked
    window.attach_sync(controller)
    assert not window.sync_action.isEnabled()
    window.sync_action.trigger()
    assert window.sync_panel is None or not window.sync_panel.isVisible()
    type_pin(qtbot, window, awa, "1234")
    assert window.sync_action.isEnabled()
    window.switch_action.trigger()  # Profile > Switch profile: the chooser
    assert window.profile_page is not None and not window.sync_action.isEnabled()
    qtbot.keyClicks(window.profile_page.pin, "1234")  # her PIN: the chooser is a lock
    window.profile_page.cancel_button.click()  # back to Awa's library
    assert window.sync_action.isEnabled()
    window.sync_action.trigger()
    panel = window.sync_panel
    assert panel is not None and panel.isVisible() and panel.profile_id == awa.id
    panel.close()


def test_removing_the_open_profile_leaves_no_count_on_the_profile_page(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    learners: tuple[Profile, Profile],
    controller: SyncController,
) -> None:
    _, binta = learners
    window.start()
    window.attach_sync(controller)
    type_pin(qtbot, window, binta, "4242")
    window.statusBar().show()
    assert shown(window) == "3 records kept on this computer"
    window._profile_removing(binta.id)
    services.profiles.remove(binta.id, force=True)
    window._profile_removed(binta.id)
    assert window.session is None and window.profile_page is not None
    assert shown(window) is None, "Awa's 30, the computer's only records, before her PIN"
    controller.poll()
    assert shown(window) is None
