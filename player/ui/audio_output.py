"""The QAudioOutput of a video or a narration, made by Qt's own constructor, not from Python.

The FFmpeg backend's audio renderer connects to its output's signals and is destroyed in its own
thread ("QFFmpeg::AudioR"); QObject's destructor then calls the output's virtual
`disconnectNotify` while it holds Qt's signal-slot lock. On an object made from Python
(`QAudioOutput(parent)`) that virtual is shiboken's wrapper, which takes the GIL to look for a
Python override, on every call (priming shiboken's override cache does not help). If the UI
thread holds the GIL and waits for the same lock (any connect: QMainWindow.statusBar() was one),
both wait forever: seen once in a full test run, the player frozen. Qt shares its signal-slot
locks between objects by address, so any connect can be the one.

An object made through the class's meta-type (`QMetaType.create()`, QAudioOutput's default
constructor run in C++) has QAudioOutput's own virtuals: that thread never enters Python. Python
gets a plain wrapper of it, not owned by Python; the parent owns it, and Qt deletes it with the
parent, as `QAudioOutput(parent)` was. QAudioOutput has no Q_INVOKABLE constructor
(QMetaObject.newInstance cannot make one), and QML's `AudioOutput` would bring QtQml and the
QML plugins into the bundle, which leaves them out.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtMultimedia import QAudioOutput
from shiboken6 import Shiboken


def audio_output(parent: QObject) -> QAudioOutput:
    """A QAudioOutput made in C++, owned by `parent` (deleted with it)."""
    made = QAudioOutput.staticMetaObject.metaType().create()
    address = 0 if made is None else int(made)
    if not address:  # a Qt whose meta-type cannot make one: Python's, as before
        return QAudioOutput(parent)
    output = Shiboken.wrapInstance(address, QAudioOutput)
    output.setParent(parent)
    return output
