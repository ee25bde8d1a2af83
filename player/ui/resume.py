"""Where a learner stopped, and how to say it: "Continue: Module 2 · What is a MOOC? at 4:12".

The last course is the one launched last (`ProgressQueries.enrolled_courses`); its last unit is
the one whose progress changed last (every event and heartbeat stamps it). The unit is named by
its title (a long one cut at a word), after its module's number: "quiz 2" read as the second quiz
of the module when it meant its second unit. Positions follow the
content views' recorder: seconds for a video and a narrated deck, the 1-based slide for a deck
without narration. A timed unit stopped near its end (`restart_margin`: 5 s, 2 % of a long one)
opens at the start (the recorder's rule), so it is described without a time. A narrated deck's
view saves the point it will open at (it alone knows the audio's length) and opens it as saved,
so it is shown as saved, a point saved by an older version too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from player.course.manifest import Course, SlidesUnit, Unit, VideoUnit
from player.store.progress import CourseProgress, UnitProgress
from player.ui.i18n import fill
from player.ui.recorder import restarts
from player.wording import isolated


@dataclass(frozen=True)
class ResumePoint:
    """Where a learner takes a course up again: the unit and the place in it."""

    course_id: str
    course_title: str
    unit_id: str
    module_number: int  # 1-based
    unit_number: int  # 1-based, within its module
    unit_type: str
    position: float  # as the store keeps it (see the module docstring)
    narrated: bool
    length: float | None = None  # seconds of a video or a deck's narration
    unit_title: str = ""

    @property
    def timed(self) -> bool:
        return self.unit_type == "video" or (self.unit_type == "slides" and self.narrated)


def _length(unit: Unit) -> float | None:
    if isinstance(unit, VideoUnit):
        return unit.duration
    if isinstance(unit, SlidesUnit) and unit.narration is not None:
        return unit.narration.duration
    return None


def _resumes_at(position: float, length: float | None, narrated: bool = False) -> float:
    """The time a timed unit opens at: as the recorder's `resume_position`, 0 near the end. A
    narrated deck's saved point is already that: its view decides it against the audio's own
    length, which can outlast the declared one (a stop at 3 s of a 4 s audio declared 2 s), and
    opens any point as saved (`UnitRecorder.resume_narration`)."""
    if narrated:
        return position
    if length is not None and restarts(position, length):
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
                    unit.title,
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


# A unit title longer than this (characters) is cut at a word in the Continue banner.
TITLE_LIMIT = 60


# Blank space a title may break at; a no-break space stays as written (French "MOOC\u00a0?").
_BREAKABLE_SPACE = re.compile(r"[^\S\u00a0\u202f\u2007]+")


def shortened(text: str, limit: int = TITLE_LIMIT) -> str:
    """`text` on one line, cut at a word with an ellipsis when longer than `limit`."""
    words = _BREAKABLE_SPACE.sub(" ", text).strip()
    if len(words) <= limit:
        return words
    cut = words[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:  # a word boundary not too far back; else cut inside the word
        cut = cut[:space]
    return cut.rstrip(" \u00a0\u202f,;:.\u00b7-\u2013\u2014") + "\u2026"


def describe(point: ResumePoint) -> str:
    """ "Module 2 · What is a MOOC? at 4:12" (without the course's title)."""
    title = shortened(point.unit_title)
    title = isolated(title) if title else unit_kind(point.unit_type)
    where = fill(
        QCoreApplication.translate("Resume", "Module %1 \u00b7 %2"), str(point.module_number), title
    )
    if point.timed:
        at = _resumes_at(point.position, point.length, point.narrated)
        if at < 1:
            return where
        return fill(QCoreApplication.translate("Resume", "%1 at %2"), where, clock(at))
    if point.unit_type == "slides" and point.position >= 1:
        return fill(
            QCoreApplication.translate("Resume", "%1, slide %2"), where, str(int(point.position))
        )
    return where


def continue_text(point: ResumePoint) -> str:
    return fill(QCoreApplication.translate("Resume", "Continue: %1"), describe(point))


def unit_resume_position(unit: Unit, unit_progress: UnitProgress) -> float | None:
    """Seconds to resume a timed unit at, for showing beside it in the outline."""
    length = _length(unit)
    if length is None:
        return None
    narrated = isinstance(unit, SlidesUnit)
    at = _resumes_at(unit_progress.position, length, narrated)
    return at if at >= 1 else None
