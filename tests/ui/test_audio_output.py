"""The views' QAudioOutput is made in C++ (player/ui/audio_output.py): the FFmpeg audio renderer,
destroyed in its own thread, calls its `disconnectNotify` while holding Qt's signal-slot lock,
and on an object made from Python that call took the GIL: a deadlock with the UI thread waiting
for that lock in a connect (seen once in a full test run)."""

from __future__ import annotations

from PySide6.QtCore import QMetaMethod, QObject
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer
from PySide6.QtTest import QSignalSpy
from shiboken6 import Shiboken

from player.ui.audio_output import audio_output


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


def test_it_is_deleted_with_its_parent_and_plays_as_before(qtbot) -> None:  # type: ignore[no-untyped-def]
    parent = QObject()
    output = audio_output(parent)
    assert output.parent() is parent and not Shiboken.ownedByPython(output)
    player = QMediaPlayer(parent)
    player.setAudioOutput(output)
    assert player.audioOutput() is output
    output.setVolume(0.25)
    output.setMuted(True)
    device = QMediaDevices.defaultAudioOutput()
    output.setDevice(device)
    assert (output.volume(), output.isMuted(), output.device()) == (0.25, True, device)
    destroyed = QSignalSpy(output.destroyed)
    parent.deleteLater()  # as a closed view is: nothing left per video opened
    qtbot.waitUntil(lambda: destroyed.count() == 1, timeout=10_000)
    assert not Shiboken.isValid(output)
