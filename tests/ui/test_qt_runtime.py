"""The Qt binding must not corrupt the interpreter: PySide6 6.12 on CPython 3.11 hands back
None/True/False without a reference and aborts after a few thousand calls (why pyproject pins 6.11).
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
class Emitter(QObject):
    fired = Signal()
emitter = Emitter()
before = sys.getrefcount(None), sys.getrefcount(False)
for _ in range(20000):
    label.setText("x")
    label.update()
    emitter.fired.emit()
    label.isVisible()
after = sys.getrefcount(None), sys.getrefcount(False)
print(before[0] - after[0], before[1] - after[1])
"""


def test_qt_calls_keep_none_true_false_alive() -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lost_none, lost_false = (int(v) for v in result.stdout.split())
    assert abs(lost_none) < 100 and abs(lost_false) < 100, result.stdout
