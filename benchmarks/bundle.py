"""`bundle`: the installer against a bare PyInstaller build of a PySide6 window importing the
same Qt modules, both built in this run (PyInstaller defaults for the bare one).

Figures: bundle size unpacked and as .tar.gz (goal ratio <= 1.15); start of the frozen player to
its library painted against the frozen bare window painted (goal ratio <= 1.5), the median of
alternating runs, cold (page cache dropped before each run, when this process may do so: root
on Linux) and warm; the build times, for the record.

"Painted": with CARTABLE_QUIT_AFTER_START=1 both print `cartable-painted <time>` right after the
first paint of what they show (player/app.py: the library's card view; the bare window: its
central widget) and quit; the figure is launch to that line (shutdown not counted). The player
starts on a home prepared like a learner's second day: the demo installed, one profile, last
used.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from benchmarks.common import Figure, run_measured

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
RUNS = int(os.environ.get("CARTABLE_BENCH_BUNDLE_RUNS", "5"))
MB = 1024 * 1024
DROP_CACHES = Path("/proc/sys/vm/drop_caches")
PAINTED = "cartable-painted "

BARE_APP = """\
import os
import sys
import time

from PySide6 import {modules}
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.setCentralWidget(QLabel("bare PySide6 window"))
window.resize(1024, 640)


class QuitAfterPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self.painted)
        return False

    def painted(self):
        print(f"cartable-painted {{time.time():.6f}}", flush=True)
        app.quit()


window.show()
if os.environ.get("CARTABLE_QUIT_AFTER_START"):
    quitter = QuitAfterPaint(app)
    window.centralWidget().installEventFilter(quitter)
    QTimer.singleShot(10_000, app.quit)
sys.exit(app.exec())
"""


def _load_build() -> ModuleType:
    sys.path.insert(0, str(PACKAGING))
    spec = importlib.util.spec_from_file_location(
        "cartable_packaging_build", PACKAGING / "build.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _tree_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _tarball(folder: Path, destination: Path) -> int:
    with tarfile.open(destination, "w:gz", compresslevel=6) as tar:
        tar.add(folder, arcname=folder.name)
    return destination.stat().st_size


def _build_bare(work: Path, modules: tuple[str, ...]) -> tuple[Path, float]:
    script = work / "bare.py"
    script.write_text(BARE_APP.format(modules=", ".join(modules)), encoding="utf-8")
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--onedir",
            "--log-level",
            "ERROR",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            "--specpath",
            str(work),
            str(script),
        ],
        check=True,
        capture_output=True,
        cwd=work,
    )
    return work / "dist" / "bare", time.perf_counter() - start


def _prepare_home(exe: Path, home: Path) -> None:
    """The demo installed (first start), a profile, the settings pointing at it."""
    env = {"CARTABLE_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    run_measured([str(exe)], env={**env, "CARTABLE_QUIT_AFTER_START": "1"})
    added = run_measured([str(exe), "profiles", "add", "Bench", "--language", "fr"], env=env)
    profile_id = added.stdout.strip().rsplit("(", 1)[-1].rstrip(")")
    settings = home / "config" / "settings.json"
    data = json.loads(settings.read_text(encoding="utf-8")) if settings.exists() else {}
    data["last_profile"] = profile_id
    settings.write_text(json.dumps(data), encoding="utf-8")


def _can_drop_caches() -> bool:
    return sys.platform.startswith("linux") and os.access(DROP_CACHES, os.W_OK)


def _drop_caches() -> None:
    os.sync()
    DROP_CACHES.write_text("3\n")


@dataclass(frozen=True)
class Start:
    seconds: float  # launch to first paint (to exit when the program does not say)
    peak_rss_mb: float


def _start(exe: Path, env: dict[str, str]) -> Start:
    """Launch, read `cartable-painted <time.time()>` (both programs print it on their first
    paint, then quit), wait for the exit; the child's own peak memory comes from wait4."""
    launched = time.time()
    child = subprocess.Popen(
        [str(exe)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **env},
        text=True,
    )
    assert child.stdout is not None
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise RuntimeError(f"{exe} exited with {child.returncode}")
    ended = time.time()
    painted = [line.split()[1] for line in output.splitlines() if line.startswith(PAINTED)]
    seconds = (float(painted[0]) if painted else ended) - launched
    return Start(seconds, usage.ru_maxrss / 1024)


def _starts(ours: Path, bare: Path, home: Path, cold: bool) -> tuple[list[Start], list[Start]]:
    env = {
        "CARTABLE_HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "CARTABLE_QUIT_AFTER_START": "1",
    }
    mine: list[Start] = []
    theirs: list[Start] = []
    for _ in range(RUNS):
        for exe, results in ((ours, mine), (bare, theirs)):
            if cold:
                _drop_caches()
            results.append(_start(exe, env))
    return mine, theirs


def run() -> Iterator[Figure]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    build = _load_build()
    contents = sys.modules["bundle_contents"]
    with tempfile.TemporaryDirectory(prefix="cartable-bench-bundle-") as tmp:
        work = Path(tmp)
        report = build.build(None, work / "ours" / "dist", work / "ours" / "build")
        (work / "bare").mkdir()
        bare_dir, bare_seconds = _build_bare(work / "bare", contents.QT_MODULES)
        bare_archive = _tarball(bare_dir, work / "bare.tar.gz")
        bare_size = _tree_size(bare_dir)
        yield Figure("bundle", "size_unpacked", report.size / MB, "MB", bare_size / MB, "<=", 1.15)
        yield Figure(
            "bundle", "size_targz", report.archive_size / MB, "MB", bare_archive / MB, "<=", 1.15
        )
        yield Figure("bundle", "build_time", report.seconds, "s", bare_seconds)

        ours_exe = report.bundle / "cartable"
        bare_exe = bare_dir / "bare"
        home = work / "home"
        _prepare_home(ours_exe, home)
        kinds = [("warm", False)] + ([("cold", True)] if _can_drop_caches() else [])
        for label, cold in kinds:
            mine, theirs = _starts(ours_exe, bare_exe, home, cold)
            ours_s = statistics.median(r.seconds for r in mine)
            bare_s = statistics.median(r.seconds for r in theirs)
            yield Figure("bundle", f"start_to_library_{label}", ours_s, "s", bare_s, "<=", 1.5)
        if not _can_drop_caches():
            print("bundle: cannot drop the page cache here (needs root on Linux): warm starts only")
        peak = max(r.peak_rss_mb for r in mine)
        yield Figure("bundle", "start_peak_memory", peak, "MB", max(r.peak_rss_mb for r in theirs))
        shutil.rmtree(work / "ours", ignore_errors=True)
