"""The content views of a course unit, as the course view hosts them.

The shell builds one `UnitServices` per opened course and calls `create_unit_view` for the unit
the learner picks; it gets a `UnitView` (video, slides, reading, quiz, exam). Creating a view
opens the unit's session in the learner records; `close_unit()` stops its media and closes the
session, and must be called before the view is dropped (switching unit, closing the course or
the app).

A view never crashes on a bad course file: a missing or altered file, or a decoder error, shows
a message in the view with a "Repair this course" button (`repair_requested`, the shell repairs).
A failure to save progress shows a notice above the content and `error` carries it. A notice
is said to the screen reader as it appears (it is away from the keyboard's focus), once until it
changes or is taken down.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from player.course.manifest import (
    Course,
    ExamUnit,
    FileRef,
    QuizUnit,
    ReadingUnit,
    SlidesUnit,
    Unit,
    VideoUnit,
)
from player.store.errors import Cause, RecordsInaccessible, WriteFailed
from player.store.playback import PlaybackPreferences
from player.ui.announce import announce
from player.ui.assessment_common import AssessmentServices
from player.ui.layouts import nested
from player.ui.recorder import CourseRecorder, RecordingError, UnitRecorder
from player.ui.tasks import SyncRunner, TaskRunner
from player.wording import isolated

# Files up to this size are re-hashed each time a view opens them (subtitles, decks, texts,
# images, narration); larger ones (videos) get a size check, and the decoder catches the rest.
VERIFY_UP_TO = 16 * 1024 * 1024
# A heartbeat keeps the time studied and the resume point while the learner is active.
HEARTBEAT_MS = 30_000
# No input for this long and no media playing: the learner is away, no heartbeat.
IDLE_AFTER = 120.0
# The kind of write of every recorder event (heartbeats, plays, pages, closing): the session's
# progress. The notice a failed one shows goes when one goes through (UnitView._saved).
PROGRESS = "progress"
# A widget's maximum width when nothing limits it (Qt's QWIDGETSIZE_MAX, not in PySide).
NO_WIDTH_LIMIT = (1 << 24) - 1


def _nothing() -> None:
    pass


def _open_in_browser(url: str) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl(url))


@dataclass(frozen=True)
class UnitServices:
    """What a unit view needs from the shell, for one learner in one course.

    - blob_path: sha256 -> the local file of a course file (Library.blob_path);
    - recorder: the learner's records for this course (player.ui.recorder.CourseRecorder);
    - open_unit: open another unit of the course by id (reading links);
    - screen_height: device pixels available for video, to pick the quality variant;
    - language: the interface language, the default subtitle language;
    - open_url: open an http(s) URL in the system browser, after the view asked the learner;
    - playback: speed, volume, mute, subtitles, text size, shared by the views of the session;
    - keep_playback: called when a view closes, to save `playback` with the learner's profile;
    - assessments: quiz and exam attempts, who grades exams, sync (player.ui.assessment_common);
    - tasks: the shell's task runner, for work off the UI thread (subtitle files); without one
      (tests) it runs at once on the calling thread;
    - product: the branding's name, as the views' words say it.
    """

    blob_path: Callable[[str], Path]
    recorder: CourseRecorder
    open_unit: Callable[[str], None]
    screen_height: int = 1080
    language: str = "en"
    open_url: Callable[[str], None] = _open_in_browser
    playback: PlaybackPreferences = field(default_factory=PlaybackPreferences)
    keep_playback: Callable[[], None] = _nothing
    assessments: AssessmentServices | None = None
    tasks: TaskRunner = field(default_factory=SyncRunner)
    product: str = "Cartable"


class FileProblem(Exception):
    """A course file is missing or altered; `str()` is a translated one-line message."""


class ProblemPanel(QWidget):
    """Shown instead of the content when it cannot be shown: what is wrong, and a way out."""

    repair_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # may name a file of the course
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The player's or the system's own words (often English), for a teacher or a helpdesk:
        # smaller, under the learner's sentence, selectable to be copied.
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        small = self.details.font()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.details.setFont(small)
        self.details.hide()
        self._detail = ""
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.repair = QPushButton(self)
        self.repair.clicked.connect(self.repair_requested)
        for widget in (self.title, self.message, self.details, self.hint):
            layout.addWidget(widget)
        row = nested(layout, QHBoxLayout())
        row.addStretch(1)
        row.addWidget(self.repair)
        row.addStretch(1)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("This part of the course cannot be shown"))
        self.hint.setText(
            self.tr(
                "Repairing checks every file of the course and fetches the damaged ones again "
                "when a copy of the course or a connection is available."
            )
        )
        self.repair.setText(self.tr("Repair this course"))
        self.repair.setAccessibleName(self.tr("Repair this course"))
        self.details.setText(self.tr("Details: {detail}").format(detail=self._detail))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_message(self, message: str, detail: str = "") -> None:
        """`message` in the learner's words; `detail` (untranslated, as the backend said it)
        on its own smaller line, or none."""
        self.message.setText(message)
        self._detail = detail
        self.details.setText(self.tr("Details: {detail}").format(detail=detail))
        self.details.setVisible(bool(detail))
        self.setAccessibleDescription(message)


class UnitView(QWidget):
    """Base of the content views: session, problem page, save notice, heartbeat.

    Subclasses build their UI in `self.content` and override the `_media_*` hooks."""

    completed = Signal()
    error = Signal(str)
    repair_requested = Signal()

    def __init__(
        self,
        unit: Unit,
        course: Course,
        services: UnitServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.unit = unit
        self.course = course
        self.services = services
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(unit.title)
        self._closed = False
        self._completed_emitted = False
        self._last_input = time.monotonic()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.notice_bar = QWidget(self)
        self.notice_bar.setObjectName("unitNotice")
        self.notice_bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.notice_bar.setStyleSheet(
            "QWidget#unitNotice { background: #fff3cd; }"
            " QWidget#unitNotice QLabel { color: #3d2e00; }"
        )
        row = QHBoxLayout(self.notice_bar)
        row.setContentsMargins(8, 4, 8, 4)
        self.notice = QLabel(self.notice_bar)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # may quote a subtitle track's label
        self.notice.setWordWrap(True)
        row.addWidget(self.notice, 1)
        self.notice_repair = QPushButton(self.notice_bar)
        self.notice_repair.clicked.connect(self.repair_requested)
        row.addWidget(self.notice_repair)
        self.notice_bar.hide()
        self._notice_said = ""  # the notice the screen reader was told, until it changes
        # A notice that work is not being saved belongs to the writes that failed: each kind of
        # write (PROGRESS, an exam's start...) whose last try failed, with why. A success of
        # each takes it down, or what it was for going away (`_settled`: a draft dropped as its
        # answer is checked), never a write of another kind: a heartbeat fits in the records
        # file's pages where the start of an exam, which adds rows, may still not. Only a
        # read-only disk is known writable again from any write that goes through.
        self._failed_writes: dict[str, Cause | None] = {}
        self._save_notice = ""  # the text of that notice while shown
        layout.addWidget(self.notice_bar)
        self._stack = QStackedWidget(self)
        self.content = QWidget(self._stack)
        self.problem = ProblemPanel(self._stack)
        self.problem.repair_requested.connect(self.repair_requested)
        self._stack.addWidget(self.content)
        self._stack.addWidget(self.problem)
        # The content, and what `add_aside` puts beside it (or under it, `place_aside`).
        self._body = nested(layout, QBoxLayout(QBoxLayout.Direction.LeftToRight), 1)
        self._aside: QWidget | None = None
        self._body.setContentsMargins(0, 0, 0, 0)
        self._body.setSpacing(0)
        self._body.addWidget(self._stack, 1)

        self.recorder: UnitRecorder | None = None
        try:
            self.recorder = services.recorder.open(unit)
        except RecordingError as exc:
            self._save_failed(exc, PROGRESS)
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(HEARTBEAT_MS)
        self._heartbeat.timeout.connect(self._beat)
        self._heartbeat.start()
        self._ready = False  # set by `_built`: the subclass has made every widget
        UnitView.retranslate(self)

    # -- what the shell uses -------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text again in the current language (subclasses extend it)."""
        self.notice_repair.setText(self.tr("Repair this course"))
        self.notice_repair.setAccessibleName(self.tr("Repair this course"))

    def changeEvent(self, event: QEvent) -> None:
        # A closed view waits for deleteLater with its media torn down: nothing to say again.
        if event.type() == QEvent.Type.LanguageChange and self._ready and not self._closed:
            self.retranslate()
        super().changeEvent(event)

    @property
    def unit_id(self) -> str:
        return self.unit.id

    @property
    def is_completed(self) -> bool:
        return self.recorder is not None and self.recorder.completed

    @property
    def closed(self) -> bool:
        """`close_unit` ran: a task's result arriving now is for no one."""
        return self._closed

    @property
    def has_problem(self) -> bool:
        return self._stack.currentWidget() is self.problem

    def close_unit(self) -> None:
        """Stop the media and close the session (once; later calls do nothing).

        Then drop the view with `deleteLater()`, never by letting Python free it: its media
        backend must be torn down from the event loop (player/ui/video/media.py)."""
        if self._closed:
            return
        self._closed = True
        self._heartbeat.stop()
        position = self._media_stop()
        self._record(lambda r: r.close(position))
        self.services.keep_playback()

    # -- for subclasses ------------------------------------------------------------------------

    def _built(self) -> None:
        """The subclass has built its widgets: set their texts, follow language changes."""
        self._ready = True
        self.retranslate()

    def _media_stop(self) -> float | None:
        """Stop playing; the position to save (seconds or page), None when there is none."""
        return None

    def _media_position(self) -> float | None:
        """The resume point to save with a heartbeat."""
        return None

    def _media_playing(self) -> bool:
        return False

    def touch(self) -> None:
        """The learner did something: counts as active for the heartbeat."""
        self._last_input = time.monotonic()

    def _record(self, event: Callable[[UnitRecorder], bool | None]) -> bool:
        """Run one recorder event; a failure becomes the notice. True: the unit just completed."""
        if self.recorder is None or self.recorder.closed:
            return False
        try:
            done = bool(event(self.recorder))
        except RecordingError as exc:
            self._save_failed(exc, PROGRESS)
            return False
        self._saved(PROGRESS)
        if done:
            self._emit_completed()
        return done

    def _emit_completed(self) -> None:
        if not self._completed_emitted:
            self._completed_emitted = True
            self.completed.emit()

    def _save_failed(self, error: BaseException, write: str) -> None:
        """A store call of kind `write` failed: the notice says so until it goes through."""
        # Assertive: what the learner does now is not kept, they should hear it at once. Said
        # once while it stays the same (show_notice).
        self._failed_writes[write] = _write_failure_cause(error)
        self._save_notice = self._save_failed_text(error)
        self.show_notice(self._save_notice, assertive=True)

    def _saved(self, write: str, *, read: bool = False) -> None:
        """A store call of kind `write` went through (a write, unless `read`): see `_settled`.
        A write that goes through also settles those refused by a read-only disk: it is
        writable again, whereas a full one may still refuse a write that adds rows."""
        if not read:
            for kind, cause in list(self._failed_writes.items()):
                if cause is Cause.READ_ONLY:
                    del self._failed_writes[kind]
        self._settled(write)

    def _settled(self, *writes: str) -> None:
        """Nothing of kinds `writes` is left unsaved: one went through, or what they were for
        is gone (a draft dropped once its answer is checked, an attempt finished). Once no kind
        that failed is left, the notice that work is not being saved goes, if it is still the
        one shown (a notice of another cause stays), and the next failure is said again: so a
        save of several items settles once, after the last, never between two of them."""
        for write in writes:
            self._failed_writes.pop(write, None)
        if not self._failed_writes and self._save_notice:
            self.hide_notice(self._save_notice)
            self._save_notice = ""

    def _save_failed_text(self, error: BaseException) -> str:
        """The store's failure in the learner's words: a full or read-only disk is something
        they can act on, SQLite's English line ("database or disk is full") is not."""
        cause = _write_failure_cause(error)
        if cause is Cause.FULL:
            return self.tr(
                "Your work is not being saved: the disk is full. Free some space (delete files "
                "you no longer need); %1 saves again as soon as there is room."
            ).replace("%1", isolated(self.services.product))
        if cause is Cause.READ_ONLY:
            return self.tr(
                "Your work is not being saved: the disk holding your records became read-only "
                "(a USB stick pulled out?). Put it back or make it writable; %1 saves "
                "again as soon as it can."
            ).replace("%1", isolated(self.services.product))
        return self.tr("Your progress could not be saved: {reason}").format(reason=str(error))

    def show_notice(self, message: str, *, repair: bool = False, assertive: bool = False) -> None:
        """A problem that leaves the content usable (a subtitle file, the narration...), said
        to the screen reader too: politely, or at once (`assertive`) for what cannot wait.
        Shown again unchanged (every heartbeat that fails to save), it is not said again."""
        self.notice.setText(message)
        self.notice_repair.setVisible(repair)
        if repair:
            self._repair_after_content()
        self.notice_bar.show()
        if message != self._notice_said:
            self._notice_said = message
            announce(self.notice, message, assertive=assertive)
        self.error.emit(message)

    def hide_notice(self, message: str) -> None:
        """Take down the notice if it still says `message` (a later problem stays shown)."""
        if self.notice.text() == message:
            self.notice_bar.hide()
            self._notice_said = ""

    def _repair_after_content(self) -> None:
        """Tab entering a view with a focus proxy lands on the proxy (the content) and never
        reaches what comes before it in the chain: the notice's button, above the content on
        screen, goes after every control of the view in the chain, so Tab reaches it last."""
        # The view's last widget in the chain is the one no other widget of the view follows.
        # Read backwards: reading on past the view's part (nextInFocusChain) would take the
        # window's own wrapper, which then outlives the window in the tests' teardown.
        # PySide parents each wrapper these calls return to the widget asked (as with
        # QWidget.screen(): player/ui/screens.py); the first one's is the view's own. Harmless
        # while Qt deletes a view before any collection does (Pages.drop, deleteLater).
        widgets = [w for w in self.findChildren(QWidget) if w is not self.notice_repair]
        before = [w.previousInFocusChain() for w in widgets]  # kept, so their ids stay theirs
        followed = {id(w) for w in before}
        last = next((w for w in reversed(widgets) if id(w) not in followed), None)
        # setTabOrder ignores a widget that takes no focus (a scroll area's bar, a panel):
        # the one before it that does, in the view.
        while last is not None and last.focusPolicy() == Qt.FocusPolicy.NoFocus:
            before_last = last.previousInFocusChain()
            last = before_last if self.isAncestorOf(before_last) else None
        if last is not None:
            QWidget.setTabOrder(last, self.notice_repair)

    def add_aside(self, panel: QWidget) -> None:
        """`panel` on the right of the content, a third of the width, staying when the problem
        page replaces the content: a video's transcript is to be read when it cannot play.
        Where that third is narrower than the panel's minimumSizeHint (the least it reads well
        at), it goes under the content (`place_aside`), and back beside it when the view
        widens. The layout ignores its width, so the view is never wider than the content
        needs: on a 1366x768 screen at 150 %, the transcript beside the video pushed the window
        past the screen's edge and broke its heading into syllables."""
        if self._aside is None:
            self.installEventFilter(_AsidePlacer(self))
        self._aside = panel
        panel.setSizePolicy(QSizePolicy.Policy.Ignored, panel.sizePolicy().verticalPolicy())
        self._body.setStretch(0, 2)
        self._body.addWidget(panel, 1)
        self.place_aside()

    @property
    def aside_beside(self) -> bool:
        """The aside is on the right of the content (not under it)."""
        return self._body.direction() == QBoxLayout.Direction.LeftToRight

    def place_aside(self) -> None:
        """Beside or under, for the view's width and the aside's least width (call again when
        that changes: a larger text size)."""
        aside = self._aside
        if aside is None or self._body.indexOf(aside) < 0:  # none, or in a full-screen window
            return
        width = self.width()
        room = min(width // 3, width - self._stack.minimumSizeHint().width())
        least = aside.minimumSizeHint().width()
        beside = room >= least
        direction = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        if self._body.direction() != direction:
            self._body.setDirection(direction)
        # Beside, the aside yields width to the content, down to its least, for the content to
        # show its words whole: at 1280x720 the transcript's third left the video's controls
        # 631 px of the 744 they need, the quality read "72…" and Transcript lost its word.
        widest = max(least, width - self.content_whole_width()) if beside else NO_WIDTH_LIMIT
        if aside.maximumWidth() != widest:
            aside.setMaximumWidth(widest)

    def content_whole_width(self) -> int:
        """The width at which the content shows every word whole, which the aside beside it
        leaves it when it can: its least, unless a subclass says more (a row that compacts)."""
        return self._stack.minimumSizeHint().width()

    def file_path(self, ref: FileRef) -> Path:
        """The local copy of a course file, checked; raises FileProblem (translated)."""
        path = self.services.blob_path(ref.sha256)
        try:
            size = path.stat().st_size
        except OSError:
            raise FileProblem(
                self.tr("A file of this course is missing from this computer ({name}).").format(
                    name=ref.sha256[:12]
                )
            ) from None
        damaged = self.tr("A file of this course is damaged ({name}).").format(name=ref.sha256[:12])
        if size != ref.size:
            raise FileProblem(damaged)
        if size <= VERIFY_UP_TO:
            digest = hashlib.sha256()
            try:
                with open(path, "rb") as handle:
                    while chunk := handle.read(1024 * 1024):
                        digest.update(chunk)
            except OSError as exc:
                raise FileProblem(damaged + " " + (exc.strerror or "")) from None
            if digest.hexdigest() != ref.sha256:
                raise FileProblem(damaged)
        return path

    def read_file(self, ref: FileRef) -> bytes:
        """The bytes of a checked course file; raises FileProblem."""
        path = self.file_path(ref)
        try:
            return path.read_bytes()
        except OSError:
            raise FileProblem(
                self.tr("A file of this course cannot be read ({name}).").format(
                    name=ref.sha256[:12]
                )
            ) from None

    def show_problem(self, message: str, detail: str = "") -> None:
        """Replace the content with `message` and the repair button; media stop. `detail`, the
        backend's own words, goes on a smaller line under it. The repair button becomes the
        focus proxy: the shell focuses the view once it is open (often after a problem found in
        the constructor), and the hidden content must not take that focus."""
        focused = QApplication.focusWidget()
        had_focus = focused is not None and (focused is self or self.isAncestorOf(focused))
        self._media_stop()
        self.notice_bar.hide()  # whatever it said, the content it was about is gone
        self._notice_said = ""
        self.problem.show_message(message, detail)
        self._stack.setCurrentWidget(self.problem)
        self.setFocusProxy(self.problem.repair)
        if had_focus:
            self.problem.repair.setFocus(Qt.FocusReason.OtherFocusReason)
        self.error.emit(message)

    def _beat(self) -> None:
        active = self._media_playing() or time.monotonic() - self._last_input < IDLE_AFTER
        if active and not self._closed:
            position = self._media_position()
            self._record(lambda r: r.heartbeat(position))


class _AsidePlacer(QObject):
    """Places the view's aside again when the view is resized or what it holds needs another
    layout (a control row polished, the problem page): its width alone does not say it. An
    event filter, not an `event` override: the view's deletion must not run under a Python
    frame holding the GIL (video/media.py), and a filter has returned before it runs."""

    def __init__(self, view: UnitView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._view.place_aside()
        return False


def create_unit_view(
    unit: Unit,
    course: Course,
    services: UnitServices,
    parent: QWidget | None = None,
) -> UnitView | None:
    """The view of `unit` (None for a unit type no view shows)."""
    if isinstance(unit, VideoUnit):
        from player.ui.video.view import VideoView

        return VideoView(unit, course, services, parent)
    if isinstance(unit, SlidesUnit):
        from player.ui.slides_view import SlidesView

        return SlidesView(unit, course, services, parent)
    if isinstance(unit, ReadingUnit):
        from player.ui.reading_view import ReadingView

        return ReadingView(unit, course, services, parent)
    if isinstance(unit, QuizUnit):
        from player.ui.quiz_view import QuizView

        return QuizView(unit, course, services, parent)
    if isinstance(unit, ExamUnit):
        from player.ui.exam.view import ExamView

        return ExamView(unit, course, services, parent)
    return None


def _write_failure_cause(error: BaseException | None) -> Cause | None:
    """Why a store call failed, from the store's error behind the recorder's (RecordingError
    wraps it): a full or read-only disk, else None."""
    while error is not None:
        if isinstance(error, WriteFailed | RecordsInaccessible):
            return error.cause
        error = error.__cause__
    return None
