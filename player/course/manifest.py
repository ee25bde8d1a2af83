"""The course manifest (`course.json`, format 1) as typed, immutable objects.

`parse_manifest` is the only way in: size limit, JSON, schema, then the rules a schema cannot say
(unique ids, slide start times, matching pairs...). Anything wrong raises `PackageError` naming the
JSON path. The format is specified in docs/course-format.md.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from player.course.errors import PackageError
from player.course.quiz import Question
from player.course.schema import validate
from player.course.strict_json import DuplicateKeyError, loads

FORMAT_VERSION = 1
#: A course version as the schema's `$defs.version` has it (a test keeps the two equal): what a
#: folder name must be before `version_key` orders it.
VERSION_PATTERN = re.compile(r"^(0|[1-9][0-9]{0,5})(\.(0|[1-9][0-9]{0,5})){0,3}$")
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_FILES = 10_000
#: A question's title is a `line` of the schema, its texts are `text`s.
MAX_LINE = 300
MAX_TEXT = 20_000
_LOCAL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
#: A course id, as the schema's `courseId`. It names a folder of the library, so a text that
#: is not one (`..`, `a/b`, ``) must never reach a path: check with `is_course_id`.
COURSE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def is_course_id(text: str) -> bool:
    return COURSE_ID.fullmatch(text) is not None


_TEXT_FORMATS = ("plain", "markdown", "html")
# A \uD800-\uDFFF escape: the only way a lone surrogate (text no UTF-8 file can hold, which
# SQLite, Qt and every encoder refuse later) gets into a manifest.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
DEFAULT_VIDEO_THRESHOLD = 0.9

MoveOn = Literal["Completed", "Passed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable"]
UnitType = Literal["video", "slides", "reading", "quiz", "exam"]

# What satisfies a unit when its manifest entry names no moveOn. A quiz has a pass mark: it is
# done once passed, as an exam is. "Completed" counted a failed quiz done (its module 2/2, the
# course's units) while its row showed it failed and "still to do" named it (learner's-eye run
# f1). Applied as a manifest is read, so the records of a failed quiz from before are read
# under it with no migration (completion is never stored: player/store/progress.py). A quiz
# whose moveOn is this default (`QuizUnit.move_on_defaulted`) is also done once every attempt
# its max_attempts allows is finished, as Moodle's "passing grade or all available attempts
# completed": "Passed" alone blocked the course for ever once they were used (review r7).
DEFAULT_MOVE_ON: dict[str, MoveOn] = {
    "video": "Completed",
    "slides": "Completed",
    "reading": "Completed",
    "quiz": "Passed",
    "exam": "Passed",
}


@dataclass(frozen=True)
class FileRef:
    """A file of the course, named by its content: the blob `blobs/sha256/<2 hex>/<64 hex>`."""

    sha256: str
    size: int
    media_type: str

    @property
    def blob_path(self) -> str:
        return f"blobs/sha256/{self.sha256[:2]}/{self.sha256}"

    def to_json(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "size": self.size, "media_type": self.media_type}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileRef:
        return cls(data["sha256"], data["size"], data["media_type"])


@dataclass(frozen=True)
class VideoVariant:
    """One encoding of a video (its label and size) and its file."""

    label: str
    width: int
    height: int
    file: FileRef


@dataclass(frozen=True)
class SubtitleTrack:
    """A video's subtitles in one language, and their file."""

    language: str
    label: str
    file: FileRef


@dataclass(frozen=True)
class Narration:
    """A slide deck's recorded voice: its audio, its length and when each slide starts."""

    audio: FileRef
    duration: float
    slide_starts: tuple[float, ...]  # one per page, ascending, the first 0

    def page_at(self, seconds: float) -> int:
        """The 0-based page shown at this point of the narration."""
        page = 0
        for index, start in enumerate(self.slide_starts):
            if start <= seconds:
                page = index
        return page


@dataclass(frozen=True)
class UnitBase:
    """What every unit has: its id, its title and what satisfies it (`move_on`)."""

    id: str
    title: str
    move_on: MoveOn

    @property
    def type(self) -> UnitType:
        raise NotImplementedError

    def files(self) -> Iterator[FileRef]:
        return iter(())


