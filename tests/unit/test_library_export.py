"""Exporting an installed course: the archive carries only intact files, or is not written."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.course.archive_writer import write_archive
from player.course.errors import PackageError
from player.course.package import verify_path
from player.course.signing import PrivateKey
from player.library.blobstore import BlobStore
from player.library.library import Library
from player.library.trust import TrustedKey, TrustStore
from tests.course_repo import RepoCourse, add_course, random_files


def installed(tmp_path: Path) -> tuple[Library, RepoCourse, PrivateKey]:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    course = add_course(repo, random_files(3, 5000, 1), key=key)
    trust = TrustStore(tmp_path / "trust", [TrustedKey(key.public, "branding")])
    library = Library(tmp_path / "courses", BlobStore(tmp_path / "blobs"), trust)
    library.install_archive(write_archive(repo, course.course, tmp_path / "in.cartable"))
    return library, course, key


@pytest.mark.parametrize("damage", ["damaged", "missing"])
def test_export_refuses_a_damaged_file_and_leaves_nothing(tmp_path: Path, damage: str) -> None:
    library, course, key = installed(tmp_path)
    out = tmp_path / "usb" / "maths.cartable"
    out.parent.mkdir()
    assert verify_path(library.export("maths", out), [key.public]).courses
    out.unlink()
    sha256 = sorted(course.course.files())[1]
    blob = library.blobs.path(sha256)
    if damage == "damaged":
        blob.write_bytes(b"x" * blob.stat().st_size)
    else:
        blob.unlink()
    with pytest.raises(PackageError) as refused:
        library.export("maths", out)
    assert str(refused.value) == f"maths@1.0.0: file {sha256} is {damage}; no archive written"
    assert list((tmp_path / "usb").iterdir()) == []
