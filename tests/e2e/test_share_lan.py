"""Sharing courses in a school lab with no internet: laptop A has the courses and shares them
(player/library/share.py served by sync/share_server.py, or `cartable share`); laptop B adds
A's address as a catalog and installs from it with the code the Catalog page and `cartable
download` use (sync.catalog, player.library.downloads, sync.download). Real sockets on 127.0.0.1,
real signed courses (the demo's and one made here), nothing mocked."""

from __future__ import annotations

import contextlib
import hashlib
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from player.context import DEMO_COURSE_ID, demo_key
from player.course.signing import PrivateKey, PublicKey
from player.library.blobstore import BlobStore
from player.library.catalogs import Catalogs
from player.library.downloads import CourseDownloads
from player.library.library import InstalledCourse, Library
from player.library.share import share_library
from player.library.trust import TrustedKey, TrustStore
from player.paths import demo_repository
from sync.catalog import fetch_catalog
from sync.download import Downloader
from sync.download_options import DownloadOptions
from sync.download_reports import DownloadProgress
from sync.download_state import DownloadState, DownloadStore
from sync.http import make_session
from sync.share_discovery import DISCOVERY_PORT
from sync.share_server import Served, ShareServer, local_addresses
from tests.children import started
from tests.course_repo import add_course, random_files

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
KB = 1000


@pytest.fixture(scope="module")
def key() -> PrivateKey:
    return PrivateKey.generate()


def trust(root: Path, key: PrivateKey) -> TrustStore:
    """What a branded installer gives every laptop of the lab: the institution's key, and the
    demo's key for the demo course only."""
    demo = demo_key()
    assert demo is not None
    keys = [TrustedKey(key.public, "branding"), TrustedKey(demo, "demo", DEMO_COURSE_ID)]
    return TrustStore(root / "trusted-keys", keys)


@dataclass
class LaptopB:
    """The laptop without internet: a library, its downloads and catalogs."""

    library: Library
    downloads: CourseDownloads
    catalogs: Catalogs

    def install(self, course_id: str) -> InstalledCourse:
        listings = self.catalogs.fetch(self.downloads.session)
        found = self.catalogs.browse(listings).find(course_id)
        assert found is not None, [listing.error for listing in listings]
        prepared = self.downloads.prepare(found.entry, found.source)
        outcome = self.downloads.run(prepared)
        assert outcome.state is DownloadState.COMPLETED, outcome.error
        assert outcome.installed is not None
        return outcome.installed


@pytest.fixture
def laptop_b(tmp_path: Path, key: PrivateKey) -> Iterator[LaptopB]:
    root = tmp_path / "b"
    root.mkdir()
    library = Library(root / "courses", BlobStore(root / "blobs"), trust(root, key))
    session = make_session("test")
    store = DownloadStore.open(root / "cartable.sqlite3", create=True)
    options = DownloadOptions(
        parallel=1, chunk_size=64 * 1024, progress_interval=0, backoff_base=0.01
    )
    downloader = Downloader(root / "blobs", store, session, options=options)
    downloads = CourseDownloads(library, downloader, session, root / "downloads")
    yield LaptopB(library, downloads, Catalogs(library, root / "cache", (), []))
    store.close()
    session.close()


def laptop_a(tmp_path: Path, key: PrivateKey, *courses: Path) -> Library:
    root = tmp_path / "a"
    library = Library(root / "courses", BlobStore(root / "blobs"), trust(root, key))
    for repository in courses:
        library.install_folder(repository)
    return library


def same_install(a: InstalledCourse, b: InstalledCourse, a_lib: Library, b_lib: Library) -> None:
    """B holds exactly A's course: manifest, signature and every file, byte for byte."""
    for name in ("course.json", "course.json.sig"):
        assert (b.folder / name).read_bytes() == (a.folder / name).read_bytes(), name
    for sha in a.course.files():
        data = b_lib.blob_path(sha).read_bytes()
        assert data == a_lib.blob_path(sha).read_bytes() and hashlib.sha256(data).hexdigest() == sha


