"""Headless sub-commands of `cartable`, one module per job.

Every module here that defines `register(subparsers)` is picked up: it adds its parsers and sets
`func(args) -> int` on each. Commands raise `CommandError` for failures the user can act on.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys
from pathlib import Path
from types import ModuleType

from player.logfile import open_log_file
from player.paths import Paths
from player.store import RecoveryReport, Store, StoreError
from player.store.errors import WriteFailed
from player.wording import plural as plural  # the commands' counts, taken from here
from player.wording import shown_name
from sync.interprocess import LockBusy


def busy(product: str) -> str:
    """What a lock another player kept too long means: nothing is wrong with the disk.
    `product`: the branding's name, escaped for the terminal (`wording.named`)."""
    return (
        f"another {product} on this computer is busy with the course files (installing,"
        " removing, downloading or cleaning up); try again once it has finished"
    )


#: What a course "signed by key ..., which is not trusted" needs: the command that trusts it.
TRUST_HINT = (
    "if that key is your institution's, ask it for the public key file and run: "
    "cartable trust add KEY.pub"
)


def with_trust_hint(line: str) -> str:
    """`line`, and how to trust the key when it says a course's key is not trusted here: the
    line alone left a lab admin guessing (`cartable download`, `cartable import`)."""
    return f"{line}; {TRUST_HINT}" if "which is not trusted" in line else line


class CommandError(Exception):
    """A failure the user can act on: printed as one line, exit code 1 (or the one given)."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message.replace("\n", " "))
        self.exit_code = exit_code


def os_failure(error: OSError, product: str) -> str:
    """One line naming what failed: `path: reason` for a disk or folder error (a full disk, a
    read-only folder, a file where a folder should be); `busy(product)` for a LockBusy (a
    TimeoutError, an OSError too). The path is escaped (`shown_name`): it holds what a user
    typed or named (CARTABLE_HOME, a folder), and its ESC or newline reached the terminal raw."""
    if isinstance(error, LockBusy):
        return busy(product)
    if error.filename is not None and error.strerror:
        return f"{shown_name(str(error.filename))}: {error.strerror}"
    lines = str(error).strip().splitlines()
    return shown_name(lines[0]) if lines else type(error).__name__


def store_failure(error: StoreError) -> str:
    """One line for a records error: a refused write names its file first, escaped, as
    `os_failure` names a path ("which file is locked?" went unsaid, review s17 #9). The path is
    not in the message itself, which the GUI shows the learner (review r6 #3, #4)."""
    if isinstance(error, WriteFailed) and error.path is not None:
        return f"{shown_name(str(error.path))}: {error}"
    return str(error)


def records_unavailable(database: Path, error: Exception) -> CommandError:
    """The records database could not be opened: its path once (most of the store's messages
    already start with it, or with its folder), then why."""
    message = str(error)
    if str(database.parent) in message:
        return CommandError(message)
    return CommandError(f"{database}: {message}")


def open_records(paths: Paths) -> Store:
    """The records of this installation, as every command opens them.

    A file found damaged at this open was set aside and a backup restored (or none: empty
    records): what happened and what may be lost is said on stderr and written to the log, and
    the command goes on with the restored records, its exit code its own (the records it works
    on are sound; the damage is a past event the message reports, not this command failing).
    The player shows it too at its next start (`Store.untold_recoveries`): a cron job's stderr
    reaches no one."""
    try:
        store = Store.open(paths)
    except StoreError as error:
        raise records_unavailable(paths.database, error) from None
    if store.recovery is not None:
        say_recovery(paths, store.recovery)
    return store


def say_recovery(paths: Paths, report: RecoveryReport) -> None:
    """The repair's summary on stderr, and in cartable.log (it is no failure of the command, so
    not written through `logfile.headless_log`, which would print it a second time)."""
    summary = report.summary()
    print(f"cartable: {summary}", file=sys.stderr)
    records_log = logging.getLogger("cartable.records")
    records_log.propagate = False  # already on the terminal; a running headless_log's file too
    unwritten: OSError | None
    try:
        handler = open_log_file(paths.logs)
    except OSError as error:
        unwritten = error
    else:
        records_log.addHandler(handler)
        try:
            records_log.warning("%s was damaged and repaired at open: %s", paths.database, summary)
        finally:
            records_log.removeHandler(handler)
            handler.close()
        unwritten = handler.write_error
    if unwritten is not None:
        print(
            f"cartable: the log file in {paths.logs} could not be written: {unwritten}",
            file=sys.stderr,
        )


def command_modules() -> list[ModuleType]:
    found = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            found.append(module)
    return found
