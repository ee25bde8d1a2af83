"""One learner event on one unit, as ONE transaction: the session and the unit's progress
loaded, the time since the last event counted, statements queued in the outbox (those about the
unit folded into its progress), everything written back, and cmi5 `satisfied` queued for any
module or the course the event has just satisfied and that has none yet (satisfied_blocks.py).

`EventRecorder` holds what every event function shares: the connection, the outbox, each open
session's frozen statement parts and what its last event wrote (so the next one need not read it
back), and the helpers the assessments use too. The event functions themselves are in
session_events.py, video_events.py and document_events.py (the store's `Recorder` is all three)
and in assessments.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from player.course.manifest import Course, VideoUnit
from player.store import progress as pg
from player.store import satisfied_blocks as sb
from player.store import segments as seg
from player.store import statements as st
from player.store.database import Database
from player.store.ids import new_uuid
from player.store.profiles import ProfileError
from player.store.sessions import SessionClosed, UnitSession
from player.store.statement_parts import SessionParts
from sync.outbox import Outbox

Json = dict[str, Any]

#: The most time counted between two events of a session. The player sends a heartbeat at
#: least every minute while the learner is active (playing, reading, answering).
IDLE_CAP = 300.0


_EVENT_SQL = (
    "SELECT s.last_active_at, s.active_seconds, s.study_day, s.study_seconds,"
    " p.actor_home_page, p.actor_name"
    + "".join(f", u.{c.strip()}" for c in pg.UNIT_COLUMNS.split(","))
    + " FROM sessions s JOIN profiles p ON p.id = s.profile_id"
    " LEFT JOIN unit_progress u ON u.profile_id = s.profile_id"
    " AND u.course_id = ? AND u.unit_id = ?"
    " WHERE s.id = ? AND s.profile_id = ? AND s.ended_at IS NULL"
)
_UNIT_FIRST = 6  # where the unit_progress columns start in _EVENT_SQL's row


@dataclass(frozen=True, slots=True)
class _Loaded:
    """What an event reads before it works: the session's counters, the actor, the unit's
    progress as stored (with its stored JSON texts, written back as they are if unchanged)."""

    last_active_at: float
    active_seconds: float
    study_day: str | None
    study_seconds: float
    home_page: str
    actor_name: str
    stored: bool
    segments_text: str
    pages_text: str
    progress: pg.UnitProgress

    @classmethod
    def from_row(cls, row: tuple[Any, ...], course_id: str, unit_id: str) -> _Loaded:
        unit_row = row[_UNIT_FIRST:]
        stored = unit_row[0] is not None
        return cls(
            float(row[0]),
            float(row[1]),
            row[2],
            float(row[3]),
            row[4],
            row[5],
            stored,
            unit_row[7] if stored else "[]",
            unit_row[8] if stored else "[]",
            pg.unit_from_row(unit_row) if stored else pg.UnitProgress(course_id, unit_id),
        )


def video_extensions(time: float, segments: seg.Segments, length: float) -> Json:
    """time, progress and played-segments (when any), as the video profile wants them."""
    extensions: Json = {st.VIDEO_TIME: time, st.VIDEO_PROGRESS: seg.progress(segments, length)}
    if segments:
        extensions[st.VIDEO_SEGMENTS] = seg.format_played_segments(segments)
    return extensions


class UnitEvent:
    """The work of one event on one unit, inside the caller's transaction.

    Loads the session and the unit's progress, counts the time since the last event, queues
    statements (folding those about the unit into its progress) and writes it all back.
    """

    def __init__(
        self, recorder: EventRecorder, session: UnitSession, now: float, *, cached: bool = False
    ) -> None:
        self.recorder = recorder
        self.conn = recorder.conn
        self.session = session
        self.course = session.course
        self.unit = session.unit
        self.now = now
        self.parts = recorder.parts(session)
        loaded = recorder.loaded(session) if cached else None
        if loaded is None:
            # One query for the session (open, this profile's), the actor and the progress.
            row = self.conn.execute(
                _EVENT_SQL, (self.course.id, self.unit.id, session.id, session.profile_id)
            ).fetchone()
            if row is None:
                raise SessionClosed(f"session {session.id} is not open for this profile")
            loaded = _Loaded.from_row(row, self.course.id, self.unit.id)
        self.active_before = loaded.active_seconds
        self.delta = min(max(now - loaded.last_active_at, 0.0), IDLE_CAP)
        self.study_day: str | None = loaded.study_day
        self.study_seconds = loaded.study_seconds
        self.actor = st.Actor(loaded.home_page, loaded.actor_name)
        self.actor_json = self.parts.actor(loaded.home_page, loaded.actor_name)
        self.loaded = loaded
        self.before = loaded.progress
        if pg.counts_attempts(self.unit):  # finishing the last attempt may satisfy it
            self.before = replace(self.before, quiz_finished=self._quiz_finished())
        self.written: _Loaded | None = None  # what finish() wrote, while the session is open
        self.state = self.before.state
        self.position = self.before.position
        self.playing_from = self.before.playing_from
        self.timestamp = st.timestamp_text(now, now)
        self._frozen: dict[int, tuple[Json, str]] = {}  # contexts made here: their text

    @property
    def active_seconds(self) -> float:
        return self.active_before + self.delta

    def _quiz_finished(self) -> int:
        """The unit's quiz attempts finished, as this transaction sees them."""
        key = (self.course.id, self.unit.id)
        return pg.load_quizzes(self.conn, self.session.profile_id, *key).get(key, 0)

    @property
    def unit_time(self) -> float:
        return self.before.time_spent + self.delta

    def context(
        self,
        *,
        cmi5: bool = False,
        moveon: bool = False,
        video: bool = True,
        parent: Json | None = None,
        extensions: Json | None = None,
    ) -> Json:
        """The unit's context: registration, module as parent (unless given), course as grouping,
        session id, categories; on a video unit the video profile's category and length."""
        video = video and self.parts.length is not None
        context, text = self.parts.context(self.session, cmi5, moveon, video, parent, extensions)
        self._frozen[id(context)] = (context, text)
        return context

    def emit(self, verb: str, obj: Json, *, result: Json | None = None, context: Json) -> Json:
        """Queue a statement about this unit's session. Its frozen bytes are put together from
        the session's parts frozen once (exactly what `st.freeze(stmt)` writes: keys in order)."""
        parts = self.parts
        statement_id = st.new_id()
        stmt: Json = {
            "id": statement_id,
            "actor": self.actor_json,
            "verb": st.VERB_OBJECTS[verb],
            "object": obj,
            "timestamp": self.timestamp,
        }
        text = ['{"actor":', parts.actor_text]
        if context:
            stmt["context"] = context
            made = self._frozen.get(id(context))
            text += [
                ',"context":',
                made[1] if made and made[0] is context else st.frozen_text(context),
            ]
        object_text = parts.unit_text if obj is parts.unit_activity else st.frozen_text(obj)
        text += [',"id":"', statement_id, '","object":', object_text]
        if result:
            stmt["result"] = result
            text += [',"result":', st.frozen_text(result)]
        text += [',"timestamp":"', self.timestamp, '","verb":', st.VERB_TEXTS[verb], "}"]
        self.recorder.outbox.append(
            self.session.profile_id, statement_id, "".join(text).encode(), self.now
        )
        if self.parts.folds(self.course, self.unit, obj["id"]):
            self.state = pg.apply_statement(self.state, stmt)
        return stmt

    def unit_activity(self) -> Json:
        return self.parts.unit_activity

    def video_result(self) -> Json:
        """time, progress and played-segments, as the video profile wants them."""
        assert isinstance(self.unit, VideoUnit)
        return video_extensions(self.position, self.state.segments, self.unit.duration)

    def _study_time(self) -> None:
        """Count the time since the last event: the session's current day keeps it in the
        session row (written anyway); earlier days, when a gap crossed midnight or the day
        changed, get it in `study_days`."""
        if self.delta <= 0:
            return
        day_start, day = self.recorder.days.of(self.now)
        begin = self.now - self.delta
        if begin < day_start:
            pg.add_study_time(self.conn, self.session.profile_id, begin, day_start)
            begin = day_start
        if self.study_day != day:
            if self.study_day and self.study_seconds:
                pg.add_day_seconds(
                    self.conn, self.session.profile_id, self.study_day, self.study_seconds
                )
            self.study_day, self.study_seconds = day, 0.0
        self.study_seconds += self.now - begin

    def finish(self, end_verb: str | None = None) -> pg.UnitProgress:
        """Write progress, session time and study time; queue `satisfied` where it is due.
        With `end_verb` the session ends (its study time joins the day's total)."""
        profile_id = self.session.profile_id
        state, before = self.state, self.before
        segments = (
            self.loaded.segments_text
            if state.segments == before.segments
            else json.dumps(seg.to_json(state.segments))
        )
        pages = (
            self.loaded.pages_text
            if state.pages_seen == before.pages_seen
            else json.dumps(sorted(state.pages_seen))
        )
        values = (
            int(state.attempted),
            int(state.completed),
            None if state.success is None else int(state.success),
            state.score,
            state.length,
            segments,
            pages,
            self.position,
            self.playing_from,
            self.delta,
            self.now,
            profile_id,
            self.course.id,
            self.unit.id,
        )
        if self.loaded.stored:
            self.conn.execute(
                "UPDATE unit_progress SET attempted = ?, completed = ?, success = ?, score = ?,"
                " length = ?, segments = ?, pages_seen = ?, position = ?, playing_from = ?,"
                " time_spent = time_spent + ?, updated_at = ?"
                " WHERE profile_id = ? AND course_id = ? AND unit_id = ?",
                values,
            )
        else:
            self.conn.execute(
                "INSERT INTO unit_progress (attempted, completed, success, score, length,"
                " segments, pages_seen, position, playing_from, time_spent, updated_at,"
                " profile_id, course_id, unit_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                values,
            )
        self._study_time()
        if end_verb is None:
            self.conn.execute(
                "UPDATE sessions SET last_active_at = ?, active_seconds = active_seconds + ?,"
                " study_day = ?, study_seconds = ? WHERE id = ?",
                (
                    max(self.now, 0.0),
                    self.delta,
                    self.study_day,
                    self.study_seconds,
                    self.session.id,
                ),
            )
        else:
            if self.study_day and self.study_seconds:
                pg.add_day_seconds(self.conn, profile_id, self.study_day, self.study_seconds)
            self.conn.execute(
                "UPDATE sessions SET last_active_at = ?, active_seconds = active_seconds + ?,"
                " study_day = NULL, study_seconds = 0, ended_at = ?, end_verb = ? WHERE id = ?",
                (max(self.now, 0.0), self.delta, self.now, end_verb, self.session.id),
            )
            self.recorder.forget(self.session)
        after = pg.UnitProgress(
            self.course.id,
            self.unit.id,
            attempted=state.attempted,
            completed=state.completed,
            success=state.success,
            score=state.score,
            length=state.length,
            segments=state.segments,
            pages_seen=state.pages_seen,
            position=self.position,
            time_spent=self.unit_time,
            updated_at=datetime.fromtimestamp(self.now, UTC),
            playing_from=self.playing_from,
            quiz_finished=self._quiz_finished() if pg.counts_attempts(self.unit) else 0,
        )
        if end_verb is None:
            self.written = _Loaded(
                max(self.now, 0.0),
                self.active_seconds,
                self.study_day,
                self.study_seconds,
                self.loaded.home_page,
                self.loaded.actor_name,
                True,
                segments,
                pages,
                after,
            )
        if before.satisfies(self.unit) != after.satisfies(self.unit):
            session = self.session
            self.recorder.queue_satisfied(
                session.profile_id,
                self.course,
                session.registration,
                session.id,
                before,
                after,
                self.now,
            )
        return after


