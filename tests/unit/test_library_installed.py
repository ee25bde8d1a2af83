"""Loading installed courses: fast (no schema library, no network library at start) and safe
with damaged files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from player.library.blobstore import BlobStore
from player.library.library import Library
from player.library.trust import TrustedKey, TrustStore
from tests.support import ROOT, build_toy


def _library(tmp: Path, key: TrustedKey) -> Library:
    return Library(tmp / "courses", BlobStore(tmp / "blobs"), TrustStore(tmp / "t", [key]))


def test_installed_courses_load_without_the_schema_validator(tmp_path: Path) -> None:
    toy = build_toy(tmp_path / "toy")
    _library(tmp_path, TrustedKey(toy.public, "user")).install_archive(toy.archive)
    script = (
        "import sys; from pathlib import Path\n"
        "from player.library.blobstore import BlobStore\n"
        "from player.library.library import Library\n"
        "from player.library.trust import TrustStore\n"
        f"root = Path({str(tmp_path)!r})\n"
        "lib = Library(root / 'courses', BlobStore(root / 'blobs'), TrustStore(root / 't', []))\n"
        "import player.app, player.ui.main_window\n"
        "heavy = ('jsonschema', 'requests', 'urllib3', 'player.store.attempts', 'uuid')\n"
        "print([c.id for c in lib.installed()], [m for m in heavy if m in sys.modules])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    # The library is painted before any network code is needed: requests and urllib3 cost a
    # third of the cold start and 14 MB (the player benchmark's cold start figures); the exam
    # and quiz machinery (18 ms) and uuid (3 ms) wait for the views that need them.
    assert out.stdout.split() == ["['toy']", "[]"], out.stdout + out.stderr


def test_a_damaged_installed_manifest_hides_that_course_only(tmp_path: Path) -> None:
    toy = build_toy(tmp_path / "toy")
    library = _library(tmp_path, TrustedKey(toy.public, "user"))
    (item,) = library.install_archive(toy.archive)
    manifest = item.folder / "course.json"
    manifest.write_bytes(manifest.read_bytes().replace(b'"modules"', b'"mdules"'))
    fresh = _library(tmp_path, TrustedKey(toy.public, "user"))
    assert fresh.installed() == []
    assert fresh.get("toy") is None
