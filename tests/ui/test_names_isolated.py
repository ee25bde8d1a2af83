"""A name written by others (a learner's, a course's, module's, unit's or question's title, a
catalog's, a publisher's, a key's comment, a file's, the institution's) put into a sentence of
the interface is isolated (U+2068 FSI ... U+2069 PDI): an Arabic name left bare takes the
neutral characters around it ("?", "«", ":", a bracket) into its own right-to-left run, and a
line it begins turns right to left as a whole. A line that is the name alone stays bare: it is a
paragraph of its own.

Each screen is the real one, walked as tests/ui/test_outside_text_shown.py walks it, with every
outside text the Arabic NAME: every label, button, tooltip, list or tree item, window title and
status-bar message that holds NAME and more than NAME must hold it between FSI and PDI; and
each sentence this file is about must be seen (so a screen that no longer shows it fails)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox, QWidget

from player.__main__ import main
from player.authoring.build import build
from player.authoring.catalog import write_catalog
from player.branding import Branding
from player.course.signing import PrivateKey
from player.library.catalogs import Catalogs
from player.library.course_import import ImportedCourse
from player.paths import Paths
from player.player_sync import Pulled
from player.store import Store
from player.store.errors import Cause, RecordsInaccessible
from player.store.recovery import RecoveryReport
from player.ui.branding_logo import InstitutionBadge
from player.ui.download_item import DownloadItem
from player.ui.downloads_view import DownloadsView
from player.ui.help_dialog import HelpDialog
from player.ui.main_window import MainWindow
from player.ui.profile_list import PROFILE_ROLE
from player.ui.profiles_dialog import ProfilesDialog
from player.ui.records_damage import recovery_texts
from player.ui.records_unavailable import RecordsUnavailableBox
from player.ui.repair import RepairDialog
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices
from player.ui.sync_controller import SyncController
from player.ui.sync_panel import SyncPanel
from player.ui.tasks import SyncRunner
from player.wording import FSI, PDI
from sync.credentials import LrsAccount
from sync.download_state import DownloadState
from sync.engine import ProfileReport, SyncReport
from tests.course_repo import add_course, random_files
from tests.support import write_source
from tests.ui.downloads_support import KB, attach, trust
from tests.ui.test_outside_text_shown import (
    COURSE,
    UNITS,
    indexes,
    quiz_and_exam_taken,
    shown_texts,
)
from tests.ui.test_share_dialog import share_window
from tests.ui.test_sync_indicator import ScriptedSync

NAME = "\u0633\u0627\u0631\u0629"  # سارة, Arabic: right to left
ISOLATED = f"{FSI}{NAME}{PDI}"
_SPAN = re.compile(f"{FSI}[^{FSI}{PDI}]*{PDI}")

Texts = list[tuple[str, str]]

# Tooltips holding the library's own English lines, for whoever helps: not sentences of the
# interface (a path in them is as the library wrote it).
ENGLISH_DETAILS = ("CatalogView.notice tooltip", "CatalogsTab.catalog_error tooltip")
# What test_outside_text_shown's walk calls a window's title.
TITLE = "window title"


def seen(root: QWidget) -> Texts:
    """(where, text) of what `root` shows: test_outside_text_shown's walk, plus the items' own
    lines and, on a main window, its status bar's message."""
    QApplication.processEvents()
    found = list(shown_texts(root))
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QAbstractItemView) and widget.isVisible() and widget.model():
            for index in indexes(widget.model(), QModelIndex()):
                text = index.data(Qt.ItemDataRole.DisplayRole)
                if isinstance(text, str) and text:
                    found.append((f"{type(widget).__name__} item", text))
    if isinstance(root, MainWindow) and root.statusBar().currentMessage():
        found.append(("status bar", root.statusBar().currentMessage()))
    return found


def bare(texts: Texts) -> list[str]:
    """The texts where NAME is a part of a longer line without its isolates. The product's name
    ending a window title stays bare: Qt adds " — <applicationDisplayName>" to a title that does
    not end with it (tests/ui/test_window_titles.py)."""
    return [
        f"{where}: {text!r}"
        for where, text in texts
        if NAME in _SPAN.sub("", text.removesuffix(NAME) if where.endswith(TITLE) else text)
        and text.strip() != NAME
        and not where.endswith(ENGLISH_DETAILS)
    ]