class _EventScope:
    """`with recorder.event(session) as ev:` one transaction around one unit event; what it
    wrote is remembered for the session's next event once committed."""

    __slots__ = ("event", "recorder", "session", "transaction")

    def __init__(self, recorder: EventRecorder, session: UnitSession) -> None:
        self.recorder = recorder
        self.session = session
        self.transaction = recorder.database.transaction()
        self.event: UnitEvent | None = None

    def __enter__(self) -> UnitEvent:
        self.transaction.__enter__()
        try:
            self.event = UnitEvent(self.recorder, self.session, self.recorder.now(), cached=True)
        except BaseException as exc:
            self.recorder.forget_loaded()
            self.transaction.__exit__(type(exc), exc, exc.__traceback__)
            raise
        return self.event

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: object
    ) -> None:
        try:
            self.transaction.__exit__(kind, error, trace)
        except BaseException:
            self.recorder.forget_loaded()
            raise
        if kind is None and self.event is not None:
            self.recorder.remember(self.event)
        else:
            self.recorder.forget_loaded()


class EventRecorder:
    """What the event functions share; each is a method of a subclass (see `events.Recorder`)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.conn = database.conn
        self.outbox = Outbox(self.conn)
        self.days = pg.LocalDays()
        self._parts: dict[str, SessionParts] = {}
        # What the last events wrote, by session: the next event of a session starts from it
        # instead of reading it back, while nothing else has written to the file since
        # (`PRAGMA data_version` for other connections, `total_changes` for this one).
        self._loaded: dict[str, tuple[tuple[str, str, str], _Loaded]] = {}
        self._written_at: tuple[int, int] | None = None
        self._version = 0

    def now(self) -> float:
        return self.database.clock()

    def parts(self, session: UnitSession) -> SessionParts:
        found = self._parts.get(session.id)
        if found is None:
            found = self._parts[session.id] = SessionParts(session)
        return found

    def forget(self, session_id: UnitSession | str) -> None:
        """A session ended: its statement parts are not needed any more."""
        key = session_id if isinstance(session_id, str) else session_id.id
        self._parts.pop(key, None)
        self._loaded.pop(key, None)

    def loaded(self, session: UnitSession) -> _Loaded | None:
        """What the session's last event wrote, if the file has not changed since (inside the
        event's transaction: no other writer can change it before the event commits)."""
        self._version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        if self._written_at != (self._version, self.conn.total_changes):
            self._loaded.clear()
            return None
        found = self._loaded.get(session.id)
        return None if found is None else found[1]

    def remember(self, ev: UnitEvent) -> None:
        """After an event committed: what it wrote is what its session's next event reads."""
        if ev.written is None:
            self._loaded.pop(ev.session.id, None)
        else:
            unit = (ev.session.profile_id, ev.course.id, ev.unit.id)
            for other in [k for k, (u, _) in self._loaded.items() if u == unit]:
                del self._loaded[other]  # another session of the same unit: progress moved
            self._loaded[ev.session.id] = (unit, ev.written)
        self._written_at = (self._version, self.conn.total_changes)

    def forget_loaded(self) -> None:
        self._loaded.clear()
        self._written_at = None

    # -- helpers shared by the event modules and assessments.py -------------------------------

    def actor(self, profile_id: str) -> st.Actor:
        row = self.conn.execute(
            "SELECT actor_home_page, actor_name FROM profiles WHERE id = ?", (profile_id,)
        ).fetchone()
        if row is None:
            raise ProfileError(f"no profile with id {profile_id}")
        return st.Actor(row[0], row[1])

    def queue(self, profile_id: str, stmt: Json, now: float) -> None:
        self.outbox.append(profile_id, stmt["id"], st.freeze(stmt), now)

    def enrolment(self, profile_id: str, course: Course, now: float) -> str:
        """The registration of this profile in this course, made on first use (transaction)."""
        row = self.conn.execute(
            "SELECT registration FROM enrolments WHERE profile_id = ? AND course_id = ?",
            (profile_id, course.id),
        ).fetchone()
        if row:
            return str(row[0])
        registration = new_uuid()
        self.conn.execute(
            "INSERT INTO enrolments (profile_id, course_id, registration, enrolled_at)"
            " VALUES (?, ?, ?, ?)",
            (profile_id, course.id, registration, now),
        )
        return registration

    def event(self, session: UnitSession) -> _EventScope:
        """One transaction around one unit event; `finish` is the caller's last step."""
        return _EventScope(self, session)

    def queue_satisfied(
        self,
        profile_id: str,
        course: Course,
        registration: str,
        session_id: str | None,
        before: pg.UnitProgress,
        after: pg.UnitProgress,
        now: float,
    ) -> None:
        """cmi5 `satisfied` for each block (module, course) this change has just satisfied and
        that has none yet (satisfied_blocks.py: once per profile, course and block, whether
        queued here or imported, and across course updates); each block is kept with it."""
        units = pg.load_course_units(self.conn, profile_id, course.id)
        units[after.unit_id] = before
        old = pg.satisfaction(course, units)
        units[after.unit_id] = after
        new = pg.satisfaction(course, units)
        blocks = [m.id for m in course.modules if m.id in new.modules - old.modules]
        if new.course and not old.course:
            blocks.append(sb.COURSE)
        if blocks:
            had = sb.recorded(self.conn, profile_id, course.id)
            blocks = [b for b in blocks if b not in had]
        if not blocks:
            return
        modules = {m.id: m for m in course.modules}
        actor = self.actor(profile_id)
        stamp = st.timestamp_text(now, now)
        for block in blocks:
            target = (
                st.course_activity(course)
                if block == sb.COURSE
                else st.module_activity(course, modules[block])
            )
            context = st.context(
                registration,
                language=course.language,
                grouping=None if block == sb.COURSE else st.course_activity(course),
                session_id=session_id,
                cmi5=True,
            )
            stmt = st.statement(actor, "satisfied", target, timestamp=stamp, context=context)
            self.queue(profile_id, stmt, now)
            sb.record(self.conn, profile_id, course.id, block)
