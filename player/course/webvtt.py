"""The W3C WebVTT parser: signature, then blocks (cues, NOTE, STYLE, REGION).

A file gives the cues a browser would show. Strict mode (the build) also reports what the spec's
parser silently drops or misplaces: a bad timing, `-->` in cue text, a cue without the blank line
before it (the lines above would show in the previous cue), a stray block, a late STYLE or REGION.
An error names the line that is wrong: after a cue identifier, the timing line meant to follow it.
Timing lines and settings are parsed in webvtt_timing, cue text in webvtt_cue_text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from player.course.cues import Cue, in_track_order
from player.course.errors import SourceError, quoted
from player.course.subtitle_decoding import split_lines
from player.course.webvtt_cue_text import render_cue_text
from player.course.webvtt_timing import (
    ASCII_WHITESPACE,
    ASCII_WHITESPACE_RUN,
    TIMING_HINT,
    parse_timing_and_settings,
)

# What a mistyped timing line still looks like ('->', '=>', an em dash, no arrow): a time first.
_LOOKS_TIMED = re.compile(r"[ \t]*\d+:\d")
_NUMBER = re.compile(r"[ \t]*\d+[ \t]*")


@dataclass
class _Block:
    """What the spec's "collect a WebVTT block" found, with what strict mode reports."""

    first_line: int  # 1-based
    kind: Literal["cue", "style", "region", "bad-timing", "other"] = "other"
    cue: Cue | None = None
    timing_line: int = 0
    timing_error: str = ""
    handed_on: bool = False  # stopped on a "-->" line, which starts the next block


