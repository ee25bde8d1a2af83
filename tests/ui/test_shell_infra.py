"""The shell's plumbing: the task runner, the error hook, logs without secrets, Help's report,
the colour scheme and the sizes (1280x720, 200% scaling)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from player import __version__
from player.settings import load_settings
from player.ui import window_geometry
from player.ui.errors import ErrorReporter
from player.ui.getting_courses import GettingCourses
from player.ui.help_dialog import HelpDialog
from player.ui.logging_setup import setup_logging
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.tasks import SyncRunner, ThreadPoolRunner
from player.ui.theme import Theme, colors_for
from tests.support import ROOT
from tests.ui.conftest import HEIGHT, WIDTH

# -- task runner ------------------------------------------------------------------------------


def test_thread_pool_runs_off_the_ui_thread_and_answers_on_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    runner = ThreadPoolRunner(max_threads=2)
    main = threading.get_ident()
    seen: dict[str, int] = {}
    results: list[int] = []

    def work() -> int:
        seen["work"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["done"] = threading.get_ident()
        results.append(value)

    runner.run_task(work, done)
    qtbot.waitUntil(lambda: results == [42])
    assert seen["work"] != main and seen["done"] == main

    failures: list[BaseException] = []

    def broken() -> int:
        raise OSError("disk gone")

    runner.run_task(broken, results.append, lambda exc: failures.append(exc))
    qtbot.waitUntil(lambda: len(failures) == 1)
    assert isinstance(failures[0], OSError) and results == [42]
    assert runner.wait_idle(1000)


class _Held(QObject):
    """A parentless QObject its Python wrapper owns, as a view a task's closure holds: says on
    which thread it was destroyed."""

    def __init__(self, destroyed_on: list[str]) -> None:
        super().__init__()
        self.destroyed_on = destroyed_on

    def __del__(self) -> None:
        self.destroyed_on.append(threading.current_thread().name)


def _start(runner: ThreadPoolRunner, gate: threading.Event, fails: bool, log: list[str]) -> None:
    """A task whose function and callbacks each hold a _Held that nothing else holds once this
    returns (the caller drops its references while the task runs)."""
    by_fn, by_done, by_failed = _Held(log), _Held(log), _Held(log)

    def work() -> int:
        gate.wait(30)
        if fails:
            raise OSError(f"disk gone ({by_fn is not None})")
        return 1

    runner.run_task(
        work,
        lambda _: log.append(f"done {by_done is not None}"),
        lambda _: log.append(f"failed {by_failed is not None}"),
    )


@pytest.mark.parametrize("fails", [False, True])
def test_what_a_task_holds_is_released_on_the_ui_thread(qtbot, fails: bool) -> None:  # type: ignore[no-untyped-def]
    """The worker kept the function and the callbacks (the one not called, always) until it
    let go of the task: when that was their last reference, the Qt objects they held (a view)
    were destroyed on the worker, off their thread, as a worker's garbage collection did."""
    runner, gate, log = ThreadPoolRunner(1), threading.Event(), []
    _start(runner, gate, fails, log)
    gate.set()
    qtbot.waitUntil(lambda: len(log) == 4, timeout=10_000)
    assert runner.wait_idle(10_000)
    main = threading.main_thread().name
    assert sorted(log) == sorted([main] * 3 + [f"{'failed' if fails else 'done'} True"])


def test_sync_runner_answers_at_once() -> None:
    runner = SyncRunner()
    out: list[object] = []
    runner.run_task(lambda: 1, out.append)
    runner.run_task(lambda: 1 / 0, out.append, out.append)
    assert out[0] == 1 and isinstance(out[1], ZeroDivisionError) and runner.ran == 2


# -- errors and logs --------------------------------------------------------------------------


@pytest.fixture
def logs(tmp_path: Path):  # type: ignore[no-untyped-def]
    setup = setup_logging(tmp_path / "logs")
    yield setup
    setup.close()


def test_unexpected_exception_is_logged_shown_and_the_app_goes_on(
    qtbot,  # type: ignore[no-untyped-def]
    logs,  # type: ignore[no-untyped-def]
) -> None:
    reporter = ErrorReporter()
    try:
        raise ValueError("bad unit id 'x'")
    except ValueError as exc:
        reporter.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    box = reporter.dialog
    assert isinstance(box, QMessageBox)
    assert box.windowTitle() == "Unexpected problem"
    assert "\u2068Cartable\u2069 keeps running" in box.text()
    assert box.informativeText() == "ValueError: bad unit id 'x'"
    assert "Traceback" in box.detailedText()
    # a second failure while the box is open is counted in it, not a second window
    try:
        raise KeyError("again")
    except KeyError as exc:
        reporter.handle(type(exc), exc, exc.__traceback__)
    qtbot.waitUntil(lambda: "and 1 more" in box.informativeText())
    box.close()
    text = logs.file.read_text(encoding="utf-8")
    assert "unexpected error: ValueError: bad unit id 'x'" in text and "Traceback" in text
    assert any("KeyError" in line for line in logs.recent.lines)


