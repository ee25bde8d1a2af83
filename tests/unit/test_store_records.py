"""Records export and import (a learner moving to a new laptop), and the headless commands."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from player.__main__ import main
from player.store import Store
from player.store import statements as st
from player.store.records import RecordsError
from tests.unit.test_records_import_grades import installed
from tests.unit.test_store_helpers import FakeClock, make_course, open_store, study_everything

LEARNER_TABLES = (
    "profiles",
    "enrolments",
    "unit_progress",
    "study_days",
    "quiz_attempts",
    "quiz_answers",
    "exam_attempts",
    "exam_answers",
    "outbox",
    "outbox_tally",
)


def dump(conn: sqlite3.Connection) -> dict[str, list[tuple[Any, ...]]]:
    return {
        t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in LEARNER_TABLES
    }


@pytest.fixture()
def old_laptop(tmp_path: Path) -> tuple[Store, str, Path]:
    """Awa studied everything; half her statements reached the LRS; her exam was graded."""
    clock = FakeClock()
    store = open_store(tmp_path / "old", clock)
    course = make_course()
    awa = store.profiles.add("Awa", "fr")
    study_everything(store, clock, awa.id, course)
    rows = store.outbox.rows(awa.id, limit=10_000)
    store.outbox.mark_delivered(r.id for r in rows[: len(rows) // 2])
    exam = store.assessments.exam_attempts(awa.id)[0]
    grade = {
        "id": "11111111-2222-4333-8444-555555555555",
        "actor": json.loads(rows[0].body)["actor"],
        "verb": {"id": st.VERBS["passed"]},
        "object": {"id": st.unit_iri(course, "e1")},
        "result": {"success": True, "score": {"scaled": 0.75}},
        "context": {"registration": exam.registration},
        "timestamp": "2027-02-01T10:00:00.000Z",
        "stored": "2027-02-01T10:00:01.000Z",
    }
    store.assessments.record_exam_result(
        awa.id, exam.registration, True, 0.75, course=course, statement=st.freeze(grade)
    )
    path = tmp_path / "awa.json"
    store.records.export(awa.id, path)
    return store, awa.id, path


def test_export_is_every_statement_in_order_as_xapi_json(
    old_laptop: tuple[Store, str, Path],
) -> None:
    store, awa, path = old_laptop
    document = json.loads(path.read_text())
    rows = store.outbox.rows(awa, limit=10_000)
    assert document["format"] == "cartable-records" and document["version"] == 1
    assert document["profile"]["name"] == "Awa"
    assert [s["id"] for s in document["statements"]] == [r.id for r in rows]
    assert [st.freeze(s) for s in document["statements"]] == [r.body for r in rows]
    assert document["delivered"] == [r.id for r in rows if r.state == "delivered"]
    assert [r["id"] for r in document["results"]] == ["11111111-2222-4333-8444-555555555555"]
    assert not list(path.parent.glob("*.part"))


def test_import_on_a_new_laptop_rebuilds_progress_attempts_and_time(
    tmp_path: Path, old_laptop: tuple[Store, str, Path]
) -> None:
    old, awa_old, path = old_laptop
    course = make_course()
    new = open_store(tmp_path / "new", FakeClock(1_900_000_000.0))
    awa = new.profiles.add("Awa").id
    report = new.records.import_file(awa, path, **installed(course))
    everything = old.outbox.rows(awa_old, limit=10_000)
    # the exam's module and the course are satisfied by its grade, which the file does not
    # give: their `satisfied` to send is not taken (m2's is); the device sends its own later
    by_grade = {st.module_iri(course, course.modules[2]), st.course_iri(course)}
    left = [
        r
        for r in everything
        if r.state == "queued"
        and st.verb_name(json.loads(r.body)) == "satisfied"
        and json.loads(r.body)["object"]["id"] in by_grade
    ]
    assert len(left) == 2
    rows = [r for r in everything if r not in left]
    assert report.added == len(rows) and report.skipped == 0 and report.satisfied_unearned == 2
    assert report.queued == sum(r.state == "queued" for r in rows)
    assert new.outbox.counts(awa).delivered == old.outbox.counts(awa_old).delivered
    assert [r.body for r in new.outbox.rows(awa, limit=10_000)] == [r.body for r in rows]
    for _, unit in course.units():
        before = old.progress.unit(awa_old, course.id, unit.id)
        after = new.progress.unit(awa, course.id, unit.id)
        if unit.id == "e1":  # the exam's grade is not taken from a file: the next sync brings it
            before = replace(before, success=None, score=None)
        assert after.state == before.state, unit.id
        assert after.time_spent == pytest.approx(before.time_spent), unit.id
    assert report.grades_left_out == 1 and report.awaiting_grade == 1
    assert not new.progress.course(awa, course).satisfied  # until the exam's grade comes back
    assert new.progress.registration(awa, course.id) == old.progress.registration(
        awa_old, course.id
    )
    old_quiz = old.assessments.quiz_attempts(awa_old)
    new_quiz = new.assessments.quiz_attempts(awa)
    assert [(a.id, a.number, a.score, a.passed) for a in new_quiz] == [
        (a.id, a.number, a.score, a.passed) for a in old_quiz
    ]
    assert [[(x.question_id, x.response, x.score) for x in a.answers] for a in new_quiz] == [
        [(x.question_id, x.response, x.score) for x in a.answers] for a in old_quiz
    ]
    (exam,) = new.assessments.exam_attempts(awa)
    (old_exam,) = old.assessments.exam_attempts(awa_old)
    assert (exam.registration, exam.state, exam.passed, exam.score) == (
        old_exam.registration,
        "submitted",
        None,
        None,
    )
    assert new.assessments.awaiting_grades(awa) == {exam.registration: st.unit_iri(course, "e1")}
    new.assessments.record_exam_result(awa, exam.registration, True, 0.75, course=course)
    assert new.progress.course(awa, course).satisfied  # the grade pulled from the LRS
    blocks = [
        (r.id, json.loads(r.body)["object"]["id"])
        for r in new.outbox.rows(awa, limit=10_000)
        if st.verb_name(json.loads(r.body)) == "satisfied"
    ]
    # each block satisfied once: m1 and m2 by the file, m3 and the course by this device
    assert [b for _, b in blocks] == [
        *(st.module_iri(course, m) for m in course.modules),
        st.course_iri(course),
    ]
    assert not {i for i, _ in blocks[2:]} & {r.id for r in everything}
    assert [(a.question_id, a.response) for a in exam.answers] == [
        (a.question_id, a.response) for a in old_exam.answers
    ]
    studied = sum(d.seconds for d in new.progress.study_time_by_day(awa, 36500))
    assert studied == pytest.approx(
        sum(d.seconds for d in old.progress.study_time_by_day(awa_old, 36500))
    )
    # she keeps her identity: what she does next names the same actor
    assert new.profiles.get(awa).actor == old.profiles.get(awa_old).actor
    new.events.course_launched(awa, course)
    last = json.loads(new.outbox.rows(awa, limit=10_000)[-1].body)
    assert last["actor"]["account"]["name"] == awa_old


def test_importing_the_same_file_twice_changes_nothing(
    tmp_path: Path, old_laptop: tuple[Store, str, Path]
) -> None:
    _, _, path = old_laptop
    new = open_store(tmp_path / "new", FakeClock())
    awa = new.profiles.add("Awa").id
    new.records.import_file(awa, path)
    before = dump(new.conn)
    report = new.records.import_file(awa, path)
    assert report.added == 0 and report.units == 0
    # each statement either here already or left out again, counted once
    left_out = report.grades_unverified + report.satisfied_unverified
    assert report.skipped == report.statements - left_out and left_out > 0
    assert dump(new.conn) == before


def test_importing_into_the_laptop_it_came_from_adds_nothing(
    old_laptop: tuple[Store, str, Path],
) -> None:
    store, awa, path = old_laptop
    before = dump(store.conn)
    assert store.records.import_file(awa, path).added == 0
    assert dump(store.conn) == before


def test_a_bare_statement_array_imports_without_the_lrs_fields(
    tmp_path: Path, old_laptop: tuple[Store, str, Path]
) -> None:
    _, _, path = old_laptop
    statements = json.loads(path.read_text())["statements"][:5]
    for stmt in statements:
        stmt.update(stored="2027-01-01T00:00:00Z", version="1.0.3", authority=stmt["actor"])
    bare = tmp_path / "from-an-lrs.json"
    bare.write_text(json.dumps(statements))
    new = open_store(tmp_path / "new", FakeClock())
    awa = new.profiles.add("Awa").id
    report = new.records.import_file(awa, bare)
    assert report.added == 5 and report.queued == 5
    for row in new.outbox.rows(awa):
        assert not {"stored", "authority", "version"} & json.loads(row.body).keys()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "line 1: not JSON"),
        ('{"format": "other"}', "$.format"),
        ('{"format": "cartable-records", "version": 9, "statements": []}', "$.version"),
        ('{"format": "cartable-records", "version": 1}', "$.statements"),
        ("[1]", "$[0]: a statement is a JSON object"),
        ('[{"id": "nope"}]', "$[0].id"),
        ('"text"', "not a records file (a records file is a JSON object or array)"),
    ],
)
def test_a_bad_file_is_refused_by_name_and_place_writing_nothing(
    tmp_path: Path, content: str, message: str
) -> None:
    store = open_store(tmp_path, FakeClock())
    awa = store.profiles.add("Awa").id
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    before = dump(store.conn)
    with pytest.raises(RecordsError) as error:
        store.records.import_file(awa, bad)
    assert str(bad) in str(error.value) and message in str(error.value)
    assert dump(store.conn) == before


def test_a_statement_without_timestamp_or_with_a_duplicate_id_is_refused(
    tmp_path: Path, old_laptop: tuple[Store, str, Path]
) -> None:
    _, _, path = old_laptop
    document = json.loads(path.read_text())
    store = open_store(tmp_path / "new", FakeClock())
    awa = store.profiles.add("Awa").id
    broken = json.loads(json.dumps(document))
    del broken["statements"][3]["timestamp"]
    target = tmp_path / "b.json"
    target.write_text(json.dumps(broken))
    with pytest.raises(RecordsError, match=r"\$\.statements\[3\]\.timestamp"):
        store.records.import_file(awa, target)
    twice = json.loads(json.dumps(document))
    twice["statements"].append(twice["statements"][0])
    target.write_text(json.dumps(twice))
    with pytest.raises(RecordsError, match="appears twice"):
        store.records.import_file(awa, target)
    assert store.outbox.counts(awa).total == 0


# -- the commands -----------------------------------------------------------------------------


def test_profiles_and_records_commands(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    old_laptop: tuple[Store, str, Path],
) -> None:
    _, _, path = old_laptop
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    assert main(["profiles", "add", "Awa", "--language", "fr"]) == 0
    assert main(["profiles", "add", "Bruno"]) == 0
    assert main(["records", "import", "awa", str(path)]) == 0
    out = capsys.readouterr().out
    assert "statements added" in out
    assert "2 quiz results not taken: their course is not installed here" in out
    assert "3 `satisfied` statements not taken: their course is not installed here" in out
    assert main(["records", "import", "Awa", str(path)]) == 0
    assert "0 statements added" in capsys.readouterr().out
    assert main(["profiles", "list"]) == 0
    listing = capsys.readouterr().out
    assert "Awa\tfr" in listing and "Bruno\ten" in listing
    assert main(["records", "stats"]) == 0
    assert "statements:" in capsys.readouterr().out
    exported = tmp_path / "again.json"
    assert main(["records", "export", "Awa", "-o", str(exported)]) == 0
    original, again = json.loads(path.read_text()), json.loads(exported.read_text())
    missing = [s for s in original["statements"] if s not in again["statements"]]
    assert again["statements"] == [s for s in original["statements"] if s not in missing]
    # left out: the quiz grades and the `satisfied` still to send, their course not installed
    verbs = sorted(st.verb_name(s) for s in missing)
    assert verbs == ["failed", "passed", "satisfied", "satisfied", "satisfied"]
    assert not {s["id"] for s in missing} & set(original["delivered"])
    assert main(["profiles", "remove", "Awa"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cartable: profile 'Awa' has") and err.count("\n") == 1
    assert main(["profiles", "remove", "Bruno"]) == 0
    assert main(["records", "import", "Nobody", str(path)]) == 1
    assert "no profile named 'Nobody'" in capsys.readouterr().err
    assert main(["records", "export", "Awa", "-o", str(tmp_path / "no" / "dir.json")]) == 1
    assert "no such folder" in capsys.readouterr().err


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="/dev/fd: what <(...) names")
def test_the_import_command_reads_a_pipe_and_says_dev_null_is_empty(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    old_laptop: tuple[Store, str, Path],
) -> None:
    """`cartable records import Awa <(ssh old-laptop cat awa.json)`, or /dev/stdin: a pipe is
    no regular file, and the command said "no such file" before reading it; /dev/null too."""
    _, _, path = old_laptop
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    assert main(["profiles", "add", "Awa"]) == 0
    assert main(["records", "import", "Awa", os.devnull]) == 1
    assert capsys.readouterr().err == f"cartable: {os.devnull}: is empty\n"
    read, write = os.pipe()

    def send() -> None:
        with os.fdopen(write, "wb") as out:
            out.write(path.read_bytes())

    sender = threading.Thread(target=send)
    sender.start()
    try:
        assert main(["records", "import", "Awa", f"/dev/fd/{read}"]) == 0
    finally:
        sender.join(60)
        os.close(read)
    assert "statements added" in capsys.readouterr().out
    assert main(["records", "import", "Awa", str(tmp_path / "nowhere.json")]) == 1
    assert capsys.readouterr().err == f"cartable: {tmp_path / 'nowhere.json'}: no such file\n"
    assert main(["records", "import", "Awa", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"cartable: {tmp_path}: is a folder, not a file\n"


def test_a_pin_is_read_from_stdin_never_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    monkeypatch.setattr("sys.stdin", io.StringIO("12x4\n"))
    assert main(["profiles", "add", "Awa", "--pin-stdin"]) == 1
    assert "4 digits" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    assert main(["profiles", "add", "Awa", "--pin-stdin"]) == 0
    assert main(["profiles", "list"]) == 0
    assert "\tPIN\t" in capsys.readouterr().out


def _video_statement(old_laptop: tuple[Store, str, Path]) -> dict[str, Any]:
    """A real statement of the old laptop's with a result and a context: the shapes to break."""
    _, _, path = old_laptop
    document = json.loads(path.read_text())
    return next(
        s for s in document["statements"] if "result" in s and "registration" in s["context"]
    )


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda s: s.update(context="a string"), ".context"),
        (lambda s: s.update(result=[1, 2]), ".result"),
        (lambda s: s["context"].update(registration={"a": 1}), ".context.registration"),
        (lambda s: s["result"].update(score={"scaled": {"x": 1}}), ".result.score.scaled"),
        (lambda s: s["result"].update(score={"scaled": 7}), ".result.score.scaled"),
        (lambda s: s["result"].update(duration="P99999999999D"), ".result.duration"),
        (lambda s: s["result"].update(duration="P36866D"), ".result.duration"),  # 101 years
        (lambda s: s["result"].update(success="yes"), ".result.success"),
        (
            lambda s: s["result"].update(extensions={st.VIDEO_SEGMENTS: "abc"}),
            ".result.extensions (played-segments)",
        ),
        (
            lambda s: s["context"].update(extensions={st.EXT_ATTEMPT_ID: [1]}),
            ".context.extensions (attempt-id)",
        ),
        (lambda s: s.update(id="urn:uuid:4f2a0c1e-1b2c-4d3e-8f40-1a2b3c4d5e6f"), ".id"),
        (lambda s: s.update(id="{4f2a0c1e-1b2c-4d3e-8f40-1a2b3c4d5e6f}"), ".id"),
    ],
)
def test_a_statement_of_the_wrong_shape_is_refused_in_one_line_naming_the_field(
    tmp_path: Path, old_laptop: tuple[Store, str, Path], change: Any, where: str
) -> None:
    statement = _video_statement(old_laptop)
    change(statement)
    target = tmp_path / "hostile.json"
    target.write_text(json.dumps([statement]))
    store = open_store(tmp_path / "new", FakeClock())
    awa = store.profiles.add("Awa").id
    before = dump(store.conn)
    with pytest.raises(RecordsError) as error:
        store.records.import_file(awa, target)
    assert f"$[0]{where}" in str(error.value) and "\n" not in str(error.value)
    assert dump(store.conn) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deep"),
        ('[{"id": 1' + "0" * 5000 + "}]", "not JSON"),
        ('[{"x": NaN}]', "NaN is not a JSON number"),
    ],
)
def test_json_python_reads_but_no_lrs_would_is_refused(
    tmp_path: Path, content: str, message: str
) -> None:
    store = open_store(tmp_path, FakeClock())
    awa = store.profiles.add("Awa").id
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(RecordsError, match=message):
        store.records.import_file(awa, bad)
    assert store.outbox.counts(awa).total == 0