def test_a_laptop_installs_the_courses_another_shares(
    tmp_path: Path, key: PrivateKey, laptop_b: LaptopB
) -> None:
    maths = tmp_path / "maths-repo"
    add_course(maths, random_files(4, 100 * KB, 1), key=key)
    a = laptop_a(tmp_path, key, demo_repository(), maths)
    share = share_library(a, title="LAB-PC-01")
    with ShareServer(share.resolve, host="127.0.0.1", port=0) as server:
        [url] = server.urls()
        laptop_b.catalogs.add(url)  # what the teacher tells the class to type
        for course_id, signer in ((DEMO_COURSE_ID, demo_key()), ("maths", key.public)):
            installed = laptop_b.install(course_id)
            assert isinstance(signer, PublicKey)
            assert installed.verified and installed.signer == signer.key_id
            assert installed.source == url
            original = a.get(course_id)
            assert original is not None
            same_install(original, installed, a, laptop_b.library)
        # The catalog again: unchanged, so one small 304 (If-None-Match on its ETag).
        again = fetch_catalog(
            url, tmp_path / "b" / "cache" / "catalogs", laptop_b.downloads.session
        )
        assert again.not_modified and again.catalog.title == "LAB-PC-01"
    assert [c.id for c in laptop_b.library.installed()] == [DEMO_COURSE_ID, "maths"]


def test_an_interrupted_download_resumes_from_the_share_with_range(
    tmp_path: Path, key: PrivateKey, laptop_b: LaptopB
) -> None:
    films = tmp_path / "films-repo"
    [video] = random_files(1, 2_000_000, 2)
    add_course(films, [video], key=key, course_id="films", title="Films")
    a = laptop_a(tmp_path, key, films)
    served: list[Served] = []
    with ShareServer(
        share_library(a).resolve, host="127.0.0.1", port=0, on_served=served.append
    ) as server:
        laptop_b.catalogs.add(server.urls()[0])
        listings = laptop_b.catalogs.fetch(laptop_b.downloads.session)
        found = laptop_b.catalogs.browse(listings).find("films")
        assert found is not None
        prepared = laptop_b.downloads.prepare(found.entry, found.source)
        cut = threading.Event()

        def unplug(progress: DownloadProgress) -> None:  # the first bytes, then the cable
            if progress.state is DownloadState.RUNNING and progress.done_bytes > 0:
                cut.set()

        first = laptop_b.downloads.run(prepared, cancel=cut, progress=unplug)
        assert first.state is DownloadState.PAUSED and first.result is not None
        kept = first.result.fetched_bytes
        assert 0 < kept < len(video)
        second = laptop_b.downloads.resume(prepared.download_id)
        assert second.state is DownloadState.COMPLETED, second.error
        assert second.result is not None
        assert kept + second.result.fetched_bytes == len(video)  # nothing fetched twice
    sha = hashlib.sha256(video).hexdigest()
    resumed = [s for s in served if s.path.endswith(sha) and s.status == 206]
    assert [(s.range, s.if_range) for s in resumed] == [(f"bytes={kept}-", f'"{sha}"')]
    installed = laptop_b.library.get("films")
    assert installed is not None and installed.verified
    assert laptop_b.library.blob_path(sha).read_bytes() == video


def test_a_share_stopped_mid_download_and_started_again_is_resumed_with_range(
    tmp_path: Path, key: PrivateKey, laptop_b: LaptopB
) -> None:
    """Laptop A's share stops under a download (the teacher closes it, the lid shuts) and starts
    again on the same port: B's download retries by itself and continues from its part."""
    films = tmp_path / "films-repo"
    [video] = random_files(1, 2_000_000, 3)
    add_course(films, [video], key=key, course_id="films", title="Films")
    share = share_library(laptop_a(tmp_path, key, films))
    servers = [ShareServer(share.resolve, host="127.0.0.1", port=0)]
    after: list[Served] = []
    port = servers[0].port
    servers[0].start()
    laptop_b.catalogs.add(servers[0].urls()[0])
    listings = laptop_b.catalogs.fetch(laptop_b.downloads.session)
    found = laptop_b.catalogs.browse(listings).find("films")
    assert found is not None
    prepared = laptop_b.downloads.prepare(found.entry, found.source)

    def restart(progress: DownloadProgress) -> None:
        if len(servers) == 1 and progress.done_bytes > 0:
            servers[0].stop()
            again = ShareServer(
                share.resolve,
                host="127.0.0.1",
                port=port,
                fallback_port=False,
                on_served=after.append,
            )
            servers.append(again.start())

    try:
        outcome = laptop_b.downloads.run(prepared, progress=restart)
    finally:
        for server in servers:
            server.stop()
    assert outcome.state is DownloadState.COMPLETED, outcome.error
    assert len(servers) == 2 and outcome.result is not None
    assert len(video) <= outcome.result.fetched_bytes < 2 * len(video)
    sha = hashlib.sha256(video).hexdigest()
    [resumed] = [s for s in after if s.path.endswith(sha)]
    assert (resumed.status, resumed.if_range) == (206, f'"{sha}"')
    assert resumed.range is not None and resumed.range.startswith("bytes=")
    assert laptop_b.library.blob_path(sha).read_bytes() == video


# --- the command ---------------------------------------------------------------------------------


