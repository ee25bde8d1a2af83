"""Learners on this device: names, language, optional PIN, optional LRS account.

The PIN keeps classmates on a shared laptop out of each other's records; it is a 4-digit code,
so its scrypt hash slows guessing but cannot stop someone holding the file. Every records query
in the store takes a profile id; nothing lists another profile's records.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from player.store.database import Database, StoreError
from player.store.ids import new_uuid
from player.store.statements import Actor, device_actor
from sync.outbox import Outbox

PIN_PATTERN = re.compile(r"^[0-9]{4}$")
MAX_NAME = 80
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1


class ProfileError(StoreError):
    """A profile operation refused: unknown profile, taken name, bad PIN..."""


class UndeliveredRecords(ProfileError):
    """Removing this profile would drop statements the institution has not received."""

    def __init__(self, name: str, waiting: int) -> None:
        super().__init__(
            f"profile {name!r} has {waiting} records not yet sent to the institution; "
            "export them first or remove with force"
        )
        self.waiting = waiting


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    language: str
    has_pin: bool
    actor: Actor
    account_linked: bool
    created_at: datetime


def _hash_pin(pin: str) -> str:
    import hashlib  # here, not at the top: OpenSSL loads in 3 ms the start does not need

    salt = os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P)
    return f"scrypt${_SCRYPT_N}${_SCRYPT_R}${_SCRYPT_P}${salt.hex()}${digest.hex()}"


def _pin_matches(pin: str, stored: str) -> bool:
    import hashlib
    import hmac

    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        candidate = hashlib.scrypt(
            pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p)
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate, bytes.fromhex(digest))


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise ProfileError("a profile needs a name")
    if len(cleaned) > MAX_NAME:
        raise ProfileError(f"profile name is longer than {MAX_NAME} characters")
    return cleaned


def _check_pin(pin: str) -> str:
    if not PIN_PATTERN.match(pin):
        raise ProfileError("a PIN is exactly 4 digits")
    return pin


_COLUMNS = "id, name, language, pin_hash, actor_home_page, actor_name, account_linked, created_at"


def _profile(row: tuple) -> Profile:
    return Profile(
        id=row[0],
        name=row[1],
        language=row[2],
        has_pin=bool(row[3]),
        actor=Actor(row[4], row[5]),
        account_linked=bool(row[6]),
        created_at=datetime.fromtimestamp(row[7], UTC),
    )


class Profiles:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.conn = database.conn

    def all(self) -> list[Profile]:
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM profiles ORDER BY name COLLATE NOCASE"
        ).fetchall()
        return [_profile(r) for r in rows]

    def get(self, profile_id: str) -> Profile:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM profiles WHERE id = ?", (profile_id,)
        ).fetchone()
        if row is None:
            raise ProfileError(f"no profile with id {profile_id}")
        return _profile(row)

    def find(self, name_or_id: str) -> Profile:
        """By name (case-insensitive) or id: what the command line accepts."""
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM profiles WHERE name = ? COLLATE NOCASE OR id = ?",
            (" ".join(name_or_id.split()), name_or_id),
        ).fetchone()
        if row is None:
            raise ProfileError(f"no profile named {name_or_id!r}")
        return _profile(row)

    def add(self, name: str, language: str = "en", pin: str | None = None) -> Profile:
        name = _clean_name(name)
        pin_hash = _hash_pin(_check_pin(pin)) if pin is not None else None
        profile_id = new_uuid()
        actor = device_actor(self.database.device_id(), profile_id)
        now = self.database.clock()
        with self.database.transaction():
            if self._name_taken(name):
                raise ProfileError(f"a profile named {name!r} already exists")
            self.conn.execute(
                f"INSERT INTO profiles ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
                (profile_id, name, language, pin_hash, actor.home_page, actor.name, now),
            )
        return self.get(profile_id)

    def _name_taken(self, name: str, other_than: str = "") -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM profiles WHERE name = ? COLLATE NOCASE AND id != ?",
            (name, other_than),
        ).fetchone()
        return row is not None

    def _update(self, profile_id: str, sql: str, params: tuple) -> Profile:
        with self.database.transaction():
            cursor = self.conn.execute(sql + " WHERE id = ?", (*params, profile_id))
            if cursor.rowcount != 1:
                raise ProfileError(f"no profile with id {profile_id}")
        return self.get(profile_id)

    def rename(self, profile_id: str, name: str) -> Profile:
        name = _clean_name(name)
        if self._name_taken(name, profile_id):
            raise ProfileError(f"a profile named {name!r} already exists")
        return self._update(profile_id, "UPDATE profiles SET name = ?", (name,))

    def set_language(self, profile_id: str, language: str) -> Profile:
        return self._update(profile_id, "UPDATE profiles SET language = ?", (language,))

    def set_pin(self, profile_id: str, pin: str | None) -> Profile:
        """Set, change (`pin`) or remove (None) the PIN."""
        pin_hash = _hash_pin(_check_pin(pin)) if pin is not None else None
        return self._update(profile_id, "UPDATE profiles SET pin_hash = ?", (pin_hash,))

    def check_pin(self, profile_id: str, pin: str) -> bool:
        """True when the profile has no PIN or `pin` is it (constant-time comparison)."""
        row = self.conn.execute(
            "SELECT pin_hash FROM profiles WHERE id = ?", (profile_id,)
        ).fetchone()
        if row is None:
            raise ProfileError(f"no profile with id {profile_id}")
        if row[0] is None:
            return True
        return _pin_matches(pin, row[0])

    def link_account(self, profile_id: str, home_page: str, name: str) -> Profile:
        """Statements made from now on name the learner's account at the institution.

        Statements already queued keep the device actor (queued bytes are never edited).
        """
        if not home_page.startswith(("http://", "https://")) or not name:
            raise ProfileError("an account needs an http(s) home page and a name")
        return self._update(
            profile_id,
            "UPDATE profiles SET actor_home_page = ?, actor_name = ?, account_linked = 1",
            (home_page, name),
        )

    def unlink_account(self, profile_id: str) -> Profile:
        actor = device_actor(self.database.device_id(), profile_id)
        return self._update(
            profile_id,
            "UPDATE profiles SET actor_home_page = ?, actor_name = ?, account_linked = 0",
            (actor.home_page, actor.name),
        )

    def remove(self, profile_id: str, *, force: bool = False) -> None:
        """Remove a profile and all its records; refused while statements wait to be sent."""
        profile = self.get(profile_id)
        box = Outbox(self.conn)
        counts = box.counts(profile_id)
        waiting = counts.queued + counts.poison
        if waiting and not force:
            raise UndeliveredRecords(profile.name, waiting)
        with self.database.transaction():
            box.delete_profile(profile_id)
            self.conn.execute("DELETE FROM profiles WHERE id = ?", (profile_id,))
