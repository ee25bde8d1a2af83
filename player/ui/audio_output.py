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

Delete it only with its parent (or `Shiboken.delete`): shiboken is not told when the C++ object
is deleted otherwise (`deleteLater()` on the output itself), and the wrapper is left valid and
dangling, where one made from Python would raise.

A backend thread can still enter Python: through the app's Qt message handler
(logging_setup.py), whenever it logs. So the calls in video/media.py that wait for those threads
stay queued.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtMultimedia import QAudioOutput
from shiboken6 import Shiboken

log = logging.getLogger(__name__)


def _made_in_cpp() -> int:
    """The address of a QAudioOutput made by its meta-type's default constructor; 0 if not."""
    made = QAudioOutput.staticMetaObject.metaType().create()
    return 0 if made is None else int(made)


def audio_output(parent: QObject) -> QAudioOutput:
    """A QAudioOutput made in C++, owned by `parent` (deleted with it)."""
    address = _made_in_cpp()
    if not address:  # a Qt whose meta-type cannot make one: Python's, and the hazard, as before
        log.warning(
            "QAudioOutput could not be made in C++; made from Python: its audio thread may "
            "wait for the GIL (see player/ui/audio_output.py)"
        )
        return QAudioOutput(parent)
    output = Shiboken.wrapInstance(address, QAudioOutput)
    output.setParent(parent)
    return output
