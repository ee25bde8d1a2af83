"""A teacher's source folder (`course.toml` + module folders), read into typed objects.

Only reading and checking happens here: every file named must exist inside the folder, every
option must have the right type. The format is documented in docs/course-source.md. Errors name
the file and the TOML path (`modules[1].units[0].variants[0].file`) or line.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from player.course.errors import SourceError, quoted, shorten
from player.course.manifest import (
    COURSE_ID,
    DEFAULT_MOVE_ON,
    MAX_LINE,
    VERSION_PATTERN,
    is_course_id,
)
from player.course.text_problems import decode_text

SOURCE_FILE = "course.toml"

MEDIA_TYPES = {
    ".mp4": "video/mp4",
    ".m4v": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt",
    ".srt": "application/x-subrip",
    ".pdf": "application/pdf",
    ".md": "text/markdown",
    ".txt": "text/plain",
    ".m4a": "audio/mp4",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".gift": "text/x-gift",  # read at build time, never packaged
}
UNIT_TYPES = ("video", "slides", "reading", "quiz", "exam")

# Every key the build reads, per table: any other is refused (a typo like `subtitlesx` would
# otherwise drop the subtitles without a word). docs/course-source.md documents each one.
COURSE_KEYS = (
    "format", "id", "version", "title", "language", "summary", "authors", "licence",
    "publisher", "video_threshold", "cover", "modules",
)  # fmt: skip
PUBLISHER_KEYS = ("name", "url")
MODULE_KEYS = ("id", "title", "folder", "summary", "units")
_UNIT_KEYS = ("id", "type", "title", "moveOn")
_ASSESSMENT_KEYS = ("gift", "mastery_score", "max_attempts", "shuffle_questions", "shuffle_choices")
UNIT_KEYS: dict[str, tuple[str, ...]] = {
    "video": (*_UNIT_KEYS, "duration", "threshold", "variants", "subtitles", "transcript"),
    "slides": (*_UNIT_KEYS, "document", "pages", "narration"),
    "reading": (*_UNIT_KEYS, "text"),
    "quiz": (*_UNIT_KEYS, *_ASSESSMENT_KEYS),
    "exam": (*_UNIT_KEYS, *_ASSESSMENT_KEYS, "time_limit"),
}
VARIANT_KEYS = ("file", "label", "width", "height")
SUBTITLE_KEYS = ("file", "language", "label", "encoding")
NARRATION_KEYS = ("audio", "duration", "slide_starts")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
#: The schema's `language` (BCP 47 as the player matches it); the schema stays the backstop.
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*\Z")
MAX_SECONDS = 86400  # a video, a narration, an exam's time limit: at most a day, as the schema


class SourceFormatError(SourceError):
    """course.toml is readable but says something we cannot build; `where` is its TOML path."""

    def __init__(self, file: str, where: str, reason: str) -> None:
        super().__init__(file, reason)
        self.where = where


@dataclass(frozen=True)
class SourceFile:
    """A file the course names: where it is and what the manifest will call it.

    `encoding` is set on a subtitle file only (course.toml's, "" for none): it is packaged as
    UTF-8 text rather than copied byte for byte.
    """

    path: Path
    media_type: str
    encoding: str | None = None

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()


@dataclass(frozen=True)
class SourceUnit:
    id: str
    type: str
    title: str
    folder: Path
    options: dict[str, Any]  # the unit's table from course.toml, as written
    where: str  # its TOML path, for error messages


@dataclass(frozen=True)
class SourceModule:
    id: str
    title: str
    summary: str
    folder: Path
    units: tuple[SourceUnit, ...]


@dataclass(frozen=True)
class SourceCourse:
    root: Path
    metadata: dict[str, Any]  # the top-level table, validated
    modules: tuple[SourceModule, ...]

    @property
    def toml(self) -> str:
        return str(self.root / SOURCE_FILE)


def read_source(root: Path) -> SourceCourse:
    """`root` is the course's folder; its course.toml, named itself, is taken for it (a teacher
    types the file they edit: `build reseaux/course.toml` said 'course.toml/course.toml: missing').
    A UTF-8 byte-order mark is skipped, as in every other text file of a course: Notepad writes
    one, and TOML's parser refused it as 'Invalid statement (at line 1, column 1)'."""
    if root.name == SOURCE_FILE and root.is_file():
        root = root.parent
    toml_path = root / SOURCE_FILE
    name = str(toml_path)
    if not toml_path.is_file():
        raise SourceError(name, "missing: a source course needs a course.toml")
    try:
        text = decode_text(toml_path.read_bytes(), name, "course.toml")
        data = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        line = _toml_line(str(exc))
        raise SourceError(name, f"not valid TOML: {exc}", line=line) from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise SourceError(name, "not valid TOML: nested too deeply") from None
    check = _Checker(name)
    check.known(data, COURSE_KEYS, "", "the course")
    if isinstance(data.get("publisher"), dict):
        check.known(data["publisher"], PUBLISHER_KEYS, "publisher", "the publisher")
    check.const(data, "format", 1, "")
    for key in ("id", "version", "title", "language"):
        check.string(data, key, "", required=True)
    _check_course_values(check, data)
    modules_raw = data.get("modules")
    if not isinstance(modules_raw, list) or not modules_raw:
        raise SourceFormatError(name, "modules", "at least one [[modules]] table is required")
    modules = []
    module_ids: dict[str, str] = {}
    unit_ids: dict[str, str] = {}
    for mi, module in enumerate(modules_raw):
        where = f"modules[{mi}]"
        for key in ("id", "title"):
            check.string(module, key, where, required=True)
        check.ident(module, where)
        check.unique(module_ids, module["id"], where, "module")
        check.line(module, "title", where)
        check.known(module, MODULE_KEYS, where, "a module")
        folder = check.folder(root, module.get("folder", "."), f"{where}.folder")
        units_raw = module.get("units")
        if isinstance(units_raw, dict):  # `[modules.units]`: one bracket too few
            raise SourceFormatError(
                name,
                f"{where}.units",
                "written [modules.units], a single table: write [[modules.units]] (two "
                "brackets) above each unit",
            )
        if not isinstance(units_raw, list) or not units_raw:
            raise SourceFormatError(name, where, "a module needs at least one [[modules.units]]")
        units = []
        for ui, unit in enumerate(units_raw):
            uwhere = f"{where}.units[{ui}]"
            for key in ("id", "title", "type"):
                check.string(unit, key, uwhere, required=True)
            check.ident(unit, uwhere)
            check.unique(unit_ids, unit["id"], uwhere, "unit")
            check.line(unit, "title", uwhere)
            if unit["type"] not in UNIT_TYPES:
                raise SourceFormatError(
                    name,
                    f"{uwhere}.type",
                    f"unknown unit type {unit['type']!r} (one of {', '.join(UNIT_TYPES)})",
                )
            _check_unit_keys(check, unit, uwhere)
            _check_unit_values(check, unit, uwhere)
            move_on = unit.get("moveOn", DEFAULT_MOVE_ON[unit["type"]])
            if move_on not in DEFAULT_MOVE_ON.values() and move_on not in (
                "CompletedAndPassed",
                "CompletedOrPassed",
                "NotApplicable",
            ):
                raise SourceFormatError(name, f"{uwhere}.moveOn", f"unknown moveOn {move_on!r}")
            units.append(
                SourceUnit(unit["id"], unit["type"], unit["title"], folder, dict(unit), uwhere)
            )
        modules.append(
            SourceModule(
                module["id"], module["title"], module.get("summary", ""), folder, tuple(units)
            )
        )
    return SourceCourse(root, {k: v for k, v in data.items() if k != "modules"}, tuple(modules))


