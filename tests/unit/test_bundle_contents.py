"""What the installer bundle collects (packaging/bundle_contents.py) and the parts of
packaging/build.py that run before and after PyInstaller: branding checks, icons, desktop entry.
The real build is tests/packaging/test_bundle.py."""

from __future__ import annotations

import importlib.util
import re
import struct
import sys
from pathlib import Path
from types import ModuleType

import pytest

import player.selftest
from player.branding import Branding
from player.course.manifest import QuizUnit, SlidesUnit, VideoUnit
from player.course.package import verify_path
from player.course.signing import PublicKey

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load(name: str, as_name: str) -> ModuleType:
    """packaging/<name>.py as build.py and the spec see it (packaging/ is not a package: its
    name would shadow the `packaging` library)."""
    if str(PACKAGING) not in sys.path:
        sys.path.insert(0, str(PACKAGING))
    if as_name in sys.modules:
        return sys.modules[as_name]
    spec = importlib.util.spec_from_file_location(as_name, PACKAGING / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[as_name] = module
    spec.loader.exec_module(module)
    return module


contents = load("bundle_contents", "bundle_contents")  # the name build.py imports it by
build = load("build", "cartable_packaging_build")


def qt_modules_imported() -> set[str]:
    found: set[str] = set()
    for path in [*ROOT.joinpath("player").rglob("*.py"), *ROOT.joinpath("sync").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        found.update(re.findall(r"PySide6\.(Qt\w+)", text))
        for names in re.findall(r"from PySide6 import \(?([\w, \n]+)\)?", text):
            found.update(n.strip() for n in names.split(",") if n.strip().startswith("Qt"))
    return found


def test_every_qt_module_the_code_imports_is_collected() -> None:
    missing = qt_modules_imported() - set(contents.QT_MODULES)
    assert not missing, f"add to QT_MODULES in packaging/bundle_contents.py: {sorted(missing)}"
    assert player.selftest.QT_MODULES == contents.QT_MODULES


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", True),
        ("PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", False),
        ("PySide6/Qt/plugins/wayland-graphics-integration-client/libvulkan-server.so", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),  # not a plugin
        ("resources/demo/repository/catalog.json", True),
    ],
)
def test_plugins_kept(dest: str, kept: bool) -> None:
    assert contents.keep_plugin(dest) is kept


@pytest.mark.parametrize(
    ("dest", "name"),
    [
        ("PySide6/Qt/lib/libQt6Quick.so.6", "Quick"),
        ("PySide6/Qt/lib/libQt6FFmpegStub-va.so.2", "FFmpegStub-va"),
        ("PySide6/Qt6Core.dll", "Core"),
        ("PySide6/Qt/lib/QtGui.framework/Versions/A/QtGui", "Gui"),
        ("PySide6/QtCore.abi3.so", None),
        ("libpython3.11.so.1.0", None),
    ],
)
def test_qt_library_names(dest: str, name: str | None) -> None:
    assert contents.qt_library(dest) == name


def test_forbidden_families() -> None:
    for name in ("Quick", "Qml", "3DCore", "WebEngineCore", "VirtualKeyboard", "Charts"):
        assert contents.FORBIDDEN_QT.match(name), name
    for name in contents.QT_MODULES:
        assert not contents.FORBIDDEN_QT.match(name.removeprefix("Qt")), name
    assert contents.pyside_module("PySide6/QtQuick.abi3.so") == "QtQuick"
    assert contents.pyside_module("PySide6/Qt/lib/libQt6Core.so.6") is None


def test_qt_translations_only_for_shipped_languages() -> None:
    languages = ("en", "fr")
    keep = contents.keep_qt_translation
    assert keep("PySide6/Qt/translations/qtbase_fr.qm", languages)
    assert keep("PySide6/Qt/translations/qtmultimedia_en.qm", languages)
    assert not keep("PySide6/Qt/translations/qtbase_de.qm", languages)
    assert not keep("PySide6/Qt/translations/qtdeclarative_fr.qm", languages)
    assert keep("resources/translations/cartable_fr.qm", languages)
    assert set(contents.shipped_languages()) >= {"en", "fr"}


def test_resources_follow_include_demo(tmp_path: Path) -> None:
    with_demo = [f.dest_folder for f in contents.resource_files(True, None, None)]
    assert "resources/demo" in with_demo and "resources/schema" in with_demo
    assert any(d.startswith("resources/demo/repository/blobs/") for d in with_demo)
    selftest = contents.make_selftest_course(tmp_path / "selftest")
    without = [f.dest_folder for f in contents.resource_files(False, None, None, selftest)]
    assert not any(d.startswith("resources/demo") for d in without)
    assert "resources/selftest" in without


