"""Installing from a repository folder (a USB stick): what lies beside the courses is ignored."""

from __future__ import annotations

import shutil
from pathlib import Path

from player.course.manifest import VERSION_PATTERN
from player.course.schema import schema_path
from player.course.signing import PrivateKey
from player.library.blobstore import BlobStore
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
