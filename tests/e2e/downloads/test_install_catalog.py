"""A lab admin browses a catalog served by nginx, downloads, pauses, updates and copies courses
for a friend by USB: `cartable catalogs`, `cartable download`, `cartable export|import`."""

from __future__ import annotations

import re
import signal
from pathlib import Path

import pytest

from player.authoring.catalog import write_catalog
from player.course.signing import PrivateKey
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.install_support import Home

pytestmark = pytest.mark.e2e

KB = 1000


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


def blob_requests(nginx) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.uri.rsplit("/", 1)[-1] for r in nginx.requests() if r.uri.startswith("/blobs/")]


def test_browse_download_check_and_browse_offline(
    tmp_path: Path, nginx_factory, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    course = add_course(repo, random_files(6, 200 * KB, 1), key=key)
    add_course(
        repo, random_files(1, 10 * KB, 2), key=key, course_id="histoire", title="Histoire",
        language="en",
    )  # fmt: skip
    nginx = nginx_factory(repo)
    home = Home(tmp_path / "home")
    assert "Catalogue de test, 2 courses" in home.ok("catalogs", "add", nginx.url)
    assert home.ok("catalogs", "list") == f"{nginx.url}\tadded\n"
    listed = home.ok("catalogs", "courses")
    assert "histoire\t1.0.0\ten\tavailable\tup to 10.0 KB\tHistoire" in listed
    assert "maths\t1.0.0\tfr\tavailable\tup to 1.2 MB\tMathématiques" in listed

    refused = home.run("download", "maths")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"signed by key {key.public.key_id}, which is not trusted; " in refused.stderr
    assert refused.stderr.strip().endswith("run: cartable trust add KEY.pub")  # how to trust it
    assert blob_requests(nginx) == []  # refused before any file was fetched

    home.trust(key, tmp_path / "keys")
    out = home.ok("download", "maths")
    assert "Mathématiques 1.0.0: 1.2 MB to download" in out
    assert "installed maths 1.0.0: Mathématiques (1.2 MB fetched)" in out
    assert "maths\t1.0.0\tverified" in home.ok("courses", "list")
    assert "every file verified" in home.ok("courses", "check", "maths")
    nginx.settle()
    assert sorted(blob_requests(nginx)) == sorted(course.course.files())
    assert "maths\t1.0.0\tfr\tinstalled\t0 bytes" in home.ok("catalogs", "courses")
    assert "already installed" in home.ok("download", "maths")

    nginx.stop()  # the learner is offline: the catalog's last copy is still browsable
    offline = home.run("catalogs", "courses")
    assert offline.returncode == 0, offline.stderr
    assert "histoire\t1.0.0\ten\tavailable" in offline.stdout
    assert "offline copy of" in offline.stderr


def test_an_unsigned_course_in_a_catalog_is_refused(
    tmp_path: Path, nginx_factory, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 3), key=None)
    nginx = nginx_factory(repo)
    home = Home(tmp_path / "home")
    home.trust(key, tmp_path / "keys")
    refused = home.run("download", "maths", "--catalog", nginx.url)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "refused: the course is not signed" in refused.stderr
    assert "no course installed" in home.ok("courses", "list")


def test_a_course_changed_after_its_trusted_signature_is_not_said_untrusted(
    tmp_path: Path, nginx_factory, key: PrivateKey
) -> None:
    """A publisher edited course.json after signing it and wrote the catalog again: the key is
    trusted here, so the refusal says the course changed, never how to trust a key."""
    repo = tmp_path / "repo"
    course = add_course(repo, random_files(2, 10 * KB, 8), key=key)
    data = course.manifest.read_bytes()
    course.manifest.write_bytes(data.replace("Mathématiques".encode(), b"Maths"))
    write_catalog(repo)
    nginx = nginx_factory(repo)
    home = Home(tmp_path / "home")
    home.trust(key, tmp_path / "keys")
    refused = home.run("download", "maths", "--catalog", nginx.url)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"signature by key {key.public.key_id} does not match" in refused.stderr
    assert "the course was changed after it was signed, or its signature is damaged" in (
        refused.stderr
    )
    assert "trust add" not in refused.stderr
    assert blob_requests(nginx) == []  # refused before any file was fetched
    assert "no course installed" in home.ok("courses", "list")


