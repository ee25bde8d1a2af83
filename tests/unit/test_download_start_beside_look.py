"""A download's start beside another process's look at the downloads' lock: the look whether a
download recorded RUNNING still runs (CourseDownloads._runs_now: `cartable download --list`,
the player's downloads page) really takes the lock for an instant, and a start landing in that
instant was refused "another Cartable on this computer is downloading courses". A start tries
again for START_PATIENCE s; one process really downloading still refuses it. And
`downloads()` looks once per call, not once per record. The real downloader, library, records
file and lock; the other process is a real one."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.library import download_lock
from player.library.download_records import InstallOutcome
from player.library.download_refusals import DownloadRefused
from sync.download_state import BlobSpec, DownloadState, FailureKind
from sync.interprocess import ProcessLock
from tests import children
from tests.course_repo import add_course, random_files
from tests.unit.test_library_downloads import (  # noqa: F401  (fixtures)
    KB,
    Device,
    device,
    key,
    offered,
    repo,
)

# Another process looking at the downloads' lock as _runs_now does (ProcessLock.acquire_if_free),
# kept inside the look until its stdin ends.
LOOK = (
    "import sys; from pathlib import Path; from sync.interprocess import ProcessLock; "
    "probe = ProcessLock(Path(sys.argv[1])); assert probe.acquire_if_free(); "
    "print('looking', flush=True); sys.stdin.read(); probe.release()"
)
# Another process downloading (as `cartable download` does): holds the lock until its stdin ends.
DOWNLOADING = (
    "import fcntl, sys; f = open(sys.argv[1], 'a+b'); fcntl.flock(f, fcntl.LOCK_EX); "
    "print('held', flush=True); sys.stdin.read()"
)
WAIT_S = 60.0  # what a test waits at most for a condition (never reached when it holds)


class _Said(logging.Handler):
    """Sets `event` when the downloads' module logs that the start tries again."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.event = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if "trying again" in record.getMessage():
            self.event.set()


def _lock_path(device: Device) -> Path:  # noqa: F811
    device.downloads.folder.mkdir(parents=True, exist_ok=True)
    return device.downloads.folder / "downloads.lock"


def test_a_start_while_another_process_looks_at_the_lock_waits_for_the_look_and_downloads(
    device: Device,  # noqa: F811
    key: PrivateKey,  # noqa: F811
    repo: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The looker holds the lock while the start tries, and lets it go once the start has been
    told it is held: the start then takes it and the course is installed. The patience is made
    long so a loaded machine's slow child cannot outlast it (the default is START_PATIENCE)."""
    add_course(repo, random_files(3, 100 * KB, 7), key=key)
    found = offered(device)
    prepared = device.downloads.prepare(found.entry, found.source)
    monkeypatch.setattr(download_lock, "START_PATIENCE", WAIT_S)
    said = _Said()
    caplog.set_level(logging.DEBUG, logger=download_lock.__name__)
    logger = logging.getLogger(download_lock.__name__)
    logger.addHandler(said)
    ended: list[InstallOutcome | BaseException] = []

    def start() -> None:
        try:
            ended.append(device.downloads.run(prepared))
        except BaseException as exc:  # shown by the assertion below
            ended.append(exc)
        finally:
            said.event.set()  # the start ended: nothing more to wait for

    cwd = Path(__file__).resolve().parents[2]
    argv = [sys.executable, "-c", LOOK, str(_lock_path(device))]
    try:
        with children.started(argv, stdin=-1, stdout=-1, text=True, cwd=cwd) as looker:
            assert looker.stdout is not None and looker.stdout.readline() == "looking\n"
            starter = threading.Thread(target=start)
            starter.start()
            assert said.event.wait(WAIT_S)
            assert not ended, ended  # before: DownloadRefused BUSY, the look taken for a download
            assert looker.stdin is not None
            looker.stdin.close()  # the look ends
            assert looker.wait(WAIT_S) == 0
            starter.join(WAIT_S)
    finally:
        logger.removeHandler(said)
    [outcome] = ended
    assert isinstance(outcome, InstallOutcome) and outcome.state is DownloadState.COMPLETED
    assert device.library.get("maths") is not None


def test_a_start_while_another_process_downloads_is_still_refused_busy(
    device: Device,  # noqa: F811
    key: PrivateKey,  # noqa: F811
    repo: Path,  # noqa: F811
) -> None:
    """Held for longer than the patience (a real download elsewhere): refused BUSY, as before."""
    add_course(repo, random_files(2, 50 * KB, 8), key=key)
    found = offered(device)
    prepared = device.downloads.prepare(found.entry, found.source)
    argv = [sys.executable, "-c", DOWNLOADING, str(_lock_path(device))]
    with children.started(argv, stdin=-1, stdout=-1, text=True) as other:
        assert other.stdout is not None and other.stdout.readline() == "held\n"
        with pytest.raises(DownloadRefused) as refused:
            device.downloads.run(prepared)
        assert other.poll() is None
    assert refused.value.kind is FailureKind.BUSY
    assert "another Cartable on this computer is downloading" in str(refused.value)
    assert device.library.get("maths") is None


def test_the_downloads_list_looks_at_the_lock_once_however_many_records_say_running(
    device: Device,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Three records left RUNNING, nothing running them: one look for the list (before: three,
    each holding the lock for an instant)."""
    store = device.downloads.store
    for n in range(3):
        download_id = f"course{n}@1.0.0"
        store.begin(download_id, "https://c.example/", [BlobSpec(f"{n}" * 64, 1)])
        store.set_state(download_id, DownloadState.RUNNING)
    looks: list[Path] = []
    look = ProcessLock.acquire_if_free

    def counted(self: ProcessLock, owner: int | None = None) -> bool:
        looks.append(self.path)
        return look(self, owner)

    monkeypatch.setattr(ProcessLock, "acquire_if_free", counted)
    shown = device.downloads.downloads()
    assert [d.state for d in shown] == [DownloadState.QUEUED] * 3
    assert looks == [_lock_path(device)]  # before: three looks
