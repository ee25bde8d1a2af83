"""Profiles: names, PINs, accounts, removal, and no profile ever reading another's records."""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from player.store import Store
from player.store import profiles as profiles_module
from player.store import statements as st
from player.store.attempts import AttemptError
from player.store.playback import PlaybackPreferences
from player.store.profiles import (
    PinOutcome,
    ProfileError,
    Profiles,
    UndeliveredRecords,
    name_key,
)
from player.store.sessions import SessionClosed
from tests.unit.test_store_helpers import FakeClock, make_course, open_store, study_everything


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture()
def store(tmp_path: Path, clock: FakeClock) -> Store:
    return open_store(tmp_path, clock)


def test_names_are_unique_ignoring_case_and_spaces(store: Store) -> None:
    awa = store.profiles.add("  Awa   Diallo ", "fr")
    assert awa.name == "Awa Diallo" and awa.language == "fr"
    assert store.profiles.find("awa diallo").id == awa.id
    assert store.profiles.find(awa.id).id == awa.id
    with pytest.raises(ProfileError, match="already exists"):
        store.profiles.add("AWA DIALLO")
    for bad in ("", "   ", "x" * 81):
        with pytest.raises(ProfileError):
            store.profiles.add(bad)
    bruno = store.profiles.add("Bruno")
    with pytest.raises(ProfileError):
        store.profiles.rename(bruno.id, "awa diallo")
    assert store.profiles.rename(bruno.id, "Bruno M.").name == "Bruno M."
    assert store.profiles.set_language(bruno.id, "fr").language == "fr"
    assert [p.name for p in store.profiles.all()] == ["Awa Diallo", "Bruno M."]
    with pytest.raises(ProfileError):
        store.profiles.find("Chloé")


def test_a_profile_is_inserted_only_inside_a_transaction(store: Store) -> None:
    """Its name checked and the profile inserted under one write lock: outside a transaction,
    another process could take the name between the two."""
    new = store.profiles.prepare("Awa")
    with pytest.raises(AssertionError, match="outside a transaction"):
        store.profiles.insert(new)
    assert store.profiles.all() == []
    with store.database.transaction():
        store.profiles.insert(new)
    assert [p.name for p in store.profiles.all()] == ["Awa"]


def test_names_that_look_the_same_are_one_name(store: Store) -> None:
    """A zero-width space, a full-width letter, "é" typed as e + accent, an accented capital
    (SQLite's NOCASE folds ASCII only) made a second "Awa" or "Élise" nobody could tell from
    the first in the chooser, the menus or `cartable profiles list`."""
    awa = store.profiles.add("Awa")
    elise = store.profiles.add("e\u0301lise")
    assert elise.name == "\u00e9lise", "kept composed"
    for alike, first in (
        ("Awa\u200b", "Awa"),
        ("\u00adAwa", "Awa"),
        ("\uff21wa", "Awa"),
        ("\u00e9lise", "\u00e9lise"),
        ("\u00c9LISE", "\u00e9lise"),
    ):
        with pytest.raises(ProfileError, match=f"a profile named '{first}' already exists"):
            store.profiles.add(alike)
    bruno = store.profiles.add("Bruno")
    with pytest.raises(ProfileError, match="'Awa' already exists"):
        store.profiles.rename(bruno.id, "A\u200dwa")
    assert store.profiles.rename(awa.id, "AWA").name == "AWA", "its own name, other case"
    assert store.profiles.find("\u00c9lise").id == elise.id
    assert store.profiles.find("E\u0301LISE").id == elise.id
    assert [p.name for p in store.profiles.all()] == ["AWA", "Bruno", "\u00e9lise"]


def test_a_name_holds_no_control_or_text_direction_character(store: Store) -> None:
    """An ESC in a name rewrote the terminal of whoever ran `cartable profiles list`; U+202E
    turned "name · PIN · open now" around in the lists."""
    for bad, code in (
        ("Bad\x1b[2Jname", "U+001B"),
        ("\u202eevil", "U+202E"),
        ("Awa\u2066x", "U+2066"),
        ("nul\x00", "U+0000"),
    ):
        with pytest.raises(ProfileError, match=re.escape(f"text-direction characters ({code})")):
            store.profiles.add(bad)
    awa = store.profiles.add("Awa")
    with pytest.raises(ProfileError, match=re.escape("(U+007F)")):
        store.profiles.rename(awa.id, "Awa\x7f")
    kept = [
        "\u0639\u0644\u064a",
        "\U0001f468\u200d\U0001f469\u200d\U0001f467 famille",
        "\u0645\u06cc\u200c\u0631\u0648\u062f",
    ]  # Arabic, a ZWJ emoji, a Persian ZWNJ
    for name in kept:
        assert store.profiles.add(name).name == name
    assert sorted(p.name for p in store.profiles.all()) == sorted(["Awa", *kept])


