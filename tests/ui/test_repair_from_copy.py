"""Repairing a course from a copy (Check files…, a USB stick or an archive): each file is read
once, to find the damaged ones; what the install copies in is hashed as it is copied. A copy of
the same version whose manifest names a file the course did not is checked for that file."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from player.course.manifest import FileRef, SlidesUnit
from player.course.signing import PrivateKey
from player.library.blobstore import BlobCheck, BlobStore
from player.library.library import Library
from player.library.trust import TrustedKey, TrustStore
from player.paths import demo_repository
from player.ui.main_window import MainWindow
from player.ui.repair import RepairDialog, check_course, repair_from
from player.ui.shell import ShellServices
from player.ui.unit_view import UnitView
from tests.course_repo import add_course, random_files
from tests.ui.test_shell import DEMO, course, studying
from tests.unreadable import DeniedBlobs

KB = 1024


class CountingBlobs(BlobStore):
    """The blob store, recording each file it re-hashes."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.hashed: list[str] = []

    def check(self, ref: FileRef) -> BlobCheck:
        self.hashed.append(ref.sha256)
        return super().check(ref)


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


def library(home: Path, key: PrivateKey) -> tuple[Library, CountingBlobs]:
    blobs = CountingBlobs(home / "blobs")
    trust = TrustStore(home / "trust", [TrustedKey(key.public, "branding")])
    return Library(home / "courses", blobs, trust), blobs


def alter(path: Path) -> None:
    """Flip a byte: the size stays, only a read tells."""
    data = path.read_bytes()
    path.write_bytes(bytes([data[0] ^ 1]) + data[1:])


def test_a_repair_reads_each_file_of_the_course_once(tmp_path: Path, key: PrivateKey) -> None:
    """It hashed every file again after the install (a 200 MB course with one 10 MB file
    altered: 410 MB read instead of 210), though the install had hashed what it copied."""
    lib, blobs = library(tmp_path / "home", key)
    stick = tmp_path / "usb"
    course = add_course(stick, random_files(4, 64 * KB, 1), key=key).course
    lib.install_folder(stick)
    victim = next(iter(course.files()))
    alter(lib.blobs.path(victim))
    result = repair_from(lib, "maths", stick)
    assert result.intact and result.files == 4
    assert sorted(blobs.hashed) == sorted(course.files())  # each once
    assert lib.damaged_files("maths") == []


def test_a_rebuilt_copy_is_checked_for_the_files_only_it_names(
    tmp_path: Path, key: PrivateKey
) -> None:
    """Another copy of the same version (rebuilt, signed again) naming a file another course
    holds, altered at its size: the install keeps it unread (its size is right), so the repair
    hashes it and says it is still damaged, rather than "all files intact"."""
    lib, blobs = library(tmp_path / "home", key)
    files = random_files(3, 64 * KB, 1)
    shared = random_files(1, 64 * KB, 2)
    add_course(tmp_path / "other", shared, key=key, course_id="bio", title="Biologie")
    lib.install_folder(tmp_path / "other")
    installed = add_course(tmp_path / "usb", files, key=key).course
    lib.install_folder(tmp_path / "usb")
    shared_sha = next(iter(lib.get("bio").course.files()))  # type: ignore[union-attr]
    alter(lib.blobs.path(shared_sha))
    alter(lib.blobs.path(next(iter(installed.files()))))
    rebuilt = tmp_path / "rebuilt"
    add_course(rebuilt, [*files, *shared], key=key)  # maths 1.0.0 again, one file more
    blobs.hashed.clear()
    result = repair_from(lib, "maths", rebuilt)
    assert result.damaged == (shared_sha,) and result.files == 4
    assert sorted(blobs.hashed) == sorted([*installed.files(), shared_sha])
    assert lib.damaged_files("maths") == [shared_sha]


#: A file of 4096 bytes that even root may not open for reading (sysfs: write-only), as a file
#: with the wrong owner is: its size is right, so an install keeps it.
WRITE_ONLY = "/sys/bus/cpu/drivers_probe"


