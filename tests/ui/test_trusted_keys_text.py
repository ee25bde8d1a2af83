"""Settings > Trusted keys names each key in the interface's language, with one bracket: the
demo key read "Cartable demo course (les-mooc only) (du cours de démonstration)", its file's
English comment and its bracket inside a French sentence."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from player.course.signing import PrivateKey, PublicKey
from player.ui.main_window import MainWindow
from player.ui.settings_dialog import SettingsDialog
from player.ui.settings_keys import KEY_ROLE
from player.ui.shell import ShellServices
from tests.ui.unit_support import french, shipped_french

DEMO = "Key of the demo course (valid for that course only)"


def rows(dialog: SettingsDialog) -> dict[str, str]:
    """Each key's row, by its origin."""
    shown = {}
    for row in range(dialog.key_page.key_list.count()):
        item = dialog.key_page.key_list.item(row)
        shown[item.data(KEY_ROLE).origin] = item.text()
    return shown


def test_each_key_reads_as_one_sentence_of_the_interfaces_language(  # type: ignore[no-untyped-def]
    qtbot, qapp: QApplication, window: MainWindow, services: ShellServices
) -> None:
    trust = services.context.trust
    publisher = PublicKey(PrivateKey.generate().public.raw, "Université de Dakar")
    trust.add(publisher)
    (demo,) = [k for k in trust.trusted() if k.origin == "demo"]
    assert demo.key.comment, "the demo key's file has a comment: the case this is about"
    dialog = SettingsDialog(services.context, None, window)
    qtbot.addWidget(dialog)
    shown = rows(dialog)
    assert shown["demo"] == f"{demo.key_id} — {DEMO}"
    assert (
        shown["user"]
        == f"{publisher.key_id} — \u2068Université de Dakar\u2069 (added on this computer)"
    )
    with french(qapp):
        QApplication.processEvents()  # LanguageChange: the rows are made again
        shown = rows(dialog)
        demo_text = QCoreApplication.translate("SettingsDialog", DEMO)
        assert shown["demo"] == f"{demo.key_id} — {demo_text}"
        assert demo.key.comment not in shown["demo"], "the key file's English"
        assert shown["demo"].count("(") == shown["demo"].count(")") == 1
        added = shipped_french("SettingsDialog", "added on this computer")
        assert shown["user"] == f"{publisher.key_id} — \u2068Université de Dakar\u2069 ({added})"
    dialog.close()
