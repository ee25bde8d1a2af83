"""`player`: the GUI on this machine (offscreen Qt, so a display server's speed is not measured).

- `cold_start_library`: `cartable` started in a fresh process until the library has been painted
  (then it quits), on an installation with 50 courses and 200,000 statements, against a bare
  PySide6 window importing the same Qt modules and painted once, same run, interleaved runs;
  goal: time ratio <= 2.0 and peak memory ratio <= 1.5.
- `open_course_first_frame` / `open_course_resume_frame`: from the learner pressing Enter on a
  course to the first video frame on screen (a new course: the first frame; a course studied
  before: the frame at the saved position). Goal: median <= 300 ms. The `..._vs_bare` lines put
  the bare QMediaPlayer (load the same file into a video sink, pause, first frame) beside it.
- `ui_stall_during_download` / `ui_stall_during_sync`: the longest the UI thread was late (a
  5 ms timer on the event loop) while the task runner downloads a course's blobs from nginx on
  loopback, or syncs 5,000 statements to a Ralph LRS; goal <= 50 ms. The idle figure beside it is
  the same timer with nothing running.

The GUI parts run in child processes (`python -m benchmarks.player CHILD ...`) so each measures
a fresh application.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from benchmarks.common import Figure, run_measured

NAME = "player"
ROOT = Path(__file__).resolve().parents[1]
COURSES = 50
STATEMENTS = 200_000
START_RUNS = 5
OPEN_RUNS = 9
RESUME_AT = 5.0
DEMO = "les-mooc"
DEMO_SOURCE = ROOT / "resources" / "demo" / "source"
DOWNLOAD_BLOBS = 24
DOWNLOAD_BLOB_SIZE = 8_000_000  # 192 MB from nginx on loopback
SYNC_STATEMENTS = 5_000

COURSE_TOML = """\
format = 1
id = "{id}"
version = "1.0.0"
title = "{title}"
language = "{language}"
summary = "Un cours de la bibliothèque du banc d'essai."
authors = ["Banc d'essai"]
licence = "CC0-1.0"
cover = "cover.png"

[publisher]
name = "{publisher}"
url = "https://univ.example.org"
{modules}"""

MODULE_TOML = """
[[modules]]
id = "m{m}"
title = "Module {m}"
folder = "m"

  [[modules.units]]
  id = "m{m}-video"
  type = "video"
  title = "Vidéo {m}"
  duration = 10.56
  variants = [{{ file = "intro-360p.mp4", label = "360p", width = 640, height = 360 }}]
  subtitles = [{{ file = "intro.fr.vtt", language = "fr", label = "Français" }}]

  [[modules.units]]
  id = "m{m}-deck"
  type = "slides"
  title = "Diaporama {m}"
  document = "deck.pdf"
  pages = 8

  [[modules.units]]
  id = "m{m}-reading"
  type = "reading"
  title = "Lecture {m}"
  text = "reading-{m}.md"
