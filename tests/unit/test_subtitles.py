"""WebVTT and SubRip parsing: every shared fixture, the spec's corner cases, round trips."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from player.course.cues import Cue, CueSettings, cue_at
from player.course.errors import SourceError
from player.course.srt import parse_srt
from player.course.subtitle_decoding import is_text_encoding
from player.course.subtitles import parse_subtitles, subtitle_format, utf8_subtitles
from player.course.webvtt import parse_webvtt
from tests.support import FIXTURES

VALID_VTT = sorted((FIXTURES / "vtt" / "valid").iterdir())
INVALID_VTT = sorted((FIXTURES / "vtt" / "invalid").iterdir())
SRT = sorted((FIXTURES / "srt").iterdir())

# Expected cue count and some exact cues (by index in start order) for every valid fixture.
# Counts are the ones SOURCES.md gives from each upstream project's own tests.
EXPECTED: dict[str, tuple[int, dict[int, Cue]]] = {
    "libwebvtt-multiline-basic-cue-text-crlf.vtt": (
        1,
        {0: Cue(11.0, 13.0, "We are in New York City\nThe Weather is nice")},
    ),
    "vttjs-many-comments.vtt": (
        2,
        {
            0: Cue(1.0, 4.0, "Never drink liquid nitrogen."),
            1: Cue(5.0, 9.0, "- It will perforate your stomach.\n- You could die."),
        },
    ),
    "vttjs-spec-example.vtt": (
        13,
        {
            0: Cue(11.0, 13.0, "We are in New York City", voice="Roger Bingham"),
            # The upstream bytes hold a doubly encoded em dash (C3 A2 C2 80 C2 94), kept as is.
            8: Cue(
                30.0,
                31.5,
                "When we e-mailed\u00e2\u0080\u0094",
                voice="Roger Bingham",
                settings=CueSettings(align="end", size=50.0),
            ),
            9: Cue(
                30.5,
                32.5,
                "Didn't we talk about enough in that conversation?",
                voice="Neil deGrasse Tyson",
                settings=CueSettings(align="start", size=50.0),
            ),
            11: Cue(
                32.5,
                33.5,
                "Laughs",
                voice="Neil deGrasse Tyson",
                settings=CueSettings(align="start", size=50.0),
            ),
            12: Cue(
                35.5,
                38.0,
                "You know I'm so excited my glasses are falling off here.",
                voice="Roger Bingham",
            ),
        },
    ),
    "webvtt-py-captions_with_bom.vtt": (
        4,
        {0: Cue(0.5, 7.0, "Caption text #1"), 3: Cue(16.32, 21.58, "Caption text #4")},
    ),
    "webvtt-py-sample.vtt": (
        16,
        {0: Cue(0.5, 7.0, "Caption text #1"), 15: Cue(61.35, 64.3, "Caption text #16")},
    ),
    "webvtt-py-styles.vtt": (1, {0: Cue(0.0, 10.0, "- Hello world.")}),
    "webvtt-py-using_identifiers.vtt": (
        6,
        {
            0: Cue(0.5, 7.0, "Caption text #1"),
            1: Cue(7.0, 11.89, "Caption text #2", identifier="second caption"),
            3: Cue(16.32, 21.58, "Caption text #4", identifier="4"),
            5: Cue(23.88, 27.28, "Caption text #6"),
        },
    ),
    "wpt-settings-multiple.vtt": (
        2,
        {
            0: Cue(
                0.0,
                1.0,
                "text0",
                identifier="id0",
                settings=CueSettings(
                    align="start",
                    line=1.0,
                    snap_to_lines=False,
                    vertical="lr",
                    size=50.0,
                    position=25.0,
                ),
            ),
            1: Cue(
                0.0,
                1.0,
                "text1",
                identifier="id1",
                settings=CueSettings(
                    align="center", line=1.0, vertical="rl", size=0.0, position=100.0
                ),
            ),
        },
    ),
    "pysrt-capability_tester.srt": (
        37,
        {
            0: Cue(0.0, 0.0, "Don't show this text it may be used to insert hidden data", "1"),
            1: Cue(
                1.5,
                4.5,
                "SubRip subtitles capability tester 1.3o by ale5000\n"
                "Use VLC 1.1 or higher as reference for most things and MPC Home Cinema for "
                "others\n"
                "This text should be blue\n"
                "This text should be red\n"
                "This text should be black\n"
                "If you see this with the normal font, the player don't (fully) support font "
                "face",
                "2",
            ),
            2: Cue(4.5, 4.5, "Hidden", "3"),
            4: Cue(
                7.501,
                11.5,
                "This should be an E with an accent: È\n"
                "日本語\n"
                "This text should be bold, italics and underline\n"
                "This text should be small and green\n"
                "This text should be small and red\n"
                "This text should be big and brown",
                "5",
            ),
            7: Cue(
                17.501,
                20.5,
                "and also\n"
                "<invalid_tag par=5>hide invalid html tags with parameters that are closed and "
                "show the text in them</invalid_tag>\n"
                "<invalid_tag_uc par=5>but show un-closed invalid html tags\n"
                "This text should be showed underlined without problems also: 2<3,5>1,4<6\n"
                "This shouldn't be underlined",
                "8",
            ),
            9: Cue(21.501, 22.5, "This text should NOT be in the normal position", "10"),
            10: Cue(
                22.501,
                24.5,
                "Implementation is the same of the ASS tag\n"
                "This text should be at the\n"
                "top and horizontally centered",
                "11",
            ),
            19: Cue(28.501, 31.5, "This could be the most difficult thing to implement", "20"),
            29: Cue(
                54.501,
                60.5,
                "\\ N is a forced line break\n"
                "\\ h is a hard space\n"
                "Normal spaces at the start and at the end of the line are trimmed while hard "
                "spaces are not trimmed.\n"
                "The\xa0line\xa0will\xa0never\xa0break\xa0automatically\xa0right\xa0before"
                "\xa0or\xa0after\xa0a\xa0hard\xa0space.\xa0:-D",
                "30",
            ),
            36: Cue(
                66.501,
                68.5,
                "Both line should be strikethrough but\nthe wrong closing tag should be showed",
                "37",
            ),
        },
    ),
    "webvtt-py-sample.srt": (
        5,
        {0: Cue(0.5, 7.0, "Caption text #1", "1"), 4: Cue(21.58, 23.88, "Caption text #5", "5")},
    ),
}

# Invalid WebVTT fixtures: the line strict mode names, and what lenient mode does.
INVALID: dict[str, tuple[int, int | None]] = {
    # file: (line of the SourceError in strict mode, cues kept in lenient mode or None: error)
    "vttjs-bad-double-webvtt.vtt": (1, None),  # 'WEBvtt' is not the signature
    "vttjs-garbage-signature.vtt": (1, None),
    "webvtt-py-invalid-no-signature.vtt": (1, None),
    "webvtt-py-invalid_timeframe.vtt": (6, 6),  # '00:00:1d.890': the spec parser drops the cue
}


def _parse_file(path: Path, *, strict: bool) -> tuple[Cue, ...]:
    return parse_subtitles(path.read_bytes(), path.name, strict=strict)


@pytest.mark.parametrize("path", VALID_VTT + SRT, ids=lambda p: p.name)
@pytest.mark.parametrize("strict", [False, True], ids=["lenient", "strict"])
def test_valid_fixture_gives_expected_cues(path: Path, strict: bool) -> None:
    assert path.name in EXPECTED, f"new fixture {path.name}: add its expected cues"
    count, some = EXPECTED[path.name]
    cues = _parse_file(path, strict=strict)
    assert len(cues) == count
    for index, cue in some.items():
        assert cues[index] == cue
    assert [c.start for c in cues] == sorted(c.start for c in cues)


@pytest.mark.parametrize("path", INVALID_VTT, ids=lambda p: p.name)
def test_invalid_fixture_is_refused_with_a_line_in_strict_mode(path: Path) -> None:
    assert path.name in INVALID, f"new fixture {path.name}: add its expected error"
    line, _ = INVALID[path.name]
    with pytest.raises(SourceError) as caught:
        _parse_file(path, strict=True)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{path.name}: line {line}: ")


@pytest.mark.parametrize("path", INVALID_VTT, ids=lambda p: p.name)
def test_invalid_fixture_in_lenient_mode_follows_the_spec_parser(path: Path) -> None:
    line, kept = INVALID[path.name]
    if kept is None:
        with pytest.raises(SourceError) as caught:
            _parse_file(path, strict=False)
        assert caught.value.line == line
    else:
        cues = _parse_file(path, strict=False)
        assert len(cues) == kept
        assert "Caption text #2" not in [cue.text for cue in cues]


def test_bad_timing_error_names_the_line_and_the_part() -> None:
    path = FIXTURES / "vtt" / "invalid" / "webvtt-py-invalid_timeframe.vtt"
    with pytest.raises(SourceError) as caught:
        _parse_file(path, strict=True)
    message = str(caught.value)
    assert "line 6" in message and "end time" in message and "00:00:1d.890" in message
    assert "\n" not in message


# --- WebVTT corner cases --------------------------------------------------------------------


def vtt(text: str, *, strict: bool = False) -> tuple[Cue, ...]:
    return parse_webvtt(text, "test.vtt", strict=strict)


def test_line_endings_crlf_cr_lf_and_missing_final_newline_are_equivalent() -> None:
    body = "WEBVTT\n\n00:01.000 --> 00:02.000\nline one\nline two\n\n00:03.000 --> 00:04.000\nx"
    expected = vtt(body)
    assert expected[0].text == "line one\nline two"
    assert vtt(body.replace("\n", "\r\n")) == expected
    assert vtt(body.replace("\n", "\r")) == expected
    assert vtt(body + "\n") == expected
    assert vtt("\ufeff" + body) == expected


def test_line_numbers_count_cr_and_crlf_as_one_line() -> None:
    body = "WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nx\r\n\r00:0x.000 --> 00:04.000\ry"
    with pytest.raises(SourceError) as caught:
        vtt(body, strict=True)
    assert caught.value.line == 6


def test_signature_rules() -> None:
    assert len(vtt("WEBVTT - a title\n\n00:01.000 --> 00:02.000\nx")) == 1
    assert len(vtt("WEBVTT\tx\n\n00:01.000 --> 00:02.000\nx")) == 1
    for bad in ("WEBVTTX\n\n00:01.000 --> 00:02.000\nx", "webvtt\n", "", "WEBVT"):
        with pytest.raises(SourceError) as caught:
            vtt(bad)
        assert caught.value.line == 1


def test_header_lines_and_a_cue_right_after_the_signature() -> None:
    assert vtt("WEBVTT\nKind: captions\nLanguage: fr\n\n00:01.000 --> 00:02.000\nx")[0].text == "x"
    assert vtt("WEBVTT\n00:01.000 --> 00:02.000\nx")[0] == Cue(1.0, 2.0, "x")


def test_a_file_without_cues_is_an_error() -> None:
    for text in ("WEBVTT", "WEBVTT\n", "WEBVTT\n\nNOTE nothing here\n"):
        with pytest.raises(SourceError, match="no cues"):
            vtt(text)


def test_note_style_and_region_blocks_are_not_cues() -> None:
    text = (
        "WEBVTT\n\n"
        "STYLE\n::cue { color: red }\n\n"
        "REGION\nid:fred width:40% lines:3\n\n"
        "NOTE a comment\nover two lines\n\n"
        "NOTE\n\n"
        "00:01.000 --> 00:02.000 region:fred\nx\n\n"
        "00:02.000 --> 00:03.000 region:unknown\ny\n\n"
        "00:03.000 --> 00:04.000 region:fred size:50%\nz\n"
    )
    cues = vtt(text, strict=True)
    assert [c.text for c in cues] == ["x", "y", "z"]
    assert [c.settings.region for c in cues] == ["fred", "", ""]


@pytest.mark.parametrize(
    "style",
    [
        "STYLE\n::cue {\n  color: red;\n\n}\n\n",  # a blank line inside the rule
        "STYLE\n::cue { color: red }\n/* a --> b */\n::cue(b) {}\n\n",  # an arrow in CSS
        "STYLE\n::cue { color: red }\n",  # no blank line before the cue
        "STYLE \r\n::cue { color: red }\r\n\r\n",  # trailing space, CRLF
    ],
)
def test_an_awkward_style_block_never_shows_and_never_loses_the_cues_after_it(
    style: str,
) -> None:
    """What the player shows: the cues after a STYLE block, none of its CSS as text."""
    text = (
        "WEBVTT\n\n" + style + "00:01.000 --> 00:02.000\nhello\n\n00:02.000 --> 00:03.000\nworld\n"
    )
    cues = vtt(text)
    assert [(c.start, c.text, c.identifier) for c in cues] == [
        (1.0, "hello", ""),
        (2.0, "world", ""),
    ]


def test_timestamps_minutes_only_hours_and_more_than_99_hours() -> None:
    cues = vtt(
        "WEBVTT\n\n"
        "01:02.003 --> 59:59.999\na\n\n"
        "01:00:00.000 --> 100:00:00.500\nb\n\n"
        "123:04:05.678 --> 123:04:06.000\nc\n"
    )
    assert [(c.start, c.end) for c in cues] == [
        (62.003, 3599.999),
        (3600.0, 360000.5),
        (443045.678, 443046.0),  # 123 h 4 min 5.678 s
    ]


@pytest.mark.parametrize(
    "timing",
    [
        "00:00:1d.890 --> 00:00:02.000",  # letter in seconds
        "00:01.000 -> 00:02.000",  # not an arrow: no "-->", so not even a timing line
        "00:01.000 --> 00:02.00",  # two-digit milliseconds
        "00:60.000 --> 01:02.000",  # 60 seconds
        "1:02.000 --> 1:03.000",  # one-digit first field is hours, then needs :SS
        "00:01,000 --> 00:02,000",  # SubRip comma
        "00:01.000 --> ",
    ],
)
def test_malformed_timing_drops_the_cue_leniently_and_is_an_error_strictly(timing: str) -> None:
    text = f"WEBVTT\n\n00:00.000 --> 00:01.000\nkept\n\n{timing}\ndropped\n"
    assert [c.text for c in vtt(text)] == ["kept"]
    with pytest.raises(SourceError) as caught:
        vtt(text, strict=True)
    assert caught.value.line == 6


def test_arrow_in_cue_text_ends_the_cue_as_the_spec_says() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nfirst\nhe said --> go\nmore\n"
    assert vtt(text) == (Cue(1.0, 2.0, "first"),)
    with pytest.raises(SourceError, match="'-->' belongs only in a cue timing line") as caught:
        vtt(text, strict=True)
    assert caught.value.line == 5
    escaped = text.replace("said -->", "said --&gt;")  # the way to write it
    assert vtt(escaped, strict=True)[0].text == "first\nhe said --> go\nmore"


def test_cues_without_blank_line_between_them_both_count() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\na\n00:02.000 --> 00:03.000\nb\n"
    assert vtt(text) == (Cue(1.0, 2.0, "a"), Cue(2.0, 3.0, "b"))


def test_identifier_containing_an_arrow_is_not_an_identifier() -> None:
    text = "WEBVTT\n\nid --> x\n00:01.000 --> 00:02.000\nhello\n"
    assert vtt(text) == (Cue(1.0, 2.0, "hello"),)
    with pytest.raises(SourceError) as caught:
        vtt(text, strict=True)
    assert caught.value.line == 3


def test_strict_mode_reports_stray_blocks_and_late_styles() -> None:
    stray = "WEBVTT\n\n00:01.000 --> 00:02.000\na\n\njust some text\n"
    assert len(vtt(stray)) == 1
    with pytest.raises(SourceError, match="expected a cue timing line") as caught:
        vtt(stray, strict=True)
    assert caught.value.line == 6
    assert len(vtt("WEBVTT\n\nNOTE\tfine\n\n00:01.000 --> 00:02.000\na", strict=True)) == 1
    with pytest.raises(SourceError, match="not 'NOTES: typo'"):
        vtt("WEBVTT\n\nNOTES: typo\n\n00:01.000 --> 00:02.000\na", strict=True)
    late = "WEBVTT\n\n00:01.000 --> 00:02.000\na\n\nSTYLE\n::cue { color: red }\n"
    assert len(vtt(late)) == 1
    with pytest.raises(SourceError, match="before the first cue"):
        vtt(late, strict=True)


def test_end_before_start_is_kept_leniently_and_refused_strictly() -> None:
    text = "WEBVTT\n\n00:05.000 --> 00:04.000\nbackwards\n"
    assert vtt(text) == (Cue(5.0, 4.0, "backwards"),)
    with pytest.raises(SourceError, match="ends before it starts"):
        vtt(text, strict=True)


def test_empty_and_zero_length_cues_are_kept() -> None:
    cues = vtt("WEBVTT\n\n00:01.000 --> 00:02.000\n\n00:03.000 --> 00:03.000\nflash\n", strict=True)
    assert cues == (Cue(1.0, 2.0, ""), Cue(3.0, 3.0, "flash"))
    assert cue_at(cues, 3.0) == []


def test_cue_text_markup_is_stripped_and_entities_decoded() -> None:
    text = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\n"
        "<v.loud  Esme &amp; Ann >Hi <i>there</i> <b>you</b> <u>and</u> <c.red.big>me</c>\n"
        "<00:01.500>karaoke <font color=red>font</font> <lang fr>mot</lang>\n"
        "&amp; &lt;tag&gt; a&nbsp;b &lrm;&rlm; &copy; <ruby>漢<rt>kan</rt></ruby> < b\n"
    )
    cue = vtt(text)[0]
    assert cue.voice == "Esme & Ann"
    assert cue.text == (
        "Hi there you and me\nkaraoke font mot\n& <tag> a\u00a0b \u200e\u200f © 漢(kan) "
    )


def test_settings_are_parsed_and_invalid_ones_skipped() -> None:
    cue = vtt(
        "WEBVTT\n\n00:01.000 --> 00:02.000 line:-2,end position:30%,line-right "
        "size:80.5% align:left vertical:rl\nx"
    )[0]
    assert cue.settings == CueSettings(
        vertical="rl",
        line=-2.0,
        snap_to_lines=True,
        line_align="end",
        position=30.0,
        position_align="line-right",
        size=80.5,
        align="left",
    )
    junk = vtt(
        "WEBVTT\n\n00:01.000 --> 00:02.000 line:1.,end position:101% size:50 align:middle "
        "vertical:xx line:auto foo :x y: line:--1 position:10%,left\nx"
    )[0]
    assert junk.settings == CueSettings()


def test_nul_becomes_replacement_character() -> None:
    assert vtt("WEBVTT\n\n00:01.000 --> 00:02.000\na\0b")[0].text == "a\ufffdb"


SAMPLE_VTT = FIXTURES / "vtt" / "valid" / "webvtt-py-using_identifiers.vtt"  # 6 cues, 21 lines
VTT_FORM = "[HH:]MM:SS.mmm --> [HH:]MM:SS.mmm"


@pytest.mark.parametrize(
    ("mistake", "good", "bad", "line", "words", "kept"),
    [
        (
            "a '->' typo in the timing line of cue '4' (its identifier on line 13)",
            "00:00:16.320 --> 00:00:21.580",
            "00:00:16.320 -> 00:00:21.580",
            14,
            f"expected the timing line of cue '4' ({VTT_FORM}), not '00:00:16.320 -> 00:00:21.580'",
            5,
        ),
        (
            "a '->' typo after a word identifier",
            "00:00:07.000 --> 00:00:11.890",
            "00:00:07.000 -> 00:00:11.890",
            7,
            f"expected the timing line of cue 'second caption' ({VTT_FORM}), "
            "not '00:00:07.000 -> 00:00:11.890'",
            5,
        ),
        (
            "a '->' typo in a cue without identifier",
            "00:00:11.890 --> 00:00:16.320",
            "00:00:11.890 -> 00:00:16.320",
            10,
            f"malformed cue timing '00:00:11.890 -> 00:00:16.320' (expected {VTT_FORM})",
            5,
        ),
        (
            "no blank line before cue '4': '4' shown as cue 3's text",
            "Caption text #3\n\n4\n",
            "Caption text #3\n4\n",
            13,
            "timing line '00:00:16.320 --> 00:00:21.580' inside the previous cue's text: "
            "a blank line is missing before it",
            6,
        ),
        (
            "the timing line of cue '4' left out",
            "4\n00:00:16.320 --> 00:00:21.580\n",
            "4\n",
            14,
            f"expected the timing line of cue '4' ({VTT_FORM}), not 'Caption text #4'",
            5,
        ),
        (
            "an identifier and nothing else at the end",
            "Caption text #6",
            "Caption text #6\n\n7\n",
            23,
            f"cue '7' has no timing line ({VTT_FORM}) right after its identifier",
            6,
        ),
        (  # no identifier in sight: the stray paragraph's first line is the one named
            "a blank line inside cue 5's text",
            "Caption text #5\n",
            "Caption text #5\n\nmore text\nand more\n",
            20,
            f"expected a cue timing line ({VTT_FORM}), NOTE, STYLE or REGION, not 'more text'",
            6,
        ),
    ],
)
def test_a_malformed_webvtt_error_names_the_line_that_is_wrong(
    mistake: str, good: str, bad: str, line: int, words: str, kept: int
) -> None:
    """A '->' typo in the timing line after an identifier was reported on the identifier's
    line, 'not '4'' (which is right), and a cue without the blank line before it showed its
    identifier as the previous cue's text, silently. The player's reading is unchanged."""
    data = SAMPLE_VTT.read_bytes()
    assert good.encode() in data
    broken = data.replace(good.encode(), bad.encode(), 1)
    with pytest.raises(SourceError) as caught:
        parse_subtitles(broken, "fr.vtt", strict=True)  # as cartable-pack build reads it
    assert (caught.value.line, caught.value.reason) == (line, words), mistake
    assert str(caught.value) == f"fr.vtt: line {line}: {words}"
    assert len(parse_subtitles(broken, "fr.vtt")) == kept  # the spec's parser, as before


# --- SubRip ---------------------------------------------------------------------------------


def srt(text: str, *, strict: bool = False) -> tuple[Cue, ...]:
    return parse_srt(text, "test.srt", strict=strict)


def test_srt_numbering_gaps_dot_milliseconds_and_coordinates() -> None:
    cues = srt(
        "7\n00:00:01,000 --> 00:00:02,500\nfirst\n\n"
        "12\n00:00:03.000 --> 00:00:04.000  X1:100 X2:200 Y1:10 Y2:20\nsecond\n\n"
        "3\n100:00:00,000 --> 100:00:01,000\nlate"
    )
    assert cues == (
        Cue(1.0, 2.5, "first", "7"),
        Cue(3.0, 4.0, "second", "12"),
        Cue(360000.0, 360001.0, "late", "3"),
    )


def test_srt_line_endings_and_bom() -> None:
    body = "1\n00:00:01,000 --> 00:00:02,000\na\nb\n\n2\n00:00:03,000 --> 00:00:04,000\nc\n"
    expected = srt(body)
    assert expected[0].text == "a\nb"
    assert srt(body.replace("\n", "\r\n")) == expected
    assert srt(body.replace("\n", "\r")) == expected
    assert srt("\ufeff" + body.rstrip("\n")) == expected


def test_srt_empty_and_zero_length_cues() -> None:
    cues = srt("1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:03,000\nhidden\n")
    assert cues == (Cue(1.0, 2.0, "", "1"), Cue(3.0, 3.0, "hidden", "2"))


def test_srt_malformed_timing_line_is_an_error_naming_the_line() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:07,000 --> 00:00:1d,890\nb\n"
    for strict in (False, True):
        with pytest.raises(SourceError, match="malformed timing line") as caught:
            srt(text, strict=strict)
        assert caught.value.line == 6
    with pytest.raises(SourceError, match="at most 59") as caught:
        srt("1\n00:00:61,000 --> 00:01:02,000\nx\n")
    assert caught.value.line == 2


SAMPLE_SRT = FIXTURES / "srt" / "webvtt-py-sample.srt"  # cue 2: its number on line 5


@pytest.mark.parametrize(
    ("mistake", "good", "bad", "line", "words"),
    [
        (
            "a '->' typo in cue 2's timing line",
            "00:00:07,000 --> 00:00:11,890",
            "00:00:07,000 -> 00:00:11,890",
            6,
            "expected the timing line of cue 2 (HH:MM:SS,mmm --> HH:MM:SS,mmm), "
            "not '00:00:07,000 -> 00:00:11,890'",
        ),
        (
            "no blank line (nor number) before cue 2",
            "Caption text #1\n\n2\n",
            "Caption text #1\n",
            4,
            "timing line '00:00:07,000 --> 00:00:11,890' inside the previous cue's text: "
            "a blank line is missing before it",
        ),
        ("a bad cue number", "\n\n2\n", "\n\n2a\n", 5, "expected a cue number, not '2a'"),
        (
            "cue 2's timing line left out",
            "\n\n2\n00:00:07,000 --> 00:00:11,890\n",
            "\n\n2\n",
            6,
            "expected the timing line of cue 2 (HH:MM:SS,mmm --> HH:MM:SS,mmm), "
            "not 'Caption text #2'",
        ),
        (
            "a cue number and nothing else at the end",
            "Caption text #5",
            "Caption text #5\n\n6\n",
            21,
            "cue 6 has no timing line (HH:MM:SS,mmm --> HH:MM:SS,mmm) after its number",
        ),
    ],
)
def test_a_malformed_srt_error_names_the_line_that_is_wrong(
    mistake: str, good: str, bad: str, line: int, words: str
) -> None:
    """A '->' typo on line 6 was reported on line 5, 'not '2'' (the cue number, which is
    right), and a timing line without the blank line before it was kept as text, silently."""
    data = SAMPLE_SRT.read_bytes()
    assert good.encode() in data
    broken = data.replace(good.encode(), bad.encode(), 1)
    with pytest.raises(SourceError) as caught:
        parse_subtitles(broken, "fr.srt", strict=True)  # as cartable-pack build reads it
    assert (caught.value.line, caught.value.reason) == (line, words), mistake
    assert str(caught.value) == f"fr.srt: line {line}: {words}"


def test_srt_garbage_and_empty_files_are_errors() -> None:
    with pytest.raises(SourceError) as caught:
        srt("hello\nworld\n")
    assert caught.value.line == 1
    with pytest.raises(SourceError, match="no cues"):
        srt("\n\n")


def test_srt_paragraph_inside_a_cue_joins_it_leniently_and_is_an_error_strictly() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nfirst\n\nsecond paragraph\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nc\n"
    )
    assert srt(text)[0] == Cue(1.0, 2.0, "first\nsecond paragraph", "1")
    with pytest.raises(SourceError) as caught:
        srt(text, strict=True)
    assert caught.value.line == 5


def test_srt_missing_blank_line_between_cues() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\na\n2\n00:00:03,000 --> 00:00:04,000\nb\n"
    assert srt(text, strict=True) == (Cue(1.0, 2.0, "a", "1"), Cue(3.0, 4.0, "b", "2"))


def test_srt_markup() -> None:
    cue = srt(
        "1\n00:00:01,000 --> 00:00:02,000\n"
        '{\\an8}<i>Ital</i> <B>bold</B> <font color="red" size=3>red</font> 2<3 &amp; &#233;\n'
        "  trimmed  \\Nforced\\hhard\n"
    )[0]
    assert cue.text == "Ital bold red 2<3 & é\ntrimmed\nforced\u00a0hard"


def test_srt_strict_refuses_end_before_start() -> None:
    text = "1\n00:00:05,000 --> 00:00:04,000\nx\n"
    assert srt(text)[0].end == 4.0
    with pytest.raises(SourceError, match="ends before it starts"):
        srt(text, strict=True)


# --- detection and decoding -----------------------------------------------------------------


def test_format_detection_by_media_type_extension_then_signature() -> None:
    assert subtitle_format("a.VTT") == "webvtt"
    assert subtitle_format("a.srt") == "srt"
    assert subtitle_format("blob", "text/vtt") == "webvtt"
    assert subtitle_format("blob", "application/x-subrip") == "srt"
    assert subtitle_format("x.srt", "text/vtt; charset=utf-8") == "webvtt"
    assert subtitle_format("0123abcd", text="\ufeffWEBVTT\n") == "webvtt"
    assert subtitle_format("0123abcd", text="1\n00:00:01,000 --> 00:00:02,000\n") == "srt"
    vtt_bytes = b"WEBVTT\n\n00:01.000 --> 00:02.000\nx"
    assert parse_subtitles(vtt_bytes, "0123abcd") == (Cue(1.0, 2.0, "x"),)
    assert parse_subtitles(b"1\n00:00:01,000 --> 00:00:02,000\nx", "blob") == (
        Cue(1.0, 2.0, "x", "1"),
    )
    with pytest.raises(SourceError):  # declared SubRip, but it is WebVTT
        parse_subtitles(vtt_bytes, "blob", media_type="application/x-subrip")


def test_invalid_utf8_is_an_error_strictly_and_replaced_leniently() -> None:
    data = b"WEBVTT\n\n00:01.000 --> 00:02.000\ncaf\xe9\n"
    with pytest.raises(SourceError, match="not UTF-8") as caught:
        parse_subtitles(data, "x.vtt", strict=True)
    assert caught.value.line == 4
    assert str(caught.value) == (
        "x.vtt: line 4: not UTF-8 text (byte 0xe9): save it as UTF-8, or name its encoding in "
        'course.toml, e.g. encoding = "windows-1252" on its subtitles entry'
    )
    assert parse_subtitles(data, "x.vtt")[0].text == "caf\ufffd"


# Windows tools (Subtitle Edit, Aegisub, Notepad) save UTF-16 with a byte-order mark, UTF-8
# with one, or Windows-1252; SubRip files mostly, WebVTT ones too.
BOMS = {
    "utf-8 bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "utf-16-le bom": lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
    "utf-16-be bom": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf-32 bom": lambda text: text.encode("utf-32"),
}


@pytest.mark.parametrize("encode", BOMS.values(), ids=BOMS.keys())
@pytest.mark.parametrize(
    "fixture",
    [
        FIXTURES / "srt" / "pysrt-capability_tester.srt",
        FIXTURES / "vtt" / "valid" / "vttjs-spec-example.vtt",
    ],
    ids=lambda path: path.name,
)
@pytest.mark.parametrize("strict", [True, False], ids=["build", "player"])
def test_a_byte_order_mark_decides_the_encoding(encode, fixture: Path, strict: bool) -> None:  # type: ignore[no-untyped-def]
    text = fixture.read_bytes().decode("utf-8-sig")
    assert not text.isascii()
    expected = parse_subtitles(text.encode("utf-8"), fixture.name, strict=strict)
    assert parse_subtitles(encode(text), fixture.name, strict=strict) == expected
    # ...over a declared encoding: the file was re-saved by a tool that marks what it writes
    assert parse_subtitles(encode(text), fixture.name, encoding="windows-1252") == expected


SRT_FR = "1\r\n00:00:01,000 --> 00:00:02,500\r\nÇa, c'est l'été à Saint-Étienne.\r\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_named_strictly_and_read_leniently(codec: str) -> None:
    data = SRT_FR.encode(codec)  # NUL bytes every other byte
    with pytest.raises(SourceError) as caught:
        parse_subtitles(data, "fr.srt", strict=True)
    assert str(caught.value) == (
        "fr.srt: UTF-16 text without a byte-order mark: save it as UTF-8, or add "
        f'encoding = "{codec}" to its subtitles entry in course.toml'
    )
    [cue] = parse_subtitles(data, "fr.srt")
    assert cue.text == "Ça, c'est l'été à Saint-Étienne."
    assert parse_subtitles(data, "fr.srt", strict=True, encoding=codec) == (cue,)


def test_a_declared_encoding_decodes_and_must_be_the_files() -> None:
    expected = parse_subtitles(SRT_FR.encode("utf-8"), "fr.srt", strict=True)
    cp1252 = SRT_FR.encode("cp1252")
    for name in ("windows-1252", "cp1252", "latin-1", "ISO-8859-15"):
        assert parse_subtitles(cp1252, "fr.srt", strict=True, encoding=name) == expected
    with pytest.raises(SourceError) as caught:  # 0x81 is no Windows-1252 character
        parse_subtitles(
            cp1252 + b"\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\n\x81\r\n",
            "fr.srt",
            strict=True,
            encoding="windows-1252",
        )
    assert str(caught.value) == "fr.srt: line 7: not windows-1252 text (byte 0x81)"
    # Re-saved as UTF-8 with the option left: it would be mojibake ("Ã‡a, c'est l'Ã©tÃ©").
    with pytest.raises(SourceError) as caught:
        parse_subtitles(SRT_FR.encode("utf-8"), "fr.srt", strict=True, encoding="windows-1252")
    assert str(caught.value) == (
        'fr.srt: line 3: UTF-8 text, but course.toml says encoding = "windows-1252": remove '
        "that option (the file was saved as UTF-8)"
    )
    ascii_only = b"1\n00:00:01,000 --> 00:00:02,000\nok\n"  # the same in either: fine
    assert parse_subtitles(ascii_only, "a.srt", strict=True, encoding="windows-1252")


def test_a_broken_utf16_file_names_its_line() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nété\n\n00:03.000 --> 00:04.000\n"
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"\x00\xd8x\x00\n\x00"  # lone surrogate
    with pytest.raises(SourceError) as caught:
        parse_subtitles(data, "x.vtt", strict=True)
    assert str(caught.value) == "x.vtt: line 7: not UTF-16 text (illegal UTF-16 surrogate)"
    assert parse_subtitles(data, "x.vtt")[1].text == "\ufffdx"


def test_a_package_holds_utf8_and_utf8_files_keep_their_bytes() -> None:
    for data in (SRT_FR.encode("utf-8"), codecs.BOM_UTF8 + SRT_FR.encode("utf-8")):
        assert utf8_subtitles(data, "fr.srt") is data  # a course built before keeps its blobs
    for data, encoding in (
        (BOMS["utf-16-le bom"](SRT_FR), ""),
        (BOMS["utf-16-be bom"](SRT_FR), "windows-1252"),
        (SRT_FR.encode("cp1252"), "windows-1252"),
        (SRT_FR.encode("utf-16-le"), "utf-16-le"),
    ):
        assert utf8_subtitles(data, "fr.srt", encoding=encoding) == SRT_FR.encode("utf-8")
    assert is_text_encoding("windows-1252") and is_text_encoding("utf-16-le")
    assert not any(map(is_text_encoding, ("base64", "rot13", "klingon", "")))


# --- cue_at ---------------------------------------------------------------------------------


def test_cue_at_boundaries_and_overlaps() -> None:
    cues = (
        Cue(0.0, 10.0, "long"),
        Cue(1.0, 2.0, "a"),
        Cue(2.0, 3.0, "b"),
        Cue(2.0, 2.0, "zero"),
        Cue(5.0, 6.0, "c"),
    )
    assert [c.text for c in cue_at(cues, 0.0)] == ["long"]
    assert [c.text for c in cue_at(cues, 1.0)] == ["long", "a"]
    assert [c.text for c in cue_at(cues, 2.0)] == ["long", "b"]  # end is exclusive
    assert [c.text for c in cue_at(cues, 4.0)] == ["long"]
    assert cue_at(cues, 10.0) == []
    assert cue_at(cues, -1.0) == []
    assert cue_at(list(cues), 5.5) == [cues[0], cues[4]]
    assert cue_at((), 1.0) == []


def test_cue_at_refuses_unsorted_cues() -> None:
    with pytest.raises(ValueError, match="sorted"):
        cue_at((Cue(2.0, 3.0, "b"), Cue(1.0, 2.0, "a")), 1.5)


def test_cue_at_on_a_real_file() -> None:
    cues = _parse_file(FIXTURES / "vtt" / "valid" / "vttjs-spec-example.vtt", strict=True)
    assert [c.voice for c in cue_at(cues, 32.6)] == [
        "Roger Bingham",
        "Neil deGrasse Tyson",
    ]


cue_lists = st.lists(st.tuples(st.integers(0, 5_000), st.integers(0, 400)), max_size=2_000).map(
    lambda pairs: tuple(
        sorted(
            (
                Cue(start / 100, (start + length) / 100, str(i))
                for i, (start, length) in enumerate(pairs)
            ),
            key=lambda cue: cue.start,
        )
    )
)


@given(cues=cue_lists, times=st.lists(st.integers(-10, 5_500), min_size=1, max_size=30))
@settings(max_examples=60, deadline=None)
def test_cue_at_matches_a_full_scan(cues: tuple[Cue, ...], times: list[int]) -> None:
    for hundredths in times:
        seconds = hundredths / 100
        expected = [cue for cue in cues if cue.start <= seconds < cue.end]
        assert cue_at(cues, seconds) == expected


# --- round trips ----------------------------------------------------------------------------

text_line = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=30)
voice_name = st.from_regex(r"[A-Za-zÀ-ÿ]{1,8}( [A-Za-zÀ-ÿ]{1,8}){0,2}", fullmatch=True)
millis = st.integers(0, 150 * 3600 * 1000)  # past 99 hours
percent = st.integers(0, 200).map(lambda half: half / 2)


@st.composite
def cue_settings(draw: st.DrawFn) -> CueSettings:
    line: float | None = None
    snap = True
    line_align = "start"
    kind = draw(st.sampled_from(["auto", "number", "percent"]))
    if kind == "number":
        line = float(draw(st.integers(-20, 20)))
    elif kind == "percent":
        line, snap = draw(percent), False
    if line is not None:
        line_align = draw(st.sampled_from(["start", "center", "end"]))
    position = draw(st.none() | percent)
    position_align = "auto"
    if position is not None:
        position_align = draw(st.sampled_from(["auto", "line-left", "center", "line-right"]))
    return CueSettings(
        vertical=draw(st.sampled_from(["", "rl", "lr"])),
        line=line,
        snap_to_lines=snap,
        line_align=line_align,  # type: ignore[arg-type]
        position=position,
        position_align=position_align,  # type: ignore[arg-type]
        size=draw(percent),
        align=draw(st.sampled_from(["start", "center", "end", "left", "right"])),
    )


@st.composite
def vtt_cues(draw: st.DrawFn) -> Cue:
    start = draw(millis)
    end = start + draw(st.integers(0, 3_600_000))
    lines = draw(st.lists(text_line, max_size=3))
    identifier = draw(st.just("") | text_line.filter(lambda s: "-->" not in s))
    return Cue(
        start / 1000,
        end / 1000,
        "\n".join(lines),
        identifier,
        draw(st.just("") | voice_name),
        draw(cue_settings()),
    )


def _timestamp(seconds: float, separator: str, *, short: bool = False) -> str:
    total = round(seconds * 1000)
    hours, rest = divmod(total, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    if short and hours == 0:
        return f"{minutes:02d}:{secs:02d}{separator}{ms:03d}"
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{ms:03d}"


def _number(value: float) -> str:
    return f"{value:g}"


def _settings_text(s: CueSettings) -> str:
    parts = []
    if s.vertical:
        parts.append(f"vertical:{s.vertical}")
    if s.line is not None:
        line = _number(s.line) + ("" if s.snap_to_lines else "%")
        parts.append(f"line:{line},{s.line_align}")
    if s.position is not None:
        align = "" if s.position_align == "auto" else f",{s.position_align}"
        parts.append(f"position:{_number(s.position)}%{align}")
    parts.append(f"size:{_number(s.size)}%")
    parts.append(f"align:{s.align}")
    return " ".join(parts)


def _vtt_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def to_webvtt(cues: list[Cue], short: bool) -> str:
    blocks = ["WEBVTT"]
    for cue in cues:
        timing = (
            f"{_timestamp(cue.start, '.', short=short)} --> "
            f"{_timestamp(cue.end, '.', short=short)} {_settings_text(cue.settings)}"
        )
        body = _vtt_escape(cue.text)
        if cue.voice:
            body = f"<v {cue.voice}>{body}"
        head = [cue.identifier] if cue.identifier else []
        blocks.append("\n".join([*head, timing, *([body] if body else [])]))
    return "\n\n".join(blocks) + "\n"


@given(cues=st.lists(vtt_cues(), min_size=1, max_size=20), short=st.booleans(), crlf=st.booleans())
@settings(max_examples=200, deadline=None)
def test_webvtt_round_trip(cues: list[Cue], short: bool, crlf: bool) -> None:
    text = to_webvtt(cues, short)
    if crlf:
        text = text.replace("\n", "\r\n")
    expected = tuple(sorted(cues, key=lambda cue: (cue.start, -cue.end)))
    assert parse_webvtt(text, "random.vtt", strict=True) == expected


srt_line = text_line.map(lambda s: s.strip(" \t")).filter(bool)


@st.composite
def srt_cues(draw: st.DrawFn) -> Cue:
    start = draw(millis)
    end = start + draw(st.integers(0, 3_600_000))
    lines = draw(st.lists(srt_line, max_size=3))
    return Cue(start / 1000, end / 1000, "\n".join(lines))


def _srt_escape(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("{", "&#123;").replace("\\", "&#92;")


def to_srt(cues: list[Cue], numbers: list[int]) -> str:
    blocks = []
    for number, cue in zip(numbers, cues, strict=True):
        timing = f"{_timestamp(cue.start, ',')} --> {_timestamp(cue.end, ',')}"
        body = _srt_escape(cue.text)
        blocks.append("\n".join([str(number), timing, *([body] if body else [])]))
    return "\n\n".join(blocks)


@given(cues=st.lists(srt_cues(), min_size=1, max_size=20), data=st.data())
@settings(max_examples=200, deadline=None)
def test_srt_round_trip(cues: list[Cue], data: st.DataObject) -> None:
    numbers = data.draw(st.lists(st.integers(1, 10_000), min_size=len(cues), max_size=len(cues)))
    text = to_srt(cues, numbers)
    numbered = [
        Cue(cue.start, cue.end, cue.text, str(number))
        for number, cue in zip(numbers, cues, strict=True)
    ]
    expected = tuple(sorted(numbered, key=lambda cue: (cue.start, -cue.end)))
    assert parse_srt(text, "random.srt", strict=True) == expected
