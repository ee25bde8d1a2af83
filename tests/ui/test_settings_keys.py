"""Settings > Trusted keys: a refused key file and a key that could not be saved are said in
the interface's words; the parser's and the system's English reasons go to the log only."""

from __future__ import annotations

import errno
import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from player.course.signing import PrivateKey
from player.ui.settings_keys import TrustedKeysTab
from player.ui.shell import ShellServices


def keys_tab(qtbot, services: ShellServices, chosen: Path) -> TrustedKeysTab:  # type: ignore[no-untyped-def]
    tab = TrustedKeysTab(services.context, choose_file=lambda _parent: str(chosen))
    qtbot.addWidget(tab)
    tab.retranslate()
    tab.show()
    return tab


def test_a_file_that_is_not_a_key_is_named_in_a_sentence_not_the_parsers_reason(  # type: ignore[no-untyped-def]
    qtbot, services: ShellServices, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """u2 saw "/tmp/u2/k.sh: not a Cartable public key (expected 'cartable-ed25519 …')" in
    the French Settings: the path, English, and the key format's prefix."""
    script = tmp_path / "k.sh"
    script.write_text("#!/bin/sh\necho hi\n", encoding="utf-8")
    tab = keys_tab(qtbot, services, script)
    with caplog.at_level(logging.WARNING):
        tab.key_add.click()
    shown = tab.key_error.text()
    assert shown == "\u2068k.sh\u2069 is not a Cartable public key file."
    assert "expected 'cartable-ed25519" in caplog.text  # the reason, for whoever helps


def test_a_private_key_file_is_said_to_be_one(  # type: ignore[no-untyped-def]
    qtbot, services: ShellServices, tmp_path: Path
) -> None:
    PrivateKey.generate().write(tmp_path / "editeur")
    tab = keys_tab(qtbot, services, tmp_path / "editeur")
    tab.key_add.click()
    shown = tab.key_error.text()
    assert shown.startswith("\u2068editeur\u2069 is a private key, not a public one")
    assert "secret" in shown


@pytest.mark.parametrize("which", ["gone", "a folder"])
def test_a_file_that_cannot_be_read_is_said_so_not_called_no_key(  # type: ignore[no-untyped-def]
    qtbot, services: ShellServices, tmp_path: Path, caplog: pytest.LogCaptureFixture, which: str
) -> None:
    """r13: a key file gone by the time it was read (a USB stick pulled) or a folder was called
    "not a Cartable public key file": the learner would look for another file, not at the
    stick. The system's reason goes to the log."""
    chosen = tmp_path / "teacher.pub" if which == "gone" else tmp_path / "keys"
    if which == "a folder":
        chosen.mkdir()
    tab = keys_tab(qtbot, services, chosen)
    with caplog.at_level(logging.WARNING):
        tab.key_add.click()
    assert tab.key_error.text() == f"\u2068{chosen.name}\u2069 could not be read."
    assert "cannot read public key" in caplog.text


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "this computer does not allow writing it (permission denied)"),
        (errno.EIO, "the disk reported an error (the details are in the log)"),
    ],
)
def test_a_key_that_cannot_be_saved_says_why_in_words_not_the_systems(  # type: ignore[no-untyped-def]
    qtbot,
    services: ShellServices,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    code: int,
    reason: str,
) -> None:
    public = PrivateKey.generate().write(tmp_path / "teacher", comment="Teacher")
    tab = keys_tab(qtbot, services, public)

    def refuse(_key: object) -> None:
        raise OSError(code, "Raw system words", str(tmp_path / "keys" / "x.pub"))

    monkeypatch.setattr(services.context.trust, "add", refuse)
    tab.key_add.click()
    box = tab.confirm_box
    assert box is not None
    with caplog.at_level(logging.WARNING):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert tab.key_error.text() == f"The key could not be saved: {reason}."
    assert "Raw system words" in caplog.text
