""" "Last successful sync" is each learner's own: on a shared laptop, one learner whose records
the server refuses does not make another's, all delivered, read "never" (the real PlayerSync
and its status file; the runs' reports are the engine's, handed over as a run ends)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from player.player_sync import STATUS_FILE
from player.ui.i18n import date_time_text, time_text
from player.ui.shell import ShellServices
from player.ui.sync_controller import SyncController
from player.ui.sync_panel import SyncPanel
from player.ui.sync_status import clock_text
from player.ui.tasks import SyncRunner
from sync.credentials import CredentialStore, LrsAccount
from sync.engine import ProfileReport, Refused, SyncReport
from sync.outbox import write_transaction
from tests.ui.unit_support import french

FIRST, SECOND = 1_780_000_000.0, 1_780_003_600.0


def shown(moment: float) -> str:
    return "Last successful sync: " + date_time_text(moment)


def joined(french: str) -> str:
    """A French date and time as the English catalog's "%1, %2" joins them, whether French
    says "28 nov. 2026, 08:27" or "28 nov. 2026 à 08:27"."""
    return french.replace(" à ", ", ")


@pytest.fixture
def controller(qapp: object, services: ShellServices) -> Iterator[SyncController]:
    made = SyncController(services.context, services.store, SyncRunner())
    yield made
    made.close()


def test_each_learner_sees_their_own_last_successful_sync(
    services: ShellServices, controller: SyncController
) -> None:
    store = services.store
    alice, bob, cleo = (services.profiles.add(name) for name in ("Alice", "Bob", "Cleo"))
    credentials = CredentialStore(services.context.paths.secrets, keyring_backend=None)
    for profile in (alice, bob):  # Cleo has no account
        account = LrsAccount(profile.id, "https://lrs.example.org/xAPI/", profile.name.lower())
        credentials.set(account, "secret")
    with write_transaction(store.conn):
        store.outbox.append(bob.id, "b-1", b'{"id": "b-1"}', 1.0)
    store.outbox.mark_poison("b-1", "HTTP 422: invalid statement")

    # Alice's records all delivered; Bob's refused.
    refused = Refused(bob.id, "b-1", 422, "invalid statement")
    first = SyncReport(
        "done",
        FIRST - 5,
        FIRST,
        (
            ProfileReport(alice.id, 40, (), 0, 0, None),
            ProfileReport(bob.id, 0, (refused,), 0, 1, None),
        ),
    )
    assert controller.sync.note_success(store, first) == (alice.id,)
    # Bob stopped (the server refuses what he sends); Alice had nothing left to send: the
    # server was not asked about her, so her date stays the last one it answered (f5 #1).
    stopped = ProfileReport(bob.id, 0, (), 2, 1, "unexpected", "HTTP 422", stop="lrs_refuses_all")
    second = SyncReport("stopped", SECOND - 5, SECOND, (stopped,), "HTTP 422")
    assert controller.sync.note_success(store, second) == ()
    sent = ProfileReport(alice.id, 2, (), 0, 0, None)  # a run that sent her records again
    third = SyncReport("stopped", SECOND - 5, SECOND, (sent, stopped), "HTTP 422")
    assert controller.sync.note_success(store, third) == (alice.id,)
    # A run of Bob alone (`cartable sync --profile Bob`) is no run of Alice's.
    assert controller.sync.note_success(store, SyncReport("done", 0, 9e9), [bob.id]) == ()

    panel = SyncPanel(controller)
    try:
        panel.open_for(alice.id)
        assert panel.last_sync.text() == shown(SECOND)  # was: "never", Bob's refusals
        assert panel.state.text() == "Everything has been sent."
        panel.open_for(bob.id)
        assert panel.last_sync.text() == "Last successful sync: never"
        panel.open_for(cleo.id)
        assert "never" in panel.last_sync.text()  # no account: no date whatever the runs
    finally:
        panel.close()
    # With no profile open: a date only once every learner's records reached their server.
    assert controller.sync.last_success(None) is None
    assert controller.sync.last_success(alice.id) == SECOND


def test_a_whole_computers_date_of_an_older_version_is_nobodys(
    services: ShellServices, controller: SyncController
) -> None:
    alice = services.profiles.add("Alice")
    credentials = CredentialStore(services.context.paths.secrets, keyring_backend=None)
    credentials.set(LrsAccount(alice.id, "https://lrs.example.org/xAPI/", "alice"), "secret")
    path = services.context.paths.data / STATUS_FILE
    path.write_text('{"last_success": 1000000000.0}', "utf-8")  # whose records? unknown
    assert controller.sync.last_success(alice.id) is None
    report = SyncReport("done", FIRST - 5, FIRST, (ProfileReport(alice.id, 3, (), 0, 0, None),))
    assert controller.sync.note_success(services.store, report) == (alice.id,)
    assert controller.sync.last_success(alice.id) == FIRST
    assert controller.sync.last_success(None) == FIRST


def test_the_date_is_written_as_the_interface_language_writes_it(  # type: ignore[no-untyped-def]
    qapp, services: ShellServices, controller: SyncController
) -> None:
    """The Sync panel said "Dernière synchronisation réussie : 2026-11-28 08:27" in a French
    interface whose exam page said "28/11/2026 08:26" (learner's-eye run u1): one date and
    time, the locale's, everywhere (player.ui.i18n.date_time_text); its month in words and its
    year whole, not the short "11/28/26" (run f4). French may join the time with "à"."""
    moment = datetime(2026, 11, 28, 8, 27).timestamp()  # local time, as the learner's clock
    alice = services.profiles.add("Alice")
    credentials = CredentialStore(services.context.paths.secrets, keyring_backend=None)
    credentials.set(LrsAccount(alice.id, "https://lrs.example.org/xAPI/", "alice"), "secret")
    report = SyncReport("done", moment - 5, moment, (ProfileReport(alice.id, 3, (), 0, 0, None),))
    assert controller.sync.note_success(services.store, report) == (alice.id,)
    panel = SyncPanel(controller)
    try:
        QLocale.setDefault(QLocale("en"))  # the English interface's (Translations.use)
        panel.open_for(alice.id)
        # Before AM: a space or a narrow no-break one, as Qt's locale data of its version has it.
        said = panel.last_sync.text().replace("\u202f", " ")
        assert said == "Last successful sync: Nov 28, 2026, 8:27 AM"
        with french(qapp):
            panel.open_for(alice.id)
            assert (
                joined(panel.last_sync.text())
                == "Dernière synchronisation réussie\u00a0: 28 nov. 2026, 08:27"
            )
            assert joined(date_time_text(moment)) == "28 nov. 2026, 08:27"
            later = datetime(2031, 1, 15, 14, 5).timestamp()  # not today, whenever run
            assert joined(clock_text(later)) == "15 janv. 2031, 14:05", "a retry another day"
    finally:
        panel.close()


# A sync-status.json damaged by hand or by a disk: NaN, 1e300, year 10000, an integer of 400
# digits, -1e300, year 0; year 9999, which a clock can show but no sync has reached yet, and
# lists nested 100,000 deep (RecursionError, review r15 #6).
DAMAGED = [
    "NaN",
    "1e300",
    "253402300800",
    "1" + "0" * 400,
    "-1e300",
    "-62135596801",
    "253402200000",
    "[" * 100_000 + "]" * 100_000,
]


@pytest.mark.parametrize("written", DAMAGED)
def test_a_damaged_date_reads_never_and_the_next_success_replaces_it(
    services: ShellServices, controller: SyncController, written: str
) -> None:
    """Review r8 showed NaN and 1e300 as written; review r11: an integer of 400 digits still
    raised OverflowError in the Sync panel (its float()) and failed the sync that noted a
    success (not an OSError), and NaN, 1e300 or year 10000 were never replaced (max(nan, now)
    is nan). A date no clock can show reads "never"; the next success writes over it. Review
    r15: year 9999 was the last success for ever (`max` never goes back), and a file nested
    deep raised RecursionError in the panel and in the sync that noted a success."""
    alice = services.profiles.add("Alice")
    credentials = CredentialStore(services.context.paths.secrets, keyring_backend=None)
    credentials.set(LrsAccount(alice.id, "https://lrs.example.org/xAPI/", "alice"), "secret")
    path = services.context.paths.data / STATUS_FILE
    path.write_text(f'{{"profiles": {{"{alice.id}": {written}}}}}', "utf-8")
    panel = SyncPanel(controller)
    try:
        panel.open_for(alice.id)
        assert panel.last_sync.text() == "Last successful sync: never"
        report = SyncReport("done", FIRST - 5, FIRST, (ProfileReport(alice.id, 3, (), 0, 0, None),))
        assert controller.sync.note_success(services.store, report) == (alice.id,)
        assert controller.sync.last_success(alice.id) == FIRST, path.read_text("utf-8")
        panel.open_for(alice.id)
        assert panel.last_sync.text() == shown(FIRST)
    finally:
        panel.close()


@pytest.mark.parametrize(
    ("written", "shown_as"),
    [(float("nan"), "nan"), (1e300, "1e+300"), (253402300800.0, "253402300800.0")],
)
def test_a_retry_time_no_clock_can_show_is_written_as_it_is(
    qapp: object, written: float, shown_as: str
) -> None:
    """A retry's time out of the clock's years (review r8): as written, no crash."""
    assert clock_text(written) == shown_as


def test_a_catalog_copy_of_year_1_is_dated_as_written(qapp: object) -> None:
    """A catalog cache's fetched_at of year 1: its .timestamp() raises (local time before year
    1); the copy's date is shown as the cache holds it."""
    assert date_time_text(datetime(1, 1, 1)) == "0001-01-01 00:00:00"
    assert time_text(datetime(1, 1, 1)) == "0001-01-01 00:00:00"
    assert date_time_text(float("inf")) == "inf"


