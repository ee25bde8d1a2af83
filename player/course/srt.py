"""The SubRip parser: what common players accept, as timed cues of plain display text.

SubRip has no formal spec; we accept `,` or `.` before milliseconds, numbering gaps, coordinates
after the timing and a BOM, and strip its usual markup (HTML-like tags, ASS override blocks).
"""

from __future__ import annotations

import re

from player.course.cues import MAX_HOUR_DIGITS, Cue, in_track_order
from player.course.errors import SourceError, quoted
from player.course.subtitle_decoding import split_lines

_SRT_HOURS = r"(\d{1," + str(MAX_HOUR_DIGITS) + "})"
_SRT_TIME = rf"(?:{_SRT_HOURS}:)?(\d{{1,2}}):(\d{{1,2}})[,.](\d{{1,3}})"
_SRT_TIMING = re.compile(rf"[ \t]*{_SRT_TIME}[ \t]*-->[ \t]*{_SRT_TIME}(?:[ \t].*)?")
_SRT_NUMBER = re.compile(r"[ \t]*\d+[ \t]*")
_SRT_FORM = "HH:MM:SS,mmm --> HH:MM:SS,mmm"
_SRT_TAG = re.compile(
    r"<[ \t]*/?[ \t]*(?:b|i|u|s|font|c|v|lang|ruby|rt)(?:[ \t.][^<>]*)?>", re.IGNORECASE
)
_SRT_OVERRIDE = re.compile(r"\{\\[^{}]*\}")  # ASS override blocks such as {\an8}
_SRT_ENTITY = re.compile(
    r"&(?:(amp|lt|gt|nbsp|lrm|rlm|quot|apos)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));"
)
_SRT_NAMED = {
    "amp": "&", "lt": "<", "gt": ">", "nbsp": "\u00a0", "lrm": "\u200e", "rlm": "\u200f",
    "quot": '"', "apos": "'",
}  # fmt: skip


def parse_srt(text: str, file: str, *, strict: bool = False) -> tuple[Cue, ...]:
    """Parse SubRip text. Cues come sorted by start, then longest first; the cue number is
    kept as `identifier` (gaps and repeats are fine).

    A blank line ends a cue's text. Text after a blank line that does not start a cue (a number
    then a timing line, or a timing line) is an error in strict mode and continues the previous
    cue otherwise. A line with "-->" where a cue starts must be a valid timing line. Strictly, a
    timing line in a cue's text is an error too (a blank line missing: its cue would be lost). An
    error names the line that is wrong: after a cue number, the timing line, not the number."""
    lines = split_lines(text)
    count = len(lines)
    cues: list[Cue] = []
    continued: dict[int, list[str]] = {}  # cue index -> paragraphs joining it (lenient mode)
    at = 0
    while at < count:
        if lines[at].strip(" \t") == "":
            at += 1
            continue
        start = _srt_cue_start(lines, at)
        if start is None:
            if strict or not cues:
                raise _srt_not_a_cue(lines, at, file)
            at = _srt_continue(continued.setdefault(len(cues) - 1, []), lines, at)
            continue
        identifier, timing_at = start
        begin, end = _srt_timing(lines[timing_at], file, timing_at + 1)
        if strict and end < begin:
            raise SourceError(
                file, f"cue ends before it starts in {quoted(lines[timing_at])}", line=timing_at + 1
            )
        at = timing_at + 1
        text_lines: list[str] = []
        while at < count and lines[at].strip(" \t") != "":
            number_then_timing = at + 1 < count and _SRT_TIMING.fullmatch(lines[at + 1])
            if number_then_timing and _SRT_NUMBER.fullmatch(lines[at]):
                break  # the next cue, without the blank line before it
            if strict and _SRT_TIMING.fullmatch(lines[at]):  # else the cue after it is lost
                raise SourceError(
                    file,
                    f"timing line {quoted(lines[at])} inside the previous cue's text: "
                    "a blank line is missing before it",
                    line=at + 1,
                )
            text_lines.append(lines[at])
            at += 1
        cues.append(Cue(begin, end, _srt_display_text(text_lines), identifier))
    if not cues:
        raise SourceError(file, "no cues")
    for index, paragraphs in continued.items():  # joined once: a join per paragraph is O(n²)
        cue = cues[index]
        joined = "\n".join(part for part in (cue.text, *paragraphs) if part)
        cues[index] = Cue(cue.start, cue.end, joined, cue.identifier)
    return in_track_order(cues)


