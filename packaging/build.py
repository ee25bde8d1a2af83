"""Build Cartable's installer bundle: `python packaging/build.py [--branding FILE]` (PyInstaller).

On Linux: dist/cartable/ (a one-folder bundle with its .desktop file, hicolor icons and
install-desktop-entry.sh) and dist/cartable-<version>-linux-x86_64.tar.gz holding that folder.
On Windows: dist/cartable/ and, when Inno Setup's iscc is on PATH, the setup .exe
(packaging/windows/cartable.iss). On macOS: dist/Cartable.app and a .dmg (packaging/README.md).

The branding file is checked first (one line naming the key on a mistake); the bundle is checked
after (no stray Qt library or plugin, no Qt library missing, every resource there); then its
size and largest parts are printed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import signal
import struct
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
sys.path[:0] = [str(ROOT), str(PACKAGING)]

import build_folders  # noqa: E402
import bundle_contents as contents  # noqa: E402

from player import __version__  # noqa: E402
from player.branding import (  # noqa: E402
    Branding,
    BrandingError,
    load_branding,
    trust_refusal,
    trust_warning,
)

NAME = "cartable"
SPEC = PACKAGING / "cartable.spec"
ICON_SVG = ROOT / "resources" / "icons" / "cartable.svg"
DESKTOP_FILE = PACKAGING / "cartable.desktop"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size (the @2x ones reuse a larger image).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"ic11", 32),
    (b"icp5", 32),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic13", 256),
    (b"ic08", 256),
    (b"ic14", 512),
    (b"ic09", 512),
    (b"ic10", 1024),
)
MB = 1024 * 1024
STRIP_TIMEOUT_S = 300.0  # per file: stripping libpython takes about a second


class BuildError(Exception):
    """A build that cannot go on; `str()` is the one line printed."""


@dataclass(frozen=True)
class Part:
    name: str
    size: int


@dataclass(frozen=True)
class BuildReport:
    bundle: Path  # dist/cartable (or dist/Cartable.app)
    archive: Path | None  # the .tar.gz (Linux), the setup .exe (Windows), the .dmg (macOS)
    size: int  # bytes, unpacked
    archive_size: int | None
    seconds: float  # the whole build
    pyinstaller_seconds: float
    groups: tuple[Part, ...]  # by kind, largest first
    largest: tuple[Part, ...]  # single files, largest first


# -- branding ------------------------------------------------------------------------------------


def check_branding(path: Path | None) -> Branding:
    """The branding as the player will read it, or BuildError naming the key. A branding whose
    catalogs could install nothing (no trusted key) is refused; one that installs only what each
    computer's own keys allow is built, with a warning on stderr."""
    if path is None:
        return Branding()
    if path.is_dir():
        raise BuildError(f"{path}: is a folder; --branding takes a branding file (a .toml)")
    if not path.is_file():
        raise BuildError(f"{path}: no such branding file")
    try:
        branding = load_branding(path.resolve(), check_files=True)
        refusal = trust_refusal(branding)
        if refusal is not None:
            raise refusal
    except BrandingError as exc:  # the file named as typed, as in the build's other lines
        raise BuildError(str(BrandingError(str(path), exc.reason, where=exc.where))) from None
    warning = trust_warning(branding)
    if warning:
        print(f"build: warning: {path}: {warning}", file=sys.stderr)
    shipped = sorted(p.stem.removeprefix("cartable_") for p in translation_files())
    language = branding.default_language
    if language and shipped and language.replace("-", "_").split("_")[0] not in shipped:
        raise BuildError(
            f"{path}: default_language: no {language!r} translation in this build "
            f"(resources/translations has {', '.join(shipped)})"
        )
    return branding


def translation_files() -> list[Path]:
    return sorted((ROOT / "resources" / "translations").glob("cartable_*.qm"))


def icon_files() -> list[Path]:
    return sorted((ROOT / "resources" / "icons").glob("*.svg"))


# -- icons ---------------------------------------------------------------------------------------


