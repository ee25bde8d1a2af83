"""`cartable profiles pin NAME [--remove]`: the way back for a learner who forgot their PIN on a
shared laptop, their records kept (before, removing the profile was the only way, and lost them).
A real records file in a temporary CARTABLE_HOME; what is typed at the terminal is a stand-in
for `getpass.getpass`, except in the test on a real pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from player.__main__ import main
from player.paths import user_paths
from player.store import Store
from player.store.profiles import FREE_TRIES, PinOutcome
from tests.support import ROOT
from tests.unit.test_store_helpers import FakeClock, make_course, study_everything
from tests.unit.test_store_records import LEARNER_TABLES

OLD_PIN = "1234"
#: The profile row but for its PIN and the count of wrong tries.
PROFILE_COLUMNS = "id, name, language, actor_home_page, actor_name, account_linked, created_at"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def opened() -> Store:
    """The installation's records, on a clock of their own (the wait after wrong tries too)."""
    return Store.open(user_paths().ensure(), clock=FakeClock(), backup_every=None)


@pytest.fixture
def awa(home: Path) -> str:
    """Awa (PIN 1234) studied the whole course and forgot her PIN: she tried until made to
    wait. Bea shares the laptop."""
    store = opened()
    try:
        profile = store.profiles.add("Awa", "fr", OLD_PIN)
        study_everything(store, FakeClock(), profile.id, make_course())
        store.profiles.add("Bea", "en", "9999")
        for _ in range(FREE_TRIES):
            store.profiles.try_pin(profile.id, "0000")
        assert store.profiles.try_pin(profile.id, OLD_PIN).outcome is PinOutcome.LOCKED
    finally:
        store.close()
    return profile.id


class Terminal:
    """What the admin types at each `getpass.getpass` prompt; Ctrl+D once it is all typed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
        self.lines = list(lines)
        self.prompts: list[str] = []
        monkeypatch.setattr("getpass.getpass", self.getpass)
        monkeypatch.setattr("player.commands.profiles._on_a_terminal", lambda: True)

    def getpass(self, prompt: str = "Password: ", stream: Any = None) -> str:
        self.prompts.append(prompt)
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)


def learners(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every record of every learner; the profiles but for their PIN and its count."""
    conn = store.conn
    tables = {
        t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
        for t in LEARNER_TABLES
        if t != "profiles"
    }
    tables["profiles"] = conn.execute(
        f"SELECT {PROFILE_COLUMNS} FROM profiles ORDER BY id"
    ).fetchall()
    return tables


def pin_row(store: Store, name: str) -> tuple[Any, ...]:
    return store.conn.execute(
        "SELECT pin_hash, pin_failures, pin_locked_until, pin_locked_boot FROM profiles"
        " WHERE name = ?",
        (name,),
    ).fetchone()