@dataclass(frozen=True)
class VideoUnit(UnitBase):
    """A video unit: its length, encodings, subtitles and transcript."""

    duration: float
    variants: tuple[VideoVariant, ...]
    subtitles: tuple[SubtitleTrack, ...] = ()
    transcript: FileRef | None = None
    threshold: float = DEFAULT_VIDEO_THRESHOLD

    @property
    def type(self) -> UnitType:
        return "video"

    def files(self) -> Iterator[FileRef]:
        yield from (v.file for v in self.variants)
        yield from (s.file for s in self.subtitles)
        if self.transcript:
            yield self.transcript

    def variant_for(self, max_height: int) -> VideoVariant:
        """The smallest variant at least as tall as the screen, else the largest one."""
        ordered = sorted(self.variants, key=lambda v: (v.height, v.file.size))
        for variant in ordered:
            if variant.height >= max_height:
                return variant
        return ordered[-1]


@dataclass(frozen=True)
class SlidesUnit(UnitBase):
    """A slide deck unit: its PDF, its page count and its narration, if any."""

    document: FileRef
    pages: int
    narration: Narration | None = None

    @property
    def type(self) -> UnitType:
        return "slides"

    def files(self) -> Iterator[FileRef]:
        yield self.document
        if self.narration:
            yield self.narration.audio


@dataclass(frozen=True)
class ReadingUnit(UnitBase):
    """A reading unit: its text and the images it shows."""

    text: FileRef
    images: tuple[tuple[str, FileRef], ...] = ()  # (relative name used in the Markdown, file)

    @property
    def type(self) -> UnitType:
        return "reading"

    def files(self) -> Iterator[FileRef]:
        yield self.text
        yield from (ref for _, ref in self.images)

    def image(self, name: str) -> FileRef | None:
        return self._images_by_name.get(name)

    @cached_property
    def _images_by_name(self) -> dict[str, FileRef]:
        """Made once: a reading asks for each of its images, and may have thousands."""
        return dict(self.images)


@dataclass(frozen=True)
class QuizUnit(UnitBase):
    """A quiz unit, graded here: its questions and rules."""

    questions: tuple[Question, ...]
    mastery_score: float = 0.8
    max_attempts: int | None = None  # None: unlimited practice
    shuffle_questions: bool = False
    shuffle_choices: bool = False
    # The manifest names no moveOn: `move_on` is DEFAULT_MOVE_ON's "Passed", and every attempt
    # of max_attempts finished satisfies it too (UnitProgress.satisfies). An author's "Passed"
    # is honoured as written.
    move_on_defaulted: bool = False

    @property
    def type(self) -> UnitType:
        return "quiz"


@dataclass(frozen=True)
class ExamUnit(UnitBase):
    """An exam unit, graded by the institution: its questions and rules."""

    questions: tuple[Question, ...]  # without answers: the institution grades
    mastery_score: float = 0.8
    max_attempts: int = 1
    time_limit: int | None = None  # seconds
    shuffle_questions: bool = False
    shuffle_choices: bool = False

    @property
    def type(self) -> UnitType:
        return "exam"


Unit = VideoUnit | SlidesUnit | ReadingUnit | QuizUnit | ExamUnit


@dataclass(frozen=True)
class Module:
    """A module of a course: its units in order."""

    id: str
    title: str
    units: tuple[Unit, ...]
    summary: str = ""


@dataclass(frozen=True)
class Publisher:
    """Who publishes a course, and their address."""

    name: str
    url: str = ""


