"""Where the video is and what the learner does with it: the position, each play and pause, the
seeks of a held key settled into one `seeked`, and a file whose data ran out before its end, all
recorded through the unit's recorder with the position in the file (ADL video profile), so the
store can fold watched segments.

Apart from view.py so that the view holds the picture, its controls and its words, and this the
logic of the learner's moves. It has no words of its own: what the video says is the view's
(context "VideoView"), where its translations are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtMultimedia import QMediaPlayer

if TYPE_CHECKING:
    from player.ui.video.view import VideoView

# Playing, the position jumped this far or more to the file's end: its data ran out there.
CUT_SHORT_GAP = 2.0
# Seeks closer together than this are one (a held arrow key repeats some 30 times a second).
SEEK_SETTLE_MS = 500


class Playback(QObject):
    """`view`'s `player` as the learner moves through it. A QObject: the media signals connected
    to its methods run them in the GUI thread (see VideoView.__init__)."""

    def __init__(self, view: VideoView, player: QMediaPlayer) -> None:
        super().__init__(view)
        self.view = view
        self.player = player
        self.position = 0.0
        self.quiet = False  # reloading or closing: state changes are not the learner's
        self.cut_at: float | None = None  # where the file's data ran out, if it did
        self._playing_recorded = False
        self._seek: tuple[float, float] | None = None  # (from, to) of seeks not yet recorded
        self._seek_settle = QTimer(self)
        self._seek_settle.setSingleShot(True)
        self._seek_settle.setInterval(SEEK_SETTLE_MS)
        self._seek_settle.timeout.connect(self.record_seek)

    @property
    def is_playing(self) -> bool:
        return self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState

    def length(self) -> float:
        """The video's length in the file's seconds: the file's, or the course's if a little
        longer (UnitRecorder.file_length stretches a file far from the course's)."""
        recorder = self.view.recorder
        course = recorder.length_in_file if recorder else self.view.video_unit.duration
        return max(course, self.player.duration() / 1000)

    def current_time(self) -> float:
        """Seconds into the video; the end once the file has played to its end."""
        if self.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia:
            return self.end_time()
        return self.position

    def end_time(self) -> float:
        """Where a play that reached the file's end stopped: the unit's full length. The
        manifest's duration may exceed what the decoder finds in the file by a little, and a
        learner who saw all the file must be able to complete the unit (it starts over next
        time). A file whose data ran out early ended where it did (`cut_at`)."""
        if self.cut_at is not None:
            return self.cut_at
        return max(self.position, self.length())

    def watched_to(self) -> float:
        """Where the running play has got to: where it was left by seeks not yet recorded."""
        return self._seek[0] if self._seek else self.position

    def moved_to(self, seconds: float) -> None:
        """The picture is at `seconds`: the view shows it."""
        self.position = seconds
        self.view.show_position()

    def on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        view = self.view
        view.update_buttons()
        if self.quiet:
            return
        self.record_seek()  # before the play or pause that follows it
        if state == QMediaPlayer.PlaybackState.PlayingState:
            view.ending.withdraw()
            if not self._playing_recorded:
                self._playing_recorded = True
                at = self.player.position() / 1000
                self.position = at
                view._record(lambda r: r.video_played(at))
        elif self._playing_recorded:
            self._playing_recorded = False
            # Stopped by itself (we stop only when quiet), with no error: the file ended. The
            # state changes before the status says EndOfMedia.
            ended = (
                state == QMediaPlayer.PlaybackState.StoppedState
                and self.player.error() == QMediaPlayer.Error.NoError
            )
            at = self.end_time() if ended else self.current_time()
            view._record(lambda r: r.video_paused(at))
            view.update_progress()

    def seek_to(self, seconds: float) -> None:
        """Jump to `seconds` (clamped). Seeks in a row (a held key) are recorded as one
        `seeked`, from where the first started, once they settle or before the next event."""
        view = self.view
        if view.has_problem:
            return
        view.touch()
        length = self.length()
        target = min(max(seconds, 0.0), length)
        start = self.current_time()
        if target < length:
            view.ending.withdraw()
        self.cut_at = None
        self.player.setPosition(round(target * 1000))
        self.position = target
        self._seek = (self._seek[0] if self._seek else start, target)
        self._seek_settle.start()
        self.moved_to(target)

    def record_seek(self) -> None:
        """The seeks made since the last event, as one `seeked`."""
        self._seek_settle.stop()
        if self._seek is None:
            return
        (start, target), self._seek = self._seek, None
        self.view._record(lambda r: r.video_seeked(start, target))
        self.moved_to(self.position)

    def on_player_position(self, ms: int) -> None:
        seconds, end = ms / 1000, self.player.duration() / 1000
        if self.is_playing and 0 < end <= seconds and end - self.position >= CUT_SHORT_GAP:
            # The backend reports a file whose data runs out (cut short, damaged) as played
            # to the end of its header's duration: the picture stopped at the last tick.
            self.cut_at = self.position
        self.moved_to(seconds)
