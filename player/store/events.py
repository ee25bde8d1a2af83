"""One function per learner event: each is ONE transaction that updates progress and queues the
event's xAPI statement(s) in the outbox.

A unit is studied inside a session (`unit_opened` ... `unit_closed`), the cmi5 launch of an AU:
its id is the statements' session id, and the time between events (capped, so a player left
open overnight does not count) is the time studied. A session still open at the next start was
cut short by a crash or a power cut: `close_abandoned_sessions` ends it with cmi5 `abandoned`.

Whenever an event makes a module or the course satisfied under the course's moveOn rules, the
cmi5 `satisfied` statement for that block is queued in the same transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from player.course.manifest import Course, Module, SlidesUnit, Unit, VideoUnit
from player.store import progress as pg
from player.store import segments as seg
from player.store import statements as st
from player.store.database import Database, StoreError
from player.store.ids import new_uuid
from player.store.profiles import ProfileError
from sync.outbox import Outbox

Json = dict[str, Any]

#: The most time counted between two events of a session. The player sends a heartbeat at
#: least every minute while the learner is active (playing, reading, answering).
IDLE_CAP = 300.0


class SessionClosed(StoreError):
    """The session was closed (or belongs to another profile): open the unit again."""


class UnknownUnit(StoreError):
    """The course has no unit with this id."""


@dataclass(frozen=True)
class UnitSession:
    """An open unit: pass it to every event of that unit until `unit_closed`."""

    id: str
    profile_id: str
    course: Course
    module: Module
    unit: Unit
    registration: str
    started_at: float


@dataclass(frozen=True)
class AbandonedSession:
    session_id: str
    profile_id: str
    course_id: str
    unit_id: str
    started_at: datetime
    active_seconds: float


class _SessionParts:
    """What every statement of a session repeats (activities, contexts, actor), built at its
    first event rather than at each: an event is a few hundred microseconds of work on the UI
    thread, and these were most of it. The dicts are shared between statements: read them,
    never edit them (statements are frozen to bytes as they are queued)."""

    __slots__ = (
        "actor_json",
        "actor_key",
        "actor_text",
        "contexts",
        "course_activity",
        "length",
        "module_activity",
        "unit_activity",
        "unit_ids",
        "unit_text",
    )

    def __init__(self, session: UnitSession) -> None:
        course, unit = session.course, session.unit
        self.unit_activity = st.unit_activity(course, unit)
        self.unit_text = st.frozen_text(self.unit_activity)
        self.module_activity = st.module_activity(course, session.module)
        self.course_activity = st.course_activity(course)
        #: Activity id -> is it this unit (or one of its pages or questions): folded into it.
        self.unit_ids: dict[str, bool] = {}
        self.length = unit.duration if isinstance(unit, VideoUnit) else None
        #: (cmi5, moveon, video, parent id) -> _Context
        self.contexts: dict[tuple[bool, bool, bool, str], _Context] = {}
        self.actor_key: tuple[str, str] | None = None
        self.actor_json: Json = {}
        self.actor_text = ""

    def context(
        self,
        session: UnitSession,
        cmi5: bool,
        moveon: bool,
        video: bool,
        parent: Json | None,
        extensions: Json | None,
    ) -> tuple[Json, str]:
        """The context and its frozen text."""
        key = (cmi5, moveon, video, parent["id"] if parent else "")
        found = self.contexts.get(key)
        if found is None:
            whole = st.context(
                session.registration,
                language=session.course.language,
                parent=parent or self.module_activity,
                grouping=self.course_activity,
                session_id=session.id,
                cmi5=cmi5,
                moveon=moveon,
                video=video,
            )
            own = whole.pop("extensions", {})
            defaults: Json = {st.VIDEO_LENGTH: self.length} if video else {}
            found = self.contexts[key] = _Context(whole, defaults, own)
        return found.with_extensions(extensions)

    def folds(self, course: Course, unit: Unit, activity_id: str) -> bool:
        found = self.unit_ids.get(activity_id)
        if found is None:
            ref = st.parse_activity_iri(activity_id)
            found = bool(ref and ref.course_id == course.id and ref.unit_id == unit.id)
            self.unit_ids[activity_id] = found
        return found

    def actor(self, home_page: str, name: str) -> Json:
        if self.actor_key != (home_page, name):
            self.actor_key = (home_page, name)
            self.actor_json = st.Actor(home_page, name).to_json()
            self.actor_text = st.frozen_text(self.actor_json)
        return self.actor_json


class _Context:
    """One kind of context of a session, and its frozen text around the `extensions` key
    (the one part that may change from statement to statement)."""

    __slots__ = ("base", "defaults", "fixed", "fixed_text", "head", "own", "tail")

    def __init__(self, base: Json, defaults: Json, own: Json) -> None:
        self.base = base
        self.defaults = defaults  # the given extensions win over these
        self.own = own  # the session's: these win over the given ones
        self.fixed = {**defaults, **own}  # the extensions when none are given
        self.head = st.frozen_text({k: v for k, v in base.items() if k < "extensions"})[1:-1]
        self.tail = st.frozen_text({k: v for k, v in base.items() if k > "extensions"})[1:-1]
        self.fixed_text = self._text(self.fixed)

    def _text(self, extensions: Json) -> str:
        pieces = [self.head] if self.head else []
        if extensions:
            pieces.append('"extensions":' + st.frozen_text(extensions))
        if self.tail:
            pieces.append(self.tail)
        return "{" + ",".join(pieces) + "}"

    def with_extensions(self, extensions: Json | None) -> tuple[Json, str]:
        out = dict(self.base)
        if not extensions:
            if self.fixed:
                out["extensions"] = self.fixed
            return out, self.fixed_text
        merged = {**self.defaults, **extensions, **self.own}
        out["extensions"] = merged
        return out, self._text(merged)


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


def _video_extensions(time: float, segments: seg.Segments, length: float) -> Json:
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
        self, recorder: Recorder, session: UnitSession, now: float, *, cached: bool = False
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
        self.stored = loaded.stored
        self.stored_segments = loaded.segments_text
        self.stored_pages = loaded.pages_text
        self.before = loaded.progress
        self.written: _Loaded | None = None  # what finish() wrote, while the session is open
        self.state = self.before.state
        self.position = self.before.position
        self.playing_from = self.before.playing_from
        self.timestamp = st.timestamp_text(now, now)
        self._frozen: dict[int, tuple[Json, str]] = {}  # contexts made here: their text

    @property
    def active_seconds(self) -> float:
        return self.active_before + self.delta

    @property
    def unit_time(self) -> float:
        return self.before.time_spent + self.delta

    @property
    def is_video(self) -> bool:
        return isinstance(self.unit, VideoUnit)

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
        return _video_extensions(self.position, self.state.segments, self.unit.duration)

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
            self.stored_segments
            if state.segments == before.segments
            else json.dumps(seg.to_json(state.segments))
        )
        pages = (
            self.stored_pages
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
        if self.stored:
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
        )
        if end_verb is None:
            self.written = _Loaded(
                max(self.now, 0.0),
                self.active_before + self.delta,
                self.study_day,
                self.study_seconds,
                self.loaded.home_page,
                self.loaded.actor_name,
                True,
                segments,
                pages,
                after,
            )
        move_on = self.unit.move_on
        if before.satisfied(move_on) != after.satisfied(move_on):
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

    def __init__(self, recorder: Recorder, session: UnitSession) -> None:
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


class Recorder:
    """The learner events. Every public method is one transaction."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.conn = database.conn
        self.outbox = Outbox(self.conn)
        self.days = pg.LocalDays()
        self._parts: dict[str, _SessionParts] = {}
        # What the last events wrote, by session: the next event of a session starts from it
        # instead of reading it back, while nothing else has written to the file since
        # (`PRAGMA data_version` for other connections, `total_changes` for this one).
        self._loaded: dict[str, tuple[tuple[str, str, str], _Loaded]] = {}
        self._written_at: tuple[int, int] | None = None
        self._version = 0

    def now(self) -> float:
        return self.database.clock()

    def parts(self, session: UnitSession) -> _SessionParts:
        found = self._parts.get(session.id)
        if found is None:
            found = self._parts[session.id] = _SessionParts(session)
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

    # -- helpers shared with assessments.py ---------------------------------------------------

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
        """cmi5 `satisfied` for each block (module, course) this change has just satisfied."""
        units = pg.load_course_units(self.conn, profile_id, course.id)
        units[after.unit_id] = before
        old = pg.satisfaction(course, units)
        units[after.unit_id] = after
        new = pg.satisfaction(course, units)
        targets = [
            st.module_activity(course, m)
            for m in course.modules
            if m.id in new.modules - old.modules
        ]
        if new.course and not old.course:
            targets.append(st.course_activity(course))
        if not targets:
            return
        actor = self.actor(profile_id)
        stamp = st.timestamp_text(now, now)
        course_id = st.course_iri(course)
        for target in targets:
            context = st.context(
                registration,
                language=course.language,
                grouping=st.course_activity(course) if target["id"] != course_id else None,
                session_id=session_id,
                cmi5=True,
            )
            stmt = st.statement(actor, "satisfied", target, timestamp=stamp, context=context)
            self.queue(profile_id, stmt, now)

    # -- course and unit ----------------------------------------------------------------------

    def course_launched(self, profile_id: str, course: Course) -> str:
        """The learner opened a course; returns its registration (made on first launch)."""
        now = self.now()
        with self.database.transaction():
            actor = self.actor(profile_id)
            registration = self.enrolment(profile_id, course, now)
            self.conn.execute(
                "UPDATE enrolments SET last_launched_at = ? WHERE profile_id = ? AND course_id = ?",
                (now, profile_id, course.id),
            )
            context = st.context(registration, language=course.language)
            stmt = st.statement(
                actor,
                "launched",
                st.course_activity(course),
                timestamp=st.timestamp_text(now, now),
                context=context,
            )
            self.queue(profile_id, stmt, now)
        return registration

    def unit_opened(self, profile_id: str, course: Course, unit_id: str) -> UnitSession:
        """cmi5 `launched` and `initialized`: a session starts."""
        unit = course.unit(unit_id)
        module = course.module_of(unit_id)
        if unit is None or module is None:
            raise UnknownUnit(f"course {course.id} has no unit {unit_id!r}")
        now = self.now()
        with self.database.transaction():
            self.actor(profile_id)
            registration = self.enrolment(profile_id, course, now)
            session = UnitSession(new_uuid(), profile_id, course, module, unit, registration, now)
            activity = st.unit_activity(course, unit)
            template = st.context(
                registration,
                language=course.language,
                parent=st.module_activity(course, module),
                grouping=st.course_activity(course),
                session_id=session.id,
                cmi5=True,
            )
            self.conn.execute(
                "INSERT INTO sessions (id, profile_id, course_id, unit_id, registration, activity,"
                " context, started_at, last_active_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    session.id,
                    profile_id,
                    course.id,
                    unit.id,
                    registration,
                    json.dumps(activity),
                    json.dumps(template),
                    now,
                    now,
                ),
            )
            ev = UnitEvent(self, session, now)
            ev.playing_from = None
            launch = {
                st.CMI5_LAUNCH_MODE: "Normal",
                st.CMI5_LAUNCH_URL: activity["id"],
                st.CMI5_MOVE_ON: unit.move_on,
            }
            ev.emit(
                "launched", activity, context=ev.context(cmi5=True, video=False, extensions=launch)
            )
            init_ext: Json = {}
            if isinstance(unit, VideoUnit):
                init_ext[st.VIDEO_THRESHOLD] = unit.threshold
            ev.emit("initialized", activity, context=ev.context(cmi5=True, extensions=init_ext))
            ev.finish()
        return session

    def unit_closed(self, session: UnitSession, position: float | None = None) -> pg.UnitProgress:
        """cmi5 `terminated` with the session's duration. For a video, `position` is where the
        player stood: a play still running counts up to it."""
        with self.event(session) as ev:
            if isinstance(session.unit, VideoUnit) and position is not None:
                self._video_stop(ev, position)
                self._video_completion(ev)
            elif position is not None:
                ev.position = position
            ev.playing_from = None
            result: Json = {"duration": st.duration_text(ev.active_seconds)}
            if ev.is_video:
                result["extensions"] = ev.video_result()
            ev.emit("terminated", ev.unit_activity(), result=result, context=ev.context(cmi5=True))
            return ev.finish("terminated")

    def heartbeat(self, session: UnitSession, position: float | None = None) -> pg.UnitProgress:
        """Still here: counts the time studied and keeps the resume point. No statement."""
        with self.event(session) as ev:
            if position is not None:
                if isinstance(session.unit, VideoUnit):
                    ev.position = seg.clamp_time(position, session.unit.duration)
                else:
                    ev.position = max(0.0, float(position))
            return ev.finish()

    def close_abandoned_sessions(self) -> list[AbandonedSession]:
        """At start: end every session a crash left open with cmi5 `abandoned` (all profiles)."""
        closed: list[AbandonedSession] = []
        rows = self.conn.execute(
            "SELECT id, profile_id, course_id, unit_id, activity, context, started_at,"
            " last_active_at, active_seconds FROM sessions WHERE ended_at IS NULL"
            " ORDER BY started_at"
        ).fetchall()
        for row in rows:
            sid, profile_id, course_id, unit_id, activity, context, started, last, active = row
            now = self.now()
            with self.database.transaction():
                still_open = self.conn.execute(
                    "SELECT 1 FROM sessions WHERE id = ? AND ended_at IS NULL", (sid,)
                ).fetchone()
                if not still_open:
                    continue
                actor = self.actor(profile_id)
                self._pause_cut_play(
                    actor, profile_id, course_id, unit_id, sid, activity, context, last, now
                )
                stmt = st.statement(
                    actor,
                    "abandoned",
                    json.loads(activity),
                    timestamp=st.timestamp_text(last, now),
                    context=json.loads(context),
                    result={"duration": st.duration_text(active)},
                )
                self.queue(profile_id, stmt, now)
                pg.end_session_study(self.conn, sid)
                self.conn.execute(
                    "UPDATE sessions SET ended_at = ?, end_verb = 'abandoned' WHERE id = ?",
                    (last, sid),
                )
                self.forget(sid)
                self.conn.execute(
                    "UPDATE unit_progress SET playing_from = NULL"
                    " WHERE profile_id = ? AND course_id = ? AND unit_id = ?",
                    (profile_id, course_id, unit_id),
                )
            closed.append(
                AbandonedSession(
                    sid,
                    profile_id,
                    course_id,
                    unit_id,
                    datetime.fromtimestamp(started, UTC),
                    active,
                )
            )
        return closed

    def _pause_cut_play(
        self,
        actor: st.Actor,
        profile_id: str,
        course_id: str,
        unit_id: str,
        session_id: str,
        activity: str,
        template: str,
        last: float,
        now: float,
    ) -> None:
        """A video still playing when the session was cut: what played from `playing_from` to
        the last heartbeat's position is kept, with the `paused` the learner would have sent
        (dated at the last activity), so the statements still say all that progress says.
        Without the course at hand, the length is the one the session's statements gave."""
        progress = pg.load_unit(self.conn, profile_id, course_id, unit_id)
        start, length = progress.playing_from, progress.length
        if start is None or not length or progress.position <= start:
            return
        at = seg.clamp_time(progress.position, length)
        segments = seg.add(progress.segments, start, at, length)
        opened = json.loads(template)
        activities = opened.get("contextActivities", {})
        context = st.context(
            opened["registration"],
            language=opened.get("language", ""),
            parent=(activities.get("parent") or [None])[0],
            grouping=(activities.get("grouping") or [None])[0],
            session_id=session_id,
            video=True,
            extensions={st.VIDEO_LENGTH: length},
        )
        extensions = _video_extensions(at, segments, length)
        stmt = st.statement(
            actor,
            "paused",
            json.loads(activity),
            timestamp=st.timestamp_text(last, now),
            context=context,
            result={"extensions": extensions},
        )
        self.queue(profile_id, stmt, now)
        state = pg.apply_statement(replace(progress.state, segments=segments), stmt)
        self.conn.execute(
            "UPDATE unit_progress SET attempted = ?, length = ?, segments = ?, position = ?"
            " WHERE profile_id = ? AND course_id = ? AND unit_id = ?",
            (
                int(state.attempted),
                state.length,
                json.dumps(seg.to_json(state.segments)),
                at,
                profile_id,
                course_id,
                unit_id,
            ),
        )

    def open_sessions(self, profile_id: str) -> list[str]:
        rows = self.conn.execute(
            "SELECT id FROM sessions WHERE profile_id = ? AND ended_at IS NULL ORDER BY started_at",
            (profile_id,),
        ).fetchall()
        return [r[0] for r in rows]

    # -- video (ADL video profile) ------------------------------------------------------------

    def _video(self, session: UnitSession) -> VideoUnit:
        if not isinstance(session.unit, VideoUnit):
            raise StoreError(f"unit {session.unit.id} is not a video")
        return session.unit

    def _video_stop(self, ev: UnitEvent, time: float) -> None:
        """The play that started at `playing_from` ran until `time`."""
        unit = self._video(ev.session)
        at = seg.clamp_time(time, unit.duration)
        if ev.playing_from is not None and at > ev.playing_from:
            ev.state = replace(
                ev.state,
                segments=seg.add(ev.state.segments, ev.playing_from, at, unit.duration),
                length=unit.duration,
            )
        ev.position = at

    def _video_completion(self, ev: UnitEvent) -> None:
        unit = self._video(ev.session)
        if ev.state.completed or seg.progress(ev.state.segments, unit.duration) < unit.threshold:
            return
        result = {
            "completion": True,
            "duration": st.duration_text(ev.unit_time),
            "extensions": ev.video_result(),
        }
        context = ev.context(
            cmi5=True, moveon=True, extensions={st.VIDEO_THRESHOLD: unit.threshold}
        )
        ev.emit("completed", ev.unit_activity(), result=result, context=context)

    def video_played(self, session: UnitSession, time: float) -> pg.UnitProgress:
        unit = self._video(session)
        at = seg.clamp_time(time, unit.duration)
        with self.event(session) as ev:
            if ev.playing_from is not None:
                self._video_stop(ev, at)
            ev.position = at
            ev.playing_from = at
            extensions: Json = {st.VIDEO_TIME: at}
            if ev.state.segments:  # progress so far, so it can be rebuilt from statements
                extensions = ev.video_result()
            ev.emit(
                "played",
                ev.unit_activity(),
                result={"extensions": extensions},
                context=ev.context(),
            )
            self._video_completion(ev)
            return ev.finish()

    def video_paused(self, session: UnitSession, time: float) -> pg.UnitProgress:
        with self.event(session) as ev:
            self._video_stop(ev, time)
            ev.playing_from = None
            ev.emit(
                "paused",
                ev.unit_activity(),
                result={"extensions": ev.video_result()},
                context=ev.context(),
            )
            self._video_completion(ev)
            return ev.finish()

    def video_seeked(
        self, session: UnitSession, time_from: float, time_to: float
    ) -> pg.UnitProgress:
        unit = self._video(session)
        start = seg.clamp_time(time_from, unit.duration)
        to = seg.clamp_time(time_to, unit.duration)
        with self.event(session) as ev:
            playing = ev.playing_from is not None
            if playing:
                self._video_stop(ev, start)
            ev.position = to
            ev.playing_from = to if playing else None
            extensions = {st.VIDEO_TIME_FROM: start, st.VIDEO_TIME_TO: to}
            if ev.state.segments:  # the segments, so progress can be rebuilt from statements
                extensions.update(ev.video_result())
                del extensions[st.VIDEO_TIME]
            ev.emit(
                "seeked",
                ev.unit_activity(),
                result={"extensions": extensions},
                context=ev.context(),
            )
            self._video_completion(ev)
            return ev.finish()

    # -- slides and readings ------------------------------------------------------------------

    def slide_viewed(self, session: UnitSession, page: int) -> pg.UnitProgress:
        """Page `page` (1-based) of a deck was shown; all pages seen completes the deck."""
        unit = session.unit
        if not isinstance(unit, SlidesUnit):
            raise StoreError(f"unit {unit.id} is not a slide deck")
        if not 1 <= page <= unit.pages:
            raise ValueError(f"page {page} is not in 1..{unit.pages}")
        with self.event(session) as ev:
            ev.position = float(page)
            ev.emit(
                "experienced",
                st.page_activity(session.course, unit, page),
                context=ev.context(
                    parent=ev.unit_activity(),
                    extensions={st.EXT_PAGE: page, st.EXT_PAGES: unit.pages},
                ),
            )
            if not ev.state.completed and len(ev.state.pages_seen) >= unit.pages:
                self._completed(ev)
            return ev.finish()

    def reading_completed(self, session: UnitSession) -> pg.UnitProgress:
        """The learner reached the end of a reading (or said they finished it)."""
        with self.event(session) as ev:
            if not ev.state.completed:
                self._completed(ev)
            return ev.finish()

    def _completed(self, ev: UnitEvent) -> None:
        result = {"completion": True, "duration": st.duration_text(ev.unit_time)}
        ev.emit(
            "completed",
            ev.unit_activity(),
            result=result,
            context=ev.context(cmi5=True, moveon=True),
        )
