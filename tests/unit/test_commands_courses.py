"""`cartable import|export|courses|trust` as a lab admin runs them, in a fresh CARTABLE_HOME."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from player.course.package import verify_path
from player.course.signing import PrivateKey
from player.paths import demo_repository
from sync.download_io import human_bytes
from tests.course_repo import add_course, random_files
from tests.small_disk import set_read_only, small_disk
from tests.support import BuiltCourse, build_toy, run_cli


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> BuiltCourse:
    return build_toy(tmp_path_factory.mktemp("toy"))


def cartable(home: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli("-m", "player", *args, env={"CARTABLE_HOME": str(home)})


def test_import_list_export_check_remove(tmp_path: Path, toy: BuiltCourse) -> None:
    home = tmp_path / "home"
    assert "no course installed" in cartable(home, "courses", "list").stdout
    refused = cartable(home, "import", str(toy.archive))
    assert refused.returncode == 1 and "not trusted" in refused.stderr
    assert "Traceback" not in refused.stderr
    added = cartable(home, "trust", "add", str(toy.key_path) + ".pub")
    assert added.returncode == 0 and toy.public.key_id in added.stdout
    imported = cartable(home, "import", str(toy.archive))
    assert imported.returncode == 0, imported.stderr
    assert "installed toy 1.0.0" in imported.stdout and "verified" in imported.stdout
    listed = cartable(home, "courses", "list").stdout
    # Sizes in the units of `catalogs courses` and `download` (1 KB = 1000 bytes).
    size = human_bytes(toy.result.course.size)
    assert f"toy\t1.0.0\tverified\t{size}\t" in listed
    out = tmp_path / "usb" / "toy.cartable"
    out.parent.mkdir()  # a USB stick's folder
    exported = cartable(home, "export", "toy", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert f"({human_bytes(out.stat().st_size)})" in exported.stdout
    assert verify_path(out, [toy.public]).courses[0].course == toy.result.course
    assert cartable(home, "courses", "check", "toy").returncode == 0
    # A damaged file is found by `check`.
    blob = next((home / "data" / "blobs").rglob(toy.result.course.unit("deck").document.sha256))  # type: ignore[union-attr]
    blob.write_bytes(b"damaged")
    damaged = cartable(home, "courses", "check", "toy")
    assert damaged.returncode == 1 and "1 file damaged and removed;" in damaged.stderr
    assert cartable(home, "courses", "remove", "toy").returncode == 0
    assert "toy" not in cartable(home, "courses", "list").stdout


def test_repository_folder_and_unsigned_archives(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = cartable(home, "import", str(demo_repository()))
    assert folder.returncode == 0 and "les-mooc" in folder.stdout  # demo key is trusted for it
    unsigned = build_toy(tmp_path / "u", sign=False)
    refused = cartable(home, "import", str(unsigned.archive))
    assert refused.returncode == 1 and "--allow-unsigned" in refused.stderr
    accepted = cartable(home, "import", str(unsigned.archive), "--allow-unsigned")
    assert accepted.returncode == 0 and "UNVERIFIED" in accepted.stdout
    assert "toy\t1.0.0\tUNVERIFIED" in cartable(home, "courses", "list").stdout


def test_an_unsigned_copy_never_replaces_a_verified_course(
    tmp_path: Path, toy: BuiltCourse
) -> None:
    """One line saying what is kept and how to replace it on purpose, exit code 1, whether the
    unsigned copy was accepted or not: --allow-unsigned could not help."""
    home = tmp_path / "home"
    assert cartable(home, "trust", "add", str(toy.key_path) + ".pub").returncode == 0
    assert cartable(home, "import", str(toy.archive)).returncode == 0
    newer = build_toy(tmp_path / "newer", "2.0.0", sign=False)
    again = build_toy(tmp_path / "again", sign=False)  # the same version, unsigned
    for path, version, extra in (
        (newer.archive, "2.0.0", []),
        (newer.archive, "2.0.0", ["--allow-unsigned"]),
        (again.repo, "1.0.0", []),  # a USB stick's folder
        (again.archive, "1.0.0", ["--allow-unsigned", "--downgrade"]),
    ):
        refused = cartable(home, "import", str(path), *extra)
        assert (refused.returncode, refused.stdout) == (1, ""), (path, extra)
        assert refused.stderr == (
            f"cartable: toy@{version}: not signed, and the installed version 1.0.0 is signed by "
            "a trusted key: the installed version is kept (to replace it with this copy, remove "
            "it first: cartable courses remove toy)\n"
        ), (path, extra)
    assert "toy\t1.0.0\tverified" in cartable(home, "courses", "list").stdout
    assert cartable(home, "courses", "check", "toy").returncode == 0


def test_a_copy_signed_by_another_trusted_key_never_replaces_a_verified_course(
    tmp_path: Path, toy: BuiltCourse
) -> None:
    """Both keys trusted (the second added by the learner): the course stays with the key that
    signed it, in one line naming both keys and how to replace it on purpose."""
    home = tmp_path / "home"
    assert cartable(home, "trust", "add", str(toy.key_path) + ".pub").returncode == 0
    assert cartable(home, "import", str(toy.archive)).returncode == 0
    other = build_toy(tmp_path / "other", "2.0.0")
    assert cartable(home, "trust", "add", str(other.key_path) + ".pub").returncode == 0
    refused = cartable(home, "import", str(other.archive))
    assert (refused.returncode, refused.stdout) == (1, "")
    assert refused.stderr.startswith(f"cartable: toy@2.0.0: signed by key {other.public.key_id}")
    assert f"but the installed version 1.0.0 is signed by key {toy.public.key_id}" in (
        refused.stderr
    )
    assert refused.stderr.endswith(
        "the installed version is kept (to replace it with this copy, remove it first: "
        "cartable courses remove toy)\n"
    )
    assert refused.stderr.count("\n") == 1
    assert "toy\t1.0.0\tverified" in cartable(home, "courses", "list").stdout
    assert cartable(home, "courses", "check", "toy").returncode == 0


def test_demo_key_signs_only_the_demo(tmp_path: Path) -> None:
    home = tmp_path / "home"
    listed = cartable(home, "trust", "list")
    assert "demo (course les-mooc only)" in listed.stdout
    removed = cartable(home, "trust", "remove", listed.stdout.split("\t")[0])
    assert removed.returncode == 1 and "comes with this installer" in removed.stderr


def test_a_course_only_key_vouches_for_that_course_only(tmp_path: Path, toy: BuiltCourse) -> None:
    from player.course.errors import KeyScope
    from player.library.blobstore import BlobStore
    from player.library.library import Library
    from player.library.trust import TrustedKey, TrustStore

    scoped = TrustStore(tmp_path / "t", [TrustedKey(toy.public, "demo", only_course="les-mooc")])
    library = Library(tmp_path / "courses", BlobStore(tmp_path / "blobs"), scoped)
    with pytest.raises(KeyScope, match="accepts only for the course les-mooc"):
        library.install_archive(toy.archive)
    assert library.installed() == []


PAUSED_FILE = b"a finished file of a paused download"


def a_paused_download(records: Path) -> Path:
    """A download paused with one file fetched, recorded in `records` (made): that file."""
    import hashlib

    from sync.download_state import BlobSpec, DownloadState, DownloadStore

    sha256 = hashlib.sha256(PAUSED_FILE).hexdigest()
    blob = records.parent / "blobs" / "sha256" / sha256[:2] / sha256
    blob.parent.mkdir(parents=True)
    blob.write_bytes(PAUSED_FILE)
    store = DownloadStore.open(records, create=True)
    store.begin("maths@1.0.0", "https://example.org/", [BlobSpec(sha256, len(PAUSED_FILE))])
    store.mark_done("maths@1.0.0", [sha256])
    store.set_state("maths@1.0.0", DownloadState.PAUSED)
    store.close()
    return blob


def test_an_import_keeps_the_finished_files_of_a_paused_download(
    tmp_path: Path, toy: BuiltCourse
) -> None:
    """The import runs with no download engine built; the records database still names what a
    paused download has fetched, and garbage collection must spare it."""
    home = tmp_path / "home"
    blob = a_paused_download(home / "data" / "cartable.sqlite3")
    assert cartable(home, "trust", "add", str(toy.key_path) + ".pub").returncode == 0
    imported = cartable(home, "import", str(toy.archive))
    assert imported.returncode == 0, imported.stderr
    assert blob.read_bytes() == PAUSED_FILE
    assert cartable(home, "courses", "remove", "toy").returncode == 0
    assert blob.read_bytes() == PAUSED_FILE


@pytest.mark.parametrize("command", ["import", "remove"])
def test_a_course_command_with_the_records_disk_unplugged_keeps_a_paused_downloads_files(
    tmp_path: Path, toy: BuiltCourse, command: str
) -> None:
    """The records moved to a USB disk and linked back, the disk not plugged in: the link was
    read as "no records, nothing ever downloaded", and the clean-up after an import or a
    removal deleted the files a paused download had fetched. It keeps everything, says why."""
    home = tmp_path / "home"
    link = home / "data" / "cartable.sqlite3"
    blob = a_paused_download(link)
    assert cartable(home, "trust", "add", str(toy.key_path) + ".pub").returncode == 0
    if command == "remove":
        assert cartable(home, "import", str(toy.archive)).returncode == 0
    usb = tmp_path / "media" / "USB"
    usb.mkdir(parents=True)
    shutil.move(link, usb / "cartable.sqlite3")
    link.symlink_to(usb / "cartable.sqlite3")
    usb.rename(tmp_path / "unplugged")
    if command == "import":
        ran = cartable(home, "import", str(toy.archive))
    else:
        ran = cartable(home, "courses", "remove", "toy")
    assert ran.returncode == 0, ran.stderr
    assert blob.read_bytes() == PAUSED_FILE
    [note] = ran.stderr.splitlines()
    assert note == (
        "cartable: note: unused course files were kept (no space freed): "
        f"{link}: a link to {usb / 'cartable.sqlite3'}, which cannot be found"
    )
    assert link.is_symlink() and not usb.exists()  # nothing made where the link leads


def test_import_refuses_an_older_version_unless_downgrade_is_asked(tmp_path: Path) -> None:
    from player.course.archive_writer import write_archive
    from player.course.signing import PrivateKey
    from tests.course_repo import add_course, random_files

    home, key = tmp_path / "home", PrivateKey.generate()
    key.write(tmp_path / "key")
    assert cartable(home, "trust", "add", str(tmp_path / "key.pub")).returncode == 0
    archives = {}
    for seed, version in enumerate(("1.0.0", "2.0.0")):
        repo = tmp_path / version
        course = add_course(repo, random_files(1, 1000, seed), key=key, version=version)
        archives[version] = write_archive(repo, course.course, tmp_path / f"{version}.cartable")
    assert cartable(home, "import", str(archives["2.0.0"])).returncode == 0
    refused = cartable(home, "import", str(archives["1.0.0"]))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().endswith(
        "maths@1.0.0: older than the installed version 2.0.0 (use --downgrade to replace it)"
    )
    assert "maths\t2.0.0\tverified" in cartable(home, "courses", "list").stdout
    assert cartable(home, "import", str(archives["1.0.0"]), "--downgrade").returncode == 0
    assert "maths\t1.0.0\tverified" in cartable(home, "courses", "list").stdout


def test_import_and_export_failing_on_the_disk_are_one_line(
    tmp_path: Path, toy: BuiltCourse
) -> None:
    home = tmp_path / "home"
    assert cartable(home, "trust", "add", str(toy.key_path) + ".pub").returncode == 0
    (home / "data").mkdir(parents=True, exist_ok=True)
    (home / "data" / "blobs").write_bytes(b"")  # the blob store cannot be made
    refused = cartable(home, "import", str(toy.archive))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"{toy.archive}: could not import (" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    (home / "data" / "blobs").unlink()
    assert cartable(home, "import", str(toy.archive)).returncode == 0
    (tmp_path / "file").write_bytes(b"")
    out = tmp_path / "file" / "toy.cartable"  # a folder that is a file
    refused = cartable(home, "export", "toy", "-o", str(out))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"{out}: could not write (" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


def test_a_removal_that_could_not_free_space_says_why(tmp_path: Path, toy: BuiltCourse) -> None:
    home = tmp_path / "home"
    assert cartable(home, "import", str(demo_repository())).returncode == 0
    assert cartable(home, "trust", "add", str(toy.key_path) + ".pub").returncode == 0
    assert cartable(home, "import", str(toy.archive)).returncode == 0
    [manifest] = (home / "data" / "courses" / "les-mooc").glob("*/course.json")
    manifest.write_bytes(b"{not json")  # what les-mooc needs can no longer be known
    removed = cartable(home, "courses", "remove", "toy")
    assert removed.returncode == 0 and "removed toy" in removed.stdout
    [note] = removed.stderr.splitlines()
    assert note.startswith("cartable: note: unused course files were kept (no space freed): ")
    assert str(manifest) in note
    fine = cartable(home, "courses", "remove", "les-mooc")
    assert fine.returncode == 0 and fine.stderr == ""


def test_an_update_downloaded_whose_clean_up_was_skipped_says_so(tmp_path: Path) -> None:
    """Review r8: the install runs on the download's thread, the note was read on the main
    thread from its own (empty) last clean-up since 272fae0: no note, though no space was freed."""
    key = PrivateKey.generate()
    key.write(tmp_path / "key")
    usb = tmp_path / "usb"
    add_course(usb, random_files(2, 1000, 1), key=key, version="1.0.0")
    home = tmp_path / "home"
    assert cartable(home, "trust", "add", str(tmp_path / "key.pub")).returncode == 0
    assert cartable(home, "catalogs", "add", str(usb)).returncode == 0
    first = cartable(home, "download", "maths")
    assert first.returncode == 0, first.stderr
    assert cartable(home, "import", str(demo_repository())).returncode == 0
    [manifest] = (home / "data" / "courses" / "les-mooc").glob("*/course.json")
    manifest.write_bytes(b"{not json")  # what les-mooc needs can no longer be known
    add_course(usb, random_files(2, 1000, 2), key=key, version="2.0.0")
    updated = cartable(home, "download", "maths")
    assert updated.returncode == 0, updated.stderr
    assert "installed maths 2.0.0" in updated.stdout
    notes = [n for n in updated.stderr.splitlines() if "unused course files were kept" in n]
    assert len(notes) == 1, updated.stderr
    assert str(manifest) in notes[0]


def test_a_removed_demo_whose_removal_cannot_be_saved_says_it_comes_back(tmp_path: Path) -> None:
    """The demo was removed, then saving `demo_removed` failed (a read-only disk): the error
    named a temporary file and not that the player installs the demo again at its next start."""
    home = tmp_path / "home"
    assert cartable(home, "import", str(demo_repository())).returncode == 0
    config = home / "config"
    kept = tmp_path / "config-before"
    shutil.copytree(config, kept)
    with small_disk(config):
        shutil.copytree(kept, config, dirs_exist_ok=True)
        set_read_only(config)
        removed = cartable(home, "courses", "remove", "les-mooc")
        listed = cartable(home, "courses", "list")
    assert (removed.returncode, removed.stdout) == (1, "")
    assert removed.stderr == (
        f"cartable: les-mooc was removed, but {config / 'settings.json'}: Read-only file system: "
        "the player will install it again at its next start\n"
    )
    assert "les-mooc" not in listed.stdout


@pytest.mark.parametrize("name", ["..", ".", "../data", "toy/..", ""])
def test_remove_takes_only_a_course_id_never_a_path(
    tmp_path: Path, toy: BuiltCourse, name: str
) -> None:
    """`courses remove ..` removed the whole data folder (the records with it): the id named a
    path under the courses folder. Anything but a course id is refused in one line, and the
    courses and records stay."""
    home = tmp_path / "home"
    assert cartable(home, "trust", "add", str(toy.key_path) + ".pub").returncode == 0
    assert cartable(home, "import", str(toy.archive)).returncode == 0
    assert cartable(home, "profiles", "add", "Awa").returncode == 0
    before = sorted(p.relative_to(home) for p in home.rglob("*") if p.is_file())
    refused = cartable(home, "courses", "remove", name)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "not a course id" in refused.stderr
    after = sorted(p.relative_to(home) for p in home.rglob("*") if p.is_file())
    assert after == before
    assert "toy\t1.0.0" in cartable(home, "courses", "list").stdout


def test_an_import_names_each_course_installed_and_each_refused(tmp_path: Path) -> None:
    """A lab admin's stick of several courses, one with a damaged file: the others go in, and
    each course gets its line (installed on stdout, refused with its file on stderr), exit 1."""
    from player.course.signing import PrivateKey
    from tests.course_repo import add_course, random_files

    home, key = tmp_path / "home", PrivateKey.generate()
    key.write(tmp_path / "key")
    assert cartable(home, "trust", "add", str(tmp_path / "key.pub")).returncode == 0
    repo = tmp_path / "usb"
    add_course(repo, random_files(1, 1000, 1), key=key, course_id="algebre", title="Algèbre")
    bio = add_course(repo, random_files(1, 1000, 2), key=key, course_id="bio", title="Biologie")
    add_course(repo, random_files(1, 1000, 3), key=key, course_id="chimie", title="Chimie")
    victim = repo / next(iter(bio.course.files().values())).blob_path
    victim.write_bytes(b"x" + victim.read_bytes()[1:])
    imported = cartable(home, "import", str(repo))
    assert imported.returncode == 1 and "Traceback" not in imported.stderr
    assert imported.stdout.splitlines() == [
        "installed algebre 1.0.0: Algèbre — verified",
        "installed chimie 1.0.0: Chimie — verified",
    ]
    (refused,) = imported.stderr.splitlines()
    assert refused == (
        f"cartable: bio 1.0.0: not installed: {repo}: {victim.relative_to(repo).as_posix()}: "
        "content does not match its sha256"
    )
    listed = cartable(home, "courses", "list").stdout
    assert "algebre\t1.0.0" in listed and "chimie\t1.0.0" in listed and "bio\t" not in listed


def test_an_import_says_what_it_did_to_each_course(tmp_path: Path) -> None:
    """Installed, left untouched, repaired, updated, downgraded: one line per course, as the
    player says it, so a lab admin re-importing a stick sees what changed. A file altered at
    its size is not read by the import (untouched) but found by `courses check`."""
    from player.course.archive_writer import write_archive
    from player.course.signing import PrivateKey
    from tests.course_repo import add_course, random_files

    home, key = tmp_path / "home", PrivateKey.generate()
    key.write(tmp_path / "key")
    assert cartable(home, "trust", "add", str(tmp_path / "key.pub")).returncode == 0
    repo = tmp_path / "usb"
    bio = add_course(repo, random_files(1, 1000, 1), key=key, course_id="bio", title="Biologie")
    maths = add_course(repo, random_files(2, 1000, 2), key=key)
    bio_archive = write_archive(repo, bio.course, tmp_path / "bio-1.0.0.cartable")

    def imported(*extra: str) -> list[str]:
        done = cartable(home, "import", *extra)
        assert done.returncode == 0 and done.stderr == "", done.stderr
        return done.stdout.splitlines()

    untouched = (
        "untouched {0} 1.0.0: {1} — already installed, each file present"
        " (to re-verify them: cartable courses check {0})"
    )
    assert imported(str(repo)) == [
        "installed bio 1.0.0: Biologie — verified",
        "installed maths 1.0.0: Mathématiques — verified",
    ]
    assert imported(str(repo)) == [
        untouched.format("bio", "Biologie"),
        untouched.format("maths", "Mathématiques"),
    ]
    sha = next(iter(maths.course.files()))
    blob = next((home / "data" / "blobs").rglob(sha))
    data = blob.read_bytes()
    blob.write_bytes(bytes([data[0] ^ 1]) + data[1:])  # same size: only a read tells
    assert imported(str(repo))[1] == untouched.format("maths", "Mathématiques")
    damaged = cartable(home, "courses", "check", "maths")
    assert damaged.returncode == 1 and f"damaged, removed: {sha}" in damaged.stdout
    blob.write_bytes(data[:-1])  # cut short: its size tells
    assert imported(str(repo)) == [
        untouched.format("bio", "Biologie"),
        "repaired maths 1.0.0: Mathématiques — verified",
    ]
    assert cartable(home, "courses", "check", "maths").returncode == 0
    add_course(
        repo, random_files(1, 1000, 3), key=key, course_id="bio", title="Biologie", version="2.0.0"
    )
    assert imported(str(repo)) == [
        "updated bio from 1.0.0 to 2.0.0: Biologie — verified",
        untouched.format("maths", "Mathématiques"),
    ]
    assert imported(str(bio_archive), "--downgrade") == [
        "downgraded bio from 2.0.0 to 1.0.0: Biologie — verified"
    ]


def test_a_check_removes_a_damaged_file_so_an_import_of_the_same_copy_repairs_it(
    tmp_path: Path,
) -> None:
    """`courses check` said to import the course again, but that import checks sizes only: a
    file altered at its size stayed, the import said "untouched" and the next check failed the
    same way, for good. The check now removes what it found damaged, so the import copies it
    back; the learner's progress is another file and stays as it was."""
    from player.course.signing import PrivateKey
    from tests.course_repo import add_course, random_files
    from tests.unit.test_store_helpers import open_store

    home, key = tmp_path / "home", PrivateKey.generate()
    key.write(tmp_path / "key")
    assert cartable(home, "trust", "add", str(tmp_path / "key.pub")).returncode == 0
    stick = tmp_path / "usb"
    maths = add_course(stick, random_files(3, 1000, 1), key=key).course
    assert cartable(home, "import", str(stick)).returncode == 0
    store = open_store(home)
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, maths, "u1")
    store.events.video_played(session, 0.0)
    store.events.video_paused(session, 30.0)
    store.events.unit_closed(session)
    watched = store.progress.unit(awa.id, "maths", "u1")
    assert watched.position == 30.0
    store.close()
    sha = next(iter(maths.files()))
    blob = next((home / "data" / "blobs").rglob(sha))
    data = blob.read_bytes()
    blob.write_bytes(bytes([data[0] ^ 1]) + data[1:])  # one byte, the size kept

    checked = cartable(home, "courses", "check", "maths")
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == [f"damaged, removed: {sha}"]
    assert checked.stderr.splitlines() == [
        "cartable: maths: 1 file damaged and removed; to repair it, import the course again,"
        " or fetch them from its catalog: cartable download maths"
    ]
    assert not blob.exists()
    repaired = cartable(home, "import", str(stick))
    assert repaired.returncode == 0, repaired.stderr
    assert repaired.stdout.splitlines() == ["repaired maths 1.0.0: Mathématiques — verified"]
    assert blob.read_bytes() == data
    again = cartable(home, "courses", "check", "maths")
    assert again.returncode == 0 and again.stdout == "maths: every file verified\n", again.stderr
    store = open_store(home)
    assert store.progress.unit(awa.id, "maths", "u1") == watched
    store.close()


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/mem")
def test_a_check_lists_a_file_it_could_not_read_and_leaves_it(tmp_path: Path) -> None:
    """A read error (a flaky USB disk, a network home: EIO) is no proof of damage: the check
    deleted every file it could not read, and a multi-GB course had to be fetched again. Only
    the altered file goes; the unreadable one is named with the reason and stays; the one
    already missing is said missing."""
    from player.course.signing import PrivateKey
    from tests.course_repo import add_course, random_files

    home, key = tmp_path / "home", PrivateKey.generate()
    key.write(tmp_path / "key")
    assert cartable(home, "trust", "add", str(tmp_path / "key.pub")).returncode == 0
    maths = add_course(tmp_path / "usb", random_files(4, 1000, 3), key=key).course
    assert cartable(home, "import", str(tmp_path / "usb")).returncode == 0
    _, altered, unread, deleted = (next((home / "data" / "blobs").rglob(s)) for s in maths.files())
    altered.write_bytes(bytes([altered.read_bytes()[0] ^ 1]) + altered.read_bytes()[1:])
    unread.unlink()
    unread.symlink_to("/proc/self/mem")  # reads fail with EIO, as on a failing disk
    deleted.unlink()

    checked = cartable(home, "courses", "check", "maths")
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == [
        f"damaged, removed: {altered.name}",
        f"missing: {deleted.name}",
        f"could not read: {unread} (Input/output error)",
    ]
    assert checked.stderr.splitlines() == [
        "cartable: maths: 1 file damaged and removed, 1 file missing, 1 file could not be read;"
        " to repair it, import the course again, or fetch them from its catalog: cartable"
        " download maths; those left in place: check the disk and their permissions, then check"
        " again"
    ]
    assert not altered.exists() and unread.is_symlink()


