"""`cartable courses list|remove|check`, `cartable import`, `cartable export`: the library,
headless, for lab admins preparing many laptops and for passing courses by USB."""

from __future__ import annotations

import argparse
import stat
import sys
from pathlib import Path

from player.commands import CommandError, busy, os_failure, plural, with_trust_hint
from player.context import DEMO_COURSE_ID, Context, open_context
from player.course.errors import CourseError, NotSigned
from player.course.manifest import is_course_id
from player.library.course_import import (
    CoursesRefused,
    ImportChange,
    ImportedCourse,
    Refusal,
    imported_over,
)
from player.library.garbage_collection import GarbageCollection
from player.library.library import FilesChecked, InstalledCourse, Library, NoSuchFolder
from player.library.replacement_rules import OlderVersion, OtherSigner, UnverifiedOverVerified
from player.wording import isolates, listed_name, named, shown_name
from sync.download_io import human_bytes
from sync.durable import STDOUT
from sync.interprocess import LockBusy

#: The help of a COURSE_ID argument naming an installed course.
LISTED = "an installed course's id, as `cartable courses list` shows it"

#: How long `courses remove` waits for a course's lock that another Cartable holds: an install
#: holds it for its switch and a removal for its deletion, seconds on a slow disk; a person
#: waiting at the terminal is told sooner than the library's minute.
REMOVE_WAIT = 10.0


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    courses = subparsers.add_parser("courses", help="installed courses")
    sub = courses.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = sub.add_parser("list", help="list installed courses")
    p.set_defaults(func=_list)
    p = sub.add_parser("remove", help="uninstall a course (learner records are kept)")
    p.add_argument("course", metavar="COURSE_ID", help=LISTED)
    p.set_defaults(func=_remove)
    p = sub.add_parser(
        "check",
        help="re-verify every file of an installed course; damaged ones are removed, for an"
        " import or `cartable download` to put them back (those that cannot be read are listed"
        " and left)",
    )
    p.add_argument("course", metavar="COURSE_ID", help=LISTED)
    p.set_defaults(func=_check)

    p = subparsers.add_parser(
        "import", help="install from a .cartable archive or a repository folder (USB stick)"
    )
    p.add_argument(
        "path",
        metavar="FILE_OR_FOLDER",
        help="a .cartable archive, or a repository folder (each course at its latest version)",
    )
    p.add_argument(
        "--allow-unsigned",
        action="store_true",
        help="accept courses without a signature (they are marked unverified)",
    )
    p.add_argument(
        "--downgrade",
        action="store_true",
        help="replace an installed course even with an older version",
    )
    p.set_defaults(func=_import)

    p = subparsers.add_parser("export", help="write an installed course to a .cartable archive")
    p.add_argument("course", metavar="COURSE_ID", help=LISTED)
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="the .cartable archive to write; - writes it to standard output",
    )
    p.set_defaults(func=_export)


def note_kept_files(library: Library, done: GarbageCollection | None = None) -> None:
    """One line when the clean-up after an install or a removal was skipped, and why: on a small
    disk the user must know the space was not reclaimed (and what to fix). `done`: the clean-up
    run on another thread (else this thread's last one)."""
    done = done if done is not None else library.last_collection
    if done is not None and done.skipped:
        print(
            f"cartable: note: unused course files were kept (no space freed): {done.skipped}",
            file=sys.stderr,
        )


def _list(args: argparse.Namespace) -> int:
    context = open_context()
    items = context.library.installed()
    if not items:
        print("no course installed")
    terminal = isolates(sys.stdout)
    for item in items:
        trust = "verified" if item.verified else "UNVERIFIED"
        size = human_bytes(context.library.size_on_disk(item.course))
        title = listed_name(item.course.title, terminal=terminal)
        print(f"{item.id}\t{item.version}\t{trust}\t{size}\t{title}")
    return 0


