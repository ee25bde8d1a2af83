"""`download`: a 1 GB course (20 blobs) from nginx on loopback, against `curl URL | openssl dgst
-sha256` for the same files from the same server (the same work: fetch and hash), same run.

Figures: throughput ratio (goal >= 0.9); peak memory of the downloading process (<= 150 MB);
the measured rate under a 1 MB/s cap over 30 s (deviation <= 0.05); bytes fetched again after
SIGKILLs; bytes fetched for an update that changed one blob of twenty.

Ours runs in a child process (tests/e2e/downloads/driver.py, sync.download used directly) and
does more than the reference: it writes every byte to disk and fsyncs each blob before renaming
it, so on a disk slower than loopback HTTP the disk is its bound. `throughput_1GB_durable`
compares it with the same durable work done by the tools (`curl | tee FILE | openssl dgst`,
then `sync FILE`). References run the same number of transfers at once (3).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.common import Figure, run_measured
from sync.download_state import BlobSpec
from tests.e2e.downloads.faultserver import FaultServer
from tests.e2e.downloads.nginx import Nginx

NAME = "download"
BLOBS = 20
BLOB_SIZE = 50_000_000  # 20 x 50 MB = 1 GB
PARALLEL = 3
RUNS = 5
CAP = 1_000_000  # bytes/s
CAP_WARMUP_S = 3.0
CAP_WINDOW_S = 30.0
KILLS = 5
MB = 1_000_000
ROOT = Path(__file__).resolve().parents[1]


def _make_repository(repo: Path, count: int, size: int, seed: bytes = b"") -> list[BlobSpec]:
    specs = []
    for index in range(count):
        digest = hashlib.sha256()
        tmp = repo / f"tmp-{index}"
        tmp.parent.mkdir(parents=True, exist_ok=True)
        with tmp.open("wb") as handle:
            left = size
            while left:
                chunk = os.urandom(min(left, 4 << 20))
                if seed and left == size:
                    chunk = seed + chunk[len(seed) :]
                handle.write(chunk)
                digest.update(chunk)
                left -= len(chunk)
        sha = digest.hexdigest()
        final = repo / "blobs" / "sha256" / sha[:2] / sha
        final.parent.mkdir(parents=True, exist_ok=True)
        tmp.rename(final)
        specs.append(BlobSpec(sha, size))
    return specs


def _listing(path: Path, specs: list[BlobSpec]) -> Path:
    path.write_text(json.dumps([[b.sha256, b.size] for b in specs]))
    return path


def _driver(source: str, root: Path, db: Path, listing: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "tests.e2e.downloads.driver",
        source, str(root), str(db), str(listing), *extra,
    ]  # fmt: skip


def _fresh(work: Path, name: str) -> tuple[Path, Path]:
    root, db = work / f"store-{name}", work / f"db-{name}.sqlite3"
    shutil.rmtree(root, ignore_errors=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return root, db


def _ours(nginx: Nginx, work: Path, listing: Path) -> tuple[float, float]:
    """(seconds of the download itself, peak RSS MB of the process)."""
    root, db = _fresh(work, "ours")
    argv = _driver(nginx.url, root, db, listing, "--quiet", "--parallel", str(PARALLEL))
    result = run_measured(argv, cwd=ROOT)
    line = [x for x in result.stdout.splitlines() if x.startswith("result ")][-1]
    state, _fetched, _reused, seconds = line.split()[1:]
    if state != "completed":
        raise RuntimeError(f"download ended {state}")
    shutil.rmtree(root)
    os.sync()
    return float(seconds), result.peak_rss_mb


def _reference(nginx: Nginx, specs: list[BlobSpec], durable_dir: Path | None = None) -> float:
    """Seconds for `curl | openssl dgst -sha256` over every blob, 3 at a time; with
    `durable_dir`, the same work as ours: `curl | tee FILE | openssl dgst` then `sync FILE`."""

    def fetch(blob: BlobSpec) -> None:
        url = f"{nginx.url}blobs/sha256/{blob.sha256[:2]}/{blob.sha256}"
        command = f"curl -sS --fail {url} | openssl dgst -sha256"
        if durable_dir is not None:
            path = durable_dir / blob.sha256
            command = f"curl -sS --fail {url} | tee {path} | openssl dgst -sha256 && sync {path}"
        out = subprocess.run(
            command,
            shell=True,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if blob.sha256 not in out:
            raise RuntimeError(f"reference got other bytes for {blob.sha256}: {out}")

    if durable_dir is not None:
        durable_dir.mkdir(exist_ok=True)
    start = time.perf_counter()
    with ThreadPoolExecutor(PARALLEL) as pool:
        list(pool.map(fetch, specs))
    seconds = time.perf_counter() - start
    if durable_dir is not None:
        shutil.rmtree(durable_dir)
        os.sync()
    return seconds


def _capped_rate(nginx: Nginx, work: Path, listing: Path) -> float:
    """Bytes/s the engine moved under the cap, from its progress, over 30 s after a warm-up."""
    root, db = _fresh(work, "cap")
    argv = _driver(nginx.url, root, db, listing, "--rate", str(CAP), "--progress-interval", "0.05")
    child = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    start = time.monotonic()
    first: tuple[float, int] | None = None
    last: tuple[float, int] | None = None
    try:
        for line in child.stdout:
            if not line.startswith("progress "):
                continue
            now, done = time.monotonic(), int(line.split()[1])
            if now - start < CAP_WARMUP_S:
                continue
            if first is None:
                first = (now, done)
            last = (now, done)
            if now - first[0] >= CAP_WINDOW_S:
                break
    finally:
        child.kill()
        child.wait()
    if first is None or last is None or last[0] <= first[0]:
        raise RuntimeError("the capped download reported no progress")
    shutil.rmtree(root, ignore_errors=True)
    return (last[1] - first[1]) / (last[0] - first[0])


def _kill_overhead(
    source: str, served: Callable[[], int], work: Path, listing: Path, total: int
) -> float:
    """Mean bytes the server sent again per SIGKILL at a random point."""
    rng = random.Random(7)
    extra = []
    for kill in range(KILLS):
        root, db = _fresh(work, f"kill{kill}")
        argv = _driver(source, root, db, listing)
        before = served()
        target = rng.randrange(total)
        child = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        for line in child.stdout:
            if line.startswith("progress ") and int(line.split()[1]) >= target:
                child.send_signal(signal.SIGKILL)
                break
        child.wait()
        child.stdout.close()
        subprocess.run([*argv, "--quiet"], cwd=ROOT, check=True, capture_output=True)
        time.sleep(0.5)  # nginx logs a dropped connection when it notices it
        extra.append(served() - before - total)
        shutil.rmtree(root, ignore_errors=True)
    return statistics.mean(extra)


def run() -> Iterator[Figure]:
    if not shutil.which("curl") or not shutil.which("openssl"):
        raise RuntimeError("the download benchmark needs curl and openssl (apt-get install ...)")
    with tempfile.TemporaryDirectory(prefix="cartable-bench-download-") as tmp:
        work = Path(tmp)
        repo = work / "repo"
        specs = _make_repository(repo, BLOBS, BLOB_SIZE)
        total = sum(b.size for b in specs)
        listing = _listing(work / "blobs.json", specs)
        os.sync()  # the generated GB must not be flushing while we measure
        nginx = Nginx(repo, work / "nginx")
        try:
            ours_s, refs_s, durable_s, peaks = [], [], [], []
            _reference(nginx, specs)  # warm the page cache and nginx
            for _ in range(RUNS):
                seconds, peak = _ours(nginx, work, listing)
                ours_s.append(seconds)
                peaks.append(peak)
                refs_s.append(_reference(nginx, specs))
                durable_s.append(_reference(nginx, specs, work / "ref-durable"))
            ours_rate = total / statistics.median(ours_s) / MB
            ref_rate = total / statistics.median(refs_s) / MB
            durable_rate = total / statistics.median(durable_s) / MB
            yield Figure(NAME, "throughput_1GB", ours_rate, "MB/s", ref_rate, ">=", 0.9)
            # The same bytes also written and fsynced, as ours does (the disk is then the bound).
            yield Figure(NAME, "throughput_1GB_durable", ours_rate, "MB/s", durable_rate, ">=", 0.9)
            yield Figure(NAME, "peak_memory", max(peaks), "MB", None, "<=", 150)

            rate = _capped_rate(nginx, work, listing)
            yield Figure(NAME, "cap_1MBps_rate", rate / MB, "MB/s", None)
            yield Figure(NAME, "cap_1MBps_deviation", abs(rate - CAP) / CAP, "", None, "<=", 0.05)

            # Delta update: one blob of twenty changed.
            changed = _make_repository(repo, 1, BLOB_SIZE, seed=b"v2")[0]
            v1_root, v1_db = _fresh(work, "delta")
            subprocess.run(
                _driver(nginx.url, v1_root, v1_db, listing, "--quiet"),
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            v2 = _listing(work / "v2.json", [*specs[:10], changed, *specs[11:]])
            before = nginx.body_bytes()
            subprocess.run(
                _driver(nginx.url, v1_root, v1_db, v2, "--quiet", "--id", "course@2"),
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
            time.sleep(0.5)
            fetched = nginx.body_bytes() - before
            yield Figure(NAME, "delta_update_bytes", fetched / MB, "MB", changed.size / MB, "<=", 1)
            shutil.rmtree(v1_root)

            # Resume after SIGKILL, 1 GB from nginx on loopback: nginx counts what it queued in
            # its socket buffers (MBs on loopback) as sent, so this is an upper bound.
            overhead = _kill_overhead(nginx.url, nginx.body_bytes, work, listing, total)
            yield Figure(NAME, "kill_refetch_nginx_loopback", overhead / MB, "MB", None)
        finally:
            nginx.stop()

        # The same on a paced link (fault server, 4 MB/s per connection, 30 MB course): the
        # bytes that crossed the link again per kill.
        small = work / "small"
        small_specs = _make_repository(small, 20, 1_500_000)
        small_listing = _listing(work / "small.json", small_specs)
        server = FaultServer(small, rate=4_000_000).start()
        try:
            overhead = _kill_overhead(
                server.url, server.body_bytes, work, small_listing, 20 * 1_500_000
            )
        finally:
            server.stop()
        yield Figure(NAME, "kill_refetch_paced_link", overhead / MB, "MB", None, "<=", 1.048576)
