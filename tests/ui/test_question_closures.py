"""Questions (message boxes) a parent of its own asks, closed, then the parent dropped: as
2d3cc98 found on the Downloads page, an answer given by a closure holding the parent, connected
to the box (the parent's child), was the last reference of a parent owned by Python once the
closed box was deleted; the parent went with it and deleted the box a second time: the process
died (SIGSEGV, "shared QObject was deleted directly"). A box never deleted kept such a parent
alive for ever instead (a leak). Each case runs in a child process, as a crash kills the
interpreter; it prints whether the parent was freed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Run `ask_and_close(how)` (the case's own), which returns a weak reference to the parent it
# made, then what Qt deletes later, then a collection: "survived freed" when all went well.
RUN = textwrap.dedent(
    """
    import gc, sys
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    app = QApplication([])

    def close(box, how, yes=None):
        if how == "escape":
            QTest.keyClick(box, Qt.Key.Key_Escape)
        elif how == "reject":
            box.reject()
        elif how == "yes":
            box.button(yes).click() if isinstance(yes, QMessageBox.StandardButton) else yes.click()

    {case}

    parent = ask_and_close(sys.argv[1])
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    print("survived", "alive" if parent() is not None else "freed", flush=True)
    """
)


def run(case: str, how: str, tmp_path: Path) -> None:
    """`case` defines `ask_and_close(how)`; it must neither crash nor keep its parent."""
    script = RUN.replace("{case}", textwrap.dedent(case))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env["CARTABLE_HOME"] = str(tmp_path / "home")
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", script, how, str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "survived freed"), done.stderr[-3000:]
    assert "deleted directly" not in done.stderr
    assert "Traceback" not in done.stderr, done.stderr[-3000:]


HOWS = ["escape", "reject", "yes", "open"]
"""Closed by Esc, by code (reject), by its accepting button; or left open."""


RECOVERY = """
    import weakref
    from pathlib import Path
    from player.store.store import Store
    from player.ui.records_damage import tell_recoveries

    def ask_and_close(how):
        database = Path(sys.argv[2]) / "records.sqlite3"
        Store.open(database, backup_every=None).close()
        database.write_bytes(b"garbage" * 1000)
        store = Store.open(database, backup_every=None)
        parent = QWidget()
        parent.show()
        tell_recoveries(store.untold_recoveries(), store, parent)
        (box,) = parent.findChildren(QMessageBox)
        close(box, how, QMessageBox.StandardButton.Ok)
        assert (store.untold_recoveries() == []) == (how != "open"), "not marked told"
        return weakref.ref(parent)
