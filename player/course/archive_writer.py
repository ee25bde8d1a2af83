"""Writing a `.cartable` archive: the repository tree of one course, entries stored.

Stored entries let a player verify and install straight from the archive's bytes (no inflating),
and fixed timestamps and order make the same course give the same archive.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

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
    """Pack the course found in `repo` (or its blobs found through `read_blob`) atomically."""
    relative = manifest_path(course.id, course.version)
    names = [relative]
    if (repo / (relative + ".sig")).is_file():
        names.append(relative + ".sig")
    blob_names = sorted(ref.blob_path for ref in course.files().values())
    tmp = destination.with_name(destination.name + ".tmp")
    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
            for name in names:
                _add(zf, repo / name, name)
            for name in blob_names:
                path = read_blob(name) if read_blob else repo / name
                _add(zf, path, name)
        os.replace(tmp, destination)
    finally:
        if tmp.exists():
            tmp.unlink()
    return destination


def _add(zf: zipfile.ZipFile, path: Path, name: str) -> None:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 3
    info.external_attr = (0o100644 & 0xFFFF) << 16
    info.file_size = path.stat().st_size
    with open(path, "rb") as src, zf.open(info, "w", force_zip64=info.file_size > 2**31) as dst:
        shutil.copyfileobj(src, dst, 1024 * 1024)
