"""`cartable records stats|export|import`: a learner's own records, portable.

`export PROFILE -o FILE.json` writes every statement of the learner as xAPI JSON (the
`statements` array can be sent to any LRS as it is). `import PROFILE FILE.json`, on a new
laptop, adds the statements this device lacks (refusing another learner's file, by its name and
actors, unless `--same-learner`), queues those not yet delivered, and rebuilds progress from
them; importing the same file twice changes nothing. Exam grades are never taken from the file
(the learner can write it): the exams of the installed courses are named to the store, an
attempt the file brings as submitted waits for its grade, and the profile's grade watermark goes
back so that the next sync reads the grades from the LRS. Nor is a cmi5 `satisfied` to send
unless the progress imported satisfies its module or course: the installed courses are named to
the store for their moveOn rules.
"""

from __future__ import annotations

import argparse
import os
import shlex
import stat
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

from player.commands import CommandError, plural, store_failure
from player.commands.profiles import open_store
from player.context import open_context
from player.course.archive import ARCHIVE_SUFFIX
from player.logfile import logged_failure, one_line
from player.records_import import import_records, installed, our_fault
from player.store import StoreError
from player.store.profiles import Profile
from player.store.records import OtherLearner, RecordsError
from player.wording import encodes, isolates, listed_name, named, shown_name
from sync.durable import STDOUT


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    records = subparsers.add_parser("records", help="learner records (xAPI statements)")
    sub = records.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = sub.add_parser("stats", help="database, statements per state and per profile, backups")
    p.set_defaults(func=_stats)
    p = sub.add_parser("export", help="write a learner's statements to a JSON file")
    p.add_argument("profile", metavar="PROFILE", help="profile name or id")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE.json",
        help="the records file to write; - writes it to standard output",
    )
    p.set_defaults(func=_export)
    p = sub.add_parser("import", help="add a records file's statements to a profile")
    p.add_argument("profile", metavar="PROFILE", help="profile name or id")
    p.add_argument(
        "file", metavar="FILE.json", help="a records file `cartable records export` wrote"
    )
    p.add_argument(
        "--same-learner",
        action="store_true",
        help="take the file even though it names another learner: the profile's own records"
        " from another computer, where it had another name",
    )
    p.set_defaults(func=_import)


