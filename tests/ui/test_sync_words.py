"""The sync texts say where the records are kept in the learner's words: "this computer", as
the rest of the interface says (Settings' keys "added on this computer", the exam's "as soon as
this computer is online"), never "this device" (u2: « cet appareil » read as a phone)."""

from __future__ import annotations

from typing import get_args

from PySide6.QtWidgets import QApplication

from player.ui.sync_status import StopReasonText, answered_text, unanswered_text
from sync.engine import StopReason

ANSWERS = ("HTTP 401: Unauthorized", "HTTP 429: Too Many", "HTTP 503: Down", "HTTP 418: Teapot")


def test_every_sync_text_says_the_records_are_kept_on_this_computer(qapp: QApplication) -> None:
    texts = [unanswered_text("bad_address"), unanswered_text("no_answer")]
    texts += [answered_text(answer, None) for answer in ANSWERS]
    stops = StopReasonText()
    texts += [stops.text(stop, 3) for stop in get_args(StopReason)]
    assert len(texts) == 9
    for text in texts:
        assert "this computer" in text, text
        assert "device" not in text, text