@pytest.mark.qt_no_exception_capture
def test_exceptions_in_slots_and_threads_reach_the_dialog(qtbot, logs) -> None:  # type: ignore[no-untyped-def]
    reporter = ErrorReporter()
    reporter.install()
    try:

        def slot() -> None:
            raise RuntimeError("from a slot")

        QTimer.singleShot(0, slot)
        qtbot.waitUntil(lambda: reporter.handled == 1)
        thread = threading.Thread(target=lambda: 1 / 0)
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: reporter.handled == 2)
        qtbot.waitUntil(lambda: reporter.dialog is not None)
        assert reporter.dialog is not None
        assert reporter.dialog.informativeText().startswith("RuntimeError: from a slot")
        reporter.dialog.close()
    finally:
        reporter.uninstall()
    assert sys.excepthook is not reporter.excepthook
    assert "ZeroDivisionError" in logs.file.read_text(encoding="utf-8")


def test_logs_never_hold_a_secret(logs) -> None:  # type: ignore[no-untyped-def]
    log = logging.getLogger("cartable.test")
    log.warning("profile created with pin=4821")
    log.warning('account {"password": "hunter22", "user": "awa"}')
    log.warning("GET https://awa:s3cr3tpass@lrs.example.org/xAPI/statements")
    log.warning("header Authorization: Basic YXdhOnMzY3IzdA==")
    log.warning("refresh token: eyJhbGciOi.abc")
    try:
        raise PermissionError("secret=topsecretvalue refused")
    except PermissionError:
        log.exception("lrs failed")
    text = logs.file.read_text(encoding="utf-8")
    for secret in ("4821", "hunter22", "s3cr3tpass", "YXdhOnMzY3IzdA", "eyJhbGciOi", "topsecret"):
        assert secret not in text, secret
        assert all(secret not in line for line in logs.recent.lines)
    assert '"user": "awa"' in text, "only the secrets go"


def test_logs_rotate(tmp_path: Path) -> None:
    setup = setup_logging(tmp_path / "logs")
    try:
        handler = setup.handlers[0]
        handler.maxBytes = 2000  # type: ignore[attr-defined]
        for n in range(200):
            logging.getLogger("cartable.test").warning("line %d %s", n, "x" * 50)
    finally:
        setup.close()
    files = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert files[:3] == ["cartable.log", "cartable.log.1", "cartable.log.2"]
    assert len(files) <= 6, "five old files at most"


# -- help -------------------------------------------------------------------------------------


def test_help_copies_a_report_with_versions_paths_and_last_problems_but_no_learner(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
) -> None:
    setup = setup_logging(tmp_path / "logs")
    try:
        helped = ShellServices(
            services.context, services.store, services.tasks, services.translations, setup
        )
        services.profiles.add("Awa Diallo", "fr", pin="4821")
        logging.getLogger("cartable.test").error("could not open the narration")
        dialog = HelpDialog(helped, "fr", window)
        qtbot.addWidget(dialog)
        report = dialog.copy_report()
    finally:
        setup.close()
    assert QGuiApplication.clipboard().text() == report
    assert f"Cartable {__version__}" in report
    assert f"PySide6 {__import__('PySide6').__version__}" in report
    assert str(services.context.paths.database) in report
    assert "les-mooc 1.0.3 (verified" in report
    assert "Profiles: 1" in report
    assert "could not open the narration" in report
    assert "Awa" not in report and "4821" not in report
    assert str(setup.file) in dialog.text.toPlainText(), "Help says where the logs are"
    assert str(services.context.paths.data) in dialog.text.toPlainText()


def test_f1_opens_help(qtbot, window: MainWindow, services: ShellServices) -> None:  # type: ignore[no-untyped-def]
    services.profiles.add("Awa", "en")
    window.start()
    window.help_action.trigger()
    assert window.help_dialog is not None and window.help_dialog.isVisible()
    assert window.help_action.shortcut().toString() == "F1"
    window.help_dialog.close()


