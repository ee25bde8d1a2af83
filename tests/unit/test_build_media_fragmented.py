"""A fragmented MP4 (ffmpeg -movflags frag_keyframe+empty_moov, OBS, browsers' recorders) cut
between two fragments has whole boxes only, and FFmpeg plays it to the cut without an error
(QMediaPlayer offscreen: EndOfMedia at 4880 ms of 10 s): the time its fragments reach is what
tells: against the duration its mvex (mehd) announces, a refusal; against course.toml's, a
warning (a duration rounded up looks the same)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from player.authoring.build import build
from player.authoring.mp4 import mp4_duration, mp4_fragments
from player.course.errors import CourseError
from player.course.manifest import VideoUnit
from tests.support import FIXTURES, write_source
from tests.unit.fragmented_mp4_support import fragmented

MP4 = (FIXTURES / "media" / "moviepy-smpte-2997.mp4").read_bytes()
FRAGMENTED = fragmented(MP4)
WITH_MEHD = fragmented(MP4, mehd=True)
VIDEO = "course.toml: modules[0].units[0].variants[0].file: unit 'video': video.mp4: "
# The fixture's audio lasts 472 AAC frames of 1024 samples at 48 kHz; its video 251 frames at 25.
END = 472 * 1024 / 48000
LONGEST = round(END, 3)


def source_with(tmp_path: Path, data: bytes, duration: float | None = None) -> Path:
    source = write_source(tmp_path / "src")
    (source / "m1" / "video.mp4").write_bytes(data)
    if duration is not None:
        toml = source / "course.toml"
        text = toml.read_text(encoding="utf-8")
        assert text.count('title = "Vidéo"') == 1
        toml.write_text(
            text.replace('title = "Vidéo"', f'title = "Vidéo"\n  duration = {duration}'),
            encoding="utf-8",
        )
    return source


def refused(tmp_path: Path, data: bytes, duration: float | None = None) -> str:
    with pytest.raises(CourseError) as caught:
        build(source_with(tmp_path, data, duration), tmp_path / "repo", answers_dir=tmp_path / "k")
    assert not (tmp_path / "repo").exists(), "a refused build left a repository"
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    "layout, data",
    [
        ("FFmpeg's, with its index (mfra)", FRAGMENTED.data),
        ("OBS's or a browser's, without an index", FRAGMENTED.data[: FRAGMENTED.mfra]),
        ("the duration announced (mehd)", WITH_MEHD.data),
    ],
)
def test_a_whole_fragmented_mp4_is_built_with_the_duration_of_its_fragments(
    tmp_path: Path, layout: str, data: bytes
) -> None:
    """Its moov says 0 s (empty_moov): the build refused it, 'duration: 0.0 is less than or
    equal to the minimum of 0', unless course.toml said the duration."""
    result = build(source_with(tmp_path, data), tmp_path / "repo", answers_dir=tmp_path / "k")
    video = result.course.unit("video")
    assert isinstance(video, VideoUnit), layout
    assert video.duration == LONGEST
    assert (tmp_path / "repo" / video.variants[0].file.blob_path).read_bytes() == data
    assert result.warnings == ()
    # And with the duration in course.toml, the fixture's own (its edit list's).
    build(source_with(tmp_path / "declared", data, 10.048), tmp_path / "declared" / "repo")


def shorter(tmp_path: Path, end: float, declared: float) -> str:
    return (
        f"{tmp_path / 'src' / VIDEO}the file ends at {end:g} s, "
        f"course.toml says {declared:g} s: if the copy was cut short between two fragments, "
        "copy the whole file again; if the duration was rounded up, nothing to do (packaged as is)"
    )


def built(tmp_path: Path, data: bytes, duration: float) -> tuple[str, ...]:
    """The warnings of a build that packaged `data` whole, with course.toml's `duration`."""
    result = build(source_with(tmp_path, data, duration), tmp_path / "repo", answers_dir=tmp_path)
    video = result.course.unit("video")
    assert isinstance(video, VideoUnit)
    assert video.duration == duration
    assert (tmp_path / "repo" / video.variants[0].file.blob_path).read_bytes() == data
    return result.warnings


