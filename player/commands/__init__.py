"""Headless sub-commands of `cartable`, one module per job.

Every module here that defines `register(subparsers)` is picked up: it adds its parsers and sets
`func(args) -> int` on each. Commands raise `CommandError` for failures the user can act on.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from types import ModuleType

from sync.interprocess import LockBusy

#: What a lock another Cartable kept too long means: nothing is wrong with the disk.
BUSY = (
    "another Cartable on this computer is busy with the course files (installing, removing,"
    " downloading or cleaning up); try again once it has finished"
)


class CommandError(Exception):
    """A failure the user can act on: printed as one line, exit code 1 (or the one given)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message.replace("\n", " "))
        self.exit_code = exit_code


def os_failure(error: OSError) -> str:
    """One line naming what failed: `path: reason` for a disk or folder error (a full disk, a
    read-only folder, a file where a folder should be); `BUSY` for a LockBusy (a TimeoutError,
    an OSError too)."""
    if isinstance(error, LockBusy):
        return BUSY
    if error.filename is not None and error.strerror:
        return f"{error.filename}: {error.strerror}"
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def records_unavailable(database: Path, error: Exception) -> CommandError:
    """The records database could not be opened: its path once (most of the store's messages
    already start with it, or with its folder), then why."""
    message = str(error)
    if str(database.parent) in message:
        return CommandError(message)
    return CommandError(f"{database}: {message}")


def plural(count: int, noun: str) -> str:
    """`1 course`, `2 courses`, `0 courses` (English nouns taking an s)."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def command_modules() -> list[ModuleType]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            found.append(module)
    return found