"""

TITLES = (
    "Algèbre linéaire",
    "Histoire de l'Afrique de l'Ouest",
    "Introduction à l'économie",
    "Santé publique",
    "Agronomie tropicale",
    "Programmation en Python",
    "Droit des contrats",
    "Climat et sociétés",
)


# -- the installation measured ----------------------------------------------------------------


def _course_source(folder: Path, index: int) -> Path:
    media = DEMO_SOURCE / "01-qu-est-ce-qu-un-mooc"
    deck = DEMO_SOURCE / "02-un-phenomene" / "un-phenomene.pdf"
    files = folder / "m"
    files.mkdir(parents=True)
    for name in ("intro-360p.mp4", "intro.fr.vtt"):
        shutil.copy(media / name, files / name)
    shutil.copy(deck, files / "deck.pdf")
    shutil.copy(DEMO_SOURCE / "cover.png", folder / "cover.png")
    for m in range(4):
        (files / f"reading-{m}.md").write_text(
            f"# Lecture {m} du cours {index}\n\n" + "Un paragraphe de texte. " * 40 + "\n",
            encoding="utf-8",
        )
    modules = "".join(MODULE_TOML.format(m=m) for m in range(4))
    title = f"{TITLES[index % len(TITLES)]} {index // len(TITLES) + 1}"
    (folder / "course.toml").write_text(
        COURSE_TOML.format(
            id=f"course-{index:02d}",
            title=title,
            language="fr" if index % 3 else "en",
            publisher=f"Université {index % 5 + 1}",
            modules=modules,
        ),
        encoding="utf-8",
    )
    return folder


def prepare_home(home: Path, courses: int = COURSES, statements: int = STATEMENTS) -> None:
    """An installation as a learner has it after months: the demo and `courses` more courses,
    one profile (the last one used) with progress in every course and `statements` in its
    history, most of them delivered."""
    os.environ["CARTABLE_HOME"] = str(home)
    from player.authoring.build import build
    from player.context import ensure_demo, open_context
    from player.course.signing import PrivateKey
    from player.paths import user_paths
    from player.store import Store

    paths = user_paths().ensure()
    context = open_context(paths)
    ensure_demo(context)
    work = home.parent / "sources"
    key = PrivateKey.generate()
    key.write(work / "publisher.key")
    context.trust.add(key.public)
    repo = work / "repo"
    for index in range(courses):
        source = _course_source(work / f"course-{index:02d}", index)
        build(source, repo, key=key, key_path=work / "publisher.key", answers_dir=work / "answers")
    context.library.install_folder(repo)

    store = Store.open(paths)
    profile = store.profiles.add("Awa", "fr")
    context.settings.last_profile = profile.id
    context.save_settings()
    events = store.events
    for item in context.library.installed():
        course = item.course
        events.course_launched(profile.id, course)
        first = next(course.units())[1]
        session = events.unit_opened(profile.id, course, first.id)
        if first.type == "video":
            events.video_played(session, 0.0)
            events.video_paused(session, 4.0)
        events.unit_closed(session, 4.0)
        for _, unit in list(course.units())[1:3]:
            session = events.unit_opened(profile.id, course, unit.id)
            if unit.type == "reading":
                events.reading_completed(session)
            elif unit.type == "slides":
                for page in range(1, 4):
                    events.slide_viewed(session, page)
            events.unit_closed(session)
    _fill(store, profile.id, statements)
    store.close()
    shutil.rmtree(work)


def _fill(store, profile_id: str, total: int) -> None:  # type: ignore[no-untyped-def]
    """Copies of the profile's real statements with fresh ids, bulk-inserted as delivered."""
    template = [(r.id, r.body) for r in store.outbox.rows(profile_id, limit=10_000)]
    have = store.outbox.counts().total
    rng = random.Random(total)
    while have < total:
        rows = []
        for _ in range(min(20_000, total - have)):
            old, body = rng.choice(template)
            new = str(uuid.uuid4())
            rows.append((new, profile_id, body.replace(old.encode(), new.encode()), 1.7e9))
        with store.database.transaction():
            store.conn.executemany(
                "INSERT INTO outbox (id, profile_id, body, created_at, state, delivered_at)"
                " VALUES (?, ?, ?, ?, 'delivered', 1.7e9)",
                rows,
            )
        have += len(rows)


# -- cold start -------------------------------------------------------------------------------

BARE = """
import importlib, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
for name in sys.argv[1:]:
    importlib.import_module(name)
app = QApplication([])
window = QMainWindow()
label = QLabel("Library", window)
window.setCentralWidget(label)
window.resize(1280, 720)

class Quit(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            label.removeEventFilter(self)
            QTimer.singleShot(0, done)
        return False

def done():
    print(f"cartable-painted {time.time():.6f}", flush=True)
    app.quit()

label.installEventFilter(Quit(app))
window.show()
app.exec()
"""


def child_env(home: Path | None, cache: Path) -> dict[str, str]:
    """Offscreen, and with bytecode caching on (in a folder of the run): an installed player
    has its modules compiled, whatever PYTHONDONTWRITEBYTECODE this shell has."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(cache), PYTHONPATH=str(ROOT))
    if home is not None:
        env.update(CARTABLE_HOME=str(home), CARTABLE_QUIT_AFTER_START="1")
    return env


def qt_modules_of_start(home: Path, cache: Path) -> list[str]:
    """The PySide6 modules `cartable` imports up to the painted library (-X importtime)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "player"],
        env=child_env(home, cache),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    found = []
    for line in proc.stderr.splitlines():
        name = line.rsplit("|", 1)[-1].strip()
        if name.startswith("PySide6.Qt") and "." not in name[len("PySide6.") :]:
            found.append(name)
    return sorted(set(found))


