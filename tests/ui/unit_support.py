"""Shared by the unit view tests: built courses installed in a library, a real records store,
and the services a view gets from the shell."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from player.authoring.build import build
from player.course.manifest import Course
from player.course.signing import PrivateKey
from player.library.blobstore import BlobStore
from player.library.library import Library
from player.library.trust import TrustedKey, TrustStore
from player.store.database import Database, open_database
from player.store.events import Recorder
from player.store.profiles import Profile, Profiles
from player.store.progress import ProgressQueries, UnitProgress
from player.ui.recorder import CourseRecorder
from player.ui.unit_view import PlaybackPreferences, UnitServices
from tests.support import ROOT, write_source

DEMO_SOURCE = ROOT / "resources" / "demo" / "source"
SCREENSHOTS = ROOT / "tests" / ".cache" / "screenshots"


def install(source: Path, work: Path) -> tuple[Library, Course]:
    """Build `source` signed with a fresh key and install it in a new library under `work`."""
    key = PrivateKey.generate()
    key_path = work / "keys" / "publisher"
    key.write(key_path)
    build(source, work / "repo", key=key, key_path=key_path, answers_dir=work / "answers")
    library = Library(
        work / "courses",
        BlobStore(work / "blobs"),
        TrustStore(work / "trust", [TrustedKey(key.public, "user")]),
    )
    (item,) = library.install_folder(work / "repo")
    return library, item.course


def install_toy(work: Path, change: Callable[[Path], None] | None = None) -> tuple[Library, Course]:
    source = write_source(work / "src")
    if change is not None:
        change(source)
    return install(source, work)


def install_demo(work: Path) -> tuple[Library, Course]:
    return install(DEMO_SOURCE, work)


@dataclass
class Store:
    database: Database
    events: Recorder
    queries: ProgressQueries
    profile: Profile

    def statements(self) -> list[dict]:
        import json

        rows = self.database.conn.execute(
            "SELECT body FROM outbox WHERE profile_id = ? ORDER BY seq", (self.profile.id,)
        ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def verbs(self) -> list[str]:
        from player.store.statements import verb_name

        return [verb_name(s) for s in self.statements()]

    def unit(self, course: Course, unit_id: str) -> UnitProgress:
        return self.queries.unit(self.profile.id, course.id, unit_id)


def open_store(folder: Path, language: str = "fr") -> Store:
    database = open_database(folder / "records.sqlite3", folder / "backups", backup_every=None)
    profile = Profiles(database).add("Awa", language)
    return Store(database, Recorder(database), ProgressQueries(database.conn), profile)


@dataclass
class Shell:
    """What the shell would hand a view, with what the view asked of it."""

    library: Library
    course: Course
    store: Store
    opened_units: list[str] = field(default_factory=list)
    opened_urls: list[str] = field(default_factory=list)

    def services(self, **changes: object) -> UnitServices:
        recorder = CourseRecorder(
            self.store.events, self.store.queries.unit, self.store.profile.id, self.course
        )
        base: dict[str, object] = {
            "blob_path": self.library.blob_path,
            "recorder": recorder,
            "open_unit": self.opened_units.append,
            "screen_height": 720,
            "language": "fr",
            "open_url": self.opened_urls.append,
            "playback": PlaybackPreferences(),
        }
        base.update(changes)
        return UnitServices(**base)  # type: ignore[arg-type]


def screenshot(widget, name: str) -> Path:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path


def dispose(qtbot, view) -> None:  # type: ignore[no-untyped-def]
    """Close the unit and let Qt delete the view from its event loop, as the shell does.

    Letting Python free a view would tear its media backend down while holding the GIL, which
    can deadlock with the backend's threads (player/ui/video/media.py); so the tests do not
    hand views to qtbot.addWidget either."""
    from shiboken6 import Shiboken

    view.close_unit()
    view.deleteLater()
    qtbot.waitUntil(lambda: not Shiboken.isValid(view), timeout=30_000)


def events_handled(qtbot, timers_within_ms: int = 0) -> None:  # type: ignore[no-untyped-def]
    """The positive sign a test waits for where it checks that something did NOT follow, in
    place of a fixed wait that a loaded machine outruns.

    Covered: every event posted so far (a call posted now comes after them: Qt handles posted
    events in order), and 0 ms timers started so far (the marker posts itself once more before
    it counts: the timers due meanwhile have fired). With `timers_within_ms`, also any timer
    started so far to fire within that many ms, and what it posted: a precise timer of that
    length, started now, fires after them (Qt fires due timers in the order they fall due),
    then posts the marker.
    Not covered: longer timers, threads' work not yet posted, and what a handled event starts
    anew (a timer it starts): a test asserts that such a mechanism is gone or idle (no active
    timer of the object that would do it, the workers idle) beside this wait."""
    from PySide6.QtCore import Qt, QTimer

    marks: list[str] = []
    horizon = QTimer()  # held here until the wait ends
    if timers_within_ms > 0:
        horizon.setSingleShot(True)
        horizon.setTimerType(Qt.TimerType.PreciseTimer)
        horizon.timeout.connect(lambda: QTimer.singleShot(0, lambda: marks.append("timers")))
        horizon.start(timers_within_ms)
    else:
        marks.append("timers")
    QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: marks.append("events")))
    qtbot.waitUntil(lambda: {"events", "timers"} <= set(marks), timeout=30_000)


@contextmanager
def french(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The interface in French for the block (LanguageChange to every widget), then English."""
    from player.ui.i18n import Translations

    translations = Translations(qapp)
    assert translations.use("fr")
    try:
        yield
    finally:
        translations.clear()
        from PySide6.QtCore import QLocale

        QLocale.setDefault(QLocale("en"))


def shipped_french(context: str, source: str) -> str:
    """The French catalog's text for `source`, asked inside `french()`: never the English, so
    a test comparing with it also proves the sentence was translated."""
    from PySide6.QtCore import QCoreApplication

    text = QCoreApplication.translate(context, source)
    assert text != source, f"no French for {context}: {source!r}"
    return text