@pytest.mark.parametrize("fragment", [1, 8, 16])
def test_a_fragmented_mp4_ending_before_course_toml_says_is_built_with_a_warning(
    tmp_path: Path, fragment: int
) -> None:
    """Cut between two fragments, or a duration rounded up: nothing in the file tells them apart,
    so the warning names both and the build goes on, as for a plain MP4."""
    cut = FRAGMENTED.data[: FRAGMENTED.moofs[fragment]]
    end = mp4_fragments_end(tmp_path, cut)
    assert end == pytest.approx(FRAGMENTED.starts[fragment], abs=0.05)
    assert built(tmp_path, cut, 10.048) == (shorter(tmp_path, end, 10.048),)


def test_a_duration_rounded_up_in_course_toml_builds_as_for_a_plain_mp4(tmp_path: Path) -> None:
    """duration = 10.5 for a 10.07 s video (a teacher writing 300 for 4:59.6): the plain MP4 is
    built without a word; the fragmented one was refused, 'cut short: its fragments end at
    10.0693 s, before the unit's duration (10.5 s)', blaming the file."""
    assert built(tmp_path / "plain", MP4, 10.5) == ()
    assert built(tmp_path, FRAGMENTED.data, 10.5) == (shorter(tmp_path, END, 10.5),)
    assert built(tmp_path / "mehd", WITH_MEHD.data, 10.5) == (
        shorter(tmp_path / "mehd", END, 10.5),
    )


def mp4_fragments_end(tmp_path: Path, data: bytes) -> float:
    path = tmp_path / "probe.mp4"
    path.write_bytes(data)
    fragments = mp4_fragments(path)
    assert fragments is not None
    assert mp4_duration(path) == fragments.end
    return fragments.end


def test_a_fragmented_mp4_cut_between_fragments_is_refused_against_its_mehd(
    tmp_path: Path,
) -> None:
    """With no duration in course.toml, the one the writer announced in the mvex."""
    cut = WITH_MEHD.data[: WITH_MEHD.moofs[8]]
    end = mp4_fragments_end(tmp_path, cut)
    assert VIDEO + (
        f"cut short: its fragments end at {end:g} s, before the 10.048 s its header announces "
        "(box 'mehd')"
    ) in refused(tmp_path, cut)


def test_a_fragmented_mp4_cut_after_a_moof_is_refused(tmp_path: Path) -> None:
    """The moof says where its samples are: in the mdat that no longer follows."""
    at = FRAGMENTED.moofs[8]
    (size,) = struct.unpack(">I", FRAGMENTED.data[at : at + 4])
    cut = FRAGMENTED.data[: at + size]
    assert VIDEO + (
        f"cut short: its last fragment (its box 'moof' at byte {at}) has no media data after "
        "it (an 'mdat' box)"
    ) in refused(tmp_path, cut)


def test_the_last_fragment_cut_off_is_seen_and_a_shorter_duration_is_not(tmp_path: Path) -> None:
    """The slack is under a fragment (the last lasts 0.44 s here), over a duration's rounding."""
    cut = WITH_MEHD.data[: WITH_MEHD.moofs[-1]]
    assert "cut short: its fragments end at" in refused(tmp_path, cut)
    cut = FRAGMENTED.data[: FRAGMENTED.moofs[-1]]
    end = mp4_fragments_end(tmp_path, cut)
    assert built(tmp_path / "cut", cut, LONGEST) == (shorter(tmp_path / "cut", end, LONGEST),)
    assert built(tmp_path / "whole", FRAGMENTED.data, 10.3) == ()


@pytest.mark.parametrize("mehd", [False, True], ids=["no mehd", "mehd"])
def test_fragments_that_start_late_last_from_their_first_start(tmp_path: Path, mehd: bool) -> None:
    """A recording cut from a live or DASH stream: every tfdt 3600 s into the stream. The unit's
    duration was 3610 s for a 10 s video (its completion out of reach); a cut is still seen."""
    late = fragmented(MP4, mehd=mehd, offset=3600.0)
    assert mp4_fragments_end(tmp_path, late.data) == pytest.approx(END)
    result = build(source_with(tmp_path, late.data), tmp_path / "repo", answers_dir=tmp_path / "k")
    video = result.course.unit("video")
    assert isinstance(video, VideoUnit)
    assert video.duration == LONGEST
    assert result.warnings == ()
    cut = late.data[: late.moofs[8]]
    end = mp4_fragments_end(tmp_path, cut)
    assert end == pytest.approx(late.starts[8], abs=0.05)
    if mehd:
        assert f"cut short: its fragments end at {end:g} s, before the 10.048 s" in refused(
            tmp_path / "cut", cut
        )
    else:
        assert built(tmp_path / "cut", cut, 10.048) == (shorter(tmp_path / "cut", end, 10.048),)
