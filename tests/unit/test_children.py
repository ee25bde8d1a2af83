"""tests/children.py, which every test starting a process uses: the child gets the default SIGINT
however pytest was started, and nothing it started outlives its block."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.children import popen, started, stop

WAIT_FOR_SIGINT = """
import signal, time
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler, flush=True)
time.sleep(60)
"""

STARTS_A_GRANDCHILD = """
import subprocess, sys, time
grandchild = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
print(grandchild.pid, flush=True)
time.sleep(60)
"""


def test_ctrl_c_reaches_a_child_of_a_pytest_started_with_sigint_ignored() -> None:
    """As `nohup .ci/run &` or a background job of a script starts pytest: SIGINT ignored, which
    a child inherits unless it is set back; Python then never raises KeyboardInterrupt."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        child = popen(
            [sys.executable, "-c", WAIT_FOR_SIGINT],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "True\n"
        child.send_signal(signal.SIGINT)
        _, err = child.communicate(timeout=30)
    finally:
        stop(child)
    assert child.returncode == -signal.SIGINT
    assert err.splitlines()[-1] == "KeyboardInterrupt", err


def gone(pid: int) -> bool:
    """Ended: no such process, or a zombie waiting for whoever adopted it (a container's init
    may never reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] == "Z"


def test_a_child_and_what_it_started_end_with_the_block_that_failed(tmp_path: Path) -> None:
    with (
        pytest.raises(AssertionError, match="the test failed here"),
        started(
            [sys.executable, "-c", STARTS_A_GRANDCHILD], stdout=subprocess.PIPE, text=True
        ) as child,
    ):
        assert child.stdout is not None
        grandchild = int(child.stdout.readline())
        raise AssertionError("the test failed here")
    assert child.returncode == -signal.SIGTERM  # reaped
    deadline = time.monotonic() + 30  # a wait for the kill to land, not a measure of it
    while not gone(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert gone(grandchild), f"the grandchild {grandchild} outlived the test"
