"""Which of two grades of one exam attempt is the institution's last word.

Apart from sync.results so the records store can ask it without importing the HTTP client."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

_NEVER = datetime.min.replace(tzinfo=UTC)


def parse_time(text: str) -> datetime | None:
    """An xAPI timestamp (ISO 8601, `Z` or an offset; naive read as UTC), or None."""
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def grade_order(timestamp: object, stored: object) -> tuple[datetime, datetime]:
    """The sort key of a grade: its `timestamp` (the grader's decision), then its `stored`."""
    return (parse_time(str(timestamp)) or _NEVER, parse_time(str(stored)) or _NEVER)


def supersedes(grade: Mapping[str, Any], held: Mapping[str, Any]) -> bool:
    """Whether the grade statement `grade` replaces `held`, of the same attempt: a later
    `timestamp`, or at the same timestamp a later `stored`. The pull and the store both ask
    it, so a grade read after a newer one (stored out of order, another agent's) does not undo
    it, and the grade shown does not depend on when the learner synced."""
    return grade_order(grade.get("timestamp"), grade.get("stored")) > grade_order(
        held.get("timestamp"), held.get("stored")
    )
