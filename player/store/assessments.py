"""Practice quiz attempts and certificate exam attempts.

Quiz: every answer is graded on the device (`player.course.grading`) and queued at once as an
`answered` statement with its score and response; finishing queues `passed`/`failed` with
`score.scaled` against the unit's mastery score (and cmi5 `completed` the first time). An answer
given and not checked yet is a draft (`quiz_drafts`): kept, never queued, dropped once checked.

Exam: an attempt has its own registration (the institution grades per attempt) and a stored
deadline, so its timer survives restarts. The time used is counted by a clock that never goes
back (`boot_clock`) while Cartable runs, and by the wall clock only for the time it was closed,
never going back before the last wall time seen: setting the clock back gives no time, and NTP
moving it forward takes none (the stored deadline is re-based on that count as it goes). Each
answer is autosaved in its own transaction, the last answer per question winning, with the
`answered` statement it will become; nothing is queued until submission, which in ONE
transaction marks the attempt submitted and queues all its answers and the `submitted`
statement. Triggers in the schema refuse any change to a submitted attempt's answers. The
grade comes back from the LRS: `record_exam_result`.

Where things are:
- attempts.py: the attempts and answers as given out, their errors, the read side;
- quiz_events.py: quiz started, answer kept unchecked (draft), question answered, quiz finished;
- exam_events.py: exam started, answer autosaved, submitted, graded;
- exam_clock.py: an exam's time left, and the attempts whose time is up.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from player.store.exam_clock import boot_clock
from player.store.exam_events import ExamEvents
from player.store.quiz_events import QuizEvents
from player.store.unit_event import EventRecorder


class Assessments(QuizEvents, ExamEvents):
    """Quiz and exam events (one transaction each) and the attempts' read side."""

    def __init__(
        self, recorder: EventRecorder, monotonic: Callable[[], float] | None = None
    ) -> None:
        self.recorder = recorder
        self.database = recorder.database
        self.conn = recorder.conn
        if monotonic is None:  # a store on its own clock (tests, tools) keeps time by it alone
            monotonic = boot_clock if self.database.clock is time.time else self.database.clock
        self.monotonic = monotonic
        self._anchors = {}
