"""The shipped demo repository is the exact build of its source, and verifies with its key."""

from __future__ import annotations

import json
import re
from pathlib import Path

from player.authoring.build import build
from player.course.manifest import ExamUnit, QuizUnit
from player.course.package import verify_path
from player.course.signing import PrivateKey, PublicKey
from player.paths import demo_repository, resources_dir

DEMO = resources_dir() / "demo"


def test_shipped_demo_verifies_with_the_demo_key() -> None:
    key = PublicKey.from_file(DEMO / "demo-key.pub")
    (opened,) = verify_path(demo_repository(), [key]).courses
    course = opened.course
    assert (course.id, course.language) == ("les-mooc", "fr")
    assert len(course.modules) >= 3
    kinds = {unit.type for _, unit in course.units()}
    assert kinds == {"video", "slides", "reading", "quiz", "exam"}
    video = next(u for _, u in course.units() if u.type == "video")
    assert {t.language for t in video.subtitles} >= {"fr", "en"}  # type: ignore[union-attr]
    assert all(v.file.size < 1024 * 1024 for v in video.variants)  # type: ignore[union-attr]


def test_rebuilding_the_source_gives_the_shipped_manifest(tmp_path: Path) -> None:
    key = PrivateKey.generate()
    result = build(DEMO / "source", tmp_path / "repo", key=key, answers_dir=tmp_path / "keys")
    shipped = demo_repository() / "courses" / "les-mooc" / result.course.version / "course.json"
    assert result.manifest.read_bytes() == shipped.read_bytes(), (
        "resources/demo/source changed: rebuild the repository (see resources/demo/README.md)"
    )
    assert verify_path(tmp_path / "repo", [key.public]).courses[0].course == result.course
    # The exam's answer key went beside the keys, and nothing of it is in the shipped repository.
    assert result.answers is not None and result.answers.parent == tmp_path / "keys"
    answers = json.loads(result.answers.read_text(encoding="utf-8"))
    exam_texts = [q for qs in answers["exams"].values() for q in qs]
    assert exam_texts and all("id" in q for q in exam_texts)
    shipped_bytes = b"".join(p.read_bytes() for p in demo_repository().rglob("*.json"))
    assert b"answers.json" not in shipped_bytes
    assert not list(demo_repository().rglob("*answers*"))


def test_a_question_of_several_answers_leaves_saying_so_to_the_player() -> None:
    """The player puts "Plusieurs réponses peuvent être justes." under every question of several
    answers (question_widgets.py): the demo's own "(plusieurs réponses possibles)" after three
    of them said it twice (review u1). Read in the shipped repository, what a clean clone's
    player installs."""
    key = PublicKey.from_file(DEMO / "demo-key.pub")
    (opened,) = verify_path(demo_repository(), [key]).courses
    several = [
        question
        for _, unit in opened.course.units()
        if isinstance(unit, QuizUnit | ExamUnit)
        for question in unit.questions
        if question.type == "multiple"
    ]
    assert len(several) >= 3
    said = [q.text for q in several if re.search(r"plusieurs r\u00e9ponses", q.text, re.I)]
    assert said == []


def test_schema_is_a_valid_json_schema() -> None:
    from jsonschema import Draft202012Validator

    schema = json.loads((resources_dir() / "schema" / "course.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
