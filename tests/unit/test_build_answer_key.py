"""The exam answer key `cartable-pack build` writes: never replaced by other answers without
--replace-answers (--replace, which a trial build iterated in its own repository needs, is not
enough), and written before the course is published, all or nothing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from player.authoring.build import build
from player.authoring.cli import main
from player.course.errors import CourseError
from player.course.signing import PrivateKey
from tests.support import write_source

ONE_QUESTION = "::seule::Quelle est la capitale du Sénégal ?{=Dakar ~Thiès}\n"
OTHER_ANSWERS = (
    "holds other exam answers for toy 1.0.0; refusing to overwrite them: give a trial build its "
    "own --answers-dir, or raise the version in course.toml; --replace-answers overwrites this "
    "key, the one the course already published is graded with"
)


def trial_source(folder: Path) -> Path:
    """The toy course edited, same id and version: its exam now has one question (six before)."""
    source = write_source(folder)
    (source / "m2" / "quiz.gift").write_text(ONE_QUESTION, encoding="utf-8")
    return source


def exam_questions(key: Path) -> int:
    return len(json.loads(key.read_text(encoding="utf-8"))["exams"]["exam"])


@pytest.fixture
def published(tmp_path: Path) -> tuple[Path, Path]:
    """The toy course published in `repo`, signed, its answer key beside the signing key."""
    key_path = tmp_path / "keys" / "univ"
    PrivateKey.generate().write(key_path)
    result = build(
        write_source(tmp_path / "src"),
        tmp_path / "repo",
        key=PrivateKey.from_file(key_path),
        key_path=key_path,
    )
    assert result.answers == tmp_path / "keys" / "toy-1.0.0.answers.json"
    assert exam_questions(result.answers) == 6
    return key_path, result.answers


def test_a_trial_build_to_another_repository_keeps_the_published_answer_key(
    tmp_path: Path, published: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """`cartable-pack build trial/ -o repo-trial --key keys/univ` replaced the published course's
    key (6 questions -> 1), and the next build to the real repository was refused with it gone."""
    key_path, answers = published
    before = answers.read_bytes()
    trial = trial_source(tmp_path / "trial")
    code = main(["build", str(trial), "-o", str(tmp_path / "repo-trial"), "--key", str(key_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert err == f"cartable-pack: {answers}: {OTHER_ANSWERS}\n"
    assert answers.read_bytes() == before
    assert not (tmp_path / "repo-trial").exists(), "a refused build left a repository"
    # The published course builds again as it was (same answers: nothing to refuse).
    again = build(write_source(tmp_path / "src"), tmp_path / "repo", key_path=key_path)
    assert again.answers == answers and answers.read_bytes() == before


def test_a_trial_build_with_its_own_answers_dir_is_built(
    tmp_path: Path, published: tuple[Path, Path]
) -> None:
    key_path, answers = published
    before = answers.read_bytes()
    result = build(
        trial_source(tmp_path / "trial"),
        tmp_path / "repo-trial",
        key_path=key_path,
        answers_dir=tmp_path / "trial-keys",
    )
    assert result.answers == tmp_path / "trial-keys" / "toy-1.0.0.answers.json"
    assert exam_questions(result.answers) == 1
    assert answers.read_bytes() == before


def test_replace_never_overwrites_the_published_answer_key(
    tmp_path: Path, published: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A trial build iterated into repo-trial needs --replace from its second build on; one
    --replace covered the key too, so a build that forgot --answers-dir (or followed the refusal's
    advice) overwrote the published course's key: the audit's incident again."""
    key_path, answers = published
    before = answers.read_bytes()
    trial, trial_repo = trial_source(tmp_path / "trial"), tmp_path / "repo-trial"
    build(trial, trial_repo, key_path=key_path, answers_dir=tmp_path / "trial-keys")
    (trial / "m2" / "quiz.gift").write_text(ONE_QUESTION.replace("Thiès", "Kaolack"), "utf-8")
    manifest = trial_repo / "courses" / "toy" / "1.0.0" / "course.json"
    first_trial = manifest.read_bytes()
    command = ["build", str(trial), "-o", str(trial_repo), "--key", str(key_path), "--replace"]
    assert main(command) == 1
    assert capsys.readouterr().err == f"cartable-pack: {answers}: {OTHER_ANSWERS}\n"
    assert answers.read_bytes() == before
    assert manifest.read_bytes() == first_trial, "a refused build published the course"
    # The same refusal in the published repository itself.
    command = ["build", str(trial), "-o", str(tmp_path / "repo"), "--key", str(key_path)]
    assert main([*command, "--replace"]) == 1
    assert capsys.readouterr().err == f"cartable-pack: {answers}: {OTHER_ANSWERS}\n"
    assert answers.read_bytes() == before
    # Asked for by name, the key is replaced (and the version, which needs --replace too).
    assert main([*command, "--replace", "--replace-answers"]) == 0
    assert exam_questions(answers) == 1 and "Kaolack" in answers.read_text(encoding="utf-8")


def test_replace_answers_overwrites_the_answer_key_with_the_new_answers(
    tmp_path: Path, published: tuple[Path, Path]
) -> None:
    """Without --replace, the key alone: a trial build into another repository that means to
    grade the published course with its answers."""
    key_path, answers = published
    result = build(
        trial_source(tmp_path / "trial"),
        tmp_path / "repo-trial",
        key_path=key_path,
        replace_answers=True,
    )
    assert result.answers == answers and exam_questions(answers) == 1


def test_a_key_that_cannot_be_written_leaves_the_course_unpublished(tmp_path: Path) -> None:
    """The key was written after the manifest and its signature: failing there left a published
    course whose key was never written."""
    blocked = tmp_path / "other-keys" / "toy-1.0.0.answers.json"
    blocked.mkdir(parents=True)  # where the key goes, something that is not a key
    with pytest.raises(CourseError, match=re.escape("toy-1.0.0.answers.json: ")):
        build(write_source(tmp_path / "new"), tmp_path / "new-repo", answers_dir=blocked.parent)
    assert not (tmp_path / "new-repo").exists()


def test_a_failed_publish_puts_the_answer_key_back(
    tmp_path: Path, published: tuple[Path, Path]
) -> None:
    """A failure after the key was written (here the signature's place is taken by a folder)
    leaves the key, the signature and the manifest as they were: all or nothing."""
    key_path, answers = published
    before = answers.read_bytes()
    course_dir = tmp_path / "repo" / "courses" / "toy" / "1.0.0"
    manifest = (course_dir / "course.json").read_bytes()
    (course_dir / "course.json.sig").unlink()
    (course_dir / "course.json.sig").mkdir()
    with pytest.raises(OSError):
        build(
            trial_source(tmp_path / "trial"),
            tmp_path / "repo",
            key=PrivateKey.from_file(key_path),
            key_path=key_path,
            replace=True,
            replace_answers=True,
        )
    assert answers.read_bytes() == before, "the replaced key was not put back"
    assert (course_dir / "course.json").read_bytes() == manifest
    # A new key for a course that could not be published is not left behind either.
    fresh = tmp_path / "fresh-keys"
    with pytest.raises(OSError):
        build(
            trial_source(tmp_path / "trial2"),
            tmp_path / "repo",
            key=PrivateKey.from_file(key_path),
            answers_dir=fresh,
            replace=True,
        )
    assert not fresh.exists()
