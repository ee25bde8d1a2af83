"""What an import may replace: never a newer version unless asked, never a verified course with
an unverified one."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.course.archive_writer import write_archive
from player.course.errors import PackageError
from player.course.signing import PrivateKey
from player.library.library import Library, OlderVersion
from tests.course_repo import RepoCourse, add_course, random_files
from tests.course_repo import trusting_library as library


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


def archive(root: Path, key: PrivateKey | None, version: str, seed: int) -> tuple[RepoCourse, Path]:
    repo = root / f"repo-{version}-{seed}"
    course = add_course(repo, random_files(2, 1000, seed), key=key, version=version)
    return course, write_archive(repo, course.course, root / f"maths-{version}-{seed}.cartable")


def stored(lib: Library) -> set[str]:
    return {p.name for p in (lib.blobs.root / "sha256").rglob("*") if p.is_file()}


def test_an_older_version_does_not_replace_a_newer_one_unless_asked(
    tmp_path: Path, key: PrivateKey
) -> None:
    lib = library(tmp_path, key)
    newer, newer_archive = archive(tmp_path, key, "2.0.0", 1)
    older, older_archive = archive(tmp_path, key, "1.0.0", 2)
    lib.install_archive(newer_archive)
    with pytest.raises(OlderVersion) as refused:
        lib.install_archive(older_archive)
    assert str(refused.value) == "maths@1.0.0: older than the installed version 2.0.0"
    installed = lib.get("maths")
    assert installed is not None and installed.version == "2.0.0"
    assert stored(lib) == set(newer.course.files())
    (item,) = lib.install_archive(older_archive, allow_downgrade=True)
    assert item.version == "1.0.0" and stored(lib) == set(older.course.files())


def test_an_unverified_course_does_not_replace_a_verified_one(
    tmp_path: Path, key: PrivateKey
) -> None:
    lib = library(tmp_path, key)
    signed, signed_archive = archive(tmp_path, key, "1.0.0", 1)
    _, unsigned_archive = archive(tmp_path, None, "9.0.0", 2)
    lib.install_archive(signed_archive)
    with pytest.raises(PackageError) as refused:
        lib.install_archive(unsigned_archive, allow_unsigned=True, allow_downgrade=True)
    assert str(refused.value) == (
        "maths@9.0.0: unverified, and the installed version 1.0.0 is verified; "
        "remove it first to replace it"
    )
    installed = lib.get("maths")
    assert installed is not None and installed.verified and installed.version == "1.0.0"
    assert stored(lib) == set(signed.course.files())
