"""A cmi5 `satisfied` in a records file is queued for the institution only when the progress the
import rebuilds satisfies its module or course under the installed course's moveOn rules: a
genuine one (the old laptop had not sent it) still goes out, a hand-written one does not, and the
device's own `satisfied`, when the learner finishes the course here, goes out exactly once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from player.__main__ import main
from player.commands.profiles import open_store as cli_store
from player.context import open_context
from player.course.manifest import Course
from player.paths import demo_repository
from player.store import Store
from player.store import statements as st
from tests.course_repo import add_course
from tests.unit.test_records_import_grades import installed, records_file
from tests.unit.test_store_helpers import FakeClock, make_course, open_store, study_everything

Json = dict[str, Any]
FORGED = "99999999-3333-4333-8444-00000000000"


def laptop(monkeypatch: pytest.MonkeyPatch, home: Path, repo: Path) -> Course:
    """A laptop (its own CARTABLE_HOME) with the course of `repo` installed and Awa's profile."""
    monkeypatch.setenv("CARTABLE_HOME", str(home))
    (item,) = open_context().library.install_folder(repo, allow_unsigned=True)
    assert main(["profiles", "add", "Awa"]) == 0
    return item.course


def watch_everything(store: Store, profile_id: str, course: Course) -> None:
    """Every video of the course watched to the end: its module and the course satisfied."""
    store.events.course_launched(profile_id, course)
    for _, unit in course.units():
        video = store.events.unit_opened(profile_id, course, unit.id)
        store.events.video_played(video, 0.0)
        store.events.video_paused(video, 60.0)
        store.events.unit_closed(video, 60.0)


def satisfied(store: Store, profile_id: str) -> list[tuple[str, str, str]]:
    """(id, object id, state) of the profile's `satisfied` statements, in outbox order."""
    return [
        (r.id, json.loads(r.body)["object"]["id"], r.state)
        for r in store.outbox.rows(profile_id, limit=10_000)
        if st.verb_name(json.loads(r.body)) == "satisfied"
    ]


def forged(store: Store, profile_id: str, n: int, activity: Json, verb: str = "") -> Json:
    """A `satisfied` written by hand, with nothing studied behind it."""
    return {
        "id": f"{FORGED}{n}",
        "actor": store.profiles.get(profile_id).actor.to_json(),
        "verb": {"id": verb or st.VERBS["satisfied"]},
        "object": activity,
        "timestamp": "2027-02-01T10:00:00.000Z",
    }


def test_a_satisfied_the_old_laptop_had_not_sent_is_queued_by_the_new_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, [b"one", b"two"], key=None)
    course = laptop(monkeypatch, tmp_path / "old", repo)
    old = cli_store()
    awa_old = old.profiles.find("Awa").id
    watch_everything(old, awa_old, course)
    sent = satisfied(old, awa_old)
    assert [(a, s) for _, a, s in sent] == [
        (st.module_iri(course, course.modules[0]), "queued"),
        (st.course_iri(course), "queued"),
    ]
    bodies = [r.body for r in old.outbox.rows(awa_old, limit=10_000)]
    old.close()
    path = tmp_path / "awa.json"
    assert main(["records", "export", "Awa", "-o", str(path)]) == 0

    laptop(monkeypatch, tmp_path / "new", repo)
    capsys.readouterr()
    assert main(["records", "import", "Awa", str(path)]) == 0
    out = capsys.readouterr().out
    n = len(bodies)
    assert f"Awa: {n} statements added ({n} to send), 0 already here" in out
    assert "not taken" not in out
    new = cli_store()
    awa = new.profiles.find("Awa").id
    assert satisfied(new, awa) == sent
    assert [r.body for r in new.outbox.rows(awa, limit=10_000)] == bodies  # in the file's order
    assert new.progress.course(awa, course).satisfied
    watch_everything(new, awa, course)  # studied again here: satisfied already, none again
    assert satisfied(new, awa) == sent
    new.close()


def test_a_forged_satisfied_is_not_queued_and_the_import_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, [b"one", b"two"], key=None)
    course = laptop(monkeypatch, tmp_path / "new", repo)
    store = cli_store()
    awa = store.profiles.find("Awa").id
    hand_written = [
        forged(store, awa, 1, st.course_activity(course)),
        forged(store, awa, 2, st.module_activity(course, course.modules[0])),
    ]
    store.close()
    path = records_file(tmp_path / "forged.json", hand_written)
    for _ in range(2):  # the same file twice: nothing changes
        capsys.readouterr()
        assert main(["records", "import", "Awa", str(path)]) == 0
        out = capsys.readouterr().out
        assert "Awa: 0 statements added (0 to send), 0 already here" in out  # left out, not here
        assert (
            "2 `satisfied` statements not taken: the progress imported does not satisfy their"
            " module or course" in out
        )
        store = cli_store()
        assert store.outbox.counts(awa).total == 0
        store.close()

    store = cli_store()
    watch_everything(store, awa, course)  # finished here: the device's own, once each
    found = satisfied(store, awa)
    assert [a for _, a, _ in found] == [
        st.module_iri(course, course.modules[0]),
        st.course_iri(course),
    ]
    assert not {i for i, _, _ in found} & {s["id"] for s in hand_written}
    store.close()