def _stats(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        stats = store.records.stats()
    finally:
        store.close()
    counts = stats.counts
    size = f"{stats.size_bytes / 1024:.0f} KB"
    print(f"database:   {stats.database} ({size}, schema {stats.schema_version})")
    print(
        f"statements: {counts.total} ({counts.queued} waiting, {counts.delivered} delivered,"
        f" {counts.poison} refused)"
    )
    terminal = isolates(sys.stdout)
    for profile in stats.profiles:
        c = profile.counts
        print(
            f"  {listed_name(profile.name, terminal=terminal)}: {c.total} ({c.queued} waiting,"
            f" {c.delivered} delivered, {c.poison} refused)"
        )
    print(f"backups:    {len(stats.backups)}")
    for backup in stats.backups:
        print(f"  {backup}")
    return 0


def _export(args: argparse.Namespace) -> int:
    output = Path(args.output)
    if not output.parent.is_dir():
        raise CommandError(f"{shown_name(str(output.parent))}: no such folder")
    store = open_store()
    try:
        profile = store.profiles.find(args.profile)
        report = store.records.export(profile.id, output)
    except StoreError as error:
        raise CommandError(shown_name(store_failure(error))) from None  # it may name the file
    except OSError as error:
        raise CommandError(f"{shown_name(str(output))}: {error.strerror}") from None
    finally:
        store.close()
    print(
        f"{named(profile.name, sys.stderr if output == STDOUT else sys.stdout)}: "
        f"{plural(report.statements, 'statement')}"
        f" ({report.delivered} already delivered)"
        f" written to {'standard output' if output == STDOUT else shown_name(str(report.path))}",
        file=sys.stderr if output == STDOUT else sys.stdout,  # the records file is on stdout
    )
    return 0


def same_learner_command(profile: Profile, typed: str, file: str, stream: object) -> str:
    """How to take the file all the same, said on `stream`: the whole command, ready to paste,
    or in words where a pasted command would not run the import it names. The profile as the
    user `typed` it (its name could find another profile: two names alike, Profiles.find's
    docstring), else its id; the file as typed. In words: a file name that would not print as
    itself (a control character: escaped, it names no file; bytes not UTF-8 or a character
    `stream` cannot encode: printed, it names no file), and on Windows, whose shells do not read
    POSIX quoting and whose console program is cartable-cli.exe."""
    if os.name == "nt" or not _prints_as_itself(file, stream):
        return "run the same command with --same-learner"
    target = typed if _prints_as_itself(typed, stream) else profile.id
    ends = "-- " if target.startswith("-") or file.startswith("-") else ""  # not options
    return (
        f"add them with `cartable records import --same-learner {ends}{shlex.quote(target)}"
        f" {shlex.quote(file)}`"
    )


def _prints_as_itself(text: str, stream: object) -> bool:
    """Whether `text` printed on `stream` is `text`: no character `shown_name` escapes, and none
    the stream's encoding lacks: a byte that was not UTF-8 (os.fsdecode's surrogates, which no
    encoding has), a '李' on a cp1252 stream (written 'Awa \\u674e', which finds no profile)."""
    return encodes(text, stream) and shown_name(text) == text


#: A course archive given for a records file: named as `cartable import` names an archive, by
#: its name alone (it said "/home/ana/Downloads/les-mooc-1.0.3.cartable: not a records file
#: (a records file is a JSON object or array)", review s17 #1), with the command it was for.
_ARCHIVE_GIVEN = (
    "{name}: a course archive, not a records file; nothing was imported (a course is installed"
    " with `cartable import`, a records file is what `cartable records export` writes)"
)
#: Any other .zip (records exported then zipped to be mailed, say): no course archive (review
#: r6 #8).
_ZIP_GIVEN = "{name}: a zip file, not a records file (unzip it first); nothing was imported"
#: A zip by another name (a .docx, an .odt, an .epub): one to unzip it was not (review r10 #5).
_OTHER_ZIP_GIVEN = "{name}: not a records file (a zip archive); nothing was imported"


def _zip_given(path: Path) -> str | None:
    """What to say of `path` when it is a zip file: a course archive when its name ends in
    `.cartable` (any case) or it holds a course.json, else a zip, to unzip when named `.zip`;
    None when it is no zip (a regular file starting as a zip file does). A pipe or a device is
    not opened again, its bytes already read."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as file:
            if file.read(4) != b"PK\x03\x04":
                return None
    except OSError:
        return None
    name = shown_name(path.name)
    lower = path.name.lower()
    if lower.endswith(ARCHIVE_SUFFIX) or _holds_a_course(path):
        return _ARCHIVE_GIVEN.format(name=name)
    return (_ZIP_GIVEN if lower.endswith(".zip") else _OTHER_ZIP_GIVEN).format(name=name)


def _holds_a_course(path: Path) -> bool:
    """Whether the zip's directory names a course.json (a course archive renamed, a course
    folder zipped); its content is never read."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (OSError, ValueError, zipfile.BadZipFile, EOFError):
        return False
    return any(n == "course.json" or n.endswith("/course.json") for n in names)


def held_by(holders: Sequence[str]) -> str:
    """Where statements of a file are held here: "Bruno's profile", "the profiles of Bruno,
    Awa" (the one holding most first)."""
    names = [named(h, sys.stdout) for h in holders]
    if len(names) == 1:
        return f"{names[0]}'s profile"
    return f"the profiles of {', '.join(names)}"


