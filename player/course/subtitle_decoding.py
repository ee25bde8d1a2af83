"""Subtitle bytes to text, and text to lines as the WebVTT spec preprocesses them.

The spec says UTF-8, and a built package holds UTF-8 only, but teachers' Windows tools save UTF-16
with a byte-order mark or Windows-1252: both modes read a UTF-8, UTF-16 or UTF-32 mark, and the
build also reads the encoding course.toml declares. Strictly (the build), bytes that do not decode
are an error naming their line; leniently (the player) they become U+FFFD.
"""

from __future__ import annotations

import codecs

from player.course.errors import SourceError

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
            line=len(split_lines(head + "x")),
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


def split_lines(text: str) -> list[str]:
    """Lines after the spec's preprocessing: NUL -> U+FFFD; CRLF, CR and LF all end a line.

    A final line terminator does not start another line, so index + 1 is the line number."""
    text = text.removeprefix("\ufeff").replace("\0", "\ufffd")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines
