"""The records file, both ways: written by an export, read back and checked by an import.

A records file is one JSON object: `format`, `version`, `exported_at`, `profile`, then every
statement (the `statements` array can be POSTed as it is to any LRS), the ids already
`delivered` and the graded exam `results`. A bare array of statements is read too. Everything
an import takes is checked here first, so that a bad file is refused in one line naming the file
and the JSON path, before anything of it is written; the `results`, which an import only counts,
need only be an array. What says, before the parse, that a file's text is no records file (a
dump of data) is player/store/records_screening.py's; the format, what is wrong with a file
(RecordsFault, RecordsError) and the words for it, both modules', are records_faults.py's.
"""

from __future__ import annotations

import json
import math
import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from player.store import segments as seg
from player.store import statements as st
from player.store.errors import StoreError

# RecordsError, RecordsFault and FORMAT are this module's too, re-exported: what the read raises
# and the format it writes, which its callers import from here (records_faults.py's docstring).
from player.store.records_faults import (
    FORMAT,
    FORMAT_VERSION,
    TAIL,
    Json,
    RecordsError,
    RecordsFault,
    check_header,
    fail,
    not_json,
    not_json_reason,
    not_text_reason,
)
from player.store.records_screening import no_dump, statement_first
from sync.durable import open_output
from sync.outbox import StatementRow

#: Fields that belong to the LRS: dropped from imported statements, as we never send them.
LRS_FIELDS = ("stored", "authority", "version")


class ReadCancelled(StoreError):
    """The reading of a records file was stopped (its cancel set): nothing of it is kept."""


class ExportCancelled(StoreError):
    """The writing of a records file was stopped (its cancel set: the player quitting): the
    file is not written, its temporary file removed, an older file of that name kept."""


#: Rows written between two looks at an export's cancel: 80,000 statements take 4 to 6 s.
EXPORT_STEP = 500


def _stop_if(cancel: threading.Event | None, file: str) -> None:
    """Between two steps of a read: stopped there when `cancel` is set."""
    if cancel is not None and cancel.is_set():
        raise ReadCancelled(f"{file}: reading stopped")


#: The times a statement may say: an import works out days and sessions around them (the next
#: midnight, a start ten years before), which datetime cannot past its years 1 and 9999.
_EARLIEST = -2208988800.0  # 1900-01-01T00:00:00Z
_LATEST = 221845392000.0  # 9000-01-01T00:00:00Z
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _uuid(value: object) -> str | None:
    """The canonical (lower-case, 8-4-4-4-12) form of a UUID string, or None: the form the LRS
    keys statements by, so that one statement is never queued twice under two spellings."""
    if not isinstance(value, str):
        return None
    text = value.lower()
    return text if _UUID.fullmatch(text) else None


#: The largest number a records field may hold either way: a float keeps every whole number up
#: to it, and an integer of 400 digits, which JSON allows, is no float (OverflowError).
_MAX_NUMBER = 2**53
#: The largest attempt number taken: no learner makes a million attempts at one quiz.
_MAX_ATTEMPT = 1_000_000


def _finite(value: object) -> bool:
    """A number the records can hold: not true or false, finite (JSON's 1e400 reads as
    infinity), at most `_MAX_NUMBER` either way."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) <= _MAX_NUMBER
    return isinstance(value, float) and math.isfinite(value) and abs(value) <= _MAX_NUMBER


def _actor_problem(actor: Json) -> tuple[str, str] | None:
    """The actor's identifier that is not as xAPI writes it (the import compares them, and a
    profile made from the file takes its account)."""
    if "account" in actor:
        account = actor["account"]
        if not (
            isinstance(account, dict)
            and isinstance(account.get("homePage"), str)
            and isinstance(account.get("name"), str)
        ):
            return "actor.account", "not an object with a homePage and a name (strings)"
    for key in ("mbox", "mbox_sha1sum", "openid"):
        if key in actor and not isinstance(actor[key], str):
            return f"actor.{key}", "not a string"
    return None


#: Extensions the records read as numbers: a video's times and length.
_NUMBERS = (
    ("result.extensions (video time)", "result", st.VIDEO_TIME),
    ("result.extensions (video time-to)", "result", st.VIDEO_TIME_TO),
    ("context.extensions (video length)", "context", st.VIDEO_LENGTH),
)


def _extensions_problem(stmt: Json) -> tuple[str, str] | None:
    """The extension the records read whose value is not as Cartable writes it (null: none)."""
    context = (stmt.get("context") or {}).get("extensions") or {}
    result = (stmt.get("result") or {}).get("extensions") or {}
    for path, part, key in _NUMBERS:
        value = (context if part == "context" else result).get(key)
        if value is not None and not _finite(value):
            return path, f"not a finite number of seconds (at most {_MAX_NUMBER})"
    session = context.get(st.CMI5_SESSION)
    if session is not None and not isinstance(session, str):
        return "context.extensions (sessionid)", "not a string"
    number = context.get(st.EXT_ATTEMPT)
    if number is not None and (
        isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= _MAX_ATTEMPT
    ):
        return "context.extensions (attempt)", f"not a whole number from 1 to {_MAX_ATTEMPT}"
    played = result.get(st.VIDEO_SEGMENTS)
    if played is not None:
        try:
            if not isinstance(played, str):
                raise ValueError
            seg.parse_played_segments(played)
        except ValueError:
            return "result.extensions (played-segments)", "not start[.]end pairs"
    attempt = context.get(st.EXT_ATTEMPT_ID)
    if attempt is not None and _uuid(attempt) is None:
        return "context.extensions (attempt-id)", "not a UUID"
    return None


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
            reason = f"not a finite number of at most {_MAX_NUMBER} (scaled: between -1 and 1)"
            return f"result.score.{key}", reason
    if "duration" in result:
        problem = _duration_problem(result["duration"])
        if problem is not None:
            return "result.duration", problem
    return _extensions_problem(stmt) or _actor_problem(stmt["actor"])


def _duration_problem(duration: object) -> str | None:
    """Why a `result.duration` is not taken, in words that say what to change (None: taken)."""
    if not isinstance(duration, str):
        return "not a string"
    if len(duration) > 64:
        return "longer than 64 characters"
    try:
        seconds = st.parse_duration(duration)
    except st.CalendarDuration as calendar:
        return (
            f"counts in years or months ({calendar.parts}), which have no length in seconds;"
            " Cartable reads weeks, days, hours, minutes and seconds (such as P3DT4H)"
        )
    except ValueError:
        return "not an ISO 8601 duration (such as PT1H2M3.5S)"
    if seconds > st.MAX_RECORDED_DURATION:
        return "longer than a hundred years"
    return None


def check_statement(stmt: object, file: str, where: str) -> Json:
    """What a statement needs to be queued, folded and taken by an LRS: its id in canonical
    form, and every field the records read of the type xAPI says; LRS-owned fields removed."""
    if not isinstance(stmt, dict):
        raise fail(file, where, "a statement is a JSON object")
    statement_id = _uuid(stmt.get("id"))
    if statement_id is None:
        raise fail(file, f"{where}.id", "missing or not a UUID (8-4-4-4-12 hexadecimal digits)")
    for key in ("actor", "verb", "object"):
        if not isinstance(stmt.get(key), dict):
            raise fail(file, f"{where}.{key}", "missing or not an object")
    if not isinstance(stmt["verb"].get("id"), str) or not isinstance(stmt["object"].get("id"), str):
        raise fail(file, f"{where}.verb.id", "verb and object need an id")
    if st.bad_page(stmt["object"]["id"]):
        raise fail(file, f"{where}.object.id", "a page that is not a number of 1 to 9 digits")
    timestamp = stmt.get("timestamp")
    try:
        if not isinstance(timestamp, str):
            raise ValueError
        if not _EARLIEST <= st.parse_timestamp(timestamp) < _LATEST:
            raise ValueError
    except (ValueError, OverflowError):
        raise fail(
            file, f"{where}.timestamp", "missing or not an ISO 8601 timestamp from 1900 to 9000"
        ) from None
    problem = _shape_problem(stmt)
    if problem is not None:
        raise fail(file, f"{where}.{problem[0]}", problem[1])
    checked = {k: v for k, v in stmt.items() if k not in LRS_FIELDS}
    checked["id"] = statement_id
    return checked


def write_records_file(
    path: Path,
    fields: Json,
    rows: Iterable[StatementRow],
    results: Sequence[bytes],
    cancel: threading.Event | None = None,
) -> tuple[int, int]:
    """Write a records file: `fields` after the format and version, then the statements of
    `rows` (their bodies as they are), the delivered ones' ids and `results`. Atomically into a
    file (a reader never sees half of it, a full USB stick keeps no half file); in place into a
    pipe or a device; `-` is standard output. Returns the number of statements and of delivered
    ones. `cancel` set (the player quitting) stops it every EXPORT_STEP rows and before the
    file replaces anything (ExportCancelled): the temporary file is removed, not left on the
    stick when the quit stopped waiting."""
    header = {"format": FORMAT, "version": FORMAT_VERSION, **fields}
    count = 0
    delivered: list[str] = []
    # 0600: a learner's records are personal data (names, answers, times); a shared laptop's
    # other accounts read a file made with the umask's 0644.
    with open_output(path, private=True, stdout=True) as out:
        out.write(json.dumps(header, ensure_ascii=False)[:-1].encode())
        out.write(b', "statements": [')
        for row in rows:
            if count % EXPORT_STEP == 0:
                _stop_export_if(cancel, path)
            out.write(b",\n" if count else b"\n")
            out.write(row.body)
            count += 1
            if row.state == "delivered":
                delivered.append(row.id)
        out.write(b'\n], "delivered": ')
        out.write(json.dumps(delivered).encode())
        out.write(b', "results": [')
        out.write(b",".join(results))
        out.write(b"]}\n")
        _stop_export_if(cancel, path)  # the last look, before the file is put in place
    return count, len(delivered)


def _stop_export_if(cancel: threading.Event | None, path: Path) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled(f"{path}: not written: stopped")


_BLANK = re.compile(rb"[ \t\r\n\0]*")  # a file of nothing else (matched, not copied stripped)


def file_learner(data: object) -> str | None:
    """The name of the learner a records file says it holds (`profile.name`), if any: a bare
    array, or a file written by hand, may not say."""
    return _profile_text(data, "name")


def _profile_actor(data: object) -> Json | None:
    """The actor the file's header gives its learner (`profile.actor`: the account linked on
    the other computer, or its device's), if it gives one."""
    profile = data.get("profile") if isinstance(data, dict) else None
    actor = profile.get("actor") if isinstance(profile, dict) else None
    return actor if isinstance(actor, dict) else None


