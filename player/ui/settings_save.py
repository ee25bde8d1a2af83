"""Saving the settings, one way for every Settings tab and the main window (the last profile,
the window's size and place).

A module-level function, not a method of the dialog: a tab holding a bound method of its dialog
would keep the dialog alive (a reference cycle, see tests/ui/test_question_closures.py).
"""

from __future__ import annotations

import logging

from player.context import Context

log = logging.getLogger(__name__)


def save_settings(context: Context) -> None:
    """Write the settings file; a failure is logged, not raised: the change already applies for
    this run, and the learner could do nothing about a settings file that cannot be written."""
    try:
        context.save_settings()
    except OSError as exc:
        log.warning("could not save settings: %s", exc)
