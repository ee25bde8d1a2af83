"""Help's diagnostic report says what support needs about getting courses (u3: its "Last
problems" held only Qt's multimedia noise): the catalogs with their state and the date of their
copy, the trusted keys, the downloads with what they failed on, and a refused download or import
as one logged line (kind, course, key). Real catalog server, real keys, the real log setup."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from player.course.signing import PrivateKey
from player.library.catalogs import CACHE_FOLDER
from player.ui.help_dialog import HelpDialog
from player.ui.logging_setup import LogSetup, RecentProblems, setup_logging
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from sync.catalog import _CatalogCache
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.faultserver import FaultServer
from tests.ui.downloads_support import KB, attach
from tests.ui.test_learner_walkthrough import studying


@pytest.fixture
def logs(tmp_path: Path) -> Iterator[LogSetup]:
    setup = setup_logging(tmp_path / "logs")
    yield setup
    setup.close()


def helped(services: ShellServices, logs: LogSetup) -> ShellServices:
    """The services with the log's recent problems, as the app makes them."""
    return ShellServices(
        services.context, services.store, services.tasks, services.translations, logs
    )


def section(report: str, title: str) -> list[str]:
    """The rows of `title (n):` in the report, up to the blank line."""
    lines = [*report.splitlines(), ""]
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{title} ("))
    end = lines.index("", start)
    return [line.strip() for line in lines[start + 1 : end]]


def test_a_download_refused_for_its_key_is_in_the_report_with_its_catalog_and_the_keys(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, logs: LogSetup
) -> None:
    stranger = PrivateKey.generate()
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 9), key=stranger)
    server = FaultServer(repo).start()
    try:
        studying(window, services)
        getting, controller = attach(window, services)
        controller.downloads.catalogs.add(server.url)
        getting.show_catalog()
        view = getting.catalog_view
        assert view is not None and view.action.isEnabled()
        view.action.click()  # synchronous runner: prepared and refused now
        QApplication.processEvents()
        [item] = controller.items.values()
        assert item.failure is not None and item.failure.value == "trust"
    finally:
        server.stop()
    browse = controller.browse
    assert browse is not None
    fetched = browse.listings[0].result.fetched_at  # type: ignore[union-attr]

    dialog = HelpDialog(helped(services, logs), "en", window, support=window.support_facts)
    qtbot.addWidget(dialog)
    report = dialog.copy_report()
    assert section(report, "Catalogs") == [
        f"{server.url} (user): fresh, copy of {fetched:%Y-%m-%d %H:%M} UTC"
    ]
    keys = section(report, "Trusted keys")
    demo = [k for k in services.context.trust.trusted() if k.origin == "demo"]
    assert demo and keys == [
        f"{k.key_id} “Cartable demo course (les-mooc only)” (demo, only les-mooc)" for k in demo
    ]
    assert stranger.public.key_id not in "\n".join(keys)
    assert section(report, "Downloads") == ["maths 1.0.0: failed (trust)"]
    [refused] = [line for line in section(report, "Last problems") if " refused: " in line]
    assert refused.split(" ", 2)[2].startswith(
        "WARNING player.ui.downloads_controller: download refused: trust; course maths@1.0.0; "
        f"key {stranger.public.key_id}: "
    )


def test_an_import_refused_for_its_key_is_logged_for_the_report(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, logs: LogSetup
) -> None:
    stranger = PrivateKey.generate()
    repo = tmp_path / "usb"
    add_course(repo, random_files(1, 10 * KB, 2), key=stranger)
    studying(window, services)
    getting, _ = attach(window, services)
    getting.import_paths([repo])
    QApplication.processEvents()
    assert isinstance(getting.message_box, QMessageBox) and getting.message_box.isVisible()
    dialog = HelpDialog(helped(services, logs), "en", window, support=window.support_facts)
    qtbot.addWidget(dialog)
    report = dialog.copy_report()
    [refused] = [line for line in section(report, "Last problems") if " refused: " in line]
    assert refused.split(" ", 2)[2].startswith(
        "WARNING player.ui.import_controller: import refused: UntrustedKey; course usb; "
        f"key {stranger.public.key_id}: "
    )
    assert "\nDownloads (0):\n  none\n" in report  # started, none: not "not started"