LOCALE_PROBE = """
import sys
import time
from datetime import datetime
from PySide6.QtCore import QCoreApplication
from player.ui.i18n import Translations, date_time_text
app = QCoreApplication([])
assert Translations(app).use(sys.argv[1])
print(date_time_text(datetime(2026, 11, 28, 8, 27)))
"""


@pytest.mark.parametrize(
    ("system", "language", "written"),
    [
        ("en_GB.UTF-8", "en", "28 Nov 2026, 08:27"),  # was "11/28/26 8:27 AM"
        ("de_DE.UTF-8", "en", "Nov 28, 2026, 8:27 AM"),  # no English system: the language's own
        ("en_GB.UTF-8", "fr", "28 nov. 2026, 08:27"),
    ],
)
def test_dates_are_written_the_systems_way_when_it_speaks_the_interface_language(
    system: str, language: str, written: str
) -> None:
    """English dates were "11/28/26 8:27 AM" for every learner, a British one too (review r8):
    the system's locale (the environment Qt reads at its start, hence a process of its own)
    writes them when its language is the interface's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env["LANG"] = system
    run = subprocess.run(
        [sys.executable, "-c", LOCALE_PROBE, language],
        env=env,
        cwd=Path(__file__).parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert joined(run.stdout.strip().replace("\u202f", " ")) == written


def test_a_date_within_a_day_ahead_is_kept(
    services: ShellServices, controller: SyncController
) -> None:
    """A clock set back since the last success (a corrected clock, a time zone) leaves its date
    a little ahead: kept, not read as damaged; two days ahead is."""
    alice = services.profiles.add("Alice")
    credentials = CredentialStore(services.context.paths.secrets, keyring_backend=None)
    credentials.set(LrsAccount(alice.id, "https://lrs.example.org/xAPI/", "alice"), "secret")
    path = services.context.paths.data / STATUS_FILE
    soon = float(int(time.time()) + 3600)
    path.write_text(f'{{"profiles": {{"{alice.id}": {soon}}}}}', "utf-8")
    assert controller.sync.last_success(alice.id) == soon
    path.write_text(f'{{"profiles": {{"{alice.id}": {soon + 2 * 86400}}}}}', "utf-8")
    assert controller.sync.last_success(alice.id) is None