class Screens:
    """What the screens of a case showed, and the sentences each case must have met."""

    def __init__(self) -> None:
        self.texts: Texts = []

    def walk(self, root: QWidget, screen: str) -> None:
        self.texts += [(f"{screen}: {where}", text) for where, text in seen(root)]

    def add(self, screen: str, text: str) -> None:
        self.texts.append((screen, text))

    def check(self, *sentences: str) -> None:
        """No bare NAME in a line, and each of `sentences` (NAME isolated) was shown."""
        assert not bare(self.texts), "\n".join(dict.fromkeys(bare(self.texts)))
        shown = [text for _, text in self.texts]
        missing = [s for s in sentences if not any(s in text for text in shown)]
        assert not missing, (missing, [t for t in shown if NAME in t])


# -- the course everything is named NAME in -----------------------------------------------------


def install_named(services: ShellServices, work: Path) -> None:
    """The toy course, NAME in every title (course, modules, units, a question), its publisher
    and its summary."""
    source = write_source(work / "src")
    toml = (source / "course.toml").read_text(encoding="utf-8")
    for plain in ('"Cours jouet"', '"Un petit cours pour les tests."', '"Module 1"', '"Module 2"'):
        toml = toml.replace(plain, f'"{NAME}"')
    for plain in ('"Vidéo"', '"Diapositives"', '"Lecture"', '"Quiz"', '"Examen"'):
        toml = toml.replace(plain, f'"{NAME}"')
    toml = toml.replace('authors = ["Tests"]', f'authors = ["{NAME}"]')
    (source / "course.toml").write_text(toml, encoding="utf-8")
    gift = source / "m2" / "quiz.gift"
    gift.write_text(
        gift.read_text(encoding="utf-8").replace("::capitale::", f"::{NAME}::"), encoding="utf-8"
    )
    key = PrivateKey.generate()
    key.write(work / "keys" / "publisher")
    build(
        source,
        work / "repo",
        key=key,
        key_path=work / "keys" / "publisher",
        answers_dir=work / "answers",
    )
    trust(services, key)
    services.library.install_folder(work / "repo")


def branded(services: ShellServices) -> None:
    """An installer whose product and institution are named NAME."""
    services.context.branding = Branding(product_name=NAME, institution=NAME)


# -- the cases ----------------------------------------------------------------------------------