def test_without_downloads_the_report_says_so_and_still_lists_catalogs_and_keys(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, logs: LogSetup
) -> None:
    services.context.settings.catalogs.append("http://127.0.0.1:9/")
    for _ in range(3):
        logging.getLogger("qt.default").warning("No audio device detected")
    dialog = HelpDialog(helped(services, logs), "en", window)
    qtbot.addWidget(dialog)
    report = dialog.copy_report()
    assert section(report, "Catalogs") == ["http://127.0.0.1:9/ (user): not fetched yet"]
    assert "\nDownloads: not started\n" in report
    [audio] = section(report, "Last problems")
    assert audio.count("No audio device detected") == 1
    assert "WARNING qt.default: No audio device detected (×3, last " in audio


def test_qt_noise_logged_many_times_does_not_push_a_refusal_out_of_the_last_problems(  # type: ignore[no-untyped-def]
    logs: LogSetup,
) -> None:
    """r5: a refusal, then 60 "No audio device detected" and 20 FFmpeg warnings (a learner
    opening videos): the 50 lines kept were all Qt's, the refusal was gone. Merged as they
    arrive, they take two places."""
    refusal = "download refused: trust; course maths@1.0.0; key 0123456789abcdef: not trusted"
    logging.getLogger("player.ui.downloads_controller").warning(refusal)
    for i in range(60):
        logging.getLogger("qt.default").warning("No audio device detected")
        if i % 3 == 0:
            logging.getLogger("qt.qt.multimedia").warning("QFFmpeg::Demuxer received AVPacket")
    refused, demuxer, audio = logs.recent.lines  # least recently seen first
    assert refused.endswith(f"WARNING player.ui.downloads_controller: {refusal}")
    assert "WARNING qt.default: No audio device detected (×60, last " in audio
    assert "QFFmpeg::Demuxer received AVPacket (×20, last " in demuxer


def test_the_last_problems_keep_the_most_recently_seen_different_messages() -> None:
    recent = RecentProblems(capacity=3)
    log = logging.getLogger("cartable.test.recent")
    log.addHandler(recent)
    try:
        for word in ("a", "b", "c", "a", "d"):  # "a" seen again: "b" is the least recent
            log.warning("problem %s", word)
    finally:
        log.removeHandler(recent)
    messages = [line.split(" ", 2)[2] for line in recent.lines]
    assert messages[0] == "WARNING cartable.test.recent: problem c"
    assert messages[1].startswith("WARNING cartable.test.recent: problem a (×2, last ")
    assert messages[2] == "WARNING cartable.test.recent: problem d"


def test_qt_messages_differing_only_by_numbers_take_one_place_in_the_last_problems() -> None:
    """Qt names an object by its address, a frame by its number: each was a new entry, and 50
    of them pushed the refusal out. Merged, the first text kept; our own messages keep their
    numbers apart (two versions refused are two problems)."""
    recent = RecentProblems(capacity=4)
    loggers = [logging.getLogger(name) for name in ("player.test.recent", "qt")]
    for log in loggers:
        log.addHandler(recent)  # "qt.default" logs through "qt"
    ours, qt = loggers
    qt_default = logging.getLogger("qt.default")
    try:
        ours.warning("download refused: course maths@1.0.0")
        ours.warning("download refused: course maths@1.1.0")
        for n in range(60):
            qt_default.warning(
                "QObject::connect: Cannot queue arguments of type 0x%x", 0x55D3C8 + n
            )
            qt.warning("QFFmpeg: frame %d arrived late by %d ms", 100 + n, n % 7)
    finally:
        for log in loggers:
            log.removeHandler(recent)
    messages = [line.split(" ", 2)[2] for line in recent.lines]
    assert messages[:2] == [
        "WARNING player.test.recent: download refused: course maths@1.0.0",
        "WARNING player.test.recent: download refused: course maths@1.1.0",
    ]
    assert messages[2].startswith(
        "WARNING qt.default: QObject::connect: Cannot queue arguments of type 0x55d3c8 (×60, last "
    )
    assert messages[3].startswith("WARNING qt: QFFmpeg: frame 100 arrived late by 0 ms (×60, last ")


