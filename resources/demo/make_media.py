"""Regenerate the generated files of the demo course "Les MOOC" from the text in this script.

A developer tool, not run by CI: the outputs are committed in resources/demo/source/. It needs
ffmpeg (libx264, AAC, drawtext), espeak-ng (French voice), sox and PySide6, and writes:

- 01-qu-est-ce-qu-un-mooc/: the intro video in 360p and 720p, its fr/en WebVTT subtitles, its
  transcript, and images/parcours-mooc.png (the diagram of the reading);
- 02-un-phenomene/: the 16:9 slide deck (PDF) and its narration (AAC .m4a, one spoken segment
  per slide);
- cover.png;
- course.toml: the measured numbers only (video `duration`, deck `pages` and the `narration`
  line with `slide_starts`), so the manifest always matches the media.

Run: `.venv/bin/python resources/demo/make_media.py` (about ten seconds); the
outputs are byte-for-byte the same from one run to the next.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QGuiApplication, QImage

SOURCE = Path(__file__).resolve().parent / "source"
MODULE1 = SOURCE / "01-qu-est-ce-qu-un-mooc"
MODULE2 = SOURCE / "02-un-phenomene"

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FAMILY = "DejaVu Sans"
VOICE = ["espeak-ng", "-v", "fr", "-s", "150", "-p", "45"]

# Colours shared by the video, the deck and the images.
INK = "#1d3557"  # dark blue
ACCENT = "#e9c46a"  # sand
PAPER = "#ffffff"
TEXT = "#222222"
MUTED = "#6c757d"
LIGHT = "#a8dadc"

MAX_VIDEO_BYTES = 1024 * 1024
VIDEO_RANGE = (6.0, 12.0)  # seconds
DECK_DATE = "20250101000000"  # the PDF's creation date, fixed for reproducible bytes
DECK_DATE_XMP = "2025-01-01T00:00:00+00:00"


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    """One title card of the intro video, with what is said and its subtitles."""

    title: str
    subtitle: str
    fr: str  # spoken and shown as French subtitles (\n splits subtitle lines)
    en: str


VIDEO_CUES: tuple[Cue, ...] = (
    Cue(
        "Qu'est-ce qu'un MOOC ?",
        "Massive Open Online Course",
        "Qu'est-ce qu'un MOOC ?",
        "What is a MOOC?",
    ),
    Cue(
        "CLOM",
        "Cours en ligne ouverts aux masses",
        "En français, on dit CLOM :\ncours en ligne ouverts aux masses.",
        "In French, it is a CLOM:\nan online course open to the masses.",
    ),
    Cue(
        "Modules · vidéos · quiz",
        "Inscription gratuite, certificat payant",
        "Des modules ouverts à tous ;\nseul le certificat est payant.",
        "Modules open to everyone;\nonly the certificate costs money.",
    ),
)

LEAD_IN = 0.4  # silence before the first words of the video
CUE_GAP = 0.45  # silence after each spoken cue
VIDEO_TAIL = 0.6  # silence after the last cue
SUBTITLE_HOLD = 0.3  # a subtitle stays this long after its words end


@dataclass(frozen=True)
class Slide:
    """One page of the deck and what the narrator says over it."""

    title: str
    bullets: tuple[str, ...]
    narration: str
    kind: str = "bullets"  # "title", "bullets" or "quote"
    source: str = ""  # quote slides: who said it


DECK_TITLE = "Les MOOC · Un phénomène"
SLIDES: tuple[Slide, ...] = (
    Slide(
        "Un phénomène",
        ("Les MOOC, de l'OpenCourseWare du MIT à Coursera", "Module 2"),
        "Les MOOC : un phénomène. En quelques années, les cours en ligne ouverts à tous sont "
        "passés de l'expérience isolée au mouvement mondial. Voyons comment.",
        kind="title",
    ),
    Slide(
        "Les premiers pas",
        (
            "OpenCourseWare du MIT : les supports de cours en libre accès",
            "Stanford, décembre 2011 : 160 000 inscrits à un seul cours en ligne",
            "… et 23 000 participants allés jusqu'au bout",
        ),
        "Tout commence avec l'OpenCourseWare du MIT, qui met ses supports de cours en libre "
        "accès. Puis, fin 2011, un cours en ligne de Stanford réunit cent soixante mille "
        "inscrits. Vingt-trois mille iront jusqu'au bout.",
    ),
    Slide(
        "Coursera",
        (
            "Janvier 2013 : 7 universités partenaires",
            "Au moment de cette présentation : 92",
            "En 2013 : 5 millions d'étudiants dans 196 pays, plus de 400 cours",
            "Des universités en ligne émergent",
        ),
        "La plateforme Coursera comptait sept universités partenaires en janvier 2013, et "
        "quatre-vingt-douze au moment de cette présentation. Cette année-là, cinq millions "
        "d'étudiants, répartis dans cent quatre-vingt-seize pays, ont suivi plus de quatre "
        "cents cours.",
    ),
    Slide(
        "Des cours aux cursus",
        (
            "Des cursus complets, et plus seulement des cours isolés",
            "L'Europe suit le mouvement",
            "Jusqu'en Fédération Wallonie-Bruxelles (FWB)",
        ),
        "Les plateformes ne proposent plus seulement des cours isolés, mais des cursus "
        "complets. L'Europe suit le mouvement, jusqu'en Fédération Wallonie-Bruxelles.",
    ),
    Slide(
        "Ailleurs et ici",
        (
            "États-Unis : 80 % des cours sont mis en ligne",
            "Des pionniers tous américains : Coursera (43 millions de dollars), "
            "edX (60 millions de dollars)",
            "Puis les Britanniques, via leur Open University : FutureLearn, Flooved",
            "Et en Fédération Wallonie-Bruxelles ?",
        ),
        "Aux États-Unis, quatre-vingts pour cent des cours sont mis en ligne. Tous les "
        "pionniers du secteur sont américains : Coursera, avec quarante-trois millions de "
        "dollars, et edX, avec soixante millions. Les Britanniques ont suivi grâce à leur "
        "Open University, avec Future Learn ou Flooved. Et chez nous ?",
    ),
    Slide(
        "Pourquoi un tel tapage ?",
        (
            "« L'éducation jouera un rôle clé dans l'économie de la connaissance du "
            "XXIe siècle. Elle permet la constitution, l'accumulation et la transmission "
            "du capital humain, donc les gains de productivité du travail. »",
        ),
        "Pourquoi un tel tapage ? Pour l'économiste Nicolas Baverez, en 2013, l'éducation "
        "jouera un rôle clé dans l'économie de la connaissance du vingt-et-unième siècle : "
        "c'est d'elle que viendront les gains de productivité du travail.",
        kind="quote",
        source="N. Baverez, 2013",
    ),
    Slide(
        "eLearning & MOOC : la boîte à outils",
        (
            "Scénarisation complète d'un cours, parcours individuels en ligne",
            "Examens derrière écrans, tutorat en ligne",
            "Sonorisation de diaporamas, captations vidéo",
            "Simulations, visites virtuelles, réseaux sociaux",
            "Analyse des traces des étudiants, tableaux de bord",
        ),
        "Les MOOC héritent de toute la boîte à outils de l'e-learning : scénarisation des "
        "cours, examens derrière écrans, diaporamas sonorisés comme celui-ci, captations "
        "vidéo, tutorat en ligne, et analyse des traces que laissent les étudiants.",
    ),
    Slide(
        "Vers l'hybride",
        (
            "Le plus souvent, ces outils font évoluer le cours vers un statut hybride : "
            "le « blended learning »",
            "Allons voir : « Blended Learning: Personalizing Education for Students » (Coursera)",
            "Essayez !",
        ),
        "Le plus souvent, ces outils font évoluer le cours vers un statut hybride, entre "
        "présence et distance : c'est le blended learning. Un MOOC de Coursera lui est "
        "d'ailleurs consacré. Allez voir, et essayez !",
    ),
)

SLIDE_GAP = 0.8  # silence after each slide's narration

DIAGRAM_STEPS: tuple[tuple[str, str], ...] = (
    ("Inscription", "gratuite,\nouverte à tous"),
    ("Modules", "vidéos, lectures,\ndiaporamas, quiz"),
    ("Examen", "derrière l'écran"),
    ("Certificat", "payant :\n30 à 50 dollars"),
)
DIAGRAM_CAPTION = "Le parcours d'un apprenant dans un MOOC"


def typeset(text: str) -> str:
    """French typography for printed text: no line break inside "160 000", "43 millions", "« x »"
    or before ":", "?", "!" and ";"."""
    text = re.sub(r"(\d) (?=\S)", "\\1\u00a0", text)
    text = re.sub(r" ([:?!;»])", "\u00a0\\1", text)
    return text.replace("« ", "«\u00a0")


# --------------------------------------------------------------------------------------------
# Tools
# --------------------------------------------------------------------------------------------


class MediaError(Exception):
    """A tool is missing or a result is out of bounds: stop with one line."""


def run(*args: str | Path) -> str:
    """Run a tool; its stderr becomes the error message when it fails."""
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True)
    if result.returncode != 0:
        tail = result.stderr.strip().splitlines()[-3:]
        raise MediaError(f"{Path(str(args[0])).name} failed: {' | '.join(tail)}")
    return result.stdout


def check_tools() -> None:
    for tool in ("ffmpeg", "ffprobe", "espeak-ng", "sox"):
        if shutil.which(tool) is None:
            raise MediaError(f"{tool} not found (Debian: apt-get install ffmpeg espeak-ng sox)")


def wav_seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def probe_seconds(path: Path) -> float:
    out = run("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path)
    return float(out.strip())


def speak(text: str, out: Path, before: float, after: float) -> float:
    """Say `text` in French into a WAV padded with silence; return the speech's own length."""
    raw = out.with_suffix(".raw.wav")
    run(*VOICE, "-w", raw, text.replace("\n", " "))
    spoken = wav_seconds(raw)
    run("sox", raw, "-r", "22050", "-c", "1", out, "pad", f"{before}", f"{after}")
    return spoken


