"""Course updates the library tells of without the Catalog opened: which installed courses a
catalog offers a newer, installable version of, and when the catalogs are due to be read again.

A check is the Catalog's own read (`Catalogs.fetch`, a conditional GET per server catalog: an
unchanged one costs a 304 of a few hundred bytes), at most once every `CHECK_INTERVAL` seconds,
the time of the last one kept in the settings (`Settings.updates_checked_at`). The timer, the
conditions (a profile studying, the network, "only on unmetered connections") and the library's
marks are player/ui/update_check.py's. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from player.library.catalogs import Browse, CatalogCourse, CourseState

CHECK_INTERVAL = 6 * 3600.0
"""Seconds between two checks, across restarts: an institution on a paid link pays one
conditional request per catalog this often, whether the player stays open or not."""


def seconds_until_due(last_checked: float, now: float, interval: float = CHECK_INTERVAL) -> float:
    """How long until the next check may run (0: now). Never checked (0), or a last check "in
    the future" (the clock was set back, a date from another computer): due now, else a
    clock set wrong once would hold every check until it caught up."""
    if last_checked <= 0 or last_checked > now:
        return 0.0
    return max(0.0, last_checked + interval - now)


def installable_updates(
    browse: Browse, unsigned: Iterable[str] = (), unsigned_allowed: bool = False
) -> dict[str, CatalogCourse]:
    """Installed courses with a newer version the catalogs offer that this device would take,
    by course id: not one signed by a key refused here (`CatalogCourse.refused`), nor an
    unsigned copy (`unsigned`: download ids a folder catalog lists unsigned) where unsigned
    courses are not accepted or the installed version is signed by a trusted key."""
    unsigned = set(unsigned)
    found = {}
    for course in browse.courses:
        if course.state is not CourseState.UPDATE or course.refused:
            continue
        if course.download_id in unsigned and (
            not unsigned_allowed or course.signed_installed is not None
        ):
            continue
        found[course.id] = course
    return found


def update_versions(updates: Mapping[str, CatalogCourse]) -> dict[str, str]:
    """Course id -> the version an update brings, as the library's cards show it."""
    return {course_id: course.version for course_id, course in updates.items()}
