"""Where a learner stopped, and how to say it: "Continue: module 2, video 3 at 4:12".

The last course is the one launched last (`ProgressQueries.enrolled_courses`); its last unit is
the one whose progress changed last (every event and heartbeat stamps it). Positions follow the
content views' recorder: seconds for a video and a narrated deck, the 1-based page for a deck
without narration.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from player.course.manifest import Course, SlidesUnit, Unit, VideoUnit
from player.store.progress import CourseProgress, UnitProgress


@dataclass(frozen=True)
class ResumePoint:
    course_id: str
    course_title: str
    unit_id: str
    module_number: int  # 1-based
    unit_number: int  # 1-based, within its module
    unit_type: str
    position: float  # as the store keeps it (see the module docstring)
    narrated: bool


def clock(seconds: float) -> str:
    """4:12, or 1:02:03 past an hour."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def last_unit(course: Course, progress: CourseProgress) -> UnitProgress | None:
    """The unit studied last in this course (None before any)."""
    known = {u.id for _, u in course.units()}
    touched = [
        u
        for m in progress.modules
        for u in m.units
        if u.updated_at is not None and u.unit_id in known
    ]
    return max(touched, key=lambda u: u.updated_at) if touched else None  # type: ignore[arg-type,return-value]


def start_unit(course: Course, progress: CourseProgress) -> str | None:
    """The unit a course opens at: the last one studied, else the next to do, else the first."""
    last = last_unit(course, progress)
    if last is not None:
        return last.unit_id
    if progress.next_unit_id:
        return progress.next_unit_id
    first = next(course.units(), None)
    return first[1].id if first else None


def resume_point(course: Course, progress: CourseProgress) -> ResumePoint | None:
    last = last_unit(course, progress)
    if last is None:
        return None
    for module_index, module in enumerate(course.modules, 1):
        for unit_index, unit in enumerate(module.units, 1):
            if unit.id == last.unit_id:
                return ResumePoint(
                    course.id,
                    course.title,
                    unit.id,
                    module_index,
                    unit_index,
                    unit.type,
                    last.position,
                    isinstance(unit, SlidesUnit) and unit.narration is not None,
                )
    return None


def unit_kind(unit_type: str) -> str:
    return {
        "video": QCoreApplication.translate("Resume", "video"),
        "slides": QCoreApplication.translate("Resume", "slides"),
        "reading": QCoreApplication.translate("Resume", "reading"),
        "quiz": QCoreApplication.translate("Resume", "quiz"),
        "exam": QCoreApplication.translate("Resume", "exam"),
    }.get(unit_type, unit_type)


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def describe(point: ResumePoint) -> str:
    """ "module 2, video 3 at 4:12" (without the course's title)."""
    where = (
        QCoreApplication.translate("Resume", "module %1, %2 %3")
        .replace("%1", str(point.module_number))
        .replace("%2", unit_kind(point.unit_type))
        .replace("%3", str(point.unit_number))
    )
    timed = point.unit_type == "video" or (point.unit_type == "slides" and point.narrated)
    if timed and point.position >= 1:
        return (
            QCoreApplication.translate("Resume", "%1 at %2")
            .replace("%1", where)
            .replace("%2", clock(point.position))
        )
    if point.unit_type == "slides" and point.position >= 1:
        return (
            QCoreApplication.translate("Resume", "%1, page %2")
            .replace("%1", where)
            .replace("%2", str(int(point.position)))
        )
    return where


def continue_text(point: ResumePoint) -> str:
    return QCoreApplication.translate("Resume", "Continue: %1").replace("%1", describe(point))


def unit_resume_position(unit: Unit, unit_progress: UnitProgress) -> float | None:
    """Seconds to resume a timed unit at, for showing beside it in the outline."""
    if isinstance(unit, VideoUnit) or (isinstance(unit, SlidesUnit) and unit.narration):
        return unit_progress.position if unit_progress.position >= 1 else None
    return None
