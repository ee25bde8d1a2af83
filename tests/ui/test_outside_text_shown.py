"""Text written by others (course, module, unit and question titles, a course's summary and
publisher, a catalog's entries, profile names, servers' answers, key comments, file names, the
institution's name) is shown as written on every screen a learner sees: a tag in it is text,
never markup Qt renders (a fake link, an image, a "Verified" badge drawn by a title), and an "&"
in it is a character, never a button's Alt key.

Each screen is walked and every shown label, button, tooltip and list or tree item that shows a
part of MARK is read back as Qt displays it (rich text rendered, mnemonics taken out)."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QMessageBox,
    QWidget,
)

from player.authoring.build import build
from player.authoring.catalog import write_catalog
from player.context import open_context
from player.course.signing import PrivateKey
from player.library.catalogs import Catalogs
from player.paths import Paths
from player.player_sync import Pulled
from player.store import Store
from player.store.profiles import Profile
from player.ui.download_item import DownloadItem
from player.ui.downloads_view import DownloadsView
from player.ui.exam.view import ExamView
from player.ui.main_window import MainWindow
from player.ui.profile_list import PROFILE_ROLE
from player.ui.profiles_dialog import ProfilesDialog
from player.ui.quiz_view import QuizView
from player.ui.reading_view import ReadingView
from player.ui.repair import RepairDialog
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices
from player.ui.sync_controller import SyncController
from player.ui.sync_panel import SyncPanel
from player.ui.tasks import SyncRunner
from player.ui.unit_view import UnitView
from sync.credentials import LrsAccount
from sync.download_state import DownloadState
from sync.engine import ProfileReport, SyncReport
from sync.outbox import write_transaction
from tests.course_repo import add_course, random_files
from tests.support import write_source
from tests.ui.downloads_support import KB, attach, trust
from tests.ui.test_getting_courses_cases import signed_installed
from tests.ui.test_share_dialog import share_window
from tests.ui.test_sync_indicator import ScriptedSync

MARK = '<b>bold</b> & <a href="x">link</a>'
TOML_MARK = "'<b>bold</b> & <a href=\"x\">link</a>'"  # a TOML literal string
COURSE = "toy"
UNITS = ("video", "deck", "reading", "quiz", "exam")


def mnemonics_out(text: str) -> str:
    """A button's (or a buddy label's) text as shown: "&&" is "&", another "&" marks a key."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def as_rich(text: str) -> str:
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def label_shows(label: QLabel) -> str:
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if rich:
        return as_rich(text)
    return mnemonics_out(text) if label.buddy() is not None else text


def tooltip_shows(tip: str) -> str:
    return as_rich(tip) if QtGui.Qt.mightBeRichText(tip) else tip


def mangled(shown: str) -> bool:
    """Whether a part of MARK in `shown` is not MARK as written (an elided end "…" aside)."""
    start = shown.find("bold")
    while start != -1:
        part = shown[start - 3 : start - 3 + len(MARK)].split("\u2026")[0]
        if start < 3 or not MARK.startswith(part):
            return True
        start = shown.find("bold", start + 1)
    return False


def indexes(model: QAbstractItemModel, parent: QModelIndex) -> Iterator[QModelIndex]:
    flat = isinstance(model, QAbstractListModel)
    for row in range(model.rowCount(parent)):
        for column in range(1 if flat else model.columnCount(parent)):
            index = model.index(row, column, parent)
            yield index
            if column == 0 and not flat:
                yield from indexes(model, index)


def called(widget: QWidget) -> str:
    """The attribute holding the widget (`QuizView.start_title`), else its objectName."""
    holder = widget.parentWidget()
    while holder is not None:
        for attribute, value in vars(holder).items():
            if value is widget:
                return f"{type(holder).__name__}.{attribute}"
        holder = holder.parentWidget()
    return widget.objectName() or f"in {type(widget.parentWidget()).__name__}"


