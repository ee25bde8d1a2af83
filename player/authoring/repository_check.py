"""`cartable-pack verify REPO`: a repository checked as the players will use it.

A player browses `catalog.json` (sync/catalog_parse.py parses it: one bad entry makes the whole
catalog unusable), fetches the manifest each entry names and compares it with the entry's
sha256, checks its signature, then fetches the blobs it names; a learner may also be handed one
of the `.cartable` archives beside it. Verifying the courses under `courses/` alone said "ok"
for repositories the players refused, so each of those is checked here too, every problem
collected as one line naming its file instead of stopping at the first.

A repository is published as it is, so what must never be published is refused too (a private
signing key, an exam answer key, a course's source, a `.env`): found by names and the first bytes
of small files, never by reading the blobs, which the courses' checks hash anyway.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from player.course.archive import ARCHIVE_SUFFIX
from player.course.catalog_file import CATALOG_FILE
from player.course.errors import CourseError
from player.course.manifest import MAX_MANIFEST_BYTES
from player.course.package import (
    BlobHashes,
    FolderSource,
    OpenedCourse,
    VerifiedPackage,
    check_manifest,
    manifest_path,
    verify_blobs,
    verify_course,
    verify_path,
)
from player.course.signing import MAX_SIGNATURE_BYTES, PublicKey
from player.wording import plural
from sync.catalog_parse import Catalog, CatalogEntry, CatalogError, read_folder_catalog

_REGENERATE = "cartable-pack catalog REPO writes it again"
#: A blob missing, short or holding other bytes (a power cut during a build of an older
#: cartable-pack, a copy of the repository cut short): a build writes it again, whatever it holds.
_REBUILD = "cartable-pack build writes it again from the course's source"
#: A file (or a link) where a folder of blobs should be: a build stops on it, writing nothing.
_REMOVE = "remove it: cartable-pack build then writes the blobs again from the course's source"

# What must never be published, and why, for the line naming each file.
_PRIVATE_KEY = "a private signing key: anyone can sign courses as you; remove it and make a new key"
_ANSWERS = (
    "an exam answer key: every learner could read the answers; remove it (keep it where the "
    "exams are graded)"
)
_SOURCE = (
    "a course's source (course.toml): the published course is built from it; remove it "
    "(build into a folder outside the source)"
)
_GIFT = "a GIFT quiz file, with its answers: remove it (the built course holds what players need)"
_SECRETS = "a file of passwords or secrets: remove it"
_SECRET_NAMES = frozenset({".env", ".netrc", ".git-credentials", ".pgpass", ".htpasswd"})
_SNIFFED = 64 * 1024  # a key or a .env is small: larger files are media, never opened here
_PEM_PRIVATE = re.compile(rb"\s*-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")
_BLOB_NAME = re.compile(r"[0-9a-f]{64}")


@dataclass
class RepositoryCheck:
    """What verifying a repository folder found: what passed, and one line per problem."""

    catalog: Catalog | None = None
    courses: list[OpenedCourse] = field(default_factory=list)
    archives: list[VerifiedPackage] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def is_repository(path: Path) -> bool:
    """A folder verified as a whole repository (not one of its courses, not an archive)."""
    return path.is_dir() and not (path / "course.json").is_file()


def check_repository(
    root: Path, trusted: list[PublicKey], *, allow_unsigned: bool = False
) -> RepositoryCheck:
    """Every course under `courses/`, `catalog.json` and what it points to, and every archive
    at the top of `root`. Raises CourseError only when `root` holds none of these."""
    source = FolderSource(root)
    keys = source.course_keys()
    archives = sorted(p for p in root.glob(f"*{ARCHIVE_SUFFIX}") if not p.is_dir())
    if not keys and not archives and not (root / CATALOG_FILE).exists():
        raise CourseError(
            str(root), "not a repository (no catalog.json, no courses/<id>/<version>/course.json)"
        )
    check = RepositoryCheck()
    check.problems.extend(published_secrets(root))
    hashes = BlobHashes(source)  # the versions of a course share most blobs: each is read once
    for course_id, version in keys:
        try:
            opened = verify_course(
                source, course_id, version, trusted, allow_unsigned=allow_unsigned, hashes=hashes
            )
        except (CourseError, OSError) as exc:
            check.problems.append(_course_line(exc, course_id, version, root))
        else:
            check.courses.append(opened)
    if keys or (root / CATALOG_FILE).exists():  # a folder of archives alone needs none
        _check_catalog(root, hashes, keys, trusted, allow_unsigned, check)
    for archive in archives:
        try:
            check.archives.append(verify_path(archive, trusted, allow_unsigned=allow_unsigned))
        except (CourseError, OSError) as exc:
            check.problems.append(_line(exc, archive.name))
    return check


def published_secrets(root: Path) -> list[str]:
    """One line per file under `root` that must not be published, naming it and why. Cheap:
    names, and the first bytes of small files that are not blobs (a blob named by its hash is
    a course's file, checked against its manifest); `.git` is not entered."""
    lines = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != ".git")
        in_blobs = Path(folder).relative_to(root).parts[:1] == ("blobs",)
        for name in sorted(files):
            if in_blobs and _BLOB_NAME.fullmatch(name):
                continue
            path = Path(folder, name)
            why = _secret_by_name(name) or _secret_by_content(path)
            if why:
                lines.append(f"{path}: {why}")
    return lines


