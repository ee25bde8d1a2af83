"""What a branding logo file holds, read from its bytes (Qt-free, so the build can check it).

Its suffix says nothing: a web page saved as `logo.png`, a PNG cut short by a failed download
or a GIF renamed would pass the build and then show no logo on any learner's computer. The
checks are the ones the formats make cheap: a PNG's signature, header and chunk CRCs up to its
IEND chunk; a JPEG's start and end markers; an SVG as XML whose root is `<svg>`.
"""

from __future__ import annotations

import codecs
import struct
import zlib
from pathlib import Path
from xml.etree import ElementTree

#: A logo is drawn at most 64 pixels high: a file past this is a photo or a print master.
MAX_LOGO_BYTES = 4 * 1024 * 1024

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_START = b"\xff\xd8\xff"
JPEG_END = b"\xff\xd9"

#: Other things a file named like an image often is, by their first bytes.
_OTHER_KINDS = (
    (b"GIF8", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "a Windows icon"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (an .svgz or an office document?)"),
    (b"\x1f\x8b", "a gzip file (an .svgz?)"),
)


def logo_problem(path: Path) -> str:
    """Why `path` is not a logo the player can show ("" when it is a PNG, JPEG or SVG image),
    one clause saying what the file is instead; OSError when it cannot be read."""
    with path.open("rb") as file:
        data = file.read(MAX_LOGO_BYTES + 1)
    if len(data) > MAX_LOGO_BYTES:
        return f"is over {MAX_LOGO_BYTES // (1024 * 1024)} MB, too large for a logo"
    if not data:
        return "is empty"
    if data.startswith(PNG_SIGNATURE):
        return _png_problem(data)
    if data.startswith(JPEG_START):
        if not data.rstrip(b"\x00\r\n\t ").endswith(JPEG_END):
            return f"is a JPEG image cut short (no end marker after {len(data)} bytes)"
        return ""
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        return "is a WebP image, not PNG, JPEG or SVG"
    for magic, kind in _OTHER_KINDS:
        if data.startswith(magic):
            return f"is {kind}, not PNG, JPEG or SVG"
    return _svg_problem(data)


def _png_problem(data: bytes) -> str:
    """A header first, then every chunk whole with its CRC, up to IEND."""
    at = len(PNG_SIGNATURE)
    first = True
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        end = at + 12 + length
        if end > len(data):
            break
        body = data[at + 8 : end - 4]
        if zlib.crc32(kind + body) != struct.unpack(">I", data[end - 4 : end])[0]:
            return f"is a damaged PNG image (bad checksum in its {_name(kind)} chunk)"
        if first:
            if kind != b"IHDR" or length != 13:
                return "is a damaged PNG image (no header chunk)"
            width, height = struct.unpack(">II", body[:8])
            if not width or not height:
                return f"is a PNG image of {width}x{height} pixels"
            first = False
        if kind == b"IEND":
            return ""
        at = end
    return f"is a PNG image cut short (no IEND chunk after {len(data)} bytes)"


def _name(kind: bytes) -> str:
    return kind.decode("latin-1") if kind.isalpha() else repr(kind)


def _svg_problem(data: bytes) -> str:
    """XML whose root element is `svg` (in the SVG namespace or none, as Qt takes both)."""
    what = _what(data)
    if what == "a web page":  # often well-formed XML too: say what it is
        return "is not a PNG, JPEG or SVG image (a web page)"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        xml = f"; as SVG: {error}" if what == "XML" else ""
        return f"is not a PNG, JPEG or SVG image ({what}{xml})"
    if root.tag not in ("svg", "{http://www.w3.org/2000/svg}svg"):
        return f"is an XML document whose root is <{root.tag}>, not an SVG image"
    return ""


def _what(data: bytes) -> str:
    """What a file looks like: XML, a web page, text (its first words) or bytes."""
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(data[:4096])
    except UnicodeDecodeError:
        return "binary data"
    head = text.lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html")):
        return "a web page"
    if head.startswith("<"):
        return "XML"
    first = " ".join(text.split())[:40]
    return f"text starting {first!r}" if first else "blank text"
