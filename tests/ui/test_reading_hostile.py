"""The reading view given readings a course should not hold but may: thousands of images, a text
of megabytes. The window must stay responsive, checked by what runs where and by how much work
is done, never by the clock (a loaded machine stretches every stall; speed is measured in
benchmarks/). A text that cannot be read or rendered is said in the view, never left as an empty
page."""

from __future__ import annotations

import dataclasses
import hashlib
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer

from player.course.manifest import Course, FileRef, ReadingUnit
from player.course.reading import MAX_READING_BYTES, RenderedReading, render_reading
from player.library.library import Library
from player.ui.library_cards import format_size
from player.ui.reading_view import ReadingView
from player.ui.tasks import ThreadPoolRunner
from player.ui.unit_view import create_unit_view
from tests.ui.unit_support import Shell, dispose, events_handled, french, install_toy, open_store


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Course]:
    return install_toy(tmp_path_factory.mktemp("toy"))


@pytest.fixture
def shell(toy: tuple[Library, Course], tmp_path: Path) -> Shell:
    library, course = toy
    return Shell(library, course, open_store(tmp_path))


def png(number: int) -> bytes:
    """A distinct 8 x 8 PNG for each number."""
    pixel = bytes([number % 256, number // 256 % 256, 0])
    raw = b"".join(b"\x00" + pixel * 8 for _ in range(8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


class Walked(tuple):  # type: ignore[type-arg]
    """A unit's images, counting how often they are walked or indexed (`walks`)."""

    walks = 0

    def __iter__(self) -> Iterator[Any]:
        self.walks += 1
        return super().__iter__()

    def __getitem__(self, index: Any) -> Any:
        self.walks += 1
        return super().__getitem__(index)


OpenReading = Callable[..., ReadingView]


@pytest.fixture
def open_reading(qtbot, shell: Shell, tmp_path: Path) -> Iterator[OpenReading]:  # type: ignore[no-untyped-def]
    """Open the toy reading with `text` (a str in UTF-8, bytes as they are) and `images`
    ((name, bytes), ...) as its files (the unit's images a Walked)."""
    views: list[ReadingView] = []
    files: dict[str, Path] = {}

    def ref(data: bytes, media_type: str) -> FileRef:
        digest = hashlib.sha256(data).hexdigest()
        files[digest] = tmp_path / digest
        files[digest].write_bytes(data)
        return FileRef(digest, len(data), media_type)

    def make(text: str | bytes, images: tuple[tuple[str, bytes], ...] = (), **services):  # type: ignore[no-untyped-def]
        unit = shell.course.unit("reading")
        assert isinstance(unit, ReadingUnit)
        unit = dataclasses.replace(
            unit,
            text=ref(text.encode() if isinstance(text, str) else text, "text/markdown"),
            images=Walked((name, ref(data, "image/png")) for name, data in images),
        )
        services.setdefault("blob_path", lambda sha: files.get(sha) or shell.library.blob_path(sha))
        view = create_unit_view(unit, shell.course, shell.services(**services))
        assert isinstance(view, ReadingView)
        view.resize(900, 600)
        view.show()
        qtbot.waitExposed(view)
        views.append(view)
        return view

    yield make
    for view in views:
        dispose(qtbot, view)


def test_a_reading_of_ten_thousand_images_opens_without_freezing(  # type: ignore[no-untyped-def]
    qtbot, open_reading: OpenReading
) -> None:
    """Each image's name was looked up by rebuilding the unit's table of 10,000 images: 10^8
    steps, the window frozen 5.6 s (1.5 s after). Checked by the steps, not the clock: the
    unit's list of images is walked a few times (the tables made once), not once an image."""
    images = tuple((f"images/{n}.png", png(n)) for n in range(10_000))
    text = "# Images\n\n" + "\n\n".join(f"![image {n}](images/{n}.png)" for n in range(10_000))
    view = open_reading(text, images)
    walked = view.reading.images
    assert isinstance(walked, Walked)
    qtbot.waitUntil(lambda: len(view._images) == 10_000, timeout=60_000)  # laid out in steps
    assert view.browser.refused == []
    walks = walked.walks
    assert walks <= 10, f"the list of images walked {walks} times"


def test_a_reading_of_megabytes_is_rendered_off_the_ui_thread(  # type: ignore[no-untyped-def]
    qtbot, open_reading: OpenReading, monkeypatch: pytest.MonkeyPatch
) -> None:
    """3 MB of Markdown took 4.5 s to turn into HTML, on the UI thread: the window froze that
    long and more. The Markdown is rendered by a task while the UI thread goes on with its
    events (checked by thread, not by the clock: a loaded machine stretches every stall); the
    text is shown when it is ready, and the reading is not 'read to its end' before (an empty
    page fits the window). The text is the largest a reading may hold (MAX_READING_BYTES)."""
    rendered_on: list[str] = []
    ui_went_on: list[bool] = []
    ticked = threading.Event()
    ticker = QTimer()
    ticker.timeout.connect(ticked.set)
    ticker.start(10)

    def watched(*args: Any, **kwargs: Any) -> RenderedReading:
        rendered_on.append(threading.current_thread().name)
        ticked.clear()
        rendered = render_reading(*args, **kwargs)
        ui_went_on.append(ticked.wait(10))  # else the UI thread waits for this render
        return rendered

    monkeypatch.setattr("player.ui.reading_view.render_reading", watched)
    paragraph = "Du texte avec du *gras*, un [lien](https://example.org) et du `code`.\n\n"
    text = "# Un long texte\n\n" + paragraph * ((MAX_READING_BYTES - 20) // len(paragraph))
    runner = ThreadPoolRunner(1)
    try:
        view = open_reading(text, tasks=runner)
        events_handled(qtbot)  # the check for an end on screen that showing the view posted
        assert not view.is_completed  # nothing on screen yet, so not read
        qtbot.waitUntil(lambda: "Un long texte" in view.browser.toPlainText(), timeout=60_000)
        assert rendered_on != [threading.main_thread().name] and len(rendered_on) == 1
        assert ui_went_on == [True]
        # QTextEdit lays a long text out in steps, each growing the scroll bar, each change a
        # check for the end: wait for the last block laid out, then for the checks posted.
        last = view.browser.document().lastBlock()
        qtbot.waitUntil(lambda: last.layout().lineCount() > 0, timeout=60_000)
        events_handled(qtbot)
        assert runner.wait_idle(0)  # no render left to post another text, nor its checks
        assert not view.is_completed and view.browser.verticalScrollBar().maximum() > 0
    finally:
        ticker.stop()
        runner.wait_idle(60_000)


@pytest.fixture
def held() -> Iterator[tuple[ThreadPoolRunner, threading.Event]]:
    """A real runner of one worker, kept busy until the event is set: what the view hands it
    waits, as it would behind other work."""
    runner, gate = ThreadPoolRunner(1), threading.Event()
    runner.run_task(lambda: gate.wait(60), lambda _: None)
    yield runner, gate
    gate.set()
    runner.wait_idle(60_000)


def _remove(path: Path) -> None:
    path.unlink()


def _make_a_folder(path: Path) -> None:
    path.unlink()
    path.mkdir()  # opening it fails, as for a file made unreadable (the tests run as root)


@pytest.mark.parametrize(
    "breaking, message",
    [
        (_remove, "A file of this course is missing from this computer ({name})."),
        (_make_a_folder, "A file of this course is damaged ({name})."),
    ],
)
def test_a_reading_whose_file_breaks_before_it_is_read_says_so(  # type: ignore[no-untyped-def]
    qtbot,
    open_reading: OpenReading,
    held: tuple[ThreadPoolRunner, threading.Event],
    caplog: pytest.LogCaptureFixture,
    breaking: Callable[[Path], None],
    message: str,
) -> None:
    """Its file went (or became unreadable) between the view's check and the task's read: the
    render task failed with no handler, and the view stayed on its empty page for ever."""
    runner, gate = held
    view = open_reading("# Lecture\n\nDu texte.\n", tasks=runner)
    ref = view.reading.text
    breaking(view.services.blob_path(ref.sha256))
    gate.set()
    qtbot.waitUntil(lambda: view.has_problem, timeout=10_000)
    assert view.problem.message.text() == message.format(name=ref.sha256[:12])
    assert "Lecture" not in view.browser.toPlainText()
    assert any(f"reading {view.reading.id} not shown" in r.getMessage() for r in caplog.records)


def test_a_reading_over_the_limit_is_refused_unread(  # type: ignore[no-untyped-def]
    qtbot, open_reading: OpenReading
) -> None:
    """The build refuses a text over MAX_READING_BYTES, but a package from elsewhere may hold
    one: it was read whole and rendered on opening, whatever its size."""
    text = "# Lecture\n\n" + "a" * 2 * MAX_READING_BYTES
    view = open_reading(text)
    assert view.has_problem
    size, limit = format_size(len(text.encode())), format_size(MAX_READING_BYTES)
    assert size != limit  # the two sizes are told apart
    assert view.problem.message.text() == (
        f"This reading is too large to show ({size}; the limit is {limit})."
    )


def test_a_reading_not_in_utf8_says_so(qtbot, open_reading: OpenReading) -> None:  # type: ignore[no-untyped-def]
    """A text in another encoding (Latin-1, as an editor may save it) is refused as damaged,
    in one line, as a transcript's is."""
    view = open_reading("# Lecture\n\nÉté à la plage.\n".encode("latin-1"))
    assert view.has_problem
    assert view.problem.message.text() == "The text of this reading is damaged (not UTF-8)."
    assert "Lecture" not in view.browser.toPlainText()


def test_a_reading_whose_rendering_fails_says_so(  # type: ignore[no-untyped-def]
    qtbot, open_reading: OpenReading, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    """No real text makes markdown-it fail (deep nesting, thousands of brackets do not): the
    renderer alone is made to, to reach the view's last resort."""

    def fail(*args: object, **kwargs: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr("player.ui.reading_view.render_reading", fail)
    view = open_reading("# Lecture\n")
    assert view.has_problem
    assert view.problem.message.text() == "This reading cannot be shown."
    assert view.problem.details.text() == "Details: RecursionError"
    (record,) = [r for r in caplog.records if "not shown" in r.getMessage()]
    assert record.levelname == "ERROR" and record.exc_info is not None


def test_a_reading_holding_control_characters_says_so(  # type: ignore[no-untyped-def]
    qtbot, open_reading: OpenReading, caplog: pytest.LogCaptureFixture
) -> None:
    """UTF-8 holding control characters (a package built before the build refused them, a
    UTF-16 file that decodes) was rendered: garbage on the page instead of a line saying so."""
    view = open_reading("# Lecture\n\nDu\x01 texte.\n")
    assert view.has_problem
    assert view.problem.message.text() == (
        "The text of this reading is damaged (it holds control characters)."
    )
    assert not view.problem.details.isVisible()
    assert "Lecture" not in view.browser.toPlainText()
    assert any("line 3" in r.getMessage() and "U+0001" in r.getMessage() for r in caplog.records)


def test_a_reading_the_system_cannot_read_says_so_in_the_learner_s_words(  # type: ignore[no-untyped-def]
    qtbot, open_reading: OpenReading, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line ended with the system's English ("...: Permission denied"); it is a sentence
    of its own, the system's words under it as the details. (The tests run as root, so the
    read is made to fail: no file refuses root.)"""

    def refused(*args: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("player.ui.reading_view.read_capped", refused)
    view = open_reading("# Lecture\n")
    assert view.has_problem
    assert view.problem.message.text() == "This reading cannot be shown."
    assert view.problem.details.text() == "Details: Permission denied"


def test_in_french_the_reading_s_problem_is_said_in_french(
    qtbot, qapp, open_reading: OpenReading
) -> None:  # type: ignore[no-untyped-def]
    """The problem page's line was set once, in the language of that moment: switched to
    French afterwards, the page still said it in English."""
    view = open_reading("# Lecture\n\nÉté à la plage.\n".encode("latin-1"))
    assert view.problem.message.text() == "The text of this reading is damaged (not UTF-8)."
    with french(qapp):
        qtbot.waitUntil(
            lambda: (
                view.problem.message.text()
                == "Le texte de cette lecture est endommagé (il n'est pas en UTF-8)."
            ),
            timeout=10_000,
        )
        assert view.has_problem and "Lecture" not in view.browser.toPlainText()
    qtbot.waitUntil(
        lambda: view.problem.message.text() == "The text of this reading is damaged (not UTF-8).",
        timeout=10_000,
    )
