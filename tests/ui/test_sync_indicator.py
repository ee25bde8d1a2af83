"""SyncController's decisions, with a scripted sync in place of the network (offscreen Qt).

The real LRS is exercised in tests/e2e/test_sync_gui.py; here each report is scripted, so a test
can ask exactly when a run is forced past the backoff and what the indicator says.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import nullcontext

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from player.context import open_context
from player.paths import Paths
from player.player_sync import Applied, Pulled, PullRequest, succeeded
from player.store import Store
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.sync_controller import SyncController
from player.ui.sync_indicator import SyncIndicator
from player.ui.tasks import SyncRunner
from sync.credentials import LrsAccount
from sync.engine import ProfileReport, Refused, SyncReport
from sync.outbox import write_transaction
from sync.reachability import ReachabilityProbe, Target
from sync.server_answer import one_line
from tests.ui.unit_support import french

NETWORK_ERROR = "ConnectionError: ('Connection aborted.', RemoteDisconnected(...))"
#: How the interface says NETWORK_ERROR (never requests' text: see SyncStatus.detail_text).
NETWORK_WORDS = "The institution's server could not be reached"


class FakeCredentials:
    """The accounts the panel and the controller read (no secret store)."""

    def __init__(self) -> None:
        self.saved: dict[str, LrsAccount] = {}

    def get(self, profile_id: str) -> LrsAccount | None:
        return self.saved.get(profile_id)

    def accounts(self) -> list[LrsAccount]:
        return list(self.saved.values())


class ScriptedSync:
    """What SyncController needs of PlayerSync; `push` answers `self.report`, records `force`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = type("Engine", (), {"reachability": None, "on_progress": None})()
        self.forces: list[bool] = []
        self.report = SyncReport("done", 0.0, 0.0)
        self.pulled: list[Pulled] = []
        self.successes: list[float] = []
        self.credentials = FakeCredentials()

    def push(
        self, cancel: threading.Event | None = None, *, force: bool = False, **_: object
    ) -> SyncReport:
        self.forces.append(force)
        return self.report

    def pull_requests(self, store: Store) -> list[PullRequest]:
        return []

    def pull(self, requests: Sequence[PullRequest]) -> list[Pulled]:
        return self.pulled

    def apply(self, store: Store, pulled: Sequence[Pulled]) -> list[Applied]:
        return []

    def note_success(
        self, store: Store, report: SyncReport, profile_ids: Sequence[str] | None = None
    ) -> tuple[str, ...]:
        """PlayerSync's rule (`succeeded`) for the profiles of the report, as if each had an
        account; "p" for a run that sent nothing (it asked the server nothing: no date)."""
        done = tuple(
            p.profile_id
            for p in report.profiles
            if succeeded(report, p.profile_id, store.outbox.counts(p.profile_id))
        )
        if not done:
            return ()
        self.successes.append(report.finished_at)
        return done

    def last_success(self, profile_id: str | None) -> float | None:
        return None

    def confirmed(self, profile_id: str) -> bool:
        """Its LRS took the account (PlayerSync's `confirmed`): the status may say up to date."""
        return True

    def close(self) -> None:
        pass


class ManualHost:
    """A TCP probe target that answers or not, as the test says."""

    def __init__(self) -> None:
        self.up = True

    def connect(self, target: Target, timeout: float) -> None:
        if not self.up:
            raise OSError("unreachable")


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    opened = Store.open(paths)
    opened.start()
    yield opened
    opened.close()


@pytest.fixture
def controlled(
    qapp: object, paths: Paths, store: Store
) -> Iterator[tuple[SyncController, ScriptedSync, ManualHost]]:
    sync = ScriptedSync(store)
    controller = SyncController(open_context(paths), store, SyncRunner(), sync=sync)  # type: ignore[arg-type]
    host = ManualHost()
    controller.probe = ReachabilityProbe(
        controller.reachability, lambda: [("lrs.test", 443)], connect=host.connect
    )
    yield controller, sync, host
    controller.stop()


