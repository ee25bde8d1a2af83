"""xAPI 1.0.3 statements the player makes: verbs, activity ids, contexts, frozen bytes.

Pure functions, no database: the event functions (the modules `events.py` names, and
`assessments.py`) call them inside their transaction. docs/xapi.md describes every statement
kind with an example; keep them in step.

Choices (see docs/xapi.md):
- actor `account{homePage, name}`: the LRS account linked to the profile, else the device
  (`https://cartable.invalid/device/<device uuid>`, an IRL in the reserved `.invalid` domain) and
  the profile's uuid;
- activity ids under the publisher's URL (`<publisher url>/cartable/course/<id>/unit/<id>`), or
  under `https://cartable.invalid` when the course names no publisher URL;
- cmi5 verbs, categories and context extensions; the ADL video profile for video units;
- no `stored`, `authority` or `version`: those are the LRS's.
"""

from __future__ import annotations

import json
import math
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from player.course.manifest import Course, Module, Unit
from player.store.ids import new_uuid

Json = dict[str, Any]

CARTABLE_IRI = "https://cartable.invalid"
DEVICE_HOME_PAGE = CARTABLE_IRI + "/device/"
EXT = CARTABLE_IRI + "/xapi/extensions/"

# -- vocabulary -------------------------------------------------------------------------------

ADL = "http://adlnet.gov/expapi/verbs/"
VIDEO = "https://w3id.org/xapi/video/"

VERBS: dict[str, str] = {
    "launched": ADL + "launched",
    "initialized": ADL + "initialized",
    "completed": ADL + "completed",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
    "terminated": ADL + "terminated",
    "abandoned": "https://w3id.org/xapi/adl/verbs/abandoned",
    "satisfied": "https://w3id.org/xapi/adl/verbs/satisfied",
    "answered": ADL + "answered",
    "experienced": ADL + "experienced",
    "attempted": ADL + "attempted",
    "submitted": "http://activitystrea.ms/schema/1.0/submit",
    "played": VIDEO + "verbs/played",
    "paused": VIDEO + "verbs/paused",
    "seeked": VIDEO + "verbs/seeked",
}
VERB_NAMES: dict[str, str] = {iri: name for name, iri in VERBS.items()}
#: A statement's `verb`, made once per verb (shared: never edit one).
VERB_OBJECTS: dict[str, Json] = {
    name: {"id": iri, "display": {"en-US": name}} for name, iri in VERBS.items()
}

CMI5_CATEGORY: Json = {
    "objectType": "Activity",
    "id": "https://w3id.org/xapi/cmi5/context/categories/cmi5",
}
MOVEON_CATEGORY: Json = {
    "objectType": "Activity",
    "id": "https://w3id.org/xapi/cmi5/context/categories/moveon",
}
VIDEO_CATEGORY: Json = {
    "objectType": "Activity",
    "id": "https://w3id.org/xapi/video",
    "definition": {"type": "http://adlnet.gov/expapi/activities/profile"},
}

CMI5_EXT = "https://w3id.org/xapi/cmi5/context/extensions/"
CMI5_SESSION = CMI5_EXT + "sessionid"
CMI5_LAUNCH_MODE = CMI5_EXT + "launchmode"
CMI5_LAUNCH_URL = CMI5_EXT + "launchurl"
CMI5_MOVE_ON = CMI5_EXT + "moveon"
CMI5_MASTERY = CMI5_EXT + "masteryscore"

VIDEO_EXT = VIDEO + "extensions/"
VIDEO_SESSION = VIDEO_EXT + "session-id"
VIDEO_LENGTH = VIDEO_EXT + "length"
VIDEO_TIME = VIDEO_EXT + "time"
VIDEO_TIME_FROM = VIDEO_EXT + "time-from"
VIDEO_TIME_TO = VIDEO_EXT + "time-to"
VIDEO_PROGRESS = VIDEO_EXT + "progress"
VIDEO_SEGMENTS = VIDEO_EXT + "played-segments"
VIDEO_THRESHOLD = VIDEO_EXT + "completion-threshold"

EXT_ATTEMPT = EXT + "attempt"  # quiz/exam attempt number (1, 2...)
EXT_ATTEMPT_ID = EXT + "attempt-id"  # quiz attempt uuid (exams use their registration)
EXT_COURSE_REGISTRATION = EXT + "course-registration"  # exam statements: the enrolment
EXT_PAGE = EXT + "page"  # slides: 1-based page number
EXT_PAGES = EXT + "pages"  # slides: pages in the deck
EXT_EXAM = EXT + "exam"  # true on a certifying exam's statements
EXT_AUTO_SUBMITTED = EXT + "auto-submitted"  # result of `submitted`: the deadline did

