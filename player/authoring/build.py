"""`cartable-pack build`: a source folder becomes a (signed) course in a repository folder.

Here the build is orchestrated: the course's files are checked and collected, handed to a
BlobWriter (player/authoring/blobs.py: copied and hashed in threads, stored once under their
sha256 whatever their name, made durable) while the manifest is drafted and validated, and the
manifest is written last, so a repository never names a blob it does not hold. Building twice
gives the same bytes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import json
import math
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from player.authoring.blobs import BlobWriter
from player.authoring.catalog import write_catalog
from player.authoring.key_safety import refuse_key_inside
from player.authoring.media import MediaCheck, check_media, duration_slack
from player.authoring.pages import PageCounter, UnreadablePdf
from player.authoring.source import (
    SourceCourse,
    SourceFile,
    SourceFormatError,
    SourceUnit,
    read_source,
    source_file,
    subtitle_encoding,
)
from player.course.archive_writer import pack_archive
from player.course.errors import CourseError, PackageError, SourceError
from player.course.manifest import Course, FileRef, non_finite_path, parse_manifest
from player.course.package import manifest_path
from player.course.quiz import Question
from player.course.schema import validate
from player.course.signing import PrivateKey
from player.course.transcript import read_transcript_text
from player.wording import plural
from sync.durable import open_output, write_atomic


@dataclass(frozen=True)
class BuildResult:
    course: Course
    manifest: Path
    signed_by: str | None  # key id
    answers: Path | None  # the exam answer key, outside the repository
    archive: Path | None
    blobs_added: int
    bytes_added: int
    warnings: tuple[str, ...] = ()  # one line each: what was packaged though it looks odd


def build(
    source_dir: Path,
    repo_dir: Path,
    *,
    key: PrivateKey | None = None,
    key_path: Path | None = None,
    answers_dir: Path | None = None,
    archive: bool = False,
    replace: bool = False,
    replace_answers: bool = False,
    workers: int | None = None,
    catalog_title: str | None = None,
    page_count: PageCounter | None = None,
) -> BuildResult:
    """`page_count` reads a PDF's pages (cartable-pack passes QtPdf's): each deck's `pages` is
    then filled or checked; without it, course.toml's count is taken as written. `replace`
    rebuilds a published version in this repository; `replace_answers` alone overwrites an exam
    answer key holding other answers, which may be the one a course published elsewhere is graded
    with (a trial build iterated with --replace must not touch it)."""
    source = read_source(source_dir)
    _refuse_published_secrets(source.root, repo_dir, key_path)
    files, warnings, lengths = _collect_files(source)
    created = not repo_dir.exists()
    repo_dir.mkdir(parents=True, exist_ok=True)
    writer = BlobWriter(repo_dir)
    placeholder = FileRef("0" * 64, 0, "application/octet-stream")
    failed = True
    try:
        # Files are hashed and copied while every GIFT, subtitle and option is checked: on a
        # mistake, what was copied is removed again and the repository is as it was.
        with ThreadPoolExecutor(max_workers=workers or min(4, os.cpu_count() or 1)) as pool:
            futures = {key: pool.submit(writer.ingest, file) for key, file in files.items()}
            try:
                drafted = _Refs(dict.fromkeys(files, placeholder))
                manifest, answers = _manifest(source, drafted, page_count, lengths)
                built = f"{source.toml} (built manifest)"
                if where := non_finite_path(manifest):  # NaN, inf: TOML has them, JSON has not
                    raise PackageError(built, "not a finite number", where=where)
                validate(manifest, built)  # loads the validator too
                refs = {key: future.result() for key, future in futures.items()}
            except BaseException:
                for future in futures.values():
                    future.cancel()
                raise
        # Still undone on failure: the rules the schema cannot say (unique ids, slide times...)
        # and a version published with other bytes must not leave this build's blobs behind.
        drafted.fill(refs)
        writer.make_durable()  # the blobs' names before the manifest naming them
        data = (json.dumps(manifest, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
        course = parse_manifest(data, built)
        target = repo_dir / manifest_path(course.id, course.version)
        if target.exists() and _previous(target, "the manifest") != data and not replace:
            raise PackageError(
                str(target),
                f"version {course.version} of {course.id} is already published with other "
                "content; raise the version in course.toml (or pass --replace)",
            )
        key_file = None
        if answers:
            key_file = _answers_key(
                course, answers, answers_dir, key_path, repo_dir, replace=replace_answers
            )
        signature = key.sign(data) if key is not None else None
        # The answer key first, the manifest last (it is what publishes the course), and all or
        # nothing: a failure leaves neither a course without its key nor a key without its course.
        _publish(
            [
                *([key_file] if key_file else []),
                _Output(target.with_name("course.json.sig"), signature, "the signature"),
                _Output(target, data, "the manifest"),
            ]
        )
        failed = False
    finally:
        if failed:
            writer.undo()
            if created:
                shutil.rmtree(repo_dir, ignore_errors=True)
        writer.finish()
    write_catalog(repo_dir, title=catalog_title)  # None keeps the title it has
    archive_path = None
    if archive:
        archive_path = repo_dir / f"{course.id}-{course.version}.cartable"
        with open_output(archive_path) as out:  # a symlink to a stick: the file on the stick
            pack_archive(course, out, lambda name: repo_dir / name)
    return BuildResult(
        course,
        target,
        key.public.key_id if key is not None else None,
        key_file.path if key_file else None,
        archive_path,
        len(writer.added),
        writer.bytes_added,
        (*warnings, *writer.warnings()),
    )


def _refuse_published_secrets(source_dir: Path, repo_dir: Path, key_path: Path | None) -> None:
    """The repository is served as it is: a source folder inside it (`-o .` from the source, or
    `build repo/course -o repo`) would publish the exams' answers, a key inside it the signing
    key. Both were built and published without a word."""
    repo = repo_dir.resolve()
    source = source_dir.resolve()
    if source == repo or repo in source.parents:
        raise PackageError(
            str(repo_dir),
            f"the repository is published as it is, and it holds the course's source folder "
            f"{source_dir} (course.toml, the exams with their answers): build into a folder "
            "outside the source",
        )
    if key_path is not None:
        refuse_key_inside(repo_dir, key_path)


@dataclass(frozen=True)
class _Output:
    """A file `build` writes outside the blob store; `data` None removes it (an old signature over
    other bytes would only mislead)."""

    path: Path
    data: bytes | None
    what: str  # named in the error if it cannot be written
    private: bool = False


def _publish(outputs: list[_Output]) -> None:
    """Write each output atomically, in order; if one fails, put back those written before it
    (and remove the folders made for them)."""
    done: list[tuple[_Output, bytes | None]] = []
    made: list[Path] = []
    try:
        for output in outputs:
            before = _previous(output.path, output.what) if output.path.is_file() else None
            try:
                missing = [p for p in output.path.parents if not p.exists()]
                output.path.parent.mkdir(parents=True, exist_ok=True)
                made.extend(reversed(missing))
                if output.data is None:
                    output.path.unlink(missing_ok=True)
                else:
                    write_atomic(output.path, output.data, private=output.private)
            except OSError as exc:  # a full disk's EFBIG names no file
                verb = "remove" if output.data is None else "write"
                raise PackageError(
                    str(output.path), f"could not {verb} {output.what} ({exc.strerror or exc})"
                ) from None
            done.append((output, before))
    except BaseException:
        for output, before in reversed(done):
            with contextlib.suppress(OSError):  # the first failure is the one to report
                if before is None:
                    output.path.unlink(missing_ok=True)
                else:
                    write_atomic(output.path, before, private=output.private)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def _previous(path: Path, what: str) -> bytes:
    """The file a build is about to replace (to compare with, or put back on failure): a read
    error said as a raw OSError named neither what the file is nor what was being done."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PackageError(
            str(path), f"could not read {what} already there ({exc.strerror or exc})"
        ) from None


