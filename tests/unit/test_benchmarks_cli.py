"""`python -m benchmarks` with a name it does not know, or an option it does not take: one line
naming what is wrong and the benchmarks there are, exit status 2 (as argparse), nothing run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.__main__ import available

ROOT = Path(__file__).resolve().parents[2]


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "benchmarks", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("argv", "wrong"),
    [
        (["nosuch"], "unknown benchmark(s): 'nosuch'"),
        (["pack", "common", ""], "unknown benchmark(s): 'common', ''"),
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["store", "--runs", "3"], "unrecognized arguments: --runs 3"),
    ],
)
def test_a_wrong_argument_is_one_line_listing_the_benchmarks(argv: list[str], wrong: str) -> None:
    result = run(*argv)
    assert result.returncode == 2
    known = ", ".join(available())
    assert {"pack", "store", "sync"} <= set(available())
    assert result.stderr.splitlines() == [f"python -m benchmarks: {wrong}; known: {known}"]
    assert result.stdout == ""  # nothing was run