def _check_course_values(check: _Checker, data: dict[str, Any]) -> None:
    """What the manifest's schema would refuse in the course's own keys, said in course.toml's
    words: its messages quote regular expressions and JSON paths."""
    course_id = data["id"]
    if not is_course_id(course_id):
        raise SourceFormatError(
            check.file,
            "id",
            f"{quoted(course_id)} may hold only lowercase letters, digits, '.', '_' and '-' "
            f"(at most 64, starting with a letter or digit), e.g. {_suggest_id(course_id)!r}",
        )
    version = data["version"]
    if not VERSION_PATTERN.fullmatch(version):
        raise SourceFormatError(
            check.file,
            "version",
            f"{quoted(version)} must be one to four numbers separated by dots, each of at most 6 "
            f"digits (no letters, no leading zeros), e.g. {_suggest_version(version)!r}; a new "
            "version is a higher one",
        )
    check.language(data, "language", "")
    check.line(data, "title", "")
    authors = data.get("authors", [])
    if not isinstance(authors, list) or not all(isinstance(a, str) and a for a in authors):
        shown = shorten(repr(authors), 40)
        raise SourceFormatError(
            check.file, "authors", f'expected a list of names, e.g. ["Ada Lovelace"], not {shown}'
        )
    publisher = data.get("publisher")
    if publisher is not None:
        if not isinstance(publisher, dict):
            raise SourceFormatError(check.file, "publisher", "expected a table")
        check.string(publisher, "name", "publisher", required=True)
        url = publisher.get("url")
        if url is not None and (not isinstance(url, str) or not re.match(r"https?://", url)):
            raise SourceFormatError(
                check.file,
                "publisher.url",
                f"{quoted(str(url))} must be a web address starting with https:// or http://, "
                "e.g. 'https://example.org'",
            )
    check.number(data, "video_threshold", "", low=0, high=1, low_open=True, hint=_SHARE_WATCHED)