def _answers_key(
    course: Course,
    answers: dict[str, list[dict[str, Any]]],
    answers_dir: Path | None,
    key_path: Path | None,
    repo_dir: Path,
    *,
    replace: bool,
) -> _Output:
    """The exam answer key to write, checked before anything is published. Its name holds the
    course and version, not the repository: a trial build of the same version would otherwise
    replace the key the institution grades the published course with. `replace`: overwrite one
    holding other answers."""
    folder = answers_dir or (key_path.parent if key_path else Path.cwd())
    folder = folder.resolve()
    repo = repo_dir.resolve()
    if folder == repo or repo in folder.parents:
        raise PackageError(
            str(folder), "the exam answer key must not be written inside the repository"
        )
    path = folder / f"{course.id}-{course.version}.answers.json"
    document = {"course": course.id, "version": course.version, "exams": answers}
    data = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if path.exists() or path.is_symlink():
        try:
            same = path.read_bytes() == data
        except OSError as exc:
            raise PackageError(
                str(path), f"cannot read the exam answer key there ({exc.strerror or exc})"
            ) from None
        if not same and not replace:
            raise PackageError(
                str(path),
                f"holds other exam answers for {course.id} {course.version}; refusing to "
                "overwrite them: give a trial build its own --answers-dir, or raise the version "
                "in course.toml; --replace-answers overwrites this key, the one the course "
                "already published is graded with",
            )
    # 0600 from its creation, then renamed over the last build's key: a full disk or a crash
    # leaves that key whole (the institution grades with it), never half of one.
    return _Output(path, data, "the exam answer key", private=True)


