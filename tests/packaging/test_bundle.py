"""The branded installer, built for real with packaging/build.py, unpacked from its .tar.gz in a
fresh folder and run with a fresh CARTABLE_HOME and no virtual environment: it passes its
self-test, trusts the institution's key (and cannot be made to forget it), reads and verifies
the institution's catalog, installs a course from it, starts its window on X11 (Xvfb) and
offscreen, and `include_demo = false` leaves the demo and its key out.

Slow (two builds, about a minute each here): marked `bundle`. How long a build takes is for
benchmarks/bundle.py to measure (python -m benchmarks bundle), never asserted here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from player import __version__
from player.course.signing import PublicKey
from tests.support import BuiltCourse, build_toy

pytestmark = pytest.mark.bundle

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = "Cartable Université de Test"
ARCHIVE = f"cartable-{__version__}-linux-x86_64.tar.gz"
HICOLOR = ("16x16", "22x22", "24x24", "32x32", "48x48", "64x64", "128x128", "256x256", "512x512")
DEMO_KEY_ID = PublicKey.from_file(ROOT / "resources" / "demo" / "demo-key.pub").key_id


@dataclass(frozen=True)
class Built:
    branding: Path
    toy: BuiltCourse
    archive: Path
    unpacked: Path  # the `cartable` folder, unpacked elsewhere
    output: str

    @property
    def exe(self) -> Path:
        return self.unpacked / "cartable"


def write_branding(folder: Path, toy: BuiltCourse, include_demo: bool) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "img").mkdir()
    shutil.copyfile(ROOT / "resources" / "icons" / "cartable.svg", folder / "img" / "logo.svg")
    path = folder / "ut.toml"
    path.write_text(
        f"""product_name = "{PRODUCT}"
institution = "Université de Test"
logo = "img/logo.svg"
accent_color = "#26a269"
catalogs = ["{toy.repo}"]
trusted_keys = ["{toy.public.to_text()} Université de Test"]
default_language = "fr"
allow_unsigned_archives = false
include_demo = {"true" if include_demo else "false"}

[lrs]
endpoint = "https://lrs.example.org/xAPI/"
auth = "basic"
""",
        encoding="utf-8",
    )
    return path


def build_and_unpack(tmp: Path, include_demo: bool, work: Path) -> Built:
    toy = build_toy(tmp / "institution")
    branding = write_branding(tmp / "branding", toy, include_demo)
    dist = tmp / "dist"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build.py"),
            "--branding",
            str(branding),
            "--dist",
            str(dist),
            "--work",
            str(work),
        ],
        capture_output=True,
        text=True,
        timeout=1500,  # a guard against a hung build, not a measure
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    print(f"\nbundle build (include_demo={include_demo}):\n{result.stdout}")
    archive = dist / ARCHIVE
    fresh = tmp / "fresh-machine"
    fresh.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(fresh, filter="data")
    return Built(branding, toy, archive, fresh / "cartable", result.stdout)


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pyinstaller-work")  # shared: the second build reuses it


@pytest.fixture(scope="module")
def branded(tmp_path_factory: pytest.TempPathFactory, work: Path) -> Built:
    return build_and_unpack(tmp_path_factory.mktemp("branded"), True, work)


@pytest.fixture(scope="module")
def without_demo(tmp_path_factory: pytest.TempPathFactory, work: Path) -> Built:
    return build_and_unpack(tmp_path_factory.mktemp("nodemo"), False, work)


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """A learner's session: no virtual environment, no PYTHONPATH, no display."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home.parent),
        "LANG": "C.UTF-8",
        "CARTABLE_HOME": str(home),
        **extra,
    }
    for name in ("XDG_RUNTIME_DIR", "TMPDIR"):
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def run(built: Built, home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(built.exe), *args],
        capture_output=True,
        text=True,
        env=clean_env(home, **env),
        cwd=built.unpacked.parent,
        timeout=120,
        check=False,
    )


def check_lines(stdout: str) -> dict[str, str]:
    found = {}
    for line in stdout.splitlines():
        match = re.match(r"^(ok|FAIL) ([a-z]+)\b(.*)$", line)
        assert match, f"not a check line: {line!r}"
        found[match[2]] = match[1] + match[3]
    return found


def test_build_reports_size_and_largest_parts(branded: Built) -> None:
    out = branded.output
    assert re.search(r"bundle .*/cartable +\d+\.\d MB unpacked", out)
    assert re.search(rf"archive .*/{re.escape(ARCHIVE)} +\d+\.\d MB", out)
    assert "by kind:" in out and "largest files:" in out and "Qt libraries" in out
    assert branded.archive.stat().st_size > 10_000_000