def _remove(args: argparse.Namespace) -> int:
    if not is_course_id(args.course):  # a path (`..`) must never reach the removal
        raise CommandError(
            f"{args.course!r}: not a course id (lowercase letters, digits, '.', '_', '-';"
            " see cartable courses list)"
        )
    context = open_context()
    product = named(context.branding.product_name, sys.stderr)
    try:
        removed = context.library.uninstall(args.course, wait=REMOVE_WAIT)
    except LockBusy:  # nothing was removed
        raise CommandError(
            f"{args.course}: another {product} on this computer is installing or removing it;"
            " try again once it has finished"
        ) from None
    except OSError as exc:  # the lock file: a read-only disk, a file where a folder should be
        failure = os_failure(exc, product)
        raise CommandError(f"{args.course}: could not remove ({failure})") from None
    if not removed:
        raise CommandError(f"{args.course}: not installed")
    note_kept_files(context.library)
    if args.course == DEMO_COURSE_ID:
        context.settings.demo_removed = True
        try:
            context.save_settings()
        except OSError as exc:  # a read-only disk: the removal holds, its record does not
            settings = shown_name(str(context.paths.settings_file))
            raise CommandError(
                f"{args.course} was removed, but {settings}: {exc.strerror or exc}: the player "
                "will install it again at its next start"
            ) from None
    print(f"removed {args.course}")
    return 0


def _check(args: argparse.Namespace) -> int:
    """Re-hash every file; the damaged ones are removed (`Library.remove_damaged`), since an
    import of the same copy and `cartable download` of the installed version check sizes only: a
    file altered at its size, left in place, stayed through every import. A file that could not
    be read is listed and left: a read error is no proof of damage."""
    context = open_context()
    library = context.library
    if library.get(args.course) is None:  # an id as typed: ESC, a newline... (a course's is not)
        raise CommandError(f"{shown_name(args.course)}: not installed")
    try:
        checked = library.remove_damaged(args.course)
    except OSError as exc:  # the course's lock: kept by another Cartable, or a read-only disk
        failure = os_failure(exc, named(context.branding.product_name, sys.stderr))
        raise CommandError(
            f"{args.course}: could not remove its damaged files ({failure}); nothing was removed"
        ) from None
    if checked.intact:
        print(f"{args.course}: every file verified")
        return 0
    for sha256 in checked.removed:
        print(f"damaged, removed: {sha256}")
    for sha256 in checked.missing:
        print(f"missing: {sha256}")
    for sha256, why in checked.unreadable:
        print(f"could not read: {library.blob_path(sha256)} ({why})")
    for sha256, why in checked.kept:
        print(f"damaged, left in place: {library.blob_path(sha256)} ({why})")
    for _, where, why in checked.set_aside:
        print(f"set aside at {where}, not under its name ({why}): the next check puts it back")
    raise CommandError(f"{args.course}: {_check_summary(args.course, checked)}")


def _check_summary(course_id: str, checked: FilesChecked) -> str:
    """One line: what was found, then what to do about it."""
    found = []
    if checked.removed:
        found.append(f"{plural(len(checked.removed), 'file')} damaged and removed")
    if checked.missing:
        found.append(f"{plural(len(checked.missing), 'file')} missing")
    if checked.unreadable:
        found.append(f"{plural(len(checked.unreadable), 'file')} could not be read")
    if checked.kept:
        found.append(f"{plural(len(checked.kept), 'file')} damaged but left in place")
    if checked.set_aside:
        found.append(f"{plural(len(checked.set_aside), 'file')} set aside, not under its name")
    advice = []
    if checked.removed or checked.missing:
        advice.append(
            "to repair it, import the course again, or fetch them from its catalog: cartable"
            f" download {course_id}"
        )
    if checked.unreadable:
        advice.append("those left in place: check the disk and their permissions, then check again")
    elif checked.kept or checked.set_aside:
        advice.append("check again")
    return f"{', '.join(found)}; {'; '.join(advice)}"


def _import(args: argparse.Namespace) -> int:
    context = open_context()
    path = Path(args.path)
    if args.allow_unsigned and not context.branding.allow_unsigned_archives:
        product = named(context.branding.product_name, sys.stderr)
        raise CommandError(f"{product} does not accept unsigned courses")
    refused: list[Refusal] = []
    before = context.library.installed()
    try:
        installed = _install(context, path, args.allow_unsigned, args.downgrade)
    except CoursesRefused as exc:  # each course whole or not at all: say which, one line each
        installed, refused = exc.installed, exc.refused
    for one in imported_over(before, installed):
        print(import_line(one, sys.stdout))
    note_kept_files(context.library)
    for refusal in refused:
        print(f"cartable: {with_trust_hint(refusal.line)}", file=sys.stderr)
    return 1 if refused else 0