def _collect_files(
    source: SourceCourse,
) -> tuple[dict[tuple[str, str], SourceFile], tuple[str, ...], dict[Path, float]]:
    """Every file the course names, keyed by (TOML path, relative name), the warnings about
    them (one per file, however many units name it), and the seconds each video and narration
    lasts, when its headers say it."""
    files: dict[tuple[str, str], SourceFile] = {}
    warnings: dict[Path | str, str] = {}
    lengths: dict[Path, float] = {}

    def add(folder: Path, relative: Any, where: str, encoding: str | None = None) -> SourceFile:
        file = source_file(source, folder, relative, where)
        files[(where, str(relative))] = dataclasses.replace(file, encoding=encoding)
        return file

    if "cover" in source.metadata:
        add(source.root, source.metadata["cover"], "cover")
    for module in source.modules:
        for unit in module.units:
            opts, where, folder = unit.options, unit.where, unit.folder
            if unit.type == "video":
                variants = _table_list(source, opts, "variants", where, required=True)
                declared = opts.get("duration")
                length = None
                for i, variant in enumerate(variants):
                    vwhere, name = f"{where}.variants[{i}].file", variant.get("file")
                    file = add(folder, name, vwhere)
                    _check_media(source, unit, file, name, vwhere, warnings, declared, lengths)
                    if i == 0:  # the later of the file's end and course.toml's: a file
                        # shorter than course.toml says is warned of already, for its cause
                        ends = (lengths.get(file.path), _seconds(declared))
                        length = max((e for e in ends if e is not None), default=None)
                for i, track in enumerate(_table_list(source, opts, "subtitles", where)):
                    twhere = f"{where}.subtitles[{i}]"
                    encoding = subtitle_encoding(source, track, twhere)
                    name = track.get("file")
                    file = add(folder, name, f"{twhere}.file", encoding)
                    if said := _late_cues(file, encoding, length):
                        named = f"unit {unit.id!r}: {name}: {said}"
                        message = SourceFormatError(source.toml, f"{twhere}.file", named).message
                        warnings[f"{twhere} cues"] = message
                if "transcript" in opts:
                    transcript = add(folder, opts["transcript"], f"{where}.transcript")
                    read_transcript_text(transcript.path)  # refused if too big or not UTF-8
            elif unit.type == "slides":
                add(folder, opts.get("document"), f"{where}.document")
                narration = opts.get("narration")
                if narration is not None:
                    if not isinstance(narration, dict):
                        raise SourceFormatError(
                            source.toml, f"{where}.narration", "expected a table"
                        )
                    awhere, name = f"{where}.narration.audio", narration.get("audio")
                    file = add(folder, name, awhere)
                    declared = narration.get("duration")
                    check = _check_media(
                        source, unit, file, name, awhere, warnings, declared, lengths
                    )
                    length = declared if check.duration is None else check.duration
                    starts = narration.get("slide_starts")
                    swhere = f"{where}.narration.slide_starts"
                    for key, said in (
                        (swhere, _minutes_warning(starts, length)),
                        (f"{swhere} end", _late_warning(starts, check, name)),
                    ):
                        if said:
                            named = f"unit {unit.id!r}: {said}"
                            warnings[key] = SourceFormatError(source.toml, swhere, named).message
            elif unit.type == "reading":
                add(folder, opts.get("text"), f"{where}.text")
                text_file = source_file(source, folder, opts.get("text"), f"{where}.text")
                for name in _markdown_images(text_file.path):
                    add(text_file.path.parent, name, f"{where}.images[{name}]")
    return files, tuple(warnings.values()), lengths