def _import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    # As typed, but an ESC or a newline would reach the terminal. The file is not checked here:
    # /dev/stdin, <(...) and /dev/null are no regular files, yet read; a folder or no file is
    # said by the read (read_records_file), in the same words.
    shown = shown_name(str(path))
    context = open_context()
    known = installed(context.library)
    store = open_store()
    try:
        profile = store.profiles.find(args.profile)
        imported = import_records(
            store.records,
            profile.id,
            path,
            known,
            context.paths.data,
            same_learner=args.same_learner,
        )
    except OtherLearner as error:
        name = named(profile.name, sys.stderr)
        own = ", who has records of their own here" if error.has_records else ""
        raise CommandError(
            f"{shown}: the records of {named(error.learner, sys.stderr)}, not of {name}{own};"
            f" if they are {name}'s all the same (named otherwise on another computer),"
            f" {same_learner_command(profile, args.profile, args.file, sys.stderr)}"
        ) from None
    except StoreError as error:
        if isinstance(error, RecordsError) and (said := _zip_given(path)):
            raise CommandError(said) from None
        raise CommandError(shown_name(store_failure(error))) from None  # "FILE: not JSON..."
    except OSError:
        raise  # the system's (cartable's own line for it), not ours
    except Exception as error:
        if not our_fault(error):  # SQLite's about the records here (damaged), as the player
            raise CommandError(
                f"the learner records on this computer could not be changed:"
                f" {shown_name(one_line(error))}; nothing was imported"
            ) from None
        # A fault of ours, never the file's, read and checked whole. The transaction rolled
        # back: said, with where the traceback went.
        line = logged_failure(context.paths.logs, error, "records import")
        raise CommandError(f"{line}; nothing was imported") from None
    finally:
        store.close()
    report, rereading = imported.report, imported.rereading
    # Those held by other profiles are not "already here" in this one: said apart, with whose.
    print(
        f"{named(profile.name, sys.stdout)}: {plural(report.added, 'statement')} added"
        f" ({report.queued} to send), {report.skipped - report.elsewhere} already here,"
        f" {plural(report.units, 'unit')} updated"
    )
    if report.elsewhere:
        print(
            f"{plural(report.elsewhere, 'statement')} already on this computer in"
            f" {held_by(report.holders)}: not added to {named(profile.name, sys.stdout)}"
        )
    left, waiting = report.grades_left_out, report.awaiting_grade
    unverified = report.grades_unverified
    if unverified:  # a grade to send of a course not installed: a quiz's or an exam's?
        print(
            f"{plural(unverified, 'quiz result')} not taken:"
            f" {'its' if unverified == 1 else 'their'} course is not installed here, so nothing"
            " tells a quiz from an exam; install it, then import the file again"
        )
    if report.satisfied_unverified:  # its course's moveOn rules are not here to check it
        n = report.satisfied_unverified
        print(
            f"{plural(n, '`satisfied` statement')} not taken:"
            f" {'its' if n == 1 else 'their'} course is not installed here, so nothing tells"
            " whether the progress satisfies it; install it, then import the file again"
        )
    if report.satisfied_unearned:  # a module or course the progress does not satisfy
        n = report.satisfied_unearned
        # Most often her own old laptop's: the exam passed there, its `satisfied` not sent yet;
        # the grade (never imported) comes back from the LRS and the device sends them itself.
        them = "it" if n == 1 else "them"
        when = (
            f"when an exam's grade comes back from the LRS or the learner satisfies {them} here"
            if waiting
            else f"when the learner satisfies {them} here"
        )
        print(
            f"{plural(n, '`satisfied` statement')} not taken: the progress imported does not"
            f" satisfy {'its' if n == 1 else 'their'} module or course yet; this computer sends"
            f" one once it does: {when}"
        )
    if left:
        print(
            f"{plural(left, 'exam grade')} in the file not taken: exam grades come only"
            " from the institution"
        )
    if report.grades_unattached:  # passed/failed of no quiz attempt: Cartable writes none
        n = report.grades_unattached
        print(
            f"{plural(n, 'grade')} in the file not taken: {'it names' if n == 1 else 'they name'}"
            " no quiz attempt, so"
            f" {'it may be an exam grade' if n == 1 else 'they may be exam grades'}: exam grades"
            " come only from the institution"
        )
    if waiting:  # the profile's, not the file's alone: one waiting before the import still is
        verb = "awaits" if waiting == 1 else "await"
        brings = "" if rereading else ", which the next sync brings from the LRS"
        print(f"{plural(waiting, 'exam attempt')} of this profile {verb} a grade{brings}")
    if rereading:
        raise CommandError(
            f"the import is saved, but the next sync could not be set to read the grades again"
            f" ({rereading}): import the same file again to retry"
        )
    return 0
