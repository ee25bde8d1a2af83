"""The store benchmark's event figures still run (on 40 events: the figures are not checked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import store as bench


def test_record_events_reports_ours_and_the_sql_floor_against_the_same_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench, "EVENTS", 40)
    monkeypatch.setattr(bench, "BLOCK", 20)
    ours, floor = bench._record_events(tmp_path)
    assert (ours.name, floor.name) == ("record_10k_events", "record_10k_events_sql_only")
    assert ours.reference == floor.reference and ours.reference is not None
    assert ours.ours > 0 and floor.ours > 0 and ours.goal == 1.5 and floor.goal is None
    assert "ratio=" in ours.line() and "goal=<=1.5" in ours.line()