@dataclass(frozen=True)
class Course:
    """A course as its manifest describes it: what it is, its modules and units."""

    id: str
    version: str
    title: str
    language: str
    modules: tuple[Module, ...]
    summary: str = ""
    authors: tuple[str, ...] = ()
    licence: str = ""
    publisher: Publisher | None = None
    video_threshold: float = DEFAULT_VIDEO_THRESHOLD
    cover: FileRef | None = None

    def units(self) -> Iterator[tuple[Module, Unit]]:
        for module in self.modules:
            for unit in module.units:
                yield module, unit

    def unit(self, unit_id: str) -> Unit | None:
        return next((u for _, u in self.units() if u.id == unit_id), None)

    def module_of(self, unit_id: str) -> Module | None:
        return next((m for m, u in self.units() if u.id == unit_id), None)

    def files(self) -> dict[str, FileRef]:
        """Every distinct file of the course, by sha256."""
        found: dict[str, FileRef] = {}
        if self.cover:
            found[self.cover.sha256] = self.cover
        for _, unit in self.units():
            for ref in unit.files():
                found.setdefault(ref.sha256, ref)
        return found

    @property
    def size(self) -> int:
        return sum(ref.size for ref in self.files().values())

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"


def version_key(version: str) -> tuple[int, ...]:
    """Order versions numerically: 1.10 comes after 1.9."""
    return tuple(int(part) for part in version.split("."))


def parse_manifest(data: bytes, file: str = "course.json") -> Course:
    """Check and load a manifest's exact bytes."""
    return _parse(data, file, checked=True)


def load_installed_manifest(data: bytes, file: str) -> Course:
    """Load a manifest that passed every check when its course was installed.

    Skips the schema (jsonschema costs 60 ms to load and milliseconds per manifest: with fifty
    courses, most of a cold start). A file damaged on disk since still fails to load, with a
    `PackageError`, and the library shows that course as needing repair.
    """
    try:
        return _parse(data, file, checked=False)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PackageError(file, f"damaged installed manifest ({exc.__class__.__name__})") from None


def _parse(data: bytes, file: str, *, checked: bool) -> Course:
    if len(data) > MAX_MANIFEST_BYTES:
        raise PackageError(file, f"manifest is {len(data)} bytes, over the 1 MiB limit")
    if not data.strip():
        raise PackageError(file, "manifest is empty")
    try:
        raw = loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except UnicodeDecodeError as exc:
        raise PackageError(file, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise PackageError(file, f"not JSON: {exc.msg} at line {exc.lineno}") from None
    except DuplicateKeyError as exc:  # readers would disagree on which value the bytes hold
        raise PackageError(file, _DUPLICATE.format(key=exc.key), where=exc.where) from None
    except _NotJsonNumber as exc:
        raise PackageError(file, f"not JSON: {exc} is not a JSON number") from None
    except ValueError:  # int() of a number over 4300 digits
        raise PackageError(file, "not JSON: a number has too many digits") from None
    except RecursionError:  # json recurses once per level: hostile nesting overflows it
        raise PackageError(file, "not JSON: nested too deeply") from None
    if _SURROGATE_ESCAPE.search(data):
        where = lone_surrogate_path(raw)
        if where:
            raise PackageError(
                file, "text holds a lone UTF-16 surrogate, not a character", where=where
            )
    if isinstance(raw, dict) and "format" in raw and raw["format"] != FORMAT_VERSION:
        raise PackageError(
            file,
            f"unsupported format version {raw['format']!r} (this player reads 1)",
            where="$.format",
        )
    if not checked:
        return _course(raw)
    validate(raw, file)
    course = _course(raw)
    _check_rules(course, raw, file)
    return course


class _NotJsonNumber(ValueError):
    pass


_DUPLICATE = "duplicate key {key!r}: one JSON object names it twice, so readers may disagree"


def _refuse_constant(name: str) -> float:
    raise _NotJsonNumber(name)  # NaN, Infinity, -Infinity: Python's json reads them, JSON has none


def non_finite_path(raw: Any, where: str = "$") -> str | None:
    """The JSON path of the first NaN or infinite number in `raw`, if any (a manifest drafted as
    a dict, before `json.dumps` would write it as a bare `NaN` that no JSON reader accepts)."""
    return _find(raw, where, lambda v: isinstance(v, float) and not math.isfinite(v))


def lone_surrogate_path(raw: Any, where: str = "$") -> str | None:
    """The JSON path of the first string (or key) holding a lone surrogate, if any."""
    return _find(raw, where, lambda v: isinstance(v, str) and _has_surrogate(v))


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _find(raw: Any, where: str, bad: Any) -> str | None:
    stack: list[tuple[Any, str]] = [(raw, where)]  # no recursion: nesting is the input's
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            for key, item in reversed(value.items()):
                if bad(key):
                    return path
                stack.append((item, f"{path}.{key}"))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]") for i, item in reversed(list(enumerate(value))))
        elif bad(value):
            return path
    return None


