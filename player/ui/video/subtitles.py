"""A video view's subtitles: the language shown (kept with the profile), each track's file read
and parsed by a worker the first time it is wanted (subtitle_file.py), the cues at the picture's
time on the surface and in its accessible description, and a file that cannot be read said in
the view's notice while the video plays on.

Apart from view.py so that the view holds the playback; what it says is still the view's
(context "VideoView"), where its translations are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from player.course.cues import Cue, cue_at
from player.course.errors import SourceError
from player.course.manifest import SubtitleTrack
from player.course.subtitles import check_subtitle_size
from player.ui.unit_view import FileProblem
from player.ui.video.subtitle_file import SubtitleFileAltered, read_cues
from player.wording import isolated

if TYPE_CHECKING:
    from player.ui.video.view import VideoView


class Subtitles:
    """The subtitle tracks of `view`'s unit; `position` is the picture's time (seconds)."""

    def __init__(self, view: VideoView, position: Callable[[], float]) -> None:
        self.view = view
        self.position = position
        self.tracks: dict[str, SubtitleTrack] = {
            track.language: track for track in view.video_unit.subtitles
        }
        self.cues: dict[str, tuple[Cue, ...]] = {}  # language -> its cues, once read
        self._reading: set[str] = set()  # languages whose file a worker is reading
        self.language = ""  # shown ("" none)
        self.last_language = ""  # what C shows again

    def start(self) -> None:
        """The learner's kept choice; none yet: their language when the video has it."""
        wanted = self.view.prefs.subtitles
        if wanted is None:
            language = self.view.services.language
            wanted = language if language in self.tracks else ""
        self.last_language = wanted or next(iter(self.tracks), "")
        self.show(wanted if wanted in self.tracks else "", remember=False)

    def show(self, language: str, *, remember: bool = True) -> None:
        """Show subtitles in `language` ("" hides them)."""
        if language and language not in self.tracks:
            return
        track = self.tracks.get(language) if language not in self.cues else None
        if track is not None:
            try:
                check_subtitle_size(track.file.size, track.label or language)
            except SourceError as exc:  # refused before a byte is read
                self._failed(track, str(exc), repair=False)
                language, track = "", None
        self.language = language
        if language:
            self.last_language = language
        if remember:
            self.view.prefs.subtitles = language
        combo = self.view.captions
        index = combo.findData(language)
        if index >= 0 and index != combo.currentIndex():
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)
        self.update()
        if track is not None:  # last: a runner may call back at once
            self._read(track)

    def toggle(self) -> None:
        if self.language:
            self.show("")
        elif self.last_language:
            self.show(self.last_language)

    def update(self) -> None:
        """The cues at the picture's time, shown and described to the screen reader."""
        cues: list[Cue] = []
        if self.language:
            cues = cue_at(self.cues.get(self.language, ()), self.position())
        surface = self.view.surface
        surface.caption.set_cues(cues)
        text = surface.caption.text
        if text != surface.accessibleDescription():
            surface.setAccessibleDescription(text)

    def _read(self, track: SubtitleTrack) -> None:
        """Read and parse the track's file in a worker; the cues show when they arrive, if the
        learner still wants that language and the view is still open."""
        language = track.language
        if language in self._reading:
            return  # already on its way
        self._reading.add(language)
        path = self.view.services.blob_path(track.file.sha256)
        label = track.label or language
        self.view.tasks.run_task(
            lambda: read_cues(path, track.file, label),
            lambda cues: self._read_done(track, cues),
            lambda exc: self._not_read(track, exc),
        )

    def _wanted(self, track: SubtitleTrack) -> bool:
        """A result for `track` still matters: the view is open and shows that language."""
        self._reading.discard(track.language)
        return not self.view.closed and self.language == track.language

    def _read_done(self, track: SubtitleTrack, cues: tuple[Cue, ...]) -> None:
        if self._wanted(track):
            self.cues[track.language] = cues
            self.update()

    def _not_read(self, track: SubtitleTrack, exc: BaseException) -> None:
        if not self._wanted(track):
            return  # the learner moved on: a later choice of this language reads it again
        if isinstance(exc, SourceError):
            self._failed(track, str(exc), repair=False)
        elif isinstance(exc, SubtitleFileAltered):
            try:  # words it as every view does (a hash again, only for a damaged file)
                self.view.file_path(track.file)
                reason = str(exc)
            except FileProblem as problem:
                reason = str(problem)
            self._failed(track, reason, repair=True)
        else:
            from player.ui import errors

            errors.report_exception(type(exc), exc, exc.__traceback__)
            self._failed(track, type(exc).__name__, repair=False)
        self.show("", remember=False)

    def _failed(self, track: SubtitleTrack, reason: str, *, repair: bool) -> None:
        self.view.show_notice(
            QCoreApplication.translate(
                "VideoView", "Subtitles in {label} cannot be shown: {reason}"
            ).format(label=isolated(track.label or track.language), reason=reason),
            repair=repair,
        )