def shown_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, what Qt displays) for every text shown under `root` that may hold MARK."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QHeaderView):  # the view's own model, read with the view
            continue
        where = f"{type(widget).__name__} {called(widget)}"
        if isinstance(widget, QLabel):
            yield where, label_shows(widget)
        elif isinstance(widget, QAbstractButton):
            yield where, mnemonics_out(widget.text())
        if widget.toolTip():
            yield f"{where} tooltip", tooltip_shows(widget.toolTip())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            for index in indexes(widget.model(), QModelIndex()):
                tip = index.data(Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str) and tip:
                    yield f"{where} item tooltip", tooltip_shows(tip)
    if root.isWindow():
        yield "window title", root.windowTitle()


def garbled(root: QWidget, screen: str) -> list[str]:
    QApplication.processEvents()
    assert root.isVisible(), f"{screen} is not shown"
    found = [f"{screen}: {where}: {text!r}" for where, text in shown_texts(root) if mangled(text)]
    shown = [text for _, text in shown_texts(root) if MARK in text]
    assert shown or found, f"{screen} shows no outside text: the walk missed it"
    return found


def write_marked_course(folder: Path) -> Path:
    """The toy course with MARK in every title, its summary, publisher and a question title."""
    source = write_source(folder)
    toml = (source / "course.toml").read_text(encoding="utf-8")
    for plain in ('"Cours jouet"', '"Un petit cours pour les tests."', '"Tests"', '"Module 1"'):
        toml = toml.replace(plain, TOML_MARK)
    for plain in ('"Module 2"', '"Vidéo"', '"Diapositives"', '"Lecture"', '"Quiz"', '"Examen"'):
        toml = toml.replace(plain, TOML_MARK)
    toml = toml.replace('authors = ["Tests"]', f"authors = [{TOML_MARK}]")
    (source / "course.toml").write_text(toml, encoding="utf-8")
    gift = source / "m2" / "quiz.gift"
    gift_mark = MARK.replace("=", "\\=")
    gift.write_text(
        gift.read_text(encoding="utf-8").replace("::capitale::", f"::{gift_mark}::"),
        encoding="utf-8",
    )
    return source


def install_marked(services: ShellServices, work: Path) -> None:
    key = PrivateKey.generate()
    key_path = work / "keys" / "publisher"
    key.write(key_path)
    source = write_marked_course(work / "src")
    build(source, work / "repo", key=key, key_path=key_path, answers_dir=work / "answers")
    trust(services, key)
    services.library.install_folder(work / "repo")


def page(window: MainWindow) -> QWidget:
    widget = window.stack.currentWidget()
    assert widget is not None
    return widget


def marked_profile(services: ShellServices) -> Profile:
    """Awa, and a learner whose name is MARK (a profile's name is typed by whoever made it)."""
    services.profiles.add("Awa", "en")
    return services.profiles.add(MARK, "en")


def studying(window: MainWindow, services: ShellServices, work: Path) -> None:
    install_marked(services, work)
    window.open_profile(marked_profile(services))


def quiz_and_exam_taken(window: MainWindow) -> Iterator[str]:
    """Takes the quiz (finished unanswered) and the exam (submitted), naming each screen."""
    course = window.open_course(COURSE, "quiz")
    assert course is not None and isinstance(course.view, QuizView)
    quiz = course.view
    yield "quiz start"
    quiz.start_attempt()
    yield "quiz question"
    quiz.finish()
    assert quiz.confirmation is not None
    quiz.confirmation.buttons()[0].click()
    yield "quiz results"
    quiz.review(0)
    yield "quiz review"
    course = window.open_course(COURSE, "exam")
    assert course is not None and isinstance(course.view, ExamView)
    exam = course.view
    yield "exam start"
    exam.start()
    yield "exam question"
    exam.show_review()
    yield "exam review"
    exam.submit()
    yield "exam submitted"


def test_the_course_view_and_its_units_show_the_titles_as_written(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services, tmp_path)
    found = []
    for unit in UNITS:
        course = window.open_course(COURSE, unit)
        assert course is not None and course.view is not None
        found += garbled(window, f"{unit} start")
    course = window.open_course(COURSE, "video")
    assert course is not None and isinstance(course.view, UnitView)
    course.view.show_notice(f"Subtitles in {MARK} cannot be shown: damaged", repair=True)
    found += garbled(window, "video with a notice")
    for screen in quiz_and_exam_taken(window):
        found += garbled(window, screen)
    assert not found, "\n".join(dict.fromkeys(found))


