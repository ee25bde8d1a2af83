"""`cartable-pack`: keygen, build, sign, verify, catalog. Errors are one line, never a traceback."""

from __future__ import annotations

import argparse
import contextlib
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from player import __version__
from player.authoring.key_safety import key_mode_warning, refuse_key_inside
from player.course.errors import CourseError, SignatureError
from player.course.signing import PrivateKey, PublicKey
from player.wording import courses_listed, plural, shown_name
from sync.durable import WRITE_ERRORS, open_output, write_atomic

if TYPE_CHECKING:
    from player.authoring.pages import PageCounter

# Each command imports what it needs: `verify` on a USB stick should not wait for the GIFT
# parser and the Markdown renderer to load.

#: `build --title` and `catalog --title`: both set the title catalog.json shows the players.
CATALOG_TITLE = "the repository catalog's title (default: the one it has)"


#: A public key's comment: a label, on the key file's one line. Far below the 64 KiB its reader
#: takes (MAX_KEY_FILE_BYTES): an uncapped one wrote a .pub every player refused.
MAX_COMMENT_CHARS = 1000


def _keygen(args: argparse.Namespace) -> int:
    comment = args.comment or ""
    if len(comment) > MAX_COMMENT_CHARS or not comment.isprintable():
        raise SignatureError(
            "--comment",
            f"one line of at most {MAX_COMMENT_CHARS} characters, no control characters "
            "(a public key file is one line)",
        )
    path = Path(args.output)
    public_path = path.with_name(path.name + ".pub")
    _refuse_file_as_folder(path)
    for existing in (p for p in (path, public_path) if p.exists()):  # through symlinks
        if not args.force:
            raise SignatureError(
                str(existing),
                f"already exists; {NOTHING_WRITTEN}: give -o another name, or --force replaces"
                " it (the old private key is then lost)",
            )
        if not existing.is_file():  # a device, a pipe, a folder: a key pair is two files
            raise SignatureError(str(existing), "not a regular file; a key is written to a file")
    key = PrivateKey.generate()
    public = (PublicKey(key.public.raw, comment).to_text() + "\n").encode("utf-8")
    try:
        old_public = public_path.read_bytes() if public_path.exists() else None
    except OSError as exc:  # what --force replaces is put back if the private key fails
        raise SignatureError(str(public_path), f"cannot read ({exc.strerror or exc})") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    file = path
    public_replaced = False
    try:  # both written before either replaces a file: a full disk leaves no half pair, and
        # --force never a new private key beside the old public one; a symlink's file is written
        with open_output(path, private=True) as private_out:  # 0600 from the start
            private_out.write(key.pem())
            private_out.flush()  # its disk space taken before the public key replaces a file
            os.fsync(private_out.fileno())
            file = public_path
            with open_output(public_path) as public_out:
                public_out.write(public)
            public_replaced = True  # the private key's rename comes right after
            file = path
    except BaseException as exc:
        if public_replaced and not _holds(path, key.pem()):  # its rename failed (an immutable
            _put_back(public_path, old_public)  # key, Ctrl+C): the old .pub back beside it
        if isinstance(exc, OSError):
            raise SignatureError(str(file), f"could not write ({exc.strerror or exc})") from None
        raise
    print(f"private key: {path} (keep it secret, mode 0600)")
    print(f"public key:  {public_path} (key id {key.public.key_id})")
    return 0


#: What a refused keygen leaves: no key written, none replaced.
NOTHING_WRITTEN = "nothing was written"


def _refuse_file_as_folder(path: Path) -> None:
    """A key's folder that is a file (`-o notes.txt/key`): said naming it, not "File exists",
    the bare words mkdir's error had (review s17 #3)."""
    for folder in path.parents:
        if os.path.isdir(folder):
            return
        if os.path.lexists(folder):
            if not os.path.exists(folder):
                what = "is a link to nothing, not a folder"
            elif os.path.isfile(folder):
                what = "is a file, not a folder"
            else:  # /dev/null, a pipe: no file either (review r6 #11)
                what = "is not a folder"
            raise SignatureError(
                str(folder),
                f"{what}, so no key can be written in it; {NOTHING_WRITTEN}: give -o another name",
            )


