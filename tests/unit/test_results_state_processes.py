"""The grade watermark file written by two processes at once (the GUI and `cartable sync` in a
terminal, or `cartable records import`): its compare-and-set holds across processes."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from sync.results import ResultsState

ROUNDS = 40


def _count(path: str, profile_id: str, start: multiprocessing.synchronize.Event) -> None:
    """Add 1 to `profile_id`'s mark ROUNDS times, each by compare-and-set, tried until kept."""
    state = ResultsState(Path(path))
    start.wait()
    for _ in range(ROUNDS):
        while True:
            seen = state.since(profile_id)
            if state.remember_if(profile_id, f"{int(seen or 0) + 1:06d}", seen):
                break


def _race(path: Path, *profiles: str) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [context.Process(target=_count, args=(str(path), p, start)) for p in profiles]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0] * len(workers)


def test_two_processes_counting_by_compare_and_set_lose_no_step(tmp_path: Path) -> None:
    """Each step kept by one process only: two that read the same mark cannot both keep theirs."""
    path = tmp_path / "sync-results.json"
    _race(path, "p", "p")
    assert ResultsState(path).since("p") == f"{2 * ROUNDS:06d}"


def test_two_processes_writing_two_profiles_keep_both(tmp_path: Path) -> None:
    """The file holds every profile: one process's write must not bring back another's old
    mark (a read before the other's write, a write after it)."""
    path = tmp_path / "sync-results.json"
    _race(path, "awa", "bruno")
    state = ResultsState(path)
    assert (state.since("awa"), state.since("bruno")) == (f"{ROUNDS:06d}", f"{ROUNDS:06d}")
