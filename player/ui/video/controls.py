"""The controls under the picture: the seek bar and the time above; play, the watched share,
speed, volume, subtitles, the transcript (when there is one), quality and fullscreen below.
Layout only: the video view sets every text and icon (its class is the tr() context), connects
every control and orders Tab.

The row fits a narrow window (1366x768 at 150 %, 911 logical pixels, the outline beside it):
the volume slider narrows and the transcript button drops its text for its icon alone. The
drop-down lists never narrow: their current choice is never cut ("72…" for 720p). The icon
buttons keep a narrower padding than the theme's push buttons: square, they leave the row the
room for its words. Beside the transcript, the transcript yields width first (`whole_width`,
UnitView.place_aside), down to the least it reads well at: at 1280x720, in English and in
French, every control shows its words whole."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QIcon, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStyle,
    QStyleOptionToolButton,
    QStylePainter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from player.course.manifest import SubtitleTrack, VideoVariant
from player.ui.combo_popup import ChoiceBox
from player.ui.layouts import nested
from player.ui.video.seek_bar import SeekBar
from player.ui.video.speed import SpeedBox

# The theme's 0.9em each side made a 16 px icon's button 47 px wide.
_CONTROLS_STYLE = """
QToolButton { padding-left: 0.4em; padding-right: 0.4em; }
QToolButton:focus, QComboBox:focus, QSlider:focus {
    border: 2px solid palette(highlight); border-radius: 3px;
}
"""


VOLUME_LEAST = 50
# Between a button's icon and its text: Qt's styles lay a push button's so (QCommonStyle).
ICON_SPACING = 4


class CompactToolButton(QToolButton):
    """Its text beside its icon when the row has room, its icon alone when not (its accessible
    name and tooltip still say what it does). Its hints do not depend on which it shows, so
    switching never moves the layout again."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _size(self, with_text: bool) -> QSize:
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        width, height = option.iconSize.width(), option.iconSize.height()
        if with_text and self.text():
            text = self.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, self.text())
            width += ICON_SPACING + text.width()  # as `paintEvent` lays them
            height = max(height, text.height())
            option.toolButtonStyle = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        else:
            option.toolButtonStyle = Qt.ToolButtonStyle.ToolButtonIconOnly
        contents = QSize(width, height)
        return self.style().sizeFromContents(
            QStyle.ContentsType.CT_ToolButton, option, contents, self
        )

    def sizeHint(self) -> QSize:
        return self._size(True)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._size(False).width(), self._size(True).height())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Its icon and text laid as a push button's (Replay, Next: `ICON_SPACING` apart, the
        two centred together): the tool button's style put the text 2 px after the icon and
        both at the left, so the icon touched "Transcription"."""
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        beside = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        if option.toolButtonStyle != beside or option.icon.isNull() or not option.text:
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        frame = QStyleOptionToolButton(option)  # the button's own box and focus ring
        frame.text = ""
        frame.icon = QIcon()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ToolButton, frame)
        icon = option.iconSize.width()
        text = option.fontMetrics.size(Qt.TextFlag.TextShowMnemonic, option.text).width()
        left = (self.width() - icon - ICON_SPACING - text) // 2
        for rect, style in (
            (QRect(left, 0, icon, self.height()), Qt.ToolButtonStyle.ToolButtonIconOnly),
            (
                QRect(left + icon + ICON_SPACING, 0, text, self.height()),
                Qt.ToolButtonStyle.ToolButtonTextOnly,
            ),
        ):
            label = QStyleOptionToolButton(option)
            label.rect = QStyle.visualRect(option.direction, self.rect(), rect)
            label.toolButtonStyle = style
            painter.drawControl(QStyle.ControlElement.CE_ToolButtonLabel, label)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        whole = self.width() >= self._size(True).width()
        self.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if whole
            else Qt.ToolButtonStyle.ToolButtonIconOnly
        )


class VolumeSlider(QSlider):
    """Horizontal; its least width is all it asks (so `whole_width` counts), and it grows with
    the row's stretch in the room left. Asking its style's 84 px, it took from the transcript
    beside the picture 34 px that the row's stretch then left blank."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)

    def sizeHint(self) -> QSize:
        return QSize(VOLUME_LEAST, super().sizeHint().height())


class VideoControls(QWidget):
    """`length`: the seek bar's, in seconds; `tracks`: one subtitles item each, after "off";
    `variants`: one quality item each, in that order; `transcript`: the video has one, and a
    button to show it."""

    def __init__(
        self,
        length: float,
        tracks: Sequence[SubtitleTrack],
        variants: Sequence[VideoVariant],
        parent: QWidget,
        *,
        transcript: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setStyleSheet(_CONTROLS_STYLE)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(8, 0, 8, 6)
        top = nested(rows, QHBoxLayout())
        self.seek_bar = SeekBar(self)
        self.seek_bar.set_length(length)
        self.time_label = QLabel(self)
        top.addWidget(self.seek_bar, 1)
        top.addWidget(self.time_label)

        buttons = nested(rows, QHBoxLayout())
        self.play_button = _tool_button(self)
        buttons.addWidget(self.play_button)
        self.progress_label = QLabel(self)
        buttons.addWidget(self.progress_label)
        buttons.addStretch(1)

        self.speed = SpeedBox(self)
        buttons.addWidget(self.speed)

        self.mute_button = _tool_button(self)
        buttons.addWidget(self.mute_button)
        self.volume = VolumeSlider(self)
        self.volume.setRange(0, 100)
        self.volume.setMinimumWidth(VOLUME_LEAST)
        self.volume.setMaximumWidth(90)
        self.volume.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.volume.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        buttons.addWidget(self.volume, 1)

        self.captions = ChoiceBox(self)  # a track's label may be long: its list shows it whole
        self.captions.addItem("", "")  # "Subtitles off", set by the view
        for track in tracks:
            self.captions.addItem(track.label or track.language, track.language)
        self.captions.setEnabled(bool(tracks))
        # "Subtitles off" is said again in each language: the box's width follows
        self.captions.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        buttons.addWidget(self.captions)

        self.transcript_button: QToolButton | None = None
        if transcript:
            self.transcript_button = CompactToolButton(self)
            self.transcript_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.transcript_button.setCheckable(True)
            buttons.addWidget(self.transcript_button)

        self.quality = ChoiceBox(self)
        for variant in variants:
            self.quality.addItem(variant.label, variant.label)
        self.quality.setEnabled(len(variants) > 1)
        buttons.addWidget(self.quality)

        self.fullscreen_button = _tool_button(self)
        buttons.addWidget(self.fullscreen_button)
        for box in (self.speed, self.captions, self.quality):  # never narrower than their text
            box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def whole_width(self) -> int:
        """The least width at which every control shows its words whole: each at its size
        hint (the transcript button with its word), the volume slider at its least."""
        return self.sizeHint().width()


def _tool_button(parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    button.setAutoRaise(False)
    return button
