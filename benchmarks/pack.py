"""`pack`: build then verify a generated course, against `openssl dgst -sha256` over the same
files (hashing is the bound). Goals: each ratio <= 1.3; peak memory <= 150 MB at any size.
Beside it, the build against a durable copy of the same files (`cp -r` then an fsync of each):
the build syncs every blob to disk before the manifest naming it is published (aed32d3), a
cost hashing alone does not pay.

Every figure is the median of a few alternating runs, from a warm page cache for both sides.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from benchmarks.common import Figure, ProcessResult, run_measured

FILES = 20
RUNS = 5
MB = 1024 * 1024


# ftyp, an empty moov and an mdat running to the end of the file (size 0): the random bytes
# after it are the movie's data, as far as the build's structure check sees.
_MP4_BOXES = b"\x00\x00\x00\x10ftypisom\x00\x00\x02\x00" + b"\x00\x00\x00\x08moov"
_MP4_BOXES += b"\x00\x00\x00\x00mdat"


def _make_source(root: Path, total_mb: int) -> list[Path]:
    module = root / "m1"
    module.mkdir(parents=True)
    size = total_mb * MB // FILES
    files = []
    seed = os.urandom(4 * MB)
    units = []
    for index in range(FILES):
        path = module / f"part{index:02d}.mp4"
        with open(path, "wb") as handle:
            handle.write(_MP4_BOXES)  # the build refuses an MP4 whose boxes do not fill it
            written = len(_MP4_BOXES)
            while written < size:
                # Distinct content per file (a different prefix per 4 MiB block).
                block = index.to_bytes(4, "big") + written.to_bytes(8, "big") + seed[12:]
                chunk = block[: size - written]
                handle.write(chunk)
                written += len(chunk)
        files.append(path)
        units.append(
            f'[[modules.units]]\nid = "u{index}"\ntype = "video"\ntitle = "Part {index}"\n'
            f"duration = 60\n"
            f'variants = [{{ file = "{path.name}", label = "720p", width = 1280, height = 720 }}]\n'
        )
    (root / "course.toml").write_text(
        'format = 1\nid = "bench"\nversion = "1.0"\ntitle = "Bench"\nlanguage = "en"\n\n'
        '[[modules]]\nid = "m1"\ntitle = "M1"\nfolder = "m1"\n\n' + "\n".join(units),
        encoding="utf-8",
    )
    return files


# The floor a durable build sits on: the same files copied and each synced to disk (coreutils
# `sync FILE` is an fsync), as the build syncs every blob before its manifest names it.
_DURABLE_COPY = 'cp -r "$1" "$2" && sync "$2"/m1/*'


def _pack(*args: str) -> list[str]:
    return [sys.executable, "-m", "player.pack", *args]  # as `cartable-pack` runs


def _measure(total_mb: int, work: Path) -> Iterator[Figure]:
    source = work / f"src{total_mb}"
    files = _make_source(source, total_mb)
    key = work / "keys" / "bench"
    if not key.exists():
        run_measured(_pack("keygen", "-o", str(key)))
    builds: list[ProcessResult] = []
    verifies: list[ProcessResult] = []
    ref_src: list[ProcessResult] = []
    ref_repo: list[ProcessResult] = []
    ref_copy: list[ProcessResult] = []
    repo = work / f"repo{total_mb}"
    for _ in range(RUNS):
        shutil.rmtree(repo, ignore_errors=True)
        # Each side starts with no write-back under way: the previous run's 500 MB of dirty
        # pages would otherwise be flushed to disk during the next measurement.
        os.sync()
        ref_src.append(run_measured(["openssl", "dgst", "-sha256", *map(str, files)]))
        os.sync()
        builds.append(
            run_measured(
                _pack(
                    "build",
                    str(source),
                    "-o",
                    str(repo),
                    "--key",
                    str(key),
                    "--answers-dir",
                    str(work / "keys"),
                )
            )
        )
        blobs = sorted(str(p) for p in (repo / "blobs").rglob("*") if p.is_file())
        copy = work / f"copy{total_mb}"
        shutil.rmtree(copy, ignore_errors=True)
        os.sync()
        ref_copy.append(run_measured(["sh", "-c", _DURABLE_COPY, "sh", str(source), str(copy)]))
        shutil.rmtree(copy)
        os.sync()
        ref_repo.append(run_measured(["openssl", "dgst", "-sha256", *blobs]))
        os.sync()
        verifies.append(run_measured(_pack("verify", str(repo), "--trust", f"{key}.pub")))
    label = f"{total_mb}MB"

    def med(results: list[ProcessResult]) -> float:
        return statistics.median(r.seconds for r in results)

    if total_mb <= 512:
        yield Figure("pack", f"build_{label}", med(builds), "s", med(ref_src), "<=", 1.3)
        yield Figure("pack", f"verify_{label}", med(verifies), "s", med(ref_repo), "<=", 1.3)
        yield Figure("pack", f"build_{label}_vs_durable_copy", med(builds), "s", med(ref_copy))
    peak_build = max(r.peak_rss_mb for r in builds)
    peak_verify = max(r.peak_rss_mb for r in verifies)
    yield Figure("pack", f"build_peak_memory_{label}", peak_build, "MB", None, "<=", 150)
    yield Figure("pack", f"verify_peak_memory_{label}", peak_verify, "MB", None, "<=", 150)
    shutil.rmtree(source)
    shutil.rmtree(repo)


def run() -> Iterator[Figure]:
    sizes = [int(s) for s in os.environ.get("CARTABLE_BENCH_PACK_MB", "500,2048").split(",")]
    with tempfile.TemporaryDirectory(prefix="cartable-bench-pack-") as tmp:
        for total_mb in sizes:
            yield from _measure(total_mb, Path(tmp))
