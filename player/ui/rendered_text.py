"""A course's Markdown text loaded to be shown rendered, in a reading (reading_view.py) and in a
video's transcript (video/transcript_panel.py), so both refuse, read and word a file the same way:
its size is checked before a byte of it is read, the file itself by UnitView.file_path, then a
task reads it capped (it may be gone by now, or not the one checked), decodes it and renders it
(megabytes of Markdown take seconds of pure Python: never on the UI thread; the task is handed
plain data and returns it). Whatever fails is one line for the learner, in their language (the
system's own words, often English, beside it as a detail), and one in the log. A text that
decodes but holds control characters (a package built before the build refused them) is as
damaged as one that is not UTF-8: rendered, it would show as garbage.

The learner's words are each view's own (TextWords), translated in its context: a reading and a
transcript say it differently, and their translations stay where they are.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from player.course.capped import too_big
from player.course.errors import SourceError
from player.course.reading import RenderedReading
from player.course.text_problems import TextProblem, control_character
from player.ui.errors import summary
from player.ui.library_cards import format_size
from player.ui.unit_view import FileProblem

if TYPE_CHECKING:
    from player.course.manifest import FileRef
    from player.ui.unit_view import UnitView

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TextWords:
    """What a view says when its text cannot be shown. Functions, called when it is said: the
    interface language may have changed since the text was asked for."""

    too_large: Callable[[str, str], str]  # the file's size and the limit, formatted
    not_utf8: Callable[[], str]
    not_text: Callable[[], str]  # UTF-8 holding control characters
    cannot_show: Callable[[], str]  # why goes in the detail: the system's words, or the type
    # A file over the limit once read (it was not when checked), given its short name; None:
    # the file is checked again and worded as it is found (missing, damaged).
    grown: Callable[[str], str] | None = None


def load_rendered(
    view: UnitView,
    ref: FileRef,
    limit: int,
    read: Callable[[Path, str], bytes],
    render: Callable[[str], RenderedReading],
    words: TextWords,
    label: str,
    shown: Callable[[RenderedReading], None],
    failed: Callable[[str, str], None],
    damaged: Callable[[str, str], None] | None = None,
) -> None:
    """Read `ref` of `view`'s course with `read` (capped at `limit`, naming the file by its
    second argument) and `render` it in a task: `shown` gets the result, `failed` the line
    saying why not and its detail ("" or the system's words), each only while the view is
    open. `label` names the text in the log.
    `damaged`, when given, gets the line instead of `failed` when the file is missing or
    altered: what repairing the course puts right, for a view that offers it only then."""
    broken = damaged or failed
    name = ref.sha256[:12]
    if ref.size > limit:  # refused before a byte of it is hashed or read
        log.warning("%s not shown: %s", label, too_big("its text", ref.size, limit))
        failed(words.too_large(format_size(ref.size), format_size(limit)), "")
        return
    try:
        path = view.file_path(ref)
    except FileProblem as exc:
        log.warning("%s not shown: %s", label, exc)
        broken(str(exc), "")
        return

    def task() -> RenderedReading:
        text = read(path, name).decode("utf-8")
        problem = control_character(text, "it")
        if problem is not None:
            raise NotText(problem)
        return render(text)

    def done(rendered: RenderedReading) -> None:
        if not view.closed:
            shown(rendered)

    def not_done(exc: BaseException) -> None:
        if not view.closed:
            line, detail, altered = _worded(exc, view, ref, words, label)
            (broken if altered else failed)(line, detail)

    view.services.tasks.run_task(task, done, not_done)


class NotText(ValueError):
    """UTF-8 holding a control character: not a text to render."""

    def __init__(self, problem: TextProblem) -> None:
        super().__init__(f"line {problem.line}: {problem.reason}")


def _worded(
    exc: BaseException, view: UnitView, ref: FileRef, words: TextWords, label: str
) -> tuple[str, str, bool]:
    """The line and its detail for a read or render that failed, logged (with its traceback
    if unexpected), and whether the file was found missing or altered."""
    if not isinstance(exc, (SourceError, UnicodeDecodeError, OSError, NotText)):
        log.error("%s not shown: %s", label, summary(exc), exc_info=exc)
        return words.cannot_show(), type(exc).__name__, False
    log.warning("%s not shown: %s", label, summary(exc))
    if isinstance(exc, UnicodeDecodeError):
        return words.not_utf8(), "", False
    if isinstance(exc, NotText):
        return words.not_text(), "", False
    if isinstance(exc, SourceError) and words.grown is not None:
        return words.grown(ref.sha256[:12]), "", True
    try:  # words it as every view does: missing, or damaged
        view.file_path(ref)
    except FileProblem as problem:
        return str(problem), "", True
    reason = exc.strerror if isinstance(exc, OSError) else str(exc)
    return words.cannot_show(), reason or type(exc).__name__, False
