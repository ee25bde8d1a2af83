"""The learner events: one method per event, each ONE transaction that updates progress and
queues the event's xAPI statement(s) in the outbox.

A unit is studied inside a session (`unit_opened` ... `unit_closed`), the cmi5 launch of an AU:
its id is the statements' session id, and the time between events (capped, so a player left
open overnight does not count) is the time studied. A session still open at the next start was
cut short by a crash or a power cut: `close_abandoned_sessions` ends it with cmi5 `abandoned`.

Whenever an event makes a module or the course satisfied under the course's moveOn rules, the
cmi5 `satisfied` statement for that block is queued in the same transaction, unless the block
already has one (satisfied_blocks.py: once per profile, course and block).

Where things are:
- session_events.py: course launched, unit opened and closed, heartbeat, abandoned sessions;
- video_events.py: played, paused, seeked; document_events.py: slides and readings;
- unit_event.py: the work every event shares (load, count time, queue, write back);
- statement_parts.py: a session's statement parts, frozen once; sessions.py: the session values.
Quizzes and exams are in assessments.py.
"""

from __future__ import annotations

from player.store.document_events import DocumentEvents
from player.store.session_events import SessionEvents
from player.store.video_events import VideoEvents


class Recorder(SessionEvents, VideoEvents, DocumentEvents):
    """The learner events. Every public method is one transaction."""
