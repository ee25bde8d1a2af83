"""packaging/build.py replaces dist/cartable and its .tar.gz together or not at all: a build that
fails after PyInstaller (here, its bundle check) must not leave a new `cartable/` beside the
old archive for someone to hand out.

The real CLI runs with a stand-in `PyInstaller` (tests/unit/installer_build_support.py)."""

from __future__ import annotations

import fnmatch
import sys
import tarfile
from pathlib import Path

import pytest

from tests.unit.installer_build_support import (
    archive_name,
    build_module,
    previous_outputs,
    run_build,
    tree,
)


@pytest.fixture
def previous(tmp_path: Path) -> Path:
    return previous_outputs(tmp_path / "dist")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .tar.gz is Linux's")
def test_a_bundle_without_the_earlier_demo_keys_fails_its_check(
    tmp_path: Path, previous: Path
) -> None:
    """Without them a home holding an earlier demo never gets the one the installer ships."""
    result = run_build(tmp_path, "no-earlier-demo-keys")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == [
        "build: missing from the bundle: _internal/resources/demo/earlier-keys"
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .tar.gz is Linux's")
def test_a_bundle_without_a_combo_box_arrow_fails_its_check(tmp_path: Path, previous: Path) -> None:
    """Without it (here the light scheme's disabled arrow) a drop-down list shows no arrow."""
    result = run_build(tmp_path, "no-combo-arrow")
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == [
        "build: missing from the bundle: _internal/resources/icons/combo-arrow-5b616b.svg"
    ]


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


# -- publish(): the moves themselves (a rename that fails cannot be made real as root: it is
# made to fail here, on the paths chosen) ---------------------------------------------------


def outputs(tmp_path: Path) -> tuple[Path, Path]:
    """A dist with last build's bundle and archive, and a staging folder with the new ones."""
    dist, staging = tmp_path / "dist", tmp_path / "dist" / ".cartable-build-x"
    for folder, content in ((dist, "old"), (staging, "new")):
        (folder / "cartable").mkdir(parents=True)
        (folder / "cartable" / "cartable").write_text(content)
        (folder / "cartable.tar.gz").write_text(content)
    return dist, staging


def fail_renames(monkeypatch: pytest.MonkeyPatch, *failing: str) -> None:
    """Path.rename raises for a move matching one of `failing` (fnmatch patterns of
    "from>to", each path given by its last two parts)."""
    real = Path.rename

    def rename(self: Path, target: Path) -> Path:  # type: ignore[override]
        move = f"{self.parent.name}/{self.name}>{Path(target).parent.name}/{Path(target).name}"
        if any(fnmatch.fnmatchcase(move, pattern) for pattern in failing):
            raise OSError(5, "Input/output error")
        return real(self, target)

    monkeypatch.setattr(Path, "rename", rename)


def test_publish_replaces_both_outputs_and_leaves_nothing_aside(tmp_path: Path) -> None:
    dist, staging = outputs(tmp_path)
    build_module().publish(staging, dist)
    assert (dist / "cartable" / "cartable").read_text() == "new"
    assert (dist / "cartable.tar.gz").read_text() == "new"
    assert sorted(p.name for p in dist.iterdir()) == [
        ".cartable-build-x",
        "cartable",
        "cartable.tar.gz",
    ]


def test_a_move_that_fails_puts_the_previous_outputs_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build = build_module()
    dist, staging = outputs(tmp_path)
    fail_renames(monkeypatch, ".cartable-build-x/cartable.tar.gz>dist/cartable.tar.gz")
    with pytest.raises(
        build.BuildError, match=r"^cannot move the build into .*Input/output error$"
    ):
        build.publish(staging, dist)
    assert (dist / "cartable" / "cartable").read_text() == "old"
    assert (dist / "cartable.tar.gz").read_text() == "old"
    assert not list(dist.glob(".cartable-previous-*"))


def test_a_previous_output_that_cannot_be_put_back_is_kept_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The set-aside folder was inside the staging folder, which the build then removed: the
    previous bundle was deleted, and dist held neither it nor the new one."""
    build = build_module()
    dist, staging = outputs(tmp_path)
    fail_renames(
        monkeypatch,
        ".cartable-build-x/cartable.tar.gz>dist/cartable.tar.gz",  # the second move fails
        ".cartable-previous-*/cartable>dist/cartable",  # and the old bundle cannot go back
    )
    with pytest.raises(build.BuildError) as caught:
        build.publish(staging, dist)
    (aside,) = dist.glob(".cartable-previous-*")
    assert str(caught.value).endswith(f"the previous outputs are kept in {aside}")
    assert "\n" not in str(caught.value)
    assert (aside / "cartable" / "cartable").read_text() == "old"
