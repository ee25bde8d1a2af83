"""Where a learner stopped, and how to say it: "Continue: module 2, video 3 at 4:12".

The last course is the one launched last (`ProgressQueries.enrolled_courses`); its last unit is
the one whose progress changed last (every event and heartbeat stamps it). Positions follow the
content views' recorder: seconds for a video and a narrated deck, the 1-based page for a deck
without narration. A timed unit stopped within `RESTART_NEAR_END` of its end opens at the start
(the recorder's rule), so it is described without a time.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from player.course.manifest import Course, SlidesUnit, Unit, VideoUnit
from player.store.progress import CourseProgress, UnitProgress
from player.ui.recorder import RESTART_NEAR_END


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
    length: float | None = None  # seconds of a video or a deck's narration

    @property
    def timed(self) -> bool:
        return self.unit_type == "video" or (self.unit_type == "slides" and self.narrated)


def _length(unit: Unit) -> float | None:
    if isinstance(unit, VideoUnit):
        return unit.duration
    if isinstance(unit, SlidesUnit) and unit.narration is not None:
        return unit.narration.duration
    return None


def _resumes_at(position: float, length: float | None) -> float:
    """The time a timed unit opens at: as the recorder's `resume_position`, 0 near the end."""
    if length is not None and position >= length - RESTART_NEAR_END:
        return 0.0
    return position


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
                    _length(unit),
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
    if point.timed:
        at = _resumes_at(point.position, point.length)
        if at < 1:
            return where
        return (
            QCoreApplication.translate("Resume", "%1 at %2")
            .replace("%1", where)
            .replace("%2", clock(at))
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
    length = _length(unit)
    if length is None:
        return None
    at = _resumes_at(unit_progress.position, length)
    return at if at >= 1 else None