def render_png(svg: Path, size: int) -> bytes:
    """One square PNG of the SVG, rendered by QtSvg (no external tool needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise BuildError(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose images are PNG (Windows Vista and later read these)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns whose elements are PNG."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(work: Path) -> Path:
    """hicolor PNGs and the SVG under work/icons/hicolor, plus work/icons/cartable.ico and .icns
    (the spec picks the one its platform needs). Returns the hicolor folder."""
    if not ICON_SVG.is_file():
        raise BuildError(f"{ICON_SVG}: the application icon is missing")
    hicolor = work / "icons" / "hicolor"
    shutil.rmtree(hicolor, ignore_errors=True)
    pngs = {size: render_png(ICON_SVG, size) for size in {*HICOLOR_SIZES, *ICO_SIZES, 1024}}
    for size in HICOLOR_SIZES:
        folder = hicolor / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        (folder / f"{NAME}.png").write_bytes(pngs[size])
    scalable = hicolor / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(ICON_SVG, scalable / f"{NAME}.svg")
    (work / "icons" / f"{NAME}.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (work / "icons" / f"{NAME}.icns").write_bytes(icns_bytes(pngs))
    return hicolor


def desktop_entry(branding: Branding) -> str:
    """packaging/cartable.desktop with the institution's product name."""
    lines = []
    for line in DESKTOP_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("Name=") and branding.product_name != "Cartable":
            line = f"Name={branding.product_name}"
        lines.append(line)
    return "\n".join(lines) + "\n"


# -- the bundle ----------------------------------------------------------------------------------


def run_pyinstaller(branding: Path | None, dist: Path, work: Path, icons: Path) -> float:
    argv = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        str(SPEC),
        "--",
        "--icons",
        str(icons),
    ]
    if branding is not None:
        argv += ["--branding", str(branding.resolve())]
    start = time.perf_counter()
    log = work / "pyinstaller.log"
    work.mkdir(parents=True, exist_ok=True)
    with open(log, "w", encoding="utf-8") as out:
        result = subprocess.run(argv, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, check=False)
    if result.returncode:
        tail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-1:]
        raise BuildError(f"PyInstaller failed ({result.returncode}): {' '.join(tail)} (see {log})")
    return time.perf_counter() - start


def strip_debug_info(root: Path) -> int:
    """Strip symbols from the Python side's shared objects (libpython carries 17 MB of debug
    info). Linux only; Qt's and FFmpeg's libraries come stripped, and `strip` breaks the page
    alignment of Qt's FFmpeg build, so nothing under PySide6/ is touched. Returns bytes saved."""
    tool = shutil.which("strip")
    if tool is None or not sys.platform.startswith("linux"):
        return 0
    saved = 0
    for path in files_of(root):
        relative = path.relative_to(root).as_posix()
        if ".so" not in path.name or relative.startswith(("PySide6/", "shiboken6/")):
            continue
        before = path.stat().st_size
        if _strip(tool, path, relative):
            saved += before - path.stat().st_size
    return saved