_SHARE_WATCHED = "the share of a video to watch, e.g. 0.9"


def _check_unit_values(check: _Checker, unit: dict[str, Any], where: str) -> None:
    """The numbers and languages of a unit, in course.toml's words (see _check_course_values).
    A deck's slide start times are checked by the build, once it has counted the PDF's pages."""
    kind = unit["type"]
    seconds = "seconds as a number"
    if kind == "video":
        check.number(unit, "duration", where, low=0, high=MAX_SECONDS, low_open=True, noun=seconds)
        check.number(unit, "threshold", where, low=0, high=1, low_open=True, hint=_SHARE_WATCHED)
        for i, variant in enumerate(_tables(unit.get("variants"))):
            for key in ("width", "height"):
                check.number(variant, key, f"{where}.variants[{i}]", low=1, high=16384, whole=True)
        for i, track in enumerate(_tables(unit.get("subtitles"))):
            check.language(track, "language", f"{where}.subtitles[{i}]", required=True)
    elif kind == "slides":
        check.number(unit, "pages", where, low=1, high=5000, whole=True)
        narration = unit.get("narration")
        if isinstance(narration, dict):
            nwhere = f"{where}.narration"
            for key in ("duration", "slide_starts"):
                if key not in narration:
                    raise SourceFormatError(check.file, f"{nwhere}.{key}", "is required")
            check.number(
                narration, "duration", nwhere, low=0, high=MAX_SECONDS, low_open=True, noun=seconds
            )
    elif kind in ("quiz", "exam"):
        share = "the share of the points to pass, e.g. 0.8"
        check.number(unit, "mastery_score", where, low=0, high=1, hint=share)
        check.number(unit, "max_attempts", where, low=1, high=1000, whole=True)
        check.number(unit, "time_limit", where, low=1, high=MAX_SECONDS, whole=True, noun=seconds)
        for key in ("shuffle_questions", "shuffle_choices"):
            if key in unit and not isinstance(unit[key], bool):
                raise SourceFormatError(
                    check.file, f"{where}.{key}", f"expected true or false, not {unit[key]!r}"
                )


