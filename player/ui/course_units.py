"""Which unit of a course to open: the next or previous one in the course's order, a module's
first unit not done, and what is left of an exam attempt running against its clock.

Logic only, no widget and no text: `CourseView` opens the unit and words the time left.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from player.course.manifest import Module
from player.store.progress import UnitProgress

if TYPE_CHECKING:
    from player.store.assessments import Assessments  # loaded when used (player.store.store)


def neighbour(order: Sequence[str], current: str | None, step: int) -> str | None:
    """The unit `step` places from `current` in the course's `order` (None past either end);
    the first unit when none of the course is open."""
    if current not in order:
        return order[0] if order else None
    index = order.index(current) + step
    return order[index] if 0 <= index < len(order) else None


def module_start(module: Module, progress: Sequence[UnitProgress]) -> str | None:
    """The module's first unit not done (`progress` in the module's order), else its first."""
    todo = (u.id for u, p in zip(module.units, progress, strict=True) if not p.satisfies(u))
    return next(todo, module.units[0].id if module.units else None)


def exam_left(
    assessments: Assessments, profile_id: str, course_id: str, unit_id: str
) -> float | None:
    """Seconds left of the learner's attempt of this exam running against its clock (negative
    once past), None when none runs. The store's exam clock, the one the exam's own countdown
    reads. The store's failures are the caller's to handle."""
    running = next(
        (
            a
            for a in assessments.exam_attempts(profile_id, course_id, unit_id)
            if a.state == "in_progress" and a.deadline is not None
        ),
        None,
    )
    return None if running is None else assessments.exam_clock(profile_id, running.id)