def _profile_text(data: object, key: str) -> str | None:
    profile = data.get("profile") if isinstance(data, dict) else None
    value = profile.get(key) if isinstance(profile, dict) else None
    return value if isinstance(value, str) and value else None


@dataclass(frozen=True)
class RecordsFile:
    """A records file read and checked whole: what an import takes of it, read once (a big
    file takes a while) before anything is asked or written. Its statements share their equal
    parts (_sharing: one actor object for all): read them, never change them."""

    path: Path
    statements: list[Json]
    delivered: set[str]
    # The graded exam results as the file has them, not checked: exam grades never come from a
    # file (records.py), so an import only counts them among the grades left out. They are the
    # LRS's statements as it sent them (sync.results), valid xAPI our statement check may not
    # take ('P0Y0M0DT0H12M30S', a grader's own extensions): checked, one field of one refused
    # the learner's whole file.
    results: list[object]
    learner: str | None  # `profile.name`: whose records the file says they are
    language: str | None = None  # `profile.language`, for a profile made from the file
    actor: Json | None = None  # `profile.actor`: who the learner was on the other computer

    def name(self) -> str | None:
        """The learner's name, for a profile made from the file: the file's own, else the one
        its statements' actor gives (xAPI `actor.name`) when they all give the same."""
        if self.learner:
            return self.learner
        names = {s["actor"].get("name") for s in self.statements}
        found = names.pop() if len(names) == 1 else None
        return (" ".join(found.split()) or None) if isinstance(found, str) else None


#: The largest file read whole: a records file of 9000 statements (a year of daily study) is
#: 13 MB. "All files (*)" lets a video or a disk image be picked by mistake; read, its gigabytes
#: went into memory before its first byte said it was no records file. Read, a records file
#: takes about 3 times its size at its peak (tracemalloc; the process grew by twice it): its
#: bytes, then its text; its statements, their equal parts shared, a quarter to three quarters
#: of it. A JSON file of no records (a data dump picked by mistake) takes what a plain parse of
#: it does, nothing shared: 12 times its size for small objects of numbers (35 MB: 433 MB
#: resident), up to about 25 for tinier parts. At 1 GiB, gigabytes on a school laptop; at
#: 128 MiB, ten years of daily study, and 1.5 to 3 GB for such a dump.
MAX_FILE_BYTES = 128 << 20
#: How much of a file is looked at before it is read whole: its first characters (a records file
#: is JSON: an object, or an array of statements) after a byte order mark and blank space.
_HEAD_BYTES = 4096
_PIECE_BYTES = 1 << 20
#: The longest array shared (_sharing): a statement's activities, its choices; not a dump's.
_SHARED_ITEMS = 16
#: The objects parsed before _sharing may find it does not pay: at most one in eight found again.
_SHARING_TRIAL = 10_000
#: The objects parsed between two looks at a read's cancel (a 120 MB file holds millions).
_STOP_OBJECTS = 4096