def _until_painted(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning the process to its first painted window; its peak memory (MB)."""
    started = time.time()
    result = run_measured(argv, env=env, cwd=ROOT)
    stamp = next(
        float(line.split()[1])
        for line in result.stdout.splitlines()
        if line.startswith("cartable-painted ")
    )
    return stamp - started, result.peak_rss_mb


def cold_start(home: Path, cache: Path) -> Iterator[Figure]:
    modules = qt_modules_of_start(home, cache)
    ours_argv = [sys.executable, "-m", "player"]
    bare_argv = [sys.executable, "-c", BARE, *modules]
    for _ in range(2):  # bytecode written, files in the page cache
        _until_painted(ours_argv, child_env(home, cache))
        _until_painted(bare_argv, child_env(None, cache))
    ours_runs, reference_runs = [], []
    for _ in range(START_RUNS):
        ours_runs.append(_until_painted(ours_argv, child_env(home, cache)))
        reference_runs.append(_until_painted(bare_argv, child_env(None, cache)))
    ours = statistics.median(r[0] for r in ours_runs)
    reference = statistics.median(r[0] for r in reference_runs)
    yield Figure(NAME, "cold_start_library_50_courses_200k", ours, "s", reference, "<=", 2.0)
    ours_mb = statistics.median(r[1] for r in ours_runs)
    reference_mb = statistics.median(r[1] for r in reference_runs)
    yield Figure(NAME, "cold_start_peak_memory", ours_mb, "MB", reference_mb, "<=", 1.5)


# -- opening a course (child process) ---------------------------------------------------------


def _child_open(home: Path) -> dict[str, list[float]]:
    os.environ["CARTABLE_HOME"] = str(home)
    from PySide6.QtCore import QEventLoop, QTimer, QUrl
    from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoSink
    from PySide6.QtWidgets import QApplication

    from player.app import build_services
    from player.paths import user_paths
    from player.ui.main_window import MainWindow
    from player.ui.tasks import ThreadPoolRunner
    from player.ui.theme import Theme
    from player.ui.ui_thread_gc import collect_on_ui_thread
    from player.ui.video.media import pause_later, stop_later

    app = QApplication([])
    collect_on_ui_thread(app)  # as run_gui: cycles collected on the UI thread only
    services = build_services(app, user_paths().ensure(), ThreadPoolRunner(), backup_every=None)
    Theme(app)
    window = MainWindow(services)
    window.resize(1280, 720)
    window.show()
    window.start()
    profile = window.session.profile  # type: ignore[union-attr]
    demo = services.library.get(DEMO)
    assert demo is not None
    unit = demo.course.unit("definition-video")
    video_file = services.library.blob_path(unit.variant_for(720).file.sha256)  # type: ignore[union-attr]

    def wait_for(sink: QVideoSink, at_least: float) -> None:
        loop = QEventLoop()

        def frame(f: QVideoFrame) -> None:
            if f.isValid() and f.startTime() >= at_least * 1_000_000 - 1:
                loop.quit()

        sink.videoFrameChanged.connect(frame)
        QTimer.singleShot(10_000, loop.quit)
        loop.exec()
        sink.videoFrameChanged.disconnect(frame)

    def ours(at: float) -> float:
        start = time.perf_counter()
        window.open_course(DEMO, "definition-video")
        view = window.course_view.view  # type: ignore[union-attr]
        wait_for(view.surface.video.videoSink(), at - 0.5 if at else 0)  # type: ignore[union-attr]
        took = time.perf_counter() - start
        window.show_library()
        return took

    def bare(at: float) -> float:
        start = time.perf_counter()
        player = QMediaPlayer()
        sink = QVideoSink()
        player.setVideoSink(sink)

        def status(s: QMediaPlayer.MediaStatus) -> None:
            if s == QMediaPlayer.MediaStatus.LoadedMedia:
                if at:
                    player.setPosition(round(at * 1000))
                pause_later(player)

        player.mediaStatusChanged.connect(status)
        player.setSource(QUrl.fromLocalFile(str(video_file)))
        wait_for(sink, at - 0.5 if at else 0)
        took = time.perf_counter() - start
        # queued, as the app does (player/ui/video/media.py): a stop() called from Python can
        # deadlock with the FFmpeg renderer threads (seen here: a run hung in it for minutes)
        stop_later(player)
        player.deleteLater()
        return took

    def set_resume(at: float) -> None:
        events = services.recorder
        session = events.unit_opened(profile.id, demo.course, "definition-video")
        if at:
            events.video_played(session, 0.0)
            events.video_seeked(session, 0.0, at)
            events.video_paused(session, at)
        events.unit_closed(session, at)

    results: dict[str, list[float]] = {
        "first": [],
        "first_bare": [],
        "resume": [],
        "resume_bare": [],
    }
    ours(0)
    bare(0)  # warm both: the first decoder start loads libraries
    for _ in range(OPEN_RUNS):
        set_resume(0.0)
        results["first"].append(ours(0.0))
        results["first_bare"].append(bare(0.0))
        set_resume(RESUME_AT)
        results["resume"].append(ours(RESUME_AT))
        results["resume_bare"].append(bare(RESUME_AT))
    window.close_course()
    services.tasks.wait_idle(5000)
    services.store.close()
    return results


def open_course(home: Path, cache: Path) -> Iterator[Figure]:
    results = _child(home, cache, "open")
    for kind in ("first", "resume"):
        ours = statistics.median(results[kind]) * 1000
        bare = statistics.median(results[f"{kind}_bare"]) * 1000
        yield Figure(NAME, f"open_course_{kind}_frame", ours, "ms", None, "<=", 300)
        yield Figure(NAME, f"open_course_{kind}_frame_vs_bare", ours, "ms", bare)


def _child(home: Path, cache: Path, what: str, *extra: str) -> dict[str, list[float]]:
    env = child_env(home, cache)
    env.pop("CARTABLE_QUIT_AFTER_START")
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks.player", what, str(home), *extra],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=1800,
    )
    if proc.returncode:
        raise RuntimeError(f"benchmarks.player {what} failed: {proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# -- the UI thread while the task runner works (child process) -------------------------------


class _Latency:
    """A 5 ms timer on the event loop: how late each tick came is how long the loop was busy."""

    INTERVAL = 0.005

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(round(self.INTERVAL * 1000))
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.late: list[float] = []

    def _tick(self) -> None:
        now = time.perf_counter()
        self.late.append(max(0.0, now - self.last - self.INTERVAL))
        self.last = now

    def start(self) -> None:
        self.late = []
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return self.late


def _spin(until: Callable[[], bool], limit: float) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + limit
    while not until() and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    if not until():
        raise RuntimeError("the background work did not finish in time")


def _child_stall(home: Path, source: str, listing: Path, lrs: str, user: str) -> dict:
    os.environ["CARTABLE_HOME"] = str(home)
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication

    from player.app import build_services
    from player.paths import user_paths
    from player.ui.main_window import MainWindow
    from player.ui.sync_indicator import SyncController
    from player.ui.tasks import ThreadPoolRunner
    from player.ui.theme import Theme
    from player.ui.ui_thread_gc import collect_on_ui_thread
    from sync.credentials import CredentialStore, LrsAccount
    from sync.download import Downloader
    from sync.download_options import DownloadOptions
    from sync.download_state import BlobSpec, DownloadStore
    from sync.http import make_session

    app = QApplication([])
    collect_on_ui_thread(app)  # as run_gui: the workers' garbage is collected on the UI thread
    tasks = ThreadPoolRunner()
    services = build_services(app, user_paths().ensure(), tasks, backup_every=None)
    Theme(app)
    window = MainWindow(services)
    window.resize(1280, 720)
    window.show()
    window.start()
    profile = window.session.profile  # type: ignore[union-attr]
    probe = _Latency()
    results: dict[str, list[float] | float] = {}

    probe.start()
    _spin(lambda: len(probe.late) >= 400, 30)
    results["idle"] = probe.stop()

    class Relay(QObject):  # progress to the UI thread, as a download view would get it
        progress = Signal(object)

    relay = Relay()
    shown: list[object] = []
    relay.progress.connect(shown.append)
    blobs = [BlobSpec(sha, size) for sha, size in json.loads(listing.read_text())]
    store = DownloadStore.open(home / "downloads.sqlite3", create=True)
    finished: list[object] = []
    with make_session("bench") as session:
        engine = Downloader(
            home / "downloaded", store, session, options=DownloadOptions(parallel=3)
        )
        probe.start()
        tasks.run_task(
            lambda: engine.run("bench@1", source, blobs, progress=relay.progress.emit),
            finished.append,
            finished.append,
        )
        _spin(lambda: bool(finished), 600)
        results["download"] = probe.stop()
    outcome = finished[0]
    if getattr(outcome, "error", None) or isinstance(outcome, BaseException):
        raise RuntimeError(f"download failed: {outcome}")
    results["download_mb"] = sum(b.size for b in blobs) / 1e6
    results["download_progress_updates"] = float(len(shown))

    password = os.environ["CARTABLE_BENCH_LRS_PASSWORD"]
    CredentialStore(services.context.paths.secrets, keyring_backend=None).set(
        LrsAccount(profile.id, lrs, user), password
    )
    _queue_copies(services.store, profile.id, SYNC_STATEMENTS)
    controller = SyncController(services.context, services.store, tasks, network=_Online())
    window.attach_sync(controller)
    reports: list[object] = []
    controller.report_ready.connect(reports.append)
    probe.start()
    controller.start()
    _spin(lambda: services.store.outbox.counts(profile.id).queued == 0 and bool(reports), 900)
    results["sync"] = probe.stop()
    results["synced"] = float(SYNC_STATEMENTS)
    controller.stop()
    tasks.wait_idle(30_000)
    controller.close()
    window.close_course()
    services.store.close()
    return results


class _Online:
    """The network as the sync controller sees it: up, unmetered (a QNetworkInformation stand-in
    so the measure does not depend on this machine's network backend)."""

    def is_online(self) -> bool:
        return True

    def is_metered(self) -> bool:
        return False

    def watch(self, changed: Callable[[], None]) -> None:
        pass


def _queue_copies(store, profile_id: str, count: int) -> None:  # type: ignore[no-untyped-def]
    """`count` statements queued for the profile: its real ones with fresh ids."""
    template = [(r.id, r.body) for r in store.outbox.rows(profile_id, limit=2_000)][:400]
    now = time.time()
    with store.database.transaction():
        for n in range(count):
            old, body = template[n % len(template)]
            new = str(uuid.uuid4())
            store.outbox.append(profile_id, new, body.replace(old.encode(), new.encode()), now)


def _blob_repository(repo: Path, count: int, size: int) -> list[tuple[str, int]]:
    rng = random.Random(7)
    found = []
    for _ in range(count):
        data = rng.randbytes(size)
        sha = hashlib.sha256(data).hexdigest()
        path = repo / "blobs" / "sha256" / sha[:2] / sha
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        found.append((sha, size))
    return found


def ui_stall(home: Path, cache: Path, work: Path) -> Iterator[Figure]:
    from tests.e2e.conftest import RalphProcess
    from tests.e2e.downloads.nginx import Nginx

    repo = work / "served"
    listing = work / "blobs.json"
    listing.write_text(json.dumps(_blob_repository(repo, DOWNLOAD_BLOBS, DOWNLOAD_BLOB_SIZE)))
    with contextlib.ExitStack() as started:  # each server stopped whatever fails after it
        nginx = Nginx(repo, work / "nginx")
        started.callback(nginx.stop)
        ralph = RalphProcess(work / "ralph")
        started.callback(ralph.stop)
        started.callback(os.environ.pop, "CARTABLE_BENCH_LRS_PASSWORD", None)
        os.environ["CARTABLE_BENCH_LRS_PASSWORD"] = ralph.server.password
        results = _child(
            home,
            cache,
            "stall",
            nginx.url,
            str(listing),
            ralph.server.url,
            ralph.server.username,
        )
    idle = max(results["idle"]) * 1000  # type: ignore[arg-type]
    idle_p99 = statistics.quantiles(results["idle"], n=100)[98] * 1000  # type: ignore[arg-type]
    for kind in ("download", "sync"):
        late = results[kind]
        yield Figure(NAME, f"ui_stall_during_{kind}", max(late) * 1000, "ms", None, "<=", 50)  # type: ignore[arg-type]
        yield Figure(NAME, f"ui_stall_during_{kind}_vs_idle", max(late) * 1000, "ms", idle)  # type: ignore[arg-type]
        p99 = statistics.quantiles(late, n=100)[98] * 1000  # type: ignore[arg-type]
        yield Figure(NAME, f"ui_lateness_p99_during_{kind}", p99, "ms", idle_p99)


# -- the benchmark ----------------------------------------------------------------------------


def run() -> Iterator[Figure]:
    with tempfile.TemporaryDirectory(prefix="cartable-bench-player-") as tmp:
        work = Path(tmp)
        home = work / "home"
        cache = work / "pycache"
        prepare_home(home)
        yield from cold_start(home, cache)
        yield from open_course(home, cache)
        yield from ui_stall(home, cache, work)


def main(argv: list[str]) -> int:
    what, home = argv[0], Path(argv[1])
    if what == "open":
        print(json.dumps(_child_open(home)))
        return 0
    if what == "stall":
        source, listing, lrs, user = argv[2:6]
        print(json.dumps(_child_stall(home, source, Path(listing), lrs, user)))
        return 0
    raise SystemExit(f"unknown child {what!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