def _secret_by_name(name: str) -> str | None:
    lower = name.lower()
    if lower == "course.toml":
        return _SOURCE
    if lower.endswith(".answers.json"):
        return _ANSWERS
    if lower.endswith(".gift"):
        return _GIFT
    if lower in _SECRET_NAMES or lower.startswith(".env.") or lower.endswith(".env"):
        return _SECRETS
    return None


def _secret_by_content(path: Path) -> str | None:
    """A private key under any name (keygen's `-o` names it as the teacher likes)."""
    try:
        if not path.is_file() or path.stat().st_size > _SNIFFED:
            return None
        with path.open("rb") as handle:
            head = handle.read(256)
    except OSError:  # unreadable here: the server may not read it either; not ours to judge
        return None
    return _PRIVATE_KEY if _PEM_PRIVATE.match(head) else None


def _check_catalog(
    root: Path,
    hashes: BlobHashes,
    keys: list[tuple[str, str]],
    trusted: list[PublicKey],
    allow_unsigned: bool,
    check: RepositoryCheck,
) -> None:
    """catalog.json as a player parses it, then each entry against the file it names."""
    try:
        check.catalog = read_folder_catalog(str(root)).catalog
    except CatalogError as exc:
        check.problems.append(f"{exc} ({_REGENERATE})")
        return
    verified = {
        (o.course.id, o.course.version, hashlib.sha256(o.manifest_bytes).hexdigest())
        for o in check.courses
    }
    listed = set()
    for entry in check.catalog.courses:
        listed.add(entry.manifest)
        try:
            _check_entry(hashes, entry, verified, trusted, allow_unsigned)
        except (CourseError, OSError) as exc:
            check.problems.append(_line(exc, entry.manifest, root))
    for course_id, version in keys:
        relative = manifest_path(course_id, version)
        if relative not in listed:
            check.problems.append(
                f"{relative}: not listed in {CATALOG_FILE}, so players browsing the catalog "
                f"do not see it ({_REGENERATE})"
            )


def _check_entry(
    hashes: BlobHashes,
    entry: CatalogEntry,
    verified: set[tuple[str, str, str]],
    trusted: list[PublicKey],
    allow_unsigned: bool,
) -> None:
    """The manifest an entry names is there, is the one it describes (sha256, size), and,
    unless verified already as a course of `courses/`, verifies with its blobs."""
    named = f"{CATALOG_FILE}: {entry.id} {entry.version}"
    source = hashes.source
    data = source.read(entry.manifest, MAX_MANIFEST_BYTES + 1)
    if data is None:
        raise CourseError(named, f"its manifest {entry.manifest} is missing")
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry.manifest_sha256:
        raise CourseError(
            named,
            f"{entry.manifest}'s sha256 is {digest}, the catalog says {entry.manifest_sha256}"
            f" ({_REGENERATE})",
        )
    if len(data) != entry.manifest_size:
        raise CourseError(
            named,
            f"{entry.manifest} is {plural(len(data), 'byte')}, the catalog says "
            f"{entry.manifest_size} ({_REGENERATE})",
        )
    if (entry.id, entry.version, digest) in verified:
        return
    if entry.manifest == manifest_path(entry.id, entry.version):
        return  # that course's own problem is already said
    signature = source.read(entry.signature, MAX_SIGNATURE_BYTES)
    opened = check_manifest(
        data,
        signature,
        entry.id,
        entry.version,
        trusted,
        allow_unsigned=allow_unsigned,
        where=entry.manifest,
    )
    verify_blobs(source, opened.course, hashes=hashes)


def _course_line(exc: CourseError | OSError, course_id: str, version: str, root: Path) -> str:
    """A course's problem, naming the course when the line names only a blob: the versions of a
    course share blobs, and a damaged one is said once for each version naming it."""
    relative = manifest_path(course_id, version)
    line = _line(exc, relative, root)
    if line.startswith(relative.removesuffix("course.json")):
        return line
    return f"{course_id} {version}: {line}"


def _line(exc: CourseError | OSError, name: str, root: Path | None = None) -> str:
    """One line naming the file: an OSError's own file, else `name`; a blob of the folder
    `root` under a file where its folder should be names that file ('cannot read (Not a
    directory)' named the blob, and a build does not write it again: it stops on that file)."""
    if isinstance(exc, OSError):
        return f"{exc.filename or name}: {exc.strerror or exc}"
    if exc.file.startswith("blobs/"):  # a blob of this folder (an archive's is named after it)
        folder = None if root is None else _not_a_folder(root, exc.file)
        if folder is not None:
            return f"{folder}: is not a folder, where blobs should be ({_REMOVE})"
        return f"{exc} ({_REBUILD})"
    return str(exc)


def _not_a_folder(root: Path, blob: str) -> str | None:
    """The first folder on the way to `blob` (relative to `root`) that is something else, or
    None when each is a folder."""
    for folder in reversed(Path(blob).parents[:-1]):
        if not (root / folder).is_dir():
            return folder.as_posix()
    return None
