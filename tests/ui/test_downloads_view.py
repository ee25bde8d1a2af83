"""The Downloads page and what goes with it: progress rows; pause, resume and cancel on a paced
local HTTP server (the tests' fault server); resume after a restart; a download that waited for
the network continuing by itself when it is back; Settings applying at once; import by drag and
drop with the unsigned warning; export; fetching a damaged file again for repair; trusting a key.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from player.course.package import verify_path
from player.course.signing import PrivateKey
from player.ui.download_item import DownloadItem
from player.ui.downloads_controller import DownloadsController
from player.ui.downloads_view import DownloadConditions, DownloadRow, DownloadsView, failure_kind
from player.ui.getting_courses import GettingCourses
from player.ui.main_window import MainWindow
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from player.wording import isolated
from sync.download_options import DownloadOptions
from sync.download_state import DownloadState, FailureKind
from tests.course_repo import RepoCourse, add_course, random_files
from tests.e2e.downloads.faultserver import Fault, FaultServer
from tests.support import build_toy
from tests.ui.downloads_support import KB, FakeNetwork, attach, trust
from tests.ui.test_shell import studying
from tests.ui.unit_support import french

MB = 1000 * KB


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


@pytest.fixture
def runner() -> Iterator[ThreadPoolRunner]:
    threads = ThreadPoolRunner()
    yield threads
    threads.wait_idle(20_000)


@pytest.fixture
def stoppers() -> Iterator[list[DownloadsController]]:
    """Controllers to stop before the records store closes."""
    made: list[DownloadsController] = []
    yield made
    for controller in made:
        controller.stop()


def paced(repo: Path, rate: float = 300 * KB, port: int = 0) -> FaultServer:
    return FaultServer(repo, port, retry_after=1, rate=rate).start()


def downloads_page(
    window: MainWindow,
    services: ShellServices,
    runner: ThreadPoolRunner,
    stoppers: list[DownloadsController],
    source: str,
    network: FakeNetwork | None = None,
    options: DownloadOptions | None = None,
) -> tuple[GettingCourses, DownloadsController, DownloadsView]:
    studying(window, services)
    getting, controller = attach(window, services, runner, network, options)
    stoppers.append(controller)
    controller.downloads.catalogs.add(source)
    controller.refresh_catalog()
    return getting, controller, show_downloads(getting)


def show_downloads(getting: GettingCourses) -> DownloadsView:
    getting.show_downloads()
    assert getting.downloads_view is not None
    return getting.downloads_view


def wait_catalog(qtbot, controller: DownloadsController):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: controller.browse is not None and bool(controller.browse.courses), timeout=10_000
    )
    return controller.browse


def state_of(controller: DownloadsController, download_id: str) -> DownloadState | None:
    item = controller.items.get(download_id)
    return item.state if item else None


def item(done: int, total: int, state: DownloadState, **kw) -> DownloadItem:  # type: ignore[no-untyped-def]
    return DownloadItem(
        "maths@1.1.0", "maths", "Maths", "1.1.0", True, state, done=done, total=total, **kw
    )


# What the download engine and the library said before failures had a kind (rows recorded then
# are still read from their words).
ENGINE_FAILURES = {
    "cannot write /media/usb/blobs/.partial/ab.part: No space left on device": "space",
    "Maths: not enough free space in /home/a/blobs: the course needs 1.2 GB plus": "space",
    "cannot store /home/a/blobs/sha256/ab/abcd: Permission denied": "disk",
    "blob abcd is missing at https://c.example/blobs/sha256/ab/abcd (HTTP 404)": "missing",
    "content hash is 0123": "damaged",
    "got 10 bytes, expected 12": "damaged",
    "https://c.example/blobs/x: timed out (no data)": "network",
    "https://c.example/blobs/x: name or service not known": "network",
    "https://c.example/blobs/x: server answered HTTP 500": "server",
    "https://c.example/catalog.json: refused: not signed by a trusted key": "trust",
    # A trusted key's signature over other bytes, a damaged signature file: "refused: " too,
    # yet no key to add helps (review r7 #4).
    "Maths (maths 1.0.0): refused: courses/maths/1.0.0/course.json.sig: signature by key 0123 "
    "does not match the manifest's bytes": "altered",
    "Maths (maths 1.0.0): refused: courses/maths/1.0.0/course.json.sig: signature file is not "
    "JSON": "altered",
    "Maths (maths 1.0.0): refused: courses/maths/1.0.0/course.json.sig: signature is not valid "
    "base64": "altered",
    "Maths (maths 1.0.0): refused: courses/maths/1.0.0/course.json.sig: signature has 12 "
    "bytes, expected 64": "altered",
    "Maths (maths 1.0.0): refused: courses/maths/1.0.0/course.json.sig: duplicate key "
    "'key_id': one JSON object names it twice": "altered",
    "Maths (maths 1.0.0): refused: signed by key 0123, which is not trusted": "trust",
    # No signature at all: no key to add helps either (review r7 #5).
    "Maths (maths 1.0.0): refused: the course is not signed (no courses/maths/1.0.0/"
    "course.json.sig in the catalog); courses from a catalog must be signed": "unsigned",
    "Maths (maths 1.0.0): refused: not signed (course.json.sig is missing)": "unsigned",
    "something nobody planned": None,
}


@pytest.mark.parametrize(("reason", "kind"), ENGINE_FAILURES.items())
def test_failures_recorded_before_kinds_are_told_from_their_words(
    reason: str, kind: str | None
) -> None:
    assert failure_kind(reason) == kind


def test_a_failure_is_told_by_the_kind_the_engine_gave_not_by_its_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = DownloadsView()
    qtbot.addWidget(view)
    quota = "download failed: OSError: [Errno 122] Disk quota exceeded"  # no known words
    view.show_item(item(0, 10, DownloadState.FAILED, reason=quota, failure=FailureKind.SPACE))
    row: DownloadRow = view.rows["maths@1.1.0"]
    assert row.state.text() == (
        "Failed: there is not enough free space on this computer for the course."
    )
    assert row.state.toolTip() == quota
    # Words that look like a missing file, in a failure the engine could not name: its words.
    odd = "Maths: could not install: 1 files are still missing (HTTP 404 earlier)"
    view.show_item(item(0, 10, DownloadState.FAILED, reason=odd, failure=FailureKind.OTHER))
    assert row.state.text() == f"Failed: {odd}"
    # A row recorded before failures had a kind: read from its words.
    view.show_item(item(0, 10, DownloadState.FAILED, reason="content hash is 0123"))
    assert row.state.text() == "Failed: a file of the course arrived damaged, again and again."


def test_a_row_altered_before_kinds_says_so_and_settings_does_not_jump_to_keys(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A row an older Cartable saved when its course's signature did not match: it said to add
    a key, and Settings… opened on Trusted keys, where no key helps (review r7 #4)."""
    view = DownloadsView()
    qtbot.addWidget(view)
    reason = (
        "Maths (maths 1.1.0): refused: courses/maths/1.1.0/course.json.sig: signature by key "
        "0123 does not match the manifest's bytes"
    )
    view.show_item(item(0, 10, DownloadState.FAILED, reason=reason))
    row: DownloadRow = view.rows["maths@1.1.0"]
    assert row.state.text().startswith("Failed: the course was changed after it was signed")
    pressed: list[str] = []
    view.settings_requested.connect(lambda: pressed.append("settings"))
    view.trusted_keys_requested.connect(lambda: pressed.append("keys"))
    view.settings_button.click()
    assert pressed == ["settings"]


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        (
            "Maths (maths 1.1.0): refused: courses/maths/1.1.0/course.json.sig: signature by key "
            "0123 does not match the manifest's bytes",
            "Failed: the course was changed after it was signed",
        ),
        (
            "Maths (maths 1.1.0): refused: courses/maths/1.1.0/course.json.sig: duplicate key "
            "'key_id': one JSON object names it twice",
            "Failed: the course was changed after it was signed",
        ),
        (
            "Maths (maths 1.1.0): refused: the course is not signed (no courses/maths/1.1.0/"
            "course.json.sig in the catalog); courses from a catalog must be signed",
            "Failed: this course is not signed, so it cannot be installed here.",
        ),
    ],
)
def test_a_row_saved_as_trust_for_an_altered_or_unsigned_course_says_what_it_was(  # type: ignore[no-untyped-def]
    qtbot, reason: str, said: str
) -> None:
    """Builds from eeb168e until ALTERED and UNSIGNED existed saved these as TRUST: the row said
    to add a key, and Settings… opened on Trusted keys, where no key helps (review r8 #6). A
    key not trusted stays TRUST."""
    view = DownloadsView()
    qtbot.addWidget(view)
    pressed: list[str] = []
    view.settings_requested.connect(lambda: pressed.append("settings"))
    view.trusted_keys_requested.connect(lambda: pressed.append("keys"))
    view.show_item(item(0, 10, DownloadState.FAILED, reason=reason, failure=FailureKind.TRUST))
    row: DownloadRow = view.rows["maths@1.1.0"]
    assert row.state.text().startswith(said)
    view.settings_button.click()
    assert pressed == ["settings"]
    untrusted = "Maths (maths 1.1.0): refused: signed by key 0123, which is not trusted"
    view.show_item(item(0, 10, DownloadState.FAILED, reason=untrusted, failure=FailureKind.TRUST))
    assert "add it in Settings (Trusted keys)" in row.state.text()
    view.settings_button.click()
    assert pressed == ["settings", "keys"]


