"""WebVTT and SubRip subtitles: parsed to timed cues of plain display text.

WebVTT follows the W3C parsing algorithm (signature, blocks, timings and settings, cue text
tokenizer), so a file gives the cues a browser would show. SubRip has no formal spec; we accept
what common players accept (`,` or `.` before milliseconds, numbering gaps, coordinates after the
timing, a BOM) and strip its usual markup.

`strict` separates the two users: `cartable-pack build` parses with strict=True so that a teacher
hears about a cue a player would silently drop (bad timing, `-->` in cue text, a block that is
neither a cue nor a NOTE/STYLE/REGION, a cue ending before it starts, bytes that do not decode);
the player parses with strict=False and shows what the spec's parser keeps. A file with no cues,
a missing WebVTT signature and a malformed SubRip timing line are errors in both modes.

Encodings: the spec says UTF-8, and a built package holds UTF-8 only (`utf8_subtitles`), but
teachers' Windows tools save UTF-16 with a byte-order mark or Windows-1252. Both modes read a
UTF-8, UTF-16 or UTF-32 byte-order mark; the build also reads the encoding course.toml declares.

Bounds, so that a hostile or broken file costs little: a file over `MAX_SUBTITLE_BYTES` is refused
before it is decoded, and a timestamp with more than `MAX_HOUR_DIGITS` digits of hours (over a
century) is a malformed timing, never an integer or float overflow.
"""

from __future__ import annotations

import codecs
import html
import re
import threading
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Literal

from player.course.capped import read_capped, too_big
from player.course.errors import SourceError, quoted

Vertical = Literal["", "rl", "lr"]
LineAlign = Literal["start", "center", "end"]
PositionAlign = Literal["auto", "line-left", "center", "line-right"]
TextAlign = Literal["start", "center", "end", "left", "right"]
SubtitleFormat = Literal["webvtt", "srt"]

#: A day of dense subtitles is about 3 MB; a bigger file is a mistake or an attack, and parsing
#: it would cost some 15 times its size in memory and seconds of a busy main thread.
MAX_SUBTITLE_BYTES = 8 * 1024 * 1024
#: Hours of a timestamp: 999,999 h is far past any video (the manifest caps one at 24 h).
MAX_HOUR_DIGITS = 6

# Media types written into the manifest for each extension (and read back to pick a parser).
_FORMAT_BY_MEDIA_TYPE: dict[str, SubtitleFormat] = {
    "text/vtt": "webvtt",
    "application/x-subrip": "srt",
    "application/srt": "srt",
    "text/srt": "srt",
}


@dataclass(frozen=True, slots=True)
class CueSettings:
    """WebVTT cue settings as the spec's parser leaves them (defaults: no setting given).

    `line` and `position` are None for "auto"; `line` is a percentage when `snap_to_lines` is
    False, else a line number (negative counts from the bottom). `region` is the id of a REGION
    defined in the file, or "" (the spec drops the region of vertical, line-placed or sized cues).
    """

    vertical: Vertical = ""
    line: float | None = None
    snap_to_lines: bool = True
    line_align: LineAlign = "start"
    position: float | None = None
    position_align: PositionAlign = "auto"
    size: float = 100.0
    align: TextAlign = "center"
    region: str = ""


@dataclass(frozen=True, slots=True)
class Cue:
    """One subtitle: shown while start <= t < end (a zero-length cue is never shown).

    `text` is what to display: markup removed, entities decoded, lines joined with "\\n".
    `voice` is the first WebVTT voice (`<v Name>`) of the cue, or "".
    """

    start: float
    end: float
    text: str
    identifier: str = ""
    voice: str = ""
    settings: CueSettings = field(default_factory=CueSettings)


