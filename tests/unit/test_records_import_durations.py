"""Records import: a statement's `result.duration` as ISO 8601 writes it. xAPI takes any ISO 8601
duration, whose decimal sign may be a comma (ISO 8601 prefers it): a file from another tool, or
an LRS's copy, is taken as its dotted twin is. Years and months have no length in seconds: a
duration in them is refused, the message naming the field and the parts to change."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from player.__main__ import main
from player.commands.profiles import open_store as cli_store
from player.records_import import Installed, import_records
from player.store import Store, records
from player.store import statements as st
from player.store.records_file import RecordsError, RecordsFault
from tests.unit.test_records_import_grades import installed
from tests.unit.test_store_helpers import FakeClock, make_course, open_store
from tests.unit.test_store_records import dump

Json = dict[str, Any]


def awa_s_file(tmp_path: Path) -> Path:
    """Awa watched a video 30.25 s, and spent 12.5 s on a quiz attempt she finished without
    answering: the recorder's own file, its durations to the hundredth."""
    clock = FakeClock()
    old = open_store(tmp_path / "old", clock)
    course = make_course()
    awa = old.profiles.add("Awa").id
    old.events.course_launched(awa, course)
    video = old.events.unit_opened(awa, course, "v1")
    old.events.video_played(video, 0.0)
    clock.advance(30.25)
    old.events.video_paused(video, 30.25)
    old.events.unit_closed(video, 30.25)
    quiz = old.events.unit_opened(awa, course, "q1")
    attempt = old.assessments.quiz_started(quiz)
    clock.advance(12.5)
    old.assessments.quiz_finished(quiz, attempt.id)  # its result alone makes it on import
    old.events.unit_closed(quiz)
    path = tmp_path / "awa.json"
    old.records.export(awa, path)
    old.close()
    return path


def durations(data: Json) -> list[str]:
    return [
        s["result"]["duration"] for s in data["statements"] if "duration" in s.get("result", {})
    ]


def imported(tmp_path: Path, path: Path, name: str) -> tuple[Store, str]:
    new = open_store(tmp_path / name, FakeClock(1_900_000_000.0))
    awa = new.profiles.add("Awa").id
    report = new.records.import_file(awa, path, **installed(make_course()))
    assert report.added == report.statements
    return new, awa


def what_counts(store: Store, profile_id: str) -> tuple[object, ...]:
    """What an import makes of durations: the time spent in each unit, the days studied, the
    quiz attempts' starts."""
    course = make_course()
    return (
        [store.progress.unit(profile_id, course.id, u).time_spent for u in ("v1", "q1")],
        store.conn.execute("SELECT day, seconds FROM study_days ORDER BY day").fetchall(),
        [(a.started_at, a.finished_at) for a in store.assessments.quiz_attempts(profile_id)],
    )


def test_the_recorder_writes_a_dot(tmp_path: Path) -> None:
    """ISO 8601 takes either sign; Cartable's own files keep the dot every LRS reads."""
    written = durations(json.loads(awa_s_file(tmp_path).read_text()))
    assert "PT30.25S" in written and "PT12.5S" in written
    assert not any("," in d for d in written)
    assert st.duration_text(1.5) == "PT1.5S"


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("PT1,5S", 1.5), ("PT2M30,25S", 150.25), ("P0Y0M0DT0H0M12,5S", 12.5), ("P0,5D", 43200)],
)
def test_a_comma_is_read_as_iso_8601_s_decimal_sign(text: str, seconds: float) -> None:
    assert st.parse_duration(text) == pytest.approx(seconds)
    assert st.parse_duration(text.replace(",", ".")) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["PT1,S", "PT,5S", "PT1,,5S", "PT1.5,5S"])
def test_a_comma_without_digits_on_both_sides_is_no_duration(text: str) -> None:
    with pytest.raises(ValueError):
        st.parse_duration(text)


