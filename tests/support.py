"""Helpers shared by tests: real fixture files from ../shared/fixtures made into small courses."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from player.authoring.build import BuildResult, build
from player.course.signing import PrivateKey, PublicKey

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CARTABLE_SHARED", ROOT.parent / "shared"))
FIXTURES = SHARED / "fixtures"

SMALL_GIFT = """\
// a practice quiz covering each question type

::capitale::Quelle est la capitale du Sénégal ?{=Dakar ~Thiès ~Saint-Louis}

::pairs::Nombres pairs ?{~%50%2 ~%50%4 ~%-100%3}

::vrai::Les MOOC sont gratuits à l'inscription.{T}

::court::Deux plus deux ?{=quatre =4}

::nombre::Année de Stanford ?{#2011:1}

::paires::Associez.{=Coursera -> 2012 =Stanford -> 2011 =MIT -> 2001}
"""

TOML = """\
format = 1
id = "toy"
version = "{version}"
title = "Cours jouet"
language = "fr"
summary = "Un petit cours pour les tests."
authors = ["Tests"]
licence = "CC0-1.0"

[publisher]
name = "Tests"

[[modules]]
id = "m1"
title = "Module 1"
folder = "m1"

  [[modules.units]]
  id = "video"
  type = "video"
  title = "Vidéo"
  variants = [{{ file = "video.mp4", label = "1080p", width = 1920, height = 1080 }}]
  subtitles = [
    {{ file = "video.fr.vtt", language = "fr", label = "Français" }},
    {{ file = "video.en.srt", language = "en", label = "English" }},
  ]

  [[modules.units]]
  id = "deck"
  type = "slides"
  title = "Diapositives"
  document = "deck.pdf"
  pages = 3
  narration = {{ audio = "narration.ogg", duration = 4.0, slide_starts = [0, 1.5, 3] }}

[[modules]]
id = "m2"
title = "Module 2"
folder = "m2"

  [[modules.units]]
  id = "reading"
  type = "reading"
  title = "Lecture"
  text = "reading.md"

  [[modules.units]]
  id = "quiz"
  type = "quiz"
  title = "Quiz"
  gift = "quiz.gift"

  [[modules.units]]
  id = "exam"
  type = "exam"
  title = "Examen"
  gift = "quiz.gift"
  time_limit = 600
  max_attempts = 2
"""


def write_source(folder: Path, version: str = "1.0.0", reading: str | None = None) -> Path:
    """A small course made of the shared fixtures (real MP4, PDF, Ogg, VTT, SRT)."""
    m1, m2 = folder / "m1", folder / "m2"
    m1.mkdir(parents=True, exist_ok=True)
    m2.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "media" / "moviepy-smpte-2997.mp4", m1 / "video.mp4")
    # The sample subtitles' first two cues (to 11.89 s): their later ones, to 64.3 s, belong to
    # another video than this 10 s one, which the build warns of.
    vtt = (FIXTURES / "vtt" / "valid" / "webvtt-py-sample.vtt").read_bytes()
    (m1 / "video.fr.vtt").write_bytes(vtt[: vtt.index(b"\n\n00:00:11.890")] + b"\n")
    srt = (FIXTURES / "srt" / "webvtt-py-sample.srt").read_bytes()
    (m1 / "video.en.srt").write_bytes(srt[: srt.index(b"\n\n3\n00:00:11,890")] + b"\n")
    shutil.copy(FIXTURES / "pdf" / "pdfjs-three_pages_with_number.pdf", m1 / "deck.pdf")
    shutil.copy(FIXTURES / "media" / "mutagen-multipage-setup.ogg", m1 / "narration.ogg")
    (m2 / "images").mkdir(exist_ok=True)
    shutil.copy(_png(), m2 / "images" / "carte.png")
    (m2 / "reading.md").write_text(
        reading or "# Lecture\n\nUn texte *court* avec une image :\n\n![carte](images/carte.png)\n",
        encoding="utf-8",
    )
    (m2 / "quiz.gift").write_text(SMALL_GIFT, encoding="utf-8")
    (folder / "course.toml").write_text(TOML.format(version=version), encoding="utf-8")
    return folder


def _png() -> Path:
    """A tiny valid PNG (generated once, no image library needed)."""
    import struct
    import zlib

    path = ROOT / "tests" / ".cache" / "tiny.png"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = b"".join(b"\x00" + b"\xff\x80\x00" * 4 for _ in range(4))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    path.write_bytes(png)
    return path


@dataclass(frozen=True)
class BuiltCourse:
    source: Path
    repo: Path
    key: PrivateKey
    key_path: Path
    result: BuildResult

    @property
    def public(self) -> PublicKey:
        return self.key.public

    @property
    def archive(self) -> Path:
        assert self.result.archive is not None
        return self.result.archive


def build_toy(tmp: Path, version: str = "1.0.0", *, sign: bool = True) -> BuiltCourse:
    source = write_source(tmp / f"src-{version}", version)
    key_path = tmp / "keys" / "publisher"
    if key_path.exists():
        key = PrivateKey.from_file(key_path)
    else:
        key = PrivateKey.generate()
        key.write(key_path)
    result = build(source, tmp / "repo", key=key if sign else None, key_path=key_path, archive=True)
    return BuiltCourse(source, tmp / "repo", key, key_path, result)


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m player.authoring.cli` or `python -m player` as a user would."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        check=False,
        timeout=300,
    )


@contextmanager
def refusing_port() -> Iterator[int]:
    """A port of 127.0.0.1 that refuses connections for as long as the block runs: bound, never
    listening (Linux answers a connection with a reset), and held, so that no other process of
    the machine can take it meanwhile as it could a port bound then closed."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])
