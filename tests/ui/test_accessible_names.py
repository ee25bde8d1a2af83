"""Every control a learner reaches with Tab has a name a screen reader can say.

Qt hands AT-SPI/UIA a widget's accessibleName; without one, a button's text, or for an input the
text of a QLabel beside it whose buddy it is (Qt looks among the input's siblings only) or the
title of its group box. A control with none of these is read as "button", "edit", "slider":
the learner cannot tell what it does. A drop-down list is the exception: on Linux Qt reports
its current value as its name ("1×", "English") and ignores its accessibleName, so only a
label whose buddy it is names it (Qt hands it on as its labelled-by relation): each shown
QComboBox is checked for that relation, whatever its accessibleName. Each view and dialog is
walked in the states a learner meets (a control hidden in one state may get its text only when
it shows), and what has no name is listed by class, objectName (else the attribute holding it)
and the view it is in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from player.course.signing import PrivateKey
from player.ui.downloads_view import DownloadsView
from player.ui.exam.view import ExamView
from player.ui.form_dialog import Field, FormDialog
from player.ui.help_dialog import HelpDialog
from player.ui.main_window import MainWindow
from player.ui.quiz_view import QuizView
from player.ui.share_controller import ShareController
from player.ui.share_dialog import ShareDialog
from player.ui.shell import ShellServices
from player.ui.sync_controller import SyncController
from player.ui.sync_indicator import SyncIndicator
from player.ui.sync_panel import SyncPanel
from sync.download_state import DownloadState
from tests.course_repo import add_course, random_files
from tests.ui.downloads_support import KB, attach, trust, two_language_repo
from tests.ui.test_downloads_view import item
from tests.ui.test_learner_walkthrough import DEMO, studying
from tests.ui.test_sync_panel import controller, scripted, store  # noqa: F401  (fixtures)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def buddy_text(widget: QWidget) -> str:
    """What Qt reads for an input without a name: a sibling label's, or its group box's title."""
    parent = widget.parentWidget()
    if parent is None:
        return ""
    for label in parent.findChildren(QLabel, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if label.buddy() is widget and _plain(label.text()):
            return label.text()
    return parent.title() if isinstance(parent, QGroupBox) else ""


def qt_labels(widget: QWidget) -> list[str]:
    """The names of the labels Qt's accessibility interface says label `widget` (AT-SPI's
    labelled-by), what a screen reader on Linux says before a combo box's value."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return [
        other.text(QAccessible.Text.Name).strip()  # mnemonics already taken out
        for other, _relation in interface.relations(QAccessible.Relation.Label)
    ]


def takes_tab(widget: QWidget) -> bool:
    if not (widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
        return False
    # A spin box's line edit, a combo box's line edit and its popup list are the box itself to
    # a screen reader.
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QAbstractSpinBox, QComboBox)):
            return False
        parent = parent.parentWidget()
    return True


def nameless(widget: QWidget) -> bool:
    if isinstance(widget, QComboBox):  # its accessibleName counts for nothing on Linux
        return not any(qt_labels(widget))
    if _plain(widget.accessibleName()):
        return False
    if isinstance(widget, QAbstractButton):
        return not _plain(widget.text())
    if isinstance(widget, (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractSlider)):
        return not buddy_text(widget)
    if isinstance(widget, QAbstractScrollArea):  # lists, trees, tables, text areas
        return not buddy_text(widget)
    return False


def called(widget: QWidget) -> str:
    """The widget's objectName, else the attribute that holds it (`QuizView.retry_button`)."""
    if widget.objectName():
        return widget.objectName()
    holder = widget.parentWidget()
    while holder is not None:
        for attribute, value in vars(holder).items():
            if value is widget:
                return f"{type(holder).__name__}.{attribute}"
        holder = holder.parentWidget()
    return "(no objectName)"


def unnamed(root: QWidget, where: str) -> list[str]:
    """Controls shown under `root` (itself included) that take Tab and that nothing names."""
    QApplication.processEvents()
    assert root.isVisible(), f"{where} is not shown"
    return [
        f"{where}: {type(w).__name__} {called(w)} in {type(w.parentWidget()).__name__}"
        for w in [root, *root.findChildren(QWidget)]
        if (takes_tab(w) or (isinstance(w, QComboBox) and w.isVisible())) and nameless(w)
    ]


def page(window: MainWindow) -> QWidget:
    widget = window.stack.currentWidget()
    assert widget is not None
    return widget


# -- the main window's pages ------------------------------------------------------------------