def parse_subtitles(
    data: bytes, file: str, *, media_type: str = "", strict: bool = False, encoding: str = ""
) -> tuple[Cue, ...]:
    """Decode (`decode_subtitles`: UTF-8, a byte-order mark's, or course.toml's `encoding`) and
    parse as WebVTT or SubRip.

    The format comes from `media_type` if given, else the extension of `file`, else the content
    (a file starting with "WEBVTT" is WebVTT; blobs in a package have no extension).
    """
    check_subtitle_size(len(data), file)
    text = decode_subtitles(data, file, encoding=encoding, strict=strict)
    fmt = subtitle_format(file, media_type, text)
    if fmt == "webvtt":
        return parse_webvtt(text, file, strict=strict)
    return parse_srt(text, file, strict=strict)


def check_subtitle_size(size: int, file: str) -> None:
    """Refuse a subtitle file of `size` bytes over `MAX_SUBTITLE_BYTES` (the player asks before
    reading it)."""
    if size > MAX_SUBTITLE_BYTES:
        raise SourceError(file, too_big("subtitle file", size, MAX_SUBTITLE_BYTES))


def read_subtitles(path: Path) -> bytes:
    """A subtitle file's bytes, refused over `MAX_SUBTITLE_BYTES` before it is read whole."""
    return read_capped(path, MAX_SUBTITLE_BYTES, str(path), "subtitle file")


def subtitle_format(file: str, media_type: str = "", text: str = "") -> SubtitleFormat:
    """Which parser reads this file: declared media type, then extension, then signature."""
    declared = _FORMAT_BY_MEDIA_TYPE.get(media_type.split(";")[0].strip().lower())
    if declared:
        return declared
    lowered = file.lower()
    if lowered.endswith(".vtt"):
        return "webvtt"
    if lowered.endswith(".srt"):
        return "srt"
    return "webvtt" if text.lstrip("\ufeff").startswith("WEBVTT") else "srt"


def cue_at(cues: Sequence[Cue], seconds: float) -> list[Cue]:
    """The cues showing at `seconds`, in start order. `cues` must be sorted by start (as the
    parsers return them); the index built for a tuple is kept, so calls are O(log n + shown)."""
    index = _index_for(cues)
    last = bisect_right(index.starts, seconds)
    first = bisect_right(index.reach, seconds)  # every cue before `first` ended by `seconds`
    return [cue for cue in cues[first:last] if cue.end > seconds]


# --- decoding -------------------------------------------------------------------------------

# Byte-order marks, longest first: a UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ENCODING_HINT = (
    'save it as UTF-8, or name its encoding in course.toml, e.g. encoding = "windows-1252" '
    "on its subtitles entry"
)


def is_text_encoding(name: str) -> bool:
    """`name` is a text encoding Python can decode ("windows-1252", "latin-1", "utf-16-le"...),
    not a bytes-to-bytes codec such as "base64"."""
    try:
        "x".encode(name)
    except (LookupError, ValueError):
        return False
    return True


