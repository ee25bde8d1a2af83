"""The video unit view: QtMultimedia playback, watched segments, captions (subtitles.py), quality,
fullscreen, the transcript beside the picture, or under it in a narrow window (transcript_panel.py).

Every play, pause and seek the learner makes is recorded through the unit's recorder with the
position in the video, so the store can fold watched segments (ADL video profile). Completion is
the store's decision (the watched share reaching the threshold): jumping to the end watches
nothing. Changing quality reloads the other file at the same point and records nothing. At the
file's end the picture offers Replay and Next: <the next unit> (end_panel.py), never moving on
by itself; Next opens it through the shell, as the course view's Next (Alt+Right) does.

The view holds the picture, its controls and their words; the learner's moves and their records
are playback.py's, which file plays and its loading loading.py's, the end's offer ending.py's,
where the transcript and the picture show placement.py's, the keys shortcuts.py's.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QStyle, QVBoxLayout, QWidget

from player.course.manifest import Course, VideoUnit, VideoVariant
from player.ui.assessment_common import percent
from player.ui.audio_output import audio_output
from player.ui.combo_name import name_combo
from player.ui.i18n import no_mnemonic
from player.ui.key_names import key_name
from player.ui.resume import clock
from player.ui.tasks import TaskRunner
from player.ui.unit_view import FileProblem, UnitServices, UnitView
from player.ui.video import shortcuts
from player.ui.video.controls import VideoControls
from player.ui.video.end_panel import EndPanel
from player.ui.video.ending import Ending, next_unit
from player.ui.video.loading import Loader
from player.ui.video.media import stop_later
from player.ui.video.placement import TranscriptPlacement
from player.ui.video.playback import Playback
from player.ui.video.speed import SPEEDS
from player.ui.video.stage import Stage
from player.ui.video.subtitles import Subtitles
from player.ui.video.surface import VideoSurface
from player.ui.video.transcript_panel import TranscriptPanel
from player.wording import isolated


class VideoView(UnitView):
    def __init__(
        self,
        unit: VideoUnit,
        course: Course,
        services: UnitServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(unit, course, services, parent)
        self.tasks: TaskRunner = services.tasks  # subtitle files are read and parsed there
        self.video_unit = unit
        self.prefs = services.playback
        self.next_unit = next_unit(course, unit)  # offered at the end (the shell's Alt+Right)
        self.placement = TranscriptPlacement(self)  # the transcript shown, the full screen

        self.player = QMediaPlayer(self)
        self.audio = audio_output(self)  # made in C++: see audio_output.py
        self.player.setAudioOutput(self.audio)
        self.player.setPitchCompensation(True)  # speech stays natural at 1.5x
        self.playback = Playback(self, self.player)
        self._build()
        self.player.setVideoOutput(self.surface.video)
        self.loader = Loader(self, self.playback, unit.variant_for(services.screen_height))
        # Media signals go to QObjects' methods, never lambdas: a lambda has no receiver object,
        # so a signal from a backend thread would run it there, waiting for the GIL the GUI holds.
        self.player.positionChanged.connect(self.playback.on_player_position)
        self.player.durationChanged.connect(self._on_duration)
        self.player.playbackStateChanged.connect(self.playback.on_state)
        self.player.mediaStatusChanged.connect(self.loader.on_status)
        self.player.errorOccurred.connect(self.on_error)

        self._apply_preferences()
        self.quality.setCurrentIndex(self.variants.index(self.variant))
        self.quality.currentIndexChanged.connect(self.loader.on_quality)
        resume = self.recorder.resume_position() if self.recorder else 0.0
        self.playback.moved_to(resume)
        self.update_progress()
        self.loader.load(self.variant, resume, play=False)
        self._built()

    @property
    def variant(self) -> VideoVariant:
        """The quality playing, or loading (loading.py)."""
        return self.loader.variant

    def retranslate(self) -> None:
        super().retranslate()
        self.surface.setAccessibleName(self.tr("Video: {title}").format(title=self.unit.title))
        self.seek_bar.setAccessibleName(self.tr("Position in the video"))
        self.seek_bar.setToolTip(
            self.tr("Position ({left}/{right}: 5 s, J/L: 10 s)").format(
                left=key_name(Qt.Key.Key_Left), right=key_name(Qt.Key.Key_Right)
            )
        )
        name_combo(self.speed, self.tr("Playback speed"))
        self.speed.setToolTip(self.tr("Playback speed ([ slower, ] faster)"))
        self.volume.setAccessibleName(self.tr("Volume"))
        self.volume.setToolTip(self.tr("Volume (Up/Down)"))
        self.captions.setItemText(0, self.tr("Subtitles off"))
        name_combo(self.captions, self.tr("Subtitles"))
        self.captions.setToolTip(self.tr("Subtitles (C: on/off)"))
        name_combo(self.quality, self.tr("Video quality"))
        self.quality.setToolTip(
            self.tr("Video quality: a smaller picture plays on slower computers")
        )
        if self.transcript_button is not None and self.transcript is not None:
            self.transcript_button.setText(self.tr("Transcript"))
            self.transcript_button.setAccessibleName(self.tr("Transcript"))
            self.transcript_button.setToolTip(self.tr("The words of the video, to read (T)"))
            self.transcript.retranslate()
        self.end_panel.replay_button.setText(self.tr("Replay"))
        if self.next_unit is not None:
            self.end_panel.next_button.setText(
                self.tr("Next: {title}").format(title=isolated(no_mnemonic(self.next_unit.title)))
            )
        if self.end_panel.isVisible():
            self.end_panel.place()
        self.update_buttons()
        self._update_time()
        self.update_progress()

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self.content)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stage = Stage(self, self.content)
        outer.addWidget(self.stage)
        layout = self.stage.column
        self.surface = VideoSurface(self.stage)
        layout.addWidget(self.surface, 1)
        self.end_panel = EndPanel(self.surface)
        self.ending = Ending(self)  # when it shows, what its buttons do

        self.subtitles = Subtitles(self, lambda: self.playback.position)
        self.variants: list[VideoVariant] = sorted(
            self.video_unit.variants, key=lambda v: (v.height, v.file.size)
        )
        bar = VideoControls(
            self.video_unit.duration,
            self.video_unit.subtitles,
            self.variants,
            self.stage,
            transcript=self.video_unit.transcript is not None,
        )
        self.controls = bar
        self.seek_bar = bar.seek_bar
        self.seek_bar.seek_requested.connect(self.seek_to)
        self.time_label = bar.time_label
        self.play_button = bar.play_button
        self.play_button.clicked.connect(self.toggle_play)
        self.progress_label = bar.progress_label
        self.speed = bar.speed
        self.speed.currentIndexChanged.connect(self._on_speed)
        self.mute_button = bar.mute_button
        self.mute_button.clicked.connect(self.toggle_mute)
        self.volume = bar.volume
        self.volume.valueChanged.connect(self._on_volume)
        self.captions = bar.captions
        self.captions.currentIndexChanged.connect(
            lambda index: self.set_captions(str(self.captions.itemData(index)))
        )
        self.quality = bar.quality
        self.transcript_button = bar.transcript_button
        self.transcript: TranscriptPanel | None = None
        if self.transcript_button is not None and self.video_unit.transcript is not None:
            self.transcript_button.setIcon(
                self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView)
            )
            self.transcript_button.toggled.connect(self.show_transcript)
            self.transcript = TranscriptPanel(self, self.video_unit.transcript, self)
            self.transcript.hide()
            self.add_aside(self.transcript)
        self.fullscreen_button = bar.fullscreen_button
        self.fullscreen_button.clicked.connect(lambda: self.set_fullscreen(not self.is_fullscreen))
        layout.addWidget(bar)

        # the letter shortcuts win over type-to-select, Space over opening the list
        list_keys = shortcuts.ListKeys(self)
        for combo in (self.speed, self.captions, self.quality):
            combo.installEventFilter(list_keys)
        order = (
            self.surface,
            self.end_panel.replay_button,  # shown at the end only
            self.end_panel.next_button,
            self.seek_bar,  # its row is above the buttons': Tab goes as the eye does
            self.play_button,
            self.speed,
            self.mute_button,
            self.volume,
            self.captions,
            self.transcript_button,
            self.quality,
            self.fullscreen_button,
            self.transcript.browser if self.transcript is not None else None,
        )
        for first, second in itertools.pairwise(w for w in order if w is not None):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.surface)
        self.update_buttons()

    def update_buttons(self) -> None:
        # The style of the moment, never one kept: a style replaced since (QApplication.setStyle:
        # KDE's platform theme does it when the user picks another widget style) is deleted, and
        # its icons asked of it crashed the process.
        style, icon = self.style(), QStyle.StandardPixmap
        playing = self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        text = self.tr("Pause") if playing else self.tr("Play")
        self.play_button.setIcon(
            style.standardIcon(icon.SP_MediaPause if playing else icon.SP_MediaPlay)
        )
        self.play_button.setText(text)
        self.play_button.setAccessibleName(text)
        self.play_button.setToolTip(self.tr("{action} (Space)").format(action=text))
        muted = self.audio.isMuted()
        text = self.tr("Unmute") if muted else self.tr("Mute")
        self.mute_button.setIcon(
            style.standardIcon(icon.SP_MediaVolumeMuted if muted else icon.SP_MediaVolume)
        )
        self.mute_button.setText(text)
        self.mute_button.setAccessibleName(text)
        self.mute_button.setToolTip(self.tr("{action} (M)").format(action=text))
        text = self.tr("Leave full screen") if self.is_fullscreen else self.tr("Full screen")
        self.fullscreen_button.setIcon(
            style.standardIcon(
                icon.SP_TitleBarNormalButton if self.is_fullscreen else icon.SP_TitleBarMaxButton
            )
        )
        self.fullscreen_button.setText(text)
        self.fullscreen_button.setAccessibleName(text)
        shortcut = key_name(Qt.Key.Key_Escape if self.is_fullscreen else Qt.Key.Key_F)
        self.fullscreen_button.setToolTip(
            self.tr("{action} ({key})").format(action=text, key=shortcut)
        )

    def _apply_preferences(self) -> None:
        self.player.setPlaybackRate(self.speed.select(self.prefs.speed))
        self.audio.setVolume(self.prefs.volume)
        self.volume.setValue(round(self.prefs.volume * 100))
        self.audio.setMuted(self.prefs.muted)
        self.subtitles.start()
        self.show_transcript(self.prefs.transcript, remember=False)
        self.update_buttons()

    # -- what the file's loading and playing says (loading.py, playback.py) ---------------------

    def say_other_quality(self, problem: FileProblem, variant: VideoVariant) -> None:
        """The quality asked for has no file fit to play: `variant`'s plays instead."""
        self.show_notice(
            self.tr("{problem} The video plays in {quality} instead.").format(
                problem=str(problem), quality=variant.label
            ),
            repair=True,
        )

    def say_if_no_picture(self) -> None:
        """A file of sound only played on a black picture with no word: say it, politely (not a
        fault: a course may hold a talk). Another notice (a quality that fell back...) stays."""
        message = self.tr("This video has no picture: only its sound plays.")
        if self.transcript is not None:
            message = self.tr("{problem} Its transcript can be read beside it (T).").format(
                problem=message
            )
        if self.player.hasVideo():
            self.hide_notice(message)  # a quality with a picture after one without
        elif self.player.hasAudio() and (
            self.notice_bar.isHidden() or self.notice.text() == message
        ):
            self.show_notice(message)

    def on_error(self, error: QMediaPlayer.Error, detail: str) -> None:
        if error == QMediaPlayer.Error.NoError or self.has_problem:
            return
        # The backend's words ("Could not open file") are English: on their own line.
        self.show_problem(self.tr("The video cannot be played: its file may be damaged."), detail)

    def say_cut_short(self) -> None:
        length = self.playback.length()
        self.show_notice(
            self.tr(
                "The video stopped at {time}, before its end ({length}): its file may be "
                "incomplete."
            ).format(time=clock(self.playback.cut_at or 0.0), length=clock(length)),
            repair=True,
        )

    def _on_duration(self, ms: int) -> None:
        if ms > 0 and self.recorder is not None:
            self.recorder.file_length(ms / 1000)
        self.seek_bar.set_length(self.playback.length())
        self._update_time()

    # -- playback ------------------------------------------------------------------------------

    @property
    def is_playing(self) -> bool:
        return self.playback.is_playing

    def current_time(self) -> float:
        """Seconds into the video; the end once the file has played to its end."""
        return self.playback.current_time()

    def play(self) -> None:
        if not self.has_problem:
            self.player.play()

    def pause(self) -> None:
        self.player.pause()

    def toggle_play(self) -> None:
        self.touch()
        if self.is_playing:
            self.pause()
        else:
            self.play()

    def seek_to(self, seconds: float) -> None:
        """Jump to `seconds` (clamped), recorded with the seeks around it (playback.py)."""
        self.playback.seek_to(seconds)

    def seek_by(self, delta: float) -> None:
        self.seek_to(self.current_time() + delta)

    @property
    def end_offered(self) -> bool:
        """Replay and Next are offered over the picture (ending.py)."""
        return self.ending.offered

    # -- the position shown --------------------------------------------------------------------

    def show_position(self) -> None:
        """The picture's time (playback.py) on the seek bar, the clock, the captions."""
        seconds = self.playback.position
        self.seek_bar.set_time(seconds)
        self._update_time()
        if self.recorder is not None:
            self.seek_bar.set_watched(self.recorder.watched(self.playback.watched_to()))
        self.subtitles.update()
        self.update_progress()  # the share grows while playing: from memory, no store write

    def _update_time(self) -> None:
        position, length = self.playback.position, self.playback.length()
        self.time_label.setText(f"{clock(position)} / {clock(length)}")
        said = self.tr("{time} of {length}").format(time=clock(position), length=clock(length))
        self.time_label.setAccessibleName(said)
        # The seek bar's value is in milliseconds, which a screen reader would read out as is:
        # its description says the position in words, changed at most once a second.
        if said != self.seek_bar.accessibleDescription():
            self.seek_bar.setAccessibleDescription(said)

    def update_progress(self) -> None:
        """The watched share: the saved segments plus the play running up to the position
        (UnitRecorder.watched), so it follows the picture; the store is written on events."""
        if self.recorder is None:
            text = ""
        elif self.recorder.completed:
            text = self.tr("Completed")
        else:
            share = self.recorder.watched_share(self.playback.watched_to())
            text = self.tr("Watched: {percent}").format(percent=percent(share))
        if text != self.progress_label.text():  # most ticks: the same percent
            self.progress_label.setText(text)

    # -- speed, volume -------------------------------------------------------------------------

    @property
    def speed_value(self) -> float:
        return self.speed.value

    def _on_speed(self, index: int) -> None:
        speed = SPEEDS[index]
        self.player.setPlaybackRate(speed)
        self.prefs.speed = speed

    def change_speed(self, steps: int) -> None:
        self.speed.step(steps)

    def _on_volume(self, value: int) -> None:
        self.audio.setVolume(value / 100)
        self.prefs.volume = value / 100

    def toggle_mute(self) -> None:
        self.audio.setMuted(not self.audio.isMuted())
        self.prefs.muted = self.audio.isMuted()
        self.update_buttons()

    # -- captions (subtitles.py) --------------------------------------------------------------

    @property
    def caption_language(self) -> str:
        return self.subtitles.language

    def caption_text(self) -> str:
        return self.surface.caption.text

    def set_captions(self, language: str, *, remember: bool = True) -> None:
        """Show subtitles in `language` ("" hides them)."""
        self.subtitles.show(language, remember=remember)

    def toggle_captions(self) -> None:
        self.subtitles.toggle()

    # -- transcript ----------------------------------------------------------------------------

    def place_aside(self) -> None:
        """Under the picture, the transcript takes height from it (placement.py). Set while the
        transcript is hidden too, so showing it never makes the window taller."""
        super().place_aside()
        self.surface.setMinimumHeight(self.placement.least_picture_height())

    def content_whole_width(self) -> int:
        """The controls' words whole: the transcript beside the picture leaves them that."""
        least = super().content_whole_width()
        return least if self.has_problem else max(least, self.controls.whole_width())

    @property
    def transcript_shown(self) -> bool:
        return self.placement.transcript_shown

    def show_transcript(self, on: bool, *, remember: bool = True) -> None:
        """Show or hide the transcript, the choice kept unless `remember` is False."""
        self.placement.show_transcript(on, remember=remember)

    def show_problem(self, message: str, detail: str = "") -> None:
        """A video that cannot play still has its words: the transcript opens with the
        problem (beside it, or under it in a narrow window), for this video only (the learner's
        kept choice is left as it was)."""
        if self.transcript is not None:
            message = self.tr("{problem} You can still read its transcript.").format(
                problem=message
            )
            self.show_transcript(True, remember=False)
        super().show_problem(message, detail)

    # -- fullscreen ----------------------------------------------------------------------------

    @property
    def is_fullscreen(self) -> bool:
        return self.placement.full_screen

    def set_fullscreen(self, on: bool) -> None:
        """The picture and its controls in a full-screen window, the transcript with them."""
        self.placement.set_full_screen(on)

    # -- keys ----------------------------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        """The view's shortcuts (shortcuts.py); False leaves the key to others."""
        return shortcuts.handle_key(self, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    # -- UnitView hooks ------------------------------------------------------------------------

    def _media_stop(self) -> float | None:
        self.playback.record_seek()
        position = self.current_time()
        self.playback.quiet = True
        stop_later(self.player)  # not player.stop(): see media.py
        if self.is_fullscreen:
            self.set_fullscreen(False)
        return position

    def _media_position(self) -> float | None:
        self.playback.record_seek()  # the play the heartbeat saves runs from the seek's end
        return self.current_time()

    def _media_playing(self) -> bool:
        return self.is_playing
