"""The download engine on folder sources (a USB stick) and its durable state; HTTP is tested
against real servers in tests/e2e/downloads."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import sqlite3
import threading
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import requests

from sync.conditions import Reachability, TimeWindow
from sync.download import Downloader
from sync.download_io import blob_path, boot_id, part_path
from sync.download_options import DownloadOptions
from sync.download_reports import DownloadProgress
from sync.download_state import (
    DOWNLOAD_SCHEMA,
    BlobSpec,
    BlobState,
    DownloadState,
    DownloadStore,
    FailureKind,
    PartRecord,
)
from tests.e2e.downloads.repo import add_blob, blob_file, make_repository, store_verifies

FAST = DownloadOptions(backoff_base=0.01, backoff_cap=0.05, gate_poll_seconds=0.02)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DownloadStore]:
    db = DownloadStore.open(tmp_path / "cartable.sqlite3", create=True)
    yield db
    db.close()


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as http:
        yield http


def downloader(
    tmp_path: Path, store: DownloadStore, session: requests.Session, **kwargs: object
) -> Downloader:
    options = kwargs.pop("options", FAST)
    return Downloader(tmp_path / "store", store, session, options=options, **kwargs)  # type: ignore[arg-type]


def test_schema_applies_to_a_fresh_database_and_is_idempotent(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "x.sqlite3")
    db.executescript(DOWNLOAD_SCHEMA)
    db.executescript(DOWNLOAD_SCHEMA)
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"download", "download_blob", "download_part"} <= tables


def test_folder_download_verifies_and_records_completion(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    blobs = make_repository(repo, [300_000, 1, 0, 2_500_000])
    seen: list[DownloadProgress] = []
    result = downloader(tmp_path, store, session).run(
        "c@1", repo.as_uri(), blobs, progress=seen.append, meta={"course": "c"}
    )
    assert result.state is DownloadState.COMPLETED, result.error
    assert result.fetched_bytes == sum(b.size for b in blobs)
    assert store_verifies(tmp_path / "store", blobs) == []
    assert not any((tmp_path / "store" / ".partial").iterdir())
    record = store.get("c@1")
    assert record is not None and record.state is DownloadState.COMPLETED
    assert record.meta == {"course": "c"}
    assert {b.state for b in record.blobs} == {BlobState.DONE}
    assert seen[-1].state is DownloadState.COMPLETED
    assert seen[-1].done_bytes == seen[-1].total_bytes == result.total_bytes
    assert seen[-1].blobs_done == 4


def test_blobs_already_in_the_store_are_not_fetched_again(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    blobs = make_repository(repo, [100_000] * 4)
    engine = downloader(tmp_path, store, session)
    assert engine.run("c@1", str(repo), blobs[:3]).state is DownloadState.COMPLETED
    assert engine.remaining_bytes(blobs) == 100_000
    again = engine.run("c@2", str(repo), blobs)
    assert again.state is DownloadState.COMPLETED
    assert (again.fetched_bytes, again.reused_bytes) == (100_000, 300_000)


def test_resume_after_a_crash_uses_the_whole_part(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    [blob] = make_repository(repo, [1_000_000])
    part = part_path(tmp_path / "store", blob.sha256)
    part.parent.mkdir(parents=True)
    part.write_bytes(blob_file(repo, blob.sha256).read_bytes()[:600_000])
    # The last checkpoint saw 200,000 bytes, in this boot: the crash kept all 600,000.
    store.save_part(PartRecord(blob.sha256, blob.size, 200_000, None, boot_id()))
    result = downloader(tmp_path, store, session).run("c@1", str(repo), [blob])
    assert result.state is DownloadState.COMPLETED
    assert (result.fetched_bytes, result.reused_bytes) == (400_000, 600_000)
    assert store_verifies(tmp_path / "store", [blob]) == []
    assert store.part(blob.sha256) is None


def test_resume_after_a_reboot_cuts_the_part_to_its_last_checkpoint(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    [blob] = make_repository(repo, [1_000_000])
    part = part_path(tmp_path / "store", blob.sha256)
    part.parent.mkdir(parents=True)
    good = blob_file(repo, blob.sha256).read_bytes()
    # After a power cut the tail past the last fsync may hold anything.
    part.write_bytes(good[:200_000] + b"\0" * 400_000)
    store.save_part(PartRecord(blob.sha256, blob.size, 200_000, None, "a-previous-boot"))
    result = downloader(tmp_path, store, session).run("c@1", str(repo), [blob])
    assert result.state is DownloadState.COMPLETED, result.error
    assert (result.fetched_bytes, result.reused_bytes) == (800_000, 200_000)
    assert result.retries == ()  # no hash mismatch: the garbage was cut off first


def test_a_part_without_a_record_is_not_trusted(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    [blob] = make_repository(repo, [50_000])
    part = part_path(tmp_path / "store", blob.sha256)
    part.parent.mkdir(parents=True)
    part.write_bytes(b"junk" * 100)
    result = downloader(tmp_path, store, session).run("c@1", str(repo), [blob])
    assert result.state is DownloadState.COMPLETED
    assert result.fetched_bytes == 50_000


def test_wrong_bytes_are_fetched_again_then_the_download_fails_naming_the_blob(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    good, bad = make_repository(repo, [10_000, 20_000])
    blob_file(repo, bad.sha256).write_bytes(b"x" * 20_000)  # same size, other bytes
    result = downloader(tmp_path, store, session).run("c@1", str(repo), [good, bad])
    assert result.state is DownloadState.FAILED
    assert result.error is not None
    assert result.error.startswith(f"blob {bad.sha256} from {repo}: content hash is ")
    assert result.error.endswith("(3 tries)")
    assert [r.sha256 for r in result.retries] == [bad.sha256, bad.sha256]
    assert not part_path(tmp_path / "store", bad.sha256).exists()
    assert not blob_path(tmp_path / "store", bad.sha256).exists()
    record = store.get("c@1")
    assert record is not None and record.state is DownloadState.FAILED
    assert record.error == result.error


def test_a_blob_missing_from_the_folder_fails_clearly(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    [blob] = make_repository(repo, [10])
    blob_file(repo, blob.sha256).unlink()
    result = downloader(tmp_path, store, session).run("c@1", str(repo), [blob])
    assert result.state is DownloadState.FAILED
    assert result.error == f"blob {blob.sha256} is missing from {repo}"


def test_not_enough_free_space_fails_before_fetching(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    blobs = make_repository(repo, [10_000])
    free = shutil.disk_usage(tmp_path).free
    options = DownloadOptions(free_space_margin=free + 10**12)  # more than the disk can hold
    result = downloader(tmp_path, store, session, options=options).run("c@1", str(repo), blobs)
    assert result.state is DownloadState.FAILED
    assert result.error is not None
    assert result.error.startswith(f"not enough free space in {tmp_path / 'store'}: the down")
    assert "10.0 KB plus a" in result.error
    assert result.fetched_bytes == 0


def test_cancel_pauses_and_resume_finishes_from_the_part(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    blobs = make_repository(repo, [3_000_000, 3_000_000])
    cancel = threading.Event()
    options = DownloadOptions(chunk_size=64 * 1024, parallel=1)

    def progress(p: DownloadProgress) -> None:
        if p.done_bytes >= 1_000_000:
            cancel.set()

    engine = downloader(tmp_path, store, session, options=options)
    first = engine.run("c@1", str(repo), blobs, cancel=cancel, progress=progress)
    assert first.state is DownloadState.PAUSED
    record = store.get("c@1")
    assert record is not None and record.state is DownloadState.PAUSED
    assert not record.state.resumes_by_itself
    second = engine.resume("c@1")
    assert second.state is DownloadState.COMPLETED
    assert first.fetched_bytes + second.fetched_bytes == 6_000_000  # nothing fetched twice
    assert store_verifies(tmp_path / "store", blobs) == []


def test_unfinished_downloads_are_listed_for_a_restart(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    blobs = [BlobSpec("b" * 64, 5)]
    store.begin("running@1", "http://x/", blobs, {"n": 1})
    store.set_state("running@1", DownloadState.RUNNING)
    store.begin("waiting@1", "http://x/", blobs)
    store.set_state("waiting@1", DownloadState.WAITING_FOR_NETWORK, "down")
    store.begin("paused@1", "http://x/", blobs)
    store.set_state("paused@1", DownloadState.PAUSED)
    store.begin("done@1", "http://x/", blobs)
    store.set_state("done@1", DownloadState.COMPLETED)
    assert [r.id for r in store.unfinished()] == ["running@1", "waiting@1"]
    assert store.unfinished()[0].specs == blobs


def test_discard_deletes_parts_no_other_download_needs(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    shared, own = BlobSpec("c" * 64, 10), BlobSpec("d" * 64, 10)
    engine = downloader(tmp_path, store, session)
    store.begin("a@1", "x", [shared, own])
    store.begin("b@1", "x", [shared])
    for blob in (shared, own):
        path = part_path(engine.blob_root, blob.sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"12345")
        store.save_part(PartRecord(blob.sha256, 10, 5, None, None))
    engine.discard("a@1")
    assert store.get("a@1") is None
    assert not part_path(engine.blob_root, own.sha256).exists()
    assert part_path(engine.blob_root, shared.sha256).exists()
    assert store.part(shared.sha256) is not None and store.part(own.sha256) is None


def internet(source: str) -> bool:
    """The rule a test gives the engine so that a folder stands for a server on the internet:
    the hours and the unmetered switch hold only what costs paid bandwidth."""
    return False


def test_outside_the_time_window_nothing_moves_until_it_opens(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    blobs = make_repository(repo, [10_000])
    clock = {"now": datetime(2026, 11, 26, 14, 0)}
    states: list[DownloadState] = []

    def progress(p: DownloadProgress) -> None:
        states.append(p.state)
        if p.state is DownloadState.WAITING_FOR_WINDOW:
            assert not blob_path(tmp_path / "store", blobs[0].sha256).exists()
            clock["now"] = datetime(2026, 11, 26, 22, 30)  # the evening comes

    engine = downloader(
        tmp_path,
        store,
        session,
        window=TimeWindow.parse("22:00-06:00"),
        now=lambda: clock["now"],
        is_local=internet,
    )
    result = engine.run("c@1", str(repo), blobs, progress=progress)
    assert result.state is DownloadState.COMPLETED
    assert states[0] is DownloadState.WAITING_FOR_WINDOW
    assert DownloadState.RUNNING in states


def test_unmetered_only_waits_for_an_unmetered_connection(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    blobs = make_repository(repo, [10_000])
    unmetered = threading.Event()
    reasons: list[str | None] = []

    def progress(p: DownloadProgress) -> None:
        if p.state is DownloadState.WAITING_FOR_UNMETERED:
            reasons.append(p.reason)
            unmetered.set()  # the laptop moves from the phone's hotspot to the school's wifi

    engine = downloader(
        tmp_path,
        store,
        session,
        unmetered_only=True,
        is_unmetered=unmetered.is_set,
        is_local=internet,
    )
    result = engine.run("c@1", str(repo), blobs, progress=progress)
    assert result.state is DownloadState.COMPLETED
    assert reasons == ["downloads wait for an unmetered connection"]


def test_a_local_source_waits_neither_for_the_hours_nor_an_unmetered_connection(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    """A USB stick, or a laptop of the lab sharing its courses (is_local_source, the engine's
    default rule), costs no paid bandwidth: at 14:00 with hours 22:00-06:00, on a metered
    connection, it is copied at once."""
    repo = tmp_path / "usb"
    blobs = make_repository(repo, [10_000, 20_000])
    states: list[DownloadState] = []
    engine = downloader(
        tmp_path,
        store,
        session,
        window=TimeWindow.parse("22:00-06:00"),
        now=lambda: datetime(2026, 11, 26, 14, 0),
        unmetered_only=True,
        is_unmetered=lambda: False,
    )
    held = threading.Event()  # a wait would last till the evening: stop it, and fail

    def progress(p: DownloadProgress) -> None:
        states.append(p.state)
        if p.state in (DownloadState.WAITING_FOR_WINDOW, DownloadState.WAITING_FOR_UNMETERED):
            held.set()

    result = engine.run("c@1", str(repo), blobs, cancel=held, progress=progress)
    assert result.state is DownloadState.COMPLETED, (result.error, states)
    assert result.fetched_bytes == 30_000
    assert DownloadState.WAITING_FOR_WINDOW not in states
    assert DownloadState.WAITING_FOR_UNMETERED not in states
    assert store_verifies(tmp_path / "store", blobs) == []


def test_a_removed_stick_waits_and_resumes_when_the_source_returns(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    blobs = make_repository(repo, [10_000, 20_000])
    away = tmp_path / "pocket"
    repo.rename(away)
    reach = Reachability(online=False)

    def progress(p: DownloadProgress) -> None:
        if p.state is DownloadState.WAITING_FOR_NETWORK and not repo.exists():
            away.rename(repo)  # plugged back in
            reach.set_online(True)

    options = DownloadOptions(backoff_base=0.01, backoff_cap=0.02, max_failures=2)
    engine = downloader(tmp_path, store, session, options=options, reachability=reach)
    result = engine.run("c@1", str(repo), blobs, progress=progress)
    assert result.state is DownloadState.COMPLETED, result.error
    assert store_verifies(tmp_path / "store", blobs) == []
    assert any("not reachable" in r.reason for r in result.retries)


def test_duplicate_blob_with_two_sizes_is_refused(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    engine = downloader(tmp_path, store, session)
    with pytest.raises(ValueError, match="listed with sizes 1 and 2"):
        engine.run("c@1", "x", [BlobSpec("e" * 64, 1), BlobSpec("e" * 64, 2)])


def test_a_bad_blob_spec_is_refused_before_anything_is_recorded(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    engine = downloader(tmp_path, store, session)
    with pytest.raises(ValueError, match="bad blob spec"):
        engine.run("c@1", "x", [BlobSpec("not-a-hash", 1)])
    assert store.unfinished() == []  # nothing left to fail again at every resume


def test_a_blob_shared_by_two_courses_is_stored_once(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    shared = add_blob(repo, os.urandom(100_000))
    own = make_repository(repo, [1000, 2000])
    engine = downloader(tmp_path, store, session)
    results = []
    threads = [
        threading.Thread(
            target=lambda i=i: results.append(engine.run(f"c{i}@1", str(repo), [shared, own[i]]))
        )
        for i in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {r.state for r in results} == {DownloadState.COMPLETED}
    assert sum(r.fetched_bytes for r in results) == 100_000 + 1000 + 2000
    assert store_verifies(engine.blob_root, [shared, *own]) == []


def test_under_a_cap_the_receive_buffer_holds_one_second_of_each_connections_share() -> None:
    """So the sender is held back by TCP flow control, not only by our reads, and a dropped
    connection loses little; lifting the cap gives a large fixed buffer back."""
    from types import SimpleNamespace

    from sync.download_io import ReceiveBuffer as _ReceiveBuffer

    left, right = socket.socketpair()
    with left, right:
        autotuned = left.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)
        raw = SimpleNamespace(connection=SimpleNamespace(sock=left))
        untouched = _ReceiveBuffer(raw, parallel=3)  # type: ignore[arg-type]
        untouched.fit(0)
        assert left.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) == autotuned
        capped = _ReceiveBuffer(raw, parallel=3)  # type: ignore[arg-type]
        capped.fit(3_000_000)
        # Linux doubles what is asked (bookkeeping): 1 MB/s share -> 500,000 asked.
        assert left.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) == 1_000_000
        capped.fit(0)
        ceiling = int(Path("/proc/sys/net/core/rmem_max").read_text())  # the kernel's clamp
        expected = 2 * min(_ReceiveBuffer.UNCAPPED, ceiling)
        assert left.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) == expected


def test_an_application_quit_leaves_downloads_to_resume_by_themselves(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    blobs = make_repository(repo, [3_000_000])
    options = DownloadOptions(chunk_size=64 * 1024)
    engine = downloader(tmp_path, store, session, options=options)

    def progress(p: DownloadProgress) -> None:
        if p.done_bytes >= 1_000_000:
            engine.shutdown()

    result = engine.run("c@1", str(repo), blobs, progress=progress)
    assert result.state is DownloadState.QUEUED
    assert [r.id for r in store.unfinished()] == ["c@1"]  # unlike a user's pause
    later = downloader(tmp_path, store, session).resume("c@1")
    assert later.state is DownloadState.COMPLETED
    assert result.fetched_bytes + later.fetched_bytes == 3_000_000


def test_a_local_write_error_fails_clearly_instead_of_waiting_for_the_network(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "usb"
    [blob] = make_repository(repo, [1000])
    engine = downloader(tmp_path, store, session)
    part_path(engine.blob_root, blob.sha256).mkdir(parents=True)  # cannot be opened as a file
    result = engine.run("c@1", str(repo), [blob])
    assert result.state is DownloadState.FAILED
    assert result.error == (
        f"cannot write {part_path(engine.blob_root, blob.sha256)}: Is a directory"
    )


def test_a_failure_says_what_failed_in_a_kind_the_player_words_and_it_is_kept(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    """The engine knows what failed: the kind goes with the result, the progress and the record
    (the view words it for the learner; the English reason stays for support)."""
    repo = tmp_path / "usb"
    missing, bad, fine = make_repository(repo, [10, 20_000, 1000])
    blob_file(repo, missing.sha256).unlink()
    blob_file(repo, bad.sha256).write_bytes(b"x" * 20_000)
    engine = downloader(tmp_path, store, session)
    seen: list[DownloadProgress] = []
    cases = {
        "missing": ([missing], FailureKind.MISSING),
        "damaged": ([bad], FailureKind.DAMAGED),
    }
    for download_id, (blobs, kind) in cases.items():
        result = engine.run(download_id, str(repo), blobs, progress=seen.append)
        assert (result.state, result.failure) == (DownloadState.FAILED, kind), result.error
        assert seen[-1].failure is kind
        record = store.get(download_id)
        assert record is not None and record.failure is kind
    part_path(engine.blob_root, fine.sha256).mkdir(parents=True)  # cannot be opened as a file
    assert engine.run("disk", str(repo), [fine]).failure is FailureKind.DISK
    free = shutil.disk_usage(tmp_path).free
    full = downloader(tmp_path, store, session, options=DownloadOptions(free_space_margin=free * 2))
    part_path(engine.blob_root, fine.sha256).rmdir()
    assert full.run("space", str(repo), [fine]).failure is FailureKind.SPACE
    store.set_state("space", DownloadState.QUEUED)  # a retry: no longer failed
    assert store.get("space").failure is None  # type: ignore[union-attr]
    store.set_state("space", DownloadState.FAILED, "something nobody planned")
    assert store.get("space").failure is FailureKind.OTHER  # type: ignore[union-attr]


def test_a_full_disk_while_writing_is_a_space_failure_not_a_disk_one(
    tmp_path: Path, store: DownloadStore, session: requests.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "usb"
    [blob] = make_repository(repo, [1000])
    engine = downloader(tmp_path, store, session)

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)  # the disk fills up as the part is synced
    result = engine.run("c@1", str(repo), [blob])
    assert (result.state, result.failure) == (DownloadState.FAILED, FailureKind.SPACE)
    assert result.error == (
        f"cannot write {part_path(engine.blob_root, blob.sha256)}: No space left on device"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_place_of_a_blob_fails_without_waiting(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    # Opening a FIFO waits for a writer: the download hung, and Pause could not reach it.
    repo = tmp_path / "usb"
    [blob] = make_repository(repo, [10])
    fifo = blob_file(repo, blob.sha256)
    fifo.unlink()
    os.mkfifo(fifo)
    results = []
    thread = threading.Thread(
        target=lambda: results.append(
            downloader(tmp_path, store, session).run("c@1", str(repo), [blob])
        ),
        daemon=True,
    )
    thread.start()
    thread.join(10)
    hung = thread.is_alive()
    if hung:  # release the reader, so that a failing test ends
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert not hung, f"still opening the FIFO {fifo} after 10 s"
    [result] = results
    assert result.state is DownloadState.FAILED
    assert result.error == f"{fifo}: not a regular file"
    assert result.failure is FailureKind.SERVER
