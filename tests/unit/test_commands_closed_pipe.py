"""A command whose output's reader stopped (`cartable records stats | head -6`) ends quietly:
it said "cartable: [Errno 32] Broken pipe" (exit 1), or "Exception ignored ... BrokenPipeError"
when the output was still buffered at exit (exit 120). Now exit 141, as a shell reports for a
program SIGPIPE stopped (player/closed_pipe.py), nothing on stderr, for `cartable` and
`cartable-pack` alike. Real processes, a real pipe whose reader has gone, the real records
store."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from player.closed_pipe import CLOSED_PIPE_EXIT
from player.commands.profiles import open_store as cli_store

REPO = Path(__file__).resolve().parents[2]


def closed_pipe_run(module: str, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """`python -m MODULE ARGS`, its stdout a pipe whose reader closed before it wrote."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        return subprocess.run(
            [sys.executable, "-m", module, *args],
            cwd=REPO,
            env={**os.environ, "CARTABLE_HOME": str(home)},
            stdin=subprocess.DEVNULL,
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        os.close(writer)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A records store with enough profiles that `profiles list` writes more than a pipe's
    buffer holds: its print fails in the command, not at the exit's flush."""
    folder = tmp_path / "home"
    monkeypatch.setenv("CARTABLE_HOME", str(folder))
    store = cli_store()
    for number in range(400):
        store.profiles.add(f"Learner {number:03d} with a long name to fill the pipe")
    store.close()
    return folder


@pytest.mark.parametrize(
    "args",
    [("records", "stats"), ("profiles", "list")],
    ids=["stats: written at exit", "list: written in the command"],
)
def test_a_reader_that_stopped_ends_cartable_quietly(home: Path, args: tuple[str, ...]) -> None:
    done = closed_pipe_run("player", *args, home=home)
    assert (done.returncode, done.stderr) == (CLOSED_PIPE_EXIT, "")


def test_a_reader_that_stopped_ends_cartable_pack_quietly(home: Path, tmp_path: Path) -> None:
    done = closed_pipe_run("player.pack", "keygen", "-o", str(tmp_path / "key"), home=home)
    assert (done.returncode, done.stderr) == (CLOSED_PIPE_EXIT, "")
    assert (tmp_path / "key.pub").is_file(), "the command did its work before saying it"