def course_units_quiz_and_exam(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """course_view (outline lines and tooltips), quiz_view's and the exam's lists, the exam's
    titles and the institution in its sentences (exam/*_texts.py, exam/view.py)."""
    branded(services)
    install_named(services, tmp_path)
    window.open_profile(services.profiles.add(NAME, "en"))
    screens = Screens()
    for unit in UNITS:
        assert window.open_course(COURSE, unit) is not None
        screens.walk(window, f"{unit} start")
    for screen in quiz_and_exam_taken(window):
        screens.walk(window, screen)
    screens.check(
        f"{ISOLATED} \u2014 {NAME}",  # the window's title: the course's; the product's last
        f"1. {ISOLATED}",  # the outline's module line
        f"Still to do: {ISOLATED} (module 1, video)",  # the course's summary (summary.py)
        f"{ISOLATED}, video: ",  # a unit's tooltip
        f"{ISOLATED} \u2014 ",  # the quiz's results, the exam's review (question summary)
        f"Choose a question to change its answer, or submit the exam to {ISOLATED}.",
        f"{ISOLATED} \u2014 attempt 1",
        f"Your answers are sent to {ISOLATED}",  # start_grading / what comes next
    )


def library_banner_and_dashboard(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """library_view (a card's tooltip, no title found), resume.py (the Continue banner),
    dashboard (heading, next steps, a course's lines)."""
    install_named(services, tmp_path)
    window.open_profile(services.profiles.add(NAME, "en"))
    assert window.open_course(COURSE, "video") is not None
    window.show_library()
    library = window.library_view
    assert library is not None and library.banner.isVisible()
    screens = Screens()
    screens.walk(window, "library")
    library.search.setText(f"{NAME}\u0628")  # no title holds it
    screens.walk(window, "library searched")
    library.search.clear()
    for _screen in quiz_and_exam_taken(window):
        pass
    window.show_dashboard()
    screens.walk(window, "dashboard")
    screens.check(
        f"{ISOLATED}, {FSI}Tests{PDI}, French",  # the card's tooltip
        f"No course title contains \u201c{FSI}{NAME}\u0628{PDI}\u201d.",
        f"Module 1 \u00b7 {ISOLATED}",  # Continue: ...
        f"Progress of {ISOLATED}",
        f"Continue \u201c{ISOLATED}\u201d: {ISOLATED} (module",
        f"{ISOLATED}: best ",
        f"{ISOLATED}, attempt 1: submitted",
    )


def profiles(qtbot, window: MainWindow, services: ShellServices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """profile_dialog (the PIN asked at the door), profiles_dialog (forms, questions, lines)."""
    services.profiles.add("Awa", "en")
    named = services.profiles.add(NAME, "en", pin="1234")
    window.start()
    page = window.profile_page
    assert page is not None
    page.select(named.id)
    page.open_button.click()  # no PIN typed
    screens = Screens()
    screens.walk(window, "profile page")
    window.open_profile(services.profiles.find("Awa"))
    window.show_profiles_dialog()
    dialog = window.profiles_dialog
    assert isinstance(dialog, ProfilesDialog)
    for row in range(dialog.list.count()):
        if dialog.list.item(row).data(PROFILE_ROLE).id == named.id:
            dialog.list.setCurrentRow(row)
    dialog.rename_button.click()
    assert dialog.form is not None
    screens.walk(dialog.form, "rename form")
    dialog.form.close()
    dialog.add_button.click()
    form = dialog.form
    assert form is not None
    form.inputs[0].setText(NAME)  # type: ignore[union-attr]
    form.ok.click()  # the same name: refused
    screens.walk(form, "add form")
    form.inputs[0].setText(f"{NAME} 2")  # type: ignore[union-attr]
    form.ok.click()
    screens.walk(dialog, "added")
    dialog.reload(select=named.id)
    dialog.delete_button.click()
    assert dialog.removal.question is not None
    screens.walk(dialog.removal.question, "delete question")
    dialog.removal.question.close()
    dialog.close()
    screens.check(
        f"Type the PIN of {ISOLATED}.",
        f"Rename {ISOLATED}",
        f"The new name of {ISOLATED}:",
        f"A profile named {ISOLATED} already exists.",
        f"Profile {FSI}{NAME} 2{PDI} added.",
        f"Deleting {ISOLATED} removes all of {ISOLATED}'s learning records",
    )


def catalog(qtbot, window: MainWindow, services: ShellServices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """catalog_view: the details' title and line, a refusal naming the product, a catalog that
    cannot be read."""
    branded(services)
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 20 * KB, 1), key=key, title=NAME)
    window.open_profile(services.profiles.add("Awa", "en"))
    getting, controller = attach(window, services)  # untrusted key: refused, naming the product
    controller.downloads.catalogs.add(str(repo))
    gone = tmp_path / NAME  # a USB stick taken out once added: unavailable
    gone.mkdir()
    write_catalog(gone)
    controller.downloads.catalogs.add(str(gone))
    (gone / "catalog.json").unlink()
    getting.show_catalog()
    view = getting.catalog_view
    assert view is not None
    view.table.setCurrentIndex(view.filter.index(0, 0))
    screens = Screens()
    screens.walk(view, "catalog")
    screens.check(
        f"{ISOLATED} \u2014 version",
        f"signed by a publisher {ISOLATED} does not trust",
        f"{NAME}{PDI} is unavailable: ",
    )


def downloads(qtbot, window: MainWindow, services: ShellServices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """downloads_view: a row's title, the cancel question."""
    view = DownloadsView()
    qtbot.addWidget(view)
    view.show()
    item = DownloadItem("toy@1.0.0", COURSE, NAME, "1.0.0", False, DownloadState.PAUSED, total=10)
    view.show_item(item)
    screens = Screens()
    screens.walk(view, "downloads")
    view.ask_cancel(item.id)
    assert view.confirm_box is not None
    screens.walk(view.confirm_box, "cancel question")
    view.confirm_box.close()
    screens.check(
        f"{ISOLATED} \u2014 version 1.0.0", f"Cancel the download of \u201c{ISOLATED}\u201d?"
    )


def imports(qtbot, window: MainWindow, services: ShellServices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """import_controller and getting_courses: the unsigned question, a refused file, the
    imported and installed lines; export_controller's lines."""
    branded(services)
    window.open_profile(services.profiles.add("Awa", "en"))
    getting, controller = attach(window, services)
    screens = Screens()
    repo = tmp_path / "usb"
    add_course(repo, random_files(1, 10 * KB, 7), key=None, course_id="autre", title=NAME)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    course = controller.browse.find("autre")
    assert course is not None
    getting._download(course)  # the catalog page's action: the unsigned question
    box = getting.message_box
    assert isinstance(box, QMessageBox)
    screens.walk(box, "unsigned question")
    box.close()
    damaged = tmp_path / f"{NAME}.cartable"
    damaged.write_bytes(b"not a course")
    getting.imports.import_paths([damaged])
    box = getting.message_box
    assert isinstance(box, QMessageBox)
    screens.walk(box, "import refused")
    box.close()
    installed = services.library.install_folder(repo, allow_unsigned=True)
    new, same = ImportedCourse(installed[0], None), ImportedCourse(installed[0], installed[0])
    screens.add("imported", getting.imports.imported_text([new, same]))
    getting._installed(installed[0])
    screens.walk(window, "installed")
    getting.exports.export_to("autre", tmp_path / f"{NAME}.cartable")
    screens.walk(window, "exported")
    screens.check(
        f"\u201c{ISOLATED}\u201d is not signed: it may come from",
        f"\u201c{FSI}{NAME}.cartable{PDI}\u201d is damaged or holds no {ISOLATED} course",
        f"Installed: {ISOLATED} (version",
        f"Imported as unverified: {ISOLATED}.",
        f"Already installed, nothing changed: {ISOLATED}.",
        f"{NAME}.cartable{PDI} (",  # Saved as <path> (<size>)
    )


def settings(qtbot, window: MainWindow, services: ShellServices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """settings_dialog: the trust question and a key's line (its comment), a folder that holds
    no catalog."""
    public = PrivateKey.generate().write(tmp_path / "teacher", comment=NAME)
    catalogs = Catalogs(services.library, tmp_path / "cache", (), [])
    dialog = SettingsDialog(services.context, catalogs, window, choose_file=lambda _p: str(public))
    page = dialog.catalog_page
    qtbot.addWidget(dialog)
    dialog.show()
    screens = Screens()
    dialog.key_page.key_add.click()
    assert dialog.key_page.confirm_box is not None
    screens.walk(dialog.key_page.confirm_box, "trust this key?")
    dialog.key_page.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    dialog.tabs.setCurrentWidget(dialog.key_page)
    screens.walk(dialog, "trusted keys")
    dialog.tabs.setCurrentWidget(dialog.catalog_page)
    (tmp_path / NAME).mkdir()
    page.catalog_entry.setText(str(tmp_path / NAME))
    page.catalog_add.click()
    qtbot.waitUntil(lambda: NAME in page.catalog_error.text(), timeout=60_000)
    screens.walk(dialog, "catalog refused")
    dialog.close()
    screens.check(
        f"\u2014 {ISOLATED}?",  # Trust the key <id> — <comment>?
        f"\u2014 {ISOLATED} (added on this computer)",
        f"{NAME}{PDI} holds no catalog",
    )


def sync_panel(qtbot, paths: Paths) -> None:  # type: ignore[no-untyped-def]
    """sync_panel: the line saying a profile's grades could not be read."""
    store = Store.open(paths)
    store.start()
    scripted = ScriptedSync(store)
    controller = SyncController(  # type: ignore[arg-type]
        __import__("player.context", fromlist=["open_context"]).open_context(paths),
        store,
        SyncRunner(),
        sync=scripted,
    )
    panel = SyncPanel(controller)
    qtbot.addWidget(panel)
    screens = Screens()
    try:
        profile = store.profiles.add(NAME).id
        scripted.credentials.saved[profile] = LrsAccount(profile, "https://lrs.example.org/", "a")
        controller.use_profile(profile)
        panel.open_for(profile)
        report = ProfileReport(profile, 0, (), 0, 0, "done", "")  # type: ignore[arg-type]
        scripted.report = SyncReport("done", 0.0, 10.0, (report,))
        scripted.pulled = [Pulled(profile, None, "GET https://lrs.example.org/: HTTP 500: x")]
        controller.request(force=True)
        screens.walk(panel, "sync panel")
    finally:
        panel.close()
        controller.stop()
        store.close()
    screens.check(f"Exam grades for {ISOLATED} could not be read")


def share(qtbot, window: MainWindow, services: ShellServices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """share_dialog: a course's line."""
    key = PrivateKey.generate()
    trust(services, key)
    add_course(tmp_path / "institution", random_files(1, 10 * KB, 3), key=key, title=NAME)
    services.library.install_folder(tmp_path / "institution")
    _getting, dialog = share_window(qtbot, window, services)
    listed = dialog.shared_list
    qtbot.waitUntil(
        lambda: any(NAME in listed.item(row).text() for row in range(listed.count())),
        timeout=60_000,
    )
    screens = Screens()
    screens.walk(dialog, "share")
    dialog.close()
    screens.check(f"{ISOLATED} \u2014 version 1.0.0")


def repair(qtbot, window: MainWindow, services: ShellServices, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """repair: the window's title, the units affected."""
    install_named(services, tmp_path)
    installed = services.library.get(COURSE)
    assert installed is not None
    for sha256 in installed.course.files():
        services.library.blobs.path(sha256).unlink(missing_ok=True)
    dialog = RepairDialog(services.library, COURSE, services.tasks, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    screens = Screens()
    screens.walk(dialog, "check files")
    dialog.close()
    screens.check(f"Check files \u2014 {ISOLATED}", f"Affected: {ISOLATED}, {ISOLATED}")


def branding_and_records(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """help_dialog's title and heading, the institution badge's tooltip, the records notices
    (records_damage, records_unavailable) naming a file."""
    branded(services)
    screens = Screens()
    badge = InstitutionBadge(services.context.branding)
    qtbot.addWidget(badge)
    badge.show()
    screens.walk(badge, "badge")
    help_dialog = HelpDialog(services, "en", window)
    qtbot.addWidget(help_dialog)
    help_dialog.show()
    screens.walk(help_dialog, "help")
    screens.add("help heading", help_dialog.text.toPlainText())
    help_dialog.close()
    damaged = tmp_path / NAME / "records.sqlite3.damaged"
    report = RecoveryReport("damaged", damaged, None, None, lost_statements=None)
    for text in recovery_texts(report):
        screens.add("records damaged", text)
    box = RecordsUnavailableBox(
        RecordsInaccessible(tmp_path / NAME, Cause.FULL, "full"), "Cartable", window
    )
    screens.add("records unavailable", box.text())
    box.deleteLater()
    screens.check(
        f"Help \u2014 {NAME}",
        f"{ISOLATED} 0.",  # the help's heading: the product and its version
        f"Set up by {ISOLATED}",
        f"records.sqlite3.damaged{PDI}",
        f"{NAME}{PDI}) is full",
    )


CASES: dict[str, Callable[..., None]] = {
    "course units quiz exam": course_units_quiz_and_exam,
    "library banner dashboard": library_banner_and_dashboard,
    "profiles": profiles,
    "catalog": catalog,
    "downloads": downloads,
    "imports": imports,
    "settings": settings,
    "share": share,
    "repair": repair,
    "branding and records": branding_and_records,
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_name_in_a_sentence_is_isolated(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, case: str
) -> None:
    CASES[case](qtbot, window, services, tmp_path)


def test_a_name_in_the_sync_panel_is_isolated(qtbot, paths: Paths) -> None:  # type: ignore[no-untyped-def]
    sync_panel(qtbot, paths)


# -- terminal lines (player/commands): their own rule, player/wording.py's `named` ----------------

# (the command, the line it says) each after `profiles add NAME`; the line with NAME where the
# name goes: isolated on a terminal, bare through a pipe (a script reads it).
TERMINAL_LINES = {
    "profiles add": (["profiles", "add", f"{NAME} 2"], "added profile {} ("),
    "profiles pin --remove": (["profiles", "pin", NAME, "--remove"], "{} has no PIN; nothing"),
    "account show": (["account", "show", NAME], "{}: no LRS account (statements"),
    "records export": (["records", "export", NAME, "-o", "records.json"], "{}: 0 statements"),
    "profiles remove": (["profiles", "remove", NAME], "removed profile {}\n"),
}


@pytest.mark.parametrize("command", TERMINAL_LINES, ids=list(TERMINAL_LINES))
@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "pipe"])
def test_a_name_in_a_command_line_is_isolated_on_a_terminal(
    command: str,
    terminal: bool,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main(["profiles", "add", NAME]) == 0
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: terminal)
    args, line = TERMINAL_LINES[command]
    assert main(args) == 0
    out = capsys.readouterr().out
    name = f"{NAME} 2" if command == "profiles add" else NAME
    assert line.format(f"{FSI}{name}{PDI}" if terminal else name) in out, out
