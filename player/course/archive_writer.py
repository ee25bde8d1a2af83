"""Writing a `.cartable` archive: the repository tree of one course, entries stored.

Stored entries let a player verify and install straight from the archive's bytes (no inflating),
and fixed timestamps and order make the same course give the same archive. Every file is hashed
as it is copied: a file damaged on disk since it was installed never travels on a USB stick to a
class, where every learner's import would refuse it.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from player.course.errors import PackageError
from player.course.manifest import Course
from player.course.package import manifest_path

_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_archive(
    repo: Path,
    course: Course,
    destination: Path,
    *,
    read_blob: Callable[[str], Path] | None = None,
) -> Path:
    """Pack the course found in `repo` (or its blobs found through `read_blob`) atomically into
    a new file. A path the user named (which may be a pipe or a symlink) goes through
    sync.durable.open_output and `pack_archive` instead: the course format imports nothing of
    ours.

    Raises PackageError when a file is missing or not the bytes its sha256 names; nothing is left
    at `destination` then (nor on any other failure)."""

    def locate(name: str) -> Path:
        if read_blob is not None and name.startswith("blobs/"):
            return read_blob(name)
        return repo / name

    tmp = destination.with_name(destination.name + ".tmp")
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(tmp, "wb") as out:
            pack_archive(course, out, locate)
        os.replace(tmp, destination)
    finally:
        if tmp.exists():
            tmp.unlink()
    return destination


def pack_archive(course: Course, out: BinaryIO, locate: Callable[[str], Path]) -> None:
    """Write the archive of `course` to `out`, which need not be seekable (a pipe); `locate`
    gives the file on disk of each archive name (the manifest, its signature, each blob).

    Raises PackageError when a file is missing or not the bytes its sha256 names."""
    relative = manifest_path(course.id, course.version)
    names = [relative]
    if locate(relative + ".sig").is_file():
        names.append(relative + ".sig")
    refs = sorted(course.files().values(), key=lambda ref: ref.blob_path)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
        for name in names:
            _add(zf, locate(name), name)
        for ref in refs:
            try:
                digest = _add(zf, locate(ref.blob_path), ref.blob_path)
            except FileNotFoundError:
                digest = None
            if digest != ref.sha256:
                state = "missing" if digest is None else "damaged"
                raise PackageError(course.key, f"file {ref.sha256} is {state}; no archive written")


def _add(zf: zipfile.ZipFile, path: Path, name: str) -> str:
    """Copy one file in; returns the sha256 of the bytes copied."""
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 3
    info.external_attr = (0o100644 & 0xFFFF) << 16
    digest = hashlib.sha256()
    with open(path, "rb") as src:
        info.file_size = os.fstat(src.fileno()).st_size
        with zf.open(info, "w", force_zip64=info.file_size > 2**31) as dst:
            while chunk := src.read(1024 * 1024):
                digest.update(chunk)
                dst.write(chunk)
    return digest.hexdigest()