def _content(path: Path, file: str, cancel: threading.Event | None) -> bytearray:
    """The file's bytes, once its size and its first characters say it may be a records file
    (RecordsError, in one line, when they do not); `cancel` looked at before each piece."""
    # Opened without waiting, then read waiting: a pipe with no writer (a FIFO picked in the
    # player's file dialog) opens at once and reads as empty, where a plain open waited for a
    # writer forever, holding the player's worker.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as handle:
        if hasattr(os, "O_NONBLOCK"):  # Windows has neither it nor, for files, set_blocking
            os.set_blocking(fd, True)
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_FILE_BYTES:
            raise _too_big(file)
        head = handle.read(_HEAD_BYTES)
        start = head.decode(json.detect_encoding(head), "ignore").lstrip("\ufeff" + TAIL)
        if start and start[0] not in "{[":
            raise RecordsError(
                f"{file}: not a records file (a records file is a JSON object or array)",
                RecordsFault.NOT_RECORDS,
            )
        # In pieces, into one buffer: a read of the most taken at once is a buffer that big,
        # and the head put before what follows it another copy of the whole file.
        content = bytearray(head)
        while piece := handle.read(min(_PIECE_BYTES, MAX_FILE_BYTES + 1 - len(content))):
            content += piece  # a device has no size: read up to the most taken, and one more
            _stop_if(cancel, file)
    if len(content) > MAX_FILE_BYTES:
        raise _too_big(file)
    return content


def _too_big(file: str) -> RecordsError:
    return RecordsError(
        f"{file}: too big for a records file (more than {MAX_FILE_BYTES >> 20} MB)",
        RecordsFault.NOT_RECORDS,
    )