def concat_wavs(parts: list[Path], out: Path) -> None:
    run("sox", *parts, out)


# --------------------------------------------------------------------------------------------
# Video: title cards, voice, two variants, subtitles, transcript
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timed:
    cue: Cue
    start: float  # the card appears
    end: float  # the card goes
    speech_start: float
    speech_end: float


def vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def make_video_audio(work: Path) -> tuple[Path, list[Timed], float]:
    parts: list[Path] = []
    lengths: list[tuple[float, float, float]] = []  # (segment start, speech, segment length)
    clock = 0.0
    for index, cue in enumerate(VIDEO_CUES):
        last = index == len(VIDEO_CUES) - 1
        before = LEAD_IN if index == 0 else 0.0
        after = VIDEO_TAIL if last else CUE_GAP
        part = work / f"cue{index}.wav"
        spoken = speak(cue.fr, part, before, after)
        length = wav_seconds(part)
        lengths.append((clock, spoken, length))
        parts.append(part)
        clock += length
    audio = work / "video-voice.wav"
    concat_wavs(parts, audio)
    total = wav_seconds(audio)
    if not VIDEO_RANGE[0] <= total <= VIDEO_RANGE[1]:
        raise MediaError(f"video voice lasts {total:.2f} s, outside {VIDEO_RANGE}: shorten cues")
    timed: list[Timed] = []
    for index, (cue, (start, spoken, length)) in enumerate(zip(VIDEO_CUES, lengths, strict=True)):
        speech_start = start + (LEAD_IN if index == 0 else 0.0)
        timed.append(Timed(cue, start, start + length, speech_start, speech_start + spoken))
    return audio, timed, total