def parse_webvtt(text: str, file: str, *, strict: bool = False) -> tuple[Cue, ...]:
    """Parse WebVTT text (the W3C parser). Cues come sorted by start, then longest first."""
    lines = split_lines(text)
    signature = lines[0] if lines else ""
    if not (signature == "WEBVTT" or signature.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise SourceError(
            file,
            f"not a WebVTT file: the first line must be 'WEBVTT', not {quoted(signature)}",
            line=1,
        )
    parser = _WebVttParser(lines, file, strict)
    cues = parser.run()
    if not cues:
        raise SourceError(file, "no cues")
    return in_track_order(cues)


class _WebVttParser:
    def __init__(self, lines: list[str], file: str, strict: bool) -> None:
        self.lines = lines
        self.file = file
        self.strict = strict
        self.seen_cue = False
        self.regions: set[str] = set()

    def run(self) -> list[Cue]:
        lines, count = self.lines, len(self.lines)
        at = 1
        if at >= count:
            return []
        if lines[at] != "":
            _, at = self._collect_block(at, in_header=True)
        else:
            at += 1
        cues: list[Cue] = []
        interrupted = False  # the block before this one stopped on its "-->" line
        after_cue = False  # ... and was a cue: this one is in that cue's text, to the eye
        while at < count:
            if lines[at] == "":
                at += 1
                interrupted = after_cue = False
                continue
            block, next_at = self._collect_block(at, in_header=False)
            if block.kind == "cue" and block.cue is not None:
                if self.strict:
                    self._check_cue(block.cue, block.timing_line, after_cue=after_cue)
                cues.append(block.cue)
            elif self.strict:
                self._reject(block, interrupted)
            interrupted = block.handed_on
            after_cue = block.handed_on and block.kind == "cue"
            at = next_at
        return cues

    def _collect_block(self, at: int, *, in_header: bool) -> tuple[_Block, int]:
        lines, count = self.lines, len(self.lines)
        block = _Block(first_line=at + 1)
        buffer: list[str] = []
        line_count = 0
        previous = at
        seen_arrow = False
        while True:
            line = lines[at]
            at += 1
            line_count += 1
            seen_eof = at >= count
            if "-->" in line:
                if not in_header and (line_count == 1 or (line_count == 2 and not seen_arrow)):
                    seen_arrow = True
                    previous = at
                    block.timing_line = at
                    parsed = parse_timing_and_settings(line, self.regions)
                    if isinstance(parsed, str):
                        block.kind, block.cue, block.timing_error = "bad-timing", None, parsed
                    else:
                        start, end, settings = parsed
                        block.kind = "cue"
                        block.cue = Cue(start, end, "", "\n".join(buffer), "", settings)
                        buffer = []
                        self.seen_cue = True
                else:
                    at = previous
                    block.handed_on = True
                    break
            elif line == "":
                break
            else:
                if not in_header and line_count == 2 and not self.seen_cue:
                    keyword = buffer[0] if buffer else ""
                    if _is_keyword(keyword, "STYLE"):
                        block.kind, buffer = "style", []
                    elif _is_keyword(keyword, "REGION"):
                        block.kind, buffer = "region", []
                buffer.append(line)
                previous = at
            if seen_eof:
                break
        if block.kind == "cue" and block.cue is not None:
            text, voice = render_cue_text("\n".join(buffer))
            cue = block.cue
            block.cue = Cue(cue.start, cue.end, text, cue.identifier, voice, cue.settings)
        elif block.kind == "region":
            self.regions.update(_region_ids(buffer))
        return block, at

    def _check_cue(self, cue: Cue, timing_line: int, *, after_cue: bool) -> None:
        """Strict: what the spec's parser takes as a cue but the author did not mean."""
        line = self.lines[timing_line - 1]
        if after_cue:  # the previous cue would show the lines above it (an identifier, say)
            raise SourceError(
                self.file,
                f"timing line {quoted(line)} inside the previous cue's text: "
                "a blank line is missing before it",
                line=timing_line,
            )
        if cue.end < cue.start:
            raise SourceError(
                self.file, f"cue ends before it starts in {quoted(line)}", line=timing_line
            )

    def _reject(self, block: _Block, interrupted: bool) -> None:
        if block.kind == "bad-timing":
            if interrupted:
                reason = "'-->' belongs only in a cue timing line (write '--&gt;' in cue text)"
            else:
                reason = block.timing_error
            raise SourceError(self.file, reason, line=block.timing_line)
        first = self.lines[block.first_line - 1]
        if _is_keyword(first, "NOTE") or block.kind in ("style", "region"):
            return
        if _is_keyword(first, "STYLE") or _is_keyword(first, "REGION"):
            reason = f"{first.strip()} blocks must come before the first cue"
            raise SourceError(self.file, reason, line=block.first_line)
        raise self._not_a_cue(block.first_line)

    def _not_a_cue(self, first_line: int) -> SourceError:
        """The error for a block that is no cue, on the line that is wrong: after what reads as
        a cue identifier (a number, or a line before a mistyped timing line such as '->'), the
        line meant as its timing line, not the identifier."""
        first = self.lines[first_line - 1]
        following = self.lines[first_line] if first_line < len(self.lines) else ""
        if _LOOKS_TIMED.match(first):
            reason = f"malformed cue timing {quoted(first)} (expected {TIMING_HINT})"
            return SourceError(self.file, reason, line=first_line)
        if following and (_LOOKS_TIMED.match(following) or _NUMBER.fullmatch(first)):
            reason = (
                f"expected the timing line of cue {quoted(first.strip())} ({TIMING_HINT}), "
                f"not {quoted(following)}"
            )
            return SourceError(self.file, reason, line=first_line + 1)
        if _NUMBER.fullmatch(first):
            reason = (
                f"cue {quoted(first.strip())} has no timing line ({TIMING_HINT}) "
                "right after its identifier"
            )
            return SourceError(self.file, reason, line=first_line)
        reason = (
            f"expected a cue timing line ({TIMING_HINT}), NOTE, STYLE or REGION, "
            f"not {quoted(first)}"
        )
        return SourceError(self.file, reason, line=first_line)


def _is_keyword(line: str, word: str) -> bool:
    """`word` alone on the line or followed by whitespace (NOTE also takes a comment)."""
    if not line.startswith(word):
        return False
    rest = line[len(word) :]
    if word == "NOTE":
        return rest == "" or rest[0] in " \t"
    return rest.strip(ASCII_WHITESPACE) == ""


def _region_ids(lines: list[str]) -> list[str]:
    ids = []
    for line in lines:
        for setting in ASCII_WHITESPACE_RUN.split(line):
            name, colon, value = setting.partition(":")
            if colon and name == "id" and value and "-->" not in value:
                ids.append(value)
    return ids