def _tables(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _suggest_id(text: str) -> str:
    """A course id close to `text`: 'Économie Générale' -> 'economie-generale'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9._-]+", "-", plain).strip("-._")[:64].rstrip("-._")
    return slug if COURSE_ID.fullmatch(slug) else "my-course"


def _suggest_version(text: str) -> str:
    """'v2.01' -> '2.1'; a date, '20261127' or '2026-11-27' (8 digits are too many for one
    number) -> '2026.11.27'."""
    plain = text.strip().lstrip("vV")
    if date := re.fullmatch(r"([0-9]{4})[-_/.]?([0-9]{2})[-_/.]?([0-9]{2})", plain):
        return ".".join(str(int(n)) for n in date.groups())
    match = re.match(r"[0-9]+(\.[0-9]+){0,3}", plain)
    numbers = ".".join(str(int(n)) for n in match.group().split(".")) if match else ""
    return numbers if VERSION_PATTERN.fullmatch(numbers) else "1.0.0"


def _check_unit_keys(check: _Checker, unit: dict[str, Any], where: str) -> None:
    """Refuse a key the build does not read in the unit or its tables (wrong types are left to
    the checks that read them)."""
    kind = unit["type"]
    check.known(unit, UNIT_KEYS[kind], where, f"a {kind} unit")
    nested = {"variants": VARIANT_KEYS, "subtitles": SUBTITLE_KEYS}
    for key, allowed in nested.items():
        entries = unit.get(key)
        if key in UNIT_KEYS[kind] and isinstance(entries, list):
            for i, entry in enumerate(entries):
                if isinstance(entry, dict):
                    what = "a video variant" if key == "variants" else "a subtitle track"
                    check.known(entry, allowed, f"{where}.{key}[{i}]", what)
    narration = unit.get("narration")
    if kind == "slides" and isinstance(narration, dict):
        check.known(narration, NARRATION_KEYS, f"{where}.narration", "a narration")


def source_file(course: SourceCourse, folder: Path, relative: Any, where: str) -> SourceFile:
    """Resolve a file named in course.toml, refusing anything outside the course folder."""
    if not isinstance(relative, str) or not relative:
        raise SourceFormatError(course.toml, where, "expected a file name")
    try:  # a NUL byte is a ValueError, a name over the system's limit an OSError
        path = (folder / relative).resolve()
        root = course.root.resolve()
        if root not in path.parents:
            raise SourceFormatError(
                course.toml, where, f"{relative!r} is outside the course folder"
            )
        if not path.is_file():
            raise SourceFormatError(course.toml, where, _missing(course, folder, relative, path))
    except (OSError, ValueError) as exc:
        if isinstance(exc, SourceFormatError):
            raise
        raise SourceFormatError(
            course.toml, where, f"{quoted(relative, 80)} is not a usable file name ({_why(exc)})"
        ) from None
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise SourceFormatError(
            course.toml, where, f"{relative}: unknown file type {path.suffix!r}"
        )
    return SourceFile(path, media_type)


def _missing(course: SourceCourse, folder: Path, relative: str, path: Path) -> str:
    """Why a named file is not there: a folder named, a name in the wrong case, or a path written
    from course.toml's folder when a unit's files are named from its module's (`gift =
    "03-quiz/quiz.gift"` was only 'names a missing file: 03-quiz/quiz.gift'). A plain miss names
    the folder looked in: 'names a missing file: welcome.mp4' left the teacher to guess which of
    the course's folders should hold it."""
    if path.is_dir():
        return f"{relative}: names a folder, not a file"
    said = f"names a missing file: {relative}"
    root = course.root.resolve()
    if not path.parent.is_dir():
        looked = path.relative_to(root).as_posix()
        base = folder.resolve().relative_to(root).as_posix()
        return f"{said} (looked for {looked}: names are relative to the folder {base})"
    parent = path.parent.relative_to(root).as_posix()
    said += " (looked in the course folder)" if parent == "." else f" (looked in {parent}/)"
    near = sorted(p.name for p in path.parent.iterdir() if p.name.lower() == path.name.lower())
    if near:
        said += f"; did you mean {near[0]!r}? (names are case-sensitive)"
    return said


def subtitle_encoding(course: SourceCourse, track: dict[str, Any], where: str) -> str:
    """The `encoding` a subtitles entry declares ("" for none: UTF-8 or a byte-order mark's)."""
    from player.course.subtitle_decoding import is_text_encoding

    encoding = track.get("encoding", "")
    if not isinstance(encoding, str) or (encoding and not is_text_encoding(encoding)):
        raise SourceFormatError(
            course.toml,
            f"{where}.encoding",
            f"{quoted(str(encoding), 40)} is not a text encoding (for French or other Western "
            'European text saved by Windows tools: "windows-1252")',
        )
    return encoding


def _why(exc: OSError | ValueError) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or exc.__class__.__name__
    return str(exc)


def _clock_seconds(value: Any) -> float | None:
    """The seconds of a duration written as a clock, "5:30" or "1:02:03.5", else None."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"\s*(?:(\d+):)?(\d+):([0-5]?\d(?:[.,]\d+)?)\s*", value)
    if match is None:
        return None
    hours, minutes, seconds = match.groups()
    return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds.replace(",", "."))


def _toml_line(message: str) -> int | None:
    match = re.search(r"at line (\d+)", message)
    return int(match.group(1)) if match else None


class _Checker:
    def __init__(self, file: str) -> None:
        self.file = file

    def _where(self, base: str, key: str) -> str:
        return f"{base}.{key}" if base else key

    def known(self, table: Any, allowed: Collection[str], base: str, what: str) -> None:
        """Refuse the first key of `table` not in `allowed`, naming the closest one allowed."""
        if not isinstance(table, dict):
            return  # not a table: the check that reads it says so
        for key in table:
            if key in allowed:
                continue
            name = shorten(key, 40)
            close = difflib.get_close_matches(key, allowed, n=1) if len(key) <= 100 else []
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise SourceFormatError(
                self.file, self._where(base, name), f"unknown key {name!r} in {what}{hint}"
            )

    def const(self, table: dict[str, Any], key: str, value: object, base: str) -> None:
        if table.get(key, value) != value:
            raise SourceFormatError(
                self.file,
                self._where(base, key),
                f"unsupported value {table.get(key)!r} (this tool writes {value!r})",
            )

    def string(self, table: Any, key: str, base: str, *, required: bool = False) -> None:
        if not isinstance(table, dict):
            raise SourceFormatError(self.file, base, "expected a table")
        if key not in table:
            if required:
                raise SourceFormatError(self.file, self._where(base, key), "is required")
            return
        value = table[key]
        if not isinstance(value, str):  # `version = 1.0`: TOML reads a number
            shown = shorten(repr(value), 40)
            number = isinstance(value, int | float) and not isinstance(value, bool)
            fix = f': {key} = "{value}"' if number else ""
            raise SourceFormatError(
                self.file, self._where(base, key), f"expected text in quotes, not {shown}{fix}"
            )
        if not value.strip():
            raise SourceFormatError(self.file, self._where(base, key), "expected non-empty text")

    def line(self, table: dict[str, Any], key: str, base: str) -> None:
        """A title: one line of the manifest, as the player shows it."""
        value = table.get(key)
        if isinstance(value, str) and len(value) > MAX_LINE:
            raise SourceFormatError(
                self.file,
                self._where(base, key),
                f"{len(value)} characters long, over the limit of {MAX_LINE}: shorten it",
            )

    def language(self, table: Any, key: str, base: str, *, required: bool = False) -> None:
        if not isinstance(table, dict) or (key not in table and not required):
            return
        value = table.get(key)
        if isinstance(value, str) and _LANGUAGE.match(value):
            return
        where = self._where(base, key)
        if value is None:
            raise SourceFormatError(self.file, where, "is required, e.g. 'fr'")
        shown = quoted(value) if isinstance(value, str) else repr(value)
        close = value.lower() if isinstance(value, str) and _LANGUAGE.match(value.lower()) else ""
        example = repr(close) if close else "'fr', 'en' or 'pt-BR'"
        raise SourceFormatError(
            self.file,
            where,
            f"{shown} is not a language code: write its BCP 47 tag, the language in lowercase "
            f"letters, e.g. {example}",
        )

    def number(
        self,
        table: Any,
        key: str,
        base: str,
        *,
        low: float,
        high: float,
        low_open: bool = False,
        whole: bool = False,
        noun: str = "",
        hint: str = "",
    ) -> None:
        """`table[key]`, when present, a number from `low` (excluded if `low_open`) to `high`."""
        if not isinstance(table, dict) or key not in table:
            return
        value = table[key]
        where = self._where(base, key)
        kinds = int if whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds) or not math.isfinite(value):
            expected = noun or ("a whole number" if whole else "a number")
            said = f"expected {expected}, not {shorten(repr(value), 40)}"
            if noun.startswith("seconds") and (seconds := _clock_seconds(value)) is not None:
                said += f": write {seconds:g}"  # '5:30' -> 330
            raise SourceFormatError(self.file, where, said)
        if low < value <= high or (value == low and not low_open):
            return
        above = f"more than {low}" if low_open else f"at least {low}"
        unit = " seconds" if noun.startswith("seconds") else ""
        why = f" ({hint})" if hint else ""
        raise SourceFormatError(
            self.file, where, f"{key} {value!r} must be {above} and at most {high}{unit}{why}"
        )

    def unique(self, seen: dict[str, str], ident: str, base: str, what: str) -> None:
        """Ids are unique in the course: progress is kept by unit id, across versions."""
        if ident in seen:
            raise SourceFormatError(
                self.file,
                f"{base}.id",
                f"{what} id {ident!r} is already used by {seen[ident]}: give each {what} "
                "its own id",
            )
        seen[ident] = base

    def ident(self, table: dict[str, Any], base: str) -> None:
        if not _ID.fullmatch(table["id"]):  # match: `$` passes a final "\n"
            raise SourceFormatError(
                self.file,
                f"{base}.id",
                f"{table['id']!r}: ids use letters, digits, '.', '_' and '-' (64 at most)",
            )

    def folder(self, root: Path, relative: Any, where: str) -> Path:
        if not isinstance(relative, str):
            raise SourceFormatError(self.file, where, "expected a folder name")
        try:  # a NUL byte is a ValueError, a name over the system's limit an OSError
            path = (root / relative).resolve()
            outside = path != root.resolve() and root.resolve() not in path.parents
            missing = not outside and not path.is_dir()
        except (OSError, ValueError) as exc:
            raise SourceFormatError(
                self.file,
                where,
                f"{quoted(relative, 80)} is not a usable folder name ({_why(exc)})",
            ) from None
        if outside:
            raise SourceFormatError(self.file, where, f"{relative!r} is outside the course folder")
        if missing:
            raise SourceFormatError(self.file, where, f"names a missing folder: {relative}")
        return path
