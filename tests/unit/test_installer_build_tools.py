"""An external tool the build runs (iscc on Windows, hdiutil on macOS, ldd on Linux) that fails
or is missing is one line naming it and how it failed, not a traceback; dist/ is left as it was.
The failing tools are real executables first on PATH."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from player.branding import Branding
from tests.unit.installer_build_support import build_module, previous_outputs, run_build, tree

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in tools are sh")


def tool(folder: Path, name: str, script: str) -> Path:
    """An executable `name` in `folder` running the sh `script`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    path.chmod(0o755)
    return folder


def test_a_failing_hdiutil_is_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = build_module()
    say = "echo 'creating...'; echo 'hdiutil: create failed - No space left on device' >&2"
    bin_ = tool(tmp_path / "bin", "hdiutil", f"{say}; exit 1")
    monkeypatch.setenv("PATH", f"{bin_}:/usr/bin:/bin")
    with pytest.raises(build.BuildError) as caught:
        build.make_dmg(tmp_path / "Cartable.app", Branding(), tmp_path)
    assert str(caught.value) == (
        "hdiutil failed (exit status 1): hdiutil: create failed - No space left on device"
    )


def test_a_missing_hdiutil_is_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = build_module()
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(build.BuildError) as caught:
        build.make_dmg(tmp_path / "Cartable.app", Branding(), tmp_path)
    assert str(caught.value) == "hdiutil: not found (is it installed and on PATH?)"


def test_a_failing_iscc_is_one_line_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = build_module()
    error = "Error on line 12 in cartable.iss: Column 1: Unknown identifier"
    bin_ = tool(tmp_path / "bin", "iscc", f"echo 'Compiling...'; echo '{error}'; exit 2")
    monkeypatch.setenv("PATH", f"{bin_}:/usr/bin:/bin")
    with pytest.raises(build.BuildError) as caught:
        build.make_windows_installer(Branding(), tmp_path, tmp_path, tmp_path / "cartable.ico")
    assert str(caught.value) == f"iscc failed (exit status 2): {error}"


def test_an_iscc_killed_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build = build_module()
    bin_ = tool(tmp_path / "bin", "iscc", "kill -9 $$")
    monkeypatch.setenv("PATH", f"{bin_}:/usr/bin:/bin")
    with pytest.raises(build.BuildError, match=r"^iscc failed \(killed by signal 9\)$"):
        build.make_windows_installer(Branding(), tmp_path, tmp_path, tmp_path / "cartable.ico")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's")
def test_a_missing_ldd_fails_the_build_in_one_line_and_leaves_dist(tmp_path: Path) -> None:
    dist = previous_outputs(tmp_path / "dist")
    before = tree(dist)
    (tmp_path / "empty").mkdir()
    result = run_build(tmp_path, "with-library", path=str(tmp_path / "empty"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == [
        "build: ldd: not found (is it installed and on PATH?); it checks the bundle's libraries"
    ]
    assert tree(dist) == before


def shared_objects(root: Path) -> Path:
    """A bundle's data folder with one library `strip` is run on and one it must not touch."""
    (root / "lib").mkdir(parents=True)
    (root / "lib" / "libpython3.11.so.1.0").write_bytes(b"\x7fELF not really")
    (root / "PySide6").mkdir()
    (root / "PySide6" / "libQt6Core.so.6").write_bytes(b"\x7fELF Qt's own")
    return root


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="strip runs on Linux only")
def test_a_failing_strip_is_one_line_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = build_module()
    root = shared_objects(tmp_path / "bundle")
    bin_ = tool(tmp_path / "bin", "strip", 'echo "strip: $2: memory exhausted" >&2; exit 1')
    monkeypatch.setenv("PATH", f"{bin_}:/usr/bin:/bin")
    with pytest.raises(build.BuildError) as caught:
        build.strip_debug_info(root)
    assert str(caught.value) == (
        f"strip failed on lib/libpython3.11.so.1.0 (exit status 1): "
        f"strip: {root}/lib/libpython3.11.so.1.0: memory exhausted"
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="strip runs on Linux only")
def test_a_strip_that_does_not_know_the_format_leaves_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = build_module()
    root = shared_objects(tmp_path / "bundle")
    said = 'echo "strip: $2: file format not recognized" >&2; exit 1'
    monkeypatch.setenv("PATH", f"{tool(tmp_path / 'bin', 'strip', said)}:/usr/bin:/bin")
    assert build.strip_debug_info(root) == 0
    assert (root / "lib" / "libpython3.11.so.1.0").read_bytes() == b"\x7fELF not really"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="strip runs on Linux only")
def test_a_hung_strip_is_stopped_and_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A `strip` that never answers (here a wrapper whose child sleeps and holds its stderr)
    hung the build: it is killed after STRIP_TIMEOUT_S (made short here), its child too (or
    reading the stderr would wait for the child: this test would hang), and the line names
    the file."""
    build = build_module()
    root = shared_objects(tmp_path / "bundle")
    bin_ = tool(tmp_path / "bin", "strip", "sleep 3600 & wait")
    monkeypatch.setenv("PATH", f"{bin_}:/usr/bin:/bin")
    monkeypatch.setattr(build, "STRIP_TIMEOUT_S", 0.5)
    with pytest.raises(build.BuildError) as caught:
        build.strip_debug_info(root)
    assert str(caught.value) == "strip: no answer in 0.5 s for lib/libpython3.11.so.1.0"