def test_qt_messages_differing_only_by_a_size_or_a_duration_take_one_place() -> None:
    """Review r12 #8: "1920x1080" and "40ms" were no numbers (a letter touched them): Windows'
    setGeometry warning, logged at each move of a window, took one place per size, and
    FFmpeg's late frames one per delay."""
    recent = RecentProblems(capacity=10)
    qt = logging.getLogger("qt.qt.qpa.windows")
    qt.addHandler(recent)
    geometry = (
        'QWindowsWindow::setGeometry: Unable to set geometry %s (frame: %s) on QWidgetWindow/"'
        'MainWindowClassWindow" on "DELL U2415". Resulting geometry: %s (frame: %s) margins: '
        "11, 45, 11, 11)"
    )
    try:
        qt.warning(
            geometry, "1920x1080+0+0", "1942x1136-11-45", "1920x1049+0+23", "1942x1105-11-45"
        )
        qt.warning(
            geometry, "1280x720+320+180", "1302x776+309+135", "1280x713+320+187", "1302x769+309+142"
        )
        qt.warning("QFFmpeg: frame 12 arrived late by 40ms")
        qt.warning("QFFmpeg: frame 13 arrived late by 55ms")
        qt.warning("Using Qt multimedia with FFmpeg version 6.1.1 LGPL version 2.1 or later")
        qt.warning("Using Qt multimedia with FFmpeg version 7.0.2 LGPL version 2.1 or later")
    finally:
        qt.removeHandler(recent)
    messages = [line.split(" ", 2)[2] for line in recent.lines]
    assert len(messages) == 4, messages  # two versions are two problems
    assert "geometry 1920x1080+0+0 (frame: 1942x1136-11-45)" in messages[0]
    assert "(×2, last " in messages[0]
    assert messages[1].startswith(
        "WARNING qt.qt.qpa.windows: QFFmpeg: frame 12 arrived late by 40ms (×2, last "
    )


def test_qt_messages_about_different_files_or_versions_stay_apart_in_the_last_problems() -> None:
    """r3: every digit was a number to merge, those of a file's name and a course's version
    too: Qt's errors on unit1.mp4 and unit2.mp4 of maths-1.0.0 and unit7.mp4 of maths-2.0.0
    took one place, the first file named. A number standing alone still merges, a decimal
    and a negative one included."""
    recent = RecentProblems(capacity=10)
    qt = logging.getLogger("qt.qt.multimedia")
    qt.addHandler(recent)
    opened = [
        "file:///c/maths-1.0.0/unit1.mp4",
        "file:///c/maths-1.0.0/unit2.mp4",
        "file:///c/maths-2.0.0/unit7.mp4",
        "file:///c/maths-2.0.0/unit-7.mp4",
    ]
    try:
        for url in opened:
            qt.warning("Could not open %s", url)
        for n in range(5):
            qt.warning("QFFmpeg: frame %d late by %.1f ms (%.6f)", n, n / 2, -n - 1)
    finally:
        qt.removeHandler(recent)
    messages = [line.split(" ", 2)[2] for line in recent.lines]
    assert messages[:4] == [f"WARNING qt.qt.multimedia: Could not open {url}" for url in opened]
    assert messages[4].startswith(
        "WARNING qt.qt.multimedia: QFFmpeg: frame 0 late by 0.0 ms (-1.000000) (×5, last "
    )
    assert len(messages) == 5