def _srt_cue_start(lines: list[str], at: int) -> tuple[str, int] | None:
    """(cue number, index of the timing line) if a cue starts at `at`."""
    if _SRT_NUMBER.fullmatch(lines[at]) and at + 1 < len(lines) and "-->" in lines[at + 1]:
        return lines[at].strip(), at + 1
    if "-->" in lines[at]:
        return "", at
    return None


def _srt_not_a_cue(lines: list[str], at: int, file: str) -> SourceError:
    """The error for a line where a cue should start, on the line that is wrong: after a cue
    number, the one meant as its timing line (a '->' typo), not the number."""
    line = lines[at]
    following = lines[at + 1] if at + 1 < len(lines) else ""
    if _SRT_NUMBER.fullmatch(line):
        if following.strip(" \t"):
            return SourceError(
                file,
                f"expected the timing line of cue {line.strip()} ({_SRT_FORM}), "
                f"not {quoted(following)}",
                line=at + 2,
            )
        return SourceError(
            file,
            f"cue {line.strip()} has no timing line ({_SRT_FORM}) after its number",
            line=at + 1,
        )
    if "-->" in following:
        return SourceError(file, f"expected a cue number, not {quoted(line)}", line=at + 1)
    return SourceError(
        file,
        f"expected a cue number or a timing line ({_SRT_FORM}), not {quoted(line)}",
        line=at + 1,
    )


def _srt_continue(paragraphs: list[str], lines: list[str], at: int) -> int:
    """Lenient: a paragraph after a blank line inside a cue joins the previous cue; its display
    text is added to `paragraphs` (parse_srt joins them once, at the end)."""
    extra: list[str] = []
    while at < len(lines) and lines[at].strip(" \t") != "":
        extra.append(lines[at])
        at += 1
    paragraphs.append(_srt_display_text(extra))
    return at


def _srt_timing(line: str, file: str, line_number: int) -> tuple[float, float]:
    match = _SRT_TIMING.fullmatch(line)
    if match is None:
        raise SourceError(
            file,
            f"malformed timing line {quoted(line)} (expected {_SRT_FORM})",
            line=line_number,
        )
    groups = match.groups()
    times = []
    for h, m, s, fraction in (groups[:4], groups[4:]):
        if int(m) > 59 or int(s) > 59:
            raise SourceError(
                file,
                f"minutes and seconds must be at most 59 in {quoted(line)}",
                line=line_number,
            )
        millis = ((int(h or 0) * 60 + int(m)) * 60 + int(s)) * 1000 + int(fraction.ljust(3, "0"))
        times.append(millis / 1000)
    return times[0], times[1]


def _srt_display_text(lines: list[str]) -> str:
    """Markup (HTML-like tags, ASS override blocks) removed, \\N and \\h applied, entities
    decoded, spaces around each line trimmed; unknown tags stay as written (2<3 is text)."""
    text = "\n".join(lines)
    text = _SRT_OVERRIDE.sub("", _SRT_TAG.sub("", text))
    text = text.replace("\\N", "\n").replace("\\h", "\u00a0")
    text = _SRT_ENTITY.sub(_srt_entity, text)
    shown = [line.strip(" \t") for line in text.split("\n")]
    while shown and not shown[0]:
        shown.pop(0)
    while shown and not shown[-1]:
        shown.pop()
    return "\n".join(shown)


def _srt_entity(match: re.Match[str]) -> str:
    named, decimal, hexadecimal = match.groups()
    if named:
        return _SRT_NAMED[named]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(code)