def test_a_satisfied_of_a_course_not_installed_waits_for_it(tmp_path: Path) -> None:
    """Without the course's moveOn rules nothing can check a `satisfied`: it is not taken, and
    the same file imported once the course is installed brings it."""
    clock = FakeClock()
    course = make_course()
    old = open_store(tmp_path / "old", clock)
    awa_old = old.profiles.add("Awa").id
    study_everything(old, clock, awa_old, course)  # modules m1 and m2 satisfied; m3 awaits
    sent = satisfied(old, awa_old)
    assert len(sent) == 2
    path = tmp_path / "awa.json"
    old.records.export(awa_old, path)

    new = open_store(tmp_path / "new", FakeClock(1_900_000_000.0))
    awa = new.profiles.add("Awa").id
    first = new.records.import_file(awa, path)
    assert (first.satisfied_unverified, first.satisfied_unearned) == (2, 0)
    assert satisfied(new, awa) == []
    report = new.records.import_file(awa, path, **installed(course))
    # the two `satisfied`, and the quiz results also left for the course
    assert report.added == report.queued == 2 + first.grades_unverified
    assert (report.satisfied_unverified, report.satisfied_unearned) == (0, 0)
    assert satisfied(new, awa) == sent


def test_a_satisfied_is_checked_whatever_its_spelling_and_history_is_kept(
    tmp_path: Path,
) -> None:
    """ADL's older verb id is checked as cmi5's; a module the progress does not satisfy is not
    taken either; one the file says was delivered is history, added and sent to nobody."""
    course = make_course()
    store = open_store(tmp_path / "db", FakeClock())
    awa = store.profiles.add("Awa").id
    exam_module = st.module_activity(course, course.modules[2])
    statements = [
        forged(store, awa, 1, st.course_activity(course), st.ADL + "satisfied"),
        forged(store, awa, 2, exam_module),
        forged(store, awa, 3, st.unit_activity(course, course.modules[0].units[0])),
        forged(store, awa, 4, st.course_activity(course)),
    ]
    path = records_file(tmp_path / "f.json", statements)
    data = json.loads(path.read_text())
    data["delivered"] = [f"{FORGED}4"]
    path.write_text(json.dumps(data))
    report = store.records.import_file(awa, path, **installed(course))
    assert (report.added, report.queued, report.satisfied_unearned) == (1, 0, 3)
    counts = store.outbox.counts(awa)
    assert (counts.queued, counts.delivered) == (0, 1)
    again = store.records.import_file(awa, path, **installed(course))
    assert (again.added, again.satisfied_unearned) == (0, 3)
    assert store.outbox.counts(awa) == counts


def test_a_block_the_old_laptop_sent_satisfied_for_gets_no_second_one_here(
    tmp_path: Path,
) -> None:
    """The old laptop's exam was graded and its module and the course satisfied, all sent. The
    grade is not imported (it comes from the LRS): the new laptop's progress does not satisfy
    them, and the `satisfied` it brings as delivered are history. When the grade comes back
    here, the module and the course become satisfied: cmi5 wants one `satisfied` per block in a
    registration, and the institution has it already."""
    clock = FakeClock()
    course = make_course()
    old = open_store(tmp_path / "old", clock)
    awa_old = old.profiles.add("Awa").id
    study_everything(old, clock, awa_old, course)
    (attempt,) = old.assessments.exam_attempts(awa_old)
    old.assessments.record_exam_result(awa_old, attempt.registration, True, 0.9, course=course)
    assert old.progress.course(awa_old, course).satisfied
    old.outbox.mark_delivered([r.id for r in old.outbox.rows(awa_old, limit=10_000)])
    sent = satisfied(old, awa_old)
    assert [a for _, a, _ in sent] == [
        *(st.module_iri(course, m) for m in course.modules),
        st.course_iri(course),
    ]
    path = tmp_path / "awa.json"
    old.records.export(awa_old, path)

    new = open_store(tmp_path / "new", FakeClock(1_900_000_000.0))
    awa = new.profiles.add("Awa").id
    report = new.records.import_file(awa, path, **installed(course))
    assert report.satisfied_unearned == 0 and report.queued == 0
    progress = new.progress.course(awa, course)
    assert not progress.modules[2].satisfied and not progress.satisfied  # no grade imported
    assert satisfied(new, awa) == sent
    (waiting,) = new.assessments.exam_attempts(awa)
    assert waiting.state == "submitted"
    new.assessments.record_exam_result(awa, waiting.registration, True, 0.9, course=course)
    assert new.progress.course(awa, course).satisfied
    assert satisfied(new, awa) == sent  # nothing queued: the LRS has them


