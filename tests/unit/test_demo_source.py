"""The demo course's source folder (resources/demo/source) is complete and consistent.

It ships inside the player and is the first course a learner sees, so every file course.toml
names must exist and match what course.toml says about it: subtitles that parse and fit the
video, videos small enough and streamable, a deck whose pages match its narration, quizzes
that exercise every question type. No Qt: MP4 and PDF are read with a few lines of Python.
"""

from __future__ import annotations

import re
import struct
import tomllib
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from player.course.gift import GiftFile, load_gift
from player.course.quiz import QUESTION_TYPES
from player.course.subtitles import parse_subtitles

SOURCE = Path(__file__).resolve().parents[2] / "resources" / "demo" / "source"
MAX_VIDEO_BYTES = 1024 * 1024
MAX_SOURCE_BYTES = 3 * 1024 * 1024

# Progress is kept by unit id across course versions: renaming one loses learners' progress.
UNIT_IDS = [
    "definition-video",
    "definition-lecture",
    "phenomene-diaporama",
    "phenomene-quiz",
    "enjeux-lecture",
    "enjeux-examen",
]


@cache
def course() -> dict[str, Any]:
    return tomllib.loads((SOURCE / "course.toml").read_text(encoding="utf-8"))


def units(unit_type: str | None = None) -> Iterator[tuple[Path, dict[str, Any]]]:
    """(module folder, unit table) in course order."""
    for module in course()["modules"]:
        for unit in module["units"]:
            if unit_type is None or unit["type"] == unit_type:
                yield SOURCE / module.get("folder", "."), unit


def unit(unit_type: str) -> tuple[Path, dict[str, Any]]:
    found = list(units(unit_type))
    assert len(found) == 1, f"expected one {unit_type} unit, found {len(found)}"
    return found[0]


def named_files() -> list[Path]:
    """Every file course.toml names, and every image the Markdown readings name."""
    files = [SOURCE / course()["cover"]] if "cover" in course() else []
    for folder, entry in units():
        kind = entry["type"]
        if kind == "video":
            files += [folder / v["file"] for v in entry["variants"]]
            files += [folder / s["file"] for s in entry.get("subtitles", [])]
            if "transcript" in entry:
                files.append(folder / entry["transcript"])
        elif kind == "slides":
            files.append(folder / entry["document"])
            if "narration" in entry:
                files.append(folder / entry["narration"]["audio"])
        elif kind == "reading":
            text = folder / entry["text"]
            files.append(text)
            files += [text.parent / name for name in markdown_images(text)]
        else:
            files.append(folder / entry["gift"])
    return files


def markdown_images(path: Path) -> list[str]:
    return re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", path.read_text(encoding="utf-8"))


# --- MP4: just enough of ISO BMFF to read the movie and track headers ------------------------


def boxes(data: bytes, start: int = 0, end: int | None = None) -> Iterator[tuple[bytes, bytes]]:
    """(type, body) of each box between start and end."""
    end = len(data) if end is None else end
    offset = start
    while offset + 8 <= end:
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        header = 8
        if size == 1:
            size = struct.unpack(">Q", data[offset + 8 : offset + 16])[0]
            header = 16
        elif size == 0:
            size = end - offset
        assert size >= header, f"broken MP4 box {kind!r} at {offset}"
        yield kind, data[offset + header : offset + size]
        offset += size


def child(body: bytes, kind: bytes) -> bytes:
    found = [b for k, b in boxes(body) if k == kind]
    assert found, f"no {kind!r} box"
    return found[0]


def mp4_seconds(body_of_moov: bytes) -> float:
    mvhd = child(body_of_moov, b"mvhd")
    if mvhd[0] == 1:
        timescale, duration = struct.unpack(">IQ", mvhd[20:32])
    else:
        timescale, duration = struct.unpack(">II", mvhd[12:20])
    return duration / timescale


def mp4_video_size(body_of_moov: bytes) -> tuple[int, int]:
    """Width and height of the first track that has them (tkhd ends with 16.16 width, height)."""
    for kind, trak in boxes(body_of_moov):
        if kind == b"trak":
            width, height = struct.unpack(">II", child(trak, b"tkhd")[-8:])
            if width:
                return width >> 16, height >> 16
    raise AssertionError("no video track")


def top_level(path: Path) -> tuple[list[bytes], bytes]:
    data = path.read_bytes()
    found = list(boxes(data))
    kinds = [k for k, _ in found]
    moov = next(b for k, b in found if k == b"moov")
    return kinds, moov


# --- GIFT -----------------------------------------------------------------------------------


@cache
def gift(unit_type: str) -> GiftFile:
    folder, entry = unit(unit_type)
    return load_gift(folder / entry["gift"], f"{folder.name}/{entry['gift']}")


# --- Tests ----------------------------------------------------------------------------------


def test_metadata_is_the_demo_course() -> None:
    data = course()
    assert (data["format"], data["id"], data["version"], data["language"]) == (
        1,
        "les-mooc",
        "1.0.3",
        "fr",
    )
    assert data["title"] == "Les MOOC"
    assert data["licence"] == "CC-BY-4.0"
    assert data["publisher"]["name"]
    assert data["summary"].strip()
    assert len(data["modules"]) >= 3


def test_unit_ids_are_stable_and_unique() -> None:
    ids = [entry["id"] for _, entry in units()]
    assert ids == UNIT_IDS
    module_ids = [m["id"] for m in course()["modules"]]
    assert len(set(module_ids)) == len(module_ids)