def _check_media(
    source: SourceCourse,
    unit: SourceUnit,
    file: SourceFile,
    name: str,
    where: str,
    warnings: dict[Path | str, str],
    declared: Any,
    lengths: dict[Path, float],
) -> MediaCheck:
    """An empty or cut-short video or narration was packaged, signed and installed, and found
    broken by a learner offline. A warning is said in the words and place of a refusal.
    `declared` is the unit's duration in course.toml, if any; the file's own goes in `lengths`
    when exact (an MP3's estimate only warns: a joined or VBR file was refused wrongly)."""
    if isinstance(declared, bool) or not isinstance(declared, int | float):
        declared = None  # none, or not a number: said when the unit is built
    elif not math.isfinite(declared):
        declared = None  # said by the manifest's check
    check = check_media(file.path, file.media_type, declared)
    if check.problem:
        raise SourceFormatError(source.toml, where, f"unit {unit.id!r}: {name}: {check.problem}")
    if check.duration is not None and not check.estimated:
        lengths[file.path] = check.duration
    if check.warning and file.path not in warnings:
        said = SourceFormatError(source.toml, where, f"unit {unit.id!r}: {name}: {check.warning}")
        warnings[file.path] = said.message
    return check


def _seconds(value: Any) -> float | None:
    """course.toml's `duration` when it is one (a wrong one is said when the unit is built)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value > 0 else None


def _late_cues(file: SourceFile, encoding: str, length: float | None) -> str | None:
    """Subtitles of another video, or of a longer cut: cues to 35.5 s on a 10 s video were
    packaged without a word, and never show. Warned of as a duration that contradicts the
    file is: past the same slack, and the teacher may know better. A file the build refuses
    is said when its unit is built, with its line."""
    from player.course.subtitles import parse_subtitles, read_subtitles

    if length is None:
        return None
    try:
        cues = parse_subtitles(read_subtitles(file.path), str(file.path), encoding=encoding)
    except CourseError:
        return None
    late = sum(cue.start > length + duration_slack(length) for cue in cues)
    if not late:
        return None
    return (
        f"its cues run to {max(cue.end for cue in cues):.1f} s, the video lasts {length:.1f} s: "
        f"{late} of {len(cues)} start after its end and never show; is it the subtitle file of "
        "another video? (packaged as is)"
    )


def _late_warning(starts: Any, check: MediaCheck, audio: Any) -> str | None:
    """A page starting after the end an MP3's headers suggest: refused for an exact length (see
    _check_slide_starts), warned of for an estimate, which a header of a joined file or a
    bitrate read wrongly can make too short, and the teacher's ears are surer."""
    if check.duration is None or not check.estimated or not isinstance(starts, list) or not starts:
        return None
    last = starts[-1]
    if isinstance(last, bool) or not isinstance(last, int | float) or not math.isfinite(last):
        return None  # said when the unit is built
    if last < check.duration:
        return None
    return (
        f"slide_starts: the last page starts at {last} s, after {audio} seems to end "
        f"({check.duration:.1f} s, estimated from its MP3 headers): if it does, that page never "
        "shows; give the starts in seconds of this recording"
    )


