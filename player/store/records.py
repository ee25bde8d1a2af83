"""A learner's records as a file, and progress rebuilt from statements.

Export: every statement of a profile, in creation order, as xAPI JSON (the `statements` array
can be POSTed as it is to any LRS), with the ids already delivered and the graded exam results
pulled from the LRS. Practice quiz answers not checked yet (`quiz_drafts`) are not statements:
they stay on this device, and an imported answer or result of their attempt drops them as
checking it here would. Import (a learner moving to a new laptop): statements whose id is already
here are skipped, the others are added to the outbox (queued, or delivered when the file says
so) and folded into progress, quiz and exam attempts and time studied - so importing the same
file twice changes nothing. A file of which nothing would be added, its records being here
in other profiles and none in the one asked, is refused (AlreadyHere), naming whose they are;
some of them held elsewhere are counted apart (ImportReport.elsewhere). Salvage uses the same
path to read back what a damaged database still holds beyond the backup that replaced it. The
file is written and checked in records_file.py, statements are folded in by ingest.py, salvage
reads in salvage.py; what an import may take is decided here.

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
again brings it. Its quiz attempt still ends here as the file says (ingest.py `closing`): left
open, it was resumed here and given a second result. An attempt the file leaves in progress
starts no later than the import and gets the exam's time limit from that start once the exam
is here (exam_events.py). Practice quizzes (not certified) keep their scores, passes and
completion as the file says: they are the learner's own practice, which the learner's own
database could equally be edited to say.

A cmi5 `satisfied` still to send (about a module or the course) is queued only when the
progress rebuilt from the rest of the import satisfies that block under the installed course's
moveOn rules: a hand-written one would reach the institution as a course the learner satisfied
(`satisfied_unearned`). One of a course not installed here cannot be checked and is not taken
either, as for grades (`satisfied_unverified`): installed, the same file imported again brings
it. Neither is lost: the device queues `satisfied` when an event makes a block satisfied, so a
block the import leaves unsatisfied gets its own when the learner finishes it here. cmi5 wants
one `satisfied` per block in a registration (satisfied_blocks.py), so every one the import takes,
queued or delivered, keeps its block as satisfied, and the device issues none again for it: a
module whose exam was graded on the old laptop (the grade is not imported), satisfied here once
the grade comes back from the LRS, sends no second one. For the same reason one still to send
whose block already has one (here, or delivered in the file) is not taken: it counts as already
here. One the file says was delivered is history, sent to nobody; it withdraws no `satisfied`
already queued here for its block, which is still sent (satisfied_blocks.py says why).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from player.course.manifest import Course
from player.store import progress as pg
from player.store import salvage as sv
from player.store import satisfied_blocks as sb
from player.store import statements as st
from player.store.database import Database
from player.store.errors import StoreError
from player.store.ingest import Ingest, KnownUnits, extensions
from player.store.profiles import NewProfile, Profiles, name_key
from player.store.records_file import (
    ReadCancelled,
    RecordsError,
    RecordsFault,
    RecordsFile,
    read_records_file,
    write_records_file,
)
from player.store.salvage import SalvageReport
from sync.outbox import Outbox, OutboxCounts, OutboxState

Json = dict[str, Any]


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
    skipped: int  # already here: same id, or a `satisfied` to send of a block that has one
    # (here, or delivered in the file); not those left out, each counted below
    queued: int  # added and waiting to be sent
    units: int  # units whose progress changed
    adopted_actor: bool  # the profile now continues the imported identity
    grades_left_out: int = 0  # exam grades in the file not taken (results, passed/failed)
    awaiting_grade: int = 0  # exam attempts of the profile waiting for a grade from the LRS
    grades_unverified: int = 0  # passed/failed to send, of a unit not a practice quiz known here
    satisfied_unearned: int = 0  # `satisfied` to send the imported progress does not satisfy
    satisfied_unverified: int = 0  # `satisfied` to send of a course not installed here
    grades_unattached: int = 0  # passed/failed in the file of no quiz attempt and no exam
    # Of `skipped`, those held here by other profiles (a statement id is held once, whatever
    # the profile): not the profile's, and not added to it. `holders`: their names, most first.
    elsewhere: int = 0
    holders: tuple[str, ...] = ()


@dataclass(frozen=True)
class Holder:
    """A profile holding some of a file's statements here: asked before an import (Manage
    profiles says where a file's records are before asking where they go)."""

    profile_id: str
    name: str
    statements: int


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