ACTIVITY_TYPES: dict[str, str] = {
    "course": "https://w3id.org/xapi/cmi5/activitytype/course",
    "block": "https://w3id.org/xapi/cmi5/activitytype/block",
    "video": "https://w3id.org/xapi/video/activity-type/video",
    "slides": "http://id.tincanapi.com/activitytype/slide-deck",
    "slide": "http://id.tincanapi.com/activitytype/slide",
    "reading": "http://id.tincanapi.com/activitytype/document",
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "exam": "http://adlnet.gov/expapi/activities/assessment",
}


# -- actor and ids ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor:
    """Who the statements are about, as xAPI's account (home page and name)."""

    home_page: str
    name: str

    def to_json(self) -> Json:
        return {"objectType": "Agent", "account": {"homePage": self.home_page, "name": self.name}}


def device_actor(device_id: str, profile_id: str) -> Actor:
    return Actor(DEVICE_HOME_PAGE + device_id, profile_id)


def iri_base(course: Course) -> str:
    """Where a course's activity ids live: under its publisher's web site when it names one."""
    url = course.publisher.url if course.publisher else ""
    parts = urlsplit(url) if url else None
    if parts and parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}/cartable"
    return CARTABLE_IRI


def course_iri(course: Course) -> str:
    return f"{iri_base(course)}/course/{course.id}"


def module_iri(course: Course, module: Module) -> str:
    return f"{course_iri(course)}/module/{module.id}"


def unit_iri(course: Course, unit_id: str) -> str:
    return f"{course_iri(course)}/unit/{unit_id}"


def page_iri(course: Course, unit_id: str, page: int) -> str:
    return f"{unit_iri(course, unit_id)}/page/{page}"


def question_iri(course: Course, unit_id: str, question_id: str) -> str:
    return f"{unit_iri(course, unit_id)}/question/{question_id}"


_UNIT_IRI = re.compile(r"/course/([^/]+)/unit/([^/]+)(?:/(page|question)/([^/]+))?$")
_BLOCK_IRI = re.compile(r"/course/([^/]+)(?:/module/([^/]+))?$")
#: A page number in an activity id: ASCII digits, nine at most. str.isdigit takes '²', which
#: int() refuses, and 400 digits make a page no float (a position) can hold.
_PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class ActivityRef:
    """What an activity id of ours points at (`unit_id` empty for a course or module)."""

    course_id: str
    unit_id: str = ""
    module_id: str = ""
    page: int | None = None
    question_id: str = ""


def parse_activity_iri(iri: str) -> ActivityRef | None:
    """Read an activity id made by `course_iri`/`unit_iri`/... back (import, replay)."""
    match = _UNIT_IRI.search(iri)
    if match:
        course_id, unit_id, kind, tail = match.groups()
        if kind == "page":
            return ActivityRef(course_id, unit_id, page=int(tail)) if _is_page(tail) else None
        return ActivityRef(course_id, unit_id, question_id=tail or "")
    match = _BLOCK_IRI.search(iri)
    if match:
        return ActivityRef(match.group(1), module_id=match.group(2) or "")
    return None


def _is_page(text: str) -> bool:
    """Whether `text` is a page number as `page_iri` writes it."""
    return _PAGE_NUMBER.fullmatch(text) is not None


def bad_page(iri: str) -> bool:
    """Whether `iri` is a page id of ours whose page is no number `page_iri` writes: a records
    file written by hand, refused by the import's check rather than folded as no page."""
    match = _UNIT_IRI.search(iri)
    return match is not None and match.group(3) == "page" and not _is_page(match.group(4))


def _name(text: str, language: str) -> Json:
    return {language or "und": text or "-"}


def activity(iri: str, kind: str, title: str, language: str) -> Json:
    return {
        "objectType": "Activity",
        "id": iri,
        "definition": {"type": ACTIVITY_TYPES[kind], "name": _name(title, language)},
    }


def course_activity(course: Course) -> Json:
    return activity(course_iri(course), "course", course.title, course.language)


def module_activity(course: Course, module: Module) -> Json:
    return activity(module_iri(course, module), "block", module.title, course.language)


