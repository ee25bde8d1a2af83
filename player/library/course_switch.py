"""A course's folders on disk and the switch from one installed version to the next.

`<courses>/<id>/<version>/` holds a version's exact manifest bytes, its signature and
`install.json`; `<courses>/<id>/current` names the folder in use. The switch writes the new
version folder under a temporary name, renames it, and rewrites `current` last, so a course
moves to a new version all at once or not at all. The same version installed again goes into a
folder of its own, `<version>+<random>`: the one in use is removed only once `current` names the
new one, so a crash in between leaves the course as it was, key and all. The check of what an
install may replace and the switch hold a lock per course (`<courses>/.locks/`), shared by every
process and thread: two installs of one course never both pass the check.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

from player.course.manifest import VERSION_PATTERN
from sync.durable import write_atomic
from sync.interprocess import held

if TYPE_CHECKING:
    from player.course.package import OpenedCourse

LOCKS = ".locks"
"""Under the courses folder: one lock file per course, held to check and switch an install."""

_FOLDER = re.compile(r"^(?P<version>[0-9.]+)(\+[0-9a-f]{16})?$")
"""A version folder's name: the version, then for the same version installed again a random
part (`1.2.0+9f86d081884c7d65`)."""


def course_lock(
    courses_dir: Path, course_id: str, timeout: float
) -> contextlib.AbstractContextManager[None]:
    """The lock of one course that an install's check and switch, and a removal, hold: every
    process and thread (`held`; LockBusy, an OSError, when it stays taken `timeout` s)."""
    return held(courses_dir / LOCKS / f"{course_id}.lock", timeout=timeout)


def switch(course_dir: Path, opened: OpenedCourse, origin: str) -> str:
    """Write `opened` into a new version folder and make it current; its name. The folder in
    use is never touched: a crash leaves `current` naming it, or naming the new one whole.
    Call under the course's lock."""
    course = opened.course
    new_course = not course_dir.exists()
    course_dir.mkdir(parents=True, exist_ok=True)
    name = course.version
    if (course_dir / name).exists():  # installed again (or a crash's leftover)
        name = f"{course.version}+{os.urandom(8).hex()}"
    staging = course_dir / f".{name}.{os.getpid()}-{os.urandom(8).hex()}.tmp"
    try:
        staging.mkdir()
        (staging / "course.json").write_bytes(opened.manifest_bytes)
        if opened.signature_bytes is not None:
            (staging / "course.json.sig").write_bytes(opened.signature_bytes)
        meta = {
            "verified": opened.verified,
            "signer": opened.signer.key_id if opened.signer else None,
            "source": origin,
            "installed_at": time.time(),
        }
        (staging / "install.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        _fsync_tree(staging)
        os.replace(staging, course_dir / name)  # a fresh name: nothing is replaced
    except BaseException:  # a full disk: nothing of this install stays (a kill leaves a .tmp)
        shutil.rmtree(staging, ignore_errors=True)
        if new_course:
            with contextlib.suppress(OSError):
                course_dir.rmdir()  # only when empty: another install may be under way
        raise
    write_atomic(course_dir / "current", name)  # also makes the rename durable
    return name


def pointer(course_dir: Path) -> str | None:
    """The folder name `current` holds, None when it cannot be read."""
    try:
        return (course_dir / "current").read_text(encoding="utf-8").strip()
    except OSError:
        return None


def version_of(name: str) -> str | None:
    """The version a version folder's name holds, None when it is no such name."""
    match = _FOLDER.match(name)
    if match is None or not VERSION_PATTERN.match(match["version"]):
        return None
    return match["version"]


def _fsync_tree(folder: Path) -> None:
    for child in folder.iterdir():
        with open(child, "rb") as handle:
            os.fsync(handle.fileno())