def test_a_name_several_old_profiles_look_like_asks_for_the_id(store: Store) -> None:
    """Profiles made before names were told apart may look alike: the command line asks for
    the id rather than pick one (`cartable profiles remove`)."""
    for name in ("Awa", "Awa\u200b"):
        store.conn.execute(
            "INSERT INTO profiles (id, name, language, actor_home_page, actor_name,"
            " account_linked, created_at) VALUES (?, ?, 'en', 'https://d.test', ?, 0, 0)",
            (name.encode().hex(), name, name.encode().hex()),
        )
    for typed in ("Awa", "AWA\u200c"):  # even the one written so: which is meant is unsure
        with pytest.raises(
            ProfileError,
            match=re.escape(f"2 profiles have a name that looks like {typed!r}: give the id"),
        ):
            store.profiles.find(typed)
    assert store.profiles.find("417761").name == "Awa", "by its id"


def test_name_key_merges_only_what_looks_the_same() -> None:
    """The pairs a learner tells apart keep two keys; the pairs that show the same share one."""
    apart = [
        ("Wei\u00df", "Weiss"),
        ("Strau\u00df", "Strauss"),
        ("Awa\u00b2", "Awa2"),  # superscript
        ("Awa\u2082", "Awa2"),  # subscript
        ("Awa\u2460", "Awa1"),  # circled
        ("\u03a3\u03bf\u03c6\u03af\u03b1\u03c2", "\u03a3\u03bf\u03c6\u03af\u03b1\u03c3"),
        ("\u3131\u314f", "\uac00"),  # two jamo side by side, the syllable they would make
        ("Awa", "\u0410w\u0430"),  # Cyrillic A and a: other letters (not confusables)
    ]
    for first, second in apart:
        assert name_key(first) != name_key(second), (first, second)
    alike = [
        ("\uff21wa", "Awa"),  # full-width
        ("\uff76", "\u30ab"),  # half-width katakana
        ("\U0001d5a0wa", "Awa"),  # mathematical sans-serif A
        ("\ufb01", "fi"),  # ligature
        ("\u00e9lise", "e\u0301lise"),  # composed, decomposed
        ("\u00c9lise", "\u00e9lise"),  # case
        ("WEI\u1e9e", "Wei\u00df"),  # capital sharp s: the case of \u00df, not "ss"
        ("Awa\u200b", "Awa"),
        ("Awa  Diallo", "Awa \u200b Diallo"),
        ("\u2068Awa\u2069", "Awa"),  # isolated as the command lines print it
    ]
    for first, second in alike:
        assert name_key(first) == name_key(second), (first, second)


def test_names_that_look_different_are_two_names(store: Store) -> None:
    """name_key folded "\u00df" into "ss" and "\u00b2" into "2" (NFKC, casefold): a real second
    learner, Weiss beside Wei\u00df, was refused as the first."""
    for name in ("Wei\u00df", "Weiss", "Strau\u00df", "Strauss", "Awa\u00b2", "Awa2"):
        assert store.profiles.add(name).name == name
    assert store.profiles.find("WEI\u1e9e").name == "Wei\u00df", "capital sharp s: its case"
    assert store.profiles.find("weiss").name == "Weiss"
    with pytest.raises(ProfileError, match=re.escape("a profile named 'Awa\u00b2' already")):
        store.profiles.add("\uff21wa\u00b2")


