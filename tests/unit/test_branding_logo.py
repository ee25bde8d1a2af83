"""The build checks the branding logo by its content (player/logo_content.py): a text file or
a web page renamed logo.png, a PNG cut short, a GIF renamed passed it (only the suffix was
checked) and then showed no logo on any learner's computer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from player.branding import BrandingError, load_branding
from player.logo_content import MAX_LOGO_BYTES

ROOT = Path(__file__).resolve().parents[2]
PNG = (ROOT / "resources" / "demo" / "source" / "cover.png").read_bytes()  # a real one
SVG = (ROOT / "resources" / "icons" / "cartable.svg").read_bytes()


def jpeg() -> bytes:
    """A real JPEG, as an image editor writes one (Qt's encoder; the check itself is Qt-free)."""
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage

    image = QImage(16, 8, QImage.Format.Format_RGB32)
    image.fill(0x1A5FB4)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPG")
    return bytes(buffer.data().data())


def branding_with_logo(folder: Path, name: str, content: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(content)
    path = folder / "ut.toml"
    path.write_text(f'logo = "{name}"\n', encoding="utf-8")
    return path


def test_the_build_refuses_a_text_file_named_png_in_one_line(tmp_path: Path) -> None:
    path = branding_with_logo(tmp_path, "logo.png", b"TODO: ask communication for the logo\n")
    outputs = ["--dist", str(tmp_path / "dist"), "--work", str(tmp_path / "work")]  # not the repo's
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--branding", str(path), *outputs],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"build: {path}: logo: logo.png is not a PNG, JPEG or SVG image "
        "(text starting 'TODO: ask communication for the logo')"
    ]
    assert not (tmp_path / "dist").exists() and not (tmp_path / "work").exists()


def damaged_png() -> bytes:
    data = bytearray(PNG)
    data[40] ^= 0xFF  # inside the chunk after the header
    return bytes(data)


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("logo.png", PNG[: len(PNG) // 2], "logo.png is a PNG image cut short (no IEND chunk"),
        ("logo.png", PNG[:8], "logo.png is a PNG image cut short"),
        ("logo.png", damaged_png(), "logo.png is a damaged PNG image (bad checksum in its"),
        ("logo.png", b"", "logo.png is empty"),
        ("logo.png", b"GIF89a\x01\x00\x01\x00", "logo.png is a GIF image, not PNG, JPEG or SVG"),
        ("logo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "logo.jpg is a JPEG image cut short"),
        (
            "logo.svg",
            b"<!DOCTYPE html><html><body>Not found</body></html>",
            "logo.svg is not a PNG, JPEG or SVG image (a web page",
        ),
        (
            "logo.svg",
            b"<?xml version='1.0'?><svg><g>",
            "logo.svg is not a PNG, JPEG or SVG image (XML; as SVG: ",
        ),
        (
            "logo.svg",
            b"<?xml version='1.0'?><html xmlns='http://www.w3.org/1999/xhtml'/>",
            "logo.svg is an XML document whose root is <{http://www.w3.org/1999/xhtml}html>",
        ),
        ("logo.png", PNG + b"\0" * MAX_LOGO_BYTES, "logo.png is over 4 MB, too large for a logo"),
    ],
)
def test_a_logo_that_is_not_a_whole_image_stops_the_build(
    tmp_path: Path, name: str, content: bytes, said: str
) -> None:
    path = branding_with_logo(tmp_path, name, content)
    with pytest.raises(BrandingError) as caught:
        load_branding(path, check_files=True)
    message = str(caught.value)
    assert message.startswith(f"{path}: logo: {said}"), message
    assert "\n" not in message
    assert load_branding(path).logo == tmp_path / name  # at start: Help says why it is not shown


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.png", PNG),
        ("logo.svg", SVG),
        ("logo.svg", b'<svg width="4" height="4"><rect width="4" height="4"/></svg>'),
        ("logo.jpeg", jpeg()),
        ("logo.jpg", jpeg() + b"\r\n"),  # a trailing newline some tools leave
        ("logo.PNG", PNG),  # a JPEG or PNG is taken whatever its suffix says
        ("logo.jpg", PNG),
    ],
)
def test_a_real_logo_passes(tmp_path: Path, name: str, content: bytes) -> None:
    path = branding_with_logo(tmp_path, name, content)
    assert load_branding(path, check_files=True).logo == tmp_path / name
