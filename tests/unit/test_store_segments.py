"""Watched video segments: merging, the played-segments form, and the store's video events under
any sequence hypothesis can think of."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from player.store import Store
from player.store import progress as pg
from player.store import segments as seg
from player.store import statements as st
from tests.unit.test_store_helpers import FakeClock, make_course, open_store

LENGTH = 100.0  # the test course's video


def test_merge_joins_overlapping_and_touching_segments_and_clamps() -> None:
    merged = seg.merge([(50, 60), (-5, 10), (10, 20), (55, 70), (90, 130), (30, 30)], LENGTH)
    assert merged == ((0.0, 20.0), (50.0, 70.0), (90.0, 100.0))


def test_backwards_and_empty_segments_add_nothing() -> None:
    assert seg.merge([(40, 30), (5, 5), (200, 300)], LENGTH) == ()


def test_progress_is_floored_so_it_never_claims_more_than_seen() -> None:
    assert seg.progress(((0.0, 89.9999),), LENGTH) == 0.899
    assert seg.progress(((0.0, 100.0),), LENGTH) == 1.0
    assert seg.progress((), 0.0) == 0.0


def test_played_segments_round_trip_exactly() -> None:
    segments = ((0.0, 5.5), (7.0, 12.125), (99.001, 100.0))
    text = seg.format_played_segments(segments)
    assert text == "0[.]5.5[,]7[.]12.125[,]99.001[.]100"
    assert seg.parse_played_segments(text) == segments
    assert seg.parse_played_segments("") == ()
    with pytest.raises(ValueError):
        seg.parse_played_segments("1-2")


def test_times_must_be_finite() -> None:
    for bad in (math.nan, math.inf, -math.inf):
        with pytest.raises(ValueError):
            seg.clamp_time(bad, LENGTH)


@given(hs.lists(hs.tuples(hs.floats(-1e6, 1e6), hs.floats(-1e6, 1e6)), max_size=30))
def test_any_segments_merge_into_sorted_disjoint_intervals_within_length(
    raw: list[tuple[float, float]],
) -> None:
    merged = seg.merge(raw, LENGTH)
    for start, end in merged:
        assert 0.0 <= start < end <= LENGTH
    for (_, end), (start, _) in itertools.pairwise(merged):
        assert end + seg.JOIN_GAP < start
    assert seg.merge(merged, LENGTH) == merged
    assert seg.parse_played_segments(seg.format_played_segments(merged)) == merged
    assert 0.0 <= seg.progress(merged, LENGTH) <= 1.0


# -- the store's video events -----------------------------------------------------------------

times = hs.one_of(
    hs.floats(-20.0, 130.0, allow_nan=False),
    hs.sampled_from([0.0, 50.0, 99.999, 100.0]),
)
events = hs.lists(
    hs.one_of(
        hs.tuples(hs.just("played"), times),
        hs.tuples(hs.just("paused"), times),
        hs.tuples(hs.just("seeked"), times, times),
        hs.tuples(hs.just("heartbeat"), times),
        hs.tuples(hs.just("closed"), times),
    ),
    min_size=1,
    max_size=25,
)


@pytest.fixture(scope="module")
def video_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, FakeClock]]:
    clock = FakeClock()
    store = open_store(Path(tmp_path_factory.mktemp("video")), clock)
    yield store, clock
    store.close()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=events, gaps=hs.lists(hs.floats(0.0, 600.0), min_size=25, max_size=25))
def test_any_sequence_of_video_events_keeps_progress_sane_and_never_decreasing(
    video_store: tuple[Store, FakeClock], steps: list[tuple], gaps: list[float]
) -> None:
    store, clock = video_store
    course = make_course()
    profile = store.profiles.add(f"p{len(store.profiles.all())}")
    session = store.events.unit_opened(profile.id, course, "v1")
    last_progress = 0.0
    last_covered = 0.0
    was_completed = False
    for step, gap in zip(steps, gaps, strict=False):
        clock.advance(gap)
        kind = step[0]
        if kind == "played":
            after = store.events.video_played(session, step[1])
        elif kind == "paused":
            after = store.events.video_paused(session, step[1])
        elif kind == "seeked":
            after = store.events.video_seeked(session, step[1], step[2])
        elif kind == "heartbeat":
            after = store.events.heartbeat(session, step[1])
        else:
            after = store.events.unit_closed(session, step[1])
            session = store.events.unit_opened(profile.id, course, "v1")
        stored = store.progress.unit(profile.id, course.id, "v1")
        assert stored.segments == after.segments
        for start, end in stored.segments:
            assert 0.0 <= start < end <= LENGTH
        for (_, end), (start, _) in zip(stored.segments, stored.segments[1:], strict=False):
            assert end < start
        share = seg.progress(stored.segments, LENGTH)
        assert 0.0 <= share <= 1.0
        assert share >= last_progress
        assert seg.covered(stored.segments) >= last_covered - 1e-9
        assert 0.0 <= stored.position <= LENGTH
        assert stored.completed >= was_completed
        if share >= 0.9:
            assert stored.completed
        last_progress, last_covered, was_completed = (
            share,
            seg.covered(stored.segments),
            stored.completed,
        )
    statements = [json.loads(r.body) for r in store.outbox.rows(profile.id, limit=10_000)]
    for stmt in statements:
        progress = (stmt.get("result") or {}).get("extensions", {}).get(st.VIDEO_PROGRESS)
        if progress is not None:
            assert 0.0 <= progress <= 1.0
    rebuilt = pg.fold(statements)[(course.id, "v1")]
    final = store.progress.unit(profile.id, course.id, "v1")
    assert rebuilt.segments == final.segments
    assert rebuilt.completed == final.completed


def test_an_invalid_time_records_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    course = make_course()
    profile = store.profiles.add("Awa")
    session = store.events.unit_opened(profile.id, course, "v1")
    before = store.outbox.counts(profile.id)
    with pytest.raises(ValueError):
        store.events.video_paused(session, math.nan)
    with pytest.raises(ValueError):
        store.events.video_seeked(session, 3.0, math.inf)
    assert store.outbox.counts(profile.id) == before
