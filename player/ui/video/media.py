"""Calls into QMediaPlayer that must not be made while Python holds the GIL.

`stop()` and replacing the source tear down the FFmpeg backend's threads and wait for them
(~PlaybackEngine); a backend thread can still wait for the GIL (the Qt message handler), so these
are not called while Python holds it. Seen in tests: the GUI thread in QObject::disconnect
from `stop()`, the GIL held; the audio renderer thread in PyGILState_Ensure, asking shiboken for
a Python override of `disconnectNotify` on a QAudioOutput made from Python (gdb: the only object
whose virtuals the backend's threads took the GIL for; it is made in C++ now, audio_output.py).
Queued through the meta-object system, these slots run from the event loop in C++, where PySide
has released the GIL. `play()` and `pause()` right after a new source has loaded connect the new
renderers while the old ones may still be being destroyed in their threads: the same deadlock
(seen once in CI, switching quality while playing: the GUI thread in QObject::connect from
`play()`), so they are queued too.

Keep them queued: the backend's threads still enter Python through the app's Qt message handler
(logging_setup._qt_message) whenever they log, which takes the GIL: "No audio device detected"
(QFFmpeg::AudioR, each time a renderer starts on a machine without audio) and "QFFmpeg::Demuxer
received AVPacket with pts == AV_NOPTS_VALUE" (QFFmpeg::Demuxer, opening an Ogg file), both in
Qt's "default" category, where a logging rule would drop every uncategorised Qt warning too;
"Could not open media" (qt.multimedia.ffmpeg.mediadataholder, a pooled thread), which support
needs.
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