def network_failure() -> SyncReport:
    waiting = ProfileReport("p", 0, (), 3, 0, "retry", NETWORK_ERROR, next_attempt_at=9e9)
    return SyncReport("waiting", 0.0, 0.0, (waiting,))


def test_probe_reaching_the_host_while_online_keeps_the_backoff(
    controlled: tuple[SyncController, ScriptedSync, ManualHost],
) -> None:
    controller, sync, _ = controlled
    sync.report = network_failure()  # the host takes TCP, the HTTP request dies
    controller.request(force=True)
    assert controller.probe_timer.isActive()
    for _ in range(3):
        controller.probe_timer.timeout.emit()  # TCP answers, and the device was online
    assert sync.forces == [True, False, False, False]  # no POST every 5 s past the backoff


def test_probe_seeing_the_network_come_back_forces_a_run(
    controlled: tuple[SyncController, ScriptedSync, ManualHost],
) -> None:
    controller, sync, host = controlled
    sync.report = network_failure()
    controller.request(force=True)
    host.up = False
    controller.probe_timer.timeout.emit()  # the device is offline
    assert not controller.reachability.online and sync.forces == [True]
    host.up = True
    controller.probe_timer.timeout.emit()  # and back: what waited goes now
    assert sync.forces == [True, True]


def test_last_successful_sync_moves_only_on_a_run_that_left_nothing_refused_or_failed(
    controlled: tuple[SyncController, ScriptedSync, ManualHost],
) -> None:
    controller, sync, _ = controlled
    refused = Refused("p", "s-1", 400, "version not supported")
    sync.report = SyncReport("done", 0.0, 10.0, (ProfileReport("p", 4, (refused,), 0, 1, None),))
    controller.request(force=True)
    stopped = ProfileReport("p", 0, (), 2, 0, "unexpected", "HTTP 400: refused")
    sync.report = SyncReport("stopped", 0.0, 20.0, (stopped,), "HTTP 400: refused")
    controller.request(force=True)
    assert sync.successes == []
    sync.report = SyncReport("done", 0.0, 30.0, (ProfileReport("p", 4, (), 0, 0, None),))
    sync.pulled = [Pulled("p", None, "HTTP 403")]  # a write-only account cannot read grades
    controller.request(force=True)
    assert sync.successes == [30.0]  # the records reached the institution all the same


def test_statements_refused_by_the_lrs_do_not_read_as_up_to_date(
    controlled: tuple[SyncController, ScriptedSync, ManualHost], store: Store
) -> None:
    controller, _, _ = controlled
    indicator = SyncIndicator(controller)
    assert indicator.text() == "Up to date"
    with write_transaction(store.conn):
        store.outbox.append("p", "s-1", b'{"id": "s-1"}', 0.0)
    store.outbox.mark_poison("s-1", "HTTP 400: version not supported")
    controller.request(force=False)
    assert controller.status().kind == "refused"
    assert indicator.text() == "1 refused"
    assert "Refused by the server: 1" in indicator.toolTip()


def test_send_again_queues_the_chosen_refused_statements_in_their_order_and_syncs(
    controlled: tuple[SyncController, ScriptedSync, ManualHost], store: Store
) -> None:
    from player.ui.sync_panel import SyncPanel

    controller, sync, _ = controlled
    profile = store.profiles.add("Awa").id
    with write_transaction(store.conn):
        for n in (1, 2, 3):
            store.outbox.append(profile, f"s-{n}", b'{"id": "s-%d"}' % n, float(n))
    for n in (1, 2, 3):
        store.outbox.mark_poison(f"s-{n}", "HTTP 400: version not supported")
    panel = SyncPanel(controller)
    panel.open_for(profile)  # the refused list is the profile's own (see test_sync_panel.py)
    assert panel.refused.rowCount() == 3 and panel.resend_button.isEnabled()
    panel.refused.selectRow(1)
    panel.resend_refused()
    assert [s.id for s in store.outbox.poison_list(profile)] == ["s-1", "s-3"]
    assert [s.id for s in store.outbox.take_batch(profile, 10)] == ["s-2"]
    assert panel.refused.rowCount() == 2 and sync.forces[-1] is True  # and it went at once
    panel.refused.clearSelection()
    panel.resend_refused()  # none selected: all of them
    assert [s.id for s in store.outbox.take_batch(profile, 10)] == ["s-1", "s-2", "s-3"]
    assert not panel.resend_button.isEnabled()
    panel.close()