def test_every_control_of_the_profile_page_and_the_library_has_a_name(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    found = []
    window.start()  # no profile yet: who is studying?
    found += unnamed(page(window), "profile page")
    studying(window, services)
    found += unnamed(page(window), "library")
    found += unnamed(window.statusBar(), "status bar")
    assert not found, "\n".join(dict.fromkeys(found))


def test_every_control_of_each_unit_has_a_name(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    found = []
    for unit in ("definition-video", "definition-lecture", "phenomene-diaporama"):
        course = window.open_course(DEMO, unit)
        assert course is not None and course.view is not None
        found += unnamed(page(window), unit)
        course.view.show_notice("A file of this course is damaged.", repair=True)
        found += unnamed(page(window), f"{unit} with a notice")
        end_panel = getattr(course.view, "end_panel", None)
        if end_panel is not None:
            end_panel.offer(with_next=True)
            found += unnamed(page(window), f"{unit} at its end")
    course = window.open_course(DEMO, "phenomene-quiz")
    assert course is not None and isinstance(course.view, QuizView)
    quiz = course.view
    found += unnamed(page(window), "quiz start")
    quiz.start_attempt()
    for index, widget in enumerate(quiz.widgets):  # one page each, a matching one among them
        quiz.go_to(index)
        found += unnamed(page(window), f"quiz question {widget.question.type}")
    quiz.finish()
    assert quiz.confirmation is not None
    found += unnamed(quiz.confirmation, "quiz finish question")
    quiz.confirmation.buttons()[0].click()
    found += unnamed(page(window), "quiz results")
    quiz.review(0)
    found += unnamed(page(window), "quiz review")
    course = window.open_course(DEMO, "enjeux-examen")
    assert course is not None and isinstance(course.view, ExamView)
    exam = course.view
    found += unnamed(page(window), "exam start")
    exam.start()
    found += unnamed(page(window), "exam question")
    exam.show_review()
    found += unnamed(page(window), "exam review")
    exam.submit()
    found += unnamed(page(window), "exam submitted")
    exam.show_submitted_answers()
    found += unnamed(page(window), "exam submitted answers")
    window.show_dashboard()
    found += unnamed(page(window), "dashboard")
    assert not found, "\n".join(dict.fromkeys(found))


def test_every_control_of_the_catalog_and_the_downloads_has_a_name(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    two_language_repo(repo, key)
    trust(services, key)
    studying(window, services)
    getting, downloads_controller = attach(window, services)
    downloads_controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    found = unnamed(page(window), "catalog")
    getting.show_downloads()
    found += unnamed(page(window), "downloads (empty)")
    downloads = DownloadsView()
    qtbot.addWidget(downloads)
    downloads.show()
    for n, state in enumerate(DownloadState):
        row = item(10 * KB, 60 * KB, state)
        downloads.show_item(replace(row, id=f"d{n}", reason="no network" if n else None))
    found += unnamed(downloads, "downloads (rows)")
    getting.show_settings()
    assert getting.settings_dialog is not None
    found += unnamed(getting.settings_dialog, "settings")
    getting.settings_dialog.close()
    assert not found, "\n".join(dict.fromkeys(found))


# -- dialogs ----------------------------------------------------------------------------------


def test_every_control_of_the_dialogs_has_a_name(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    found = []
    window.show_profiles_dialog()
    assert window.profiles_dialog is not None
    found += unnamed(window.profiles_dialog, "profiles")
    window.profiles_dialog.close()
    form = FormDialog(
        window,
        "Rename",
        "A new name",
        [Field("&Name"), Field("&PIN", secret=True), Field("&Language", choices=(("A", "a"),))],
        "Rename",
        lambda _v: "",
    )
    form.show()
    found += unnamed(form, "form")
    form.close()
    help_dialog = HelpDialog(services, "en", window)
    qtbot.addWidget(help_dialog)
    help_dialog.show()
    found += unnamed(help_dialog, "help")
    window.repair_course(DEMO)
    assert window.repair_dialog is not None
    found += unnamed(window.repair_dialog, "repair")
    window.repair_dialog.close()
    add_course(tmp_path / "teacher", random_files(1, 10 * KB, 3), key=None, title="Notes")
    services.library.install_folder(tmp_path / "teacher", allow_unsigned=True)
    share = ShareDialog(
        ShareController(  # any free ports: never the 8475 a share elsewhere may hold
            services.library,
            services.tasks,
            port=0,
            host="127.0.0.1",
            addresses=lambda: ["127.0.0.1"],
            title="PC",
            discovery_port=0,
        ),
        window,
    )
    qtbot.addWidget(share)
    share.show()
    found += unnamed(share, "share")
    share.start_button.click()
    found += unnamed(share, "share (sharing)")
    share.close()
    assert not found, "\n".join(dict.fromkeys(found))


@pytest.fixture
def panel(qtbot, controller: SyncController) -> Iterator[SyncPanel]:  # type: ignore[no-untyped-def]  # noqa: F811
    made = SyncPanel(controller)
    qtbot.addWidget(made)
    yield made
    made.close()


def test_every_control_of_the_sync_panel_and_indicator_has_a_name(  # type: ignore[no-untyped-def]
    qtbot,
    panel: SyncPanel,
    controller: SyncController,  # noqa: F811
) -> None:
    panel.show()
    indicator = SyncIndicator(controller)
    qtbot.addWidget(indicator)
    indicator.show()
    found = unnamed(panel, "sync panel") + unnamed(indicator, "sync indicator")
    assert not found, "\n".join(found)


def test_a_nameless_control_is_found(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The check itself: an icon-only button, an unlabelled field, a list without a name."""
    from PySide6.QtWidgets import QListWidget, QPushButton, QSlider, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    for widget in (QPushButton(), QLineEdit(), QSlider(), QListWidget()):
        widget.setObjectName("bare")
        layout.addWidget(widget)
    named = QLineEdit()
    label = QLabel("&Name")
    label.setBuddy(named)
    layout.addWidget(label)
    layout.addWidget(named)
    root.show()
    assert [line.split(" in ")[0] for line in unnamed(root, "t")] == [
        "t: QPushButton bare",
        "t: QLineEdit bare",
        "t: QSlider bare",
        "t: QListWidget bare",
    ]


def test_a_drop_down_list_named_only_by_its_accessible_name_is_found(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt on Linux reads a combo box by its value: an accessibleName alone leaves it unnamed,
    a hidden buddy label from name_combo names it, and naming it again renames that label."""
    from PySide6.QtWidgets import QVBoxLayout

    from player.ui.combo_name import name_combo

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    bare, named = QComboBox(root), QComboBox(root)
    for combo in (bare, named):
        combo.addItems(["1×", "2×"])
        layout.addWidget(combo)
    bare.setObjectName("bare")
    bare.setAccessibleName("Speed")
    name_combo(named, "Tom & Jerry")
    name_combo(named, "Speed & pitch")  # a language change: the same label, its new text
    root.show()
    assert [line.split(" in ")[0] for line in unnamed(root, "t")] == ["t: QComboBox bare"]
    assert qt_labels(bare) == []
    assert qt_labels(named) == ["Speed & pitch"]
    assert named.accessibleName() == "Speed & pitch"  # what Windows and macOS read
    assert len(root.findChildren(QLabel)) == 1 and not root.findChildren(QLabel)[0].isVisible()


def test_each_drop_down_list_of_the_units_and_the_catalog_says_what_it_is_for(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """What Orca says before the value: the purpose, never the value ("1×", "English")."""
    studying(window, services)
    said: dict[str, list[str]] = {}

    def read(where: str) -> None:
        QApplication.processEvents()
        for combo in page(window).findChildren(QComboBox):
            if combo.isVisible():
                said.setdefault(where, []).extend(qt_labels(combo))
                assert combo.currentText() not in qt_labels(combo)

    window.open_course(DEMO, "definition-video")
    read("video")
    window.open_course(DEMO, "phenomene-diaporama")
    read("slides")
    course = window.open_course(DEMO, "phenomene-quiz")
    assert course is not None and isinstance(course.view, QuizView)
    quiz = course.view
    quiz.start_attempt()
    matching = next(i for i, w in enumerate(quiz.widgets) if w.question.type == "matching")
    quiz.go_to(matching)
    read("matching")
    key = PrivateKey.generate()
    two_language_repo(tmp_path / "repo", key)
    trust(services, key)
    getting, downloads_controller = attach(window, services)
    downloads_controller.downloads.catalogs.add(str(tmp_path / "repo"))
    getting.show_catalog()
    read("catalog")
    assert said["video"] == ["Playback speed", "Subtitles", "Video quality"]
    assert said["slides"] == ["Narration speed"]
    assert said["matching"] == [
        f"Match for: {source.text}" for source in quiz.widgets[matching].question.sources
    ]
    assert said["catalog"] == ["Language of the courses"]