def _holds(path: Path, data: bytes) -> bool:
    """Whether `path` holds `data`: Ctrl+C may come after the private key's rename."""
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _put_back(public_path: Path, old: bytes | None) -> None:
    """The public key as it was before keygen replaced it, when the private key was not: a new
    .pub beside the old private key would name a key nobody holds. None: there was none."""
    with contextlib.suppress(OSError):  # best effort: the error that stopped keygen is said
        if old is None:
            os.unlink(os.path.realpath(public_path))  # a dangling symlink stays one
        else:
            with open_output(public_path) as out:
                out.write(old)


def _build(args: argparse.Namespace) -> int:
    from player.authoring.build import build

    key_path = Path(args.key) if args.key else None
    key = _private_key(key_path) if key_path else None
    result = build(
        Path(args.source),
        Path(args.output),
        key=key,
        key_path=key_path,
        answers_dir=Path(args.answers_dir) if args.answers_dir else None,
        archive=args.archive,
        replace=args.replace,
        replace_answers=args.replace_answers,
        catalog_title=args.title,
        page_count=args.page_count,
    )
    for warning in result.warnings:  # as the player's commands say theirs: on stderr
        print(f"cartable-pack: warning: {warning}", file=sys.stderr)
    course = result.course
    files, size = plural(len(course.files()), "file"), plural(course.size, "byte")
    print(f"built {course.id} {course.version}: {files}, {size}")
    print(f"  manifest: {result.manifest}")
    print(f"  new blobs: {result.blobs_added} ({plural(result.bytes_added, 'byte')})")
    if result.signed_by:
        print(f"  signed by key {result.signed_by}")
        _warn_key_change(args.output, result.manifest, course.id, course.version, result.signed_by)
    else:
        print("  NOT signed: players will import it only as an unverified course")
    if result.answers:
        print(f"  exam answer key (keep it off the repository): {result.answers}")
    if result.archive:
        print(f"  archive: {result.archive}")
    return 0


def _warn_key_change(shown: str, manifest: Path, course_id: str, version: str, key: str) -> None:
    """Earlier versions in the repository signed by another key: the players that installed one
    take this version only once their installer holds this key (a warning, not a refusal: it
    is how a key change is done, in its order)."""
    from player.authoring.key_change import key_change_warning

    repository = manifest.parents[3]  # REPO/courses/<id>/<version>/course.json
    warning = key_change_warning(shown, repository, course_id, version, key)
    if warning:
        print(f"cartable-pack: warning: {shown_name(warning)}", file=sys.stderr)


def _private_key(path: Path) -> PrivateKey:
    """The key, and one line when other users may read it, which went unsaid: said as ssh says
    it, but used (a public key given by mistake is refused first: its usual 0644 is no key's)."""
    key = PrivateKey.from_file(path)
    warning = key_mode_warning(path)
    if warning:
        print(f"cartable-pack: warning: {warning}", file=sys.stderr)
    return key


def _repository_of(manifest: Path) -> Path:
    """The published folder a manifest lies in: REPO of REPO/courses/<id>/<version>/course.json,
    else the manifest's own folder (published with it, whatever holds it)."""
    course_dir = manifest.resolve().parent
    if course_dir.parent.parent.name == "courses":
        return course_dir.parents[2]
    return course_dir


def _manifest_of(path: Path) -> Path:
    """`sign`'s COURSE_DIR_OR_MANIFEST as the manifest it signs."""
    return path / "course.json" if path.is_dir() else path


