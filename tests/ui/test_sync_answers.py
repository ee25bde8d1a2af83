"""What went wrong, in the learner's words: a server's answer (a refused password, a busy or
failing server, a refused statement) as the audit against Ralph behind a fault proxy met it in
the Sync panel, the status bar and the exam page (offscreen Qt, a scripted sync in place of the
network: tests/ui/test_sync_indicator.py's ScriptedSync; the real LRS: tests/e2e)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QMainWindow

from player.context import open_context
from player.paths import Paths
from player.store import Store
from player.ui.i18n import date_time_text, time_text
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.sync_controller import SyncController
from player.ui.sync_indicator import SyncIndicator
from player.ui.sync_panel import SyncPanel
from player.ui.tasks import SyncRunner
from player.ui.theme import Theme
from sync.credentials import LrsAccount
from sync.engine import ProfileReport, SyncReport
from sync.outbox import write_transaction
from tests.ui.test_sync_indicator import ScriptedSync

REFUSED_PASSWORD = 'HTTP 401: {"detail":"Invalid authentication credentials"}'
BAD_GATEWAY = (  # nginx's page for a 502, as the proxy in front of Ralph gave it
    "HTTP 502: <html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n"
    "</body>\r\n</html>"
)
TOO_MANY = 'HTTP 429: {"detail":"audit proxy says 429"}'
#: Ralph's answer to a statement its validator refuses: 2,011 characters in the audit.
INVALID = "HTTP 422: " + json.dumps(
    {
        "detail": [
            {
                "type": "value_error",
                "loc": ["body", 0, "actor", "BaseXapiAgentWithMbox", "mbox"],
                "msg": "value is not a valid email address: " + "x" * 1900,
            }
        ]
    }
)


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    opened = Store.open(paths)
    opened.start()
    yield opened
    opened.close()


@pytest.fixture
def scripted(qapp: QApplication, store: Store) -> ScriptedSync:
    return ScriptedSync(store)


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


def learner(
    store: Store, scripted: ScriptedSync, name: str = "Bob", waiting: int = 3, language: str = "fr"
) -> str:
    """A profile with an account and `waiting` records queued (its statements' names are read
    in its language; the panel here speaks English)."""
    profile_id = store.profiles.add(name, language).id
    scripted.credentials.saved[profile_id] = LrsAccount(
        profile_id, "https://lrs.example.org/xAPI/", name.lower()
    )
    with write_transaction(store.conn):
        for n in range(waiting):
            statement_id = f"{profile_id}-{n}"
            store.outbox.append(
                profile_id, statement_id, b'{"id": "%s"}' % statement_id.encode(), n
            )
    return profile_id


def answered(
    scripted: ScriptedSync, profile_id: str, reason: str, detail: str, due: float | None = None
) -> None:
    """The next run ends with this profile's records waiting on this answer."""
    report = ProfileReport(profile_id, 0, (), 3, 0, reason, detail, next_attempt_at=due)  # type: ignore[arg-type]
    scripted.report = SyncReport("waiting", time.time(), time.time(), (report,))


def hhmm(moment: float) -> str:
    """A time to come as the panel says it: with its date when it falls on another day (a test
    run at 23:45 waits until 00:15 tomorrow)."""
    today = datetime.now().date()
    return (
        time_text(moment)
        if datetime.fromtimestamp(moment).date() == today
        else date_time_text(moment)
    )


# -- a refused password ------------------------------------------------------------------------