def test_selftest_course_is_small_signed_and_has_what_the_checks_use(tmp_path: Path) -> None:
    folder = contents.make_selftest_course(tmp_path / "selftest")
    key = PublicKey.from_file(folder / "selftest-key.pub")
    verified = verify_path(folder / "repository", [key])
    course = verified.courses[0].course
    assert course.id == player.selftest.SELFTEST_COURSE_ID == contents.SELFTEST_COURSE_ID
    kinds = {type(unit) for _, unit in course.units()}
    assert kinds == {VideoUnit, SlidesUnit, QuizUnit}
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    assert size < 400_000
    assert not (folder / "source").exists()


def test_ico_and_icns_hold_every_size() -> None:
    pngs = {s: b"\x89PNG" + bytes([s % 256]) * 10 for s in (16, 32, 64, 128, 256, 512, 1024)}
    ico = build.ico_bytes({s: pngs[s] for s in (16, 32, 256)})
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 3)
    width, _, _, _, _, bits, length, offset = struct.unpack("<BBBBHHII", ico[6 + 32 : 6 + 48])
    assert width == 0 and bits == 32  # 0 means 256
    assert ico[offset : offset + length] == pngs[256]
    icns = build.icns_bytes(pngs)
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert b"ic10" in icns and b"icp4" in icns


def test_desktop_entry_is_valid_and_branded() -> None:
    text = build.desktop_entry(Branding(product_name="Cartable UT"))
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    entries = dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))
    assert entries["Type"] == "Application" and entries["Name"] == "Cartable UT"
    assert entries["Exec"] == "cartable" and entries["Icon"] == "cartable"
    assert entries["Categories"].endswith(";") and entries["Keywords"].endswith(";")
    assert build.desktop_entry(Branding()).count("Name=Cartable\n") == 1


def test_branding_mistakes_stop_the_build_naming_the_key(tmp_path: Path) -> None:
    path = tmp_path / "ut.toml"
    path.write_text("default_language = 'de'\n", encoding="utf-8")
    with pytest.raises(build.BuildError, match=r"default_language: no 'de' translation"):
        build.check_branding(path)
    path.write_text("accent_color = 'red'\n", encoding="utf-8")
    with pytest.raises(build.BuildError, match=r"ut.toml: accent_color: 'red' is not a colour"):
        build.check_branding(path)
    with pytest.raises(build.BuildError, match="no such branding file"):
        build.check_branding(tmp_path / "absent.toml")


def test_a_folder_given_as_branding_is_said_to_be_a_folder(tmp_path: Path) -> None:
    """An IT person pointing --branding at the folder holding the file was told it did not
    exist."""
    with pytest.raises(build.BuildError) as caught:
        build.check_branding(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path}: is a folder; --branding takes a branding file (a .toml)"
    )


def test_a_branding_mistake_names_the_file_as_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As packaging/README.md shows it (`build: ut.toml: lrs.auth: …`): the loader's mistakes
    named the absolute path, the build's own (default_language) the file as typed."""
    monkeypatch.chdir(tmp_path)
    lrs = "[lrs]\nendpoint = 'https://lrs.org/'\nauth = 'oauth'\n"
    Path("ut.toml").write_text(lrs, encoding="utf-8")
    Path("de.toml").write_text("default_language = 'de'\n", encoding="utf-8")
    for name, where in (("ut.toml", "lrs.auth"), ("de.toml", "default_language")):
        with pytest.raises(build.BuildError) as caught:
            build.check_branding(Path(name))
        assert str(caught.value).startswith(f"{name}: {where}: "), str(caught.value)


def test_build_cli_refuses_a_bad_branding_in_one_line(tmp_path: Path) -> None:
    import subprocess

    path = tmp_path / "bad.toml"
    path.write_text(
        "[lrs]\nendpoint = 'https://lrs.example.org/'\nauth = 'oauth'\n", encoding="utf-8"
    )
    outputs = ["--dist", str(tmp_path / "dist"), "--work", str(tmp_path / "work")]  # not the repo's
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), "--branding", str(path), *outputs],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"build: {path}: lrs.auth: must be one of basic, token, not 'oauth'"
    ]
    assert not (tmp_path / "dist").exists() and not (tmp_path / "work").exists()