"""


@pytest.mark.parametrize("how", HOWS)
def test_a_parent_of_its_own_dropped_after_the_records_restored_box(
    how: str, tmp_path: Path
) -> None:
    """Before: killed (SIGSEGV, at times SIGBUS) once the box was closed (the closure that
    opened the next report's box held the parent); left open, the parent was kept."""
    run(RECOVERY, how, tmp_path)


WEB_LINK = """
    import weakref
    from types import SimpleNamespace
    from PySide6.QtCore import QUrl
    from player.ui.course_links import CourseLinks

    class Text(QWidget):
        \"\"\"A text's view as ReadingView wires its links: over itself, held by itself. (A real
        ReadingView holds itself through a closure of its own scroll bar: freed never.)\"\"\"

        def __init__(self):
            super().__init__()
            self.opened = []
            self.services = SimpleNamespace(open_url=self.opened.append)
            self.links = CourseLinks(self, self)

        def touch(self):
            pass

    def ask_and_close(how):
        parent = Text()
        parent.show()
        parent.links.follow(QUrl("https://example.org/a"))
        close(parent.links.question, how, QMessageBox.StandardButton.Open)
        assert parent.opened == (["https://example.org/a"] if how == "yes" else [])
        assert (parent.links.question is None) == (how != "open")
        return weakref.ref(parent)
"""


@pytest.mark.parametrize("how", HOWS)
def test_a_text_of_its_own_dropped_after_its_web_link_question(how: str, tmp_path: Path) -> None:
    """Before: the text was never freed (the question, never deleted, held a closure holding
    the links, which hold the text): every web link asked about kept its text for ever."""
    run(WEB_LINK, how, tmp_path)


TRUST_KEY = """
    import weakref
    from pathlib import Path
    from player.context import open_context
    from player.course.signing import PrivateKey
    from player.ui.settings_dialog import SettingsDialog

    def ask_and_close(how):
        context = open_context()
        public = PrivateKey.generate().public
        path = Path(sys.argv[2]) / "publisher.pub"
        path.write_text(public.to_text() + "\\n")
        dialog = SettingsDialog(context, None, None, choose_file=lambda _w: str(path))
        dialog.show()
        dialog.key_page.key_add.click()
        close(dialog.key_page.confirm_box, how, QMessageBox.StandardButton.Yes)
        trusted = public.key_id in [k.key_id for k in context.trust.trusted()]
        assert trusted == (how == "yes"), dialog.key_page.key_error.text()
        assert (dialog.key_page.confirm_box is None) == (how != "open")
        dialog.close()
        return weakref.ref(dialog)
"""


@pytest.mark.parametrize("how", HOWS)
def test_a_settings_dialog_of_its_own_dropped_after_the_trust_question(
    how: str, tmp_path: Path
) -> None:
    """Before: the dialog was never freed, kept by closures of its own lists and by the trust
    question's; with the lists' alone made methods, the question killed the process once
    closed (SIGSEGV), as the Downloads page's did."""
    run(TRUST_KEY, how, tmp_path)


WINDOW = """
    import weakref
    from player.app import build_services
    from player.paths import user_paths
    from player.ui.getting_courses import GettingCourses
    from player.ui.main_window import MainWindow
    from player.ui.tasks import SyncRunner
    from player.ui.theme import Theme

    def ask_and_close(how):
        Theme(app)  # as the application and the tests' windows are
        services = build_services(app, user_paths().ensure(), SyncRunner(), backup_every=None)
        window = MainWindow(services)
        window.resize(1280, 720)
        if how != "hidden":
            window.show()
        GettingCourses(window, services)  # its event filter on the window: drops, language
        QCoreApplication.processEvents()
        services.translations.clear()
        services.store.close()
        return weakref.ref(window)
"""


@pytest.mark.parametrize("how", ["hidden", "shown"])
def test_a_window_of_its_own_with_getting_courses_dropped(how: str, tmp_path: Path) -> None:
    """Before: the collection that freed the window ran GettingCourses.eventFilter on the
    window's destruction events after it had cleared the filter's attributes (AttributeError:
    no attribute 'window'); a window once shown then killed the process (SIGSEGV)."""
    run(WINDOW, how, tmp_path)


ASSESSMENT = """
    import weakref
    from pathlib import Path
    from player.ui.unit_view import create_unit_view
    from tests.ui.assessment_support import services_for
    from tests.ui.unit_support import Shell, install_demo, open_store

    def accept_button(box):
        (button,) = [
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        ]
        return button

    def open_view(unit_id):
        work = Path(sys.argv[2])
        library, course = install_demo(work / "demo")
        shell = Shell(library, course, open_store(work))
        view = create_unit_view(course.unit(unit_id), course, services_for(shell))
        view.resize(1000, 650)
        view.show()
        return view
"""

QUIZ_FINISH = (
    ASSESSMENT
    + """
    def ask_and_close(how):
        view = open_view("phenomene-quiz")
        view.start_attempt()
        view.finish()  # nothing answered: asks first
        close(view.confirmation, how, accept_button(view.confirmation))
        assert (view.pages.currentWidget() is view.results_page) == (how == "yes")
        assert (view.confirmation is None) == (how != "open")
        view.close_unit()
        return weakref.ref(view)
"""
)

EXAM_START = (
    ASSESSMENT
    + """
    def ask_and_close(how):
        view = open_view("enjeux-examen")
        view.start_button.click()
        close(view.confirmation, how, accept_button(view.confirmation))
        assert (view.pages.currentWidget() is view.exam_page) == (how == "yes")
        assert (view.confirmation is None) == (how != "open")
        view.close_unit()
        return weakref.ref(view)
"""
)


@pytest.mark.parametrize("how", HOWS)
def test_a_quiz_of_its_own_dropped_after_the_finish_question(how: str, tmp_path: Path) -> None:
    run(QUIZ_FINISH, how, tmp_path)


@pytest.mark.parametrize("how", HOWS)
def test_an_exam_of_its_own_dropped_after_the_start_question(how: str, tmp_path: Path) -> None:
    run(EXAM_START, how, tmp_path)


PROFILES = """
    import weakref
    from pathlib import Path
    from PySide6.QtWidgets import QFileDialog
    from player.store.store import Store
    from player.ui.form_dialog import FormDialog
    from player.ui.profiles_dialog import ProfilesDialog
    from player.ui.tasks import SyncRunner

    def open_dialog():
        store = Store.open(Path(sys.argv[2]) / "records.sqlite3", backup_every=None)
        awa = store.profiles.add("Awa", "en")
        store.profiles.add("Binta", "en")
        dialog = ProfilesDialog(store, awa.id, "en", tasks=SyncRunner())
        dialog.show()
        return dialog, store
"""

PROFILES_ALONE = (
    PROFILES
    + """
    def ask_and_close(how):
        dialog, store = open_dialog()
        dialog.list.setCurrentRow(1)  # the list's own signals
        if how == "yes":
            dialog.close_button.click()
        elif how == "reject":
            dialog.reject()
        return weakref.ref(dialog)
"""
)


@pytest.mark.parametrize("how", ["reject", "yes", "open"])
def test_a_profiles_dialog_of_its_own_dropped(how: str, tmp_path: Path) -> None:
    """Before: never freed, kept by the closures of its own list."""
    run(PROFILES_ALONE, how, tmp_path)


PROFILES_FORM = (
    PROFILES
    + """
    def ask_and_close(how):
        dialog, store = open_dialog()
        dialog.add_button.click()
        form = dialog.form
        form.inputs[0].setText("Chloé")
        close(form, how, form.ok)
        names = [p.name for p in store.profiles.all()]
        assert ("Chloé" in names) == (how == "yes"), names
        assert (dialog.form is None) == (how != "open")
        dialog.close()
        return weakref.ref(dialog)
"""
)


@pytest.mark.parametrize("how", HOWS)
def test_a_profiles_dialog_of_its_own_dropped_after_a_form(how: str, tmp_path: Path) -> None:
    run(PROFILES_FORM, how, tmp_path)


PROFILES_DELETE = (
    PROFILES
    + """
    def ask_and_close(how):
        dialog, store = open_dialog()
        dialog.list.setCurrentRow(1)
        dialog.delete_button.click()
        box = dialog.removal.question
        (skip,) = [
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
        ]
        close(box, how, skip)
        assert (dialog.removal.question is None) == (how != "open")
        assert (dialog.form is not None) == (how == "yes"), "the last question"
        if dialog.form is not None:
            dialog.form.reject()
        dialog.close()
        return weakref.ref(dialog)
"""
)


@pytest.mark.parametrize("how", HOWS)
def test_a_profiles_dialog_of_its_own_dropped_after_the_delete_question(
    how: str, tmp_path: Path
) -> None:
    run(PROFILES_DELETE, how, tmp_path)


PROFILES_EXPORT = (
    PROFILES
    + """
    def ask_and_close(how):
        dialog, store = open_dialog()
        saved = []
        dialog.removal.ask_export(dialog.selected(), then=lambda: saved.append(True))
        files = dialog.removal.file_dialog
        target = Path(sys.argv[2]) / "copy.json"
        if how == "yes":
            files.selectFile(str(target))
            files.accept()
        else:
            close(files, how)
        assert (target.is_file(), saved) == (how == "yes", [True] if how == "yes" else [])
        assert (dialog.removal.file_dialog is None) == (how != "open")
        dialog.close()
        return weakref.ref(dialog)
"""
)


@pytest.mark.parametrize("how", HOWS)
def test_a_profiles_dialog_of_its_own_dropped_after_the_copy_file_question(
    how: str, tmp_path: Path
) -> None:
    run(PROFILES_EXPORT, how, tmp_path)


QUIT_DURING_EXAM = """
    import weakref
    from player.app import build_services
    from player.paths import user_paths
    from player.ui.main_window import MainWindow
    from player.ui.tasks import SyncRunner
    from player.ui.theme import Theme

    def accept_button(box):
        (button,) = [
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        ]
        return button

    def ask_and_close(how):
        Theme(app)
        services = build_services(app, user_paths().ensure(), SyncRunner(), backup_every=None)
        window = MainWindow(services)
        window.resize(1280, 720)
        window.show()
        profile = services.profiles.add("Awa", "en")
        services.context.settings.last_profile = profile.id
        window.start()
        window.open_course("les-mooc", "enjeux-examen")
        exam = window.course_view.view
        exam.start_button.click()
        accept_button(exam.confirmation).click()
        QCoreApplication.processEvents()
        assert exam.runs_on
        window.menus.quit_action.trigger()
        box = window.quit_question
        close(box, how, accept_button(box))
        QCoreApplication.processEvents()
        assert (window.quit_question is None) == (how != "open")
        assert window.isVisible() == (how != "yes"), "Quit anyway closes the window"
        window.close_course()
        services.translations.clear()
        services.store.close()
        return weakref.ref(window)
"""


@pytest.mark.parametrize("how", HOWS)
def test_a_window_of_its_own_dropped_after_the_quit_question_of_a_running_exam(
    how: str, tmp_path: Path
) -> None:
    run(QUIT_DURING_EXAM, how, tmp_path)


GETTING = """
    import weakref
    from player.app import build_services
    from player.paths import user_paths
    from player.ui.getting_courses import GettingCourses
    from player.ui.main_window import MainWindow
    from player.ui.tasks import SyncRunner
    from player.ui.theme import Theme

    def accept_button(box):
        (button,) = [
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        ]
        return button

    def ask_and_close(how):
        Theme(app)
        services = build_services(app, user_paths().ensure(), SyncRunner(), backup_every=None)
        window = MainWindow(services)
        window.resize(1280, 720)
        window.show()
        getting = GettingCourses(window, services)
        held = ask(getting, how)
        if how == "open":
            # Left unanswered, hidden: a visible dialog deleted with a window under a collection
            # killed offscreen Qt at times (QCursor::pos from QDialog::~QDialog hiding it).
            held()
        QCoreApplication.processEvents()
        services.translations.clear()
        services.store.close()
        return weakref.ref(window)
"""

UNSIGNED = (
    GETTING
    + """
    def ask(getting, how):
        accepted = []
        getting.imports._ask_unsigned("course.cartable", lambda: accepted.append(True))
        box = getting.message_box
        close(box, how, accept_button(box))
        assert accepted == ([True] if how == "yes" else [])
        assert (getting.message_box is None) == (how != "open")
        return lambda: box.hide()
"""
)

TOLD = (
    GETTING
    + """
    def ask(getting, how):
        getting.tell(QMessageBox.Icon.Information, "Imported", "course.cartable")
        box = getting.message_box
        close(box, how, QMessageBox.StandardButton.Ok)
        assert (getting.message_box is None) == (how != "open")
        return lambda: box.hide()
"""
)

SETTINGS = (
    GETTING
    + """
    def ask(getting, how):
        getting.show_settings()
        dialog = getting.settings_dialog
        close(dialog, how, None) if how != "yes" else dialog.accept()
        assert (getting.settings_dialog is None) == (how != "open")
        return lambda: dialog.hide()
"""
)

SHARE = (
    GETTING
    + """
    def ask(getting, how):
        getting.show_share()
        dialog = getting.share_dialog
        close(dialog, how, None) if how != "yes" else dialog.close()
        assert (getting.share_dialog is None) == (how != "open")
        return lambda: dialog.hide()
"""
)


@pytest.mark.parametrize("how", HOWS)
def test_a_window_of_its_own_dropped_after_the_unsigned_course_question(
    how: str, tmp_path: Path
) -> None:
    run(UNSIGNED, how, tmp_path)


@pytest.mark.parametrize("case", [TOLD, SETTINGS, SHARE], ids=["told", "settings", "share"])
@pytest.mark.parametrize("how", HOWS)
def test_a_window_of_its_own_dropped_after_getting_courses_dialogs(
    case: str, how: str, tmp_path: Path
) -> None:
    run(case, how, tmp_path)


WINDOW_DIALOG = """
    import weakref
    from player.app import build_services
    from player.paths import user_paths
    from player.ui.main_window import MainWindow
    from player.ui.tasks import SyncRunner
    from player.ui.theme import Theme

    def ask_and_close(how):
        Theme(app)
        services = build_services(app, user_paths().ensure(), SyncRunner(), backup_every=None)
        window = MainWindow(services)
        window.resize(1280, 720)
        window.show()
        awa = services.profiles.add("Awa", "en")
        binta = services.profiles.add("Binta", "en")
        services.context.settings.last_profile = awa.id
        window.start()
        name, dialog, yes = open_dialog(window)
        assert getattr(window, name) is dialog
        close(dialog, how, yes)
        QCoreApplication.processEvents()
        assert (getattr(window, name) is None) == (how != "open")
        if how == "open":
            # Left unanswered, hidden: a visible dialog deleted with a window under a collection
            # killed offscreen Qt at times (QCursor::pos from QDialog::~QDialog hiding it).
            dialog.hide()
        else:
            expected = binta.id if (name, how) == ("profiles_dialog", "yes") else awa.id
            assert window.session.profile_id == expected
        window.close_course()
        services.translations.clear()
        services.store.close()
        return weakref.ref(window)
"""

MANAGE_PROFILES = """
    def open_dialog(window):
        window.profiles_action.trigger()
        dialog = window.profiles_dialog
        dialog.list.setCurrentRow(1)  # Binta, who has no PIN: Open switches at once
        return "profiles_dialog", dialog, dialog.open_button
"""

HELP = """
    def open_dialog(window):
        window.help_action.trigger()
        return "help_dialog", window.help_dialog, window.help_dialog.close_button
"""

REPAIR = """
    def open_dialog(window):
        window.check_action.trigger()  # the library's course, checked at once (SyncRunner)
        return "repair_dialog", window.repair_dialog, window.repair_dialog.close_button
"""


@pytest.mark.parametrize(
    "case", [MANAGE_PROFILES, HELP, REPAIR], ids=["manage profiles", "help", "repair"]
)
@pytest.mark.parametrize("how", HOWS)
def test_a_window_of_its_own_dropped_after_its_dialogs(case: str, how: str, tmp_path: Path) -> None:
    """Before: a window of its own was kept alive while Manage profiles, Help or Check and
    repair was open, by the closures over the window connected to the dialog (its child)."""
    run(WINDOW_DIALOG + case, how, tmp_path)