def _course(raw: dict[str, Any]) -> Course:
    threshold = raw.get("video_threshold", DEFAULT_VIDEO_THRESHOLD)
    publisher = raw.get("publisher")
    return Course(
        id=raw["id"],
        version=raw["version"],
        title=raw["title"],
        language=raw["language"],
        summary=raw.get("summary", ""),
        authors=tuple(raw.get("authors", ())),
        licence=raw.get("licence", ""),
        publisher=Publisher(publisher["name"], publisher.get("url", "")) if publisher else None,
        video_threshold=threshold,
        cover=FileRef.from_json(raw["cover"]) if "cover" in raw else None,
        modules=tuple(
            Module(
                id=m["id"],
                title=m["title"],
                summary=m.get("summary", ""),
                units=tuple(_unit(u, threshold) for u in m["units"]),
            )
            for m in raw["modules"]
        ),
    )


def _unit(raw: dict[str, Any], course_threshold: float) -> Unit:
    kind = raw["type"]
    common = {
        "id": raw["id"],
        "title": raw["title"],
        "move_on": raw.get("moveOn", DEFAULT_MOVE_ON[kind]),
    }
    if kind == "video":
        return VideoUnit(
            **common,
            duration=float(raw["duration"]),
            threshold=raw.get("threshold", course_threshold),
            variants=tuple(
                VideoVariant(v["label"], v["width"], v["height"], FileRef.from_json(v["file"]))
                for v in raw["variants"]
            ),
            subtitles=tuple(
                SubtitleTrack(s["language"], s["label"], FileRef.from_json(s["file"]))
                for s in raw.get("subtitles", ())
            ),
            transcript=FileRef.from_json(raw["transcript"]) if "transcript" in raw else None,
        )
    if kind == "slides":
        narration = raw.get("narration")
        return SlidesUnit(
            **common,
            document=FileRef.from_json(raw["document"]),
            pages=raw["pages"],
            narration=Narration(
                FileRef.from_json(narration["audio"]),
                float(narration["duration"]),
                tuple(float(s) for s in narration["slide_starts"]),
            )
            if narration
            else None,
        )
    if kind == "reading":
        return ReadingUnit(
            **common,
            text=FileRef.from_json(raw["text"]),
            images=tuple(
                sorted((k, FileRef.from_json(v)) for k, v in raw.get("images", {}).items())
            ),
        )
    if kind == "quiz":
        return QuizUnit(
            **common,
            questions=tuple(Question.from_json(q) for q in raw["questions"]),
            mastery_score=raw.get("mastery_score", 0.8),
            max_attempts=raw.get("max_attempts"),
            shuffle_questions=raw.get("shuffle_questions", False),
            shuffle_choices=raw.get("shuffle_choices", False),
            move_on_defaulted="moveOn" not in raw,
        )
    return ExamUnit(
        **common,
        questions=tuple(Question.from_json(q, has_key=False) for q in raw["questions"]),
        mastery_score=raw.get("mastery_score", 0.8),
        max_attempts=raw.get("max_attempts", 1),
        time_limit=raw.get("time_limit"),
        shuffle_questions=raw.get("shuffle_questions", False),
        shuffle_choices=raw.get("shuffle_choices", False),
    )


def _check_rules(course: Course, raw: dict[str, Any], file: str) -> None:
    """What JSON Schema cannot express."""
    module_ids: set[str] = set()
    unit_ids: set[str] = set()
    for mi, module in enumerate(course.modules):
        where = f"$.modules[{mi}]"
        if module.id in module_ids:
            raise PackageError(file, f"duplicate module id {module.id!r}", where=f"{where}.id")
        module_ids.add(module.id)
        for ui, unit in enumerate(module.units):
            uwhere = f"{where}.units[{ui}]"
            if unit.id in unit_ids:
                raise PackageError(file, f"duplicate unit id {unit.id!r}", where=f"{uwhere}.id")
            unit_ids.add(unit.id)
            _check_unit(unit, file, uwhere)
    _check_sizes(raw, file)
    count = len(course.files())
    if count > MAX_FILES:
        raise PackageError(file, f"lists {count} files, over the limit of {MAX_FILES}")