def import_line(one: ImportedCourse, stream: object) -> str:
    """What an import did to one course, in one line for `stream`: a lab admin re-importing a
    stick must see which courses were left as they were and which changed, as the player says
    it. The title is the package's, which no schema restricts: `named`."""
    item, before = one.installed, one.previous
    title = named(item.course.title, stream)
    if one.change is ImportChange.SAME:  # its files were not re-read: say what does that
        return (
            f"untouched {item.id} {item.version}: {title} — already installed, each file"
            f" present (to re-verify them: cartable courses check {item.id})"
        )
    if before is None:
        done = f"installed {item.id} {item.version}"
    elif one.change is ImportChange.UPDATED:
        done = f"updated {item.id} from {before.version} to {item.version}"
    elif one.repaired:
        done = f"repaired {item.id} {item.version}"
    elif before.version != item.version:  # --downgrade
        done = f"downgraded {item.id} from {before.version} to {item.version}"
    else:
        done = f"replaced {item.id} {item.version} with another copy"
    trust = "verified" if item.verified else "UNVERIFIED (not signed: trust its sender)"
    return f"{done}: {title} — {trust}"


def _install(
    context: Context, path: Path, allow_unsigned: bool, downgrade: bool
) -> list[InstalledCourse]:
    library = context.library
    try:
        if path.is_dir():
            return library.install_folder(
                path, allow_unsigned=allow_unsigned, allow_downgrade=downgrade
            )
        return library.install_archive(
            path, allow_unsigned=allow_unsigned, allow_downgrade=downgrade
        )
    except CoursesRefused:
        raise
    except OlderVersion as exc:
        raise CommandError(f"{exc} (use --downgrade to replace it)") from None
    except (UnverifiedOverVerified, OtherSigner) as exc:  # no option helps: say what can
        raise CommandError(
            f"{exc} (to replace it with this copy, remove it first: "
            f"cartable courses remove {exc.course_id})"
        ) from None
    except NotSigned as exc:  # --allow-unsigned only where this installation takes it
        if context.branding.allow_unsigned_archives:
            raise CommandError(f"{exc} (use --allow-unsigned to accept it as unverified)") from None
        raise CommandError(
            f"{exc} (this installation of {named(context.branding.product_name, sys.stderr)}"
            " accepts only signed"
            " courses: ask your institution for a signed copy)"
        ) from None
    except CourseError as exc:
        raise CommandError(with_trust_hint(str(exc))) from None
    except LockBusy:  # a TimeoutError, an OSError: yet nothing is wrong with the disk
        product = named(context.branding.product_name, sys.stderr)
        raise CommandError(f"{shown_name(str(path))}: could not import: {busy(product)}") from None
    except OSError as exc:  # the disk: full, read-only, a folder that is a file...
        reason = exc.strerror or shown_name(str(exc))
        raise CommandError(f"{shown_name(str(path))}: could not import ({reason})") from None


def _export(args: argparse.Namespace) -> int:
    context = open_context()
    try:
        path = context.library.export(args.course, Path(args.output))
    except CourseError as exc:
        raise CommandError(str(exc)) from None
    except NoSuchFolder as exc:  # a mistyped or unplugged USB stick: never created here
        folder = shown_name(str(exc.filename))
        raise CommandError(f"{folder}: no such folder; nothing was written") from None
    except OSError as exc:  # the disk: full, read-only, a folder that is a file...
        reason = exc.strerror or shown_name(str(exc))
        raise CommandError(f"{shown_name(args.output)}: could not write ({reason})") from None
    if path == STDOUT:  # the archive is on stdout: the note goes to stderr
        print(f"wrote {args.course} to standard output", file=sys.stderr)
        return 0
    written = path.stat()
    if stat.S_ISREG(written.st_mode):
        print(f"wrote {shown_name(str(path))} ({human_bytes(written.st_size)})")
    else:  # a pipe, a device: written in place, no size to show
        print(f"wrote {shown_name(str(path))}")
    return 0
