"""A records file holds a learner's personal data (name, answers, times): written readable by
its owner alone (0600), by `cartable records export` as by the player, whatever the umask, and
also when it replaces a copy made before that others could read."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from player.__main__ import main


def test_the_command_writes_the_records_file_for_its_owner_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    assert main(["profiles", "add", "Awa"]) == 0
    fresh, again = tmp_path / "awa.json", tmp_path / "again.json"
    again.write_text("{}")
    again.chmod(0o644)  # a copy made before, readable by all
    old = os.umask(0o022)
    try:
        assert main(["records", "export", "Awa", "-o", str(fresh)]) == 0
        assert main(["records", "export", "Awa", "-o", str(again)]) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert stat.S_IMODE(again.stat().st_mode) == 0o600
