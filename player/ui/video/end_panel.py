"""What the picture offers once the video has played to its end: Replay, and Next: <the next
unit's title>. Laid over the picture (a QGraphicsView, where child widgets show reliably),
centred, and kept centred as the picture is resized or goes fullscreen. No text of its own: the
video view words it (its tr() context), and decides when it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QFrame, QHBoxLayout, QStyle, QWidget

from player.ui.button import Button


class EndPanel(QFrame):
    def __init__(self, picture: QWidget) -> None:
        super().__init__(picture)
        self.setObjectName("banner")  # the theme's card: legible on any last frame
        self.setAutoFillBackground(True)  # and a background without the theme too
        self.picture = picture
        icons = self.style()
        self.replay_button = Button(self)
        self.replay_button.setIcon(icons.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        self.next_button = Button(self)
        self.next_button.setObjectName("primary")
        self.next_button.setIcon(icons.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(12)
        for button in (self.replay_button, self.next_button):
            button.setAutoDefault(True)  # Enter presses the focused one, as Space does
            layout.addWidget(button)
        picture.installEventFilter(self)
        self.hide()

    def offer(self, *, with_next: bool) -> None:
        """Show it over the picture; without a next unit (the course's last), Replay only."""
        self.next_button.setVisible(with_next)
        self.show()
        self.raise_()
        self.place()

    def default_button(self) -> Button:
        """Where the keyboard goes when it shows: Next, else Replay."""
        return self.next_button if self.next_button.isVisibleTo(self) else self.replay_button

    def place(self) -> None:
        self.adjustSize()
        area = self.picture.rect()
        self.move(
            max(0, (area.width() - self.width()) // 2),
            max(0, (area.height() - self.height()) // 2),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.picture and event.type() == QEvent.Type.Resize and self.isVisible():
            self.place()
        return super().eventFilter(watched, event)