def test_a_file_with_comma_durations_is_taken_as_its_dotted_twin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Awa's statements as an LRS or another tool may give them back, `PT30,25S`: refused
    before as INVALID (result.duration), the learner's whole file with them. Now taken, and
    counted as the dotted file is: the same time spent, days studied and attempts' starts."""
    dotted = awa_s_file(tmp_path)
    data = json.loads(dotted.read_text())
    for stmt in data["statements"]:
        if "duration" in stmt.get("result", {}):
            stmt["result"]["duration"] = stmt["result"]["duration"].replace(".", ",")
    assert {"PT30,25S", "PT12,5S"} <= set(durations(data))
    commas = tmp_path / "awa-commas.json"
    commas.write_text(json.dumps(data))

    twin, twin_awa = imported(tmp_path, dotted, "dotted")
    store, awa = imported(tmp_path, commas, "commas")

    assert what_counts(store, awa) == what_counts(twin, twin_awa)
    spent = what_counts(store, awa)[0]
    assert isinstance(spent, list) and spent[0] == pytest.approx(30.25)
    (attempt,) = store.assessments.quiz_attempts(awa)
    assert attempt.finished_at is not None
    assert (attempt.finished_at - attempt.started_at).total_seconds() == pytest.approx(12.5)

    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    assert main(["profiles", "add", "Awa"]) == 0
    capsys.readouterr()
    assert main(["records", "import", "Awa", str(commas)]) == 0
    said = capsys.readouterr()
    assert said.err == "" and said.out.startswith("Awa: ") and "statements added" in said.out


#: yetanalytics/xapi-schema's DurationRegEx (src/xapi_schema/spec/regex.cljc), the check
#: yetanalytics' SQL LRS runs on `result.duration` (its date-time form left out): a dot only,
#: a fraction on the last part only, weeks alone.
_NUM = {u: rf"(?:\d+{u}|\d+\.\d+{u}$)" for u in "YMWDHS"}
_DATE = f"(?:{_NUM['D']}|{_NUM['M']}{_NUM['D']}?|{_NUM['Y']}{_NUM['M']}?{_NUM['D']}?)"
_TIME = f"(?:{_NUM['S']}|{_NUM['M']}{_NUM['S']}?|{_NUM['H']}{_NUM['M']}?{_NUM['S']}?)"
XAPI_SCHEMA = re.compile(rf"^P(?:(?:{_DATE}(?:T{_TIME})?)|(?:T{_TIME})|{_NUM['W']})")


def test_xapi_schema_s_check_is_read_as_it_is_written() -> None:
    for taken in ("PT1.5S", "PT1H30.5M", "P1W", "P0Y0M0DT0H12M30S"):
        assert XAPI_SCHEMA.fullmatch(taken), taken
    for refused in ("PT1,5S", "PT1.5H30M", "P1W2D"):
        assert not XAPI_SCHEMA.fullmatch(refused), refused


def test_a_comma_duration_to_send_is_queued_with_a_dot(tmp_path: Path) -> None:
    """Queued as the file wrote it, `PT30,25S` went to the LRS, and a strict one (yetanalytics'
    SQL LRS: xapi-schema takes a dot only) refuses it (400): set aside, where the summary said
    '4 to send'. Queued now with a dot, the same duration, which a re-export keeps; counted as
    before. One the file says was delivered is history, kept as the LRS holds it."""
    data = json.loads(awa_s_file(tmp_path).read_text())
    for stmt in data["statements"]:
        if "duration" in stmt.get("result", {}):
            stmt["result"]["duration"] = stmt["result"]["duration"].replace(".", ",")
    (video,) = [
        s
        for s in data["statements"]
        if st.verb_name(s) == "terminated" and s["object"]["id"].endswith("/unit/v1")
    ]
    data["delivered"] = [video["id"]]  # sent from the old laptop: history
    commas = tmp_path / "awa-commas.json"
    commas.write_text(json.dumps(data))
    twin = json.loads(commas.read_text())
    for stmt in twin["statements"]:
        if "duration" in stmt.get("result", {}):
            stmt["result"]["duration"] = stmt["result"]["duration"].replace(",", ".")
    dotted = tmp_path / "awa-dotted.json"
    dotted.write_text(json.dumps(twin))

    store, awa = imported(tmp_path, commas, "commas")
    rows = store.outbox.rows(awa)
    said = {
        (st.verb_name(body), body["result"]["duration"], row.state)
        for row in rows
        if "duration" in (body := json.loads(row.body)).get("result", {})
    }
    assert said == {
        ("terminated", "PT30,25S", "delivered"),
        ("failed", "PT12.5S", "queued"),
        ("completed", "PT12.5S", "queued"),
        ("terminated", "PT12.5S", "queued"),
    }
    assert all(XAPI_SCHEMA.fullmatch(d) for _, d, state in said if state == "queued")
    twin_store, twin_awa = imported(tmp_path, dotted, "dotted")
    assert what_counts(store, awa) == what_counts(twin_store, twin_awa)

    again = tmp_path / "again.json"
    store.records.export(awa, again)
    assert durations(json.loads(again.read_text())) == [
        "PT30,25S",
        "PT12.5S",
        "PT12.5S",
        "PT12.5S",
    ]


