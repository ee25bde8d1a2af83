"""A lab admin repairs an installed course from its catalog, served by nginx: `cartable courses
check` removes the damaged files, then `cartable download` of the installed version fetches
exactly those (counted in nginx's access log), and nothing at all when nothing is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from sync.download_io import human_bytes
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.install_support import Home
from tests.e2e.downloads.nginx import LoggedRequest, Nginx

pytestmark = pytest.mark.e2e

KB = 1000


def served_since(nginx: Nginx, before: int) -> list[LoggedRequest]:
    nginx.settle()
    return nginx.requests()[before:]


def blobs_of(requests: list[LoggedRequest]) -> dict[str, int]:
    """Body bytes sent per blob (sha256) in `requests`."""
    sent: dict[str, int] = {}
    for r in requests:
        if r.uri.startswith("/blobs/"):
            sha = r.uri.rsplit("/", 1)[-1]
            sent[sha] = sent.get(sha, 0) + r.body_bytes_sent
    return sent


def test_download_fetches_what_check_removed_and_nothing_else(
    tmp_path: Path, nginx_factory
) -> None:
    """Before, `download` of the installed version said "already installed" and fetched
    nothing, so the only repair the command line had was an import from a copy."""
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    sizes = [120 * KB, 70 * KB, 300 * KB, 45 * KB, 210 * KB]
    files = [random_files(1, size, seed)[0] for seed, size in enumerate(sizes, start=11)]
    course = add_course(repo, files, key=key).course
    nginx = nginx_factory(repo)
    home = Home(tmp_path / "home")
    home.trust(key, tmp_path / "keys")
    home.ok("catalogs", "add", nginx.url)
    assert "installed maths 1.0.0" in home.ok("download", "maths")

    # Nothing missing: said installed, and not one file (not even the manifest) is asked for.
    before = len(served_since(nginx, 0))
    assert home.ok("download", "maths") == "maths 1.0.0 is already installed\n"
    assert {r.uri for r in served_since(nginx, before)} <= {"/catalog.json"}

    shas = list(course.files())
    altered, deleted = shas[2], shas[3]
    blob = home.blobs / "sha256" / altered[:2] / altered
    data = blob.read_bytes()
    blob.write_bytes(bytes([data[0] ^ 1]) + data[1:])  # one byte, the size kept
    (home.blobs / "sha256" / deleted[:2] / deleted).unlink()

    checked = home.run("courses", "check", "maths")
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == [f"damaged, removed: {altered}", f"missing: {deleted}"]
    assert checked.stderr.splitlines() == [
        "cartable: maths: 1 file damaged and removed, 1 file missing; to repair it, import the"
        " course again, or fetch them from its catalog: cartable download maths"
    ]

    before = len(served_since(nginx, 0))
    out = home.ok("download", "maths")
    missing = sizes[2] + sizes[3]
    assert out.splitlines()[-1] == f"repaired maths 1.0.0: 2 files fetched ({human_bytes(missing)})"
    served = served_since(nginx, before)
    assert blobs_of(served) == {altered: sizes[2], deleted: sizes[3]}  # exactly those bytes
    assert {r.uri for r in served if not r.uri.startswith("/blobs/")} <= {"/catalog.json"}
    assert home.verify_blobs(shas) == []
    assert home.ok("courses", "check", "maths") == "maths: every file verified\n"
    assert home.ok("download", "--list") == "no download in progress\n"

    before = len(served_since(nginx, 0))
    assert home.ok("download", "maths") == "maths 1.0.0 is already installed\n"
    assert blobs_of(served_since(nginx, before)) == {}


def test_a_file_altered_at_its_size_is_left_to_the_check(tmp_path: Path, nginx_factory) -> None:
    """`download` of the installed version stats, never re-hashes: a file altered at its size
    stays until `courses check` removes it, and nothing is fetched for it meanwhile."""
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    course = add_course(repo, random_files(3, 50 * KB, 21), key=key).course
    nginx = nginx_factory(repo)
    home = Home(tmp_path / "home")
    home.trust(key, tmp_path / "keys")
    home.ok("download", "maths", "--catalog", nginx.url)
    sha = next(iter(course.files()))
    blob = home.blobs / "sha256" / sha[:2] / sha
    data = blob.read_bytes()
    blob.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))

    before = len(served_since(nginx, 0))
    assert home.ok("download", "maths", "--catalog", nginx.url) == (
        "maths 1.0.0 is already installed\n"
    )
    assert blobs_of(served_since(nginx, before)) == {}
    assert home.run("courses", "check", "maths").returncode == 1
    out = home.ok("download", "maths", "--catalog", nginx.url)
    assert out.splitlines()[-1] == f"repaired maths 1.0.0: 1 file fetched ({human_bytes(50 * KB)})"
    assert home.verify_blobs(list(course.files())) == []
