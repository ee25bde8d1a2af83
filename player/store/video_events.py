"""Video events (the ADL video profile): played, paused, seeked, and cmi5 `completed` once the
watched part reaches the unit's threshold.

A play is folded into the watched segments when it stops (pause, seek, close), from where it
started (`playing_from`) to where it stopped. `stop_play` and `queue_completion` are functions,
not methods, because closing a video (session_events.py) does both too.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from player.course.manifest import VideoUnit
from player.store import progress as pg
from player.store import segments as seg
from player.store import statements as st
from player.store.database import StoreError
from player.store.sessions import UnitSession
from player.store.unit_event import EventRecorder, UnitEvent

Json = dict[str, Any]


def video_unit(session: UnitSession) -> VideoUnit:
    if not isinstance(session.unit, VideoUnit):
        raise StoreError(f"unit {session.unit.id} is not a video")
    return session.unit


def stop_play(ev: UnitEvent, time: float) -> None:
    """The play that started at `playing_from` ran until `time`."""
    unit = video_unit(ev.session)
    at = seg.clamp_time(time, unit.duration)
    if ev.playing_from is not None and at > ev.playing_from:
        ev.state = replace(
            ev.state,
            segments=seg.add(ev.state.segments, ev.playing_from, at, unit.duration),
            length=unit.duration,
        )
    ev.position = at


def queue_completion(ev: UnitEvent) -> None:
    """cmi5 `completed`, the first time the watched part reaches the unit's threshold."""
    unit = video_unit(ev.session)
    if ev.state.completed or seg.progress(ev.state.segments, unit.duration) < unit.threshold:
        return
    result = {
        "completion": True,
        "duration": st.duration_text(ev.unit_time),
        "extensions": ev.video_result(),
    }
    context = ev.context(cmi5=True, moveon=True, extensions={st.VIDEO_THRESHOLD: unit.threshold})
    ev.emit("completed", ev.unit_activity(), result=result, context=context)


class VideoEvents(EventRecorder):
    """The video units' events; each is one transaction."""

    def video_played(self, session: UnitSession, time: float) -> pg.UnitProgress:
        unit = video_unit(session)
        at = seg.clamp_time(time, unit.duration)
        with self.event(session) as ev:
            if ev.playing_from is not None:
                stop_play(ev, at)
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
            queue_completion(ev)
            return ev.finish()

    def video_paused(self, session: UnitSession, time: float) -> pg.UnitProgress:
        with self.event(session) as ev:
            stop_play(ev, time)
            ev.playing_from = None
            ev.emit(
                "paused",
                ev.unit_activity(),
                result={"extensions": ev.video_result()},
                context=ev.context(),
            )
            queue_completion(ev)
            return ev.finish()

    def video_seeked(
        self, session: UnitSession, time_from: float, time_to: float
    ) -> pg.UnitProgress:
        unit = video_unit(session)
        start = seg.clamp_time(time_from, unit.duration)
        to = seg.clamp_time(time_to, unit.duration)
        with self.event(session) as ev:
            playing = ev.playing_from is not None
            if playing:
                stop_play(ev, start)
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
            queue_completion(ev)
            return ev.finish()
