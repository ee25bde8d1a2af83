"""The private signing key kept off what is published and away from other users.

A repository is served as it is: a key inside it is a key anyone can sign courses with, so
`build` and `sign` refuse one there (same words for both). A key other users of the computer can
read is as good as shared: it is said, as ssh does, but used (a teacher's shared folder may need
it so for now, and the one line tells them the fix). Kept out of build.py so `sign` does not load
the build's media and GIFT readers.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from player.course.errors import PackageError


def refuse_key_inside(repo_dir: Path, key_path: Path) -> None:
    """PackageError naming the key when it lies inside the published `repo_dir`."""
    if repo_dir.resolve() in key_path.resolve().parents:
        raise PackageError(
            str(key_path),
            f"the private key is inside the repository {repo_dir}, which is published as it "
            "is: move the key out of it (keep it secret, off the web server)",
        )


def key_mode_warning(key_path: Path) -> str | None:
    """One line when users other than its owner may read the key (POSIX modes only)."""
    if os.name != "posix":
        return None
    try:
        mode = stat.S_IMODE(key_path.stat().st_mode)
    except OSError:  # reading it said, or will say, what is wrong
        return None
    if not mode & 0o044:
        return None
    return (
        f"{key_path}: the private key is readable by other users of this computer (mode "
        f"{mode:04o}); make it yours alone: chmod 600 {key_path}"
    )
