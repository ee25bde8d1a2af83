"""A small real disk for tests: a tmpfs mounted on a temporary folder, to fill up or to make
read-only. chmod stops no root, and a fake error proves nothing about SQLite's: the kernel's
ENOSPC and EROFS do. Tests using it are skipped (with the reason) where `mount` is refused."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False, timeout=60)


@contextmanager
def small_disk(folder: Path, size: str = "8m") -> Iterator[Path]:
    """`folder`, a tmpfs of `size` for the time of the block, unmounted after it."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        mounted = _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    except OSError as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    if mounted.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        if _run("umount", str(folder)).returncode:
            _run("umount", "-l", str(folder))  # a file a failed test left open


def fill(folder: Path, leave: int = 0) -> Path:
    """Write a filler file until the disk is full, then give `leave` bytes back."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        while True:
            try:
                handle.write(b"\0" * 4096)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise
                break
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def set_read_only(folder: Path, read_only: bool = True) -> None:
    mode = "remount,ro" if read_only else "remount,rw"
    done = _run("mount", "-o", mode, str(folder))
    assert done.returncode == 0, done.stderr