def test_an_id_in_capitals_is_the_same_statement_and_queued_in_canonical_form(
    tmp_path: Path, old_laptop: tuple[Store, str, Path]
) -> None:
    store, awa, _ = old_laptop
    statement = _video_statement(old_laptop)
    shouting = dict(statement, id=statement["id"].upper())
    target = tmp_path / "capitals.json"
    target.write_text(json.dumps([shouting]))
    assert store.records.import_file(awa, target).added == 0  # already there, lower-case
    fresh = open_store(tmp_path / "new", FakeClock())
    new_awa = fresh.profiles.add("Awa").id
    assert fresh.records.import_file(new_awa, target).added == 1
    (row,) = fresh.outbox.rows(new_awa)
    assert row.id == statement["id"] and json.loads(row.body)["id"] == statement["id"]


def test_an_export_that_fails_leaves_no_part_file(
    tmp_path: Path, old_laptop: tuple[Store, str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, awa, _ = old_laptop
    target = tmp_path / "stick" / "awa.json"
    target.parent.mkdir()
    real_fsync = os.fsync

    def full(fd: int) -> None:
        real_fsync(fd)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        store.records.export(awa, target)
    assert list(target.parent.iterdir()) == []


def test_a_statement_kept_in_capitals_by_an_older_import_is_not_added_again(
    tmp_path: Path, old_laptop: tuple[Store, str, Path]
) -> None:
    statement = _video_statement(old_laptop)
    store = open_store(tmp_path / "new", FakeClock())
    awa = store.profiles.add("Awa").id
    shouting = dict(statement, id=statement["id"].upper())
    store.records.import_statements(awa, [shouting])  # as an import before canonical ids did
    target = tmp_path / "again.json"
    target.write_text(json.dumps([shouting]))
    assert store.records.import_file(awa, target).added == 0
    assert store.outbox.counts(awa).total == 1