def _refuse_no_manifest(given: Path, manifest: Path) -> None:
    """`sign`'s COURSE_DIR_OR_MANIFEST said first when it is no file: a folder that does not
    exist was said as the key being inside the repository (the current folder taken for it),
    and a FIFO hung the read (review s17 #5)."""
    try:
        found = os.stat(manifest)
    except FileNotFoundError:
        if manifest == given:
            raise SignatureError(
                str(given), "no such course folder or course.json (REPO/courses/<id>/<version>)"
            ) from None
        raise SignatureError(
            str(given), "no course.json in it: not a course folder (REPO/courses/<id>/<version>)"
        ) from None
    except OSError as exc:
        raise SignatureError(str(manifest), f"cannot read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(found.st_mode):
        raise SignatureError(str(manifest), "not a regular file; a course.json is a file")


def _sign(args: argparse.Namespace) -> int:
    from player.course.manifest import MAX_MANIFEST_BYTES, parse_manifest

    manifest = _manifest_of(Path(args.path))
    _refuse_no_manifest(Path(args.path), manifest)
    refuse_key_inside(_repository_of(manifest), Path(args.key))
    key = _private_key(Path(args.key))
    try:
        data = manifest.read_bytes()
    except OSError as exc:
        raise SignatureError(str(manifest), f"cannot read ({exc.strerror})") from None
    if len(data) > MAX_MANIFEST_BYTES:
        raise SignatureError(str(manifest), "over the 1 MiB manifest limit")
    course = parse_manifest(data, str(manifest))
    signature = manifest.with_name(manifest.name + ".sig")
    write_atomic(signature, key.sign(data))
    print(f"signed {manifest} with key {key.public.key_id}")
    # Re-signing a version with a new key is a key change too, which went unsaid (review r16 #2).
    repository = _repository_of(manifest)
    if repository != manifest.resolve().parent:
        _warn_key_change(
            str(repository), manifest.resolve(), course.id, course.version, key.public.key_id
        )
    return 0


# `verify` without --trust trusts no key: each signed course was 'signed by key ..., which is not
# trusted', and nothing said that the key is given to verify, not installed anywhere.
_UNTRUSTED = "which is not trusted"
_NO_TRUST = "; name the signing key's public file: --trust KEY.pub"


def _verify(args: argparse.Namespace) -> int:
    from player.authoring.repository_check import check_repository, is_repository
    from player.course.catalog_file import CATALOG_FILE
    from player.course.package import OpenedCourse, verify_path

    def said(opened: OpenedCourse) -> str:
        course = opened.course
        trust = f"signed by {opened.signer.key_id}" if opened.signer else "UNSIGNED"
        files = plural(len(course.files()), "file")
        return f"{course.id} {course.version}: {files} verified, {trust}"

    trusted = [PublicKey.from_file(Path(p)) for p in args.trust]
    path = Path(args.path)
    if not is_repository(path):
        try:
            result = verify_path(path, trusted, allow_unsigned=args.allow_unsigned)
        except SignatureError as exc:
            if trusted or _UNTRUSTED not in exc.reason:
                raise
            raise SignatureError(exc.file, f"{exc.reason}{_NO_TRUST}", where=exc.where) from None
        for opened in result.courses:
            print(f"ok {said(opened)}")
        return 0
    check = check_repository(path, trusted, allow_unsigned=args.allow_unsigned)
    if check.catalog is not None:
        listed = courses_listed(entry.id for entry in check.catalog.courses)
        print(f"ok {CATALOG_FILE}: {listed} listed")
    for opened in check.courses:
        print(f"ok {said(opened)}")
    for archive in check.archives:
        for opened in archive.courses:
            print(f"ok {archive.path.name}: {said(opened)}")
    for problem in check.problems:
        print(f"cartable-pack: {problem}", file=sys.stderr)
    if not trusted and any(_UNTRUSTED in problem for problem in check.problems):
        print(f"cartable-pack: {path}: no --trust given{_NO_TRUST}", file=sys.stderr)
    if check.problems:
        found = plural(len(check.problems), "problem")
        print(f"cartable-pack: {path}: {found} found", file=sys.stderr)
        return 1
    return 0


def _catalog(args: argparse.Namespace) -> int:
    from player.authoring.catalog import write_catalog

    path = write_catalog(Path(args.repo), title=args.title)
    print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cartable-pack", description="Build, sign and verify Cartable course packages."
    )
    parser.add_argument("--version", action="version", version=f"cartable-pack {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("keygen", help="create a signing key pair (KEY and KEY.pub)")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="KEY",
        help="the private key's file (mode 0600); the public key goes to KEY.pub",
    )
    p.add_argument(
        "--comment",
        help="a label stored in the public key (e.g. the institution; one line, at most "
        f"{MAX_COMMENT_CHARS} characters)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace KEY and KEY.pub if they exist (the old private key is lost)",
    )
    p.set_defaults(func=_keygen)

    p = sub.add_parser("build", help="build a source folder into a repository folder")
    p.add_argument("source", metavar="SRC_DIR", help="the course's folder, with its course.toml")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="REPO_DIR",
        help="the repository to add the course to (created if missing; catalog.json updated)",
    )
    p.add_argument(
        "--key", metavar="KEY", help="private key to sign with (KEY, not KEY.pub); else unsigned"
    )
    p.add_argument("--archive", action="store_true", help="also write <id>-<version>.cartable")
    p.add_argument(
        "--answers-dir",
        metavar="DIR",
        help="where to write the exam answer key, <id>-<version>.answers.json (default: beside "
        "the key, else the current folder); a trial build of a published version needs its own",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="overwrite a version published in REPO_DIR with different content (players may "
        "refuse it); never an exam answer key holding other answers (--replace-answers)",
    )
    p.add_argument(
        "--replace-answers",
        action="store_true",
        help="overwrite an exam answer key holding other answers for this id and version: the "
        "key the course already published is graded with, wherever it is published",
    )
    p.add_argument("--title", help=CATALOG_TITLE)
    p.set_defaults(func=_build)

    p = sub.add_parser("sign", help="sign a course already in a repository")
    p.add_argument(
        "path",
        metavar="COURSE_DIR_OR_MANIFEST",
        help="REPO/courses/<id>/<version> or its course.json; writes course.json.sig beside it",
    )
    p.add_argument(
        "--key", required=True, metavar="KEY", help="private key to sign with (KEY, not KEY.pub)"
    )
    p.set_defaults(func=_sign)

    p = sub.add_parser("verify", help="verify a repository, a repository course or an archive")
    p.add_argument(
        "path",
        metavar="PATH",
        help="a repository, one of its courses/<id>/<version> folders, or a .cartable archive",
    )
    p.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="PUB",
        help="a public key file (KEY.pub) to trust; repeat it for several keys",
    )
    p.add_argument(
        "--allow-unsigned", action="store_true", help="accept courses without a signature"
    )
    p.set_defaults(func=_verify)

    p = sub.add_parser("catalog", help="regenerate catalog.json of a repository")
    p.add_argument("repo", metavar="REPO_DIR", help="the repository; its courses/ are listed again")
    p.add_argument("--title", help=CATALOG_TITLE)
    p.set_defaults(func=_catalog)
    return parser