@pytest.mark.skipif(sys.platform != "linux", reason="opens a sysfs file")
def test_a_file_that_cannot_be_read_is_replaced_from_the_copy_not_removed_first(
    tmp_path: Path, key: PrivateKey
) -> None:
    """The check no longer removes a file it could not read (a read error may pass). Found at
    its size, the install keeps it: the repair copies it over from the copy, in one rename (a
    failed copy leaves it as it was), and the course is intact. Without that, it stayed."""
    lib, _ = library(tmp_path / "home", key)
    stick = tmp_path / "usb"
    course = add_course(stick, random_files(3, os.stat(WRITE_ONLY).st_size, 3), key=key).course
    lib.install_folder(stick)
    unreadable, altered = list(course.files())[:2]
    good = lib.blobs.path(unreadable).read_bytes()
    lib.blobs.path(unreadable).unlink()
    lib.blobs.path(unreadable).symlink_to(WRITE_ONLY)  # opened for reading: EACCES
    alter(lib.blobs.path(altered))
    result = repair_from(lib, "maths", stick)
    assert result.intact and result.files == 3
    assert lib.blobs.path(unreadable).read_bytes() == good
    assert lib.damaged_files("maths") == []


def test_a_file_the_check_removed_shows_the_course_damaged_until_repaired(
    window: MainWindow, services: ShellServices
) -> None:
    """`cartable courses check` removes the files it finds damaged, for an import to copy them
    back (it checks sizes only). Until then the player says the course is damaged, as for any
    file gone: the unit's page names the missing file and offers the repair, Check files…
    counts it, and a repair from a copy puts it back."""
    studying(window, services)
    library = services.library
    installed = library.get(DEMO)
    assert installed is not None
    slides = installed.course.unit("phenomene-diaporama")
    assert isinstance(slides, SlidesUnit)
    sha = slides.document.sha256
    blob = library.blob_path(sha)
    blob.chmod(0o644)
    alter(blob)
    assert library.remove_damaged(DEMO).removed == (sha,)  # what `cartable courses check` runs
    assert not blob.exists()

    window.open_course(DEMO, "phenomene-diaporama")
    view = course(window).view
    assert isinstance(view, UnitView) and view.has_problem
    assert view.problem.message.text() == (
        f"A file of this course is missing from this computer ({sha[:12]})."
    )
    assert view.problem.repair.isVisibleTo(view)
    window.check_action.trigger()
    dialog = window.repair_dialog
    assert isinstance(dialog, RepairDialog)
    assert dialog.status.text().startswith(
        "Missing or damaged files: 1 of 11. Affected: \u2068Un phénomène (diaporama commenté)\u2069"
    )
    dialog.repair(demo_repository())
    assert dialog.status.text().startswith("Repaired: all 11 files")
    assert check_course(library, DEMO).intact


def test_check_files_says_which_file_cannot_be_read_and_why_not_missing_or_damaged(
    window: MainWindow, services: ShellServices
) -> None:
    """A file the learner's account may not read (a wrong owner, chmod 000) was counted 'missing
    or damaged', and Fetch again discarded it. Check files… now names the file and the reason,
    says nothing was removed and what to do; Fetch again is offered for damaged files only,
    and a repair from a copy still copies a good one over it."""
    studying(window, services)
    library = services.library
    denied_store = DeniedBlobs(library.blobs.root)
    library.blobs = denied_store
    installed = library.get(DEMO)
    assert installed is not None
    slides = installed.course.unit("phenomene-diaporama")
    assert isinstance(slides, SlidesUnit)
    sha = slides.document.sha256
    denied_store.deny(sha)
    fetched: list[str] = []

    dialog = RepairDialog(library, DEMO, services.tasks, window, refetch=fetched.append)
    dialog.start()
    text = dialog.status.text()
    assert text.startswith(
        f"\u2068{library.blob_path(sha)}\u2069 cannot be read: permission denied.\n"
    )
    assert "Nothing was removed. Give your user account the right to read" in text
    assert "missing or damaged" not in text
    assert not dialog.from_catalog.isVisibleTo(dialog), "a fetch would not fix a permission"
    assert dialog.from_copy.isVisibleTo(dialog)
    assert dialog.online_note.text().startswith("Repair from a copy of the course")
    assert library.blob_path(sha).exists()

    dialog.repair(demo_repository())
    assert dialog.status.text().startswith("Repaired: all 11 files")
    assert check_course(library, DEMO).intact