def unit_activity(course: Course, unit: Unit) -> Json:
    return activity(unit_iri(course, unit.id), unit.type, unit.title, course.language)


def page_activity(course: Course, unit: Unit, page: int) -> Json:
    title = f"{unit.title} - {page}"
    return activity(page_iri(course, unit.id, page), "slide", title, course.language)


# -- times ------------------------------------------------------------------------------------


def timestamp_text(moment: float, now: float | None = None) -> str:
    """UTC with milliseconds, `2026-11-26T10:32:57.123Z`; never later than now."""
    now = time.time() if now is None else now
    seconds, millis = divmod(math.floor(min(moment, now) * 1000), 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{millis:03d}Z"


def parse_timestamp(text: str) -> float:
    """An xAPI timestamp (any ISO 8601 with offset; naive means UTC) as epoch seconds."""
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


#: The longest duration a statement says (`result.duration`): no study lasts longer. The
#: recorder writes no longer one, and an import counts none longer: a span a clock set right
#: stretched (a laptop back at 2000 after a dead battery, then set to the date) would otherwise
#: make the learner's own records a file that no import takes.
MAX_DURATION = 10 * 365 * 86400.0
#: The longest duration an import takes: a Cartable before 77a381e capped none, and its outbox
#: keeps what it wrote (a clock at 1970 set right during a quiz is 56 years), which the export
#: copies as it is. Taken, such a duration counts as `MAX_DURATION` (ingest.py); a longer one
#: no clock made is refused.
MAX_RECORDED_DURATION = 100 * 365 * 86400.0


def duration_text(seconds: float) -> str:
    """ISO 8601 duration to the hundredth of a second, as xAPI recommends: `PT1H2M3.5S`; from
    0 to `MAX_DURATION`."""
    centis = round(min(max(0.0, seconds), MAX_DURATION) * 100)
    hours, rest = divmod(centis, 360_000)
    minutes, rest = divmod(rest, 6_000)
    secs = f"{rest // 100}.{rest % 100:02d}".rstrip("0").rstrip(".")
    text = "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if rest or text == "PT":
        text += f"{secs}S"
    return text


#: A duration's number: ISO 8601's decimal sign is a comma (its preferred one, as most of Europe
#: writes it) or a dot; xAPI takes any ISO 8601 duration, so a file from another tool or LRS may
#: hold `PT1,5S`. Cartable writes a dot (`duration_text`).
_NUMBER = r"[0-9]+(?:[.,][0-9]+)?"
#: ISO 8601's duration, its full form too (`P0Y0M0DT0H12M30S`, as some LRSs and authoring tools
#: write it: xAPI takes any ISO 8601 duration); a `T` is followed by a time part.
_DURATION = re.compile(
    rf"P(?:(?P<y>{_NUMBER})Y)?(?:(?P<mo>{_NUMBER})M)?(?:(?P<w>{_NUMBER})W)?"
    rf"(?:(?P<d>{_NUMBER})D)?(?:T(?=[0-9])(?:(?P<h>{_NUMBER})H)?(?:(?P<m>{_NUMBER})M)?"
    rf"(?:(?P<s>{_NUMBER})S)?)?"
)


class CalendarDuration(ValueError):
    """An ISO 8601 duration in years or months, refused: their length in seconds depends on the
    date they start from (a month is 28 to 31 days), which a duration does not give, and any
    length chosen for them would count study time nobody measured. `parts`: those parts as
    written (`1Y2M`: digits and a decimal sign only, safe to show)."""

    def __init__(self, text: str, parts: str) -> None:
        super().__init__(f"a duration in years or months has no length in seconds: {text!r}")
        self.parts = parts


def parse_duration(text: str) -> float:
    """Seconds of an ISO 8601 duration, its decimal sign a comma or a dot. Cartable writes
    hours, minutes and seconds alone (`duration_text`); years and months, which have no length
    in seconds, are taken at zero only (`P0Y0M...`): CalendarDuration otherwise, ValueError for
    anything not ISO 8601. Read too, as every earlier version read them (a learner's own
    export is never refused after an update): a fraction before the last part (`PT1.5H30M`,
    2 hours) and weeks with other parts (`P1W2D`, 9 days), which a strict LRS refuses
    (`duration_to_send`)."""
    match = _DURATION.fullmatch(text or "")
    if not match or text == "P":
        raise ValueError(f"not an ISO 8601 duration: {text!r}")
    parts = {k: float(v.replace(",", ".")) if v else 0.0 for k, v in match.groupdict().items()}
    if parts["y"] or parts["mo"]:
        written = [f"{match[k]}{unit}" for k, unit in (("y", "Y"), ("mo", "M")) if parts[k]]
        raise CalendarDuration(text, "".join(written))
    days = parts["w"] * 7 + parts["d"]
    return days * 86400 + parts["h"] * 3600 + parts["m"] * 60 + parts["s"]


def duration_to_send(text: str) -> str:
    """A duration `parse_duration` reads, as a strict LRS takes it: as written when it is in
    the form xapi-schema checks (yetanalytics' SQL LRS runs that check: a dot for decimal
    sign, a fraction on the last part only, weeks alone) and not over the cap, else in the
    recorder's form (`duration_text`: `PT1,5S` -> `PT1.5S`, `PT1.5H30M` -> `PT2H`, `P1W2D` ->
    `PT216H`, `P5214W` -> `PT87600H`), to the hundredth, at most `MAX_DURATION` as the import
    counts it (ingest.py). ValueError for one `parse_duration` refuses."""
    seconds = parse_duration(text)
    match = _DURATION.fullmatch(text)
    written = [v for v in match.groups() if v] if match else []  # the parts, in their order
    if (
        match
        and seconds <= MAX_DURATION  # longer: sent as counted (ingest.py), not as written
        and "," not in text
        and not any("." in v for v in written[:-1])
        and not (match["w"] and len(written) > 1)
    ):
        return text
    return duration_text(seconds)


# -- statements -------------------------------------------------------------------------------


#: A statement's id: a random version 4 UUID, made for every statement.
new_id = new_uuid


def context(
    registration: str,
    *,
    language: str,
    parent: Json | None = None,
    grouping: Json | None = None,
    session_id: str | None = None,
    cmi5: bool = False,
    moveon: bool = False,
    video: bool = False,
    extensions: Json | None = None,
) -> Json:
    """A statement context: registration, language, parent/grouping, categories, session."""
    out: Json = {"registration": registration}
    if language:
        out["language"] = language
    activities: Json = {}
    if parent:
        activities["parent"] = [parent]
    if grouping:
        activities["grouping"] = [grouping]
    categories = [
        c
        for c, wanted in ((CMI5_CATEGORY, cmi5), (MOVEON_CATEGORY, moveon), (VIDEO_CATEGORY, video))
        if wanted
    ]
    if categories:
        activities["category"] = categories
    if activities:
        out["contextActivities"] = activities
    ext: Json = dict(extensions or {})
    if session_id:
        ext[CMI5_SESSION] = session_id
        if video:
            ext[VIDEO_SESSION] = session_id
    if ext:
        out["extensions"] = ext
    return out


def statement(
    actor: Actor,
    verb: str,
    obj: Json,
    *,
    timestamp: str,
    context: Json | None = None,
    result: Json | None = None,
    statement_id: str | None = None,
) -> Json:
    out: Json = {
        "id": statement_id or new_id(),
        "actor": actor.to_json(),
        "verb": VERB_OBJECTS[verb],
        "object": obj,
        "timestamp": timestamp,
    }
    if result:
        out["result"] = result
    if context:
        out["context"] = context
    return out


_FROZEN = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def frozen_text(value: Any) -> str:
    """`value` as `freeze` writes it (a statement's part: a piece of its frozen bytes)."""
    return _FROZEN.encode(value)


def freeze(stmt: Json) -> bytes:
    """The bytes queued and sent: compact UTF-8 JSON with sorted keys, never edited after."""
    return _FROZEN.encode(stmt).encode()


#: Each verb's frozen text (events put a statement's bytes together from frozen parts).
VERB_TEXTS: dict[str, str] = {name: frozen_text(verb) for name, verb in VERB_OBJECTS.items()}


def thaw(body: bytes) -> Json:
    value = json.loads(body)
    if not isinstance(value, dict):
        raise ValueError("a statement is a JSON object")
    return value


def verb_name(stmt: Json) -> str:
    """Our short name for a statement's verb ('' for verbs we do not make)."""
    return VERB_NAMES.get(str(stmt.get("verb", {}).get("id", "")), "")


def score(scaled: float, raw: float | None = None, max_: float | None = None) -> Json:
    out: Json = {"scaled": round(min(1.0, max(-1.0, scaled)), 6)}
    if raw is not None and max_ is not None:
        out.update({"raw": round(raw, 6), "min": 0, "max": round(max_, 6)})
    return out
