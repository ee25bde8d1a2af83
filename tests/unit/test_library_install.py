"""Installing from a repository folder (a USB stick): what lies beside the courses is ignored."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from player.course.errors import PackageError
from player.course.manifest import VERSION_PATTERN
from player.course.schema import schema_path
from player.course.signing import PrivateKey
from player.library.blobstore import BlobStore
from player.library.course_import import CoursesRefused
from player.library.library import Library
from player.library.trust import TrustedKey, TrustStore
from tests.course_repo import add_course, random_files


def test_stray_version_folders_of_a_repository_are_ignored(tmp_path: Path) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    course = add_course(repo, random_files(1, 1000, 1), key=key)
    for stray in ("2.", "01", "3..1"):
        (repo / "courses" / "maths" / stray).mkdir()
        shutil.copy(course.manifest, repo / "courses" / "maths" / stray / "course.json")
    trust = TrustStore(tmp_path / "trust", [TrustedKey(key.public, "branding")])
    library = Library(tmp_path / "courses", BlobStore(tmp_path / "blobs"), trust)
    (item,) = library.install_folder(repo)
    assert (item.id, item.version) == ("maths", "1.0.0")


def test_the_version_pattern_is_the_schemas() -> None:
    import json

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    assert VERSION_PATTERN.pattern == schema["$defs"]["version"]["pattern"]


def _two_courses_the_second_damaged(tmp_path: Path) -> tuple[Path, Path, Library]:
    """A repository of two signed courses (and their archive) where a file of the second has a
    flipped byte, and a library that trusts their key."""
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 1000, 1), key=key, course_id="algebre")
    second = add_course(repo, random_files(2, 1000, 2), key=key, course_id="biologie")
    victim = repo / next(iter(second.course.files().values())).blob_path
    data = victim.read_bytes()
    victim.write_bytes(bytes([data[0] ^ 1]) + data[1:])
    archive = tmp_path / "two.cartable"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(repo.rglob("*")):
            if path.is_file() and path.name != "catalog.json":
                zf.writestr(path.relative_to(repo).as_posix(), path.read_bytes())
    trust = TrustStore(tmp_path / "trust", [TrustedKey(key.public, "branding")])
    library = Library(tmp_path / "courses", BlobStore(tmp_path / "blobs"), trust)
    return repo, archive, library


@pytest.mark.parametrize("kind", ["archive", "folder"])
def test_a_damaged_file_refuses_its_course_alone_and_says_which_went_in(
    tmp_path: Path, kind: str
) -> None:
    # The first course was installed, then the second refused: the import said "refused" and
    # the library had changed all the same. A stick of ten courses with one damaged file now
    # gives nine, and the refusal names each course's outcome.
    repo, archive, library = _two_courses_the_second_damaged(tmp_path)
    with pytest.raises(CoursesRefused) as caught:
        if kind == "archive":
            library.install_archive(archive)
        else:
            library.install_folder(repo)
    refusal = caught.value
    assert [(i.id, i.version) for i in library.installed()] == [("algebre", "1.0.0")]
    assert [i.id for i in refusal.installed] == ["algebre"]
    ((biologie, line),) = [(r, r.line) for r in refusal.refused]
    assert (biologie.course_id, biologie.title) == ("biologie", "Mathématiques")
    assert isinstance(biologie.error, PackageError)
    name = archive.name if kind == "archive" else str(repo)
    assert refusal.lines()[0] == "algebre 1.0.0: installed"
    assert line.startswith(f"biologie 1.0.0: not installed: {name}: blobs/sha256/")
    assert line.endswith(": content does not match its sha256")
    assert str(refusal) == f"{name}: " + "; ".join(refusal.lines())
    # Nothing of the refused course is left: only the installed one's files, no note, no part.
    algebre = library.get("algebre")
    assert algebre is not None
    kept = {p.name for p in (tmp_path / "blobs" / "sha256").rglob("*") if p.is_file()}
    assert kept == set(algebre.course.files())
    assert not [p for p in (tmp_path / "blobs" / ".incoming").iterdir()]
    assert not list((tmp_path / "courses" / ".installing").iterdir())


def test_a_single_damaged_course_is_refused_by_its_own_error(tmp_path: Path) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    only = add_course(repo, random_files(2, 1000, 2), key=key, course_id="biologie")
    victim = repo / next(iter(only.course.files().values())).blob_path
    victim.write_bytes(victim.read_bytes()[::-1])
    trust = TrustStore(tmp_path / "trust", [TrustedKey(key.public, "branding")])
    library = Library(tmp_path / "courses", BlobStore(tmp_path / "blobs"), trust)
    with pytest.raises(PackageError, match="content does not match its sha256") as caught:
        library.install_folder(repo)
    assert not isinstance(caught.value, CoursesRefused)
    assert library.installed() == []
