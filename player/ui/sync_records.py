"""What the Sync panel lists of the outbox, with no widget and no text: the profile in use's
records waiting and refused, the other learners' only as one anonymous total (a run sends them
too, so the computer may still hold records once this learner's went). On a shared laptop no
profile reads another's records, nor their names, nor each one's count (docs/sync.md).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from player.store import Store
from sync.server_answer import StatementLabel, statement_label


@dataclass(frozen=True)
class WaitingRow:
    name: str | None  # the profile's; None: the other learners of the computer, as one
    queued: int
    refused: int


@dataclass(frozen=True)
class RefusedRow:
    """A refused statement as the panel lists it: by what the learner did (`label`, from its
    body: the audit's panel listed a UUID beside 2,000 characters of a validator's JSON)."""

    name: str  # the profile's
    statement_id: str
    label: StatementLabel
    answer: str  # the server's, as kept ("HTTP 422: …")


class ProfileRecords:
    """The records of one profile (None: no profile is open), read when asked."""

    def __init__(self, store: Store, profile_id: str | None) -> None:
        self.outbox = store.outbox
        self.profile = next((p for p in store.profiles.all() if p.id == profile_id), None)

    def waiting(self) -> list[WaitingRow]:
        """The profile's counts, then the others' total when they have any."""
        mine = self.profile
        everyone = self.outbox.counts()
        rows: list[WaitingRow] = []
        others = (everyone.queued, everyone.poison)
        if mine is not None:
            own = self.outbox.counts(mine.id)
            rows.append(WaitingRow(mine.name, own.queued, own.poison))
            others = (everyone.queued - own.queued, everyone.poison - own.poison)
        if any(others):
            rows.append(WaitingRow(None, *others))
        return rows

    def refused_mark(self) -> tuple[object, ...]:
        """Changes when the refused list does: it is read (with every statement's body) only
        then, as the panel is refreshed each second something is recorded while it is open."""
        mine = self.profile
        return (mine.id, mine.name, self.outbox.poison_mark(mine.id)) if mine else ()

    def refused(self) -> list[RefusedRow]:
        """Each refused statement of the profile, its activity named in the profile's
        language when the statement has it."""
        mine = self.profile
        if mine is None:
            return []
        languages = (mine.language,) if mine.language else ()
        return [
            RefusedRow(mine.name, p.id, statement_label(p.body, languages), p.server_answer)
            for p in self.outbox.poison_list(mine.id)
        ]


def refused_copy(store: Store, profile_id: str, chosen: list[str]) -> str:
    """The chosen refused statements for the clipboard: id, the server's whole answer (the
    list says it in words) and the statement itself, indented."""
    kept = {p.id: p for p in store.outbox.poison_list(profile_id)}
    parts = []
    for statement_id in chosen:
        poison = kept.get(statement_id)
        if poison is None:  # sent again meanwhile (`cartable sync --resend-refused`)
            continue
        statement = json.dumps(json.loads(poison.body), indent=2, ensure_ascii=False)
        parts.append(f"{statement_id}\n{poison.server_answer}\n{statement}")
    return "\n\n".join(parts)
