"""A learner's records as a file, and progress rebuilt from statements.

Export: every statement of a profile, in creation order, as xAPI JSON (the `statements` array
can be POSTed as it is to any LRS), with the ids already delivered and the graded exam results
pulled from the LRS. Practice quiz answers not checked yet (`quiz_drafts`) are not statements:
they stay on this device, and an imported answer or result of their attempt drops them as
checking it here would. Import (a learner moving to a new laptop): statements whose id is already
here are skipped, the others are added to the outbox (queued, or delivered when the file says
so) and folded into progress, quiz and exam attempts and time studied - so importing the same
file twice changes nothing. Salvage uses the same path to read back what a damaged database
still holds beyond the backup that replaced it.

Exam grades never come from an import. A learner can write the file by hand, and nothing in it
proves who graded (`authority` is a field like any other, and the LRS's own fields are dropped):
the file's `results` are not read for grades, and a `passed`/`failed` that is not a practice
quiz attempt's result (one about an exam - its statements carry the exam extension, the device
has attempts of it, or the caller names it as an exam unit - or one without a quiz attempt id,
which Cartable never writes) is left out: neither added, nor queued, nor folded into progress.
An exam attempt the file brings as submitted waits for its grade here, and the next sync pulls
it from the LRS, the one authority, with the grader's checks (sync.results). A `passed` the
import cannot tell from a quiz's (an exam unit of a course not installed yet, no exam statement)
is folded into the unit's row, which never passes an exam: an exam counts by its attempts
(progress.py), but only when the file says it was delivered: one still to send is not taken
(`grades_unverified`), as the device cannot vouch to the institution for a grade of a unit it
does not know as a practice quiz of an installed course; installed, the same file imported
again brings it. An attempt the file leaves in progress starts no later than the import and gets
the exam's time limit from that start once the exam is here (exam_events.py). Practice quizzes
(not certified) keep their scores, passes and completion as the file says: they are the
learner's own practice, which the learner's own database could equally be edited to say.
"""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from player.store import progress as pg
from player.store import segments as seg
from player.store import statements as st
from player.store.database import Database, StoreError
from player.store.ids import new_uuid, random_bits
from player.store.profiles import Profiles
from sync.outbox import Outbox, OutboxCounts, OutboxState

Json = dict[str, Any]
FORMAT = "cartable-records"
FORMAT_VERSION = 1
#: Fields that belong to the LRS: dropped from imported statements, as we never send them.
LRS_FIELDS = ("stored", "authority", "version")


class RecordsError(StoreError):
    """A records file cannot be imported; the message names the file and the JSON path."""


@dataclass(frozen=True)
class ExportReport:
    path: Path
    statements: int
    delivered: int
    results: int


@dataclass(frozen=True)
class ImportReport:
    statements: int  # in the file
    added: int
    skipped: int  # already here (same id)
    queued: int  # added and waiting to be sent
    units: int  # units whose progress changed
    adopted_actor: bool  # the profile now continues the imported identity
    grades_left_out: int = 0  # exam grades in the file not taken (results, passed/failed)
    awaiting_grade: int = 0  # exam attempts of the profile waiting for a grade from the LRS
    grades_unverified: int = 0  # passed/failed to send, of a unit not a practice quiz known here


@dataclass(frozen=True)
class SalvageReport:
    statements: int
    lost: int | None
    profiles_recreated: int = 0


@dataclass(frozen=True)
class ProfileStats:
    profile_id: str
    name: str
    counts: OutboxCounts


@dataclass(frozen=True)
class RecordsStats:
    database: Path
    size_bytes: int
    schema_version: int
    counts: OutboxCounts
    profiles: tuple[ProfileStats, ...]
    backups: tuple[Path, ...] = field(default=())


@dataclass
class _Ingest:
    """What one batch of statements changed (import or salvage)."""

    added: int = 0
    queued: int = 0
    units: set[tuple[str, str]] = field(default_factory=set)


def _fail(file: str, where: str, reason: str) -> RecordsError:
    return RecordsError(f"{file}: {where}: {reason}")


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
#: Longest ISO 8601 duration accepted (a statement's `result.duration`): no study lasts longer.
_MAX_DURATION = 10 * 365 * 86400.0


