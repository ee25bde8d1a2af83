"""A command's output on a stdout that is no UTF-8 (Windows' cp1252 in a pipe or `> sync.log`,
here PYTHONIOENCODING): a name it cannot encode ('Awa 李') is escaped, not an error. `sync`
said 'sync failed: UnicodeEncodeError', exit 1, though its statements were sent; `profiles
list` ended there. A real process, a real server, the real records store."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from player.commands.profiles import open_store as cli_store
from player.store import Store
from tests.e2e.sync_support import append_frozen, extra_statement, make_learner
from tests.slow_lrs import SlowLrs
from tests.unit.test_records_import_actor import bruno_file  # noqa: F401 (a fixture)
from tests.unit.test_store_helpers import make_course

REPO = Path(__file__).resolve().parents[2]
NAME = "Awa 李"


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`cartable ARGS` with a cp1252 stdout and stderr (strict, as Windows gives a pipe)."""
    return subprocess.run(
        [sys.executable, "-m", "player", *args],
        cwd=REPO,
        env={**env, "PYTHONIOENCODING": "cp1252"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        encoding="cp1252",
        timeout=120,
        check=False,
    )


def test_a_name_stdout_cannot_encode_is_escaped_and_the_command_succeeds(tmp_path: Path) -> None:
    lrs = SlowLrs("answer")
    try:
        learner = make_learner(tmp_path / "home", lrs.url(), "awa", "secret")
        learner.store.profiles.rename(learner.profile.id, NAME)
        ids = append_frozen(learner, [extra_statement(learner, n) for n in range(2)])
        learner.close()
        env = {
            **os.environ,
            **learner.env,
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        synced = run("sync", "--once", "--wait", "0", env=env)
        listed = run("profiles", "list", env=env)
    finally:
        lrs.stop()
    assert (synced.returncode, synced.stderr) == (0, ""), synced.stderr
    assert synced.stdout == "Awa \\u674e: sent 2 statements\n"
    assert (listed.returncode, listed.stderr) == (0, ""), listed.stderr
    assert listed.stdout.startswith("Awa \\u674e\t")
    store = Store.open(learner.context.paths)
    try:
        rows = {r.id: r.state for r in store.outbox.iter_rows(learner.profile.id)}
    finally:
        store.close()
    assert rows == dict.fromkeys(ids, "delivered")


def test_a_command_suggested_names_a_profile_stderr_cannot_encode_by_its_id(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    bruno_file: Path,  # noqa: F811
) -> None:
    """Review r13 #5: the command to paste named the profile as the stream wrote it, escaped
    ('Awa \\u674e'), which finds no profile: `sync` suggested `account set 'Awa \\u674e'`,
    `records import` `--same-learner 'Awa \\u674e'`. They name its id, and the pasted import
    runs."""
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    store = cli_store()
    awa = store.profiles.add(NAME)
    store.events.course_launched(awa.id, make_course())  # records of her own: Bruno's refused
    store.close()
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}

    synced = run("sync", "--once", env=env)
    assert synced.returncode == 1, synced.stderr
    assert synced.stderr.startswith("cartable: Awa \\u674e: not linked to an LRS account")
    assert shlex.split(synced.stderr.split("`")[-2])[:4] == ["cartable", "account", "set", awa.id]

    refused = run("records", "import", NAME, str(bruno_file), env=env)
    assert refused.returncode == 1, refused.stderr
    command = shlex.split(refused.stderr.split("`")[-2])
    assert command == ["cartable", "records", "import", "--same-learner", awa.id, str(bruno_file)]
    pasted = run(*command[1:], env=env)
    assert (pasted.returncode, pasted.stderr) == (0, ""), pasted.stderr
    assert "statements added" in pasted.stdout
