"""`unsigned_folder`: a folder catalog's course with a manifest and no signature is known as
unsigned before any download; a signed one, a missing one or a server's is not."""

from __future__ import annotations

import shutil
from pathlib import Path

from player.course.signing import PrivateKey
from player.library.download_sources import unsigned_folder
from sync.catalog_parse import CatalogEntry, parse_catalog
from tests.course_repo import add_course, random_files


def entry_of(repo: Path) -> CatalogEntry:
    [entry] = parse_catalog((repo / "catalog.json").read_bytes(), str(repo)).courses
    return entry


def test_a_course_without_its_signature_is_unsigned_in_its_folder(tmp_path: Path) -> None:
    repo = tmp_path / "usb"
    add_course(repo, random_files(1, 1000, 1), key=None)
    entry = entry_of(repo)
    assert unsigned_folder(entry, str(repo)) == repo
    assert unsigned_folder(entry, repo.as_uri()) == repo
    assert unsigned_folder(entry, str(repo / "catalog.json")) == repo


def test_a_signed_a_missing_or_a_server_course_is_not_said_unsigned(tmp_path: Path) -> None:
    repo = tmp_path / "usb"
    add_course(repo, random_files(1, 1000, 2), key=PrivateKey.generate())
    entry = entry_of(repo)
    assert unsigned_folder(entry, str(repo)) is None
    assert unsigned_folder(entry, "https://courses.example/") is None
    shutil.rmtree(repo / "courses")  # the stick was pulled out: unknown, not unsigned
    assert unsigned_folder(entry, str(repo)) is None