def test_every_named_file_exists_inside_the_folder() -> None:
    root = SOURCE.resolve()
    for path in named_files():
        assert path.is_file(), f"course.toml names a missing file: {path.relative_to(SOURCE)}"
        assert path.resolve().is_relative_to(root), f"{path} is outside the source folder"
        assert path.stat().st_size > 0, f"{path.relative_to(SOURCE)} is empty"


def test_no_stray_files_and_under_3_mb() -> None:
    on_disk = {p.resolve() for p in SOURCE.rglob("*") if p.is_file()} - {
        (SOURCE / "course.toml").resolve()
    }
    assert on_disk == {p.resolve() for p in named_files()}
    total = sum(p.stat().st_size for p in on_disk) + (SOURCE / "course.toml").stat().st_size
    assert total < MAX_SOURCE_BYTES, f"demo source is {total} bytes"


def test_reading_images_are_pngs_next_to_the_reading() -> None:
    images = []
    for folder, entry in units("reading"):
        text = folder / entry["text"]
        for name in markdown_images(text):
            assert not name.startswith(("/", "http:", "https:")) and ".." not in name
            images.append(text.parent / name)
    assert images, "the readings should show at least one image"
    for image in images:
        assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{image} is not a PNG"


def test_videos_are_small_streamable_and_as_declared() -> None:
    folder, entry = unit("video")
    assert len(entry["variants"]) == 2
    for variant in entry["variants"]:
        path = folder / variant["file"]
        assert path.stat().st_size < MAX_VIDEO_BYTES, f"{path.name} is over 1 MB"
        kinds, moov = top_level(path)
        assert b"ftyp" in kinds and b"mdat" in kinds
        assert kinds.index(b"moov") < kinds.index(b"mdat"), f"{path.name}: not +faststart"
        assert mp4_video_size(moov) == (variant["width"], variant["height"])
        seconds = mp4_seconds(moov)
        assert 6 <= seconds <= 12
        assert abs(seconds - entry["duration"]) < 0.05, f"{path.name} lasts {seconds:.2f} s"


def test_subtitles_parse_and_fit_the_video() -> None:
    folder, entry = unit("video")
    tracks = {}
    for track in entry["subtitles"]:
        path = folder / track["file"]
        data = path.read_bytes()
        assert data.startswith(b"WEBVTT")
        tracks[track["language"]] = parse_subtitles(data, path.name, strict=True)
    assert set(tracks) == {"fr", "en"}
    fr, en = tracks["fr"], tracks["en"]
    assert len(fr) == len(en) >= 3
    assert [(c.start, c.end) for c in fr] == [(c.start, c.end) for c in en]
    for before, after in pairwise(fr):
        assert before.end <= after.start
    assert all(0 <= c.start < c.end <= entry["duration"] for c in fr)
    assert any(ch in "éèàçù" for c in fr for ch in c.text), "French subtitles lost their accents"


def test_slides_narration_matches_the_pdf_and_the_audio() -> None:
    folder, entry = unit("slides")
    pdf = (folder / entry["document"]).read_bytes()
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))
    assert pages == entry["pages"]
    assert 6 <= pages <= 10
    for box in re.findall(rb"/MediaBox\s*\[\s*([-0-9. ]+)\]", pdf):
        x0, y0, x1, y1 = (float(v) for v in box.split())
        assert abs((x1 - x0) / (y1 - y0) - 16 / 9) < 0.01, "slides are not 16:9"

    narration = entry["narration"]
    starts = narration["slide_starts"]
    assert len(starts) == pages
    assert starts[0] == 0
    assert all(a < b for a, b in pairwise(starts))
    assert starts[-1] < narration["duration"]
    kinds, moov = top_level(folder / narration["audio"])
    assert kinds.index(b"moov") < kinds.index(b"mdat")
    assert abs(mp4_seconds(moov) - narration["duration"]) < 0.1


def test_practice_quiz_uses_every_question_type_with_feedback() -> None:
    questions = gift("quiz").questions
    assert {q.type for q in questions} == set(QUESTION_TYPES)
    for q in questions:
        assert q.general_feedback, f"{q.id}: no general feedback"
        for choice in q.choices:
            assert choice.feedback, f"{q.id}: choice {choice.text!r} has no feedback"
        for answer in q.text_answers + q.numeric_answers:
            assert answer.feedback, f"{q.id}: an answer has no feedback"
    multiple = [q for q in questions if q.type == "multiple"]
    assert any(c.weight is not None and c.weight < 0 for q in multiple for c in q.choices)
    assert any(0 < (c.weight or 0) < 1 for q in multiple for c in q.choices)
    assert any(len(q.text_answers) >= 2 for q in questions if q.type == "short")
    numeric = [a for q in questions if q.type == "numeric" for a in q.numeric_answers]
    assert any(a.min < a.max for a in numeric), "no numeric tolerance or range"
    truefalse = [q for q in questions if q.type == "truefalse"]
    assert all(q.feedback_right and q.feedback_wrong for q in truefalse)
    assert all(len(q.pairs) >= 3 for q in questions if q.type == "matching")


def test_exam_is_a_mixed_keyed_gift_with_its_rules() -> None:
    _, entry = unit("exam")
    assert (entry["time_limit"], entry["max_attempts"], entry["mastery_score"]) == (1200, 2, 0.7)
    questions = gift("exam").questions
    assert 8 <= len(questions) <= 12
    assert len({q.type for q in questions}) >= 5
    for q in questions:  # the key is written in the source; the build removes it
        assert (
            any((c.weight or 0) > 0 for c in q.choices)
            or q.answer is not None
            or q.text_answers
            or q.numeric_answers
            or q.pairs
        ), f"{q.id}: no answer key in the source"
