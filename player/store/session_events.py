"""Session events: a course launched, a unit opened (cmi5 `launched`, `initialized`) and closed
(`terminated`), the heartbeat that counts the time studied between them, and at start the
sessions a crash or a power cut left open, ended with cmi5 `abandoned`.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from player.course.manifest import Course, VideoUnit
from player.store import progress as pg
from player.store import segments as seg
from player.store import statements as st
from player.store.ids import new_uuid
from player.store.sessions import AbandonedSession, UnitSession, UnknownUnit
from player.store.unit_event import EventRecorder, UnitEvent, video_extensions
from player.store.video_events import queue_completion, stop_play

Json = dict[str, Any]


class SessionEvents(EventRecorder):
    """Opening, closing and abandoning unit sessions; each public method is one transaction."""

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
        video = isinstance(session.unit, VideoUnit)
        with self.event(session) as ev:
            if video and position is not None:
                stop_play(ev, position)
                queue_completion(ev)
            elif position is not None:
                ev.position = position
            ev.playing_from = None
            result: Json = {"duration": st.duration_text(ev.active_seconds)}
            if video:
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
        extensions = video_extensions(at, segments, length)
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
