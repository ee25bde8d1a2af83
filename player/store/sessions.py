"""A unit session as the event functions pass it around, and what can go wrong with one.

A unit is studied inside a session (`unit_opened` ... `unit_closed`), the cmi5 launch of an AU:
its id is the statements' session id. The functions that open, close and abandon sessions are in
`session_events.py`; this module holds only the values, so every event module can import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from player.course.manifest import Course, Module, Unit
from player.store.database import StoreError


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
