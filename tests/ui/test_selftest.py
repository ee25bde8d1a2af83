"""`cartable self-test` from source: every check passes on the demo, nothing lands in the
learner's CARTABLE_HOME, and a broken installation prints FAIL lines and exits 1 (the frozen
bundle runs the same checks in tests/packaging/test_bundle.py)."""

from __future__ import annotations

import io
import re
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import player.selftest as selftest
from player.branding import Branding, load_branding
from player.course.signing import PrivateKey, PublicKey
from player.paths import demo_repository
from player.selftest import Material, SelfTest, find_material
from tests.support import ROOT, build_toy, run_cli

LINE = re.compile(r"^(ok (?P<ok>[a-z]+) \(\d+ ms(, .+)?\)|FAIL (?P<fail>[a-z]+): .+)$")
CHECKS = [
    "qt",
    "branding",
    "profile",
    "course",
    "video",
    "slides",
    "quiz",
    "statements",
    "signature",
    "catalogs",
]


def parse(stdout: str) -> dict[str, bool]:
    found: dict[str, bool] = {}
    for line in stdout.splitlines():
        match = LINE.match(line)
        assert match, f"not a check line: {line!r}"
        found[match["ok"] or match["fail"]] = match["ok"] is not None
    return found


def test_self_test_from_source_passes_without_touching_the_home(tmp_path: Path) -> None:
    home = tmp_path / "learner-home"
    no_display = {"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    result = run_cli("-m", "player", "self-test", env={"CARTABLE_HOME": str(home), **no_display})
    assert result.returncode == 0, result.stdout + result.stderr
    assert parse(result.stdout) == dict.fromkeys(CHECKS, True)
    assert "offscreen platform" in result.stdout  # no display: it chose offscreen itself
    assert "4 statements written and read back" in result.stdout
    assert "a stranger's key refused" in result.stdout
    assert not home.exists()
    assert "Traceback" not in result.stderr


def _run(tmp_path: Path, material: Material, monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    monkeypatch.setattr(selftest, "find_material", lambda branding: material)
    monkeypatch.setattr(selftest, "ensure_demo", _install_from(material.repository))
    out = io.StringIO()
    passed = SelfTest(tmp_path / "home").run(out)
    results = parse(out.getvalue())
    assert passed is all(results.values())
    return results


def _install_from(repository: Path):  # type: ignore[no-untyped-def]
    def install(context):  # type: ignore[no-untyped-def]
        found = context.library.install_folder(repository)
        return found[0] if found else None

    return install


def test_a_damaged_video_fails_the_course_and_what_needs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = find_material(Branding())
    copy = tmp_path / "repo"
    shutil.copytree(demo_repository(), copy)
    blob = max(
        (p for p in (copy / "blobs").rglob("*") if p.is_file()), key=lambda p: p.stat().st_size
    )
    data = bytearray(blob.read_bytes())
    data[len(data) // 2] ^= 0xFF
    blob.write_bytes(bytes(data))
    results = _run(tmp_path, Material(copy, demo.key, demo.course_id, True), monkeypatch)
    assert results["qt"] and results["profile"] and results["branding"]
    assert not results["course"]
    assert not results["video"] and not results["slides"] and not results["statements"]
    assert not results["signature"]  # the hash of the damaged blob no longer matches


def test_a_package_signed_by_another_key_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = find_material(Branding())
    stranger = PrivateKey.generate().public
    results = _run(tmp_path, Material(demo.repository, stranger, demo.course_id, True), monkeypatch)
    assert not results["signature"]
    assert results["quiz"]  # the installed course itself is fine


def test_check_lines_are_one_line_each() -> None:
    ok = selftest.CheckResult("video", True, 12.4, "26 frames")
    failed = selftest.CheckResult("video", False, 3.0, "no frame")
    assert ok.line() == "ok video (12 ms, 26 frames)"
    assert failed.line() == "FAIL video: no frame"
    assert selftest._one_line(ValueError("a\nb")) == "a b"


def test_without_the_demo_it_uses_the_selftest_course_and_the_branding_trust(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sys.path.insert(0, str(ROOT / "packaging"))
    import bundle_contents

    folder = bundle_contents.make_selftest_course(tmp_path / "selftest")
    key = PublicKey.from_file(folder / "selftest-key.pub")
    toy = build_toy(tmp_path / "institution")
    for version in ("1.1.0", "1.2.0"):  # the catalog lists each version: still one course
        build_toy(tmp_path / "institution", version)
    branding_file = tmp_path / "branding.toml"
    branding_file.write_text(
        f'include_demo = false\ncatalogs = ["{toy.repo}"]\n'
        f'trusted_keys = ["{toy.public.to_text()}"]\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(selftest, "load_branding", lambda: load_branding(branding_file))
    material = Material(folder / "repository", key, selftest.SELFTEST_COURSE_ID, False)
    monkeypatch.setattr(selftest, "find_material", lambda branding: material)
    out = io.StringIO()
    assert SelfTest(tmp_path / "home").run(out), out.getvalue()
    text = out.getvalue()
    assert "1 key, 1 catalog, demo left out" in text
    assert "cartable-selftest 1.0.0 installed" in text
    assert "1 course (3 versions) verified with the installer's keys" in text


def test_a_catalog_is_counted_in_courses_then_versions() -> None:
    """A catalog lists every version of a course: three of one were said '3 courses'."""
    entries = [SimpleNamespace(id=i, version=v) for i, v in (("a", "1.0"), ("b", "1.0"))]
    assert selftest.count_courses(entries) == "2 courses"  # type: ignore[arg-type]
    entries += [SimpleNamespace(id="a", version="1.1")]
    assert selftest.count_courses(entries) == "2 courses (3 versions)"  # type: ignore[arg-type]
    assert selftest.count_courses(entries[:1]) == "1 course"  # type: ignore[arg-type]
