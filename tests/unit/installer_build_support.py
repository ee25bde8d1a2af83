"""packaging/build.py run for real with a stand-in `PyInstaller` first on its PYTHONPATH (`-m
PyInstaller` is how build.py calls it): a real PyInstaller run takes a minute
(tests/packaging/test_bundle.py). The stand-in writes a small one-folder bundle where it is told
(`--distpath`): complete, with the course schema missing (which the real bundle check refuses),
with a combo box's arrow missing, with a shared library (which the check reads with ldd), or not
at all: "hang" writes its pid to FAKE_STARTED and waits for FAKE_RELEASE to exist, then fails."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from tests import children

ROOT = Path(__file__).resolve().parents[2]

FAKE_PYINSTALLER = """
import os, shutil, sys, time
from pathlib import Path

if os.environ["FAKE_BUNDLE"] == "hang":
    Path(os.environ["FAKE_STARTED"]).write_text(str(os.getpid()))
    deadline = time.monotonic() + 120
    while not Path(os.environ["FAKE_RELEASE"]).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    sys.exit("released")
argv = sys.argv[1:]
dist = Path(argv[argv.index("--distpath") + 1])
bundle = dist / "cartable"
shutil.rmtree(bundle, ignore_errors=True)  # as --noconfirm does
resources = bundle / "_internal" / "resources"
root = Path({root!r})
files = {{
    "schema/course.schema.json": b"{{}}",
    "demo/demo-key.pub": b"key",
    "demo/earlier-keys/les-mooc-1.0.1.pub": b"key",
    "demo/repository/catalog.json": b"{{}}",
}}
for qm in (root / "resources" / "translations").glob("cartable_*.qm"):
    files[f"translations/{{qm.name}}"] = b"qm"
for svg in (root / "resources" / "icons").glob("*.svg"):
    files[f"icons/{{svg.name}}"] = b"<svg/>"
if os.environ["FAKE_BUNDLE"] == "incomplete":
    del files["schema/course.schema.json"]
if os.environ["FAKE_BUNDLE"] == "no-earlier-demo-keys":
    del files["demo/earlier-keys/les-mooc-1.0.1.pub"]
if os.environ["FAKE_BUNDLE"] == "no-combo-arrow":
    del files["icons/combo-arrow-5b616b.svg"]
if os.environ["FAKE_BUNDLE"] == "with-library":
    files["../libextra.so.1"] = b"not really ELF"
for name, data in files.items():
    (resources / name).parent.mkdir(parents=True, exist_ok=True)
    (resources / name).write_bytes(data)
(bundle / "cartable").write_bytes(b"new build")
"""


def build_command(
    tmp_path: Path, bundle: str, work: str = "work", path: str | None = None
) -> tuple[list[str], dict[str, str]]:
    """The build's command line and environment, the stand-in told to make `bundle`; `path`
    replaces PATH."""
    fake = tmp_path / "fake-pyinstaller" / "PyInstaller"
    fake.mkdir(parents=True, exist_ok=True)
    (fake / "__init__.py").write_text("", encoding="utf-8")
    (fake / "__main__.py").write_text(FAKE_PYINSTALLER.format(root=str(ROOT)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(fake.parent), "FAKE_BUNDLE": bundle}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["FAKE_STARTED"] = str(tmp_path / "fake-started")
    env["FAKE_RELEASE"] = str(tmp_path / "fake-release")
    if path is not None:
        env["PATH"] = path
    command = [sys.executable, str(ROOT / "packaging" / "build.py")]
    command += ["--dist", str(tmp_path / "dist"), "--work", str(tmp_path / work)]
    return command, env


def run_build(
    tmp_path: Path, bundle: str, work: str = "work", path: str | None = None
) -> subprocess.CompletedProcess[str]:
    command, env = build_command(tmp_path, bundle, work, path)
    return subprocess.run(
        command, capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env, check=False
    )


@contextlib.contextmanager
def hanging_build(tmp_path: Path, work: str) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """A build waiting in its (stand-in) PyInstaller, and that stand-in's pid; what still runs of
    them at the end of the block is killed."""
    command, env = build_command(tmp_path, "hang", work)
    started = Path(env["FAKE_STARTED"])
    started.unlink(missing_ok=True)
    with children.started(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as child:
        deadline = time.monotonic() + 120
        while not started.exists() or not started.read_text():
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "the build did not reach PyInstaller"
            time.sleep(0.05)
        yield child, int(started.read_text())


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every entry under `folder`: a file's bytes, None for a folder."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def build_module() -> ModuleType:
    """packaging/build.py (not a package: loaded by path, under the name
    tests/unit/test_bundle_contents.py gives it)."""
    name = "cartable_packaging_build"
    if name not in sys.modules:
        sys.path.insert(0, str(ROOT / "packaging"))
        spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / "build.py")
        assert spec and spec.loader
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


def archive_name() -> str:
    return str(build_module().archive_name())


def previous_outputs(dist: Path) -> Path:
    """`dist` as an earlier build left it: cartable/ and its archive."""
    (dist / "cartable" / "_internal").mkdir(parents=True)
    (dist / "cartable" / "cartable").write_bytes(b"previous build")
    with tarfile.open(dist / archive_name(), "w:gz") as tar:
        tar.add(dist / "cartable", arcname="cartable")
    return dist