def test_a_refused_password_is_said_in_words_beside_the_form_the_answer_in_the_tooltip(
    panel: SyncPanel, controller: SyncController, scripted: ScriptedSync, store: Store
) -> None:
    """The panel said « La dernière synchronisation a échoué. HTTP 401: {"detail":"Invalid
    authentication credentials"} »: nothing about the user name or password, nor the form."""
    bob = learner(store, scripted)
    answered(scripted, bob, "auth", REFUSED_PASSWORD)
    controller.use_profile(bob)
    controller.sync_now()
    panel.open_for(bob)
    state = panel.state.text()
    assert "refused the user name or password of this profile" in state
    assert "HTTP 401" not in state and "detail" not in state
    assert "HTTP 401" in panel.state.toolTip()  # for support
    assert panel.account_note.text() == (
        "The institution's server refused this user name or password: correct them, then save."
    )
    assert panel.focusWidget() is panel.secret  # where to correct it
    indicator = SyncIndicator(controller)
    assert "refused the user name or password" in indicator.toolTip()
    assert "HTTP 401" not in indicator.toolTip()
    # Corrected: the next run takes the account, the form's line is the usual one again.
    scripted.report = SyncReport("done", time.time(), time.time())
    with write_transaction(store.conn):
        store.conn.execute("UPDATE outbox SET state = 'delivered' WHERE profile_id = ?", (bob,))
    controller.sync_now()
    assert "refused" not in panel.state.text()
    assert "refused" not in panel.account_note.text()


def test_a_refusal_while_the_profile_chooser_is_up_is_said_to_that_learner_when_they_open(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """The run at start went while the profile chooser was up: Bob only ever saw "Sync error",
    never "Your institution refused your account". Said once his profile opens, never to Awa."""
    scripted = ScriptedSync(services.store)
    controller = SyncController(services.context, services.store, SyncRunner(), sync=scripted)  # type: ignore[arg-type]
    bob = learner(services.store, scripted, "Bob", language="en")
    awa = learner(services.store, scripted, "Awa", language="en")
    answered(scripted, bob, "auth", REFUSED_PASSWORD)
    try:
        window.start()
        window.attach_sync(controller)
        assert window.profile_page is not None
        controller.request(force=True)  # the start's run, under the chooser
        assert window.statusBar().currentMessage() == ""
        refusal = "Your institution refused your account: open Sync to correct it."
        window.open_profile(services.store.profiles.get(awa))
        assert window.statusBar().currentMessage() == "", "Bob's refusal told to Awa"
        window.show_profiles()
        window.open_profile(services.store.profiles.get(bob))
        assert window.statusBar().currentMessage() == refusal
        assert window._account_refused(bob) and not window._account_refused(awa)
    finally:
        controller.stop()


class CountingCredentials:
    """The scripted accounts, counting the reads: a keyring read each time is what the exam
    page's question must not cost when nothing was refused."""

    def __init__(self, saved: dict[str, LrsAccount]) -> None:
        self.saved = saved
        self.reads = 0

    def get(self, profile_id: str) -> LrsAccount | None:
        self.reads += 1
        return self.saved.get(profile_id)

    def accounts(self) -> list[LrsAccount]:
        self.reads += 1
        return list(self.saved.values())


def test_the_exam_pages_question_agrees_with_the_status_and_reads_no_account_unless_refused(
    controller: SyncController, scripted: ScriptedSync, store: Store
) -> None:
    """An exam page waiting for its grade asks whether the account was refused at each redraw
    and every 5 s: the whole status read every profile, the counts, the dates and the keyring
    each time. The question alone answers as the status does, for its learner only."""
    bob = learner(store, scripted, "Bob")
    awa = learner(store, scripted, "Awa")
    counting = CountingCredentials(scripted.credentials.saved)
    scripted.credentials = counting  # type: ignore[assignment]

    def agrees(expected: dict[str, bool]) -> None:
        for profile_id, refused in expected.items():
            assert controller.status_of(profile_id).account_refused is refused
            assert controller.account_refused(profile_id) is refused

    agrees({bob: False, awa: False})  # no run yet
    scripted.report = SyncReport("done", time.time(), time.time())
    controller.sync_now()
    counting.reads = 0
    for _ in range(10):
        assert not controller.account_refused(bob)
    assert counting.reads == 0, "nothing refused, and the keyring was read"
    answered(scripted, bob, "retry", TOO_MANY)
    controller.sync_now()
    agrees({bob: False, awa: False})
    answered(scripted, bob, "auth", REFUSED_PASSWORD)
    controller.sync_now()
    agrees({bob: True, awa: False})  # Bob's refusal is never Awa's
    report = ProfileReport(
        bob, 0, (), 3, 0, "unexpected", REFUSED_PASSWORD, stop="unexpected_answer"
    )
    scripted.report = SyncReport("waiting", time.time(), time.time(), (report,))
    controller.sync_now()
    agrees({bob: False, awa: False})  # stopped: said as the stop, not as a refused password
    answered(scripted, bob, "auth", REFUSED_PASSWORD)
    controller.sync_now()
    del scripted.credentials.saved[bob]  # the account removed since: no refused account
    agrees({bob: False, awa: False})
    scripted.credentials.saved[bob] = LrsAccount(bob, "https://lrs.example.org/xAPI/", "bob")
    with write_transaction(store.conn):  # sent since by another process: nothing waits
        store.conn.execute("UPDATE outbox SET state = 'delivered' WHERE profile_id = ?", (bob,))
    agrees({bob: False, awa: False})


def test_the_exam_page_says_the_account_was_refused_not_sent_when_online(
    qapp: QApplication,
) -> None:
    """« Vos réponses sont envoyées … dès que cet ordinateur est en ligne » while online, the
    account refused: nothing goes until the learner corrects it."""
    from player.ui.exam.results_texts import _what_next

    refused = _what_next("the University", has_account=True, account_refused=True)
    assert refused.startswith("\u2068the University\u2069 refused the user name or password")
    assert "as soon as this computer is online" not in refused
    assert "correct the account with Course" in refused
    sent = _what_next("the University", has_account=True, account_refused=False)
    assert "as soon as this computer is online" in sent


# -- a busy or failing server ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("detail", "words", "tooltip"),
    [
        (
            BAD_GATEWAY,
            "The institution's server is unavailable for now.",
            "HTTP 502: 502 Bad Gateway",
        ),
        (TOO_MANY, "The institution's server is busy.", TOO_MANY),
        ('HTTP 418: {"detail": "teapot"}', "gave an unexpected answer (HTTP 418).", "HTTP 418"),
    ],
)
def test_a_busy_or_failing_server_is_said_by_kind_with_the_next_try_never_as_its_page(
    panel: SyncPanel,
    controller: SyncController,
    scripted: ScriptedSync,
    store: Store,
    detail: str,
    words: str,
    tooltip: str,
) -> None:
    """A 502 from nginx put its whole HTML page in the panel; a 429 showed `HTTP 429:
    {"detail":…}` with no word of when the records go."""
    alice = learner(store, scripted, "Alice")
    due = time.time() + 600
    answered(scripted, alice, "retry", detail, due)
    controller.use_profile(alice)
    controller.sync_now()
    panel.open_for(alice)
    state = panel.state.text()
    assert words in state
    assert f"Next try at {hhmm(due)}." in state
    assert "<" not in state and "HTTP 502" not in state and "detail" not in state
    assert tooltip in panel.state.toolTip()
    assert "<html" not in panel.state.toolTip().replace("&lt;html", "")


