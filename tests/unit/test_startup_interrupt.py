"""Ctrl+C while `cartable` or `cartable-pack` starts (importing every command takes a second on
a slow laptop) is one line, "interrupted", exit 130: it printed a traceback and the process died
by SIGINT. And `cartable-pack` says an unexpected failure (a MemoryError) in one line, its
traceback in the log file, as `cartable` does. The SIGINT is a real one, sent by the child
process to itself from an import hook while the command's modules load: no timing guessed."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from player import __main__ as cartable
from player import pack
from player.authoring import cli

ROOT = Path(__file__).resolve().parents[2]

#: Run in the child: SIGINT to itself when `module` starts loading, then `entry`'s main(argv).
CHILD = """
import os, signal, sys

class Interrupter:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupter())
from {entry} import main
sys.exit(main({argv!r}))
"""


def interrupted_while_loading(
    module: str, entry: str, argv: list[str], home: Path
) -> subprocess.CompletedProcess[str]:
    code = CHILD.format(module=module, entry=entry, argv=argv)
    env = {**os.environ, "CARTABLE_HOME": str(home), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_ctrl_c_while_cartable_loads_its_commands_is_one_line(tmp_path: Path) -> None:
    done = interrupted_while_loading(
        "player.commands.sync", "player.__main__", ["sync", "--once"], tmp_path
    )
    assert (done.returncode, done.stderr) == (130, "cartable: interrupted\n")


def test_ctrl_c_while_cartable_pack_loads_is_one_line(tmp_path: Path) -> None:
    done = interrupted_while_loading(
        "player.course.signing", "player.pack", ["verify", str(tmp_path)], tmp_path
    )
    assert (done.returncode, done.stderr) == (130, "cartable-pack: interrupted\n")


#: `python -m player` with no command (the window), interrupted as CHILD is: run by runpy as
#: `-m` runs it, so that the module's own imports are interrupted too.
WINDOW_CHILD = """
import os, runpy, signal, sys

class Interrupter:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupter())
sys.argv = ["player"]
runpy.run_module("player", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize(
    "module",
    [
        "logging",  # player/__main__.py's own imports
        "player.app",  # the window's (_open_window)
        "PySide6.QtWidgets",  # Qt's (run_gui)
        "player.ui.getting_courses",  # the window made, the records open, not yet shown
    ],
)
def test_ctrl_c_while_the_player_window_loads_is_one_line(tmp_path: Path, module: str) -> None:
    """`python -m player`, Ctrl+C before the window shows: it printed a traceback ending in
    KeyboardInterrupt and the process died by SIGINT (Python's -2)."""
    env = {
        **os.environ,
        "CARTABLE_HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "CARTABLE_QUIT_AFTER_START": "1",  # were it not interrupted, it quits once painted
    }
    done = subprocess.run(
        [sys.executable, "-c", WINDOW_CHILD.format(module=module)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (130, "cartable: interrupted\n")


def _interrupt() -> argparse.ArgumentParser:
    raise KeyboardInterrupt


def test_ctrl_c_while_cartable_parses_its_arguments_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cartable, "build_parser", _interrupt)
    assert cartable.main(["sync", "--once"]) == 130
    assert capsys.readouterr().err == "cartable: interrupted\n"


def test_ctrl_c_while_cartable_pack_parses_its_arguments_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "build_parser", _interrupt)
    assert pack.main(["verify", "."]) == 130
    assert capsys.readouterr().err == "cartable-pack: interrupted\n"


def test_an_unexpected_failure_of_cartable_pack_is_one_line_and_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def out_of_memory(args: argparse.Namespace) -> int:
        raise MemoryError("no room for the blobs")

    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path))
    monkeypatch.setattr(cli, "_verify", out_of_memory)
    assert cli.main(["verify", str(tmp_path)]) == 1
    log = tmp_path / "logs" / "cartable.log"
    assert capsys.readouterr().err == (
        f"cartable-pack: verify failed: MemoryError: no room for the blobs (details in {log})\n"
    )
    assert "Traceback" in log.read_text()