def decode_subtitles(data: bytes, file: str, *, encoding: str = "", strict: bool = False) -> str:
    """The text of a subtitle file, whatever Windows tools saved it as.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32), over a declared `encoding` as in browsers:
    a file re-saved by another tool carries its new mark. Without one, `encoding` (course.toml's,
    "" for UTF-8) is used, except that NUL bytes filling every other byte are UTF-16 saved without
    a mark: strictly an error that says so, leniently decoded as such. Strictly, bytes that do not
    decode are an error naming their line and how to fix it, and UTF-8 declared as a legacy
    encoding is refused (it would become mojibake); leniently they become U+FFFD.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            name = codec.upper()[:6]  # UTF-8, UTF-16, UTF-32
            return _decode_as(data[len(bom) :], codec, file, name, strict=strict)
    codec = codecs.lookup(encoding).name if encoding else "utf-8"
    codec = "utf-8" if codec == "utf-8-sig" else codec
    if not codec.startswith(("utf-16", "utf-32")) and (order := _utf16_without_bom(data)):
        if strict:
            raise SourceError(
                file,
                f"UTF-16 text without a byte-order mark: save it as UTF-8, or add "
                f'encoding = "{order}" to its subtitles entry in course.toml',
            )
        return _decode_as(data, order, file, order, strict=False)
    if strict and not codec.startswith("utf") and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            first = next(i for i, byte in enumerate(data) if byte >= 0x80)
            raise SourceError(
                file,
                f'UTF-8 text, but course.toml says encoding = "{encoding}": remove that '
                "option (the file was saved as UTF-8)",
                line=_line_of_offset(data, first),
            )
    name = "UTF-8" if codec == "utf-8" else encoding
    return _decode_as(data, codec, file, name, strict=strict)


def utf8_subtitles(data: bytes, file: str, *, encoding: str = "") -> bytes:
    """The file as a package holds it: UTF-8, so that every player reads it. A UTF-8 file, with
    or without a byte-order mark, is kept byte for byte (a course built before keeps its blobs);
    any other is decoded strictly and written as UTF-8 without a mark, line endings kept."""
    utf8 = decode_subtitles(data, file, encoding=encoding, strict=True).encode("utf-8")
    if data in (utf8, codecs.BOM_UTF8 + utf8):
        return data
    check_subtitle_size(len(utf8), f"{file} (as UTF-8)")
    return utf8


def _decode_as(data: bytes, codec: str, file: str, name: str, *, strict: bool) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        if not strict:
            return data.decode(codec, errors="replace")
        hint = f": {_ENCODING_HINT}" if codec == "utf-8" else ""
        what = f"byte 0x{data[error.start]:02x}"
        if codec.startswith(("utf-16", "utf-32")):
            what = error.reason  # "illegal UTF-16 surrogate", "truncated data"
        head = data[: error.start].decode(codec, errors="replace")
        raise SourceError(
            file,
            f"not {name} text ({what}){hint}",
            line=len(_split_lines(head + "x")),
        ) from None


def _utf16_without_bom(data: bytes) -> str:
    """The UTF-16 codec when NUL bytes fill every other byte of the start (the ASCII of timing
    lines, saved as UTF-16 without a byte-order mark), else "". No text file holds NULs."""
    pairs = min(len(data), 4096) // 2
    high_odd = data[1 : 2 * pairs : 2].count(0)  # "W\0E\0": little-endian
    high_even = data[0 : 2 * pairs : 2].count(0)
    if pairs >= 2 and high_odd * 3 >= pairs and high_even * 4 <= high_odd:
        return "utf-16-le"
    if pairs >= 2 and high_even * 3 >= pairs and high_odd * 4 <= high_even:
        return "utf-16-be"
    return ""


def _line_of_offset(data: bytes, offset: int) -> int:
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def _split_lines(text: str) -> list[str]:
    """Lines after the spec's preprocessing: NUL -> U+FFFD; CRLF, CR and LF all end a line.

    A final line terminator does not start another line, so index + 1 is the line number."""
    text = text.removeprefix("\ufeff").replace("\0", "\ufffd")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


# --- WebVTT ---------------------------------------------------------------------------------

_ASCII_WS = " \t\n\f\r"
_SETTINGS_SPLIT = re.compile(r"[ \t\n\f\r]+")
_PERCENTAGE = re.compile(r"(\d+(?:\.\d+)?)%")
_TIMING_HINT = "[HH:]MM:SS.mmm --> [HH:]MM:SS.mmm"


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
    lines = _split_lines(text)
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
    return _sorted(cues)


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
        interrupted = False
        while at < count:
            if lines[at] == "":
                at += 1
                interrupted = False
                continue
            block, next_at = self._collect_block(at, in_header=False)
            if block.kind == "cue" and block.cue is not None:
                if self.strict and block.cue.end < block.cue.start:
                    line = self.lines[block.timing_line - 1]
                    raise SourceError(
                        self.file,
                        f"cue ends before it starts in {quoted(line)}",
                        line=block.timing_line,
                    )
                cues.append(block.cue)
            elif self.strict:
                self._reject(block, interrupted)
            interrupted = block.handed_on
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
                    parsed = _parse_timing_and_settings(line, self.regions)
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
            text, voice = _render_cue_text("\n".join(buffer))
            cue = block.cue
            block.cue = Cue(cue.start, cue.end, text, cue.identifier, voice, cue.settings)
        elif block.kind == "region":
            self.regions.update(_region_ids(buffer))
        return block, at

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
        else:
            reason = (
                f"expected a cue timing line ({_TIMING_HINT}), NOTE, STYLE or REGION, "
                f"not {quoted(first)}"
            )
        raise SourceError(self.file, reason, line=block.first_line)


def _is_keyword(line: str, word: str) -> bool:
    """`word` alone on the line or followed by whitespace (NOTE also takes a comment)."""
    if not line.startswith(word):
        return False
    rest = line[len(word) :]
    if word == "NOTE":
        return rest == "" or rest[0] in " \t"
    return rest.strip(_ASCII_WS) == ""


def _region_ids(lines: list[str]) -> list[str]:
    ids = []
    for line in lines:
        for setting in _SETTINGS_SPLIT.split(line):
            name, colon, value = setting.partition(":")
            if colon and name == "id" and value and "-->" not in value:
                ids.append(value)
    return ids


def _parse_timing_and_settings(
    line: str, regions: set[str]
) -> tuple[float, float, CueSettings] | str:
    """Start, end and settings of a cue timing line, or the reason it is not one."""
    position = _skip_ws(line, 0)
    collected = _collect_timestamp(line, position)
    if collected is None:
        return f"malformed cue start time in {quoted(line)} (expected {_TIMING_HINT})"
    start, position = collected
    position = _skip_ws(line, position)
    if line[position : position + 3] != "-->":
        return f"malformed cue timing {quoted(line)} (expected {_TIMING_HINT})"
    position = _skip_ws(line, position + 3)
    collected = _collect_timestamp(line, position)
    if collected is None:
        return f"malformed cue end time in {quoted(line)} (expected {_TIMING_HINT})"
    end, position = collected
    return start, end, _parse_settings(line[position:], regions)


def _skip_ws(text: str, position: int) -> int:
    while position < len(text) and text[position] in _ASCII_WS:
        position += 1
    return position


def _digits(text: str, position: int) -> int:
    end = position
    while end < len(text) and "0" <= text[end] <= "9":
        end += 1
    return end


def _collect_timestamp(text: str, position: int) -> tuple[float, int] | None:
    """The spec's "collect a WebVTT timestamp": [H+:]MM:SS.mmm, minutes and seconds <= 59."""
    end = _digits(text, position)
    if end == position:
        return None
    first = text[position:end]
    if end - position > MAX_HOUR_DIGITS:
        return None  # hours beyond any video; int() of thousands of digits would even raise
    hours_first = len(first) != 2 or int(first) > 59
    if end >= len(text) or text[end] != ":":
        return None
    position = end + 1
    end = _digits(text, position)
    if end - position != 2:
        return None
    second = text[position:end]
    if hours_first or (end < len(text) and text[end] == ":"):
        if end >= len(text) or text[end] != ":":
            return None
        position = end + 1
        end = _digits(text, position)
        if end - position != 2:
            return None
        hours, minutes, seconds = int(first), int(second), int(text[position:end])
    else:
        hours, minutes, seconds = 0, int(first), int(second)
    if end >= len(text) or text[end] != ".":
        return None
    position = end + 1
    end = _digits(text, position)
    if end - position != 3:
        return None
    if minutes > 59 or seconds > 59:
        return None
    millis = ((hours * 60 + minutes) * 60 + seconds) * 1000 + int(text[position:end])
    return millis / 1000, end


