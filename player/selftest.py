"""`cartable --self-test`: does this installation work? The same checks from source and in the
frozen bundle, where a missing Qt plugin or library only shows when it is used.

Everything happens in a temporary CARTABLE_HOME (the learner's own files are never touched),
offscreen when there is no display. One line per check, `ok <check> (<ms> ms)` or
`FAIL <check>: <reason>`; the exit code is 0 only when every check passed.

The checks work on the demo course and its key. An installer built with `include_demo = false`
has neither; it carries instead a small course made for the self-test (resources/selftest/: one
video, one deck, one quiz) signed with a key made at build time, which the player never trusts.

Like player/app.py this is an entry point: it may use Qt (QtMultimedia, QtPdf) directly.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from player import __version__
from player.branding import Branding, load_branding
from player.context import DEMO_COURSE_ID, Context, demo_key, ensure_demo, open_context
from player.course.errors import SignatureError
from player.course.manifest import Course, QuizUnit, SlidesUnit, VideoUnit
from player.course.signing import PrivateKey, PublicKey
from player.library.blobstore import BlobStore
from player.library.library import InstalledCourse, Library
from player.library.trust import TrustedKey, TrustStore
from player.paths import HOME_ENV, Paths, demo_repository, resources_dir, user_paths
from player.wording import plural

if TYPE_CHECKING:
    from sync.catalog_parse import CatalogEntry

#: The PySide6 modules the bundle ships (packaging/bundle_contents.py QT_MODULES): each must load.
QT_MODULES = (
    "QtCore",
    "QtGui",
    "QtWidgets",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtNetwork",
    "QtSvg",
)
SELFTEST_COURSE_ID = "cartable-selftest"
VIDEO_SECONDS = 1.0
WAIT_SECONDS = 20.0


class CheckFailed(Exception):
    """A check that did not pass; `str()` is the one-line reason."""


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    ms: float
    detail: str = ""

    def line(self) -> str:
        if self.ok:
            extra = f", {self.detail}" if self.detail else ""
            return f"ok {self.name} ({self.ms:.0f} ms{extra})"
        return f"FAIL {self.name}: {self.detail}"


@dataclass(frozen=True)
class Material:
    """The signed course repository the checks open, and the key that signed it."""

    repository: Path
    key: PublicKey
    course_id: str
    is_demo: bool


def selftest_repository() -> Path:
    return resources_dir() / "selftest" / "repository"


def find_material(branding: Branding) -> Material:
    key = demo_key()
    if branding.include_demo and key is not None and (demo_repository() / "catalog.json").is_file():
        return Material(demo_repository(), key, DEMO_COURSE_ID, True)
    folder = resources_dir() / "selftest"
    key_file = folder / "selftest-key.pub"
    if (folder / "repository" / "catalog.json").is_file() and key_file.is_file():
        return Material(
            folder / "repository", PublicKey.from_file(key_file), SELFTEST_COURSE_ID, False
        )
    raise CheckFailed(f"no demo course and no self-test course in {resources_dir()}")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().replace("\n", " ") or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


@dataclass
class SelfTest:
    """The checks, in order; each may use what an earlier one made (`needs`)."""

    home: Path
    online: bool = False
    results: list[CheckResult] = field(default_factory=list)
    branding: Branding | None = None
    paths: Paths | None = None
    context: Context | None = None
    material: Material | None = None
    library: Library | None = None  # where the checked course was installed
    course: InstalledCourse | None = None
    store: Any = None  # player.store.Store, imported lazily (it may be absent in a broken build)
    profile_id: str | None = None
    app: Any = None  # the QGuiApplication

    def checks(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("qt", self.check_qt),
            ("branding", self.check_branding),
            ("profile", self.check_profile),
            ("course", self.check_course),
            ("video", self.check_video),
            ("slides", self.check_slides),
            ("quiz", self.check_quiz),
            ("statements", self.check_statements),
            ("signature", self.check_signature),
            ("catalogs", self.check_catalogs),
        ]

    def run(self, out: TextIO) -> bool:
        for name, check in self.checks():
            start = time.perf_counter()
            try:
                detail = check()
                ok = True
            except Exception as exc:  # every failure becomes one line; the next check runs
                detail, ok = _one_line(exc), False
            result = CheckResult(name, ok, (time.perf_counter() - start) * 1000, detail)
            self.results.append(result)
            print(result.line(), file=out, flush=True)
        if self.store is not None:
            self.store.close()
        return all(r.ok for r in self.results)

    # -- the checks ------------------------------------------------------------------------------

    def check_qt(self) -> str:
        import importlib

        for module in QT_MODULES:
            importlib.import_module(f"PySide6.{module}")
        from PySide6.QtCore import qVersion
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance() or QApplication([sys.argv[0]])
        return f"Qt {qVersion()}, {self.app.platformName()} platform"

    def check_branding(self) -> str:
        self.branding = load_branding()
        self.paths = user_paths({HOME_ENV: str(self.home)}).ensure()
        self.context = open_context(self.paths, self.branding)
        origins = {k.key_id: k.origin for k in self.context.trust.trusted()}
        for key in self.branding.trusted_keys:
            if origins.get(key.key_id) != "branding":
                raise CheckFailed(f"branding key {key.key_id} is not trusted")
        has_demo = "demo" in origins.values()
        if has_demo != self.branding.include_demo:
            raise CheckFailed(
                f"demo key trusted={has_demo} but include_demo={self.branding.include_demo}"
            )
        self.material = find_material(self.branding)
        b = self.branding
        demo = "demo included" if b.include_demo else "demo left out"
        keys, catalogs = plural(len(b.trusted_keys), "key"), plural(len(b.catalogs), "catalog")
        return f"{b.product_name}: {keys}, {catalogs}, {demo}"

    def check_profile(self) -> str:
        from player.store import Store

        assert self.paths is not None
        self.store = Store.open(self.paths)
        self.store.start()
        profile = self.store.profiles.add("Self-test")
        self.profile_id = profile.id
        return f"profile {profile.id} in {self.home}"

    def check_course(self) -> str:
        context: Context = self._need(self.context, "branding")
        material: Material = self._need(self.material, "branding")
        if material.is_demo:
            library = context.library
            installed = ensure_demo(context)  # the learner's first start, offline
        else:
            # A library of its own, trusting the self-test key for its course only: the
            # installation's trust list stays as the branding made it.
            trust = TrustStore(
                self.home / "selftest-keys",
                [TrustedKey(material.key, "demo", only_course=material.course_id)],
            )
            library = Library(
                self.home / "selftest-courses", BlobStore(self.home / "selftest-blobs"), trust
            )
            found = library.install_folder(material.repository)
            installed = found[0] if found else None
        if installed is None or not installed.verified:
            raise CheckFailed(f"{material.course_id} was not installed verified")
        damaged = library.damaged_files(installed.id)
        if damaged:
            raise CheckFailed(f"{plural(len(damaged), 'damaged file')} after install: {damaged[0]}")
        self.library, self.course = library, installed
        units = sum(1 for _ in installed.course.units())
        return f"{installed.id} {installed.version} installed, {plural(units, 'unit')}"

    def _need(self, value: Any, check: str) -> Any:
        if value is None:
            raise CheckFailed(f"needs the {check} check")
        return value

    def _unit(self, kind: type) -> Any:
        course: Course = self._need(self.course, "course").course
        for _, unit in course.units():
            if isinstance(unit, kind):
                return unit
        raise CheckFailed(f"{course.id} has no {kind.__name__}")

    def _blob(self, sha256: str) -> Path:
        library: Library = self._need(self.library, "course")
        return library.blob_path(sha256)

    def check_video(self) -> str:
        from PySide6.QtCore import QEventLoop, QTimer, QUrl
        from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoSink

        self._need(self.app, "qt")
        unit: VideoUnit = self._unit(VideoUnit)
        variant = min(unit.variants, key=lambda v: v.file.size)
        player = QMediaPlayer()
        sink = QVideoSink()
        player.setVideoSink(sink)
        loop = QEventLoop()
        state: dict[str, Any] = {"frames": 0, "last": 0.0, "size": None, "error": None}

        def on_frame(frame: QVideoFrame) -> None:
            if not frame.isValid():
                return
            state["frames"] += 1
            state["last"] = max(state["last"], frame.startTime() / 1_000_000)
            state["size"] = frame.size()
            if state["last"] >= VIDEO_SECONDS:
                loop.quit()

        def on_error(error: QMediaPlayer.Error, text: str) -> None:
            state["error"] = text or str(error)
            loop.quit()

        sink.videoFrameChanged.connect(on_frame)
        player.errorOccurred.connect(on_error)
        QTimer.singleShot(int(WAIT_SECONDS * 1000), loop.quit)
        player.setSource(QUrl.fromLocalFile(str(self._blob(variant.file.sha256))))
        player.play()
        loop.exec()
        player.stop()
        if state["error"]:
            raise CheckFailed(f"{variant.label}: {state['error']}")
        if state["last"] < VIDEO_SECONDS:
            frames = plural(state["frames"], "frame")
            raise CheckFailed(
                f"{variant.label}: {frames} up to {state['last']:.2f} s after "
                f"{WAIT_SECONDS:.0f} s (is the multimedia plugin there?)"
            )
        size = state["size"]
        frames = plural(state["frames"], "frame")
        return f"{frames} to {state['last']:.2f} s, {size.width()}x{size.height()}"

    def check_slides(self) -> str:
        from PySide6.QtCore import QSize
        from PySide6.QtPdf import QPdfDocument

        app = self._need(self.app, "qt")
        unit: SlidesUnit = self._unit(SlidesUnit)
        document = QPdfDocument(app)
        error = document.load(str(self._blob(unit.document.sha256)))
        if error != QPdfDocument.Error.None_:
            raise CheckFailed(f"{unit.id}: cannot open the PDF ({error.name})")
        if document.pageCount() != unit.pages:
            raise CheckFailed(
                f"{unit.id}: {plural(document.pageCount(), 'page')}, manifest says {unit.pages}"
            )
        image = document.render(0, QSize(640, 360))
        if image.isNull():
            raise CheckFailed(f"{unit.id}: page 1 rendered nothing")
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 16)
            for y in range(0, image.height(), 16)
        }
        document.close()
        if len(colours) < 2:
            raise CheckFailed(f"{unit.id}: page 1 rendered as one flat colour")
        return f"page 1 of {unit.pages} rendered {image.width()}x{image.height()}"

    def check_quiz(self) -> str:
        from player.course.grading import grade

        unit: QuizUnit = self._unit(QuizUnit)
        for question in unit.questions:
            if question.type == "single" and len(question.choices) > 1:
                best = max(question.choices, key=lambda c: c.weight or 0.0)
                worst = min(question.choices, key=lambda c: c.weight or 0.0)
                right, wrong = grade(question, best.id), grade(question, worst.id)
                if not right.correct or wrong.correct or wrong.score >= right.score:
                    raise CheckFailed(f"{question.id}: right {right.score}, wrong {wrong.score}")
                return f"{unit.id}/{question.id}: right answer 1.0, wrong {wrong.score:g}"
        raise CheckFailed(f"{unit.id} has no single-choice question to grade")

    def check_statements(self) -> str:
        from player.store import Store
        from player.store.statements import thaw

        store = self._need(self.store, "profile")
        profile_id: str = self._need(self.profile_id, "profile")
        course = self._need(self.course, "course").course
        unit: QuizUnit = self._unit(QuizUnit)
        store.events.course_launched(profile_id, course)
        session = store.events.unit_opened(profile_id, course, unit.id)
        store.events.unit_closed(session)
        store.close()
        self.store = Store.open(self._need(self.paths, "branding"))  # read back from the file
        rows = self.store.outbox.rows(profile_id)
        statements = [thaw(row.body) for row in rows]
        verbs = [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements]
        expected = ["launched", "launched", "initialized", "terminated"]
        if verbs != expected:
            raise CheckFailed(f"read back {verbs}, expected {expected}")
        ids = {s["id"] for s in statements}
        if len(ids) != len(statements):
            raise CheckFailed("two statements share an id")
        return f"{plural(len(statements), 'statement')} written and read back ({', '.join(verbs)})"

    def check_signature(self) -> str:
        from player.course.package import verify_path

        material: Material = self._need(self.material, "branding")
        verified = verify_path(material.repository, [material.key])
        opened = [c for c in verified.courses if c.course.id == material.course_id]
        if not opened or opened[0].signer != material.key:
            raise CheckFailed(f"{material.course_id} is not signed by {material.key.key_id}")
        stranger = PrivateKey.generate().public
        try:
            verify_path(material.repository, [stranger])
        except SignatureError:
            pass
        else:
            raise CheckFailed("a package verified against a key that did not sign it")
        return f"{material.course_id} signed by {material.key.key_id}, a stranger's key refused"

    def check_catalogs(self) -> str:
        from player.course.package import verify_path
        from sync.catalog import fetch_catalog
        from sync.http import make_session
        from sync.repository import folder_of, is_http

        branding: Branding = self._need(self.branding, "branding")
        context: Context = self._need(self.context, "branding")
        if not branding.catalogs:
            return "none in the branding"
        session = make_session(__version__)
        done = []
        for source in branding.catalogs:
            if is_http(source) and not self.online:
                done.append(f"{source} not fetched (offline self-test; --online fetches it)")
                continue
            result = fetch_catalog(source, self.home / "catalogs", session)
            if result.stale:
                raise CheckFailed(f"{source}: {result.stale_reason}")
            folder = folder_of(result.catalog.source) if not is_http(source) else None
            for entry in result.catalog.courses:
                if folder is not None:
                    verify_path(
                        folder / entry.manifest.rsplit("/", 1)[0],
                        context.trust.public_keys(entry.id),
                    )
            checked = "verified with the installer's keys" if folder is not None else "listed"
            done.append(f"{source}: {count_courses(result.catalog.courses)} {checked}")
        return "; ".join(done)


def count_courses(entries: Sequence[CatalogEntry]) -> str:
    """`2 courses`, or `1 course (3 versions)`: a catalog lists each version of a course, and
    '3 courses' for three versions of one misled the admin checking an installer."""
    ids = {e.id for e in entries}
    courses = plural(len(ids), "course")
    return courses if len(ids) == len(entries) else f"{courses} ({plural(len(entries), 'version')})"


def use_offscreen_without_display() -> None:
    """Offscreen when there is no display (a server, CI, a lab admin's ssh session)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def run_self_test(out: TextIO | None = None, *, online: bool = False) -> int:
    """Run every check in a temporary CARTABLE_HOME; 0 when all passed, 1 otherwise."""
    out = out or sys.stdout
    use_offscreen_without_display()
    # Qt's media stack logs FFmpeg's stream dump and missing optional libraries (PipeWire) to
    # stderr: noise around the check lines. A failure is in its FAIL line.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false")
    previous = os.environ.get(HOME_ENV)
    with tempfile.TemporaryDirectory(prefix="cartable-selftest-") as tmp:
        os.environ[HOME_ENV] = tmp  # anything that asks user_paths() lands here too
        try:
            passed = SelfTest(Path(tmp), online=online).run(out)
        finally:
            if previous is None:
                os.environ.pop(HOME_ENV, None)
            else:
                os.environ[HOME_ENV] = previous
    return 0 if passed else 1
