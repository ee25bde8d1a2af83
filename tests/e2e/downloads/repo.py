"""Build test repositories: blobs under `blobs/sha256/<2>/<64>` and a catalog.json."""

from __future__ import annotations

import hashlib
import json
import os
import random
from pathlib import Path

from sync.download_io import blob_path
from sync.download_state import BlobSpec


def blob_file(repo: Path, sha256: str) -> Path:
    return repo / "blobs" / "sha256" / sha256[:2] / sha256


def add_blob(repo: Path, data: bytes) -> BlobSpec:
    sha = hashlib.sha256(data).hexdigest()
    path = blob_file(repo, sha)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return BlobSpec(sha, len(data))


def random_bytes(size: int, seed: int) -> bytes:
    """Incompressible, reproducible bytes (a PRNG is far faster than os.urandom for tests)."""
    return random.Random(seed).randbytes(size)


def make_repository(repo: Path, sizes: list[int], seed: int = 0) -> list[BlobSpec]:
    return [add_blob(repo, random_bytes(size, seed * 1000 + i)) for i, size in enumerate(sizes)]


def write_catalog(repo: Path, courses: list[dict[str, object]], title: str = "Test") -> bytes:
    data = json.dumps(
        {"format": 1, "title": title, "generated": "2026-11-26T10:00:00Z", "courses": courses},
        indent=1,
    ).encode()
    (repo / "catalog.json").write_bytes(data)
    return data


def store_verifies(root: Path, blobs: list[BlobSpec]) -> list[str]:
    """Problems with the blobs in a store root (empty when every blob is there and hashes)."""
    problems = []
    for blob in blobs:
        path = blob_path(root, blob.sha256)
        if not path.exists():
            problems.append(f"{blob.sha256}: missing")
            continue
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        if digest.hexdigest() != blob.sha256 or os.path.getsize(path) != blob.size:
            problems.append(f"{blob.sha256}: wrong content")
    return problems


class FakeClock:
    """Time that moves only when someone sleeps (for RateLimiter's clock and sleep)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += seconds