def _check_sizes(raw: dict[str, Any], file: str) -> None:
    """One file, one size: the course keeps the first a sha256 is listed with (`Course.files`),
    so a unit naming it with another saw its file as damaged, and no repair could mend it."""
    sizes: dict[str, int] = {}
    stack: list[tuple[Any, str]] = [(raw, "$")]  # document order, no recursion
    while stack:
        value, path = stack.pop()
        if isinstance(value, dict):
            sha256, size = value.get("sha256"), value.get("size")
            if isinstance(sha256, str) and isinstance(size, int) and "media_type" in value:
                known = sizes.setdefault(sha256, size)
                if known != size:
                    raise PackageError(
                        file,
                        f"file {sha256} is listed with {size} bytes here and {known} bytes before",
                        where=f"{path}.size",
                    )
                continue
            stack.extend((item, f"{path}.{key}") for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]") for i, item in reversed(list(enumerate(value))))


def _check_unit(unit: Unit, file: str, where: str) -> None:
    if isinstance(unit, SlidesUnit) and unit.narration:
        starts = unit.narration.slide_starts
        if len(starts) != unit.pages:
            raise PackageError(
                file,
                f"{len(starts)} slide start times for {unit.pages} pages",
                where=f"{where}.narration.slide_starts",
            )
        if starts[0] != 0 or any(b <= a for a, b in itertools.pairwise(starts)):
            raise PackageError(
                file,
                "slide start times must begin at 0 and increase",
                where=f"{where}.narration.slide_starts",
            )
        if starts[-1] >= unit.narration.duration:
            raise PackageError(
                file,
                "a slide starts after the narration ends",
                where=f"{where}.narration.slide_starts",
            )
    if isinstance(unit, QuizUnit | ExamUnit):
        seen: set[str] = set()
        for qi, question in enumerate(unit.questions):
            qwhere = f"{where}.questions[{qi}]"
            _check_question(question, file, qwhere)
            if question.id in seen:
                raise PackageError(file, f"duplicate question id {question.id!r}", where=qwhere)
            seen.add(question.id)


def _check_question(question: Question, file: str, where: str) -> None:
    # The schema leaves these open in every question type ("id": true...): checked here.
    if not isinstance(question.id, str) or not _LOCAL_ID.match(question.id):
        raise PackageError(
            file,
            "a question id is 1 to 64 letters, digits, '.', '_' or '-'",
            where=f"{where}.id",
        )
    for name, value, limit in (
        ("title", question.title, MAX_LINE),
        ("text", question.text, MAX_TEXT),
        ("text_after", question.text_after, MAX_TEXT),
    ):
        if not isinstance(value, str):
            raise PackageError(
                file, f"expected text, not {type(value).__name__}", where=f"{where}.{name}"
            )
        if len(value) > limit:
            raise PackageError(
                file, f"{len(value)} characters, over the limit of {limit}", where=f"{where}.{name}"
            )
    if question.format not in _TEXT_FORMATS:
        raise PackageError(
            file,
            f"unknown text format {question.format!r} (one of {', '.join(_TEXT_FORMATS)})",
            where=f"{where}.format",
        )
    for name, items in (
        ("choices", question.choices),
        ("sources", question.sources),
        ("targets", question.targets),
    ):
        ids = [item.id for item in items]
        if len(ids) != len(set(ids)):
            raise PackageError(file, f"duplicate ids in {name}", where=f"{where}.{name}")
    sources = {s.id for s in question.sources}
    targets = {t.id for t in question.targets}
    for pi, (source, target) in enumerate(question.pairs):
        if source not in sources or target not in targets:
            raise PackageError(file, "pair names an unknown item", where=f"{where}.pairs[{pi}]")
    for ai, answer in enumerate(question.numeric_answers):
        if answer.min > answer.max:
            raise PackageError(file, "numeric range has min > max", where=f"{where}.answers[{ai}]")