def test_sync_now_while_the_server_asked_to_wait_says_until_when(
    panel: SyncPanel, controller: SyncController, scripted: ScriptedSync, store: Store
) -> None:
    """ "Sync now" during a Retry-After rightly sent nothing, and nothing on screen changed."""
    alice = learner(store, scripted, "Alice")
    due = time.time() + 1800
    answered(scripted, alice, "retry", TOO_MANY, due)
    controller.use_profile(alice)
    controller.sync_now()
    panel.open_for(alice)
    before = panel.state.text()
    panel.sync_button.click()  # the engine honours the Retry-After: the same report
    assert panel.state.text() != before
    assert f"The server asked to wait until {hhmm(due)}: nothing was sent." in panel.state.text()
    # The wait over, a run goes: the note goes with it.
    answered(scripted, alice, "retry", TOO_MANY, time.time() + 60)
    controller.request(force=False)
    assert "asked to wait" not in panel.state.text()


# -- a refused statement -----------------------------------------------------------------------


def test_a_refused_statement_is_listed_by_its_activity_and_a_reason_in_words(
    panel: SyncPanel, scripted: ScriptedSync, store: Store
) -> None:
    """The list showed "4a459341-d525-4132-…" and Ralph's JSON: which activity, and why?"""
    bob = learner(store, scripted, waiting=0)
    statement = {
        "id": "4a459341-d525-4132-bdd9-35e430fdb802",
        "verb": {"id": "http://adlnet.gov/expapi/verbs/launched", "display": {"en-US": "launched"}},
        "object": {
            "id": "https://cartable.invalid/course/les-mooc/unit/definition-video",
            "definition": {"name": {"en": "What is a MOOC?", "fr": "Qu'est-ce qu'un MOOC ?"}},
        },
    }
    with write_transaction(store.conn):
        store.outbox.append(bob, statement["id"], json.dumps(statement).encode(), 1.0)
    store.outbox.mark_poison(statement["id"], INVALID)
    panel.open_for(bob)
    assert panel.refused.rowCount() == 1
    activity, reason = panel.refused.item(0, 1), panel.refused.item(0, 2)
    assert (
        activity.text() == "\u2068Qu'est-ce qu'un MOOC ?\u2069 (launched)"
    )  # Bob's language: French
    assert statement["id"] in activity.toolTip()
    assert reason.text() == "The server found this record invalid."
    assert "HTTP 422" in reason.toolTip() and len(reason.toolTip()) < 400
    panel.copy_refused()  # the whole answer and statement, for support
    copied = QGuiApplication.clipboard().text()
    assert INVALID in copied and statement["id"] in copied
    panel.resend_refused()
    assert [s.id for s in store.outbox.take_batch(bob, 10)] == [statement["id"]]


