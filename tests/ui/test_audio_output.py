"""The views' QAudioOutput is made in C++ (player/ui/audio_output.py): the FFmpeg audio renderer,
destroyed in its own thread, calls its `disconnectNotify` while holding Qt's signal-slot lock,
and on an object made from Python that call took the GIL: a deadlock with the UI thread waiting
for that lock in a connect (seen once in a full test run)."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QMetaMethod, QObject, QUrl
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer
from PySide6.QtTest import QSignalSpy
from shiboken6 import Shiboken

from player.ui import audio_output as module
from player.ui.audio_output import audio_output
from player.ui.video.media import play_later, stop_later
from tests.support import FIXTURES

SOUND = FIXTURES / "media" / "mutagen-multipage-setup.ogg"  # 4.13 s Vorbis


def _python_entered_on_disconnect(output: QAudioOutput) -> list[str]:
    """The signals whose `disconnectNotify` reached Python when a C++ receiver of the output's
    signals (a QSignalSpy, as the renderer is) was destroyed. shiboken's wrapper of an object
    made from Python looks for a Python override on every virtual call, taking the GIL for it,
    and finds one set on the instance: that is the call the renderer's thread made."""
    entered: list[str] = []

    def disconnect_notify(signal: QMetaMethod) -> None:
        entered.append(bytes(signal.name().data()).decode())

    output.disconnectNotify = disconnect_notify  # type: ignore[method-assign]
    receivers = [QSignalSpy(output.volumeChanged), QSignalSpy(output.mutedChanged)]
    output.setVolume(0.5)
    assert [spy.count() for spy in receivers] == [1, 0]
    for spy in receivers:
        Shiboken.delete(spy)  # ~QObject: sender->disconnectNotify(), as ~AudioRenderer does
    return entered


def test_destroying_a_receiver_of_its_signals_never_enters_python(qapp) -> None:  # type: ignore[no-untyped-def]
    parent = QObject()
    output = audio_output(parent)
    assert not Shiboken.createdByPython(output) and type(output) is QAudioOutput
    assert _python_entered_on_disconnect(output) == []
    # The probe sees the call on an output made from Python (as both views made theirs): the
    # renderer's thread waited for the GIL there.
    made_in_python = QAudioOutput(parent)
    assert Shiboken.createdByPython(made_in_python)
    assert _python_entered_on_disconnect(made_in_python) == ["volumeChanged", "mutedChanged"]
    Shiboken.delete(parent)


def test_it_is_deleted_once_with_its_parent(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Nothing else holds it (no `player.audioOutput()` here: that call makes the player
    shiboken's parent of the wrapper, and the wrapper would then be invalidated by the player's
    deletion, whatever became of the output)."""
    parent = QObject()
    output = audio_output(parent)
    assert output.parent() is parent and not Shiboken.ownedByPython(output)
    destroyed = QSignalSpy(output.destroyed)
    parent.deleteLater()  # as a closed view is: nothing left per video opened
    qtbot.waitUntil(lambda: destroyed.count() == 1, timeout=10_000)
    assert not Shiboken.isValid(output)
    assert destroyed.count() == 1


def test_it_plays_with_its_volume_mute_and_device(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QObject()
    output = audio_output(parent)
    output.setVolume(0.25)
    output.setMuted(True)
    device = QMediaDevices.defaultAudioOutput()
    output.setDevice(device)
    assert (output.volume(), output.isMuted(), output.device()) == (0.25, True, device)
    player = QMediaPlayer(parent)
    player.setAudioOutput(output)
    assert player.audioOutput() is output
    player.setSource(QUrl.fromLocalFile(str(SOUND)))
    play_later(player)
    qtbot.waitUntil(lambda: player.position() > 500, timeout=60_000)
    assert player.mediaStatus() in (
        QMediaPlayer.MediaStatus.BufferingMedia,
        QMediaPlayer.MediaStatus.BufferedMedia,
    )
    assert (output.volume(), output.isMuted(), output.device()) == (0.25, True, device)
    stop_later(player)  # as the views do: never stop() with the GIL held (video/media.py)
    qtbot.waitUntil(
        lambda: player.playbackState() == QMediaPlayer.PlaybackState.StoppedState, timeout=60_000
    )
    destroyed = QSignalSpy(output.destroyed)
    parent.deleteLater()
    qtbot.waitUntil(lambda: destroyed.count() == 1, timeout=10_000)


def test_one_made_from_python_when_qt_cannot_is_said_in_the_log(
    qapp, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:  # type: ignore[no-untyped-def]
    """The fallback brings the hazard back: support must see it in the log, not find out from
    a frozen player."""
    monkeypatch.setattr(module, "_made_in_cpp", lambda: 0)
    parent = QObject()
    with caplog.at_level(logging.WARNING, logger=module.__name__):
        output = audio_output(parent)
    assert Shiboken.createdByPython(output) and output.parent() is parent
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "made from Python" in caplog.records[0].getMessage()
    Shiboken.delete(parent)