def _refusal(tmp_path: Path, duration: object, monkeypatch: Any, capsys: Any) -> str:
    """The one line a file whose video session lasted `duration` is refused with, through the
    import the player and the command take and through the command; nothing changed."""
    data = json.loads(awa_s_file(tmp_path).read_text())
    (index,) = [
        i
        for i, s in enumerate(data["statements"])
        if st.verb_name(s) == "terminated" and s["object"]["id"].endswith("/unit/v1")
    ]
    data["statements"][index]["result"]["duration"] = duration
    path = tmp_path / "awa-edited.json"
    path.write_text(json.dumps(data))
    here = open_store(tmp_path / "here", FakeClock())
    awa = here.profiles.add("Awa").id
    before = dump(here.conn)
    course = make_course()
    known = Installed((course,), frozenset({(course.id, "e1")}), frozenset({(course.id, "q1")}))
    with pytest.raises(RecordsError) as refused:
        import_records(here.records, awa, path, known, tmp_path / "data")
    assert refused.value.kind is RecordsFault.INVALID
    assert dump(here.conn) == before
    here.close()
    line = str(refused.value)
    prefix = f"{path}: $.statements[{index}].result.duration: "
    assert line.startswith(prefix) and "\n" not in line

    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    assert main(["profiles", "add", "Awa"]) == 0
    store = cli_store()
    before = dump(store.conn)
    store.close()
    capsys.readouterr()
    assert main(["records", "import", "Awa", str(path)]) == 1
    assert capsys.readouterr().err == f"cartable: {line}\n"
    store = cli_store()
    assert dump(store.conn) == before
    store.close()
    return line.removeprefix(prefix)


@pytest.mark.parametrize(
    ("duration", "parts"),
    [
        ("P1Y", "1Y"),
        ("P2M", "2M"),
        ("P1Y2M3DT4H", "1Y2M"),
        ("P0Y2M", "2M"),
        ("P1Y0M1D", "1Y"),
        ("P0,5Y", "0,5Y"),
    ],
)
def test_a_duration_in_years_or_months_is_refused_naming_them(
    tmp_path: Path, monkeypatch: Any, capsys: Any, duration: str, parts: str
) -> None:
    """Before, 'not an ISO 8601 duration of at most a hundred years': P1Y is both. The reader
    refuses years and months other than zero (no length in seconds: a month is 28 to 31
    days), and the line says so, with the parts to change."""
    assert _refusal(tmp_path, duration, monkeypatch, capsys) == (
        f"counts in years or months ({parts}), which have no length in seconds;"
        " Cartable reads weeks, days, hours, minutes and seconds (such as P3DT4H)"
    )


@pytest.mark.parametrize(
    ("duration", "reason"),
    [
        (90, "not a string"),
        ("PT" + "0" * 62 + "1S", "longer than 64 characters"),
        ("PT1H2M3.5", "not an ISO 8601 duration (such as PT1H2M3.5S)"),
        ("1,5S", "not an ISO 8601 duration (such as PT1H2M3.5S)"),
        ("P36866D", "longer than a hundred years"),  # 101 years
        ("P0Y0M36866D", "longer than a hundred years"),
        ("PT885000H", "longer than a hundred years"),
    ],
)
def test_any_other_duration_refused_says_what_is_wrong(
    tmp_path: Path, monkeypatch: Any, capsys: Any, duration: object, reason: str
) -> None:
    assert _refusal(tmp_path, duration, monkeypatch, capsys) == reason


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("PT1,5H30M", 7200),
        ("PT1.5H30M", 7200),
        ("P1,5DT1,5H", 1.5 * 86400 + 5400),
        ("P1.5W1D", 11.5 * 86400),
        ("P1W2D", 9 * 86400),
        ("P1WT2H", 7 * 86400 + 7200),
        ("P0Y0M1W", 7 * 86400),
    ],
)
def test_a_form_a_strict_lrs_refuses_is_read_and_sent_as_the_recorder_writes(
    text: str, seconds: float
) -> None:
    """A fraction before the last part, weeks with other parts: every earlier version read them
    (`PT1.5H30M` as 2 hours, `P1W2D` as 9 days), so a learner's own export may hold them and
    is never refused after an update. xapi-schema refuses them: sent in the recorder's form."""
    assert not XAPI_SCHEMA.fullmatch(text)
    assert st.parse_duration(text) == pytest.approx(seconds)
    sent = st.duration_to_send(text)
    assert XAPI_SCHEMA.fullmatch(sent) and sent == st.duration_text(seconds)
    assert st.parse_duration(sent) == pytest.approx(seconds)