def test_a_damaged_date_of_a_catalog_copy_does_not_stop_the_report_from_copying(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, logs: LogSetup
) -> None:
    """r5 #7: a copy received "0001-01-01T00:00:00+05:00" (a damaged file) has no UTC time:
    OverflowError, and "Copy report" copied nothing. The date is shown as written."""
    url = "https://lab.example/"
    services.context.settings.catalogs.append(url)
    cache = _CatalogCache(services.context.paths.cache / CACHE_FOLDER, url)
    cache.store(json.dumps({"format": 1, "title": "T", "courses": []}).encode(), None)
    meta = {"source": url, "etag": None, "fetched_at": "0001-01-01T00:00:00+05:00"}
    cache.meta_path.write_text(json.dumps(meta), encoding="utf-8")
    dialog = HelpDialog(helped(services, logs), "en", window)
    qtbot.addWidget(dialog)
    report = dialog.copy_report()
    assert section(report, "Catalogs") == [
        f"{url} (user): not fetched yet, copy of 0001-01-01T00:00:00+05:00"
    ]
    assert QApplication.clipboard().text() == report


def test_catalogs_that_cannot_be_read_are_one_line_and_the_report_still_copies(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, logs: LogSetup, monkeypatch
) -> None:
    def unreadable(*args: object, **kwargs: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("player.ui.help_dialog.support_facts", unreadable)
    dialog = HelpDialog(helped(services, logs), "en", window)
    qtbot.addWidget(dialog)
    report = dialog.copy_report()
    assert "\nCatalogs: could not be read (OSError: [Errno 5] Input/output error)\n" in report
    assert "\nLast problems (" in report


def test_the_report_copied_says_what_happened_while_help_was_open(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, logs: LogSetup, tmp_path: Path
) -> None:
    """r3: Help is left open while the work goes on behind it; Copy report rebuilt only the
    Branding lines, so a download refused, a course installed meanwhile were not in it."""
    dialog = HelpDialog(helped(services, logs), "en", window)
    qtbot.addWidget(dialog)
    opened = dialog.copy_report()
    refusal = "download refused: trust; course maths@1.0.0; key 0123456789abcdef: not trusted"
    logging.getLogger("player.ui.downloads_controller").warning(refusal)
    add_course(tmp_path / "teacher", random_files(1, 10 * KB, 3), key=None, title="Notes")
    services.library.install_folder(tmp_path / "teacher", allow_unsigned=True)
    report = dialog.copy_report()
    assert not any(refusal in line for line in section(opened, "Last problems"))
    assert any(line.endswith(refusal) for line in section(report, "Last problems"))
    added = "maths 1.0.0 (unverified, from "
    assert not any(line.startswith(added) for line in section(opened, "Courses"))
    assert any(line.startswith(added) for line in section(report, "Courses"))
    assert QApplication.clipboard().text() == report


def test_help_opened_from_the_window_says_the_running_downloads(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """r5 #8: Help found the downloads by searching the window's children for the controller;
    the window is given them, typed, when they start (as `refetch_files`)."""
    studying(window, services)
    window.show_help()
    assert window.help_dialog is not None
    assert "\nDownloads: not started\n" in window.help_dialog.diagnostics.report()
    window.help_dialog.close()
    _getting, controller = attach(window, services)
    assert window.support_facts == controller.support_facts
    window.show_help()
    assert window.help_dialog is not None
    assert "\nDownloads (0):\n  none\n" in window.help_dialog.diagnostics.report()
    window.help_dialog.close()


def test_help_opened_before_the_downloads_start_copies_them_once_started(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Review r12 #9: the window's running downloads were read when Help opened, None in the
    first second after the window shows: Help left open copied "Downloads: not started" and
    the disk's catalogs for good. They are asked at each copy."""
    studying(window, services)
    window.show_help()
    dialog = window.help_dialog
    assert dialog is not None
    assert "\nDownloads: not started\n" in dialog.copy_report()
    attach(window, services)  # the downloads start, Help still open
    assert "\nDownloads (0):\n  none\n" in dialog.copy_report()
    dialog.close()
