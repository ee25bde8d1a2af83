"""Hand-written PDFs for the cases no fixture has: no page, a password, a page of 20000 pt, an
image that takes seconds and hundreds of MB to decode. Plain PDF 1.4 syntax, no PDF library."""

from __future__ import annotations

import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

_CACHE = Path(__file__).resolve().parents[1] / ".cache"

_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


@dataclass(frozen=True)
class Page:
    width: float = 842
    height: float = 595
    content: bytes = b""
    images: tuple[str, ...] = ()  # XObject names drawn by `content`


@dataclass
class _Writer:
    objects: list[bytes] = field(default_factory=list)

    def add(self, body: bytes) -> int:
        self.objects.append(body)
        return len(self.objects)

    def stream(self, head: bytes, data: bytes) -> int:
        return self.add(b"<< %s /Length %d >>\nstream\n%s\nendstream" % (head, len(data), data))


def text_page(number: int, width: float = 842, height: float = 595) -> Page:
    return Page(width, height, b"BT /F1 48 Tf 100 300 Td (Slide %d) Tj ET" % number)


def pdf(pages: list[Page], images: dict[str, tuple[int, int, bytes]] | None = None) -> bytes:
    """A PDF of `pages`; `images`: name -> (width, height, zlib-compressed RGB)."""
    out = _Writer()
    catalog, tree = out.add(b""), out.add(b"")
    image_ids = {
        name: out.stream(
            b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB"
            b" /BitsPerComponent 8 /Filter /FlateDecode" % (width, height),
            data,
        )
        for name, (width, height, data) in (images or {}).items()
    }
    font = out.add(_FONT)
    kids = []
    for page in pages:
        content = out.stream(b"", page.content)
        xobjects = b" ".join(b"/%s %d 0 R" % (n.encode(), image_ids[n]) for n in page.images)
        kids.append(
            out.add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Contents %d 0 R"
                b" /Resources << /Font << /F1 %d 0 R >> /XObject << %s >> >> >>"
                % (tree, page.width, page.height, content, font, xobjects)
            )
        )
    out.objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    out.objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    return _serialise(out.objects, catalog)


def _serialise(objects: list[bytes], root: int, trailer: bytes = b"") -> bytes:
    data = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<< /Size %d /Root %d 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer,
        xref,
    )
    return bytes(data)


def deck(count: int, width: float = 842, height: float = 595) -> bytes:
    return pdf([text_page(n + 1, width, height) for n in range(count)])


def password_protected() -> bytes:
    """A one-page deck under the standard security handler with a user password (not empty):
    the O and U entries are made up, so no empty password opens it."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (b"11" * 32, b"22" * 32),
    ]
    file_id = b"<00112233445566778899aabbccddeeff>"
    return _serialise(objects, 1, b"/Encrypt 4 0 R /ID [%s %s]" % (file_id, file_id))


def image_bomb(side: int) -> bytes:
    """One page showing a side x side RGB image of zeros: a few hundred KB that decode to
    3 x side² bytes (12000: 432 MB, over a second of decoding)."""
    data = _zeros_deflated(side * 3, side)
    page = Page(content=b"q 842 0 0 595 0 0 cm /Im1 Do Q", images=("Im1",))
    return pdf([page], images={"Im1": (side, side, data)})


def _zeros_deflated(width: int, rows: int) -> bytes:
    """`rows` rows of `width` zero bytes, deflated: made once and kept in tests/.cache, because
    compressing 432 MB took 10 s of a loaded CI core at each of the five tests (and children)
    that draw a bomb. Written whole or not at all (a run killed mid-write leaves no half)."""
    path = _CACHE / f"zeros-{width}x{rows}.deflate"
    if path.exists():
        return path.read_bytes()
    packer, row = zlib.compressobj(9), bytes(width)
    data = b"".join(packer.compress(row) for _ in range(rows)) + packer.flush()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, path)
    return data