def test_invisible_characters_do_not_make_another_name(store: Store) -> None:
    """A variation selector, a combining grapheme joiner, a Hangul filler beside "Awa" made a
    second "Awa" (not format characters, so name_key kept them); joiners stay allowed inside
    names (Persian, Indic, emoji) but count for nothing when names are compared."""
    store.profiles.add("Awa")
    for alike in (
        "Awa\ufe0f",
        "A\u034fwa",
        "\u3164Awa",
        "Awa\uffa0",
        "Awa\u115f",
        "Aw\u180ba",
        "Awa\U000e0020",
        "A\u200dw\u200ca",
        "A\u200bwa",
    ):
        with pytest.raises(ProfileError, match="a profile named 'Awa' already exists"):
            store.profiles.add(alike)
    for blank in ("\u3164", "\u200b\ufe0f", "\u115f \u1160"):
        with pytest.raises(ProfileError, match="a profile needs a name that shows"):
            store.profiles.add(blank)
    persian = "\u0645\u06cc\u200c\u0631\u0648\u062f"
    assert store.profiles.add(persian).name == persian, "ZWNJ kept inside the name"
    with pytest.raises(ProfileError, match="already exists"):
        store.profiles.add(persian.replace("\u200c", ""))
    assert [p.name for p in store.profiles.all()] == ["Awa", persian]


def test_an_id_names_its_own_profile_even_if_another_is_named_so(store: Store) -> None:
    """`cartable profiles pin|remove ID` must not reach a learner whose name is that id."""
    awa = store.profiles.add("Awa", pin="1234")
    store.profiles.add(awa.id.upper(), pin="9999")
    assert store.profiles.find(awa.id).id == awa.id


def test_pins_are_salted_hashes_checked_in_constant_time(store: Store) -> None:
    awa = store.profiles.add("Awa", pin="1234")
    bruno = store.profiles.add("Bruno", pin="1234")
    chloe = store.profiles.add("Chloé")
    hashes = dict(store.conn.execute("SELECT name, pin_hash FROM profiles").fetchall())
    assert hashes["Awa"] != hashes["Bruno"]  # salted
    assert "1234" not in hashes["Awa"] and hashes["Awa"].startswith("scrypt$")
    assert hashes["Chloé"] is None
    assert awa.has_pin and not chloe.has_pin
    assert store.profiles.check_pin(awa.id, "1234")
    assert not store.profiles.check_pin(awa.id, "1235")
    assert store.profiles.check_pin(chloe.id, "")  # no PIN, nothing to check
    for bad in ("123", "12345", "12a4", "", " 1234", "1234\n", "١٢٣٤"):
        with pytest.raises(ProfileError):
            store.profiles.set_pin(bruno.id, bad)
    assert store.profiles.set_pin(bruno.id, "9876").has_pin
    assert store.profiles.check_pin(bruno.id, "9876") and not store.profiles.check_pin(
        bruno.id, "1234"
    )
    assert not store.profiles.set_pin(bruno.id, None).has_pin