class OtherLearner(RecordsError):
    """A records file of another learner, by its name, none of whose statements (nor the actor
    its header gives) is by the profile; `learner`: the name the file gives; `has_records`:
    the profile has records of its own here (else it would have taken the file's identity)."""

    def __init__(self, message: str, learner: str, *, has_records: bool = True) -> None:
        super().__init__(message)
        self.learner = learner
        self.has_records = has_records


class AlreadyHere(RecordsError):
    """A file of which nothing would be added, its records being on this computer already in
    other profiles, none in the one asked (a statement id is here once, whatever the profile:
    the outbox's key): a new profile would be made empty, an existing one told "0 added, 99
    were here already" of records it does not hold. `holder`: the name of a profile holding
    them (the one holding most)."""

    def __init__(self, message: str, holder: str) -> None:
        super().__init__(message, RecordsFault.ALREADY_HERE)
        self.holder = holder


class ImportCancelled(StoreError):
    """The learner stopped an import midway: its transaction rolled back, nothing of the file
    is in (a new profile made for it neither)."""


#: An import's progress: statements of the file done, and their number.
Progress = Callable[[int, int], None]


class _Steps:
    """An import's progress in statements of the file, each two steps: queued (or found here
    already), then folded into progress (or not to fold); a statement not taken is both at
    once. Said to `progress` at each hundredth, never more often (a worker's signal each);
    where `cancel` is set, the next step stops the import (ImportCancelled)."""

    def __init__(
        self, total: int, progress: Progress | None, cancel: threading.Event | None
    ) -> None:
        self.total, self.progress, self.cancel = total, progress, cancel
        self.steps = 0
        self.said = -1  # the hundredths said

    def check(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise ImportCancelled("the import was cancelled: nothing was imported")

    def advance(self, steps: int = 1) -> None:
        self.check()
        self._count(steps)

    def finish(self) -> None:
        """Every statement done, said once: after the commit, where a cancel is too late."""
        self._count(2 * self.total)

    def _count(self, steps: int) -> None:
        self.steps += steps
        done = min(self.total, self.steps // 2)
        hundredths = done * 100 // self.total if self.total else 100  # 100: all, only
        if hundredths > self.said:
            self.said = hundredths
            if self.progress is not None:
                self.progress(done, self.total)


def _identity(actor: object) -> str:
    """An actor's inverse functional identifier (xAPI: account, mbox, mbox_sha1sum or openid),
    as text: what names the learner, whatever else (objectType, a display name) is around it."""
    if not isinstance(actor, dict):
        return json.dumps(actor, sort_keys=True)
    keys = ("account", "mbox", "mbox_sha1sum", "openid")
    return json.dumps({k: actor[k] for k in keys if k in actor}, sort_keys=True)


def _grade_not_from_a_quiz(stmt: Json, exams: Collection[tuple[str, str]]) -> bool:
    """A `passed`/`failed` an import leaves out: about an exam, or without the quiz attempt id
    every practice quiz's result carries (Cartable writes no other grade)."""
    if st.verb_name(stmt) not in ("passed", "failed"):
        return False
    return _exam_grade(stmt, exams) or not extensions(stmt, "context").get(st.EXT_ATTEMPT_ID)


def _exam_grade(stmt: Json, exams: Collection[tuple[str, str]]) -> bool:
    """Whether a grade is about an exam: marked as an exam's, or of a unit known as one. The
    import's summary says these apart from those naming no quiz attempt, whose unit nothing
    tells (a practice quiz's or an exam's): 'exam grades' would not be true of them."""
    if extensions(stmt, "context").get(st.EXT_EXAM):
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


def _to_send(stmt: Json) -> Json:
    """A statement to send with its `result.duration` in a form a strict LRS takes
    (`st.duration_to_send`: a comma, a fraction before the last part, weeks with other parts
    written as the recorder writes it, `PT1,5H30M` -> `PT2H`): records_file.py reads them all,
    as every earlier version did, and the import's summary promised it would be sent, where a
    strict LRS refuses them (xapi-schema's check, which yetanalytics' SQL LRS runs). Safe for
    one the LRS holds already as written (sent from the old laptop, its answer lost): that LRS
    answers 409 for its id sent alone, which the sync takes as held already
    (sync/engine_batch.py: delivered). A new statement (the file's are read, never changed:
    RecordsFile), its keys in their order; the statement as it is when its duration is taken
    as written. One the file says was delivered is history, kept as the LRS holds it. Rows an
    earlier version queued already are left as they are (their bytes are frozen: an outbox
    row is sent as it was written), so is their re-import here (the same id, skipped)."""
    result = stmt.get("result")
    duration = result.get("duration") if isinstance(result, dict) else None
    if not isinstance(duration, str):
        return stmt
    try:
        sent = st.duration_to_send(duration)
    except ValueError:  # not read by records_file.py: never here
        return stmt
    if sent == duration:
        return stmt
    return {**stmt, "result": {**result, "duration": sent}}


def _satisfied_to_send(stmt: Json, state: OutboxState) -> bool:
    return state == "queued" and sb.is_satisfied(stmt)


def _block(stmt: Json, courses: Mapping[str, Course]) -> tuple[Course, str | None] | None:
    """The installed course a `satisfied` is about and its module id ('' for the course, None
    for a unit: cmi5 satisfies no unit). None when its course is not installed here."""
    ref = st.parse_activity_iri(str(stmt["object"].get("id", "")))
    course = None if ref is None else courses.get(ref.course_id)
    if ref is None or course is None:
        return None
    return course, None if ref.unit_id else ref.module_id


def _satisfies(reached: pg.Satisfaction, module_id: str | None) -> bool:
    return reached.course if module_id == "" else module_id in reached.modules


class Records:
    def __init__(self, database: Database, profiles: Profiles) -> None:
        self.database = database
        self.conn = database.conn
        self.profiles = profiles
        self.outbox = Outbox(self.conn)
        self.ingest = Ingest(database, self.outbox)

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

    def export(
        self, profile_id: str, path: Path, cancel: threading.Event | None = None
    ) -> ExportReport:
        """Write the profile's records file (atomically: a reader never sees half of it);
        `cancel` set stops it, nothing written (write_records_file)."""
        profile = self.profiles.get(profile_id)
        results = self.conn.execute(
            "SELECT result_statement FROM exam_attempts WHERE profile_id = ?"
            " AND result_statement IS NOT NULL ORDER BY graded_at",
            (profile_id,),
        ).fetchall()
        fields = {
            "exported_at": st.timestamp_text(self.database.clock(), self.database.clock()),
            "profile": {
                "id": profile.id,
                "name": profile.name,
                "language": profile.language,
                "actor": profile.actor.to_json(),
            },
        }
        count, delivered = write_records_file(
            path,
            fields,
            self.outbox.iter_rows(profile_id),
            [bytes(r[0]) for r in results],
            cancel,
        )
        return ExportReport(path, count, delivered, len(results))

    # -- import -------------------------------------------------------------------------------

    def import_file(
        self,
        profile_id: str,
        file: Path | RecordsFile,
        exam_units: Collection[tuple[str, str]] = (),
        quiz_units: Collection[tuple[str, str]] = (),
        courses: Collection[Course] = (),
        *,
        same_learner: bool = False,
        new_profile: NewProfile | None = None,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportReport:
        """`file`: its path, or the file read already (records_file.read_records_file);
        `exam_units`, `quiz_units`: (course id, unit id) of the exams and the practice quizzes
        the caller knows; `courses`: the installed courses (their moveOn rules);
        `same_learner`: take the file even when it is another learner's (import_statements;
        a bare array, or a file without `profile.name`, is not checked); `new_profile`: the
        profile (`profile_id` its id) made for the file, in the import's transaction;
        `progress`, `cancel`: see import_statements."""
        read = file if isinstance(file, RecordsFile) else read_records_file(Path(file))
        path = read.path
        try:
            return self.import_statements(
                profile_id,
                read.statements,
                read.delivered,
                read.results,
                exam_units,
                quiz_units,
                courses,
                learner=None if same_learner else read.learner,
                learner_actor=read.actor,
                new_profile=new_profile,
                progress=progress,
                cancel=cancel,
            )
        except OtherLearner as exc:
            raise OtherLearner(f"{path}: {exc}", exc.learner, has_records=exc.has_records) from None
        except AlreadyHere as exc:
            raise AlreadyHere(f"{path}: {exc}", exc.holder) from None
        # Anything else (a KeyError, a TypeError...) is a fault of ours, not the file's: the file
        # was read and checked whole, and a shape the checks let through is a hole in them. It
        # goes up as it is, the transaction rolled back (nothing of the file is in), for the
        # caller to say as ours and log with its traceback, never as a file "not as written".

    def import_statements(
        self,
        profile_id: str,
        statements: Sequence[Json],
        delivered: Collection[str] = (),
        results: Sequence[object] = (),
        exam_units: Collection[tuple[str, str]] = (),
        quiz_units: Collection[tuple[str, str]] = (),
        courses: Collection[Course] = (),
        *,
        learner: str | None = None,
        learner_actor: Json | None = None,
        new_profile: NewProfile | None = None,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportReport:
        """All or nothing, in one transaction. Exam grades are never taken (see the module's
        docstring): `results` are only counted, as are the grades left out of `statements`;
        a grade to send is taken only for a practice quiz of `quiz_units`, a `satisfied` to
        send only for a block of `courses` that the imported progress satisfies.

        `learner`: the name the statements' file gives its learner, `learner_actor` the actor
        (its header's `profile.actor`). When the name is not the profile's and neither any
        statement's actor nor `learner_actor` is one of the profile's (_identities), they are
        refused (OtherLearner): another learner's file picked by mistake (a class passes one
        USB stick around) would be folded for good into this learner's progress and sent from
        this profile; a profile without records would take his identity too, and send the
        learner's next statements as his (his linked account). A learner who studied here
        before importing the records of another laptop shares no actor with them either (each
        device names an unlinked learner its own way), but the file gives that learner's name;
        one who linked the same institution account on both laptops, named otherwise, shares
        the header's actor. No `learner` (a bare array of statements, a file without
        `profile.name`, or the learner said they are hers): not checked.

        `new_profile` (`profile_id` its id): a profile made for the statements, inserted in
        this same transaction, so that a refusal, a failure or the player killed midway leaves
        no empty profile behind, and nothing to remove after (another import may have taken
        records into it meanwhile).

        `progress` is told the statements done (a worker's: the player's bar), on the import's
        thread; `cancel` set stops the import at its next statement, as a failure would: rolled
        back (ImportCancelled)."""
        if new_profile is not None and new_profile.id != profile_id:
            raise ValueError(f"new profile {new_profile.id} is not {profile_id}")
        steps = _Steps(len(statements), progress, cancel)
        steps.check()
        installed = {c.id: c for c in courses}
        # A file's statements share their actor (records_file._sharing): each one read once.
        each_actor = {id(s["actor"]): s["actor"] for s in statements}.values()
        actors = {json.dumps(a, sort_keys=True) for a in each_actor}
        theirs = {_identity(a) for a in each_actor}
        if isinstance(learner_actor, dict) and _identity(learner_actor) != _identity({}):
            theirs.add(_identity(learner_actor))
        now = self.database.clock()
        with self.database.transaction():
            if new_profile is not None:
                self.profiles.insert(new_profile)
            # Read under the write lock: an import committed just before (another window, the
            # command) is seen, and a file of another device is not adopted over its records.
            profile = self.profiles.get(profile_id)
            had_records = self.outbox.counts(profile_id).total > 0
            holding = self._held(s["id"] for s in statements)  # statement id -> its profile
            mine = profile_id in holding.values()
            if statements and len(holding) == len(statements) and not mine:
                # All in other profiles: nothing would be added. Said before whose file it is
                # (OtherLearner's question), which would only lead to it.
                self._refuse_held_elsewhere(profile.name, new_profile, holding)
            if (
                learner is not None
                and name_key(learner) != name_key(profile.name)
                and not self._identities(profile_id) & theirs
            ):
                own = ", who has records of their own here" if had_records else ""
                raise OtherLearner(
                    f"the records of {learner!r}, not of {profile.name!r}{own}",
                    learner,
                    has_records=had_records,
                )
            exams = self._exam_units(profile_id, statements, exam_units)
            kept: list[Json] = []
            unattached = 0  # grades left out that name neither an exam nor a quiz attempt
            for s in statements:
                if not _grade_not_from_a_quiz(s, exams):
                    kept.append(s)
                elif not _exam_grade(s, exams):
                    unattached += 1
            sent = set(delivered)
            items: list[tuple[Json, OutboxState]] = [
                (s, "delivered") if s["id"] in sent else (_to_send(s), "queued") for s in kept
            ]
            taken: list[tuple[Json, OutboxState]] = []
            held: dict[int, tuple[Course, str | None]] = {}  # satisfied to check, by index
            unverified = satisfied_unverified = 0  # not here, not taken: reported
            closing: list[Json] = []  # grades not taken, closing their attempts still
            for s, state in items:
                if not _vouched(s, state, quiz_units):
                    if not self.outbox.contains(s["id"]):
                        unverified += 1
                        closing.append(s)
                elif not _satisfied_to_send(s, state) or self.outbox.contains(s["id"]):
                    taken.append((s, state))
                elif (block := _block(s, installed)) is None:
                    satisfied_unverified += 1
                else:
                    held[len(taken)] = block
                    taken.append((s, state))
            unearned = self._unearned(profile_id, taken, held, now)
            already = self._satisfied_already(profile_id, items, held, unearned)
            adding = [t for i, t in enumerate(taken) if i not in unearned and i not in already]
            steps.advance(2 * (len(statements) - len(adding)))  # not taken: done
            done = self.ingest.add(
                profile_id,
                adding,
                now,
                known=KnownUnits(
                    frozenset(installed) | {c for c, _ in quiz_units} | {c for c, _ in exam_units},
                    frozenset(quiz_units),
                ),
                closing=closing,
                step=steps.advance,
            )
            steps.check()  # a cancel after the last statement: still before the commit
            if done.added == 0 and holding and not mine:
                self._refuse_held_elsewhere(profile.name, new_profile, holding)
            others = [
                holding[s["id"]] for s in kept if holding.get(s["id"], profile_id) != profile_id
            ]
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
        steps.finish()
        return ImportReport(
            statements=len(statements),
            added=done.added,
            skipped=len(kept) - done.added - unverified - satisfied_unverified - len(unearned),
            queued=done.queued,
            units=len(done.units),
            adopted_actor=adopt,
            grades_left_out=len(statements) - len(kept) - unattached + len(results),
            awaiting_grade=int(awaiting),
            grades_unverified=unverified,
            satisfied_unearned=len(unearned),
            satisfied_unverified=satisfied_unverified,
            grades_unattached=unattached,
            elsewhere=len(others),
            holders=tuple(h.name for h in self._holders(others)),
        )

    def _refuse_held_elsewhere(
        self, name: str, new_profile: NewProfile | None, held: Mapping[str, str]
    ) -> None:
        """AlreadyHere, naming the profile holding most of the file's records: nothing of the
        file is added to the profile `name`, which holds none of them. A new profile is then
        not made (the learner asked a new profile for her records, not an empty one under
        another name); an existing one was told "0 added, 99 were here already" of records
        that are another's, and nothing tells the learner to look there."""
        holder = self._holders(held.values())[0].name
        message = f"its records are on this computer already, in the profile {holder!r}"
        if new_profile is None:
            message += f"; nothing was added to {name!r}"
        raise AlreadyHere(message, holder)

    def holders(
        self, ids: Iterable[str], cancel: threading.Event | None = None
    ) -> tuple[Holder, ...]:
        """The profiles holding statements of these ids here, the one holding most first:
        before an import, where a file's records are already (Manage profiles says it, after
        the file's read: `cancel` is the read's Stop, ReadCancelled between two chunks)."""
        return self._holders(self._held(ids, cancel).values())

    def _held(self, ids: Iterable[str], cancel: threading.Event | None = None) -> dict[str, str]:
        """Of these statement ids, those here, each with the profile holding it. `cancel`
        looked at between chunks: 80,000 ids take a second or more, Stop waited for them."""
        unique = list(dict.fromkeys(ids))
        held: dict[str, str] = {}
        for start in range(0, len(unique), 500):  # SQLite's variables: 999 in old versions
            if cancel is not None and cancel.is_set():
                raise ReadCancelled("records held here: reading stopped")
            chunk = unique[start : start + 500]
            held.update(
                self.conn.execute(
                    "SELECT id, profile_id FROM outbox"
                    f" WHERE id IN ({', '.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
            )
        return held

    def _holders(self, profile_ids: Iterable[str]) -> tuple[Holder, ...]:
        """Profiles by how many statements they hold (one id per statement), most first."""
        counts: dict[str, int] = {}
        for profile_id in profile_ids:
            counts[profile_id] = counts.get(profile_id, 0) + 1
        names = {p.id: p.name for p in self.profiles.all() if p.id in counts}
        found = [Holder(p, names.get(p, ""), n) for p, n in counts.items()]
        return tuple(sorted(found, key=lambda h: (-h.statements, name_key(h.name))))

    def _identities(self, profile_id: str) -> set[str]:
        """Who the profile's statements name: its actor, its device actor (before an account
        was linked) and every actor of its records here (one imported, an account unlinked)."""
        profile = self.profiles.get(profile_id)
        device = st.device_actor(self.database.device_id(), profile_id)
        found = {_identity(profile.actor.to_json()), _identity(device.to_json())}
        for (actor,) in self.conn.execute(
            "SELECT DISTINCT json_extract(CAST(body AS TEXT), '$.actor') FROM outbox"
            " WHERE profile_id = ? AND json_valid(CAST(body AS TEXT))",
            (profile_id,),
        ):
            found.add(_identity(json.loads(actor)) if isinstance(actor, str) else "")
        return found

    def _unearned(
        self,
        profile_id: str,
        taken: Sequence[tuple[Json, OutboxState]],
        held: Mapping[int, tuple[Course, str | None]],
        now: float,
    ) -> set[int]:
        """The `satisfied` held (their index in `taken`) whose block the progress rebuilt from
        the rest of `taken` does not satisfy. That rest is folded in under a savepoint, read and
        rolled back, so that what is taken then goes in once, in the file's order (the order it
        is sent in)."""
        if not held:
            return set()
        self.conn.execute("SAVEPOINT satisfied_check")
        self.ingest.add(profile_id, [t for i, t in enumerate(taken) if i not in held], now)
        reached: dict[str, pg.Satisfaction] = {}
        for course, _ in held.values():
            if course.id not in reached:
                units = pg.load_course_units(self.conn, profile_id, course.id)
                reached[course.id] = pg.satisfaction(course, units)
        self.conn.execute("ROLLBACK TO satisfied_check")
        self.conn.execute("RELEASE satisfied_check")
        return {i for i, (c, module) in held.items() if not _satisfies(reached[c.id], module)}

    def _satisfied_already(
        self,
        profile_id: str,
        items: Sequence[tuple[Json, OutboxState]],
        held: Mapping[int, tuple[Course, str | None]],
        unearned: Collection[int],
    ) -> set[int]:
        """The earned `satisfied` held (their index in `taken`) whose block already has one:
        here (satisfied_blocks.py), delivered in the file, or held earlier in the file. cmi5
        wants one per block in a registration; the one already here or sent stands, and these
        count as already here."""
        if not held:
            return set()
        delivered: dict[str, set[str]] = {}
        for stmt, state in items:
            block = sb.block_of(stmt) if state == "delivered" else None
            if block is not None:
                delivered.setdefault(block[0], set()).add(block[1])
        had: dict[str, set[str]] = {}
        already: set[int] = set()
        for i, (course, module) in sorted(held.items()):
            if i in unearned or module is None:
                continue
            if course.id not in had:
                here = sb.recorded(self.conn, profile_id, course.id)
                had[course.id] = here | delivered.get(course.id, set())
            if module in had[course.id]:
                already.add(i)
            had[course.id].add(module)
        return already

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
            if ref is not None and ref.unit_id and extensions(stmt, "context").get(st.EXT_EXAM):
                exams.add((ref.course_id, ref.unit_id))
        return exams

    # -- salvage ------------------------------------------------------------------------------

    def salvage(
        self, damaged: Path, chunk: int = 500, *, after_seq: int | None = None
    ) -> SalvageReport:
        """What a damaged file set aside holds beyond this one, read back (salvage.py)."""
        return sv.salvage(
            self.database, self.profiles, self.ingest, damaged, chunk, after_seq=after_seq
        )
