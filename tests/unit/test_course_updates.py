"""When the catalogs are read again for course updates, and which updates the library may offer
(player/library/course_updates.py): no clock, no network."""

from __future__ import annotations

from player.library.catalogs import Browse, CatalogCourse, CourseState
from player.library.course_updates import (
    CHECK_INTERVAL,
    installable_updates,
    seconds_until_due,
    update_versions,
)
from sync.catalog_parse import CatalogEntry

HOUR = 3600.0
NOW = 1_800_000_000.0


def test_a_check_is_due_at_once_when_never_made() -> None:
    assert seconds_until_due(0.0, NOW) == 0.0


def test_a_check_waits_the_interval_after_the_last_one() -> None:
    assert CHECK_INTERVAL == 6 * HOUR
    assert seconds_until_due(NOW, NOW) == CHECK_INTERVAL
    assert seconds_until_due(NOW - 2 * HOUR, NOW) == 4 * HOUR
    assert seconds_until_due(NOW - 6 * HOUR, NOW) == 0.0
    assert seconds_until_due(NOW - 30 * HOUR, NOW) == 0.0
    assert seconds_until_due(NOW - HOUR, NOW, interval=HOUR / 2) == 0.0


def test_a_last_check_in_the_future_does_not_hold_the_next_for_ever() -> None:
    """The clock was set back (a dead CMOS battery, a date fixed by hand): due now."""
    assert seconds_until_due(NOW + 365 * 24 * HOUR, NOW) == 0.0


def offered(course_id: str, version: str, state: CourseState, **refusal: str) -> CatalogCourse:
    entry = CatalogEntry(
        course_id, version, course_id.title(), "fr", "", "Université", 10, 1,
        f"courses/{course_id}/{version}/course.json", "0" * 64, 100,
    )  # fmt: skip
    installed = None if state is CourseState.AVAILABLE else "1.0.0"
    return CatalogCourse(
        entry, "http://example.org/", "Test", state, installed, 10, True, **refusal
    )


def test_only_installable_updates_of_installed_courses_are_offered() -> None:
    courses = (
        offered("maths", "1.0.1", CourseState.UPDATE),
        offered("histoire", "1.0.0", CourseState.INSTALLED),
        offered("physique", "2.0.0", CourseState.AVAILABLE),
        offered("chimie", "1.1.0", CourseState.UPDATE, untrusted_key="k1"),
        offered("musique", "1.1.0", CourseState.UPDATE, other_signer="k2"),
        offered("dessin", "1.1.0", CourseState.UPDATE, scoped_key="k3"),
        offered("danse", "1.1.0", CourseState.UPDATE, earlier_key="k4"),
    )
    updates = installable_updates(Browse((), courses))
    assert update_versions(updates) == {"maths": "1.0.1"}


def test_an_unsigned_update_is_offered_only_where_the_catalog_page_would_install_it() -> None:
    plain = offered("maths", "1.0.1", CourseState.UPDATE)
    signed = offered("histoire", "1.0.1", CourseState.UPDATE, signed_installed="Histoire")
    browse = Browse((), (plain, signed))
    unsigned = {plain.download_id, signed.download_id}
    assert installable_updates(browse, unsigned, unsigned_allowed=False) == {}
    # An unsigned copy never replaces a version a trusted key signed (Library.refuse_unverified).
    assert list(installable_updates(browse, unsigned, unsigned_allowed=True)) == ["maths"]
