"""Calls into QMediaPlayer that must not be made while Python holds the GIL.

`stop()` and replacing the source tear down the FFmpeg backend's renderer threads and wait for
them. A renderer destroys its objects in its own thread, and destroying one connected to a
QObject made from Python (the player) asks shiboken for a Python override of
`disconnectNotify`, which takes the GIL. Called from Python, `stop()` holds the GIL while it
waits for that thread: a deadlock (seen in tests: the GUI thread in QObject::disconnect, the
audio renderer thread in PyGILState_Ensure). Queued through the meta-object system, these slots
run from the event loop in C++, where PySide has released the GIL. `play()` and `pause()` right
after a new source has loaded connect the new renderers while the old ones may still be being
destroyed in their threads: the same deadlock (seen once in CI, switching quality while playing:
the GUI thread in QObject::connect from `play()`), so they are queued too.
Our QAudioOutput, which the audio renderer connects to, is made in C++ (audio_output.py).
"""

from __future__ import annotations

from PySide6.QtCore import Q_ARG, QMetaObject, Qt, QUrl
from PySide6.QtMultimedia import QMediaPlayer

_QUEUED = Qt.ConnectionType.QueuedConnection


def stop_later(player: QMediaPlayer) -> None:
    """`player.stop()` on the next turn of the event loop, without the GIL."""
    QMetaObject.invokeMethod(player, "stop", _QUEUED)


def set_source_later(player: QMediaPlayer, url: QUrl) -> None:
    """`player.setSource(url)` on the next turn of the event loop, without the GIL."""
    QMetaObject.invokeMethod(player, "setSource", _QUEUED, Q_ARG(QUrl, url))


def play_later(player: QMediaPlayer) -> None:
    """`player.play()` on the next turn of the event loop, without the GIL."""
    QMetaObject.invokeMethod(player, "play", _QUEUED)


def pause_later(player: QMediaPlayer) -> None:
    """`player.pause()` on the next turn of the event loop, without the GIL."""
    QMetaObject.invokeMethod(player, "pause", _QUEUED)
