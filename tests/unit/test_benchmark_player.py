"""The player benchmark's servers are stopped whatever fails: a missing Ralph venv (the LRS
starts after nginx) must not leave the nginx it started running on the shared machine."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

import tests.e2e.conftest as e2e
from benchmarks import player as bench


def _processes_under(folder: Path) -> list[int]:
    """Pids of the processes whose command line names `folder` (nginx's -p prefix)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if str(folder).encode() in cmdline:
            found.append(int(entry.name))
    return found


def test_a_missing_ralph_venv_leaves_no_nginx_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no-venv-ralph"
    monkeypatch.setattr(e2e, "RALPH_PYTHON", missing / "bin" / "python")
    monkeypatch.setattr(e2e, "RALPH_CLI", missing / "bin" / "ralph")
    monkeypatch.setattr(bench, "DOWNLOAD_BLOBS", 1)
    monkeypatch.setattr(bench, "DOWNLOAD_BLOB_SIZE", 1000)
    work = tmp_path / "work"
    work.mkdir()
    try:
        with pytest.raises(pytest.fail.Exception, match="Ralph is not installed"):
            next(bench.ui_stall(tmp_path / "home", tmp_path / "cache", work))
        assert _processes_under(work / "nginx") == []
    finally:
        for pid in _processes_under(work / "nginx"):  # nor when this test fails: SIGTERM, so
            os.kill(pid, signal.SIGTERM)  # the master takes its worker down with it