def test_check_files_tells_damaged_and_unreadable_files_apart(
    window: MainWindow, services: ShellServices
) -> None:
    """One file altered, one denied: the damaged one is counted with its unit and may be fetched
    again; the unreadable one is named apart, and the fetch leaves it where it is."""
    studying(window, services)
    library = services.library
    denied_store = DeniedBlobs(library.blobs.root)
    library.blobs = denied_store
    installed = library.get(DEMO)
    assert installed is not None
    slides = installed.course.unit("phenomene-diaporama")
    assert isinstance(slides, SlidesUnit)
    denied = slides.document.sha256
    altered = next(sha for sha in installed.course.files() if sha != denied)
    library.blob_path(altered).chmod(0o644)
    alter(library.blob_path(altered))
    denied_store.deny(denied)

    result = check_course(library, DEMO)
    assert result.damaged == (altered,)
    assert [(f.path, f.error) for f in result.unreadable] == [
        (library.blob_path(denied), errno.EACCES)
    ]
    dialog = RepairDialog(library, DEMO, services.tasks, window, refetch=lambda _: None)
    dialog.start()
    first, second = dialog.status.text().split("\n\n")
    assert first.startswith("Missing or damaged files: 1 of 11. Affected: ")
    assert second.startswith(
        f"\u2068{library.blob_path(denied)}\u2069 cannot be read: permission denied."
    )
    assert dialog.from_catalog.isVisibleTo(dialog)
    assert dialog.online_note.text().startswith("Fetch the damaged files again")


@pytest.mark.parametrize(
    ("lang", "denied", "more"),
    [
        ("en", 4, "…and 1 more."),
        ("en", 5, "…and 2 more."),
        ("fr", 4, "…et 1 autre."),
        ("fr", 5, "…et 2 autres."),
    ],
)
def test_check_files_names_three_unreadable_files_and_counts_the_others(
    window: MainWindow, services: ShellServices, lang: str, denied: int, more: str
) -> None:
    """Past three files the dialog counts the rest, in the plural its language gives the count
    (it said '…and 1 more.' through a plain %1, which French cannot make agree)."""
    studying(window, services, lang=lang)
    library = services.library
    denied_store = DeniedBlobs(library.blobs.root)
    library.blobs = denied_store
    installed = library.get(DEMO)
    assert installed is not None
    for sha in sorted(installed.course.files())[:denied]:
        denied_store.deny(sha)
    dialog = RepairDialog(library, DEMO, services.tasks, window, refetch=lambda _: None)
    dialog.start()
    lines = dialog.status.text().split("\n")
    reason = {"en": " cannot be read: permission denied.", "fr": " ne peut pas être lu"}[lang]
    assert sum(reason in line for line in lines) == 3
    assert more in lines