def test_enter_closes_help_and_copies_nothing(
    qtbot, window: MainWindow, services: ShellServices
) -> None:  # type: ignore[no-untyped-def]
    """Close is Help's default button: Enter closes it (it copied the diagnostic report, the
    default and focused button, and Help stayed open). The report is copied on purpose: Tab to
    its button, then Enter or Space."""
    services.profiles.add("Awa", "en")
    window.start()
    QGuiApplication.clipboard().setText("what the learner copied")
    window.show_help()
    dialog = window.help_dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == "what the learner copied"
    assert not dialog.isVisible()

    window.show_help()
    dialog = window.help_dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.text)  # the arrows scroll it
    assert dialog.close_button.isDefault()
    dialog.copy_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.copied.text() == "Copied to the clipboard."
    assert "Cartable" in QGuiApplication.clipboard().text()
    dialog.close()


def help_keys(window: MainWindow) -> str:
    window.help_action.trigger()
    dialog = window.help_dialog
    assert dialog is not None
    text = dialog.text.toPlainText()
    dialog.close()
    return text


def test_help_lists_every_shortcut_of_the_window(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Built from the window's actions, Help's keyboard list cannot leave one out again (it
    had no Ctrl+D, Ctrl+K, Ctrl+J, Ctrl+O, Ctrl+E or Ctrl+,); the views' own keys too."""
    services.profiles.add("Awa", "en")
    GettingCourses(window, services)  # catalog, downloads, import, export, settings
    window.start()
    window.open_course("les-mooc")  # the course view's keys: Alt+Left/Right, F6
    window.show_library()
    text = help_keys(window)
    lines = text.splitlines()
    for keys in ("Ctrl+D", "Ctrl+K", "Ctrl+J", "Ctrl+O", "Ctrl+E", "Ctrl+,", "Ctrl+L", "F1"):
        assert keys in text
    native = QKeySequence.SequenceFormat.NativeText
    actions = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert len(actions) >= 8  # Quit too where the platform has a key for it
    for action in actions:
        keys = action.shortcut().toString(native)
        name = action.text().replace("&", "").rstrip("\u2026")
        assert keys in lines, name
        assert lines[lines.index(keys) + 1].endswith(name), "the keys, then what they do"
    for shortcut in window.findChildren(QShortcut):
        keys = shortcut.key().toString(native)
        if keys != "Esc":  # Escape cancels, as everywhere
            assert keys in text, keys


def test_help_lists_the_keys_that_make_a_reading_larger_or_zoom_a_slide(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow
) -> None:
    lines = help_keys(window).splitlines()
    assert "Ctrl++ / Ctrl+-" in lines
    assert "reading" in lines[lines.index("Ctrl++ / Ctrl+-") + 1]


def test_help_lists_the_key_of_a_videos_transcript(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    lines = help_keys(window).splitlines()
    assert "T" in lines
    assert "transcript" in lines[lines.index("T") + 1]


# -- theme and sizes --------------------------------------------------------------------------


def test_dark_scheme_gives_a_dark_readable_palette(qapp: QApplication) -> None:
    previous = os.environ.get("CARTABLE_COLOR_SCHEME")
    old_palette, old_sheet = qapp.palette(), qapp.styleSheet()
    os.environ["CARTABLE_COLOR_SCHEME"] = "dark"
    try:
        theme = Theme(qapp)
        window = qapp.palette().color(QPalette.ColorRole.Window)
        text = qapp.palette().color(QPalette.ColorRole.WindowText)
        assert theme.scheme == "dark" and window.lightness() < 60 and text.lightness() > 200
        theme.apply("light")
        assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 200
    finally:
        if previous is None:
            os.environ.pop("CARTABLE_COLOR_SCHEME", None)
        else:
            os.environ["CARTABLE_COLOR_SCHEME"] = previous
        qapp.setPalette(old_palette)
        qapp.setStyleSheet(old_sheet)


def test_the_player_starts_qt_in_the_style_its_theme_is_made_for() -> None:
    """`run_gui` makes the application with STYLE_ARGS instead of letting Theme set the style."""
    code = (
        "from PySide6.QtWidgets import QApplication\n"
        "from player.ui.theme import STYLE_ARGS\n"
        "app = QApplication(['cartable', *STYLE_ARGS])\n"
        "print(app.style().name())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "windows"}
    run = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip().lower() == "fusion"
    source = (ROOT / "player" / "app.py").read_text(encoding="utf-8")
    assert "QApplication([sys.argv[0], *STYLE_ARGS" in source and "set_style=False" in source


def _contrast(a: str, b: str) -> float:
    def luminance(color: str) -> float:
        from PySide6.QtGui import QColor

        c = QColor(color)

        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_colours_meet_wcag_contrast(scheme: str) -> None:
    c = colors_for(scheme)  # type: ignore[arg-type]
    assert _contrast(c.text, c.window) >= 7
    assert _contrast(c.text, c.base) >= 7
    for colour in (c.muted, c.good, c.bad, c.warn):
        assert _contrast(colour, c.base) >= 4.5, colour
    assert _contrast(c.accent_text, c.accent) >= 4.5


def test_every_page_fits_in_1280x720(qtbot, window: MainWindow, services: ShellServices) -> None:  # type: ignore[no-untyped-def]
    window.start()
    pages = [window.stack.currentWidget()]
    window.profile_page.name.setText("Awa")  # type: ignore[union-attr]
    window.profile_page.create()  # type: ignore[union-attr]
    pages.append(window.stack.currentWidget())
    window.open_course("les-mooc", "definition-video")
    pages.append(window.stack.currentWidget())
    for page in pages:
        hint = window.minimumSizeHint()
        assert hint.width() <= WIDTH and hint.height() <= HEIGHT, (page.objectName(), hint)
        assert page.minimumSizeHint().width() <= WIDTH


def test_the_window_never_gets_too_small_to_read_and_fits_an_800x500_screen(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Made 400x300, the window stays big enough for whole buttons (it had no minimum: the
    library page went down to 384x156, buttons cut at 400x300), and its minimum still fits a
    small screen (800x500 was fine).

    Each check is retried until the layouts have settled: QMainWindow gives its central widget
    its geometry through a QPropertyAnimation (Fusion's widget animation, 0 ms when not
    animated) run by Qt's animation timer, so the page's size, and the window's minimum after
    it, come on a timer tick that processEvents() does not wait for (a 1 ms wait saw the quiz's
    buttons cut at 731 px, then the minimum grow to 794 px on the tick)."""
    profile = services.profiles.add("Awa", "fr")
    services.context.settings.last_profile = profile.id
    window.start()
    assert window.stack.currentWidget() is window.library_view
    metrics = window.fontMetrics()

    def check(page: str) -> None:
        window.resize(400, 300)

        def small_and_whole() -> None:
            size = window.size()
            asked = QSize(400, 300).expandedTo(window.minimumSize())
            assert size == asked, (page, size, window.minimumSize())  # the resize has come
            assert size.width() >= 100 * metrics.averageCharWidth(), (page, size)
            assert size.height() >= 24 * metrics.height(), (page, size)
            cut = [
                (b.text(), b.width(), b.minimumSizeHint().width())
                for b in window.findChildren(QAbstractButton)
                if b.isVisible() and b.width() < b.minimumSizeHint().width()
            ]
            assert not cut, (page, size, cut)
            assert window.minimumSize().width() <= 800, (page, window.minimumSize())
            assert window.minimumSize().height() <= 500, (page, window.minimumSize())

        qtbot.waitUntil(small_and_whole, timeout=10_000)  # its last AssertionError on timeout

    check("library")
    window.open_course("les-mooc", "phenomene-quiz")
    assert window.course_view is not None and window.course_view.view is not None
    [start] = [
        b
        for b in window.course_view.view.findChildren(QAbstractButton)
        if b.objectName() == "primary" and b.isVisible()
    ]
    start.click()  # the quiz's first question: four choices and four buttons
    check("quiz")
    window.resize(WIDTH, HEIGHT)


SCALED = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["QT_SCALE_FACTOR"] = "2"
sys.path.insert(0, {root!r})
from PySide6.QtWidgets import QApplication
from player.app import build_services
from player.paths import user_paths
from player.ui.main_window import MainWindow
from player.ui.tasks import SyncRunner
from player.ui.theme import Theme
app = QApplication([])
services = build_services(app, user_paths().ensure(), SyncRunner(), backup_every=None)
Theme(app)
window = MainWindow(services)
window.resize(1280, 720)
window.show()
services.profiles.add("Awa", "fr")
window.start()
window.profile_page.open_selected()
sizes = [window.minimumSizeHint()]
window.open_course("les-mooc", "phenomene-diaporama")
app.processEvents()
sizes.append(window.minimumSizeHint())
image = window.grab()
assert image.save(sys.argv[1])
print(app.devicePixelRatio(), image.width(), image.height(),
      max(s.width() for s in sizes), max(s.height() for s in sizes))
window.close_course()
services.store.close()
"""


def test_200_percent_scaling_stays_usable(tmp_path: Path) -> None:
    """QT_SCALE_FACTOR=2 (read once, at start: a child process): a 1280x720 window in device-
    independent pixels, everything laid out inside it, drawn at twice the pixels."""
    shot = tmp_path / "scaled.png"
    env = {**os.environ, "CARTABLE_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-c", SCALED.format(root=str(ROOT)), str(shot)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    ratio, width, height, min_w, min_h = result.stdout.split()[-5:]
    assert float(ratio) == 2.0
    assert (int(width), int(height)) == (2 * WIDTH, 2 * HEIGHT)
    assert int(min_w) <= WIDTH and int(min_h) <= HEIGHT


# -- the window's place on the screen ---------------------------------------------------------


def _new_window(qtbot, services: ShellServices) -> MainWindow:  # type: ignore[no-untyped-def]
    """A window as the app opens one: placed before it is shown."""
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.place_on_screen()
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_window_frame_fits_the_screen(qtbot, services: ShellServices, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The window's frame, title bar included, stays inside the screen's available area: on a
    screen smaller than 1280x720 and its frame it opens maximized (it had the inside of the
    window sized to the whole screen, the title bar pushing the status bar 20 px off the
    bottom at 1280x720 and 1024x600); on a bigger one it is centred with room for the frame."""
    available = QGuiApplication.primaryScreen().availableGeometry()  # 800x800 offscreen
    window = _new_window(qtbot, services)
    assert window.isMaximized()
    qtbot.waitUntil(lambda: available.contains(window.frameGeometry()))  # the state applies
    window.close()

    services.context.settings.window_geometry = ""  # as on a first start
    monkeypatch.setattr(window_geometry, "DEFAULT_SIZE", QSize(740, 560))  # this screen holds it
    window = _new_window(qtbot, services)
    assert not window.isMaximized() and window.size() == QSize(740, 560)
    assert available.contains(window.frameGeometry()), (window.frameGeometry(), available)


def test_the_window_opens_where_the_learner_left_it(qtbot, services: ShellServices) -> None:  # type: ignore[no-untyped-def]
    """Its place and size are kept in the settings file between runs, and so is maximized."""
    window = _new_window(qtbot, services)
    window.showNormal()
    window.setGeometry(30, 40, 760, 540)
    qtbot.wait(1)
    window.close()

    services.context.settings = load_settings(services.context.paths.settings_file)  # restart
    assert services.context.settings.window_geometry
    window = _new_window(qtbot, services)
    assert not window.isMaximized()
    assert window.geometry() == QRect(30, 40, 760, 540)
    window.showMaximized()
    window.close()

    services.context.settings = load_settings(services.context.paths.settings_file)
    assert _new_window(qtbot, services).isMaximized()


def test_the_saved_frame_is_read_from_the_bytes_qt_wrote(qtbot, services: ShellServices) -> None:  # type: ignore[no-untyped-def]
    """`saved_frame` reads saveGeometry()'s header itself (no QDataStream at start): the frame
    Qt recorded, at any place, negative ones included; short or foreign bytes are none."""
    window = _new_window(qtbot, services)
    window.showNormal()
    for x, y in ((30, 40), (-300, -20)):
        window.setGeometry(x, y, 760, 540)
        qtbot.wait(1)
        data = window.saveGeometry().data()
        assert window_geometry.saved_frame(data) == window.frameGeometry()
        assert window_geometry.saved_frame(data[:23]) is None
        assert window_geometry.saved_frame(b"\x00" + data[1:]) is None
    window.close()


def test_a_place_on_a_screen_that_is_gone_is_forgotten(qtbot, services: ShellServices) -> None:  # type: ignore[no-untyped-def]
    """A window left on a second monitor or a projector that is no longer there opens as a new
    one does (maximized on this small screen), not off every screen; damaged bytes too."""
    window = _new_window(qtbot, services)
    window.showNormal()
    window.setGeometry(5000, 3000, 760, 540)
    qtbot.wait(1)
    window.close()
    assert services.context.settings.window_geometry
    window = _new_window(qtbot, services)
    assert window.isMaximized() and window.geometry().x() < 800
    window.close()

    for damaged in ("not base64!", "AAAA"):
        services.context.settings.window_geometry = damaged
        window = _new_window(qtbot, services)
        assert window.isMaximized()
        window.close()


def test_help_lists_the_keys_of_a_course_card(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Delete and the card's menu (Menu, Shift+F10) are a card's own keys, no action's: Help,
    built from the actions, left them out (u4)."""
    lines = help_keys(window).splitlines()
    assert "Delete" in lines
    assert lines[lines.index("Delete") + 1] == "remove the chosen course, in the library"
    assert "Menu / Shift+F10" in lines
    assert lines[lines.index("Menu / Shift+F10") + 1] == "a course card's menu, in the library"