def _minutes_warning(starts: Any, length: Any) -> str | None:
    """`slide_starts = [0, 1.30, 3.15]` meant as minutes:seconds is valid seconds, and every page
    but the first then shows in the narration's first seconds. Suspected when every start has at
    most two decimals below .60, one has some, and the last is under a tenth of the narration:
    a warning, as a deck may well turn its pages fast."""
    if not isinstance(length, int | float) or isinstance(length, bool) or not length > 0:
        return None
    if not isinstance(starts, list) or len(starts) < 2:
        return None
    hundredths = []
    for start in starts:
        if isinstance(start, bool) or not isinstance(start, int | float):
            return None
        if not math.isfinite(start) or start < 0:
            return None
        cents = round(start * 100)
        if abs(start * 100 - cents) > 1e-6 or cents % 100 >= 60:
            return None
        hundredths.append(cents)
    fractional = [cents for cents in hundredths if cents % 100]
    if not fractional or max(starts) >= 0.1 * length:
        return None
    cents = next((c for c in fractional if c >= 100), fractional[0])
    minutes, seconds = divmod(cents, 100)
    return (
        f"slide_starts are seconds: {cents / 100:.2f} is {cents / 100:g} s; for {minutes} min "
        f"{seconds} s write {minutes * 60 + seconds} (every page starts in the first "
        f"{max(starts):g} s of the narration's {length:.1f} s)"
    )


def _table_list(
    source: SourceCourse, opts: dict[str, Any], key: str, where: str, *, required: bool = False
) -> list[dict[str, Any]]:
    value = opts.get(key, [])
    if required and not value:
        raise SourceFormatError(source.toml, f"{where}.{key}", "at least one entry is required")
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise SourceFormatError(source.toml, f"{where}.{key}", "expected a list of tables")
    return value


def _markdown_images(path: Path) -> list[str]:
    """The course images a reading names, exactly as the player will ask for them (the same
    renderer decides; remote images are never fetched, so never packaged)."""
    from player.course.reading import read_reading, render_reading

    text = read_reading(path)  # refused over MAX_READING_BYTES, before it is read whole
    rendered = render_reading(text, image_url=lambda _name: None, unit_link=lambda _id: None)
    return list(dict.fromkeys(rendered.missing_images))


def _manifest(
    source: SourceCourse, ref: _Refs, page_count: PageCounter | None, lengths: dict[Path, float]
) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    meta = source.metadata
    manifest: dict[str, Any] = {"format": 1}
    for key in ("id", "version", "title", "language", "summary", "authors", "licence"):
        if key in meta:
            manifest[key] = meta[key]
    if "publisher" in meta:
        manifest["publisher"] = meta["publisher"]
    if "video_threshold" in meta:
        manifest["video_threshold"] = meta["video_threshold"]
    if "cover" in meta:
        manifest["cover"] = ref("cover", meta["cover"])
    answers: dict[str, list[dict[str, Any]]] = {}
    modules = []
    for module in source.modules:
        units = []
        for unit in module.units:
            units.append(_unit(source, unit, ref, answers, page_count, lengths))
        entry: dict[str, Any] = {"id": module.id, "title": module.title}
        if module.summary:
            entry["summary"] = module.summary
        entry["units"] = units
        modules.append(entry)
    manifest["modules"] = modules
    return manifest, answers