# -- what a learner walking through the app met ---------------------------------------------


def queue(store: Store, profile_id: str, count: int, start: int = 0) -> None:
    with write_transaction(store.conn):
        for n in range(start, start + count):
            store.outbox.append(profile_id, f"s-{n}", b'{"id": "s-%d"}' % n, float(n))


def link(sync: ScriptedSync, *profile_ids: str) -> None:
    """Give these profiles an account (a profile without one says so, whatever the run)."""
    for profile_id in profile_ids:
        sync.credentials.saved[profile_id] = LrsAccount(
            profile_id, "https://lrs.example.org/xAPI/", "awa"
        )


def network_retry(profile_id: str, waiting: int) -> SyncReport:
    retry = ProfileReport(
        profile_id, 0, (), waiting, 0, "retry", NETWORK_ERROR, next_attempt_at=9e9
    )
    return SyncReport("waiting", 0.0, 0.0, (retry,))


def no_account_report(profile_id: str, waiting: int) -> SyncReport:
    detail = "no LRS account is set for this profile"  # the engine's words
    stopped = ProfileReport(profile_id, 0, (), waiting, 0, "no_account", detail)
    return SyncReport("waiting", 0.0, 0.0, (stopped,))


def test_without_an_account_the_panel_never_claims_a_successful_sync(
    qapp: object, services: ShellServices
) -> None:
    """The first start has nothing queued: the run "took everything", but no account means
    nothing can have reached an institution. A date recorded so by an older version (or by
    another profile's account) is no success of a profile without an account either."""
    from player.ui.sync_panel import SyncPanel

    controller = SyncController(services.context, services.store, SyncRunner())
    try:
        profile = services.profiles.add("Awa")
        controller.request(force=True)  # the real engine: nothing queued, no account
        assert controller.sync.last_success(profile.id) is None
        panel = SyncPanel(controller)
        panel.open_for(profile.id)
        assert panel.last_sync.text() == "Last successful sync: never"
        assert panel.last_sync.isHidden()  # the line under it says why, once
        # another run saying so: still no account anywhere
        assert controller.sync.note_success(services.store, SyncReport("done", 0.0, 1e9)) == ()
        assert controller.sync.last_success(profile.id) is None
        status = services.context.paths.data / "sync-status.json"
        status.write_text('{"last_success": 1000000000.0}', "utf-8")  # an older version's
        panel.refresh()
        assert "never" in panel.last_sync.text() and "20" not in panel.last_sync.text()
        panel.open_for(None)  # before a profile is open: no account anywhere
        assert panel.last_sync.text() == "Last successful sync: never"
        panel.close()
    finally:
        controller.close()


class Online:
    """A network that is there (the controller's start watches nothing more)."""

    def is_online(self) -> bool:
        return True

    def is_metered(self) -> bool:
        return False

    def watch(self, changed: object) -> None:
        pass


