"""packaging/build.py replaces dist/cartable and its .tar.gz together or not at all: a build that
fails after PyInstaller (here, its bundle check) must not leave a new `cartable/` beside the
old archive for someone to hand out.

The real CLI runs with a stand-in `PyInstaller` first on its PYTHONPATH (`-m PyInstaller` is how
build.py calls it): a real PyInstaller run takes a minute (tests/packaging/test_bundle.py).
The stand-in writes a small one-folder bundle where it is told (`--distpath`), complete or with
the course schema missing, which the real bundle check refuses."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FAKE_PYINSTALLER = """
import os, shutil, sys
from pathlib import Path

argv = sys.argv[1:]
dist = Path(argv[argv.index("--distpath") + 1])
bundle = dist / "cartable"
shutil.rmtree(bundle, ignore_errors=True)  # as --noconfirm does
resources = bundle / "_internal" / "resources"
root = Path({root!r})
files = {{
    "schema/course.schema.json": b"{{}}",
    "icons/cartable.svg": b"<svg/>",
    "demo/demo-key.pub": b"key",
    "demo/repository/catalog.json": b"{{}}",
}}
for qm in (root / "resources" / "translations").glob("cartable_*.qm"):
    files[f"translations/{{qm.name}}"] = b"qm"
if os.environ["FAKE_BUNDLE"] == "incomplete":
    del files["schema/course.schema.json"]
for name, data in files.items():
    (resources / name).parent.mkdir(parents=True, exist_ok=True)
    (resources / name).write_bytes(data)
(bundle / "cartable").write_bytes(b"new build")
"""


def run_build(tmp_path: Path, bundle: str) -> subprocess.CompletedProcess[str]:
    fake = tmp_path / "fake-pyinstaller" / "PyInstaller"
    fake.mkdir(parents=True, exist_ok=True)
    (fake / "__init__.py").write_text("", encoding="utf-8")
    (fake / "__main__.py").write_text(FAKE_PYINSTALLER.format(root=str(ROOT)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(fake.parent), "FAKE_BUNDLE": bundle}
    env["QT_QPA_PLATFORM"] = "offscreen"
    command = [sys.executable, str(ROOT / "packaging" / "build.py")]
    command += ["--dist", str(tmp_path / "dist"), "--work", str(tmp_path / "work")]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env, check=False
    )


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every entry under `folder`: a file's bytes, None for a folder."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    """dist/ as an earlier build left it: cartable/ and its archive."""
    dist = tmp_path / "dist"
    (dist / "cartable" / "_internal").mkdir(parents=True)
    (dist / "cartable" / "cartable").write_bytes(b"previous build")
    archive = dist / archive_name()
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(dist / "cartable", arcname="cartable")
    return dist


def archive_name() -> str:
    """build.py's name for the .tar.gz (packaging/ is not a package: loaded by path, under the
    name tests/unit/test_bundle_contents.py gives it)."""
    name = "cartable_packaging_build"
    if name not in sys.modules:
        sys.path.insert(0, str(ROOT / "packaging"))
        spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / "build.py")
        assert spec and spec.loader
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return str(sys.modules[name].archive_name())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .tar.gz is Linux's")
def test_a_bundle_that_fails_its_check_leaves_the_previous_outputs(
    tmp_path: Path, previous: Path
) -> None:
    before = tree(previous)
    result = run_build(tmp_path, "incomplete")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == [
        "build: missing from the bundle: _internal/resources/schema/course.schema.json"
    ]
    assert tree(previous) == before  # no new cartable/, old archive, no temporary folder left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .tar.gz is Linux's")
def test_a_build_that_passes_replaces_the_bundle_and_its_archive(
    tmp_path: Path, previous: Path
) -> None:
    result = run_build(tmp_path, "complete")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in previous.iterdir()) == ["cartable", archive_name()]
    assert (previous / "cartable" / "cartable").read_bytes() == b"new build"
    assert (previous / "cartable" / "install-desktop-entry.sh").is_file()
    with tarfile.open(previous / archive_name()) as tar:
        program = tar.extractfile("cartable/cartable")
        assert program is not None and program.read() == b"new build"
    assert f"bundle  {previous / 'cartable'}" in result.stdout