def test_archive_holds_the_bundle_desktop_entry_and_icons(branded: Built) -> None:
    with tarfile.open(branded.archive) as tar:
        names = set(tar.getnames())
        desktop = tar.extractfile("cartable/share/applications/cartable.desktop")
        assert desktop is not None
        entry = desktop.read().decode("utf-8")
    assert {"cartable/cartable", "cartable/install-desktop-entry.sh"} <= names
    for size in HICOLOR:
        assert f"cartable/share/icons/hicolor/{size}/apps/cartable.png" in names
    assert "cartable/share/icons/hicolor/scalable/apps/cartable.svg" in names
    assert f"Name={PRODUCT}\n" in entry and "Exec=cartable\n" in entry
    resources = branded.unpacked / "_internal" / "resources"
    assert (resources / "branding.toml").read_bytes() == branded.branding.read_bytes()
    assert (resources / "img" / "logo.svg").is_file()
    assert (resources / "demo" / "repository" / "catalog.json").is_file()
    png = branded.unpacked / "share/icons/hicolor/48x48/apps/cartable.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_no_stray_qt_in_the_unpacked_bundle(branded: Built) -> None:
    internal = branded.unpacked / "_internal"
    names = {p.name for p in internal.rglob("*")}
    for stray in ("libQt6WebEngineCore.so.6", "libQt6VirtualKeyboard.so.6", "libQt63DCore.so.6"):
        assert stray not in names
    assert "QtQml.abi3.so" not in names and "QtQuick.abi3.so" not in names
    plugins = internal / "PySide6" / "Qt" / "plugins"
    assert not (plugins / "platforms" / "libqeglfs.so").exists()
    assert (plugins / "platforms" / "libqxcb.so").is_file()
    assert (plugins / "multimedia" / "libffmpegmediaplugin.so").is_file()


def test_unpacked_bundle_passes_its_self_test(branded: Built, tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run(branded, home, "self-test")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = check_lines(result.stdout)
    assert all(v.startswith("ok") for v in lines.values()), result.stdout
    assert {"video", "slides", "quiz", "statements", "signature", "course"} <= set(lines)
    assert f"{PRODUCT}: 1 key, 1 catalog, demo included" in lines["branding"]
    assert "1 course verified with the installer's keys" in lines["catalogs"]
    assert "les-mooc" in lines["course"]
    assert not home.exists()  # the self-test used a temporary home


def test_institution_key_is_trusted_and_cannot_be_removed(branded: Built, tmp_path: Path) -> None:
    home = tmp_path / "home"
    listed = run(branded, home, "trust", "list")
    assert listed.returncode == 0, listed.stderr
    # `<key id>\t<origin>[ (scope)][  comment]`
    origins = {
        key_id: rest.split("  ")[0]
        for key_id, rest in (line.split("\t", 1) for line in listed.stdout.splitlines())
    }
    assert origins[branded.toy.public.key_id] == "branding"
    assert origins[DEMO_KEY_ID].startswith("demo")
    removed = run(branded, home, "trust", "remove", branded.toy.public.key_id)
    assert removed.returncode == 1 and "comes with this installer" in removed.stderr
    assert "Traceback" not in removed.stderr


def test_first_start_installs_the_demo_and_the_catalog_course_installs(
    branded: Built, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    started = run(branded, home, QT_QPA_PLATFORM="offscreen", CARTABLE_QUIT_AFTER_START="1")
    assert started.returncode == 0, started.stderr
    imported = run(branded, home, "import", str(branded.toy.repo))
    assert imported.returncode == 0, imported.stderr
    listed = run(branded, home, "courses", "list").stdout
    assert "les-mooc\t1.0.3\tverified" in listed
    assert "toy\t1.0.0\tverified" in listed
    # allow_unsigned_archives = false: the installer refuses what nobody signed.
    refused = run(branded, home, "import", str(branded.toy.repo), "--allow-unsigned")
    assert refused.returncode == 1 and "does not accept unsigned courses" in refused.stderr


def test_window_starts_on_x11(branded: Built, tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = clean_env(home, CARTABLE_QUIT_AFTER_START="1")
    result = subprocess.run(
        ["xvfb-run", "-a", str(branded.exe)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "could not load the Qt platform plugin" not in result.stderr.lower()
    assert (home / "data").is_dir()


def test_desktop_entry_script_installs_and_removes(branded: Built, tmp_path: Path) -> None:
    data = tmp_path / "share"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(data)}
    script = branded.unpacked / "install-desktop-entry.sh"
    done = subprocess.run(["sh", str(script)], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    entry = (data / "applications" / "cartable.desktop").read_text(encoding="utf-8")
    assert f'Exec="{branded.exe}"' in entry and f"Name={PRODUCT}" in entry
    assert (data / "icons/hicolor/256x256/apps/cartable.png").is_file()
    subprocess.run(["sh", str(script), "--remove"], env=env, check=True, capture_output=True)
    assert not (data / "applications" / "cartable.desktop").exists()
    assert not (data / "icons/hicolor/256x256/apps/cartable.png").exists()


def test_include_demo_false_leaves_the_demo_and_its_key_out(
    without_demo: Built, tmp_path: Path
) -> None:
    resources = without_demo.unpacked / "_internal" / "resources"
    assert not (resources / "demo").exists()
    assert (resources / "selftest" / "repository" / "catalog.json").is_file()
    home = tmp_path / "home"
    test = run(without_demo, home, "self-test")
    assert test.returncode == 0, test.stdout + test.stderr
    lines = check_lines(test.stdout)
    assert "demo left out" in lines["branding"]
    assert "cartable-selftest" in lines["course"] and "cartable-selftest" in lines["signature"]
    started = run(without_demo, home, QT_QPA_PLATFORM="offscreen", CARTABLE_QUIT_AFTER_START="1")
    assert started.returncode == 0, started.stderr
    assert "no course installed" in run(without_demo, home, "courses", "list").stdout
    listed = run(without_demo, home, "trust", "list").stdout
    assert DEMO_KEY_ID not in listed
    assert without_demo.toy.public.key_id in listed
