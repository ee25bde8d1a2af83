"""A repository is served as it is: the build refuses one that would publish the course's source
(its exams' answers) or the private signing key, before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.authoring.build import build
from player.course.errors import CourseError
from player.course.signing import PrivateKey
from tests.support import write_source


def test_building_into_the_source_folder_is_refused(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    before = sorted(p.name for p in source.iterdir())
    with pytest.raises(CourseError, match="holds the course's source folder") as caught:
        build(source, source, answers_dir=tmp_path / "keys")
    assert "\n" not in str(caught.value) and str(caught.value).startswith(f"{source}: ")
    assert sorted(p.name for p in source.iterdir()) == before  # nothing written


def test_a_source_folder_inside_the_repository_is_refused(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    source = write_source(repo / "reseaux")
    with pytest.raises(CourseError, match="build into a folder outside the source"):
        build(source, repo, answers_dir=tmp_path / "keys")
    assert not (repo / "catalog.json").exists() and not (repo / "courses").exists()


def test_a_private_key_inside_the_repository_is_refused(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    repo = tmp_path / "repo"
    key_path = repo / "keys" / "univ"
    key_path.parent.mkdir(parents=True)
    key = PrivateKey.generate()
    key_path.write_bytes(key.pem())
    with pytest.raises(CourseError, match="the private key is inside the repository") as caught:
        build(source, repo, key=key, key_path=key_path, answers_dir=tmp_path / "keys")
    assert str(caught.value).startswith(f"{key_path}: ")
    assert sorted(p.name for p in repo.iterdir()) == ["keys"]


def test_a_repository_inside_the_source_folder_still_builds(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    key = PrivateKey.generate()
    key_path = tmp_path / "keys" / "univ"
    key_path.parent.mkdir()
    key_path.write_bytes(key.pem())
    result = build(source, source / "repo", key=key, key_path=key_path)
    assert result.manifest.is_file() and result.signed_by == key.public.key_id