def test_ctrl_c_pauses_and_the_same_command_continues(
    tmp_path: Path, nginx_factory, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    course = add_course(repo, random_files(8, 500 * KB, 4), key=key)
    nginx = nginx_factory(repo, sndbuf=32 * 1024)
    home = Home(tmp_path / "home")
    home.trust(key, tmp_path / "keys")
    home.ok("catalogs", "add", nginx.url)
    with home.started("download", "maths", "--cap", "500") as child:
        assert child.stdout is not None
        for line in child.stdout:
            match = re.match(r"progress (\d+) of", line)
            if match and int(match.group(1)) >= 1_000_000:
                child.send_signal(signal.SIGINT)
                break
        _, err = child.communicate(timeout=60)
    assert child.returncode == 130 and "paused; run the same command again" in err, err
    assert re.search(r"maths\t1\.0\.0\tpaused\tMathématiques", home.ok("download", "--list"))
    on_disk = home.bytes_on_disk()
    assert on_disk >= 1_000_000
    out = home.ok("download", "maths")
    assert "resuming the download" in out and "installed maths 1.0.0" in out
    nginx.settle()
    sent_twice = nginx.body_bytes() - course.size  # what the pause lost in the sockets
    assert 0 <= sent_twice < 512 * 1024, sent_twice
    assert home.verify_blobs(list(course.course.files())) == []
    assert home.ok("download", "--list") == "no download in progress\n"


def test_an_update_fetches_only_the_changed_file(
    tmp_path: Path, nginx_factory, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    files = random_files(20, 100 * KB, 5)
    add_course(repo, files, key=key)
    nginx = nginx_factory(repo)
    home = Home(tmp_path / "home")
    home.trust(key, tmp_path / "keys")
    home.ok("catalogs", "add", nginx.url)
    home.ok("download", "maths")
    nginx.settle()
    first = len(blob_requests(nginx))
    assert first == 20
    changed = [*files]
    changed[11] = random_files(1, 150 * KB, 6)[0]
    v2 = add_course(repo, changed, key=key, version="1.1.0")
    assert "maths\t1.1.0\tfr\tupdate from 1.0.0\t150.0 KB" in home.ok("catalogs", "courses")
    out = home.ok("download", "maths")
    assert "150.0 KB to download, updating from 1.0.0" in out
    assert "installed maths 1.1.0" in out
    nginx.settle()
    new = blob_requests(nginx)[first:]
    changed_sha = next(s for s, r in v2.course.files().items() if r.size == 150 * KB)
    assert new == [changed_sha]
    assert "maths\t1.1.0\tverified" in home.ok("courses", "list")
    assert "every file verified" in home.ok("courses", "check", "maths")


def test_a_course_passes_to_a_friend_by_usb(tmp_path: Path, nginx_factory, key: PrivateKey) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(4, 100 * KB, 7), key=key)
    nginx = nginx_factory(repo)
    mine, friend = Home(tmp_path / "mine"), Home(tmp_path / "friend")
    mine.trust(key, tmp_path / "keys")
    mine.ok("download", "maths", "--catalog", nginx.url)
    usb = tmp_path / "usb"
    usb.mkdir()
    out = mine.ok("export", "maths", "-o", str(usb / "maths-1.0.0.cartable"))
    assert "wrote" in out
    nginx.stop()  # the friend has no network at all
    friend.trust(key, tmp_path / "keys")
    imported = friend.ok("import", str(usb / "maths-1.0.0.cartable"))
    assert "installed maths 1.0.0: Mathématiques — verified" in imported
    assert "every file verified" in friend.ok("courses", "check", "maths")
    # The friend can also pass it on as a repository folder: the USB stick as a catalog.
    third = Home(tmp_path / "third")
    third.trust(key, tmp_path / "keys")
    third.ok("catalogs", "add", str(repo))
    assert "installed maths 1.0.0" in third.ok("download", "maths")
