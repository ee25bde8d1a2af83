"""A download whose run stopped without recording how (its FAILED refused by a full or
read-only records disk, or the process killed) stays RUNNING in the records. With no process
holding the downloads' lock, nothing runs it: `cartable download --list` and the player's
downloads page (both read CourseDownloads.downloads) show it QUEUED, the state a quit leaves
and from which the next start resumes, not "running". The real downloader, library, records
file and lock; the records refuse the download's writes as a read-only disk does (SQLite's
query_only), from the first bytes fetched."""

from __future__ import annotations

import sys
from pathlib import Path

from player.course.signing import PrivateKey
from player.library.download_records import INTERRUPTED
from sync.download_reports import DownloadProgress
from sync.download_state import DownloadState
from tests import children
from tests.course_repo import add_course, random_files
from tests.unit.test_library_downloads import (  # noqa: F401  (fixtures)
    KB,
    Device,
    device,
    install,
    key,
    offered,
    repo,
)

# Another process holding the downloads' lock (as `cartable download` does) until its stdin ends.
HOLD = (
    "import fcntl, sys; f = open(sys.argv[1], 'a+b'); fcntl.flock(f, fcntl.LOCK_EX); "
    "print('held', flush=True); sys.stdin.read()"
)


def _fail_unrecorded(device: Device) -> str:  # noqa: F811
    """Run a download whose state the records refuse once its first bytes are in: FAILED
    returned, RUNNING left in the records. Returns its id."""
    db = device.downloads.store._db

    def refuse(progress: DownloadProgress) -> None:
        if progress.done_bytes > 0:
            db.execute("PRAGMA query_only = ON")

    _, outcome = install(device, progress=refuse)
    assert outcome.state is DownloadState.FAILED, outcome
    db.execute("PRAGMA query_only = OFF")
    [record] = device.downloads.store.all()
    assert record.state is DownloadState.RUNNING  # what the records kept
    return record.id


def test_a_download_left_running_with_no_one_downloading_is_shown_queued_and_resumes(
    device: Device,  # noqa: F811
    key: PrivateKey,  # noqa: F811
    repo: Path,  # noqa: F811
) -> None:
    add_course(repo, random_files(4, 200 * KB, 1), key=key)
    download_id = _fail_unrecorded(device)

    [shown] = device.downloads.downloads()  # before: RUNNING, which --list printed
    assert (shown.id, shown.state, shown.reason) == (download_id, DownloadState.QUEUED, INTERRUPTED)
    got = device.downloads.get(download_id)
    assert got is not None and got.state is DownloadState.QUEUED
    assert download_id in device.downloads.unfinished()  # the player's next start resumes it

    outcome = device.downloads.resume(download_id)
    assert outcome.state is DownloadState.COMPLETED, outcome
    assert device.library.get("maths") is not None


def test_a_download_running_in_another_process_is_shown_running(
    device: Device,  # noqa: F811
    key: PrivateKey,  # noqa: F811
    repo: Path,  # noqa: F811
) -> None:
    """Another process holds the downloads' lock: its downloads may be running, so records say
    what they say (the look never takes the lock from it)."""
    add_course(repo, random_files(2, 100 * KB, 1), key=key)
    download_id = _fail_unrecorded(device)
    lock = device.downloads.folder / "downloads.lock"
    with children.started(
        [sys.executable, "-c", HOLD, str(lock)], stdin=-1, stdout=-1, text=True
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        [shown] = device.downloads.downloads()
        assert shown.state is DownloadState.RUNNING and shown.id == download_id
        assert holder.poll() is None
    [shown] = device.downloads.downloads()  # the holder gone: nothing runs it
    assert shown.state is DownloadState.QUEUED