def _uuid(value: object) -> str | None:
    """The canonical (lower-case, 8-4-4-4-12) form of a UUID string, or None: the form the LRS
    keys statements by, so that one statement is never queued twice under two spellings."""
    if not isinstance(value, str):
        return None
    text = value.lower()
    return text if _UUID.fullmatch(text) else None


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _shape_problem(stmt: Json) -> tuple[str, str] | None:
    """The first field (path, reason) whose type is not what xAPI says and the records read."""
    objects = ("context", "result", "context.extensions", "result.extensions", "result.score")
    for path in objects:
        value: object = stmt
        for key in path.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None and not isinstance(value, dict):
            return path, "not an object"
    context = stmt.get("context") or {}
    if "registration" in context and _uuid(context["registration"]) is None:
        return "context.registration", "not a UUID"
    if not isinstance(context.get("contextActivities", {}), dict):
        return "context.contextActivities", "not an object"
    result = stmt.get("result") or {}
    for key in ("success", "completion"):
        if key in result and not isinstance(result[key], bool):
            return f"result.{key}", "not true or false"
    if "response" in result and not isinstance(result["response"], str):
        return "result.response", "not a string"
    for key, value in (result.get("score") or {}).items():
        if not _finite(value) or (key == "scaled" and not -1 <= value <= 1):
            return f"result.score.{key}", "not a finite number (scaled: between -1 and 1)"
    if "duration" in result:
        duration = result["duration"]
        try:
            if not isinstance(duration, str) or len(duration) > 64:
                raise ValueError
            if not 0 <= st.parse_duration(duration) <= _MAX_DURATION:
                raise ValueError
        except ValueError:
            return "result.duration", "not an ISO 8601 duration of at most ten years"
    extensions = result.get("extensions") or {}
    played = extensions.get(st.VIDEO_SEGMENTS)
    if played is not None:
        try:
            if not isinstance(played, str):
                raise ValueError
            seg.parse_played_segments(played)
        except ValueError:
            return "result.extensions (played-segments)", "not start[.]end pairs"
    attempt = (context.get("extensions") or {}).get(st.EXT_ATTEMPT_ID)
    if attempt is not None and _uuid(attempt) is None:
        return "context.extensions (attempt-id)", "not a UUID"
    return None


def check_statement(stmt: object, file: str, where: str) -> Json:
    """What a statement needs to be queued, folded and taken by an LRS: its id in canonical
    form, and every field the records read of the type xAPI says; LRS-owned fields removed."""
    if not isinstance(stmt, dict):
        raise _fail(file, where, "a statement is a JSON object")
    statement_id = _uuid(stmt.get("id"))
    if statement_id is None:
        raise _fail(file, f"{where}.id", "missing or not a UUID (8-4-4-4-12 hexadecimal digits)")
    for key in ("actor", "verb", "object"):
        if not isinstance(stmt.get(key), dict):
            raise _fail(file, f"{where}.{key}", "missing or not an object")
    if not isinstance(stmt["verb"].get("id"), str) or not isinstance(stmt["object"].get("id"), str):
        raise _fail(file, f"{where}.verb.id", "verb and object need an id")
    try:
        st.parse_timestamp(str(stmt.get("timestamp", "")))
    except (ValueError, OverflowError):
        raise _fail(file, f"{where}.timestamp", "missing or not an ISO 8601 timestamp") from None
    problem = _shape_problem(stmt)
    if problem is not None:
        raise _fail(file, f"{where}.{problem[0]}", problem[1])
    checked = {k: v for k, v in stmt.items() if k not in LRS_FIELDS}
    checked["id"] = statement_id
    return checked


def _grade_not_from_a_quiz(stmt: Json, exams: Collection[tuple[str, str]]) -> bool:
    """A `passed`/`failed` an import leaves out: about an exam, or without the quiz attempt id
    every practice quiz's result carries (Cartable writes no other grade)."""
    if st.verb_name(stmt) not in ("passed", "failed"):
        return False
    context = _ext(stmt, "context")
    if context.get(st.EXT_EXAM) or not context.get(st.EXT_ATTEMPT_ID):
        return True
    ref = st.parse_activity_iri(str(stmt["object"].get("id", "")))
    return ref is not None and (ref.course_id, ref.unit_id) in exams