def test_a_satisfied_to_send_of_a_block_satisfied_here_is_not_taken(tmp_path: Path) -> None:
    """The learner studied on both laptops: each queued its own `satisfied` for modules m1 and
    m2. Importing the old laptop's file takes its other statements, but not a second
    `satisfied` for a block this device has one for: those count as already here."""
    course = make_course()
    clock = FakeClock()
    old = open_store(tmp_path / "old", clock)
    awa_old = old.profiles.add("Awa").id
    study_everything(old, clock, awa_old, course)
    path = tmp_path / "awa.json"
    old.records.export(awa_old, path)
    total = old.outbox.counts(awa_old).total

    new_clock = FakeClock(1_900_000_000.0)
    new = open_store(tmp_path / "new", new_clock)
    awa = new.profiles.add("Awa").id
    study_everything(new, new_clock, awa, course)
    mine = satisfied(new, awa)
    assert len(mine) == 2
    report = new.records.import_file(awa, path, **installed(course))
    assert report.satisfied_unearned == report.satisfied_unverified == 0
    assert (report.added, report.skipped) == (total - 2, 2)
    assert satisfied(new, awa) == mine


def test_a_satisfied_queued_here_is_still_sent_when_an_import_brings_one_delivered(
    tmp_path: Path,
) -> None:
    """Both laptops satisfied modules m1 and m2 before either knew of the other's: the old one
    sent its `satisfied`, the new one's still wait (offline). The import takes the old ones as
    history and leaves the new ones queued: they are this device's records, frozen and sent at
    least once, and had the new laptop been online an hour earlier they would be at the LRS
    already - what the LRS gets does not hang on when the network was there (pins the choice
    documented in satisfied_blocks.py)."""
    course = make_course()
    clock = FakeClock()
    old = open_store(tmp_path / "old", clock)
    awa_old = old.profiles.add("Awa").id
    study_everything(old, clock, awa_old, course)
    old.outbox.mark_delivered([r.id for r in old.outbox.rows(awa_old, limit=10_000)])
    theirs = satisfied(old, awa_old)
    assert len(theirs) == 2 and {s for _, _, s in theirs} == {"delivered"}
    path = tmp_path / "awa.json"
    old.records.export(awa_old, path)

    new_clock = FakeClock(1_900_000_000.0)
    new = open_store(tmp_path / "new", new_clock)
    awa = new.profiles.add("Awa").id
    study_everything(new, new_clock, awa, course)
    mine = satisfied(new, awa)
    assert len(mine) == 2 and {s for _, _, s in mine} == {"queued"}
    new.records.import_file(awa, path, **installed(course))
    assert sorted(satisfied(new, awa)) == sorted(mine + theirs)
    queued = [r.id for r in new.outbox.rows(awa, limit=10_000) if r.state == "queued"]
    assert {i for i, _, _ in mine} <= set(queued)


def test_the_command_says_a_module_its_grade_will_satisfy_is_not_to_be_done_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review r5 finding 1: Awa passed the demo's exam on her old laptop, its module's
    `satisfied` not sent yet. The grade is never imported, so that `satisfied` is left out;
    the command said 'this device sends one when the learner satisfies it here', as if she had
    to do the module again. The grade the next sync brings satisfies it: said so."""
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "old"))
    (item,) = open_context().library.install_folder(demo_repository())
    course = item.course
    assert main(["profiles", "add", "Awa"]) == 0
    old = cli_store()
    awa_old = old.profiles.find("Awa").id
    reading = old.events.unit_opened(awa_old, course, "enjeux-lecture")
    old.events.reading_completed(reading)
    old.events.unit_closed(reading)
    exam = old.events.unit_opened(awa_old, course, "enjeux-examen")
    attempt = old.assessments.exam_started(exam)
    old.assessments.exam_submitted(exam, attempt.id)
    old.events.unit_closed(exam)
    old.assessments.record_exam_result(awa_old, attempt.registration, True, 0.9, course=course)
    module = st.module_iri(course, course.modules[-1])
    assert [a for _, a, _ in satisfied(old, awa_old)] == [module]
    old.close()
    path = tmp_path / "awa.json"
    assert main(["records", "export", "Awa", "-o", str(path)]) == 0

    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "new"))
    open_context().library.install_folder(demo_repository())
    assert main(["profiles", "add", "Awa"]) == 0
    capsys.readouterr()
    assert main(["records", "import", "Awa", str(path)]) == 0
    out = capsys.readouterr().out
    assert (
        "1 `satisfied` statement not taken: the progress imported does not satisfy its module"
        " or course yet; this computer sends one once it does: when an exam's grade comes back"
        " from the LRS or the learner satisfies it here\n"
    ) in out
    assert "1 exam attempt of this profile awaits a grade, which the next sync brings" in out
    new = cli_store()
    awa = new.profiles.find("Awa").id
    (waiting,) = new.assessments.exam_attempts(awa)
    new.assessments.record_exam_result(awa, waiting.registration, True, 0.9, course=course)
    assert [(a, s) for _, a, s in satisfied(new, awa)] == [(module, "queued")]  # nothing redone
    new.close()