def main(argv: Sequence[str] | None = None, page_count: PageCounter | None = None) -> int:
    """`page_count`: how `build` counts a PDF's pages (player.pack passes QtPdf's, Qt being kept
    out of this package); without it a deck's `pages` is taken as course.toml writes it."""
    try:
        args = build_parser().parse_args(argv)
    except KeyboardInterrupt:
        return interrupted()
    args.page_count = page_count
    try:
        return int(args.func(args))
    except CourseError as exc:
        print(f"cartable-pack: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the output's reader stopped: player.pack's to say, not a disk's
        raise
    except OSError as exc:
        print(f"cartable-pack: {_disk_error(args, exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return interrupted()
    except Exception as exc:  # a bug, a MemoryError: one line, the traceback in the log file
        from player.logfile import logged_failure
        from player.paths import user_paths

        print(
            f"cartable-pack: {logged_failure(user_paths().logs, exc, args.command)}",
            file=sys.stderr,
        )
        return 1


def _disk_error(args: argparse.Namespace, error: OSError) -> str:
    """`place: reason`, escaped (a folder's name may hold an ESC). The place is the repository
    folder when the file that failed is in it and is one of the build's temporary files (a
    blob's copy in `blobs/.incoming`, a `.<name>.<pid>.tmp`: they mean nothing to an author, and
    are removed), or when the whole disk failed (full, read-only); else the file itself."""
    if args.command == "build":
        repo = args.output
    elif args.command == "sign":  # its `.course.json.sig.<pid>.<hex>.tmp` means nothing either
        repo = _repository_of(_manifest_of(Path(args.path)))
    else:
        repo = getattr(args, "repo", None)
    names = [
        os.fsdecode(name)
        for name in (error.filename, error.filename2)
        if isinstance(name, str | bytes | os.PathLike)
    ]
    place = names[0] if names else ""
    if repo is not None:
        folder = Path(os.path.abspath(repo))
        for name in map(Path, map(os.path.abspath, names)):
            temporary = ".incoming" in name.parts or (
                name.name.startswith(".") and name.name.endswith(".tmp")
            )
            if name.is_relative_to(folder) and (temporary or error.errno in WRITE_ERRORS):
                place = str(repo)
    reason = error.strerror or str(error)
    return f"{shown_name(place)}: {reason}" if place else shown_name(reason)


def interrupted() -> int:
    """Ctrl+C: one line and 130, as `cartable` says it, not a traceback."""
    print("cartable-pack: interrupted", file=sys.stderr)
    return 130


if __name__ == "__main__":
    sys.exit(main())