def drawtext(text_file: Path, size: int, color: str, y: str, start: float, end: float) -> str:
    font = FONT_DIR / "DejaVuSans-Bold.ttf"
    fade = f"min(1\\,(t-{start:.3f})/0.35)"
    return (
        f"drawtext=fontfile={font}:textfile={text_file}:fontsize={size}:fontcolor={color}"
        f":x=(w-text_w)/2:y={y}:enable='between(t\\,{start:.3f}\\,{end:.3f})'"
        f":alpha='{fade}'"
    )


def make_video(work: Path) -> float:
    audio, timed, total = make_video_audio(work)
    filters = [f"[0][1]overlay=x='-w+w*t/{total:.3f}':y=H-12:shortest=1"]
    label = work / "label.txt"
    label.write_text("Les MOOC · Module 1", encoding="utf-8")
    filters.append(
        f"drawtext=fontfile={FONT_DIR / 'DejaVuSans.ttf'}:textfile={label}:fontsize=28"
        f":fontcolor={LIGHT}:x=48:y=40"
    )
    for index, item in enumerate(timed):
        title = work / f"title{index}.txt"
        title.write_text(item.cue.title, encoding="utf-8")
        sub = work / f"sub{index}.txt"
        sub.write_text(item.cue.subtitle, encoding="utf-8")
        filters.append(drawtext(title, 76, "white", "h*0.36-text_h/2", item.start, item.end))
        filters.append(drawtext(sub, 40, ACCENT, "h*0.52-text_h/2", item.start, item.end))
    graph = ",".join(filters)
    variants = (
        ("intro-360p.mp4", 640, 360, "baseline", "3.0", "30"),
        ("intro-720p.mp4", 1280, 720, "main", "3.1", "30"),
    )
    for name, width, height, profile, level, crf in variants:
        out = MODULE1 / name
        run(
            "ffmpeg", "-y", "-v", "error",
            "-f", "lavfi", "-i", f"color=c={INK}:s=1280x720:r=25:d={total:.3f}",
            "-f", "lavfi", "-i", f"color=c={ACCENT}:s=1280x12:r=25:d={total:.3f}",
            "-i", audio,
            "-filter_complex", f"{graph},scale={width}:{height}:flags=lanczos[v]",
            "-map", "[v]", "-map", "2:a",
            "-c:v", "libx264", "-profile:v", profile, "-level", level, "-pix_fmt", "yuv420p",
            "-preset", "slow", "-crf", crf, "-g", "50",
            "-c:a", "aac", "-b:a", "48k", "-ac", "1", "-ar", "44100",
            "-t", f"{total:.3f}", "-map_metadata", "-1", "-fflags", "+bitexact",
            "-movflags", "+faststart", out,
        )  # fmt: skip
        size = out.stat().st_size
        if size >= MAX_VIDEO_BYTES:
            raise MediaError(f"{out.name} is {size} bytes, over 1 MB: raise the crf")
    write_subtitles(timed)
    write_transcript(timed)
    return round(probe_seconds(MODULE1 / "intro-720p.mp4"), 2)


