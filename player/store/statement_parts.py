"""The parts every statement of a session repeats (activities, contexts, actor), built and
frozen to text once per session rather than at each event.

An event is a few hundred microseconds of work on the UI thread, and building these was most of
it. `UnitEvent.emit` (unit_event.py) puts a statement's bytes together from these texts: exactly
what `statements.freeze` would write (keys in order).
"""

from __future__ import annotations

from typing import Any

from player.course.manifest import Course, Unit, VideoUnit
from player.store import statements as st
from player.store.sessions import UnitSession

Json = dict[str, Any]


class SessionParts:
    """What every statement of a session repeats (activities, contexts, actor), built at its
    first event rather than at each: an event is a few hundred microseconds of work on the UI
    thread, and these were most of it. The dicts are shared between statements: read them,
    never edit them (statements are frozen to bytes as they are queued)."""

    __slots__ = (
        "actor_json",
        "actor_key",
        "actor_text",
        "contexts",
        "course_activity",
        "length",
        "module_activity",
        "unit_activity",
        "unit_ids",
        "unit_text",
    )

    def __init__(self, session: UnitSession) -> None:
        course, unit = session.course, session.unit
        self.unit_activity = st.unit_activity(course, unit)
        self.unit_text = st.frozen_text(self.unit_activity)
        self.module_activity = st.module_activity(course, session.module)
        self.course_activity = st.course_activity(course)
        #: Activity id -> is it this unit (or one of its pages or questions): folded into it.
        self.unit_ids: dict[str, bool] = {}
        self.length = unit.duration if isinstance(unit, VideoUnit) else None
        #: (cmi5, moveon, video, parent id) -> _Context
        self.contexts: dict[tuple[bool, bool, bool, str], _Context] = {}
        self.actor_key: tuple[str, str] | None = None
        self.actor_json: Json = {}
        self.actor_text = ""

    def context(
        self,
        session: UnitSession,
        cmi5: bool,
        moveon: bool,
        video: bool,
        parent: Json | None,
        extensions: Json | None,
    ) -> tuple[Json, str]:
        """The context and its frozen text."""
        key = (cmi5, moveon, video, parent["id"] if parent else "")
        found = self.contexts.get(key)
        if found is None:
            whole = st.context(
                session.registration,
                language=session.course.language,
                parent=parent or self.module_activity,
                grouping=self.course_activity,
                session_id=session.id,
                cmi5=cmi5,
                moveon=moveon,
                video=video,
            )
            own = whole.pop("extensions", {})
            defaults: Json = {st.VIDEO_LENGTH: self.length} if video else {}
            found = self.contexts[key] = _Context(whole, defaults, own)
        return found.with_extensions(extensions)

    def folds(self, course: Course, unit: Unit, activity_id: str) -> bool:
        found = self.unit_ids.get(activity_id)
        if found is None:
            ref = st.parse_activity_iri(activity_id)
            found = bool(ref and ref.course_id == course.id and ref.unit_id == unit.id)
            self.unit_ids[activity_id] = found
        return found

    def actor(self, home_page: str, name: str) -> Json:
        if self.actor_key != (home_page, name):
            self.actor_key = (home_page, name)
            self.actor_json = st.Actor(home_page, name).to_json()
            self.actor_text = st.frozen_text(self.actor_json)
        return self.actor_json


class _Context:
    """One kind of context of a session, and its frozen text around the `extensions` key
    (the one part that may change from statement to statement)."""

    __slots__ = ("base", "defaults", "fixed", "fixed_text", "head", "own", "tail")

    def __init__(self, base: Json, defaults: Json, own: Json) -> None:
        self.base = base
        self.defaults = defaults  # the given extensions win over these
        self.own = own  # the session's: these win over the given ones
        self.fixed = {**defaults, **own}  # the extensions when none are given
        self.head = st.frozen_text({k: v for k, v in base.items() if k < "extensions"})[1:-1]
        self.tail = st.frozen_text({k: v for k, v in base.items() if k > "extensions"})[1:-1]
        self.fixed_text = self._text(self.fixed)

    def _text(self, extensions: Json) -> str:
        pieces = [self.head] if self.head else []
        if extensions:
            pieces.append('"extensions":' + st.frozen_text(extensions))
        if self.tail:
            pieces.append(self.tail)
        return "{" + ",".join(pieces) + "}"

    def with_extensions(self, extensions: Json | None) -> tuple[Json, str]:
        out = dict(self.base)
        if not extensions:
            if self.fixed:
                out["extensions"] = self.fixed
            return out, self.fixed_text
        merged = {**self.defaults, **extensions, **self.own}
        out["extensions"] = merged
        return out, self._text(merged)