def _strip(tool: str, path: Path, relative: str) -> bool:
    """Strip one file; False when `strip` does not know its format (nothing to strip). Raises
    BuildError naming the file when `strip` fails otherwise or gives no answer in
    STRIP_TIMEOUT_S: a hung `strip` hung the build, silently. On a time-out its whole process
    group is killed (a wrapper's children included); GNU strip writes a copy and renames it,
    so the file is the old one or the stripped one, never half of each."""
    try:
        child = subprocess.Popen(
            [tool, "--strip-unneeded", str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            start_new_session=True,
        )
    except OSError as exc:
        raise BuildError(f"strip: cannot run {tool} on {relative}: {exc.strerror or exc}") from None
    with child:
        try:
            _, error = child.communicate(timeout=STRIP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
            child.communicate()
            raise BuildError(f"strip: no answer in {STRIP_TIMEOUT_S:g} s for {relative}") from None
    if child.returncode == 0:
        return True
    if "file format not recognized" in error:
        return False
    said = error.strip().splitlines()[-1:]
    status = f"exit status {child.returncode}"
    if child.returncode < 0:
        status = f"killed by signal {-child.returncode}"
    raise BuildError(f"strip failed on {relative} ({status})" + "".join(f": {s}" for s in said))


def data_root(bundle: Path) -> Path:
    """Where sys._MEIPASS points in a one-folder bundle."""
    for candidate in (bundle / "_internal", bundle / "Contents" / "Frameworks", bundle):
        if (candidate / "resources").is_dir():
            return candidate
    return bundle / "_internal"


def files_of(folder: Path) -> Iterable[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def check_bundle(bundle: Path, branding: Branding, branded: bool) -> list[str]:
    """Problems in a built bundle, one line each (empty when it is right)."""
    problems = []
    root = data_root(bundle)
    links = elf_links(root) if sys.platform.startswith("linux") else {}
    linked = {Path(name).name for needed in links.values() for name, _ in needed}
    for path in files_of(bundle):
        relative = path.relative_to(root if path.is_relative_to(root) else bundle).as_posix()
        qt = contents.qt_library(relative)
        # A Qt library of a family we do not use stays only while a kept binary links to it
        # (Qt 6.12's FFmpeg media plugin links QtQuick and QtQml: they load, no QML runs).
        if qt is not None and contents.FORBIDDEN_QT.match(qt) and path.name not in linked:
            problems.append(f"stray Qt library in the bundle: {relative}")
        if not contents.keep_plugin(relative):
            problems.append(f"stray Qt plugin in the bundle: {relative}")
        module = contents.pyside_module(relative)
        if module is not None and module not in contents.QT_MODULES:
            problems.append(f"stray PySide6 module in the bundle: {relative}")
    for path in bundle.rglob("*"):
        if path.is_symlink() and not path.exists():
            problems.append(f"dangling link in the bundle: {path.relative_to(bundle)}")
    for path, needed in links.items():
        for name, where in needed:
            if where is None and "Qt6" in name:
                problems.append(f"{path.relative_to(root)} needs {name}, not in the bundle")
    resources = root / "resources"
    expected = [resources / "schema" / "course.schema.json"]
    # the window's icon and the combo boxes' arrows (without them a drop-down list shows none)
    expected += [resources / "icons" / p.name for p in icon_files()]
    expected += [resources / "translations" / p.name for p in translation_files()]
    if branded:
        expected.append(resources / "branding.toml")
    if branding.include_demo:
        expected += [
            resources / "demo" / "demo-key.pub",
            resources / "demo" / "repository",
            resources / "demo" / "earlier-keys",  # without them an old demo is never updated
        ]
    else:
        selftest = resources / "selftest"
        expected += [selftest / "selftest-key.pub", selftest / "repository" / "catalog.json"]
    missing = [p for p in expected if not p.exists()]
    problems += [f"missing from the bundle: {p.relative_to(bundle)}" for p in missing]
    if not branding.include_demo and (resources / "demo").exists():
        problems.append("include_demo is false but the bundle has resources/demo")
    if not branded and (resources / "branding.toml").exists():
        problems.append("resources/branding.toml in an unbranded bundle")
    return problems


def elf_links(root: Path) -> dict[Path, list[tuple[str, str | None]]]:
    """Every shared object of the bundle and what it links to, resolved as it would load
    (`ldd`; None when not found)."""
    links = {}
    for path in files_of(root):
        if ".so" not in path.name:
            continue
        try:
            result = subprocess.run(
                ["ldd", str(path)], capture_output=True, text=True, check=False, timeout=60
            )
        except FileNotFoundError:
            raise BuildError(f"ldd: {NOT_FOUND}; it checks the bundle's libraries") from None
        except subprocess.TimeoutExpired:
            raise BuildError(f"ldd: no answer in 60 s for {path.relative_to(root)}") from None
        if "error while loading shared libraries" in result.stderr:
            needed_error = result.stderr.strip().splitlines()[0]
            raise BuildError(f"{path.relative_to(root)} cannot be loaded: {needed_error}")
        needed: list[tuple[str, str | None]] = []
        for line in result.stdout.splitlines():
            name, arrow, where = line.strip().partition(" => ")
            if not arrow:
                continue
            needed.append((name, None if where.startswith("not found") else where.split(" (")[0]))
        links[path] = needed
    return links


def group_of(relative: str) -> str:
    name = relative.rsplit("/", 1)[-1]
    if relative.startswith("resources/demo/"):
        return "demo course"
    if relative.startswith("resources/selftest/"):
        return "self-test course"
    if relative.startswith("resources/"):
        return "Cartable resources"
    if contents.plugin_of(relative) is not None:
        return "Qt plugins"
    if "/translations/" in relative and name.endswith(".qm"):
        return "Qt translations"
    if name.startswith(("libicu",)):
        return "ICU (Qt text)"
    if name.startswith(("libav", "libsw")):
        return "FFmpeg (Qt multimedia)"
    if contents.qt_library(relative) is not None:
        return "Qt libraries"
    if relative.startswith(("PySide6/", "shiboken6/")):
        return "PySide6 bindings"
    if "python3" in name or "lib-dynload" in relative or name == "base_library.zip":
        return "Python"
    if relative.count("/") == 0 and not name.startswith("lib"):
        return "executable and Python code"
    return "other native libraries"


def measure(bundle: Path) -> tuple[int, tuple[Part, ...], tuple[Part, ...]]:
    root = data_root(bundle)
    groups: dict[str, int] = {}
    files = []
    total = 0
    for path in files_of(bundle):
        size = path.stat().st_size
        total += size
        inside = path.is_relative_to(root) and root != bundle
        relative = path.relative_to(root if inside else bundle).as_posix()
        groups[group_of(relative)] = groups.get(group_of(relative), 0) + size
        files.append(Part(path.relative_to(bundle).as_posix(), size))
    by_group = sorted((Part(k, v) for k, v in groups.items()), key=lambda p: -p.size)
    largest = sorted(files, key=lambda p: -p.size)[:12]
    return total, tuple(by_group), tuple(largest)


def add_desktop_files(bundle: Path, hicolor: Path, branding: Branding) -> None:
    share = bundle / "share"
    shutil.rmtree(share, ignore_errors=True)
    shutil.copytree(hicolor, share / "icons" / "hicolor")
    (share / "applications").mkdir(parents=True)
    (share / "applications" / f"{NAME}.desktop").write_text(
        desktop_entry(branding), encoding="utf-8"
    )
    script = bundle / "install-desktop-entry.sh"
    shutil.copyfile(PACKAGING / "linux" / "install-desktop-entry.sh", script)
    script.chmod(0o755)


def archive_name() -> str:
    machine = platform.machine().lower().replace("amd64", "x86_64")
    return f"{NAME}-{__version__}-linux-{machine}.tar.gz"


def make_tarball(bundle: Path, destination: Path) -> Path:
    """The bundle folder as `cartable/…`, owned by root:root, written atomically."""

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    tmp = destination.with_name(destination.name + ".part")
    with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=bundle.name, filter=normalise)
    os.replace(tmp, destination)
    return destination


def make_windows_installer(
    branding: Branding, staging: Path, dist: Path, icon: Path
) -> Path | None:
    """packaging/windows/cartable.iss through Inno Setup's compiler, when it is installed: it
    reads the bundle in `staging` and writes the setup there. Without it, the command printed
    names `dist`, where the bundle will be."""
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    script = PACKAGING / "windows" / "cartable.iss"

    def defines(folder: Path) -> list[str]:
        return [
            f"/DAppVersion={__version__}",
            f"/DProductName={branding.product_name}",
            f"/DDistDir={folder}",
            f"/DIconFile={icon}",
        ]

    if iscc is None:
        print(f"Inno Setup not found: run  iscc {' '.join(defines(dist))} {script}")
        return None
    run_tool("iscc", [iscc, "/Q", *defines(staging), str(script)])
    return staging / f"{NAME}-{__version__}-windows-x64-setup.exe"


def make_dmg(bundle: Path, branding: Branding, dist: Path) -> Path:
    """A compressed disk image holding Cartable.app (sign and notarize it afterwards)."""
    machine = platform.machine().lower()
    image = dist / f"{NAME}-{__version__}-macos-{machine}.dmg"
    run_tool(
        "hdiutil",
        [
            "hdiutil",
            "create",
            "-volname",
            branding.product_name,
            "-srcfolder",
            str(bundle),
            "-ov",
            "-format",
            "UDZO",
            str(image),
        ],
    )
    return image


NOT_FOUND = "not found (is it installed and on PATH?)"


def run_tool(name: str, argv: list[str]) -> None:
    """Runs an installer tool; its absence or failure is one BuildError line naming it, with
    the last line it printed (its output is captured so that this line is the build's last)."""
    try:
        result = subprocess.run(argv, capture_output=True, text=True, errors="replace")
    except FileNotFoundError:
        raise BuildError(f"{name}: {NOT_FOUND}") from None
    except OSError as exc:
        raise BuildError(f"{name}: cannot run {argv[0]}: {exc.strerror or exc}") from None
    if result.returncode:
        said = (result.stderr.strip() or result.stdout.strip()).splitlines()[-1:]
        status = f"exit status {result.returncode}"
        if result.returncode < 0:
            status = f"killed by signal {-result.returncode}"
        raise BuildError(f"{name} failed ({status})" + "".join(f": {line}" for line in said))


def build(branding_file: Path | None, dist: Path, work: Path) -> BuildReport:
    """Everything is made in a temporary folder inside `dist` and moved into place only once the
    bundle passed its check and the archive is written: a failed build leaves the previous
    outputs as they were (a new `cartable/` beside an old archive could be handed out)."""
    start = time.perf_counter()
    branding = check_branding(branding_file)
    hicolor = make_icons(work)
    dist.mkdir(parents=True, exist_ok=True)
    build_folders.remove_stale_builds(dist)
    try:
        with build_folders.build_folder(dist) as staging:
            pyinstaller_seconds, bundle, archive = make_outputs(
                branding_file, branding, staging, dist, work, hicolor
            )
            publish(staging, dist)
    except build_folders.LockError as exc:
        raise BuildError(str(exc)) from None
    bundle = dist / bundle.name
    archive = dist / archive.name if archive is not None else None
    size, groups, largest = measure(bundle)
    return BuildReport(
        bundle=bundle,
        archive=archive,
        size=size,
        archive_size=archive.stat().st_size if archive and archive.exists() else None,
        seconds=time.perf_counter() - start,
        pyinstaller_seconds=pyinstaller_seconds,
        groups=groups,
        largest=largest,
    )


def make_outputs(
    branding_file: Path | None,
    branding: Branding,
    staging: Path,
    dist: Path,
    work: Path,
    hicolor: Path,
) -> tuple[float, Path, Path | None]:
    """The bundle and its archive in `staging`: PyInstaller's time, the bundle, the archive."""
    pyinstaller_seconds = run_pyinstaller(branding_file, staging, work, hicolor.parent)
    bundle = staging / ("Cartable.app" if sys.platform == "darwin" else NAME)
    strip_debug_info(data_root(bundle))
    problems = check_bundle(bundle, branding, branding_file is not None)
    if problems:
        raise BuildError("; ".join(problems))
    archive = None
    if sys.platform.startswith("linux"):
        add_desktop_files(bundle, hicolor, branding)
        archive = make_tarball(bundle, staging / archive_name())
    elif sys.platform == "win32":
        archive = make_windows_installer(branding, staging, dist, hicolor.parent / f"{NAME}.ico")
    elif sys.platform == "darwin":
        archive = make_dmg(bundle, branding, staging)
    return pyinstaller_seconds, bundle, archive


def publish(staging: Path, dist: Path) -> None:
    """Moves every output in `staging` to `dist`, each by a rename within `dist`'s file system.
    The outputs they replace are set aside in `dist/.cartable-previous-*` until all are moved
    and put back if a move fails: a failure part-way leaves no new bundle beside an old archive.
    The set-aside folder is in `dist`, not in `staging` (which the build removes whatever
    happens): an output that cannot be put back stays there, and the error says where."""
    outputs = sorted(p for p in staging.iterdir() if p.name != build_folders.LOCK)
    aside = Path(tempfile.mkdtemp(prefix=f".{NAME}-previous-", dir=dist))
    moved: list[tuple[Path, Path]] = []  # (from, to), undone in reverse on a failure
    try:
        for output in outputs:
            target = dist / output.name
            if target.exists() or target.is_symlink():
                target.rename(aside / output.name)
                moved.append((target, aside / output.name))
            output.rename(target)
            moved.append((output, target))
    except BaseException as exc:
        stuck = False
        for source, target in reversed(moved):
            try:
                target.rename(source)
            except OSError:
                stuck = True
        if stuck:
            raise BuildError(
                f"cannot move the build into {dist}: {exc}; and what it replaced could not all "
                f"be put back: the previous outputs are kept in {aside}"
            ) from None
        shutil.rmtree(aside, ignore_errors=True)
        if isinstance(exc, OSError):
            raise BuildError(f"cannot move the build into {dist}: {exc}") from None
        raise
    shutil.rmtree(aside, ignore_errors=True)  # the outputs replaced, no longer needed


def print_report(report: BuildReport) -> None:
    print(f"bundle  {report.bundle}  {report.size / MB:.1f} MB unpacked")
    if report.archive is not None and report.archive_size is not None:
        print(f"archive {report.archive}  {report.archive_size / MB:.1f} MB")
    if report.archive is not None and report.archive.suffix == ".gz":
        print(f"run it  tar xzf {report.archive.name} && ./cartable/cartable self-test")
    print(f"time    {report.seconds:.0f} s (PyInstaller {report.pyinstaller_seconds:.0f} s)")
    print("by kind:")
    for part in report.groups:
        print(f"  {part.size / MB:7.1f} MB  {part.name}")
    print("largest files:")
    for part in report.largest:
        print(f"  {part.size / MB:7.1f} MB  {part.name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python packaging/build.py", description=__doc__)
    parser.add_argument("--branding", type=Path, metavar="FILE", help="the institution's TOML")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output (default dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work")
    args = parser.parse_args(argv)
    try:
        report = build(args.branding, args.dist.resolve(), args.work.resolve())
    except BuildError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("build: interrupted", file=sys.stderr)
        return 130
    print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