def _pages(source: SourceCourse, unit: SourceUnit, page_count: PageCounter | None) -> Any:
    """The deck's `pages`: the PDF's count, which course.toml may state but not contradict."""
    where, document = unit.where, unit.options.get("document")
    declared = unit.options.get("pages")
    if page_count is None:
        if declared is None:
            raise SourceFormatError(source.toml, f"{where}.pages", "required (the PDF's pages)")
        return declared  # a wrong type is the schema's to name
    path = source_file(source, unit.folder, document, f"{where}.document").path
    try:
        real = page_count(path)
    except UnreadablePdf as exc:
        raise SourceFormatError(
            source.toml, f"{where}.document", f"unit {unit.id!r}: {document}: {exc}"
        ) from None
    if real < 1:
        raise SourceFormatError(
            source.toml, f"{where}.document", f"unit {unit.id!r}: {document} has no page"
        )
    if declared is None:
        return real
    if isinstance(declared, int) and not isinstance(declared, bool) and declared != real:
        raise SourceFormatError(
            source.toml,
            f"{where}.pages",
            f"unit {unit.id!r}: {document} has {plural(real, 'page')}, not {declared}: correct "
            "`pages`, or remove it and the build counts them",
        )
    return declared


def _check_slide_starts(
    source: SourceCourse, unit: SourceUnit, pages: Any, length: float | None
) -> None:
    """One start per page, from 0, increasing, all before the narration ends (course.toml's
    duration, and the audio's own `length` when its headers say it exactly: a page starting
    after it would never show; after an MP3's estimate, _late_warning warns): in course.toml's
    words, once the PDF's pages are known (the manifest's check would name `$.modules[..]`)."""
    narration = unit.options["narration"]
    starts, duration = narration.get("slide_starts"), narration.get("duration")
    where = f"{unit.where}.narration.slide_starts"
    named = f"unit {unit.id!r}: slide_starts"
    if not isinstance(starts, list) or not all(
        isinstance(at, int | float) and not isinstance(at, bool) and math.isfinite(at)
        for at in starts
    ):
        raise SourceFormatError(
            source.toml, where, f"{named}: expected a list of seconds, one per page, e.g. [0, 9.5]"
        )
    document = unit.options.get("document")
    if isinstance(pages, int) and len(starts) != pages:
        raise SourceFormatError(
            source.toml,
            where,
            f"{named} gives {len(starts)} start times for the {plural(pages, 'page')} of "
            f"{document}: give one per page",
        )
    if not starts or starts[0] != 0 or any(b <= a for a, b in itertools.pairwise(starts)):
        raise SourceFormatError(
            source.toml, where, f"{named}: the first must be 0 and each later than the one before"
        )
    if isinstance(duration, int | float) and starts[-1] >= duration:
        raise SourceFormatError(
            source.toml,
            where,
            f"{named}: the last page starts at {starts[-1]} s, not before the narration's end "
            f"(duration = {duration})",
        )
    if length is not None and starts[-1] >= length:
        audio = narration.get("audio")
        raise SourceFormatError(
            source.toml,
            where,
            f"{named}: the last page starts at {starts[-1]} s, after {audio} ends ({length:.1f} "
            "s): it would never show; give the starts in seconds of this recording",
        )


class _Refs:
    """The collected files, looked up by the TOML path and name that named them."""

    def __init__(self, refs: dict[tuple[str, str], FileRef]) -> None:
        self.refs = refs
        self.issued: list[tuple[tuple[str, str], dict[str, Any]]] = []

    def __call__(self, where: str, relative: Any) -> dict[str, Any]:
        key = (where, str(relative))
        out = self.refs[key].to_json()
        self.issued.append((key, out))
        return out

    def fill(self, refs: dict[tuple[str, str], FileRef]) -> None:
        """Put the real hashes into a manifest drafted with placeholders (same keys, same
        order: the draft's bytes become the final manifest's)."""
        for key, out in self.issued:
            out.update(refs[key].to_json())

    def under(self, prefix: str) -> list[tuple[str, str]]:
        return sorted(key for key in self.refs if key[0].startswith(prefix))


