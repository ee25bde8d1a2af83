"""What goes into the frozen bundle: the Qt modules Cartable uses, the Qt plugins and
translations they need, and Cartable's own resources. Read by packaging/cartable.spec (to collect),
packaging/build.py (to check the result), benchmarks/bundle.py and the tests.

PyInstaller's Qt hooks collect every plugin of a type a module touches: all platforms (eglfs,
vnc...), all image formats, the virtual keyboard input context, which pulls in QtQml and QtQuick.
The spec keeps the plugins below, then drops every Qt library no kept binary links to.

Plain Python, no PySide6 import: the spec imports this before Qt is analysed.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"

#: The PySide6 modules the player imports (player/ui, player/selftest.py). A new one must be
#: added here: tests/unit/test_bundle_contents.py fails when the code imports one not listed.
QT_MODULES = (
    "QtCore",
    "QtGui",
    "QtWidgets",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtPdf",
    "QtPdfWidgets",
    "QtNetwork",
    "QtSvg",
)

#: Families that must never be in the bundle (checked by build.py after the build).
FORBIDDEN_QT = re.compile(
    r"^(Qml|Quick|3D|WebEngine|WebChannel|WebView|VirtualKeyboard|Designer|Help|Charts"
    r"|DataVisualization|Graphs|Location|Positioning|Sensors|Bluetooth|Nfc|Sql|Test|Scxml"
    r"|StateMachine|RemoteObjects|SerialPort|SerialBus|TextToSpeech|SpatialAudio|Lottie"
    r"|ShaderTools|HttpServer|WebSockets|NetworkAuth|CanvasPainter|Labs|PrintSupport|EglFS)"
)

#: Qt plugins kept, by plugin folder: None keeps the whole folder; a set keeps the plugins whose
#: stem (file name without `lib` and extension) is in it. Folders not listed are dropped.
PLUGINS: dict[str, frozenset[str] | None] = {
    # xcb for X11 and XWayland, wayland native, offscreen for --self-test; windows, cocoa.
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"}),
    # The XDG portal: native file dialogs, dark mode. Not GTK 3's: it would load the system's GTK
    # against the bundle's own cairo and pango, a classic cause of crashes in frozen apps.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    # Compose and IBus: accented letters and other scripts; not the QML virtual keyboard.
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    # Course images (readings, covers), SVG icons.
    "imageformats": frozenset({"qgif", "qico", "qjpeg", "qsvg", "qwebp"}),
    "iconengines": None,
    "xcbglintegrations": None,
    "styles": None,  # Windows 11 / macOS native looks are plugins in Qt 6
    "multimedia": None,  # the FFmpeg backend (and the native ones on Windows and macOS)
    "networkinformation": None,  # online/offline detection (glib, NetworkManager, connman...)
    "tls": None,
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": frozenset({"qt-plugin-wayland-egl"}),
}

#: Qt's own translations kept (standard buttons and dialogs, media errors), per shipped language.
QT_TRANSLATIONS = ("qtbase", "qtmultimedia")
#: Used when resources/translations has no .qm yet: the languages Cartable speaks.
DEFAULT_LANGUAGES = ("en", "fr")

_QT_LIB = re.compile(
    r"(?:^|/)(?:lib)?Qt6([A-Za-z0-9_-]+?)(?:\.so(?:\.\d+)*|\.dll)$"
    r"|(?:^|/)Qt([A-Za-z0-9]+)\.framework/"
)


def qt_library(dest: str) -> str | None:
    """`PySide6/Qt/lib/libQt6Quick.so.6` -> `Quick`; None when `dest` is not a Qt library."""
    match = _QT_LIB.search(dest.replace("\\", "/"))
    if not match:
        return None
    return match.group(1) or match.group(2)


def pyside_module(dest: str) -> str | None:
    """`PySide6/QtQuick.abi3.so` (or `.pyd`) -> `QtQuick`: a PySide6 binding module."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if len(parts) != 2 or parts[0] != "PySide6" or not parts[1].startswith("Qt"):
        return None
    if not parts[1].endswith((".so", ".pyd")):
        return None
    return parts[1].split(".")[0]