ADD_KEY = (
    "add the public key that signs them, the line its KEY.pub holds "
    "('cartable-ed25519 …', from cartable-pack keygen)"
)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (  # the audit's: every course of the catalog refused, and no unsigned archive either
            "catalogs = ['https://cours.ut.example/']\ntrusted_keys = []\n"
            "allow_unsigned_archives = false\n",
            "is empty and allow_unsigned_archives = false, so the player would refuse every "
            f"course of its catalogs: {ADD_KEY}",
        ),
        (
            "catalogs = ['/media/usb/cours']\nallow_unsigned_archives = false\n",
            "is empty and allow_unsigned_archives = false, so the player would refuse every "
            f"course of its catalogs: {ADD_KEY}",
        ),
        (  # unsigned courses of the folder may install (unverified), none of the server's
            "catalogs = ['/media/usb/cours', 'http://192.168.1.12:8475/']\n",
            "is empty, so the player would refuse every course of 'http://192.168.1.12:8475/' "
            f"(a server's courses must be signed by a trusted key): {ADD_KEY}",
        ),
    ],
)
def test_a_branding_whose_catalogs_no_key_can_sign_stops_the_build(
    tmp_path: Path, text: str, reason: str
) -> None:
    """It built without a word, and its player refused every course of its catalogs."""
    path = tmp_path / "ut.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(build.BuildError) as caught:
        build.check_branding(path)
    assert str(caught.value) == f"{path}: trusted_keys: {reason}"


def test_a_branding_that_can_install_is_built_without_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = PublicKey.from_text(
        "cartable-ed25519 G3/ajx87baCGk0U5Zc+sYZ7RJVsSlyEltPqtdYB6w9k= UT", "test"
    ).to_text()
    path = tmp_path / "ut.toml"
    for text in (
        f"catalogs = ['https://cours.ut.example/']\ntrusted_keys = ['{key}']\n"
        "allow_unsigned_archives = false\n",
        "catalogs = ['/media/usb/cours']\n",  # a teacher's unsigned courses, as unverified
        "product_name = 'Cartable UT'\n",  # unsigned archives, after a warning
    ):
        path.write_text(text, encoding="utf-8")
        build.check_branding(path)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("demo", [True, False])
def test_a_branding_installing_only_what_each_computer_trusts_is_built_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], demo: bool
) -> None:
    """No catalog, no key, no unsigned archive: what a lab's admin trusts on each computer
    (cartable trust add) may be meant, so the build goes on, saying what the player will do."""
    path = tmp_path / "ut.toml"
    path.write_text(
        f"allow_unsigned_archives = false\ninclude_demo = {str(demo).lower()}\n",
        encoding="utf-8",
    )
    assert build.check_branding(path).trusted_keys == ()
    what = "the demo course and " if demo else ""
    assert capsys.readouterr().err == (
        f"build: warning: {path}: trusted_keys: is empty and allow_unsigned_archives = false, "
        f"so the player will install only {what}courses signed by a key added on each computer "
        "(Settings or cartable trust add); unless that is meant, add the public key that signs "
        "your courses\n"
    )


def test_build_cli_refuses_the_audit_branding_in_one_line(tmp_path: Path) -> None:
    import subprocess

    path = tmp_path / "ut.toml"
    path.write_text(
        "product_name = 'Cartable UT'\ncatalogs = ['http://cours.ut.example/']\n"
        "trusted_keys = []\nallow_unsigned_archives = false\n",
        encoding="utf-8",
    )
    outputs = ["--dist", "dist", "--work", "work"]  # where a build let through would go
    result = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), "--branding", "ut.toml", *outputs],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "build: ut.toml: trusted_keys: is empty and allow_unsigned_archives = false, so the "
        f"player would refuse every course of its catalogs: {ADD_KEY}"
    ]
    assert not (tmp_path / "dist").exists() and not (tmp_path / "work").exists()


@pytest.mark.parametrize(
    ("relative", "group"),
    [
        ("PySide6/Qt/lib/libicudata.so.73", "ICU (Qt text)"),
        ("PySide6/Qt/lib/libavcodec.so.61", "FFmpeg (Qt multimedia)"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "Qt libraries"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "Qt plugins"),
        ("PySide6/QtGui.abi3.so", "PySide6 bindings"),
        ("libpython3.11.so.1.0", "Python"),
        ("resources/demo/repository/catalog.json", "demo course"),
        ("resources/schema/course.schema.json", "Cartable resources"),
        ("libcrypto.so.3", "other native libraries"),
    ],
)
def test_size_groups(relative: str, group: str) -> None:
    assert build.group_of(relative) == group
