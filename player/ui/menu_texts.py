"""The names of the main window's menu items that other texts point to (the exam says where
an account is added): the menu and the sentence read one source, so they never drift apart.
Their translation context stays the main window's."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence


def course_menu_text() -> str:
    return QCoreApplication.translate("MainWindow", "&Course")


def sync_action_text() -> str:
    return QCoreApplication.translate("MainWindow", "&Sync with the institution\u2026")


def remove_course_text() -> str:
    """The Course menu's item and a library card's: one text, one translation."""
    return QCoreApplication.translate("MainWindow", "Re&move this course\u2026")


def plain(text: str) -> str:
    """A menu item's text as a sentence names it: no mnemonic "&", no closing "…"."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("\u2026").removesuffix("...").strip()


def menu_path(*items: str) -> str:
    """ "Course → Settings → Catalogs": a menu item (down to a dialog's tab) as a sentence
    points to it, from the texts as the window shows them (translated, with their "&" and
    "…"): every step loses its "&" and its closing "…", not only the last one."""
    return " \u2192 ".join(plain(item) for item in items)


def translated_menu_path(*items: tuple[str, str]) -> str:
    """`menu_path` in the learner's language, each text given with its translation context
    (the view that shows it)."""
    return menu_path(*(QCoreApplication.translate(context, text) for context, text in items))


def sync_menu_path() -> str:
    """Where an account with the institution is added: "Course → Sync with the institution"."""
    return menu_path(course_menu_text(), sync_action_text())


def diagnostics_place() -> tuple[str, str]:
    """Where the diagnostic report is, for a sentence about a fault of ours: the menu path
    ("Help → Help and diagnostics") and its key as this system writes it (F1; Cmd+? on macOS)."""
    where = translated_menu_path(("MainWindow", "&Help"), ("MainWindow", "&Help and diagnostics"))
    keys = QKeySequence(QKeySequence.StandardKey.HelpContents)
    return where, keys.toString(QKeySequence.SequenceFormat.NativeText)
