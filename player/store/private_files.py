"""The learner records files are readable by their user only (0600), on POSIX.

They hold names, answers and study times. Made with the process umask they were 0644: readable
by every other account of a shared laptop whose home folder is not private (Debian before 12
made home folders 0755). So:

- the files the store creates for SQLite to fill (the records file, a backup's copy, a backup
  being restored) are created empty with 0600 first (`create_private`); SQLite gives a
  database's `-wal`, `-shm` and `-journal` its mode (unix VFS, whatever the umask), and a
  rename (a backup put in place, a damaged file set aside) keeps it;
- at every open, the records files an older Cartable left (the file, its WAL and shared memory,
  the backups, the damaged copies set aside) lose their group and other bits
  (`tighten_records`), said once in the log: the next open finds nothing to change.

A mode is read and changed through the file opened, never through its name (`tighten`): an
entry under a records name that is a symlink is left alone, and so is what it points to (a
`backups/cartable-*` link to a web page would have made the page unreadable), and no symlink
swapped in between the check and the change is followed; a FIFO under such a name is opened
without waiting for a writer and skipped. On Linux the file is opened as a path only
(O_PATH): closing a descriptor opened to read drops every POSIX lock this process holds on the
file, SQLite's included (sqlite.org/howtocorrupt.html, 2.2), and another process could then
checkpoint or change the journal mode under an open connection; an O_PATH descriptor's close
drops none, and needs no read permission. Elsewhere the file is opened to read: there, call
`tighten` before any connection of this process has the file open (the store does: see
`database.open_database`). The records file itself may be a symlink (a learner
who moved their data elsewhere and linked it back): SQLite opens and writes the link's target,
and makes the -wal and -shm beside the target, so the target and its sides are the records and
are tightened (the store passes the target: `database.records_file`; `records_files` resolves
a link it is given too).

A file this user may not change (another account's, in a folder shared by hand) or whose file
system has no modes (FAT or exFAT on a USB stick: chmod fails or changes nothing) is left as
it is: opening it goes on exactly as before. The markers beside the file (`.closed`,
`.recover`, `.lock`, a repair's journal) hold sizes, times and file names, nothing of the
learner, and keep the umask's mode. Windows: nothing changes (no POSIX modes).
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_MODE = 0o600
#: The bits that let another account read or write a file.
_SHARED_BITS = 0o077
_POSIX = os.name == "posix"
#: What SQLite makes beside a database (their mode follows the database's).
_SIDES = ("-wal", "-shm", "-journal")
#: Linux: open a file as a path only, so that its close keeps this process's POSIX locks on it.
#: Its mode is changed through /proc/self/fd (fchmod refuses such a descriptor): without /proc
#: mounted, the file is opened to read as elsewhere.
_O_PATH: int = getattr(os, "O_PATH", 0) if os.path.isdir("/proc/self/fd") else 0


def create_private(path: Path) -> None:
    """An empty file at `path`, 0600, for SQLite to fill: SQLite would create it with the
    umask's mode. Nothing when it exists already (its mode is `tighten`'s business) or cannot
    be made (a read-only folder...): SQLite's own open then says why, as it did before."""
    if not _POSIX:
        return
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        os.close(os.open(path, flags, PRIVATE_MODE))
    except OSError:
        return


def tighten(paths: Iterable[Path]) -> list[Path]:
    """Remove the group and other bits of each regular file of `paths` (the user's own bits are
    kept: a file made read-only stays so). Returns the files changed; a file gone, another
    account's, on a file system without modes, a symlink or anything but a regular file is
    skipped, and so, except on Linux, is a file this user may not read.

    Except on Linux, call it before any connection of this process has one of `paths` open: the
    descriptor's close would drop that connection's locks (see the module's docstring)."""
    if not _POSIX:
        return []
    changed = []
    # O_NOFOLLOW: a symlink is skipped, its target untouched (ELOOP, or with O_PATH the link
    # itself, not a regular file). The mode is read and changed through the descriptor, so
    # nothing swapped in after the open is changed. O_PATH: the close leaves this process's
    # POSIX locks on the file in place. O_NONBLOCK: a FIFO opens at once (no writer awaited),
    # and fstat skips it.
    flags = (_O_PATH or os.O_RDONLY | os.O_NONBLOCK) | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    for path in paths:
        with contextlib.suppress(OSError):
            fd = os.open(path, flags)
            try:
                mode = os.fstat(fd).st_mode
                if not stat.S_ISREG(mode) or not mode & _SHARED_BITS:
                    continue
                _fchmod(fd, stat.S_IMODE(mode) & ~_SHARED_BITS)
                # FAT mounted `quiet` accepts the chmod and changes nothing: not said as done.
                if not os.fstat(fd).st_mode & _SHARED_BITS:
                    changed.append(path)
            finally:
                os.close(fd)
    return changed


def _fchmod(fd: int, mode: int) -> None:
    """The mode of the file open at `fd`: fchmod refuses an O_PATH descriptor (EBADF), and its
    /proc/self/fd link leads to the file opened, whatever its name now is."""
    if _O_PATH:
        os.chmod(f"/proc/self/fd/{fd}", mode)
    else:
        os.fchmod(fd, mode)


def records_files(path: Path, backups_dir: Path) -> list[Path]:
    """The records file at `path`, what SQLite keeps beside it, a backup being restored
    (`<file>.restoring`, renamed in by a repair taken up after a crash), the damaged copies set
    aside (`<file>.damaged-<time>`, with theirs) and the backups (with their parts).

    A `path` that is a symlink is resolved: SQLite opens its target and makes the -wal and -shm
    beside the target, not beside the link, so those are the records file and its sides."""
    records = Path(os.path.realpath(path)) if path.is_symlink() else path
    found = [records, *(Path(f"{records}{side}") for side in _SIDES), Path(f"{path}.restoring")]
    aside = f"{path.name}.damaged-"
    for folder, starts in ((path.parent, aside), (backups_dir, "cartable-")):
        with contextlib.suppress(OSError):  # a folder this user may not list: the open says it
            found.extend(folder / name for name in os.listdir(folder) if name.startswith(starts))
    return found


def _shown(path: Path, folder: Path) -> str:
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return str(path)


def tighten_records(path: Path, backups_dir: Path) -> list[Path]:
    """At open: the records files an older Cartable (or a copy) left readable by other accounts
    become this user's only. Logged when any was changed, which happens once."""
    if not _POSIX:
        return []
    changed = tighten(records_files(path, backups_dir))
    if changed:
        log.info(
            "%s: made readable by this user only (other accounts could read them): %s",
            path.parent,
            ", ".join(_shown(p, path.parent) for p in changed),
        )
    return changed
