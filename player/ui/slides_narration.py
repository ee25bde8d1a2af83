"""The slides' narration: the audio that leads a narrated deck. The page shown follows what was
heard (`_on_narration`), the bar and the clock say where the narration is and never pass its end,
and play, pause, seek and speed (the learner's, shared with the videos) are the learner's moves.
Audio shorter than the manifest's timing stops at its end without taking the page back, and audio
that cannot be played leaves the slides readable, with a notice.

Split from slides_view.py, which holds the pages, their zoom and keys, and builds the controls.
NarratedDeckView is SlidesView's base class rather than an object it holds, so the player, its
state and its controls keep their names on the view (its pages, keys and UnitView hooks read them,
and so do the tests); a deck without narration has `narration` None and no player.
Its words are the view's: `QCoreApplication.translate("SlidesView", ...)`, the context their
translations are filed under.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtWidgets import QLabel, QStyle, QToolButton, QWidget

from player.course.manifest import Course, SlidesUnit
from player.ui.audio_output import audio_output
from player.ui.resume import clock
from player.ui.unit_view import FileProblem, UnitServices, UnitView
from player.ui.video.media import stop_later
from player.ui.video.seek_bar import SeekBar
from player.ui.video.speed import SpeedBox


class NarratedDeckView(UnitView):
    """The narration's player and how the deck follows it; the pages are SlidesView's."""

    # Made and kept by SlidesView: the narration's controls, and the page shown.
    play_button: QToolButton
    narration_bar: SeekBar
    time_label: QLabel
    speed: SpeedBox
    page: int
    _shown_once: bool

    def __init__(
        self,
        unit: SlidesUnit,
        course: Course,
        services: UnitServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(unit, course, services, parent)
        self.narration = unit.narration
        self.player: QMediaPlayer | None = None
        self.audio: QAudioOutput | None = None
        self._narration_ok = False
        self._narration_at = 0.0  # seconds: what the learner heard up to, our own copy
        self._pending_resume: float | None = None
        # Until the audio has loaded and while the learner has not moved, the stored point is
        # saved unchanged: the audio's length, which decides a point near the end, is unknown.
        self._resume_undecided = False
        self._closing = False

    def show_page(self, page: int, *, seek: bool = True) -> None:
        raise NotImplementedError  # SlidesView's: the narration turns the page through it

    # -- opening -------------------------------------------------------------------------------

    def _open_narration(self, resume: float) -> None:
        assert self.narration is not None
        try:
            path = self.file_path(self.narration.audio)
        except FileProblem as exc:
            self._narration_failed(str(exc))
            return
        self.player = QMediaPlayer(self)
        self.audio = audio_output(self)  # made in C++: see audio_output.py
        self.player.setAudioOutput(self.audio)
        self.player.setPitchCompensation(True)
        prefs = self.services.playback
        self.player.setPlaybackRate(self.speed.value)
        self.audio.setVolume(prefs.volume)
        self.audio.setMuted(prefs.muted)
        self.player.positionChanged.connect(self._on_player_position)
        self.player.durationChanged.connect(self._on_duration)
        self.player.playbackStateChanged.connect(self._on_state)
        self.player.errorOccurred.connect(self._on_error)
        self._pending_resume = resume
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self._narration_ok = True
        self._on_narration(resume)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia and self._pending_resume is not None:
            resume, self._pending_resume = self._pending_resume, None
            self._resume_undecided = False
            if resume > 0 and self.player is not None:
                self.player.setPosition(round(resume * 1000))
            self._on_narration(resume)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia and self.player is not None:
            self._on_error(QMediaPlayer.Error.FormatError, self.player.errorString())

    def _on_error(self, error: QMediaPlayer.Error, detail: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self._narration_failed(
                QCoreApplication.translate(
                    "SlidesView", "its audio file may be damaged ({detail})."
                ).format(detail=detail)
            )

    def _narration_failed(self, reason: str) -> None:
        self._narration_ok = False
        if self.player is not None:
            stop_later(self.player)  # not player.stop(): see video/media.py
        self.play_button.setEnabled(False)
        self.narration_bar.setEnabled(False)
        self.speed.setEnabled(False)
        self.show_notice(
            QCoreApplication.translate(
                "SlidesView",
                "The narration cannot be played: {reason} The slides can still be read.",
            ).format(reason=reason),
            repair=True,
        )

    # -- closing -------------------------------------------------------------------------------

    def _close_narration(self) -> None:
        """The view closes: the player's late signals change nothing, and it stops."""
        self._closing = True
        if self.player is not None:
            stop_later(self.player)  # not player.stop(): see video/media.py

    # -- playing -------------------------------------------------------------------------------

    @property
    def is_playing(self) -> bool:
        return (
            self.player is not None
            and self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        )

    def _narration_time(self) -> float:
        return self._narration_at

    def _on_player_position(self, ms: int) -> None:
        # Until the resume point is applied, the player reports 0: not where the learner is.
        if self._pending_resume is None and not self._closing and self._narration_ok:
            if self._stopped_short_of_page(ms):
                return
            self._on_narration(ms / 1000)

    def _stopped_short_of_page(self, ms: int) -> bool:
        """Audio shorter than the manifest's timing: a page starting after the audio's end
        was turned to, and the player stopped at that end. The page must not follow it back."""
        assert self.narration is not None and self.player is not None
        length = self.player.duration()
        return 0 < length <= ms + 50 and self.narration.slide_starts[self.page] * 1000 > ms

    def toggle_play(self) -> None:
        if self.player is None or not self._narration_ok:
            return
        self.touch()
        if self.is_playing:
            self.player.pause()
        else:
            self.player.play()

    def seek_narration(self, seconds: float) -> None:
        if self.player is None or not self._narration_ok or self.narration is None:
            return
        self.touch()
        target = min(max(seconds, 0.0), self._narration_length())
        self._move_narration(target)
        self._on_narration(target)

    def _move_narration(self, seconds: float) -> None:
        if self._pending_resume is not None:  # not loaded yet: go there once it is
            self._pending_resume = seconds
            self._resume_undecided = False
        elif self.player is not None:
            self.player.setPosition(round(seconds * 1000))

    def _narration_length(self) -> float:
        """The manifest's duration, or the audio's once the player knows it if longer: audio
        running past the declared duration is heard to its end, so the bar and clock reach it."""
        assert self.narration is not None
        audio = 0.0
        if self.player is not None and self._narration_ok:
            audio = self.player.duration() / 1000
        return max(self.narration.duration, audio)

    def _on_duration(self, _ms: int) -> None:
        if not self._closing and self._narration_ok:
            self._show_time()

    def _show_time(self) -> None:
        """The bar and the clock; the time shown never passes the total shown."""
        total = self._narration_length()
        if self.narration_bar.maximum() != round(total * 1000):
            self.narration_bar.set_length(total)
        shown = min(self._narration_at, total)
        self.narration_bar.set_time(shown)
        self.time_label.setText(f"{clock(shown)} / {clock(total)}")

    def _on_narration(self, seconds: float, *, follow: bool = True) -> None:
        assert self.narration is not None
        self._narration_at = seconds
        self._show_time()
        if follow and self._shown_once:
            page = self.narration.page_at(seconds)
            if page != self.page:
                self.show_page(page, seek=False)

    def _on_speed(self, _index: int) -> None:
        """The speed is the learner's, shared with the videos (the same steps, `[` and `]`)."""
        self.services.playback.speed = self.speed.value
        if self.player is not None and self._narration_ok:
            self.player.setPlaybackRate(self.speed.value)

    def _on_state(self, _state: QMediaPlayer.PlaybackState) -> None:
        self._update_play_button()

    def _update_play_button(self) -> None:
        playing = self.is_playing
        text = (
            QCoreApplication.translate("SlidesView", "Pause")
            if playing
            else QCoreApplication.translate("SlidesView", "Play")
        )
        pixmap = QStyle.StandardPixmap
        icon = pixmap.SP_MediaPause if playing else pixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setText(text)
        self.play_button.setAccessibleName(text)
        self.play_button.setToolTip(
            QCoreApplication.translate("SlidesView", "{action} (Space)").format(action=text)
        )
