"""Which file of the video plays, and its loading: the quality asked for, else the nearest whose
file is fine; the file replaced in place when the learner changes quality (at the same point,
playing if it was, recording nothing); the saved position applied once the file has loaded; and
what the player says of the file afterwards (played to its end, not playable) passed on.

Apart from view.py so that the view holds the picture, its controls and its words, and this the
file's life in the player. It has no words of its own: what the video says is the view's
(context "VideoView"), where its translations are.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtMultimedia import QMediaPlayer

from player.course.manifest import VideoVariant
from player.ui.unit_view import FileProblem
from player.ui.video.media import pause_later, play_later, set_source_later, stop_later

if TYPE_CHECKING:
    from player.ui.video.playback import Playback
    from player.ui.video.view import VideoView


class Loader(QObject):
    """Loads `view`'s files into `playback`'s player. A QObject: the media status connected to
    `on_status` runs it in the GUI thread (see VideoView.__init__)."""

    def __init__(self, view: VideoView, playback: Playback, variant: VideoVariant) -> None:
        super().__init__(view)
        self.view = view
        self.playback = playback
        self.player = playback.player
        self.variant = variant  # the quality playing, or loading
        self._pending_position: float | None = None
        self._pending_play = False
        self._loading_seen = False
        self._replaced = False  # the file loading replaces another (quality switch)

    def _playable(self, variant: VideoVariant) -> tuple[VideoVariant, Path] | None:
        """`variant` and its checked file, else the nearest quality whose file is fine, said in
        a notice; None (the problem page) when no quality has a file fit to play."""
        view = self.view
        order = sorted(view.variants, key=lambda v: (v != variant, abs(v.height - variant.height)))
        problem: FileProblem | None = None
        for candidate in order:
            try:
                path = view.file_path(candidate.file)
            except FileProblem as exc:
                problem = problem or exc
                continue
            if problem is not None:
                view.say_other_quality(problem, candidate)
            return candidate, path
        view.show_problem(str(problem))
        return None

    def _show_quality(self, variant: VideoVariant) -> None:
        self.variant = variant
        quality = self.view.quality
        quality.blockSignals(True)
        quality.setCurrentIndex(self.view.variants.index(variant))
        quality.blockSignals(False)

    def load(self, variant: VideoVariant, position: float, *, play: bool) -> None:
        found = self._playable(variant)
        if found is not None:
            self._load_file(*found, position, play=play)

    def _load_file(self, variant: VideoVariant, path: Path, position: float, *, play: bool) -> None:
        self._show_quality(variant)
        url = QUrl.fromLocalFile(str(path))
        self._pending_position = position
        self._pending_play = play
        self._loading_seen = False
        self.playback.cut_at = None
        self._replaced = self.player.source().isValid()
        if self._replaced:
            # Replacing a file tears the backend down: from the event loop (see media.py).
            # Stopping the old file reports it "loaded" again: not the new one we wait for.
            stop_later(self.player)
            set_source_later(self.player, url)
        else:
            self.player.setSource(url)

    def on_quality(self, index: int) -> None:
        variant = self.view.variants[index]
        if variant == self.variant or self.view.has_problem:
            return
        found = self._playable(variant)
        if found is None or found[0] == self.variant:  # the one playing: it plays on
            self._show_quality(self.variant)
            return
        playing = self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        self.playback.quiet = True
        self._load_file(*found, self.playback.current_time(), play=playing)

    def on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        Status = QMediaPlayer.MediaStatus
        view, playback = self.view, self.playback
        if status == Status.LoadingMedia:
            self._loading_seen = True
        elif status == Status.LoadedMedia and self._pending_position is not None:
            if not self._loading_seen:
                return
            position, self._pending_position = self._pending_position, None
            if not self._replaced and view.recorder is not None:
                position = view.recorder.resume_position()  # in the file's time, known now
            if position > 0:
                self.player.setPosition(round(position * 1000))
            if self._replaced:  # the old file's renderers may still be going: see media.py
                (play_later if self._pending_play else pause_later)(self.player)
            elif self._pending_play:
                self.player.play()
            else:
                self.player.pause()  # shows the frame at the resume point
            playback.quiet = False
            view.say_if_no_picture()
        elif status == Status.EndOfMedia:
            playback.moved_to(playback.current_time())
            if not playback.quiet and not view.has_problem:
                if playback.cut_at is not None:
                    view.say_cut_short()
                view.ending.offer()
        elif status == Status.InvalidMedia:
            view.on_error(QMediaPlayer.Error.FormatError, self.player.errorString())