def write_subtitles(timed: list[Timed]) -> None:
    """The cues' text as written, the French typeset (the voice and the title cards are not)."""
    for language, header in (("fr", "Qu'est-ce qu'un MOOC ?"), ("en", "What is a MOOC?")):
        blocks = [typeset(f"WEBVTT - Les MOOC, module 1 : {header}")]
        for index, item in enumerate(timed, start=1):
            end = min(item.speech_end + SUBTITLE_HOLD, item.end)
            text = typeset(item.cue.fr) if language == "fr" else item.cue.en
            blocks.append(f"{index}\n{vtt_time(item.speech_start)} --> {vtt_time(end)}\n{text}")
        path = MODULE1 / f"intro.{language}.vtt"
        path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


def write_transcript(timed: list[Timed]) -> None:
    lines = [typeset("# Qu'est-ce qu'un MOOC ? — transcription"), ""]
    for item in timed:
        lines.append(typeset(f"**{item.cue.title}** — {item.cue.subtitle}"))
        lines.append("")
        lines.append(typeset(item.cue.fr.replace("\n", " ")))
        lines.append("")
    (MODULE1 / "intro-transcription.md").write_text("\n".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Narration of the deck
# --------------------------------------------------------------------------------------------


def make_narration(work: Path) -> tuple[float, list[float]]:
    """One spoken segment per slide; each slide starts where the previous segment ends."""
    parts: list[Path] = []
    starts: list[float] = []
    clock = 0.0
    for index, slide in enumerate(SLIDES):
        part = work / f"slide{index}.wav"
        speak(slide.narration, part, 0.3, SLIDE_GAP)
        starts.append(round(clock, 2))
        clock += wav_seconds(part)
        parts.append(part)
    whole = work / "narration.wav"
    concat_wavs(parts, whole)
    out = MODULE2 / "un-phenomene-narration.m4a"
    run(
        "ffmpeg", "-y", "-v", "error", "-i", whole,
        "-c:a", "aac", "-b:a", "32k", "-ac", "1", "-ar", "22050",
        "-map_metadata", "-1", "-fflags", "+bitexact", "-movflags", "+faststart", out,
    )  # fmt: skip
    return round(probe_seconds(out), 2), starts


# --------------------------------------------------------------------------------------------
# Qt drawings: deck (PDF), diagram and cover (PNG)
# --------------------------------------------------------------------------------------------


def qt_app() -> QGuiApplication:
    """Qt needs an application object to lay out text; no display is used."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["QT_HASH_SEED"] = "0"  # fonts are embedded in hash order: make it stable
    os.environ["TZ"] = "UTC"  # Qt then writes PDF dates as "D:...Z", which pin_pdf_dates fixes
    time.tzset()
    from PySide6.QtGui import QFont, QFontInfo, QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])
    family = QFontInfo(QFont(FONT_FAMILY)).family()
    if family != FONT_FAMILY:
        raise MediaError(f"font {FONT_FAMILY!r} not installed (Debian: fonts-dejavu-core)")
    return app


def make_deck() -> int:
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUuid
    from PySide6.QtGui import QColor, QFont, QPageSize, QPainter, QPdfWriter

    out = MODULE2 / "un-phenomene.pdf"
    writer = QPdfWriter(str(out))
    writer.setPageSize(QPageSize(QSizeF(254.0, 142.875), QPageSize.Unit.Millimeter, "16:9"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    writer.setResolution(72)  # one unit is one point: the page is 720 x 405
    writer.setTitle("Les MOOC — Un phénomène")
    writer.setCreator("Cartable, resources/demo/make_media.py")
    writer.setDocumentId(QUuid(str(uuid.uuid5(uuid.NAMESPACE_URL, "cartable:les-mooc/deck"))))
    painter = QPainter(writer)
    width, height = 720.0, 405.0
    margin = 40.0

    def font(size: float, bold: bool = False, italic: bool = False) -> QFont:
        f = QFont(FONT_FAMILY)
        f.setPointSizeF(size)
        f.setBold(bold)
        f.setItalic(italic)
        return f

    def footer(number: int, on_dark: bool) -> None:
        painter.setFont(font(10))
        painter.setPen(QColor(LIGHT if on_dark else MUTED))
        box = QRectF(margin, height - 30, width - 2 * margin, 20)
        painter.drawText(
            box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, DECK_TITLE
        )
        painter.drawText(
            box,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{number} / {len(SLIDES)}",
        )

    def title_band(title: str) -> float:
        painter.fillRect(QRectF(0, 0, width, 78), QColor(INK))
        painter.fillRect(QRectF(0, 78, width, 5), QColor(ACCENT))
        painter.setFont(font(28, bold=True))
        painter.setPen(QColor("white"))
        painter.drawText(
            QRectF(margin, 0, width - 2 * margin, 78),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            typeset(title),
        )
        return 83.0

    wrap = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop

    def bullets(items: tuple[str, ...], top: float) -> None:
        items = tuple(typeset(item) for item in items)
        area = QRectF(margin + 26, top + 26, width - 2 * margin - 26, height - top - 26 - 44)
        size = 24.0
        while True:  # shrink the text until it fits, measured on the PDF device itself
            painter.setFont(font(size))
            heights = [painter.boundingRect(area, int(wrap), item).height() for item in items]
            spacing = size * 0.9
            if sum(heights) + spacing * (len(items) - 1) <= area.height() or size <= 13:
                break
            size -= 0.5
        if sum(heights) + spacing * (len(items) - 1) > area.height():
            raise MediaError(f"slide text does not fit: {items[0][:40]}...")
        y = area.top()
        for item, item_height in zip(items, heights, strict=True):
            painter.setPen(QColor(ACCENT).darker(130))
            painter.setFont(font(size, bold=True))
            painter.drawText(QRectF(margin, y, 26, item_height), int(wrap), "•")
            painter.setPen(QColor(TEXT))
            painter.setFont(font(size))
            painter.drawText(QRectF(area.left(), y, area.width(), item_height), int(wrap), item)
            y += item_height + spacing

    for number, slide in enumerate(SLIDES, start=1):
        if number > 1:
            writer.newPage()
        if slide.kind == "title":
            painter.fillRect(QRectF(0, 0, width, height), QColor(INK))
            painter.fillRect(QRectF(margin, 222, 120, 5), QColor(ACCENT))
            painter.setPen(QColor(LIGHT))
            painter.setFont(font(16, bold=True))
            painter.drawText(QRectF(margin, 90, width, 30), int(wrap), slide.bullets[1].upper())
            painter.setPen(QColor("white"))
            painter.setFont(font(48, bold=True))
            painter.drawText(
                QRectF(margin, 120, width - 2 * margin, 90), int(wrap), typeset(slide.title)
            )
            painter.setPen(QColor(ACCENT))
            painter.setFont(font(20))
            painter.drawText(
                QRectF(margin, 240, width - 2 * margin, 60), int(wrap), typeset(slide.bullets[0])
            )
            footer(number, on_dark=True)
            continue
        painter.fillRect(QRectF(0, 0, width, height), QColor(PAPER))
        top = title_band(slide.title)
        if slide.kind == "quote":
            painter.setPen(QColor(INK))
            painter.setFont(font(24, italic=True))
            box = QRectF(margin + 20, top + 34, width - 2 * margin - 40, 220)
            painter.drawText(box, int(wrap), typeset(slide.bullets[0]))
            painter.setPen(QColor(MUTED))
            painter.setFont(font(16))
            painter.drawText(
                QRectF(margin, top + 262, width - 2 * margin - 20, 30),
                Qt.AlignmentFlag.AlignRight,
                f"— {slide.source}",
            )
        else:
            bullets(slide.bullets, top)
        footer(number, on_dark=False)
    painter.end()
    pin_pdf_dates(out)
    return len(SLIDES)


def pin_pdf_dates(path: Path) -> None:
    """Replace Qt's "now" by a fixed date of the same length, so that a re-run gives the same
    bytes (and the same sha256) and the cross-reference offsets stay right."""
    data = path.read_bytes()
    data, info = re.subn(rb"D:\d{14}Z", b"D:" + DECK_DATE.encode() + b"Z", data)
    data, xmp = re.subn(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", DECK_DATE_XMP.encode(), data)
    if info < 1 or xmp < 1:
        raise MediaError(f"{path.name}: PDF dates not found (Qt changed its output?)")
    path.write_bytes(data)


def save_png(image: QImage, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG", 0):
        raise MediaError(f"could not write {path}")


def make_diagram() -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen, QPolygonF

    width, height = 1200, 400
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(PAPER))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def font(pixels: int, bold: bool = False) -> QFont:
        f = QFont(FONT_FAMILY)
        f.setPixelSize(pixels)
        f.setBold(bold)
        return f

    painter.setPen(QColor(INK))
    painter.setFont(font(34, bold=True))
    painter.drawText(QRectF(0, 24, width, 50), Qt.AlignmentFlag.AlignCenter, DIAGRAM_CAPTION)
    box_w, box_h, gap = 230.0, 200.0, 60.0
    left = (width - len(DIAGRAM_STEPS) * box_w - (len(DIAGRAM_STEPS) - 1) * gap) / 2
    top = 120.0
    for index, (name, detail) in enumerate(DIAGRAM_STEPS):
        x = left + index * (box_w + gap)
        last = index == len(DIAGRAM_STEPS) - 1
        path = QPainterPath()
        path.addRoundedRect(QRectF(x, top, box_w, box_h), 18, 18)
        painter.fillPath(path, QColor(ACCENT if last else INK))
        painter.setPen(QColor(INK if last else "white"))
        painter.setFont(font(32, bold=True))
        painter.drawText(QRectF(x, top + 22, box_w, 46), Qt.AlignmentFlag.AlignCenter, name)
        painter.setFont(font(23))
        painter.drawText(
            QRectF(x + 10, top + 80, box_w - 20, box_h - 90),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            typeset(detail),
        )
        if not last:
            y = top + box_h / 2
            start, end = x + box_w + 8, x + box_w + gap - 8
            painter.setPen(QPen(QColor(MUTED), 6))
            painter.drawLine(QPointF(start, y), QPointF(end - 14, y))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(MUTED))
            head = QPolygonF(
                [QPointF(end, y), QPointF(end - 18, y - 14), QPointF(end - 18, y + 14)]
            )
            painter.drawPolygon(head)
    painter.setPen(QColor(MUTED))
    painter.setFont(font(22))
    painter.drawText(
        QRectF(0, top + box_h + 22, width, 40),
        Qt.AlignmentFlag.AlignCenter,
        typeset("Tout est gratuit jusqu'à l'examen ; seul le certificat est payant."),
    )
    painter.end()
    save_png(image, MODULE1 / "images" / "parcours-mooc.png")


def make_cover() -> None:
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPainter

    width, height = 960, 540
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(INK))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # A crowd of dots: "massive".
    painter.setPen(Qt.PenStyle.NoPen)
    for row in range(6):
        for col in range(24):
            lit = (row * 7 + col * 3) % 11 == 0
            painter.setBrush(QColor(ACCENT if lit else "#2b4a73"))
            painter.drawEllipse(QPointF(60 + col * 36.5, 330 + row * 30), 8, 8)

    def font(pixels: int, bold: bool = False) -> QFont:
        f = QFont(FONT_FAMILY)
        f.setPixelSize(pixels)
        f.setBold(bold)
        return f

    painter.setPen(QColor("white"))
    painter.setFont(font(96, bold=True))
    painter.drawText(QRectF(60, 60, width - 120, 120), Qt.AlignmentFlag.AlignLeft, "Les MOOC")
    painter.setPen(QColor(ACCENT))
    painter.setFont(font(34))
    painter.drawText(
        QRectF(60, 190, width - 120, 50),
        Qt.AlignmentFlag.AlignLeft,
        "Cours en ligne ouverts aux masses",
    )
    painter.setPen(QColor(LIGHT))
    painter.setFont(font(22))
    painter.drawText(
        QRectF(60, 245, width - 120, 40),
        Qt.AlignmentFlag.AlignLeft,
        "Cartable — cours de démonstration",
    )
    painter.end()
    save_png(image, SOURCE / "cover.png")


# --------------------------------------------------------------------------------------------
# course.toml: write back the measured numbers
# --------------------------------------------------------------------------------------------


def update_course_toml(video_seconds: float, pages: int, audio: float, starts: list[float]) -> None:
    path = SOURCE / "course.toml"
    text = path.read_text(encoding="utf-8")
    starts_text = ", ".join(f"{s:g}" for s in starts)
    replacements = (
        (r"^([ \t]*)duration = [0-9.]+$", f"duration = {video_seconds:g}"),
        (r"^([ \t]*)pages = [0-9]+$", f"pages = {pages}"),
        (
            r"^([ \t]*)narration = \{.*\}$",
            f'narration = {{ audio = "un-phenomene-narration.m4a", duration = {audio:g}, '
            f"slide_starts = [{starts_text}] }}",
        ),
    )
    for pattern, new in replacements:
        text, count = re.subn(
            pattern, lambda m, new=new: m.group(1) + new, text, flags=re.MULTILINE
        )
        if count != 1:
            raise MediaError(f"course.toml: expected one line matching {pattern!r}, found {count}")
    path.write_text(text, encoding="utf-8")


def main() -> int:
    try:
        check_tools()
        _app = qt_app()
        MODULE1.mkdir(parents=True, exist_ok=True)
        MODULE2.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="cartable-demo-") as tmp:
            work = Path(tmp)
            video_seconds = make_video(work)
            audio_seconds, starts = make_narration(work)
        pages = make_deck()
        make_diagram()
        make_cover()
        update_course_toml(video_seconds, pages, audio_seconds, starts)
    except MediaError as error:
        print(f"make_media: {error}", file=sys.stderr)
        return 1
    print(f"video {video_seconds} s; deck {pages} pages; narration {audio_seconds} s")
    print(f"slide_starts {starts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