def test_the_status_bar_and_the_panel_count_the_same_records_while_the_learner_studies(
    qtbot,  # type: ignore[no-untyped-def]
    controlled: tuple[SyncController, ScriptedSync, ManualHost],
    store: Store,
) -> None:
    """The status bar kept the count of the last run ("17 waiting") while the learner went on
    studying; the panel, counting when opened, said 28."""
    from player.ui.sync_panel import SyncPanel

    controller, sync, _ = controlled
    profile = store.profiles.add("Awa").id
    link(sync, profile)
    sync.report = network_retry(profile, 17)
    indicator = SyncIndicator(controller)
    queue(store, profile, 17)
    controller.network = Online()
    controller.start()  # one run at start, then none for sync_interval_minutes
    assert indicator.text() == "17 waiting"
    queue(store, profile, 11, start=17)  # studying
    qtbot.waitUntil(lambda: indicator.text() == "28 waiting", timeout=5000)
    other = sqlite3.connect(store.path)  # `cartable sync` in another process delivers some
    other.execute("UPDATE outbox SET state = 'delivered' WHERE id IN ('s-0', 's-1', 's-2')")
    other.commit()
    other.close()
    qtbot.waitUntil(lambda: indicator.text() == "25 waiting", timeout=5000)
    queue(store, profile, 2, start=28)
    panel = SyncPanel(controller)
    panel.open_for(profile)  # opening the panel counts for both at once
    assert panel.state.text().startswith("27 learning records wait to be sent.")
    assert indicator.text() == "27 waiting"
    panel.close()
    controller.stop()
    assert not controller.poll_timer.isActive()


def test_a_missing_account_is_said_in_the_learners_words(
    controlled: tuple[SyncController, ScriptedSync, ManualHost], store: Store
) -> None:
    from player.ui.sync_panel import SyncPanel

    controller, sync, _ = controlled
    profile = store.profiles.add("Awa").id
    queue(store, profile, 3)
    sync.report = no_account_report(profile, 3)
    indicator = SyncIndicator(controller)
    controller.request(force=True)
    words = "No account to send your learning records to is set for this profile."
    assert words in indicator.toolTip() and "LRS" not in indicator.toolTip()
    panel = SyncPanel(controller)
    panel.open_for(profile)
    assert panel.state.text() == (
        "3 learning records are kept on this computer: this profile is not connected to an "
        "account at your institution. Add it below to send them."
    )
    # An account whose password went missing (the keyring lost it): the engine says the same.
    sync.credentials.saved[profile] = LrsAccount(profile, "https://lrs.example.org/xAPI/", "awa")
    controller.request(force=True)
    assert "The password of this profile's account is missing: type it again." in (
        indicator.toolTip()
    )
    # A server's answer is said by its kind, its text for support in the panel's tooltip.
    stopped = ProfileReport(profile, 0, (), 3, 0, "unexpected", "HTTP 404: Not Found")
    sync.report = SyncReport("stopped", 0.0, 0.0, (stopped,))
    controller.request(force=True)
    assert "gave an unexpected answer (HTTP 404)" in indicator.toolTip()
    assert "Not Found" not in indicator.toolTip()
    assert "HTTP 404: Not Found" in panel.state.toolTip()
    panel.close()


def test_the_password_says_unchanged_only_when_one_is_saved(
    controlled: tuple[SyncController, ScriptedSync, ManualHost], store: Store
) -> None:
    from player.ui.sync_panel import SyncPanel

    controller, sync, _ = controlled
    profile = store.profiles.add("Awa").id
    panel = SyncPanel(controller)
    panel.open_for(profile)
    assert panel.secret.placeholderText() == ""
    sync.credentials.saved[profile] = LrsAccount(profile, "https://lrs.example.org/xAPI/", "awa")
    panel.open_for(profile)
    assert panel.secret.placeholderText() == "unchanged"
    panel.open_for(None)  # no profile, no password
    assert panel.secret.placeholderText() == ""
    panel.close()