def _vouched(stmt: Json, state: OutboxState, quiz_units: Collection[tuple[str, str]]) -> bool:
    """Whether the device may queue this statement for the institution: anything but a grade,
    or a grade of a practice quiz of an installed course. A course not installed cannot tell
    its exam from its quizzes, and a hand-written `passed` would reach the institution as the
    learner's. A grade the file says was delivered is history, sent to nobody."""
    if state != "queued" or st.verb_name(stmt) not in ("passed", "failed"):
        return True
    ref = st.parse_activity_iri(str(stmt["object"].get("id", "")))
    return ref is not None and (ref.course_id, ref.unit_id) in quiz_units


def _not_json(constant: str) -> object:
    raise ValueError(f"{constant} is not a JSON number")


def _ext(stmt: Json, where: str) -> Json:
    part = stmt.get(where) or {}
    return part.get("extensions") or {}


class Records:
    def __init__(self, database: Database, profiles: Profiles) -> None:
        self.database = database
        self.conn = database.conn
        self.profiles = profiles
        self.outbox = Outbox(self.conn)

    # -- stats --------------------------------------------------------------------------------

    def stats(self) -> RecordsStats:
        per_profile = tuple(
            ProfileStats(p.id, p.name, self.outbox.counts(p.id)) for p in self.profiles.all()
        )
        return RecordsStats(
            database=self.database.path,
            size_bytes=sum(
                Path(str(self.database.path) + s).stat().st_size
                for s in ("", "-wal")
                if Path(str(self.database.path) + s).exists()
            ),
            schema_version=self.database.schema_version,
            counts=self.outbox.counts(),
            profiles=per_profile,
            backups=tuple(b.path for b in self.database.backups()),
        )

    # -- export -------------------------------------------------------------------------------

    def export(self, profile_id: str, path: Path) -> ExportReport:
        """Write the profile's records file (atomically: a reader never sees half of it)."""
        profile = self.profiles.get(profile_id)
        part = path.with_name(path.name + ".part")
        count = delivered_count = 0
        delivered: list[str] = []
        results = self.conn.execute(
            "SELECT result_statement FROM exam_attempts WHERE profile_id = ?"
            " AND result_statement IS NOT NULL ORDER BY graded_at",
            (profile_id,),
        ).fetchall()
        header = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "exported_at": st.timestamp_text(self.database.clock(), self.database.clock()),
            "profile": {
                "id": profile.id,
                "name": profile.name,
                "language": profile.language,
                "actor": profile.actor.to_json(),
            },
        }
        try:
            with open(part, "wb") as out:
                out.write(json.dumps(header, ensure_ascii=False)[:-1].encode())
                out.write(b', "statements": [')
                for row in self.outbox.iter_rows(profile_id):
                    out.write(b",\n" if count else b"\n")
                    out.write(row.body)
                    count += 1
                    if row.state == "delivered":
                        delivered.append(row.id)
                delivered_count = len(delivered)
                out.write(b'\n], "delivered": ')
                out.write(json.dumps(delivered).encode())
                out.write(b', "results": [')
                out.write(b",".join(bytes(r[0]) for r in results))
                out.write(b"]}\n")
                out.flush()
                os.fsync(out.fileno())
            os.replace(part, path)
        except BaseException:
            part.unlink(missing_ok=True)  # a full USB stick keeps no half file
            raise
        return ExportReport(path, count, delivered_count, len(results))

    # -- import -------------------------------------------------------------------------------

    def read_file(self, path: Path) -> tuple[list[Json], set[str], list[Json]]:
        """Statements, delivered ids and exam results of a records file (or a bare array)."""
        file = str(path)
        try:
            data = json.loads(path.read_bytes(), parse_constant=_not_json)
        except OSError as exc:
            raise RecordsError(f"{file}: cannot read: {exc.strerror}") from None
        except UnicodeDecodeError:
            raise RecordsError(f"{file}: not UTF-8 text") from None
        except json.JSONDecodeError as exc:
            raise RecordsError(f"{file}: line {exc.lineno}: not JSON: {exc.msg}") from None
        except RecursionError:
            raise RecordsError(f"{file}: not a records file: nested too deep") from None
        except ValueError as exc:  # NaN, Infinity, a number of thousands of digits
            raise RecordsError(f"{file}: not JSON: {exc}") from None
        if isinstance(data, list):
            raw, delivered, results = data, [], []
            prefix = "$"
        elif isinstance(data, dict):
            if data.get("format") != FORMAT:
                raise _fail(file, "$.format", f"not a Cartable records file (expected {FORMAT!r})")
            if data.get("version") != FORMAT_VERSION:
                raise _fail(file, "$.version", f"unsupported version {data.get('version')!r}")
            raw = data.get("statements")
            delivered = data.get("delivered", [])
            results = data.get("results", [])
            prefix = "$.statements"
            if not isinstance(raw, list):
                raise _fail(file, "$.statements", "missing or not an array")
            if not isinstance(delivered, list) or not all(isinstance(i, str) for i in delivered):
                raise _fail(file, "$.delivered", "not an array of statement ids")
            if not isinstance(results, list):
                raise _fail(file, "$.results", "not an array")
        else:
            raise _fail(file, "$", "expected a records object or an array of statements")
        statements = [check_statement(s, file, f"{prefix}[{i}]") for i, s in enumerate(raw)]
        seen: set[str] = set()
        for i, s in enumerate(statements):
            if s["id"] in seen:
                raise _fail(file, f"{prefix}[{i}].id", f"statement id {s['id']} appears twice")
            seen.add(s["id"])
        checked_results = [
            check_statement(r, file, f"$.results[{i}]") for i, r in enumerate(results)
        ]
        return statements, {i.lower() for i in delivered}, checked_results

    def import_file(
        self,
        profile_id: str,
        path: Path,
        exam_units: Collection[tuple[str, str]] = (),
        quiz_units: Collection[tuple[str, str]] = (),
    ) -> ImportReport:
        """`exam_units`, `quiz_units`: (course id, unit id) of the exams and the practice quizzes
        the caller knows (installed courses)."""
        statements, delivered, results = self.read_file(path)
        try:
            return self.import_statements(
                profile_id, statements, delivered, results, exam_units, quiz_units
            )
        except (
            ValueError,
            TypeError,
            AttributeError,
            KeyError,
            RecursionError,
            sqlite3.InterfaceError,
            sqlite3.ProgrammingError,
        ) as exc:
            # A shape check_statement does not know of: the transaction rolled back, nothing
            # of the file is in; say so in one line rather than with a traceback.
            raise RecordsError(f"{path}: a statement could not be imported: {exc}") from exc

    def import_statements(
        self,
        profile_id: str,
        statements: Sequence[Json],
        delivered: Collection[str] = (),
        results: Sequence[Json] = (),
        exam_units: Collection[tuple[str, str]] = (),
        quiz_units: Collection[tuple[str, str]] = (),
    ) -> ImportReport:
        """All or nothing, in one transaction. Exam grades are never taken (see the module's
        docstring): `results` are only counted, as are the grades left out of `statements`;
        a grade to send is taken only for a practice quiz of `quiz_units`."""
        self.profiles.get(profile_id)
        had_records = self.outbox.counts(profile_id).total > 0
        actors = {json.dumps(s.get("actor"), sort_keys=True) for s in statements}
        now = self.database.clock()
        with self.database.transaction():
            exams = self._exam_units(profile_id, statements, exam_units)
            kept = [s for s in statements if not _grade_not_from_a_quiz(s, exams)]
            sent = set(delivered)
            items: list[tuple[Json, OutboxState]] = [
                (s, "delivered" if s["id"] in sent else "queued") for s in kept
            ]
            taken: list[tuple[Json, OutboxState]] = []
            unverified = 0  # not here already, not taken: reported, so the learner can act
            for s, state in items:
                if _vouched(s, state, quiz_units):
                    taken.append((s, state))
                else:
                    unverified += not self.outbox.contains(s["id"])
            done = self.ingest(profile_id, taken, now)
            awaiting = self.conn.execute(
                "SELECT count(*) FROM exam_attempts WHERE profile_id = ? AND state = 'submitted'",
                (profile_id,),
            ).fetchone()[0]
            adopt = not had_records and len(actors) == 1 and done.added > 0
            if adopt:
                account = statements[0]["actor"].get("account") or {}
                if account.get("homePage") and account.get("name"):
                    actor = st.Actor(account["homePage"], account["name"])
                    linked = not actor.home_page.startswith(st.DEVICE_HOME_PAGE)
                    self.conn.execute(
                        "UPDATE profiles SET actor_home_page = ?, actor_name = ?,"
                        " account_linked = ? WHERE id = ?",
                        (actor.home_page, actor.name, int(linked), profile_id),
                    )
                else:
                    adopt = False
        return ImportReport(
            statements=len(statements),
            added=done.added,
            skipped=len(statements) - done.added,
            queued=done.queued,
            units=len(done.units),
            adopted_actor=adopt,
            grades_left_out=len(statements) - len(kept) + len(results),
            awaiting_grade=int(awaiting),
            grades_unverified=unverified,
        )

    def _exam_units(
        self, profile_id: str, statements: Sequence[Json], named: Collection[tuple[str, str]]
    ) -> set[tuple[str, str]]:
        """The exams among the units: named by the caller, with attempts here, or with a
        statement marked as an exam's in the file."""
        exams = set(named)
        exams.update(
            (str(c), str(u))
            for c, u in self.conn.execute(
                "SELECT DISTINCT course_id, unit_id FROM exam_attempts WHERE profile_id = ?",
                (profile_id,),
            )
        )
        for stmt in statements:
            ref = st.parse_activity_iri(str(stmt["object"].get("id", "")))
            if ref is not None and ref.unit_id and _ext(stmt, "context").get(st.EXT_EXAM):
                exams.add((ref.course_id, ref.unit_id))
        return exams

    def ingest(
        self, profile_id: str, items: Iterable[tuple[Json, OutboxState]], now: float
    ) -> _Ingest:
        """Add statements not already here and fold them into progress (caller's transaction)."""
        done = _Ingest()
        added: list[Json] = []
        for stmt, state in items:
            body = st.freeze(stmt)
            stamp = st.parse_timestamp(stmt["timestamp"])
            delivered_at = now if state == "delivered" else None
            if stmt["id"] != stmt["id"].upper() and self.outbox.contains(stmt["id"].upper()):
                continue  # kept in capitals by a Cartable before ids were made canonical
            if self.outbox.append_new(profile_id, stmt["id"], body, stamp, state, delivered_at):
                added.append(stmt)
                done.added += 1
                done.queued += state == "queued"
        by_unit: dict[tuple[str, str], list[Json]] = defaultdict(list)
        for stmt in added:
            ref = st.parse_activity_iri(str(stmt["object"].get("id", "")))
            if ref is None:
                continue
            self._enrol(profile_id, ref.course_id, stmt, now)
            if ref.unit_id:
                by_unit[(ref.course_id, ref.unit_id)].append(stmt)
        for (course_id, unit_id), stmts in by_unit.items():
            self._fold_unit(profile_id, course_id, unit_id, stmts, now)
            done.units.add((course_id, unit_id))
        return done

    def _enrol(self, profile_id: str, course_id: str, stmt: Json, now: float) -> None:
        context = stmt.get("context") or {}
        registration = context.get("registration")
        if not registration or _ext(stmt, "context").get(st.EXT_EXAM):
            return
        self.conn.execute(
            "INSERT INTO enrolments (profile_id, course_id, registration, enrolled_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (profile_id, course_id, registration, st.parse_timestamp(stmt["timestamp"])),
        )

    def _fold_unit(
        self, profile_id: str, course_id: str, unit_id: str, stmts: list[Json], now: float
    ) -> None:
        before = pg.load_unit(self.conn, profile_id, course_id, unit_id)
        state = before.state
        position: float | None = None
        spent = 0.0
        for stmt in stmts:
            state = pg.apply_statement(state, stmt)
            result_ext = _ext(stmt, "result")
            for key in (st.VIDEO_TIME, st.VIDEO_TIME_TO):
                if isinstance(result_ext.get(key), int | float):
                    position = float(result_ext[key])
            ref = st.parse_activity_iri(str(stmt["object"].get("id", "")))
            if ref and ref.page is not None:
                position = float(ref.page)
            if st.verb_name(stmt) in ("terminated", "abandoned"):
                spent += self._session_time(profile_id, stmt)
            if st.verb_name(stmt) == "answered":
                self._quiz_answer(profile_id, course_id, unit_id, stmt)
            self._exam_statement(profile_id, course_id, unit_id, stmt)
            if st.verb_name(stmt) in ("passed", "failed"):
                self._quiz_finished(profile_id, stmt)
        pg.save_state(self.conn, profile_id, course_id, unit_id, state, now)
        self.conn.execute(
            "UPDATE unit_progress SET position = coalesce(?, position),"
            " time_spent = time_spent + ? WHERE profile_id = ? AND course_id = ? AND unit_id = ?",
            (position, spent, profile_id, course_id, unit_id),
        )

    def _session_time(self, profile_id: str, stmt: Json) -> float:
        """A session's duration; a session this database still has open (restored from a backup)
        is closed by it, and only the time it had not counted yet is added."""
        try:
            duration = st.parse_duration(str((stmt.get("result") or {}).get("duration", "")))
        except ValueError:
            return 0.0
        session_id = _ext(stmt, "context").get(st.CMI5_SESSION)
        counted = 0.0
        if session_id:
            row = self.conn.execute(
                "SELECT active_seconds FROM sessions WHERE id = ? AND profile_id = ?"
                " AND ended_at IS NULL",
                (session_id, profile_id),
            ).fetchone()
            if row:
                counted = float(row[0])
                pg.end_session_study(self.conn, session_id)
                self.conn.execute(
                    "UPDATE sessions SET ended_at = ?, end_verb = ?, active_seconds = ?"
                    " WHERE id = ?",
                    (
                        st.parse_timestamp(stmt["timestamp"]),
                        st.verb_name(stmt),
                        duration,
                        session_id,
                    ),
                )
        extra = max(0.0, duration - counted)
        if extra:
            end = st.parse_timestamp(stmt["timestamp"])
            pg.add_study_time(self.conn, profile_id, end - extra, end)
        return extra

    # -- quiz and exam attempts ---------------------------------------------------------------

    def _number(
        self, table: str, profile_id: str, course_id: str, unit_id: str, wanted: Any
    ) -> int:
        taken = {
            r[0]
            for r in self.conn.execute(
                f"SELECT number FROM {table}"
                " WHERE profile_id = ? AND course_id = ? AND unit_id = ?",
                (profile_id, course_id, unit_id),
            )
        }
        if isinstance(wanted, int) and wanted > 0 and wanted not in taken:
            return wanted
        return max(taken, default=0) + 1

    def _quiz_answer(self, profile_id: str, course_id: str, unit_id: str, stmt: Json) -> None:
        ext = _ext(stmt, "context")
        attempt_id = ext.get(st.EXT_ATTEMPT_ID)
        ref = st.parse_activity_iri(str(stmt["object"].get("id", "")))
        if not attempt_id or ext.get(st.EXT_EXAM) or ref is None or not ref.question_id:
            return
        stamp = st.parse_timestamp(stmt["timestamp"])
        exists = self.conn.execute(
            "SELECT 1 FROM quiz_attempts WHERE id = ? AND profile_id = ?", (attempt_id, profile_id)
        ).fetchone()
        if not exists:
            number = self._number(
                "quiz_attempts", profile_id, course_id, unit_id, ext.get(st.EXT_ATTEMPT)
            )
            self.conn.execute(
                "INSERT INTO quiz_attempts (id, profile_id, course_id, unit_id, number, seed,"
                " started_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (attempt_id, profile_id, course_id, unit_id, number, random_bits(31), stamp),
            )
        result = stmt.get("result") or {}
        scaled = (result.get("score") or {}).get("scaled", 0.0)
        self.conn.execute(
            "INSERT INTO quiz_answers (attempt_id, question_id, response, score, max_score,"
            " success, statement_id, answered_at) SELECT ?, ?, ?, ?, 1, ?, ?, ?"
            " WHERE EXISTS (SELECT 1 FROM quiz_attempts WHERE id = ? AND profile_id = ?)"
            " ON CONFLICT (attempt_id, question_id) DO UPDATE SET response = excluded.response,"
            " score = excluded.score, success = excluded.success,"
            " statement_id = excluded.statement_id, answered_at = excluded.answered_at",
            (
                attempt_id,
                ref.question_id,
                str(result.get("response", "")),
                float(scaled) if isinstance(scaled, int | float) else 0.0,
                int(bool(result.get("success"))),
                stmt["id"],
                stamp,
                attempt_id,
                profile_id,
            ),
        )
        self.conn.execute(  # checked now: not a draft any more
            "DELETE FROM quiz_drafts WHERE attempt_id = ? AND question_id = ?"
            " AND EXISTS (SELECT 1 FROM quiz_answers WHERE attempt_id = ? AND question_id = ?)",
            (attempt_id, ref.question_id, attempt_id, ref.question_id),
        )

    def _quiz_finished(self, profile_id: str, stmt: Json) -> None:
        ext = _ext(stmt, "context")
        attempt_id = ext.get(st.EXT_ATTEMPT_ID)
        if not attempt_id or ext.get(st.EXT_EXAM):
            return
        scaled = ((stmt.get("result") or {}).get("score") or {}).get("scaled")
        self.conn.execute(
            "UPDATE quiz_attempts SET finished_at = ?, score = ?, passed = ?"
            " WHERE id = ? AND profile_id = ?",
            (
                st.parse_timestamp(stmt["timestamp"]),
                scaled,
                int(st.verb_name(stmt) == "passed"),
                attempt_id,
                profile_id,
            ),
        )
        self.conn.execute(
            "DELETE FROM quiz_drafts WHERE attempt_id = ?"
            " AND EXISTS (SELECT 1 FROM quiz_attempts WHERE id = ? AND profile_id = ?)",
            (attempt_id, attempt_id, profile_id),
        )

    def _exam_attempt(
        self, profile_id: str, course_id: str, unit_id: str, stmt: Json
    ) -> tuple[str, str] | None:
        """The (id, state) of the exam attempt a statement belongs to, made if needed."""
        context = stmt.get("context") or {}
        ext = context.get("extensions") or {}
        registration = context.get("registration")
        if not ext.get(st.EXT_EXAM) or not registration:
            return None
        row = self.conn.execute(
            "SELECT id, state FROM exam_attempts WHERE registration = ? AND profile_id = ?",
            (registration, profile_id),
        ).fetchone()
        if row:
            return str(row[0]), str(row[1])
        taken = self.conn.execute(
            "SELECT 1 FROM exam_attempts WHERE registration = ?", (registration,)
        ).fetchone()
        if taken:  # another profile's attempt: never mix records
            return None
        attempt_id = new_uuid()
        number = self._number(
            "exam_attempts", profile_id, course_id, unit_id, ext.get(st.EXT_ATTEMPT)
        )
        template = {k: v for k, v in context.items()}
        template["extensions"] = {k: v for k, v in ext.items() if k != st.CMI5_SESSION}
        unit_iri = str(stmt["object"]["id"]).split("/question/")[0]
        activity = stmt["object"] if st.verb_name(stmt) != "answered" else {"id": unit_iri}
        self.conn.execute(
            "INSERT INTO exam_attempts (id, profile_id, course_id, unit_id, number, registration,"
            " state, seed, started_at, activity, context)"
            " VALUES (?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?, ?)",
            (
                attempt_id,
                profile_id,
                course_id,
                unit_id,
                number,
                registration,
                random_bits(31),
                # never after the import: a start in the future would push the deadline the
                # exam's time limit gets from it (exam_events.limit_imported_attempts)
                min(st.parse_timestamp(stmt["timestamp"]), self.database.clock()),
                json.dumps(activity),
                json.dumps(template),
            ),
        )
        return attempt_id, "in_progress"

    def _exam_statement(self, profile_id: str, course_id: str, unit_id: str, stmt: Json) -> None:
        found = self._exam_attempt(profile_id, course_id, unit_id, stmt)
        if found is None:
            return
        attempt_id, state = found
        verb = st.verb_name(stmt)
        stamp = st.parse_timestamp(stmt["timestamp"])
        ref = st.parse_activity_iri(str(stmt["object"].get("id", "")))
        if verb == "answered" and state == "in_progress" and ref and ref.question_id:
            self.conn.execute(
                "INSERT INTO exam_answers (attempt_id, question_id, response, statement,"
                " answered_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (attempt_id, question_id)"
                " DO UPDATE SET response = excluded.response, statement = excluded.statement,"
                " answered_at = excluded.answered_at",
                (
                    attempt_id,
                    ref.question_id,
                    str((stmt.get("result") or {}).get("response", "")),
                    json.dumps(stmt),
                    stamp,
                ),
            )
        elif verb == "submitted" and state == "in_progress":
            self.conn.execute(
                "UPDATE exam_attempts SET state = 'submitted', submitted_at = ? WHERE id = ?",
                (stamp, attempt_id),
            )

    # -- salvage ------------------------------------------------------------------------------

    def salvage(
        self, damaged: Path, chunk: int = 500, *, after_seq: int | None = None
    ) -> SalvageReport:
        """Read back, from a damaged database set aside, the statements this one lacks: those
        above `after_seq` (the restored backup's highest; by default this file's highest, which
        is the same until the learner records anything after the restore)."""
        try:
            source = _open_damaged(damaged)
        except sqlite3.Error:
            return SalvageReport(0, None)
        try:
            return self._salvage_from(source, chunk, after_seq)
        finally:
            source.close()

    def _salvage_from(
        self, source: sqlite3.Connection, chunk: int, after_seq: int | None
    ) -> SalvageReport:
        start = after_seq
        if start is None:
            start = int(self.conn.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0])
        try:
            last = source.execute("SELECT max(seq) FROM outbox").fetchone()[0]
        except sqlite3.Error:
            return SalvageReport(0, None)
        if last is None or last <= start:
            return SalvageReport(0, 0)
        recreated = self._salvage_profiles(source)
        rows: list[tuple] = []
        lost = 0
        sql = "SELECT seq, id, profile_id, state, body FROM outbox WHERE seq "
        for low in range(start + 1, last + 1, chunk):
            high = min(low + chunk - 1, last)
            try:
                rows.extend(source.execute(sql + "BETWEEN ? AND ?", (low, high)).fetchall())
                continue
            except sqlite3.Error:
                pass
            for seq in range(low, high + 1):
                try:
                    rows.extend(source.execute(sql + "= ?", (seq,)).fetchall())
                except sqlite3.Error:
                    lost += 1
        known = {p.id for p in self.profiles.all()}
        by_profile: dict[str, list[tuple[Json, OutboxState]]] = defaultdict(list)
        for _, _, profile_id, state, body in sorted(rows):
            try:
                stmt = st.thaw(bytes(body))
            except (ValueError, TypeError):
                lost += 1
                continue
            if profile_id in known:
                by_profile[profile_id].append((stmt, state))
            else:
                lost += 1
        salvaged = 0
        now = self.database.clock()
        with self.database.transaction():
            for profile_id, items in by_profile.items():
                salvaged += self.ingest(profile_id, items, now).added
        return SalvageReport(salvaged, lost, recreated)

    def _salvage_profiles(self, source: sqlite3.Connection) -> int:
        """Profiles made after the backup: without them their statements have no owner."""
        try:
            rows = source.execute(
                "SELECT id, name, language, pin_hash, actor_home_page, actor_name, account_linked,"
                " created_at FROM profiles"
            ).fetchall()
        except sqlite3.Error:
            return 0
        known = {p.id for p in self.profiles.all()}
        names = {p.name.casefold() for p in self.profiles.all()}
        added = 0
        with self.database.transaction():
            for row in rows:
                if row[0] in known:
                    continue
                name = str(row[1])
                if name.casefold() in names:
                    name = f"{name} (recovered {datetime.now().date().isoformat()})"
                self.conn.execute(
                    "INSERT INTO profiles (id, name, language, pin_hash, actor_home_page,"
                    " actor_name, account_linked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (row[0], name, *row[2:]),
                )
                names.add(name.casefold())
                added += 1
        return added


def _open_damaged(path: Path) -> sqlite3.Connection:
    """Read-only; with its WAL when SQLite accepts it, else the main file alone (immutable)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.Error:
        conn.close()
    conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, isolation_level=None)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return conn