# -- the panel on a 1280x720 screen --------------------------------------------------------------


def test_the_panel_stays_inside_a_1280x720_screen_without_a_window_manager(  # type: ignore[no-untyped-def]
    qtbot,
    qapp: QApplication,
    theme: Theme,
    monkeypatch: pytest.MonkeyPatch,
    controller: SyncController,
    scripted: ScriptedSync,
    store: Store,
) -> None:
    """Centred on the window at its first size, the panel then grew to 640x643 at y=91: its
    bottom at 734 on a 720 px screen, "Sync now" and "Close" cut off."""
    room = QRect(0, 0, 1280, 720)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _: room)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setGeometry(0, 0, 1248, 656)
    window.show()
    bob = learner(store, scripted)
    answered(scripted, bob, "auth", REFUSED_PASSWORD)
    for n in range(3):
        store.outbox.mark_poison(f"{bob}-{n}", INVALID)
    controller.use_profile(bob)
    panel = SyncPanel(controller, window)
    panel.setWindowFlag(Qt.WindowType.Dialog)
    panel.open_for(bob)
    qapp.processEvents()
    assert panel.height() > 500, "a panel that needs the room"
    assert room.contains(panel.frameGeometry()), panel.frameGeometry()
    for button in (panel.sync_button, panel.close_button):
        assert room.contains(QRect(button.mapToGlobal(button.rect().topLeft()), button.size()))
    panel.close()


def test_a_new_password_refused_is_a_sync_error_beside_refused_records(
    panel: SyncPanel, controller: SyncController, scripted: ScriptedSync, store: Store
) -> None:
    """Review r5 #7: with records refused earlier and nothing waiting, the check of a new
    password the server refused showed "2 refused", not that the password was refused."""
    bob = learner(store, scripted, waiting=2)
    with write_transaction(store.conn):
        store.conn.execute("UPDATE outbox SET state = 'poison' WHERE profile_id = ?", (bob,))
    check = ProfileReport(bob, 0, (), 0, 2, "auth", REFUSED_PASSWORD, checked=True)
    scripted.report = SyncReport("done", time.time(), time.time(), (check,))
    controller.use_profile(bob)
    controller.sync_now()
    indicator = SyncIndicator(controller)
    assert indicator.text() == "Sync error"
    assert "refused the user name or password" in indicator.toolTip()
    panel.open_for(bob)
    assert "refused the user name or password of this profile" in panel.state.text()
