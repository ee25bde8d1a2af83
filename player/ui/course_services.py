"""What the views of an opened course are given (`UnitServices`, player.ui.unit_view): its
files, a recorder of the learner's activity, the learner's playback choices, and what an exam
page asks sync. Made by `MainWindow` for each course it opens; no widget, no text.

The playback choices (speed, subtitles, text size…) are read from the learner's profile with
their first course and saved with it when a unit closes, if they changed: shared by every
course of the session, never another learner's.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from player.course.manifest import Course, Unit
from player.library.library import InstalledCourse
from player.store.database import StoreError
from player.store.playback import PlaybackPreferences
from player.ui.screens import screen_of
from player.ui.shell import Session, ShellServices
from player.ui.window_sync import account_refused

if TYPE_CHECKING:
    from player.ui.course_view import ViewFactory
    from player.ui.sync_controller import SyncController

log = logging.getLogger(__name__)


class CourseServices:
    def __init__(
        self,
        services: ShellServices,
        sync: Callable[[], SyncController | None],
        open_unit: Callable[[str], None],
        exam_submitted: Callable[[], None],
    ) -> None:
        """`sync` gives the controller once it runs (None before); `open_unit` opens another
        unit of the course (a reading's link); `exam_submitted` follows an exam's submission."""
        self.services = services
        self._sync = sync
        self._open_unit = open_unit
        self._exam_submitted = exam_submitted
        self.playback: PlaybackPreferences | None = None  # per learner, read with a course
        self._playback_kept: PlaybackPreferences | None = None  # as last read or saved

    def factory(self, session: Session, installed: InstalledCourse, window: QWidget) -> ViewFactory:
        """The unit views of `installed` for the learner in `session`, sized for the screen
        `window` is on."""
        from player.ui.assessment_common import AssessmentServices, institution_for
        from player.ui.recorder import CourseRecorder
        from player.ui.unit_view import UnitServices, create_unit_view

        if self.playback is None:
            self.playback = self._saved_playback(session.profile_id)
        playback = self.playback
        library = self.services.library
        course = installed.course
        recorder = CourseRecorder(
            self.services.recorder, self.services.progress.unit, session.profile_id, course
        )
        screen = screen_of(window)
        height = (
            int(screen.availableGeometry().height() * screen.devicePixelRatio()) if screen else 1080
        )
        services = UnitServices(
            blob_path=library.blob_path,
            recorder=recorder,
            open_unit=self._open_unit,
            screen_height=height,
            language=session.profile.language,
            playback=playback,
            keep_playback=lambda: self._keep_playback(session.profile_id, playback),
            tasks=self.services.tasks,
            product=self.services.context.branding.product_name,
            assessments=AssessmentServices(
                self.services.store.assessments,
                institution_for(self.services.context.branding.institution, course),
                self._exam_submitted,
                lambda: self._grade_error(session.profile_id),
                self.installed_course,
                has_account=lambda: self._has_account(session.profile_id),
                account_refused=lambda: account_refused(self._sync(), session.profile_id),
            ),
        )

        def create(unit: Unit, parent: QWidget) -> QWidget | None:
            return create_unit_view(unit, course, services, parent)

        return create

    def installed_course(self, course_id: str) -> Course | None:
        installed = self.services.library.get(course_id)
        return installed.course if installed is not None else None

    def _saved_playback(self, profile_id: str) -> PlaybackPreferences:
        """The learner's media choices from their profile (the defaults if unreadable)."""
        try:
            saved = self.services.profiles.playback(profile_id)
        except StoreError as exc:
            log.warning("could not read the playback preferences: %s", exc)
            saved = PlaybackPreferences()
        self._playback_kept = replace(saved)
        return saved

    def _keep_playback(self, profile_id: str, playback: PlaybackPreferences) -> None:
        """A unit closed: its learner's choices go with their profile, when they changed."""
        if playback is not self.playback or playback == self._playback_kept:
            return  # another learner's now (saved when their last unit closed), or unchanged
        try:
            self.services.profiles.set_playback(profile_id, playback)
        except StoreError as exc:
            log.warning("could not save the playback preferences: %s", exc)
            return
        self._playback_kept = replace(playback)

    def _grade_error(self, profile_id: str) -> str:
        """Why the last sync could not read this profile's exam grades ("" if it could)."""
        sync = self._sync()
        return sync.grade_error(profile_id) if sync is not None else ""

    def _has_account(self, profile_id: str) -> bool:
        """Whether this profile's records can reach the institution (no sync: not known)."""
        sync = self._sync()
        return sync.has_account(profile_id) if sync is not None else True