def _unit(
    source: SourceCourse,
    unit: SourceUnit,
    ref: _Refs,
    answers: dict[str, list[dict[str, Any]]],
    page_count: PageCounter | None,
    lengths: dict[Path, float],
) -> dict[str, Any]:
    # The parsers load here, while the first files are already being copied.
    from player.course.gift import load_gift
    from player.course.subtitles import parse_subtitles, read_subtitles

    opts, where = unit.options, unit.where
    out: dict[str, Any] = {"id": unit.id, "type": unit.type, "title": unit.title}
    if "moveOn" in opts:
        out["moveOn"] = opts["moveOn"]
    if unit.type == "video":
        variants = []
        for i, variant in enumerate(opts["variants"]):
            vwhere = f"{where}.variants[{i}]"
            variants.append(
                {
                    "label": variant.get("label") or f"{variant.get('height', '?')}p",
                    "width": variant.get("width"),
                    "height": variant.get("height"),
                    "file": ref(f"{vwhere}.file", variant["file"]),
                }
            )
        duration = opts.get("duration")
        if duration is not None and (
            isinstance(duration, bool) or not isinstance(duration, int | float)
        ):
            raise SourceFormatError(
                source.toml, f"{where}.duration", f"expected seconds as a number, not {duration!r}"
            )
        if duration is None:  # read from an MP4's header, or a WebM's when it says it
            first = source_file(source, unit.folder, opts["variants"][0]["file"], where)
            duration = lengths.get(first.path)
            if duration is None:
                raise SourceFormatError(
                    source.toml, f"{where}.duration", "required (cannot read it from the file)"
                )
        out["duration"] = round(float(duration), 3)
        if "threshold" in opts:
            out["threshold"] = opts["threshold"]
        out["variants"] = variants
        tracks = []
        for i, track in enumerate(opts.get("subtitles", [])):
            twhere = f"{where}.subtitles[{i}].file"
            path = source_file(source, unit.folder, track["file"], twhere).path
            encoding = track.get("encoding", "")  # checked by _collect_files
            parse_subtitles(read_subtitles(path), str(path), strict=True, encoding=encoding)
            tracks.append(
                {
                    "language": track.get("language", ""),
                    "label": track.get("label") or track.get("language", ""),
                    "file": ref(twhere, track["file"]),
                }
            )
        if tracks:
            out["subtitles"] = tracks
        if "transcript" in opts:
            out["transcript"] = ref(f"{where}.transcript", opts["transcript"])
    elif unit.type == "slides":
        out["document"] = ref(f"{where}.document", opts["document"])
        out["pages"] = _pages(source, unit, page_count)
        narration = opts.get("narration")
        if narration:
            audio = source_file(source, unit.folder, narration["audio"], f"{where}.narration")
            _check_slide_starts(source, unit, out["pages"], lengths.get(audio.path))
            out["narration"] = {
                "audio": ref(f"{where}.narration.audio", narration["audio"]),
                "duration": narration.get("duration"),
                "slide_starts": narration.get("slide_starts"),
            }
    elif unit.type == "reading":
        out["text"] = ref(f"{where}.text", opts["text"])
        images = {name: ref(w, name) for (w, name) in ref.under(f"{where}.images[")}
        if images:
            out["images"] = images
    else:
        gift_file = source_file(source, unit.folder, opts.get("gift"), f"{where}.gift")
        questions: tuple[Question, ...] = load_gift(gift_file.path).questions
        if not questions:
            raise SourceError(str(gift_file.path), "holds no question")
        # An exam shuffles its answers unless told not to, as Moodle does: GIFT authors mostly
        # write the right answer first, and an exam would show it first.
        defaults = {"shuffle_choices": True} if unit.type == "exam" else {}
        for key in ("mastery_score", "max_attempts", "shuffle_questions", "shuffle_choices"):
            if key in opts or key in defaults:
                out[key] = opts.get(key, defaults.get(key))
        if unit.type == "exam":
            if "time_limit" in opts:
                out["time_limit"] = opts["time_limit"]
            answers[unit.id] = [q.to_json() for q in questions]
            out["questions"] = [q.without_answers().to_json() for q in questions]
        else:
            out["questions"] = [q.to_json() for q in questions]
    return out
