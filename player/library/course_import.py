"""The import of several courses at once (an archive, a folder): each course on its own.

Once the checks of the whole import have passed (signatures, older versions, other signers:
`Library.install_archive`, `install_folder`), each course is copied, verified and switched on its
own: one whose file is damaged or that cannot be stored is refused whole (its copied files
dropped) and the others still go in, so a stick of ten courses with one damaged file gives nine.
`CoursesRefused` then names each course's outcome. `ImportedCourse` says what an import did to
one course (new, the very version already here, an update), for the learner's words.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from player.course.errors import CourseError, PackageError, one_line
from player.course.manifest import version_key

if TYPE_CHECKING:
    from player.course.package import OpenedCourse
    from player.library.library import InstalledCourse


@dataclass(frozen=True)
class Refusal:
    """One course of an import that was not installed, and why (`error`: a CourseError or an
    OSError, LockBusy included)."""

    course_id: str
    version: str
    title: str
    error: BaseException

    @property
    def line(self) -> str:
        """`maths 1.2.0: not installed: <why>`, one line."""
        return one_line(f"{self.course_id} {self.version}: not installed: {self.error}")


class CoursesRefused(PackageError):
    """Courses of an import of several (an archive, a folder) that were refused each on its own
    once the checks of the whole import had passed: a damaged or missing file, a disk that could
    not store it, another Cartable holding its lock. Each of `installed` went in whole, each of
    `refused` not at all; `lines()` says so one line per course."""

    def __init__(
        self, source: str, installed: list[InstalledCourse], refused: list[Refusal]
    ) -> None:
        self.installed = installed
        self.refused = refused
        super().__init__(source, "; ".join(self.lines()))

    def lines(self) -> list[str]:
        done = [f"{item.id} {item.version}: installed" for item in self.installed]
        return done + [refusal.line for refusal in self.refused]


class ExamInProgress(CourseError):
    """An import would replace an installed course in which an exam attempt is in progress
    (in any profile on this computer): its questions would change under the learner, the
    answers saved kept against questions reworded or gone. Refused; imported after it."""

    def __init__(self, file: str, course_id: str, title: str) -> None:
        self.course_id = course_id
        self.title = title
        super().__init__(file, "an exam is in progress in it: not replaced")


def exam_hold(
    installed: Callable[[str], InstalledCourse | None], held: Callable[[str], bool]
) -> Callable[[OpenedCourse], None]:
    """`install_each`'s `hold` for an import: an installed course whose copy would change (a
    newer version, another manifest; not the same copy again, a repair) is refused while
    `held(course_id)` (an exam attempt in progress in it: player/store/exam_holds.py).
    `installed`: the library's `get`."""

    def hold(opened: OpenedCourse) -> None:
        course = opened.course
        before = installed(course.id)
        if before is None or before.course == course:
            return
        if held(course.id):
            raise ExamInProgress(course.id, course.id, before.course.title)

    return hold


def install_each(
    install: Callable[[OpenedCourse], InstalledCourse],
    chosen: list[OpenedCourse],
    source: str,
    hold: Callable[[OpenedCourse], None] | None = None,
) -> list[InstalledCourse]:
    """`install` each of `chosen` (the courses of the import from `source`) on its own, `hold`
    asked first (it raises `ExamInProgress` for a course that must not be replaced now).
    Raises a single course's own error; CoursesRefused naming each course's outcome when one
    of several was refused."""
    installed: list[InstalledCourse] = []
    refused: list[Refusal] = []
    for one in chosen:
        course = one.course
        try:
            if hold is not None:
                hold(one)
            installed.append(install(one))
        except (CourseError, OSError) as exc:
            if len(chosen) == 1:
                raise
            refused.append(Refusal(course.id, course.version, course.title, exc))
    if refused:
        raise CoursesRefused(source, installed, refused)
    return installed


class ImportChange(enum.Enum):
    """What an import did to one course."""

    NEW = "new"
    """Not installed before."""
    SAME = "same"
    """This very copy was installed already (version, content, signature), each file there at
    its size, so it was left untouched: nothing changed for the learner, so "Imported" would have
    them look for something new. Its files' bytes were not read (`Library.damaged_files`)."""
    UPDATED = "updated"
    """A newer version replaced the installed one."""
    REPLACED = "replaced"
    """Another copy of the installed version (other content or signature), the same copy over
    an installed one found damaged (`ImportedCourse.repaired`), or an older version asked
    for."""


@dataclass(frozen=True)
class ImportedCourse:
    """A course an import installed, and what was installed of it just before (None: none)."""

    installed: InstalledCourse
    previous: InstalledCourse | None

    @property
    def change(self) -> ImportChange:
        before, after = self.previous, self.installed
        if before is None:
            return ImportChange.NEW
        if after.folder == before.folder:  # an install writes a version folder of its own
            return ImportChange.SAME
        if version_key(after.version) > version_key(before.version):
            return ImportChange.UPDATED
        return ImportChange.REPLACED

    @property
    def repaired(self) -> bool:
        """The same course, by the same key, installed again over its installed copy found
        damaged (a file lost or cut short, its version folder altered, a crash's leftover
        beside it): not another copy, not another version."""
        before, after = self.previous, self.installed
        return (
            self.change is ImportChange.REPLACED
            and before is not None
            and (before.course, before.verified, before.signer)
            == (after.course, after.verified, after.signer)
        )


def imported_over(
    before: list[InstalledCourse], installed: list[InstalledCourse]
) -> list[ImportedCourse]:
    """Each of `installed` with what of it was in `before` (the library read before the
    import)."""
    previous = {course.id: course for course in before}
    return [ImportedCourse(course, previous.get(course.id)) for course in installed]