@contextlib.contextmanager
def cartable(home: Path, *args: str) -> Iterator[subprocess.Popen[str]]:
    """`cartable ARGS` in `home`, killed with what it started if still running at the end."""
    env = {**os.environ, "CARTABLE_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    with started(
        [sys.executable, "-m", "player", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as child:
        yield child


class Lines:
    """A process's stdout, line by line, with a timeout (a reader thread: a pipe has none)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.queue: queue.Queue[str | None] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.queue.put(line.rstrip("\n"))
        self.queue.put(None)

    def until(self, start: str, timeout: float = 30) -> list[str]:
        """The lines up to one beginning with `start`."""
        lines: list[str] = []
        deadline = time.monotonic() + timeout
        while not lines or not lines[-1].startswith(start):
            try:
                line = self.queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None:
                self.process.kill()
                pytest.fail(f"no line {start!r}; got {lines}")
            lines.append(line)
        return lines

    def rest(self, timeout: float = 30) -> tuple[list[str], str]:
        """The remaining lines and stderr, once the process ended."""
        self.process.wait(timeout)
        self.reader.join(timeout)
        lines = []
        while (line := self.queue.get_nowait()) is not None:
            lines.append(line)
        assert self.process.stderr is not None
        return lines, self.process.stderr.read()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("0.0.0.0", 0))
        return int(probe.getsockname()[1])


def test_cartable_share_prints_the_address_serves_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    home = tmp_path / "a"
    with cartable(home, "share") as empty:
        assert empty.communicate(timeout=60) == (
            "",
            "cartable: nothing to share: no course is installed (cartable import, cartable "
            "download)\n",
        )
    assert empty.returncode == 1
    with cartable(home, "import", str(demo_repository())) as imported:
        assert imported.wait(timeout=60) == 0

    port = free_port()
    with cartable(home, "share", "--port", str(port)) as sharing:
        output = Lines(sharing)
        try:
            lines = output.until("Press Ctrl+C")
            assert lines[0] == "Sharing 1 course: les-mooc 1.0.3"
            addresses = local_addresses()
            assert lines[1:-1] == [
                f"Other laptops can add this catalog: http://{address}:{port}/"
                for address in addresses
            ]
            # Laptop B adds the address: one course, said so. A test has no second computer:
            # this one is laptop B, which the share does not count (tests/unit/
            # test_commands_share.py: the lines another computer makes).
            with cartable(tmp_path / "b", "catalogs", "add", f"127.0.0.1:{port}") as added:
                out, err = added.communicate(timeout=60)
            assert added.returncode == 0, err
            name = socket.gethostname().split(".")[0]
            assert out.endswith(f"127.0.0.1:{port}/: {name}, 1 course\n")
            with make_session("test") as session:
                result = fetch_catalog(f"http://127.0.0.1:{port}/", tmp_path / "b2", session)
                [entry] = result.catalog.courses
                assert entry.id == DEMO_COURSE_ID
                manifest = session.get(f"http://127.0.0.1:{port}/{entry.manifest}", timeout=10)
                manifest.raise_for_status()
            # The port asked for is taken now: a second share says so, in one line.
            with cartable(home, "share", "--port", str(port)) as second:
                out, err = second.communicate(timeout=60)
            assert second.returncode == 1 and out == ""
            assert err == (
                f"cartable: port {port} is in use (another program, or another cartable "
                "share): choose another with --port\n"
            )
        finally:
            sharing.send_signal(signal.SIGINT)
            rest, err = output.rest()
    assert sharing.returncode == 0, err
    # The totals (no summary meanwhile: one every 30 s at most, see test_commands_share.py).
    # What this computer got, the course's signature `catalogs add` read (to say whether its
    # key is trusted here, fa865f9) and the manifest, was sent to no computer (r3: "1 file sent
    # (937 bytes) to 0 computers." at 30 s; this test expected this computer counted).
    assert rest == ["Stopped sharing: no computer connected."]
    offline = (
        "cartable: warning: this computer has no network address: connect it to the network "
        f"(Wi-Fi or cable); sharing on port {port} meanwhile\n"
    )
    # UDP 8475, where the share answers `catalogs find`, cannot be chosen from the command: held
    # by another program (a parallel run, the player's share) it is said in a note, and the
    # share serves all the same (the note itself: tests/unit/test_share_discovery.py).
    unfindable = (
        "cartable: note: the other laptops cannot find this one with `cartable catalogs find` "
        f"(UDP port {DISCOVERY_PORT} is in use (another program, or another Cartable sharing)): "
        "give them the address below\n"
    )
    assert err.removeprefix(unfindable) == ("" if addresses else offline)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1)