@pytest.mark.parametrize(
    "text", ["PT1.5S", "PT1H30.5M", "P1DT1.5H", "P2W", "P0.5W", "P0Y0M0DT0H12M30S", "PT30.255S"]
)
def test_a_form_a_strict_lrs_takes_is_sent_as_written(text: str) -> None:
    assert XAPI_SCHEMA.fullmatch(text)
    assert st.duration_to_send(text) == text


def _outbox(store: Store, profile_id: str) -> list[tuple[str, bytes, str]]:
    return sorted((r.id, bytes(r.body), r.state) for r in store.outbox.rows(profile_id))


def _sent_durations(store: Store, profile_id: str) -> dict[str, str]:
    """Each statement's `result.duration` in the outbox, by the statement's verb and unit."""
    out = {}
    for row in store.outbox.rows(profile_id):
        body = json.loads(row.body)
        if "duration" in body.get("result", {}):
            key = f"{st.verb_name(body)} {body['object']['id'].rsplit('/', 1)[-1]} {row.state}"
            out[key] = body["result"]["duration"]
    return out


def _earlier_versions_laptop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Store, str]:
    """Awa's records as an earlier version imported them from another tool's file: her video
    session `PT1,5H30M`, her quiz session `P1W2D`, both read (as 2 hours and 9 days) and queued
    as written (`records._to_send` did not exist; the statements as its reader gave them, not
    as this one's does). Returns the store and Awa."""
    data = json.loads(awa_s_file(tmp_path).read_text())
    for stmt in data["statements"]:
        if st.verb_name(stmt) == "terminated":
            unit = stmt["object"]["id"].rsplit("/", 1)[-1]
            stmt["result"]["duration"] = {"v1": "PT1,5H30M", "q1": "P1W2D"}[unit]
    laptop = open_store(tmp_path / "laptop", FakeClock(1_900_000_000.0))
    awa = laptop.profiles.add("Awa").id
    with monkeypatch.context() as earlier:
        earlier.setattr(records, "_to_send", lambda stmt: stmt)
        laptop.records.import_statements(awa, data["statements"], **installed(make_course()))
    assert _sent_durations(laptop, awa) == {
        "terminated v1 queued": "PT1,5H30M",
        "terminated q1 queued": "P1W2D",
        "failed q1 queued": "PT12.5S",
        "completed q1 queued": "PT12.5S",
    }
    return laptop, awa