def plugin_of(dest: str) -> tuple[str, str] | None:
    """`PySide6/Qt/plugins/platforms/libqxcb.so` -> (`platforms`, `qxcb`)."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "plugins" not in parts:
        return None
    index = len(parts) - 1 - parts[::-1].index("plugins")
    rest = parts[index + 1 :]
    if len(rest) < 2 or "PySide6" not in parts[:index]:
        return None
    stem = rest[-1].split(".")[0]
    if stem.startswith("lib"):
        stem = stem[3:]
    return "/".join(rest[:-1]), stem


def keep_plugin(dest: str) -> bool:
    found = plugin_of(dest)
    if found is None:
        return True
    folder, stem = found
    if folder not in PLUGINS:
        return False
    wanted = PLUGINS[folder]
    return wanted is None or stem in wanted


def shipped_languages() -> tuple[str, ...]:
    """Languages of resources/translations/cartable_<code>.qm (the defaults before any exists)."""
    found = sorted(
        p.stem.removeprefix("cartable_") for p in (RESOURCES / "translations").glob("cartable_*.qm")
    )
    return tuple(found) or DEFAULT_LANGUAGES


def keep_qt_translation(dest: str, languages: Iterable[str]) -> bool:
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "translations" not in parts or "PySide6" not in parts or not dest.endswith(".qm"):
        return True
    name = parts[-1][: -len(".qm")]
    base, _, language = name.partition("_")
    return base in QT_TRANSLATIONS and language.split("_")[0] in set(languages)


@dataclass(frozen=True)
class DataFile:
    source: Path
    dest_folder: str  # relative to the bundle's data root (sys._MEIPASS)


def resource_files(
    include_demo: bool,
    branding: Path | None,
    logo: Path | None,
    selftest: Path | None = None,
) -> Iterator[DataFile]:
    """Cartable's read-only resources as the frozen player finds them (player.paths).

    `selftest`: the folder made by `make_selftest_course`, shipped when the demo is left out."""
    for folder, pattern in (("schema", "*.json"), ("translations", "*.qm"), ("icons", "*")):
        for path in sorted((RESOURCES / folder).glob(pattern)):
            if path.is_file():
                yield DataFile(path, f"resources/{folder}")
    if include_demo:
        yield from _tree(
            RESOURCES / "demo", ("demo-key.pub", "earlier-keys", "repository"), "resources/demo"
        )
    elif selftest is not None:
        yield from _tree(selftest, ("selftest-key.pub", "repository"), "resources/selftest")
    if branding is not None:
        yield DataFile(branding, "resources")
        if logo is not None:
            relative = logo.parent.relative_to(branding.parent).as_posix()
            yield DataFile(logo, "resources" if relative == "." else f"resources/{relative}")


def _tree(root: Path, names: Iterable[str], dest: str) -> Iterator[DataFile]:
    for name in names:
        top = root / name
        for path in [top] if top.is_file() else sorted(top.rglob("*")):
            if path.is_file():
                relative = path.parent.relative_to(root).as_posix()
                yield DataFile(path, dest if relative == "." else f"{dest}/{relative}")


SELFTEST_COURSE_ID = "cartable-selftest"  # player/selftest.py looks for it


def make_selftest_course(folder: Path) -> Path:
    """A small signed course for `cartable --self-test` in bundles without the demo: the demo's
    360p video, its slide deck and its practice quiz (about 200 KB), signed with a key made for
    this build. The private key is thrown away; the player never trusts this key (only the
    self-test reads resources/selftest/). Returns `folder`."""
    from player.authoring.build import build
    from player.course.signing import PrivateKey

    demo = RESOURCES / "demo" / "source"
    units = {
        unit["id"]: (module["folder"], unit)
        for module in tomllib.loads((demo / "course.toml").read_text(encoding="utf-8"))["modules"]
        for unit in module.get("units", [])
    }
    video_folder, video = next(u for u in units.values() if u[1]["type"] == "video")
    slides_folder, slides = next(u for u in units.values() if u[1]["type"] == "slides")
    quiz_folder, quiz = next(u for u in units.values() if u[1]["type"] == "quiz")
    variant = min(video["variants"], key=lambda v: v["height"])
    shutil.rmtree(folder, ignore_errors=True)
    source = folder / "source"
    media = source / "m"
    media.mkdir(parents=True)
    for sub, name in (
        (video_folder, variant["file"]),
        (slides_folder, slides["document"]),
        (quiz_folder, quiz["gift"]),
    ):
        shutil.copyfile(demo / sub / name, media / name)
    (source / "course.toml").write_text(
        f"""format = 1
id = "{SELFTEST_COURSE_ID}"
version = "1.0.0"
title = "Cartable self-test"
language = "fr"

[[modules]]
id = "m"
title = "Self-test"
folder = "m"

  [[modules.units]]
  id = "video"
  type = "video"
  title = "Video"
  duration = {float(video["duration"])}
  variants = [{{ file = "{variant["file"]}", label = "{variant["label"]}", \
width = {int(variant["width"])}, height = {int(variant["height"])} }}]

  [[modules.units]]
  id = "slides"
  type = "slides"
  title = "Slides"
  document = "{slides["document"]}"
  pages = {int(slides["pages"])}

  [[modules.units]]
  id = "quiz"
  type = "quiz"
  title = "Quiz"
  gift = "{quiz["gift"]}"
""",
        encoding="utf-8",
    )
    key = PrivateKey.generate()
    build(source, folder / "repository", key=key)
    (folder / "selftest-key.pub").write_text(
        key.public.to_text() + " Cartable self-test (this build only)\n", encoding="utf-8"
    )
    shutil.rmtree(source)
    return folder
