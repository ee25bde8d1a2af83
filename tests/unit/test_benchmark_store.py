"""The store benchmark's event figures still run (on 40 events: the figures are not checked), the
two-rows floor does its two writes, and its minimal event writes a statement an LRS would take."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from benchmarks import store as bench


def test_record_events_reports_ours_and_the_sql_floor_against_the_same_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench, "EVENTS", 40)
    monkeypatch.setattr(bench, "BLOCK", 20)
    ours, floor, minimal, two_rows = bench._record_events(tmp_path)
    assert (ours.name, floor.name) == ("record_10k_events", "record_10k_events_sql_only")
    assert (minimal.name, two_rows.name) == ("record_10k_events_minimal", "record_10k_two_rows")
    assert ours.reference == floor.reference == minimal.reference == two_rows.reference
    assert ours.reference is not None and two_rows.ours > 0
    (written,) = sqlite3.connect(tmp_path / "two-rows.sqlite3").execute("SELECT seconds FROM p")
    assert written == (40.0,)
    assert ours.ours > 0 and floor.ours > 0 and ours.goal == 1.5 and floor.goal is None
    assert "ratio=" in ours.line() and "goal=<=1.5" in ours.line()


def test_the_minimal_event_writes_a_whole_video_statement_and_its_progress(tmp_path: Path) -> None:
    """The floor is only a floor if it does the work: a parseable statement with a fresh id, the
    video result, and progress that follows it."""
    template = json.dumps(
        {
            "actor": {"account": {"homePage": "https://x.example", "name": "a"}},
            "context": {"registration": "5f0e6fe3-4d4a-4b83-8d2a-3f1f8e0b0c6e"},
            "object": {"id": "https://x.example/unit", "objectType": "Activity"},
            "verb": {"id": "https://w3id.org/xapi/video/verbs/paused"},
        }
    ).encode()
    event = bench._minimal_event(tmp_path, template)
    for _ in range(3):
        event()
    conn = sqlite3.connect(tmp_path / "minimal.sqlite3")
    bodies = [json.loads(b) for (b,) in conn.execute("SELECT body FROM outbox ORDER BY seq")]
    assert len({b["id"] for b in bodies}) == 3
    last = bodies[-1]
    assert last["verb"]["id"].endswith("/paused") and last["timestamp"].endswith("Z")
    extensions = last["result"]["extensions"]
    assert extensions["https://w3id.org/xapi/video/extensions/time"] == 22.5
    assert extensions["https://w3id.org/xapi/video/extensions/played-segments"] == "0[.]22.5"
    (segments,) = conn.execute("SELECT segments FROM progress").fetchone()
    assert json.loads(segments) == [[0.0, 22.5]]


def test_records_import_reports_its_time_and_peak_memory_against_a_parse_of_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On 300 statements (the child asserts they are all added): the figures are not checked."""
    monkeypatch.setenv("CARTABLE_BENCH_BIG", "1")
    monkeypatch.setattr(bench, "IMPORTED", 300)
    took, memory = bench._records_import(tmp_path)
    assert (took.name, memory.name) == ("records_import_80k", "records_import_80k_peak_memory")
    assert took.reference is not None and took.ours > 0 and memory.unit == "MB"
    assert memory.reference is not None and memory.ours > 0


def test_records_import_is_a_big_figure_skipped_with_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CARTABLE_BENCH_BIG=0: no 120 MB file made (a store, an export, two children) at all."""
    monkeypatch.setenv("CARTABLE_BENCH_BIG", "0")
    monkeypatch.setattr(bench, "IMPORTED", 300)  # were it made: quickly
    assert list(bench._records_import(tmp_path)) == []
    assert list(tmp_path.iterdir()) == []
