"""A course signed by a key not trusted here, as a lab admin meets it in a fresh CARTABLE_HOME:
`cartable download` and `cartable import` say how to trust the key, and `cartable catalogs add`
warns at once of the key signing the catalog's courses (its fingerprint, the trust command),
since 'signed by key ..., which is not trusted' alone left them guessing, and the add said
nothing of courses whose downloads can only be refused."""

from __future__ import annotations

import subprocess
from pathlib import Path

from player.course.signing import PrivateKey
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.faultserver import FaultServer
from tests.support import BuiltCourse, build_toy, run_cli

HINT = (
    "if that key is your institution's, ask it for the public key file and run: "
    "cartable trust add KEY.pub"
)


def cartable(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("-m", "player", *args, env={"CARTABLE_HOME": str(home)})
    assert "Traceback" not in result.stderr
    return result


def trust(home: Path, key: PrivateKey, tmp_path: Path) -> None:
    key_file = tmp_path / f"{key.public.key_id}.pub"
    key_file.write_text(key.public.to_text() + "\n", encoding="utf-8")
    assert cartable(home, "trust", "add", str(key_file)).returncode == 0


def test_catalogs_add_of_a_folder_warns_of_each_key_not_trusted(tmp_path: Path) -> None:
    trusted, stranger = PrivateKey.generate(), PrivateKey.generate()
    usb = tmp_path / "usb"
    add_course(usb, random_files(1, 1000, 1), key=trusted)
    add_course(usb, random_files(1, 1000, 2), key=stranger, course_id="histoire", title="H")
    add_course(usb, random_files(1, 1000, 3), key=stranger, course_id="geo", title="G")
    home = tmp_path / "home"
    trust(home, trusted, tmp_path)

    added = cartable(home, "catalogs", "add", str(usb))

    assert added.returncode == 0 and added.stdout.startswith("added ")
    assert added.stderr.splitlines() == [
        f"cartable: warning: key {stranger.public.key_id}, which is not trusted here, signs "
        f"2 courses of this catalog (geo, histoire): their downloads are refused; {HINT}"
    ]
    downloaded = cartable(home, "download", "histoire")
    assert downloaded.returncode == 1
    assert downloaded.stderr.rstrip().endswith(f"which is not trusted; {HINT}")


def test_catalogs_add_of_a_server_warns_and_a_trusted_catalog_does_not(tmp_path: Path) -> None:
    stranger = PrivateKey.generate()
    repo = tmp_path / "repo"
    add_course(repo, random_files(1, 1000, 1), key=stranger)
    home = tmp_path / "home"
    server = FaultServer(repo).start()
    try:
        added = cartable(home, "catalogs", "add", server.url)
        assert added.returncode == 0
        assert added.stderr.splitlines() == [
            f"cartable: warning: key {stranger.public.key_id}, which is not trusted here, signs "
            f"1 course of this catalog (maths): their downloads are refused; {HINT}"
        ]
        trust(home, stranger, tmp_path)
        assert cartable(home, "catalogs", "remove", server.url).returncode == 0
        again = cartable(home, "catalogs", "add", server.url)
        assert again.returncode == 0 and again.stderr == ""
    finally:
        server.stop()


def test_import_of_a_course_signed_by_a_key_not_trusted_says_how_to_trust_it(
    tmp_path: Path,
) -> None:
    toy: BuiltCourse = build_toy(tmp_path / "toy")
    home = tmp_path / "home"
    for path in (toy.archive, toy.repo):
        refused = cartable(home, "import", str(path))
        assert refused.returncode == 1
        (line,) = refused.stderr.splitlines()
        assert line.endswith(f"which is not trusted; {HINT}"), line