def test_the_profile_page_and_the_library_show_names_and_titles_as_written(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    install_marked(services, tmp_path)
    services.profiles.add("Awa", "en")
    marked = services.profiles.add(MARK, "en", pin="1234")
    window.start()
    found = garbled(window, "profile page")
    profile_page = window.profile_page
    assert profile_page is not None
    profile_page.select(marked.id)
    profile_page.open_button.click()  # no PIN typed: "Type the PIN of <the name>."
    assert profile_page.pin_message.isVisible()
    found += garbled(window, "profile page asking the PIN")
    window.open_profile(marked)
    found += garbled(window, "library")
    assert window.open_course(COURSE, "video") is not None
    window.show_library()
    assert window.library_view is not None and window.library_view.banner.isVisible()
    found += garbled(window, "library with the resume banner")
    assert not found, "\n".join(dict.fromkeys(found))


def test_the_dashboard_shows_names_and_titles_as_written(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services, tmp_path)
    assert window.open_course(COURSE, "video") is not None
    for _screen in quiz_and_exam_taken(window):
        pass
    window.show_dashboard()
    view = window.dashboard_view
    assert view is not None and view.step_buttons, "a next step names a unit"
    found = garbled(window, "dashboard")
    assert not found, "\n".join(dict.fromkeys(found))


def test_the_profiles_dialog_shows_names_as_written(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services, tmp_path)
    other = services.profiles.add(f"{MARK} 2", "en", pin="1234")
    window.show_profiles_dialog()
    dialog = window.profiles_dialog
    assert isinstance(dialog, ProfilesDialog)
    found = garbled(dialog, "profiles")
    for row in range(dialog.list.count()):  # the other one, whose PIN is asked
        if dialog.list.item(row).data(PROFILE_ROLE).id == other.id:
            dialog.list.setCurrentRow(row)
    dialog.rename_button.click()
    assert dialog.form is not None
    found += garbled(dialog.form, "rename form")
    dialog.form.ok.click()  # no PIN typed: refused, the form says why
    found += garbled(dialog.form, "rename form refused")
    dialog.form.close()
    dialog.delete_button.click()
    assert dialog.removal.question is not None
    found += garbled(dialog.removal.question, "delete question")
    dialog.removal.question.close()
    dialog.close()
    assert not found, "\n".join(dict.fromkeys(found))


def test_a_catalog_shows_its_entries_as_written(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    added = add_course(repo, random_files(2, 20 * KB, 1), key=key, title=MARK)
    document = json.loads(added.manifest.read_bytes())
    document["summary"] = MARK
    document["publisher"]["name"] = "R&D Press"  # no tag: escaped, it showed "R&amp;D"
    data = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()
    added.manifest.write_bytes(data)
    added.manifest.with_name("course.json.sig").write_bytes(key.sign(data))
    write_catalog(repo, title="Catalogue R&D")
    trust(services, key)
    window.open_profile(services.profiles.add("Awa", "en"))
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    view = getting.catalog_view
    assert view is not None and page(window) is view
    view.table.setCurrentIndex(view.filter.index(0, 0))
    assert view.details.isVisible()
    found = garbled(view, "catalog")
    assert not found, "\n".join(found)
    assert label_shows(view.details_meta) == (  # each part isolated (player.wording)
        "\u2068R&D Press\u2069 · \u2068French\u2069 · \u2068Catalogue R&D\u2069"
    )


def test_a_download_shows_its_title_and_the_servers_answer_as_written(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = DownloadsView()
    qtbot.addWidget(view)
    view.show()
    failed = DownloadItem(
        "toy@1.0.0", COURSE, MARK, "1.0.0", False, DownloadState.FAILED, reason=MARK, total=10
    )
    view.show_item(failed)
    found = garbled(view, "downloads")
    view.ask_cancel(failed.id)
    assert view.confirm_box is not None
    found += garbled(view.confirm_box, "cancel question")  # closed with the view
    assert not found, "\n".join(dict.fromkeys(found))


def test_the_import_questions_show_titles_as_written(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """A folder catalog's unsigned courses: the consent asked for one, and the refusal of an
    unsigned copy of a course installed signed, both quote the catalog's title."""
    signed_installed(services, tmp_path)
    repo = tmp_path / "usb"
    for course_id in ("maths", "autre"):
        files = random_files(1, 10 * KB, 7)
        add_course(repo, files, key=None, course_id=course_id, version="2.0.0", title=MARK)
    window.open_profile(services.profiles.add("Awa", "en"))
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    found = []
    for course_id, screen in (("autre", "unsigned course question"), ("maths", "import refused")):
        course = controller.browse.find(course_id)
        assert course is not None
        getting._download(course)  # the catalog page's action on the course
        box = getting.message_box
        assert isinstance(box, QMessageBox)
        found += garbled(box, screen)
        box.close()
    assert not found, "\n".join(dict.fromkeys(found))


def test_the_settings_show_a_keys_comment_and_a_chosen_files_name_as_written(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """The trust question quotes the key file's comment; a refused key file or catalog folder
    is named by its path, whose last part came with a USB stick (a name holds no "/")."""
    public = PrivateKey.generate().write(tmp_path / "teacher", comment=MARK)
    chosen = [public]
    catalogs = Catalogs(services.library, tmp_path / "cache", (), [])
    dialog = SettingsDialog(
        services.context, catalogs, window, choose_file=lambda _parent: str(chosen[0])
    )
    page = dialog.catalog_page
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.key_page.key_add.click()
    assert dialog.key_page.confirm_box is not None
    found = garbled(dialog.key_page.confirm_box, "trust this key?")
    dialog.key_page.confirm_box.close()
    assert not found, "\n".join(dict.fromkeys(found))
    name = '<img src="x"> & <b>R&D'
    chosen[0] = tmp_path / f"{name}.pub"
    chosen[0].write_text("not a key\n", encoding="utf-8")
    dialog.key_page.key_add.click()
    assert name in dialog.key_page.key_error.text()
    assert label_shows(dialog.key_page.key_error) == dialog.key_page.key_error.text()
    dialog.tabs.setCurrentWidget(dialog.catalog_page)
    page.catalog_entry.setText(str(tmp_path / name))
    page.catalog_add.click()
    assert name in page.catalog_error.text()
    assert label_shows(page.catalog_error) == page.catalog_error.text()


# A proxy's error page whose title is MARK (escaped, as HTML writes it): shown as its title.
PAGE = (
    "<!DOCTYPE html>\n<html><head><title>"
    + MARK.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    + "</title></head><body><h1>Bad Gateway</h1><hr><center>nginx</center></body></html>"
)


def test_the_sync_panel_shows_the_servers_answers_and_names_as_written(  # type: ignore[no-untyped-def]
    qtbot, paths: Paths
) -> None:
    """An LRS's answers (a refusal, an error, a grade read's) and the profile's name. Only an
    HTML page is shortened, to its title (cf62830); any other answer keeps every character:
    stripping the tags of all answers showed "HTTP 500: bold & link"."""
    store = Store.open(paths)
    store.start()
    scripted = ScriptedSync(store)
    controller = SyncController(open_context(paths), store, SyncRunner(), sync=scripted)  # type: ignore[arg-type]
    panel = SyncPanel(controller)
    qtbot.addWidget(panel)
    try:
        profile = store.profiles.add(MARK).id
        with write_transaction(store.conn):
            for n in range(3):
                store.outbox.append(profile, f"s-{n}", b'{"id": "s-%d"}' % n, float(n))
        store.outbox.mark_poison("s-0", f"HTTP 400: {MARK}")
        scripted.credentials.saved[profile] = LrsAccount(profile, "https://lrs.example.org/", "a")
        controller.use_profile(profile)
        panel.open_for(profile)
        found = []
        no_answer = f"ConnectionError: {MARK}"  # an HTTP client's, in the tooltips
        read_no_answer = f"GET https://lrs.example.org/statements: no answer (retry): {no_answer}"
        read_page = f"GET https://lrs.example.org/statements: HTTP 502 (retry): {PAGE}"
        refuses_all = f"the LRS refuses every statement: HTTP 502: {PAGE}"  # a stop quotes it
        for error, read, stop, said in (
            (no_answer, f"HTTP 403: {MARK}", None, f"HTTP 403: {MARK}"),
            (f"HTTP 500: {MARK}", read_no_answer, None, f"HTTP 500: {MARK}"),
            (f"HTTP 502: {PAGE}", read_page, None, f"HTTP 502: {MARK}"),
            (refuses_all, read_page, "lrs_refuses_all", f"statement: HTTP 502: {MARK}"),
        ):
            report = ProfileReport(profile, 0, (), 2, 1, "retry", error, stop=stop)  # type: ignore[arg-type]
            scripted.report = SyncReport("done", 0.0, 10.0, (report,))
            scripted.pulled = [Pulled(profile, None, read)]
            controller.request(force=True)
            assert panel.grades.isVisible()
            screen = f"sync panel after {error[:40]!r}"
            found += garbled(panel, screen)
            found += [
                f"{screen}: {where}: {text!r}"
                for where, text in shown_texts(panel)
                if "nginx" in text or "<title" in text.lower()
            ]  # a page: its title only
            shown = [text for _, text in shown_texts(panel)]
            assert [text for text in shown if said in text], (said, shown)
    finally:
        panel.close()
        controller.stop()
        store.close()
    assert not found, "\n".join(dict.fromkeys(found))


def test_the_share_window_shows_why_a_course_is_left_out_as_written(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """The reason quotes the installed manifest, which the disk may have changed."""
    signed_installed(services, tmp_path)
    installed = services.library.get("maths")
    assert installed is not None
    manifest = installed.folder / "course.json"
    document = json.loads(manifest.read_bytes())
    document["format"] = MARK
    manifest.write_text(json.dumps(document), encoding="utf-8")
    _getting, dialog = share_window(qtbot, window, services)
    qtbot.waitUntil(lambda: dialog.left_out_list.count() == 1)
    found = garbled(dialog, "share")
    dialog.close()
    assert not found, "\n".join(dict.fromkeys(found))


def test_the_repair_dialog_shows_unit_titles_as_written(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    install_marked(services, tmp_path)
    installed = services.library.get(COURSE)
    assert installed is not None
    for sha256 in installed.course.files():
        services.library.blobs.path(sha256).unlink(missing_ok=True)
    dialog = RepairDialog(services.library, COURSE, services.tasks, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    assert "Missing or damaged files: " in dialog.status.text()
    found = garbled(dialog, "check files")
    dialog.close()
    assert not found, "\n".join(dict.fromkeys(found))


def test_a_web_links_question_shows_its_address_as_written(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """A tag cannot reach the address (QUrl encodes "<"), an entity can: "&lt;b&gt;" was drawn
    "<b>", so the learner read another address than the one that opens."""
    address = "https://example.org/?q=&lt;b&gt;bold&lt;/b&gt;&amp;x"
    studying(window, services, tmp_path)
    course = window.open_course(COURSE, "reading")
    assert course is not None and isinstance(course.view, ReadingView)
    course.view.browser.anchorClicked.emit(QUrl(address))
    box = course.view.link_question
    assert box is not None and box.isVisible()
    shown = [text for _, text in shown_texts(box)]
    box.close()
    assert [text for text in shown if text.startswith(address + "\n")], shown


def test_the_exam_question_shows_the_institutions_name_as_written(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    branding = dataclasses.replace(services.context.branding, institution=MARK)
    services.context.branding = branding  # type: ignore[misc]
    studying(window, services, tmp_path)
    course = window.open_course(COURSE, "exam")
    assert course is not None and isinstance(course.view, ExamView)
    exam = course.view
    exam.start()
    exam.ask_submit()
    assert exam.confirmation is not None
    found = garbled(exam.confirmation, "submit question")
    exam.confirmation.close()
    assert not found, "\n".join(dict.fromkeys(found))