def test_a_linked_account_names_new_statements_queued_ones_keep_theirs(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    store.events.course_launched(awa.id, course)
    linked = store.profiles.link_account(awa.id, "https://lms.univ.example.org", "awa.diallo")
    assert linked.account_linked
    store.events.course_launched(awa.id, course)
    first, second = (json.loads(r.body)["actor"] for r in store.outbox.rows(awa.id))
    assert first["account"]["homePage"].startswith(st.DEVICE_HOME_PAGE)
    assert second["account"] == {"homePage": "https://lms.univ.example.org", "name": "awa.diallo"}
    with pytest.raises(ProfileError):
        store.profiles.link_account(awa.id, "ftp://x", "a")
    device = store.profiles.unlink_account(awa.id)
    assert not device.account_linked and device.actor.name == awa.id


def test_removal_is_refused_while_records_wait_unless_forced(
    store: Store, clock: FakeClock
) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    bruno = store.profiles.add("Bruno")
    study_everything(store, clock, awa.id, course)
    study_everything(store, clock, bruno.id, course)
    bruno_rows = len(store.outbox.rows(bruno.id, limit=10_000))
    with pytest.raises(UndeliveredRecords) as refused:
        store.profiles.remove(awa.id)
    assert refused.value.waiting == store.outbox.counts(awa.id).queued
    store.outbox.mark_delivered(r.id for r in store.outbox.rows(awa.id, limit=10_000))
    store.profiles.remove(awa.id)  # everything delivered: allowed
    for table in ("unit_progress", "sessions", "enrolments", "quiz_attempts", "exam_attempts"):
        assert store.conn.execute(
            f"SELECT count(*) FROM {table} WHERE profile_id = ?", (awa.id,)
        ).fetchone() == (0,)
    assert store.outbox.counts(awa.id).total == 0
    assert len(store.outbox.rows(bruno.id, limit=10_000)) == bruno_rows
    store.profiles.remove(bruno.id, force=True)
    assert store.profiles.all() == []


def test_no_profile_reads_or_touches_anothers_records(store: Store, clock: FakeClock) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    bruno = store.profiles.add("Bruno")
    study_everything(store, clock, awa.id, course)
    session = store.events.unit_opened(awa.id, course, "q1")
    quiz = store.assessments.quiz_attempts(awa.id)[0]
    exam = store.assessments.exam_attempts(awa.id)[0]

    progress = store.progress.course(bruno.id, course)
    assert not progress.started and progress.registration is None
    assert all(not p.started for p in store.progress.summaries(bruno.id, [course]))
    assert store.progress.unit(bruno.id, course.id, "v1").segments == ()
    assert store.progress.enrolled_courses(bruno.id) == []
    assert sum(d.seconds for d in store.progress.study_time_by_day(bruno.id, 3650)) == 0
    assert store.assessments.quiz_attempts(bruno.id) == []
    assert store.assessments.exam_attempts(bruno.id) == []
    assert store.assessments.expired_exam_attempts(bruno.id) == []
    assert store.outbox.rows(bruno.id) == [] and store.outbox.counts(bruno.id).total == 0
    assert store.outbox.take_batch(bruno.id, 50, now=clock() + 1) == []
    assert store.events.open_sessions(bruno.id) == []

    with pytest.raises(AttemptError):
        store.assessments.quiz_attempt(bruno.id, quiz.id)
    with pytest.raises(AttemptError):
        store.assessments.exam_attempt(bruno.id, exam.id)
    stolen = type(session)(
        session.id, bruno.id, course, session.module, session.unit, session.registration, 0.0
    )
    with pytest.raises(SessionClosed):
        store.events.heartbeat(stolen)
    bruno_session = store.events.unit_opened(bruno.id, course, "q1")
    with pytest.raises(AttemptError):
        store.assessments.question_answered(bruno_session, quiz.id, "qa", "a")
    assert store.assessments.record_exam_result(bruno.id, exam.registration, True) is None

    exported = store.records.stats()
    by_name = {p.name: p.counts for p in exported.profiles}
    assert by_name["Bruno"].total == len(store.outbox.rows(bruno.id))
    assert store.progress.registration(bruno.id, course.id) != store.progress.registration(
        awa.id, course.id
    )


# -- wrong PIN tries: a persistent limit, then a growing wait ---------------------------------


def test_after_five_wrong_pins_each_try_waits_longer_and_a_right_pin_resets(
    tmp_path: Path, store: Store, clock: FakeClock
) -> None:
    awa = store.profiles.add("Awa", pin="1234")
    tries = [store.profiles.try_pin(awa.id, "0000") for _ in range(5)]
    assert [t.outcome for t in tries] == [PinOutcome.WRONG] * 5
    assert [t.tries_left for t in tries] == [4, 3, 2, 1, 0]
    assert [t.wait for t in tries] == [0, 0, 0, 0, 30]
    assert not tries[0].ok and tries[-1].until == datetime.fromtimestamp(clock.now + 30, UTC)
    locked = store.profiles.try_pin(awa.id, "1234")  # the right one, refused unchecked
    assert locked.outcome is PinOutcome.LOCKED and not locked.ok and locked.wait == 30
    clock.advance(20)
    assert store.profiles.try_pin(awa.id, "1234").wait == 10
    assert not store.profiles.check_pin(awa.id, "1234"), "the bool check is limited as well"

    store.close()  # the count and the wait are in the file: reopening changes nothing
    store = open_store(tmp_path, clock)
    assert store.profiles.try_pin(awa.id, "1234").outcome is PinOutcome.LOCKED
    waits = []
    for _ in range(7):
        clock.advance(store.profiles.try_pin(awa.id, "1234").wait)
        wrong = store.profiles.try_pin(awa.id, "9999")
        assert wrong.outcome is PinOutcome.WRONG and wrong.tries_left == 0
        waits.append(wrong.wait)
    assert waits == [60, 120, 240, 480, 900, 900, 900]
    clock.advance(900)
    assert store.profiles.try_pin(awa.id, "1234").outcome is PinOutcome.RIGHT
    assert [store.profiles.try_pin(awa.id, "0000").tries_left for _ in range(2)] == [4, 3]
    assert store.profiles.try_pin(awa.id, "1234").ok
    store.close()


def test_a_new_pin_starts_a_new_count_and_other_profiles_have_their_own(store: Store) -> None:
    awa = store.profiles.add("Awa", pin="1234")
    bruno = store.profiles.add("Bruno", pin="1234")
    chloe = store.profiles.add("Chloé")
    for _ in range(5):
        store.profiles.try_pin(awa.id, "0000")
    assert store.profiles.try_pin(bruno.id, "1234").ok, "Awa's tries are not Bruno's"
    assert store.profiles.try_pin(chloe.id, "").outcome is PinOutcome.RIGHT
    assert store.profiles.try_pin(awa.id, "1234").outcome is PinOutcome.LOCKED
    store.profiles.set_pin(awa.id, "5678")  # from the command line: a new PIN, a new count
    assert store.profiles.try_pin(awa.id, "5678").ok


def test_a_locked_try_is_refused_without_hashing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    awa = store.profiles.add("Awa", pin="1234")
    for _ in range(5):
        store.profiles.try_pin(awa.id, "0000")

    def no_hashing(pin: str, stored: str) -> bool:
        raise AssertionError("a locked profile's PIN is not checked")

    monkeypatch.setattr(profiles_module, "_pin_matches", no_hashing)
    assert store.profiles.try_pin(awa.id, "1234").outcome is PinOutcome.LOCKED


def test_moving_the_wall_clock_back_or_forward_does_not_skip_the_wait(
    store: Store, clock: FakeClock
) -> None:
    boot = FakeClock(5_000.0)
    profiles = Profiles(store.database, monotonic=boot)
    awa = profiles.add("Awa", pin="1234")
    for _ in range(5):
        profiles.try_pin(awa.id, "0000")
    clock.advance(-3600)  # set back an hour: not an hour's wait, nor none
    assert profiles.try_pin(awa.id, "1234").wait == 30
    clock.advance(7 * 86400)  # forward a week: the boot clock still counts the 30 s
    boot.advance(10)
    locked = profiles.try_pin(awa.id, "1234")
    assert locked.outcome is PinOutcome.LOCKED and locked.wait == 20
    boot.advance(20)
    assert profiles.try_pin(awa.id, "0000").wait == 60

    # restarted (the boot clock from zero) with the wall clock set back: the whole wait, once
    boot.now = 3.0
    clock.advance(-86400)
    assert profiles.try_pin(awa.id, "1234").wait == 60
    boot.advance(30)
    assert profiles.try_pin(awa.id, "1234").wait == 30, "counted from the restart on"
    clock.advance(-86400)
    boot.advance(30)
    assert profiles.try_pin(awa.id, "1234").ok


def test_a_pin_check_is_one_transaction(store: Store) -> None:
    awa = store.profiles.add("Awa", pin="1234")
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        store.profiles.try_pin(awa.id, "0000")
    finally:
        store.conn.set_trace_callback(None)
    assert sum(s.startswith(("BEGIN", "COMMIT")) for s in seen) == 2
    begin, commit = seen.index("BEGIN IMMEDIATE"), seen.index("COMMIT")
    inside, outside = seen[begin + 1 : commit], seen[:begin] + seen[commit + 1 :]
    assert inside[0].startswith("SELECT pin_hash"), "the count read again under the write lock"
    assert any(s.startswith("UPDATE profiles") for s in inside)
    assert not any(s.startswith("UPDATE") for s in outside)


def _holding_the_write_lock(store: Store) -> sqlite3.Connection:
    """Another process's write transaction (`cartable records import`...) on the same file."""
    other = sqlite3.connect(store.database.path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_right_pin_with_no_wrong_tries_is_a_read_taking_no_write_lock(store: Store) -> None:
    awa = store.profiles.add("Awa", pin="1234")
    store.conn.execute("PRAGMA busy_timeout = 200")  # a freeze would fail, not hang
    other = _holding_the_write_lock(store)
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        assert store.profiles.try_pin(awa.id, "1234").outcome is PinOutcome.RIGHT
    finally:
        store.conn.set_trace_callback(None)
        other.rollback()
        other.close()
    assert not [s for s in seen if s.startswith(("BEGIN", "UPDATE", "COMMIT"))], seen


def test_a_try_that_cannot_be_recorded_still_answers_and_says_so_in_the_log(
    store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The file locked by another process (or the disk full): a wrong PIN stays wrong, a right
    PIN opens even though its count cannot be cleared; nothing crashes, the log says why."""
    monkeypatch.setattr(profiles_module, "PIN_BUSY_TIMEOUT_MS", 50)
    awa = store.profiles.add("Awa", pin="1234")
    assert store.profiles.try_pin(awa.id, "0000").tries_left == 4  # recorded
    other = _holding_the_write_lock(store)
    try:
        with caplog.at_level(logging.WARNING, logger=profiles_module.__name__):
            wrong = store.profiles.try_pin(awa.id, "0000")
            assert wrong.outcome is PinOutcome.WRONG and wrong.tries_left == 3
            assert store.profiles.try_pin(awa.id, "1234").outcome is PinOutcome.RIGHT
    finally:
        other.rollback()
        other.close()
    assert len([r for r in caplog.records if "could not be" in r.getMessage()]) == 2
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000, "restored"
    assert store.profiles.try_pin(awa.id, "0000").tries_left == 3, "the count stayed at 1"
    assert store.profiles.try_pin(awa.id, "1234").ok
    assert store.profiles.try_pin(awa.id, "0000").tries_left == 4, "cleared once it could be"


def test_a_value_that_is_not_4_digits_is_not_a_counted_try(store: Store) -> None:
    awa = store.profiles.add("Awa", pin="1234")
    for value in ("", "12", "123", "12345", "12a4", " 123"):
        check = store.profiles.try_pin(awa.id, value)
        assert check.outcome is PinOutcome.MALFORMED and not check.ok, value
    assert not store.profiles.check_pin(awa.id, "")
    assert store.profiles.try_pin(awa.id, "0000").tries_left == 4, "the first counted try"


def test_playback_preferences_are_kept_per_profile(tmp_path: Path, clock: FakeClock) -> None:
    store = open_store(tmp_path, clock)
    awa, bruno = store.profiles.add("Awa"), store.profiles.add("Bruno")
    assert store.profiles.playback(awa.id) == PlaybackPreferences()  # never saved: defaults
    chosen = PlaybackPreferences(
        speed=1.25, volume=0.4, muted=True, subtitles="", text_size=3, transcript=True
    )
    store.profiles.set_playback(awa.id, chosen)
    store.close()
    again = open_store(tmp_path, clock)
    assert again.profiles.playback(awa.id) == chosen
    assert again.profiles.playback(bruno.id) == PlaybackPreferences()
    with pytest.raises(ProfileError):
        again.profiles.playback("nobody")
    with pytest.raises(ProfileError):
        again.profiles.set_playback("nobody", chosen)


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        ("not json{", PlaybackPreferences()),
        ("[1, 2]", PlaybackPreferences()),
        ('"text"', PlaybackPreferences()),
        (
            '{"speed": 40, "volume": -1, "muted": "yes", "subtitles": "<b>", "text_size": 99}',
            PlaybackPreferences(),
        ),
        (
            '{"speed": true, "volume": "0.5", "muted": 1, "subtitles": 3, "text_size": 2.5,'
            ' "transcript": "yes"}',
            PlaybackPreferences(),
        ),
        ('{"speed": NaN, "volume": Infinity}', PlaybackPreferences()),
        (  # one damaged value falls back alone: the others are kept
            '{"speed": 1.5, "volume": 0.3, "muted": true, "subtitles": "pt-BR", "text_size": -9}',
            PlaybackPreferences(speed=1.5, volume=0.3, muted=True, subtitles="pt-BR"),
        ),
    ],
)
def test_damaged_playback_preferences_read_back_as_their_defaults(
    store: Store, stored: str, expected: PlaybackPreferences
) -> None:
    awa = store.profiles.add("Awa")
    store.conn.execute("UPDATE profiles SET playback = ? WHERE id = ?", (stored, awa.id))
    assert store.profiles.playback(awa.id) == expected
