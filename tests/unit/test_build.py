"""`cartable-pack build`, `keygen`, `sign`, `catalog`: what a teacher sees."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from player.authoring.build import build
from player.authoring.cli import main
from player.course.errors import CourseError
from player.course.grading import grade
from player.course.manifest import ExamUnit, QuizUnit, ReadingUnit, SlidesUnit, VideoUnit
from player.course.package import verify_path
from player.course.quiz import Question
from player.course.signing import PublicKey
from tests.support import build_toy, run_cli, write_source


def test_built_course_has_every_unit_kind(tmp_path: Path) -> None:
    built = build_toy(tmp_path)
    course = built.result.course
    kinds = {type(unit) for _, unit in course.units()}
    assert kinds == {VideoUnit, SlidesUnit, ReadingUnit, QuizUnit, ExamUnit}
    video = course.unit("video")
    assert isinstance(video, VideoUnit)
    assert abs(video.duration - 10.048) < 0.01  # read from the MP4's mvhd box
    assert [t.language for t in video.subtitles] == ["fr", "en"]
    reading = course.unit("reading")
    assert isinstance(reading, ReadingUnit) and reading.image("images/carte.png") is not None
    quiz = course.unit("quiz")
    assert isinstance(quiz, QuizUnit)
    assert {q.type for q in quiz.questions} == {
        "single",
        "multiple",
        "truefalse",
        "short",
        "numeric",
        "matching",
    }


def test_exam_answers_never_reach_the_repository(tmp_path: Path) -> None:
    built = build_toy(tmp_path)
    exam = built.result.course.unit("exam")
    assert isinstance(exam, ExamUnit)
    for question in exam.questions:
        assert all(c.weight is None for c in question.choices)
        assert not question.text_answers and not question.numeric_answers and not question.pairs
        assert question.answer is None
    answers = built.result.answers
    assert answers is not None and answers.parent == built.key_path.parent
    assert stat.S_IMODE(answers.stat().st_mode) == 0o600
    key = json.loads(answers.read_text(encoding="utf-8"))
    assert key["exams"]["exam"][0]["choices"][0]["weight"] == 1
    everything = b"".join(p.read_bytes() for p in built.repo.rglob("*") if p.is_file())
    assert b"Saint-Louis" in everything  # the question is there...
    assert b'"weight"' not in everything.split(b'"exam"', 1)[1].split(b'"type":', 1)[0]
    manifest = json.loads(built.result.manifest.read_bytes())
    exam_json = next(u for m in manifest["modules"] for u in m["units"] if u["id"] == "exam")
    assert "weight" not in json.dumps(exam_json) and "answers" not in exam_json["questions"][0]


def test_matching_targets_are_numbered_by_text_not_by_pair_and_still_grade(tmp_path: Path) -> None:
    # The toy GIFT writes "=Coursera -> 2012 =Stanford -> 2011 =MIT -> 2001": numbered in that
    # order, the shipped exam said s1 goes with t1, s2 with t2...
    built = build_toy(tmp_path)
    manifest = json.loads(built.result.manifest.read_bytes())
    units = {u["id"]: u for m in manifest["modules"] for u in m["units"]}
    key = json.loads(built.result.answers.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    written = {"Coursera": "2012", "Stanford": "2011", "MIT": "2001"}
    for unit_id, key_questions in (("exam", key["exams"]["exam"]), ("quiz", None)):
        shipped = next(q for q in units[unit_id]["questions"] if q["id"] == "paires")
        assert [(s["id"], s["text"]) for s in shipped["sources"]] == [
            ("s1", "Coursera"),
            ("s2", "Stanford"),
            ("s3", "MIT"),
        ]
        assert [(t["id"], t["text"]) for t in shipped["targets"]] == [
            ("t1", "2001"),
            ("t2", "2011"),
            ("t3", "2012"),
        ]
        keyed = (
            shipped
            if key_questions is None
            else next(q for q in key_questions if q["id"] == "paires")
        )
        question = Question.from_json(keyed)
        assert question.pairs == (("s1", "t3"), ("s2", "t2"), ("s3", "t1"))
        target_id = {t["text"]: t["id"] for t in shipped["targets"]}
        right = tuple((s["id"], target_id[written[s["text"]]]) for s in shipped["sources"])
        assert grade(question, right).score == 1.0, unit_id
        in_pair_order = (("s1", "t1"), ("s2", "t2"), ("s3", "t3"))
        assert grade(question, in_pair_order).score < 1.0, unit_id


def test_an_exam_shuffles_its_answers_unless_the_source_says_not(tmp_path: Path) -> None:
    built = build_toy(tmp_path / "default")
    exam, quiz = built.result.course.unit("exam"), built.result.course.unit("quiz")
    assert isinstance(exam, ExamUnit) and isinstance(quiz, QuizUnit)
    assert exam.shuffle_choices and not quiz.shuffle_choices  # a quiz keeps its default
    source = write_source(tmp_path / "src")
    toml = source / "course.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace("time_limit = 600\n", "time_limit = 600\nshuffle_choices = false\n")
    )
    result = build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    exam = result.course.unit("exam")
    assert isinstance(exam, ExamUnit) and not exam.shuffle_choices


def test_answers_dir_inside_repository_is_refused(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    with pytest.raises(CourseError, match="inside the repository"):
        build(source, tmp_path / "repo", answers_dir=tmp_path / "repo" / "keys")


def test_adding_to_a_repository_shares_blobs(tmp_path: Path) -> None:
    first = build_toy(tmp_path, "1.0.0")
    second = build_toy(tmp_path, "1.1.0", sign=True)
    assert second.result.blobs_added == 0  # every file already there, named by its content
    catalog = json.loads((tmp_path / "repo" / "catalog.json").read_text(encoding="utf-8"))
    assert [(c["id"], c["version"]) for c in catalog["courses"]] == [
        ("toy", "1.0.0"),
        ("toy", "1.1.0"),
    ]
    assert catalog["courses"][0]["size"] == first.result.course.size
    result = verify_path(tmp_path / "repo", [first.public])
    assert len(result.courses) == 2


def test_republishing_a_version_with_other_content_is_refused(tmp_path: Path) -> None:
    build_toy(tmp_path)
    changed = write_source(tmp_path / "src-again", reading="# Autre\n\nTexte changé.\n")
    with pytest.raises(CourseError, match="raise the version"):
        build(changed, tmp_path / "repo")


@pytest.mark.parametrize(
    "breakage, words",
    [
        (
            lambda src: (src / "m1" / "video.mp4").unlink(),
            ["course.toml", "variants[0].file", "missing file", "video.mp4"],
        ),
        (
            lambda src: (src / "m2" / "quiz.gift").write_text(
                "Bonne question ?{=oui ~non}\n\nQuestion cassée ?{=oui ~non\n", encoding="utf-8"
            ),
            ["quiz.gift", "line 3", "brace"],
        ),
        (
            lambda src: (src / "m1" / "video.fr.vtt").write_text(
                "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nBonjour\n\n"
                "00:00:03.000 --> 00:0x:04.000\nCassé\n",
                encoding="utf-8",
            ),
            ["video.fr.vtt", "line 6"],
        ),
        (
            lambda src: (src / "m1" / "video.fr.vtt").write_text("garbage", encoding="utf-8"),
            ["video.fr.vtt", "line 1"],
        ),
        (
            lambda src: (src / "m2" / "reading.md").write_text(
                "![absente](images/absente.png)\n", encoding="utf-8"
            ),
            ["images/absente.png", "missing file"],
        ),
        (
            lambda src: (src / "course.toml").write_text(
                "format = 1\ntitle = = 3\n", encoding="utf-8"
            ),
            ["course.toml", "line 2", "TOML"],
        ),
    ],
)
def test_broken_sources_name_file_and_line(tmp_path: Path, breakage, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    source = write_source(tmp_path / "src")
    breakage(source)
    result = run_cli(
        "-m", "player.authoring.cli", "build", str(source), "-o", str(tmp_path / "repo")
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1, line
    for word in words:
        assert word in line, line
    assert not (tmp_path / "repo").exists(), "a failed build wrote into the repository"


def test_keygen_sign_verify_catalog_cli(tmp_path: Path) -> None:
    key = tmp_path / "keys" / "institution"
    result = run_cli("-m", "player.authoring.cli", "keygen", "-o", str(key), "--comment", "Uni")
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    public = PublicKey.from_file(key.with_name("institution.pub"))
    assert public.comment == "Uni"
    again = run_cli("-m", "player.authoring.cli", "keygen", "-o", str(key))
    assert again.returncode == 1 and "already exists; nothing was written" in again.stderr
    assert PublicKey.from_file(key.with_name("institution.pub")) == public, "the pair was replaced"

    source = write_source(tmp_path / "src")
    repo = tmp_path / "repo"
    built = run_cli(
        "-m",
        "player.authoring.cli",
        "build",
        str(source),
        "-o",
        str(repo),
        "--answers-dir",
        str(tmp_path / "answers"),
    )
    assert built.returncode == 0 and "NOT signed" in built.stdout
    course_dir = repo / "courses" / "toy" / "1.0.0"
    trust = ["--trust", str(key.with_name("institution.pub"))]
    unsigned = run_cli("-m", "player.authoring.cli", "verify", str(course_dir), *trust)
    assert unsigned.returncode == 1 and "not signed" in unsigned.stderr
    signed = run_cli("-m", "player.authoring.cli", "sign", str(course_dir), "--key", str(key))
    assert signed.returncode == 0, signed.stderr
    verified = run_cli("-m", "player.authoring.cli", "verify", str(course_dir), *trust)
    assert verified.returncode == 0, verified.stderr
    (repo / "catalog.json").unlink()
    catalog = run_cli("-m", "player.authoring.cli", "catalog", str(repo), "--title", "Cat")
    assert catalog.returncode == 0
    document = json.loads((repo / "catalog.json").read_text(encoding="utf-8"))
    assert document["title"] == "Cat" and document["courses"][0]["signed"] is True


def test_build_titles_the_catalog_and_keeps_its_title(tmp_path: Path) -> None:
    """`build --title`, as `catalog --title`: an admin had to run `catalog` after each build to
    title the catalog, and a build without --title must not drop the title it has."""
    repo = tmp_path / "repo"

    def build_and_read(version: str, *title: str) -> object:
        source = write_source(tmp_path / f"src-{version}", version)
        answers = ["--answers-dir", str(tmp_path / "answers")]
        assert main(["build", str(source), "-o", str(repo), *answers, *title]) == 0
        return json.loads((repo / "catalog.json").read_text(encoding="utf-8")).get("title")

    assert build_and_read("1.0.0", "--title", "Cours de l'université") == "Cours de l'université"
    assert build_and_read("1.1.0") == "Cours de l'université"
    assert build_and_read("1.2.0", "--title", "Autre") == "Autre"
