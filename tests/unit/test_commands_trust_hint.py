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


def test_an_update_signed_by_a_new_key_says_adding_it_would_not_help(tmp_path: Path) -> None:
    """The institution signed 1.0.2 with a new key no installer holds yet, over a course
    installed under its old key: `cartable download` said "not trusted; ... run: cartable trust
    add KEY.pub", and once the key was added, "only a copy signed by the same key replaces it"
    (review u2). Said at once: adding the key would not update the course; what does help."""
    old, new = PrivateKey.generate(), PrivateKey.generate()
    institution, server_repo = tmp_path / "institution", tmp_path / "repo"
    add_course(institution, random_files(1, 1000, 1), key=old, version="1.0.1")
    add_course(server_repo, random_files(1, 1000, 2), key=new, version="1.0.2")
    home = tmp_path / "home"
    trust(home, old, tmp_path)
    assert cartable(home, "import", str(institution)).returncode == 0
    server = FaultServer(server_repo).start()
    try:
        assert cartable(home, "catalogs", "add", server.url).returncode == 0
        downloaded = cartable(home, "download", "maths")
        assert downloaded.returncode == 1
        (line,) = downloaded.stderr.splitlines()
        assert HINT not in line and "trust add" not in line, line
        assert (
            f"signed by key {new.public.key_id}, which this computer does not trust, and the "
            f"installed version 1.0.1 is signed by key {old.public.key_id}"
        ) in line
        assert f"adding key {new.public.key_id} here would not update this course" in line
        assert "ask the institution for its new installer" in line
        assert "or remove the course first (its learners' records are kept)" in line
        assert not [e for e in server.log if e.path.startswith("blobs/")], "no file fetched"
        assert cartable(home, "catalogs", "remove", server.url).returncode == 0
    finally:
        server.stop()
    # A folder catalog's signatures are read to list it: said there too, not "not trusted".
    added = cartable(home, "catalogs", "add", str(server_repo))
    assert added.returncode == 0 and HINT not in added.stderr, "adding the key would not help"
    listed = cartable(home, "catalogs", "courses")
    assert f"not updatable (the installed version is signed by key {old.public.key_id}" in (
        listed.stdout
    )
    assert "not trusted" not in listed.stdout