def snapshot() -> tuple[dict[str, list[tuple[Any, ...]]], tuple[Any, ...], tuple[Any, ...]]:
    store = opened()
    try:
        return learners(store), pin_row(store, "Awa"), pin_row(store, "Bea")
    finally:
        store.close()


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_remove_lets_the_learner_in_without_a_pin_and_ends_the_wait(
    awa: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = Terminal(monkeypatch)
    assert main(["profiles", "pin", "Awa", "--remove"]) == 0
    assert capsys.readouterr().out == "The PIN of Awa was removed; Awa opens without a PIN.\n"
    assert terminal.prompts == []  # nothing asked
    store = opened()
    try:
        assert not store.profiles.get(awa).has_pin
        assert store.profiles.try_pin(awa, "").ok
        assert pin_row(store, "Awa") == (None, 0, None, None)
    finally:
        store.close()
    assert main(["profiles", "pin", "Awa", "--remove"]) == 0
    assert capsys.readouterr().out == "Awa has no PIN; nothing changed.\n"


def test_a_new_pin_typed_twice_replaces_the_forgotten_one_and_ends_the_wait(
    awa: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal = Terminal(monkeypatch, "5678", "5678")
    assert main(["profiles", "pin", "awa"]) == 0  # the name as `profiles remove` takes it
    assert capsys.readouterr().out == ("The PIN of Awa was changed; Awa opens with the new PIN.\n")
    # asked on the terminal: the name isolated there (FSI ... PDI), whatever stdin is
    assert terminal.prompts == ["New PIN for \u2068Awa\u2069 (4 digits): ", "The same PIN again: "]
    store = opened()
    try:
        assert store.profiles.try_pin(awa, "5678").ok  # at once: no wait left
        assert store.profiles.try_pin(awa, OLD_PIN).outcome is PinOutcome.WRONG
    finally:
        store.close()


def test_a_profile_without_a_pin_is_given_one(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["profiles", "add", "Awa"]) == 0
    capsys.readouterr()
    Terminal(monkeypatch, "0042", "0042")
    assert main(["profiles", "pin", "Awa"]) == 0
    assert capsys.readouterr().out == "Awa now has a PIN; Awa opens with it.\n"
    store = opened()
    try:
        awa = store.profiles.find("Awa").id
        assert store.profiles.try_pin(awa, "0000").outcome is PinOutcome.WRONG
        assert store.profiles.try_pin(awa, "0042").ok
    finally:
        store.close()


def test_two_pins_that_differ_change_nothing(
    awa: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot()
    Terminal(monkeypatch, "5678", "5679")
    assert main(["profiles", "pin", "Awa"]) == 1
    assert one_line(capsys) == (
        "cartable: the two PINs typed differ; the PIN of Awa was not changed"
    )
    assert snapshot() == before


@pytest.mark.parametrize("typed", ["12a4", "123", "12345", "", "12 34", "١٢٣٤", "1234\x00"])
def test_a_pin_that_is_not_4_digits_is_refused_before_it_is_typed_again(
    awa: str, typed: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot()
    terminal = Terminal(monkeypatch, typed, typed)
    assert main(["profiles", "pin", "Awa"]) == 1
    assert one_line(capsys) == (
        "cartable: a PIN is exactly 4 digits (0-9); the PIN of Awa was not changed"
    )
    assert len(terminal.prompts) == 1
    assert snapshot() == before


def test_ctrl_d_at_the_prompt_changes_nothing(
    awa: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot()
    Terminal(monkeypatch, "5678")
    assert main(["profiles", "pin", "Awa"]) == 1
    assert one_line(capsys) == "cartable: no PIN typed; the PIN of Awa was not changed"
    assert snapshot() == before


def test_without_a_terminal_it_says_so_in_one_line_and_changes_nothing(awa: str) -> None:
    """Standard input not a terminal (a script, `< /dev/null`): one line saying a PIN is typed on
    a terminal, exit 1, the PIN as it was. It printed getpass's two warnings, the prompt, then
    'no PIN typed' (review s17 #2). A real child, its standard input /dev/null."""
    before = snapshot()
    done = subprocess.run(
        [sys.executable, "-m", "player", "profiles", "pin", "Awa"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        start_new_session=True,  # no controlling terminal for getpass to open either
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr.splitlines() == [
        "cartable: a new PIN is typed on a terminal (twice, not shown), and this command has"
        " none: run it in a terminal; the PIN of Awa was not changed"
    ]
    assert snapshot() == before


@pytest.mark.parametrize("remove", [[], ["--remove"]])
def test_an_unknown_name_is_one_line_and_nothing_asked(
    awa: str,
    remove: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = snapshot()
    terminal = Terminal(monkeypatch, "5678", "5678")
    assert main(["profiles", "pin", "Zoe", *remove]) == 1
    assert one_line(capsys) == "cartable: no profile named 'Zoe'"
    assert terminal.prompts == []
    assert snapshot() == before


def test_the_learners_records_are_untouched(
    awa: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    records, _, bea = snapshot()
    assert records["outbox"] and records["quiz_attempts"] and records["unit_progress"]
    Terminal(monkeypatch, "5678", "5678")
    assert main(["profiles", "pin", "Awa"]) == 0
    assert snapshot()[0] == records
    assert main(["profiles", "pin", "Awa", "--remove"]) == 0
    after, awas, beas = snapshot()
    assert after == records and beas == bea and awas == (None, 0, None, None)


def test_profiles_help_names_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["profiles", "--help"])
    assert exit.value.code == 0
    out = capsys.readouterr().out
    assert "    pin " in out and "--remove" in out


def read_until(fd: int, wanted: bytes, got: bytearray) -> None:
    deadline = time.monotonic() + 60
    while wanted not in got:
        left = deadline - time.monotonic()
        assert left > 0, f"{wanted!r} never came: {bytes(got)!r}"
        if select.select([fd], [], [], left)[0]:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            assert chunk, f"{wanted!r} never came: {bytes(got)!r}"
            got += chunk


class Child:
    """`cartable profiles pin Awa` on a pseudo-terminal of its own (its controlling terminal,
    where getpass asks)."""

    def __init__(self, *, stdin_null: bool = False) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
        argv = [sys.executable, "-m", "player", "profiles", "pin", "Awa"]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: never returns to pytest
            try:
                if stdin_null:  # `< /dev/null`, as xargs gives its children
                    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
                os.execve(sys.executable, argv, env)
            finally:
                os._exit(127)
        self.status: int | None = None

    def wait(self) -> int:
        _, status = os.waitpid(self.pid, 0)
        self.status = os.waitstatus_to_exitcode(status)
        return self.status

    def end(self) -> None:
        os.close(self.fd)
        if self.status is None:  # not reaped yet: the pid is still this child's
            os.kill(self.pid, signal.SIGKILL)
            self.wait()


@pytest.fixture(params=[False, True], ids=["stdin-the-terminal", "stdin-dev-null"])
def child(awa: str, request: pytest.FixtureRequest) -> Iterator[Child]:
    """Standard input the terminal, or /dev/null in that terminal (`< /dev/null`, xargs):
    getpass asks on the controlling terminal either way, and the second was refused as having
    no terminal (review r6 #1)."""
    started = Child(stdin_null=request.param)
    try:
        yield started
    finally:
        started.end()


def test_on_a_real_terminal_the_pin_is_asked_twice_and_never_shown(awa: str, child: Child) -> None:
    got = bytearray()
    # a terminal: the name isolated (FSI ... PDI, UTF-8), as player.wording.named says it
    read_until(child.fd, "New PIN for \u2068Awa\u2069 (4 digits): ".encode(), got)
    os.write(child.fd, b"5678\n")
    read_until(child.fd, b"The same PIN again: ", got)
    os.write(child.fd, b"5678\n")
    read_until(child.fd, b"opens with the new PIN.", got)
    assert child.wait() == 0
    assert b"5678" not in got
    store = opened()
    try:
        assert store.profiles.try_pin(awa, "5678").ok
    finally:
        store.close()