def test_an_update_refused_for_its_signer_says_so_not_that_it_is_untrusted(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = DownloadsView()
    qtbot.addWidget(view)
    reason = "Maths (maths 1.1.0): refused: signed by key 0123, but the installed version ..."
    view.show_item(item(0, 10, DownloadState.FAILED, reason=reason, failure=FailureKind.SIGNER))
    row: DownloadRow = view.rows["maths@1.1.0"]
    assert row.state.text() == (  # a trusted key's: another publisher's (review r16 #3)
        "Failed: this version is signed by a different publisher than the installed one, so it "
        "cannot replace it. To install it, remove the course first."
    )
    assert row.state.toolTip() == reason


def test_an_update_by_a_key_not_trusted_over_another_key_asks_for_the_new_installer(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A new key no installer holds yet: the institution's new installer helps, not "another
    publisher" (review u2), and a trusted other key keeps those words (review r16 #3)."""
    view = DownloadsView()
    qtbot.addWidget(view)
    reason = "Maths (maths 1.1.0): refused: signed by key 0123, which this player does not ..."
    kind = FailureKind.UNTRUSTED_SIGNER
    view.show_item(item(0, 10, DownloadState.FAILED, reason=reason, failure=kind))
    assert view.rows["maths@1.1.0"].state.text() == (
        "Failed: this version is signed with another key than the installed one, so it cannot "
        "replace it, and adding a key in Settings would not change that. Ask your institution "
        "for its new installer; or remove the course first (everyone's learning records and "
        "progress in it are kept), then download it again."
    )


def test_a_failure_is_said_in_french_with_the_details_kept(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    view = DownloadsView()
    qtbot.addWidget(view)
    reason = "https://c.example/blobs/x: timed out (no data)"
    with french(qapp):
        view.show_item(item(0, 10, DownloadState.FAILED, reason=reason))
        row: DownloadRow = view.rows["maths@1.1.0"]
        assert row.state.text() == "Échec\u00a0: le serveur est injoignable."
        assert row.state.toolTip() == reason
    view.show_item(item(0, 10, DownloadState.FAILED, reason="something nobody planned"))
    assert row.state.text() == "Failed: something nobody planned"


def test_a_row_shows_bytes_speed_time_left_and_state(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = DownloadsView()
    qtbot.addWidget(view)
    view.show_item(
        item(1_200_000, 3_400_000, DownloadState.RUNNING, speed=20_000, seconds_left=150)
    )
    row: DownloadRow = view.rows["maths@1.1.0"]
    assert row.title.text() == f"<b>{isolated('Maths')} — update to version 1.1.0</b>"
    assert row.numbers.text() == "1.2 MB of 3.4 MB · 20.0 kB/s · about 2 minutes left"
    assert row.bar.value() == 352 and row.state.text() == "Downloading"
    assert row.toggle.text() == "Pa&use" and row.cancel.isEnabled()
    view.show_item(item(1_200_000, 3_400_000, DownloadState.WAITING_FOR_NETWORK))
    assert row.state.text().startswith("No network: the download continues by itself")
    view.show_item(item(1_200_000, 3_400_000, DownloadState.PAUSED))
    assert (row.state.text(), row.toggle.text()) == ("Paused", "&Resume")
    assert row.numbers.text() == "1.2 MB of 3.4 MB"
    view.show_item(item(0, 3_400_000, DownloadState.FAILED, reason="blob x is missing (HTTP 404)"))
    assert (row.state.text(), row.toggle.text()) == (
        "Failed: a file of the course is missing on the server.",
        "&Try again",
    )
    assert row.state.toolTip() == "blob x is missing (HTTP 404)", "the engine's words, for support"
    view.set_conditions(DownloadConditions(100, "22:00-06:00", True))
    assert view.conditions_label.text() == (
        "Limited to 100.0 kB/s · Only between 22:00–06:00 · Only on unmetered connections"
    )
    view.remove_item("maths@1.1.0")
    assert view.rows == {} and not view.empty.isHidden()


def test_pause_resume_and_cancel_with_the_keyboard(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    runner,
    stoppers,
    tmp_path: Path,
    key: PrivateKey,
) -> None:
    repo = tmp_path / "repo"
    course = add_course(repo, random_files(8, 150 * KB, 1), key=key)
    trust(services, key)
    server = paced(repo)
    try:
        getting, controller, view = downloads_page(window, services, runner, stoppers, server.url)
        browse = wait_catalog(qtbot, controller)
        controller.download(browse.find("maths"))
        qtbot.waitUntil(lambda: "maths@1.0.0" in view.rows, timeout=5000)
        row = view.rows["maths@1.0.0"]
        qtbot.waitUntil(
            lambda: row.item.state is DownloadState.RUNNING and row.item.done > 100 * KB,
            timeout=10_000,
        )
        assert "of 1.2 MB" in row.numbers.text() and "kB/s" in row.numbers.text()
        assert getting.indicator.isVisible() and getting.indicator.text().startswith("Downloading ")
        row.toggle.setFocus()
        qtbot.keyClick(row.toggle, Qt.Key.Key_Space)  # pause
        qtbot.waitUntil(lambda: row.item.state is DownloadState.PAUSED, timeout=10_000)
        assert row.toggle.text() == "&Resume" and row.state.text() == "Paused"
        kept = row.item.done
        assert 0 < kept < course.size and services.library.get("maths") is None
        assert getting.indicator.text() == "Downloads paused"
        qtbot.keyClick(row.toggle, Qt.Key.Key_Space)  # resume
        qtbot.waitUntil(lambda: "maths@1.0.0" not in controller.items, timeout=20_000)
        assert services.library.get("maths") is not None
        assert "maths@1.0.0" not in view.rows and not getting.indicator.isVisible()
        assert server.body_bytes() < course.size + 512 * KB  # the resume did not start over

        # Cancel another one: asked first, then nothing is kept.
        other = add_course(
            repo, random_files(6, 150 * KB, 2), key=key, course_id="autre", title="Autre"
        )
        controller.refresh_catalog()
        qtbot.waitUntil(lambda: controller.browse.find("autre") is not None, timeout=10_000)
        controller.download(controller.browse.find("autre"))
        qtbot.waitUntil(
            lambda: "autre@1.0.0" in view.rows and view.rows["autre@1.0.0"].item.done > 0,
            timeout=10_000,
        )
        row = view.rows["autre@1.0.0"]
        row.cancel.setFocus()
        qtbot.keyClick(row.cancel, Qt.Key.Key_Space)
        box = view.confirm_box
        assert box is not None and "What was downloaded so far is deleted" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()
        qtbot.waitUntil(
            lambda: not controller.items and controller.queue.active is None, timeout=10_000
        )
        runner.wait_idle(10_000)
        qtbot.waitUntil(lambda: controller.courses.downloads() == [], timeout=5000)
        blobs = services.context.paths.blobs
        assert not any((blobs / ".partial").iterdir())
        assert not set(other.course.files()) & {p.name for p in (blobs / "sha256").rglob("*")}
        assert services.library.get("autre") is None
    finally:
        server.stop()


def test_after_a_restart_unfinished_downloads_resume_by_themselves(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    runner,
    stoppers,
    tmp_path: Path,
    key: PrivateKey,
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(8, 150 * KB, 3), key=key)
    trust(services, key)
    server = paced(repo)
    try:
        _, controller, _ = downloads_page(window, services, runner, stoppers, server.url)
        controller.download(wait_catalog(qtbot, controller).find("maths"))
        qtbot.waitUntil(lambda: controller.items["maths@1.0.0"].done > 200 * KB, timeout=10_000)
        controller.stop()  # the application quits mid-download
        runner.wait_idle(10_000)
        assert controller.courses.get("maths@1.0.0").state is DownloadState.QUEUED  # type: ignore[union-attr]
        controller.downloads.close()
        # The next start: a new controller finds it and resumes it without being asked.
        again = DownloadsController(services.context, runner, network=FakeNetwork())
        stoppers.append(again)
        again.start()
        qtbot.waitUntil(lambda: services.library.get("maths") is not None, timeout=20_000)
        qtbot.waitUntil(lambda: not again.items, timeout=5000)
    finally:
        server.stop()


def test_a_download_waiting_for_the_network_continues_when_it_is_back(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    runner,
    stoppers,
    tmp_path: Path,
    key: PrivateKey,
) -> None:
    repo = tmp_path / "repo"
    course = add_course(repo, random_files(6, 150 * KB, 4), key=key)
    trust(services, key)
    server = paced(repo)
    port = server.port
    network = FakeNetwork()
    options = DownloadOptions(
        parallel=2, backoff_base=0.05, backoff_cap=0.1, max_failures=2,
        network_backoff_base=120, network_backoff_cap=120, connect_timeout=2,
    )  # fmt: skip
    getting, controller, view = downloads_page(
        window, services, runner, stoppers, server.url, network, options
    )
    controller.download(wait_catalog(qtbot, controller).find("maths"))
    qtbot.waitUntil(lambda: controller.items["maths@1.0.0"].done > 100 * KB, timeout=10_000)
    for sha in course.course.files():  # the link drops: open connections break, new ones fail
        server.inject(sha, Fault.RESET, Fault.RESET, Fault.RESET)
    server.stop()
    network.set(online=False)
    qtbot.waitUntil(
        lambda: state_of(controller, "maths@1.0.0") is DownloadState.WAITING_FOR_NETWORK,
        timeout=20_000,
    )
    row = view.rows["maths@1.0.0"]
    assert row.state.text().startswith("No network")
    assert getting.indicator.text() == "Downloads wait for the network"
    server = paced(repo, port=port)
    try:
        network.set(online=True)  # long before the 120 s backoff: the return wakes it
        qtbot.waitUntil(lambda: services.library.get("maths") is not None, timeout=20_000)
    finally:
        server.stop()


def test_settings_apply_to_running_downloads_at_once(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    runner,
    stoppers,
    tmp_path: Path,
    key: PrivateKey,
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(6, 150 * KB, 5), key=key)
    trust(services, key)
    network = FakeNetwork(metered=True)
    server = paced(repo)
    try:
        getting, controller, view = downloads_page(
            window, services, runner, stoppers, server.url, network
        )
        # The server is on 127.0.0.1, this computer, which the settings leave alone
        # (is_local_source): here it stands for the institution's server on the internet.
        controller.downloads.downloader.is_local = lambda source: False
        getting.show_settings()
        dialog: SettingsDialog = getting.settings_dialog  # type: ignore[assignment]
        dialog.tabs.setCurrentIndex(1)
        dialog.download_page.unmetered.setChecked(True)
        controller.download(wait_catalog(qtbot, controller).find("maths"))
        qtbot.waitUntil(
            lambda: state_of(controller, "maths@1.0.0") is DownloadState.WAITING_FOR_UNMETERED,
            timeout=10_000,
        )
        assert view.rows["maths@1.0.0"].state.text().startswith("Waiting for a connection")
        dialog.download_page.cap.setValue(250)
        downloader = controller.downloads.downloader
        assert downloader.limiter.rate == 250_000
        dialog.download_page.window_on.setChecked(True)
        assert str(downloader.window) == "22:00-06:00"
        dialog.download_page.window_on.setChecked(False)
        assert downloader.window is None
        saved = (services.context.paths.settings_file).read_text()
        assert '"bandwidth_cap_kbps": 250' in saved and '"unmetered_only": true' in saved
        assert "Limited to 250.0 kB/s" in view.conditions_label.text()
        network.set(metered=False)  # on the school's wifi now
        qtbot.waitUntil(lambda: services.library.get("maths") is not None, timeout=20_000)
        dialog.close()
    finally:
        server.stop()


def test_the_settings_say_the_limits_leave_usb_sticks_and_this_network_alone(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """The cap, the hours and the unmetered switch hold internet downloads only
    (is_local_source): the Downloads page of Settings says so right under them."""
    dialog = SettingsDialog(services.context, None, window)
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(1)
    dialog.show()
    page = dialog.download_page
    note = page.local_note
    assert note.isVisible() and note.text() == (
        "The speed limit, the hours and “only on unmetered connections” do not apply to USB "
        "sticks or to computers of this network."
    )
    below = note.mapTo(page, note.rect().topLeft()).y()
    assert below >= page.unmetered.mapTo(page, page.unmetered.rect().bottomLeft()).y()
    assert below <= page.download_note.mapTo(page, page.download_note.rect().topLeft()).y()
    dialog.close()


def drop(window: MainWindow, path: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    where = QPoint(window.width() // 2, window.height() // 2)
    enter = QDragEnterEvent(
        where,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    accepted = enter.isAccepted()
    event = QDropEvent(
        QPointF(where),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, event)
    return accepted


def test_a_dropped_archive_installs_and_an_unsigned_one_asks_first(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    getting = GettingCourses(window, services)
    signed = build_toy(tmp_path / "signed")
    trust(services, signed.key)
    assert drop(window, signed.archive)
    installed = services.library.get("toy")
    assert installed is not None and installed.verified
    assert "Cours jouet" in window.library_view.visible_titles()
    assert not drop(window, tmp_path / "notes.txt")

    services.library.uninstall("toy")
    unsigned = build_toy(tmp_path / "teacher", sign=False)
    drop(window, unsigned.archive)
    box = getting.message_box
    assert box is not None and box.windowTitle() == "Unsigned course"
    assert "not signed: it may come from a teacher or a classmate" in box.text()
    assert services.library.get("toy") is None  # nothing before the learner says so
    [install] = [b for b in box.buttons() if b.text() == "&Install as unverified"]
    install.click()
    installed = services.library.get("toy")
    assert installed is not None and not installed.verified


def test_export_writes_an_archive_a_friend_can_import(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    getting = GettingCourses(window, services)
    toy = build_toy(tmp_path / "toy")
    trust(services, toy.key)
    getting.import_paths([toy.archive])
    window.library_view.refresh()
    out = tmp_path / "usb" / "toy-1.0.0.cartable"
    out.parent.mkdir()
    getting.export_to("toy", out)
    assert verify_path(out, [toy.public]).courses[0].course == toy.result.course
    said = window.statusBar().currentMessage()
    # Written on the stick itself here: no advice to copy it onto one.
    assert said.startswith(f"Saved as {isolated(str(out))} (") and "USB" not in said
    assert said.endswith("Another \u2068Cartable\u2069 can import it from there.")


def test_repair_fetches_a_damaged_file_again_from_the_catalog(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    course: RepoCourse = add_course(repo, random_files(3, 40 * KB, 6), key=key)
    trust(services, key)
    studying(window, services)
    _, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    controller.refresh_catalog()
    controller.download(controller.browse.find("maths"))  # type: ignore[union-attr]
    sha = next(iter(course.course.files()))
    services.library.blob_path(sha).write_bytes(b"\0" * 40 * KB)
    window.repair_course("maths")
    dialog = window.repair_dialog
    assert dialog is not None and dialog.from_catalog.isVisible()
    assert "Missing or damaged files: 1 of 3." in dialog.status.text()
    dialog.from_catalog.click()
    assert "Repaired: all 3 files of this course are intact again." in dialog.status.text()
    assert services.library.damaged_files("maths") == []
    dialog.close()


def test_a_new_key_needs_a_confirmation_and_the_institutions_stay(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, key: PrivateKey
) -> None:
    path = tmp_path / "publisher.pub"
    path.write_text(key.public.to_text() + "\n")
    dialog = SettingsDialog(services.context, None, window, choose_file=lambda _w: str(path))
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentIndex(2)
    demo = dialog.key_page.key_list.item(0)
    dialog.key_page.key_list.setCurrentItem(demo)
    assert "demo course" in demo.text() and not dialog.key_page.key_remove.isEnabled()
    dialog.key_page.key_add.click()
    box = dialog.key_page.confirm_box
    assert box is not None and key.public.key_id in box.text()
    assert "installed as verified, without any warning" in box.text()
    box.button(QMessageBox.StandardButton.No).click()
    assert key.public.key_id not in [k.key_id for k in services.context.trust.trusted()]
    dialog.key_page.key_add.click()
    dialog.key_page.confirm_box.button(QMessageBox.StandardButton.Yes).click()  # type: ignore[union-attr]
    assert key.public.key_id in [k.key_id for k in services.context.trust.trusted()]
    dialog.key_page.key_list.setCurrentRow(dialog.key_page.key_list.count() - 1)
    assert dialog.key_page.key_remove.isEnabled()
    dialog.key_page.key_remove.click()
    assert key.public.key_id not in [k.key_id for k in services.context.trust.trusted()]


def test_a_course_asked_for_offline_downloads_when_the_network_is_back(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    runner,
    stoppers,
    tmp_path: Path,
    key: PrivateKey,
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 50 * KB, 7), key=key)
    trust(services, key)
    network = FakeNetwork()
    server = paced(repo, rate=2 * MB)
    port = server.port
    _, controller, view = downloads_page(window, services, runner, stoppers, server.url, network)
    course = wait_catalog(qtbot, controller).find("maths")
    server.stop()  # the catalog was read; now the learner is offline
    controller.downloads.session.close()  # and the open connections died with the link
    network.set(online=False)
    controller.download(course)
    qtbot.waitUntil(
        lambda: state_of(controller, "maths@1.0.0") is DownloadState.WAITING_FOR_NETWORK,
        timeout=20_000,
    )
    assert "cannot reach" in (controller.items["maths@1.0.0"].reason or "")
    assert view.rows["maths@1.0.0"].state.text().startswith("No network")
    server = paced(repo, rate=2 * MB, port=port)
    try:
        network.set(online=True)
        qtbot.waitUntil(lambda: services.library.get("maths") is not None, timeout=20_000)
        qtbot.waitUntil(lambda: not controller.items, timeout=5000)
    finally:
        server.stop()


def test_a_title_holding_a_placeholder_is_shown_as_written(qtbot) -> None:  # type: ignore[no-untyped-def]
    """%1 and %2 are filled in one pass (player.ui.i18n.fill): a title holding "%2" keeps it
    rather than taking the version in its place."""
    view = DownloadsView()
    qtbot.addWidget(view)
    view.show_item(
        DownloadItem(
            "promo@1.1.0", "promo", "Promo 50%2", "1.1.0", True, DownloadState.QUEUED, total=10
        )
    )
    row: DownloadRow = view.rows["promo@1.1.0"]
    assert row.title.text() == f"<b>{isolated('Promo 50%2')} — update to version 1.1.0</b>"


def test_a_download_refused_because_the_folder_cannot_lock_says_so_not_busy(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Not 'another Cartable is busy': waiting would never help on such a folder."""
    view = DownloadsView()
    qtbot.addWidget(view)
    reason = "/nfs/home/downloads.lock: this folder's file system cannot lock files (...)"
    view.show_item(item(0, 10, DownloadState.FAILED, reason=reason, failure=FailureKind.NO_LOCK))
    row: DownloadRow = view.rows["maths@1.1.0"]
    assert row.state.text() == (
        "Failed: the folder where \u2068Cartable\u2069 keeps its files cannot lock them (a network "
        "folder), "
        "so two downloads could damage each other's files. Keep the files of \u2068Cartable\u2069 "
        "on a disk of "
        "this computer."
    )
    assert row.state.toolTip() == reason


def test_enter_presses_the_focused_button_of_the_page_as_space_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The keyboard audit: on the Downloads page Enter did nothing (Pause of an interrupted
    download, Cancel, ← Library, Catalog, Settings… answered Space only), where Enter presses
    the focused button on every other page (the course view's, the library's Continue)."""
    view = DownloadsView()
    qtbot.addWidget(view)
    view.show_item(item(1_200_000, 3_400_000, DownloadState.QUEUED))  # interrupted, resumed
    view.show()
    qtbot.waitExposed(view)
    row: DownloadRow = view.rows["maths@1.1.0"]
    row.cancel_requested.disconnect()  # the question it asks is another test's
    pressed: list[str] = []
    view.pause_requested.connect(lambda _id: pressed.append("pause"))
    row.cancel_requested.connect(lambda _id: pressed.append("cancel"))
    view.back_requested.connect(lambda: pressed.append("library"))
    view.catalog_requested.connect(lambda: pressed.append("catalog"))
    view.settings_requested.connect(lambda: pressed.append("settings"))
    for button in (row.toggle, row.cancel, view.back, view.catalog_button, view.settings_button):
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Return)
    assert pressed == ["pause", "cancel", "library", "catalog", "settings"]