def _parse_settings(text: str, regions: set[str]) -> CueSettings:
    """The spec's cue settings parser: unknown or invalid settings are skipped one by one."""
    values: dict[str, object] = {}
    region = ""
    for setting in _SETTINGS_SPLIT.split(text):
        name, colon, value = setting.partition(":")
        if not colon or not name or not value:
            continue
        if name == "region":
            region = value if value in regions else ""
        elif name == "vertical":
            if value in ("rl", "lr"):
                values["vertical"] = value
        elif name == "line":
            _parse_line_setting(value, values)
        elif name == "position":
            column, comma, column_align = value.partition(",")
            number = _percentage(column)
            if number is None:
                continue
            if comma:
                if column_align not in ("line-left", "center", "line-right"):
                    continue
                values["position_align"] = column_align
            values["position"] = number
        elif name == "size":
            number = _percentage(value)
            if number is not None:
                values["size"] = number
        elif name == "align" and value in ("start", "center", "end", "left", "right"):
            values["align"] = value
    if region and (
        values.get("vertical") or values.get("line") is not None or values.get("size", 100) != 100
    ):
        region = ""
    return CueSettings(region=region, **values)  # type: ignore[arg-type]


def _parse_line_setting(value: str, values: dict[str, object]) -> None:
    position, comma, align = value.partition(",")
    if not any("0" <= c <= "9" for c in position):
        return
    if position.endswith("%"):
        number = _percentage(position)
        if number is None:
            return
    else:
        if any(c not in "-.0123456789" for c in position) or "-" in position[1:]:
            return
        dot = position.find(".")
        if dot != -1 and (
            position.count(".") > 1
            or dot in (0, len(position) - 1)
            or not position[dot - 1].isdigit()
            or not position[dot + 1].isdigit()
        ):
            return
        number = float(position)
    if comma:
        if align not in ("start", "center", "end"):
            return
        values["line_align"] = align
    values["line"] = number
    values["snap_to_lines"] = not position.endswith("%")