def test_an_export_to_a_folder_that_is_not_there_writes_nothing(
    tmp_path: Path, toy: BuiltCourse
) -> None:
    """A mistyped or unplugged USB stick's folder: `export -o /media/STICK/x.cartable` created
    it on this computer's disk and wrote the archive there, rc 0. Refused in one line naming
    the folder, as `records export` does, and nothing is created."""
    home = tmp_path / "home"
    assert cartable(home, "trust", "add", str(toy.key_path) + ".pub").returncode == 0
    assert cartable(home, "import", str(toy.archive)).returncode == 0
    stick = tmp_path / "media" / "STICK"
    refused = cartable(home, "export", "toy", "-o", str(stick / "toy.cartable"))
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.splitlines() == [
        f"cartable: {stick}: no such folder; nothing was written"
    ]
    assert not (tmp_path / "media").exists()


def test_an_unsigned_course_on_an_installation_refusing_them_suggests_no_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An installer built with allow_unsigned_archives = false said "use --allow-unsigned",
    which it then refused ("does not accept unsigned courses"): a dead end. It says what it
    accepts instead."""
    import player.context
    from player.__main__ import main
    from player.branding import load_branding

    branding_file = tmp_path / "branding.toml"
    branding_file.write_text(
        'product_name = "Cartable UT"\nallow_unsigned_archives = false\n', encoding="utf-8"
    )
    branding = load_branding(branding_file)
    monkeypatch.setattr(player.context, "load_branding", lambda: branding)
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    unsigned = build_toy(tmp_path / "u", sign=False)
    assert main(["import", str(unsigned.archive)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "--allow-unsigned" not in err
    assert err.splitlines() == [
        f"cartable: {unsigned.archive.name}: courses/toy/1.0.0/course.json: not signed"
        " (course.json.sig is missing) (this installation of Cartable UT accepts only signed"
        " courses: ask your institution for a signed copy)"
    ]
    assert main(["import", str(unsigned.archive), "--allow-unsigned"]) == 1
    assert "Cartable UT does not accept unsigned courses" in capsys.readouterr().err


def test_a_file_missing_from_a_usb_folder_is_named_with_the_folder(tmp_path: Path) -> None:
    """Which stick (of a class's several) lacks the file: 'missing blob' named only the file,
    the other refusals of an import name the folder or archive too."""
    from player.course.signing import PrivateKey
    from tests.course_repo import add_course, random_files

    home, key = tmp_path / "home", PrivateKey.generate()
    key.write(tmp_path / "key")
    assert cartable(home, "trust", "add", str(tmp_path / "key.pub")).returncode == 0
    repo = tmp_path / "usb"
    bio = add_course(repo, random_files(1, 1000, 1), key=key, course_id="bio", title="Biologie")
    add_course(repo, random_files(1, 1000, 2), key=key, course_id="chimie", title="Chimie")
    lost = next(iter(bio.course.files().values())).blob_path
    (repo / lost).unlink()
    several = cartable(home, "import", str(repo))
    assert several.returncode == 1
    assert several.stderr.splitlines() == [
        f"cartable: bio 1.0.0: not installed: {repo}: {lost}: missing blob"
    ]
    shutil.rmtree(repo / "courses" / "chimie")  # a stick of one course
    alone = cartable(home, "import", str(repo))
    assert alone.returncode == 1
    assert alone.stderr.splitlines() == [f"cartable: {repo}: {lost}: missing blob"]