def test_an_earlier_version_s_queued_durations_are_taken_back_from_its_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An earlier version queued `PT1,5H30M` and `P1W2D` as written; its export, imported after
    the update, was refused whole (a fraction before the last part, weeks with other parts).
    Now: imported again into the same profile, nothing changes (its rows keep their bytes);
    into a new profile, taken, counted as before, and queued in a form a strict LRS takes."""
    laptop, awa = _earlier_versions_laptop(tmp_path, monkeypatch)
    export = tmp_path / "awa-export.json"
    laptop.records.export(awa, export)
    assert {"PT1,5H30M", "P1W2D"} <= set(durations(json.loads(export.read_text())))
    before, counts = dump(laptop.conn), what_counts(laptop, awa)
    again = laptop.records.import_file(awa, export, **installed(make_course()))
    assert again.added == 0 and again.skipped == again.statements
    assert dump(laptop.conn) == before  # the queued rows too: `PT1,5H30M` left as it was

    store, new_awa = imported(tmp_path, export, "new laptop")
    assert what_counts(store, new_awa) == counts
    assert store.progress.unit(new_awa, make_course().id, "v1").time_spent == 7200
    assert _sent_durations(store, new_awa) == {
        "terminated v1 queued": "PT2H",
        "terminated q1 queued": "PT216H",
        "failed q1 queued": "PT12.5S",
        "completed q1 queued": "PT12.5S",
    }
    queued = _outbox(store, new_awa)
    assert store.records.import_file(new_awa, export, **installed(make_course())).added == 0
    assert _outbox(store, new_awa) == queued


def test_a_salvage_counts_an_earlier_version_s_durations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The earlier version's records file, damaged and set aside, read back by a repair
    (salvage.py folds its rows in as an import does): `PT1,5H30M` counts 2 hours, `P1W2D` 9
    days, as before; with the durations refused they counted nothing."""
    laptop, awa = _earlier_versions_laptop(tmp_path, monkeypatch)
    counts = what_counts(laptop, awa)
    queued = _outbox(laptop, awa)
    laptop.close()
    store = open_store(tmp_path / "restored", FakeClock(1_900_000_000.0))
    report = store.records.salvage(tmp_path / "laptop" / "data" / "cartable.sqlite3", after_seq=0)
    assert report.statements == len(queued) and report.lost == 0
    assert store.progress.unit(awa, make_course().id, "v1").time_spent == 7200
    assert what_counts(store, awa) == counts
    assert _outbox(store, awa) == queued  # read back as they were written


def test_the_recorder_writes_a_fraction_on_the_last_part_only() -> None:
    """What `duration_text` writes, read back: every length from none to the cap, each one a
    duration xapi-schema takes."""
    lengths = [0.0, 0.004, 0.5, 59.995, 60.0, 3599.999, 3600.0, 3600.5, 3661.25, 86400.0]
    lengths += [st.MAX_DURATION - 0.01, st.MAX_DURATION, st.MAX_DURATION + 1]
    for seconds in lengths + [n * 97.123 for n in range(2000)]:
        text = st.duration_text(seconds)
        assert XAPI_SCHEMA.fullmatch(text), text
        expected = round(min(seconds, st.MAX_DURATION) * 100) / 100
        assert st.parse_duration(text) == pytest.approx(expected), text


@pytest.mark.parametrize("fifty_years", ["P0Y0M18250D", "P0Y0M0DT438000H", "P18250,0D"])
def test_a_full_form_duration_takes_the_cap_as_any_other(tmp_path: Path, fifty_years: str) -> None:
    """Years and months at zero are read (ISO 8601's full form): such a duration is taken up to
    a hundred years, as an older Cartable wrote, and counts ten years at most."""
    data = json.loads(awa_s_file(tmp_path).read_text())
    for stmt in data["statements"]:
        if "duration" in stmt.get("result", {}) and st.verb_name(stmt) in ("terminated", "failed"):
            stmt["result"]["duration"] = fifty_years
    path = tmp_path / "awa-fifty.json"
    path.write_text(json.dumps(data))
    store, awa = imported(tmp_path, path, "new")
    course = make_course()
    assert store.progress.unit(awa, course.id, "v1").time_spent == st.MAX_DURATION
    (attempt,) = store.assessments.quiz_attempts(awa)
    assert attempt.finished_at is not None
    spent = (attempt.finished_at - attempt.started_at).total_seconds()
    assert spent == pytest.approx(st.MAX_DURATION)


@pytest.mark.parametrize("over", ["P5214W", "PT1577000000S", "P0Y0M36500D", "P5214,0W"])
def test_a_duration_over_the_cap_is_queued_as_it_counts(tmp_path: Path, over: str) -> None:
    """A session of 50 or 100 years (in a form a strict LRS takes) counts ten years: it is
    queued as ten years too, not as written, so the LRS is sent what progress counted."""
    data = json.loads(awa_s_file(tmp_path).read_text())
    for stmt in data["statements"]:
        if st.verb_name(stmt) == "terminated" and stmt["object"]["id"].endswith("/v1"):
            stmt["result"]["duration"] = over
    path = tmp_path / "awa-over.json"
    path.write_text(json.dumps(data))
    store, awa = imported(tmp_path, path, "new")
    assert store.progress.unit(awa, make_course().id, "v1").time_spent == st.MAX_DURATION
    sent = _sent_durations(store, awa)["terminated v1 queued"]
    assert sent == st.duration_text(st.MAX_DURATION) == "PT87600H"
    assert st.duration_to_send(sent) == sent  # at the cap: kept as written