def _percentage(text: str) -> float | None:
    match = _PERCENTAGE.fullmatch(text)
    if not match:
        return None
    number = float(match.group(1))
    return number if number <= 100 else None


_CUE_NODES = frozenset({"c", "i", "b", "u", "ruby", "rt", "v", "lang"})


def _render_cue_text(raw: str) -> tuple[str, str]:
    """Display text and first voice of WebVTT cue text, after the spec's cue text tokenizer.

    Tags are dropped (unknown ones too, as the spec ignores them), timestamps tags dropped,
    character references decoded; ruby text is shown in parentheses after its base."""
    out: list[str] = []
    voice: str | None = None
    open_nodes: list[str] = []
    position, length = 0, len(raw)
    while position < length:
        lt = raw.find("<", position)
        if lt == -1:
            out.append(html.unescape(raw[position:]))
            break
        if lt > position:
            out.append(html.unescape(raw[position:lt]))
        gt = raw.find(">", lt + 1)
        tag = raw[lt + 1 : gt if gt != -1 else length]
        position = gt + 1 if gt != -1 else length
        if tag.startswith("/"):
            name = tag[1:]
            if open_nodes and open_nodes[-1] == name:
                open_nodes.pop()
                if name == "rt":
                    out.append(")")
            elif name == "ruby" and open_nodes[-2:] == ["ruby", "rt"]:
                del open_nodes[-2:]
                out.append(")")
            continue
        if tag[:1].isdigit():
            continue  # a timestamp tag (karaoke): no text
        name, annotation = _split_tag(tag)
        if name not in _CUE_NODES or (name == "rt" and open_nodes[-1:] != ["ruby"]):
            continue
        open_nodes.append(name)
        if name == "rt":
            out.append("(")
        elif name == "v" and voice is None:
            voice = annotation
    if open_nodes and open_nodes[-1] == "rt":
        out.append(")")
    return "".join(out), voice or ""