class FailingBlobs(BlobStore):
    """The blob store, where reading one file fails with a chosen error, as a network home would."""

    def __init__(self, root: Path, path: Path, error: int) -> None:
        super().__init__(root)
        self.failing, self.error = path, error

    def _open_to_check(self, path: Path) -> int:
        if path == self.failing:
            raise OSError(self.error, os.strerror(self.error), str(path))
        return super()._open_to_check(path)


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (errno.ESTALE, "the network folder holding it does not answer"),
        (errno.ENOTCONN, "the network folder holding it does not answer"),
        (errno.ELOOP, f"the system says: {os.strerror(errno.ELOOP)}"),
    ],
)
def test_check_files_says_why_a_file_cannot_be_read_in_its_own_words(
    window: MainWindow, services: ShellServices, error: int, words: str
) -> None:
    """Any error but a permission, a read error or a folder was shown as the system's English
    words alone ('Stale file handle' on a network home), untranslated and unexplained."""
    studying(window, services)
    library = services.library
    installed = library.get(DEMO)
    assert installed is not None
    sha = sorted(installed.course.files())[0]
    library.blobs = FailingBlobs(library.blobs.root, library.blob_path(sha), error)
    dialog = RepairDialog(library, DEMO, services.tasks, window, refetch=lambda _: None)
    dialog.start()
    assert (
        f"\u2068{library.blob_path(sha)}\u2069 cannot be read: {words}."
        in dialog.status.text().split("\n")
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_check_files_grows_to_show_what_it_found_within_1280x720(
    qtbot, window: MainWindow, services: ShellServices, language: str
) -> None:
    """Opened while it checks ("Checking every file…", 360 px wide), the dialog kept that size
    when the check found 1 damaged and 5 unreadable files (blob paths of 130+ characters): the
    findings and the online note cut off, each repair button squeezed to 85 px ("ir from a"),
    because its own minimum width kept the layout from growing it. It now grows to show them
    whole, within the 1280x720 window, and cannot be shrunk over its buttons."""
    studying(window, services, lang=language)
    library = services.library
    denied_store = DeniedBlobs(library.blobs.root)
    library.blobs = denied_store
    installed = library.get(DEMO)
    assert installed is not None
    shas = sorted(installed.course.files())
    for sha in shas[:5]:
        denied_store.deny(sha)
    library.blob_path(shas[6]).chmod(0o644)
    alter(library.blob_path(shas[6]))
    assert len(str(library.blob_path(shas[0]))) >= 120
    window.refetch_files = lambda _: None  # the catalog's fetch offered too: the widest row
    window.repair_course(DEMO)
    dialog = window.repair_dialog
    assert isinstance(dialog, RepairDialog)
    qtbot.waitExposed(dialog)
    more = {"en": "…and 2 more.", "fr": "…et 2 autres."}[language]
    assert dialog.from_catalog.isVisible() and more in dialog.status.text()

    def whole() -> list[str]:
        buttons = (dialog.from_catalog, dialog.from_copy, dialog.from_folder, dialog.close_button)
        cut = [b.text() for b in buttons if b.width() < b.minimumSizeHint().width()]
        for label in (dialog.status, dialog.online_note):
            if label.height() < label.heightForWidth(label.width()):
                cut.append(label.text()[:40])
        return cut

    qtbot.waitUntil(lambda: not whole(), timeout=5000)
    assert dialog.width() <= 1280 and dialog.height() <= 720, dialog.size()
    assert dialog.minimumSize().width() >= dialog.layout().minimumSize().width()


def test_check_files_ends_the_affected_units_with_their_own_punctuation(
    window: MainWindow, services: ShellServices
) -> None:
    """A unit whose title is a question closed the line with '?.' ('Affected: Qu'est-ce qu'un
    MOOC ?.'); and '1 of 11 files are' agreed with no count."""
    studying(window, services)
    library = services.library
    installed = library.get(DEMO)
    assert installed is not None
    video = installed.course.unit("definition-video")
    subtitle = video.subtitles[0].file.sha256  # type: ignore[attr-defined]
    blob = library.blob_path(subtitle)
    blob.chmod(0o644)
    alter(blob)
    dialog = RepairDialog(library, DEMO, services.tasks, window, refetch=lambda _: None)
    dialog.start()
    first = dialog.status.text().split("\n")[0]
    assert (
        first
        == "Missing or damaged files: 1 of 11. Affected: \u2068Qu'est-ce qu'un MOOC\u00a0?\u2069"
    )