def test_copy_is_neither_enabled_nor_the_default_while_nothing_was_refused(
    qtbot,  # type: ignore[no-untyped-def]
    controlled: tuple[SyncController, ScriptedSync, ManualHost],
    store: Store,
) -> None:
    from player.ui.sync_panel import SyncPanel

    controller, _, _ = controlled
    profile = store.profiles.add("Awa").id
    panel = SyncPanel(controller)
    qtbot.addWidget(panel)
    panel.open_for(profile)
    qtbot.waitExposed(panel)
    assert not panel.copy_button.isEnabled() and not panel.resend_button.isEnabled()
    assert not panel.copy_button.isDefault(), "drawn as the default: it looked focused"
    assert QApplication.focusWidget() is not panel.copy_button
    assert panel.save_button.isDefault()  # Enter in the account's fields saves it
    # With refused statements, Enter on Copy copies (and presses nothing else).
    queue(store, profile, 1)
    store.outbox.mark_poison("s-0", "HTTP 400: bad")
    panel.refresh()
    assert panel.copy_button.isEnabled()
    QGuiApplication.clipboard().clear()
    panel.copy_button.setFocus()
    qtbot.keyClick(panel.copy_button, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text().startswith("s-0\nHTTP 400: bad")
    assert panel.account_note.text() != "Type the password."
    panel.close()


def test_no_status_before_a_profile_is_open_then_enter_or_space_opens_the_panel(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    services: ShellServices,
) -> None:
    controller = SyncController(services.context, services.store, SyncRunner())
    try:
        window.start()  # the first start: "Who is studying?"
        window.attach_sync(controller)
        indicator = window.sync_indicator
        assert indicator is not None
        assert indicator.isHidden(), "'Up to date' before anyone studied means nothing"
        window.statusBar().show()
        assert not indicator.isVisibleTo(window)
        profile = services.profiles.add("Awa")
        controller.poll_timer.timeout.emit()
        assert not indicator.isVisibleTo(window), "a profile exists, but none is open"
        window.open_profile(profile)
        assert indicator.isVisibleTo(window)
        assert indicator.text() == "Not connected to an account"  # nothing was, nor can be, sent
        indicator.setFocus()
        qtbot.keyClick(indicator, Qt.Key.Key_Return)
        assert window.sync_panel is not None and window.sync_panel.isVisible()
        window.sync_panel.close()
        indicator.setFocus()
        qtbot.keyClick(indicator, Qt.Key.Key_Space)
        assert window.sync_panel.isVisible()
        window.sync_panel.close()
    finally:
        controller.close()


def test_the_indicator_and_the_panel_follow_a_change_of_language(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    services: ShellServices,
) -> None:
    """Manage profiles > Language…: the status bar kept "29 waiting" in English."""
    sync = ScriptedSync(services.store)
    controller = SyncController(services.context, services.store, SyncRunner(), sync=sync)  # type: ignore[arg-type]
    try:
        profile = services.profiles.add("Awa", "en")
        link(sync, profile.id)
        window.open_profile(profile)
        window.attach_sync(controller)
        queue(services.store, profile.id, 3)
        sync.report = network_retry(profile.id, 3)
        controller.request(force=False)
        indicator = window.sync_indicator
        assert indicator is not None and indicator.text() == "3 waiting"
        assert NETWORK_WORDS in indicator.toolTip()
        window.show_sync_panel()
        panel = window.sync_panel
        assert panel is not None and panel.sync_button.text() == "&Sync now"
        window._profile_changed(services.profiles.set_language(profile.id, "fr"))
        QApplication.processEvents()  # LanguageChange is posted to every widget
        assert indicator.text() == "3 en attente"
        assert indicator.accessibleName() == "État de la synchronisation\u00a0: 3 en attente"
        assert panel.sync_button.text() == "&Synchroniser maintenant"
        assert panel.account_note.text().startswith("Le mot de passe est conservé")
        assert panel.waiting_title.text() == "En attente d'envoi"
        queue(services.store, profile.id, 1, start=3)
        controller.request(force=False)  # the next status speaks French too
        assert indicator.text() == "4 en attente"
        panel.close()
    finally:
        controller.close()


def test_quitting_during_a_probe_does_not_wait_for_a_dead_host(
    controlled: tuple[SyncController, ScriptedSync, ManualHost],
) -> None:
    """At quit the task runner gets a few seconds to go idle: a probe stuck on a dead host
    (a connect or a lookup that takes its whole timeout) must stop waiting when told to."""
    controller, _, _ = controlled
    release = threading.Event()
    ended: list[Target] = []

    def dead_host(target: Target, timeout: float) -> None:
        controller.stop()  # the learner quits while the probe waits
        release.wait(10)  # hangs until the test ends (10 s: a probe that waits fails, not hangs)
        ended.append(target)
        raise OSError("timed out")

    assert controller.probe is not None
    controller.probe.connect = dead_host
    controller.probe.timeout = 30.0  # longer than the hang: only the quit ends the wait
    online_before = controller.reachability.online
    try:
        controller._probe()
        # Returned while the dead host still hangs: checked by its end, not a wall-clock bound.
        assert ended == []
    finally:
        release.set()
    assert controller.reachability.online == online_before  # a cancelled check records nothing


# -- why a profile stopped, in the learner's words ------------------------------------------

REFUSES_ALL = "the LRS refuses every statement, even one it already holds: HTTP 400: bad header"
STOPS = {
    "lrs_refuses_all": (
        REFUSES_ALL,
        "The institution's server refuses everything sent to it, even records it accepted before",
    ),
    "refused_unconfirmed": (
        "the LRS refused all 2 statement(s) waiting, kept until it takes another one or is "
        "fixed: HTTP 422: invalid",
        "The institution's server refused the 2 records waiting.",
    ),
    "unexpected_answer": (
        "HTTP 200: <html>Welcome to the hotel Wi-Fi</html>",
        "The institution's server address did not answer like a server of learning records",
    ),
}


def stopped_report(profile_id: str, waiting: int, stop: str, detail: str) -> SyncReport:
    stopped = ProfileReport(profile_id, 0, (), waiting, 0, "unexpected", detail, stop=stop)  # type: ignore[arg-type]
    return SyncReport("stopped", 0.0, 0.0, (stopped,), detail)


@pytest.mark.parametrize("stop", sorted(STOPS))
def test_why_a_profile_stopped_is_said_in_the_learners_words_with_the_answer_for_support(
    controlled: tuple[SyncController, ScriptedSync, ManualHost], store: Store, stop: str
) -> None:
    """The status bar and the panel showed the engine's English (the LRS refuses every
    statement...): a sentence of the interface now, the server's answer beside it."""
    from player.ui.sync_panel import SyncPanel

    controller, sync, _ = controlled
    profile = store.profiles.add("Awa").id
    link(sync, profile)
    queue(store, profile, 2)
    detail, words = STOPS[stop]
    sync.report = stopped_report(profile, 2, stop, detail)
    indicator = SyncIndicator(controller)
    controller.request(force=True)
    assert indicator.text() == "Sync error"
    tip = indicator.toolTip()
    assert words in tip and "kept" in tip and "LRS" not in tip.replace(detail, "")
    assert f"Server's answer: {one_line(detail)}" in tip  # for support, never a web page
    panel = SyncPanel(controller)
    panel.open_for(profile)
    lines = panel.state.text().split("\n")
    assert lines[0] == "The last sync did not succeed."
    assert words in lines[1] and "LRS" not in lines[1]
    assert lines[2] == f"Server's answer: {one_line(detail)}"
    assert "<html>" not in panel.state.text()
    panel.close()


def test_the_status_bar_says_the_state_of_the_profile_in_use_never_another_ones(
    controlled: tuple[SyncController, ScriptedSync, ManualHost], store: Store
) -> None:
    """Two learners on one computer: the first profile's reason was shown whoever studied, and
    the count was everyone's ("86 waiting" to a learner with 60)."""
    controller, sync, _ = controlled
    first = store.profiles.add("Awa").id
    second = store.profiles.add("Binta").id
    link(sync, first)
    queue(store, first, 2)
    queue(store, second, 3, start=2)
    waiting = ProfileReport(first, 0, (), 2, 0, "retry", NETWORK_ERROR, next_attempt_at=9e9)
    (no_account,) = no_account_report(second, 3).profiles
    sync.report = SyncReport("waiting", 0.0, 0.0, (waiting, no_account))
    indicator = SyncIndicator(controller)
    controller.use_profile(second)  # Binta studies, without an account
    controller.request(force=True)
    assert indicator.text() == "3 records kept on this computer"
    assert "No account to send your learning records to" in indicator.toolTip()
    assert NETWORK_WORDS not in indicator.toolTip()
    link(sync, second)
    detail, words = STOPS["lrs_refuses_all"]
    stopped = ProfileReport(second, 0, (), 3, 0, "unexpected", detail, stop="lrs_refuses_all")
    sync.report = SyncReport("stopped", 0.0, 0.0, (waiting, stopped), detail)
    controller.request(force=True)
    assert indicator.text() == "Sync error" and words in indicator.toolTip()
    assert NETWORK_WORDS not in indicator.toolTip()
    controller.use_profile(first)  # Awa studies: her records wait
    assert indicator.text() == "2 waiting" and NETWORK_WORDS in indicator.toolTip()
    assert words not in indicator.toolTip()
    # A profile in use with nothing waiting has no state of its own, and reads no one else's.
    third = store.profiles.add("Chidi").id
    link(sync, third)
    controller.use_profile(third)
    assert indicator.text() == "Up to date"
    assert NETWORK_WORDS not in indicator.toolTip() and words not in indicator.toolTip()


def test_grades_that_could_not_be_read_are_said_in_the_panel_not_as_a_sync_error(
    controlled: tuple[SyncController, ScriptedSync, ManualHost], store: Store
) -> None:
    """A write-only account (403) or a failing server (500) on the grade read: the exam said
    "awaiting grade" for ever, and only `cartable sync` printed why."""
    from player.ui.sync_panel import SyncPanel

    controller, sync, _ = controlled
    awa = store.profiles.add("Awa").id
    binta = store.profiles.add("Binta").id
    link(sync, awa, binta)
    sync.report = SyncReport("done", 0.0, 10.0, (ProfileReport(awa, 3, (), 0, 0, None),))
    sync.pulled = [
        Pulled(awa, None, "HTTP 403: Forbidden"),
        Pulled(binta, None, "HTTP 500: Internal Server Error"),
    ]
    indicator = SyncIndicator(controller)
    panel = SyncPanel(controller)
    panel.open_for(awa)
    assert panel.grades.isHidden()
    controller.request(force=True)
    assert indicator.text() == "Up to date" and sync.successes == [10.0]  # records were sent
    assert not panel.grades.isHidden()
    (line,) = panel.grades.text().split("\n")  # Awa's: Binta's are not Awa's to read
    assert line.startswith(
        "Exam grades for \u2068Awa\u2069 could not be read from the institution's server"
    )
    assert line.endswith("(Server's answer: HTTP 403: Forbidden)")
    # What the exam's page shows: its result, not a status it never names ("awaiting grade").
    assert "so the result of an exam you submitted cannot show yet." in line
    assert "awaiting" not in line
    panel.open_for(binta)
    assert "Binta" in panel.grades.text() and "HTTP 500" in panel.grades.text()
    assert "Awa" not in panel.grades.text()
    panel.open_for(awa)
    sync.pulled = [Pulled(awa, None, "HTTP 403: Forbidden")]  # Binta's grades were read
    controller.request(force=True)
    assert panel.grades.text().count("\n") == 0 and "Awa" in panel.grades.text()
    sync.report = SyncReport("offline", 0.0, 20.0)  # no read tried: what is known stays
    sync.pulled = []
    controller.request(force=True)
    assert "Awa" in panel.grades.text()
    sync.report = SyncReport("done", 0.0, 30.0)
    controller.request(force=True)  # read again, and nothing failed
    assert panel.grades.isHidden() and panel.grades.text() == ""
    panel.close()


def test_the_account_form_names_the_server_without_jargon(
    controlled: tuple[SyncController, ScriptedSync, ManualHost], store: Store
) -> None:
    from player.ui.sync_panel import SyncPanel

    controller, _, _ = controlled
    panel = SyncPanel(controller)
    panel.open_for(store.profiles.add("Awa").id)
    assert panel.endpoint_label.text() == "Institution's server a&ddress:"
    assert "LRS" not in panel.endpoint_label.text()
    assert "LRS" in panel.endpoint.toolTip()  # the technical term, for whoever sets it up
    assert panel.endpoint_label.toolTip() == panel.endpoint.toolTip()
    panel.close()


def test_the_open_panel_reads_the_refused_list_again_only_when_it_changed(
    controlled: tuple[SyncController, ScriptedSync, ManualHost],
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The controller refreshes the open panel each second the records change (a video playing
    behind it): reading every refused statement's body each time cost 85 ms at 5,000."""
    from player.ui.sync_panel import SyncPanel

    controller, _, _ = controlled
    profile = store.profiles.add("Awa").id
    with write_transaction(store.conn):
        store.outbox.append(profile, "s-1", b'{"id": "s-1"}', 1.0)
    store.outbox.mark_poison("s-1", "HTTP 400: refused")
    panel = SyncPanel(controller)
    panel.open_for(profile)
    assert panel.refused.rowCount() == 1
    reads: list[str] = []
    real = store.outbox.poison_list
    monkeypatch.setattr(store.outbox, "poison_list", lambda p: reads.append(p) or real(p))
    with write_transaction(store.conn):  # the learner studies: one more statement queued
        store.outbox.append(profile, "s-2", b'{"id": "s-2"}', 2.0)
    panel.show_status(controller.status())
    assert reads == [] and panel.waiting.item(0, 1).text() == "1"
    store.outbox.mark_poison("s-2", "HTTP 400: refused too")
    panel.show_status(controller.status())
    assert reads == [profile] and panel.refused.rowCount() == 2


def panel_mnemonics(panel: QWidget) -> dict[str, str]:
    """Every enabled visible button and every label with a field of `panel` -> its Alt key."""
    keys: dict[str, str] = {}
    for button in panel.findChildren(QAbstractButton):
        if button.isVisibleTo(panel) and button.isEnabled():
            keys[f"button {button.text()!r}"] = QKeySequence.mnemonic(button.text()).toString()
    for label in panel.findChildren(QLabel):
        if label.isVisibleTo(panel) and label.buddy() is not None:
            keys[f"label {label.text()!r}"] = QKeySequence.mnemonic(label.text()).toString()
    return keys


def test_every_button_and_field_of_the_panel_has_its_own_alt_key_in_english_and_french(
    qapp: QApplication,
    controlled: tuple[SyncController, ScriptedSync, ManualHost],
    store: Store,
) -> None:
    """Keyboard users reach each control by Alt+letter: the panel had no Alt key at all."""
    from player.ui.sync_panel import SyncPanel

    controller, _, _ = controlled
    profile = store.profiles.add("Awa").id
    queue(store, profile, 1)
    store.outbox.mark_poison("s-0", "HTTP 400: bad")  # Copy and Send again enabled
    panel = SyncPanel(controller)
    panel.open_for(profile)
    fields = {label.buddy() for label in panel.findChildren(QLabel) if label.buddy()}
    assert fields == {panel.endpoint, panel.user, panel.secret}
    try:
        for language in ("en", "fr"):
            with french(qapp) if language == "fr" else nullcontext():
                QApplication.processEvents()  # LanguageChange reaches every widget
                keys = panel_mnemonics(panel)
                assert len(keys) == 8, keys  # 5 buttons (with Close), 3 labels
                if language == "fr":
                    assert panel.sync_button.text() == "&Synchroniser maintenant"
                without = sorted(control for control, key in keys.items() if not key)
                assert without == [], f"{language}: no Alt key for {without}"
                assert len(set(keys.values())) == len(keys), f"{language}: shared in {keys}"
    finally:
        panel.close()