def _split_tag(tag: str) -> tuple[str, str]:
    """Tag name and annotation (classes dropped) of the inside of a start tag."""
    end = 0
    while end < len(tag) and tag[end] not in " \t\n\f.":
        end += 1
    name = tag[:end]
    while end < len(tag) and tag[end] == ".":  # classes, up to whitespace
        end += 1
        while end < len(tag) and tag[end] not in " \t\n\f.":
            end += 1
    annotation = html.unescape(tag[end:])
    return name, " ".join(word for word in _SETTINGS_SPLIT.split(annotation) if word)


# --- SubRip ---------------------------------------------------------------------------------

_SRT_HOURS = r"(\d{1," + str(MAX_HOUR_DIGITS) + "})"
_SRT_TIME = rf"(?:{_SRT_HOURS}:)?(\d{{1,2}}):(\d{{1,2}})[,.](\d{{1,3}})"
_SRT_TIMING = re.compile(rf"[ \t]*{_SRT_TIME}[ \t]*-->[ \t]*{_SRT_TIME}(?:[ \t].*)?")
_SRT_NUMBER = re.compile(r"[ \t]*\d+[ \t]*")
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
    cue otherwise. A line with "-->" where a cue starts must be a valid timing line."""
    lines = _split_lines(text)
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
                raise SourceError(
                    file,
                    f"expected a cue number or a timing line "
                    f"(HH:MM:SS,mmm --> HH:MM:SS,mmm), not {quoted(lines[at])}",
                    line=at + 1,
                )
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
            text_lines.append(lines[at])
            at += 1
        cues.append(Cue(begin, end, _srt_display_text(text_lines), identifier))
    if not cues:
        raise SourceError(file, "no cues")
    for index, paragraphs in continued.items():  # joined once: a join per paragraph is O(n²)
        cue = cues[index]
        joined = "\n".join(part for part in (cue.text, *paragraphs) if part)
        cues[index] = Cue(cue.start, cue.end, joined, cue.identifier)
    return _sorted(cues)


def _srt_cue_start(lines: list[str], at: int) -> tuple[str, int] | None:
    """(cue number, index of the timing line) if a cue starts at `at`."""
    if _SRT_NUMBER.fullmatch(lines[at]) and at + 1 < len(lines) and "-->" in lines[at + 1]:
        return lines[at].strip(), at + 1
    if "-->" in lines[at]:
        return "", at
    return None


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
            f"malformed timing line {quoted(line)} (expected HH:MM:SS,mmm --> HH:MM:SS,mmm)",
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


# --- shared ---------------------------------------------------------------------------------


def _sorted(cues: list[Cue]) -> tuple[Cue, ...]:
    """The text track order of HTML: by start, then longest first, then file order."""
    return tuple(sorted(cues, key=lambda cue: (cue.start, -cue.end)))


@dataclass(frozen=True)
class _CueIndex:
    starts: list[float]
    reach: list[float]  # reach[i]: the latest end among cues[0..i]; never decreases


_INDEX_CACHE: dict[int, tuple[Sequence[Cue], _CueIndex]] = {}
_INDEX_CACHE_SIZE = 8
_INDEX_LOCK = threading.Lock()


def _index_for(cues: Sequence[Cue]) -> _CueIndex:
    with _INDEX_LOCK:
        cached = _INDEX_CACHE.get(id(cues))
    if cached is not None and cached[0] is cues:
        return cached[1]
    starts = [cue.start for cue in cues]
    if any(later < earlier for earlier, later in pairwise(starts)):
        raise ValueError("cue_at needs cues sorted by start time")
    reach: list[float] = []
    latest = float("-inf")
    for cue in cues:
        latest = max(latest, cue.end)
        reach.append(latest)
    index = _CueIndex(starts, reach)
    if isinstance(cues, tuple):  # immutable: the index stays true while the tuple lives
        with _INDEX_LOCK:
            if len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
                del _INDEX_CACHE[next(iter(_INDEX_CACHE))]
            _INDEX_CACHE[id(cues)] = (cues, index)
    return index
