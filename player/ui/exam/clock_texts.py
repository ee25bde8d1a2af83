"""What the exam's clock says: the time left over the questions, and the two warnings near the
end (the first to check and submit, the last that the answers are submitted as they are).

Pure texts, no widget: `ExamView` shows them. They were written, and translated, in `ExamView`
and keep that translation context (`QCoreApplication.translate("ExamView", ...)`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from player.ui.assessment_common import countdown, minutes_text
from player.ui.i18n import fill

# The clock turns to a warning below this many seconds, and warns again below the last.
WARN_BELOW = 300
WARN_LAST = 60


def time_left_text(remaining: float) -> str:
    return QCoreApplication.translate("ExamView", "Time left: %1").replace(
        "%1", countdown(remaining)
    )


def warnings_due(remaining: float) -> int:
    """How many of the two warnings apply with `remaining` seconds left (0, 1 or 2)."""
    return 2 if remaining < WARN_LAST else 1 if remaining < WARN_BELOW else 0


def time_warning(due: int) -> str:
    """The warning `warnings_due` asks for (1 or 2)."""
    if due == 1:
        return fill(
            QCoreApplication.translate(
                "ExamView", "Less than %1 left: check your answers and submit."
            ),
            minutes_text(WARN_BELOW),
        )
    return QCoreApplication.translate(
        "ExamView",
        "Less than a minute left: submit now, or your answers are submitted as "
        "they are when the time is up.",
    )