def _sharing(stop: Callable[[], None]) -> Callable[[list[tuple[str, Any]]], Json]:
    """A parse's `object_pairs_hook` that makes equal parts one object: a file's statements
    repeat the same actor, verb, activities and course names thousands of times, and parsed
    apart each one took four times its JSON's size (a 120 MB file, half a gigabyte); shared,
    a quarter of it. Shared are strings, and objects and short arrays whose every part is
    shared or null: equal is equal keys in the same order with the same parts. Numbers, true
    and false are not keyed (1, 1.0 and true, or 0.0 and -0.0, must stay apart: a statement
    is queued as its file has it), so what holds one is not shared; nor long arrays. In a JSON
    file of no records (a data dump picked by mistake) nothing repeats: keying its every
    number and object took a 35 MB dump of {"x": 1, "y": 0.5} objects 30 s and 1.2 GB to
    refuse, where a plain parse takes 2 s and 0.43 GB; and once _SHARING_TRIAL objects are
    read with fewer than one in eight found again (a records file's: three in four), or with
    a table of more than two parts for each found (a records file's: one for fifteen; a dump
    of strings whose every record holds an {}, or one record in seven a same {"k": "v"}, finds
    one in two or one in seven again, but its table holds 5 and 24 parts for each), the rest
    is parsed as it is. The objects it makes are read, never changed (RecordsFile). Its table
    holds every shared part until the parse ends: an id names a part alive. `stop` is called
    every _STOP_OBJECTS objects: the parse, a big file's longest step, stops there."""
    table: dict[object, Any] = {}  # str -> str; (type, *keys) -> part; id(part) -> part
    alone = object()  # the key of a part not shared

    def key(value: object) -> object:
        if type(value) is str or value is None:
            return value
        found = table.get(id(value))  # dict or list: shared, or not
        return id(value) if found is value else alone

    def shared(value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return table.setdefault(value, value)
        if kind is list and len(value) <= _SHARED_ITEMS:  # arrays have no hook: shared here
            marked = (list, *map(key, value))
            if alone not in marked:
                found = table.setdefault(marked, value)
                table[id(found)] = found
                return found
        return value

    looked = hits = made = 0

    def hook(pairs: list[tuple[str, Any]]) -> Json:
        nonlocal looked, hits, made
        made += 1
        if made % _STOP_OBJECTS == 0:
            stop()
        if looked >= _SHARING_TRIAL and (hits * 8 < looked or len(table) > 2 * hits):
            return dict(pairs)  # little repeats: no records file, no sharing worth its cost
        looked += 1
        pairs = [(name, shared(value)) for name, value in pairs]
        marked: list[object] = [dict]
        for name, value in pairs:
            part = key(value)
            if part is alone:
                return dict(pairs)
            marked += name, part
        found = table.get(flat := tuple(marked))
        if found is None:
            found = table[flat] = dict(pairs)
            table[id(found)] = found
        else:
            hits += 1
        return found

    return hook


def read_records_file(path: Path, cancel: threading.Event | None = None) -> RecordsFile:
    """A records file (or a bare array of statements), read and checked; RecordsError, in one
    line naming the file, when it cannot be imported. `cancel` set (from another thread), the
    read stops at its next step (ReadCancelled): after a piece of its bytes (a megabyte), a few
    thousand objects parsed, a statement checked."""
    file = str(path)
    try:
        return _read(path, file, cancel)
    except StoreError as error:  # RecordsError, ReadCancelled: the file's, or the Stop's
        # Raised again bare, as long as whoever caught it keeps it (the status line, to say it
        # again translated): its traceback held the frames of the read, and so the file's text
        # and its objects; its context, a JSONDecodeError, the whole text as its `doc`.
        error.__context__ = None
        raise error.with_traceback(None) from None


def _read(path: Path, file: str, cancel: threading.Event | None) -> RecordsFile:
    """read_records_file's work, whose frames an error's traceback holds."""
    if path.is_dir():
        raise RecordsError(f"{file}: is a folder, not a file", RecordsFault.FOLDER)
    try:
        content = _content(path, file, cancel)
    except FileNotFoundError:
        raise RecordsError(f"{file}: no such file", RecordsFault.NO_FILE) from None
    except OSError as exc:
        raise RecordsError(
            f"{file}: cannot read: {exc.strerror}", RecordsFault.UNREADABLE
        ) from None
    if _BLANK.fullmatch(content):  # zeros alone: a copy stopped before its first byte
        raise RecordsError(f"{file}: is empty", RecordsFault.EMPTY)
    try:  # as json.loads decodes bytes, but its bytes let go before the parse
        text = content.decode(json.detect_encoding(content), "surrogatepass")
    except UnicodeDecodeError as exc:
        kind, reason = not_text_reason(exc)
        raise RecordsError(f"{file}: {reason}", kind) from None
    del content
    _stop_if(cancel, file)
    try:
        # json.loads's decoder for a str, without its check of a leading BOM: the bytes' own
        # read never made it (a second BOM said "Expecting value", as it still does).
        stop = partial(_stop_if, cancel, file)
        decoder = json.JSONDecoder(parse_constant=not_json, object_pairs_hook=_sharing(stop))
        statement_first(decoder, text, file)
        no_dump(text, file)
        data = decoder.decode(text)
    except json.JSONDecodeError as exc:
        kind, reason = not_json_reason(exc)
        raise RecordsError(f"{file}: {reason}", kind) from None
    except RecursionError:
        raise RecordsError(f"{file}: not a records file: nested too deep") from None
    except ValueError as exc:  # NaN, Infinity, a number of thousands of digits
        raise RecordsError(f"{file}: not JSON: {exc}", RecordsFault.NOT_JSON) from None
    del text, decoder  # the text, and the decoder's table of what it shared
    _stop_if(cancel, file)
    if isinstance(data, list):
        raw, delivered, results = data, [], []
        prefix = "$"
    elif isinstance(data, dict):
        check_header(data, file)
        raw = data.get("statements")
        delivered = data.get("delivered", [])
        results = data.get("results", [])
        prefix = "$.statements"
        if not isinstance(raw, list):
            raise fail(file, "$.statements", "missing or not an array")
        if not isinstance(delivered, list) or not all(isinstance(i, str) for i in delivered):
            raise fail(file, "$.delivered", "not an array of statement ids")
        if not isinstance(results, list):
            raise fail(file, "$.results", "not an array")
    else:
        wrong = "expected a records object or an array of statements"
        raise fail(file, "$", wrong, RecordsFault.NOT_RECORDS)
    learner, language, actor = (
        file_learner(data),
        _profile_text(data, "language"),
        _profile_actor(data),
    )
    # Each statement's checked copy takes its place in a list of our own (the file's may be
    # shared: see _sharing), so that the file's own is let go as it is checked.
    statements: list[Json] = list(raw)
    del data, raw
    for i, stmt in enumerate(statements):
        _stop_if(cancel, file)
        statements[i] = check_statement(stmt, file, f"{prefix}[{i}]")
    seen: set[str] = set()
    for i, s in enumerate(statements):
        if s["id"] in seen:
            raise fail(file, f"{prefix}[{i}].id", f"statement id {s['id']} appears twice")
        seen.add(s["id"])
    return RecordsFile(
        path, statements, {i.lower() for i in delivered}, results, learner, language, actor
    )
